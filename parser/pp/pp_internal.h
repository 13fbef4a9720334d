/* Shared between the preprocessor's files: tokens, hide sets, macros and
 * the run state. Not for use outside parser/pp/. */
#ifndef DTIDY_PP_INTERNAL_H
#define DTIDY_PP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../core/arena.h"
#include "../../core/strbuf.h"
#include "pp.h"

enum pp_kind {
	PT_EOF,
	PT_IDENT,
	PT_NUM,		/* pp-number */
	PT_STR,
	PT_CHAR,
	PT_PUNCT,
	PT_OTHER,	/* a byte that starts no other token */
};

enum {
	PF_BOL = 1 << 0,	/* first token of a line in its file */
	PF_SPACE = 1 << 1,	/* whitespace (or a comment) before it */
	PF_EXP = 1 << 2,	/* produced by a macro expansion */
	PF_PAD = 1 << 3,	/* an expansion starts or ends just before it */
	PF_ARG = 1 << 4,	/* from a macro argument (keeps its own origin) */
	PF_FILE_END = 1 << 5,	/* the PT_EOF that ends a file (not a sub-list) */
};

struct hideset {
	struct hideset *next;
	const char *name;
	uint32_t len;
};

struct pp_tok {
	struct pp_tok *next;
	const char *p;		/* spelling (splices removed) */
	uint32_t len;
	uint8_t kind, flags;
	uint32_t file;		/* origin: index in pp->files */
	uint32_t start, end;	/* origin bytes in that file */
	struct hideset *hs;
};

struct macro {
	struct macro *next;	/* hash chain */
	const char *name;
	uint32_t len;
	int fn;			/* function-like */
	int variadic;
	size_t nparams;
	struct pp_tok **params;	/* parameter names (the variadic one last) */
	struct pp_tok *body;	/* ends with PT_EOF */
	int builtin;		/* one of enum builtin */
	uint32_t def;		/* index in pp->rec_defs (pp_opts.record), else UINT32_MAX */
};

enum builtin {
	B_NONE, B_FILE, B_LINE, B_COUNTER, B_INCLUDE_LEVEL, B_BASE_FILE, B_TIMESTAMP,
	B_DATE, B_TIME,
};

struct macro_table {
	struct macro **b;
	size_t nb, n;
};

struct cond {
	struct cond *up;
	int state;		/* 0: taking, 1: skipping to else/elif, 2: done (skip rest) */
	int seen_else;
	struct pp_tok *at;	/* the #if token, for "unterminated" */
};

struct pp {
	const struct pp_opts *o;
	struct arena a;			/* tokens and macros: freed when done */
	struct arena *keep;		/* files: live with the model */
	struct diag_list *diags;
	struct pp_file_set files;
	struct macro_table macros;
	struct strbuf out;
	struct pp_origin *org;
	size_t norg, caporg;
	const struct pp_tok *prev;	/* last token written */
	int depth;			/* #include nesting */
	size_t tokens_made;		/* budget against runaway expansion */
	int counter;			/* __COUNTER__ */
	int failed;
	int fatal;			/* stop everything (budget exceeded) */
	uint32_t cur_file;		/* file being read */
	struct cond *conds;		/* open conditionals of that file */
	/* pp_opts.record: what pp_record will hold (malloc'd while running) */
	int recording;
	struct pp_macro_def *rec_defs;
	size_t nrec_defs, caprec_defs;
	struct pp_macro_use *rec_uses;
	size_t nrec_uses, caprec_uses;
	struct pp_include *rec_incs;
	size_t nrec_incs, caprec_incs;
};

/* Runaway guards. */
#define PP_MAX_DEPTH 200
#define PP_MAX_TOKENS ((size_t)4 * 1000 * 1000)
#define PP_MAX_OUT ((size_t)64 * 1024 * 1024)
/* Tokens and hide sets: deeply nested macros cost memory per expansion
 * level, not per token made (2^20 tokens 20 levels deep took 1.2 GB). */
#define PP_MAX_ARENA ((size_t)128 * 1024 * 1024)

/* pp_lex.c */
/* The tokens of pp->files.v[file], ending in its PT_EOF: a file read
 * through the cache more than once is lexed once per run and shared. */
