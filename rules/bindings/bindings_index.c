#define PCRE2_CODE_UNIT_WIDTH 8
#include "bindings_index.h"

#include <dirent.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Open-addressing set of strings. */
struct strset {
	char **slot;
	size_t cap, n;
};

struct bindings_index {
	char *dir;
	struct strset compats;		/* every string a binding mentions */
	pcre2_code *vendor_re;		/* vendor-prefixes.yaml keys, as one alternation */
	pcre2_code *compat_re;		/* binding `pattern:`s that name compatibles */
	struct bindings_index *next;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void set_add(struct strset *s, const char *str, size_t n)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct strset g = {xcalloc(s->cap ? s->cap * 2 : 4096, sizeof(char *)),
				   s->cap ? s->cap * 2 : 4096, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i])
				set_add(&g, s->slot[i], strlen(s->slot[i])), free(s->slot[i]);
		free(s->slot);
		*s = g;
	}
	size_t i = hash(str, n) & (s->cap - 1);
	while (s->slot[i]) {
		if (strlen(s->slot[i]) == n && memcmp(s->slot[i], str, n) == 0)
			return;
		i = (i + 1) & (s->cap - 1);
	}
	s->slot[i] = xstrndup(str, n);
	s->n++;
}

static int set_has(const struct strset *s, const char *str)
{
	if (!s->cap)
		return 0;
	size_t n = strlen(str), i = hash(str, n) & (s->cap - 1);
	while (s->slot[i]) {
		if (strcmp(s->slot[i], str) == 0)
			return 1;
		i = (i + 1) & (s->cap - 1);
	}
	return 0;
}

static int is_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '+' || c == ',' || c == '/';
}

/* Could this line of a binding name compatibles? YAML schemas list them
 * as "- vendor,chip", "const: vendor,chip" or "enum: [...]", examples and
 * text bindings as compatible = "..."; other lines (descriptions, property
 * schemas) are skipped, which keeps indexing the 30 MB cheap. */
static int compat_line(const char *l, const char *e)
{
	while (l < e && (*l == ' ' || *l == '\t'))
		l++;
	if (e - l >= 2 && l[0] == '-' && l[1] == ' ')
		return 1;
	if (e - l >= 6 && (memcmp(l, "const:", 6) == 0 || memcmp(l, "enum:", 5) == 0))
		return 1;
	return memmem(l, (size_t)(e - l), "compatible", 10) != NULL;
}

/* The words of the lines above that could be compatibles: runs of
 * [A-Za-z0-9,._+/-], quoted or not. Over-collecting is harmless (the set
 * only answers "was it mentioned"); missing one would be a false positive. */
static void harvest_words(struct strset *s, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (compat_line(p, eol)) {
			const char *q = p;
			while (q < eol) {
				if (!is_word((unsigned char)*q)) {
					q++;
					continue;
				}
				const char *st = q;
				while (q < eol && is_word((unsigned char)*q))
					q++;
				const char *e = q;
				while (e > st && (e[-1] == '.' || e[-1] == ','))
					e--;
				if (e - st >= 2)
					set_add(s, st, (size_t)(e - st));
			}
		}
		p = eol + 1;
	}
}

/* Appends a YAML scalar as one alternative: in a double-quoted scalar "\\"
 * stands for one backslash. Patterns that do not compile are skipped. */
static void add_alternative(struct strbuf *alt, const char *s, size_t n, char quote)
{
	struct strbuf one = {0};
	for (size_t i = 0; i < n; i++) {
		if (quote == '"' && s[i] == '\\' && i + 1 < n && s[i + 1] == '\\')
			i++;
		sb_putc(&one, s[i]);
	}
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)sb_cstr(&one), one.len, 0, &err, &off, NULL);
	if (re) {
		pcre2_code_free(re);
		if (alt->len)
			sb_putc(alt, '|');
		sb_puts(alt, "(?:");
		sb_put(alt, one.s, one.len);
		sb_putc(alt, ')');
	}
	sb_free(&one);
}

static pcre2_code *compile_alt(struct strbuf *alt)
{
	if (!alt->len)
		return NULL;
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)alt->s, alt->len, 0, &err, &off, NULL);
	if (re)
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* `pattern: '^vendor,chip-[0-9]+$'` lines whose regex names compatibles. */
static void harvest_patterns(struct strbuf *alt, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while ((p = memmem(p, (size_t)(end - p), "pattern:", 8)) != NULL) {
		p += 8;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		char q = (p < end && (*p == '\'' || *p == '"')) ? *p++ : 0;
		const char *st = p;
		while (p < end && *p != '\n' && (q ? *p != q : *p != ' '))
			p++;
		if (p - st < 3 || !memchr(st, ',', (size_t)(p - st)))
			continue;
		add_alternative(alt, st, (size_t)(p - st), q);
	}
}

