/* Building the semantic model of one devicetree source file.
 *
 *   struct model_opts o = { .incdirs = dirs, .nincdirs = n, .auto_include = 1 };
 *   struct model *m = model_build("board.dts", &o);
 *   ... m->tree (include/dtidy/model.h), m->diags, m->tree.files ...
 *   model_free(m);
 *
 * The file is preprocessed in-process (parser/pp), the result lexed and
 * parsed with the ordinary DTS lexer and parser, and the tree built and
 * merged the way dtc's livetree does it. Diagnostics point at the user's
 * files (rules: syntax, include, preprocessor, eval, reference, io).
 * Thread-safe: build models of different files on different threads, with
 * one shared src_cache or one each. */
#ifndef DTIDY_MODEL_H
#define DTIDY_MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "../../core/arena.h"
#include "../../core/diag.h"
#include "../../core/profile.h"
#include "../../include/dtidy/model.h"
#include "../pp/pp.h"
#include "../pp/src_cache.h"

struct model_opts {
	const char *const *incdirs;	/* -I DIR, in order */
	size_t nincdirs;
	int auto_include;		/* no -I given: find the include dirs (see model_auto_incdirs) */
	/* Optional: one cache for a whole run (every board reads each .dtsi
	 * once). It must outlive the models built with it. NULL: private. */
	struct src_cache *cache;
	/* Optional: file contents that replace the disk (editor buffers). */
	src_read_fn read;
	void *read_ctx;
	/* The build profile (parser/model/setup.h): its include directories
	 * when there is no -I and auto_include is set, and its defines, before
	 * `defines`. Not given: detected from the tree around the file. */
	int profile_given;
	enum dt_profile profile;
	/* Optional: -D NAME[=VALUE] and -U NAME, in order (see pp_opts) */
	const char *const *defines;
	size_t ndefines;
	/* Keep what an editor navigates by (model_xrefs, model_pp_record);
	 * a check has no use for it. */
	int record;
	/* DT_PARSE_* (parser/parser.h): the grammar of the build's reader */
	unsigned parse_flags;
};

struct model {
	struct dtidy_tree tree;
	struct diag_list diags;		/* sorted by file, line, column */
	int pp_failed;			/* cpp would have stopped with an error */
	int errors;			/* number of error diagnostics */
	size_t pp_bytes;		/* size of the preprocessed text */
	/* internal */
	struct arena arena;
	struct src_cache *own_cache;
	void *priv;
};

/* The finer class of a model diagnostic (struct diag.kind), for callers
 * that treat some differently, e.g. a .dtsi checked alone lacks what its
 * includer provides. */
enum model_diag_kind {
	MODEL_DIAG_OTHER = 0,
	MODEL_DIAG_UNDEFINED_MACRO,	/* a name the preprocessor left: no such macro */
	MODEL_DIAG_NO_DTS_V1,		/* the tree has no /dts-v1/ */
	MODEL_DIAG_UNRESOLVED_REF,	/* a label or path that is not in the tree */
};

struct model *model_build(const char *path, const struct model_opts *o);
void model_free(struct model *m);

/* Bytes the model holds (tree, values, locations), for memory reports. */
size_t model_memory(const struct model *m);
/* The part of it in use (the rest is the free tail of allocation blocks). */
size_t model_memory_used(const struct model *m);

/* ---- navigation (model_opts.record) ---- */

enum model_xref_kind {
	MODEL_XREF_LABEL,	/* "name:" on a node */
	MODEL_XREF_OTHER_LABEL,	/* "name:" on a property or inside a value */
	MODEL_XREF_OVERRIDE,	/* &ref { ... }: the node changed */
	MODEL_XREF_PHANDLE,	/* <... &ref ...>: a phandle */
	MODEL_XREF_PATH,	/* &ref as a value: the node's path */
	MODEL_XREF_DELETE,	/* /delete-node/ &ref; */
	MODEL_XREF_OMIT,	/* /omit-if-no-ref/ &ref; */
};

/* A label written, or a reference to a node, in any file of the tree. */
struct model_xref {
	enum model_xref_kind kind;
	/* a label: its name; a reference: as written without '&' and braces
	 * ("uart0", "/soc/serial@1000", "uart0/child") */
	const char *name;
	/* a label: its name without the ':'; a reference: the whole "&..."
	 * token. When a macro wrote it, the macro use instead. */
	struct dtidy_loc loc;
	int verbatim;		/* loc spells exactly the label or reference */
	/* the live node of the finished tree it names (MODEL_XREF_LABEL:
	 * the node carrying it), or NULL (deleted, unresolved, other labels) */
	const struct dtidy_node *node;
};

/* Every label and reference, in the order the tree was built. */
const struct model_xref *model_xrefs(const struct model *m, size_t *n);
/* The preprocessor's record: macros, their uses, includes. */
const struct pp_record *model_pp_record(const struct model *m);
/* The include directories the tree was built with (-I, or found). */
const char *const *model_incdirs(const struct model *m, size_t *n);

/* The include directories used when none is given: for a kernel tree
 * (arch/<arch>/boot/dts/...) the file's directory, arch/<arch>/boot/dts,
 * scripts/dtc/include-prefixes and include; for the split devicetree layout
 * (src/<arch>/..., include/) the file's directory, src/<arch>, src and
 * include; otherwise the file's directory plus the nearest enclosing
 * include/ (and a sibling dts/, as Zephyr and ZMK have). Returns a malloc'd
 * array of malloc'd strings. */
char **model_auto_incdirs(const char *path, size_t *n);
void model_incdirs_free(char **dirs, size_t n);

/* Writes the tree as DTS that dtc compiles to the same DTB as the source. */
void model_print_dts(const struct model *m, FILE *out);

#endif
