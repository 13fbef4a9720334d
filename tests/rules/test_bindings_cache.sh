#!/bin/sh
# The bindings index cache as a user meets it through `dtidy check`: the
# first run saves it under $XDG_CACHE_HOME/dtidy (else ~/.cache/dtidy), the
# next ones use it and report the same; an edited binding is seen; a damaged
# cache file is replaced; an unwritable cache directory changes nothing
# but speed; --no-cache and DTIDY_NO_CACHE=1 write nothing; parallel runs
# on an empty cache agree and leave one complete file. Everything lives in
# a temporary directory (its own XDG_CACHE_HOME and HOME); the binding
# files are dated 2020, since files changed in the last seconds are not
# saved (see README, "The bindings cache").
set -u
TEST_NAME=bindings-cache
. "$(dirname "$0")/../testlib.sh"
cd "$T" || exit 1
unset DTIDY_NO_CACHE

# the split devicetree layout: Bindings/ beside src/
mkdir -p tree/Bindings/serial tree/src/arm
cat >tree/Bindings/vendor-prefixes.yaml <<'Y'
patternProperties:
  "^acme,.*":
    description: Acme Corp.
Y
cat >tree/Bindings/serial/acme,uart.yaml <<'Y'
properties:
  compatible:
    enum:
      - acme,uart
      - acme,uart-v2
Y
cat >tree/src/arm/board.dts <<'D'
/dts-v1/;
/ {
	uart {
		compatible = "acme,uart-v2", "acme,uart";
	};
	spi {
		compatible = "acme,spi";
	};
	other {
		compatible = "nope,thing";
	};
};
D
age() { find tree/Bindings -exec touch -t 202001010000 {} +; }
age

# check [ENV...]: the bindings findings of one run, "rule: message" lines
check() {
	env "$@" "$DTIDY" check --enable=bindings tree/src/arm/board.dts 2>&1 |
		grep -E 'vendor-prefix|undocumented-compatible' | sed 's/^[^ ]* //' | sort
}
expected='warning: no binding documents compatible "acme,spi" [undocumented-compatible]
warning: no binding documents compatible "nope,thing" [undocumented-compatible]
warning: vendor prefix "nope" of "nope,thing" is not in vendor-prefixes.yaml [vendor-prefix]'
cache_files() { ls "$1"/dtidy/bindings-*.idx 2>/dev/null; }
stamp() { ls -li --time-style=full-iso "$1" | awk '{ print $1, $7, $8 }'; }

X="XDG_CACHE_HOME=$T/xdg"
out=$(check "$X")
if [ "$out" = "$expected" ]; then ok "first run: the bindings findings"; else not_ok "first run" "$out"; fi
f=$(cache_files xdg)
if [ -n "$f" ] && [ "$(echo "$f" | grep -c '')" = 1 ]; then
	ok "first run saved one cache file under \$XDG_CACHE_HOME/dtidy"
else
	not_ok "no cache file after the first run" "$(ls -laR xdg 2>&1)"
fi
[ "$(stat -c %a xdg/dtidy 2>/dev/null)" = 700 ] && ok "cache directory is private (0700)" ||
	not_ok "cache directory mode" "$(stat -c %a xdg/dtidy 2>&1)"
before=$(stamp "$f")
out=$(check "$X")
[ "$out" = "$expected" ] && ok "second run, from the cache: same findings" || not_ok "second run" "$out"
[ "$(stamp "$f")" = "$before" ] && ok "a fresh cache is read, not rewritten" ||
	not_ok "cache file rewritten on a warm run" "$before / $(stamp "$f")"

# an edited binding: seen at once (too new to be saved), then saved
cat >tree/Bindings/serial/acme,uart.yaml <<'Y'
properties:
  compatible:
    enum:
      - acme,uart
      - acme,uart-v2
      - acme,spi
Y
out=$(check "$X")
if echo "$out" | grep -q 'acme,spi'; then
	not_ok "an edited binding is seen at once" "$out"
else
	ok "an edited binding is seen at once"
fi
age
out=$(check "$X")
echo "$out" | grep -q 'acme,spi' && not_ok "edited binding, saved" "$out" || ok "edited binding, saved"
[ "$(stamp "$f")" != "$before" ] && ok "the stale cache file was replaced" || not_ok "stale cache kept"

# a binding removed
rm tree/Bindings/serial/acme,uart.yaml
age
out=$(check "$X")
echo "$out" | grep -q '"acme,uart"' && ok "a removed binding is seen" || not_ok "removed binding" "$out"
cat >tree/Bindings/serial/acme,uart.yaml <<'Y'
properties:
  compatible:
    enum:
      - acme,uart
      - acme,uart-v2
