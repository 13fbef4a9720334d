#!/bin/sh
# check-vs-dtvalidate.sh [BOARD...]: `dtidy check`'s schema findings, made
# on the sources (dtidy's own instances: rules/schema/instance.h), against
# what `make dtbs_check` reports: each corpus board (default: every board
# of linux-toplevel.txt) is preprocessed as the kernel does, built with
# dtc (dtc 1.8.1 from build/oracles when the dtc parity test built it,
# else the dtc on PATH) and validated by dt-validate -m (dt-schema
# v2026.06-15, ../shared/oracles); findings are matched by board, node and
# property (dt-validate's property paths, dtidy's JSON "node" and
# "property"), and the unmatched schemas ("failed to match any schema")
# against undocumented-compatible. Prints recall and extras, lists each
# difference; fails below the issue's bar (90% recall, 10% extras).
# Slow (dt-validate takes seconds a board): not part of `make test`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-build}
CORPUS=$(cd "${CORPUS:-$root/../shared/corpus}" && pwd)
shared=$(cd "$CORPUS/.." && pwd)
DTIDY=${DTIDY:-$root/$BUILD/dtidy}
work=$root/$BUILD/oracles/schema-compare
out=$work/check
mkdir -p "$out" || exit 1
if [ ! -x "$work/dt-schema/bin/dt-mk-schema" ]; then
	bash "$shared/oracles/dt-schema-setup.sh" "$work/dt-schema" >"$work/setup.log" 2>&1 ||
		{ echo "check-vs-dtvalidate: dt-schema setup failed, see $work/setup.log"; exit 1; }
fi
processed=$work/processed-schema.json
if [ ! -s "$processed" ]; then
	"$work/dt-schema/bin/dt-mk-schema" -j "$CORPUS/Bindings" >"$processed.tmp" &&
		mv "$processed.tmp" "$processed" || { echo "check-vs-dtvalidate: dt-mk-schema failed"; exit 1; }
fi
dtc=dtc
[ -x "$root/$BUILD/oracles/dtc-1.8.1/dtc" ] && dtc=$root/$BUILD/oracles/dtc-1.8.1/dtc
[ $# -eq 0 ] && set -- $(cat "$CORPUS/linux-toplevel.txt")
rm -f "$out"/*.json "$out"/*.src
cd "$CORPUS" || exit 1
for b in "$@"; do
	n=$(echo "$b" | tr / _)
	d=$(dirname "$b")
	a=$(echo "$b" | cut -d/ -f2)
	if ! cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -I "$d" -I "src/$a" -I src \
		-I include "$b" 2>/dev/null | "$dtc" -q -I dts -O dtb -b 0 -o "$out/$n.dtb" - 2>/dev/null; then
		echo "check-vs-dtvalidate: $dtc cannot build $b (left out)"
		continue
	fi
	timeout 600 "$work/dt-schema/bin/dt-validate" -m -s "$processed" \
		--json-output "$out/$n.dv.json" "$out/$n.dtb" >/dev/null 2>&1
	"$DTIDY" check -q --format=json --schemas "$CORPUS/dt-schema/schemas" \
		--disable structural --disable style --disable hv --disable meta \
		--disable vendor-prefix "$b" >"$out/$n.dt.json" 2>/dev/null
	echo "$b" >"$out/$n.src"
done
python3 "$here/check_compare.py" "$out"
