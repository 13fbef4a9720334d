#!/bin/sh
# The schema family through `dtidy check`, on small boards against the
# kernel's real binding documents (the corpus's Bindings/) and dt-schema's
# core schemas (the corpus's dt-schema/schemas): one exact finding (file,
# line, column, message) per rule, a .dtsi's finding in the .dtsi and an
# override's in the board, a node that lost a property kept by
# --diff-base, the family off (and saying why) without core schemas, and
# broken binding documents that give a warning each while the rest runs.
set -u
TEST_NAME=schema-rules
. "$(dirname "$0")/../testlib.sh"
: "${CORPUS:?CORPUS must name the shared corpus}"
BINDINGS=$CORPUS/Bindings
SCHEMAS=$CORPUS/dt-schema/schemas
cd "$T" || exit 1
export XDG_CACHE_HOME="$T/cache"
unset DTIDY_SCHEMAS

mkdir -p src
cat >src/soc.dtsi <<'D'
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	interrupt-parent = <&gic>;

	gic: interrupt-controller@100 {
		compatible = "arm,gic-400";
		reg = <0x100 0x1000>, <0x2000 0x2000>;
		interrupt-controller;
		#interrupt-cells = <3>;
	};

	clk: clock-controller@500 {
		compatible = "fixed-clock";
		#clock-cells = <0>;
		clock-frequency = <24000000>;
	};

	uart0: serial@1000 {
		compatible = "snps,dw-apb-uart";
		reg = <0x1000 0x100>;
		acme,baud = <9600>;
		clocks = <&clk>, <&clk>, <&clk>;
	};

	uart1: serial@2000 {
		compatible = "snps,dw-apb-uart";
		status = "disabled";
	};

	bus@3000 {
		compatible = "snps,designware-i2c";
		reg = <0x3000 0x100>;
		interrupts = <0 10 4>;
		clock-names = "ref";
	};
};
D
cat >src/board.dts <<'D'
/dts-v1/;
#include "soc.dtsi"

/ {
	compatible = "snps,board";
	model = "A test board";
};

&uart1 {
	status = "okay";
};
D

check() {
	"$DTIDY" check -q --bindings "$BINDINGS" --schemas "$SCHEMAS" "$@" 2>&1 |
		grep '\[schema-' | sed "s|$T/||"
}

out=$(cd src && check board.dts)
expect() {	# NAME LINE: the exact line must be among the findings
	if printf '%s\n' "$out" | grep -qxF "$2"; then
		ok "$1"
	else
		not_ok "$1" "want: $2
     got:
$out"
	fi
}
expect "schema-required at the board's override that turned the node on" \
	"board.dts:9:1: warning: 'reg' is a required property (serial/snps-dw-apb-uart.yaml) [schema-required]"
expect "schema-unexpected at the property, in the .dtsi that wrote it" \
	"soc.dtsi:22:3: warning: Unevaluated properties are not allowed ('acme,baud' was unexpected) (serial/snps-dw-apb-uart.yaml) [schema-unexpected]"
expect "schema-undocumented-property at a property no schema types" \
	"soc.dtsi:22:3: warning: no schema documents property 'acme,baud': no binding gives it a type, so its value cannot be decoded (dt-core.yaml) [schema-undocumented-property]"
expect "schema-value names the property and its rows cut by #clock-cells" \
	"soc.dtsi:23:3: warning: clocks: [[2], [2], [2]] is too long (serial/snps-dw-apb-uart.yaml) [schema-value]"
expect "schema-node-name at the node's header" \
	"soc.dtsi:31:2: warning: 'bus@3000' does not match '^i2c(@.+|-[a-z0-9]+)?\$' (i2c/i2c-controller.yaml) [schema-node-name]"
expect "schema-dependency at the property that needs another" \
	"soc.dtsi:35:3: warning: 'clocks' is a dependency of 'clock-names' (clock/clock.yaml) [schema-dependency]"
# undocumented-compatible, with the schemas: what dt-validate -m calls
# "failed to match any schema with compatible"
got=$(cd src && "$DTIDY" check -q --bindings "$BINDINGS" --schemas "$SCHEMAS" board.dts 2>&1 |
	grep '\[undocumented-compatible\]')
if [ "$got" = 'board.dts:5:15: warning: no binding schema documents compatible "snps,board" (no schema'"'"'s compatible lists it) [undocumented-compatible]' ]; then
	ok "undocumented-compatible: the compatible no schema lists, and only it"
else
	not_ok "undocumented-compatible: the compatible no schema lists, and only it" "$got"
fi

# a board that leaves the node disabled: not held to `required`; and a
# .dtsi alone is not validated (dt-validate never sees one), its findings
# come through the boards
printf '/dts-v1/;\n#include "soc.dtsi"\n/ {\n\tcompatible = "snps,board";\n\tmodel = "B";\n};\n' \
	>src/quiet.dts
quiet=$(cd src && check quiet.dts)
if printf '%s\n' "$quiet" | grep -q "serial/snps-dw-apb-uart.yaml) \[schema-required\]" ||
   ! printf '%s\n' "$quiet" | grep -q "soc.dtsi:22:3: .*acme,baud"; then
	not_ok "a disabled node is not held to required" "$quiet"
else
	ok "a disabled node is not held to required"
