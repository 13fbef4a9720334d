#!/bin/sh
# Runs every test: the Criterion unit tests, then each tests/*/test_*.sh.
# A shell test gets DTIDY (the binary), CORPUS and BUILD in its environment,
# prints what it checks and exits non-zero on failure.
BUILD=${BUILD:-build}
DTIDY=$(pwd)/$BUILD/dtidy
CORPUS=$(cd "${CORPUS:-../shared/corpus}" 2>/dev/null && pwd)
export BUILD DTIDY CORPUS
# The whole suite caches the bindings index (see README) in a directory of
# its own, emptied first: results never depend on a stale cache, and
# nothing is written to the user's ~/.cache.
XDG_CACHE_HOME=$(pwd)/$BUILD/test-cache
rm -rf "$XDG_CACHE_HOME" && mkdir -p "$XDG_CACHE_HOME" || exit 2
export XDG_CACHE_HOME
unset DTIDY_NO_CACHE
pass=0
fail=0
failed=""

echo "== unit tests (Criterion)"
if "$BUILD/unit-tests" --jobs 2; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	failed="$failed unit-tests"
fi

for t in $(ls tests/*/test_*.sh 2>/dev/null | sort); do
	echo "== $t"
	if sh "$t"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed="$failed $t"
	fi
done
echo
[ -n "$failed" ] && echo "failed:$failed"
echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
