/* Build profiles: names and detection from the tree around a file.
 *
 * Detection walks up from the file's directory; the nearest directory that
 * is the root of a layout we know decides. Each layout is recognised by
 * what its build needs there, not by names a user might pick by chance:
 *
 *   kernel   <root>/arch/<arch>/boot/dts/...  (the file below it)
 *            <root>/src/... with <root>/include  (the split devicetree
 *            layout of devicetree-rebasing, BeagleBoard-DeviceTrees)
 *   u-boot   <root>/arch with <root>/tools/binman or <root>/include/configs
 *            (also for its copy of the split layout, <root>/dts/upstream)
 *   tf-a     <root>/fdts with <root>/plat, make_helpers or bl31
 *   zmk      <root>/include/dt-bindings/zmk (ZMK's app/, or above it)
 *   zephyr   west.yml, zephyr/module.yml, a board.yml below a boards/
 *            directory, or <root>/boards with dts/, soc/ or snippets/
 *
 * With nothing found, the extension still tells: a .keymap is ZMK's, an
 * .overlay Zephyr's. */
#include "profile.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

static enum dt_profile root_of(const char *dir, const char *rel, struct strbuf *why,
			       char **root);

static const char *const names[DT_PROFILE_COUNT] = {
	[DT_PROFILE_NONE] = "none",	[DT_PROFILE_KERNEL] = "kernel",
	[DT_PROFILE_UBOOT] = "u-boot",	[DT_PROFILE_ZEPHYR] = "zephyr",
	[DT_PROFILE_ZMK] = "zmk",	[DT_PROFILE_TFA] = "tf-a",
};

const char *dt_profile_name(enum dt_profile p)
{
	return (unsigned)p < DT_PROFILE_COUNT ? names[p] : "none";
}

int dt_profile_from_name(const char *name, enum dt_profile *out)
{
	for (int p = DT_PROFILE_NONE + 1; p < DT_PROFILE_COUNT; p++)
		if (!strcmp(name, names[p])) {
			*out = (enum dt_profile)p;
			return 0;
		}
	return -1;
}

const char *dt_profile_names(void)
{
	return "kernel, u-boot, zephyr, zmk, tf-a";
}

/* ---- the file system around the file ---- */

static int exists(const char *dir, const char *sub, int want_dir)
{
	char buf[PATH_MAX];
	int n = snprintf(buf, sizeof(buf), "%s/%s", dir, sub);
	struct stat st;
	if (n <= 0 || (size_t)n >= sizeof(buf) || stat(buf, &st) != 0)
		return 0;
	return want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

static int has_dir(const char *dir, const char *sub)
{
	return exists(dir, sub, 1);
}

static int has_file(const char *dir, const char *sub)
{
	return exists(dir, sub, 0);
}

static const char *base_name(const char *dir)
{
	const char *s = strrchr(dir, '/');
	return s ? s + 1 : dir;
}

/* The absolute directory of path, symlinks resolved where it exists. */
static char *abs_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : xstrdup(".");
	char *real = realpath(dir, NULL);
	if (real) {
		free(dir);
		return real;
	}
	if (dir[0] == '/')
		return dir;
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return dir;
	size_t n = strlen(cwd) + strlen(dir) + 2;
	char *full = xmalloc(n);
	snprintf(full, n, "%s/%s", cwd, dir);
	free(dir);
	return full;
}

/* Does `rel` (a path below a root, '/'-separated) start with the
 * component `first`? */
static int starts_with_dir(const char *rel, const char *first)
{
	size_t n = strlen(first);
	return !strncmp(rel, first, n) && rel[n] == '/';
}

/* rel = arch/<arch>/boot/dts/... */
static int in_kernel_dts(const char *rel, const char **arch, int *archlen)
{
	if (!starts_with_dir(rel, "arch"))
		return 0;
	const char *a = rel + 5, *e = strchr(a, '/');
	if (!e || e == a || strncmp(e, "/boot/dts/", 10) != 0)
		return 0;
	*arch = a;
	*archlen = (int)(e - a);
	return 1;
}

static const char *uboot_marker(const char *dir)
{
	if (!has_dir(dir, "arch"))
		return NULL;
	if (has_dir(dir, "tools/binman"))
		return "tools/binman";
	if (has_dir(dir, "include/configs"))
		return "include/configs";
	return NULL;
}

static const char *tfa_marker(const char *dir)
{
	static const char *const m[] = {"plat", "make_helpers", "bl31"};
	if (!has_dir(dir, "fdts"))
		return NULL;
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (has_dir(dir, m[i]))
			return m[i];
	return NULL;
}

/* Is some ancestor of dir (dir included) named "boards"? */
static int below_boards(const char *dir)
{
	const char *p = strstr(dir, "/boards");
	for (; p; p = strstr(p + 1, "/boards"))
		if (p[7] == '/' || p[7] == '\0')
			return 1;
	return 0;
}

