#!/bin/sh
# `dtidy format -i` over hostile inputs in one run: binary files, NUL bytes,
# invalid UTF-8, a 200 MB file, 100,000 nested nodes and 100,000 stray '}'.
# Each is left byte for byte as it was, with a clear error (file:line:col
# where there is one), no temporary file is left behind, and the ordinary
# files beside them are still formatted.
set -u
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
mkdir in
cd in || exit 1

printf '/dts-v1/;\n/ {\n\tp = <1>;\n\tq\000 = <2>;\n};\n' >nul.dts
printf '/dts-v1/;\n/ {\n\ts = "\303\050\377";\n\tn\342\202 { };\n};\n' >utf8.dts
cp "$DTIDY" elf.dts
truncate -s 200M big.dts
awk 'BEGIN { print "/dts-v1/;"; print "/ {"; for (i = 0; i < 100000; i++) print "n {";
	for (i = 0; i < 100000; i++) print "};"; print "};" }' >nest.dts
awk 'BEGIN { print "/dts-v1/;"; printf "/ {"; for (i = 0; i < 100000; i++) printf "}"; print "};" }' >braces.dts
# valid, but not in canonical form; and invalid UTF-8 inside a string is
# valid DTS (dtc stores the bytes)
printf '/dts-v1/;\n/ { p=<1>; };\n' >a.dts
printf '/dts-v1/;\n/ {\n\ts = "\303\050\377";  };\n' >z.dts
cd .. || exit 1
cp -R in orig

run all -- "$DTIDY" format -i in/nul.dts in/utf8.dts in/elf.dts in/big.dts in/nest.dts \
	in/braces.dts in/a.dts in/z.dts
expect_rc "format -i over hostile inputs" 2
for f in nul utf8 elf big nest braces; do
	if cmp -s "in/$f.dts" "orig/$f.dts"; then
		ok "$f.dts: left byte for byte"
	else
		not_ok "$f.dts: left byte for byte"
	fi
done
cat "$T/err" >>"$T/out"
expect_out "NUL byte: syntax error at 4:3" '^in/nul\.dts:4:3: error: .*\[syntax\]$'
expect_out "invalid UTF-8 in a name: syntax error at 4:3" '^in/utf8\.dts:4:3: error: .*\[syntax\]$'
expect_out "ELF binary: syntax error at line:col" '^in/elf\.dts:[0-9]+:[0-9]+: error: .*\[syntax\]$'
expect_out "200 MB: too large, and the limit" '^in/big\.dts: error: file too large: 200 MiB \(the limit is 16 MiB\) \[io\]$'
expect_out "100,000 nested nodes: depth error at 258:3" \
	'^in/nest\.dts:258:3: error: nodes nested deeper than 256 levels \[syntax\]$'
expect_out "100,000 stray '}': syntax error" '^in/braces\.dts:2:[0-9]+: error: .*\[syntax\]$'
expect_out "the summary counts what was left alone" '^8 files, 2 changed, 6 not formatted because of errors$'
for f in a z; do
	if ! cmp -s "in/$f.dts" "orig/$f.dts" && "$DTIDY" format --check "in/$f.dts" >/dev/null 2>&1; then
		ok "$f.dts beside them: formatted"
	else
		not_ok "$f.dts beside them: formatted" "$(head -c 200 "in/$f.dts")"
	fi
done
if grep -Fq "$(printf '\ts = "\303\050\377";')" in/z.dts; then
	ok "z.dts: the invalid UTF-8 string kept byte for byte"
else
	not_ok "z.dts: the invalid UTF-8 string kept byte for byte" "$(od -c in/z.dts | head -4)"
fi
left=$(ls -A in | grep -c 'dtidy-')
if [ "$left" -eq 0 ]; then ok "no temporary file left"; else not_ok "no temporary file left" "$(ls -A in)"; fi
# the nested and the binary files are the largest parsed here (about 1 MB)
expect_rss "format -i over hostile inputs" 64
finish
