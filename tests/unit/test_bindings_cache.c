/* The bindings index's cache file: a cached index answers as a fresh one
 * does, every change to the binding documents is seen, and a damaged cache
 * file is rebuilt, never trusted. Each test makes a small binding tree and
 * a cache directory of its own under a temporary directory; the files are
 * dated 2020 (a file changed within the last seconds is indexed but not
 * saved, see bcache_racy). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt_testutil.h"
#include "rules/bindings/bindings_cache.h"
#include "rules/bindings/bindings_index.h"

static char root[] = "/tmp/dtidy-bcache-XXXXXX";
static char bindings[600], cache[600];

static void path_of(char *out, size_t n, const char *rel)
{
	snprintf(out, n, "%s/%s", root, rel);
}

static void put(const char *rel, const char *text)
{
	cr_assert(write_tree_file(root, rel, text) == 0, "cannot write %s/%s", root, rel);
}

static int age_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	/* 2020-01-01 */
	struct timespec t[2] = {{1577836800, 0}, {1577836800, 0}};
	return utimensat(AT_FDCWD, path, t, AT_SYMLINK_NOFOLLOW);
}

/* Dates every file and directory under dir 2020-01-01. */
static void age_dir(const char *dir)
{
	cr_assert(nftw(dir, age_one, 16, FTW_PHYS) == 0);
}

static void age(void)
{
	age_dir(bindings);
}

static void setup(void)
{
	cr_assert(mkdtemp(root));
	snprintf(bindings, sizeof(bindings), "%s/Bindings", root);
	snprintf(cache, sizeof(cache), "%s/cache/dtidy", root);
	put("Bindings/vendor-prefixes.yaml",
	    "patternProperties:\n"
	    "  \"^(simple-audio-card|gpio),.*\": true\n"
	    "  \"^acme,.*\":\n"
	    "    description: Acme Corp.\n"
	    "  \"^beta-co,.*\":\n"
	    "    description: Beta\n"
	    "  \"^[a-zA-Z0-9#_][a-zA-Z0-9#+\\\\-._@]{0,63}$\": true\n");
	put("Bindings/serial/acme,uart.yaml",
	    "properties:\n  compatible:\n    enum:\n      - acme,uart\n      - acme,uart-v2\n"
	    "    items:\n      - pattern: '^acme,uart-v[3-9]$'\n");
	put("Bindings/misc/generic.yaml", "properties:\n  compatible:\n    const: generic-thing\n");
	put("Bindings/misc/old.txt", "Required properties:\n- compatible : \"beta-co,timer\"\n");
	age();
}

static void teardown(void)
{
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_expect(system(cmd) == 0);
}

TestSuite(bindings_cache, .init = setup, .fini = teardown);

static struct bindings_index *open_ix(const char *cache_dir, enum bindings_origin want)
{
	enum bindings_origin got;
	struct bindings_index *ix = bindings_index_open(bindings, cache_dir, &got);
	cr_assert(ix, "no index of %s", bindings);
	cr_assert_eq(got, want, "index origin %d, expected %d", got, want);
	return ix;
}

/* Strings with known answers: documented (by a word or a pattern only),
 * and vendors (named, in a group pattern, unknown). */
static const char *const compat_yes[] = {"acme,uart", "acme,uart-v2", "acme,uart-v5",
					  "generic-thing", "beta-co,timer"};
static const char *const compat_no[] = {"acme,uart-v22", "acme,spi", "acme", "", "uart",
					"beta-co,timer2", "acme,uart-v3x"};
static const char *const vendor_yes[] = {"acme", "beta-co", "gpio", "simple-audio-card"};
static const char *const vendor_no[] = {"acm", "acmee", "beta", "zzz", "", "gpi"};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void expect_known_answers(const struct bindings_index *ix)
{
	for (size_t i = 0; i < N(compat_yes); i++)
		cr_expect(bindings_compatible_documented(ix, compat_yes[i]), "%s", compat_yes[i]);
	for (size_t i = 0; i < N(compat_no); i++)
		cr_expect(!bindings_compatible_documented(ix, compat_no[i]), "%s", compat_no[i]);
	for (size_t i = 0; i < N(vendor_yes); i++)
		cr_expect(bindings_vendor_known(ix, vendor_yes[i]), "%s", vendor_yes[i]);
	for (size_t i = 0; i < N(vendor_no); i++)
		cr_expect(!bindings_vendor_known(ix, vendor_no[i]), "%s", vendor_no[i]);
}

