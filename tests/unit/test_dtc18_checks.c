/* The structural rules where dtc 1.8 (the kernel's dtc) differs from the
 * 1.6 line or from a first reading of its checks: each case is what dtc
 * 1.8.1 reports on the same input (tests/corpus/test_dtc_parity.sh checks
 * the corpus against it). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rule_testutil.h"

static void expect(char *got, const char *want)
{
	cr_assert_str_eq(got, want);
	free(got);
}

#define ROOT "/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n"

/* dtc: "Missing property '#address-cells' in node /intc, using 0 as
 * fallback", once per entry; dtidy points at each entry's phandle. */
Test(dtc18, interrupt_map_parent_without_address_cells)
{
	const char *dts = ROOT
		"\tintc: intc {\n"
		"\t\tinterrupt-controller;\n"
		"\t\t#interrupt-cells = <1>;\n"
		"\t};\n"
		"\tbus {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#interrupt-cells = <1>;\n"
		"\t\tinterrupt-map = <0 1 &intc 5>,\n"
		"\t\t\t\t<0 2 &intc 6>;\n"
		"\t};\n"
		"};\n";
	expect(rt_check("interrupt-map", 0, RT_FILES({"board.dts", dts})),
	       "board.dts:12:24: warning: \"interrupt-map\" entry 1: interrupt parent /intc has no "
	       "'#address-cells' (0 assumed); give it #address-cells = <0>\n"
	       "board.dts:13:10: warning: \"interrupt-map\" entry 2: interrupt parent /intc has no "
	       "'#address-cells' (0 assumed); give it #address-cells = <0>\n");
}

Test(dtc18, interrupt_map_parent_with_address_cells)
{
	const char *dts = ROOT
		"\tintc: intc {\n"
		"\t\tinterrupt-controller;\n"
		"\t\t#interrupt-cells = <1>;\n"
		"\t\t#address-cells = <0>;\n"
		"\t};\n"
		"\tbus {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#interrupt-cells = <1>;\n"
		"\t\tinterrupt-map = <0 1 &intc 5>, <0 2 &intc 6>;\n"
		"\t};\n"
		"};\n";
	expect(rt_check("interrupt-map", 0, RT_FILES({"board.dts", dts})), "");
}

/* The last entry's parent specifier runs past the end of the property. */
Test(dtc18, interrupt_map_entry_past_the_end)
{
	const char *dts = ROOT
		"\tintc: intc {\n"
		"\t\tinterrupt-controller;\n"
		"\t\t#interrupt-cells = <2>;\n"
		"\t\t#address-cells = <0>;\n"
		"\t};\n"
		"\tbus {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#interrupt-cells = <1>;\n"
		"\t\tinterrupt-map = <0 1 &intc 5>;\n"
		"\t};\n"
		"};\n";
	expect(rt_check("interrupt-map", 0, RT_FILES({"board.dts", dts})),
	       "board.dts:13:3: warning: \"interrupt-map\" is 16 bytes: entry 1 needs 20\n");
}

/* Paths as dtc looks them up: "" is the root, the leading '/' may be left
 * out, unit addresses may not. */
Test(dtc18, alias_paths_lookup)
{
	const char *dts = ROOT
		"\taliases {\n"
		"\t\troot = \"\";\n"
		"\t\trelative = \"soc/uart@1000\";\n"
		"\t\tnounit = \"/soc/uart\";\n"
		"\t};\n"
		"\tsoc {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#size-cells = <1>;\n"
		"\t\tuart@1000 { reg = <0x1000 0x100>; };\n"
		"\t};\n"
		"};\n";
	expect(rt_check("alias-paths", 0, RT_FILES({"board.dts", dts})),
	       "board.dts:8:3: warning: alias \"nounit\" does not name a node (/soc/uart)\n");
}

/* An overlay's aliases point into the base tree: only names are checked. */
Test(dtc18, alias_paths_in_overlay)
{
	const char *dtso = "/dts-v1/;\n/plugin/;\n&{/} {\n\taliases {\n"
		"\t\tethernet0 = \"/axi/ethernet@ff0c0000\";\n"
		"\t\tEth1 = \"/axi/ethernet@ff0d0000\";\n"
		"\t};\n};\n";
	expect(rt_check("alias-paths", 0, RT_FILES({"board.dtso", dtso})),
	       "board.dtso:4:2: warning: alias name \"Eth1\" may use only lower case, digits and '-'\n");
}

