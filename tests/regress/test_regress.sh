#!/bin/sh
# Replays every input the fuzzers ever found (tests/regress/<target>/*)
# through the code path of the target that found it ($BUILD/replay_<target>,
# the fuzz target's own checks included), then through `dtidy check`,
# `dtidy format --check` and `dtidy tree` (or `dtidy lsp` for a client
# session), which must answer 0 or 1 (findings), never crash or report an
# internal error.
set -u
# every option combination, where a target has options (fuzz_format)
export DTIDY_FUZZ_ALL_OPTIONS=1
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-build}
DTIDY=${DTIDY:-$BUILD/dtidy}
fail=0
count=0
for dir in "$here"/fuzz_*/; do
	[ -d "$dir" ] || continue
	target=$(basename "$dir")
	replay="$BUILD/replay_${target#fuzz_}"
	if [ ! -x "$replay" ]; then
		echo "FAIL: $replay not built"
		fail=1
		continue
	fi
	for input in "$dir"*; do
		[ -f "$input" ] || continue
		count=$((count + 1))
		name="$target/$(basename "$input")"
		if ! "$replay" "$input" >/tmp/regress.$$ 2>&1; then
			echo "FAIL: $name: replay"
			head -20 /tmp/regress.$$
			fail=1
		fi
		if [ "$target" = fuzz_lsp ]; then
			# a client session: the server must end cleanly at its end
			timeout 60 "$DTIDY" lsp <"$input" >/tmp/regress.$$ 2>&1
			rc=$?
			if [ $rc -gt 1 ]; then
				echo "FAIL: $name: dtidy lsp exited $rc"
				head -c 2000 /tmp/regress.$$
				fail=1
			fi
			continue
		fi
		for cmd in check "format --check" tree; do
			# shellcheck disable=SC2086
			"$DTIDY" $cmd --color=never "$input" >/tmp/regress.$$ 2>&1
			rc=$?
			if [ $rc -gt 1 ]; then
				echo "FAIL: $name: dtidy $cmd exited $rc"
				head -20 /tmp/regress.$$
				fail=1
			fi
		done
	done
done
rm -f /tmp/regress.$$
echo "regress: $count inputs replayed"
[ $count -gt 0 ] || { echo "FAIL: no regression inputs found"; fail=1; }
exit $fail
