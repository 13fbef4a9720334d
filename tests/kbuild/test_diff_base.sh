#!/bin/sh
# dtidy check --diff-base REV, on a temporary git repository: only findings
# on lines changed since REV are reported (in the board and in the headers
# it reads); a file git does not track counts as changed everywhere; a bad
# revision is a usage error (exit 2).
set -u
: "${DTIDY:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
cd "$tmp" || exit 1
git init -q repo && cd repo || exit 1
git config user.email t@example.com
git config user.name t

# Two independent syntax errors; only the second is new since HEAD.
cat >board.dts <<'DTS'
/dts-v1/;

/ {
	old {
		a = <1;
	};
};
DTS
git add board.dts && git commit -qm base
cat >board.dts <<'DTS'
/dts-v1/;

/ {
	old {
		a = <1;
	};

	new {
		b = <2;
	};
};
DTS

"$DTIDY" check --color=never board.dts >all.out 2>&1
[ "$(grep -c ': error: ' all.out)" -eq 2 ] || { cat all.out; fail "expected two findings without --diff-base"; }

"$DTIDY" check --color=never --diff-base HEAD board.dts >diff.out 2>&1
rc=$?
[ "$rc" -eq 1 ] || { cat diff.out; fail "--diff-base HEAD exited $rc, expected 1"; }
grep -q '^board.dts:9:' diff.out || { cat diff.out; fail "the new line's finding is missing"; }
grep -q '^board.dts:5:' diff.out && fail "the unchanged line's finding was reported"
echo "ok: --diff-base HEAD reports line 9's finding, not line 5's"

git add board.dts && git commit -qm second
out=$("$DTIDY" check --color=never --diff-base HEAD board.dts 2>&1)
rc=$?
if [ "$rc" -ne 0 ] || [ -n "$out" ]; then fail "nothing changed since HEAD, yet: rc=$rc $out"; fi
"$DTIDY" check --color=never --diff-base HEAD~1 board.dts >diff.out 2>&1
grep -q '^board.dts:9:' diff.out || fail "--diff-base HEAD~1 lost line 9's finding"
echo "ok: committed: clean against HEAD, line 9 against HEAD~1"

# Run from another directory: git runs in the file's own directory.
mkdir sub && cp board.dts sub/untracked.dts
(cd / && "$DTIDY" check --color=never --diff-base HEAD "$tmp/repo/sub/untracked.dts") >diff.out 2>&1
[ "$(grep -c ': error: ' diff.out)" -eq 2 ] || { cat diff.out; fail "an untracked file must report all findings"; }
echo "ok: an untracked file counts as changed everywhere"

# ... even for a clean file, where there is nothing to filter
printf '/dts-v1/;\n\n/ {\n};\n' >clean.dts
"$DTIDY" check --diff-base no-such-rev clean.dts >bad.out 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "a bad revision exited $rc, expected 2"
grep -q 'no-such-rev' bad.out || { cat bad.out; fail "the bad revision is not named"; }
echo "ok: a bad revision exits 2: $(head -1 bad.out)"

# format --check / -i with --diff-base: only the changed lines' formatting
cd "$tmp" && rm -rf fmt && git init -q fmt && cd fmt || exit 1
git config user.email t@example.com
git config user.name t
printf '/dts-v1/;\n\n/ {\n\tnode {\n\t\ta=<1>;\n\t};\n\n\tother {\n\t\tc = <3>;\n\t};\n};\n' >f.dts
git add f.dts && git commit -qm base
"$DTIDY" format --check --quiet f.dts >/dev/null && fail "the base file should need formatting"
sed -i 's/c = <3>;/c = <4>;/' f.dts
"$DTIDY" format --check --quiet --diff-base HEAD f.dts >out 2>&1 ||
	{ cat out; fail "a well-formatted change was refused for old unformatted lines"; }
sed -i 's/c = <4>;/c=<4>;/' f.dts
if "$DTIDY" format --check --quiet --diff-base HEAD f.dts >out 2>&1; then
	fail "a badly formatted changed line passed format --check --diff-base"
fi
"$DTIDY" format -i --quiet --diff-base HEAD f.dts || fail "format -i --diff-base failed"
grep -q '^		c = <4>;$' f.dts || fail "the changed line was not formatted"
grep -q '^		a=<1>;$' f.dts || fail "an unchanged line was formatted"
echo "ok: format --check/-i --diff-base judge and touch only the changed lines"
"$DTIDY" format -i --quiet --lines 5:5 f.dts || fail "format -i --lines 5:5 failed"
grep -q '^		a = <1>;$' f.dts || fail "--lines 5:5 did not format line 5"
echo "ok: format -i --lines 5:5 formats that property"