Y
age

# damaged cache files
check "$X" >/dev/null
whole=$(stat -c %s "$f")
cp "$f" "$T/good.idx"
for damage in garbage truncated empty; do
	case $damage in
	garbage) head -c "$whole" /dev/urandom >"$f" ;;
	truncated) head -c $((whole / 2)) "$f" >"$T/half" && cat "$T/half" >"$f" ;;
	empty) : >"$f" ;;
	esac
	out=$(check "$X")
	[ "$out" = "$expected" ] && ok "$damage cache file: right findings" || not_ok "$damage cache file" "$out"
	out=$(check "$X")
	[ "$out" = "$expected" ] && cmp -s "$f" "$T/good.idx" &&
		ok "$damage cache file replaced by a whole one" ||
		not_ok "$damage cache file not replaced" "$(ls -la "$f")"
done

# no usable cache directory: correct, and silent
touch blocker
out=$(env XDG_CACHE_HOME="$T/blocker" "$DTIDY" check --enable=bindings tree/src/arm/board.dts 2>&1)
if echo "$out" | grep -qi 'cache'; then not_ok "unwritable cache is silent" "$out"; else ok "unwritable cache is silent"; fi
out=$(check XDG_CACHE_HOME="$T/blocker")
[ "$out" = "$expected" ] && ok "unwritable cache directory: right findings" || not_ok "unwritable cache" "$out"
out=$(env -u XDG_CACHE_HOME -u HOME "$DTIDY" check --enable=bindings tree/src/arm/board.dts 2>&1 |
	grep -E 'vendor-prefix|undocumented-compatible' | sed 's/^[^ ]* //' | sort)
[ "$out" = "$expected" ] && ok "neither XDG_CACHE_HOME nor HOME: right findings" || not_ok "no HOME" "$out"

# ~/.cache/dtidy when XDG_CACHE_HOME is not set (or not absolute)
mkdir home home2
check -u XDG_CACHE_HOME HOME="$T/home" >/dev/null
[ -n "$(cache_files home/.cache)" ] && ok "without XDG_CACHE_HOME: ~/.cache/dtidy" ||
	not_ok "no cache under HOME" "$(ls -laR home)"
check XDG_CACHE_HOME=relative HOME="$T/home2" >/dev/null
[ -n "$(cache_files home2/.cache)" ] && [ ! -e relative ] &&
	ok "a relative XDG_CACHE_HOME is ignored" || not_ok "relative XDG_CACHE_HOME used"

# switched off
out=$(env XDG_CACHE_HOME="$T/off1" "$DTIDY" check --no-cache --enable=bindings tree/src/arm/board.dts 2>&1 |
	grep -E 'vendor-prefix|undocumented-compatible' | sed 's/^[^ ]* //' | sort)
[ "$out" = "$expected" ] && ok "--no-cache: right findings" || not_ok "--no-cache findings" "$out"
[ ! -e off1 ] && ok "--no-cache writes nothing" || not_ok "--no-cache wrote" "$(ls -laR off1)"
out=$(check XDG_CACHE_HOME="$T/off2" DTIDY_NO_CACHE=1)
[ "$out" = "$expected" ] && [ ! -e off2 ] && ok "DTIDY_NO_CACHE=1 writes nothing" ||
	not_ok "DTIDY_NO_CACHE=1" "$out $(ls -laR off2 2>&1)"
out=$("$DTIDY" lsp --no-cache </dev/null 2>&1)
echo "$out" | grep -q 'unknown option' && not_ok "lsp takes --no-cache" "$out" || ok "lsp takes --no-cache"

# parallel runs on an empty cache: all agree, one whole file, no temporaries
i=0
while [ $i -lt 4 ]; do
	check XDG_CACHE_HOME="$T/par" >"$T/par.$i" &
	i=$((i + 1))
done
wait
same=1
for i in 1 2 3; do cmp -s "$T/par.0" "$T/par.$i" || same=0; done
[ $same = 1 ] && [ "$(cat "$T/par.0")" = "$expected" ] && ok "parallel runs agree" ||
	not_ok "parallel runs differ" "$(cat "$T"/par.*)"
n=$(ls par/dtidy | grep -c '')
[ "$n" = 1 ] && ok "parallel runs leave one cache file and no temporaries" || not_ok "parallel" "$(ls -la par/dtidy)"
out=$(check XDG_CACHE_HOME="$T/par")
[ "$out" = "$expected" ] && ok "the file the parallel runs left is whole" || not_ok "after parallel" "$out"

finish
