#!/bin/sh
# Formatting Zephyr's files, dtidy against dts-linter (the formatter
# Zephyr's CI runs), on the same files: the 65 of the corpus's zephyr/.
#
# dtidy:      `dtidy format --check --profile=zephyr -j1` over the files, PASSES
#             passes in one timed script (read, lex, parse, lay out, verify);
# dts-linter: `dts-linter --format` (0.5.1, ../shared/oracles/) given every
#             file in one process (--file repeated), so that node's start-up
#             and its language server's are paid once, as in Zephyr's CI.
# Both in wall-clock seconds: dts-linter does its work in a language server
# it starts and does not wait for, whose CPU time(1) never sees (it reports
# ~0.15 s of CPU for a run of ~5 s). On a shared machine wall time counts
# waiting for a core too, so each tool's best of ROUNDS rounds is taken.
# dtidy must be at least 100x faster. Skipped without node.
# Env: DTIDY, CORPUS (bench/run.sh); ROUNDS (3), PASSES (20).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
MIN_RATIO=100
ROUNDS=${ROUNDS:-3}
PASSES=${PASSES:-20}
command -v node >/dev/null || { echo "bench_format_zephyr: skipped (node is not installed)"; exit 0; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-bench-zephyr.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' HUP INT TERM
here=$(cd "$(dirname "$0")" && pwd)
# unpacks the oracle into build/oracles/ (its answer on one file is unused)
f0=$(find "$CORPUS/zephyr" -name '*.dts' | head -1)
sh "$here/../tests/dts-linter-oracle.sh" "$f0" "$T/unused" ||
	{ echo "bench_format_zephyr: skipped (no dts-linter)"; exit 0; }
linter=$here/../build/oracles/dts-linter/node_modules/.bin/dts-linter

mkdir -p "$T/files"
cp -R "$CORPUS/zephyr" "$T/files/"
find "$T/files" -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.overlay' \) | sort >"$T/list"
n=$(grep -c '' "$T/list")
bytes=$(cat $(cat "$T/list") | wc -c)

{
	echo "for p in \$(seq $PASSES); do"
	printf '"%s" format --check --profile=zephyr -j1' "$DTIDY"
	while read -r f; do printf ' "%s"' "$f"; done <"$T/list"
	echo ' >/dev/null 2>&1; done'
} >"$T/dtidy.sh"
{
	printf '"%s"' "$linter"
	while read -r f; do printf ' --file "%s"' "$f"; done <"$T/list"
	echo ' --format >/dev/null 2>&1'
} >"$T/linter.sh"

wall() {
	/usr/bin/time -f '%e' -o "$T/time" sh "$1" >/dev/null 2>&1
	tail -n 1 "$T/time"
}
for r in $(seq "$ROUNDS"); do
	echo "$(wall "$T/dtidy.sh") $(wall "$T/linter.sh")" >>"$T/rounds"
done
awk -v n="$n" -v bytes="$bytes" -v passes="$PASSES" -v min="$MIN_RATIO" '
{
	d = $1 / passes
	if (NR == 1 || d < bd) bd = d
	if (NR == 1 || $2 < bl) bl = $2
}
END {
	if (bd <= 0) bd = 0.0001	# below the clock: 0.1 ms
	ratio = bl / bd
	printf "format --profile=zephyr, %d files (%d KB): dtidy %.1f ms, dts-linter %.2f s (wall, best of %d)\n", n, bytes / 1024, bd * 1000, bl, NR
	printf "dtidy is %.0fx faster than dts-linter (want >= %dx)\n", ratio, min
	exit (ratio >= min ? 0 : 1)
}' "$T/rounds"
