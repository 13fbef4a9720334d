#!/bin/sh
# Runs dtidy over the bundled example tree, the way `make run` shows it off.
# usage: examples/run.sh path/to/dtidy
#
# The examples hold deliberate mistakes, so findings (exit 1) are expected;
# only a usage/internal error (exit 2) or a crash fails the run. Each
# capability is one `step` line below.
set -u
[ $# -eq 1 ] || { echo "usage: $0 path/to/dtidy" >&2; exit 2; }
case $1 in
/*) DTIDY=$1 ;;
*) DTIDY=$(pwd)/$1 ;;
esac
[ -x "$DTIDY" ] || { echo "$0: $DTIDY is not an executable" >&2; exit 2; }
cd "$(dirname "$0")/.." || exit 2

failed=0
step() {
	echo "== dtidy $*"
	"$DTIDY" "$@"
	rc=$?
	case $rc in
	0 | 1) ;;
	*)
		echo "examples/run.sh: 'dtidy $*' failed with exit status $rc" >&2
		failed=1
		;;
	esac
	echo
}

step check -I examples/include examples/
step format --check --diff examples/
step check --enable=style -I examples/include examples/acme-a53x-devkit.dts
step tree -I examples/include examples/acme-a53x-devkit.dts

exit $failed
