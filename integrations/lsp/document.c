#include "document.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/source.h"
#include "../../core/xalloc.h"
#include "view.h"

static void reindex(struct lsp_doc *d)
{
	if (d->docs)
		d->serial = ++d->docs->serial;
	d->nlines = 0;
	VEC_PUSH(d->lines, d->nlines, d->linecap, 0);
	const char *p = d->text, *end = d->text + d->len;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		VEC_PUSH(d->lines, d->nlines, d->linecap, (uint32_t)(p - d->text));
	}
}

static void reserve_text(struct lsp_doc *d, size_t len)
{
	if (len + 1 <= d->cap)
		return;
	size_t nc = d->cap ? d->cap : 256;
	while (nc < len + 1)
		nc *= 2;
	d->text = xrealloc(d->text, nc);
	d->cap = nc;
}

void lsp_doc_set_text(struct lsp_doc *d, const char *text, size_t len)
{
	reserve_text(d, len);
	memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	reindex(d);
}

void lsp_doc_replace(struct lsp_doc *d, size_t start, size_t end, const char *text,
		     size_t len)
{
	if (end > d->len)
		end = d->len;
	if (start > end)
		start = end;
	size_t nlen = d->len - (end - start) + len;
	reserve_text(d, nlen);
	memmove(d->text + start + len, d->text + end, d->len - end);
	memcpy(d->text + start, text, len);
	d->len = nlen;
	d->text[nlen] = '\0';
	reindex(d);
}

struct lsp_doc *lsp_doc_open(struct lsp_docs *ds, const char *uri, const char *text,
			     size_t len, long long version)
{
	struct lsp_doc *d = lsp_doc_find(ds, uri);
	if (!d) {
		d = xcalloc(1, sizeof(*d));
		d->docs = ds;
		d->uri = xstrdup(uri);
		char *path = lsp_uri_to_path(uri);
		d->path = path ? path : xstrdup(uri);
		char *real = realpath(d->path, NULL);
		d->real = real ? real : xstrdup(d->path);
		d->next = ds->head;
		ds->head = d;
	}
	lsp_doc_set_text(d, text, len);
	d->version = version;
	d->due_ms = -1;
	d->diags_current = 0;
	return d;
}

int lsp_doc_too_large(const struct lsp_doc *d)
{
	return d->len > SOURCE_MAX_BYTES;
}

struct lsp_doc *lsp_doc_find(const struct lsp_docs *ds, const char *uri)
{
	for (struct lsp_doc *d = ds->head; d; d = d->next)
		if (!strcmp(d->uri, uri))
			return d;
	return NULL;
}

struct lsp_doc *lsp_doc_by_path(const struct lsp_docs *ds, const char *path)
{
	for (struct lsp_doc *d = ds->head; d; d = d->next)
		if (!strcmp(d->path, path) || !strcmp(d->real, path))
			return d;
	char *real = realpath(path, NULL);
	struct lsp_doc *found = NULL;
	for (struct lsp_doc *d = ds->head; d && real && !found; d = d->next)
		if (!strcmp(d->real, real))
			found = d;
	free(real);
	return found;
}

struct lsp_doc *lsp_doc_by_real(const struct lsp_docs *ds, const char *real)
{
	for (struct lsp_doc *d = ds->head; d; d = d->next)
		if (!strcmp(d->real, real))
			return d;
	return NULL;
}

static void doc_free(struct lsp_doc *d)
{
	lsp_view_free(d->view);
	free(d->uri);
	free(d->path);
	free(d->real);
	free(d->text);
	free(d->lines);
	diag_list_free(&d->diags);
	free(d->mine);
	for (size_t i = 0; i < d->ndeps; i++)
		free(d->deps[i]);
	free(d->deps);
	free(d);
}

void lsp_doc_close(struct lsp_docs *ds, struct lsp_doc *d)
{
	for (struct lsp_doc **pp = &ds->head; *pp; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			doc_free(d);
			return;
		}
	}
}

void lsp_docs_free(struct lsp_docs *ds)
{
	while (ds->head) {
		struct lsp_doc *d = ds->head;
		ds->head = d->next;
		doc_free(d);
	}
}

