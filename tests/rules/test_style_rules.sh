#!/bin/sh
# The style family on cases of our own (tests/rules/style, see its README):
# each rule's findings in each mode of --style-mode, against the expected
# lines and against the kernel's dt-check-style on the same file; the good
# file silent in every mode; modes from .dtidy.yaml; the rules' old ids
# (renamed for the 7.4 checker) still working, with a note.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/style
oracle=$(cd "$CORPUS/.." && pwd)/oracles/dt-check-style
py=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-style.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
n=0
if [ ! -f "$oracle" ] || ! "$py" -c 'import ruamel.yaml' 2>/dev/null; then
	echo "FAIL: needs dt-check-style ($oracle) and python3-ruamel.yaml (make deps)"
	exit 1
fi
others=$("$DTIDY" rules | awk 'NR > 1 && $2 != "style" { print "--disable=" $2 }' | sort -u)
rank() { case $1 in relaxed) echo 0 ;; strict) echo 1 ;; *) echo 2 ;; esac; }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# dtidy's lines for rule $1 on file $2 with options $3...
lines() {
	r=$1 f=$2
	shift 2
	# shellcheck disable=SC2086
	(cd "$(dirname "$f")" && "$DTIDY" check -q --color=never --no-bindings $others "$@" \
		"$(basename "$f")" 2>/dev/null) | sed -n "s/^[^:]*:\([0-9]*\):.*\[$r\]\$/\1/p" | sort -n
}
checker_lines() {
	r=$1 f=$2 m=$3
	[ "$r" = unit-address-style ] && r=unit-address-format
	"$py" "$oracle" --mode="$m" "$f" 2>&1 >/dev/null |
		sed -n "s/^[^:]*:\([0-9]*\): \[$r\].*/\1/p" | sort -n
}

