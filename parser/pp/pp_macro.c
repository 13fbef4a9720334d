/* Macro definition and expansion, after Prosser's algorithm as chibicc
 * presents it: every token carries a hide set; an object-like expansion
 * adds the macro's name to the hide sets of its body, a function-like one
 * uses the intersection of the name's and the ')' 's hide sets plus the
 * name. Arguments are fully expanded before substitution unless they are
 * operands of # or ##. The expansion replaces the invocation at the head
 * of the token list and is rescanned together with what follows. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../../core/hash.h"
#include "pp_internal.h"

/* ---- the table ---- */

struct macro *macro_find(struct pp *pp, const char *name, uint32_t len)
{
	struct macro_table *t = &pp->macros;
	if (!t->nb)
		return NULL;
	for (struct macro *m = t->b[fnv1a32(name, len) & (t->nb - 1)]; m; m = m->next)
		if (m->len == len && memcmp(m->name, name, len) == 0)
			return m;
	return NULL;
}

static void table_grow(struct pp *pp)
{
	struct macro_table *t = &pp->macros;
	size_t nb = t->nb ? t->nb * 2 : 1024;
	struct macro **b = arena_alloc(&pp->a, nb * sizeof(*b));
	for (size_t i = 0; i < t->nb; i++) {
		struct macro *m = t->b[i];
		while (m) {
			struct macro *next = m->next;
			size_t k = fnv1a32(m->name, m->len) & (nb - 1);
			m->next = b[k];
			b[k] = m;
			m = next;
		}
	}
	t->b = b;
	t->nb = nb;
}

void macro_undef(struct pp *pp, const char *name, uint32_t len)
{
	struct macro_table *t = &pp->macros;
	if (!t->nb)
		return;
	struct macro **pm = &t->b[fnv1a32(name, len) & (t->nb - 1)];
	for (; *pm; pm = &(*pm)->next)
		if ((*pm)->len == len && memcmp((*pm)->name, name, len) == 0) {
			*pm = (*pm)->next;
			t->n--;
			return;
		}
}

static void table_put(struct pp *pp, struct macro *m)
{
	macro_undef(pp, m->name, m->len);
	struct macro_table *t = &pp->macros;
	if (t->n + 1 > t->nb / 2)
		table_grow(pp);
	size_t k = fnv1a32(m->name, m->len) & (t->nb - 1);
	m->next = t->b[k];
	t->b[k] = m;
	t->n++;
}

/* ---- #define ---- */

static int param_index(const struct macro *m, const struct pp_tok *t)
{
	if (t->kind != PT_IDENT)
		return -1;
	for (size_t i = 0; i < m->nparams; i++)
		if (m->params[i]->len == t->len && memcmp(m->params[i]->p, t->p, t->len) == 0)
			return (int)i;
	return -1;
}

