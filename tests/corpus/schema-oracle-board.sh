#!/bin/sh
# schema-oracle-board.sh WORKDIR BOARD: compiles one kernel board as
# scripts/Makefile.dtbs does (cpp, then dtc 1.8.1) into WORKDIR/KEY.dtb,
# KEY being BOARD with / as %, for tests/schema-oracle.sh (through xargs);
# a board that fails is named in WORKDIR/failed.
# Env: DTC (dtc 1.8.1), CORPUS.
w=$1 f=$2
: "${DTC:?}" "${CORPUS:?}"
k=$(echo "$f" | tr / %)
d=$(dirname "$f")
arch=$(echo "$f" | cut -d/ -f2)
cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
	-I "$CORPUS/$d" -I "$CORPUS/src/$arch" -I "$CORPUS/src" -I "$CORPUS/include" \
	"$CORPUS/$f" -o "$w/$k.pp" 2>"$w/$k.err" &&
timeout 60 "$DTC" -I dts -O dtb -b 0 -i "$CORPUS/$d" -i "$CORPUS/src/$arch" \
	-o "$w/$k.dtb" "$w/$k.pp" 2>>"$w/$k.err" || {
	echo "schema-oracle: cpp or dtc failed on $f: $(head -3 "$w/$k.err")" >>"$w/failed"
	exit 0
}
rm -f "$w/$k.pp" "$w/$k.err"
