/* Every devicetree file of the shared corpus lexes back to its exact bytes
 * and parses without a syntax error, except the inputs dtc itself rejects
 * while reading them: there the first syntax error must sit on dtc's line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/walk.h"
#include "core/xalloc.h"
#include "dt_testutil.h"

/* A file dtc 1.8.1 refuses while reading (lexer or parser), and the line of
 * its first error. */
struct rejected {
	char name[128];
	unsigned line;
};

static const char *corpus_dir(void)
{
	const char *c = getenv("CORPUS");
	return c && *c ? c : "../shared/corpus";
}

static int is_read_error(const char *msg)
{
	return strstr(msg, "syntax error") || strstr(msg, "Lexical error") ||
	       strstr(msg, "Properties must precede subnodes");
}

/* Reads EXPECTED.tsv: file, rc 1.8.1, rc 1.6.1, first error of 1.8.1. */
static size_t load_rejected(struct rejected *out, size_t max)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/dtc-tests/EXPECTED.tsv", corpus_dir());
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s (set CORPUS)", path);
	char line[2048];
	size_t n = 0;
	while (fgets(line, sizeof(line), f)) {
		char *cols[4] = {line, NULL, NULL, NULL};
		for (int i = 1; i < 4; i++) {
			char *tab = cols[i - 1] ? strchr(cols[i - 1], '\t') : NULL;
			if (tab) {
				*tab = '\0';
				cols[i] = tab + 1;
			}
		}
		if (!cols[3] || strcmp(cols[1], "1") != 0 || !is_read_error(cols[3]))
			continue;
		if (strncmp(cols[0], "include", 7) == 0)
			continue;	/* fragments, skipped below */
		/* "Error: name.dts:6.2-7 ..." : the line follows "name.dts:" */
		char key[160];
		snprintf(key, sizeof(key), "%.150s:", cols[0]);
		const char *at = strstr(cols[3], key);
		cr_assert_not_null(at, "no position in: %s", cols[3]);
		cr_assert_lt(n, max);
		snprintf(out[n].name, sizeof(out[n].name), "%.127s", cols[0]);
		out[n].line = (unsigned)strtoul(at + strlen(key), NULL, 10);
		n++;
	}
	fclose(f);
	return n;
}

static int is_include_fragment(const char *rel)
{
	return strncmp(rel, "dtc-tests/include", 17) == 0;
}

Test(corpus, lexes_losslessly_and_parses_like_dtc)
{
	struct rejected rej[64];
	size_t nrej = load_rejected(rej, 64);
	/* the table must still hold the cases this test is about */
	cr_assert_eq(nrej, 4, "EXPECTED.tsv lists %zu read errors, this test knows 4", nrej);

	char *root = xstrdup(corpus_dir());
	struct file_list files = {0};
	struct diag_list problems = {0};
	cr_assert_eq(walk_paths(&root, 1, &files, &problems), 0, "cannot walk %s", root);
	cr_assert_gt(files.n, 400, "only %zu corpus files under %s", files.n, root);

	size_t checked = 0, rejected_seen = 0, invalid_seen = 0;
	for (size_t i = 0; i < files.n; i++) {
		const char *rel = files.v[i] + strlen(root);
		while (*rel == '/')
			rel++;
		if (strncmp(rel, "Bindings/", 9) == 0)
			continue;
		char *err = NULL;
		struct source *src = source_load(files.v[i], &err);
		cr_assert_not_null(src, "%s: %s", rel, err ? err : "");
		cr_expect(lex_roundtrips(src->text, src->len), "%s: lexing loses bytes", rel);
		if (is_include_fragment(rel)) {
			source_free(src);
			continue;
		}

		struct parsed p;
		parse_mem(&p, src->text, src->len);
		checked++;
		const struct rejected *r = NULL;
		if (strncmp(rel, "dtc-tests/", 10) == 0)
			for (size_t k = 0; k < nrej; k++)
				if (strcmp(rej[k].name, rel + 10) == 0)
					r = &rej[k];
		if (r) {
			rejected_seen++;
			cr_expect_gt(p.cst.nerrors, 0, "%s: dtc rejects it (line %u), dtidy does not",
				     rel, r->line);
			if (p.cst.nerrors) {
				unsigned line, col;
				source_linecol(p.src, p.cst.errors[0].start, &line, &col);
				cr_expect_eq(line, r->line, "%s: first syntax error on line %u, dtc's on %u",
					     rel, line, r->line);
			}
		} else if (strcmp(rel, "u-boot/tools/binman/test/pack/invalid.dts") == 0) {
			invalid_seen++;
			cr_expect_gt(p.cst.nerrors, 0, "%s is truncated on purpose and must be reported",
				     rel);
		} else {
			cr_expect_eq(p.cst.nerrors, 0, "%s: unexpected syntax errors:\n%s", rel,
				     p.errors);
		}
		parsed_free(&p);
		source_free(src);
	}
	cr_expect_eq(rejected_seen, nrej, "only %zu of %zu dtc-rejected files found",
		     rejected_seen, nrej);
	cr_expect_eq(invalid_seen, 1);
	cr_expect_gt(checked, 400);
	diag_list_free(&problems);
	file_list_free(&files);
	free(root);
}
