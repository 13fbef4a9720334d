/* What the cursor is on, resolved in a merged tree: the node a label,
 * reference or node name stands for, the property a name sets, the macro
 * a name uses, the file an #include names. A .dtsi's own tree may not
 * know a label its boards define: then the boards that include it are
 * asked. */
#ifndef DTIDY_LSP_TARGET_H
#define DTIDY_LSP_TARGET_H

#include "server.h"
#include "view.h"

enum lsp_target_kind {
	T_NONE,
	T_NODE,		/* a node's name, or &ref / label standing for a node */
	T_PROP,		/* a property's name */
	T_MACRO,	/* a macro's name, used or #defined */
	T_INCLUDE,	/* an #include's file name */
};

struct lsp_target {
	enum lsp_target_kind kind;
	/* the view it resolved in (the document's, or a board including it),
	 * and the entity under the cursor there; valid until the next view is
	 * built (lsp_each_view) */
	struct lsp_view *v;
	const struct lsp_ent *ent;
	uint32_t file;		/* the document's index in v */
	const struct dtidy_node *node;	/* T_NODE, T_PROP (its node); NULL: unresolved */
	const struct dtidy_prop *prop;
	const struct model_xref *xref;	/* the label or reference under the cursor */
	const struct pp_macro_def *def;
	const struct pp_include *inc;
	/* the label under the cursor: "name:" or the label a reference starts
	 * with (&name, &{name/sub}); NULL otherwise */
	char *label;
	uint32_t label_start, label_end;	/* its bytes in the document */
};

/* Resolves the position of params (textDocument, position) in document
 * d. Returns 0 (t->kind may be T_NONE: nothing there), or -1 with e set
 * for bad params (unknown document, position past the end). */
int lsp_target_at(struct lsp_server *s, json_t *params, struct lsp_doc **d,
		  struct lsp_target *t, struct lsp_error *e);
void lsp_target_free(struct lsp_target *t);

/* Where a node is first defined: its view file's real path and offset
 * (the anchor other views find it by). 0, or -1 for a node without a
 * place (the root is found by its own rule). */
int lsp_node_anchor(const struct lsp_view *v, const struct dtidy_node *n, const char **real,
		    uint32_t *off);
/* The node at an anchor in another view (NULL: not there). is_root: the
 * anchor names the root. */
const struct dtidy_node *lsp_node_at_anchor(struct lsp_view *v, const char *real, uint32_t off,
					    int is_root);

/* Every label of a node and its path, as references name it: what a board
 * must mention to refer to it (names[0..n), malloc'd, free with
 * lsp_names_free). */
char **lsp_node_names(const struct dtidy_node *n, size_t *count);
void lsp_names_free(char **names, size_t n);

/* "params missing or position past the end" checks shared by the
 * position requests. */
int lsp_doc_position(struct lsp_server *s, json_t *params, struct lsp_doc **d, size_t *off,
		     struct lsp_error *e);

#endif
