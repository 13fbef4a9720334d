/* How the build of a profile preprocesses a file: the include directories
 * it passes to cpp (found from the tree around the file) and the macros it
 * defines. model_build uses it when no -I is given; `dtidy check -v` says
 * what it chose and why.
 *
 *     struct model_setup s;
 *     model_setup_find(DT_PROFILE_UBOOT, "u-boot/arch/arm/dts/x.dts", &s);
 *     ... s.incdirs, s.defines, sb_cstr(&s.how) ...
 *     model_setup_free(&s);
 *
 * Each profile, as its build does it:
 *   kernel  the file's directory, arch/<arch>/boot/dts,
 *           scripts/dtc/include-prefixes, include; in the split layout
 *           (devicetree-rebasing, BeagleBoard) src/<arch>, src, include
 *   u-boot  include, arch/<arch>/include (asm/arch-*), the file's
 *           directory, arch/<arch>/dts, arch/<arch>/dts/include,
 *           dts/upstream/include (and dts/upstream/src/<arch> for its copy
 *           of the split layout); -D__ASSEMBLY__
 *   zephyr  for each DTS root (the application, the board directory,
 *           Zephyr itself: the tree, else $ZEPHYR_BASE, else a west
 *           workspace's zephyr/): include, include/zephyr, dts/common,
 *           dts/<arch>, dts
 *   zmk     the same, with ZMK's app/ (and app/module) as DTS roots
 *   tf-a    the file's directory, the include/ directories of its plat/
 *           ancestors, fdts, include
 *   none    the file's directory and the nearest enclosing include/ (and
 *           a sibling dts/)
 */
#ifndef DTIDY_MODEL_SETUP_H
#define DTIDY_MODEL_SETUP_H

#include <stddef.h>

#include "../../core/profile.h"
#include "../../core/strbuf.h"

struct model_setup {
	enum dt_profile profile;
	char **incdirs;			/* malloc'd, in search order */
	size_t nincdirs;
	const char *const *defines;	/* the profile's -D, static */
	size_t ndefines;
	struct strbuf how;		/* where the include directories came from */
	struct strbuf defines_why;	/* why the profile defines what it does */
};

void model_setup_find(enum dt_profile p, const char *path, struct model_setup *s);
void model_setup_free(struct model_setup *s);

/* The macros the profile's build defines ("NAME" or "NAME=VALUE"), and
 * one phrase saying why (for -v). */
const char *const *model_profile_defines(enum dt_profile p, size_t *n, const char **why);

#endif
