#!/bin/sh
# Peak memory of `dtidy check -j2` over a whole tree, and how it grows with
# the tree: the corpus's Linux tree (src/ + include/), then a tree of
# COPIES copies of it side by side (different paths, so nothing is shared
# between copies: what a run keeps per file shows as growth). A run keeps
# only what the boards still to check may share, within a budget (see
# parser/pp/src_cache.h), so the peak stays flat as the tree grows.
# Prints peak RSS and wall time of each, the ratios, and fails when the
# corpus tree peaks above LIMIT_KB (issue 18: under 64 MB at -j2).
# Env: DTIDY, CORPUS (bench/run.sh).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
COPIES=${COPIES:-8}
LIMIT_KB=65536
[ -x /usr/bin/time ] || { echo "bench_memory: /usr/bin/time not installed" >&2; exit 2; }

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench-mem.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM
mkdir -p "$T/one"
cp -R "$CORPUS/src" "$CORPUS/include" "$T/one/"
i=1
while [ "$i" -le "$COPIES" ]; do
	mkdir -p "$T/many/k$i"
	cp -R "$CORPUS/src" "$CORPUS/include" "$T/many/k$i/"
	i=$((i + 1))
done

# run NAME DIR: sets kb, secs, nfiles
run() {
	/usr/bin/time -f '%M %e' -o "$T/time" "$DTIDY" check -j2 -q --no-cache "$2" \
		>"$T/$1.out" 2>"$T/$1.err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "bench_memory: dtidy check $1 exited $rc: $(head -3 "$T/$1.err")" >&2
		exit 1
	fi
	read -r kb secs <"$T/time"
	nfiles=$(find "$2" \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | wc -l)
}

run one "$T/one"
kb1=$kb s1=$secs n1=$nfiles
run many "$T/many"
kbn=$kb sn=$secs nn=$nfiles

awk -v kb1="$kb1" -v s1="$s1" -v n1="$n1" -v kbn="$kbn" -v sn="$sn" -v nn="$nn" \
    -v c="$COPIES" 'BEGIN {
	printf "corpus Linux tree, %d files:   peak %.1f MB, %.2f s\n", n1, kb1 / 1024, s1
	printf "%d copies of it, %d files: peak %.1f MB, %.2f s\n", c, nn, kbn / 1024, sn
	printf "peak ratio %d copies / one: %.2f (1.00: memory does not grow with the tree)\n", c, kbn / kb1
	if (s1 > 0)
		printf "time ratio %d copies / one: %.2f (per file: %.2f)\n", c, sn / s1, (sn / nn) / (s1 / n1)
}'
if [ "$kb1" -gt "$LIMIT_KB" ]; then
	echo "bench_memory: the corpus tree peaked at $kb1 KB, over $LIMIT_KB KB" >&2
	exit 1
fi
