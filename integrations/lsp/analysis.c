#include "analysis.h"

#include <stdlib.h>

#include "../../core/arena.h"
#include "../../core/source.h"
#include "../../lexer/lexer.h"
#include "../../parser/parser.h"

void lsp_analyze(struct lsp_server *s, struct lsp_doc *d, struct diag_list *out)
{
	(void)s;
	diag_list_free(out);
	struct source *src = source_from_mem(d->path, d->text, d->len);
	struct dt_tokens toks = {0};
	dt_lex(src->text, src->len, &toks);
	struct arena a;
	arena_init(&a);
	struct cst_file cst;
	dt_parse(&cst, src->text, toks.v, toks.n, &a);
	for (size_t e = 0; e < cst.nerrors; e++)
		diag_add(out, src, cst.errors[e].start, cst.errors[e].end, DTIDY_SEV_ERROR,
			 "syntax", "%s", cst.errors[e].msg);
	free(cst.errors);
	arena_free(&a);
	dt_tokens_free(&toks);
	source_free(src);
}
