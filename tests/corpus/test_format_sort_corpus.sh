#!/bin/sh
# `format --sort` over the corpus, in a temporary copy of the tree:
#  - `format --sort -i` never fails internally (every sorted file is proven
#    to hold the same statements and to build the same semantic model);
#  - a second run changes nothing (idempotence);
#  - meaning: every .dts/.dtso that cpp + dtc compile from the original tree
#    compiles from the sorted tree (sorted includes) to the same tree, order
#    aside (format_sort_meaning_one.sh says how phandle numbers are matched).
# Prints how many files were sorted, how many nodes were left in their
# order, and the DTB comparisons. Under the sanitizers (DTIDY_SANITIZED),
# only every fourth board is compiled (the sort itself still runs on all).
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

# formatted first, so that what --sort changes is the order alone
"$DTIDY" format -i -j2 "$copy" >/dev/null 2>&1
"$DTIDY" format --sort --check -j2 "$copy" >"$tmp/would" 2>/dev/null
"$DTIDY" format --sort -i -j2 "$copy" >/dev/null 2>"$tmp/err1"
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
	echo "FAIL: format --sort -i over the corpus exited $rc"
	grep -v '\[syntax\]\|\[format-sort\]' "$tmp/err1" | head
	fail=1
fi
if grep -q '\[format-internal\]' "$tmp/err1"; then
	echo "FAIL: internal errors:"
	grep '\[format-internal\]' "$tmp/err1" | head
	fail=1
fi
refused=$(grep -c '\[format-sort\]' "$tmp/err1")
echo "format --sort -i: $(wc -l <"$tmp/would") files sorted, $refused nodes left in their order"
grep '\[format-sort\]' "$tmp/err1" | sed 's/.*left in its order: //; s/ \[format-sort\]//' |
	sed "s/'[^']*'/'X'/g" | sort | uniq -c | sort -rn | sed 's/^/    /'

"$DTIDY" format --sort --check -j2 "$copy" >"$tmp/out2" 2>/dev/null
if [ -s "$tmp/out2" ]; then
	echo "FAIL: not idempotent; a second run would change:"
	head "$tmp/out2"
	fail=1
else
	echo "idempotence: a second --sort run changes nothing"
fi

(cd "$CORPUS" && find . -type f \( -name '*.dts' -o -name '*.dtso' \) ! -path './Bindings/*' |
	sed 's|^\./||' | sort) >"$tmp/dts"
if [ -n "${DTIDY_SANITIZED:-}" ]; then
	awk 'NR % 4 == 1' "$tmp/dts" >"$tmp/dts.sub"
	mv "$tmp/dts.sub" "$tmp/dts"
fi
xargs -P2 -I{} sh "$here/format_sort_meaning_one.sh" "$CORPUS" "$copy" {} "$tmp/work" \
	<"$tmp/dts" >"$tmp/meaning" 2>/dev/null
ok=$(grep -ac '^OK' "$tmp/meaning")
skip=$(grep -ac '^SKIP' "$tmp/meaning")
bad=$(grep -ac '^FAIL' "$tmp/meaning")
echo "meaning: $ok trees the same, $bad differ, $skip originals dtc does not compile"
min=100
[ -n "${DTIDY_SANITIZED:-}" ] && min=25
if [ "$bad" -ne 0 ] || [ "$ok" -lt "$min" ]; then
	grep -a '^FAIL' "$tmp/meaning" | head -20
	fail=1
fi
[ "$fail" -eq 0 ]
