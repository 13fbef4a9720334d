/* The built-in C preprocessor, as the kernel runs it on device trees:
 * `cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp`, followed by dtc's
 * own `/include/` splicing. The result is text for the DTS lexer plus an
 * origin map from every output byte back to where it was written. */
#ifndef DTIDY_PP_H
#define DTIDY_PP_H

#include <stddef.h>
#include <stdint.h>

#include "../../core/arena.h"
#include "../../core/diag.h"
#include "../../core/source.h"
#include "../../include/dtidy/model.h"
#include "src_cache.h"

/* A file read by the preprocessor. `pub` comes first so a pointer to it is
 * a pointer to the whole. */
struct pp_file {
	struct dtidy_file pub;
	const struct source *src;	/* bytes and line index */
	struct source *owned;		/* from the read hook: freed with the result */
	struct src_cache *cache;	/* else the cache holding src: given back with it */
	int dir_index;			/* search-list entry it was found in, -1: none */
	int once;			/* #pragma once seen */
	int active;			/* how many times it is being read right now */
};

/* Output bytes [out, next origin's out) came from file bytes [start, end).
 * Raw spans (a copied /include/ file) map byte for byte (linear = 1);
 * tokens map as a whole to their origin (a macro use for expansions). */
struct pp_origin {
	uint32_t out;
	uint32_t file;
	uint32_t start, end;
	uint32_t linear;
};

struct pp_opts {
	const char *const *incdirs;	/* -I, in order */
	size_t nincdirs;
	struct src_cache *cache;	/* never NULL */
	src_read_fn read;		/* optional override (editor buffers) */
	void *read_ctx;
	/* what cpp's -D and -U do, in order, after cpp's own predefined
	 * macros: "NAME", "NAME=VALUE", "-DNAME[=VALUE]" define NAME (to 1
	 * when no value is given); "-UNAME" undefines it */
	const char *const *defines;
	size_t ndefines;
	/* keep a pp_record (an editor's navigation wants one; a check does not) */
	int record;
};

/* What the preprocessor saw in the files, kept when pp_opts.record is set:
 * where each macro was defined and used and what each use became, and
 * which file each #include found. Positions are byte offsets in
 * files[file]; everything lives in the `keep` arena. */
#define PP_NO_FILE UINT32_MAX	/* a -D from the command line */

struct pp_macro_def {
	const char *name;
	uint32_t file;			/* PP_NO_FILE for -D */
	uint32_t start, end;		/* the name in its #define line */
	const char *params;		/* "(a, b)" for a function-like macro, else NULL */
	const char *body;		/* the replacement list, tokens one space apart */
};

struct pp_macro_use {
	uint32_t file;
	uint32_t start, end;		/* the name, through the ')' of its arguments */
	uint32_t def;			/* index in defs */
	const char *expansion;		/* the text it became (NULL: none was written,
					 * e.g. a use in an #if line) */
};

struct pp_include {
	uint32_t file;
	uint32_t start, end;		/* the name as written: "x.h" or <x.h> */
	int32_t target;			/* index in files; -1: not found */
	int raw;			/* dtc's /include/ rather than #include */
};

/* Each list sorted by (file, start), one entry per place. */
struct pp_record {
	const struct pp_macro_def *defs;
	size_t ndefs;
	const struct pp_macro_use *uses;
	size_t nuses;
	const struct pp_include *incs;
	size_t nincs;
};

struct pp_result {
	char *text;			/* NUL-terminated, malloc'd */
	size_t len;
	struct pp_origin *origins;	/* sorted by out, malloc'd */
	size_t norigins;
	struct pp_file **files;		/* every file read, main first (arena) */
	size_t nfiles;
	int failed;			/* a fatal preprocessing error (cpp would stop) */
	struct pp_record rec;		/* pp_opts.record only */
};

/* Is `def` what -D takes ("NAME", "NAME=VALUE", "NAME(ARGS)=BODY")? With
 * `undef`, what -U takes (a NAME alone)? For the command line and the
 * configuration, which refuse anything else as cpp does. */
int pp_define_valid(const char *def, int undef);

/* Preprocesses `path`. Files and their dtidy_file records are allocated
 * from `keep` (they must live as long as the model); diagnostics are added
 * to `diags`. Never fails outright: an unreadable main file gives an empty
 * result, a diagnostic and failed = 1. */
void pp_run(const char *path, const struct pp_opts *o, struct arena *keep,
	    struct diag_list *diags, struct pp_result *out);
/* Frees the result and gives its files back to the cache. */
void pp_result_free(struct pp_result *r);

/* Would a line that begins with these bytes (and goes on with more) be
 * read as a directive? A property named "#if" or "#1" is one: a printer
 * must not start a line with it. */
int pp_text_opens_directive(const char *s, size_t n);

/* Where output byte `off` came from. */
struct dtidy_loc pp_origin_loc(const struct pp_result *r, uint32_t off, uint32_t end);
/* The same, for callers that ask in output order: *hint (0 at first) is
 * kept between calls and makes each lookup start where the last ended. */
struct dtidy_loc pp_origin_loc_near(const struct pp_result *r, size_t *hint, uint32_t off,
				    uint32_t end);

/* Reads a file through the hook and the cache, records it in `files` once
 * per path. Used by the preprocessor and by /incbin/. NULL if unreadable
 * (then *err is a malloc'd message). */
struct pp_file_set {
	struct pp_file **v;
	size_t n, cap;
};
struct pp_file *pp_file_get(struct pp_file_set *set, const char *path,
			    const struct pp_opts *o, struct arena *keep, char **err);

#endif
