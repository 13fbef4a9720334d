#!/bin/sh
# Formatting throughput, dtidy against dtc, on the shared corpus.
#
# dtidy: `dtidy format --check -j1` over every devicetree file of the corpus
#        (one process: read, lex, parse, lay out, verify by re-lexing);
#        bytes = the source bytes.
# dtc:   `dtc -I dts -O dts` (dtc's own "formatter") over every corpus .dts /
#        .dtso that cpp + dtc accept, each preprocessed once beforehand the
#        way the corpus README says (untimed); bytes = the preprocessed bytes
#        dtc reads. dtc takes one file per process.
#
# Everything is timed in CPU seconds (user + system, children included): the
# machine may be shared, and waiting for a core is not work either tool
# does. Each number is the least of ROUNDS rounds that run the scripts
# back to back (interference only ever adds time).
#
# Two dtc speeds, two ratios:
#   gross  one dtc process per board, all boards: what a user pays, process
#          start-ups included
#   net    dtc's speed on the text alone: the BIG largest boards, each run
#          REPS times, less as many dtc runs on an empty tree
#          (`/dts-v1/; / { };`, same options), which is what starting,
#          reading and writing costs dtc with no devicetree to speak of
# The verdict uses net, the conservative one: taking start-up away only makes
# dtc faster. Here a dtc process costs ~7 ms of CPU to start while the median
# board is ~0.1 ms of dtc's work, so "all boards less all start-ups" is a
# small difference of two large noisy numbers (it swung from 1.3x to 5x);
# on the largest boards dtc's work outweighs its start-up and the
# difference is stable.
#
# dtidy must be at least 3x faster (net). Env: DTIDY, CORPUS (bench/run.sh);
# ROUNDS (default 5), PASSES (dtidy passes a round, default 5), BIG (20),
# REPS (5).
set -u
. "$(dirname "$0")/../tests/corpus/board_flags.sh"
: "${DTIDY:?}" "${CORPUS:?}"
MIN_RATIO=3
ROUNDS=${ROUNDS:-5}
PASSES=${PASSES:-5}
BIG=${BIG:-20}
REPS=${REPS:-5}
for tool in cpp dtc timeout awk /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench_format: $tool not installed (make deps)" >&2; exit 2; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench-format.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM

(cd "$CORPUS" && find . -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \
	-o -name '*.overlay' -o -name '*.keymap' \) ! -path './Bindings/*' |
	sed 's|^\./||' | sort) >"$T/all.txt"
nall=$(grep -c '' "$T/all.txt")
src_bytes=$(cd "$CORPUS" && xargs cat <"$T/all.txt" | wc -c)

# cpu SCRIPT: user + system seconds of one run of SCRIPT, children included
cpu() {
	/usr/bin/time -f '%U %S' -o "$T/time" sh "$1" >/dev/null 2>&1
	tail -n 1 "$T/time" | awk '{ printf "%.2f\n", $1 + $2 }'
}

{
	echo "cd '$CORPUS' || exit 2"
	for _ in $(seq "$PASSES"); do
		echo "xargs '$DTIDY' format --check -j1 --quiet <'$T/all.txt'"
	done
} >"$T/dtidy.sh"

# dtc: every .dts/.dtso that compiles after cpp, preprocessed once. The
# timed scripts run dtc directly (no timeout process in between): each file
# was seen to compile within the timeout here.
mkdir "$T/pp"
printf '/dts-v1/;\n/ { };\n' >"$T/empty.dts"
grep -E '\.dtso?$' "$T/all.txt" | grep -v '^u-boot/' | awk '{ print NR, $0 }' >"$T/dts.txt"
# prepare K N: preprocesses every Nth board from the Kth into $T/boards.K
# as "BYTES FILE DTC-OPTIONS..."
prepare() {
	awk -v k="$1" -v n="$2" 'NR % n == k' "$T/dts.txt" | while read -r i rel; do
		board_flags "$rel" "$CORPUS" "$CORPUS/"
		pp=$T/pp/$i.dts
		# shellcheck disable=SC2086
		(cd "$CORPUS" && timeout 10 cpp -nostdinc -undef -D__DTS__ \
			-x assembler-with-cpp $inc "$rel" >"$pp" 2>/dev/null) || continue
		opts="-q -I dts -O dts $dinc -o /dev/null"
		# shellcheck disable=SC2086
		timeout 10 dtc $opts "$pp" 2>/dev/null &&
			echo "$(wc -c <"$pp") $pp $opts"
	done >"$T/boards.$1"
}
# untimed, so on every core
ncpu=$(nproc 2>/dev/null || echo 1)
for k in $(seq 0 $((ncpu - 1))); do
	prepare "$k" "$ncpu" &
