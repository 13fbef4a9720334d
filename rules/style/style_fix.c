/* Sorting the statements of one body as a fix, proven safe before it is
 * offered: nothing whose meaning depends on order may be in the body
 * (style_reorder_refusal), and the reordered lines must parse into the same
 * statements and comments (style_same_statements). */
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "style.h"

/* Whole lines of one statement: [start, end) including the newline. */
struct style_span {
	uint32_t start, end;
};

int style_fix_reorder(const struct style_file *sf, const struct cst *body,
		      const struct style_reorder *ro, struct dtidy_report *r)
{
	char why[160];
	if (ro->n < 2 || sf->cst->nerrors || style_reorder_refusal(sf, body, why, sizeof(why)))
		return 0;
	struct style_span *ch = xmalloc(ro->n * sizeof(*ch));
	int ok = 1;
	for (size_t i = 0; i < ro->n && ok; i++) {
		ok = !style_chunk_of(sf, ro->items[i], &ch[i].start, &ch[i].end);
		if (ok && i && ch[i].start < ch[i - 1].end)
			ok = 0;
	}
	char *region = NULL;
	if (ok) {
		/* each wanted chunk into the next slot; what lies between slots
		 * (blank lines, other statements) stays where it is */
		struct strbuf sb = {0};
		for (size_t i = 0; i < ro->n; i++) {
			size_t w = 0;
			while (w < ro->n && ro->items[w] != ro->wanted[i])
				w++;
			if (w == ro->n) {
				ok = 0;
				break;
			}
			sb_put(&sb, sf->text + ch[w].start, ch[w].end - ch[w].start);
			if (i + 1 < ro->n)
				sb_put(&sb, sf->text + ch[i].end, ch[i + 1].start - ch[i].end);
		}
		region = sb.s ? sb.s : xstrdup("");
	}
	if (ok) {
		uint32_t from = ch[0].start, to = ch[ro->n - 1].end;
		ok = style_same_statements(sf->text + from, to - from, region, strlen(region));
		if (ok) {
			struct dtidy_loc loc = {.file = NULL, .start = from, .end = to};
			dtidy_report_fix(r, loc, region);
		}
	}
	free(region);
	free(ch);
	return ok;
}
