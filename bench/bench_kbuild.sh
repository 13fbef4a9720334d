#!/bin/sh
# The make hook over every Linux board of the corpus (all architectures), in
# a kernel-shaped copy of it (tests/kbuild/kernel_tree.sh):
#   cold:  make -j2 dtbs_lint with no stamps (integrations/kbuild/dtidy.mk)
#   dtc:   cpp + dtc -O dtb over the same boards, also under make -j2, with
#          the same include paths as the kernel build
#   warm:  make -j2 dtbs_lint again with nothing changed (median of 3);
#          must take under 1 second.
# Env: DTIDY, CORPUS (bench/run.sh).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
WARM_LIMIT=1.0
here=$(cd "$(dirname "$0")" && pwd)
mk=$here/../integrations/kbuild/dtidy.mk
for tool in make cpp dtc awk; do
	command -v "$tool" >/dev/null || { echo "bench_kbuild: $tool not installed (make deps)" >&2; exit 2; }
done
. "$here/../tests/kbuild/kernel_tree.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM
make_kernel_tree "$T/linux"
cd "$T/linux" || exit 2
arches=$(ls arch | tr '\n' ' ')
find arch \( -name '*.dts' -o -name '*.dtso' \) -type f | sort >"$T/boards"
nboards=$(grep -c '' "$T/boards")

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

lint() {
	make -f "$mk" -j2 ARCH="$arches" DTIDY="$DTIDY" DTIDY_NOFAIL=1 dtbs_lint >"$T/lint.out" 2>&1
}

# --- dtidy, cold -----------------------------------------------------------
rm -rf .dtidy
t0=$(now)
lint || { echo "bench_kbuild: cold dtbs_lint failed:" >&2; tail -5 "$T/lint.out" >&2; exit 1; }
t1=$(now)
cold=$(secs "$t0" "$t1")
nstamps=$(find .dtidy -name '*.lint' | wc -l)
nfind=$(grep -c ': \(error\|warning\): ' "$T/lint.out")

# --- dtidy, warm (nothing changed) -----------------------------------------
warm_runs=""
for _ in 1 2 3; do
	t0=$(now)
	lint || { echo "bench_kbuild: warm dtbs_lint failed" >&2; exit 1; }
	t1=$(now)
	[ -s "$T/lint.out" ] && { echo "bench_kbuild: warm run printed: $(head -2 "$T/lint.out")" >&2; exit 1; }
	warm_runs="$warm_runs $(secs "$t0" "$t1")"
done
warm=$(echo "$warm_runs" | tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 2p)

# --- cpp + dtc, the kernel's way, under make -j2 -----------------------------
{
	echo 'all:'
	i=0
	while read -r f; do
		i=$((i + 1))
		dir=$(dirname "$f")
		root=$(echo "$f" | cut -d/ -f1-4)
		plugin=""
		case $f in *.dtso) plugin="-@" ;; esac
		printf 'all: b%d\nb%d:\n\t@cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -I %s -I %s -I scripts/dtc/include-prefixes -I include %s 2>/dev/null | dtc -q -I dts -O dtb -b 0 -i %s -i %s %s -o /dev/null 2>/dev/null || echo b%d >>%s\n' \
			"$i" "$i" "$dir" "$root" "$f" "$dir" "$root" "$plugin" "$i" "$T/dtc-failed"
	done <"$T/boards"
} >"$T/dtc.mk"
: >"$T/dtc-failed"
t0=$(now)
make -f "$T/dtc.mk" -j2 >/dev/null 2>&1
t1=$(now)
dtc_secs=$(secs "$t0" "$t1")
ndtc_failed=$(grep -c '' "$T/dtc-failed")

# --- report ------------------------------------------------------------------
echo "dtbs_lint cold, make -j2:      ${cold} s  ($nboards boards over ${arches% }; $nstamps passed, $nfind findings)"
echo "cpp + dtc -O dtb, make -j2:    ${dtc_secs} s  (same boards; $ndtc_failed refused by $(dtc --version | sed 's/^Version: //'))"
echo "dtbs_lint warm (no change):    ${warm} s  (median of:$warm_runs)"
verdict=$(awk -v w="$warm" -v l="$WARM_LIMIT" 'BEGIN { print (w < l ? "PASS" : "FAIL") }')
echo "warm re-run under ${WARM_LIMIT} s: $verdict"
[ "$verdict" = PASS ]
