/* Every structural and bindings rule on a bad and a good tree: the bad one
 * must give at least one finding of that rule, the good one none. Trees are
 * real files in a temporary directory, checked through the engine as
 * `dtidy check --level=2` would, with opt-in rules enabled by name. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/engine.h"

struct rcase {
	const char *rule;
	const char *bad;
	const char *good;
};

#define HDR "/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n"
#define END "};\n"

static const struct rcase cases[] = {
	{"duplicate-node-names", HDR "\ta { };\n\ta { };\n" END, HDR "\ta { };\n\tb { };\n" END},
	{"duplicate-property-names", HDR "\tx = <1>;\n\tx = <2>;\n" END,
	 HDR "\tx = <1>;\n" END "/ { x = <2>; };\n"},
	{"node-name-chars", HDR "\ta#b { };\n" END, HDR "\ta-b { };\n" END},
	{"node-name-chars-strict", HDR "\ta_b { };\n" END, HDR "\ta-b { };\n" END},
	{"property-name-chars", HDR "\tx@y;\n" END, HDR "\tx-y;\n" END},
	{"property-name-chars-strict", HDR "\tx_y;\n" END, HDR "\tvendor,#x-y = <1>;\n" END},
	{"node-name-format", HDR "\ta@1@2 { reg = <1 1>; };\n" END, HDR "\ta@1 { reg = <1 1>; };\n" END},
	{"node-name-vs-property-name", HDR "\tleds = <1>;\n\tleds { };\n" END,
	 HDR "\tled-count = <1>;\n\tleds { };\n" END},
	{"name-is-string", HDR "\tn { name = <1>; };\n" END, HDR "\tn { name = \"n\"; };\n" END},
	{"name-properties", HDR "\tn { name = \"m\"; };\n" END, HDR "\tn { name = \"n\"; };\n" END},
	{"duplicate-label", HDR "\tl: a { };\n\tl: b { };\n" END, HDR "\tl: a { };\n\tm: b { };\n" END},
	{"explicit-phandles", HDR "\ta { phandle = <1>; };\n\tb { phandle = <1>; };\n" END,
	 HDR "\ta { phandle = <1>; };\n\tb { phandle = <2>; };\n" END},
	{"phandle-references", HDR "\ta { p = <&nope>; };\n" END, HDR "\tl: a { p = <&l>; };\n" END},
	{"path-references", HDR "\ta { p = &nope; };\n" END, HDR "\tl: a { p = &l; };\n" END},
	{"device-type-is-string", HDR "\ta { device_type = <1>; };\n" END,
	 HDR "\ta { device_type = \"x\"; };\n" END},
	{"model-is-string", HDR "\tmodel = \"a\", \"b\";\n" END, HDR "\tmodel = \"a b\";\n" END},
	{"status-is-string", HDR "\ta { status = <0>; };\n" END, HDR "\ta { status = \"okay\"; };\n" END},
	{"label-is-string", HDR "\ta { label = <1>; };\n" END, HDR "\ta { label = \"x\"; };\n" END},
	{"compatible-is-string-list", HDR "\ta { compatible = <1>; };\n" END,
	 HDR "\ta { compatible = \"v,a\", \"v,b\"; };\n" END},
	{"names-is-string-list", HDR "\ta { clock-names = <1>; };\n" END,
	 HDR "\ta { reg-names = \"a\"; };\n" END},
	{"address-cells-is-cell", HDR "\ta { #address-cells = <1 1>; };\n" END,
	 HDR "\ta { #address-cells = <1>; };\n" END},
	{"size-cells-is-cell", HDR "\ta { #size-cells = /bits/ 8 <1>; };\n" END,
	 HDR "\ta { #size-cells = <1>; };\n" END},
	{"reg-format", HDR "\ta@1 { reg = <1>; };\n" END, HDR "\ta@1 { reg = <1 2>; };\n" END},
	{"ranges-format", HDR "\tb@0 { #address-cells = <1>; #size-cells = <1>; ranges = <0 0>; };\n" END,
	 HDR "\tb@0 { #address-cells = <1>; #size-cells = <1>; ranges = <0 0 1>; };\n" END},
	{"dma-ranges-format", HDR "\tb@0 { #address-cells = <1>; #size-cells = <1>; reg = <0 1>; dma-ranges = <0 0>; };\n" END,
	 HDR "\tb@0 { #address-cells = <1>; #size-cells = <1>; reg = <0 1>; dma-ranges = <0 0 1>; };\n" END},
	{"unit-address-vs-reg", HDR "\ta { reg = <1 1>; };\n" END, HDR "\ta@1 { reg = <1 1>; };\n" END},
	{"unit-address-format", HDR "\ta@0x1 { reg = <1 1>; };\n" END, HDR "\ta@1 { reg = <1 1>; };\n" END},
	{"pci-bridge", HDR "\tbridge@0 { device_type = \"pci\"; reg = <0 1>; };\n" END,
	 HDR "\tpcie@0 { device_type = \"pci\"; reg = <0 1>; #address-cells = <3>; #size-cells = <2>; ranges; };\n" END},
	{"pci-device-reg",
	 HDR "\tpci@0 { device_type = \"pci\"; reg = <0 1>; #address-cells = <3>; #size-cells = <2>; ranges;\n"
	     "\t\tdev@0 { reg = <0x800 0 0 0 0>; };\n\t};\n" END,
	 HDR "\tpci@0 { device_type = \"pci\"; reg = <0 1>; #address-cells = <3>; #size-cells = <2>; ranges;\n"
	     "\t\tdev@1 { reg = <0x800 0 0 0 0>; };\n\t};\n" END},
	{"pci-device-bus-num",
	 HDR "\tpci@0 { device_type = \"pci\"; reg = <0 1>; #address-cells = <3>; #size-cells = <2>; ranges;\n"
	     "\t\tdev@0 { reg = <0x10000 0 0 0 0>; };\n\t};\n" END,
	 HDR "\tpci@0 { device_type = \"pci\"; reg = <0 1>; #address-cells = <3>; #size-cells = <2>; ranges;\n"
	     "\t\tbus-range = <0 1>;\n\t\tdev@0 { reg = <0x10000 0 0 0 0>; };\n\t};\n" END},
	{"simple-bus-reg",
	 HDR "\tsoc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n"
	     "\t\tu@1000 { reg = <0x2000 1>; };\n\t};\n" END,
	 HDR "\tsoc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n"
	     "\t\tu@2000 { reg = <0x2000 1>; };\n\t};\n" END},
	{"i2c-bus-bridge", HDR "\ti2c@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <1>; d@50 { reg = <0x50 1>; }; };\n" END,
	 HDR "\ti2c@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <0>; d@50 { reg = <0x50>; }; };\n" END},
	{"i2c-bus-reg", HDR "\ti2c@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <0>; d@50 { reg = <0x51>; }; };\n" END,
	 HDR "\ti2c@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <0>; d@50 { reg = <0x50>; }; };\n" END},
	{"spi-bus-bridge", HDR "\tspi@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <1>; f@0 { reg = <0 1>; }; };\n" END,
	 HDR "\tspi@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <0>; f@0 { reg = <0>; }; };\n" END},
	{"spi-bus-reg", HDR "\tspi@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <0>; f@1 { reg = <0>; }; };\n" END,
	 HDR "\tspi@0 { reg = <0 1>; #address-cells = <1>; #size-cells = <0>; f@0 { reg = <0>; }; };\n" END},
	{"avoid-default-addr-size", HDR "\tb { c@1 { reg = <0 1 1>; }; };\n" END,
	 HDR "\tb { #address-cells = <1>; #size-cells = <1>; c@1 { reg = <1 1>; }; };\n" END},
	{"avoid-unnecessary-addr-size", HDR "\tb { #address-cells = <1>; #size-cells = <0>; c { }; };\n" END,
	 HDR "\tb { #address-cells = <1>; #size-cells = <0>; c@1 { reg = <1>; }; };\n" END},
	{"unique-unit-address", HDR "\ta@1 { reg = <1 1>; };\n\tb@1 { reg = <1 1>; };\n" END,
	 HDR "\ta@1 { reg = <1 1>; };\n\tb@2 { reg = <2 1>; };\n" END},
	{"unique-unit-address-if-enabled", HDR "\ta@1 { reg = <1 1>; };\n\tb@1 { reg = <1 1>; };\n" END,
	 HDR "\ta@1 { reg = <1 1>; };\n\tb@1 { reg = <1 1>; status = \"disabled\"; };\n" END},
	{"chosen-node-is-root", HDR "\ta { chosen { }; };\n" END, HDR "\tchosen { };\n" END},
	{"chosen-node-bootargs", HDR "\tchosen { bootargs = \"a\", \"b\"; };\n" END,
	 HDR "\tchosen { bootargs = \"a b\"; };\n" END},
	{"chosen-node-stdout-path", HDR "\tchosen { linux,stdout-path = \"/a\"; };\n" END,
	 HDR "\tchosen { stdout-path = \"/a\"; };\n" END},
	{"obsolete-chosen-interrupt-controller", HDR "\tchosen { interrupt-controller = <1>; };\n" END,
	 HDR "\tchosen { };\n" END},
	{"alias-paths", HDR "\taliases { s_0 = \"/nope\"; };\n" END, HDR "\taliases { s0 = &l; };\n\tl: a { };\n" END},
	{"gpios-property", HDR "\tg: g { gpio-controller; #gpio-cells = <2>; };\n\tu { x-gpios = <&g 1>; };\n" END,
	 HDR "\tg: g { gpio-controller; #gpio-cells = <2>; };\n\tu { x-gpios = <&g 1 0>; };\n" END},
	{"deprecated-gpio-property", HDR "\tg: g { #gpio-cells = <0>; };\n\tu { x-gpio = <&g>; };\n" END,
	 HDR "\tg: g { #gpio-cells = <0>; };\n\tu { x-gpios = <&g>; };\n" END},
	{"interrupts-property",
	 HDR "\tintc: i { interrupt-controller; #interrupt-cells = <3>; };\n\tu { interrupt-parent = <&intc>; interrupts = <0 5>; };\n" END,
	 HDR "\tintc: i { interrupt-controller; #interrupt-cells = <3>; };\n\tu { interrupt-parent = <&intc>; interrupts = <0 5 4>; };\n" END},
	{"interrupt-provider", HDR "\tg { #interrupt-cells = <2>; };\n" END,
	 HDR "\tg { interrupt-controller; #interrupt-cells = <2>; };\n" END},
	{"interrupt-map",
	 HDR "\tintc: i { interrupt-controller; #interrupt-cells = <3>; };\n"
	     "\tn { #address-cells = <0>; #interrupt-cells = <1>; interrupt-map = <1 &intc 0 5 4 2>; };\n" END,
	 HDR "\tintc: i { interrupt-controller; #interrupt-cells = <3>; };\n"
	     "\tn { #address-cells = <0>; #interrupt-cells = <1>; interrupt-map = <1 &intc 0 5 4>; };\n" END},
	{"graph-nodes", HDR "\tfoo { remote-endpoint = <&foo>; };\n" END, HDR "\tfoo { };\n" END},
	{"graph-port", HDR "\td { in { a: endpoint { remote-endpoint = <&a>; }; }; };\n" END,
	 HDR "\td { port { a: endpoint { remote-endpoint = <&a>; }; }; };\n" END},
	{"graph-endpoint",
	 HDR "\td { port { a: ep { remote-endpoint = <&b>; }; }; };\n\te { port { b: endpoint { remote-endpoint = <&c>; }; c: x { }; }; };\n" END,
	 HDR "\td { port { a: endpoint { remote-endpoint = <&b>; }; }; };\n\te { port { b: endpoint { remote-endpoint = <&a>; }; }; };\n" END},
	{"graph-child-address",
	 HDR "\td { port { #address-cells = <1>; #size-cells = <0>; a: endpoint@0 { reg = <0>; remote-endpoint = <&a>; }; }; };\n" END,
	 HDR "\td { port { a: endpoint { remote-endpoint = <&a>; }; }; };\n" END},
	{"names-count", HDR "\tc: c { #clock-cells = <1>; };\n\tu { clocks = <&c 1>, <&c 2>; clock-names = \"a\"; };\n" END,
	 HDR "\tc: c { #clock-cells = <1>; };\n\tu { clocks = <&c 1>, <&c 2>; clock-names = \"a\", \"b\"; };\n" END},
	{"compatible-format", HDR "\ta { compatible = \"Acme, UART\"; };\n" END,
	 HDR "\ta { compatible = \"acme,uart\", \"simple-bus\"; };\n" END},
	{"deleted-missing", HDR "\ta { x = <1>; };\n" END "/ { a { /delete-property/ y; }; };\n",
	 HDR "\ta { x = <1>; };\n" END "/ { a { /delete-property/ x; }; };\n"},
	{"deleted-missing", HDR "\ta { b { }; };\n" END "/ { a { /delete-node/ c; }; };\n",
	 HDR "\ta { b { }; };\n" END "/ { a { /delete-node/ b; }; };\n"},
	/* in a fresh body there is nothing yet to delete; the order matters */
	{"deleted-missing", HDR "\ta { /delete-property/ x; x = <1>; };\n" END,
	 HDR "\ta { x = <1>; };\n" END "/ { a { x = <2>; /delete-property/ x; }; };\n"},
	{"override-unchanged", HDR "\tl: a { status = \"okay\"; };\n" END "&l { status = \"okay\"; };\n",
	 HDR "\tl: a { status = \"disabled\"; };\n" END "&l { status = \"okay\"; };\n"},
	/* a cell reference is compared by name; deleted then set again is a change */
	{"override-unchanged", HDR "\tl: a { p = <&l 1>; };\n" END "&l { p = <&l 1>; };\n",
	 HDR "\tl: a { p = <&l 1>; };\n" END "&l { /delete-property/ p; };\n&l { p = <&l 1>; };\n"},
	{"address-overlap", HDR "\ta@1000 { reg = <0x1000 0x1000>; };\n\tb@1800 { reg = <0x1800 0x10>; };\n" END,
	 HDR "\ta@1000 { reg = <0x1000 0x800>; };\n\tb@1800 { reg = <0x1800 0x10>; };\n" END},
};

