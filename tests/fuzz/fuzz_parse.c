/* libFuzzer target: lexer + parser on arbitrary bytes.
 * Asserts the lexer's contract (tokens tile the input exactly, in order,
 * ending with one TK_EOF) and the parser's (never aborts, every CST node and
 * error lies inside the input). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "lexer/lexer.h"
#include "parser/parser.h"
#include "fuzz_check.h"

static void check_tree(const struct cst_file *f, const struct cst *c, size_t ntoks,
		       int depth)
{
	FUZZ_ASSERT(depth <= 4 * DT_MAX_DEPTH + 64);
	FUZZ_ASSERT(c->tb <= c->te && c->te <= ntoks);
	for (const struct cst *k = c->child; k; k = k->next) {
		FUZZ_ASSERT(k->parent == c);
		FUZZ_ASSERT(k->tb >= c->tb && k->te <= c->te);
		check_tree(f, k, ntoks, depth + 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct dt_tokens toks = {0};
	dt_lex(text, size, &toks);

	FUZZ_ASSERT(toks.n >= 1 && toks.v[toks.n - 1].kind == TK_EOF);
	size_t at = 0;
	for (size_t i = 0; i < toks.n; i++) {
		const struct dt_token *t = &toks.v[i];
		FUZZ_ASSERT(t->off == at);
		FUZZ_ASSERT(t->kind < TK__COUNT);
		FUZZ_ASSERT((t->kind == TK_EOF) == (i == toks.n - 1));
		FUZZ_ASSERT(t->kind != TK_EOF || t->len == 0);
		FUZZ_ASSERT(t->kind == TK_EOF || t->len > 0);
		at += t->len;
	}
	FUZZ_ASSERT(at == size);

	struct arena a;
	arena_init(&a);
	struct cst_file f;
	dt_parse(&f, text, toks.v, toks.n, &a);
	FUZZ_ASSERT(f.root != NULL);
	check_tree(&f, f.root, toks.n, 0);
	for (size_t e = 0; e < f.nerrors; e++) {
		FUZZ_ASSERT(f.errors[e].start <= f.errors[e].end);
		FUZZ_ASSERT(f.errors[e].end <= size);
		FUZZ_ASSERT(f.errors[e].msg && f.errors[e].msg[0]);
	}
	free(f.errors);
	arena_free(&a);
	dt_tokens_free(&toks);
	return 0;
}
