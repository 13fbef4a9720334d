/* Each build's formatting style, as a table: the profile of a file gives
 * the defaults, and the configuration and the command line then change
 * options one by one (indent, line width, ...).
 *
 *   kernel, u-boot, tf-a, none: the kernel's DTS coding style (tabs);
 *   zephyr: dts-linter's canonical format, what Zephyr's CI checks;
 *   zmk: four spaces, as ZMK's tree is written, keymap grids aligned, and
 *        a trailing comment left where it is (the column headings of a
 *        physical layout's table sit over its columns). */
#include "format.h"

struct profile_style {
	int indent;		/* 0: tabs */
	int grid;		/* enum fmt_grid */
	int style;		/* enum fmt_style */
};

static const struct profile_style styles[DT_PROFILE_COUNT] = {
	[DT_PROFILE_NONE] = {0, FMT_GRID_ALIGN, FMT_STYLE_KERNEL},
	[DT_PROFILE_KERNEL] = {0, FMT_GRID_ALIGN, FMT_STYLE_KERNEL},
	[DT_PROFILE_UBOOT] = {0, FMT_GRID_ALIGN, FMT_STYLE_KERNEL},
	[DT_PROFILE_TFA] = {0, FMT_GRID_ALIGN, FMT_STYLE_KERNEL},
	[DT_PROFILE_ZEPHYR] = {0, FMT_GRID_SINGLE, FMT_STYLE_DTS_LINTER},
	[DT_PROFILE_ZMK] = {4, FMT_GRID_ALIGN, FMT_STYLE_ZMK},
};

void fmt_options_for_profile(struct fmt_options *o, enum dt_profile p)
{
	fmt_options_default(o);
	if ((unsigned)p >= DT_PROFILE_COUNT)
		return;
	o->indent = styles[p].indent;
	o->grid = styles[p].grid;
	o->style = styles[p].style;
}
