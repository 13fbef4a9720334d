#!/bin/sh
# Golden tests of the formatter: tests/golden/format/NAME.in.EXT must format
# to NAME.out.EXT (options, if any, in NAME.args), and NAME.out.EXT must
# format to itself (idempotence; a canonical file is left as it is).
dir=$(dirname "$0")/format
DTIDY=${DTIDY:-build/dtidy}
fail=0
n=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for in in "$dir"/*.in.*; do
	name=${in%%.in.*}
	ext=${in##*.in.}
	out=$name.out.$ext
	args=""
	[ -f "$name.args" ] && args=$(cat "$name.args")
	n=$((n + 1))
	# shellcheck disable=SC2086
	if ! "$DTIDY" format $args "$in" >"$tmp"; then
		echo "FAIL $in: dtidy format failed"
		fail=$((fail + 1))
		continue
	fi
	if ! cmp -s "$tmp" "$out"; then
		echo "FAIL $in: output differs from $out"
		diff -u "$out" "$tmp" | head -20
		fail=$((fail + 1))
		continue
	fi
	# shellcheck disable=SC2086
	if ! "$DTIDY" format --check $args "$out" >/dev/null 2>&1; then
		echo "FAIL $out: not a fixed point (formatting it again changes it)"
		fail=$((fail + 1))
	fi
done
echo "format golden: $n cases, $fail failed"
[ "$fail" -eq 0 ]