static void expect_same_answers(const struct bindings_index *a, const struct bindings_index *b)
{
	const char *const *lists[] = {compat_yes, compat_no, vendor_yes, vendor_no};
	size_t counts[] = {N(compat_yes), N(compat_no), N(vendor_yes), N(vendor_no)};
	for (size_t l = 0; l < 4; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const char *s = lists[l][i];
			cr_expect_eq(bindings_compatible_documented(a, s),
				     bindings_compatible_documented(b, s), "%s", s);
			cr_expect_eq(bindings_vendor_known(a, s), bindings_vendor_known(b, s), "%s", s);
		}
}

/* Does the cache answer `compat` as documented (after whatever change)? */
static int documented_now(enum bindings_origin want, const char *compat)
{
	struct bindings_index *ix = open_ix(cache, want);
	int r = bindings_compatible_documented(ix, compat);
	bindings_index_free(ix);
	return r;
}

static char *cache_file(void)
{
	char *real = realpath(bindings, NULL);
	cr_assert(real);
	char *p = bcache_path(cache, real);
	free(real);
	return p;
}

Test(bindings_cache, cached_index_answers_like_a_fresh_one)
{
	struct bindings_index *fresh = open_ix(NULL, BINDINGS_BUILT);
	expect_known_answers(fresh);
	struct bindings_index *saved = open_ix(cache, BINDINGS_SAVED);
	struct bindings_index *cached = open_ix(cache, BINDINGS_CACHED);
	expect_known_answers(cached);
	expect_same_answers(fresh, cached);
	expect_same_answers(fresh, saved);
	bindings_index_free(fresh);
	bindings_index_free(saved);
	bindings_index_free(cached);
	char *p = cache_file();
	struct stat st;
	cr_expect(stat(p, &st) == 0 && S_ISREG(st.st_mode));
	free(p);
}

Test(bindings_cache, not_a_bindings_directory)
{
	enum bindings_origin got;
	char dir[700];
	snprintf(dir, sizeof(dir), "%s/misc", bindings);
	cr_expect_null(bindings_index_open(dir, cache, &got));
	cr_expect_eq(got, BINDINGS_NONE);
	cr_expect_null(bindings_index_open("/nonexistent/dtidy-bindings", cache, &got));
}

Test(bindings_cache, content_change_of_the_same_size_is_seen)
{
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	cr_assert(!documented_now(BINDINGS_CACHED, "acme,uart-v1"));
	/* "v2" becomes "v1": same size, a new mtime (now: too new to save) */
	put("Bindings/serial/acme,uart.yaml",
	    "properties:\n  compatible:\n    enum:\n      - acme,uart\n      - acme,uart-v1\n"
	    "    items:\n      - pattern: '^acme,uart-v[3-9]$'\n");
	cr_expect(documented_now(BINDINGS_BUILT, "acme,uart-v1"));
	/* the old mtime back, as cp -p or tar would leave it: the change time
	 * still tells */
	age();
	cr_expect(documented_now(BINDINGS_SAVED, "acme,uart-v1"));
	cr_expect(!documented_now(BINDINGS_CACHED, "acme,uart-v2"));
}

Test(bindings_cache, added_file_is_seen)
{
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	put("Bindings/serial/acme,spi.yaml", "properties:\n  compatible:\n    const: acme,spi\n");
	cr_expect(documented_now(BINDINGS_BUILT, "acme,spi"));
	age();
	cr_expect(documented_now(BINDINGS_SAVED, "acme,spi"));
	cr_expect(documented_now(BINDINGS_CACHED, "acme,spi"));
}

Test(bindings_cache, added_directory_is_seen)
{
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	put("Bindings/net/deep/acme,eth.yaml", "properties:\n  compatible:\n    const: acme,eth\n");
	age();
	cr_expect(documented_now(BINDINGS_SAVED, "acme,eth"));
}

Test(bindings_cache, deleted_file_is_seen)
{
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	char p[700];
	path_of(p, sizeof(p), "Bindings/misc/generic.yaml");
	cr_assert(unlink(p) == 0);
	age();
	cr_expect(!documented_now(BINDINGS_SAVED, "generic-thing"));
	cr_expect(!documented_now(BINDINGS_CACHED, "generic-thing"));
}

Test(bindings_cache, renamed_file_and_directory_are_seen)
{
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	char a[700], b[700];
	/* no longer a binding document (neither .yaml nor .txt) */
	path_of(a, sizeof(a), "Bindings/misc/old.txt");
	path_of(b, sizeof(b), "Bindings/misc/old.txt.orig");
	cr_assert(rename(a, b) == 0);
	age();
	cr_expect(!documented_now(BINDINGS_SAVED, "beta-co,timer"));
	/* a hidden directory is not read */
	path_of(a, sizeof(a), "Bindings/serial");
	path_of(b, sizeof(b), "Bindings/.serial");
	cr_assert(rename(a, b) == 0);
	age();
	cr_expect(!documented_now(BINDINGS_SAVED, "acme,uart"));
	cr_assert(rename(b, a) == 0);
	age();
	cr_expect(documented_now(BINDINGS_SAVED, "acme,uart"));
}