/* rest: the tokens after the macro name, up to the line's PT_EOF. */
void macro_define(struct pp *pp, struct pp_tok *name_tok, struct pp_tok *rest)
{
	struct macro *m = arena_alloc(&pp->a, sizeof(*m));
	m->name = name_tok->p;
	m->len = name_tok->len;
	m->def = UINT32_MAX;
	struct pp_tok *t = rest;
	if (pp_tok_is(t, "(") && !(t->flags & PF_SPACE)) {
		m->fn = 1;
		struct pp_tok *params[256];
		size_t n = 0;
		t = t->next;
		if (!pp_tok_is(t, ")")) {
			for (;;) {
				if (pp_tok_is(t, "...")) {
					m->variadic = 1;
					params[n++] = pp_tokenize_str(pp, "__VA_ARGS__", 11, t);
					t = t->next;
				} else if (t->kind == PT_IDENT) {
					if (n == sizeof(params) / sizeof(params[0])) {
						pp_error(pp, t, "too many macro parameters");
						return;
					}
					params[n++] = t;
					t = t->next;
					if (pp_tok_is(t, "...")) {
						m->variadic = 1;
						t = t->next;
					}
				} else {
					pp_error(pp, t, "expected a parameter name in the definition of '%.*s'",
						 (int)m->len, m->name);
					return;
				}
				if (m->variadic || !pp_tok_is(t, ","))
					break;
				t = t->next;
			}
			if (!pp_tok_is(t, ")")) {
				pp_error(pp, t, "expected ')' in the parameter list of '%.*s'",
					 (int)m->len, m->name);
				return;
			}
		}
		t = t->next;
		m->nparams = n;
		m->params = arena_alloc(&pp->a, (n ? n : 1) * sizeof(*m->params));
		if (n)
			memcpy(m->params, params, n * sizeof(*params));
	}
	/* the body is the rest of the line, leading space dropped */
	if (t->kind != PT_EOF) {
		t->flags &= (uint8_t)~(PF_SPACE | PF_BOL);
		if (pp_tok_is(t, "##")) {
			pp_error(pp, t, "'##' cannot appear at either end of a macro expansion");
			return;
		}
		struct pp_tok *last = t;
		while (last->next->kind != PT_EOF)
			last = last->next;
		if (pp_tok_is(last, "##")) {
			pp_error(pp, last, "'##' cannot appear at either end of a macro expansion");
			return;
		}
	}
	for (struct pp_tok *b = t; b->kind != PT_EOF; b = b->next)
		b->flags &= (uint8_t)~PF_BOL;
	m->body = t;
	pp_rec_define(pp, m, name_tok);
	table_put(pp, m);
}

/* -D NAME or NAME=VALUE */
void macro_define_str(struct pp *pp, const char *def)
{
	const char *eq = strchr(def, '=');
	size_t n = strlen(def);
	char *line = arena_alloc(&pp->a, n + 3);
	if (eq) {
		memcpy(line, def, (size_t)(eq - def));
		line[eq - def] = ' ';
		memcpy(line + (eq - def) + 1, eq + 1, n - (size_t)(eq - def) - 1);
	} else {
		memcpy(line, def, n);
		memcpy(line + n, " 1", 2);
	}
	struct pp_tok like = {.file = 0, .start = 0, .end = 0};
	struct pp_tok *t = pp_tokenize_str(pp, line, strlen(line), &like);
	if (t->kind == PT_IDENT)
		macro_define(pp, t, t->next);
}

static void builtin(struct pp *pp, const char *name, int kind)
{
	struct macro *m = arena_alloc(&pp->a, sizeof(*m));
	m->name = name;
	m->len = (uint32_t)strlen(name);
	m->builtin = kind;
	m->def = UINT32_MAX;
	table_put(pp, m);
}

/* What `cpp -undef -x assembler-with-cpp -D__DTS__` predefines. */
void macro_builtins(struct pp *pp)
{
	macro_define_str(pp, "__STDC__");
	macro_define_str(pp, "__STDC_HOSTED__");
	macro_define_str(pp, "__ASSEMBLER__");
	macro_define_str(pp, "__DTS__");
	builtin(pp, "__FILE__", B_FILE);
	builtin(pp, "__LINE__", B_LINE);
	builtin(pp, "__COUNTER__", B_COUNTER);
	builtin(pp, "__INCLUDE_LEVEL__", B_INCLUDE_LEVEL);
	builtin(pp, "__BASE_FILE__", B_BASE_FILE);
	builtin(pp, "__TIMESTAMP__", B_TIMESTAMP);
	builtin(pp, "__DATE__", B_DATE);
	builtin(pp, "__TIME__", B_TIME);
}

/* ---- expansion ---- */

struct arg {
	struct pp_tok *raw;	/* ends with PT_EOF */
	struct pp_tok *exp;	/* fully expanded, made on first use */
};

static struct pp_tok *copy_tok(struct pp *pp, const struct pp_tok *t)
{
	return pp_tok_new(pp, t);
}

static int is_empty(const struct pp_tok *l)
{
	return l->kind == PT_EOF;
}

