#!/bin/sh
# Runs every benchmark, bench/bench_*.sh, in name order (`make bench`).
# usage: bench/run.sh path/to/dtidy
# Each benchmark gets DTIDY (absolute path of the binary), BUILD (the build
# directory, for helper programs such as parse-bench) and CORPUS (absolute)
# in its environment, prints its own result lines, and exits non-zero when a
# threshold it checks is missed.
set -u
[ $# -eq 1 ] || { echo "usage: $0 path/to/dtidy" >&2; exit 2; }
case $1 in
/*) DTIDY=$1 ;;
*) DTIDY=$(pwd)/$1 ;;
esac
[ -x "$DTIDY" ] || { echo "$0: $DTIDY is not an executable" >&2; exit 2; }
BUILD=$(dirname "$DTIDY")
cd "$(dirname "$0")/.." || exit 2
CORPUS=$(cd "${CORPUS:-../shared/corpus}" 2>/dev/null && pwd) || {
	echo "$0: corpus not found (set CORPUS)" >&2
	exit 2
}
export DTIDY BUILD CORPUS LC_ALL=C

failed=""
for b in $(ls bench/bench_*.sh | sort); do
	echo "== $b"
	sh "$b" || failed="$failed $b"
	echo
done
if [ -n "$failed" ]; then
	echo "bench: failed:$failed"
	exit 1
fi
echo "bench: all passed"
