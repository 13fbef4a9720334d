/* The schema set's cache: a cached set answers as a fresh build does, every
 * change to a document (edited, added, removed) is seen, and a damaged
 * cache file is rebuilt, never trusted. Files are dated 2020: a file
 * changed within the last seconds is built from but not cached. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "schema/set_cache.h"
#include "schema/set_image.h"
#include "schema_testutil.h"

static struct st_tree T;

#define DOC(name, compat)                                                           \
	"$id: http://devicetree.org/schemas/test/" name ".yaml#\n"                 \
	"$schema: http://devicetree.org/meta-schemas/core.yaml#\ntitle: t\n"       \
	"properties:\n  compatible:\n    const: " compat "\n  reg:\n    maxItems: 1\n" \
	"required: [compatible, reg]\nadditionalProperties: false\n"

static int age_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	struct timespec t[2] = {{1577836800, 0}, {1577836800, 0}};
	return utimensat(AT_FDCWD, path, t, AT_SYMLINK_NOFOLLOW);
}

static void age(void)
{
	cr_assert(nftw(T.bindings, age_one, 16, FTW_PHYS) == 0);
}

static void setup(void)
{
	st_tree_new(&T);
	st_put(&T, "Bindings/test/a.yaml", DOC("a", "acme,a"));
	st_put(&T, "Bindings/test/b.yaml", DOC("b", "acme,b"));
	age();
}

static void teardown(void)
{
	st_tree_free(&T);
}

TestSuite(schema_cache, .init = setup, .fini = teardown);

/* The one cache file in the cache directory ("" when there is none). */
static void cache_file(char *out, size_t n)
{
	out[0] = '\0';
	DIR *d = opendir(T.cache);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".img") && !strstr(e->d_name, ".img."))
			snprintf(out, n, "%s/%s", T.cache, e->d_name);
	closedir(d);
}

static char *check(const struct schema_set *s, const char *id)
{
	return st_check(s, id, "{\"compatible\": [\"acme,a\"]}");
}

Test(schema_cache, warm_answers_as_cold)
{
	struct schema_set *cold = st_load(&T, 1, NULL);
	cr_expect(cold->mapped, "a cacheable build is used through its mapping");
	char path[512];
	cache_file(path, sizeof(path));
	cr_assert(path[0], "no cache file written");
	struct stat st1;
	cr_assert(stat(path, &st1) == 0);
	struct schema_set *warm = st_load(&T, 1, NULL);
	struct stat st2;
	cr_assert(stat(path, &st2) == 0);
	cr_expect(st1.st_ino == st2.st_ino && st1.st_mtim.tv_nsec == st2.st_mtim.tv_nsec,
		  "a fresh cache is not rewritten");
	cr_expect_eq(cold->ndocs, warm->ndocs);
	cr_expect_eq(cold->nnodes, warm->nnodes);
	char *a = check(cold, "/test/a.yaml"), *b = check(warm, "/test/a.yaml");
	cr_expect_str_eq(a, "REQUIRED reg: 'reg' is a required property\n");
	cr_expect_str_eq(a, b);
	free(a);
	free(b);
	schema_set_free(cold);
	schema_set_free(warm);
}

Test(schema_cache, every_change_rebuilds)
{
	schema_set_free(st_load(&T, 1, NULL));
	/* edited: reg no longer required */
	st_put(&T, "Bindings/test/a.yaml",
	       "$id: http://devicetree.org/schemas/test/a.yaml#\ntitle: t\n"
	       "properties:\n  compatible:\n    const: acme,a\nrequired: [compatible]\n");
	age();
	struct schema_set *s = st_load(&T, 1, NULL);
	char *got = check(s, "/test/a.yaml");
	cr_expect_str_eq(got, "");
	free(got);
	schema_set_free(s);
	/* added */
	st_put(&T, "Bindings/test/c.yaml", DOC("c", "acme,c"));
	age();
	s = st_load(&T, 1, NULL);
	cr_expect_not_null(st_schema(s, "/test/c.yaml"));
	schema_set_free(s);
	/* removed */
	char p[256];
	snprintf(p, sizeof(p), "%s/test/b.yaml", T.bindings);
	cr_assert(unlink(p) == 0);
	age();
	s = st_load(&T, 1, NULL);
	cr_expect_null(st_schema(s, "/test/b.yaml"));
	schema_set_free(s);
}

