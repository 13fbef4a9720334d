#!/bin/sh
# Parity with dtc: every finding of a mirrored dtc check on the corpus
# boards (kernel default warnings, and W=1) must be found by dtidy's rule of
# the same name at the same file and line; every finding dtidy's mirrored
# rules add must be listed, with its reason, in tests/corpus/dtc-extra.txt.
# Also: dtc's own bad-*.dts tests must trigger the mirrored rule.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

command -v dtc >/dev/null || { echo "dtc not installed (make deps)"; exit 1; }

boards="$tmp/boards"
grep -v '^#' "$CORPUS/linux-toplevel.txt" | sed '/^$/d' > "$boards"

# 1. dtc's findings, two boards at a time: "rule<TAB>relfile<TAB>line"
xargs -P2 -n1 sh "$here/dtc-findings.sh" "$tmp" < "$boards" | cut -f1-3 > "$tmp/dtc.tsv"
corpus_abs=$(cd "$CORPUS" && pwd -P)
sed "s|$corpus_abs/||; s|$CORPUS/||" "$tmp/dtc.tsv" | awk -F'\t' '{ gsub("_", "-", $1); print $1 "\t" $2 "\t" $3 }' |
	sort -u > "$tmp/dtc-findings.tsv"

# 2. dtidy's findings at W=1, main and related locations
(cd "$CORPUS" && sed 's|^|./|' "$boards" | xargs "$DTIDY" check --level=1 --format=json -j2 > "$tmp/dtidy.json")
jq -r '.diagnostics[] | [.rule, .file, (.line|tostring), (.related.file // ""), ((.related.line // "")|tostring)] | @tsv' \
	"$tmp/dtidy.json" | sed "s|\t\./|\t|g; s|^\./||; s|$corpus_abs/||g" > "$tmp/dtidy-all.tsv"
"$DTIDY" rules --format=json | jq -r '.rules[] | select(.dtc_check != null) | .id' > "$tmp/mirrored"
if [ ! -s "$tmp/mirrored" ]; then
	echo "FAIL: 'dtidy rules --format=json' lists no mirrored dtc checks"
	exit 1
fi

# 3. every dtc finding of a mirrored rule is found, except the deviations
# documented (with their reason) in tests/corpus/dtc-deviations.txt
missed=0
while IFS='	' read -r rule file line; do
	grep -qx "$rule" "$tmp/mirrored" || continue
	grep -q "^$rule	$file:$line	" "$here/dtc-deviations.txt" && continue
	if ! awk -F'\t' -v r="$rule" -v f="$file" -v l="$line" \
		'$1 == r && (($2 == f && $3 == l) || ($4 == f && $5 == l)) { found = 1 } END { exit !found }' \
		"$tmp/dtidy-all.tsv"; then
		echo "MISSED: $rule at $file:$line (dtc reports it)"
		missed=$((missed + 1))
	fi
done < "$tmp/dtc-findings.tsv"
[ "$missed" -eq 0 ] || fail=1
echo "dtc findings: $(wc -l < "$tmp/dtc-findings.tsv"), missed by dtidy: $missed"

# 4. every extra finding of a mirrored rule is listed with a reason
extra=0
awk -F'\t' 'NR == FNR { m[$1] = 1; next } m[$1] { print }' "$tmp/mirrored" "$tmp/dtidy-all.tsv" |
while IFS='	' read -r rule file line rfile rline; do
	if awk -F'\t' -v r="$rule" -v f="$file" -v l="$line" -v rf="$rfile" -v rl="$rline" \
		'$1 == r && (($2 == f && $3 == l) || ($2 == rf && $3 == rl)) { found = 1 } END { exit !found }' \
		"$tmp/dtc-findings.tsv"; then
		continue
	fi
	if ! grep -q "^$rule	$file:$line	" "$here/dtc-extra.txt"; then
		echo "EXTRA (not in tests/corpus/dtc-extra.txt): $rule	$file:$line"
		echo x >> "$tmp/extra"
	fi
done
[ -f "$tmp/extra" ] && { extra=$(wc -l < "$tmp/extra"); fail=1; }
echo "unlisted extra findings: $extra"

# 5. dtc's bad-*.dts tests trigger the mirrored rule
while IFS='	' read -r file rule; do
	case $file in '#'*|'') continue;; esac
	if "$DTIDY" check --level=2 --format=json "$CORPUS/dtc-tests/$file" |
		jq -e --arg r "$rule" '[.diagnostics[] | select(.rule == $r)] | length > 0' >/dev/null; then
		echo "ok: dtc-tests/$file triggers $rule"
	else
		echo "FAIL: dtc-tests/$file does not trigger $rule"
		fail=1
	fi
done < "$here/dtc-bad-tests.tsv"

[ "$fail" -eq 0 ] && echo "dtc parity: PASS" || echo "dtc parity: FAIL"
exit "$fail"