/* In an overlay, a fragment holding an endpoint is no misnamed port. */
Test(dtc18, graph_in_overlay)
{
	const char *dtso = "/dts-v1/;\n/plugin/;\n"
		"&in {\n\tremote-endpoint = <&out>;\n};\n"
		"&dev {\n\tport {\n\t\tout: endpoint {\n\t\t\tremote-endpoint = <&in>;\n"
		"\t\t};\n\t};\n};\n";
	expect(rt_check("graph-port", 0, RT_FILES({"board.dtso", dtso})), "");
	expect(rt_check("graph-endpoint", 0, RT_FILES({"board.dtso", dtso})), "");
}

/* A child's ranges uses the cell counts as much as a child's reg. */
Test(dtc18, unnecessary_addr_size_child_ranges)
{
	const char *used = ROOT
		"\tbridge {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#size-cells = <1>;\n"
		"\t\tbus {\n"
		"\t\t\t#address-cells = <1>;\n"
		"\t\t\t#size-cells = <1>;\n"
		"\t\t\tranges = <0 0x1000 0x100>;\n"
		"\t\t};\n"
		"\t};\n"
		"};\n";
	expect(rt_check("avoid-unnecessary-addr-size", 0, RT_FILES({"board.dts", used})), "");
	const char *unused = ROOT
		"\tbridge {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#size-cells = <0>;\n"
		"\t\tports { };\n"
		"\t};\n"
		"};\n";
	expect(rt_check("avoid-unnecessary-addr-size", 0, RT_FILES({"board.dts", unused})),
	       "board.dts:5:2: warning: #address-cells/#size-cells that nothing uses: no ranges or "
	       "dma-ranges here, no reg or ranges in a child\n");
}

/* Labels inside values are labels too (dtc: duplicate_label). */
Test(dtc18, duplicate_value_labels)
{
	const char *dts = "/dts-v1/;\n/ {\n"
		"\tl: prop1 = \"foo\";\n"
		"\tprop2 = \"bar\" l:;\n"
		"\tprop3 = <1 m: 2>, m: <3>;\n"
		"};\n";
	expect(rt_check("duplicate-label", 0, RT_FILES({"board.dts", dts})),
	       "board.dts:4:16: error: label 'l' is used twice: on the value of prop2 in / and on "
	       "prop1 in /\n"
	       "board.dts:5:20: error: label 'm' is used twice: on the value of prop3 in / and on "
	       "the value of prop3 in /\n");
}

/* "\#gpio-cells" (escaped for cpp) is the property #gpio-cells. */
Test(dtc18, escaped_property_name)
{
	const char *dts = "/dts-v1/;\n/ {\n\t\\#gpio-cells = <2>;\n};\n";
	expect(rt_check("property-name-chars", 0, RT_FILES({"board.dts", dts})), "");
	expect(rt_check("property-name-chars-strict", 0, RT_FILES({"board.dts", dts})), "");
}

/* dtc keeps deleted (and omitted) children in the node's list, and its
 * "has children" tests count them: the counts outlived what used them. */
Test(dtc18, unnecessary_addr_size_children_deleted)
{
	const char *dts = ROOT
		"\tclocks {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#size-cells = <0>;\n"
		"\t\tosc { };\n"
		"\t};\n"
		"\tempty {\n"
		"\t\t#address-cells = <1>;\n"
		"\t\t#size-cells = <0>;\n"
		"\t};\n"
		"};\n"
		"/ {\n\tclocks {\n\t\t/delete-node/ osc;\n\t};\n};\n";
	expect(rt_check("avoid-unnecessary-addr-size", 0, RT_FILES({"board.dts", dts})),
	       "board.dts:5:2: warning: #address-cells/#size-cells that nothing uses: no ranges or "
	       "dma-ranges here, no reg or ranges in a child\n");
}

Test(dtc18, spi_bus_children_deleted)
{
	const char *dts = ROOT
		"\tspi@1000 {\n"
		"\t\treg = <0x1000 0x100>;\n"
		"\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <0>;\n"
		"\t\tflash@0 { reg = <0 0>; };\n"
		"\t};\n"
		"};\n"
		"/ {\n\tspi@1000 {\n\t\t/delete-node/ flash@0;\n\t};\n};\n";
	expect(rt_check("spi-bus-bridge", 0, RT_FILES({"board.dts", dts})),
	       "board.dts:5:2: warning: SPI bus needs #address-cells = <1>\n");
}

/* A phandle written as a number is no reference (dtc: "cell 0 is not a
 * phandle reference"), also when the value has no reference at all. */
Test(dtc18, phandle_written_as_number)
{
	const char *dts = "/dts-v1/;\n/ {\n"
		"\tclk { phandle = <1>; #clock-cells = <0>; };\n"
		"\tdev { clocks = <1>; };\n"
		"};\n";
	expect(rt_check("clocks-property", 0, RT_FILES({"board.dts", dts})),
	       "board.dts:4:8: warning: \"clocks\": cell 0 should be a &reference\n");
}
