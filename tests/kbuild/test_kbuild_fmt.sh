#!/bin/sh
# dtidy.mk dtbs_lint_fmt over a DTS_DIR (boards and .dtsi files), and
# dtbs_lint over an explicit DTS_FILES list: gcc-style lines at the first
# changed line of each unformatted stretch, silence once formatted, no work
# on a re-run, O= for the stamps.
set -u
: "${DTIDY:?}"
here=$(cd "$(dirname "$0")" && pwd)
mk=$here/../../integrations/kbuild/dtidy.mk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
unset MAKEFLAGS MFLAGS MAKELEVEL
mkdir -p "$tmp/proj/dts" "$tmp/out"
cd "$tmp/proj" || exit 1
printf '/dts-v1/;\n\n#include "soc.dtsi"\n\n/ {\n\tmodel = "good";\n};\n' >dts/good.dts
printf '/ {\n\tsoc {\n\t\tcompatible = "simple-bus";\n\t};\n};\n' >dts/soc.dtsi
printf '/dts-v1/;\n\n/ {\n\tmodel = "bad";\n\tx=<1>;\n};\n' >dts/bad.dts

fmt() { make -f "$mk" -j2 DTS_DIR=dts DTIDY="$DTIDY" O="$tmp/out" dtbs_lint_fmt >out 2>&1; }

if fmt; then fail "an unformatted board passed dtbs_lint_fmt"; fi
grep -q '^dts/bad.dts:5:1: error: .*dtidy format -i dts/bad.dts \[format\]$' out ||
	{ cat out; fail "no gcc-style format line for dts/bad.dts line 5"; }
grep -q 'good.dts\|soc.dtsi' out && fail "formatted files were reported"
echo "ok: dtbs_lint_fmt: $(head -1 out)"

"$DTIDY" format -i --quiet dts/bad.dts || fail "dtidy format -i failed"
fmt || { cat out; fail "dtbs_lint_fmt failed after formatting"; }
[ -s out ] && fail "a formatted tree printed: $(head -2 out)"
[ -f "$tmp/out/.dtidy/dts/soc.dtsi.fmt" ] || fail "no stamp for the .dtsi under O="
if ! fmt || [ -s out ]; then fail "the re-run was not silent"; fi
echo "ok: formatted tree passes silently"

make -f "$mk" -j2 DTS_FILES="dts/good.dts dts/bad.dts" DTIDY="$DTIDY" DTIDY_OUT="$tmp/o2" V=1 dtbs_lint >out 2>&1 ||
	{ cat out; fail "dtbs_lint over DTS_FILES failed"; }
[ "$(grep -c ' check ' out)" -eq 2 ] || { cat out; fail "DTS_FILES: expected two checks"; }
ls "$tmp/o2/dts/good.dts.lint" "$tmp/o2/dts/bad.dts.lint" >/dev/null || fail "DTS_FILES: stamps missing"
echo "ok: DTS_FILES checks exactly the listed boards, stamps under DTIDY_OUT"

# included from a project's Makefile: its default goal stays its own, and
# its other targets pay for no find and leave no stamps
cat >Makefile <<MK
all:
	@echo project-all
DTS_DIR := dts
include $mk
MK
out=$(make DTIDY="$DTIDY" O="$tmp/inc" 2>&1) || fail "the including Makefile's default goal failed: $out"
[ "$out" = project-all ] || fail "including dtidy.mk took over the default goal: $out"
[ -e "$tmp/inc" ] && fail "a non-dtidy goal created the stamp directory"
make DTIDY="$DTIDY" O="$tmp/inc" dtbs_lint >out 2>&1 || { cat out; fail "dtbs_lint through include failed"; }
ls "$tmp/inc/.dtidy/dts/good.dts.lint" >/dev/null || fail "no stamp through include"
echo "ok: included: the project's default goal is kept, dtbs_lint works"
