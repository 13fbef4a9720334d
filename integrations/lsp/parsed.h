/* The concrete syntax tree of an open document, for the requests that look
 * at what was written (outline, hover, code actions). */
#ifndef DTIDY_LSP_PARSED_H
#define DTIDY_LSP_PARSED_H

#include "../../core/arena.h"
#include "../../lexer/lexer.h"
#include "../../parser/parser.h"
#include "document.h"

struct lsp_parsed {
	struct dt_tokens toks;
	struct arena arena;
	struct cst_file cst;
};

void lsp_parse(struct lsp_parsed *p, const struct lsp_doc *d);
void lsp_parsed_free(struct lsp_parsed *p);

/* Index of the significant token covering byte offset off (a cursor right
 * after a token counts too), or CST_NONE. */
uint32_t lsp_token_at(const struct lsp_parsed *p, size_t off);
/* Calls fn for each label token (TK_LABEL) written before a statement's
 * main token. */
size_t lsp_labels(const struct lsp_parsed *p, const struct cst *c, uint32_t *out, size_t max);

#endif
