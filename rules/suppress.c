#include "suppress.h"

#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/xalloc.h"
#include "../lexer/lexer.h"
#include "../parser/parser.h"
#include "registry.h"

static int is_stmt(int kind)
{
	return kind >= CST_VERSION && kind <= CST_MACRO_STMT;
}

/* The outermost statement whose first significant token is `tok`. */
static const struct cst *stmt_at(const struct cst_file *f, const struct cst *parent,
				 uint32_t tok)
{
	CST_FOREACH(c, parent)
	{
		if (!is_stmt(c->kind) || tok < c->tb || tok >= c->te)
			continue;
		uint32_t first = c->tb;
		while (first < c->te && dt_tok_is_trivia(f->toks[first].kind))
			first++;
		if (first == tok)
			return c;
		if (c->kind == CST_NODE || c->kind == CST_REF_NODE)
			return stmt_at(f, c, tok);
		return NULL;
	}
	return NULL;
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* Parses "dtidy: disable[-line|-file]=a,b" inside a comment. */
static int parse_comment(const char *text, const struct dt_token *t, struct supp *s)
{
	const char *p = text + t->off + 2, *end = text + t->off + t->len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '*'))
		p++;
	static const char tag[] = "dtidy:";
	if ((size_t)(end - p) < sizeof(tag) - 1 || memcmp(p, tag, sizeof(tag) - 1))
		return 0;
	p += sizeof(tag) - 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	static const struct { const char *word; enum supp_kind kind; } kinds[] = {
		{"disable-line=", SUPP_LINE},
		{"disable-file=", SUPP_FILE},
		{"disable=", SUPP_NEXT},
	};
	size_t k;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t n = strlen(kinds[k].word);
		if ((size_t)(end - p) >= n && !memcmp(p, kinds[k].word, n)) {
			p += n;
			break;
		}
	}
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return 0;
	s->kind = kinds[k].kind;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *b = p;
		while (p < end && name_char(*p))
			p++;
		if (p == b)
			break;
		s->names = xrealloc(s->names, (s->nnames + 1) * sizeof(*s->names));
		struct supp_name *nm = &s->names[s->nnames++];
		nm->name = xstrndup(b, (size_t)(p - b));
		/* a rule's old id (renamed for the 7.4 checker) stands for the new */
		if (registry_renamed(nm->name)) {
			registry_note_renamed(nm->name, "a dtidy: suppression comment");
			char *now = xstrdup(registry_renamed(nm->name));
			free(nm->name);
			nm->name = now;
		}
		nm->off = (uint32_t)(b - text);
		nm->end = (uint32_t)(p - text);
		nm->used = 0;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p == ',')
			p++;
		else
			break;
	}
	return s->nnames > 0;
}

static uint32_t line_start(const char *text, uint32_t off)
{
	while (off > 0 && text[off - 1] != '\n')
		off--;
	return off;
}

static uint32_t line_end(const char *text, size_t len, uint32_t off)
{
	while (off < len && text[off] != '\n')
		off++;
	return off;
}

/* Does "dtidy:" occur in text? What memmem answers, found from the ':'s
 * (a few hundred a file; memmem's general search cost a byte at a time,
 * 1% of a style-only check). */
static int mentions_dtidy(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while ((p = memchr(p, ':', (size_t)(end - p))) != NULL) {
		if (p - text >= 5 && !memcmp(p - 5, "dtidy", 5))
			return 1;
		p++;
	}
	return 0;
}

void supp_scan_parsed(struct supp_file *sf, const char *text, size_t len,
		      const struct cst_file *cst)
{
	memset(sf, 0, sizeof(*sf));
	if (!mentions_dtidy(text, len))
		return;
	const struct dt_token *toks = cst->toks;
	size_t ntoks = cst->ntoks;
	for (size_t i = 0; i < ntoks; i++) {
		const struct dt_token *t = &toks[i];
		if (t->kind != TK_LINE_COMMENT && t->kind != TK_BLOCK_COMMENT)
			continue;
		struct supp s = {0};
		if (!parse_comment(text, t, &s))
			continue;
		if (s.kind == SUPP_FILE) {
			s.from = 0;
			s.to = (uint32_t)len;
		} else if (s.kind == SUPP_LINE) {
			s.from = line_start(text, t->off);
			s.to = line_end(text, len, t->off);
		} else {
			size_t j = i + 1;
			while (j < ntoks && dt_tok_is_trivia(toks[j].kind))
				j++;
			const struct cst *st =
				j < ntoks ? stmt_at(cst, cst->root, (uint32_t)j) : NULL;
			if (st) {
				s.from = toks[j].off;
				s.to = cst_end(cst, st);
			} else {
				/* not before a statement: cover the next line that has one */
				uint32_t at = j < ntoks ? toks[j].off : (uint32_t)len;
				s.from = line_start(text, at);
				s.to = line_end(text, len, at);
			}
		}
		sf->v = xrealloc(sf->v, (sf->n + 1) * sizeof(*sf->v));
		sf->v[sf->n++] = s;
	}
}

void supp_scan(struct supp_file *sf, const char *text, size_t len)
{
	memset(sf, 0, sizeof(*sf));
	/* cheap test first: most files have no suppression at all */
	if (!mentions_dtidy(text, len))
		return;
	struct dt_parsed p;
	dt_parse_text(&p, text, len);
	supp_scan_parsed(sf, text, len, &p.cst);
	dt_parsed_free(&p);
}

int supp_covers(struct supp_file *sf, uint32_t off, const char *rule, const char *family)
{
	int hit = 0;
	for (size_t i = 0; i < sf->n; i++) {
		struct supp *s = &sf->v[i];
		if (off < s->from || off > s->to)
			continue;
		for (size_t j = 0; j < s->nnames; j++) {
			const char *n = s->names[j].name;
			if (!strcmp(n, rule) || (family && !strcmp(n, family))) {
				s->names[j].used = 1;
				hit = 1;
			}
		}
	}
	return hit;
}

void supp_free(struct supp_file *sf)
{
	for (size_t i = 0; i < sf->n; i++) {
		for (size_t j = 0; j < sf->v[i].nnames; j++)
			free(sf->v[i].names[j].name);
		free(sf->v[i].names);
	}
	free(sf->v);
	memset(sf, 0, sizeof(*sf));
}
