/* format --sort: the formatted text is put into the kernel's orders
 * (kstyle/sort.h, the orders the style rules check), then formatted again. Sorting
 * works on the formatted text, where each statement has its own lines;
 * notes about nodes left in their order point into the input, found again
 * through their significant tokens, which formatting keeps in order. */
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/xalloc.h"
#include "../lexer/lexer.h"
#include "../parser/parser.h"
#include "../kstyle/sort.h"
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

/* text := fmt_buffer(new text), without sorting. */
static int reformat(struct strbuf *text, const char *now, size_t len,
		    const struct fmt_options *o)
{
	struct fmt_options again = *o;
	again.sort = 0;
	struct fmt_result r;
	int rc = fmt_buffer(now, len, &again, &r) == FMT_OK ? 0 : -1;
	if (!rc) {
		sb_free(text);
		text->s = r.text;
		text->len = r.len;
		text->cap = r.len + 1;
		r.text = NULL;
	}
	fmt_result_free(&r);
	return rc;
}

/* One step over the current text, parsed: sort (notes mapped back to the
 * input) or add the blank lines before status. */
enum step { SORT, STATUS_BLANK };

static int step(int which, const struct dt_token *itoks, size_t nitoks, struct strbuf *text,
		const struct fmt_options *o, struct fmt_notes *notes)
{
	const char *t1 = text->s ? text->s : "";
	size_t len1 = text->len;
	struct dt_parsed p;
	dt_parse_text(&p, t1, len1);
	int rc = -1;
	struct fmt_spans off = {0};
	struct style_sort_span *fz = NULL;
	char *now = NULL;
	size_t nowlen = 0;
	if (p.cst.nerrors)
		goto out;
	fmt_find_off_regions(t1, len1, p.toks.v, p.toks.n, &off);
	fz = xmalloc((off.n ? off.n : 1) * sizeof(*fz));
	for (size_t i = 0; i < off.n; i++)
		fz[i] = (struct style_sort_span){off.v[i].start, off.v[i].end};
	if (which == STATUS_BLANK) {
		now = style_blank_before_status(t1, len1, p.toks.v, p.toks.n, &p.cst, fz, off.n, &nowlen);
		rc = 0;
	} else {
		struct style_sort_result sr;
		rc = style_sort_text(t1, len1, p.toks.v, p.toks.n, &p.cst, fz, off.n, &sr);
		for (size_t i = 0; i < sr.nnotes; i++) {
			uint32_t at = map_back(p.toks.v, p.toks.n, itoks, nitoks, sr.notes[i].off);
			struct fmt_error e = {at, at, sr.notes[i].msg};
			sr.notes[i].msg = NULL;
			VEC_PUSH(notes->v, notes->n, notes->cap, e);
		}
		now = sr.text;
		nowlen = sr.len;
		sr.text = NULL;
		style_sort_result_free(&sr);
	}
	if (!rc && now)
		rc = reformat(text, now, nowlen, o);
out:
	free(now);
	free(fz);
	free(off.v);
	dt_parsed_free(&p);
	return rc;
}

int fmt_sort(const struct dt_token *itoks, size_t nitoks, struct strbuf *text,
	     const struct fmt_options *o, struct fmt_notes *notes, uint32_t *where)
{
	*where = 0;
	if (step(SORT, itoks, nitoks, text, o, notes) != 0)
		return -1;
	return step(STATUS_BLANK, itoks, nitoks, text, o, notes);
}
