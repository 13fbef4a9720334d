/* Make dependency rules: escaping that GNU make reads back as the same
 * names, one rule per input or one named by -MT, -MP phony rules. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "integrations/kbuild/depfile.h"

static char *escaped(const char *path)
{
	struct strbuf b = {0};
	depfile_escape(&b, path);
	char *s = strdup(sb_cstr(&b));
	sb_free(&b);
	return s;
}

#define EXPECT_ESC(in, want)                                                     \
	do {                                                                     \
		char *got_ = escaped(in);                                        \
		cr_expect_str_eq(got_, want, "escape(%s)", in);                  \
		free(got_);                                                      \
	} while (0)

Test(depfile, escapes_what_make_would_split_or_expand)
{
	EXPECT_ESC("arch/arm64/boot/dts/a.dts", "arch/arm64/boot/dts/a.dts");
	EXPECT_ESC("my board.dts", "my\\ board.dts");
	EXPECT_ESC("tab\there", "tab\\\there");
	EXPECT_ESC("cost$1.dtsi", "cost$$1.dtsi");
	EXPECT_ESC("no#comment.h", "no\\#comment.h");
	/* a backslash before an escaped space is doubled, elsewhere kept */
	EXPECT_ESC("a\\ b", "a\\\\\\ b");
	EXPECT_ESC("a\\b", "a\\b");
}

Test(depfile, default_names)
{
	char *d = depfile_default_name("arch/arm64/boot/dts/vendor/board.dts");
	cr_expect_str_eq(d, "board.d");
	free(d);
	d = depfile_default_name("overlay.dtso");
	cr_expect_str_eq(d, "overlay.d");
	free(d);
}

Test(depfile, one_rule_per_input_without_target)
{
	const char *ra[] = {"a.dts", "common.dtsi", "include/x.h"};
	const char *rb[] = {"b.dts", "common.dtsi"};
	struct dep_input in[] = {{"a.dts", ra, 3}, {"b.dts", rb, 2}};
	struct dep_request req = {.inputs = in, .ninputs = 2};
	struct strbuf b = {0};
	const char *bad = NULL;
	cr_assert_eq(depfile_render(&b, &req, &bad), 0);
	cr_expect_str_eq(sb_cstr(&b), "a.dtb: a.dts \\\n common.dtsi \\\n include/x.h\n"
				      "b.dtb: b.dts \\\n common.dtsi\n");
	sb_free(&b);
}

Test(depfile, target_and_phony_name_each_file_once)
{
	const char *ra[] = {"a.dts", "common.dtsi", "sp ace.h", "common.dtsi"};
	const char *rb[] = {"b.dts", "common.dtsi", "a.dts"};
	struct dep_input in[] = {{"a.dts", ra, 4}, {"b.dts", rb, 3}};
	struct dep_request req = {.target = "out/lint stamp", .phony = 1, .inputs = in,
				  .ninputs = 2};
	struct strbuf b = {0};
	const char *bad = NULL;
	cr_assert_eq(depfile_render(&b, &req, &bad), 0);
	/* the inputs get no phony rule, as with gcc -MP */
	cr_expect_str_eq(sb_cstr(&b), "out/lint\\ stamp: a.dts \\\n common.dtsi \\\n sp\\ ace.h \\\n b.dts\n"
				      "\ncommon.dtsi:\n\nsp\\ ace.h:\n");
	sb_free(&b);
}

Test(depfile, refuses_a_newline_in_a_name)
{
	const char *ra[] = {"a.dts", "bad\nname.dtsi"};
	struct dep_input in[] = {{"a.dts", ra, 2}};
	struct dep_request req = {.inputs = in, .ninputs = 1};
	struct strbuf b = {0};
	const char *bad = NULL;
	cr_expect_eq(depfile_render(&b, &req, &bad), -1);
	cr_expect_str_eq(bad, "bad\nname.dtsi");
	sb_free(&b);
}
