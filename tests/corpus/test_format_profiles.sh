#!/bin/sh
# The format styles of the profiles on the corpus:
#  - zephyr: `format --profile=zephyr` leaves the 62 files of zephyr/ that
#    are in dts-linter's format byte for byte, and writes the other three
#    (upper-case hex) as `dts-linter --formatFixAll` does; so it does for a
#    messed-up variant of every file (zephyr_mangle.awk). The oracle runs
#    where node is present (tests/dts-linter-oracle.sh caches its answers);
#  - zmk: `format --profile=zmk` on zmk/ keeps the rows of every cell list
#    written over several lines (keymap bindings, matrix maps), whitespace
#    aside, a second run changes nothing, and every .dts compiles to the
#    same DTB;
#  - both styles are idempotent at narrow widths (30, 40, 60, 73 columns);
#  - every profile: the files of the whole corpus, each formatted in the
#    profile detected for it, keep the rows of their multi-line cell lists.
TEST_NAME=format_profiles
. "$(dirname "$0")/../testlib.sh"
: "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
oracle=$here/../dts-linter-oracle.sh

# same_rows ORIG FORMATTED: every multi-line cell list of ORIG is among
# those of FORMATTED, rows and all (whitespace aside); adds to $rows; the
# lists not found go to $T/missing.
same_rows() {
	awk -f "$here/cell_rows.awk" "$1" | sort >"$T/a"
	awk -f "$here/cell_rows.awk" "$2" | sort >"$T/b"
	rows=$((rows + $(wc -l <"$T/a")))
	comm -23 "$T/a" "$T/b" >"$T/missing"
	[ ! -s "$T/missing" ]
}

# ---- zephyr
zdir=$CORPUS/zephyr
find "$zdir" -type f \( -name '*.dts' -o -name '*.dtsi' -o -name '*.overlay' \) | sort >"$T/zfiles"
same=0 changed=0 bad=0
while read -r f; do
	if ! "$DTIDY" format --profile=zephyr "$f" >"$T/out" 2>"$T/err"; then
		not_ok "zephyr: format ${f#"$CORPUS"/}" "$(head -1 "$T/err")"
		continue
	fi
	if cmp -s "$f" "$T/out"; then same=$((same + 1)); else changed=$((changed + 1)); fi
	sh "$oracle" "$f" "$T/want"
	rc=$?
	[ $rc -eq 3 ] && continue
	if [ $rc -ne 0 ] || ! cmp -s "$T/want" "$T/out"; then
		bad=$((bad + 1))
		echo "     differs from dts-linter: ${f#"$CORPUS"/}"
		diff "$T/want" "$T/out" | head -6
	fi
done <"$T/zfiles"
if [ "$same" -eq 62 ] && [ "$changed" -eq 3 ]; then
	ok "zephyr: 62 files left byte for byte, 3 changed"
else
	not_ok "zephyr: $same files left as they are and $changed changed (want 62 and 3)"
fi
if ! command -v node >/dev/null; then
	skip "zephyr: compared with dts-linter" "node is not installed"
