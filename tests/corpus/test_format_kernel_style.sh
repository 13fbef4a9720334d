#!/bin/sh
# The kernel profile's output, read by the kernel's own style checker
# (../shared/oracles/dt-check-style, 7.4 cycle, --mode=strict, -j2):
#  - every DTS file of the corpus that parses, formatted in a copy with
#    --profile=kernel: no finding of the rules a formatter owns, but the
#    checker's blind spots listed in format-style-deviations.txt;
#    dtidy's own style family agrees on the Linux files;
#  - the kernel-profile golden outputs (tests/golden/format): the same;
#  - `format --sort` on the corpus's Linux files: the same, and findings of
#    the order rules only in files where --sort named a node it left in its
#    order (a /delete-property/, a node written twice, ...);
#  - good code is left alone: a file of the corpus on which the checker
#    finds nothing of those rules comes out byte for byte, but for
#    the files format-clean-changes.txt lists with the reason (a listed file
#    that no longer changes fails too, so the list stays true).
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
checker=${ORACLES:-$CORPUS/../oracles}/dt-check-style
dev=$here/format-style-deviations.txt
clean_list=$here/format-clean-changes.txt
OWNED='trailing-whitespace|mixed-indent-chars|indent-unit-dts|indent-consistent|blank-lines|required-blank-lines|value-whitespace|node-close-alone|continuation-alignment|hex-case|redundant-whitespace|redundant-whitespace-strict'
ORDER='property-order|child-name-order|child-address-order'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

if ! [ -r "$checker" ] || ! /usr/bin/python3 -c 'import ruamel.yaml' 2>/dev/null; then
	echo "FAIL: the checker cannot run ($checker with Debian's python3 and python3-ruamel.yaml; make deps installs it)"
	exit 1
fi

# check DIR LISTFILE OUT: the checker over the files listed (relative to DIR)
check() {
	(cd "$1" && /usr/bin/python3 "$checker" --mode=strict -j2 "@$2") 2>"$3" >/dev/null
	rc=$?
	if [ "$rc" -gt 1 ] || grep -q '^Traceback' "$3"; then
		echo "FAIL: dt-check-style exited $rc in $1"
		head -5 "$3"
		fail=1
	fi
}

# unexplained DIR FINDINGS: the findings of the formatter's rules that no
# deviation explains, one a line. A deviation is RULE, then either
# "line:ERE" (the flagged line of the formatted file matches) or
# "file:PATH" (the finding's file ends with PATH), then why.
unexplained() {
	# (the first 500: past that a regression is plain, and reading each
	# line costs a sed)
	grep -E "\[($OWNED)\]" "$2" | head -500 | while IFS= read -r f; do
		file=${f%%:*}
		rest=${f#*:}
		line=${rest%%:*}
		rule=$(printf '%s\n' "$f" | sed 's/.*\[\([a-z-]*\)\].*/\1/')
		text=$(sed -n "${line}p" "$1/$file")
		ok=0
		while IFS='	' read -r drule where why; do
			case $drule in '#'* | '') continue ;; esac
			[ "$drule" = "$rule" ] || continue
			case $where in
			line:*) printf '%s\n' "$text" | grep -Eq -- "${where#line:}" && ok=1 ;;
			file:*) case $file in *"${where#file:}") ok=1 ;; esac ;;
			esac
			[ "$ok" -eq 1 ] && break
		done <"$dev"
		[ "$ok" -eq 1 ] || printf '%s\n    | %s\n' "$f" "$text"
	done
}

owned_count() {
	grep -cE "\[($OWNED)\]" "$1"
}

