/* textDocument/documentSymbol: the outline of nodes and properties as
 * written in this file, labels in the detail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "parsed.h"
#include "server.h"

enum { SYMBOL_MODULE = 2, SYMBOL_PROPERTY = 7 };

static json_t *symbols_of(struct lsp_server *s, const struct lsp_doc *d,
			  const struct dt_parsed *p, const struct cst *parent);

static json_t *symbol(struct lsp_server *s, const struct lsp_doc *d,
		      const struct dt_parsed *p, const struct cst *c)
{
	const struct dt_token *name = &p->toks.v[c->tok];
	int is_node = c->kind == CST_NODE || c->kind == CST_REF_NODE;
	char *nm = xstrndup(d->text + name->off, name->len);
	uint32_t labels[16];
	size_t nl = lsp_labels(p, c, labels, 16);
	struct strbuf detail = {0};
	for (size_t i = 0; i < nl; i++) {
		const struct dt_token *l = &p->toks.v[labels[i]];
		if (i)
			sb_putc(&detail, ' ');
		sb_put(&detail, d->text + l->off, l->len);
	}
	/* an empty name is not allowed by the protocol */
	json_t *j = json_pack("{s:s, s:s, s:i, s:o, s:o}", "name", *nm ? nm : "?", "detail",
			      sb_cstr(&detail), "kind", is_node ? SYMBOL_MODULE : SYMBOL_PROPERTY,
			      "range",
			      lsp_range_json(d, cst_start(&p->cst, c), cst_end(&p->cst, c), s->enc),
			      "selectionRange",
			      lsp_range_json(d, name->off, name->off + name->len, s->enc));
	free(nm);
	sb_free(&detail);
	if (j && is_node)
		json_object_set_new(j, "children", symbols_of(s, d, p, c));
	return j;
}

static json_t *symbols_of(struct lsp_server *s, const struct lsp_doc *d,
			  const struct dt_parsed *p, const struct cst *parent)
{
	json_t *arr = json_array();
	CST_FOREACH(c, parent)
	{
		if (c->tok == CST_NONE)
			continue;
		if (c->kind != CST_NODE && c->kind != CST_REF_NODE && c->kind != CST_PROP)
			continue;
		json_t *sym = symbol(s, d, p, c);
		if (sym)
			json_array_append_new(arr, sym);
	}
	return arr;
}

json_t *lsp_document_symbol(struct lsp_server *s, json_t *params, json_t *id,
			    struct lsp_error *e)
{
	(void)id;
	struct lsp_doc *d = lsp_param_doc(s, params, e);
	if (!d)
		return NULL;
	struct dt_parsed p;
	lsp_parse(&p, d);
	json_t *r = symbols_of(s, d, &p, p.cst.root);
	dt_parsed_free(&p);
	return r;
}
