/* The formatter's entry points: lex, parse, annotate, lay out, verify. */
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/xalloc.h"
#include "../lexer/lexer.h"
#include "../parser/parser.h"
#include "fmt_internal.h"

enum mode { WHOLE, PARTIAL, LINES };

void fmt_options_default(struct fmt_options *o)
{
	o->indent = 0;
	o->tab_width = 8;
	o->line_width = 100;
	o->sort = 0;
	o->parse_flags = 0;
	o->grid = FMT_GRID_ALIGN;
	o->style = FMT_STYLE_KERNEL;
}

static void add_error(struct fmt_result *r, size_t *cap, uint32_t start, uint32_t end,
		      const char *msg)
{
	struct fmt_error e = {start, end, xstrdup(msg)};
	VEC_PUSH(r->errors, r->nerrors, *cap, e);
}

/* Offset of the start of 1-based `line`, or len past the last line. */
static uint32_t line_offset(const char *text, size_t len, unsigned line)
{
	uint32_t off = 0;
	for (unsigned l = 1; l < line && off < len; l++)
		off = fmt_line_end(text, len, off);
	return off;
}

/* Verbatim spans = everything outside the (widened) lines asked for. */
static void outside_lines(const char *text, size_t len, const struct cst_file *f,
			  const struct tok_role *role, const struct fmt_line_range *ranges,
			  size_t nranges, struct fmt_spans *verb)
{
	struct fmt_spans sel = {0};
	for (size_t i = 0; i < nranges; i++) {
		unsigned a = ranges[i].first ? ranges[i].first : 1;
		unsigned b = ranges[i].last < a ? a : ranges[i].last;
		struct fmt_span s = {line_offset(text, len, a), line_offset(text, len, b + 1)};
		if (s.start < s.end)
			VEC_PUSH(sel.v, sel.n, sel.cap, s);
	}
	fmt_spans_settle(&sel, f, role, text, len);
	uint32_t from = 0;
	for (size_t i = 0; i <= sel.n; i++) {
		uint32_t to = i < sel.n ? sel.v[i].start : (uint32_t)len;
		if (to > from) {
			struct fmt_span s = {from, to};
			VEC_PUSH(verb->v, verb->n, verb->cap, s);
		}
		if (i < sel.n)
			from = sel.v[i].end;
	}
	free(sel.v);
}

/* A name such as "#if" written mid-line is a property to dtc, but moved to
 * the start of a line it would become a preprocessor directive: the lines
 * holding such names are kept as written. */
static void keep_hash_names(const char *text, size_t len, const struct dt_token *t,
			    size_t n, struct fmt_spans *verb)
{
	for (size_t i = 0; i < n; i++) {
		if (dt_tok_is_trivia(t[i].kind) || t[i].kind == TK_EOF || (t[i].flags & TF_BOL) ||
		    !t[i].len || text[t[i].off] != '#' ||
		    !dt_hash_starts_directive(text, len, t[i].off))
			continue;
		struct fmt_span s = {fmt_line_start(text, t[i].off),
				     fmt_line_end(text, len, t[i].off)};
		VEC_PUSH(verb->v, verb->n, verb->cap, s);
	}
}

static int run(const char *text, size_t len, const struct fmt_options *opts, int mode,
	       const struct fmt_line_range *ranges, size_t nranges, struct fmt_result *r)
{
	memset(r, 0, sizeof(*r));
	struct fmt_options o;
	fmt_options_default(&o);
	if (opts)
		o = *opts;
	size_t ecap = 0;
	if (len > 0x7fffffff) {
		r->status = FMT_SYNTAX;
		add_error(r, &ecap, 0, 0, "file too large to format");
		return r->status;
	}
	struct dt_parsed p;
	dt_parse_text_flags(&p, text, len, o.parse_flags);
	for (size_t i = 0; i < p.cst.nerrors; i++)
		add_error(r, &ecap, p.cst.errors[i].start, p.cst.errors[i].end, p.cst.errors[i].msg);
	if (p.cst.nerrors && mode != PARTIAL) {
		r->status = FMT_SYNTAX;
		goto out;
	}
	struct tok_role *role = xcalloc(p.toks.n ? p.toks.n : 1, sizeof(*role));
	fmt_annotate(&p.cst, role);
	struct fmt_spans verb = {0};
	fmt_find_off_regions(text, len, p.toks.v, p.toks.n, &verb);
	keep_hash_names(text, len, p.toks.v, p.toks.n, &verb);
	if (mode == LINES)
		outside_lines(text, len, &p.cst, role, ranges, nranges, &verb);
	if (mode == PARTIAL && p.cst.nerrors) {
		uint32_t first = p.cst.errors[0].start;
		for (size_t i = 1; i < p.cst.nerrors; i++)
			if (p.cst.errors[i].start < first)
				first = p.cst.errors[i].start;
		struct fmt_span s = {fmt_line_start(text, first < len ? first : (uint32_t)len),
				     (uint32_t)len};
		VEC_PUSH(verb.v, verb.n, verb.cap, s);
	}
	fmt_spans_settle(&verb, &p.cst, role, text, len);
	struct strbuf out = {0};
	fmt_layout(text, len, p.toks.v, p.toks.n, role, &verb, &o, &out);
	free(verb.v);
	free(role);
	uint32_t where = 0;
	if (fmt_verify(text, len, p.toks.v, p.toks.n, out.s ? out.s : "", out.len, &where) != 0) {
		r->status = FMT_INTERNAL;
		add_error(r, &ecap, where, where,
			  "internal error: formatting would change the file's tokens here; "
			  "file left unchanged (please report this as a dtidy bug)");
		sb_free(&out);
		goto out;
	}
	if (o.sort && mode != LINES && !p.cst.nerrors) {
		struct fmt_notes notes = {0};
		int bad = fmt_sort(p.toks.v, p.toks.n, &out, &o, &notes, &where);
		r->notes = notes.v;
		r->nnotes = notes.n;
		if (bad) {
			r->status = FMT_INTERNAL;
			add_error(r, &ecap, where, where,
				  "internal error: sorting would change the file's statements; "
				  "file left unchanged (please report this as a dtidy bug)");
			sb_free(&out);
			goto out;
		}
	}
	r->status = FMT_OK;
	r->len = out.len;
	r->text = out.s ? out.s : xstrdup("");
	r->changed = out.len != len || memcmp(r->text, text, len) != 0;
out:
	dt_parsed_free(&p);
	return r->status;
}

int fmt_buffer(const char *text, size_t len, const struct fmt_options *o,
	       struct fmt_result *r)
{
	return run(text, len, o, WHOLE, NULL, 0, r);
}

int fmt_buffer_partial(const char *text, size_t len, const struct fmt_options *o,
		       struct fmt_result *r)
{
	return run(text, len, o, PARTIAL, NULL, 0, r);
}

int fmt_buffer_lines(const char *text, size_t len, const struct fmt_options *o,
		     const struct fmt_line_range *ranges, size_t nranges,
		     struct fmt_result *r)
{
	return run(text, len, o, LINES, ranges, nranges, r);
}

void fmt_result_free(struct fmt_result *r)
{
	for (size_t i = 0; i < r->nerrors; i++)
		free(r->errors[i].msg);
	free(r->errors);
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i].msg);
	free(r->notes);
	free(r->text);
	memset(r, 0, sizeof(*r));
}
