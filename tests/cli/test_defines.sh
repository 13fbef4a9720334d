#!/bin/sh
# -D NAME[=VALUE] and -U NAME reach the in-process preprocessor as cpp's do:
# on check, format, tree and lsp, in order, glued or apart, after the
# configuration's `defines:`; bad names are usage errors.
# Needs DTIDY in the environment (tests/run-all.sh).
set -u
TEST_NAME=defines
. "$(dirname "$0")/../testlib.sh"

cd "$T" || exit 1

# expect NAME WANT-EXIT PATTERN -- dtidy ARGS... : the exit status, and
# PATTERN (grep -E) in stdout + stderr ("" for no pattern)
expect() {
	name=$1 want=$2 pat=$3
	shift 4
	"$DTIDY" "$@" >out 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		not_ok "$name" "exit $got, wanted $want: $(head -c 400 out)"
	elif [ -n "$pat" ] && ! grep -Eq -e "$pat" out; then
		not_ok "$name" "no /$pat/ in: $(head -c 400 out)"
	else
		ok "$name"
	fi
}
# absent NAME PATTERN: PATTERN is not in the last output
absent() {
	if grep -Eq -e "$2" out; then not_ok "$1" "$(grep -E -e "$2" out | head -3)"; else ok "$1"; fi
}

cat >rev.dts <<'EOF'
/dts-v1/;

/ {
#if defined(BOARD_REV) && BOARD_REV >= 2
	model = "rev2";
#else
	model = "rev1";
#endif
#ifdef __DTS__
	dts-defined;
#endif
};
EOF

# --- tree: which branch the preprocessor took -------------------------------
expect "tree without -D takes the #else" 0 'model = "rev1"' -- tree rev.dts
expect "tree -D BOARD_REV=2 takes the #if" 0 'model = "rev2"' -- tree -D BOARD_REV=2 rev.dts
expect "tree -DBOARD_REV=3 (glued)" 0 'model = "rev2"' -- tree -DBOARD_REV=3 rev.dts
expect "tree -D BOARD_REV=1" 0 'model = "rev1"' -- tree -D BOARD_REV=1 rev.dts
expect "-D then -U: undefined again" 0 'model = "rev1"' -- tree -D BOARD_REV=2 -U BOARD_REV rev.dts
expect "-U then -D: defined (in order)" 0 'model = "rev2"' -- tree -U BOARD_REV -DBOARD_REV=2 rev.dts
expect "a predefined macro is there" 0 'dts-defined' -- tree rev.dts
expect "-U removes a predefined macro (__DTS__)" 0 'model' -- tree -U__DTS__ rev.dts
absent "-U __DTS__: its #ifdef is false" 'dts-defined'
expect "-D NAME alone defines it to 1" 0 'model = "rev1"' -- tree -D BOARD_REV rev.dts

# --- check: a finding that only one branch has ------------------------------
cat >err.dts <<'EOF'
/dts-v1/;

/ {
	model = "board";
#if BOARD_REV >= 2
#error "revision 2 boards are not supported"
#endif
};
EOF
expect "check without -D: clean" 0 '' -- check --color=never err.dts
expect "check -D BOARD_REV=2: the #error" 1 'err\.dts:6:.*revision 2 boards are not supported' \
	-- check --color=never -D BOARD_REV=2 err.dts
expect "check -D BOARD_REV=2 -U BOARD_REV: clean" 0 '' \
	-- check --color=never -D BOARD_REV=2 -U BOARD_REV err.dts
expect "check -D with a function-like macro" 0 '' -- check -D 'F(x)=x' err.dts

# --- configuration: defines: -------------------------------------------------
mkdir -p cfg bad
cp err.dts cfg/err.dts
printf 'defines:\n  - BOARD_REV=2\n  - OTHER\n' >cfg/.dtidy.yaml
expect "defines: in .dtidy.yaml reaches the preprocessor" 1 'revision 2 boards' \
	-- check --color=never cfg/err.dts
expect "-U on the command line undoes a configuration define" 0 '' \
	-- check --color=never -U BOARD_REV cfg/err.dts
expect "-D on the command line comes after the configuration's" 0 '' \
	-- check --color=never -D BOARD_REV=1 cfg/err.dts
cp err.dts bad/err.dts
printf 'defines: [ "1BAD=2" ]\n' >bad/.dtidy.yaml
expect "defines: with a bad name is a configuration error" 2 "defines.*1BAD" \
	-- check --color=never bad/err.dts

# --- format: takes -D and -U, and --sort builds its model with them --------
cat >fmt.dts <<'EOF'
/dts-v1/;

/ {
#if BOARD_REV >= 2
	b = <2>;
#endif
	a = <1>;
};
EOF
expect "format -D -U" 0 'a = <1>' -- format -D BOARD_REV=2 -U X fmt.dts

# --- usage errors -------------------------------------------------------------
expect "-D with a bad name" 2 '-D needs NAME' -- check -D 1X err.dts
expect "-D with nothing" 2 '-D needs' -- check -D
expect "-U with a value" 2 '-U needs a macro NAME' -- check -U X=1 err.dts
expect "rules does not take -D" 2 "unknown option '-D'" -- rules -D X

# --- lsp: takes them (it exits when stdin ends) -----------------------------
"$DTIDY" lsp -D X=1 -U Y </dev/null >out 2>&1
rc=$?
if [ "$rc" -ne 2 ]; then ok "lsp takes -D and -U (exit $rc)"; else not_ok "lsp takes -D and -U" "$(head -3 out)"; fi

finish
