/* The kernel's binding documents as an editor's reference: which
 * document describes a compatible string, and which properties it allows
 * (its own and those of the documents it takes by $ref), each with its
 * description, its dt-schema type and its allowed values.
 *
 * This reads what the documents say; validating a tree against them is
 * the schema family's job. The index of compatible strings is built by
 * reading every document's `compatible` property (a line scan, in steps
 * the caller schedules); a document's properties are parsed (libyaml)
 * when first asked for, and kept. */
#ifndef DTIDY_BINDING_DOCS_H
#define DTIDY_BINDING_DOCS_H

#include <stddef.h>

struct binding_prop {
	const char *name;		/* a property name, or a regex (is_pattern) */
	int is_pattern;
	const char *type;		/* dt-schema's type: "uint32", "phandle-array",
					 * "flag", "string-array", "node"...; NULL: not said */
	const char *description;	/* NULL: none */
	const char *const *values;	/* allowed values (enum, const, items), as written */
	size_t nvalues;
	const char *doc;		/* the document that says it (relative path) */
	/* "name: false": the document forbids what another would allow (the
	 * standard properties, a $ref'd document's) */
	int disallowed;
};

struct binding_docs;

/* The documents under `dir` (a bindings directory), with dt-schema's core
 * schemas in core_dir (NULL: none) for /schemas/ references the bindings
 * do not hold. Reads nothing yet. */
struct binding_docs *binding_docs_new(const char *dir, const char *core_dir);
void binding_docs_free(struct binding_docs *bd);

/* Indexes for about budget_ms (<= 0: to the end). Returns 1 once the
 * index is complete. */
int binding_docs_step(struct binding_docs *bd, int budget_ms);
/* Is the index complete? */
int binding_docs_done(const struct binding_docs *bd);
/* Indexes one document's text as `rel` (what indexing a file does; for
 * tests and fuzzing). */
void binding_docs_index_text(struct binding_docs *bd, const char *rel, const char *text,
			     size_t len);

/* The documents whose compatible property lists compat (relative paths,
 * owned by bd), at most max of them into out; returns how many. Completes
 * the index first. */
size_t binding_docs_for(struct binding_docs *bd, const char *compat, const char **out,
			size_t max);

/* Calls fn for every documented compatible string that starts with
 * prefix, with a document describing it. Completes the index first. */
void binding_docs_compatibles(struct binding_docs *bd, const char *prefix,
			      void (*fn)(const char *compat, const char *doc, void *ud), void *ud);

/* The properties a document allows: its own first, then those of the
 * documents it takes by $ref (allOf), each name once, and the names it
 * forbids (disallowed). NULL when it cannot be read or parsed. Owned by
 * bd. */
const struct binding_prop *binding_doc_props(struct binding_docs *bd, const char *doc,
					     size_t *n);

/* The same from a document's text (for tests and fuzzing): refs are
 * followed through bd when it is not NULL. The result is freed with
 * binding_props_free. */
struct arena;
struct binding_prop_list {
	struct binding_prop *v;
	size_t n, cap;
	struct arena *strings;
};
int binding_props_parse(struct binding_docs *bd, const char *doc, const char *text, size_t len,
			struct binding_prop_list *out);
void binding_props_free(struct binding_prop_list *l);

#endif