static struct arg *read_args(struct pp *pp, struct macro *m, struct pp_tok *lparen,
			     struct pp_tok **rparen, size_t *nargs)
{
	size_t cap = m->nparams ? m->nparams : 1, n = 0;
	struct arg *args = arena_alloc(&pp->a, cap * sizeof(*args));
	struct pp_tok *t = lparen->next;
	/* `()` for a macro of no parameters */
	if (m->nparams == 0 && pp_tok_is(t, ")")) {
		*rparen = t;
		*nargs = 0;
		return args;
	}
	for (;;) {
		struct pp_tok head = {0}, *cur = &head;
		int depth = 0;
		int rest = m->variadic && n + 1 >= m->nparams;
		for (;;) {
			if (t->kind == PT_EOF) {
				if (t->flags & PF_FILE_END)
					pp_error(pp, lparen, "unterminated argument list invoking macro '%.*s'",
						 (int)m->len, m->name);
				return NULL;
			}
			if (pp_tok_is(t, "#") && pp_is_directive(t)) {
				/* directives inside arguments still apply */
				t = pp_directive(pp, t);
				continue;
			}
			if (depth == 0 && pp_tok_is(t, ")"))
				break;
			if (depth == 0 && pp_tok_is(t, ",") && !rest)
				break;
			if (pp_tok_is(t, "("))
				depth++;
			else if (pp_tok_is(t, ")"))
				depth--;
			cur = cur->next = copy_tok(pp, t);
			cur->flags |= PF_ARG;
			/* a line break inside the arguments is only whitespace */
			if (cur->flags & PF_BOL)
				cur->flags = (uint8_t)((cur->flags & ~PF_BOL) | PF_SPACE);
			t = t->next;
		}
		cur->next = pp_tok_eof(pp, t);
		cur->next->flags = 0;
		if (head.next)
			head.next->flags &= (uint8_t)~(PF_SPACE | PF_BOL);
		if (n == cap) {
			struct arg *na = arena_alloc(&pp->a, cap * 2 * sizeof(*na));
			memcpy(na, args, cap * sizeof(*na));
			args = na;
			cap *= 2;
		}
		args[n].raw = head.next ? head.next : cur->next;
		args[n].exp = NULL;
		n++;
		if (pp_tok_is(t, ")"))
			break;
		t = t->next;	/* ',' */
	}
	*rparen = t;
	if (m->variadic && n + 1 == m->nparams) {
		/* the variadic part left out entirely */
		args[n].raw = pp_tok_eof(pp, t);
		args[n].raw->flags = 0;
		args[n].exp = NULL;
		n++;
	}
	*nargs = n;
	return args;
}

static struct pp_tok *arg_expanded(struct pp *pp, struct arg *a)
{
	if (!a->exp) {
		struct pp_tok head = {0}, *cur = &head;
		for (struct pp_tok *t = a->raw; t->kind != PT_EOF; t = t->next)
			cur = cur->next = copy_tok(pp, t);
		cur->next = pp_tok_eof(pp, a->raw);
		cur->next->flags = 0;
		size_t uses = pp->nrec_uses;
		a->exp = macro_expand_all(pp, head.next ? head.next : cur->next);
		if (pp->nrec_uses > uses)
			pp_rec_arg_uses(pp, uses, a->exp);
	}
	return a->exp;
}

static struct pp_tok *stringize(struct pp *pp, const struct pp_tok *raw, const struct pp_tok *at)
{
	struct strbuf b = {0};
	sb_putc(&b, '"');
	for (const struct pp_tok *t = raw; t->kind != PT_EOF; t = t->next) {
		if (t != raw && (t->flags & (PF_SPACE | PF_BOL)))
			sb_putc(&b, ' ');
		if (t->kind == PT_STR || t->kind == PT_CHAR) {
			for (uint32_t i = 0; i < t->len; i++) {
				if (t->p[i] == '"' || t->p[i] == '\\')
					sb_putc(&b, '\\');
				sb_putc(&b, t->p[i]);
			}
		} else {
			sb_put(&b, t->p, t->len);
		}
	}
	sb_putc(&b, '"');
	struct pp_tok *r = pp_tok_new(pp, at);
	r->kind = PT_STR;
	r->p = arena_strndup(&pp->a, b.s, b.len);
	r->len = (uint32_t)b.len;
	sb_free(&b);
	return r;
}

