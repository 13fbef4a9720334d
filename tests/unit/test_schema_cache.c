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
#include <unistd.h>

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

static void damaged_cache_is_rebuilt(long at, int truncate_it)
{
	schema_set_free(st_load(&T, 1, NULL));
	char path[512];
	cache_file(path, sizeof(path));
	cr_assert(path[0]);
	FILE *f = fopen(path, "rb");
	static unsigned char good[1 << 20], now[1 << 20];
	size_t n = fread(good, 1, sizeof(good), f);
	fclose(f);
	damage(path, at, truncate_it);
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
