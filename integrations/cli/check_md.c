/* dtidy check -MD: the make rules naming every file the check read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../core/strbuf.h"
#include "../../core/walk.h"
#include "../../core/xalloc.h"
#include "../kbuild/depfile.h"
#include "cli.h"

/* A temporary file next to the target, renamed over it: make (or a parallel
 * make reading the .d) never sees half a file. */
static int write_whole(const char *path, const char *data, size_t len, char **err)
{
	struct strbuf tmp = {0};
	sb_printf(&tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp.s);
	if (fd < 0) {
		*err = xstrdup(strerror(errno));
		sb_free(&tmp);
		return -1;
	}
	int rc = 0;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -1;
			break;
		}
		done += (size_t)n;
	}
	int saved = errno;
	/* mkstemp makes 0600; a .d file is as readable as any build output. */
	mode_t mask = umask(0);
	umask(mask);
	if (rc == 0 && fchmod(fd, 0666 & ~mask) < 0)
		rc = -1, saved = errno;
	if (close(fd) < 0 && rc == 0)
		rc = -1, saved = errno;
	if (rc == 0 && rename(tmp.s, path) < 0)
		rc = -1, saved = errno;
	if (rc < 0) {
		unlink(tmp.s);
		*err = xstrdup(strerror(saved));
	}
	sb_free(&tmp);
	return rc;
}

int check_write_depfile(const struct cli_opts *o, const struct file_list *inputs,
			const struct file_list *reads)
{
	struct dep_input *in = xcalloc(inputs->n ? inputs->n : 1, sizeof(*in));
	for (size_t i = 0; i < inputs->n; i++) {
		in[i].path = inputs->v[i];
		in[i].reads = (const char *const *)reads[i].v;
		in[i].nreads = reads[i].n;
	}
	struct dep_request req = {.target = o->mt, .phony = o->mp, .inputs = in,
				  .ninputs = inputs->n};
	char *name = o->mf ? xstrdup(o->mf) : depfile_default_name(inputs->n ? inputs->v[0] : "dtidy");
	struct strbuf text = {0};
	const char *bad = NULL;
	char *err = NULL;
	int rc = 0;
	if (depfile_render(&text, &req, &bad) < 0) {
		fprintf(stderr, "dtidy check: -MD: make cannot name a file with a newline in it: '%s'\n",
			bad);
		rc = -1;
	} else if (write_whole(name, text.s ? text.s : "", text.len, &err) < 0) {
		fprintf(stderr, "dtidy check: cannot write %s: %s\n", name, err);
		free(err);
		rc = -1;
	}
	sb_free(&text);
	free(name);
	free(in);
	return rc;
}