# ---- the whole corpus, kernel profile ----
copy=$tmp/all
mkdir -p "$copy"
for d in "$CORPUS"/*/; do
	case $(basename "$d") in Bindings | dt-schema) continue ;; esac
	cp -R "$d" "$copy/"
done
"$DTIDY" format -i -j2 --profile=kernel "$copy" >/dev/null 2>"$tmp/fmt.err"
(cd "$copy" && find . -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) |
	sed 's|^\./||' | sort) >"$tmp/all.list"
grep '\[syntax\]$' "$tmp/fmt.err" | cut -d: -f1 | sed "s|^$copy/||" | sort -u >"$tmp/refused"
grep -vxF -f "$tmp/refused" "$tmp/all.list" >"$tmp/parsed.list"
check "$copy" "$tmp/parsed.list" "$tmp/all.out"
unexplained "$copy" "$tmp/all.out" >"$tmp/bad"
n=$(wc -l <"$tmp/parsed.list")
if [ -s "$tmp/bad" ]; then
	echo "FAIL: after format --profile=kernel, the checker still reports the formatter's rules:"
	head -60 "$tmp/bad"
	fail=1
else
	echo "corpus: $n files formatted, the checker's formatter rules silent ($(owned_count "$tmp/all.out") blind spots listed)"
fi

# dtidy's own style family (at parity with the checker) agrees on the
# Linux files: nothing of the formatter's rules
"$DTIDY" check --enable=style --style-mode=strict -j2 "$copy/src" >"$tmp/self.out" 2>&1
if grep -E "\[($OWNED)\]\$" "$tmp/self.out" >"$tmp/bad"; then
	echo "FAIL: dtidy check --enable=style on the formatted Linux files reports the formatter's rules:"
	head -20 "$tmp/bad"
	fail=1
else
	echo "self: dtidy's style family on the formatted Linux files: nothing of the formatter's rules"
fi

# ---- the kernel-profile goldens ----
tests=$(cd "$here/.." && pwd)
: >"$tmp/gold.list"
for out in "$tests"/golden/format/*.out.dts "$tests"/golden/format/*.out.dtsi; do
	name=${out%%.out.*}
	if [ -f "$name.args" ] && grep -Eq -- '--profile|--indent' "$name.args"; then
		continue
	fi
	echo "golden/format/$(basename "$out")" >>"$tmp/gold.list"
done
check "$tests" "$tmp/gold.list" "$tmp/gold.out"
unexplained "$tests" "$tmp/gold.out" >"$tmp/bad"
if [ -s "$tmp/bad" ]; then
	echo "FAIL: kernel-profile goldens the checker rejects:"
	head -20 "$tmp/bad"
	fail=1
else
	echo "goldens: $(wc -l <"$tmp/gold.list") kernel-profile outputs, the checker's formatter rules silent"
fi

# ---- --sort on the Linux files ----
srt=$tmp/sort
mkdir -p "$srt"
cp -R "$CORPUS/src" "$srt/src"
"$DTIDY" format --sort -i -j2 --profile=kernel "$srt/src" >/dev/null 2>"$tmp/sort.err"
(cd "$srt" && find src -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.dtso' \) | sort) \
	>"$tmp/src.list"
check "$srt" "$tmp/src.list" "$tmp/sort.out"
unexplained "$srt" "$tmp/sort.out" >"$tmp/bad"
grep 'note: .* left in its order' "$tmp/sort.err" | cut -d: -f1 | sed "s|^$srt/||" |
	sort -u >"$tmp/noted"
grep -E "\[($ORDER)\]" "$tmp/sort.out" | cut -d: -f1 | sort -u >"$tmp/ordered"
unnoted=$(grep -vxF -f "$tmp/noted" "$tmp/ordered")
if [ -s "$tmp/bad" ] || [ -n "$unnoted" ]; then
	echo "FAIL: after format --sort, the checker still reports:"
	head -20 "$tmp/bad"
	[ -n "$unnoted" ] && grep -E "\[($ORDER)\]" "$tmp/sort.out" | grep -F "$unnoted" | head
	fail=1
else
	echo "sort: $(wc -l <"$tmp/src.list") Linux files sorted; order findings only in the $(wc -l <"$tmp/ordered") files with a node left in its order"
fi

# ---- good code left alone ----
check "$CORPUS" "$tmp/parsed.list" "$tmp/orig.out"
grep -E "\[($OWNED)\]" "$tmp/orig.out" | cut -d: -f1 | sort -u >"$tmp/dirty"
grep -vxF -f "$tmp/dirty" "$tmp/parsed.list" >"$tmp/clean"
: >"$tmp/changed"
while read -r f; do
	cmp -s "$CORPUS/$f" "$copy/$f" || echo "$f" >>"$tmp/changed"
done <"$tmp/clean"
grep -v '^#' "$clean_list" | cut -f1 | sed '/^$/d' | sort >"$tmp/listed"
sort "$tmp/changed" >"$tmp/changed.s"
if ! cmp -s "$tmp/listed" "$tmp/changed.s"; then
	echo "FAIL: the files the checker finds clean that format changes differ from $(basename "$clean_list"):"
	diff "$tmp/listed" "$tmp/changed.s" | sed -n 's/^> /    changed, not listed: /p; s/^< /    listed, not changed: /p'
	fail=1
else
	echo "clean files: $(wc -l <"$tmp/clean") files the checker finds clean; $(wc -l <"$tmp/changed.s") changed, each listed with its reason"
fi
[ "$fail" -eq 0 ]