/* lhs ## rhs: the spelling of both, lexed again. Returns the list (one
 * token when the paste is valid; assembler-with-cpp keeps invalid pastes
 * as separate tokens rather than failing). */
static struct pp_tok *paste(struct pp *pp, const struct pp_tok *lhs, const struct pp_tok *rhs)
{
	size_t n = (size_t)lhs->len + rhs->len;
	char *buf = arena_alloc(&pp->a, n + 1);
	memcpy(buf, lhs->p, lhs->len);
	memcpy(buf + lhs->len, rhs->p, rhs->len);
	struct pp_tok *l = pp_tokenize_str(pp, buf, n, lhs);
	l->flags = (uint8_t)((lhs->flags & ~PF_BOL));
	/* drop the EOF */
	struct pp_tok *t = l;
	while (t->next && t->next->kind != PT_EOF)
		t = t->next;
	t->next = NULL;
	return l;
}

struct out {
	struct pp_tok head, *cur;
};

static void put(struct out *o, struct pp_tok *t)
{
	o->cur->next = t;
	o->cur = t;
	t->next = NULL;
}

static void put_copies(struct pp *pp, struct out *o, const struct pp_tok *l, uint8_t first_space)
{
	for (const struct pp_tok *t = l; t->kind != PT_EOF; t = t->next) {
		struct pp_tok *c = copy_tok(pp, t);
		if (t == l)
			c->flags = (uint8_t)((c->flags & ~(PF_SPACE | PF_BOL)) | first_space);
		put(o, c);
	}
}

/* Replace lhs (the last output token) by lhs ## rhs. */
static void paste_into(struct pp *pp, struct out *o, const struct pp_tok *rhs)
{
	struct pp_tok *prev = &o->head;
	while (prev->next != o->cur)
		prev = prev->next;
	struct pp_tok *l = paste(pp, o->cur, rhs);
	prev->next = l;
	o->cur = l;
	while (o->cur->next)
		o->cur = o->cur->next;
}

static struct pp_tok *subst(struct pp *pp, struct macro *m, struct arg *args)
{
	struct out o = {.cur = NULL};
	o.cur = &o.head;
	o.head.next = NULL;
	for (struct pp_tok *t = m->body; t->kind != PT_EOF;) {
		/* # param */
		if (pp_tok_is(t, "#") && m->fn) {
			int pi = param_index(m, t->next);
			if (pi >= 0) {
				struct pp_tok *s = stringize(pp, args[pi].raw, t);
				s->flags = t->flags & PF_SPACE;
				put(&o, s);
				t = t->next->next;
				continue;
			}
		}
		/* ## rhs */
		if (pp_tok_is(t, "##")) {
			struct pp_tok *rhs = t->next;
			int pi = param_index(m, rhs);
			if (pi >= 0) {
				struct pp_tok *raw = args[pi].raw;
				int is_va = m->variadic && (size_t)pi == m->nparams - 1;
				if (is_va && o.cur != &o.head && pp_tok_is(o.cur, ",")) {
					/* GNU: , ## __VA_ARGS__ drops the comma when empty */
					if (is_empty(raw)) {
						struct pp_tok *prev = &o.head;
						while (prev->next != o.cur)
							prev = prev->next;
						prev->next = NULL;
						o.cur = prev;
					} else {
						put_copies(pp, &o, raw, 0);
					}
				} else if (!is_empty(raw)) {
					if (o.cur != &o.head) {
						paste_into(pp, &o, raw);
						put_copies(pp, &o, raw->next, 0);
					} else {
						put_copies(pp, &o, raw, 0);
					}
				}
				t = rhs->next;
				continue;
			}
			if (o.cur != &o.head)
				paste_into(pp, &o, rhs);
			else
				put(&o, copy_tok(pp, rhs));
			t = rhs->next;
			continue;
		}
		int pi = param_index(m, t);
		if (pi >= 0 && pp_tok_is(t->next, "##")) {
			/* an operand of ##: not expanded */
			struct pp_tok *raw = args[pi].raw;
			if (is_empty(raw)) {
				struct pp_tok *rhs = t->next->next;
				int pj = param_index(m, rhs);
				if (pj >= 0)
					put_copies(pp, &o, args[pj].raw, t->flags & PF_SPACE);
				else if (rhs->kind != PT_EOF)
					put(&o, copy_tok(pp, rhs));
				t = rhs->kind == PT_EOF ? rhs : rhs->next;
				continue;
			}
			put_copies(pp, &o, raw, t->flags & PF_SPACE);
			t = t->next;
			continue;
		}
		if (pi >= 0) {
			struct pp_tok *e = arg_expanded(pp, &args[pi]);
			struct pp_tok *before = o.cur;
			put_copies(pp, &o, e, t->flags & PF_SPACE);
			/* the tokens after an argument are an expansion edge */
			if (o.cur != before && before != &o.head)
				before->next->flags |= PF_PAD;
			t = t->next;
			continue;
		}
		put(&o, copy_tok(pp, t));
		t = t->next;
	}
	return o.head.next;
}

