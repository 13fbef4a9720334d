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
