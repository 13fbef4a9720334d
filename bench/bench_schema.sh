#!/bin/sh
# Schema validation speed against the kernel's `make dtbs_check` flow, on
# the corpus's kernel .dts boards, both timed in one run of this script, on
# one core each side:
#   kernel: cpp, dtc 1.8.1, then dt-schema's `dt-validate -m` with the
#           processed schema (dt-mk-schema, made once beforehand, not timed)
#   dtidy:  `dtidy check --enable=schema` with a warm schema cache (one
#           untimed run first compiles the binding documents into it): the
#           boards in one run, and a process a board (the kbuild hook's way)
# Prints the totals, the medians per board, and the ratios (issue 19: at
# least 100x, for the one run; the per-process ratio of the medians, the
# kbuild hook's case, is printed against the same goal but not enforced);
# then dtidy's peak RSS for a whole-corpus
# -j2 run with the schema family on (under 64 MB). Fails when either
# target is missed.
# Env: DTIDY, CORPUS (bench/run.sh); BOARDS=N times only the first N boards.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
MIN_RATIO=100
LIMIT_KB=65536
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
[ -x /usr/bin/time ] || { echo "bench_schema: /usr/bin/time not installed" >&2; exit 2; }
if ! "$DTIDY" rules | grep -q '^schema-'; then
	echo "bench_schema: dtidy has no schema rules yet: nothing to time" >&2
	exit 1
fi
# the oracle (dt-schema installed, its processed schema made) and dtc 1.8.1
sh "$root/tests/schema-oracle.sh" >/dev/null || exit 2
inst=$root/build/oracles/dt-schema
DTC=$(sh "$root/tests/dtc-oracle.sh") || exit 2

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench-schema.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM
XDG_CACHE_HOME=$T/cache
export XDG_CACHE_HOME
grep -v '^#' "$CORPUS/linux-toplevel.txt" | grep '\.dts$' | head -n "${BOARDS:-100000}" >"$T/boards"
n=$(wc -l <"$T/boards")
schemas="--schemas=$CORPUS/dt-schema/schemas --bindings=$CORPUS/Bindings"

now() { date +%s.%N; }

# dtidy: warm the cache, then the boards in one run (as `dtidy check`
# runs over a tree), then a process a board (as the kbuild hook runs it:
# each process checks the caches' manifests, some 6,600 files, afresh).
# Warm means as any build after the first finds it: a few seconds old, and
# vouched for by the run after that (a cache file is only vouched for once
# no change can keep its time stamps, see schema/set_cache.c)
# shellcheck disable=SC2086
(cd "$CORPUS" && "$DTIDY" check --enable=schema -q -j1 $schemas "./$(head -n 1 "$T/boards")" >/dev/null 2>&1)
sleep 3
# shellcheck disable=SC2086
(cd "$CORPUS" && "$DTIDY" check --enable=schema -q -j1 $schemas "./$(head -n 1 "$T/boards")" >/dev/null 2>&1)
t0=$(now)
# shellcheck disable=SC2046,SC2086
(cd "$CORPUS" && "$DTIDY" check --enable=schema -q -j1 $schemas $(sed 's|^|./|' "$T/boards") >/dev/null 2>"$T/err")
rc=$?
t1=$(now)
if [ "$rc" -gt 1 ]; then
	echo "bench_schema: dtidy check over the boards exited $rc: $(head -3 "$T/err")" >&2
	exit 1
fi
one=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
while read -r f; do
	t0=$(now)
	# shellcheck disable=SC2086
	(cd "$CORPUS" && "$DTIDY" check --enable=schema -q -j1 $schemas "./$f" >/dev/null 2>"$T/err")
	rc=$?
	t1=$(now)
	if [ "$rc" -gt 1 ]; then
		echo "bench_schema: dtidy check $f exited $rc: $(head -3 "$T/err")" >&2
		exit 1
	fi
	echo "$f $t0 $t1" | awk '{ printf "%s\t%.4f\n", $1, $3 - $2 }'
