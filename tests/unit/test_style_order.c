/* Kernel-style rules about order and the way values are written, and the
 * --fix of the order rules. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "style_testutil.h"

Test(child_address_order, bad_and_good)
{
	EXPECT_STYLE("child-address-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsoc {\n"
		     "\t\tserial@2000 { };\n"
		     "\t\tserial@1000 { };\n"
		     "\t\tgpio@1,10 { };\n"
		     "\t\tgpio@1,2 { };\n"
		     "\t\tfoo@ADDR { };\n"
		     "\t\tbar { };\n"
		     "\t};\n"
		     "};\n",
		     "5:3: child node @1000 out of address order\n"
		     "6:3: child node @1,10 out of address order\n"
		     "7:3: child node @1,2 out of address order\n");
	EXPECT_STYLE("child-address-order",
		     "/dts-v1/;\n/ {\n\tsoc {\n\t\ta@9 { };\n\t\ta@a { };\n\t\ta@0010 { };\n\t};\n};\n",
		     "");
}

Test(child_name_order, bad_good_and_overrides)
{
	EXPECT_STYLE("child-name-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tleds {\n"
		     "\t\tled-10 { };\n"
		     "\t\tled-2 { };\n"
		     "\t\tled@1 { };\n"
		     "\t};\n"
		     "};\n"
		     "&pinctrl {\n"
		     "\tuart-pins { };\n"
		     "\ti2c-pins { };\n"
		     "};\n",
		     "5:3: child node 'led-2' out of name order (should sort before 'led-10')\n"
		     "11:2: child node 'i2c-pins' out of name order (should sort before 'uart-pins')\n");
	EXPECT_STYLE("child-name-order",
		     "/dts-v1/;\n/ {\n\tleds {\n\t\tled-2 { };\n\t\tled-10 { };\n\t\tled-10a { };\n\t};\n};\n",
		     "");
}

Test(property_order, bad_and_good)
{
	EXPECT_STYLE("property-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tserial@1000 {\n"
		     "\t\tclock-names = \"baud\";\n"
		     "\t\tcompatible = \"acme,uart\";\n"
		     "\t\tstatus = \"okay\";\n"
		     "\t\tclocks = <&cru 1>;\n"
		     "\t\tdevice_type = \"serial\";\n"
		     "\t};\n"
		     "};\n",
		     "5:3: property 'compatible' out of canonical order (should sort before 'clock-names')\n"
		     "7:3: property 'clocks' out of canonical order (should sort before 'status')\n"
		     "8:3: property 'device_type' out of canonical order (should sort before 'clocks')\n");
	EXPECT_STYLE("property-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tmmc@1000 {\n"
		     "\t\tdevice_type = \"x\";\n"
		     "\t\tcompatible = \"acme,mmc\";\n"
		     "\t\treg = <0x1000 0x100>;\n"
		     "\t\treg-names = \"core\";\n"
		     "\t\tranges;\n"
		     "\t\t#address-cells = <1>;\n"
		     "\t\tclocks = <&cru 1>;\n"
		     "\t\tclock-names = \"core\";\n"
		     "\t\tdmas = <&dma 1>;\n"
		     "\t\tdma-names = \"rx\";\n"
		     "\t\tpinctrl-0 = <&a>;\n"
		     "\t\tpinctrl-1 = <&b>;\n"
		     "\t\tpinctrl-names = \"default\", \"sleep\";\n"
		     "\t\t#size-cells = <0>;\n"
		     "\t\tvmmc-supply = <&reg2>;\n"
		     "\t\tvqmmc-supply = <&reg10>;\n"
		     "\t\tacme,drive = <1>;\n"
		     "\t\tacme,drive-strength = <2>;\n"
		     "\n"
		     "\t\tstatus = \"okay\";\n"
		     "\t};\n"
		     "};\n",
		     "");
}

Test(hex_case, bad_and_good)
{
	EXPECT_STYLE("hex-case",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\treg = <0x0 0xFE200000 0X10>;\n"
		     "\tmemory@0xABC { };\n"
		     "};\n",
		     "3:13: hex literal '0xFE200000' must be lowercase\n"
		     "3:24: hex literal '0X10' must be lowercase\n"
		     "4:9: hex literal '0xABC' must be lowercase\n");
	EXPECT_STYLE("hex-case",
		     "/dts-v1/;\n"
		     "#define BASE 0xABCD\n"
		     "/ {\n"
		     "\treg = <0x0 0xfe200000 0x10UL>; /* 0xFF */\n"
		     "\tmodel = \"0xFF\";\n"
		     "};\n",
		     "");
}

Test(unit_address_style, bad_and_good)
{
	EXPECT_STYLE("unit-address-style",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tserial@0x1000 { };\n"
		     "\tmemory@0080000000 { };\n"
		     "\tgpio@FE200000 { };\n"
		     "\tpci@1,0g { };\n"
		     "};\n",
		     "3:9: unit address '0x1000' must not have a \"0x\" prefix\n"
		     "4:9: unit address '0080000000' has leading zeros\n"
		     "5:7: unit address 'FE200000' must be lowercase hex\n"
		     "6:6: unit address '1,0g' is not valid hex\n");
	EXPECT_STYLE("unit-address-style",
		     "/dts-v1/;\n/ {\n\tserial@1000 { };\n\tmemory@0 { };\n\tpci@1,0 { };\n\tuart@UART0_BASE { };\n};\n",
		     "");
}

