#define PCRE2_CODE_UNIT_WIDTH 8
#include "bindings_index.h"

#include <dirent.h>
#include <fcntl.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Open-addressing set of strings, kept in an arena: the index lives as
 * long as the process, and building it is the part of a run to keep
 * cheap (tens of thousands of words). */
struct strent {
	const char *s;
	uint32_t len, hash;
};

struct strset {
	struct strent *slot;
	size_t cap, n;
	struct arena strings;
};

struct bindings_index {
	char *dir;
	struct strset compats;		/* every string a binding mentions */
	pcre2_code *vendor_re;		/* vendor-prefixes.yaml keys, as one alternation */
	pcre2_code *compat_re;		/* binding `pattern:`s that name compatibles */
	struct bindings_index *next;
	int ready;			/* built (under the lock) */
	int has_thread;			/* built by `thread`, not yet joined */
	pthread_t thread;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static struct strent *set_find(const struct strset *s, const char *str, size_t n, uint32_t h)
{
	size_t i = h & (s->cap - 1);
	while (s->slot[i].s) {
		const struct strent *e = &s->slot[i];
		if (e->hash == h && e->len == n && memcmp(e->s, str, n) == 0)
			break;
		i = (i + 1) & (s->cap - 1);
	}
	return &s->slot[i];
}

static void set_add(struct strset *s, const char *str, size_t n)
{
	if ((s->n + 1) * 2 > s->cap) {
		/* the kernel's bindings hold about 50,000 distinct words */
		size_t cap = s->cap ? s->cap * 2 : (size_t)1 << 17;
		struct strset g = {xcalloc(cap, sizeof(*g.slot)), cap, s->n, s->strings};
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i].s)
				*set_find(&g, s->slot[i].s, s->slot[i].len, s->slot[i].hash) = s->slot[i];
		free(s->slot);
		*s = g;
	}
	uint32_t h = (uint32_t)hash(str, n);
	struct strent *e = set_find(s, str, n, h);
	if (e->s)
		return;
	e->s = arena_strndup(&s->strings, str, n);
	e->len = (uint32_t)n;
	e->hash = h;
	s->n++;
}

static int set_has(const struct strset *s, const char *str)
{
	if (!s->cap)
		return 0;
	size_t n = strlen(str);
	return set_find(s, str, n, (uint32_t)hash(str, n))->s != NULL;
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
static int value_key(const char *l, const char *e)
{
	return (e - l >= 6 && memcmp(l, "const:", 6) == 0) ||
	       (e - l >= 5 && memcmp(l, "enum:", 5) == 0);
}

static int compat_line(const char *l, const char *e, int mentions_compatible)
{
	if (mentions_compatible)
		return 1;
	while (l < e && (*l == ' ' || *l == '\t'))
		l++;
	if (value_key(l, e))
		return 1;
	if (e - l >= 2 && l[0] == '-' && l[1] == ' ') {
		/* a list item: a scalar ("- vendor,chip") or, when it is a
		 * mapping ("- description: ..."), only a const or an enum */
		const char *k = l + 2, *q = k;
		while (q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '$' ||
				 *q == '-' || *q == '_'))
			q++;
		int mapping = q > k && q < e && *q == ':' && (q + 1 == e || q[1] == ' ');
		if (!mapping || value_key(k, e))
			return 1;
	}
	return 0;
}

/* The words of the lines above that could be compatibles: runs of
 * [A-Za-z0-9,._+/-], quoted or not. Over-collecting is harmless (the set
 * only answers "was it mentioned"); missing one would be a false positive. */
