#!/bin/sh
# `format -i` on a tree of 300 files changes exactly the files `--check`
# listed, leaves every other file byte for byte with its mtime, keeps file
# modes, and afterwards `--check` lists nothing. `--diff` output applies with
# `git apply` and gives the same result as -i; for absolute paths, from /.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/tree
mkdir -p "$tree"
fail=0

# 300 corpus files, flattened; a third of them made canonical beforehand
(cd "$CORPUS" && find . -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) \
	! -path './Bindings/*' | sort | head -n 300) >"$tmp/list"
i=0
while read -r f; do
	i=$((i + 1))
	dst=$tree/d$((i % 7))/$(echo "$f" | sed 's|^\./||; s|/|_|g')
	mkdir -p "$(dirname "$dst")"
	cp "$CORPUS/$f" "$dst"
	[ $((i % 3)) -eq 0 ] && echo "$dst" >>"$tmp/pre"
done <"$tmp/list"
# shellcheck disable=SC2046
"$DTIDY" format -i $(cat "$tmp/pre") >/dev/null 2>&1
[ "$(find "$tree" -type f | wc -l)" -eq 300 ] || { echo "FAIL: setup"; exit 1; }
chmod 640 "$tree"/d1/*
find "$tree" -type f -exec touch -d '2001-02-03 04:05:06' {} +
cp -R "$tree" "$tmp/before"
(cd "$tmp/before" && git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base)

"$DTIDY" format --check "$tree" >"$tmp/listed" 2>/dev/null
rc=$?
sort "$tmp/listed" >"$tmp/listed.sorted"
n=$(wc -l <"$tmp/listed")
if [ "$rc" -ne 1 ] || [ "$n" -lt 50 ]; then
	echo "FAIL: --check exited $rc listing $n files"
	fail=1
fi

(cd "$tree" && "$DTIDY" format --diff .) >"$tmp/patch" 2>/dev/null
if ! (cd "$tmp/before" && git apply "$tmp/patch"); then
	echo "FAIL: git apply refuses the --diff output"
	fail=1
fi

# absolute paths: headers without "a//", and the patch applies from /
mkdir "$tmp/abs"
for f in $(head -n 5 "$tmp/listed"); do cp "$f" "$tmp/abs/"; done
"$DTIDY" format --diff "$tmp"/abs/* >"$tmp/abs.patch" 2>/dev/null
if grep -q '^--- a//\|^+++ b//' "$tmp/abs.patch" || ! grep -q "^--- a${tmp}/abs/" "$tmp/abs.patch"; then
	echo "FAIL: --diff of absolute paths: headers $(grep -m1 '^---' "$tmp/abs.patch")"
	fail=1
elif ! (cd / && git apply "$tmp/abs.patch") ||
	! "$DTIDY" format --check "$tmp/abs" >/dev/null 2>&1; then
	echo "FAIL: --diff of absolute paths does not apply from / (git apply)"
	fail=1
fi

"$DTIDY" format -i "$tree" >/dev/null 2>"$tmp/err"
find "$tree" -type f -newermt '2001-02-03 04:05:07' | sort >"$tmp/touched"
if ! cmp -s "$tmp/touched" "$tmp/listed.sorted"; then
	echo "FAIL: files rewritten by -i differ from the files --check listed:"
	diff "$tmp/listed.sorted" "$tmp/touched" | head
	fail=1
fi
find "$tree" -type f ! -newermt '2001-02-03 04:05:07' | while read -r f; do
	cmp -s "$f" "$tmp/before/${f#"$tree"/}" || echo "FAIL: $f changed without a new mtime"
done | head >"$tmp/silent"
[ -s "$tmp/silent" ] && { cat "$tmp/silent"; fail=1; }
bad_mode=$(find "$tree/d1" -type f ! -perm 640 | wc -l)
[ "$bad_mode" -eq 0 ] || { echo "FAIL: -i lost the mode of $bad_mode files"; fail=1; }
left=$(find "$tree" -name '.*.dtidy-*' | wc -l)
[ "$left" -eq 0 ] || { echo "FAIL: $left temporary files left behind"; fail=1; }

for f in $(cat "$tmp/listed"); do
	rel=${f#"$tree"/}
	cmp -s "$f" "$tmp/before/$rel" || { echo "FAIL: --diff + git apply != -i for $rel"; fail=1; break; }
done

"$DTIDY" format --check "$tree" >"$tmp/again" 2>/dev/null
[ -s "$tmp/again" ] && { echo "FAIL: --check after -i still lists files"; head -3 "$tmp/again"; fail=1; }

[ "$fail" -eq 0 ] && echo "ok: -i changed exactly the $n files --check listed; diff applies (relative and absolute paths); modes kept"
[ "$fail" -eq 0 ]
