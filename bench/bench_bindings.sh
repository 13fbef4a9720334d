#!/bin/sh
# The binding documents' cost on a whole-tree run: `dtidy check` over the
# corpus's Linux tree (src/, with Bindings/ beside it) with the bindings
# found, against the same run with --no-bindings. The index is built once
# per run (about 5,500 YAML files) and must not slow the run by more than
# 20%. Best of RUNS for each, so a busy machine does not decide it.
# Env: DTIDY, CORPUS (bench/run.sh).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
RUNS=5
LIMIT=1.20
command -v awk >/dev/null || { echo "bench_bindings: awk not installed (make deps)" >&2; exit 2; }
[ -f "$CORPUS/Bindings/vendor-prefixes.yaml" ] || { echo "bench_bindings: no $CORPUS/Bindings" >&2; exit 2; }

now() { date +%s%N; }

# best wall time in ms of `dtidy check ARGS... src` over RUNS runs
best_ms() {
	best=""
	i=0
	while [ $i -lt $RUNS ]; do
		t0=$(now)
		"$DTIDY" check --format=json "$@" "$CORPUS/src" >/dev/null 2>&1
		rc=$?
		t1=$(now)
		[ $rc -le 1 ] || { echo "bench_bindings: dtidy check $* exited $rc" >&2; exit 2; }
		ms=$(( (t1 - t0) / 1000000 ))
		{ [ -z "$best" ] || [ "$ms" -lt "$best" ]; } && best=$ms
		i=$((i + 1))
	done
	echo "$best"
}

# the bindings must really be read in the first run: the family reports
family_findings() {
	"$DTIDY" check --format=json "$@" "$CORPUS/src" 2>/dev/null |
		grep -o '"rule": *"\(vendor-prefix\|undocumented-compatible\)"' | grep -c ''
}
with=$(family_findings)
without=$(family_findings --no-bindings)
nfiles=$(find "$CORPUS/src" \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | grep -c '')
on_ms=$(best_ms) || exit 2
off_ms=$(best_ms --no-bindings) || exit 2
ratio=$(awk -v a="$on_ms" -v b="$off_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 1) }')
echo "check src/ ($nfiles files): ${on_ms} ms with the bindings, ${off_ms} ms with --no-bindings;" \
	"ratio ${ratio} (limit ${LIMIT}); bindings findings: $with with, $without without"

fail=0
[ "$without" -eq 0 ] || { echo "bench_bindings: --no-bindings still reports binding findings"; fail=1; }
awk -v r="$ratio" -v l="$LIMIT" 'BEGIN { exit !(r <= l) }' ||
	{ echo "bench_bindings: the bindings slow the run by more than 20%"; fail=1; }
exit $fail
