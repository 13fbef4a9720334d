/* Build profiles: names, and detection from small trees made on the fly
 * in the layouts of each build (only the directories and marker files
 * that detection looks at). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "dt_testutil.h"
#include "rules/engine.h"

static char root[] = "/tmp/dtidy-profile-XXXXXX";

static void setup(void)
{
	cr_assert(mkdtemp(root));
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_expect(system(cmd) == 0);
}

static void put(const char *rel)
{
	cr_assert(write_tree_file(root, rel, "") == 0, "cannot write %s/%s", root, rel);
}

/* The profile detected for root/rel, and the reason given for it. */
static const char *detect(const char *rel, char *why, size_t cap)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	struct strbuf b = {0};
	enum dt_profile p = dt_profile_detect(path, &b);
	snprintf(why, cap, "%s", sb_cstr(&b));
	sb_free(&b);
	return dt_profile_name(p);
}

#define EXPECT_PROFILE(rel, want, why_part)                                          \
	do {                                                                          \
		char why_[1024];                                                      \
		const char *got_ = detect(rel, why_, sizeof(why_));                   \
		cr_expect_str_eq(got_, want, "%s: got %s (%s)", rel, got_, why_);     \
		cr_expect(strstr(why_, why_part) != NULL, "%s: reason '%s' lacks '%s'", rel, \
			  why_, why_part);                                            \
	} while (0)

TestSuite(profile, .init = setup, .fini = teardown);

Test(profile, names_round_trip)
{
	for (int p = DT_PROFILE_KERNEL; p < DT_PROFILE_COUNT; p++) {
		enum dt_profile q;
		cr_expect_eq(dt_profile_from_name(dt_profile_name((enum dt_profile)p), &q), 0);
		cr_expect_eq((int)q, p);
	}
	enum dt_profile q = DT_PROFILE_KERNEL;
	cr_expect_eq(dt_profile_from_name("none", &q), -1);
	cr_expect_eq(dt_profile_from_name("uboot", &q), -1);
	cr_expect_eq(dt_profile_from_name("", &q), -1);
	cr_expect_eq(q, DT_PROFILE_KERNEL, "a failed lookup leaves *out alone");
	cr_expect_str_eq(dt_profile_name(DT_PROFILE_UBOOT), "u-boot");
	cr_expect_str_eq(dt_profile_name(DT_PROFILE_TFA), "tf-a");
}

Test(profile, kernel_tree)
{
	put("linux/arch/arm64/boot/dts/vendor/board.dts");
	put("linux/scripts/dtc/include-prefixes/dt-bindings/x.h");
	EXPECT_PROFILE("linux/arch/arm64/boot/dts/vendor/board.dts", "kernel",
		       "arch/arm64/boot/dts");
	/* a file of the tree that is not under arch/<arch>/boot/dts is no
	 * devicetree the kernel builds */
	put("linux/Documentation/x.dts");
	EXPECT_PROFILE("linux/Documentation/x.dts", "none", "no kernel");
}

Test(profile, split_layout)
{
	put("dt/src/arm/vendor/board.dts");
	put("dt/include/dt-bindings/x.h");
	EXPECT_PROFILE("dt/src/arm/vendor/board.dts", "kernel", "split devicetree layout");
	/* the same layout inside U-Boot is U-Boot's */
	put("u-boot/arch/arm/dts/board.dts");
	put("u-boot/tools/binman/binman.py");
	put("u-boot/dts/upstream/src/arm64/vendor/board.dts");
	put("u-boot/dts/upstream/include/dt-bindings/x.h");
	EXPECT_PROFILE("u-boot/dts/upstream/src/arm64/vendor/board.dts", "u-boot",
		       "dts/upstream");
}

Test(profile, uboot_tree)
{
	put("u-boot/arch/arm/dts/board.dts");
	put("u-boot/include/configs/board.h");
	EXPECT_PROFILE("u-boot/arch/arm/dts/board.dts", "u-boot", "include/configs");
	put("u-boot/test/boot/files/expo.dts");
	EXPECT_PROFILE("u-boot/test/boot/files/expo.dts", "u-boot", "U-Boot tree");
}

Test(profile, tfa_tree)
{
	put("tf-a/fdts/fvp.dts");
	put("tf-a/plat/arm/board/fvp/fdts/fvp_fw_config.dts");
	put("tf-a/include/lib/x.h");
	EXPECT_PROFILE("tf-a/fdts/fvp.dts", "tf-a", "TF-A tree");
	EXPECT_PROFILE("tf-a/plat/arm/board/fvp/fdts/fvp_fw_config.dts", "tf-a", "plat/");
}

Test(profile, zmk_app)
{
	/* ZMK's app/ is a Zephyr application (it has a west.yml): ZMK wins */
	put("zmk/app/west.yml");
	put("zmk/app/include/dt-bindings/zmk/keys.h");
	put("zmk/app/dts/behaviors.dtsi");
	put("zmk/app/boards/shields/kb/kb.keymap");
	EXPECT_PROFILE("zmk/app/boards/shields/kb/kb.keymap", "zmk", "ZMK application");
	EXPECT_PROFILE("zmk/app/dts/behaviors.dtsi", "zmk", "ZMK application");
}

