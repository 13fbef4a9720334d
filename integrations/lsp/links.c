/* textDocument/documentLink: each #include and /include/ of the document
 * links to the file the preprocessor found for it (through -I, the
 * configuration's include directories or the ones found for the tree). */
#include <stdlib.h>

#include "server.h"
#include "view.h"

json_t *lsp_document_link(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	json_t *arr = json_array();
	struct lsp_view *v = lsp_doc_view(s, d);
	if (!v)
		return arr;
	const struct pp_record *r = model_pp_record(v->m);
	for (size_t i = 0; i < r->nincs; i++) {
		const struct pp_include *inc = &r->incs[i];
		if (inc->file != 0 || inc->target < 0 || inc->end <= inc->start || inc->end > d->len)
			continue;
		/* the name without its quotes or angle brackets */
		uint32_t a = inc->start, b = inc->end;
		if (b - a >= 2 && (d->text[a] == '"' || d->text[a] == '<')) {
			a++;
			b--;
		}
		char *uri = lsp_view_uri(s, v, (uint32_t)inc->target);
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s}", "range",
						     lsp_range_json(d, a, b, s->enc), "target", uri,
						     "tooltip", v->files[inc->target].real));
		free(uri);
	}
	return arr;
}
