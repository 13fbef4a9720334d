/* The preprocessor's driver: reads a file's tokens, obeys directives,
 * expands macros and writes the result as text, with an origin record for
 * every token written. dtc's own `/include/ "file"` comes after cpp in the
 * real flow, so it is not preprocessed: the named file's bytes are copied
 * into the output as they are. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "../../lexer/lexer.h"
#include "pp_internal.h"

/* ---- diagnostics ---- */

static void report(struct pp *pp, const struct pp_tok *t, int sev, const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (t && t->file < pp->files.n) {
		const struct pp_file *f = pp->files.v[t->file];
		diag_add(pp->diags, f->src, t->start, t->end, sev, "preprocessor", "%s", buf);
	} else {
		diag_add_file(pp->diags, pp->files.n ? pp->files.v[0]->pub.path : "<input>", sev,
			      "preprocessor", "%s", buf);
	}
}

void pp_error(struct pp *pp, const struct pp_tok *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(pp, t, DTIDY_SEV_ERROR, fmt, ap);
	va_end(ap);
	pp->failed = 1;
}

void pp_warn(struct pp *pp, const struct pp_tok *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(pp, t, DTIDY_SEV_WARNING, fmt, ap);
	va_end(ap);
}

int pp_budget(struct pp *pp, const struct pp_tok *where, size_t n)
{
	(void)n;
	if (pp->fatal)
		return 1;
	if (pp->tokens_made > PP_MAX_TOKENS || pp->out.len > PP_MAX_OUT ||
	    pp->a.total > PP_MAX_ARENA) {
		pp_error(pp, where, "macro expansion too large (runaway macro?); preprocessing stopped");
		pp->fatal = 1;
		return 1;
	}
	return 0;
}

/* ---- files ---- */

struct pp_file *pp_file_get(struct pp_file_set *set, const char *path,
			    const struct pp_opts *o, struct arena *keep, char **err)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->v[i]->pub.path, path))
			return set->v[i];
	const struct source *src = NULL;
	struct source *owned = NULL;
	char *text;
	size_t len;
	if (o->read && o->read(o->read_ctx, path, &text, &len)) {
		owned = source_take(path, text, len);
		src = owned;
	} else {
		src = src_cache_get(o->cache, path, err);
		if (!src)
			return NULL;
	}
	struct pp_file *f = arena_alloc(keep, sizeof(*f));
	f->pub.path = arena_strdup(keep, path);
	f->pub.text = src->text;
	f->pub.len = src->len;
	f->src = src;
	f->owned = owned;
	f->cache = owned ? NULL : o->cache;
	f->dir_index = -1;
	VEC_PUSH(set->v, set->n, set->cap, f);
	return f;
}

/* ---- output ---- */

static int avoid_paste(const struct pp_tok *a, const struct pp_tok *b)
{
	int c = a->len ? (unsigned char)a->p[a->len - 1] : 0;
	int d = b->len ? (unsigned char)b->p[0] : 0;
	switch (a->kind) {
	case PT_IDENT:
		return b->kind == PT_IDENT || b->kind == PT_NUM || b->kind == PT_CHAR ||
		       b->kind == PT_STR;
	case PT_NUM:
		return b->kind == PT_NUM || b->kind == PT_IDENT || b->kind == PT_CHAR ||
		       d == '.' || d == '+' || d == '-';
	case PT_PUNCT:
		if (b->kind != PT_PUNCT && !(c == '.' && b->kind == PT_NUM))
			return 0;
		switch (c) {
		case '>': return d == '>' || d == '=';
		case '<': return d == '<' || d == '=' || d == '%' || d == ':';
		case '+': return d == '+' || d == '=';
		case '-': return d == '-' || d == '=' || d == '>';
		case '&': return d == '&' || d == '=';
		case '|': return d == '|' || d == '=';
		case ':': return d == '>';
		case '*': case '=': case '!': case '^': return d == '=';
		case '/': return d == '/' || d == '*' || d == '=';
		case '%': return d == '=' || d == ':' || d == '>';
		case '#': return d == '#' || d == '%';
		case '.': return d == '.' || d == '%' || b->kind == PT_NUM;
		default: return 0;
		}
	default:
		return 0;
	}
}

