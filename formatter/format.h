/* The canonical formatter: the token stream and CST of a file as written ->
 * the same file in the kernel's DTS style. Works from the lossless tokens,
 * never from the model, so every comment and preprocessor line survives.
 *
 * Every result is verified before it is returned: the output is re-lexed and
 * its significant tokens (and its comments and directives, whitespace aside)
 * compared with the input's. A difference is an internal error and no text is
 * returned, so callers can write whatever they get without further checks.
 *
 * Usage (one file; thread-safe, no global state):
 *
 *	struct fmt_options o;
 *	fmt_options_default(&o);
 *	struct fmt_result r;
 *	fmt_buffer(text, len, &o, &r);
 *	if (r.status == FMT_OK && r.changed) use(r.text, r.len);
 *	for (i < r.nerrors) report(r.errors[i].start, r.errors[i].msg);
 *	fmt_result_free(&r);
 */
#ifndef DTIDY_FORMAT_H
#define DTIDY_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/profile.h"

struct fmt_options {
	int indent;		/* 0: one tab per level; N > 0: N spaces per level */
	int tab_width;		/* columns a tab counts for (default 8) */
	int line_width;		/* values are broken past this column (default 100) */
	int sort;		/* reorder properties and nodes (kernel order; whole
				 * files without syntax errors only) */
	unsigned parse_flags;	/* DT_PARSE_*: the grammar of the build's reader */
	int grid;		/* enum fmt_grid: values laid out in rows */
	int style;		/* enum fmt_style: blank lines, continuations */
};

/* The rules beyond the options: whose canonical format it is. */
enum fmt_style {
	FMT_STYLE_KERNEL,	/* the kernel's DTS coding style (dt-check-style) */
	FMT_STYLE_DTS_LINTER,	/* dts-linter's, as Zephyr's CI runs it */
	FMT_STYLE_ZMK,		/* the kernel's, but a trailing comment keeps the
				 * spacing before it (column headings of tables) */
};

/* A value whose author put several entries on a line (keymap bindings,
 * interrupt-map, pin tables) always keeps its rows and its entries whole;
 * this says how the entries of a row are spaced. */
enum fmt_grid {
	FMT_GRID_ALIGN,		/* in columns when the rows are of one shape,
				 * else as written (the default) */
	FMT_GRID_KEEP,		/* as written */
	FMT_GRID_SINGLE,	/* one space apart (dts-linter) */
};

void fmt_options_default(struct fmt_options *o);
/* The defaults of a build's style (style.c): the kernel's for the kernel,
 * U-Boot and TF-A, dts-linter's for Zephyr, four spaces for ZMK. */
void fmt_options_for_profile(struct fmt_options *o, enum dt_profile p);

/* One line range, 1-based and inclusive, for fmt_buffer_lines(). */
struct fmt_line_range {
	unsigned first, last;
};

enum fmt_status {
	FMT_OK,			/* text holds the formatted file */
	FMT_SYNTAX,		/* the input does not parse: errors say where; no text */
	FMT_INTERNAL,		/* verification failed: no text (a dtidy bug) */
};

struct fmt_error {
	uint32_t start, end;	/* byte offsets in the input */
	char *msg;
};

struct fmt_result {
	int status;		/* enum fmt_status */
	char *text;		/* malloc'd, NUL-terminated; NULL unless FMT_OK */
	size_t len;
	int changed;		/* text differs from the input */
	struct fmt_error *errors;	/* syntax errors, or the verification failure */
	size_t nerrors;
	/* --sort: the nodes left in their order, each with why */
	struct fmt_error *notes;
	size_t nnotes;
};

/* Formats a whole buffer. A buffer with syntax errors is refused (FMT_SYNTAX,
 * errors listed, no text). Returns r->status. */
int fmt_buffer(const char *text, size_t len, const struct fmt_options *o,
	       struct fmt_result *r);

/* For editors: like fmt_buffer, but a buffer with syntax errors still gets
 * the statements before the first error formatted; the rest is kept byte for
 * byte. r->errors lists the syntax errors; r->status is FMT_OK when text was
 * produced. */
int fmt_buffer_partial(const char *text, size_t len, const struct fmt_options *o,
		       struct fmt_result *r);

/* Formats only the whole properties, nodes and comments that touch the
 * given lines (`--lines A:B`, LSP range formatting); everything else is kept
 * byte for byte. The result is the whole file. Syntax errors refuse as in
 * fmt_buffer. */
int fmt_buffer_lines(const char *text, size_t len, const struct fmt_options *o,
		     const struct fmt_line_range *ranges, size_t nranges,
		     struct fmt_result *r);

void fmt_result_free(struct fmt_result *r);

struct model_opts;
/* --sort's last check, for the caller that knows the file's path and
 * include directories: do the old and the new text of path build the same
 * tree (parser/model, other files read from disk)? The same nodes, labels,
 * property values (references by the node they point to) and memory
 * reservations; the order of properties and children aside. Returns 0, or
 * -1 with *why (malloc'd) quoting the first difference in the old tree. */
int fmt_same_model(const char *path, const char *old, size_t oldlen, const char *now,
		   size_t nowlen, const struct model_opts *mo, char **why);

#endif
