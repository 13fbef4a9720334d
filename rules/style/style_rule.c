/* What the style rules add to kstyle's view of a file: it is opened from a
 * rule's context, and findings are reported through it. */
#include "style.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../../core/fmt.h"
#include "../context.h"

int style_open(struct style_file *sf, struct dtidy_ctx *ctx)
{
	memset(sf, 0, sizeof(*sf));
	const struct rule_source *rs = rule_ctx_source(ctx);
	if (!rs || !rs->src || !rs->cst)
		return -1;
	if (rs->style) {
		/* one view of the file for all the style rules of a check */
		if (!rs->style->made)
			style_open_text_lines(&rs->style->sf, rs->src->text, rs->src->len,
					      rs->toks, rs->ntoks, rs->cst, rs->src->line_starts,
					      rs->src->nlines);
		rs->style->made = 1;
		*sf = rs->style->sf;
		sf->borrowed = 1;
	} else {
		style_open_text(sf, rs->src->text, rs->src->len, rs->toks, rs->ntoks, rs->cst);
	}
	sf->owner = ctx;
	return 0;
}

void style_check_bodies(struct dtidy_ctx *ctx,
			void (*fn)(const struct style_file *sf, const struct cst *body, void *ud),
			void *ud)
{
	struct style_file sf;
	if (style_open(&sf, ctx))
		return;
	style_each_body(&sf, fn, ud);
	style_close(&sf);
}

static struct dtidy_report *vreport(const struct style_file *sf, uint32_t start, uint32_t end,
				    const char *fmt, va_list ap)
{
	char buf[512];
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);	/* glibc's, for common cases */
	struct dtidy_loc loc = {.file = NULL, .start = start, .end = end};
	return dtidy_report(sf->owner, loc, "%s", buf);
}

struct dtidy_report *style_report(const struct style_file *sf, uint32_t start, uint32_t end,
				  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(sf, start, end, fmt, ap);
	va_end(ap);
	return r;
}

struct dtidy_report *style_report_line(const struct style_file *sf, size_t line,
				       const char *fmt, ...)
{
	const struct style_line *l = &sf->lines[line];
	uint32_t start = l->indent_end < l->end ? l->indent_end : l->start;
	va_list ap;
	va_start(ap, fmt);
	struct dtidy_report *r = vreport(sf, start, l->end, fmt, ap);
	va_end(ap);
	return r;
}

static int significant(const struct style_file *sf, uint32_t t)
{
	return t < sf->ntoks && !dt_tok_is_trivia(sf->toks[t].kind) && sf->toks[t].kind != TK_EOF;
}

uint32_t style_ws_before(const struct style_file *sf, uint32_t t)
{
	if (t < 2 || t >= sf->ntoks || sf->toks[t - 1].kind != TK_WS || !significant(sf, t - 2))
		return STYLE_NONE;
	return t - 1;
}

uint32_t style_ws_after(const struct style_file *sf, uint32_t t)
{
	if (t + 2 >= sf->ntoks || sf->toks[t + 1].kind != TK_WS || !significant(sf, t + 2))
		return STYLE_NONE;
	return t + 1;
}

int style_ws_redundant(const struct style_file *sf, uint32_t ws)
{
	const struct dt_token *k = &sf->toks[ws];
	return k->len >= 2 || (k->len == 1 && sf->text[k->off] == '\t');
}
