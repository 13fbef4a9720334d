#!/bin/sh
# integrations/kbuild/dtidy.mk on a kernel-shaped copy of the corpus's arm64
# boards: every board is checked once, a re-run checks nothing, a touched
# file re-checks exactly the boards whose .d names it, findings fail the
# build with gcc-style lines (unless DTIDY_NOFAIL=1), W=1 reaches dtidy.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
mk=$here/../../integrations/kbuild/dtidy.mk
. "$here/kernel_tree.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}

# Run as from a shell, not as a sub-make of `make test` (no jobserver,
# no "Entering directory").
unset MAKEFLAGS MFLAGS MAKELEVEL
make_kernel_tree "$tmp/linux" arm64

# A dtidy that logs the file each run was given (its last argument).
mkdir "$tmp/bin"
cat >"$tmp/bin/dtidy" <<EOF
#!/bin/sh
for a; do last=\$a; done
echo "\$last" >>"$tmp/log"
exec "$DTIDY" "\$@"
EOF
chmod +x "$tmp/bin/dtidy"

# Findings in the corpus itself must not decide these tests: every run
# reports only (DTIDY_NOFAIL=1) unless it says otherwise.
lint() {
	: >"$tmp/log"
	(cd "$tmp/linux" && make -f "$mk" -j2 ARCH=arm64 DTIDY="$tmp/bin/dtidy" DTIDY_NOFAIL=1 "$@" dtbs_lint) \
		>"$tmp/out" 2>&1
}
checked() { sed 's|^\./||' "$tmp/log" | sort; }
# Nothing but gcc-style diagnostics, their notes (related locations) and
# make's own error lines.
only_diagnostics() {
	! grep -vE '^[^:]+:[0-9]+:[0-9]+: (error|warning): .* \[[a-z0-9-]+\]$|^[^:]+:[0-9]+:[0-9]+: note: |^make: \*\*\*' "$tmp/out"
}

(cd "$tmp/linux" && find arch/arm64/boot/dts -name '*.dts' -o -name '*.dtso') |
	sort >"$tmp/boards"
nboards=$(wc -l <"$tmp/boards")
[ "$nboards" -ge 30 ] || fail "only $nboards boards in the test tree"

# 1. cold run: every board exactly once; only diagnostics are printed
lint || { cat "$tmp/out"; fail "cold dtbs_lint failed"; }
checked >"$tmp/got"
diff -u "$tmp/boards" "$tmp/got" >/dev/null || {
	diff -u "$tmp/boards" "$tmp/got" | head -20
	fail "cold run did not check every board exactly once"
}
only_diagnostics || fail "the cold run printed more than diagnostics"
echo "ok: cold run checked each of $nboards boards once, printing $(wc -l <"$tmp/out") diagnostic lines"

# 2. warm run: nothing at all
lint || fail "warm dtbs_lint failed"
[ -s "$tmp/log" ] && fail "warm run checked: $(head -3 "$tmp/log")"
[ -s "$tmp/out" ] && fail "warm run printed: $(head -3 "$tmp/out")"
echo "ok: warm run checked nothing and printed nothing"

