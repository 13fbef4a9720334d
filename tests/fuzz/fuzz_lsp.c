/* libFuzzer target: the language server on an arbitrary input stream. The
 * bytes are the client's side of a session (Content-Length framing, JSON-RPC
 * bodies, documents opened, changed, formatted, hovered); the server runs
 * until the input ends, its output going to /dev/null. Asserted: no crash,
 * leak, hang or unbounded memory whatever the framing or JSON holds. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "integrations/lsp/lsp.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int in = memfd_create("lsp-input", MFD_CLOEXEC);
	FUZZ_ASSERT(in >= 0);
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(in, data + done, size - done);
		FUZZ_ASSERT(w > 0);
		done += (size_t)w;
	}
	FUZZ_ASSERT(lseek(in, 0, SEEK_SET) == 0);
	int out = open("/dev/null", O_WRONLY | O_CLOEXEC);
	FUZZ_ASSERT(out >= 0);
	struct engine_opts eo = {.level = -1, .no_auto_include = 1};
	int rc = lsp_run(in, out, &eo);
	FUZZ_ASSERT(rc == 0 || rc == 1);
	close(in);
	close(out);
	return 0;
}
