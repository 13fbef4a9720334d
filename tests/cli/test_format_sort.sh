#!/bin/sh
# `format --sort` from the command line: notes about nodes left in their
# order go to stderr with file:line and do not fail the run; --check, --diff,
# -i, --stdin-filename and -j agree; a sorted file is a fixed point; a
# .dtidy.yaml `format: { sort: true }` asks for it without the flag.
set -u
: "${DTIDY:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
check() {	# description, then a command that must succeed
	n=$((n + 1))
	desc=$1
	shift
	if "$@"; then
		echo "ok   $desc"
	else
		echo "FAIL $desc"
		fail=$((fail + 1))
	fi
}

cat >"$tmp/board.dts" <<'DTS'
/dts-v1/;

/ {
	#address-cells = <1>;
	#size-cells = <1>;

	soc {
		uart@2000 {
			reg = <0x2000 0x100>;
			compatible = "acme,uart";
			clocks = <&osc>;
		};

		/* the first port */
		uart@1000 {
			status = "okay";
			compatible = "acme,uart";
			reg = <0x1000 0x100>;
		};
	};

	osc: oscillator {
		#clock-cells = <0>;
		compatible = "fixed-clock";
		clock-frequency = <24000000>;
	};

	twice {
		status = "disabled";
		compatible = "acme,twice";
		status = "okay";
	};
};
DTS
cp "$tmp/board.dts" "$tmp/orig.dts"

"$DTIDY" format --sort "$tmp/board.dts" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "format --sort FILE exits 0 although a node is left in its order" [ "$rc" -eq 0 ]
check "the note names file:line and why" \
	grep -q "board.dts:28:2: note: 'twice' left in its order: property 'status' is written twice" "$tmp/err"
check "properties in kernel order (compatible before reg before status)" \
	sh -c "grep -n 'compatible = \"acme,uart\"' '$tmp/out' | head -1 | cut -d: -f1 >'$tmp/a';
	       grep -n 'reg = <0x1000' '$tmp/out' | cut -d: -f1 >'$tmp/b';
	       [ \$(cat '$tmp/a') -lt \$(cat '$tmp/b') ]"
check "nodes by address, with their comments" \
	sh -c "grep -A1 'the first port' '$tmp/out' | grep -q 'uart@1000 {' &&
	       [ \$(grep -n 'uart@1000' '$tmp/out' | cut -d: -f1) -lt \$(grep -n 'uart@2000' '$tmp/out' | cut -d: -f1) ]"
check "the refused node keeps its order" \
	sh -c "grep -A3 'twice {' '$tmp/out' | sed -n 2p | grep -q 'status = \"disabled\"'"
check "the input is left alone without -i" cmp -s "$tmp/board.dts" "$tmp/orig.dts"

"$DTIDY" format --sort --check "$tmp/board.dts" >"$tmp/listed" 2>/dev/null
check "--sort --check lists the file and exits 1" \
	sh -c "[ $? -eq 1 ] && grep -qx '$tmp/board.dts' '$tmp/listed'"
"$DTIDY" format --check "$tmp/out" >/dev/null 2>&1
check "the sorted text is already formatted" [ $? -eq 0 ]

"$DTIDY" format --sort --diff "$tmp/board.dts" >"$tmp/diff" 2>/dev/null
cp "$tmp/board.dts" "$tmp/patched.dts"
check "--sort --diff is a patch that gives the same text" \
	sh -c "patch -s '$tmp/patched.dts' <'$tmp/diff' && cmp -s '$tmp/patched.dts' '$tmp/out'"

"$DTIDY" format --sort --stdin-filename "$tmp/board.dts" <"$tmp/board.dts" >"$tmp/stdin.out" 2>/dev/null
check "--stdin-filename gives the same text" cmp -s "$tmp/stdin.out" "$tmp/out"

mkdir -p "$tmp/tree/a" "$tmp/tree/b"
cp "$tmp/board.dts" "$tmp/tree/a/one.dts"
cp "$tmp/board.dts" "$tmp/tree/b/two.dts"
"$DTIDY" format --sort -i -j2 "$tmp/tree" >/dev/null 2>"$tmp/err.i"
rc=$?
check "-i -j2 exits 0 and writes the sorted text" \
	sh -c "[ $rc -eq 0 ] && cmp -s '$tmp/tree/a/one.dts' '$tmp/out' && cmp -s '$tmp/tree/b/two.dts' '$tmp/out'"
check "-i -j2 prints one note per refused node" [ "$(grep -c 'format-sort' "$tmp/err.i")" -eq 2 ]
"$DTIDY" format --sort --check -j2 "$tmp/tree" >"$tmp/again" 2>/dev/null
check "a second --sort run changes nothing (idempotent)" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$tmp/again' ]"

mkdir -p "$tmp/cfg"
cp "$tmp/board.dts" "$tmp/cfg/board.dts"
printf 'format:\n  sort: true\n' >"$tmp/cfg/.dtidy.yaml"
"$DTIDY" format "$tmp/cfg/board.dts" >"$tmp/cfg.out" 2>/dev/null
check "format: { sort: true } in .dtidy.yaml sorts without --sort" cmp -s "$tmp/cfg.out" "$tmp/out"

# a file that does not parse is reported and never sorted
printf '/dts-v1/;\n/ { b = <1>; a = <2>;\n' >"$tmp/broken.dts"
cp "$tmp/broken.dts" "$tmp/broken.orig"
"$DTIDY" format --sort -i "$tmp/broken.dts" >/dev/null 2>&1
check "a file with syntax errors exits 1 and is left alone" \
	sh -c "[ $? -eq 1 ] && cmp -s '$tmp/broken.dts' '$tmp/broken.orig'"

echo "format --sort: $n checks, $fail failed"
[ "$fail" -eq 0 ]
