/* Every built-in rule on a bad and a good tree (see rule_cases.h). */
#include "rule_cases.h"

#include <stddef.h>

#define HDR "/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n"
#define END "};\n"
/* A root node dt-schema's root-node.yaml is content with */
#define SROOT HDR "\tcompatible = \"acme,board\";\n\tmodel = \"Acme board\";\n"
#define HDR2 "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"

/* A Xen hypervisor node beside a GIC, with the root cells it needs. */
#define XEN(body)                                                             \
	"/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"        \
	"\tinterrupt-parent = <&gic>;\n"                                        \
	"\tgic: interrupt-controller@2c001000 {\n"                              \
	"\t\tcompatible = \"arm,cortex-a15-gic\";\n\t\t#interrupt-cells = <3>;\n" \
	"\t\tinterrupt-controller;\n\t\treg = <0 0x2c001000 0 0x1000>;\n\t};\n"  \
	"\thypervisor {\n" body "\t};\n};\n"
/* A host tree with one dom0less domain (128 MiB, one vCPU); `body` goes
 * into the domain. */
#define DOM0LESS(body)                                                        \
	"/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"        \
	"\tchosen {\n\t\tdomU1 {\n\t\t\tcompatible = \"xen,domain\";\n"        \
	"\t\t\t#address-cells = <2>;\n\t\t\t#size-cells = <2>;\n"               \
	"\t\t\tmemory = <0 0x20000>;\n\t\t\tcpus = <1>;\n" body "\t\t};\n\t};\n};\n"
#define XEN_COMPAT "\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n"
#define XEN_REG "\t\treg = <0 0xb0000000 0 0x20000>;\n"
#define XEN_IRQ "\t\tinterrupts = <1 15 0xf08>;\n"

const struct rule_case rule_cases[] = {
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
	 HDR "\tintc: i { interrupt-controller; #interrupt-cells = <3>; #address-cells = <0>; };\n"
	     "\tn { #address-cells = <0>; #interrupt-cells = <1>; interrupt-map = <1 &intc 0 5 4>; };\n" END},
	{"graph-nodes", HDR "\tfoo { remote-endpoint = <&foo>; };\n" END, HDR "\tfoo { };\n" END},
	{"graph-port", HDR "\td { in { a: endpoint { remote-endpoint = <&a>; }; }; };\n" END,
	 HDR "\td { port { a: endpoint { remote-endpoint = <&a>; }; }; };\n" END},
	{"graph-endpoint",
	 HDR "\td { port { a: ep { remote-endpoint = <&b>; }; }; };\n\te { port { b: endpoint { remote-endpoint = <&c>; }; c: x { }; }; };\n" END,
	 HDR "\td { port { a: endpoint { remote-endpoint = <&b>; }; }; };\n\te { port { b: endpoint { remote-endpoint = <&a>; }; }; };\n" END},
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