static void damage(const char *path, long at, int truncate_it)
{
	int fd = open(path, O_RDWR);
	cr_assert(fd >= 0);
	struct stat st;
	cr_assert(fstat(fd, &st) == 0);
	if (truncate_it) {
		cr_assert(ftruncate(fd, st.st_size / 2) == 0);
	} else {
		unsigned char c;
		off_t off = at < 0 ? st.st_size + at : at;
		cr_assert(pread(fd, &c, 1, off) == 1);
		c ^= 0x40;
		cr_assert(pwrite(fd, &c, 1, off) == 1);
	}
	close(fd);
}

/* Maps the cache file as a run a minute from now would: a vouch is only
 * written for an image older than a few seconds. 1 vouched, 0 checked
 * whole, -1 refused. */
static int map_later(const char *path)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	struct schema_set *s = calloc(1, sizeof(*s));
	cr_assert(s);
	int rc = scache_map_as_of(path, s, ((int64_t)now.tv_sec + 60) * 1000000000LL);
	int v = rc ? -1 : s->vouched;
	schema_set_free(s);
	return v;
}

static int vouch_exists(const char *path)
{
	char *v = scache_vouch_path(path);
	int yes = access(v, F_OK) == 0;
	free(v);
	return yes;
}

/* Builds the cache and has it vouched for: the next load maps it unread. */
static void vouch_cache(char *path, size_t n)
{
	schema_set_free(st_load(&T, 1, NULL));
	cache_file(path, n);
	cr_assert(path[0]);
	cr_expect(!vouch_exists(path), "an image made just now was vouched for");
	cr_expect_eq(map_later(path), 0, "the first check of an image reads it whole");
	cr_assert(vouch_exists(path));
	cr_expect_eq(map_later(path), 1, "a vouched image is read whole again");
}

static void damaged_cache_is_rebuilt_as(long at, int truncate_it, int vouched)
{
	char path[512];
	if (vouched) {
		vouch_cache(path, sizeof(path));
	} else {
		schema_set_free(st_load(&T, 1, NULL));
		cache_file(path, sizeof(path));
	}
	cr_assert(path[0]);
	FILE *f = fopen(path, "rb");
	static unsigned char good[1 << 20], now[1 << 20];
	size_t n = fread(good, 1, sizeof(good), f);
	fclose(f);
	damage(path, at, truncate_it);
	/* the damage changed the file's ctime: its vouch no longer holds, and
	 * the whole check refuses it */
	struct schema_set *probe = calloc(1, sizeof(*probe));
	cr_assert(probe);
	cr_expect_eq(scache_map(path, probe), -1, "a damaged image was mapped");
	schema_set_free(probe);
	struct schema_set *s = st_load(&T, 1, NULL);
	char *got = check(s, "/test/a.yaml");
	cr_expect_str_eq(got, "REQUIRED reg: 'reg' is a required property\n");
	free(got);
	schema_set_free(s);
	/* rewritten whole */
	f = fopen(path, "rb");
	size_t m = fread(now, 1, sizeof(now), f);
	fclose(f);
	cr_expect(m == n && !memcmp(good, now, n), "the damaged cache was not rebuilt");
}

static void damaged_cache_is_rebuilt(long at, int truncate_it)
{
	damaged_cache_is_rebuilt_as(at, truncate_it, 0);
}

Test(schema_cache, flipped_byte_in_a_node_is_rebuilt)
{
	damaged_cache_is_rebuilt(4000, 0);
}

Test(schema_cache, flipped_byte_at_the_end_is_rebuilt)
{
	damaged_cache_is_rebuilt(-3, 0);
}

Test(schema_cache, damaged_header_is_rebuilt)
{
	damaged_cache_is_rebuilt(9, 0);
}

Test(schema_cache, truncated_cache_is_rebuilt)
{
	damaged_cache_is_rebuilt(0, 1);
}