else
	[ "$bad" -eq 0 ] && ok "zephyr: every file as dts-linter writes it" ||
		not_ok "zephyr: $bad files differ from dts-linter's output"
	mkdir -p "$T/messy"
	n=0 bad=0 messy=0
	while read -r f; do
		n=$((n + 1))
		m=$T/messy/m$n.${f##*.}
		awk -v seed=$n -f "$here/zephyr_mangle.awk" "$f" >"$m"
		cmp -s "$f" "$m" || messy=$((messy + 1))
		sh "$oracle" "$m" "$T/want" || { bad=$((bad + 1)); continue; }
		"$DTIDY" format --profile=zephyr "$m" >"$T/out" 2>/dev/null
		if ! cmp -s "$T/want" "$T/out"; then
			bad=$((bad + 1))
			echo "     differs from dts-linter: messy ${f#"$CORPUS"/} (seed $n)"
			diff "$T/want" "$T/out" | head -6
		fi
	done <"$T/zfiles"
	[ "$bad" -eq 0 ] && [ "$messy" -ge 30 ] &&
		ok "zephyr: $n messy variants ($messy not in dts-linter's format) as dts-linter writes them" ||
		not_ok "zephyr: $bad of $n messy variants differ from dts-linter ($messy messy)"
fi

# ---- zmk
cp -R "$CORPUS/zmk" "$T/zmk"
"$DTIDY" format -i --profile=zmk "$T/zmk" >/dev/null 2>"$T/err"
rc=$?
[ $rc -le 1 ] && ok "zmk: format -i --profile=zmk ran" ||
	not_ok "zmk: format -i exited $rc" "$(head -1 "$T/err")"
rows=0 lost=0
for f in $(cd "$CORPUS/zmk" && find . -type f \( -name '*.keymap' -o -name '*.dts*' -o -name '*.overlay' \) | sort); do
	if ! same_rows "$CORPUS/zmk/$f" "$T/zmk/$f"; then
		lost=$((lost + 1))
		echo "     rows changed: zmk/${f#./}"
		head -3 "$T/missing"
	fi
done
[ "$lost" -eq 0 ] && [ "$rows" -ge 10 ] && ok "zmk: $rows multi-line cell lists keep their rows" ||
	not_ok "zmk: $lost files changed the rows of their cell lists ($rows lists)"
"$DTIDY" format --check --profile=zmk "$T/zmk" >"$T/again" 2>/dev/null
[ -s "$T/again" ] && not_ok "zmk: a second run changes" "$(head -3 "$T/again")" ||
	ok "zmk: a second run changes nothing"
mkdir -p "$T/work" "$T/orig"
cp -R "$CORPUS/zmk" "$T/orig/zmk"
(cd "$T/orig" && find zmk -name '*.dts' | sort) >"$T/dts"
xargs -I{} sh "$here/format_meaning_one.sh" "$T/orig" "$T" {} "$T/work" <"$T/dts" >"$T/meaning" 2>/dev/null
good=$(grep -c '^OK' "$T/meaning")
if grep -q '^FAIL' "$T/meaning"; then
	not_ok "zmk: a .dts compiles differently" "$(grep '^FAIL' "$T/meaning" | head -3)"
else
	ok "zmk: $good .dts files compile to the same DTB ($(grep -c '^SKIP' "$T/meaning") not compiled by dtc)"
fi

# ---- idempotence of each profile's style at narrow widths too, where
# more values break (on Zephyr's and ZMK's files)
for p in zephyr zmk; do
	for w in 30 40 60 73; do
		rm -rf "$T/w"
		mkdir -p "$T/w"
		cp -R "$CORPUS/zephyr" "$CORPUS/zmk" "$T/w/"
		"$DTIDY" format -i --profile=$p --line-width $w "$T/w" >/dev/null 2>&1
		"$DTIDY" format --check --profile=$p --line-width $w "$T/w" >"$T/again" 2>/dev/null
		if [ -s "$T/again" ]; then
			not_ok "--profile=$p --line-width $w: a second run changes" "$(head -3 "$T/again")"
		else
			ok "--profile=$p --line-width $w: a second run changes nothing"
		fi
	done
done

# ---- every profile: rows of multi-line cell lists
mkdir -p "$T/all"
for d in "$CORPUS"/*/; do
	[ "$(basename "$d")" = Bindings ] || cp -R "$d" "$T/all/"
done
"$DTIDY" format -i -j2 "$T/all" >/dev/null 2>&1
rows=0 lost=0
for f in $(cd "$T/all" && find . -type f \( -name '*.dts*' -o -name '*.keymap' -o -name '*.overlay' \) | sort); do
	if ! same_rows "$CORPUS/$f" "$T/all/$f"; then
		lost=$((lost + 1))
		[ "$lost" -le 5 ] && echo "     rows changed: ${f#./}" && head -3 "$T/missing"
	fi
done
[ "$lost" -eq 0 ] && ok "every profile: $rows multi-line cell lists of the corpus keep their rows" ||
	not_ok "every profile: $lost files changed the rows of their cell lists"
finish