static struct pp_tok *builtin_tok(struct pp *pp, struct macro *m, struct pp_tok *tok)
{
	char buf[64];
	const char *s = buf;
	size_t n;
	int kind = PT_NUM;
	const struct pp_file *f = pp->files.v[pp->cur_file < pp->files.n ? pp->cur_file : 0];
	switch (m->builtin) {
	case B_FILE:
	case B_BASE_FILE: {
		if (m->builtin == B_BASE_FILE)
			f = pp->files.v[0];
		struct strbuf b = {0};
		sb_putc(&b, '"');
		for (const char *p = f->pub.path; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_putc(&b, '\\');
			sb_putc(&b, *p);
		}
		sb_putc(&b, '"');
		s = arena_strndup(&pp->a, b.s, b.len);
		n = b.len;
		sb_free(&b);
		kind = PT_STR;
		break;
	}
	case B_LINE: {
		unsigned line = 1, col = 1;
		const struct pp_file *tf = pp->files.v[tok->file];
		source_linecol(tf->src, tok->start, &line, &col);
		n = (size_t)snprintf(buf, sizeof(buf), "%u", line);
		break;
	}
	case B_COUNTER:
		n = (size_t)snprintf(buf, sizeof(buf), "%d", pp->counter++);
		break;
	case B_TIMESTAMP:
	case B_DATE:
	case B_TIME: {
		/* as gcc spells them: "Sun Sep 16 01:03:52 1973", "Sep 16 1973",
		 * "01:03:52"; the timestamp is the file's modification time */
		struct stat st;
		time_t when = time(NULL);
		struct tm tm;
		int ok = 1;
		if (m->builtin == B_TIMESTAMP)
			ok = stat(f->pub.path, &st) == 0;
		if (ok && m->builtin == B_TIMESTAMP)
			when = st.st_mtime;
		if (!ok || !localtime_r(&when, &tm)) {
			n = (size_t)snprintf(buf, sizeof(buf), "\"%s\"",
					     m->builtin == B_TIMESTAMP ? "??? ??? ?? ??:??:?? ????"
					     : m->builtin == B_DATE ? "??? ?? ????" : "??:??:??");
		} else {
			const char *fmt = m->builtin == B_TIMESTAMP ? "\"%a %b %e %H:%M:%S %Y\""
					  : m->builtin == B_DATE ? "\"%b %e %Y\"" : "\"%H:%M:%S\"";
			n = strftime(buf, sizeof(buf), fmt, &tm);
		}
		kind = PT_STR;
		break;
	}
	default:
		n = (size_t)snprintf(buf, sizeof(buf), "%d", pp->depth > 0 ? pp->depth - 1 : 0);
		break;
	}
	struct pp_tok *t = pp_tok_new(pp, tok);
	t->kind = (uint8_t)kind;
	t->p = s == buf ? arena_strndup(&pp->a, buf, n) : s;
	t->len = (uint32_t)n;
	t->flags |= PF_EXP;
	return t;
}