static void push_origin(struct pp *pp, uint32_t file, uint32_t start, uint32_t end, int linear)
{
	VEC_RESERVE(pp->org, pp->caporg, pp->norg + 1);
	struct pp_origin *o = &pp->org[pp->norg++];
	o->out = (uint32_t)pp->out.len;
	o->file = file;
	o->start = start;
	o->end = end;
	o->linear = (uint32_t)linear;
}

/* Is the token spelt in the output exactly as its origin bytes in its file
 * (read from the file, not made by an expansion, no splice inside)? */
static int verbatim(const struct pp *pp, const struct pp_tok *t)
{
	if ((t->flags & (PF_EXP | PF_ARG)) || t->file >= pp->files.n ||
	    t->end - t->start != t->len)
		return 0;
	return t->p == pp->files.v[t->file]->pub.text + t->start;
}

/* Writes a token after `gap` separator bytes (already written). A token
 * copied from its file right after the previous one, with as many bytes
 * between them in the output as in the file, extends the previous origin:
 * output and file then run byte for byte in step, and most lines of a
 * board become one origin instead of one per token. */
static void emit_origin(struct pp *pp, const struct pp_tok *t, size_t gap)
{
	if (!verbatim(pp, t)) {
		push_origin(pp, t->file, t->start, t->end, 0);
		return;
	}
	if (pp->norg) {
		struct pp_origin *o = &pp->org[pp->norg - 1];
		/* the separator must be the file's own byte too: a tab
		 * written as a space keeps the offsets but not the bytes */
		const char *ftext = pp->files.v[t->file]->pub.text;
		if (o->linear && o->file == t->file && (size_t)o->end + gap == t->start &&
		    (size_t)o->out + (o->end - o->start) + gap == pp->out.len &&
		    memcmp(ftext + o->end, pp->out.s + pp->out.len - gap, gap) == 0) {
			o->end = t->end;
			return;
		}
	}
	push_origin(pp, t->file, t->start, t->end, 1);
}

static void emit(struct pp *pp, const struct pp_tok *t)
{
	size_t gap = 0;
	if (t->flags & PF_BOL) {
		if (pp->out.len) {
			sb_putc(&pp->out, '\n');
			gap = 1;
		}
	} else if ((t->flags & PF_SPACE) ||
		   ((t->flags & PF_PAD) && pp->prev && avoid_paste(pp->prev, t))) {
		sb_putc(&pp->out, ' ');
		gap = 1;
	}
	emit_origin(pp, t, gap);
	sb_put(&pp->out, t->p, t->len);
	pp->prev = t;
}

/* ---- dtc's /include/ ---- */

static void raw_include(struct pp *pp, struct pp_file *f, int depth);

/* /include/ "name" read from file `from` at token [start, end). */
static void raw_include_name(struct pp *pp, const char *name, size_t nlen, uint32_t from,
			     uint32_t start, uint32_t end, int depth)
{
	struct pp_tok at = {.file = from, .start = start, .end = end};
	char *nm = arena_strndup(&pp->a, name, nlen);
	int dir;
	char *path = pp_search(pp, nm, 1, pp->files.v[from]->pub.path, -1, &dir);
	char *err = NULL;
	struct pp_file *f = path ? pp_file_get(&pp->files, path, pp->o, pp->keep, &err) : NULL;
	/* the name is the string that ends the directive */
	pp_rec_include(pp, from, end >= nlen + 2 ? end - (uint32_t)nlen - 2 : start, end, f, 1);
	if (!f) {
		if (err)
			free(err);
		diag_add(pp->diags, pp->files.v[from]->src, start, end, DTIDY_SEV_ERROR, "include",
			 "cannot find /include/ file '%s' (searched the including file's directory and -I)",
			 nm);
		pp->failed = 1;
		return;
	}
	if (depth >= PP_MAX_DEPTH) {
		pp_error(pp, &at, "/include/ nested too deeply (an include cycle?)");
		pp->fatal = 1;
		return;
	}
	/* as for #include: a third time inside itself is a cycle */
	if (f->active >= 2) {
		pp_error(pp, &at, "/include/ cycle: '%s' is already being included twice", nm);
		pp->fatal = 1;
		return;
	}
	raw_include(pp, f, depth + 1);
}

