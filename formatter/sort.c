/* format --sort: the formatted text is put into the kernel's orders (by the
 * style rules' orders, rules/style/sort.h), then formatted again. Sorting
 * works on the formatted text, where each statement has its own lines;
 * notes about nodes left in their order point into the input, found again
 * through their significant tokens, which formatting keeps in order. */
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/xalloc.h"
#include "../lexer/lexer.h"
#include "../parser/parser.h"
#include "../rules/style/sort.h"
#include "fmt_internal.h"

static int significant(const struct dt_token *t)
{
	return !dt_tok_is_trivia(t->kind) && t->kind != TK_EOF;
}

/* The input offset of the significant token at `off` in the formatted text. */
static uint32_t map_back(const struct dt_token *ft, size_t fn, const struct dt_token *it,
			 size_t in, uint32_t off)
{
	size_t ord = 0;
	for (size_t i = 0; i < fn && ft[i].off < off; i++)
		ord += significant(&ft[i]);
	for (size_t i = 0; i < in; i++)
		if (significant(&it[i]) && ord-- == 0)
			return it[i].off;
	return 0;
}

int fmt_sort(const struct dt_token *itoks, size_t nitoks, struct strbuf *text,
	     const struct fmt_options *o, struct fmt_notes *notes, uint32_t *where)
{
	const char *t1 = text->s ? text->s : "";
	size_t len1 = text->len;
	struct dt_tokens toks = {0};
	dt_lex(t1, len1, &toks);
	struct arena a;
	arena_init(&a);
	struct cst_file cst;
	dt_parse(&cst, t1, toks.v, toks.n, &a);
	int rc = 0;
	struct fmt_spans off = {0};
	struct style_sort_result sr = {0};
	if (cst.nerrors) {
		*where = 0;
		rc = -1;
		goto out;
	}
	fmt_find_off_regions(t1, len1, toks.v, toks.n, &off);
	struct style_sort_span *fz = xmalloc((off.n ? off.n : 1) * sizeof(*fz));
	for (size_t i = 0; i < off.n; i++)
		fz[i] = (struct style_sort_span){off.v[i].start, off.v[i].end};
	rc = style_sort_text(t1, len1, toks.v, toks.n, &cst, fz, off.n, &sr);
	free(fz);
	for (size_t i = 0; i < sr.nnotes; i++) {
		uint32_t at = map_back(toks.v, toks.n, itoks, nitoks, sr.notes[i].off);
		struct fmt_error e = {at, at, sr.notes[i].msg};
		sr.notes[i].msg = NULL;
		VEC_PUSH(notes->v, notes->n, notes->cap, e);
	}
	if (rc < 0) {
		*where = 0;
		goto out;
	}
	if (sr.text) {
		struct fmt_options again = *o;
		again.sort = 0;
		struct fmt_result r2;
		if (fmt_buffer(sr.text, sr.len, &again, &r2) != FMT_OK) {
			*where = 0;
			rc = -1;
		} else {
			sb_free(text);
			text->s = r2.text;
			text->len = r2.len;
			text->cap = r2.len + 1;
			r2.text = NULL;
		}
		fmt_result_free(&r2);
	}
out:
	style_sort_result_free(&sr);
	free(off.v);
	free(cst.errors);
	arena_free(&a);
	dt_tokens_free(&toks);
	return rc;
}
