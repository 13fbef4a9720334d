/* Diagnostics with resolved positions. A diagnostic owns its strings, so it
 * outlives the sources and arenas of the file that produced it. */
#ifndef DTIDY_DIAG_H
#define DTIDY_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "../include/dtidy/diag.h"
#include "source.h"

/* One text edit of a fix: replace bytes [off, end_off) of `file` by text. */
struct diag_edit {
	char *file;
	uint32_t off, end_off;
	unsigned line, col, end_line, end_col;	/* 1-based, as for diagnostics */
	char *text;
};

struct diag {
	char *file;
	unsigned line, col, end_line, end_col;	/* 1-based; columns count bytes */
	uint32_t off, end_off;			/* byte offsets in `file` */
	int severity;				/* enum dtidy_severity */
	int kind;				/* the producer's finer class (0: none) */
	char *rule;	/* in file's allocation: diag_free frees both at once */
	char *message;
	/* optional related location ("first defined here") */
	char *rel_file;
	unsigned rel_line, rel_col;
	char *rel_message;
	/* what the finding is about, for model-based rules: the node's full
	 * path in the merged tree ("/soc/uart@1000") and the property's name
	 * (NULL: none) */
	char *node;
	char *prop;
	/* the lines whose change can cause the finding (a node's body, for a
	 * property missing from it), for --diff-base; 0: only its own */
	unsigned scope_line, scope_end_line;
	/* a certain fix: every edit applied together (none: not fixable) */
	struct diag_edit *edits;
	uint32_t nedits;
	/* 1: the strings above live in memory the diagnostic does not own
	 * (diag_list_pack_into), which diag_free leaves alone */
	uint32_t borrowed;
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
	int borrowed;	/* 1: v lives in memory the list does not own */
};

struct diag *diag_add(struct diag_list *l, const struct source *src, size_t start,
		      size_t end, int severity, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* diag_add with a finished message, malloc'd, which the diagnostic takes
 * (findings come by the ten thousand: not copied again). */
struct diag *diag_add_taking(struct diag_list *l, const struct source *src, size_t start,
			     size_t end, int severity, const char *rule, char *message);
/* A diagnostic about a file as a whole (unreadable, too large). */
struct diag *diag_add_file(struct diag_list *l, const char *file, int severity,
			   const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void diag_set_related(struct diag *d, const struct source *src, size_t off,
		      const char *msg);
void diag_add_edit(struct diag *d, const struct source *src, size_t start, size_t end,
		   const char *text);
/* Sets what the diagnostic is about (node path, property name or NULL). */
void diag_set_subject(struct diag *d, const char *node, const char *prop);
/* Sets the lines [start, end) spans as the finding's scope (struct diag). */
void diag_set_scope(struct diag *d, const struct source *src, size_t start, size_t end);
/* Bytes diag_list_pack_into needs for l (0: l cannot be packed, having
 * fix edits, or nothing to pack). */
size_t diag_list_packed_size(const struct diag_list *l);
/* Moves l's array and every string of its findings into mem (8-aligned,
 * diag_list_packed_size bytes), which the caller keeps until the list is
 * freed (diag_pool.h); a string equal to the one before's (the file, the
 * rule, the node) is stored once. A run keeps a whole tree's findings to sort them,
 * tens of thousands with the schema family, and as six small allocations
 * each, made among each file's transient ones, they pinned the workers'
 * heaps. Adding to l, or diag_set_* on one of its findings, copies what
 * it changes back to the heap. */
void diag_list_pack_into(struct diag_list *l, void *mem);
/* Frees one diagnostic's strings (to drop it from a list). */
void diag_free(struct diag *d);
void diag_list_free(struct diag_list *l);
/* Stable order: file, line, column, then rule. */
void diag_sort(struct diag_list *l);
/* Drops repeated diagnostics (same place, rule and message) of a sorted
 * list: a .dtsi included by several checked boards reports once. */
void diag_dedup(struct diag_list *l);
/* Appends a copy of every entry of src to dst (without fix edits). */
void diag_list_copy(struct diag_list *dst, const struct diag_list *src);
/* Moves all of src's entries to the end of dst. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);
const char *diag_severity_name(int sev);

#endif
