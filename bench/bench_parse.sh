#!/bin/sh
# Parse throughput, dtidy against dtc, on the shared corpus.
#
# dtidy: lex+parse (build/parse-bench, in process, files already in memory)
#        over every devicetree file of the corpus; bytes = the source bytes.
# dtc:   `dtc -I dts -O dtb` over the Linux boards (linux-toplevel.txt plus
#        the .dts files other boards #include), each preprocessed once with
#        cpp the way the kernel build does (corpus README.md), then only dtc
#        is timed; bytes = the preprocessed bytes dtc reads.
# dtidy must be at least 10x faster. Env: DTIDY, BUILD, CORPUS (bench/run.sh).
set -u
: "${BUILD:?}" "${CORPUS:?}"
PB=$BUILD/parse-bench
MIN_RATIO=10
DTC_TIMEOUT=60

[ -x "$PB" ] || { echo "bench_parse: $PB missing (make $PB)" >&2; exit 2; }
for tool in cpp dtc timeout awk; do
	command -v "$tool" >/dev/null || { echo "bench_parse: $tool not installed (make deps)" >&2; exit 2; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM

# --- dtidy: every devicetree file ----------------------------------------
(cd "$CORPUS" && find . -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \
	-o -name '*.overlay' -o -name '*.keymap' \) | sed 's|^\./||' | sort) >"$T/all.txt"
nall=$(grep -c '' "$T/all.txt")
# parse-bench prints: MBPS "MB/s" BYTES "bytes" FILES "files" ...
set -f
old_ifs=$IFS
IFS='
'
pb_out=$(cd "$CORPUS" && "$PB" -t 1 $(cat "$T/all.txt")) || { echo "bench_parse: parse-bench failed" >&2; exit 2; }
IFS=$old_ifs
set +f
dtidy_mbps=$(echo "$pb_out" | awk '{print $1}')
dtidy_bytes=$(echo "$pb_out" | awk '{print $3}')

