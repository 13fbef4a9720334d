#!/bin/sh
# schema-oracle-board.sh WORKDIR BOARD: compiles one board as the kernel's
# scripts/Makefile.dtbs does (cpp, then dtc 1.8.1) into WORKDIR/KEY.dtb,
# KEY being BOARD with / as %, for tests/schema-oracle.sh (through xargs);
# a board that fails is named in WORKDIR/failed.
# Env: DTC (dtc 1.8.1), CORPUS.
w=$1 f=$2
: "${DTC:?}" "${CORPUS:?}"
k=$(echo "$f" | tr / %)
d=$(dirname "$f")
arch=$(echo "$f" | cut -d/ -f2)
# a board of schema-extra-boards.tsv: its build's include directories;
# a kernel board: the kernel's (its own, src/<arch>, src, include)
extra=$(awk -F'\t' -v b="$f" '$1 == b { print $2 }' "$(dirname "$0")/schema-extra-boards.tsv")
if [ -n "$extra" ]; then
	dirs=$extra dtcdirs=$extra
else
	dirs="$d src/$arch src include" dtcdirs="$d src/$arch"
fi
incs="" dtcincs=""
for i in $dirs; do incs="$incs -I $CORPUS/$i"; done
for i in $dtcdirs; do dtcincs="$dtcincs -i $CORPUS/$i"; done
# shellcheck disable=SC2086
cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp $incs \
	"$CORPUS/$f" -o "$w/$k.pp" 2>"$w/$k.err" &&
timeout 60 "$DTC" -I dts -O dtb -b 0 $dtcincs \
	-o "$w/$k.dtb" "$w/$k.pp" 2>>"$w/$k.err" || {
	echo "schema-oracle: cpp or dtc failed on $f: $(head -3 "$w/$k.err")" >>"$w/failed"
	exit 0
}
rm -f "$w/$k.pp" "$w/$k.err"
