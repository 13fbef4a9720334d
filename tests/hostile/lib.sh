# Shared by tests/hostile/test_*.sh (sourced). Each test writes its inputs
# into a fresh temporary directory at run time and removes it afterwards.
# Needs DTIDY in the environment (tests/run-all.sh sets it).
TEST_NAME=$(basename "$0" .sh)
. "$(dirname "$0")/../testlib.sh"

# Under ASan the heap carries shadow memory and a quarantine, so memory
# bounds only hold for the normal build.
sanitized() {
	[ -n "${DTIDY_SANITIZED:-}" ]
}

# run NAME -- CMD...: runs CMD with stdout in $T/out, stderr in $T/err, the
# exit status in $rc and the peak resident set size in $rss_kb (empty when
# /usr/bin/time is missing).
run() {
	shift 2
	rss_kb=""
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$T/rss" "$@" >"$T/out" 2>"$T/err"
		rc=$?
		rss_kb=$(tail -n 1 "$T/rss")
		case $rss_kb in *[!0-9]*|'') rss_kb="" ;; esac
	else
		"$@" >"$T/out" 2>"$T/err"
		rc=$?
	fi
}

# expect_rc NAME WANT: the last run exited WANT.
expect_rc() {
	if [ "$rc" -eq "$2" ]; then
		ok "$1: exit $2"
	else
		not_ok "$1: exit $2" "got $rc; out: $(head -c 300 "$T/out") err: $(head -c 300 "$T/err")"
	fi
}

# expect_out NAME REGEX: some line of stdout matches the extended REGEX.
expect_out() {
	if grep -Eq -- "$2" "$T/out"; then
		ok "$1"
	else
		not_ok "$1" "no line matching /$2/ in: $(head -c 400 "$T/out")"
	fi
}

# expect_rss NAME LIMIT_MB: the last run's peak RSS stayed under LIMIT_MB.
expect_rss() {
	if sanitized; then
		skip "$1: peak RSS < $2 MB" "sanitizer build"
	elif [ -z "$rss_kb" ]; then
		skip "$1: peak RSS < $2 MB" "/usr/bin/time not installed"
	elif [ "$rss_kb" -lt $(($2 * 1024)) ]; then
		ok "$1: peak RSS $((rss_kb / 1024)) MB < $2 MB"
	else
		not_ok "$1: peak RSS < $2 MB" "was $((rss_kb / 1024)) MB"
	fi
}

# bound_mb MULT BASE_MB FILE...: a memory bound stated per byte of input:
# MULT times the files' total size plus BASE_MB (the program, its libraries
# and the bindings index), in MB rounded up. The pipeline holds per input
# byte: the text twice (as written and as preprocessed), a line table, the
# preprocessor's tokens (48 bytes each), the lexer's (12 bytes each), a
# syntax tree and the model (about 100 bytes per property or node); 36
# bytes per byte covers the densest inputs measured (a binary, one-line
# properties, small nodes: 33 to 37).
bound_mb() {
	mult=$1
	base=$2
	shift 2
	bytes=$(cat "$@" | wc -c)
	echo $(((bytes * mult + 1048575) / 1048576 + base))
}

# witness FILE: writes a small DTS with one syntax error (the ';' missing
# after line 3's property, reported at 4:1), so that `check` reporting
# FILE:4:1 proves it read FILE: "the other files are still processed".
witness() {
	printf '/dts-v1/;\n/ {\n\tmarker = <1>\n};\n' >"$1"
}
