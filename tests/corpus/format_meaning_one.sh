#!/bin/sh
# Helper of test_format_corpus.sh (not a test itself): compiles one corpus
# .dts/.dtso with cpp + dtc from the original tree ($1) and from the
# formatted copy ($2), the way the corpus README says; prints
#   SKIP rel   the original does not compile (not judged)
#   OK rel     both DTBs are byte-identical
#   FAIL rel   the formatted tree compiles differently or not at all
orig=$1 copy=$2 rel=$3 work=$4
. "$(dirname "$0")/board_flags.sh"
board_flags "$rel" "$orig"
out=$work/$(echo "$rel" | tr '/' '_')
build() {	# tree suffix
	(cd "$1" && timeout 5 cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		"-D__TIMESTAMP__=\"fixed\"" \
		$inc "$rel" 2>/dev/null >"$out.$2.pp" &&
	 timeout 5 dtc -q -I dts -O dtb $flags $dinc -o "$out.$2.dtb" "$out.$2.pp" \
		2>/dev/null)
}
if ! build "$orig" a; then
	echo "SKIP $rel"
elif ! build "$copy" b; then
	echo "FAIL $rel (formatted tree does not compile)"
elif cmp -s "$out.a.dtb" "$out.b.dtb"; then
	echo "OK $rel"
else
	echo "FAIL $rel (DTB differs)"
fi
rm -f "$out".*
