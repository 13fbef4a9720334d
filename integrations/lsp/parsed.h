/* The concrete syntax tree of an open document, for the requests that look
 * at what was written (outline, hover, code actions). */
#ifndef DTIDY_LSP_PARSED_H
#define DTIDY_LSP_PARSED_H

#include "../../parser/parser.h"
#include "document.h"

/* The document's tokens and syntax tree (free with dt_parsed_free). */
void lsp_parse(struct dt_parsed *p, const struct lsp_doc *d);

/* Index of the significant token covering byte offset off (a cursor right
 * after a token counts too), or CST_NONE. */
uint32_t lsp_token_at(const struct dt_parsed *p, size_t off);
/* Calls fn for each label token (TK_LABEL) written before a statement's
 * main token. */
size_t lsp_labels(const struct dt_parsed *p, const struct cst *c, uint32_t *out, size_t max);

#endif
