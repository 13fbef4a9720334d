#!/bin/sh
# dtc-findings.sh TMPDIR BOARD: preprocesses one corpus board as the kernel
# build does and prints dtc's findings with the kernel's default warnings
# ("w0") and with W=1 ("w1") as "check<TAB>file<TAB>line<TAB>set" lines.
# Used by test_dtc_parity.sh (through xargs, two boards at a time).
tmp=$1 f=$2
d=$(dirname "$f"); arch=$(echo "$f" | cut -d/ -f2)
pp="$tmp/$(echo "$f" | tr / _).pp"
cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
	-I "$CORPUS/$d" -I "$CORPUS/src/$arch" -I "$CORPUS/src" -I "$CORPUS/include" \
	"$CORPUS/$f" -o "$pp" 2>/dev/null || exit 0
# Kernel scripts/Makefile.dtbs: the default set minus these unless W=1.
w0="-Wno-unique_unit_address -Wno-unit_address_vs_reg -Wno-avoid_unnecessary_addr_size -Wno-alias_paths -Wno-simple_bus_reg"
w1="-Wno-unique_unit_address -Wunique_unit_address_if_enabled"
for set in w0 w1; do
	if [ $set = w0 ]; then flags=$w0; else flags=$w1; fi
	case $f in *.dtso) flags="$flags -@";; esac
	# Debian's dtc 1.6.1 still has the "interrupt providers need
	# #address-cells" half of interrupt_provider, which dtc 1.7 (the
	# kernel's scripts/dtc) dropped as wrong: filtered out.
	# shellcheck disable=SC2086
	timeout 20 dtc -I dts -O dtb -o /dev/null -b 0 -i "$CORPUS/$d" -i "$CORPUS/src/$arch" \
		$flags "$pp" 2>&1 |
		grep -v "Missing #address-cells in interrupt provider" |
		sed -n "s/^\([^:]*\):\([0-9]*\)\.[0-9-]*[0-9.]*: \(Warning\|ERROR\) (\([a-z0-9_]*\)).*/\4	\1	\2	$set/p"
done
