#!/bin/sh
# Peak memory of `dtidy check -j2` over a whole tree, and how it grows with
# the tree: the corpus's Linux tree (src/ + include/), then a tree of
# COPIES copies of it side by side (different paths, so nothing is shared
# between copies: what a run keeps per file shows as growth). A run keeps
# only what the boards still to check may share, within a budget (see
# parser/pp/src_cache.h), so the peak stays flat as the tree grows.
# Prints peak RSS and wall time of each, the ratios, and fails when the
# corpus tree peaks above LIMIT_KB (issue 18: under 64 MB at -j2). When the
# corpus has dt-schema's core schemas, the COPIES copies are checked once
# more with the schema family on, its cache warmed first (issue 19: under
# 64 MB at -j2 too).
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

# the binding documents of the corpus, indexed in memory (--no-cache: the
# worst case, and no run depends on an earlier one's cache)
bind=""
[ -d "$CORPUS/Bindings" ] && bind="--bindings=$CORPUS/Bindings"
nocache=--no-cache

# run NAME DIR [OPTION...]: sets kb, secs, nfiles
run() {
	name=$1 dir=$2
	shift 2
	/usr/bin/time -f '%M %e' -o "$T/time" "$DTIDY" check -j2 -q $nocache $bind "$@" \
		"$dir" >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "bench_memory: dtidy check $name exited $rc: $(head -3 "$T/$name.err")" >&2
		exit 1
	fi
	read -r kb secs <"$T/time"
	nfiles=$(find "$dir" \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | wc -l)
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

# the schema family on: the compiled set and the bindings index come from
# their cache (as in any run after the first), in a cache folder of this
# run's own, which a run on one copy writes
schemas="$CORPUS/dt-schema/schemas"
if [ -n "$bind" ] && [ -d "$schemas" ]; then
	export XDG_CACHE_HOME="$T/xdg"
	sch="--bindings=$CORPUS/Bindings --schemas=$schemas"
	bind="" nocache=""
	# shellcheck disable=SC2086 # two options
	run warm "$T/one" $sch
	# shellcheck disable=SC2086
	run schema "$T/many" $sch
	awk -v kb="$kb" -v s="$secs" -v n="$nfiles" -v c="$COPIES" 'BEGIN {
		printf "%d copies, schema family on, %d files: peak %.1f MB, %.2f s\n", c, n, kb / 1024, s
	}'
	if [ "$kb" -gt "$LIMIT_KB" ]; then
		echo "bench_memory: $COPIES copies with the schema family peaked at $kb KB, over $LIMIT_KB KB" >&2
		exit 1
	fi
else
	echo "schema family: skipped (no $schemas)"
fi