uint32_t pp_file_index(const struct pp *pp, const struct pp_file *f)
{
	for (size_t i = 0; i < pp->files.n; i++)
		if (pp->files.v[i] == f)
			return (uint32_t)i;
	return 0;
}

/* Copies a file's bytes into the output, following its own /include/s. */
static void raw_include(struct pp *pp, struct pp_file *f, int depth)
{
	uint32_t fi = pp_file_index(pp, f);
	struct dt_tokens toks = {0};
	dt_lex(f->pub.text, f->pub.len, &toks);
	size_t from = 0;
	f->active++;
	sb_putc(&pp->out, '\n');
	for (size_t i = 0; i < toks.n && !pp->fatal; i++) {
		if (toks.v[i].kind != TK_INCLUDE)
			continue;
		size_t j = i + 1;
		while (j < toks.n && dt_tok_is_trivia(toks.v[j].kind))
			j++;
		if (j >= toks.n || toks.v[j].kind != TK_STRING)
			continue;
		size_t upto = toks.v[i].off;
		push_origin(pp, fi, (uint32_t)from, (uint32_t)upto, 1);
		sb_put(&pp->out, f->pub.text + from, upto - from);
		const struct dt_token *s = &toks.v[j];
		raw_include_name(pp, f->pub.text + s->off + 1, s->len >= 2 ? s->len - 2 : 0, fi,
				 toks.v[i].off, s->off + s->len, depth);
		sb_putc(&pp->out, '\n');
		from = s->off + s->len;
		i = j;
	}
	push_origin(pp, fi, (uint32_t)from, (uint32_t)f->pub.len, 1);
	sb_put(&pp->out, f->pub.text + from, f->pub.len - from);
	sb_putc(&pp->out, '\n');
	f->active--;
	dt_tokens_free(&toks);
	pp->prev = NULL;
}

/* `/include/ "x"` at tok (already known to be '/'): returns the token
 * after it when it was one, else NULL. */
static struct pp_tok *try_raw_include(struct pp *pp, struct pp_tok *t)
{
	struct pp_tok *a = t->next, *b = a ? a->next : NULL, *s = b ? b->next : NULL;
	if (!s)		/* a '/' among the last tokens of the file */
		return NULL;
	if (!pp_tok_is(a, "include") || !pp_tok_is(b, "/") || s->kind != PT_STR ||
	    (a->flags & (PF_SPACE | PF_BOL)) || (b->flags & (PF_SPACE | PF_BOL)))
		return NULL;
	raw_include_name(pp, s->p + 1, s->len - 2, t->file, t->start, s->end, pp->depth);
	return s->next;
}

/* ---- directives ---- */

static const char *const directive_names[] = {
	"include", "include_next", "define", "undef", "if", "ifdef", "ifndef", "elif",
	"elifdef", "elifndef", "else", "endif", "error", "warning", "pragma", "line",
	"ident", "sccs", "assert", "unassert", "import", NULL,
};

int pp_is_directive(const struct pp_tok *t)
{
	if (!(t->flags & PF_BOL) || (t->flags & PF_EXP) || t->kind != PT_PUNCT ||
	    !pp_tok_is(t, "#"))
		return 0;
	const struct pp_tok *n = t->next;
	if (n->kind == PT_EOF || (n->flags & PF_BOL) || n->kind == PT_NUM)
		return 1;
	if (n->kind != PT_IDENT)
		return 0;
	for (int i = 0; directive_names[i]; i++)
		if (pp_tok_is(n, directive_names[i]))
			return 1;
	return 0;
}

static int ident_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$';
}

int pp_text_opens_directive(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n || s[i] != '#')
		return 0;
	i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] >= '0' && s[i] <= '9')
		return 1;	/* a line marker */
	size_t b = i;
	while (i < n && ident_char((unsigned char)s[i]))
		i++;
	for (int k = 0; directive_names[k]; k++)
		if (strlen(directive_names[k]) == i - b && !memcmp(s + b, directive_names[k], i - b))
			return 1;
	return 0;
}

