#!/bin/sh
# The formatter over every devicetree file of the corpus, in a temporary
# copy of the tree (cpp gets a fixed __TIMESTAMP__: beagleboard overlays
# record the file date, which formatting changes):
#  - `format -i` never fails internally (each result is verified against the
#    input's tokens before it is written) and refuses only files that do not
#    parse, which it leaves byte for byte;
#  - a second run changes nothing (idempotence);
#  - meaning: every .dts/.dtso that cpp + dtc compile from the original tree
#    gives a byte-identical DTB from the formatted tree (formatted includes).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copy=$tmp/tree
mkdir -p "$copy" "$tmp/work"
for d in "$CORPUS"/*/; do
	name=$(basename "$d")
	[ "$name" = Bindings ] && continue
	cp -R "$d" "$copy/$name"
done
fail=0

"$DTIDY" format -i -j2 "$copy" >"$tmp/out1" 2>"$tmp/err1"
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
	echo "FAIL: format -i over the corpus exited $rc"
	grep -v '\[syntax\]' "$tmp/err1" | head
	fail=1
fi
summary=$(tail -n 1 "$tmp/err1")
echo "format -i: $summary"

# files refused for syntax errors must be untouched
grep '\[syntax\]$' "$tmp/err1" | cut -d: -f1 | sort -u | while read -r f; do
	rel=${f#"$copy"/}
	cmp -s "$f" "$CORPUS/$rel" || echo "FAIL: $rel has syntax errors but was changed"
done >"$tmp/touched"
if [ -s "$tmp/touched" ]; then
	cat "$tmp/touched"
	fail=1
fi

"$DTIDY" format --check -j2 "$copy" >"$tmp/out2" 2>"$tmp/err2"
if [ -s "$tmp/out2" ]; then
	echo "FAIL: not idempotent; a second run would change:"
	head "$tmp/out2"
	fail=1
else
	echo "idempotence: a second run changes nothing"
fi

# idempotence at narrower widths too, where more values break (a first run
# once left lines that a second run broke again: 60 and 73 columns did)
for w in 40 60 73; do
	rm -rf "$tmp/narrow"
	mkdir -p "$tmp/narrow"
	for d in "$CORPUS"/*/; do
		[ "$(basename "$d")" = Bindings ] || cp -R "$d" "$tmp/narrow/"
	done
	"$DTIDY" format -i -j2 --line-width $w "$tmp/narrow" >/dev/null 2>&1
	"$DTIDY" format --check -j2 --line-width $w "$tmp/narrow" >"$tmp/out3" 2>/dev/null
	if [ -s "$tmp/out3" ]; then
		echo "FAIL: not idempotent at --line-width $w; a second run would change:"
		head "$tmp/out3"
		fail=1
	else
		echo "idempotence at --line-width $w: a second run changes nothing"
	fi
done
rm -rf "$tmp/narrow"

(cd "$CORPUS" && find . -type f \( -name '*.dts' -o -name '*.dtso' \) ! -path './Bindings/*' |
	sed 's|^\./||' | sort) >"$tmp/dts"
xargs -P2 -I{} sh "$here/format_meaning_one.sh" "$CORPUS" "$copy" {} "$tmp/work" \
	<"$tmp/dts" >"$tmp/meaning" 2>/dev/null
ok=$(grep -c '^OK' "$tmp/meaning")
skip=$(grep -c '^SKIP' "$tmp/meaning")
bad=$(grep -c '^FAIL' "$tmp/meaning")
echo "meaning: $ok DTBs identical, $bad differ, $skip originals dtc does not compile"
if [ "$bad" -ne 0 ] || [ "$ok" -lt 100 ]; then
	grep '^FAIL' "$tmp/meaning" | head -20
	fail=1
fi
[ "$fail" -eq 0 ]