/* Findings of `rule` when checking text as board.dts in a fresh directory. */
static int count(const char *rule, const char *text)
{
	char dir[] = "/tmp/dtidy-structural-XXXXXX";
	cr_assert(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/board.dts", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fputs(text, f);
	fclose(f);

	char *enable[] = {(char *)rule};
	struct engine_opts eo = {.level = 2, .enable = enable, .nenable = 1, .no_auto_include = 1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert(e, "engine_new failed for %s", rule);
	struct engine_input in = {.path = path};
	struct engine_result res;
	engine_check(e, &in, &res);
	int n = 0;
	for (size_t i = 0; i < res.diags.n; i++) {
		cr_expect(strcmp(res.diags.v[i].rule, "syntax") != 0, "%s: syntax error in test input: %s",
			  rule, res.diags.v[i].message);
		if (strcmp(res.diags.v[i].rule, rule) == 0)
			n++;
	}
	engine_result_free(&res);
	engine_free(e);
	diag_list_free(&errs);
	unlink(path);
	rmdir(dir);
	return n;
}

Test(structural, every_rule_bad_and_good)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_expect(count(cases[i].rule, cases[i].bad) > 0, "%s: bad case not reported",
			  cases[i].rule);
		cr_expect(count(cases[i].rule, cases[i].good) == 0, "%s: good case reported",
			  cases[i].rule);
	}
}