static void index_dir(struct bindings_index *ix, struct strbuf *pat, const char *dir, int depth)
{
	if (depth > 32)
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			index_dir(ix, pat, path, depth + 1);
			continue;
		}
		size_t n = strlen(e->d_name);
		if (!S_ISREG(st.st_mode) ||
		    !((n > 5 && !strcmp(e->d_name + n - 5, ".yaml")) ||
		      (n > 4 && !strcmp(e->d_name + n - 4, ".txt"))))
			continue;
		char *err = NULL;
		struct source *src = source_load(path, &err);
		free(err);
		if (!src)
			continue;
		harvest_words(&ix->compats, src->text, src->len);
		harvest_patterns(pat, src->text, src->len);
		source_free(src);
	}
	closedir(d);
}

/* vendor-prefixes.yaml: patternProperties keys such as "^acme,.*": */
static pcre2_code *vendor_patterns(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/vendor-prefixes.yaml", dir);
	char *err = NULL;
	struct source *src = source_load(path, &err);
	free(err);
	if (!src)
		return NULL;
	struct strbuf alt = {0};
	const char *p = src->text, *end = src->text + src->len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *q = p;
		while (q < eol && *q == ' ')
			q++;
		if (q < eol && (*q == '"' || *q == '\'') && q + 1 < eol && q[1] == '^') {
			char quote = *q++;
			const char *st = q;
			while (q < eol && *q != quote)
				q++;
			/* vendor keys name a prefix and a comma: "^acme,.*" */
			if (q < eol && memchr(st, ',', (size_t)(q - st)))
				add_alternative(&alt, st, (size_t)(q - st), quote);
		}
		p = eol + 1;
	}
	source_free(src);
	pcre2_code *re = compile_alt(&alt);
	sb_free(&alt);
	return re;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct bindings_index *built;	/* immutable once published */

const struct bindings_index *bindings_get(const char *dir)
{
	pthread_mutex_lock(&lock);
	struct bindings_index *ix;
	for (ix = built; ix; ix = ix->next)
		if (strcmp(ix->dir, dir) == 0)
			break;
	if (!ix) {
		pcre2_code *vre = vendor_patterns(dir);
		if (vre) {
			ix = xcalloc(1, sizeof(*ix));
			ix->dir = xstrdup(dir);
			ix->vendor_re = vre;
			struct strbuf pat = {0};
			index_dir(ix, &pat, dir, 0);
			ix->compat_re = compile_alt(&pat);
			sb_free(&pat);
			ix->next = built;
			built = ix;
		}
	}
	pthread_mutex_unlock(&lock);
	return ix;
}

static int re_match(const pcre2_code *re, const char *s)
{
	if (!re)
		return 0;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

int bindings_vendor_known(const struct bindings_index *ix, const char *vendor)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s,x", vendor);
	return re_match(ix->vendor_re, buf);
}

int bindings_compatible_documented(const struct bindings_index *ix, const char *compat)
{
	return set_has(&ix->compats, compat) || re_match(ix->compat_re, compat);
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *bindings_find_dir(const char *file, const char *explicit_dir)
{
	if (explicit_dir)
		return explicit_dir[0] && is_dir(explicit_dir) ? xstrdup(explicit_dir) : NULL;
	char *abs = realpath(file, NULL);
	if (!abs)
		return NULL;
	char cand[4096];
	for (char *slash = strrchr(abs, '/'); slash; slash = strrchr(abs, '/')) {
		*slash = '\0';
		const char *base = abs[0] ? abs : "";
		snprintf(cand, sizeof(cand), "%s/Documentation/devicetree/bindings", base);
		if (is_dir(cand))
			break;
		snprintf(cand, sizeof(cand), "%s/Bindings", base);
		char src[4096];
		snprintf(src, sizeof(src), "%s/src", base);
		if (is_dir(cand) && is_dir(src))
			break;
		cand[0] = '\0';
		if (!abs[0])
			break;
	}
	free(abs);
	return cand[0] ? xstrdup(cand) : NULL;
}