Test(bindings_cache, vendor_prefixes_change_is_seen)
{
	struct bindings_index *ix = open_ix(cache, BINDINGS_SAVED);
	cr_expect(!bindings_vendor_known(ix, "newco"));
	bindings_index_free(ix);
	put("Bindings/vendor-prefixes.yaml",
	    "patternProperties:\n  \"^acme,.*\": true\n  \"^newco,.*\": true\n");
	age();
	ix = open_ix(cache, BINDINGS_SAVED);
	cr_expect(bindings_vendor_known(ix, "newco"));
	cr_expect(!bindings_vendor_known(ix, "gpio"));
	bindings_index_free(ix);
	ix = open_ix(cache, BINDINGS_CACHED);
	cr_expect(bindings_vendor_known(ix, "newco"));
	cr_expect(!bindings_vendor_known(ix, "beta-co"));
	bindings_index_free(ix);
}

/* Replaces the cache file with `n` bytes of `data`. */
static void overwrite_cache(const void *data, size_t n)
{
	char *p = cache_file();
	FILE *f = fopen(p, "wb");
	cr_assert(f);
	cr_assert(fwrite(data, 1, n, f) == n || n == 0);
	fclose(f);
	free(p);
}

static unsigned char *read_cache(size_t *n)
{
	char *p = cache_file();
	FILE *f = fopen(p, "rb");
	cr_assert(f);
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	rewind(f);
	unsigned char *b = malloc(*n);
	cr_assert(b && fread(b, 1, *n, f) == *n);
	fclose(f);
	free(p);
	return b;
}

/* The damaged file is rebuilt (and saved again), with the right answers. */
static void expect_rebuilt(void)
{
	struct bindings_index *ix = open_ix(cache, BINDINGS_SAVED);
	expect_known_answers(ix);
	bindings_index_free(ix);
	ix = open_ix(cache, BINDINGS_CACHED);
	expect_known_answers(ix);
	bindings_index_free(ix);
}

Test(bindings_cache, damaged_cache_is_rebuilt)
{
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	size_t n;
	unsigned char *good = read_cache(&n);
	cr_assert(n > 1000);
	unsigned char *bad = malloc(n);
	cr_assert(bad);
	const size_t cuts[] = {0, 1, 8, 100, 176, n / 2, n - 1};
	for (size_t i = 0; i < N(cuts); i++) {
		overwrite_cache(good, cuts[i]);
		expect_rebuilt();
	}
	/* garbage of the right size */
	for (size_t i = 0; i < n; i++)
		bad[i] = (unsigned char)(i * 131 + 7);
	overwrite_cache(bad, n);
	expect_rebuilt();
	/* another version of the format */
	memcpy(bad, good, n);
	bad[8] ^= 0x40;
	overwrite_cache(bad, n);
	expect_rebuilt();
	/* one flipped bit anywhere past the header: the checksum */
	const size_t at[] = {176, n / 3, n / 2, n - 1};
	for (size_t i = 0; i < N(at); i++) {
		memcpy(bad, good, n);
		bad[at[i]] ^= 0x01;
		overwrite_cache(bad, n);
		expect_rebuilt();
	}
	/* a longer file than the header says */
	unsigned char *longer = malloc(n + 8);
	cr_assert(longer);
	memcpy(longer, good, n);
	memset(longer + n, 0, 8);
	overwrite_cache(longer, n + 8);
	expect_rebuilt();
	free(longer);
	free(bad);
	free(good);
}

Test(bindings_cache, cache_of_another_directory_is_not_trusted)
{
	/* the same documents in another directory, whose cache file then
	 * sits where this directory's should */
	char other[700], cmd[1600];
	snprintf(other, sizeof(other), "%s/Other", root);
	snprintf(cmd, sizeof(cmd), "cp -Rp '%s' '%s'", bindings, other);
	cr_assert(system(cmd) == 0);
	put("Other/misc/generic.yaml", "properties:\n  compatible:\n    const: other-thing\n");
	age_dir(other);
	enum bindings_origin got;
	struct bindings_index *ix = bindings_index_open(other, cache, &got);
	cr_assert(ix);
	cr_assert_eq(got, BINDINGS_SAVED);
	bindings_index_free(ix);
	char *real = realpath(other, NULL), *from = bcache_path(cache, real), *to = cache_file();
	cr_assert(rename(from, to) == 0);
	free(real);
	free(from);
	free(to);
	cr_expect(documented_now(BINDINGS_SAVED, "generic-thing"));
	cr_expect(!documented_now(BINDINGS_CACHED, "other-thing"));
}

