/* Build profiles: which build compiles a devicetree file, and so how it
 * reads it. The Linux kernel, U-Boot, Zephyr, ZMK and TF-A each run cpp
 * and dtc (or Zephyr's dtlib) with their own include directories, defines
 * and grammar leniencies, and keep their own formatting style.
 *
 *     enum dt_profile p;
 *     if (dt_profile_from_name("u-boot", &p) < 0) ...   // --profile, profile:
 *     struct strbuf why = {0};
 *     p = dt_profile_detect("arch/arm/dts/board.dts", &why);   // from the tree
 *     printf("%s: %s\n", dt_profile_name(p), sb_cstr(&why));
 *
 * Detection looks only at the file system around the file (which
 * directories and marker files its ancestors hold), never at the file's
 * text, so every file of one tree gets the same answer. */
#ifndef DTIDY_PROFILE_H
#define DTIDY_PROFILE_H

#include "strbuf.h"

enum dt_profile {
	DT_PROFILE_NONE = 0,	/* no known build: plain cpp + dtc */
	DT_PROFILE_KERNEL,
	DT_PROFILE_UBOOT,
	DT_PROFILE_ZEPHYR,
	DT_PROFILE_ZMK,
	DT_PROFILE_TFA,
};
#define DT_PROFILE_COUNT (DT_PROFILE_TFA + 1)

/* "kernel", "u-boot", "zephyr", "zmk", "tf-a" ("none" for NONE). */
const char *dt_profile_name(enum dt_profile p);
/* The profile named `name` (as dt_profile_name spells it); 0, or -1 when
 * there is no such profile. "none" is not accepted: it is no build. */
int dt_profile_from_name(const char *name, enum dt_profile *out);
/* The names a user may give, for messages: "kernel, u-boot, zephyr, zmk, tf-a". */
const char *dt_profile_names(void);

/* The profile of the build that compiles the file at `path`, detected from
 * the tree around it (the file need not exist; its directory should). When
 * `why` is not NULL, one line saying what was found where is appended to it
 * ("U-Boot tree at /src/u-boot (tools/binman)"), for -v. */
enum dt_profile dt_profile_detect(const char *path, struct strbuf *why);
/* The same, and the root of the tree found (the directory holding
 * arch/ for the kernel and U-Boot, src/ for the split layout, fdts/ for
 * TF-A, ZMK's app/, the Zephyr directory whose marker was found) in *root,
 * malloc'd, or NULL when the extension alone decided. */
enum dt_profile dt_profile_locate(const char *path, struct strbuf *why, char **root);

#endif
