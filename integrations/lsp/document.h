/* Open documents: the editor's buffer contents, which win over the file on
 * disk for as long as the document is open. Text is edited in place, so a
 * long session of small edits keeps one allocation per document. */
#ifndef DTIDY_LSP_DOCUMENT_H
#define DTIDY_LSP_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "../../core/diag.h"

/* How LSP positions count characters within a line. */
enum lsp_encoding { LSP_ENC_UTF16, LSP_ENC_UTF8 };

struct lsp_view;

struct lsp_pos {
	unsigned line, character;
};

struct lsp_doc {
	char *uri;
	char *path;		/* file system path for file: URIs, else the URI */
	char *real;		/* path with symlinks and dots resolved, when it exists */
	char *text;		/* NUL-terminated */
	size_t len, cap;
	uint32_t *lines;	/* offset of each line's first byte */
	size_t nlines, linecap;
	long long version;
	long long due_ms;	/* diagnostics scheduled for this time; -1: none */
	struct diag_list diags;	/* the last published diagnostics */
	unsigned char *mine;	/* per diagnostic: is it in this document (not an include)? */
	char **deps;		/* real paths of the files its last check read */
	size_t ndeps;
	int diags_current;	/* diags describe the current text */
	/* changes with every change of the text, never repeats: what a view
	 * built from this buffer remembers it by */
	unsigned long long serial;
	struct lsp_view *view;	/* the merged tree, for navigation (view.h) */
	unsigned long long view_used;	/* when it was last asked for (docs->serial) */
	struct lsp_docs *docs;	/* the set it belongs to */
	struct lsp_doc *next;
};

struct lsp_docs {
	struct lsp_doc *head;
	unsigned long long serial;	/* the last one handed out */
};

struct lsp_doc *lsp_doc_open(struct lsp_docs *ds, const char *uri, const char *text,
			     size_t len, long long version);
struct lsp_doc *lsp_doc_find(const struct lsp_docs *ds, const char *uri);
/* The open document for file `path` (any spelling of it: relative, with
 * dots or through symlinks), if any. */
struct lsp_doc *lsp_doc_by_path(const struct lsp_docs *ds, const char *path);
/* The open document whose real path is `real`, without touching the file
 * system. */
struct lsp_doc *lsp_doc_by_real(const struct lsp_docs *ds, const char *real);
void lsp_doc_close(struct lsp_docs *ds, struct lsp_doc *d);
void lsp_docs_free(struct lsp_docs *ds);

/* Is the document over the size dtidy reads from disk (SOURCE_MAX_BYTES)?
 * Such a document is neither checked, outlined nor formatted: that would
 * take gigabytes. */
int lsp_doc_too_large(const struct lsp_doc *d);

/* Replaces the whole text. */
void lsp_doc_set_text(struct lsp_doc *d, const char *text, size_t len);
/* Replaces bytes [start, end) with text. */
void lsp_doc_replace(struct lsp_doc *d, size_t start, size_t end, const char *text,
		     size_t len);

/* Position <-> byte offset conversion in the given encoding. Out-of-range
 * positions are clamped to the end of their line or of the document, as
 * the specification asks. */
size_t lsp_doc_offset(const struct lsp_doc *d, struct lsp_pos p, enum lsp_encoding enc);
struct lsp_pos lsp_doc_pos(const struct lsp_doc *d, size_t off, enum lsp_encoding enc);

/* The same conversions over any text with a line index. */
size_t lsp_text_offset(const char *text, size_t len, const uint32_t *lines, size_t nlines,
		       struct lsp_pos p, enum lsp_encoding enc);
struct lsp_pos lsp_text_pos(const char *text, size_t len, const uint32_t *lines,
			    size_t nlines, size_t off, enum lsp_encoding enc);

/* Code units of the client's encoding in bytes s[0, n) of UTF-8 text. */
unsigned lsp_units(const char *s, size_t n, enum lsp_encoding enc);

/* file:///a%20b -> /a b ; NULL when the URI is not a file: URI. */
char *lsp_uri_to_path(const char *uri);
/* /a b -> file:///a%20b (relative paths are made absolute first). */
char *lsp_path_to_uri(const char *path);

#endif
