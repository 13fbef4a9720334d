#!/bin/sh
# `dtidy check` over the whole corpus reports syntax errors in exactly the
# files dtc 1.8.1 refuses while reading them (first error on dtc's line),
# plus u-boot's deliberately truncated pack/invalid.dts, and nowhere else.
# The dtc-tests include*.dts files are fragments and are not judged.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expected: one "path:line" per file (line empty when any line will do)
awk -F'\t' '$2 == 1 && $1 !~ /^include/ &&
	$4 ~ /syntax error|Lexical error|Properties must precede subnodes/ {
		split($4, a, $1 ":"); split(a[2], b, ".");
		print "dtc-tests/" $1 ":" b[1]
	}' "$CORPUS/dtc-tests/EXPECTED.tsv" >"$tmp/expected.raw"
echo "u-boot/tools/binman/test/pack/invalid.dts:6" >>"$tmp/expected.raw"
sort "$tmp/expected.raw" >"$tmp/expected"

(cd "$CORPUS" && "$DTIDY" check -j2 --color=never .) >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 1 ]; then
	echo "FAIL: dtidy check over the corpus exited $rc, expected 1"
	cat "$tmp/err"
	exit 1
fi

# actual: the first syntax diagnostic of each file
grep ': error: .*\[syntax\]$' "$tmp/out" | sed 's|^\./||' |
	awk -F: '$1 !~ /^dtc-tests\/include/ && !seen[$1]++ { print $1 ":" $2 }' |
	sort >"$tmp/actual"

if ! diff -u "$tmp/expected" "$tmp/actual"; then
	echo "FAIL: files with syntax errors differ from the expected set (- expected, + dtidy)"
	exit 1
fi
# Its IDs come from expo_ids.h, which it never includes (U-Boot's test
# build supplies them): notes, once per macro, not syntax errors.
if ! grep -q '^./u-boot/test/boot/files/expo_layout.dts:11:[0-9]*: note: .ID_DYNAMIC_START.*not defined here' "$tmp/out"; then
	echo "FAIL: expo_layout.dts: no note for ID_DYNAMIC_START"
	exit 1
fi
echo "ok: $(wc -l <"$tmp/expected") files with the expected syntax errors, none elsewhere; expo_layout.dts's IDs are notes"