static const char *zephyr_marker(const char *dir)
{
	if (has_file(dir, "west.yml"))
		return "west.yml";
	if (has_file(dir, "zephyr/module.yml"))
		return "zephyr/module.yml";
	if (has_file(dir, "board.yml") && below_boards(dir))
		return "board.yml";
	if (has_dir(dir, "boards")) {
		static const char *const m[] = {"dts", "soc", "snippets"};
		for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
			if (has_dir(dir, m[i]))
				return m[i];
	}
	return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && !strcmp(s + n - k, suffix);
}

/* The layout rooted at `dir`, if any, for a file at `rel` below it; *root
 * (when root is not NULL) gets the tree's root, malloc'd. */
static enum dt_profile root_at(const char *dir, const char *rel, struct strbuf *why,
			       char **root)
{
	enum dt_profile p = root_of(dir, rel, why, root);
	if (p != DT_PROFILE_NONE && root && !*root)
		*root = xstrdup(dir);
	return p;
}

static enum dt_profile root_of(const char *dir, const char *rel, struct strbuf *why,
			       char **root)
{
	const char *arch, *m;
	int archlen;
	if (in_kernel_dts(rel, &arch, &archlen) && has_dir(dir, "arch")) {
		if (why)
			sb_printf(why, "kernel tree at %s (arch/%.*s/boot/dts)", dir, archlen, arch);
		return DT_PROFILE_KERNEL;
	}
	if ((m = uboot_marker(dir)) != NULL) {
		if (why)
			sb_printf(why, "U-Boot tree at %s (%s)", dir, m);
		return DT_PROFILE_UBOOT;
	}
	if (starts_with_dir(rel, "src") && has_dir(dir, "src") && has_dir(dir, "include")) {
		/* U-Boot carries the split layout as dts/upstream and builds
		 * it its own way */
		if (!strcmp(base_name(dir), "upstream")) {
			char *up = xstrdup(dir);
			char *s = strrchr(up, '/');
			if (s && s > up) {
				*s = '\0';
				char *s2 = strrchr(up, '/');
				if (!strcmp(base_name(up), "dts") && s2 && s2 > up) {
					*s2 = '\0';
					if ((m = uboot_marker(up)) != NULL) {
						if (why)
							sb_printf(why, "U-Boot tree at %s (%s), its dts/upstream", up, m);
						if (root)
							*root = up;
						else
							free(up);
						return DT_PROFILE_UBOOT;
					}
				}
			}
			free(up);
		}
		if (why)
			sb_printf(why, "split devicetree layout at %s (src/, include/)", dir);
		return DT_PROFILE_KERNEL;
	}
	if ((m = tfa_marker(dir)) != NULL) {
		if (why)
			sb_printf(why, "TF-A tree at %s (fdts/, %s/)", dir, m);
		return DT_PROFILE_TFA;
	}
	if (has_dir(dir, "include/dt-bindings/zmk")) {
		if (why)
			sb_printf(why, "ZMK application at %s (include/dt-bindings/zmk)", dir);
		return DT_PROFILE_ZMK;
	}
	if ((m = zephyr_marker(dir)) != NULL) {
		if (why)
			sb_printf(why, "Zephyr tree at %s (%s)", dir, m);
		return DT_PROFILE_ZEPHYR;
	}
	return DT_PROFILE_NONE;
}

enum dt_profile dt_profile_detect(const char *path, struct strbuf *why)
{
	return dt_profile_locate(path, why, NULL);
}

enum dt_profile dt_profile_locate(const char *path, struct strbuf *why, char **root)
{
	if (root)
		*root = NULL;
	char *dir = abs_dir(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	/* rel: the file's path below the directory being tried */
	struct strbuf rel = {0};
	sb_puts(&rel, base);
	enum dt_profile p = DT_PROFILE_NONE;
	for (;;) {
		p = root_at(dir, sb_cstr(&rel), why, root);
		if (p != DT_PROFILE_NONE)
			break;
		char *s = strrchr(dir, '/');
		if (!s || s == dir)
			break;
		struct strbuf r = {0};
		sb_printf(&r, "%s/%s", s + 1, sb_cstr(&rel));
		sb_free(&rel);
		rel = r;
		*s = '\0';
	}
	if (p == DT_PROFILE_NONE) {
		if (ends_with(base, ".keymap"))
			p = DT_PROFILE_ZMK;
		else if (ends_with(base, ".overlay"))
			p = DT_PROFILE_ZEPHYR;
		if (p != DT_PROFILE_NONE && why)
			sb_printf(why, "no known tree around it; a .%s file is %s's",
				  p == DT_PROFILE_ZMK ? "keymap" : "overlay",
				  p == DT_PROFILE_ZMK ? "ZMK" : "Zephyr");
		else if (why)
			sb_puts(why, "no kernel, U-Boot, Zephyr, ZMK or TF-A tree around it");
	}
	sb_free(&rel);
	free(dir);
	return p;
}