int macro_expand(struct pp *pp, struct pp_tok *tok, struct pp_tok **rest)
{
	if (tok->kind != PT_IDENT || pp->fatal)
		return 0;
	if (hs_contains(tok->hs, tok->p, tok->len))
		return 0;
	struct macro *m = macro_find(pp, tok->p, tok->len);
	if (!m)
		return 0;
	if (m->builtin) {
		struct pp_tok *t = builtin_tok(pp, m, tok);
		t->next = tok->next;
		*rest = t;
		return 1;
	}
	struct pp_tok *after, *body;
	struct hideset *hs;
	uint32_t ostart = tok->start, oend = tok->end;
	if (!m->fn) {
		hs = hs_union(pp, tok->hs, hs_new(pp, m->name, m->len));
		after = tok->next;
		body = subst(pp, m, NULL);
	} else {
		if (!pp_tok_is(tok->next, "("))
			return 0;
		struct pp_tok *rparen;
		size_t nargs;
		struct arg *args = read_args(pp, m, tok->next, &rparen, &nargs);
		if (!args)
			return 0;
		if (nargs != m->nparams) {
			pp_error(pp, tok, "macro '%.*s' takes %zu argument%s, %zu given",
				 (int)m->len, m->name, m->nparams, m->nparams == 1 ? "" : "s", nargs);
			return 0;
		}
		hs = hs_union(pp, hs_intersection(pp, tok->hs, rparen->hs),
			      hs_new(pp, m->name, m->len));
		after = rparen->next;
		if (rparen->file == tok->file && rparen->end > tok->start &&
		    !(tok->flags & PF_EXP) && !(rparen->flags & PF_EXP))
			oend = rparen->end;
		body = subst(pp, m, args);
	}
	if (pp_budget(pp, tok, 0))
		return 0;
	struct pp_tok *last = NULL;
	for (struct pp_tok *t = body; t; t = t->next) {
		t->hs = hs_union(pp, t->hs, hs);
		if (!(t->flags & PF_ARG) || (tok->flags & PF_EXP)) {
			t->file = tok->file;
			t->start = ostart;
			t->end = oend;
		}
		t->flags |= PF_EXP;
		t->flags &= (uint8_t)~PF_BOL;
		last = t;
	}
	uint8_t edge = tok->flags & (PF_SPACE | PF_BOL);
	if (after->kind != PT_EOF || !(after->flags & PF_FILE_END)) {
		/* the token after an expansion is at its edge (a copy: the
		 * original may be shared with another list) */
		struct pp_tok *a = copy_tok(pp, after);
		a->next = after->next;
		a->flags |= PF_PAD;
		if (!body)
			a->flags |= edge & PF_SPACE;
		after = a;
	}
	pp_rec_use(pp, m, tok, ostart, oend);
	if (!body) {
		*rest = after;
		return 1;
	}
	body->flags = (uint8_t)((body->flags & ~(PF_SPACE | PF_BOL)) | edge | PF_PAD);
	last->next = after;
	*rest = body;
	return 1;
}

struct pp_tok *macro_expand_all(struct pp *pp, struct pp_tok *tok)
{
	struct pp_tok head = {0}, *cur = &head;
	while (tok->kind != PT_EOF) {
		if (macro_expand(pp, tok, &tok))
			continue;
		cur = cur->next = tok;
		tok = tok->next;
	}
	cur->next = tok;
	return head.next;
}
