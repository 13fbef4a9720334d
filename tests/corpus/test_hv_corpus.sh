#!/bin/sh
# The hv-* rules on every corpus file of HYPERVISOR-FILES.tsv that is in the
# shared subset: exactly the findings listed in hv-expected.txt (each read
# by hand; see the comments there), so a new false positive or a lost true
# finding fails. Reserved-memory hypervisor@... nodes (qcom) and TF-A's
# Hafnium /hypervisor must stay quiet.
set -u
: "${DTIDY:?DTIDY must name the dtidy binary}"
: "${CORPUS:?CORPUS must name the shared corpus directory}"
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-hv.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

awk -F'\t' 'NR > 1 && $3 ~ /^yes:/ { sub(/^yes:/, "", $3); print $3 }' \
	"$CORPUS/HYPERVISOR-FILES.tsv" >"$T/files"
n=$(wc -l <"$T/files")
if [ "$n" -lt 30 ]; then
	echo "FAIL only $n in-subset files listed in HYPERVISOR-FILES.tsv"
	exit 1
fi
cd "$CORPUS" || exit 1
# shellcheck disable=SC2046
"$DTIDY" check --format=json $(cat "$T/files") >"$T/out.json"
rc=$?
if [ "$rc" -gt 1 ]; then
	echo "FAIL dtidy check exited $rc"
	exit 1
fi
jq -r '.diagnostics[] | select(.rule | test("^(hv-|xen-)"))
	| "\(.file):\(.line):\(.column): \(.severity): \(.message) [\(.rule)]"' \
	"$T/out.json" >"$T/got"
grep -v '^#' "$here/hv-expected.txt" | grep -v '^$' >"$T/want"
if diff -u "$T/want" "$T/got"; then
	echo "ok   hv-* on $n HYPERVISOR-FILES corpus files: $(wc -l <"$T/got") findings, all expected"
else
	echo "FAIL hv-* findings on the corpus differ from tests/corpus/hv-expected.txt (above)"
	exit 1
fi