done <"$T/boards" >"$T/dtidy.tsv"

# the kernel's flow, the same boards
while read -r f; do
	d=$(dirname "$f")
	arch=$(echo "$f" | cut -d/ -f2)
	t0=$(now)
	cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		-I "$CORPUS/$d" -I "$CORPUS/src/$arch" -I "$CORPUS/src" -I "$CORPUS/include" \
		"$CORPUS/$f" -o "$T/b.pp" 2>/dev/null &&
	"$DTC" -I dts -O dtb -b 0 -i "$CORPUS/$d" -i "$CORPUS/src/$arch" -o "$T/b.dtb" "$T/b.pp" 2>/dev/null
	timeout 300 "$inst/bin/dt-validate" -m -s "$inst/processed-schema.json" "$T/b.dtb" >/dev/null 2>&1
	t1=$(now)
	echo "$f $t0 $t1" | awk '{ printf "%s\t%.4f\n", $1, $3 - $2 }'
done <"$T/boards" >"$T/kernel.tsv"

# peak RSS: the whole corpus, -j2, schema family on (cache warm)
# shellcheck disable=SC2086
/usr/bin/time -f '%M %e' -o "$T/time" "$DTIDY" check --enable=schema -j2 -q $schemas "$CORPUS" \
	>/dev/null 2>"$T/err"
rc=$?
if [ "$rc" -gt 1 ]; then
	echo "bench_schema: dtidy check -j2 over the corpus exited $rc: $(head -3 "$T/err")" >&2
	exit 1
fi
read -r kb secs <<EOF
$(tail -n 1 "$T/time")
EOF

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
kmed=$(cut -f2 "$T/kernel.tsv" | median)
dmed=$(cut -f2 "$T/dtidy.tsv" | median)
ksum=$(awk -F'\t' '{ s += $2 } END { printf "%.2f", s }' "$T/kernel.tsv")
dsum=$(awk -F'\t' '{ s += $2 } END { printf "%.3f", s }' "$T/dtidy.tsv")
kmax=$(sort -t'	' -k2 -n "$T/kernel.tsv" | tail -n 1)
awk -v n="$n" -v ks="$ksum" -v ds="$dsum" -v one="$one" -v km="$kmed" -v dm="$dmed" \
    -v kmax="$kmax" -v kb="$kb" -v secs="$secs" -v min="$MIN_RATIO" 'BEGIN {
	split(kmax, m, "\t")
	printf "%d kernel boards, one core each side\n", n
	printf "cpp + dtc + dt-validate -m, a board at a time: %8.2f s (median %.2f s, slowest %.2f s: %s)\n", ks, km, m[2], m[1]
	printf "dtidy check --enable=schema, one run:          %8.3f s (%.1f ms a board, warm schema cache)\n", one, one * 1000 / n
	printf "dtidy check --enable=schema, a process a board: %7.3f s (median %.1f ms)\n", ds, dm * 1000
	printf "ratio: %.0fx one run (target >= %dx), %.0fx a process a board (totals)\n", ks / one, min, ks / ds
	printf "ratio a process a board, medians: %.0fx (%.2f s against %.1f ms; goal >= %dx)\n", km / dm, km, dm * 1000, min
	printf "dtidy check --enable=schema -j2, whole corpus: peak %.1f MB, %.2f s\n", kb / 1024, secs
}'
fail=0
if awk -v ks="$ksum" -v ds="$one" -v min="$MIN_RATIO" 'BEGIN { exit !(ks / ds < min) }'; then
	echo "bench_schema: dtidy is less than ${MIN_RATIO}x faster than cpp + dtc + dt-validate" >&2
	fail=1
fi
if [ "$kb" -gt "$LIMIT_KB" ]; then
	echo "bench_schema: the whole-corpus run peaked at $kb KB, over $LIMIT_KB KB" >&2
	fail=1
fi
exit "$fail"
