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
#include <time.h>
#include <unistd.h>

#include "bindings_cache.h"
#include "core/arena.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* An index: its tables live in a cache image (a mapped cache file, or the
 * image a build just made), its patterns compiled from the image's text. */
struct bindings_index {
	struct bcache_image img;
	pcre2_code *vendor_re;		/* vendor-prefixes.yaml keys that are patterns */
	pcre2_code *compat_re;		/* binding `pattern:`s that name compatibles */
};

/* Open-addressing set of strings, for harvesting: the words' bytes live in
 * an arena until the set is encoded into an image. */
struct strset {
	struct bcache_word *slot;
	size_t cap, n;
	struct arena strings;
};

static struct bcache_word *set_find(const struct strset *s, const char *str, size_t n, uint32_t h)
{
	size_t i = h & (s->cap - 1);
	while (s->slot[i].s) {
		const struct bcache_word *e = &s->slot[i];
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
		size_t cap = s->cap ? s->cap * 2 : (size_t)1 << 10;
		struct strset g = {xcalloc(cap, sizeof(*g.slot)), cap, s->n, s->strings};
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i].s)
				*set_find(&g, s->slot[i].s, s->slot[i].len, s->slot[i].hash) = s->slot[i];
		free(s->slot);
		*s = g;
	}
	uint32_t h = bcache_hash(str, n);
	struct bcache_word *e = set_find(s, str, n, h);
	if (e->s)
		return;
	e->s = arena_strndup(&s->strings, str, n);
	e->len = (uint32_t)n;
	e->hash = h;
	s->n++;
}

static void set_free(struct strset *s)
{
	free(s->slot);
	arena_free(&s->strings);
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
 * stands for one backslash. Patterns that do not compile are skipped, and
 * so are those holding a NUL, which the cache stores as C strings. */
static void add_alternative(struct strbuf *alt, const char *s, size_t n, char quote)
{
	if (memchr(s, '\0', n))
		return;
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

/* vendor-prefixes.yaml: patternProperties keys such as "^acme,.*":. Most
 * name one vendor; those go to a string set, since "^acme,.*" matches
 * "V,x" exactly when V is "acme" (a vendor has no comma), and probing a
 * hash table beats trying a thousand alternatives (about 2 us a match,
 * even JIT-compiled). The rest ("^(at25|bm|...),.*") stay patterns. */
static void harvest_vendors(struct strset *names, struct strbuf *alt, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
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
			const char *name = st + 1, *n = name;
			while (n < q && ((*n >= 'a' && *n <= 'z') || (*n >= 'A' && *n <= 'Z') ||
					 (*n >= '0' && *n <= '9') || *n == '-' || *n == '_'))
				n++;
			/* vendor keys name a prefix and a comma: "^acme,.*" */
			if (q < eol && n > name && q - n == 3 && memcmp(n, ",.*", 3) == 0)
				set_add(names, name, (size_t)(n - name));
			else if (q < eol && memchr(st, ',', (size_t)(q - st)))
				add_alternative(alt, st, (size_t)(q - st), quote);
		}
		p = eol + 1;
	}
}

/* What one walk over a bindings directory gathers. */
struct harvest {
	struct strset compats, vendors;
	struct strbuf compat_alt, vendor_alt;
	struct bcache_input in;		/* the manifest */
	struct strbuf rel;		/* the path being read, relative to the top */
	char *buf;			/* one buffer for every file read */
	size_t cap;
};

/* A file's bytes into h->buf, NUL-terminated. `size` (fstat's) ends the
 * reading without a read() that returns 0: one system call less a file,
 * 6,000 of them. A file that grew meanwhile changed its stamp, and the
 * next run indexes it again. */