/* Length in bytes of the UTF-8 sequence at s (at most n bytes), and how many
 * UTF-16 code units it stands for. A malformed byte counts as one unit on
 * its own, so every byte is accounted for. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned *units)
{
	unsigned c = s[0];
	size_t want = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
		: c >= 0xf0 && c <= 0xf4 ? 4 : 1;
	if (want > n)
		want = 1;
	for (size_t i = 1; i < want; i++)
		if ((s[i] & 0xc0) != 0x80) {
			want = 1;
			break;
		}
	*units = want == 4 ? 2 : 1;
	return want;
}

unsigned lsp_units(const char *s, size_t n, enum lsp_encoding enc)
{
	if (enc == LSP_ENC_UTF8)
		return (unsigned)n;
	unsigned total = 0;
	for (size_t i = 0; i < n;) {
		unsigned u;
		i += utf8_seq((const unsigned char *)s + i, n - i, &u);
		total += u;
	}
	return total;
}

/* Content of line `line`, without its "\n" or "\r\n". */
static void line_span(const char *text, size_t len, const uint32_t *lines, size_t nlines,
		      size_t line, size_t *b, size_t *e)
{
	*b = lines[line];
	*e = line + 1 < nlines ? lines[line + 1] - 1 : len;
	if (*e > *b && text[*e - 1] == '\r' && line + 1 < nlines)
		(*e)--;
}

size_t lsp_text_offset(const char *text, size_t len, const uint32_t *lines, size_t nlines,
		       struct lsp_pos p, enum lsp_encoding enc)
{
	if (p.line >= nlines)
		return len;
	size_t b, e;
	line_span(text, len, lines, nlines, p.line, &b, &e);
	if (enc == LSP_ENC_UTF8) {
		size_t off = b + p.character;
		return off > e ? e : off;
	}
	size_t off = b;
	unsigned units = 0;
	while (off < e) {
		unsigned u;
		size_t k = utf8_seq((const unsigned char *)text + off, e - off, &u);
		if (units + u > p.character)
			break;
		units += u;
		off += k;
	}
	return off;
}

struct lsp_pos lsp_text_pos(const char *text, size_t len, const uint32_t *lines,
			    size_t nlines, size_t off, enum lsp_encoding enc)
{
	if (off > len)
		off = len;
	size_t lo = 0, hi = nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	struct lsp_pos p = {.line = (unsigned)lo};
	size_t b, e;
	line_span(text, len, lines, nlines, lo, &b, &e);
	if (off > e)
		off = e;
	if (enc == LSP_ENC_UTF8) {
		p.character = (unsigned)(off - b);
		return p;
	}
	size_t i = b;
	while (i < off) {
		unsigned u;
		i += utf8_seq((const unsigned char *)text + i, e - i, &u);
		p.character += u;
	}
	return p;
}

size_t lsp_doc_offset(const struct lsp_doc *d, struct lsp_pos p, enum lsp_encoding enc)
{
	return lsp_text_offset(d->text, d->len, d->lines, d->nlines, p, enc);
}

struct lsp_pos lsp_doc_pos(const struct lsp_doc *d, size_t off, enum lsp_encoding enc)
{
	return lsp_text_pos(d->text, d->len, d->lines, d->nlines, off, enc);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *lsp_uri_to_path(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *s = uri + 7;
	/* file://host/path: only the local host is meaningful here */
	if (*s != '/') {
		if (strncmp(s, "localhost/", 10) != 0)
			return NULL;
		s += 9;
	}
	size_t n = strlen(s);
	char *out = xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		int h1, h2;
		if (s[i] == '%' && i + 2 < n && (h1 = hexval(s[i + 1])) >= 0 &&
		    (h2 = hexval(s[i + 2])) >= 0) {
			*o++ = (char)(h1 * 16 + h2);
			i += 2;
		} else if (s[i] == '?' || s[i] == '#') {
			break;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

char *lsp_path_to_uri(const char *path)
{
	char cwd[PATH_MAX];
	const char *prefix = "";
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)))
		prefix = cwd;
	size_t n = strlen(prefix) + strlen(path) + 1;
	char *out = xmalloc(7 + n * 3 + 1), *o = out;
	memcpy(o, "file://", 7);
	o += 7;
	for (int part = 0; part < 2; part++) {
		const char *s = part == 0 ? prefix : path;
		if (part == 1 && *prefix)
			*o++ = '/';
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || strchr("/-._~", c)) {
				*o++ = (char)c;
			} else {
				static const char hex[] = "0123456789ABCDEF";
				*o++ = '%';
				*o++ = hex[c >> 4];
				*o++ = hex[c & 15];
			}
		}
	}
	*o = '\0';
	return out;
}