# --- dtc: the Linux boards, preprocessed once -----------------------------
# Boards, then the .dts files that boards #include (resolved along the same
# search list cpp uses: own dir, src/<arch>, src).
cp "$CORPUS/linux-toplevel.txt" "$T/boards.txt"
while read -r f; do
	dir=$(dirname "$f")
	arch=$(echo "$f" | cut -d/ -f1-2)
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]\([^">]*\.dts\)[">].*/\1/p' \
		"$CORPUS/$f" | while read -r inc; do
		for base in "$dir" "$arch" src; do
			if [ -f "$CORPUS/$base/$inc" ]; then
				echo "$base/$inc"
				break
			fi
		done
	done
done <"$CORPUS/linux-toplevel.txt" | sort -u >"$T/included.txt"
grep -vxF -f "$CORPUS/linux-toplevel.txt" "$T/included.txt" >>"$T/boards.txt"
nboards=$(grep -c '' "$T/boards.txt")

mkdir "$T/pp"
: >"$T/dtc-all.sh"
: >"$T/rejected.txt"
pp_bytes=0
ntimed=0
i=0
while read -r f; do
	i=$((i + 1))
	dir=$(dirname "$f")
	arch=$(echo "$f" | cut -d/ -f1-2)
	ext=${f##*.}
	pp="$T/pp/$i.$ext"
	if ! (cd "$CORPUS" && cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		-I "$dir" -I "$arch" -I src -I include "$f" >"$pp" 2>"$T/cpp.err"); then
		echo "bench_parse: cpp failed on $f: $(head -3 "$T/cpp.err")" >&2
		exit 2
	fi
	plugin=""
	[ "$ext" = dtso ] && plugin="-@"
	cmd="timeout $DTC_TIMEOUT dtc -I dts -O dtb -b 0 -i $CORPUS/$dir -i $CORPUS/$arch $plugin -o /dev/null $pp"
	# Files this dtc rejects stop part-way: they are left out of the timing.
	if $cmd 2>"$T/dtc.err"; then
		echo "$cmd 2>/dev/null" >>"$T/dtc-all.sh"
		pp_bytes=$((pp_bytes + $(wc -c <"$pp")))
		ntimed=$((ntimed + 1))
	else
		echo "$f: $(grep -m1 -i error "$T/dtc.err")" >>"$T/rejected.txt"
	fi
done <"$T/boards.txt"
[ "$ntimed" -gt 0 ] || { echo "bench_parse: dtc compiled none of the boards" >&2; exit 2; }

# Process start-up is part of what a dtc run costs, but it is not parsing:
# the same number of `dtc --version` runs is timed too and taken off, which
# only ever favours dtc.
sed 's/ -I dts .*/ --version >\/dev\/null/' "$T/dtc-all.sh" >"$T/dtc-start.sh"

# time_script SCRIPT: mean seconds for one run of SCRIPT (runs >= 1 s in all).
time_script() {
	if command -v hyperfine >/dev/null; then
		hyperfine -N --style none --warmup 1 --min-runs 3 --export-json "$T/h.json" \
			"sh -e $1" >/dev/null 2>"$T/hf.err" ||
			{ echo "bench_parse: $1 failed under hyperfine: $(cat "$T/hf.err")" >&2; return 1; }
		jq '.results[0].mean' "$T/h.json"
		return
	fi
	runs=0
	total=0
	while awk -v t="$total" 'BEGIN { exit !(t < 1) }'; do
		start=$(date +%s.%N)
		sh -e "$1" || { echo "bench_parse: $1 failed" >&2; return 1; }
		end=$(date +%s.%N)
		total=$(awk -v t="$total" -v s="$start" -v e="$end" 'BEGIN { print t + e - s }')
		runs=$((runs + 1))
	done
	awk -v t="$total" -v r="$runs" 'BEGIN { print t / r }'
}
if command -v hyperfine >/dev/null; then timer=hyperfine; else timer="date +%s.%N"; fi
dtc_secs=$(time_script "$T/dtc-all.sh") || exit 2
start_secs=$(time_script "$T/dtc-start.sh") || exit 2
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }
dtc_gross=$(rate "$pp_bytes" "$dtc_secs")
# Start-up may measure at or above a whole run on a noisy machine: then keep
# the gross rate (noise cannot make dtc look slower than it was measured).
dtc_mbps=$(awk -v d="$dtc_secs" -v s="$start_secs" -v b="$pp_bytes" \
	'BEGIN { n = d - s; if (n <= 0) n = d; printf "%.1f", b / n / 1e6 }')
per_start_ms=$(awk -v s="$start_secs" -v n="$ntimed" 'BEGIN { printf "%.1f", s / n * 1000 }')

# --- report ----------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }
echo "dtidy lex+parse:   $dtidy_mbps MB/s  ($nall devicetree files, $(mb "$dtidy_bytes") of source)"
echo "dtc -I dts -O dtb: $dtc_mbps MB/s  ($ntimed of $nboards Linux boards, $(mb "$pp_bytes") preprocessed; timed with $timer)"
echo "  ($dtc_gross MB/s counting process start-up, $per_start_ms ms a run, which the rate above leaves out)"
if [ -s "$T/rejected.txt" ]; then
	echo "  not timed, rejected by $(dtc --version | sed 's/^Version: //'):"
	sed 's/^/    /' "$T/rejected.txt"
fi
verdict=$(awk -v a="$dtidy_mbps" -v b="$dtc_mbps" -v m="$MIN_RATIO" \
	'BEGIN { r = a / b; printf "%.1fx (need >= %dx): %s", r, m, (r >= m ? "PASS" : "FAIL") }')
echo "parse throughput ratio dtidy/dtc: $verdict"
case $verdict in
*PASS) exit 0 ;;
*) exit 1 ;;
esac
