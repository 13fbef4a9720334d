#!/bin/sh
# dtidy check -MD: the .d file names the board and the .dtidy.yaml that
# applied, escapes names for make, -MT names the target, -MP adds phony
# rules; make reads the result back and re-checks when the config changes.
# shellcheck disable=SC2016 # the '$' in the names is literal
set -u
: "${DTIDY:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
unset MAKEFLAGS MFLAGS MAKELEVEL
mkdir -p "$tmp/p/my dir"
cd "$tmp/p" || exit 1
printf 'rules: {}\n' >.dtidy.yaml
printf '/dts-v1/;\n\n/ {\n\tmodel = "a";\n};\n' >"my dir/b\$1.dts"

"$DTIDY" check -MD -MF out.d -MT 'lint stamp' -MP "my dir/b\$1.dts" || fail "check -MD failed"
grep -q '^lint\\ stamp: my\\ dir/b\$\$1.dts' out.d || { cat out.d; fail "target or board not escaped for make"; }
grep -q 'dtidy.yaml$' out.d || { cat out.d; fail "the .dtidy.yaml that applied is not named"; }
grep -q '\.dtidy\.yaml:$' out.d || { cat out.d; fail "no -MP phony rule for .dtidy.yaml"; }
grep -q '^my\\ dir/b\$\$1.dts:$' out.d && fail "-MP made the board itself phony"
echo "ok: -MD -MF -MT -MP: $(head -1 out.d)"

# make reads the names back as the real files: the stamp is redone when the
# config changes, and not otherwise.
cat >Makefile <<'MK'
lint\ stamp:
	@echo checked >>log; : >'lint stamp'
-include out.d
MK
make -s >/dev/null 2>&1 || fail "make could not read the .d file"
: >log
make -s >/dev/null 2>&1
[ -s log ] && fail "make re-ran with nothing changed"
sleep 1
touch .dtidy.yaml
make -s >/dev/null 2>&1
[ "$(cat log)" = checked ] || fail "touching .dtidy.yaml did not re-run the check"
echo "ok: make reads the .d back; a changed .dtidy.yaml re-checks"

# without -MF / -MT: <base>.d in the current directory, target <base>.dtb
"$DTIDY" check -MD "my dir/b\$1.dts" || fail "check -MD without -MF failed"
grep -q '^b\$\$1.dtb: my\\ dir/b\$\$1.dts' 'b$1.d' || fail "default -MF/-MT names are wrong"
echo "ok: defaults: b\$1.d with target b\$1.dtb"