done
wait
cat "$T"/boards.* >"$T/boards"
ntimed=$(grep -c '' "$T/boards")
[ "$ntimed" -gt 0 ] || { echo "bench_format: dtc compiled none of the files" >&2; exit 2; }
pp_bytes=$(awk '{ b += $1 } END { print b }' "$T/boards")
# "BYTES FILE OPTS..." -> "dtc OPTS... FILE"
awk '{ f = $2; $1 = ""; $2 = ""; print "dtc" $0 " " f }' "$T/boards" >"$T/dtc.sh"
sort -rn "$T/boards" | head -n "$BIG" >"$T/big"
big_bytes=$(awk -v r="$REPS" '{ b += $1 } END { print b * r }' "$T/big")
nbig=$(grep -c '' "$T/big")
: >"$T/big.sh"
: >"$T/start.sh"
for _ in $(seq "$REPS"); do
	awk '{ f = $2; $1 = ""; $2 = ""; print "dtc" $0 " " f }' "$T/big" >>"$T/big.sh"
	awk -v e="$T/empty.dts" '{ $1 = ""; $2 = ""; print "dtc" $0 " " e }' "$T/big" >>"$T/start.sh"
done

: >"$T/rounds"
for _ in $(seq "$ROUNDS"); do
	echo "$(cpu "$T/dtidy.sh") $(cpu "$T/dtc.sh") $(cpu "$T/big.sh") $(cpu "$T/start.sh")" >>"$T/rounds"
done

awk -v p="$PASSES" -v sb="$src_bytes" -v pb="$pp_bytes" -v bb="$big_bytes" \
	-v nall="$nall" -v nt="$ntimed" -v nb="$nbig" -v reps="$REPS" -v r="$ROUNDS" \
	-v m="$MIN_RATIO" '
function mb(b) { return b / 1e6 }
{
	for (c = 1; c <= 4; c++) {
		if (NR == 1 || $c < lo[c]) lo[c] = $c
		if (NR == 1 || $c > hi[c]) hi[c] = $c
	}
}
END {
	d = lo[1] / p; g = lo[2]; n = lo[3] - lo[4]
	if (d <= 0) d = 0.01 / p
	if (n <= 0) n = lo[3]
	dr = sb / d; gr = pb / g; nr = bb / n
	printf "dtidy format --check: %6.1f MB/s        (%d devicetree files, %.2f MB of source, one process, -j1: %.3f s CPU a pass)\n", mb(dr), nall, mb(sb), d
	printf "dtc -I dts -O dts:    %6.1f MB/s gross  (%d boards, %.2f MB preprocessed, one process each: %.2f s CPU)\n", mb(gr), nt, mb(pb), g
	printf "                      %6.1f MB/s net    (%d largest boards x%d, %.2f MB: %.2f s CPU, less %.2f s for as many runs on an empty tree)\n", mb(nr), nb, reps, mb(bb), lo[3], lo[4]
	printf "CPU s, least (most) of %d rounds: dtidy x%d %.2f (%.2f); dtc all %.2f (%.2f); dtc largest %.2f (%.2f); dtc empty %.2f (%.2f)\n", r, p, lo[1], hi[1], lo[2], hi[2], lo[3], hi[3], lo[4], hi[4]
	printf "ratio dtidy/dtc: gross %.1fx (what a user pays: dtc start-ups included), net %.1fx\n", dr / gr, dr / nr
	v = dr / nr
	printf "format throughput ratio dtidy/dtc, net (the conservative one): %.1fx (need >= %dx): %s\n", v, m, (v >= m ? "PASS" : "FAIL")
	exit !(v >= m)
}' "$T/rounds"
