#!/bin/sh
# The style family against the kernel's own checker: dt-check-style (7.4
# cycle, ../shared/oracles) and `dtidy check --enable=style` on the corpus's
# Linux files (src/: .dts, .dtsi, .dtso), in each of its modes (relaxed,
# strict, stricter), finding by finding: the same file, line and rule id.
# Every difference must be one that style-deviations.txt lists with its
# reason (where the checker's regexes read the file wrong), and every row
# there must still explain something. Prints the recall (the checker's
# findings dtidy reports on the same line with the same id) and dtidy's
# extras of each mode.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
table=$here/style-deviations.txt
oracle=$(cd "$CORPUS/.." && pwd)/oracles/dt-check-style
py=/usr/bin/python3
if [ ! -f "$oracle" ]; then
	echo "FAIL: no checker at $oracle"
	exit 1
fi
if ! "$py" -c 'import ruamel.yaml' 2>/dev/null; then
	echo "FAIL: dt-check-style needs Debian's python3-ruamel.yaml (make deps)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$CORPUS" && find src \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | sort) \
	>"$tmp/files"
# the style family's ids; the checker's unit-address-format is dtidy's
# unit-address-style (dtc's unit-address-format, in the structural family,
# has the id)
"$DTIDY" rules | awk '$2 == "style" { print $1 }' >"$tmp/ids"
others=$("$DTIDY" rules | awk 'NR > 1 && $2 != "style" { print "--disable=" $2 }' | sort -u)
fail=0
: >"$tmp/used"
for mode in relaxed strict stricter; do
	mkdir -p "$tmp/$mode"
	# the checker is Python: two at a time, each batch's output in its own file
	(cd "$CORPUS" && xargs -P2 -n 40 sh -c \
		'py=$0 o=$1 m=$2 d=$3; shift 3
		 "$py" "$o" --mode="$m" -j1 "$@" 2>"$(mktemp "$d/o.XXXXXX")" >/dev/null; true' \
		"$py" "$oracle" "$mode" "$tmp/$mode" <"$tmp/files")
	cat "$tmp/$mode"/o.* |
		sed -n 's/^\([^:]*\):\([0-9]*\): \[\([a-z-]*\)\].*/\1:\2 \3/p' |
		sed 's/ unit-address-format$/ unit-address-style/' | sort -u >"$tmp/checker.$mode"
	# shellcheck disable=SC2086
	(cd "$CORPUS" && "$DTIDY" check -q -j2 --color=never --no-bindings --no-cache \
		--enable=style --style-mode="$mode" $others $(cat "$tmp/files")) 2>&1 |
		sed -n 's/^\([^:]*\):\([0-9]*\):[0-9]*: [a-z]*: .*\[\([a-z-]*\)\]$/\1:\2 \3/p' |
		awk 'NR == FNR { id[$1] = 1; next } id[$2]' "$tmp/ids" - | sort -u >"$tmp/dtidy.$mode"
	comm -23 "$tmp/checker.$mode" "$tmp/dtidy.$mode" | sed 's/^/checker-only /' >"$tmp/diff.$mode"
	comm -13 "$tmp/checker.$mode" "$tmp/dtidy.$mode" | sed 's/^/dtidy-only /' >>"$tmp/diff.$mode"
	total=$(wc -l <"$tmp/checker.$mode")
	same=$(comm -12 "$tmp/checker.$mode" "$tmp/dtidy.$mode" | wc -l)
	missed=$(grep -c '^checker-only' "$tmp/diff.$mode")
	extra=$(grep -c '^dtidy-only' "$tmp/diff.$mode")
	if [ "$total" -eq 0 ]; then
		echo "FAIL: $mode: the checker reported nothing (did it run?)"
		fail=1
		continue
	fi
	awk -v t="$total" -v s="$same" -v m="$missed" -v e="$extra" -v mode="$mode" 'BEGIN {
		printf "%-8s checker %5d findings, dtidy %5d of them at the same line and id (recall %.2f%%); %d not reported, %d extra\n",
			mode, t, s, 100 * s / t, m, e }'
	if awk -f "$here/style_parity.awk" -v used="$tmp/used.$mode" "$table" "$tmp/diff.$mode" \
		>"$tmp/unexplained.$mode"; then
		echo "  ok: every difference is a listed deviation"
	else
		echo "FAIL: $mode: differences not in style-deviations.txt:"
		head -20 "$tmp/unexplained.$mode"
		fail=1
	fi
	cat "$tmp/used.$mode" >>"$tmp/used" 2>/dev/null
done
# every row still explains something in some mode
awk -F'\t' '!/^#/ && !/^[ \t]*$/ { print NR }' "$table" | sort -u >"$tmp/rows"
sort -u "$tmp/used" | comm -23 "$tmp/rows" - >"$tmp/stale"
if [ -s "$tmp/stale" ]; then
	echo "FAIL: rows of style-deviations.txt that explain nothing any more (lines):" $(cat "$tmp/stale")
	fail=1
fi
[ "$fail" -eq 0 ] && echo "style parity: ok"
exit "$fail"