/* Cuts the directive's line out of the list: returns its tokens after the
 * '#' ending in a PT_EOF, and the first token of the next line in *next. */
static struct pp_tok *cut_line(struct pp *pp, struct pp_tok *hash, struct pp_tok **next)
{
	struct pp_tok *t = hash->next;
	if (t->kind == PT_EOF || (t->flags & PF_BOL)) {
		*next = t;
		return pp_tok_eof(pp, hash);
	}
	struct pp_tok *last = t;
	while (last->next->kind != PT_EOF && !(last->next->flags & PF_BOL))
		last = last->next;
	*next = last->next;
	last->next = pp_tok_eof(pp, last);
	last->next->flags = 0;
	last->next->start = last->next->end = last->end;
	return t;
}

/* From the first token of a line inside a false group, to the '#' of the
 * #elif / #else / #endif that ends the group (or the file's PT_EOF). */
static struct pp_tok *skip_group(struct pp_tok *t)
{
	int depth = 0;
	for (; t->kind != PT_EOF; t = t->next) {
		if (!pp_is_directive(t))
			continue;
		const struct pp_tok *n = t->next;
		if (pp_tok_is(n, "if") || pp_tok_is(n, "ifdef") || pp_tok_is(n, "ifndef")) {
			depth++;
		} else if (pp_tok_is(n, "endif")) {
			if (depth == 0)
				return t;
			depth--;
		} else if (depth == 0 && (pp_tok_is(n, "elif") || pp_tok_is(n, "else") ||
					  pp_tok_is(n, "elifdef") || pp_tok_is(n, "elifndef"))) {
			return t;
		}
	}
	return t;
}

/* `defined X`, `defined(X)` and `__has_include(...)` become 1 or 0. */
static struct pp_tok *read_defined(struct pp *pp, struct pp_tok *line)
{
	struct pp_tok head = {0}, *cur = &head;
	for (struct pp_tok *t = line; t->kind != PT_EOF;) {
		if (pp_tok_is(t, "defined")) {
			struct pp_tok *n = t->next;
			int paren = pp_tok_is(n, "(");
			if (paren)
				n = n->next;
			if (n->kind != PT_IDENT) {
				pp_error(pp, t, "'defined' needs a macro name");
				cur = cur->next = pp_tokenize_str(pp, "0", 1, t);
				t = n;
				continue;
			}
			int v = macro_find(pp, n->p, n->len) != NULL;
			t = n->next;
			if (paren) {
				if (!pp_tok_is(t, ")"))
					pp_error(pp, n, "missing ')' after 'defined'");
				else
					t = t->next;
			}
			struct pp_tok *r = pp_tokenize_str(pp, v ? "1" : "0", 1, n);
			r->next = NULL;
			cur = cur->next = r;
			continue;
		}
		if (pp_tok_is(t, "__has_include") || pp_tok_is(t, "__has_include_next")) {
			struct pp_tok *n = t->next;
			int v = 0;
			if (pp_tok_is(n, "(")) {
				n = n->next;
				char *name = NULL;
				int quoted = 0;
				if (n->kind == PT_STR) {
					name = arena_strndup(&pp->a, n->p + 1, n->len - 2);
					quoted = 1;
					n = n->next;
				} else if (pp_tok_is(n, "<")) {
					struct strbuf b = {0};
					for (n = n->next; n->kind != PT_EOF && !pp_tok_is(n, ">"); n = n->next)
						sb_put(&b, n->p, n->len);
					name = arena_strndup(&pp->a, b.s ? b.s : "", b.len);
					sb_free(&b);
					if (n->kind != PT_EOF)
						n = n->next;
				}
				int dir;
				if (name)
					v = pp_search(pp, name, quoted, pp->files.v[pp->cur_file]->pub.path, -1,
						      &dir) != NULL;
				if (pp_tok_is(n, ")"))
					n = n->next;
			}
			struct pp_tok *r = pp_tokenize_str(pp, v ? "1" : "0", 1, t);
			r->next = NULL;
			cur = cur->next = r;
			t = n;
			continue;
		}
		struct pp_tok *c = pp_tok_new(pp, t);
		cur = cur->next = c;
		t = t->next;
	}
	cur->next = pp_tok_eof(pp, line);
	cur->next->flags = 0;
	return head.next;
}