Test(bindings_cache, unwritable_cache_dir_still_answers)
{
	/* a regular file where the cache directory's parent should be */
	put("blocker", "x");
	char dir[700];
	path_of(dir, sizeof(dir), "blocker/dtidy");
	struct bindings_index *ix = open_ix(dir, BINDINGS_BUILT);
	expect_known_answers(ix);
	bindings_index_free(ix);
	ix = open_ix(dir, BINDINGS_BUILT);
	bindings_index_free(ix);
}

Test(bindings_cache, missing_cache_dirs_are_made_private)
{
	snprintf(cache, sizeof(cache), "%s/new-xdg/dtidy", root);
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	struct stat st;
	cr_assert(stat(cache, &st) == 0);
	cr_expect_eq(st.st_mode & 0777, 0700);
}

Test(bindings_cache, fresh_files_are_used_but_not_saved)
{
	put("Bindings/misc/new.yaml", "properties:\n  compatible:\n    const: acme,new\n");
	cr_expect(documented_now(BINDINGS_BUILT, "acme,new"));
	char *p = cache_file();
	struct stat st;
	cr_expect(stat(p, &st) != 0);
	free(p);
}

Test(bindings_cache, default_dir_follows_the_environment)
{
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	setenv("HOME", "/h", 1);
	unsetenv("DTIDY_NO_CACHE");
	char *d = bcache_default_dir();
	cr_expect_str_eq(d, "/x/cache/dtidy");
	free(d);
	setenv("XDG_CACHE_HOME", "relative", 1);	/* ignored, as the spec says */
	d = bcache_default_dir();
	cr_expect_str_eq(d, "/h/.cache/dtidy");
	free(d);
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	cr_expect_null(bcache_default_dir());
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	setenv("DTIDY_NO_CACHE", "1", 1);
	cr_expect_null(bcache_default_dir());
	setenv("DTIDY_NO_CACHE", "0", 1);
	d = bcache_default_dir();
	cr_expect_str_eq(d, "/x/cache/dtidy");
	free(d);
}

/* Lookups stay inside a table whatever its slots say. */
Test(bindings_cache, hostile_table_lookups_stay_in_bounds)
{
	/* four full slots, offsets past the strings, no empty slot to stop at */
	static const char strs[] = "\0ab";
	unsigned char slots[4 * 8];
	for (int i = 0; i < 4; i++) {
		uint32_t h = bcache_hash("ab", 2), off = i == 0 ? 1u : 0xfffffff0u - (uint32_t)i;
		memcpy(slots + 8 * i, &h, 4);
		memcpy(slots + 8 * i + 4, &off, 4);
	}
	struct bcache_table t = {slots, 4, strs, sizeof(strs)};
	cr_expect(bcache_has(&t, "ab", 2));
	cr_expect(!bcache_has(&t, "abc", 3));
	cr_expect(!bcache_has(&t, "a", 1));
	/* offset 1 with a string that would run past the end */
	struct bcache_table u = {slots, 4, strs, 3};
	cr_expect(!bcache_has(&u, "ab", 2));
}

/* Section tables pointing anywhere are refused, never followed. */
Test(bindings_cache, hostile_headers_are_refused)
{
	bindings_index_free(open_ix(cache, BINDINGS_SAVED));
	size_t n;
	unsigned char *good = read_cache(&n);
	unsigned char *bad = malloc(n);
	cr_assert(bad);
	struct bcache_image img;
	cr_assert(bcache_parse(good, n, &img) == 0);
	const uint64_t values[] = {0, 1, 8, 175, 176, 177, n - 1, n, n + 8, UINT64_MAX / 2, UINT64_MAX};
	for (size_t field = 0; field < 18; field++)
		for (size_t v = 0; v < N(values); v++) {
			memcpy(bad, good, n);
			memcpy(bad + 32 + 8 * field, &values[v], 8);
			if (bcache_parse(bad, n, &img) == 0) {
				/* some values are harmless (a length to the end):
				 * then lookups must stay in bounds */
				bcache_has(&img.compat, "acme,uart", 9);
				bcache_has(&img.vendor, "acme", 4);
			}
		}
	free(bad);
	free(good);
}
