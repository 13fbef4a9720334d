#!/bin/sh
# The binding documents' cost on a whole-tree run: `dtidy check` over the
# corpus's Linux tree (src/, with Bindings/ beside it) with the bindings
# found, against the same run with --no-bindings. The index of the binding
# documents (about 5,500 YAML files) is kept in dtidy's cache between runs;
# in the steady state (warm: the cache filled by an untimed run first) the
# bindings must not make the run cost more than 20% more. The cold cost (the
# cache emptied before each run: the index built from the YAML and saved)
# is printed for information. The cache lives in a private XDG_CACHE_HOME.
# The cost is the CPU time of the process (user + system): on a machine
# shared with other work the wall time mostly measures the others; it is
# printed too. Best of RUNS for each.
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
XDG_CACHE_HOME=$T/cache
export XDG_CACHE_HOME
unset DTIDY_NO_CACHE

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
with=$(family_findings)		# also fills the cache
without=$(family_findings --no-bindings)
cached=$(ls "$XDG_CACHE_HOME"/dtidy/bindings-*.idx 2>/dev/null | grep -c '')
nfiles=$(find "$CORPUS/src" \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | grep -c '')
# interleaved, so all see the same load; the cold runs rebuild the cache
: >"$T/on"
: >"$T/off"
: >"$T/cold"
i=0
while [ $i -lt $RUNS ]; do
	timed "$T/on" || exit 2
	timed "$T/off" --no-bindings || exit 2
	rm -rf "$XDG_CACHE_HOME/dtidy"
	timed "$T/cold" || exit 2
	i=$((i + 1))
done
on=$(best "$T/on")
off=$(best "$T/off")
cold=$(best "$T/cold")
on_cpu=${on% *} on_wall=${on#* } off_cpu=${off% *} off_wall=${off#* }
cold_cpu=${cold% *} cold_wall=${cold#* }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 1) }'; }
ratio=$(ratio "$on_cpu" "$off_cpu")
echo "check src/ ($nfiles files), warm cache: CPU ${on_cpu} ms with the bindings, ${off_cpu} ms with" \
	"--no-bindings: ratio ${ratio} (limit ${LIMIT}); wall ${on_wall} / ${off_wall} ms" \
	"($(ratio "$on_wall" "$off_wall")); bindings findings: $with with, $without without"
echo "cold cache (index built from the YAML and saved; information): CPU ${cold_cpu} ms," \
	"ratio $(ratio "$cold_cpu" "$off_cpu"); wall ${cold_wall} ms ($(ratio "$cold_wall" "$off_wall"))"

fail=0
[ "$cached" -eq 1 ] || { echo "bench_bindings: the first run left no cache file"; fail=1; }
[ "$without" -eq 0 ] || { echo "bench_bindings: --no-bindings still reports binding findings"; fail=1; }
[ "$with" -gt 0 ] || { echo "bench_bindings: the bindings were not read (no findings of the family)"; fail=1; }
awk -v r="$ratio" -v l="$LIMIT" 'BEGIN { exit !(r <= l) }' ||
	{ echo "bench_bindings: the bindings slow the run by more than 20%"; fail=1; }
exit $fail