static int eval_if(struct pp *pp, struct pp_tok *line, struct pp_tok *at)
{
	if (line->kind == PT_EOF) {
		pp_error(pp, at, "#%.*s with no expression", (int)at->len, at->p);
		return 0;
	}
	struct pp_tok *t = read_defined(pp, line);
	t = macro_expand_all(pp, t);
	t = read_defined(pp, t);
	long long v = 0;
	if (!pp_eval_if(pp, t, &v))
		return 0;
	return v != 0;
}

static void push_cond(struct pp *pp, struct pp_tok *at, int taking)
{
	struct cond *c = arena_alloc(&pp->a, sizeof(*c));
	c->up = pp->conds;
	c->state = taking ? 0 : 1;
	c->at = at;
	pp->conds = c;
}

static void run_file(struct pp *pp, struct pp_file *f);

static void do_include(struct pp *pp, struct pp_tok *kw, struct pp_tok *line, int next)
{
	struct pp_tok *t = line;
	char *name = NULL;
	int quoted = 0;
	/* the name as written: the rest of the line, before any expansion */
	uint32_t name_start = line->kind == PT_EOF ? kw->end : line->start, name_end = name_start;
	for (const struct pp_tok *x = line; x->kind != PT_EOF; x = x->next)
		if (x->file == kw->file)
			name_end = x->end;
	if (t->kind != PT_STR && !pp_tok_is(t, "<"))
		t = macro_expand_all(pp, t);
	if (t->kind == PT_STR) {
		name = arena_strndup(&pp->a, t->p + 1, t->len - 2);
		quoted = 1;
	} else if (pp_tok_is(t, "<")) {
		struct pp_tok *e = t->next;
		while (e->kind != PT_EOF && !pp_tok_is(e, ">"))
			e = e->next;
		if (e->kind == PT_EOF) {
			pp_error(pp, kw, "missing '>' in #include");
			return;
		}
		const struct pp_file *f = pp->files.v[t->file];
		if (!(t->flags & PF_EXP) && !(e->flags & PF_EXP) && e->file == t->file) {
			name = arena_strndup(&pp->a, f->pub.text + t->end, e->start - t->end);
		} else {
			struct strbuf b = {0};
			for (struct pp_tok *x = t->next; x != e; x = x->next) {
				if (x != t->next && (x->flags & PF_SPACE))
					sb_putc(&b, ' ');
				sb_put(&b, x->p, x->len);
			}
			name = arena_strndup(&pp->a, b.s ? b.s : "", b.len);
			sb_free(&b);
		}
	} else {
		pp_error(pp, kw, "#include expects \"FILE\" or <FILE>");
		return;
	}
	struct pp_tok at = *kw;
	at.end = line->kind == PT_EOF ? kw->end : line->end;
	for (struct pp_tok *x = line; x->kind != PT_EOF; x = x->next)
		if (x->file == kw->file && !(x->flags & PF_EXP))
			at.end = x->end;
	at.start = kw->start > 0 ? kw->start - 1 : 0;
	{
		/* point at the '#' */
		const char *text = pp->files.v[kw->file]->pub.text;
		uint32_t s = kw->start;
		while (s > 0 && text[s - 1] != '#' && text[s - 1] != '\n')
			s--;
		at.start = s > 0 && text[s - 1] == '#' ? s - 1 : kw->start;
	}
	if (pp->depth >= PP_MAX_DEPTH) {
		pp_error(pp, &at, "#include nested more than %d deep (an include cycle?)", PP_MAX_DEPTH);
		pp->fatal = 1;
		return;
	}
	struct pp_file *cur = pp->files.v[kw->file];
	int from = -1;
	if (next) {
		from = cur->dir_index + 1;
		quoted = 0;
	}
	int dir;
	char *path = pp_search(pp, name, quoted, cur->pub.path, next ? from : -1, &dir);
	if (next && from == 0 && !path)
		path = NULL;
	char *err = NULL;
	struct pp_file *f = path ? pp_file_get(&pp->files, path, pp->o, pp->keep, &err) : NULL;
	pp_rec_include(pp, kw->file, name_start, name_end, f, 0);
	if (!f) {
		free(err);
		diag_add(pp->diags, pp->files.v[at.file]->src, at.start, at.end, DTIDY_SEV_ERROR,
			 "include", "cannot find include file '%s' (add its directory with -I)", name);
		pp->failed = 1;
		return;
	}
	if (f->dir_index < 0)
		f->dir_index = dir;
	if (f->once)
		return;
	/* A file inside itself once is a guarded self-include or a counted
	 * recursion; a third time it is a cycle. Stopping here, not at the
	 * depth limit, matters: a file that includes itself twice would
	 * otherwise be read 2^200 times before the limit is reached. */
	if (f->active >= 2) {
		pp_error(pp, &at, "#include cycle: '%s' is already being included twice (an include guard missing?)",
			 name);
		pp->fatal = 1;
		return;
	}
	run_file(pp, f);
}

