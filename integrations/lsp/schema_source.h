/* What the server knows about properties and compatible strings, behind
 * one small interface so that its source can change without the request
 * handlers changing: today the kernel's binding documents (read by
 * rules/bindings/binding_docs.h) and the Devicetree specification's
 * standard properties (std_props.c); the schema family's compiled schemas
 * can take the binding documents' place here. */
#ifndef DTIDY_LSP_SCHEMA_SOURCE_H
#define DTIDY_LSP_SCHEMA_SOURCE_H

#include <stddef.h>

struct lsp_server;
struct lsp_schemas;

/* One property as a node may have it. */
struct lsp_propdoc {
	const char *name;		/* the name, or a pattern when is_pattern */
	int is_pattern;
	const char *type;		/* "uint32", "phandle-array", "flag"...; NULL: unknown */
	const char *description;	/* NULL: none */
	const char *const *values;	/* allowed values, as written */
	size_t nvalues;
	const char *source;		/* "serial/snps-dw-apb-uart.yaml", "Devicetree specification" */
};

void lsp_schemas_free(struct lsp_schemas *sc);
/* Is indexing left to do in the background? */
int lsp_schemas_busy(const struct lsp_schemas *sc);
void lsp_schemas_step(struct lsp_schemas *sc, int budget_ms);
/* A document was opened: start indexing the bindings its checks use. */
void lsp_schemas_note(struct lsp_server *s, const char *path);

typedef void lsp_propdoc_fn(const struct lsp_propdoc *p, void *ud);

/* The properties a node of file `path` with these compatible strings may
 * have, the most specific compatible's binding first, then the standard
 * ones; each name once. */
void lsp_schema_props(struct lsp_server *s, const char *path, const char *const *compats,
		      size_t ncompats, lsp_propdoc_fn *fn, void *ud);
/* The type dt-schema's processed schemas give a property name (what the
 * schema rules decode it as), into buf; NULL when the schema family has no
 * set for the file or no schema types the name. */
const char *lsp_schema_type(struct lsp_server *s, const char *path, const char *prop, char *buf,
			    size_t size);
/* One property (patterns matched too): 0 and *out filled, or -1. */
int lsp_schema_prop(struct lsp_server *s, const char *path, const char *const *compats,
		    size_t ncompats, const char *name, struct lsp_propdoc *out);
/* Documented compatible strings that start with prefix, each with the
 * binding that documents it. */
void lsp_schema_compatibles(struct lsp_server *s, const char *path, const char *prefix,
			    void (*fn)(const char *compat, const char *doc, void *ud), void *ud);

/* The standard properties (std_props.c): every node may have them. */
const struct lsp_propdoc *lsp_std_props(size_t *n);
/* The standard property this name is, patterns included, or NULL. */
const struct lsp_propdoc *lsp_std_prop(const char *name);

#endif