static size_t read_fd(struct harvest *h, int fd, size_t size)
{
	size_t got = 0;
	while (got < size || !size) {
		if (got + 1 >= h->cap) {
			if (h->cap >= (size_t)1 << 26)
				break;	/* no binding is that large: stop reading */
			h->cap = h->cap ? 2 * h->cap : (size_t)1 << 18;
			h->buf = xrealloc(h->buf, h->cap);
		}
		ssize_t r = read(fd, h->buf + got, h->cap - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (h->buf)
		h->buf[got] = '\0';
	return got;
}

/* An entry that could not be opened still goes in the manifest: made
 * readable later, its ctime changes and the index is rebuilt. */
static void note_at(struct harvest *h, int dfd, const char *name)
{
	struct stat st;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		bcache_note(&h->in, sb_cstr(&h->rel), &st);
}

static void index_file(struct harvest *h, int dfd, const char *name, int top)
{
	/* O_NONBLOCK: a FIFO put in place of a binding must not hang the run */
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		note_at(h, dfd, name);
		return;
	}
	/* stat before reading: a change while it is read shows at the next
	 * run as a stamp that no longer matches */
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	bcache_note(&h->in, sb_cstr(&h->rel), &st);
	size_t len = read_fd(h, fd, (size_t)st.st_size);
	close(fd);
	harvest_words(&h->compats, h->buf, len);
	harvest_patterns(&h->compat_alt, h->buf, len);
	if (top && !strcmp(name, "vendor-prefixes.yaml"))
		harvest_vendors(&h->vendors, &h->vendor_alt, h->buf, len);
}

static void rel_truncate(struct strbuf *b, size_t len)
{
	b->len = len;
	if (b->s)
		b->s[len] = '\0';
}

/* Indexes the directory open as dfd (closed here) and everything below. */
static void index_dir(struct harvest *h, int dfd, int depth)
{
	struct stat st;
	DIR *d = NULL;
	if (depth > 32 || fstat(dfd, &st) != 0 || !(d = fdopendir(dfd))) {
		close(dfd);
		return;
	}
	/* stamped before it is listed: an entry added later changes its mtime */
	bcache_note(&h->in, h->rel.len ? sb_cstr(&h->rel) : ".", &st);
	size_t base = h->rel.len;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		unsigned char type = e->d_type;
		if (type == DT_UNKNOWN || type == DT_LNK) {
			if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		}
		size_t n = strlen(e->d_name);
		int binding = type == DT_REG && ((n > 5 && !strcmp(e->d_name + n - 5, ".yaml")) ||
						 (n > 4 && !strcmp(e->d_name + n - 4, ".txt")));
		if (type != DT_DIR && !binding)
			continue;
		if (base)
			sb_putc(&h->rel, '/');
		sb_puts(&h->rel, e->d_name);
		if (type == DT_DIR) {
			int sub = openat(dirfd(d), e->d_name,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0)
				index_dir(h, sub, depth + 1);
			else
				note_at(h, dirfd(d), e->d_name);
		} else {
			index_file(h, dirfd(d), e->d_name, depth == 0);
		}
		rel_truncate(&h->rel, base);
	}
	closedir(d);
}

static pcre2_code *compile(const char *text, size_t len, int *bad)
{
	if (!len)
		return NULL;
	int err;
	PCRE2_SIZE off;
	/* not JIT-compiled: that costs 4 ms for the kernel's patterns, more
	 * than the few hundred matches of a whole-tree run (words missing
	 * from the tables) take in the interpreter */
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)text, len, 0, &err, &off, NULL);
	if (!re)
		*bad = 1;
	return re;
}

/* Compiles the image's patterns. Returns -1 when one does not compile
 * (a damaged cache: built images only hold patterns that do). */
static int compile_patterns(struct bindings_index *ix)
{
	int bad = 0;
	ix->vendor_re = compile(ix->img.vendor_re, ix->img.vendor_re_len, &bad);
	ix->compat_re = compile(ix->img.compat_re, ix->img.compat_re_len, &bad);
	return bad ? -1 : 0;
}

/* Reads every binding under real_dir into an image. Returns -1 when it is
 * not a bindings directory (no vendor-prefixes.yaml). *racy: some file is
 * too new for the image to be saved (bcache_racy). */