static struct pp_tok *cond_directive(struct pp *pp, struct pp_tok *kw, struct pp_tok *line,
				     struct pp_tok *next)
{
	int is_if = pp_tok_is(kw, "if"), is_ifdef = pp_tok_is(kw, "ifdef"),
	    is_ifndef = pp_tok_is(kw, "ifndef");
	if (is_if || is_ifdef || is_ifndef) {
		int v;
		if (is_if) {
			v = eval_if(pp, line, kw);
		} else {
			if (line->kind != PT_IDENT) {
				pp_error(pp, kw, "#%.*s needs a macro name", (int)kw->len, kw->p);
				v = 0;
			} else {
				v = (macro_find(pp, line->p, line->len) != NULL) == is_ifdef;
			}
		}
		push_cond(pp, kw, v);
		return v ? next : skip_group(next);
	}
	struct cond *c = pp->conds;
	if (!c) {
		pp_error(pp, kw, "#%.*s without #if", (int)kw->len, kw->p);
		return next;
	}
	if (pp_tok_is(kw, "endif")) {
		pp->conds = c->up;
		return next;
	}
	if (c->seen_else) {
		pp_error(pp, kw, "#%.*s after #else", (int)kw->len, kw->p);
		return skip_group(next);
	}
	if (pp_tok_is(kw, "else")) {
		c->seen_else = 1;
		if (c->state == 1) {
			c->state = 0;
			return next;
		}
		c->state = 2;
		return skip_group(next);
	}
	/* elif, elifdef, elifndef */
	if (c->state != 1) {
		c->state = 2;
		return skip_group(next);
	}
	int v;
	if (pp_tok_is(kw, "elif"))
		v = eval_if(pp, line, kw);
	else if (line->kind != PT_IDENT)
		v = 0;
	else
		v = (macro_find(pp, line->p, line->len) != NULL) == pp_tok_is(kw, "elifdef");
	if (v) {
		c->state = 0;
		return next;
	}
	return skip_group(next);
}

