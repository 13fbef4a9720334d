#!/bin/sh
# Fidelity of the model: for every corpus .dts/.dtso that cpp + dtc compile
# (include paths as in the corpus README), the DTB that dtc makes from
# `dtidy tree FILE` must be the same, byte for byte. Overlays use dtc -@.
# Prints the count and every miss; fails below 99% identical.
DTIDY=${DTIDY:-$(pwd)/build/dtidy}
CORPUS=${CORPUS:-../shared/corpus}
command -v dtc >/dev/null && command -v cpp >/dev/null || { echo "skip: needs dtc and cpp"; exit 0; }
[ -d "$CORPUS" ] || { echo "skip: no corpus at $CORPUS"; exit 0; }
CORPUS=$(cd "$CORPUS" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
# Reference DTBs depend only on the corpus, on cpp and dtc, and on the flags
# below: keep them between runs, under a stamp of all of those (every
# corpus file's size and mtime: cpp's __TIMESTAMP__ records the latter), so
# a changed input, tool or flag never compares against a stale reference.
refs=${BUILD:-build}/tree-fidelity-refs
stamp=$( { cpp --version | head -n 1; dtc --version; cat "$0"
	find "$CORPUS" -path "$CORPUS/Bindings" -prune -o -type f -printf '%P %s %T@\n' | sort; } |
	cksum)
if [ "$(cat "$refs/stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$refs"
	mkdir -p "$refs"
	echo "$stamp" >"$refs/stamp"
fi
refs=$(cd "$refs" && pwd)

# The include directories of one corpus file, as -I options.
cat > "$work/one.sh" <<'ONE'
#!/bin/sh
f=$1
d=$(dirname "$f")
case "$f" in
*/src/*)
	root=${f%%/src/*}
	rest=${f#"$root"/src/}
	arch=${rest%%/*}
	incs="-I $d -I $root/src/$arch -I $root/src -I $root/include" ;;
*/zmk/*) incs="-I $d -I $CORPUS/zmk/app/include" ;;
*/tf-a/*) incs="-I $d -I $CORPUS/tf-a/include" ;;
*) incs="-I $d" ;;
esac
dflags=""
case "$f" in *.dtso) dflags="-@" ;; esac
grep -q '/plugin/' "$f" && dflags="-@"
rel=${f#"$CORPUS"/}
key=$(printf '%s' "$rel" | tr '/' '_')
b=$work/$key
r=$refs/$key
if [ ! -e "$r.ref" ] && [ ! -e "$r.skip" ]; then
	# shellcheck disable=SC2086
	if timeout 10 cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp $incs "$f" -o "$b.pp" 2>/dev/null &&
	   timeout 10 dtc -q -I dts -O dtb $dflags $(echo "$incs" | sed 's/-I /-i /g') -o "$b.ref" "$b.pp" 2>/dev/null; then
		mv "$b.ref" "$r.ref"
	else
		: > "$r.skip"
	fi
fi
[ -e "$r.skip" ] && { echo "skip $f"; exit 0; }
# shellcheck disable=SC2086
timeout 20 "$DTIDY" tree $incs "$f" > "$b.tree" 2> "$b.err"
rc=$?
if [ $rc -gt 1 ]; then echo "miss $f (dtidy tree exit $rc: $(head -c 200 "$b.err"))"; exit 0; fi
# shellcheck disable=SC2086
if ! timeout 10 dtc -q -I dts -O dtb $dflags -o "$b.out" "$b.tree" 2> "$b.dtcerr"; then
	echo "miss $f (dtc rejects dtidy's tree: $(head -c 200 "$b.dtcerr"))"; exit 0
fi
if cmp -s "$r.ref" "$b.out"; then echo "same $f"; else echo "miss $f (DTB differs)"; fi
ONE
export DTIDY CORPUS work refs

find "$CORPUS" \( -path "$CORPUS/u-boot" -o -path "$CORPUS/Bindings" \) -prune -o \
	\( -name '*.dts' -o -name '*.dtso' \) -type f -print | sort |
	xargs -P2 -n1 sh "$work/one.sh" > "$work/results"

same=$(grep -c '^same ' "$work/results")
miss=$(grep -c '^miss ' "$work/results")
skip=$(grep -c '^skip ' "$work/results")
total=$((same + miss))
grep '^miss ' "$work/results" | sed "s|$CORPUS/||"
echo "tree fidelity: $same of $total identical DTBs ($skip not compiled by cpp+dtc, not counted)"
[ "$total" -gt 0 ] || exit 1
# at least 99% identical
[ $((same * 100)) -ge $((total * 99)) ]
