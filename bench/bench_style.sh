#!/bin/sh
# Kernel style, dtidy against the kernel's own checker, on the same files in
# the same run, both on 2 workers:
#   dtidy:          dtidy check -j2 --only=style --style-mode=strict (the
#                   style family alone: each file lexed and parsed as
#                   written, no includes, no tree)
#   dt-check-style: /usr/bin/python3 dt-check-style --mode=strict -j2
#                   (../shared/oracles/, the 7.4-cycle checker)
# over every .dts, .dtsi and .dtso under TREE (default: the corpus's Linux
# files, $CORPUS/src). Prints each one's CPU time (user + sys, its worker
# processes included) and wall time, the findings each printed, and the
# ratio of CPU times: on a shared machine wall time mostly measures the
# other users. Each time is the least of TRIES rounds (default 5), the two
# tools taking turns; dtidy's run is repeated REPS times (default 10) in a
# round, to stay well above time(1)'s 10 ms resolution.
# dtidy must take at least 30x less CPU. Skipped without python3-ruamel.yaml.
#   make bench TREE=DIR    (a kernel's arch/*/boot/dts, or any DTS tree)
# Env: DTIDY, CORPUS (bench/run.sh); TREE, TRIES, REPS, ORACLES.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
TREE=${TREE:-$CORPUS/src}
TRIES=${TRIES:-5}
REPS=${REPS:-10}
ORACLES=${ORACLES:-$CORPUS/../oracles}
CHECKER=$ORACLES/dt-check-style
MIN_RATIO=30
JOBS=2
PY=/usr/bin/python3
DTIDY_ARGS="--only=style --style-mode=strict"

[ -x /usr/bin/time ] || { echo "bench_style: /usr/bin/time missing (make deps)" >&2; exit 2; }
[ -f "$CHECKER" ] || { echo "bench_style: skipped ($CHECKER not found)"; exit 0; }
"$PY" -c 'import ruamel.yaml' 2>/dev/null ||
	{ echo "bench_style: skipped (dt-check-style needs python3-ruamel.yaml)"; exit 0; }
[ -d "$TREE" ] || { echo "bench_style: $TREE is not a directory" >&2; exit 2; }
TREE=$(cd "$TREE" && pwd)

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench-style.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM

find "$TREE" -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | sort >"$T/files"
n=$(grep -c '' "$T/files")
[ "$n" -gt 0 ] || { echo "bench_style: no DTS files under $TREE" >&2; exit 2; }
bytes=$(xargs cat <"$T/files" | wc -c)

# Both tools read the same list: dtidy from its arguments, the checker from
# an @argfile (a kernel tree's paths overflow no command line that way).
{
	echo "i=0; while [ \$i -lt $REPS ]; do"
	printf '"%s" check -j%s --quiet %s' "$DTIDY" "$JOBS" "$DTIDY_ARGS"
	while read -r f; do printf ' "%s"' "$f"; done <"$T/files"
	echo ' >/dev/null 2>&1; i=$((i + 1)); done'
} >"$T/dtidy.sh"
echo "\"$PY\" \"$CHECKER\" --mode=strict -j$JOBS @$T/files >/dev/null 2>&1" >"$T/checker.sh"

# A run that did not check (a usage error, a crash) must not pass for a fast one.
"$DTIDY" check -j$JOBS --quiet $DTIDY_ARGS $(cat "$T/files") >"$T/dtidy.out" 2>&1
rc=$?
[ $rc -le 1 ] || { echo "bench_style: dtidy check failed (exit $rc):" >&2; tail -3 "$T/dtidy.out" >&2; exit 2; }
"$PY" "$CHECKER" --mode=strict -j$JOBS @"$T/files" >/dev/null 2>"$T/checker.out"
rc=$?
[ $rc -le 1 ] || { echo "bench_style: dt-check-style failed (exit $rc):" >&2; tail -3 "$T/checker.out" >&2; exit 2; }

# measure SCRIPT REPS: "wall cpu" of one run (the script's time over REPS)
measure() {
	/usr/bin/time -f '%e %U %S' -o "$T/time" sh "$1"
	tail -n 1 "$T/time" | awk -v n="$2" '{ printf "%.4f %.4f\n", $1 / n, ($2 + $3) / n }'
}
: >"$T/d"
: >"$T/c"
for _ in $(seq "$TRIES"); do
	measure "$T/dtidy.sh" "$REPS" >>"$T/d"
	measure "$T/checker.sh" 1 >>"$T/c"
done
d=$(sort -n -k2 "$T/d" | head -n 1)
c=$(sort -n -k2 "$T/c" | head -n 1)

echo "tree: $TREE: $n files, $(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }') MB, -j$JOBS"
line() { # NAME "wall cpu" FINDINGS
	echo "$2" | awk -v name="$1" -v f="$3" -v n="$n" \
		'{ printf "%-34s cpu %7.3f s  wall %7.3f s  %8.0f files/s of CPU  %6d findings\n", name, $2, $1, n / $2, f }'
}
line "dtidy check --only=style" "$d" "$(grep -c '' "$T/dtidy.out")"
line "dt-check-style --mode=strict" "$c" "$(grep -c '' "$T/checker.out")"
r=$(awk -v a="$(echo "$d" | cut -d' ' -f2)" -v b="$(echo "$c" | cut -d' ' -f2)" \
	'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
rw=$(awk -v a="$(echo "$d" | cut -d' ' -f1)" -v b="$(echo "$c" | cut -d' ' -f1)" \
	'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
ok=$(awk -v r="$r" -v m="$MIN_RATIO" 'BEGIN { print (r >= m) ? "PASS" : "FAIL" }')
echo "style-only check vs dt-check-style: ${r}x less CPU (need >= ${MIN_RATIO}x), ${rw}x less wall time: $ok"
[ "$ok" = PASS ]