# Boards whose .d file names a file, by whatever path (a header may be
# reached directly or through scripts/dtc/include-prefixes).
boards_naming() {
	(
		cd "$tmp/linux" || exit 1
		want=$(realpath "$1")
		find .dtidy -name '*.lint.d' | sort | while read -r d; do
			# prerequisites only: not the "target:" words, not the "\"s
			# shellcheck disable=SC2046 # one word per prerequisite
			if realpath -q $(tr ' ' '\n' <"$d" | grep -v -e ':$' -e '^\\$' -e '^$') |
				grep -qxF "$want"; then
				d=${d#.dtidy/}
				echo "${d%.lint.d}"
			fi
		done
	)
}

# 3. touching one board re-checks that board only
board=$(sed -n 1p "$tmp/boards")
touch "$tmp/linux/$board"
lint || fail "re-run after touching $board failed"
[ "$(checked)" = "$board" ] || fail "touching $board re-checked: $(checked | tr '\n' ' ')"
echo "ok: touching $board re-checked only it"

# 4. touching the .dtsi that most boards read re-checks exactly the boards
#    whose .d names it
hdr=$(cat "$tmp/linux/.dtidy/arch/arm64/boot/dts"/*/*.d | tr ' ' '\n' |
	grep -E '^arch/.*\.dtsi$' | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
[ -n "$hdr" ] || fail "no .d file names a .dtsi: includes are not tracked"
boards_naming "$hdr" >"$tmp/want"
[ "$(wc -l <"$tmp/want")" -ge 2 ] || fail "$hdr is read by fewer than two boards"
touch "$tmp/linux/$hdr"
lint || fail "re-run after touching $hdr failed"
checked >"$tmp/got"
diff -u "$tmp/want" "$tmp/got" || fail "touching $hdr did not re-check exactly its boards"
echo "ok: touching $hdr re-checked exactly the $(wc -l <"$tmp/want") boards that read it"

# 4b. a dt-bindings header, reached through scripts/dtc/include-prefixes
h=$(cat "$tmp/linux/.dtidy/arch/arm64/boot/dts"/*/*.d | tr ' ' '\n' |
	grep -E 'dt-bindings/.*\.h$' | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
[ -n "$h" ] || fail "no .d file names a dt-bindings header"
boards_naming "$h" >"$tmp/want"
touch "$tmp/linux/$h"
lint || fail "re-run after touching $h failed"
checked >"$tmp/got"
diff -u "$tmp/want" "$tmp/got" || fail "touching $h did not re-check exactly its boards"
echo "ok: touching $h re-checked exactly the $(wc -l <"$tmp/want") boards that read it"

# 4c. a new error in that .dtsi fails the build, pointing into the .dtsi
cp "$tmp/linux/$hdr" "$tmp/hdr.orig"
printf '\n/ {\n\tdtidy-test-broken = <1;\n};\n' >>"$tmp/linux/$hdr"
bad_line=$(($(wc -l <"$tmp/hdr.orig") + 3))
if lint DTIDY_NOFAIL=; then fail "a syntax error in $hdr did not fail the build"; fi
grep -q "^$hdr:$bad_line:[0-9]*: error: " "$tmp/out" ||
	{ head -5 "$tmp/out"; fail "no gcc-style error at $hdr:$bad_line"; }
echo "ok: an error in $hdr fails the build: $(grep -m1 "^$hdr:$bad_line:" "$tmp/out")"
cp "$tmp/hdr.orig" "$tmp/linux/$hdr"
lint || fail "re-run after restoring $hdr failed"

# 5. an error fails the build with a gcc-style line, and again on the next
#    run; DTIDY_NOFAIL=1 reports it once without failing
printf '/dts-v1/;\n/ {\n\tbroken = <1;\n};\n' >"$tmp/linux/$board"
if lint DTIDY_NOFAIL=; then fail "a board with a syntax error did not fail the build"; fi
grep -q "^$board:3:[0-9]*: error: .*\[syntax\]$" "$tmp/out" ||
	{ cat "$tmp/out"; fail "no gcc-style error line for $board"; }
if lint DTIDY_NOFAIL=; then fail "the failing board passed on the second run"; fi
checked | grep -qxF "$board" || fail "the second run did not re-check the failing board"
lint || fail "DTIDY_NOFAIL=1 still failed the build"
grep -q "^$board:3:" "$tmp/out" || fail "DTIDY_NOFAIL=1 hid the finding"
lint || fail "DTIDY_NOFAIL=1 failed on the second run"
[ -s "$tmp/log" ] && fail "DTIDY_NOFAIL=1 re-checked: $(checked | head -3)"
echo "ok: a syntax error fails the build ($board:3:...) until fixed; DTIDY_NOFAIL=1 reports it once"
cp "$CORPUS/src/arm64/${board#arch/arm64/boot/dts/}" "$tmp/linux/$board"

# 6. new options (W=1) re-check every board, and reach dtidy as --level=1
lint W=1 V=1 || fail "W=1 run failed"
[ "$(checked | wc -l)" -eq "$nboards" ] || fail "W=1 did not re-check every board"
grep -q -- "--level=1 .*-MD -MF .*-MT .*-MP" "$tmp/out" || fail "V=1 did not show a check command with --level=1"
lint W=1 || fail "second W=1 run failed"
[ -s "$tmp/log" ] && fail "second W=1 run re-checked boards"
echo "ok: W=1 passes --level=1, re-checks everything once, V=1 shows the commands"

# 7. the schema rules: CHECK_DTBS=n turns them off, DTIDY_SCHEMAS points
# them at dt-schema's core schemas (new options re-check every board)
lint CHECK_DTBS=n V=1 || fail "CHECK_DTBS=n run failed"
grep -q -- "--disable=schema" "$tmp/out" || fail "CHECK_DTBS=n did not pass --disable=schema"
lint DTIDY_SCHEMAS="$CORPUS/dt-schema/schemas" V=1 || fail "DTIDY_SCHEMAS run failed"
grep -q -- "--schemas $CORPUS/dt-schema/schemas" "$tmp/out" ||
	fail "DTIDY_SCHEMAS did not reach dtidy as --schemas"
grep -q -- "--disable=schema" "$tmp/out" && fail "CHECK_DTBS defaults to off"
echo "ok: CHECK_DTBS=n passes --disable=schema, DTIDY_SCHEMAS passes --schemas"
