#!/bin/sh
# Helper of test_format_sort_corpus.sh (not a test itself): compiles one
# corpus .dts/.dtso with cpp + dtc from the original tree ($1) and from the
# sorted copy ($2) and compares the trees, their order aside:
#   SKIP rel   the original does not compile (not judged)
#   OK rel     the same tree
#   FAIL rel   the sorted tree compiles differently or not at all
# A .dts is compiled again from both with the original's phandle numbers
# pinned (dtc numbers phandles in source order), and the sorted decompiled
# DTBs must then be identical; an overlay's phandles cannot be pinned by
# path, so its decompiled DTBs are compared with dts_same_modulo_order.awk.
orig=$1 copy=$2 rel=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/board_flags.sh"
board_flags "$rel" "$orig"
out=$work/$(echo "$rel" | tr '/' '_')
pp() {	# tree suffix
	(cd "$1" && timeout 5 cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		"-D__TIMESTAMP__=\"fixed\"" $inc "$rel" 2>/dev/null >"$out.$2.pp")
}
dtb() {	# tree suffix
	(cd "$1" && timeout 5 dtc -q -I dts -O dtb $flags $dinc -o "$out.$2.dtb" "$out.$2.pp" \
		2>/dev/null) &&
	timeout 5 dtc -q -I dtb -O dts -s "$out.$2.dtb" >"$out.$2.s" 2>/dev/null
}
if ! pp "$orig" a || ! dtb "$orig" a; then
	echo "SKIP $rel"
elif ! pp "$copy" b || ! dtb "$copy" b; then
	echo "FAIL $rel (sorted tree does not compile)"
elif cmp -s "$out.a.s" "$out.b.s"; then
	echo "OK $rel"
elif grep -q '/plugin/' "$out.a.pp"; then
	if awk -f "$here/dts_same_modulo_order.awk" "$out.a.s" "$out.b.s" >"$out.why"; then
		echo "OK $rel"
	else
		echo "FAIL $rel ($(cat "$out.why"))"
	fi
else
	awk -f "$here/dts_phandles.awk" "$out.a.s" >"$out.pin"
	cat "$out.pin" >>"$out.a.pp"
	cat "$out.pin" >>"$out.b.pp"
	if dtb "$orig" a && dtb "$copy" b && cmp -s "$out.a.s" "$out.b.s"; then
		echo "OK $rel"
	else
		echo "FAIL $rel (tree differs: $(diff "$out.a.s" "$out.b.s" | sed -n 2p))"
	fi
fi
rm -f "$out".*
