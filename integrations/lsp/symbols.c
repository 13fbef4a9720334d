/* textDocument/documentSymbol: the outline of nodes and properties as
 * written in this file, labels in the detail. A 20,000-line board has
 * some 25,000 entries: the result is written as JSON text directly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/strbuf.h"
#include "parsed.h"
#include "server.h"

enum { SYMBOL_MODULE = 2, SYMBOL_PROPERTY = 7 };

struct outline {
	const struct lsp_doc *d;
	const struct dt_parsed *p;
	enum lsp_encoding enc;
	struct strbuf out;
};

static void put_range(struct outline *o, size_t a, size_t b)
{
	lsp_put_range(&o->out, lsp_doc_pos(o->d, a, o->enc), lsp_doc_pos(o->d, b, o->enc));
}

static void put_text(struct outline *o, size_t off, size_t len)
{
	char *s = malloc(len + 1);
	memcpy(s, o->d->text + off, len);
	s[len] = '\0';
	/* an empty name is not allowed by the protocol */
	sb_json_str(&o->out, len ? s : "?");
	free(s);
}

static void symbols_of(struct outline *o, const struct cst *parent);

static void symbol(struct outline *o, const struct cst *c)
{
	const struct dt_token *name = &o->p->toks.v[c->tok];
	int is_node = c->kind == CST_NODE || c->kind == CST_REF_NODE;
	sb_puts(&o->out, "{\"name\":");
	put_text(o, name->off, name->len);
	sb_puts(&o->out, ",\"detail\":");
	uint32_t labels[16];
	size_t nl = lsp_labels(o->p, c, labels, 16);
	struct strbuf detail = {0};
	for (size_t i = 0; i < nl; i++) {
		const struct dt_token *l = &o->p->toks.v[labels[i]];
		if (i)
			sb_putc(&detail, ' ');
		sb_put(&detail, o->d->text + l->off, l->len);
	}
	sb_json_str(&o->out, sb_cstr(&detail));
	sb_free(&detail);
	sb_puts(&o->out, ",\"kind\":");
	sb_put_uint(&o->out, is_node ? SYMBOL_MODULE : SYMBOL_PROPERTY);
	sb_puts(&o->out, ",\"range\":");
	put_range(o, cst_start(&o->p->cst, c), cst_end(&o->p->cst, c));
	sb_puts(&o->out, ",\"selectionRange\":");
	put_range(o, name->off, name->off + name->len);
	if (is_node) {
		sb_puts(&o->out, ",\"children\":");
		symbols_of(o, c);
	}
	sb_putc(&o->out, '}');
}

static void symbols_of(struct outline *o, const struct cst *parent)
{
	sb_putc(&o->out, '[');
	int first = 1;
	CST_FOREACH(c, parent)
	{
		if (c->tok == CST_NONE)
			continue;
		if (c->kind != CST_NODE && c->kind != CST_REF_NODE && c->kind != CST_PROP)
			continue;
		if (!first)
			sb_putc(&o->out, ',');
		first = 0;
		symbol(o, c);
	}
	sb_putc(&o->out, ']');
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
	struct outline o = {.d = d, .p = &p, .enc = s->enc};
	/* about one entry per ten tokens, 200 bytes each: grown once or twice */
	sb_reserve(&o.out, p.toks.n * 20 + 64);
	symbols_of(&o, p.cst.root);
	dt_parsed_free(&p);
	s->raw_result = o.out.s;
	return NULL;
}