static void harvest_words(struct strset *s, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	/* the next "compatible" in the text, found once for all lines */
	const char *next = memmem(p, len, "compatible", 10);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		while (next && next < p)
			next = memmem(p, (size_t)(end - p), "compatible", 10);
		if (compat_line(p, eol, next && next < eol)) {
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

/* One buffer for every file read while indexing. */
struct filebuf {
	char *s;
	size_t cap;
};

/* A file's bytes into buf, NUL-terminated. */
static int read_at(int dfd, const char *name, struct filebuf *buf, size_t *len)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* no fstat: the buffer grows when a file fills it (few do) */
	size_t got = 0;
	for (;;) {
		if (got + 1 >= buf->cap) {
			if (buf->cap >= (size_t)1 << 26)
				break;	/* no binding is that large: stop reading */
			buf->cap = buf->cap ? 2 * buf->cap : (size_t)1 << 18;
			buf->s = xrealloc(buf->s, buf->cap);
		}
		ssize_t r = read(fd, buf->s + got, buf->cap - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf->s[got] = '\0';
	*len = got;
	return 0;
}

static void index_dir(struct bindings_index *ix, struct strbuf *pat, struct filebuf *buf,
		      const char *dir, int depth)
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
		unsigned char type = e->d_type;
		if (type == DT_UNKNOWN || type == DT_LNK) {
			struct stat st;
			if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		}
		if (type == DT_DIR) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			index_dir(ix, pat, buf, path, depth + 1);
			continue;
		}
		size_t n = strlen(e->d_name);
		if (type != DT_REG || !((n > 5 && !strcmp(e->d_name + n - 5, ".yaml")) ||
					(n > 4 && !strcmp(e->d_name + n - 4, ".txt"))))
			continue;
		size_t len;
		if (read_at(dirfd(d), e->d_name, buf, &len) != 0)
			continue;
		harvest_words(&ix->compats, buf->s, len);
		harvest_patterns(pat, buf->s, len);
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

/* Indexes are built once per directory and then shared read-only. One may
 * be built in the background (bindings_prefetch) while the first boards
 * are parsed; bindings_get waits for it. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;
static struct bindings_index *built;	/* each immutable once ready */

static void build(struct bindings_index *ix)
{
	ix->vendor_re = vendor_patterns(ix->dir);
	if (!ix->vendor_re)
		return;		/* not a bindings directory */
	struct strbuf pat = {0};
	struct filebuf buf = {0};
	arena_init(&ix->compats.strings);
	index_dir(ix, &pat, &buf, ix->dir, 0);
	free(buf.s);
	ix->compat_re = compile_alt(&pat);
	sb_free(&pat);
}

static void *build_thread(void *arg)
{
	struct bindings_index *ix = arg;
	build(ix);
	pthread_mutex_lock(&lock);
	ix->ready = 1;
	pthread_cond_broadcast(&done);
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* The entry for dir, created (and its build started) when missing; called
 * with the lock held. */
static struct bindings_index *entry(const char *dir, int background)
{
	struct bindings_index *ix;
	for (ix = built; ix; ix = ix->next)
		if (strcmp(ix->dir, dir) == 0)
			return ix;
	ix = xcalloc(1, sizeof(*ix));
	ix->dir = xstrdup(dir);
	ix->next = built;
	built = ix;
	if (background && pthread_create(&ix->thread, NULL, build_thread, ix) == 0) {
		ix->has_thread = 1;
	} else {
		/* built here, lock held: other callers wait for it either way */
		build(ix);
		ix->ready = 1;
	}
	return ix;
}

void bindings_prefetch(const char *file, const char *explicit_dir)
{
	char *dir = bindings_find_dir(file, explicit_dir);
	if (!dir)
		return;
	pthread_mutex_lock(&lock);
	entry(dir, 1);
	pthread_mutex_unlock(&lock);
	free(dir);
}

const struct bindings_index *bindings_get(const char *dir)
{
	pthread_mutex_lock(&lock);
	struct bindings_index *ix = entry(dir, 0);
	while (!ix->ready)
		pthread_cond_wait(&done, &lock);
	pthread_mutex_unlock(&lock);
	return ix->vendor_re ? ix : NULL;
}

void bindings_settle(void)
{
	pthread_mutex_lock(&lock);
	for (struct bindings_index *ix = built; ix; ix = ix->next)
		if (ix->has_thread) {
			pthread_mutex_unlock(&lock);
			pthread_join(ix->thread, NULL);
			pthread_mutex_lock(&lock);
			ix->has_thread = 0;
		}
	pthread_mutex_unlock(&lock);
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

/* The answer of find_up for each directory of checked files: every rule
 * of every board asks, and walking up costs a dozen system calls. */
struct dir_answer {
	char *dir, *bindings;	/* bindings: NULL when there are none */
	struct dir_answer *next;
};
static struct dir_answer *answers;

static char *find_up(const char *file);

char *bindings_find_dir(const char *file, const char *explicit_dir)
{
	if (explicit_dir)
		return explicit_dir[0] && is_dir(explicit_dir) ? xstrdup(explicit_dir) : NULL;
	const char *slash = strrchr(file, '/');
	size_t n = slash ? (size_t)(slash - file) : 0;
	pthread_mutex_lock(&lock);
	struct dir_answer *a;
	for (a = answers; a; a = a->next)
		if (strlen(a->dir) == n && !memcmp(a->dir, file, n))
			break;
	if (!a) {
		a = xcalloc(1, sizeof(*a));
		a->dir = xstrndup(file, n);
		a->bindings = find_up(file);
		a->next = answers;
		answers = a;
	}
	char *r = a->bindings ? xstrdup(a->bindings) : NULL;
	pthread_mutex_unlock(&lock);
	return r;
}

/* Walks up from the file to a kernel tree's bindings or a split tree's
 * Bindings/ beside src/. */
static char *find_up(const char *file)
{
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
