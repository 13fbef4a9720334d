/* Each profile's include directories and defines, found from the tree
 * around the file (see setup.h). */
#include "setup.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/xalloc.h"
#include "model.h"

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* "dir/sub" exists as a directory (or a file, with want_file). */
static int has(const char *dir, const char *sub, int want_file)
{
	char buf[PATH_MAX];
	int n = snprintf(buf, sizeof(buf), "%s/%s", dir, sub);
	if (n <= 0 || (size_t)n >= sizeof(buf))
		return 0;
	return want_file ? is_file(buf) : is_dir(buf);
}

/* Is a the same directory as b (spelt differently: relative, links)? */
static int same_dir(const char *a, const char *b)
{
	if (!strcmp(a, b))
		return 1;
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static void add(struct model_setup *s, const char *dir)
{
	for (size_t i = 0; i < s->nincdirs; i++)
		if (same_dir(s->incdirs[i], dir))
			return;
	s->incdirs = xrealloc(s->incdirs, (s->nincdirs + 1) * sizeof(*s->incdirs));
	s->incdirs[s->nincdirs++] = xstrdup(dir);
}

/* Adds base/sub when it is a directory. */
static void add_sub(struct model_setup *s, const char *base, const char *sub)
{
	char buf[PATH_MAX];
	int n = snprintf(buf, sizeof(buf), "%s/%s", base, sub);
	if (n > 0 && (size_t)n < sizeof(buf) && is_dir(buf))
		add(s, buf);
}

/* The file's directory as the user wrote it ("." for none). */
static void add_own_dir(struct model_setup *s, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		add(s, ".");
		return;
	}
	char *d = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	add(s, d);
	free(d);
}

/* The absolute directory of the file, or NULL. */
static char *real_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char *r = realpath(d, NULL);
	free(d);
	return r;
}

/* dir's path below root ("" for root itself), or NULL when it is not below. */
static const char *below(const char *dir, const char *root)
{
	size_t n = strlen(root);
	if (strncmp(dir, root, n) != 0)
		return NULL;
	if (dir[n] == '\0')
		return "";
	return dir[n] == '/' ? dir + n + 1 : NULL;
}

/* The first component of rel after `prefix/` ("arm" for "arch/arm/dts/x"). */
static char *component_after(const char *rel, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(rel, prefix, n) != 0 || rel[n] != '/')
		return NULL;
	const char *a = rel + n + 1, *e = strchr(a, '/');
	size_t len = e ? (size_t)(e - a) : strlen(a);
	return len ? xstrndup(a, len) : NULL;
}

/* ---- U-Boot ---- */

static void uboot(struct model_setup *s, const char *path, const char *root, const char *dir)
{
	const char *rel = dir ? below(dir, root) : NULL;
	char *arch = rel ? component_after(rel, "arch") : NULL;
	char *up = rel ? component_after(rel, "dts/upstream/src") : NULL;
	if (!arch && up) {
		/* the upstream arm64 boards are built by U-Boot's arm */
		const char *a = !strcmp(up, "arm64") ? "arm" : up;
		char buf[PATH_MAX];
		snprintf(buf, sizeof(buf), "arch/%s", a);
		if (has(root, buf, 0))
			arch = xstrdup(a);
	}
	if (!arch && has(root, "arch/sandbox", 0))
		arch = xstrdup("sandbox");	/* tests and binman's trees */
	char sub[PATH_MAX];
	/* UBOOTINCLUDE first: include, arch/<arch>/include */
	add_sub(s, root, "include");
	if (arch) {
		snprintf(sub, sizeof(sub), "arch/%s/include", arch);
		add_sub(s, root, sub);
	}
	add_own_dir(s, path);
	if (up) {
		snprintf(sub, sizeof(sub), "dts/upstream/src/%s", up);
		add_sub(s, root, sub);
	}
	if (arch) {
		snprintf(sub, sizeof(sub), "arch/%s/dts", arch);
		add_sub(s, root, sub);
		snprintf(sub, sizeof(sub), "arch/%s/dts/include", arch);
		add_sub(s, root, sub);
	}
	add_sub(s, root, "dts/upstream/include");
	sb_printf(&s->how, "U-Boot's build: include, arch/%s/include, the file's directory, "
		  "%sarch/%s/dts, dts/upstream/include", arch ? arch : "<arch>",
		  up ? "dts/upstream/src/<arch>, " : "", arch ? arch : "<arch>");
	free(arch);
	free(up);
}

