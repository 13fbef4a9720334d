/* Lex+parse throughput: reads every file named on the command line into
 * memory once, then lexes and parses all of them again and again until at
 * least a second has passed, and prints the rate over the bytes parsed.
 * File reading is outside the timed loop; each pass builds and frees the
 * tokens and the CST exactly as `dtidy check` does for one file.
 *
 * usage: parse-bench [-t SECONDS] FILE...
 * prints: "<MB/s> MB/s <bytes> bytes <files> files <passes> passes" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/source.h"
#include "lexer/lexer.h"
#include "parser/parser.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One lex+parse of one file; returns the number of syntax errors so the
 * work cannot be optimised away. */
static size_t lex_parse(const struct source *src)
{
	struct dt_parsed p;
	dt_parse_text(&p, src->text, src->len);
	size_t nerr = p.cst.nerrors;
	dt_parsed_free(&p);
	return nerr;
}

int main(int argc, char **argv)
{
	double min_seconds = 1.0;
	int first = 1;
	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		char *end = NULL;
		min_seconds = strtod(argv[2], &end);
		if (*end || min_seconds <= 0) {
			fprintf(stderr, "parse-bench: -t needs a positive number of seconds\n");
			return 2;
		}
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: parse-bench [-t SECONDS] FILE...\n");
		return 2;
	}
	size_t nfiles = (size_t)(argc - first);
	struct source **srcs = calloc(nfiles, sizeof(*srcs));
	if (!srcs) {
		perror("parse-bench");
		return 2;
	}
	size_t bytes = 0;
	int rc = 0;
	for (size_t i = 0; i < nfiles; i++) {
		char *err = NULL;
		srcs[i] = source_load(argv[first + (int)i], &err);
		if (!srcs[i]) {
			fprintf(stderr, "parse-bench: %s: %s\n", argv[first + (int)i], err);
			free(err);
			rc = 2;
			goto out;
		}
		bytes += srcs[i]->len;
	}

	size_t passes = 0, errors = 0;
	double start = now(), elapsed;
	do {
		for (size_t i = 0; i < nfiles; i++)
			errors += lex_parse(srcs[i]);
		passes++;
		elapsed = now() - start;
	} while (elapsed < min_seconds);

	printf("%.1f MB/s %zu bytes %zu files %zu passes %zu syntax-errors\n",
	       (double)bytes * (double)passes / elapsed / 1e6, bytes, nfiles, passes,
	       errors / passes);
out:
	for (size_t i = 0; i < nfiles; i++)
		if (srcs[i])
			source_free(srcs[i]);
	free(srcs);
	return rc;
}