/* The phandle+args family: one template, every provider kind. */
#define PARGS(prop, cells, extra)                                             \
	{prop "-property",                                                    \
	 HDR "\tp: p {" extra " " cells " = <2>; };\n\tu { " prop " = <&p 1>; };\n" END, \
	 HDR "\tp: p {" extra " " cells " = <2>; };\n\tu { " prop " = <&p 1 2>; };\n" END}, \
	{prop "-is-cell", HDR "\tp {" extra " " cells " = <1 2>; };\n" END,   \
	 HDR "\tp {" extra " " cells " = <1>; };\n" END}
	PARGS("clocks", "#clock-cells", ""),
	PARGS("cooling-device", "#cooling-cells", ""),
	PARGS("dmas", "#dma-cells", ""),
	PARGS("hwlocks", "#hwlock-cells", ""),
	PARGS("interrupts-extended", "#interrupt-cells", " interrupt-controller;"),
	PARGS("io-channels", "#io-channel-cells", ""),
	PARGS("iommus", "#iommu-cells", ""),
	PARGS("mboxes", "#mbox-cells", ""),
	PARGS("mux-controls", "#mux-control-cells", ""),
	PARGS("phys", "#phy-cells", ""),
	PARGS("power-domains", "#power-domain-cells", ""),
	PARGS("pwms", "#pwm-cells", ""),
	PARGS("resets", "#reset-cells", ""),
	PARGS("sound-dai", "#sound-dai-cells", ""),
	PARGS("thermal-sensors", "#thermal-sensor-cells", ""),
	/* msi-parent: a provider without #msi-cells takes no arguments */
	{"msi-parent-property", HDR "\tp: p { #msi-cells = <1>; };\n\tu { msi-parent = <&p>; };\n" END,
	 HDR "\tp: p { };\n\tu { msi-parent = <&p>; };\n" END},
	{"msi-parent-is-cell", HDR "\tp { #msi-cells = <1 1>; };\n" END, HDR "\tp { #msi-cells = <1>; };\n" END},

	/* ---- bindings (Bindings/ beside src/: see rule_cases.h) ---- */
	{"vendor-prefix", HDR "\tu { compatible = \"nosuchvendor,uart\"; };\n" END,
	 HDR "\tu { compatible = \"acme,uart\"; };\n" END},
	{"undocumented-compatible", HDR "\tu { compatible = \"acme,modem\"; };\n" END,
	 HDR "\tu { compatible = \"acme,uart\"; };\n" END},

	/* ---- schema (the binding acme,uart.yaml of rule_cases.h) ---- */
	{"schema-required", SROOT "\tserial@1000 { compatible = \"acme,uart\"; };\n" END,
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; };\n" END},
	{"schema-unexpected",
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; acme,x = <1>; };\n" END,
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; };\n" END},
	{"schema-value",
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>;\n"
	 "\t\tacme,fifo-depth = <7>; };\n" END,
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>;\n"
	 "\t\tacme,fifo-depth = <16>; };\n" END},
	{"schema-node-name", SROOT "\tuart@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; };\n" END,
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; };\n" END},
	{"schema-dependency",
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; acme,rts-delay = <1>; };\n" END,
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; acme,rts-delay = <1>;\n"
	 "\t\tacme,rts; };\n" END},
	{"schema-deprecated",
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; acme,old-speed = <1>; };\n" END,
	 SROOT "\tserial@1000 { compatible = \"acme,uart\"; reg = <0x1000 0x100>; };\n" END},
	/* a flag is decoded as true by dt-validate, and accepted: not reported */
	{"schema-undocumented-property", SROOT "\tacme,nowhere = <1>;\n" END,
	 SROOT "\tacme,nowhere-flag;\n" END},

	/* ---- meta ---- */
	{"unused-suppression", HDR "\t/* dtidy: disable=reg-format */\n\ta { };\n" END,
	 HDR "\t/* dtidy: disable=reg-format */\n\ta@1 { reg = <1>; };\n" END},

	/* ---- style (opt-in; enabled by name) ---- */
	{"blank-lines", "/dts-v1/;\n\n\n/ {\n};\n", "/dts-v1/;\n\n/ {\n};\n"},
	/* not at the root: its children go by name (dt-check-style 7.4) */
	{"child-address-order", HDR "\n\ts {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n"
	 "\n\t\ta@2 { reg = <2 1>; };\n\n\t\ta@1 { reg = <1 1>; };\n\t};\n" END,
	 HDR "\n\ts {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n"
	 "\n\t\ta@1 { reg = <1 1>; };\n\n\t\ta@2 { reg = <2 1>; };\n\t};\n" END},
	{"child-name-order", HDR "\n\tb { };\n\n\ta { };\n" END, HDR "\n\ta { };\n\n\tb { };\n" END},
	{"continuation-alignment", HDR "\tx = <1>,\n\t\t<2>;\n" END, HDR "\tx = <1>,\n\t    <2>;\n" END},
	{"hex-case", HDR "\tx = <0xAB>;\n" END, HDR "\tx = <0xab>;\n" END},
	{"indent-consistent", HDR "\n\ta {\n\tx = <1>;\n\t};\n" END, HDR "\n\ta {\n\t\tx = <1>;\n\t};\n" END},
	{"indent-unit-dts", "/dts-v1/;\n/ {\n    x = <1>;\n\n    a {\n        y = <1>;\n    };\n};\n",
	 "/dts-v1/;\n/ {\n\tx = <1>;\n\n\ta {\n\t\ty = <1>;\n\t};\n};\n"},
	{"label-style", HDR "\tMyLabel: a { };\n" END, HDR "\tmy_label: a { };\n" END},
	{"line-length-dts", HDR "\tmodel = \"a model name that is much too long to fit in eighty columns of text\";\n" END,
	 HDR "\tmodel = \"short\";\n" END},
	{"mixed-indent-chars", HDR " \tx = <1>;\n" END, HDR "\tx = <1>;\n" END},
	{"node-close-alone", HDR "\n\ta {\n\t\tx = <1>; };\n" END, HDR "\n\ta {\n\t\tx = <1>;\n\t};\n" END},
	{"node-name", HDR "\tMy_Node { };\n" END, HDR "\tmy-node { };\n" END},
	{"override-order", HDR "\tb: b { };\n\ta: a { };\n" END "\n&b {\n\tx;\n};\n\n&a {\n\tx;\n};\n",
	 HDR "\tb: b { };\n\ta: a { };\n" END "\n&a {\n\tx;\n};\n\n&b {\n\tx;\n};\n"},
	{"property-name", HDR "\tvdd_l1-supply = <1>;\n" END, HDR "\tvdd-l1-supply = <1>;\n\tdevice_type = \"x\";\n" END},
	{"property-order", HDR "\n\ta {\n\t\tstatus = \"okay\";\n\t\tcompatible = \"v,a\";\n\t};\n" END,
	 HDR "\n\ta {\n\t\tcompatible = \"v,a\";\n\t\tstatus = \"okay\";\n\t};\n" END},
	{"redundant-whitespace", HDR "\tx = <1> ;\n" END, HDR "\tx = <1>; /* a ; b */\n" END},
	{"redundant-whitespace-strict", HDR "\tx\t= <1>;\n" END, HDR "\tx = <1>;\n" END},
	{"required-blank-lines", HDR "\ta { };\n" END, HDR "\n\ta { };\n" END},
	{"status-okay", HDR "\ta { status = \"ok\"; };\n" END, HDR "\ta { status = \"okay\"; };\n" END},
	{"trailing-whitespace", HDR "\tx = <1>; \n" END, HDR "\tx = <1>;\n" END},
	{"unclosed-block-comment", HDR END "/* never closed\n", HDR END "/* closed */\n"},
	{"unit-address-style", HDR "\ta@0A { reg = <0xa 1>; };\n" END, HDR "\ta@a { reg = <0xa 1>; };\n" END},
	{"unused-labels-dts", HDR "\tl: a { };\n" END, HDR "\tl: a { };\n\tb { p = <&l>; };\n" END},
	{"value-whitespace", HDR "\tx = < 1>;\n" END, HDR "\tx = <1>;\n" END},

	/* ---- hypervisor ---- */
	{"hv-abi-version", XEN("\t\tcompatible = \"xen,xen\";\n" XEN_REG XEN_IRQ),
	 XEN("\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n" XEN_REG XEN_IRQ)},
	{"hv-compatible-order", XEN("\t\tcompatible = \"xen,xen\", \"xen,xen-4.2\";\n" XEN_REG XEN_IRQ),
	 XEN("\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n" XEN_REG XEN_IRQ)},
	{"hv-interrupts", XEN(XEN_COMPAT XEN_REG "\t\tinterrupts = <0 15 4>;\n"), XEN(XEN_COMPAT XEN_REG XEN_IRQ)},
	{"hv-reg", XEN(XEN_COMPAT XEN_IRQ), XEN(XEN_COMPAT XEN_REG XEN_IRQ)},
	{"hv-node-name", "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
			 "\thv {\n\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n\t};\n};\n",
	 "/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
	 "\thypervisor {\n\t\tcompatible = \"xen,xen-4.2\", \"xen,xen\";\n\t};\n};\n"},
	{"hv-uefi", XEN(XEN_COMPAT XEN_REG XEN_IRQ "\t\tuefi {\n\t\t\txen,uefi-system-table = <0x0 0xbf000000>;\n\t\t};\n"),
	 XEN(XEN_COMPAT XEN_REG XEN_IRQ "\t\tuefi {\n"
	     "\t\t\txen,uefi-system-table = <0x0 0xbf000000>;\n"
	     "\t\t\txen,uefi-mmap-start = <0x0 0xbe000000>;\n"
	     "\t\t\txen,uefi-mmap-size = <0x1000>;\n"
	     "\t\t\txen,uefi-mmap-desc-size = <0x30>;\n"
	     "\t\t\txen,uefi-mmap-desc-ver = <1>;\n\t\t};\n")},
	{"hv-epapr", "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = \"fsl,hv\", \"epapr,hypervisor-1.1\";\n\t};\n};\n",
	 "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = \"fsl,hv\", \"epapr,hypervisor-1.1\";\n"
	 "\t\thcall-instructions = <0x44000022>;\n\t\tguest-id = <1>;\n\t\tguest-name = \"linux\";\n\t};\n};\n"},
	{"hv-kvm", "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = \"linux,kvm\";\n"
		   "\t\thcall-instructions = <1 2 3 4 5>;\n\t};\n};\n",
	 "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = \"linux,kvm\";\n"
	 "\t\thcall-instructions = <0x44000022>;\n\t};\n};\n"},
	{"xen-dom0less", "/dts-v1/;\n/ {\n\tchosen {\n\t\tdomU1 {\n\t\t\tcompatible = \"xen,domain\";\n\t\t};\n\t};\n};\n",
	 "/dts-v1/;\n/ {\n\tchosen {\n\t\tdomU1 {\n\t\t\tcompatible = \"xen,domain\";\n"
	 "\t\t\t#address-cells = <2>;\n\t\t\t#size-cells = <2>;\n"
	 "\t\t\tmemory = <0 0x20000>;\n\t\t\tcpus = <1>;\n\t\t};\n\t};\n};\n"},
	{"xen-boot-module", DOM0LESS("\t\tk { compatible = \"multiboot,module\", \"multiboot,kernel\"; reg = <0 1 0 1>; };\n"),
	 DOM0LESS("\t\tk { compatible = \"multiboot,kernel\", \"multiboot,module\"; reg = <0 1 0 1>; };\n")},
	{"xen-domain-options", DOM0LESS("\t\t\tmax_grant_version = <3>;\n"), DOM0LESS("\t\t\tmax_grant_version = <2>;\n")},
	{"xen-domain-capabilities", DOM0LESS("\t\t\tcapabilities = <0x40>;\n"), DOM0LESS("\t\t\tcapabilities = <0x2>;\n")},
	{"xen-vcpu", DOM0LESS("\t\t\tv { compatible = \"xen,vcpu\"; id = <1>; };\n"),
	 DOM0LESS("\t\t\tv { compatible = \"xen,vcpu\"; id = <0>; };\n")},
	{"xen-static-mem", DOM0LESS("\t\t\txen,static-mem = <0 0x30000000 0 0x1000>;\n"),
	 DOM0LESS("\t\t\txen,static-mem = <0 0x30000000 0 0x8000000>;\n")},
	{"xen-static-heap", HDR2 "\tchosen { xen,static-heap = <0 0x30001000 0 0x10000>; };\n" END,
	 HDR2 "\tchosen { xen,static-heap = <0 0x30000000 0 0x10000>; };\n" END},
	{"xen-static-shm", DOM0LESS("\t\t\ts { compatible = \"xen,domain-shared-memory-v1\"; xen,shm-id = <1>; };\n"),
	 DOM0LESS("\t\t\ts { compatible = \"xen,domain-shared-memory-v1\"; xen,shm-id = \"a\";\n"
		  "\t\t\t\txen,shared-mem = <0 0x50000000 0 0x60000000 0 0x1000>; };\n")},
	{"xen-static-evtchn", DOM0LESS("\t\t\te: e { compatible = \"xen,evtchn-v1\"; xen,evtchn = <1>; };\n"),
	 HDR2 "\tchosen {\n\t\ta: a { compatible = \"xen,evtchn-v1\"; xen,evtchn = <1 &b>; };\n"
	      "\t\tb: b { compatible = \"xen,evtchn-v1\"; xen,evtchn = <2 &a>; };\n\t};\n" END},
	{"xen-cpupool", HDR2 "\tchosen { p { compatible = \"xen,cpupool\"; cpupool-sched = \"fifo\"; }; };\n" END,
	 HDR2 "\tcpus { #address-cells = <1>; #size-cells = <0>;\n"
	      "\t\tc0: cpu@0 { device_type = \"cpu\"; reg = <0>; };\n\t};\n"
	      "\tchosen { p { compatible = \"xen,cpupool\"; cpupool-cpus = <&c0>; cpupool-sched = \"null\"; }; };\n" END},
	{"xen-passthrough", HDR2 "\tpassthrough { compatible = \"simple-bus\"; ranges; #address-cells = <2>; #size-cells = <2>;\n"
			    "\t\td { xen,reg = <0 0x1000 0 0x1000>; };\n\t};\n" END,
	 HDR2 "\tpassthrough { compatible = \"simple-bus\"; ranges; #address-cells = <2>; #size-cells = <2>;\n"
	      "\t\td { xen,path = \"/d\"; xen,reg = <0 0x1000 0 0x1000 0 0x2000>; };\n\t};\n" END},
	{"xen-grant-dma", HDR "\tx: iommu { compatible = \"xen,grant-dma\"; #iommu-cells = <2>; };\n" END,
	 HDR "\tx: iommu { compatible = \"xen,grant-dma\"; #iommu-cells = <1>; };\n"
	     "\tv { iommus = <&x 1>; };\n" END},
	{"hv-epapr-byte-channel", "/dts-v1/;\n/ {\n\tb { compatible = \"epapr,hv-byte-channel\"; };\n};\n",
	 "/dts-v1/;\n/ {\n\tinterrupt-parent = <&p>;\n"
	 "\tp: p { compatible = \"epapr,hv-pic\"; interrupt-controller; #interrupt-cells = <2>; };\n"
	 "\tb { compatible = \"epapr,hv-byte-channel\"; hv-handle = <1>; interrupts = <1 0 2 0>; };\n};\n"},
	{"hv-epapr-doorbell", "/dts-v1/;\n/ {\n\td { compatible = \"epapr,hv-send-doorbell\"; };\n};\n",
	 "/dts-v1/;\n/ {\n\td { compatible = \"epapr,hv-send-doorbell\"; hv-handle = <1>; };\n};\n"},
	{"hv-epapr-pic", "/dts-v1/;\n/ {\n\tp { compatible = \"epapr,hv-pic\"; interrupt-controller; #interrupt-cells = <4>; };\n};\n",
	 "/dts-v1/;\n/ {\n\tp { compatible = \"epapr,hv-pic\"; interrupt-controller; #interrupt-cells = <2>; };\n};\n"},
	{"hv-ffa-manifest", "/dts-v1/;\n/ {\n\tcompatible = \"arm,ffa-manifest-1.0\";\n};\n",
	 "/dts-v1/;\n/ {\n\tcompatible = \"arm,ffa-manifest-1.0\";\n\tffa-version = <0x10002>;\n"
	 "\tuuid = <1 2 3 4>;\n\texecution-ctx-count = <1>;\n\texception-level = <2>;\n"
	 "\texecution-state = <0>;\n\tmessaging-method = <3>;\n\tns-interrupts-action = <1>;\n};\n"},
	{"hv-ffa-regions", "/dts-v1/;\n/ {\n\tcompatible = \"arm,ffa-manifest-1.0\";\n"
			   "\tm { compatible = \"arm,ffa-manifest-memory-regions\"; r { pages-count = <1>; }; };\n};\n",
	 "/dts-v1/;\n/ {\n\tcompatible = \"arm,ffa-manifest-1.0\";\n"
	 "\tm { compatible = \"arm,ffa-manifest-memory-regions\"; r { pages-count = <1>; attributes = <3>; }; };\n};\n"},
	{"hv-ffa-spmc", "/dts-v1/;\n/ {\n\tcompatible = \"arm,ffa-core-manifest-1.0\";\n"
			"\tattribute { spmc_id = <0x1>; maj_ver = <1>; min_ver = <1>; };\n};\n",
	 "/dts-v1/;\n/ {\n\tcompatible = \"arm,ffa-core-manifest-1.0\";\n"
	 "\tattribute { spmc_id = <0x8000>; maj_ver = <1>; min_ver = <1>; };\n};\n"},
	{"hv-hafnium-manifest", "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = \"hafnium,hafnium\";\n"
				"\t\tvm1 { debug_name = \"a\"; };\n\t\tvm3 { debug_name = \"b\"; };\n\t};\n};\n",
	 "/dts-v1/;\n/ {\n\thypervisor {\n\t\tcompatible = \"hafnium,hafnium\";\n"
	 "\t\tvm1 { debug_name = \"a\"; };\n\t\tvm2 { debug_name = \"b\"; vcpu_count = <1>; mem_size = <0x1000>; };\n\t};\n};\n"},
};

const size_t rule_ncases = sizeof(rule_cases) / sizeof(rule_cases[0]);
