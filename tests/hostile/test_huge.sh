#!/bin/sh
# Huge and deep inputs: a 200 MB file, a 10 MB single line, 100,000 nested
# nodes, 1,000,000 properties in one node, 100,000 sibling nodes, 100,000
# stray '}' and 100,000-deep expressions. Each gives a clear answer with
# bounded memory; the stated bounds are peak RSS of the whole process.
set -u
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

witness ok.dts

# 200 MB: refused before it is read (sparse, so it costs no disk).
truncate -s 200M big.dts
run big -- "$DTIDY" check --color=never big.dts ok.dts
expect_rc "200 MB file" 2
expect_out "200 MB file: says it is too large, and the limit" \
	'^big\.dts: error: file too large: 200 MiB \(the limit is 16 MiB\) \[io\]$'
expect_out "200 MB file: the other file is still checked" '^ok\.dts:4:1: error: '
expect_rss "200 MB file" 32

# The same 200 MB through a pipe: read up to the limit, then refused.
head -c 209715200 /dev/zero | {
	run big-pipe -- "$DTIDY" check --color=never /dev/stdin
	expect_rc "200 MB on a pipe" 2
	expect_out "200 MB on a pipe: too large" '^/dev/stdin: error: file too large: over the limit of 16 MiB \[io\]$'
	expect_rss "200 MB on a pipe" 64
	echo "$pass $fail" >counts
}
read pass fail <counts

# 10 MB on one line: a million cells, all valid.
awk 'BEGIN { printf "/dts-v1/; / { p = <"; for (i = 0; i < 1100000; i++) printf " 0x%x", i; print " >; };" }' >line.dts
run line -- "$DTIDY" check --color=never line.dts
expect_rc "10 MB single line" 0
expect_rss "10 MB single line" 200
# ... and the same line with an error at its end: the column is exact.
awk 'BEGIN { printf "/dts-v1/; / { p = <"; for (i = 0; i < 1100000; i++) printf " 0x%x", i; print " > };" }' >line-bad.dts
col=$(($(head -n 1 line-bad.dts | wc -c) - 2))
run line-bad -- "$DTIDY" check --color=never line-bad.dts
expect_rc "10 MB single line with an error" 1
expect_out "10 MB single line: error at column $col" "^line-bad\\.dts:1:$col: error: .*\\[syntax\\]\$"

# 100,000 nested nodes: one error where the depth limit is crossed.
awk 'BEGIN { print "/dts-v1/;"; print "/ {"; for (i = 0; i < 100000; i++) print "n {";
	for (i = 0; i < 100000; i++) print "};"; print "};" }' >nest.dts
run nest -- "$DTIDY" check --color=never nest.dts
expect_rc "100,000 nested nodes" 1
expect_out "100,000 nested nodes: depth error at 258:3" \
	'^nest\.dts:258:3: error: nodes nested deeper than 256 levels \[syntax\]$'
if [ "$(wc -l <"$T/out")" -eq 1 ]; then
	ok "100,000 nested nodes: exactly one diagnostic"
else
	not_ok "100,000 nested nodes: exactly one diagnostic" "$(wc -l <"$T/out") lines"
fi
expect_rss "100,000 nested nodes" 64

# 1,000,000 properties in one node (boolean ones: 10 MB, under the 16 MiB
# file limit).
awk 'BEGIN { print "/dts-v1/;"; print "/ {"; for (i = 0; i < 1000000; i++) printf "\tp%d;\n", i;
	print "};" }' >props.dts
run props -- "$DTIDY" check --color=never props.dts
expect_rc "1,000,000 properties in one node" 0
# check builds the semantic model (parser/model) of the file: at most 36
# times the input (10 MB) plus 16 MB (see bound_mb in lib.sh).
expect_rss "1,000,000 properties in one node" "$(bound_mb 36 16 props.dts)"

# 100,000 children of one node.
awk 'BEGIN { print "/dts-v1/;"; print "/ {"; print "\t#address-cells = <1>;"; print "\t#size-cells = <0>;";
	for (i = 0; i < 100000; i++) printf "\tn@%x {\n\t\treg = <0x%x>;\n\t};\n", i, i;
	print "};" }' >kids.dts
run kids -- "$DTIDY" check --color=never kids.dts
expect_rc "100,000 children of one node" 0
# (the model again: 36 times the input, 3 MB, plus 16 MB)
expect_rss "100,000 children of one node" "$(bound_mb 36 16 kids.dts)"

# 100,000 stray '}': errors are capped per file.
awk 'BEGIN { print "/dts-v1/;"; printf "/ {"; for (i = 0; i < 100000; i++) printf "}"; print "};" }' >braces.dts
run braces -- "$DTIDY" check --color=never braces.dts
expect_rc "100,000 stray '}'" 1
expect_out "100,000 stray '}': the cap is announced" \
	'^braces\.dts:2:[0-9]+: error: too many syntax errors; the rest of this file is not reported \[syntax\]$'
if [ "$(wc -l <"$T/out")" -eq 101 ]; then
	ok "100,000 stray '}': 100 errors, then the cap"
else
	not_ok "100,000 stray '}': 100 errors, then the cap" "$(wc -l <"$T/out") lines"
fi

# Expressions 100,000 deep: parentheses, unary minus, ternaries.
awk 'BEGIN { print "/dts-v1/;"; printf "/ { p = <"; for (i = 0; i < 100000; i++) printf "(";
	printf "1"; for (i = 0; i < 100000; i++) printf ")"; print ">; };" }' >parens.dts
awk 'BEGIN { print "/dts-v1/;"; printf "/ { p = <("; for (i = 0; i < 100000; i++) printf "-"; print "1)>; };" }' >unary.dts
awk 'BEGIN { print "/dts-v1/;"; printf "/ { p = <("; for (i = 0; i < 100000; i++) printf "1?";
	printf "1"; for (i = 0; i < 100000; i++) printf ":1"; print ")>; };" }' >ternary.dts
run deep -- "$DTIDY" check --color=never parens.dts unary.dts ternary.dts
expect_rc "100,000-deep expressions" 1
for f in parens unary ternary; do
	expect_out "100,000-deep $f: depth error" \
		"^$f\\.dts:2:[0-9]+: error: expression nested deeper than 256 levels \\[syntax\\]\$"
done
expect_rss "100,000-deep expressions" 64
finish