/* ---- Zephyr and ZMK ---- */

/* Zephyr's architectures, for dts/<arch> (the build adds its board's). */
static const char *const zephyr_arches[] = {
	"arc", "arm", "arm64", "mips", "nios2", "openrisc", "posix",
	"riscv", "rx", "sparc", "x86", "xtensa",
};

/* What Zephyr's pre_dt.cmake adds for one DTS root. */
static void dts_root(struct model_setup *s, const char *root)
{
	add_sub(s, root, "include");
	add_sub(s, root, "include/zephyr");
	add_sub(s, root, "dts/common");
	char sub[64];
	for (size_t i = 0; i < sizeof(zephyr_arches) / sizeof(zephyr_arches[0]); i++) {
		snprintf(sub, sizeof(sub), "dts/%s", zephyr_arches[i]);
		add_sub(s, root, sub);
	}
	add_sub(s, root, "dts");
}

static int is_zephyr_base(const char *d)
{
	return has(d, "dts/common", 0) && has(d, "include/zephyr", 0);
}

/* Zephyr's own tree: the one the file is in, else $ZEPHYR_BASE, else the
 * zephyr/ of a west workspace above the file. Malloc'd or NULL. */
static char *zephyr_base(const char *dir)
{
	char *d = dir ? xstrdup(dir) : NULL;
	while (d) {
		if (is_zephyr_base(d))
			return d;
		char *p = strrchr(d, '/');
		if (!p || p == d)
			break;
		*p = '\0';
	}
	free(d);
	const char *env = getenv("ZEPHYR_BASE");
	if (env && *env && is_zephyr_base(env))
		return xstrdup(env);
	d = dir ? xstrdup(dir) : NULL;
	while (d) {
		if (has(d, "zephyr/dts/common", 0)) {
			size_t n = strlen(d) + 8;
			char *z = xmalloc(n);
			snprintf(z, n, "%s/zephyr", d);
			free(d);
			return z;
		}
		char *p = strrchr(d, '/');
		if (!p || p == d)
			break;
		*p = '\0';
	}
	free(d);
	return NULL;
}

/* The nearest ancestor of dir (dir included, at most `depth` up) that
 * satisfies ok; malloc'd or NULL. */
static char *nearest(const char *dir, int depth, int (*ok)(const char *))
{
	if (!dir)
		return NULL;
	char *d = xstrdup(dir);
	for (int i = 0; i <= depth; i++) {
		if (ok(d))
			return d;
		char *p = strrchr(d, '/');
		if (!p || p == d)
			break;
		*p = '\0';
	}
	free(d);
	return NULL;
}

/* An application (or test) directory: CMakeLists.txt with its config. */
static int is_app(const char *d)
{
	return has(d, "CMakeLists.txt", 1) &&
	       (has(d, "prj.conf", 1) || has(d, "testcase.yaml", 1) || has(d, "sample.yaml", 1));
}

static int is_board_dir(const char *d)
{
	return has(d, "board.yml", 1);
}

static void zephyr(struct model_setup *s, const char *path, const char *root, const char *dir,
		   int zmk)
{
	add_own_dir(s, path);
	if (zmk && root) {
		/* ZMK's app/ is its application: a DTS root, with its module */
		dts_root(s, root);
		char mod[PATH_MAX];
		snprintf(mod, sizeof(mod), "%s/module", root);
		if (is_dir(mod))
			dts_root(s, mod);
	}
	char *app = zmk ? NULL : nearest(dir, 6, is_app);
	if (app)
		dts_root(s, app);
	char *board = nearest(dir, 2, is_board_dir);
	if (board)
		dts_root(s, board);
	char *base = zephyr_base(dir);
	if (!base && !zmk && root && (has(root, "dts", 0) || has(root, "include", 0)))
		base = xstrdup(root);	/* a part of Zephyr's tree, or a module */
	if (base)
		dts_root(s, base);
	sb_printf(&s->how, "%s's build: include, include/zephyr, dts/common, dts/<arch> and dts of "
		  "each DTS root:", zmk ? "ZMK" : "Zephyr");
	if (zmk && root)
		sb_printf(&s->how, " ZMK's app at %s,", root);
	if (app)
		sb_printf(&s->how, " the application at %s,", app);
	if (board)
		sb_printf(&s->how, " the board at %s,", board);
	if (base)
		sb_printf(&s->how, " Zephyr%s at %s", is_zephyr_base(base) ? "" : "'s tree", base);
	else
		sb_puts(&s->how, " no Zephyr tree found (set ZEPHYR_BASE)");
	free(app);
	free(board);
	free(base);
}

