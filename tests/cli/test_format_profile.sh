#!/bin/sh
# `dtidy format` takes its style from the file's profile: --profile, else
# `profile:` in .dtidy.yaml, else the tree around the file (a ZMK app, a
# Zephyr tree; a lone .keymap is ZMK's). Each option of the style can then
# be changed alone, by the `format:` section or the command line.
set -u
TEST_NAME=format-profile
. "$(dirname "$0")/../testlib.sh"

cd "$T" || exit 1

same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$(diff "$2" "$3" | head -12)"
	fi
}

printf '/dts-v1/;\n#include <a.h>\n/ {\n\tnode {\n\t\tp = <0xAB>;\n\t};\n};\n' >in.dts
printf '/dts-v1/;\n#include <a.h>\n/ {\n\tnode {\n\t\tp = <0xab>;\n\t};\n};\n' >kernel.want
printf '/dts-v1/;\n#include <a.h>\n\n/ {\n\tnode {\n\t\tp = <0xab>;\n\t};\n};\n' >zephyr.want
printf '/dts-v1/;\n\n#include <a.h>\n/ {\n    node {\n        p = <0xab>;\n    };\n};\n' >zmk.want
printf '/dts-v1/;\n\n#include <a.h>\n/ {\n  node {\n    p = <0xab>;\n  };\n};\n' >zmk2.want

"$DTIDY" format in.dts >got 2>&1
same "no profile: the kernel's style" kernel.want got
"$DTIDY" format --profile=kernel in.dts >got 2>&1
same "--profile=kernel" kernel.want got
"$DTIDY" format --profile=zephyr in.dts >got 2>&1
same "--profile=zephyr: dts-linter's format (none after /dts-v1/, one before /)" zephyr.want got
"$DTIDY" format --profile=zmk in.dts >got 2>&1
same "--profile=zmk: four spaces" zmk.want got
"$DTIDY" format --profile=zmk --indent 2 in.dts >got 2>&1
same "--profile=zmk --indent 2: the option wins over the profile" zmk2.want got

mkdir -p conf
cp in.dts conf/
printf 'profile: zmk\nformat:\n  indent: 2\n' >conf/.dtidy.yaml
"$DTIDY" format conf/in.dts >got 2>&1
same "profile: zmk with format: indent: 2 in .dtidy.yaml" zmk2.want got
printf 'profile: zephyr\n' >conf/.dtidy.yaml
"$DTIDY" format conf/in.dts >got 2>&1
same "profile: zephyr in .dtidy.yaml" zephyr.want got
"$DTIDY" format --profile=kernel conf/in.dts >got 2>&1
same "--profile wins over profile: in .dtidy.yaml" kernel.want got

# detected: a ZMK application (include/dt-bindings/zmk), a lone .keymap
mkdir -p zmkapp/include/dt-bindings/zmk zmkapp/boards/shields/x
cp in.dts zmkapp/boards/shields/x/x.dtsi
"$DTIDY" format zmkapp/boards/shields/x/x.dtsi >got 2>&1
same "a file of a ZMK tree gets ZMK's style" zmk.want got
cp in.dts lone.keymap
"$DTIDY" format lone.keymap >got 2>&1
same "a lone .keymap gets ZMK's style" zmk.want got

# format --check on a canonical file in each style: nothing to do
for p in kernel zephyr zmk; do
	cp $p.want canon.dts
	if "$DTIDY" format --check --profile=$p canon.dts >/dev/null 2>&1; then
		ok "--profile=$p: its own canonical text is left as it is"
	else
		not_ok "--profile=$p: its own canonical text would change"
	fi
done
finish
