#!/bin/sh
# Parity with dtc 1.8.1, the dtc the kernel bundles, at the kernel's three
# warning levels (W=0, W=1, W=2: the dtc flags of scripts/Makefile.dtbs).
# On every corpus board and every input of dtc's own test suite
# (dtc-tests/), board by board:
# - each dtc finding is found by dtidy's rule that mirrors the check (same
#   file and line, dtidy's related location, or a line inside the node or
#   property dtc names), and
# - each finding of a mirrored dtidy rule is one dtc makes,
# except the deviations listed, each with its reason, in
# tests/corpus/dtc-deviations.txt, which must all still apply (see
# dtc_parity.awk). Prints each level's counts, for the Linux boards and for
# dtc-tests.
# Also: dtc's bad-*.dts tests (dtc-bad-tests.tsv) make dtc 1.8.1 report the
# check and dtidy the rule that mirrors it.
# dtc's findings depend only on the corpus, cpp and dtc: they are kept in
# build/dtc-parity-refs under a stamp of all of those.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
CORPUS=$(cd "$CORPUS" && pwd -P)
export CORPUS DTIDY

DTC=$(sh "$here/../dtc-oracle.sh") || { echo "FAIL: cannot build dtc 1.8.1 (make deps)"; exit 1; }
export DTC
command -v jq >/dev/null && command -v cpp >/dev/null || { echo "FAIL: needs jq and cpp (make deps)"; exit 1; }

# The corpus's Linux boards, then dtc's test inputs (raw DTS, no cpp).
boards=$tmp/boards
{
	grep -v '^#' "$CORPUS/linux-toplevel.txt" | sed '/^$/d'
	(cd "$CORPUS" && find dtc-tests -name '*.dts' ! -name 'include*' | sort)
} >"$boards"

# 1. dtc's findings (cached)
refs=$root/build/dtc-parity-refs
stamp=$( { cksum <"$DTC"; cpp --version | head -n 1
	cat "$here/dtc-findings.sh" "$boards"
	find "$CORPUS" -path "$CORPUS/Bindings" -prune -o -type f -printf '%P %s %T@\n' | sort; } |
	cksum)
if [ "$(cat "$refs/stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$refs" "$refs.new"
	mkdir -p "$refs.new" || exit 1
	xargs -P2 -n1 sh "$here/dtc-findings.sh" "$refs.new" <"$boards"
	cat "$refs.new"/*.ref | sed "s|	$CORPUS/|	|" >"$tmp/all.tsv" && mv "$tmp/all.tsv" "$refs.new/dtc.tsv"
	rm -f "$refs.new"/*.ref
	echo "$stamp" >"$refs.new/stamp"
	mv "$refs.new" "$refs" || exit 1
fi
cp "$refs/dtc.tsv" "$tmp/dtc.tsv"

# 2. dtidy's findings, every level, board by board (one JSON document per
# board, named after it with / as %), then one table:
#   board, rule, file, line, related file, related line
mkdir "$tmp/dtidy"
(cd "$CORPUS" && xargs -P2 -I{} sh -c '
	"$DTIDY" check --level=2 --no-bindings --format=json -j1 "./$1" >"$2/$(echo "$1" | tr / %).json"
	rc=$?
	[ $rc -le 1 ] || echo "FAIL: dtidy check $1 exited $rc" >>"$2.failed"' sh {} "$tmp/dtidy" <"$boards")
if [ -s "$tmp/dtidy.failed" ]; then
	cat "$tmp/dtidy.failed"
	exit 1
fi
jq -r '(input_filename | sub(".*/"; "") | sub("\\.json$"; "") | gsub("%"; "/")) as $b
	| .diagnostics[] | [$b, .rule, .file, (.line|tostring),
	  (.related.file // ""), ((.related.line // "")|tostring)] | @tsv' "$tmp/dtidy"/*.json \
	>"$tmp/dtidy.raw" || { echo "FAIL: dtidy's JSON does not parse"; exit 1; }
sed "s|	\./|	|g; s|$CORPUS/||g" "$tmp/dtidy.raw" >"$tmp/dtidy.tsv"
"$DTIDY" rules --format=json |
	jq -r '.rules[] | select(.dtc_check != null) | [.id, .dtc_check, (.level|tostring)] | @tsv' \
	>"$tmp/rules.tsv"
if [ ! -s "$tmp/rules.tsv" ]; then
	echo "FAIL: 'dtidy rules --format=json' lists no mirrored dtc checks"
	exit 1
fi

# 3. compare, level by level
for level in 0 1 2; do
	awk -v level=$level -f "$here/dtc_parity.awk" "$tmp/rules.tsv" "$here/dtc-deviations.txt" \
		"$tmp/dtc.tsv" "$tmp/dtidy.tsv" >"$tmp/cmp$level"
	grep '^MISSED\|^EXTRA' "$tmp/cmp$level" | sort -u | tr '\t' ' '
	grep -q '^MISSED\|^EXTRA' "$tmp/cmp$level" && fail=1
	grep '^SUMMARY' "$tmp/cmp$level" | cut -f2
done

# 4. every deviation listed still applies
grep -v '^#' "$here/dtc-deviations.txt" | sed '/^$/d' | cut -f1-3 | sort -u >"$tmp/listed"
cat "$tmp"/cmp? | awk -F'\t' '$1 == "USED" { print $2 "\t" $3 "\t" $4 }' | sort -u >"$tmp/used"
comm -23 "$tmp/listed" "$tmp/used" | while IFS='	' read -r kind rule where; do
	echo "STALE: dtc-deviations.txt lists '$kind $rule $where', which no longer happens"
done | grep . && fail=1

# 5. dtc's bad-*.dts tests: dtc 1.8.1 reports the check, dtidy the rule
while IFS='	' read -r file rule; do
	case $file in '#'*|'') continue;; esac
	check=$(awk -F'\t' -v r="$rule" '$1 == r { print $2 }' "$tmp/rules.tsv")
	if ! awk -F'\t' -v b="dtc-tests/$file" -v c="$check" '$1 == b && $3 == c { f = 1 } END { exit !f }' \
		"$tmp/dtc.tsv"; then
		echo "FAIL: dtc 1.8.1 does not report '$check' on dtc-tests/$file"
		fail=1
	elif ! awk -F'\t' -v b="dtc-tests/$file" -v r="$rule" '$1 == b && $2 == r { f = 1 } END { exit !f }' \
		"$tmp/dtidy.tsv"; then
		echo "FAIL: dtc-tests/$file does not trigger $rule"
		fail=1
	fi
done <"$here/dtc-bad-tests.tsv"
echo "dtc-tests/bad-*.dts: $(grep -vc '^#' "$here/dtc-bad-tests.tsv") rows checked against dtc 1.8.1 and dtidy"

[ "$fail" -eq 0 ] && echo "dtc parity (dtc 1.8.1): PASS" || echo "dtc parity (dtc 1.8.1): FAIL"
exit "$fail"