Test(value_whitespace, bad_and_good)
{
	EXPECT_STYLE("value-whitespace",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\ta = < 1 2>;\n"
		     "\tb = <1 2 >;\n"
		     "\tc = <1>,\n"
		     "\t    < 2>;\n"
		     "};\n",
		     "3:2: extra whitespace inside <...>\n"
		     "4:2: extra whitespace inside <...>\n"
		     "5:2: extra whitespace inside <...>\n");
	EXPECT_STYLE("value-whitespace",
		     "/dts-v1/;\n/ {\n\ta = <1 2>;\n\tb = <\n\t\t1 2\n\t>;\n\tc = <>;\n};\n", "");
}

static void expect_fixed(const char *rule, const char *in, const char *want)
{
	char *got = style_fixed(rule, "board.dts", in);
	cr_expect_str_eq(got, want, "%s --fix on:\n%s\n got:\n%s\nwant:\n%s", rule, in, got, want);
	free(got);
}

Test(reorder_fix, properties_move_with_their_comments)
{
	expect_fixed("property-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tserial@1000 {\n"
		     "\t\tclock-names = \"baud\";\t// the baud clock\n"
		     "\t\t/* the programming model */\n"
		     "\t\tcompatible = \"acme,uart\";\n"
		     "\t\tclocks = <&cru 1>;\n"
		     "\n"
		     "\t\tstatus = \"okay\";\n"
		     "\t\treg = <0x1000 0x100>;\n"
		     "\t};\n"
		     "};\n",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tserial@1000 {\n"
		     "\t\t/* the programming model */\n"
		     "\t\tcompatible = \"acme,uart\";\n"
		     "\t\treg = <0x1000 0x100>;\n"
		     "\t\tclocks = <&cru 1>;\n"
		     "\n"
		     "\t\tclock-names = \"baud\";\t// the baud clock\n"
		     "\t\tstatus = \"okay\";\n"
		     "\t};\n"
		     "};\n");
}

Test(reorder_fix, nodes_by_address_and_by_name)
{
	expect_fixed("child-address-order",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsoc {\n"
		     "\t\tserial@2000 {\n"
		     "\t\t\treg = <0x2000>;\n"
		     "\t\t};\n"
		     "\n"
		     "\t\tleds { };\n"
		     "\n"
		     "\t\tserial@1000 {\n"
		     "\t\t\treg = <0x1000>;\n"
		     "\t\t};\n"
		     "\t};\n"
		     "};\n",
		     "/dts-v1/;\n"
		     "/ {\n"
		     "\tsoc {\n"
		     "\t\tserial@1000 {\n"
		     "\t\t\treg = <0x1000>;\n"
		     "\t\t};\n"
		     "\n"
		     "\t\tleds { };\n"
		     "\n"
		     "\t\tserial@2000 {\n"
		     "\t\t\treg = <0x2000>;\n"
		     "\t\t};\n"
		     "\t};\n"
		     "};\n");
	expect_fixed("child-name-order",
		     "/dts-v1/;\n/ {\n\tleds {\n\t\tled-10 { };\n\n\t\tled-2 { };\n\t};\n};\n",
		     "/dts-v1/;\n/ {\n\tleds {\n\t\tled-2 { };\n\n\t\tled-10 { };\n\t};\n};\n");
}

Test(reorder_fix, never_where_order_matters)
{
	/* a property set twice: the last one wins, so nothing moves */
	const char *twice = "/dts-v1/;\n/ {\n\tn {\n\t\treg = <1>;\n\t\tcompatible = \"a,b\";\n"
			    "\t\treg = <2>;\n\t};\n};\n";
	expect_fixed("property-order", twice, twice);
	/* preprocessor lines in the body */
	const char *pp = "/dts-v1/;\n/ {\n\tn {\n\t\treg = <1>;\n#ifdef X\n\t\tfoo;\n#endif\n"
			 "\t\tcompatible = \"a,b\";\n\t};\n};\n";
	expect_fixed("property-order", pp, pp);
	/* a deletion */
	const char *del = "/dts-v1/;\n/ {\n\tn {\n\t\treg = <1>;\n\t\t/delete-property/ foo;\n"
			  "\t\tcompatible = \"a,b\";\n\t};\n};\n";
	expect_fixed("property-order", del, del);
	/* two statements on one line */
	const char *line = "/dts-v1/;\n/ {\n\tn {\n\t\treg = <1>; compatible = \"a,b\";\n\t};\n};\n";
	expect_fixed("property-order", line, line);
	/* the same node twice: they merge, so their order matters */
	const char *merge = "/dts-v1/;\n/ {\n\ta@2 { x = <1>; };\n\ta@1 { };\n\ta@2 { x = <2>; };\n};\n";
	expect_fixed("child-address-order", merge, merge);
}

Test(override_order, bad_and_good)
{
	EXPECT_STYLE("override-order",
		     "/dts-v1/;\n"
		     "/ {\n};\n"
		     "&uart0 {\n\tstatus = \"okay\";\n};\n"
		     "&i2c10 {\n};\n"
		     "&i2c2 {\n};\n"
		     "&{/soc} {\n};\n",
		     "7:1: override &i2c10 out of order (should sort before &uart0)\n"
		     "9:1: override &i2c2 out of order (should sort before &i2c10)\n");
	EXPECT_STYLE("override-order",
		     "/dts-v1/;\n/ {\n};\n&i2c2 {\n};\n&i2c10 {\n};\n&{/soc} {\n};\n&uart0 {\n};\n",
		     "");
}
