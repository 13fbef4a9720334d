#!/bin/sh
# Preprocessor abuse through the model (`dtidy tree`, and `dtidy check`):
# an include cycle through three files, object-like and function-like macros
# that expand exponentially, a self-including file. Each ends with a clear
# error at file:line:col, within bounded memory.
set -u
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

# include cycle: main -> a -> b -> c -> a
printf '/dts-v1/;\n#include "a.dtsi"\n/ { };\n' >main.dts
printf '#include "b.dtsi"\n' >a.dtsi
printf '/ { b; };\n#include "c.dtsi"\n' >b.dtsi
printf '#include "a.dtsi"\n' >c.dtsi
run cycle -- "$DTIDY" tree main.dts
expect_rc "include cycle through three files" 1
if grep -Eq "^c\\.dtsi:1:1: error: #include cycle: 'a\\.dtsi' is already being included twice \\(an include guard missing\\?\\) \\[preprocessor\\]\$" "$T/err"; then
	ok "include cycle: error at file:line:col"
else
	not_ok "include cycle: error at file:line:col" "$(head -c 400 "$T/err")"
fi
expect_rss "include cycle" 64
witness ok.dts
run cycle-check -- "$DTIDY" check --color=never main.dts ok.dts
if [ "$rc" -le 1 ]; then ok "include cycle: check answers ($rc)"; else not_ok "include cycle: check answers" "exit $rc"; fi
expect_out "include cycle: check reports it at file:line:col" \
	"^c\\.dtsi:1:1: error: #include cycle: 'a\\.dtsi' is already being included twice \\(an include guard missing\\?\\) \\[preprocessor\\]\$"
expect_out "include cycle: the other file is still checked" '^ok\.dts:4:1: error: '

# dtc's own /include/ in a cycle
printf '/dts-v1/;\n/include/ "x.dtsi"\n' >raw.dts
printf '/include/ "y.dtsi"\n' >x.dtsi
printf '/include/ "x.dtsi"\n' >y.dtsi
run raw -- "$DTIDY" tree raw.dts
expect_rc "/include/ cycle" 1
if grep -Eq '^[xy]\.dtsi:[0-9]+:[0-9]+: error: .*\[(preprocessor|include)\]$' "$T/err"; then
	ok "/include/ cycle: error at file:line:col"
else
	not_ok "/include/ cycle: error at file:line:col" "$(head -c 400 "$T/err")"
fi

# a file that includes itself twice, with /include/ and with #include: read
# 2^200 times if only the depth limit stopped it
printf '/dts-v1/;\n/include/ "twice.dtsi"\n' >raw2.dts
printf '/include/ "twice.dtsi"\n/include/ "twice.dtsi"\n' >twice.dtsi
printf '/dts-v1/;\n#include "twice.h"\n' >cpp2.dts
printf '#include "twice.h"\n#include "twice.h"\n' >twice.h
run raw2 -- timeout 60 "$DTIDY" tree raw2.dts
expect_rc "/include/ of itself, twice" 1
if grep -q "^twice\\.dtsi:1:1: error: /include/ cycle: 'twice\\.dtsi' is already being included twice \\[preprocessor\\]\$" "$T/err"; then
	ok "/include/ of itself, twice: a cycle at line:col"
else
	not_ok "/include/ of itself, twice: a cycle at line:col" "$(head -c 400 "$T/err")"
fi
run cpp2 -- timeout 60 "$DTIDY" tree cpp2.dts
expect_rc "#include of itself, twice" 1
if grep -q "^twice\\.h:1:1: error: #include cycle: 'twice\\.h' is already being included twice" "$T/err"; then
	ok "#include of itself, twice: a cycle at line:col"
else
	not_ok "#include of itself, twice: a cycle at line:col" "$(head -c 400 "$T/err")"
fi

# 2^40 tokens from an object-like macro, and from a function-like one
{
	echo '/dts-v1/;'
	echo '#define A0 1'
	i=1
	while [ $i -le 40 ]; do echo "#define A$i A$((i - 1)) A$((i - 1))"; i=$((i + 1)); done
	echo '/ { p = <A40>; };'
} >exp.dts
{
	echo '/dts-v1/;'
	echo '#define F0(x) x'
	i=1
	while [ $i -le 40 ]; do echo "#define F$i(x) F$((i - 1))(x x)"; i=$((i + 1)); done
	echo '/ { p = <F40(1)>; };'
} >expf.dts
for f in exp expf; do
	run "$f" -- timeout 120 "$DTIDY" tree $f.dts
	expect_rc "exponential macro ($f)" 1
	if grep -q "^$f\\.dts:43:10: error: macro expansion too large (runaway macro?); preprocessing stopped \\[preprocessor\\]\$" "$T/err"; then
		ok "exponential macro ($f): stopped, with the use's line:col"
	else
		not_ok "exponential macro ($f): stopped, with the use's line:col" "$(head -c 400 "$T/err")"
	fi
	expect_rss "exponential macro ($f)" 256
done
run exp-check -- timeout 120 "$DTIDY" check --color=never exp.dts expf.dts main.dts
if [ "$rc" -le 1 ]; then ok "exponential macros: check answers ($rc)"; else not_ok "exponential macros: check answers" "exit $rc"; fi
expect_rss "exponential macros: check" 256
finish
