#!/bin/sh
# dtidy check with the rule engine as a user runs it: --fix in place then
# re-check, .dtidy.yaml found by walking up (severities, overrides, unknown
# keys), --enable/--disable, suppression comments in a .dtsi, dtidy rules.
set -u
TEST_NAME=rules-cli
. "$(dirname "$0")/../testlib.sh"
cd "$T" || exit 1
mkdir -p proj/boards proj/include

cat >proj/include/irq.h <<'H'
#define GIC_PPI 1
H
cat >proj/boards/soc.dtsi <<'D'
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	gic: interrupt-controller@2c001000 {
		compatible = "arm,gic-400";
		#interrupt-cells = <3>;
		interrupt-controller;
		reg = <0 0x2c001000 0 0x1000>;
	};
	/* dtidy: disable=hv-node-name */
	hv: hypervisor@38000000 {
		compatible = "xen,xen-4.19", "xen,xen";
		reg = <0 0x38000000 0 0x1000000>;
		interrupts = <1 15 4>;
		interrupt-parent = <&gic>;
	};
};
D
cat >proj/boards/board.dts <<'D'
/dts-v1/;
#include <irq.h>
#include "soc.dtsi"

&hv {
	compatible = "xen,xen",
		     "xen,xen-4.19";
};

/ {
	kvm {
		compatible = "linux,kvm";
		hypercall-instructions = <0x44000022>;
	};
};
D
cp proj/boards/board.dts board.orig

# --- findings, exit codes, suppression in the .dtsi ------------------------
"$DTIDY" check -I proj/include proj/boards/board.dts >out 2>err
rc=$?
cat >want <<'W'
proj/boards/board.dts:6:15: error: "xen,xen" must come after the versioned "xen,xen-4.19" [hv-compatible-order]
proj/boards/board.dts:7:8: error: "xen,xen-4.19" must be the first compatible entry: Linux reads the Xen ABI version from the first one [hv-compatible-order]
proj/boards/board.dts:11:2: warning: hypervisor node 'kvm' must be named 'hypervisor': Linux's early scan looks for the depth-1 node of that name [hv-node-name]
proj/boards/board.dts:13:3: warning: "hypercall-instructions" is never read: Linux reads "hcall-instructions" [hv-kvm]
W
if [ $rc -eq 1 ] && diff -u want out >diff.txt; then
	ok "hv findings at the board's lines; the .dtsi's suppression holds (exit 1)"
else
	not_ok "hv findings" "exit $rc: $(cat diff.txt err | head -8)"
fi

# --- --fix: in place, atomically, then re-checked -------------------------
"$DTIDY" check --fix -I proj/include proj/boards/board.dts >out 2>err
rc=$?
cat >want <<'W'
/dts-v1/;
#include <irq.h>
#include "soc.dtsi"

&hv {
	compatible = "xen,xen-4.19",
		     "xen,xen";
};

/ {
	kvm {
		compatible = "linux,kvm";
		hcall-instructions = <0x44000022>;
	};
};
W
if diff -u want proj/boards/board.dts >diff.txt; then
	ok "--fix reorders compatible and renames hypercall-instructions, layout kept"
else
	not_ok "--fix result" "$(head -20 diff.txt)"
fi
if [ $rc -eq 0 ] && grep -q "hv-node-name" out && ! grep -q "hv-compatible-order\|hv-kvm" out; then
	ok "--fix re-checks: only the unfixable warning is left (exit 0)"
else
	not_ok "--fix re-check" "exit $rc: $(cat out err | head -5)"
fi
if [ -z "$(find proj -name '*.tmp*' -o -name '.*~' | head -1)" ]; then
	ok "--fix leaves no temporary files"
else
	not_ok "--fix leaves no temporary files" "$(find proj | head)"
fi
cp board.orig proj/boards/board.dts

# --- .dtidy.yaml found by walking up --------------------------------------
cat >proj/.dtidy.yaml <<'Y'
include: [include]
rules:
  hv-compatible-order: warning
overrides:
  - files: ["boards/*.dts"]
    rules: { hv-kvm: off }
Y
"$DTIDY" check proj/boards/board.dts >out 2>err
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c 'warning: .*\[hv-compatible-order\]' out)" -eq 2 ] &&
	! grep -q 'hv-kvm' out; then
	ok ".dtidy.yaml above the file: include path, severity and a glob override apply"
else
	not_ok ".dtidy.yaml walking up" "exit $rc: $(cat out err | head -5)"
fi
"$DTIDY" check --enable hv-kvm --disable hv-node-name proj/boards/board.dts >out 2>err
if grep -q 'hv-kvm' out && ! grep -q 'hv-node-name' out; then
	ok "--enable/--disable override the configuration"
else
	not_ok "--enable/--disable" "$(cat out err | head -5)"
fi
printf 'rules:\n  hv-compatible-order: loud\nstyl: kernel\n' >proj/.dtidy.yaml
"$DTIDY" check proj/boards/board.dts >out 2>err
rc=$?
if [ $rc -eq 2 ] && grep -q "^proj/.dtidy.yaml:2:24: error: 'hv-compatible-order': severity must be" out &&
	grep -q "^proj/.dtidy.yaml:3:1: error: unknown key 'styl'" out; then
	ok "a bad .dtidy.yaml is reported at file:line:col (exit 2)"
else
	not_ok "bad .dtidy.yaml" "exit $rc: $(cat out err | head -5)"
fi
rm proj/.dtidy.yaml

# --- dtidy rules ----------------------------------------------------------
"$DTIDY" rules >out
for id in hv-node-name hv-compatible-order hv-abi-version hv-reg hv-interrupts hv-uefi \
	hv-epapr hv-kvm xen-dom0less unused-suppression; do
	grep -q "^$id " out || not_ok "dtidy rules lists $id"
done
ok "dtidy rules lists the hv family and unused-suppression"
"$DTIDY" rules hv-kvm >out
if grep -q '^Bad:' out && grep -q '^Good:' out && grep -q 'epapr_paravirt.c' out &&
	grep -q 'fixable: yes' out; then
	ok "dtidy rules hv-kvm: help with the source it cites and examples"
else
	not_ok "dtidy rules hv-kvm" "$(head -5 out)"
fi
"$DTIDY" rules no-such-rule >out 2>err
[ $? -eq 2 ] && ok "dtidy rules with an unknown id: exit 2" || not_ok "unknown rule id exit 2"

finish
