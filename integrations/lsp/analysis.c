#include "analysis.h"

#include <stdlib.h>
#include <string.h>

#include "../../core/arena.h"
#include "../../core/source.h"
#include "../../core/xalloc.h"
#include "../../lexer/lexer.h"
#include "../../parser/parser.h"
#include "view.h"

char *lsp_read_open_buffer(void *ud, const char *path, size_t *len)
{
	struct lsp_server *s = ud;
	struct lsp_doc *d = lsp_doc_by_path(&s->docs, path);
	if (!d)
		return NULL;
	char *copy = xmalloc(d->len + 1);
	memcpy(copy, d->text, d->len + 1);
	*len = d->len;
	return copy;
}

/* Without an engine (its configuration does not load), the syntax errors
 * still help. */
static void syntax_only(const struct lsp_doc *d, struct diag_list *out)
{
	struct source *src = source_from_mem(d->path, d->text, d->len);
	struct dt_parsed p;
	dt_parse_text(&p, src->text, src->len);
	for (size_t e = 0; e < p.cst.nerrors; e++)
		diag_add(out, src, p.cst.errors[e].start, p.cst.errors[e].end, DTIDY_SEV_ERROR,
			 "syntax", "%s", p.cst.errors[e].msg);
	dt_parsed_free(&p);
	source_free(src);
}

static void set_deps(struct lsp_doc *d, char **deps, size_t n)
{
	for (size_t i = 0; i < d->ndeps; i++)
		free(d->deps[i]);
	free(d->deps);
	d->deps = xcalloc(n ? n : 1, sizeof(*d->deps));
	d->ndeps = n;
	for (size_t i = 0; i < n; i++) {
		char *real = realpath(deps[i], NULL);
		d->deps[i] = real ? real : xstrdup(deps[i]);
	}
}

void lsp_analyze(struct lsp_server *s, struct lsp_doc *d, struct diag_list *out)
{
	diag_list_free(out);
	if (lsp_doc_too_large(d)) {
		diag_add_file(out, d->path, DTIDY_SEV_ERROR, "io",
			      "document too large: %zu MiB (the limit is %zu MiB); not checked",
			      (d->len + (1u << 20) - 1) >> 20, SOURCE_MAX_BYTES >> 20);
		set_deps(d, NULL, 0);
		return;
	}
	if (!s->engine) {
		syntax_only(d, out);
		return;
	}
	/* the view's model: navigation and the check share one build */
	struct lsp_view *v = lsp_doc_view(s, d);
	struct engine_file_hook hook = {.read = lsp_read_open_buffer, .ud = s};
	struct engine_input in = {.path = d->path, .text = d->text, .len = d->len, .hook = &hook,
				  .model = v ? v->m : NULL};
	struct engine_result res;
	engine_check(s->engine, &in, &res);
	diag_list_move(out, &res.diags);
	set_deps(d, res.deps, res.ndeps);
	engine_result_free(&res);
}

int lsp_doc_depends_on(const struct lsp_doc *d, const char *real)
{
	for (size_t i = 0; i < d->ndeps; i++)
		if (!strcmp(d->deps[i], real))
			return 1;
	return 0;
}
