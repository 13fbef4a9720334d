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
#include "../../include/dtidy/model.h"
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
	/* Optional: -D NAME[=VALUE] */
	const char *const *defines;
	size_t ndefines;
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
