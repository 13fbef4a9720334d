#!/bin/sh
# The hv-* and xen-* rules on every file of the corpus's hypervisor trees
# (xen-troops/, zephyr-xen/, tf-a/), not only those HYPERVISOR-FILES.tsv
# lists: the guest trees, passthrough overlays and SPMC manifests there must
# give exactly the findings of hv-expected.txt that lie in those trees (each
# read by hand; see the comments there), so a false positive on any of them
# fails.
set -u
: "${DTIDY:?DTIDY must name the dtidy binary}"
: "${CORPUS:?CORPUS must name the shared corpus directory}"
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-hvdirs.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
dirs="xen-troops zephyr-xen tf-a"
cd "$CORPUS" || exit 1
for d in $dirs; do
	if [ ! -d "$d" ]; then
		echo "FAIL $CORPUS/$d is missing"
		exit 1
	fi
done
# shellcheck disable=SC2086
n=$(find $dirs -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' -o -name '*.overlay' | wc -l)
# shellcheck disable=SC2086
"$DTIDY" check --format=json $dirs >"$T/out.json"
rc=$?
if [ "$rc" -gt 1 ]; then
	echo "FAIL dtidy check exited $rc"
	exit 1
fi
jq -r '.diagnostics[] | select(.rule | test("^(hv-|xen-)"))
	| "\(.file):\(.line):\(.column): \(.severity): \(.message) [\(.rule)]"' \
	"$T/out.json" | sed 's|^\./||' | sort >"$T/got"
grep -v '^#' "$here/hv-expected.txt" | grep -E '^(xen-troops|zephyr-xen|tf-a)/' | sort >"$T/want"
if diff -u "$T/want" "$T/got"; then
	echo "ok   hv-* on $n files of $dirs: $(wc -l <"$T/got") findings, all in hv-expected.txt"
else
	echo "FAIL hv-* findings on $dirs differ from tests/corpus/hv-expected.txt (above)"
	exit 1
fi
