#!/bin/sh
# Whole-tree mode: `dtidy check` and `dtidy format --check` over every board
# (*.dts, *.dtso) under TREE with -j$(nproc), against what a build runs on
# the same boards in the same run, equally in parallel:
#   check:  cpp (as the kernel runs it) | dtc -I dts -O dtb, per board
#   format: dtc -I dts -O dts on each board's preprocessed text (preprocessed
#           once beforehand, untimed)
# Prints CPU and wall time, files/s, MB/s of source (the boards' own bytes),
# peak RSS and the ratios (of CPU time).
# Targets: check >= 20x, format --check >= 50x, peak RSS < 64 MB at -j2.
# dtidy's bindings index cache lives in a private XDG_CACHE_HOME, filled by
# an untimed check before the timed ones: every timed run sees the same
# warm cache, whatever the user's ~/.cache holds.
#   make bench TREE=DIR        (default: $CORPUS/src, the 108 Linux boards)
# Every CPU time is the least of TRIES runs (default 3).
# Env: DTIDY, CORPUS (bench/run.sh); TREE, JOBS, TRIES.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
TREE=${TREE:-$CORPUS/src}
JOBS=${JOBS:-$(nproc)}
TRIES=${TRIES:-3}
CHECK_MIN=20
FORMAT_MIN=50
RSS_MAX_MB=64
for tool in cpp dtc xargs awk; do
	command -v "$tool" >/dev/null || { echo "bench_tree_mode: $tool not installed (make deps)" >&2; exit 2; }
done
[ -d "$TREE" ] || { echo "bench_tree_mode: $TREE is not a directory" >&2; exit 2; }
TREE=$(cd "$TREE" && pwd)

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-tree-bench.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM
XDG_CACHE_HOME=$T/cache
export XDG_CACHE_HOME
unset DTIDY_NO_CACHE

find "$TREE" -type f \( -name '*.dts' -o -name '*.dtso' \) | sort >"$T/boards.txt"
nboards=$(grep -c '' "$T/boards.txt")
[ "$nboards" -gt 0 ] || { echo "bench_tree_mode: no boards under $TREE" >&2; exit 2; }
src_bytes=$(xargs cat <"$T/boards.txt" | wc -c)

# Include directories the way kernel-style trees lay them out: the board's
# own directory, then the tree's arch directory, the tree, and include/
# beside the tree (the corpus's src/ + include/ layout) or inside it.
incs() {
	d=$(dirname "$1")
	rel=${1#"$TREE"/}
	arch=$TREE/${rel%%/*}
	echo "-I $d -I $arch -I $TREE -I $TREE/../include -I $TREE/include"
}
mkdir "$T/pp"
i=0
: >"$T/dtb.cmds"
: >"$T/dts.cmds"
while read -r b; do
	i=$((i + 1))
	I=$(incs "$b")
	pp="cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp $I $b"
	echo "$pp 2>/dev/null | dtc -q -I dts -O dtb -o /dev/null - 2>/dev/null; true" >>"$T/dtb.cmds"
	$pp >"$T/pp/$i.dts" 2>/dev/null
	echo "dtc -q -I dts -O dts -o /dev/null $T/pp/$i.dts 2>/dev/null; true" >>"$T/dts.cmds"
done <"$T/boards.txt"

# measure REPS CMD...: runs CMD REPS times in a row under one /usr/bin/time;
# prints "wall cpu rss_mb" per run. CPU seconds (user + sys, children
# included) are what the ratios use: on a shared machine wall time mostly
# measures the other users. Repeating keeps a fast run above the timer's
# 10 ms resolution.
measure() {
	reps=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$T/one" sh -c \
		'n=$1; shift; i=0; while [ $i -lt $n ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done' \
		sh "$reps" "$@"
	tail -n 1 "$T/one" | awk -v n="$reps" '{ printf "%.4f %.4f %.1f\n", $1 / n, ($2 + $3) / n, $4 / 1024 }'
}
# best N CMD...: the run of `measure` with the least CPU time of N: a run
# only ever gains time from what else the machine does.
best() {
	tries=$1
	shift
	for _ in $(seq "$tries"); do
		measure "$@"
	done | sort -n -k2 | head -n 1
}
[ -x /usr/bin/time ] || { echo "bench_tree_mode: /usr/bin/time missing (make deps)" >&2; exit 2; }
par() { # CMDFILE: xargs running each line, JOBS at a time
	echo "xargs -d '\n' -P $JOBS -n 1 sh -c <$1"
}

set -f
boards=$(tr '\n' ' ' <"$T/boards.txt")
"$DTIDY" check -j "$JOBS" --quiet $boards >/dev/null 2>&1	# fills the cache
check_m=$(best "$TRIES" 20 "$DTIDY" check -j "$JOBS" --quiet $boards)
format_m=$(best "$TRIES" 20 "$DTIDY" format --check -j "$JOBS" --quiet $boards)
check_rss=$(measure 1 "$DTIDY" check -j 2 --quiet $boards | awk '{ print $3 }')
format_rss=$(measure 1 "$DTIDY" format --check -j 2 --quiet $boards | awk '{ print $3 }')
set +f
dtb_m=$(best "$TRIES" 1 sh -c "$(par "$T/dtb.cmds")")
dts_m=$(best "$TRIES" 1 sh -c "$(par "$T/dts.cmds")")
pp_bytes=$(cat "$T"/pp/*.dts | wc -c)

line() { # NAME "wall cpu rss"
	echo "$2" | awk -v n="$1" -v f="$nboards" -v b="$src_bytes" \
		'{ printf "%-24s cpu %7.3f s  wall %7.3f s  %8.1f files/s  %7.2f MB/s of source\n", n, $2, $1, f / $2, b / $2 / 1e6 }'
}
echo "tree: $TREE: $nboards boards, $(awk -v b="$src_bytes" 'BEGIN { printf "%.2f", b / 1e6 }') MB of board source ($(awk -v b="$pp_bytes" 'BEGIN { printf "%.2f", b / 1e6 }') MB preprocessed), -j $JOBS"
echo "(files/s and MB/s per CPU second)"
line "dtidy check" "$check_m"
line "cpp | dtc -O dtb" "$dtb_m"
line "dtidy format --check" "$format_m"
line "dtc -I dts -O dts" "$dts_m"
echo "peak RSS at -j2: check $check_rss MB, format --check $format_rss MB (need < $RSS_MAX_MB MB)"
fail=0
verdict() { # NAME OURS THEIRS MIN
	r=$(awk -v a="$(echo "$2" | cut -d' ' -f2)" -v b="$(echo "$3" | cut -d' ' -f2)" \
		'BEGIN { printf "%.1f", b / a }')
	ok=$(awk -v r="$r" -v m="$4" 'BEGIN { print (r >= m) ? "PASS" : "FAIL" }')
	echo "$1: ${r}x less CPU (need >= $4x): $ok"
	[ "$ok" = PASS ] || fail=1
}
verdict "check vs cpp + dtc -O dtb" "$check_m" "$dtb_m" "$CHECK_MIN"
verdict "format --check vs dtc -I dts -O dts" "$format_m" "$dts_m" "$FORMAT_MIN"
for r in "$check_rss" "$format_rss"; do
	awk -v r="$r" -v m="$RSS_MAX_MB" 'BEGIN { exit !(r >= m) }' && fail=1
done
exit $fail
