#!/bin/sh
# integrations/pre-commit/pre-commit on a temporary repository: a staged bad
# file stops the commit with a gcc-style line naming the repository path;
# the staged content is what counts, not the work tree's.
set -u
: "${DTIDY:?}"
here=$(cd "$(dirname "$0")" && pwd)
hook=$here/../../integrations/pre-commit/pre-commit
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
cp "$hook" .git/hooks/pre-commit
export DTIDY

good='/dts-v1/;\n\n/ {\n\tmodel = "x";\n};\n'
bad='/dts-v1/;\n\n/ {\n\tmodel = <1;\n};\n'
mkdir -p boards/v

# a staged bad file stops the commit
printf '%b' "$bad" >boards/v/b.dts
git add boards/v/b.dts
if git commit -qm bad >out 2>&1; then fail "a staged syntax error was committed"; fi
grep -q '^boards/v/b.dts:4:[0-9]*: error: .*\[syntax\]$' out || { cat out; fail "no gcc-style line for boards/v/b.dts"; }
grep -q 'dtidy-hook' out && fail "the report names the temporary copy"
echo "ok: staged bad file stops the commit: $(head -1 out)"

# fixed in the work tree only: the staged content is still bad
printf '%b' "$good" >boards/v/b.dts
if git commit -qm bad >out 2>&1; then fail "the hook read the work tree, not the index"; fi
echo "ok: a fix that is not staged does not count"

# staged good, work tree bad: the commit goes through
git add boards/v/b.dts
printf '%b' "$bad" >boards/v/b.dts
git commit -qm good >out 2>&1 || { cat out; fail "a staged good file was refused"; }
echo "ok: staged good file is committed though the work tree copy is bad"

# a staged file that parses but is not formatted stops the commit too,
# unless format checking is turned off
printf '/dts-v1/;\n\n/ {\n\tmodel="x";\n};\n' >boards/v/c.dts
git add boards/v/c.dts
if git commit -qm unformatted >out 2>&1; then fail "an unformatted staged file was committed"; fi
grep -q "^boards/v/c.dts: not in dtidy format; fix: dtidy format -i 'boards/v/c.dts'" out ||
	{ cat out; fail "no format hint for boards/v/c.dts"; }
DTIDY_FORMAT=0 git commit -qm unformatted >out 2>&1 || { cat out; fail "DTIDY_FORMAT=0 still checked formatting"; }
echo "ok: an unformatted staged file stops the commit, DTIDY_FORMAT=0 allows it"

# files that are not devicetree sources are not checked
printf 'not dts {\n' >notes.txt
git add notes.txt
git commit -qm notes >out 2>&1 || { cat out; fail "a non-DTS file was checked"; }
echo "ok: other files are left alone"
