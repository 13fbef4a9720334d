/* A main() for fuzz targets outside libFuzzer: runs LLVMFuzzerTestOneInput
 * once on each file named on the command line. The regression tests
 * (tests/regress/) use it to replay every input a fuzzer ever found, with
 * gcc and under `make asan`, without needing clang. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	unsigned char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			unsigned char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s INPUT...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		size_t len = 0;
		unsigned char *data = slurp(argv[i], &len);
		if (!data) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			return 2;
		}
		LLVMFuzzerTestOneInput(data, len);
		free(data);
	}
	return 0;
}
