#!/bin/sh
# engine-vs-dtvalidate.sh [BOARD...]: the schema engine against dt-validate
# (dt-schema v2026.06-15, ../shared/oracles) on the same instances: each
# corpus board (default: every .dts of linux-toplevel.txt) is built and
# decoded by dt-schema's own code, validated by dt-validate -m and by the
# engine (build/schema-oracle), and the findings compared by board, node
# and message; differences explained in tests/schema/known-differences.txt
# are left out. Slow (dt-mk-schema takes about 40 s once, dt-validate
# seconds a board): not part of `make test`. Run with `make schema-oracle`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-build}
CORPUS=${CORPUS:-$root/../shared/corpus}
shared=$(cd "$CORPUS/.." && pwd)
work=$root/$BUILD/oracles/schema-compare
mkdir -p "$work/out" || exit 1
if [ ! -x "$work/dt-schema/bin/dt-mk-schema" ]; then
	bash "$shared/oracles/dt-schema-setup.sh" "$work/dt-schema" >"$work/setup.log" 2>&1 ||
		{ echo "engine-vs-dtvalidate: dt-schema setup failed, see $work/setup.log"; exit 1; }
fi
py=$work/dt-schema/venv/bin/python3
processed=$work/processed-schema.json
if [ ! -s "$processed" ]; then
	"$work/dt-schema/bin/dt-mk-schema" -j "$CORPUS/Bindings" >"$processed.tmp" &&
		mv "$processed.tmp" "$processed" || { echo "engine-vs-dtvalidate: dt-mk-schema failed"; exit 1; }
fi
if [ $# -eq 0 ]; then
	set -- $(grep '\.dts$' "$CORPUS/linux-toplevel.txt")
fi
rm -f "$work/out"/*.json
CORPUS=$CORPUS "$py" "$here/dtvalidate_decode.py" "$processed" "$work/out" "$@" || exit 1
"$root/$BUILD/schema-oracle" "$CORPUS/Bindings" "$CORPUS/dt-schema/schemas" "$work/cache" \
	"$work/out"/*.tree.json >"$work/engine.txt" 2>"$work/times.txt" || exit 1
python3 "$here/compare.py" "$work/out" "$work/engine.txt" "$here/known-differences.txt"