Test(schema_cache, vouched_cache_answers_as_cold)
{
	char path[512];
	vouch_cache(path, sizeof(path));
	struct schema_set *cold = st_load(&T, 0, NULL), *warm = st_load(&T, 1, NULL);
	cr_expect(warm->vouched, "a vouched cache was read whole");
	cr_expect_eq(cold->ndocs, warm->ndocs);
	cr_expect_eq(cold->nnodes, warm->nnodes);
	char *a = check(cold, "/test/a.yaml"), *b = check(warm, "/test/a.yaml");
	cr_expect_str_eq(a, b);
	free(a);
	free(b);
	schema_set_free(cold);
	schema_set_free(warm);
}

Test(schema_cache, vouched_then_flipped_byte_in_a_node_is_rebuilt)
{
	damaged_cache_is_rebuilt_as(4000, 0, 1);
}

Test(schema_cache, vouched_then_flipped_byte_at_the_end_is_rebuilt)
{
	damaged_cache_is_rebuilt_as(-3, 0, 1);
}

Test(schema_cache, vouched_then_damaged_header_is_rebuilt)
{
	damaged_cache_is_rebuilt_as(9, 0, 1);
}

Test(schema_cache, vouched_then_truncated_cache_is_rebuilt)
{
	damaged_cache_is_rebuilt_as(0, 1, 1);
}

/* Damage that keeps the size and puts the mtime back still moves the
 * ctime, which no program can set: the vouch does not hold. */
Test(schema_cache, vouched_then_damaged_with_its_mtime_restored_is_refused)
{
	char path[512];
	vouch_cache(path, sizeof(path));
	struct stat before;
	cr_assert(stat(path, &before) == 0);
	damage(path, 4000, 0);
	struct timespec t[2] = {before.st_atim, before.st_mtim};
	cr_assert(utimensat(AT_FDCWD, path, t, 0) == 0);
	struct stat after;
	cr_assert(stat(path, &after) == 0);
	cr_assert(after.st_size == before.st_size &&
		  after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
	struct schema_set *s = calloc(1, sizeof(*s));
	cr_assert(s);
	cr_expect_eq(scache_map(path, s), -1, "damage with the old mtime was mapped");
	schema_set_free(s);
}

/* A vouch that is itself damaged, or names another image, vouches for
 * nothing: the image is checked whole. */
Test(schema_cache, damaged_vouch_is_ignored)
{
	char path[512];
	vouch_cache(path, sizeof(path));
	char *v = scache_vouch_path(path);
	damage(v, 20, 0);
	cr_expect_eq(map_later(path), 0, "a damaged vouch was believed");
	cr_assert(vouch_exists(path));	/* rewritten whole */
	cr_expect_eq(map_later(path), 1);
	FILE *f = fopen(v, "rb");
	unsigned char buf[128];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	free(v);
	struct stat st;
	cr_assert(stat(path, &st) == 0);
	uint64_t sum;
	cr_expect_eq(scache_vouch_read(buf, n, &st, &sum), 0);
	struct stat other = st;
	other.st_ino++;
	cr_expect_eq(scache_vouch_read(buf, n, &other, &sum), -1, "a vouch for another file held");
	other = st;
	other.st_ctim.tv_nsec ^= 1;
	cr_expect_eq(scache_vouch_read(buf, n, &other, &sum), -1, "a vouch for an older ctime held");
	cr_expect_eq(scache_vouch_read(buf, n - 1, &st, &sum), -1);
}

Test(schema_cache, racy_build_is_not_cached)
{
	st_put(&T, "Bindings/test/new.yaml", DOC("new", "acme,new"));	/* dated now */
	struct schema_set *s = st_load(&T, 1, NULL);
	cr_expect_not_null(st_schema(s, "/test/new.yaml"));
	schema_set_free(s);
	char path[512];
	cache_file(path, sizeof(path));
	cr_expect_str_eq(path, "", "a build from a file changed just now was cached");
}

Test(schema_cache, image_opens_from_memory)
{
	schema_set_free(st_load(&T, 1, NULL));
	char path[512];
	cache_file(path, sizeof(path));
	FILE *f = fopen(path, "rb");
	static uint64_t buf[1 << 17];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	struct schema_set *s = sset_open_image((const unsigned char *)buf, n);
	cr_assert_not_null(s);
	char *got = check(s, "/test/a.yaml");
	cr_expect_str_eq(got, "REQUIRED reg: 'reg' is a required property\n");
	free(got);
	schema_set_free(s);
	cr_expect_null(sset_open_image((const unsigned char *)buf, n - 8));
}