fi
if (cd src && check soc.dtsi) | grep -q .; then
	not_ok "a .dtsi alone is not validated"
else
	ok "a .dtsi alone is not validated"
fi

# JSON: the node and the (missing) property
json=$(cd src && "$DTIDY" check -q --format=json --bindings "$BINDINGS" --schemas "$SCHEMAS" \
	--enable schema-required --disable structural --disable style --disable bindings board.dts 2>/dev/null)
if printf '%s' "$json" | grep -q '"rule": *"schema-required"' &&
   printf '%s' "$json" | grep -q '"node": *"/serial@2000"' &&
   printf '%s' "$json" | grep -q '"property": *"reg"'; then
	ok "JSON names the node and the property"
else
	not_ok "JSON names the node and the property" "$json"
fi

# --disable=schema, and .dtidy.yaml, turn the family off
if (cd src && "$DTIDY" check -q --disable=schema --bindings "$BINDINGS" --schemas "$SCHEMAS" \
	board.dts 2>&1) | grep -q '\[schema-'; then
	not_ok "--disable=schema turns the family off"
else
	ok "--disable=schema turns the family off"
fi
printf 'rules:\n  schema: off\n' >src/.dtidy.yaml
if (cd src && check board.dts) | grep -q .; then
	not_ok ".dtidy.yaml turns the family off"
else
	ok ".dtidy.yaml turns the family off"
fi
rm src/.dtidy.yaml

# --diff-base: the property a commit deleted is missing from an unchanged node
if command -v git >/dev/null; then
	(cd src && git init -q . && git add . && git -c user.name=t -c user.email=t@t commit -qm base) >/dev/null
	sed -i '/reg = <0x1000 0x100>;/d' src/soc.dtsi
	got=$(cd src && "$DTIDY" check -q --diff-base HEAD --bindings "$BINDINGS" --schemas "$SCHEMAS" \
		board.dts 2>&1 | grep '\[schema-required\]')
	case $got in
	*"soc.dtsi:19:9: warning: 'reg' is a required property (serial/snps-dw-apb-uart.yaml)"*)
		ok "--diff-base keeps a required finding whose node lost the line" ;;
	*) not_ok "--diff-base keeps a required finding whose node lost the line" "$got" ;;
	esac
	(cd src && git checkout -q soc.dtsi)
fi

# no core schemas: off, said once, and dtidy rules says why
err=$(cd src && "$DTIDY" check -q --bindings "$BINDINGS" --schemas "$T/nowhere" board.dts 2>&1 >/dev/null)
n=$(printf '%s\n' "$err" | grep -c 'the schema rules are off')
if [ "$n" = 1 ] && printf '%s' "$err" | grep -q "has no types.yaml"; then
	ok "no core schemas: the family is off and says so once"
else
	not_ok "no core schemas: the family is off and says so once" "$err"
fi
v=$(cd src && "$DTIDY" check -v -q --bindings "$BINDINGS" --schemas "$T/nowhere" board.dts 2>&1 |
	grep 'schema rules: ')
case $v in
"board.dts: schema rules: off: --schemas $T/nowhere has no types.yaml"*)
	ok "check -v says why the family is off" ;;
*) not_ok "check -v says why the family is off" "$v" ;;
esac
why=$("$DTIDY" rules schema-required --schemas "$T/nowhere" | grep '^here:')
case $why in
"here: off: "*) ok "dtidy rules schema-required says why it is off" ;;
*) not_ok "dtidy rules schema-required says why it is off" "$why" ;;
esac

# broken binding documents: a warning each, the rest of the run unharmed
mkdir -p bind/serial
cp "$BINDINGS/vendor-prefixes.yaml" "$BINDINGS/serial/snps-dw-apb-uart.yaml" bind/serial/ 2>/dev/null
mv bind/serial/vendor-prefixes.yaml bind/
cp "$BINDINGS/serial/serial.yaml" "$BINDINGS/serial/rs485.yaml" bind/serial/ 2>/dev/null
printf 'this: [is not: yaml\n' >bind/serial/broken.yaml
cat >bind/serial/acme,nowhere.yaml <<'Y'
%YAML 1.2
---
$id: http://devicetree.org/schemas/serial/acme,nowhere.yaml#
$schema: http://devicetree.org/meta-schemas/core.yaml#
title: A binding whose $ref goes nowhere
maintainers:
  - A Person <a@example.com>
allOf:
  - $ref: /schemas/serial/no-such-file.yaml#
properties:
  compatible:
    const: acme,nowhere
required:
  - compatible
unevaluatedProperties: false
Y
got=$(cd src && "$DTIDY" check -q --bindings "$T/bind" --schemas "$SCHEMAS" board.dts 2>&1)
rc=$?
if printf '%s' "$got" | grep -q "broken.yaml:2:1: warning: not YAML" &&
   printf '%s' "$got" | grep -q "acme,nowhere.yaml:[0-9]*:[0-9]*: warning: .*no-such-file" &&
   printf '%s' "$got" | grep -q "soc.dtsi:22:3: .*'acme,baud' was unexpected"; then
	ok "broken documents: a warning each, the rest validated (exit $rc)"
else
	not_ok "broken documents: a warning each, the rest validated" "$got"
fi
finish