/* The phandle+args family: one template, every provider kind. */
Test(structural, phandle_args_every_provider)
{
	static const char *const kinds[][2] = {
		{"clocks", "#clock-cells"}, {"cooling-device", "#cooling-cells"},
		{"dmas", "#dma-cells"}, {"hwlocks", "#hwlock-cells"},
		{"interrupts-extended", "#interrupt-cells"}, {"io-channels", "#io-channel-cells"},
		{"iommus", "#iommu-cells"}, {"mboxes", "#mbox-cells"},
		{"mux-controls", "#mux-control-cells"}, {"phys", "#phy-cells"},
		{"power-domains", "#power-domain-cells"}, {"pwms", "#pwm-cells"},
		{"resets", "#reset-cells"}, {"sound-dai", "#sound-dai-cells"},
		{"thermal-sensors", "#thermal-sensor-cells"},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char rule[64], bad[512], good[512], badcell[512], goodcell[512];
		const char *extra = strcmp(kinds[i][0], "interrupts-extended") == 0 ? " interrupt-controller;" : "";
		snprintf(rule, sizeof(rule), "%s-property", kinds[i][0]);
		snprintf(bad, sizeof(bad), HDR "\tp: p {%s %s = <2>; };\n\tu { %s = <&p 1>; };\n" END,
			 extra, kinds[i][1], kinds[i][0]);
		snprintf(good, sizeof(good), HDR "\tp: p {%s %s = <2>; };\n\tu { %s = <&p 1 2>; };\n" END,
			 extra, kinds[i][1], kinds[i][0]);
		cr_expect(count(rule, bad) > 0, "%s: bad case not reported", rule);
		cr_expect(count(rule, good) == 0, "%s: good case reported", rule);
		snprintf(rule, sizeof(rule), "%s-is-cell", kinds[i][0]);
		snprintf(badcell, sizeof(badcell), HDR "\tp {%s %s = <1 2>; };\n" END, extra, kinds[i][1]);
		snprintf(goodcell, sizeof(goodcell), HDR "\tp {%s %s = <1>; };\n" END, extra, kinds[i][1]);
		cr_expect(count(rule, badcell) > 0, "%s: bad case not reported", rule);
		cr_expect(count(rule, goodcell) == 0, "%s: good case reported", rule);
	}
	/* msi-parent: a provider without #msi-cells takes no arguments */
	cr_expect(count("msi-parent-property", HDR "\tp: p { #msi-cells = <1>; };\n\tu { msi-parent = <&p>; };\n" END) > 0);
	cr_expect(count("msi-parent-property", HDR "\tp: p { };\n\tu { msi-parent = <&p>; };\n" END) == 0);
	cr_expect(count("msi-parent-is-cell", HDR "\tp { #msi-cells = <1 1>; };\n" END) > 0);
	cr_expect(count("msi-parent-is-cell", HDR "\tp { #msi-cells = <1>; };\n" END) == 0);
}

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