Test(profile, zephyr_markers)
{
	put("zephyr/west.yml");
	put("zephyr/boards/vendor/board/board.dts");
	EXPECT_PROFILE("zephyr/boards/vendor/board/board.dts", "zephyr", "west.yml");

	put("module/zephyr/module.yml");
	put("module/dts/arm/soc.dtsi");
	EXPECT_PROFILE("module/dts/arm/soc.dtsi", "zephyr", "zephyr/module.yml");

	put("hw/boards/acme/b1/board.yml");
	put("hw/boards/acme/b1/b1.dts");
	EXPECT_PROFILE("hw/boards/acme/b1/b1.dts", "zephyr", "board.yml");

	/* a board.yml outside boards/ says nothing */
	put("other/board.yml");
	put("other/x.dts");
	EXPECT_PROFILE("other/x.dts", "none", "no kernel");

	/* Zephyr's layout without its top-level files (a partial copy) */
	put("zcopy/boards/qemu/x86/x86.dts");
	put("zcopy/dts/x86/intel/atom.dtsi");
	EXPECT_PROFILE("zcopy/boards/qemu/x86/x86.dts", "zephyr", "(dts)");
}

Test(profile, extension_when_nothing_else)
{
	put("loose/app.overlay");
	put("loose/kb.keymap");
	put("loose/board.dts");
	EXPECT_PROFILE("loose/app.overlay", "zephyr", ".overlay");
	EXPECT_PROFILE("loose/kb.keymap", "zmk", ".keymap");
	EXPECT_PROFILE("loose/board.dts", "none", "no kernel");
}

/* The nearest root decides: a Zephyr module kept inside a kernel-like
 * checkout is read as Zephyr's. */
Test(profile, nearest_root_wins)
{
	put("dt/src/arm/board.dts");
	put("dt/include/x.h");
	put("dt/src/arm/zmod/zephyr/module.yml");
	put("dt/src/arm/zmod/dts/soc.dtsi");
	EXPECT_PROFILE("dt/src/arm/zmod/dts/soc.dtsi", "zephyr", "module.yml");
	EXPECT_PROFILE("dt/src/arm/board.dts", "kernel", "split");
}

/* A path to a file that does not exist yet (an editor's new buffer) is
 * detected from its directory. */
Test(profile, missing_file)
{
	put("tf-a/fdts/a.dts");
	put("tf-a/bl31/x.c");
	EXPECT_PROFILE("tf-a/fdts/new.dts", "tf-a", "bl31/");
}

/* --profile, then the configuration's profile:, then detection. */
Test(profile, engine_precedence)
{
	put("tf-a/fdts/a.dts");
	put("tf-a/plat/x.c");
	char path[1024], cfg[1024];
	snprintf(path, sizeof(path), "%s/tf-a/fdts/a.dts", root);
	struct engine_opts eo = {.level = -1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert(e);
	struct strbuf why = {0};
	cr_expect_eq(engine_profile_for(e, path, &why), DT_PROFILE_TFA);
	cr_expect(strstr(sb_cstr(&why), "TF-A tree"), "%s", sb_cstr(&why));
	engine_free(e);

	snprintf(cfg, sizeof(cfg), "%s/tf-a/.dtidy.yaml", root);
	cr_assert(write_tree_file(root, "tf-a/.dtidy.yaml", "profile: zephyr\n") == 0);
	e = engine_new(&eo, &errs);
	sb_free(&why);
	cr_expect_eq(engine_profile_for(e, path, &why), DT_PROFILE_ZEPHYR);
	cr_expect(strstr(sb_cstr(&why), cfg), "%s", sb_cstr(&why));
	engine_free(e);

	eo.profile_given = 1;
	eo.profile = DT_PROFILE_UBOOT;
	e = engine_new(&eo, &errs);
	sb_free(&why);
	cr_expect_eq(engine_profile_for(e, path, &why), DT_PROFILE_UBOOT);
	cr_expect(strstr(sb_cstr(&why), "--profile"), "%s", sb_cstr(&why));
	engine_free(e);
	sb_free(&why);
	cr_expect_eq(errs.n, 0);
	diag_list_free(&errs);
}

Test(profile, config_rejects_unknown_profile)
{
	cr_assert(write_tree_file(root, "bad/.dtidy.yaml", "profile: linux\n") == 0);
	char cfg[1024];
	snprintf(cfg, sizeof(cfg), "%s/bad/.dtidy.yaml", root);
	struct engine_opts eo = {.level = -1, .config = cfg};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_expect_null(e);
	cr_assert_eq(errs.n, 1);
	cr_expect(strstr(errs.v[0].message, "'profile' must be one of kernel, u-boot"),
		  "%s", errs.v[0].message);
	cr_expect_eq(errs.v[0].line, 1);
	diag_list_free(&errs);
}