struct pp_tok *pp_directive(struct pp *pp, struct pp_tok *hash)
{
	struct pp_tok *next;
	struct pp_tok *line = cut_line(pp, hash, &next);
	struct pp_tok *kw = line;
	if (kw->kind != PT_IDENT)
		return next;	/* null directive or line marker */
	struct pp_tok *args = kw->next;
	if (pp_tok_is(kw, "define")) {
		if (args->kind != PT_IDENT)
			pp_error(pp, kw, "#define needs a macro name");
		else if (pp_tok_is(args, "defined"))
			pp_error(pp, args, "'defined' cannot be used as a macro name");
		else
			macro_define(pp, args, args->next);
		return next;
	}
	if (pp_tok_is(kw, "undef")) {
		if (args->kind != PT_IDENT)
			pp_error(pp, kw, "#undef needs a macro name");
		else
			macro_undef(pp, args->p, args->len);
		return next;
	}
	if (pp_tok_is(kw, "include") || pp_tok_is(kw, "include_next") || pp_tok_is(kw, "import")) {
		uint32_t saved = pp->cur_file;
		do_include(pp, kw, args, pp_tok_is(kw, "include_next"));
		pp->cur_file = saved;
		return next;
	}
	if (pp_tok_is(kw, "if") || pp_tok_is(kw, "ifdef") || pp_tok_is(kw, "ifndef") ||
	    pp_tok_is(kw, "elif") || pp_tok_is(kw, "else") || pp_tok_is(kw, "endif") ||
	    pp_tok_is(kw, "elifdef") || pp_tok_is(kw, "elifndef"))
		return cond_directive(pp, kw, args, next);
	if (pp_tok_is(kw, "error") || pp_tok_is(kw, "warning")) {
		const struct pp_file *f = pp->files.v[kw->file];
		uint32_t s = args->kind == PT_EOF ? kw->end : args->start, e = s;
		for (struct pp_tok *x = args; x->kind != PT_EOF; x = x->next)
			e = x->end;
		if (kw->p[0] == 'e')
			pp_error(pp, kw, "#error %.*s", (int)(e - s), f->pub.text + s);
		else
			pp_warn(pp, kw, "#warning %.*s", (int)(e - s), f->pub.text + s);
		return next;
	}
	if (pp_tok_is(kw, "pragma")) {
		if (pp_tok_is(args, "once"))
			pp->files.v[kw->file]->once = 1;
		return next;
	}
	return next;	/* #line, #ident, #sccs, #assert, #unassert */
}

/* ---- files ---- */

static void run_file(struct pp *pp, struct pp_file *f)
{
	uint32_t fi = pp_file_index(pp, f);
	struct cond *saved_conds = pp->conds;
	uint32_t saved_file = pp->cur_file;
	pp->conds = NULL;
	pp->cur_file = fi;
	pp->depth++;
	f->active++;
	struct pp_tok *tok = pp_tokenize_file(pp, fi);
	while (tok->kind != PT_EOF && !pp->fatal) {
		if (tok->kind == PT_PUNCT && tok->p[0] == '#' && pp_is_directive(tok)) {
			tok = pp_directive(pp, tok);
			pp->cur_file = fi;
			continue;
		}
		if (macro_expand(pp, tok, &tok))
			continue;
		if (tok->kind == PT_PUNCT && pp_tok_is(tok, "/")) {
			struct pp_tok *after = try_raw_include(pp, tok);
			if (after) {
				tok = after;
				continue;
			}
		}
		emit(pp, tok);
		tok = tok->next;
		if (pp->out.len > PP_MAX_OUT)
			pp_budget(pp, tok, 0);
	}
	for (struct cond *c = pp->conds; c && !pp->fatal; c = c->up)
		pp_error(pp, c->at, "unterminated #%.*s", (int)c->at->len, c->at->p);
	pp->depth--;
	f->active--;
	pp->conds = saved_conds;
	pp->cur_file = saved_file;
}

static int ident_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int pp_define_valid(const char *def, int undef)
{
	const char *s = def;
	if (!ident_start(*s))
		return 0;
	while (ident_start(*s) || (*s >= '0' && *s <= '9'))
		s++;
	if (undef)
		return *s == '\0';
	if (*s == '(') {
		/* parameters: names, commas, "..." */
		s++;
		while (*s && *s != ')') {
			if (!ident_start(*s) && !(*s >= '0' && *s <= '9') && *s != ',' &&
			    *s != ' ' && *s != '.')
				return 0;
			s++;
		}
		if (*s++ != ')')
			return 0;
	}
	return *s == '\0' || *s == '=';
}