/* ---- TF-A ---- */

static void tfa(struct model_setup *s, const char *path, const char *root, const char *dir)
{
	add_own_dir(s, path);
	/* the include/ of each plat/ ancestor, nearest first: platform_def.h */
	const char *rel = dir ? below(dir, root) : NULL;
	if (rel && !strncmp(rel, "plat/", 5)) {
		char *d = xstrdup(dir);
		size_t stop = strlen(root) + 5;	/* ".../plat" */
		while (strlen(d) > stop) {
			add_sub(s, d, "include");
			char *p = strrchr(d, '/');
			if (!p)
				break;
			*p = '\0';
		}
		free(d);
	}
	add_sub(s, root, "fdts");
	add_sub(s, root, "include");
	sb_puts(&s->how, "TF-A's build: the file's directory, its plat/ include directories, "
			 "fdts, include");
}

/* ---- the others: the kernel and no known build ---- */

static void found(struct model_setup *s, const char *path)
{
	size_t n;
	char **dirs = model_auto_incdirs(path, &n);
	for (size_t i = 0; i < n; i++)
		add(s, dirs[i]);
	model_incdirs_free(dirs, n);
}

void model_setup_find(enum dt_profile p, const char *path, struct model_setup *s)
{
	memset(s, 0, sizeof(*s));
	s->profile = p;
	const char *why;
	s->defines = model_profile_defines(p, &s->ndefines, &why);
	sb_puts(&s->defines_why, why);
	char *root = NULL;
	enum dt_profile at = dt_profile_locate(path, NULL, &root);
	/* a profile given for a file in another kind of tree has no root of
	 * its own there */
	if (at != p) {
		free(root);
		root = NULL;
	}
	char *dir = real_dir(path);
	switch (p) {
	case DT_PROFILE_UBOOT:
		if (root) {
			uboot(s, path, root, dir);
			break;
		}
		found(s, path);
		sb_puts(&s->how, "no U-Boot tree around the file: its directory and the nearest "
				 "include/");
		break;
	case DT_PROFILE_ZEPHYR:
	case DT_PROFILE_ZMK:
		zephyr(s, path, root, dir, p == DT_PROFILE_ZMK);
		break;
	case DT_PROFILE_TFA:
		if (root) {
			tfa(s, path, root, dir);
			break;
		}
		found(s, path);
		sb_puts(&s->how, "no TF-A tree around the file: its directory and the nearest "
				 "include/");
		break;
	case DT_PROFILE_KERNEL:
		found(s, path);
		sb_puts(&s->how, "the kernel's build: the file's directory, then arch/<arch>/boot/dts, "
				 "scripts/dtc/include-prefixes and include, or in the split layout "
				 "src/<arch>, src and include");
		break;
	default:
		found(s, path);
		sb_puts(&s->how, "the file's directory and the nearest include/ (and a dts/ beside it)");
		break;
	}
	free(dir);
	free(root);
}

void model_setup_free(struct model_setup *s)
{
	model_incdirs_free(s->incdirs, s->nincdirs);
	sb_free(&s->how);
	sb_free(&s->defines_why);
	memset(s, 0, sizeof(*s));
}

const char *const *model_profile_defines(enum dt_profile p, size_t *n, const char **why)
{
	static const char *const uboot_defs[] = {"__ASSEMBLY__"};
	if (p == DT_PROFILE_UBOOT) {
		*n = 1;
		*why = "U-Boot's build passes -D__ASSEMBLY__, which hides the C declarations of "
		       "the headers it includes";
		return uboot_defs;
	}
	*n = 0;
	*why = p == DT_PROFILE_NONE ? "no known build" : "its build adds none to cpp's own";
	return NULL;
}
