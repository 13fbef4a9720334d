# Sourced by the shell tests after they set TEST_NAME: a private temporary
# directory $T, removed on exit even when a test left parts of it unreadable,
# and the ok / not_ok / skip / finish lines every test prints.
# Needs DTIDY in the environment (tests/run-all.sh sets it).
: "${DTIDY:?DTIDY must name the dtidy binary}"
: "${TEST_NAME:?set TEST_NAME before sourcing tests/testlib.sh}"
export LC_ALL=C

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-$TEST_NAME.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

pass=0
fail=0
ok() {
	pass=$((pass + 1))
	echo "ok   $1"
}
# not_ok NAME [DETAIL]
not_ok() {
	fail=$((fail + 1))
	echo "FAIL $1"
	[ $# -gt 1 ] && printf '     %s\n' "$2"
	return 0
}
skip() {
	echo "skip $1: $2"
}
# The last line of a test: the counts, and its exit status.
finish() {
	echo "$TEST_NAME: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