void pp_run(const char *path, const struct pp_opts *o, struct arena *keep,
	    struct diag_list *diags, struct pp_result *out)
{
	memset(out, 0, sizeof(*out));
	struct pp pp = {.o = o, .keep = keep, .diags = diags};
	arena_init(&pp.a);
	char *err = NULL;
	struct pp_file *f = pp_file_get(&pp.files, path, o, keep, &err);
	if (!f) {
		diag_add_file(diags, path, DTIDY_SEV_ERROR, "io", "%s", err ? err : "cannot read");
		free(err);
		out->failed = 1;
		out->text = xstrdup("");
		return;
	}
	macro_builtins(&pp);
	pp.recording = o->record;	/* what cpp predefines is nobody's definition */
	for (size_t i = 0; i < o->ndefines; i++) {
		const char *d = o->defines[i];
		if (!strncmp(d, "-U", 2))
			macro_undef(&pp, d + 2, (uint32_t)strlen(d + 2));
		else
			macro_define_str(&pp, strncmp(d, "-D", 2) ? d : d + 2);
	}
	run_file(&pp, f);
	pp_rec_finish(&pp, out);
	out->len = pp.out.len;
	sb_putc(&pp.out, '\0');
	out->text = pp.out.s;
	/* a board keeps its origins until its model is built */
	if (pp.norg && pp.caporg - pp.norg > pp.norg / 8)
		pp.org = xrealloc(pp.org, pp.norg * sizeof(*pp.org));
	out->origins = pp.org;
	out->norigins = pp.norg;
	out->files = pp.files.v;
	out->nfiles = pp.files.n;
	out->failed = pp.failed;
	arena_free(&pp.a);
}

void pp_result_free(struct pp_result *r)
{
	free(r->text);
	free(r->origins);
	for (size_t i = 0; i < r->nfiles; i++) {
		if (r->files[i]->owned)
			source_free(r->files[i]->owned);
		else
			src_cache_put(r->files[i]->cache, r->files[i]->src);
	}
	free(r->files);
	memset(r, 0, sizeof(*r));
}

/* The last origin whose output starts at or before off. A model asks in
 * output order, nearly always for the origin of its last question or one
 * of the next few: those are tried (from *hint) before a binary search. */
static size_t origin_index(const struct pp_result *r, uint32_t off, size_t *hint)
{
	size_t lo = 0, hi = r->norigins;
	size_t h = hint ? *hint : 0;
	if (h < hi && r->origins[h].out <= off) {
		for (int step = 0; step < 4 && h + 1 < hi && r->origins[h + 1].out <= off; step++)
			h++;
		if (h + 1 == hi || r->origins[h + 1].out > off)
			hi = h + 1;
		lo = h;
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (r->origins[mid].out <= off)
			lo = mid;
		else
			hi = mid;
	}
	if (hint)
		*hint = lo;
	return lo;
}

/* Where output byte `off` came from: [*start, *end) in the origin's file. */
static void origin_bytes(const struct pp_origin *o, uint32_t off, uint32_t *start, uint32_t *end)
{
	if (!o->linear) {
		*start = o->start;
		*end = o->end;
		return;
	}
	*start = o->start + (off - o->out);
	if (*start > o->end)
		*start = o->end;	/* a separator written after the run */
	*end = *start < o->end ? *start + 1 : *start;
}

struct dtidy_loc pp_origin_loc(const struct pp_result *r, uint32_t off, uint32_t end)
{
	return pp_origin_loc_near(r, NULL, off, end);
}

struct dtidy_loc pp_origin_loc_near(const struct pp_result *r, size_t *hint, uint32_t off,
				    uint32_t end)
{
	struct dtidy_loc loc = {0};
	if (!r->norigins)
		return loc;
	size_t i = origin_index(r, off, hint);
	const struct pp_origin *o = &r->origins[i];
	loc.file = &r->files[o->file]->pub;
	if (o->linear) {
		/* the line ends written after a copied span map to its end */
		uint32_t span = o->end - o->start, at = off - o->out;
		loc.start = o->start + (at < span ? at : span);
		loc.end = loc.start + (end > off ? end - off : 0);
		if (loc.end > o->end)
			loc.end = o->end > loc.start ? o->end : loc.start;
	} else {
		loc.start = o->start;
		loc.end = o->end;
	}
	if (end > off + 1 && i + 1 < r->norigins && r->origins[i + 1].out <= end - 1) {
		/* the range ends in a later origin: widen to the end of its
		 * last byte when that is further on in the same file */
		size_t near = i;
		const struct pp_origin *l = &r->origins[origin_index(r, end - 1, &near)];
		uint32_t ls, le;
		origin_bytes(l, end - 1, &ls, &le);
		if (l->file == o->file && le > loc.start && ls >= loc.start)
			loc.end = le;
	}
	return loc;
}
