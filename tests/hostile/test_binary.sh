#!/bin/sh
# Binary files, NUL bytes and invalid UTF-8: each is a syntax error at a
# line and column, never a crash, and the files beside it are still checked.
set -u
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

witness ok.dts
# 256 KiB of every byte value
i=0
: >all.bin
while [ $i -lt 256 ]; do
	printf "\\$(printf %o $i)" >>all.bin
	i=$((i + 1))
done
for i in 1 2 3 4 5 6 7 8 9 10; do cat all.bin all.bin all.bin all.bin; done >blob.dts
cat blob.dts blob.dts blob.dts blob.dts blob.dts blob.dts >binary.dts
rm -f blob.dts all.bin
printf '/dts-v1/;\n/ {\n\tp = <1>;\n\tq\000 = <2>;\n};\n' >nul.dts
printf '/dts-v1/;\n/ {\n\ts = "\303\050\377";\n\tn\342\202 { };\n};\n' >utf8.dts
printf '\000\000\000\000' >only-nul.dts
# an ELF binary, as someone pointing dtidy at the wrong directory would
# the first 1.5 MB of dtidy itself: an ELF input whose size does not grow
# with the program (the peak RSS below is measured on these inputs)
head -c 1500000 "$DTIDY" >elf.dts

run check -- "$DTIDY" check --color=never binary.dts nul.dts utf8.dts only-nul.dts elf.dts ok.dts
expect_rc "binary, NUL and bad UTF-8 inputs" 1
expect_out "binary file: syntax error at line:col" '^binary\.dts:[0-9]+:[0-9]+: error: .*\[syntax\]$'
expect_out "NUL in a property name: error on line 4" '^nul\.dts:4:[0-9]+: error: .*\[syntax\]$'
expect_out "invalid UTF-8 in a node name: error on line 4" '^utf8\.dts:4:[0-9]+: error: .*\[syntax\]$'
expect_out "file of NUL bytes: error at 1:1" '^only-nul\.dts:1:1: error: .*\[syntax\]$'
expect_out "ELF binary: syntax error" '^elf\.dts:[0-9]+:[0-9]+: error: .*\[syntax\]$'
expect_out "the good file beside them is still checked" '^ok\.dts:4:1: error: '
# a valid string holding invalid UTF-8 is not an error: dtc stores bytes
if grep -q '^utf8\.dts:3:' "$T/out"; then
	not_ok "invalid UTF-8 inside a string is accepted" "$(grep '^utf8\.dts:3:' "$T/out")"
else
	ok "invalid UTF-8 inside a string is accepted"
fi
# diagnostics are single lines of text even when the input is binary
if LC_ALL=C grep -q '[^[:print:][:space:]]' "$T/out"; then
	not_ok "diagnostics quote no raw control or non-ASCII bytes"
else
	ok "diagnostics quote no raw control or non-ASCII bytes"
fi
# check builds the semantic model of each file too, two files at a time:
# 36 times the inputs (the ELF binary is most of them) plus 16 MB, as for
# the huge inputs (bound_mb in lib.sh)
expect_rss "binary inputs" "$(bound_mb 36 16 binary.dts nul.dts utf8.dts only-nul.dts elf.dts ok.dts)"

run json -- "$DTIDY" check --format=json binary.dts elf.dts
if jq -e .diagnostics "$T/out" >/dev/null 2>&1; then
	ok "JSON output on binary input is valid JSON"
else
	not_ok "JSON output on binary input is valid JSON" "$(head -c 300 "$T/out")"
fi
finish
