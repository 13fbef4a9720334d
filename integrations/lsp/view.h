/* A board's merged tree as the editor navigates it: the model `dtidy
 * check` builds (open buffers read instead of their files), with what
 * model_opts.record keeps, and an index from every place in its files to
 * what is written there (a node's name, a property, a label, a reference,
 * a macro, an #include). One per open document, rebuilt when the
 * document or any file it read changes; the diagnostics check the same
 * model. Boards of the workspace get views too (workspace.h). */
#ifndef DTIDY_LSP_VIEW_H
#define DTIDY_LSP_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include <sys/types.h>

#include "../../parser/model/model.h"
#include "document.h"

struct lsp_server;

/* A file the model read, and how it was when it was read. */
struct lsp_vfile {
	const struct dtidy_file *df;
	const struct source *src;	/* text and line index */
	char *real;			/* realpath (or the path when it has none) */
	unsigned long long serial;	/* the open document's serial, 0: the disk's */
	long long mtime_ns;		/* on disk: stat at build time (-1: none) */
	off_t size;
};

enum lsp_ent_kind {
	ENT_NODE,	/* a node's name, or the &ref of a block that changes it */
	ENT_PROP,	/* a property's name */
	ENT_XREF,	/* a label or a reference (model_xref) */
	ENT_MACRO,	/* a macro's name where it is used */
	ENT_DEFINE,	/* a macro's name in its #define */
	ENT_INCLUDE,	/* the file name of an #include or /include/ */
};

/* Something written at [start, end) of files[file]. */
struct lsp_ent {
	uint32_t file, start, end;
	uint32_t kind;
	union {
		const struct dtidy_node *node;
		const struct dtidy_prop *prop;
		const struct model_xref *xref;
		const struct pp_macro_use *use;
		const struct pp_macro_def *def;
		const struct pp_include *inc;
	} u;
};

struct lsp_view {
	struct model *m;
	char *path;			/* the main file, as the engine names it */
	struct lsp_vfile *files;	/* m->tree.files, same order */
	size_t nfiles;
	struct lsp_ent *ents;		/* sorted by (file, start); built on first use */
	size_t nents;
	int indexed;
};

/* The view of an open document, built or rebuilt as needed: NULL only
 * for a document too large to check. The view belongs to the document. */
struct lsp_view *lsp_doc_view(struct lsp_server *s, struct lsp_doc *d);
/* Its view for completion while typing: the last one built, even if the
 * document has changed since (labels, macros and nodes are looked up by
 * name, and typing rarely changes them), but rebuilt when a file it
 * includes has changed (a label renamed in an open .dtsi). */
struct lsp_view *lsp_doc_view_typing(struct lsp_server *s, struct lsp_doc *d);

/* The view of a file on disk (a workspace board), or NULL when it cannot
 * be read; open buffers it includes count. Free with lsp_view_free. */
struct lsp_view *lsp_view_build(struct lsp_server *s, const char *path, const char *text,
				size_t len);
void lsp_view_free(struct lsp_view *v);
/* Does the view still describe the files (open buffers and disk)? */
int lsp_view_current(const struct lsp_server *s, const struct lsp_view *v);

/* Index of the file with this real path in the view, or -1. */
int lsp_view_file(const struct lsp_view *v, const char *real);
/* The narrowest thing written at offset off of file `file` (a cursor just
 * after it counts), or NULL. */
const struct lsp_ent *lsp_view_at(struct lsp_view *v, uint32_t file, uint32_t off);
/* The entities, for walking: sorted by (file, start). */
const struct lsp_ent *lsp_view_ents(struct lsp_view *v, size_t *n);
/* Index of the view file a location points into, or -1. */
int lsp_view_loc_file(const struct lsp_view *v, struct dtidy_loc loc);

/* A location as LSP JSON: {uri, range}. Positions come from the text the
 * view read (an open buffer's, as the editor has it). */
json_t *lsp_view_location(const struct lsp_server *s, const struct lsp_view *v, uint32_t file,
			  uint32_t start, uint32_t end);
/* The URI of a view file (the open document's own when it is open). */
char *lsp_view_uri(const struct lsp_server *s, const struct lsp_view *v, uint32_t file);

#endif
