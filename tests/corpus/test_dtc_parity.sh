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

# Kernel scripts/Makefile.dtbs: default set minus these unless W=1.
W0="-Wno-unique_unit_address -Wno-unit_address_vs_reg -Wno-avoid_unnecessary_addr_size -Wno-alias_paths -Wno-simple_bus_reg"
W1="-Wno-unique_unit_address -Wunique_unit_address_if_enabled"
# interrupt_map exists only in newer dtc; pass it when this dtc knows it.
if dtc -Wno-interrupt_map -I dts -O dtb -o /dev/null /dev/null 2>&1 | grep -q Unrecognized; then :; else
	W0="$W0 -Wno-interrupt_map"
fi

# Debian's dtc 1.6.1 still has the "interrupt providers need
# #address-cells" part of interrupt_provider, which dtc 1.7 (the kernel's
# scripts/dtc) dropped as wrong: such findings are filtered out below.

boards="$tmp/boards"
grep -v '^#' "$CORPUS/linux-toplevel.txt" | sed '/^$/d' > "$boards"

# 1. dtc's findings: "rule<TAB>relfile<TAB>line"
run_dtc() {
	f=$1; set=$2
	d=$(dirname "$f"); arch=$(echo "$f" | cut -d/ -f2)
	pp="$tmp/$(echo "$f" | tr / _).pp"
	[ -f "$pp" ] || cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		-I "$CORPUS/$d" -I "$CORPUS/src/$arch" -I "$CORPUS/src" -I "$CORPUS/include" \
		"$CORPUS/$f" -o "$pp" 2>/dev/null || return 0
	flags=$W0; [ "$set" = w1 ] && flags=$W1
	case $f in *.dtso) flags="$flags -@";; esac
	# shellcheck disable=SC2086
	timeout 20 dtc -I dts -O dtb -o /dev/null -b 0 -i "$CORPUS/$d" -i "$CORPUS/src/$arch" \
		$flags "$pp" 2>&1 |
		grep -v "Missing #address-cells in interrupt provider" |
		sed -n 's/^\([^:]*\):\([0-9]*\)\.[0-9-]*[0-9.]*: \(Warning\|ERROR\) (\([a-z0-9_]*\)).*/\4\t\1\t\2/p'
}
: > "$tmp/dtc.tsv"
for set in w0 w1; do
	while read -r f; do run_dtc "$f" "$set"; done < "$boards" >> "$tmp/dtc.tsv"
done
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
