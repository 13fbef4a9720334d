/* Helpers shared by the lexer and parser unit tests: compact, readable
 * renderings of a token stream and of a CST, so a test states what it expects
 * as one string and a failure shows the whole picture. */
#ifndef DTIDY_TEST_UTIL_H
#define DTIDY_TEST_UTIL_H

#include <stddef.h>

#include "core/arena.h"
#include "core/source.h"
#include "lexer/lexer.h"
#include "parser/parser.h"

/* Tokens of text[0,len) as "KIND:text KIND:text ...", trivia included when
 * `trivia` is set; the EOF token is left out. Unprintable bytes, blanks and
 * backslashes are escaped (\n \r \t \s \\ \xHH); a token flagged as an error
 * ends in "!" and its error code ("NUMBER:09!bad-number"). Caller frees. */
char *tok_dump(const char *text, size_t len, int trivia);
/* The same for a NUL-terminated string, significant tokens only. */
char *toks(const char *text);

/* One parsed input with everything it owns. */
struct parsed {
	struct source *src;
	struct dt_tokens toks;
	struct arena arena;
	struct cst_file cst;
	char *sexpr;		/* the CST as an S-expression */
	char *errors;		/* "line:col: message" lines, '\n'-separated */
};

void parse_mem(struct parsed *p, const char *text, size_t len);
void parse_str(struct parsed *p, const char *text);
void parsed_free(struct parsed *p);

/* Shorthands returning malloc'd strings: the S-expression of the top-level
 * statements (without the enclosing "(file ...)"), and the error lines. */
char *sexpr_of(const char *text);
char *errors_of(const char *text);

/* Does every token start where the previous one ended, the last one (EOF)
 * end at len, and do the tokens' bytes reproduce the input? */
int lex_roundtrips(const char *text, size_t len);

/* Structural invariants of a parse: every CST node lies inside its parent,
 * siblings follow each other without overlap, a node's main token lies in
 * its range, error spans lie inside the text and come sorted. Returns NULL
 * when all hold, else a static description of the first violation. */
const char *parse_invariant_violation(const struct parsed *p);

/* Assertions for test files (which include criterion.h); they free what the
 * helpers return and show the input on failure. */
#define EXPECT_TOKS(text, want)                                              \
	do {                                                                 \
		char *got_ = toks(text);                                     \
		cr_expect_str_eq(got_, want, "tokens of: %s\n got: %s\nwant: %s", text, got_, want);         \
		free(got_);                                                  \
	} while (0)

#define EXPECT_CST(text, want)                                               \
	do {                                                                 \
		struct parsed p_;                                            \
		parse_str(&p_, text);                                        \
		cr_expect_str_eq(p_.sexpr, want, "CST of: %s\n got: %s\nwant: %s", text, p_.sexpr, want);        \
		cr_expect_str_eq(p_.errors, "", "errors of: %s\n got: %s", text, p_.errors);      \
		parsed_free(&p_);                                            \
	} while (0)

#define EXPECT_CST_ERRORS(text, want, want_errors)                          \
	do {                                                                 \
		struct parsed p_;                                            \
		parse_str(&p_, text);                                        \
		cr_expect_str_eq(p_.sexpr, want, "CST of: %s\n got: %s\nwant: %s", text, p_.sexpr, want); \
		cr_expect_str_eq(p_.errors, want_errors, "errors of: %s\n got: %s\nwant: %s", text, \
				 p_.errors, want_errors);                     \
		parsed_free(&p_);                                            \
	} while (0)

#define EXPECT_ERRORS(text, want)                                            \
	do {                                                                 \
		char *got_ = errors_of(text);                                \
		cr_expect_str_eq(got_, want, "errors of: %s\n got: %s\nwant: %s", text, got_, want);         \
		free(got_);                                                  \
	} while (0)

/* Writes text to root/rel, making the directories between (test trees of
 * bindings or boards); 0, or -1 when it cannot. */
int write_tree_file(const char *root, const char *rel, const char *text);

#endif
