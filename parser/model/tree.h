/* The model's own view of the tree, as dtc's livetree keeps it: every
 * definition stays in its list, deleted ones flagged, so a later definition
 * revives an entry in place. The public structs (include/dtidy/model.h) come
 * first in each record; their links are set once the tree is complete and
 * skip what is deleted. Private to parser/model/. */
#ifndef DTIDY_MODEL_TREE_H
#define DTIDY_MODEL_TREE_H

#include <stdint.h>

#include "../../core/arena.h"
#include "../../core/diag.h"
#include "../cst.h"
#include "../pp/pp.h"
#include "model.h"

struct mlabel {
	struct mlabel *next;
	const char *name;
	uint8_t deleted;
	uint8_t indexed;	/* entered in the label index (labels.c) */
};

/* Labels of the nodes in the tree, for &label lookups (labels.c). */
struct label_ent;
struct label_index {
	struct label_ent *v;	/* open addressing, in the arena */
	size_t n, cap;
};

struct locvec {
	struct dtidy_loc *v;
	uint32_t n, cap;
};

/* A label inside a value: before chunk `chunk`'s cell `cell` (cell ==
 * SIZE_MAX: before the chunk; chunk == nchunks: after the last). Rare, so
 * kept in one list per tree rather than in every property. */
struct vlabel {
	struct vlabel *next;
	const struct mprop *prop;
	const char *name;
	size_t chunk, cell;
	struct dtidy_loc loc;
};

struct mprop {
	struct dtidy_prop pub;
	struct mprop *next_all;
	struct mlabel *labels;
	struct locvec locs;
	uint8_t deleted;
	uint8_t generated;	/* phandle added by reference resolution */
	uint8_t marker;		/* a /delete-property/ not yet applied */
	size_t nvl;		/* value labels, while linking the public tree */
};

struct mnode {
	struct dtidy_node pub;
	struct mnode *parent;
	struct mnode *kids, *kids_tail, *next_all;
	struct mprop *props, *props_tail;
	struct mlabel *labels;
	struct locvec locs;
	uint32_t phandle;
	uint8_t deleted;
	uint8_t omit;		/* /omit-if-no-ref/ */
	uint8_t omitted;	/* removed because unreferenced (still printed, marked) */
	uint8_t referenced;
	uint8_t marker;		/* a /delete-node/ not yet applied */
};

struct mtree {
	struct model *m;
	struct arena *a;
	struct pp_result pp;
	size_t origin_hint;	/* pp_origin_loc_near's, for mt_loc_toks */
	struct pp_opts ppo;
	struct cst_file *cst;
	const struct dt_token *toks;
	struct mnode *root;
	struct dtidy_memreserve *mr;
	size_t nmr, capmr;
	int plugin;
	unsigned next_fragment;
	struct vlabel *vlabels;
	struct label_index labels;
	struct dtidy_noop *noops;	/* statements that changed nothing */
	size_t nnoops, capnoops;
	const char **intern;	/* interned strings (open addressing) */
	size_t nintern, capintern;
	int record;		/* model_opts.record: keep xrefs */
	struct model_xref *xrefs;	/* malloc'd while building */
	size_t nxrefs, capxrefs;
};

/* Location of CST tokens [tb, te) in the user's files. */
struct dtidy_loc mt_loc_toks(struct mtree *t, uint32_t tb, uint32_t te);
struct dtidy_loc mt_loc_cst(struct mtree *t, const struct cst *c);
void mt_error(struct mtree *t, struct dtidy_loc loc, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Same, with the finer class callers act on (enum model_diag_kind). */
void mt_error_kind(struct mtree *t, enum model_diag_kind kind, struct dtidy_loc loc,
		   const char *rule, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A name the preprocessor left where dtc wants a value or a statement
 * (c->tok): a macro that is not defined. */
void mt_undefined_macro(struct mtree *t, const struct cst *c);
/* The same for a macro call the preprocessor left where a name, label or
 * reference stands (CF_MACRO_NAME, or "FOO(x):"): token `tok` is its
 * name ('&' dropped). */
void mt_undefined_macro_tok(struct mtree *t, uint32_t tok);
/* Labels made by macro calls the preprocessor left, in [tb, upto):
 * reported as undefined macros. */
void mt_macro_labels(struct mtree *t, uint32_t tb, uint32_t upto);
const char *mt_tok_text(struct mtree *t, uint32_t tok, size_t *len);
void locvec_push(struct mtree *t, struct locvec *v, struct dtidy_loc loc);
/* intern.c: a shared copy of a short string (names, labels, values). */
const char *mt_intern(struct mtree *t, const char *s, size_t len);

/* model.c: labels inside values (for printing) */
const struct vlabel *model_vlabels(const struct model *m);

/* labels.c: call mt_labels_enter_tree when a subtree joins the tree, and
 * mt_labels_enter when a node in the tree gains labels. */
void mt_labels_enter(struct mtree *t, struct mnode *n);
void mt_labels_enter_tree(struct mtree *t, struct mnode *n);
/* The first node in tree order with this live label, or NULL. */
struct mnode *mt_label_node(struct mtree *t, const char *name);

/* build.c */
void mt_build(struct mtree *t);
struct mnode *mt_resolve_ref(struct mtree *t, const char *ref);
struct mnode *mt_node_by_path(struct mnode *n, const char *path);
const char *mt_ref_name(struct mtree *t, uint32_t tok);

/* xref.c: labels and references for model_xrefs (when t->record) */
/* The labels written in tokens [tb, upto), on a node (on_node) or not. */
void mt_xref_labels(struct mtree *t, uint32_t tb, uint32_t upto, int on_node);
/* The reference token `tok` (&name or &{path}). */
void mt_xref_ref(struct mtree *t, enum model_xref_kind kind, uint32_t tok);
/* Resolves every entry against the finished tree and moves the list to
 * the arena. */
const struct model_xref *mt_xref_finish(struct mtree *t, size_t *n);

/* noop.c: statements that changed nothing */
struct dtidy_noop *mt_noop(struct mtree *t, enum dtidy_noop_kind kind, const char *name,
			   const struct mnode *at, struct dtidy_loc loc, struct dtidy_loc prev);
/* Markers of a block that joins the tree without a merge: nothing there
 * to delete (they are left as deleted entries, as dtc leaves them). */
void mt_noop_unapplied(struct mtree *t, struct mnode *n);
/* Would setting np over op (both live) leave the tree as it was? */
int mt_same_definition(const struct mtree *t, const struct mprop *op, const struct mprop *np);

/* eval.c */
/* Evaluates a CST_PROP's value into chunks (references left unresolved). */
void mt_eval_value(struct mtree *t, struct mprop *p, const struct cst *prop);
/* Integer expression; 0 on error (reported). */
uint64_t mt_eval_expr(struct mtree *t, const struct cst *e, int *ok);

/* resolve.c */
void mt_finalize(struct mtree *t);
void mt_link_public(struct mtree *t);

#endif
