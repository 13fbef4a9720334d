/* Hunk headers of `git diff -U0` become the changed lines of the new file. */
#include <criterion/criterion.h>
#include <string.h>

#include "integrations/git/diffbase.h"

static const char diff[] =
	"diff --git a/b.dts b/b.dts\n"
	"index 1111111..2222222 100644\n"
	"--- a/b.dts\n"
	"+++ b/b.dts\n"
	"@@ -3 +3 @@ / {\n"
	"-\ta = <1>;\n"
	"+\ta = <2>;\n"
	"@@ -10,0 +11,3 @@ node {\n"
	"+@@ -99 +99 @@ this body line is no header\n"
	"+x\n"
	"+y\n"
	"@@ -20,4 +23,0 @@\n"
	"-gone\n"
	"@@ -40,2 +40,2 @@";	/* no final newline */

Test(diffbase, parses_new_side_ranges)
{
	struct changed_lines c = {0};
	diffbase_parse(diff, strlen(diff), &c);
	cr_assert_eq(c.n, 3);
	cr_expect_eq(c.v[0].first, 3);
	cr_expect_eq(c.v[0].last, 3);
	cr_expect_eq(c.v[1].first, 11);
	cr_expect_eq(c.v[1].last, 13);
	/* the pure deletion at +23,0 adds nothing */
	cr_expect_eq(c.v[2].first, 40);
	cr_expect_eq(c.v[2].last, 41);
	changed_lines_free(&c);
}

Test(diffbase, touch_tests_overlap)
{
	struct changed_lines c = {0};
	diffbase_parse(diff, strlen(diff), &c);
	cr_expect(changed_lines_touch(&c, 3, 3));
	cr_expect(!changed_lines_touch(&c, 4, 4));
	cr_expect(!changed_lines_touch(&c, 2, 2));
	cr_expect(changed_lines_touch(&c, 9, 11));
	cr_expect(changed_lines_touch(&c, 13, 0));	/* no end line: just the first */
	cr_expect(!changed_lines_touch(&c, 14, 39));
	cr_expect(!changed_lines_touch(&c, 23, 23));
	changed_lines_free(&c);
	c.whole_file = 1;
	cr_expect(changed_lines_touch(&c, 1234, 1234));
}

Test(diffbase, empty_diff_changes_nothing)
{
	struct changed_lines c = {0};
	diffbase_parse("", 0, &c);
	cr_expect_eq(c.n, 0);
	cr_expect(!changed_lines_touch(&c, 1, 100));
}
