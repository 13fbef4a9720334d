#!/bin/sh
# The binding documents' cost on a whole-tree run: `dtidy check` over the
# corpus's Linux tree (src/, with Bindings/ beside it) with the bindings
# found, against the same run with --no-bindings. The index is built once
# per run (about 5,500 YAML files) and must not make the run cost more than
# 20% more. The cost is the CPU time of the process (user + system): on a
# machine shared with other work the wall time mostly measures the others;
# it is printed too. Best of RUNS for each.
# Env: DTIDY, CORPUS (bench/run.sh).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
RUNS=7
LIMIT=1.20
command -v awk >/dev/null || { echo "bench_bindings: awk not installed (make deps)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench_bindings: /usr/bin/time not installed (make deps)" >&2; exit 2; }
[ -f "$CORPUS/Bindings/vendor-prefixes.yaml" ] || { echo "bench_bindings: no $CORPUS/Bindings" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM

# One timed `dtidy check ARGS... src`: appends "user sys wall" to $1.
timed() {
	out=$1
	shift
	/usr/bin/time -f '%U %S %e' -o "$T/one" "$DTIDY" check --format=json "$@" "$CORPUS/src" \
		>/dev/null 2>&1
	[ "$(tail -n 1 "$T/one" | awk '{ print NF }')" = 3 ] ||
		{ echo "bench_bindings: dtidy check $* failed: $(cat "$T/one")" >&2; exit 2; }
	tail -n 1 "$T/one" >>"$out"
}

# "best_cpu_ms best_wall_ms" of a file of timings
best() {
	awk 'NR == 1 || $1 + $2 < c { c = $1 + $2 } NR == 1 || $3 < w { w = $3 }
	     END { printf "%d %d\n", c * 1000, w * 1000 }' "$1"
}

# the bindings must really be read in the first run: the family reports
family_findings() {
	"$DTIDY" check --format=json "$@" "$CORPUS/src" 2>/dev/null |
		grep -o '"rule": *"\(vendor-prefix\|undocumented-compatible\)"' | grep -c ''
}
with=$(family_findings)
without=$(family_findings --no-bindings)
nfiles=$(find "$CORPUS/src" \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | grep -c '')
# interleaved, so both see the same load
: >"$T/on"
: >"$T/off"
i=0
while [ $i -lt $RUNS ]; do
	timed "$T/on" || exit 2
	timed "$T/off" --no-bindings || exit 2
	i=$((i + 1))
done
on=$(best "$T/on")
off=$(best "$T/off")
on_cpu=${on% *} on_wall=${on#* } off_cpu=${off% *} off_wall=${off#* }
ratio=$(awk -v a="$on_cpu" -v b="$off_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 1) }')
wall_ratio=$(awk -v a="$on_wall" -v b="$off_wall" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 1) }')
echo "check src/ ($nfiles files): CPU ${on_cpu} ms with the bindings, ${off_cpu} ms with" \
	"--no-bindings: ratio ${ratio} (limit ${LIMIT}); wall ${on_wall} / ${off_wall} ms (${wall_ratio});" \
	"bindings findings: $with with, $without without"

fail=0
[ "$without" -eq 0 ] || { echo "bench_bindings: --no-bindings still reports binding findings"; fail=1; }
[ "$with" -gt 0 ] || { echo "bench_bindings: the bindings were not read (no findings of the family)"; fail=1; }
awk -v r="$ratio" -v l="$LIMIT" 'BEGIN { exit !(r <= l) }' ||
	{ echo "bench_bindings: the bindings slow the run by more than 20%"; fail=1; }
exit $fail
