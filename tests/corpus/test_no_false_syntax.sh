#!/bin/sh
# Every devicetree file of the corpus's own trees reads as its build reads
# it: `dtidy check TREE`, run the way a user runs it on a whole tree,
# reports no `syntax` finding except on the inputs broken on purpose
# (U-Boot's tools/binman/test/pack/invalid.dts; dtc's own tests are in
# dtc-tests/, judged against dtc by test_syntax.sh). A Zephyr overlay or a
# ZMK keymap uses the board's labels: no phandle-references there either.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
broken='^u-boot/tools/binman/test/pack/invalid\.dts:'

for tree in src u-boot tf-a zmk zephyr beagleboard xen-troops zephyr-xen; do
	[ -d "$CORPUS/$tree" ] || { echo "FAIL: $CORPUS/$tree is missing"; fail=1; continue; }
	(cd "$CORPUS" && "$DTIDY" check -j2 --color=never "$tree") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	nfiles=$(find "$CORPUS/$tree" -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \
		-o -name '*.overlay' -o -name '*.keymap' | wc -l)
	if [ "$rc" -gt 1 ]; then
		echo "FAIL: dtidy check $tree exited $rc"
		head -5 "$tmp/err"
		fail=1
		continue
	fi
	grep '\[syntax\]$' "$tmp/out" | grep -v "$broken" >"$tmp/syntax"
	grep -E '\.(overlay|keymap):[0-9]+:[0-9]+: .*\[phandle-references\]$' "$tmp/out" >"$tmp/refs"
	# the board's labels, seen from a .dtsi that an overlay includes
	grep '\[phandle-references\]$' "$tmp/out" | grep -E '^(zephyr|zmk|zephyr-xen)/' >>"$tmp/refs"
	if [ -s "$tmp/syntax" ] || [ -s "$tmp/refs" ]; then
		echo "FAIL: $tree: $(sort -u "$tmp/syntax" | cut -d: -f1 | sort -u | wc -l) files with syntax findings, $(wc -l <"$tmp/refs") board-label references in overlays:"
		head -20 "$tmp/syntax" "$tmp/refs"
		fail=1
	else
		echo "ok   $tree: $nfiles files, no false syntax finding"
	fi
done
# a .dtsi using macros its board defines is checked as that board reads it
# (imx8mp-nominal.dtsi uses the IMX8MP_CLK_* of the clock header its boards
# include), alone or within its tree
for target in src/arm64/freescale/imx8mp-nominal.dtsi src/arm64/freescale; do
	(cd "$CORPUS" && "$DTIDY" check --color=never "$target") >"$tmp/out" 2>&1
	if grep -q '^src/arm64/freescale/imx8mp-nominal.dtsi:1:1: note: checked as src/arm64/freescale/imx8mp-skov-basic.dts reads it' "$tmp/out" &&
	   ! grep -q '^src/arm64/freescale/imx8mp-nominal.dtsi:.*not defined here' "$tmp/out"; then
		echo "ok   $target: imx8mp-nominal.dtsi checked as imx8mp-skov-basic.dts reads it"
	else
		echo "FAIL: $target: imx8mp-nominal.dtsi not checked in its board's context"
		grep 'imx8mp-nominal' "$tmp/out" | head -5
		fail=1
	fi
done
(cd "$CORPUS" && "$DTIDY" check -v --color=never src/arm64/freescale/imx8mp-nominal.dtsi) >/dev/null 2>"$tmp/err"
if grep -q '^src/arm64/freescale/imx8mp-nominal.dtsi: includer: src/arm64/freescale/imx8mp-skov-basic.dts ' "$tmp/err"; then
	echo "ok   check -v names the board a .dtsi is read with"
else
	echo "FAIL: check -v does not name imx8mp-nominal.dtsi's board"
	cat "$tmp/err"
	fail=1
fi
# the broken one stays broken
(cd "$CORPUS" && "$DTIDY" check --color=never u-boot/tools/binman/test/pack/invalid.dts) >"$tmp/out" 2>&1
if ! grep -q '^u-boot/tools/binman/test/pack/invalid.dts:6:1: error: .*\[syntax\]$' "$tmp/out"; then
	echo "FAIL: u-boot/tools/binman/test/pack/invalid.dts: no syntax error at 6:1"
	cat "$tmp/out"
	fail=1
else
	echo "ok   u-boot's pack/invalid.dts still has its syntax error where dtc puts it"
fi
exit $fail