struct pp_tok *pp_tokenize_file(struct pp *pp, uint32_t file);
/* Lexes a string made by stringify/paste into tokens (origin copied from
 * `like`). Returns the list ending in PT_EOF. */
struct pp_tok *pp_tokenize_str(struct pp *pp, const char *s, size_t len,
			       const struct pp_tok *like);
struct pp_tok *pp_tok_new(struct pp *pp, const struct pp_tok *like);
struct pp_tok *pp_tok_eof(struct pp *pp, const struct pp_tok *like);
/* Is t spelt s (and not a literal)? Inline: it is asked of nearly every
 * token, with a literal s whose length the compiler then knows. */
static inline int pp_tok_is(const struct pp_tok *t, const char *s)
{
	size_t n = strlen(s);
	return t->kind != PT_EOF && t->kind != PT_STR && t->kind != PT_CHAR && t->len == n &&
	       memcmp(t->p, s, n) == 0;
}

/* pp_hideset.c */
struct hideset *hs_new(struct pp *pp, const char *name, uint32_t len);
int hs_contains(const struct hideset *hs, const char *name, uint32_t len);
struct hideset *hs_union(struct pp *pp, struct hideset *a, struct hideset *b);
struct hideset *hs_intersection(struct pp *pp, struct hideset *a, struct hideset *b);

/* pp_macro.c */
struct macro *macro_find(struct pp *pp, const char *name, uint32_t len);
void macro_define(struct pp *pp, struct pp_tok *name_tok, struct pp_tok *rest);
void macro_undef(struct pp *pp, const char *name, uint32_t len);
void macro_define_str(struct pp *pp, const char *def);
void macro_builtins(struct pp *pp);
/* If tok is a macro to expand here, replaces it in the list: *rest becomes
 * the expansion followed by what came after. Returns 1 when expanded. */
int macro_expand(struct pp *pp, struct pp_tok *tok, struct pp_tok **rest);
/* Expands every macro in a list ending with PT_EOF (for #if and #include). */
struct pp_tok *macro_expand_all(struct pp *pp, struct pp_tok *tok);

/* pp_expr.c */
/* Evaluates the tokens of an #if line (already macro-expanded, with
 * `defined` replaced). Returns 0 on error (reported). */
int pp_eval_if(struct pp *pp, struct pp_tok *tok, long long *value);

/* pp_search.c */
/* Finds an include file; returns an arena path or NULL. `quoted`: search
 * the including file's directory first. from_dir: start at this search-list
 * index (for #include_next). */
char *pp_search(struct pp *pp, const char *name, int quoted, const char *including,
		int from_dir, int *found_dir);

/* pp_record.c: the record of pp_opts.record */
void pp_rec_define(struct pp *pp, struct macro *m, const struct pp_tok *name_tok);
void pp_rec_use(struct pp *pp, const struct macro *m, const struct pp_tok *tok, uint32_t start,
		uint32_t end);
/* The uses recorded since `first` lie in a macro argument whose expansion
 * is `exp`: their expansions are read from it (the output will not show
 * them once the enclosing macro has rescanned them). */
void pp_rec_arg_uses(struct pp *pp, size_t first, const struct pp_tok *exp);
void pp_rec_include(struct pp *pp, uint32_t file, uint32_t start, uint32_t end,
		    const struct pp_file *target, int raw);
/* Sorts, merges repeats, finds each use's expansion in the finished output
 * and moves the lists into the result's arena. */
void pp_rec_finish(struct pp *pp, struct pp_result *out);

/* pp.c */
uint32_t pp_file_index(const struct pp *pp, const struct pp_file *f);
void pp_error(struct pp *pp, const struct pp_tok *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pp_warn(struct pp *pp, const struct pp_tok *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Is this '#' the start of a directive (first on its line, from a file,
 * followed by a directive name, a number or nothing)? */
int pp_is_directive(const struct pp_tok *t);
/* Handles the directive at `hash`, and skips the group it closes when a
 * conditional is false. Returns the first token after it. */
struct pp_tok *pp_directive(struct pp *pp, struct pp_tok *hash);
/* Counts tokens made; sets pp->fatal and reports once past the budget. */
int pp_budget(struct pp *pp, const struct pp_tok *where, size_t n);

#endif
