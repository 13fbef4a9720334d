/* textDocument/codeAction: for each dtidy diagnostic on the requested lines,
 * the rule's own fix when it has one, and a suppression comment for that
 * line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "server.h"

#define DISABLE_LINE "// dtidy: disable-line="

/* The edit that adds RULE to the line's suppression comment, creating the
 * comment at the end of the line when there is none. Returns NULL for lines
 * where a trailing comment would change the meaning (continued lines). */
static json_t *disable_edit(const struct lsp_server *s, const struct lsp_doc *d, unsigned line,
			    const char *rule)
{
	if (line >= d->nlines)
		return NULL;
	size_t b = d->lines[line];
	size_t e = line + 1 < d->nlines ? d->lines[line + 1] - 1 : d->len;
	if (e > b && d->text[e - 1] == '\r')
		e--;
	size_t end = e;
	while (end > b && (d->text[end - 1] == ' ' || d->text[end - 1] == '\t'))
		end--;
	if (end > b && d->text[end - 1] == '\\')
		return NULL;
	struct strbuf text = {0};
	const char *existing = NULL;
	for (const char *q = d->text + b; q && q < d->text + end;) {
		q = memmem(q, (size_t)(d->text + end - q), DISABLE_LINE, strlen(DISABLE_LINE));
		if (q) {
			existing = q;
			q++;
		}
	}
	if (existing) {
		/* the rule list runs to the end of the line: extend it */
		const char *list = existing + strlen(DISABLE_LINE);
		size_t n = (size_t)(d->text + end - list);
		for (size_t i = 0; i < n;) {
			size_t j = i;
			while (j < n && list[j] != ',')
				j++;
			if (j - i == strlen(rule) && !memcmp(list + i, rule, j - i))
				return NULL;	/* already disabled */
			i = j + 1;
		}
		sb_printf(&text, ",%s", rule);
	} else {
		sb_printf(&text, "%s%s%s", end > b ? " " : "", DISABLE_LINE, rule);
	}
	json_t *edit = json_pack("{s:o, s:s}", "range", lsp_range_json(d, end, end, s->enc),
				 "newText", sb_cstr(&text));
	sb_free(&text);
	return edit;
}

static json_t *action(const char *title, json_t *changes, json_t *diag, int preferred)
{
	json_t *a = json_pack("{s:s, s:s, s:[o], s:{s:o}}", "title", title, "kind", "quickfix",
			      "diagnostics", diag, "edit", "changes", changes);
	if (a && preferred)
		json_object_set_new(a, "isPreferred", json_true());
	return a;
}

/* The rule's fix as a workspace edit: its edits grouped by file, in the
 * document's own URI spelling for the document itself. */
static json_t *fix_edit(const struct lsp_server *s, const struct lsp_doc *d,
			const struct diag *g)
{
	json_t *changes = json_object();
	for (size_t i = 0; i < g->nedits; i++) {
		const struct diag_edit *ed = &g->edits[i];
		const char *file = ed->file ? ed->file : g->file;
		char *uri = lsp_doc_is(d, file) ? xstrdup(d->uri) : lsp_path_to_uri(file);
		json_t *list = json_object_get(changes, uri);
		if (!list) {
			list = json_array();
			json_object_set_new(changes, uri, list);
		}
		json_t *range = lsp_doc_is(d, file) ? lsp_range_json(d, ed->off, ed->end_off, s->enc)
						    : lsp_file_range_json(s, file, ed->off, ed->end_off);
		json_array_append_new(list, json_pack("{s:o, s:s}", "range", range, "newText",
						      ed->text ? ed->text : ""));
		free(uri);
	}
	return changes;
}

json_t *lsp_code_action(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	struct lsp_pos a, b;
	json_t *range = json_object_get(params, "range");
	if (lsp_param_pos(range, "start", &a) || lsp_param_pos(range, "end", &b)) {
		lsp_fail(e, RPC_INVALID_PARAMS, "missing or bad range");
		return NULL;
	}
	lsp_refresh_diags(s, d);
	json_t *out = json_array();
	for (size_t i = 0; i < d->diags.n; i++) {
		const struct diag *g = &d->diags.v[i];
		if (!d->mine[i] || !strcmp(g->rule, "syntax"))
			continue;
		struct lsp_pos gs = lsp_doc_pos(d, g->off, s->enc);
		struct lsp_pos ge = lsp_doc_pos(d, g->end_off, s->enc);
		if (ge.line < a.line || gs.line > b.line)
			continue;
		char title[300];
		if (g->nedits) {
			snprintf(title, sizeof(title), "Fix: %.200s (%s)", g->message, g->rule);
			json_array_append_new(out, action(title, fix_edit(s, d, g),
							  lsp_diag_json(s, d, g), 1));
		}
		/* one suppression per rule and line, however many findings */
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++) {
			const struct diag *h = &d->diags.v[k];
			seen = !strcmp(h->rule, g->rule) && d->mine[k] &&
			       lsp_doc_pos(d, h->off, s->enc).line == gs.line;
		}
		json_t *edit = seen ? NULL : disable_edit(s, d, gs.line, g->rule);
		if (!edit)
			continue;
		snprintf(title, sizeof(title), "Disable %s for this line", g->rule);
		json_array_append_new(out, action(title, json_pack("{s:[o]}", d->uri, edit),
						  lsp_diag_json(s, d, g), 0));
	}
	return out;
}
