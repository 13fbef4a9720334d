/* Structural findings where files meet. (Every rule's bad and good tree
 * is in rule_cases.c, run by test_rule_coverage.c.) */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rules/engine.h"

/* A finding in a node defined in a .dtsi and changed by &label { } in the
 * board points at the line that is wrong: the override's property. */
Test(structural, override_points_at_the_override)
{
	char dir[] = "/tmp/dtidy-structural-XXXXXX";
	cr_assert(mkdtemp(dir));
	char dtsi[128], dts[128];
	snprintf(dtsi, sizeof(dtsi), "%s/soc.dtsi", dir);
	snprintf(dts, sizeof(dts), "%s/board.dts", dir);
	FILE *f = fopen(dtsi, "w");
	fputs("/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\tu: uart@1000 {\n\t\treg = <0x1000 0x100>;\n\t};\n};\n", f);
	fclose(f);
	f = fopen(dts, "w");
	fputs("/dts-v1/;\n#include \"soc.dtsi\"\n\n&u {\n\treg = <0x1000>;\n};\n", f);
	fclose(f);
	struct engine_opts eo = {.level = 0, .no_auto_include = 1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	struct engine_input in = {.path = dts};
	struct engine_result res;
	engine_check(e, &in, &res);
	int found = 0;
	for (size_t i = 0; i < res.diags.n; i++)
		if (!strcmp(res.diags.v[i].rule, "reg-format")) {
			found = 1;
			cr_expect(strstr(res.diags.v[i].file, "board.dts") != NULL, "reported in %s",
				  res.diags.v[i].file);
			cr_expect_eq(res.diags.v[i].line, 5);
			cr_expect(res.diags.v[i].rel_file && strstr(res.diags.v[i].rel_file, "soc.dtsi"));
		}
	cr_expect(found, "reg-format not reported");
	engine_result_free(&res);
	engine_free(e);
	unlink(dtsi);
	unlink(dts);
	rmdir(dir);
}
