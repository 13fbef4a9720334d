#!/bin/sh
# Formatting throughput, dtidy against dtc, on the shared corpus.
#
# dtidy: `dtidy format --check -j1` over every devicetree file of the corpus
#        (one process: read, lex, parse, lay out, verify by re-lexing);
#        bytes = the source bytes.
# dtc:   `dtc -I dts -O dts` (dtc's own "formatter") over every corpus .dts /
#        .dtso that cpp + dtc accept, each preprocessed once beforehand the
#        way the corpus README says; only dtc is timed, minus the cost of
#        starting as many dtc processes (which only favours dtc);
#        bytes = the preprocessed bytes dtc reads.
# Both are timed in CPU seconds (see best_of).
# dtidy must be at least 3x faster. Env: DTIDY, CORPUS (bench/run.sh).
set -u
. "$(dirname "$0")/../tests/corpus/board_flags.sh"
: "${DTIDY:?}" "${CORPUS:?}"
MIN_RATIO=3
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

# best_of N SCRIPT: the least CPU time (user + system, children included)
# of N runs, in seconds. CPU time, not wall time: the machine this runs on
# may be shared, and waiting for a core is not work either tool does.
best_of() {
	best=""
	for _ in $(seq "$1"); do
		/usr/bin/time -f '%U %S' -o "$T/time" sh "$2" >/dev/null 2>&1
		best=$(awk -v b="$best" '{ t = $1 + $2; if (b == "" || t < b) b = t; print b }' "$T/time")
	done
	awk -v b="$best" 'BEGIN { if (b < 0.01) b = 0.01; print b }'
}

echo "cd '$CORPUS' && xargs '$DTIDY' format --check -j1 --quiet <'$T/all.txt'; true" >"$T/dtidy.sh"
dtidy_secs=$(best_of 3 "$T/dtidy.sh")

# dtc: every .dts/.dtso that compiles after cpp, preprocessed once
mkdir "$T/pp"
: >"$T/dtc-all.sh"
pp_bytes=0
ntimed=0
i=0
grep -E '\.dtso?$' "$T/all.txt" | grep -v '^u-boot/' >"$T/dts.txt"
while read -r rel; do
	i=$((i + 1))
	board_flags "$rel" "$CORPUS" "$CORPUS/"
	pp=$T/pp/$i.dts
	# shellcheck disable=SC2086
	(cd "$CORPUS" && timeout 10 cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		$inc "$rel" >"$pp" 2>/dev/null) || continue
	cmd="timeout 10 dtc -q -I dts -O dts $dinc -o /dev/null $pp"
	if $cmd 2>/dev/null; then
		echo "$cmd" >>"$T/dtc-all.sh"
		pp_bytes=$((pp_bytes + $(wc -c <"$pp")))
		ntimed=$((ntimed + 1))
	fi
done <"$T/dts.txt"
[ "$ntimed" -gt 0 ] || { echo "bench_format: dtc compiled none of the files" >&2; exit 2; }
sed 's/ -q -I dts .*/ --version/' "$T/dtc-all.sh" >"$T/dtc-start.sh"
dtc_secs=$(best_of 2 "$T/dtc-all.sh")
start_secs=$(best_of 2 "$T/dtc-start.sh")

rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }
dtidy_mbps=$(rate "$src_bytes" "$dtidy_secs")
dtc_mbps=$(awk -v d="$dtc_secs" -v s="$start_secs" -v b="$pp_bytes" \
	'BEGIN { n = d - s; if (n <= 0) n = d; printf "%.1f", b / n / 1e6 }')
dtc_gross=$(rate "$pp_bytes" "$dtc_secs")
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }
echo "dtidy format --check: $dtidy_mbps MB/s  ($nall devicetree files, $(mb "$src_bytes") of source, one process, -j1)"
echo "dtc -I dts -O dts:    $dtc_mbps MB/s  ($ntimed .dts/.dtso files, $(mb "$pp_bytes") preprocessed; $dtc_gross MB/s counting process start-up)"
verdict=$(awk -v a="$dtidy_mbps" -v b="$dtc_mbps" -v m="$MIN_RATIO" \
	'BEGIN { r = a / b; printf "%.1fx (need >= %dx): %s", r, m, (r >= m ? "PASS" : "FAIL") }')
echo "format throughput ratio dtidy/dtc: $verdict"
case $verdict in
*PASS) exit 0 ;;
*) exit 1 ;;
esac
