#ifndef DTIDY_PARSER_H
#define DTIDY_PARSER_H

#include <stddef.h>

#include "../core/arena.h"
#include "../lexer/lexer.h"
#include "cst.h"

/* Deeper nesting than this is reported, not recursed into. */
#define DT_MAX_DEPTH 256
/* At most this many syntax errors are recorded per file, then one saying
 * the rest were dropped. */
#define DT_MAX_ERRORS 100

/* Parses a token stream (from dt_lex, or the model's preprocessed stream)
 * into a CST allocated from `a`. Never fails: every mistake becomes a
 * cst_error and parsing resumes at the next ';' or '}'. The token array and
 * the text must outlive the result. */
void dt_parse(struct cst_file *out, const char *text, const struct dt_token *toks,
	      size_t ntoks, struct arena *a);

/* The grammar of another devicetree reader, where it accepts what dtc does
 * not. */
enum {
	/* Zephyr's dtlib (the zephyr and zmk profiles): properties may follow
	 * a /delete-node/ inside a node (dtc: "Properties must precede
	 * subnodes"); Zephyr's dts/riscv/andes/andes_v5_ae350_clic.dtsi */
	DT_PARSE_DTLIB = 1 << 0,
};
void dt_parse_flags(struct cst_file *out, const char *text, const struct dt_token *toks,
		    size_t ntoks, struct arena *a, unsigned flags);

/* A text lexed and parsed on its own, not through the preprocessor: what
 * the formatter, the style rules and an editor's outline look at. */
struct dt_parsed {
	struct dt_tokens toks;
	struct arena arena;
	struct cst_file cst;
};
void dt_parse_text(struct dt_parsed *p, const char *text, size_t len);
void dt_parse_text_flags(struct dt_parsed *p, const char *text, size_t len, unsigned flags);
void dt_parsed_free(struct dt_parsed *p);

/* Convenience: byte span of a CST node. */
uint32_t cst_start(const struct cst_file *f, const struct cst *c);
uint32_t cst_end(const struct cst_file *f, const struct cst *c);

#endif
