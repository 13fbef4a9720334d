/* textDocument/formatting and rangeFormatting: the formatter's output for
 * the buffer, sent back as the few line edits that turn the buffer into it.
 * A buffer with syntax errors still gets everything before the first error
 * formatted; the broken part is left alone. */
#include <string.h>

#include "../../core/source.h"
#include "../../formatter/format.h"
#include "server.h"
#include "textdiff.h"

/* The editor's tabSize / insertSpaces over the style of the document's
 * profile (the kernel's unless the tree says otherwise), and the project's
 * .dtidy.yaml `format:` settings over both. */
static void options_from(struct lsp_server *s, const struct lsp_doc *d, json_t *params,
			 struct fmt_options *o)
{
	if (s->engine && d->path)
		fmt_options_for_profile(o, engine_profile_for(s->engine, d->path, NULL));
	else
		fmt_options_default(o);
	json_t *opts = json_object_get(params, "options");
	json_t *tab = json_object_get(opts, "tabSize");
	json_t *spaces = json_object_get(opts, "insertSpaces");
	int size = json_is_integer(tab) && json_integer_value(tab) >= 1 &&
				   json_integer_value(tab) <= 16
			   ? (int)json_integer_value(tab)
			   : 0;
	if (json_is_true(spaces) && size)
		o->indent = size;
	else if (size)
		o->tab_width = size;
	if (!s->engine)
		return;
	struct diag_list errs = {0};
	const struct config *cfg = engine_config_for(s->engine, d->path, &errs);
	diag_list_free(&errs);
	if (!cfg)
		return;
	if (cfg->format.indent != CONFIG_UNSET)
		o->indent = cfg->format.indent;
	if (cfg->format.tab_width != CONFIG_UNSET)
		o->tab_width = cfg->format.tab_width;
	if (cfg->format.line_width != CONFIG_UNSET)
		o->line_width = cfg->format.line_width;
	if (cfg->format.sort != CONFIG_UNSET)
		o->sort = cfg->format.sort;
}

static json_t *edits_between(const struct lsp_server *s, const struct lsp_doc *d,
			     const char *text, size_t len, unsigned first, unsigned last)
{
	struct text_hunks h = {0};
	text_diff(d->text, d->len, text, len, &h);
	json_t *edits = json_array();
	for (size_t i = 0; i < h.n; i++) {
		const struct text_hunk *k = &h.v[i];
		if (first) {
			/* a range request: only hunks that touch the range */
			unsigned l0 = lsp_doc_pos(d, k->old_start, LSP_ENC_UTF8).line + 1;
			unsigned l1 = lsp_doc_pos(d, k->old_end, LSP_ENC_UTF8).line + 1;
			if (l1 < first || l0 > last)
				continue;
		}
		json_t *nt = json_stringn(text + k->new_start, k->new_end - k->new_start);
		json_array_append_new(edits,
				      json_pack("{s:o, s:o}", "range",
						lsp_range_json(d, k->old_start, k->old_end, s->enc),
						"newText", nt ? nt : json_string("")));
	}
	text_hunks_free(&h);
	return edits;
}

static json_t *format(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e,
		      int ranged)
{
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	if (lsp_doc_too_large(d)) {
		lsp_fail(e, LSP_REQUEST_FAILED, "dtidy does not format documents over %zu MiB",
			 SOURCE_MAX_BYTES >> 20);
		return NULL;
	}
	struct fmt_line_range lines = {0, 0};
	if (ranged) {
		struct lsp_pos a, b;
		json_t *range = json_object_get(params, "range");
		if (lsp_param_pos(range, "start", &a) || lsp_param_pos(range, "end", &b) ||
		    b.line < a.line) {
			lsp_fail(e, RPC_INVALID_PARAMS, "missing or bad range");
			return NULL;
		}
		/* a selection ending at column 0 does not take in that line */
		if (b.line > a.line && b.character == 0)
			b.line--;
		lines.first = a.line + 1;
		lines.last = b.line + 1;
	}
	if (lsp_cancelled(s, id)) {
		lsp_fail(e, LSP_REQUEST_CANCELLED, "formatting cancelled");
		return NULL;
	}
	struct fmt_options o;
	options_from(s, d, params, &o);
	struct fmt_result r;
	if (!ranged || fmt_buffer_lines(d->text, d->len, &o, &lines, 1, &r) == FMT_SYNTAX) {
		if (ranged)
			fmt_result_free(&r);
		fmt_buffer_partial(d->text, d->len, &o, &r);
	}
	json_t *edits = NULL;
	if (r.status != FMT_OK) {
		lsp_fail(e, LSP_REQUEST_FAILED, "dtidy could not format this buffer: %s",
			 r.nerrors ? r.errors[0].msg : "internal error");
	} else if (lsp_cancelled(s, id)) {
		/* the client no longer wants edits for this version */
		lsp_fail(e, LSP_REQUEST_CANCELLED, "formatting cancelled");
	} else {
		edits = r.changed ? edits_between(s, d, r.text, r.len, lines.first, lines.last)
				  : json_array();
	}
	fmt_result_free(&r);
	return edits;
}

json_t *lsp_formatting(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	return format(s, params, id, e, 0);
}

json_t *lsp_range_formatting(struct lsp_server *s, json_t *params, json_t *id,
			     struct lsp_error *e)
{
	return format(s, params, id, e, 1);
}
