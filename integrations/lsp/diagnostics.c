/* Publishing diagnostics: scheduled per document after each change, sent
 * once the input has been quiet for the debounce delay. */
#include <stdlib.h>
#include <string.h>

#include "../../core/source.h"
#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "analysis.h"
#include "server.h"

void lsp_schedule(struct lsp_server *s, struct lsp_doc *d, int delay_ms)
{
	(void)s;
	d->due_ms = lsp_now_ms() + delay_ms;
}

int lsp_next_due(const struct lsp_server *s)
{
	long long now = lsp_now_ms(), best = -1;
	for (const struct lsp_doc *d = s->docs.head; d; d = d->next)
		if (d->due_ms >= 0 && (best < 0 || d->due_ms < best))
			best = d->due_ms;
	if (best < 0)
		return -1;
	return best <= now ? 0 : (int)(best - now);
}

/* Which diagnostics are in the document itself, found once: they come
 * sorted by file, so each file's name is resolved once. */
static void mark_mine(struct lsp_doc *d)
{
	free(d->mine);
	d->mine = xcalloc(d->diags.n ? d->diags.n : 1, 1);
	const char *last = NULL;
	int last_mine = 0;
	for (size_t i = 0; i < d->diags.n; i++) {
		const char *f = d->diags.v[i].file;
		if (!f)
			continue;
		if (!last || strcmp(last, f) != 0) {
			last = f;
			last_mine = lsp_doc_is(d, f);
		}
		d->mine[i] = (unsigned char)last_mine;
	}
}

void lsp_refresh_diags(struct lsp_server *s, struct lsp_doc *d)
{
	if (d->diags_current)
		return;
	lsp_analyze(s, d, &d->diags);
	mark_mine(d);
	d->diags_current = 1;
}

static int lsp_severity(int sev)
{
	switch (sev) {
	case DTIDY_SEV_ERROR:
		return 1;
	case DTIDY_SEV_WARNING:
		return 2;
	default:
		return 3;
	}
}

/* Range of a 1-based line and byte column in a file that may or may not be
 * open: columns must be re-counted in the client's encoding. */
static json_t *file_point_range(const struct lsp_server *s, const char *path, unsigned line,
				unsigned col)
{
	struct lsp_doc *open = lsp_doc_by_path(&s->docs, path);
	struct lsp_pos p = {.line = line ? line - 1 : 0, .character = col ? col - 1 : 0};
	if (open) {
		size_t off = lsp_doc_offset(open, p, LSP_ENC_UTF8);
		p = lsp_doc_pos(open, off, s->enc);
	} else if (s->enc == LSP_ENC_UTF16) {
		char *err = NULL;
		struct source *src = source_load(path, &err);
		free(err);
		if (src) {
			size_t off = lsp_text_offset(src->text, src->len, src->line_starts,
						     src->nlines, p, LSP_ENC_UTF8);
			p = lsp_text_pos(src->text, src->len, src->line_starts, src->nlines, off,
					 LSP_ENC_UTF16);
			source_free(src);
		}
	}
	return json_pack("{s:o, s:o}", "start", lsp_pos_json(p), "end", lsp_pos_json(p));
}

json_t *lsp_text_json(const char *t)
{
	json_t *j = json_string(t);
	if (j)
		return j;
	struct strbuf b = {0};
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		if (*p < 0x80)
			sb_putc(&b, (char)*p);
		else
			sb_puts(&b, "\xef\xbf\xbd");
	j = json_string(sb_cstr(&b));
	sb_free(&b);
	return j;
}

json_t *lsp_file_range_json(const struct lsp_server *s, const char *path, size_t start,
			    size_t end)
{
	struct lsp_doc *open = lsp_doc_by_path(&s->docs, path);
	if (open)
		return lsp_range_json(open, start, end, s->enc);
	char *err = NULL;
	struct source *src = source_load(path, &err);
	free(err);
	if (!src)
		return json_pack("{s:{s:i, s:i}, s:{s:i, s:i}}", "start", "line", 0, "character", 0,
				 "end", "line", 0, "character", 0);
	struct lsp_pos a = lsp_text_pos(src->text, src->len, src->line_starts, src->nlines, start,
					s->enc);
	struct lsp_pos b = lsp_text_pos(src->text, src->len, src->line_starts, src->nlines, end,
					s->enc);
	source_free(src);
	return json_pack("{s:o, s:o}", "start", lsp_pos_json(a), "end", lsp_pos_json(b));
}

int lsp_doc_is(const struct lsp_doc *d, const char *file)
{
	if (!strcmp(file, d->path) || !strcmp(file, d->real))
		return 1;
	char *real = realpath(file, NULL);
	int same = real && !strcmp(real, d->real);
	free(real);
	return same;
}

json_t *lsp_diag_json(struct lsp_server *s, const struct lsp_doc *d, const struct diag *g)
{
	json_t *j = json_pack("{s:o, s:i, s:s, s:s, s:o}", "range",
			      lsp_range_json(d, g->off, g->end_off, s->enc), "severity",
			      lsp_severity(g->severity), "code", g->rule, "source", "dtidy",
			      "message", lsp_text_json(g->message));
	const struct dtidy_rule *rule = s->engine ? engine_rule(s->engine, g->rule) : NULL;
	const char *help = rule ? lsp_help_page(&s->help, rule) : NULL;
	if (help)
		json_object_set_new(j, "codeDescription", json_pack("{s:s}", "href", help));
	if (g->rel_file) {
		char *uri = lsp_path_to_uri(g->rel_file);
		json_object_set_new(
			j, "relatedInformation",
			json_pack("[{s:{s:s, s:o}, s:o}]", "location", "uri", uri, "range",
				  file_point_range(s, g->rel_file, g->rel_line, g->rel_col),
				  "message", lsp_text_json(g->rel_message ? g->rel_message : "")));
		free(uri);
	}
	return j;
}

static void publish(struct lsp_server *s, struct lsp_doc *d)
{
	lsp_refresh_diags(s, d);
	json_t *arr = json_array();
	for (size_t i = 0; i < d->diags.n; i++) {
		const struct diag *g = &d->diags.v[i];
		/* findings inside included files belong to those files */
		if (!d->mine[i])
			continue;
		json_array_append_new(arr, lsp_diag_json(s, d, g));
	}
	lsp_notify(s, "textDocument/publishDiagnostics",
		   json_pack("{s:s, s:I, s:o}", "uri", d->uri, "version", (json_int_t)d->version,
			     "diagnostics", arr));
}

void lsp_publish_due(struct lsp_server *s)
{
	long long now = lsp_now_ms();
	for (struct lsp_doc *d = s->docs.head; d; d = d->next) {
		if (d->due_ms < 0 || d->due_ms > now)
			continue;
		d->due_ms = -1;
		publish(s, d);
	}
}