static int build_image(const char *real_dir, struct bcache_image *img, int *racy)
{
	int top = open(real_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (top < 0)
		return -1;
	struct stat st;
	if (fstatat(top, "vendor-prefixes.yaml", &st, 0) != 0 || !S_ISREG(st.st_mode)) {
		close(top);
		return -1;
	}
	struct timespec start;
	clock_gettime(CLOCK_REALTIME, &start);
	struct harvest h = {0};
	arena_init(&h.compats.strings);
	arena_init(&h.vendors.strings);
	index_dir(&h, top, 0);
	free(h.buf);
	h.in.dir = real_dir;
	h.in.compat = h.compats.slot;
	h.in.ncompat_slots = h.compats.cap;
	h.in.vendor = h.vendors.slot;
	h.in.nvendor_slots = h.vendors.cap;
	h.in.vendor_re = sb_cstr(&h.vendor_alt);
	h.in.compat_re = sb_cstr(&h.compat_alt);
	unsigned char *image = NULL;
	size_t len = 0;
	/* an index too large for the format (4 GB of words) is no index */
	int rc = bcache_encode(&h.in, &image, &len);
	if (rc == 0 && bcache_parse(image, len, img) != 0) {
		free(image);
		rc = -1;
	}
	*racy = bcache_racy(&h.in, (int64_t)start.tv_sec * 1000000000LL + start.tv_nsec);
	bcache_input_free(&h.in);
	set_free(&h.compats);
	set_free(&h.vendors);
	sb_free(&h.compat_alt);
	sb_free(&h.vendor_alt);
	sb_free(&h.rel);
	return rc;
}

void bindings_index_free(struct bindings_index *ix)
{
	if (!ix)
		return;
	pcre2_code_free(ix->vendor_re);
	pcre2_code_free(ix->compat_re);
	bcache_release(&ix->img);
	free(ix);
}

struct bindings_index *bindings_index_open(const char *dir, const char *cache_dir,
					   enum bindings_origin *origin)
{
	*origin = BINDINGS_NONE;
	char *real = realpath(dir, NULL);
	if (!real)
		return NULL;
	struct bindings_index *ix = xcalloc(1, sizeof(*ix));
	char *path = cache_dir ? bcache_path(cache_dir, real) : NULL;
	if (path && bcache_map(path, &ix->img) == 0) {
		if (strcmp(ix->img.dir, real) == 0 && bcache_fresh(&ix->img) &&
		    compile_patterns(ix) == 0) {
			*origin = BINDINGS_CACHED;
			free(path);
			free(real);
			return ix;
		}
		pcre2_code_free(ix->vendor_re);
		pcre2_code_free(ix->compat_re);
		bcache_release(&ix->img);
		ix->vendor_re = ix->compat_re = NULL;
	}
	int racy = 0;
	if (build_image(real, &ix->img, &racy) != 0) {
		free(ix);
		ix = NULL;
	} else {
		/* patterns that compile one by one can still fail together
		 * (an unterminated \Q): such an image would be refused on load */
		int whole = compile_patterns(ix) == 0;
		*origin = BINDINGS_BUILT;
		if (path && whole && !racy &&
		    bcache_write(cache_dir, path, ix->img.base, ix->img.len) == 0)
			*origin = BINDINGS_SAVED;
	}
	free(path);
	free(real);
	return ix;
}

/* Indexes are made once per directory and then shared read-only. One may
 * be made in the background (bindings_prefetch) while the first boards
 * are parsed; bindings_get waits for it. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;

struct entry {
	char *dir;
	struct bindings_index *ix;	/* NULL: not a bindings directory */
	int ready;			/* made (under the lock) */
	int has_thread;			/* made by `thread`, not yet joined */
	pthread_t thread;
	struct entry *next;
};
static struct entry *entries;		/* each immutable once ready */
static int cache_off;			/* bindings_no_cache() */

void bindings_no_cache(void)
{
	pthread_mutex_lock(&lock);
	cache_off = 1;
	pthread_mutex_unlock(&lock);
}

int bindings_cache_enabled(void)
{
	pthread_mutex_lock(&lock);
	int on = !cache_off;
	pthread_mutex_unlock(&lock);
	return on;
}

static void make(struct entry *en, int use_cache)
{
	char *cache_dir = use_cache ? bcache_default_dir() : NULL;
	enum bindings_origin origin;
	en->ix = bindings_index_open(en->dir, cache_dir, &origin);
	free(cache_dir);
}

struct job {
	struct entry *en;
	int use_cache;
};

static void *make_thread(void *arg)
{
	struct job *j = arg;
	make(j->en, j->use_cache);
	pthread_mutex_lock(&lock);
	j->en->ready = 1;
	pthread_cond_broadcast(&done);
	pthread_mutex_unlock(&lock);
	free(j);
	return NULL;
}

/* The entry for dir, created (and its index started) when missing; called
 * with the lock held. */
static struct entry *entry(const char *dir, int background)
{
	struct entry *en;
	for (en = entries; en; en = en->next)
		if (strcmp(en->dir, dir) == 0)
			return en;
	en = xcalloc(1, sizeof(*en));
	en->dir = xstrdup(dir);
	en->next = entries;
	entries = en;
	struct job *j = xmalloc(sizeof(*j));
	*j = (struct job){en, !cache_off};
	if (background && pthread_create(&en->thread, NULL, make_thread, j) == 0) {
		en->has_thread = 1;
	} else {
		/* made here, lock held: other callers wait for it either way */
		free(j);
		make(en, !cache_off);
		en->ready = 1;
	}
	return en;
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
	struct entry *en = entry(dir, 0);
	while (!en->ready)
		pthread_cond_wait(&done, &lock);
	pthread_mutex_unlock(&lock);
	return en->ix;
}

void bindings_settle(void)
{
	pthread_mutex_lock(&lock);
	for (struct entry *en = entries; en; en = en->next)
		if (en->has_thread) {
			pthread_mutex_unlock(&lock);
			pthread_join(en->thread, NULL);
			pthread_mutex_lock(&lock);
			en->has_thread = 0;
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
	if (bcache_has(&ix->img.vendor, vendor, strcspn(vendor, ",")))
		return 1;
	char buf[256];
	snprintf(buf, sizeof(buf), "%s,x", vendor);
	return re_match(ix->vendor_re, buf);
}

int bindings_compatible_documented(const struct bindings_index *ix, const char *compat)
{
	return bcache_has(&ix->img.compat, compat, strlen(compat)) || re_match(ix->compat_re, compat);
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