for mdir in relaxed strict stricter; do
	for f in "$dir/$mdir"/*.dts; do
		r=$(basename "$f" .dts)
		sort -n "${f%.dts}.expected" >"$T/want"
		n=$((n + 1))
		for mode in relaxed strict stricter; do
			lines "$r" "$f" --enable=style --style-mode=$mode >"$T/got"
			if [ "$(rank $mdir)" -le "$(rank $mode)" ]; then
				cmp -s "$T/want" "$T/got" ||
					bad "$r in $mode mode: lines $(tr '\n' ' ' <"$T/got"); want $(tr '\n' ' ' <"$T/want")"
			elif [ -s "$T/got" ]; then
				bad "$r is a $mdir rule but runs in $mode mode"
			fi
		done
		# named by its id, a rule runs whatever the mode
		lines "$r" "$f" --style-mode=relaxed --enable="$r" >"$T/got"
		cmp -s "$T/want" "$T/got" || bad "$r named with --enable: lines $(tr '\n' ' ' <"$T/got")"
		case $r in label-style | override-order | status-okay) continue ;; esac
		checker_lines "$r" "$f" "$mdir" >"$T/chk"
		c=${f%.dts}.checker
		if [ -f "$c" ]; then sort -n "$c" >"$T/cwant"; else cp "$T/want" "$T/cwant"; fi
		cmp -s "$T/cwant" "$T/chk" ||
			bad "dt-check-style's $r on $mdir/$r.dts: lines $(tr '\n' ' ' <"$T/chk"); the case says $(tr '\n' ' ' <"$T/cwant")"
	done
done
echo "style rules: $n cases, each in three modes and against dt-check-style"

# the good file: silent in every mode, for both
for mode in relaxed strict stricter; do
	# shellcheck disable=SC2086
	out=$(cd "$dir" && "$DTIDY" check -q --color=never --no-bindings $others --enable=style \
		--style-mode=$mode good.dts acme-soc.dtsi 2>&1)
	[ -z "$out" ] || bad "good.dts in $mode mode: $out"
	out=$(cd "$dir" && "$py" "$oracle" --mode=$mode good.dts acme-soc.dtsi 2>&1)
	[ -z "$out" ] || bad "dt-check-style on good.dts in $mode mode: $out"
done
echo "good.dts: silent in every mode"

# the mode from .dtidy.yaml; --style-mode wins over it
mkdir -p "$T/cfg"
cp "$dir/strict/hex-case.dts" "$T/cfg/board.dts"
printf 'style: {mode: relaxed}\n' >"$T/cfg/.dtidy.yaml"
[ -z "$(lines hex-case "$T/cfg/board.dts")" ] || bad "style: {mode: relaxed} still runs hex-case"
[ -n "$(lines hex-case "$T/cfg/board.dts" --style-mode=strict)" ] ||
	bad "--style-mode=strict does not win over the configuration"
printf 'rules:\n  style: {mode: strict}\n' >"$T/cfg/.dtidy.yaml"
[ -n "$(lines hex-case "$T/cfg/board.dts")" ] || bad "rules: {style: {mode: strict}} runs no hex-case"
printf 'style: on\n' >"$T/cfg/.dtidy.yaml"
[ -n "$(lines hex-case "$T/cfg/board.dts")" ] || bad "style: on is not strict by default"
# an override's mode, for its files only
cp "$T/cfg/board.dts" "$T/cfg/other.dts"
printf 'style: on\noverrides:\n  - files: ["other.dts"]\n    rules: { style: { mode: relaxed } }\n' \
	>"$T/cfg/.dtidy.yaml"
[ -n "$(lines hex-case "$T/cfg/board.dts")" ] && [ -z "$(lines hex-case "$T/cfg/other.dts")" ] ||
	bad "an override's style mode does not apply to its files alone"
printf 'style: {mode: strictest}\n' >"$T/cfg/.dtidy.yaml"
"$DTIDY" check -q "$T/cfg/board.dts" >"$T/out" 2>&1
[ $? -eq 2 ] && grep -q "relaxed, strict or stricter" "$T/out" ||
	bad "a bad style mode in .dtidy.yaml is not an error naming the modes: $(cat "$T/out")"
"$DTIDY" check -q --style-mode=loose "$T/cfg/board.dts" >"$T/out" 2>&1
[ $? -eq 2 ] || bad "--style-mode=loose is not a usage error"
echo "modes: .dtidy.yaml and --style-mode"

# old ids: --enable, the configuration and suppressions; one note each
rm "$T/cfg/.dtidy.yaml"
cp "$dir/strict/node-name.dts" "$T/cfg/board.dts"
(cd "$T/cfg" && "$DTIDY" check -q --color=never --enable=node-name-style --enable=node-name-style \
	board.dts) >"$T/out" 2>"$T/err"
[ "$(grep -c '\[node-name\]' "$T/out")" -eq 3 ] || bad "--enable=node-name-style: $(cat "$T/out")"
[ "$(grep -c "'node-name-style' is now called 'node-name'" "$T/err")" -eq 1 ] ||
	bad "--enable=node-name-style: not one note: $(cat "$T/err")"
printf 'style: on\nrules:\n  node-name-style: off\n' >"$T/cfg/.dtidy.yaml"
(cd "$T/cfg" && "$DTIDY" check -q --color=never board.dts) >"$T/out" 2>"$T/err"
! grep -q '\[node-name\]' "$T/out" || bad "node-name-style: off in .dtidy.yaml does not turn node-name off"
grep -q ".dtidy.yaml:3: rule 'node-name-style' is now called 'node-name'" "$T/err" ||
	bad "no note at the configuration's line: $(cat "$T/err")"
printf 'style: on\n' >"$T/cfg/.dtidy.yaml"
sed 's|^\tMy_Node {|\t/* dtidy: disable=node-name-style */\n&|' "$dir/strict/node-name.dts" >"$T/cfg/board.dts"
(cd "$T/cfg" && "$DTIDY" check -q --color=never board.dts) >"$T/out" 2>"$T/err"
[ "$(grep -c '\[node-name\]' "$T/out")" -eq 2 ] ||
	bad "/* dtidy: disable=node-name-style */ does not suppress node-name: $(cat "$T/out")"
grep -q "is now called 'node-name'" "$T/err" || bad "no note for the suppression's old id"
(cd "$T/cfg" && "$DTIDY" check -q --color=never --disable=line-length --enable=style \
	--style-mode=stricter "$dir/stricter/line-length-dts.dts") >"$T/out" 2>&1
! grep -q '\[line-length-dts\]' "$T/out" || bad "--disable=line-length does not turn line-length-dts off"
echo "old ids: node-name-style, line-length still work"

[ "$fail" -eq 0 ] && echo "style rules: ok"
exit "$fail"
