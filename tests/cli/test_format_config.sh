#!/bin/sh
# `dtidy format` takes its defaults from the `format:` section of the nearest
# .dtidy.yaml (found as `check` finds it, per file) or of --config FILE; the
# command line overrides them; a broken configuration stops its files from
# being formatted (exit 2, the error at file:line:col) and no other.
set -u
TEST_NAME=format-config
. "$(dirname "$0")/../testlib.sh"

cd "$T" || exit 1

# same NAME WANT_FILE GOT_FILE
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$(diff "$2" "$3" | head -12)"
	fi
}

# One value of 47 columns, two levels deep: it fits in 60 columns only
# when a tab counts for 4.
input='/dts-v1/;
/ {
	node {
		reg = <0x10000000 0x1000>, <0x20000000 0x1000>;
	};
};'
# tabs at 40 columns: even one entry is too long (42 columns with its ',')
tab8_40='/dts-v1/;

/ {
	node {
		reg = <0x10000000
		       0x1000>,
		      <0x20000000
		       0x1000>;
	};
};'
spaces4_40='/dts-v1/;

/ {
    node {
        reg = <0x10000000 0x1000>,
              <0x20000000 0x1000>;
    };
};'
kernel='/dts-v1/;

/ {
	node {
		reg = <0x10000000 0x1000>, <0x20000000 0x1000>;
	};
};'
printf '%s\n' "$tab8_40" >tab8_40.want
printf '%s\n' "$spaces4_40" >spaces4_40.want
printf '%s\n' "$kernel" >kernel.want

mkdir -p spaces/deep/er plain tabs4 broken
printf 'format:\n  indent: 4\n  line-width: 40\n' >spaces/.dtidy.yaml
printf 'format: { tab-width: 4, line-width: 60 }\n' >tabs4/.dtidy.yaml
printf 'format:\n  indent: banana\n' >broken/.dtidy.yaml
for d in spaces/deep/er plain tabs4 broken; do
	printf '%s\n' "$input" >$d/x.dts
done

# the nearest configuration, from a directory two levels up
"$DTIDY" format spaces/deep/er/x.dts >out 2>err
same "format: indent 4 and line-width 40 from ../../.dtidy.yaml" spaces4_40.want out

# no configuration: the kernel defaults
"$DTIDY" format plain/x.dts >out 2>err
same "no .dtidy.yaml: kernel defaults (tabs, 100 columns)" kernel.want out

# the command line wins over the configuration, option by option
"$DTIDY" format --indent tab spaces/deep/er/x.dts >out 2>err
same "--indent tab overrides indent, line-width still from the file" tab8_40.want out
"$DTIDY" format --line-width 100 spaces/deep/er/x.dts >out 2>err
sed 's/\t/    /g' kernel.want >spaces4_100.want
same "--line-width 100 overrides line-width, indent still from the file" spaces4_100.want out

# tab-width: counts for the width of indented lines
"$DTIDY" format tabs4/x.dts >out 2>err
same "tab-width 4: the value fits in 60 columns" kernel.want out
"$DTIDY" format --tab-width 8 tabs4/x.dts >out 2>err
printf '/dts-v1/;\n\n/ {\n\tnode {\n\t\treg = <0x10000000 0x1000>,\n\t\t      <0x20000000 0x1000>;\n\t};\n};\n' >tab8_60.want
same "--tab-width 8 overrides tab-width 4: the value breaks" tab8_60.want out

# each file of one run under its own configuration
cp -R spaces spaces.before
"$DTIDY" format -i spaces/deep/er/x.dts plain/x.dts >out 2>err
rc=$?
if [ $rc -eq 0 ] && cmp -s spaces/deep/er/x.dts spaces4_40.want && cmp -s plain/x.dts kernel.want; then
	ok "format -i over two trees: each file in its own configuration's style"
else
	not_ok "format -i over two trees: each file in its own configuration's style" \
		"exit $rc; $(head -c 300 err)"
fi
"$DTIDY" format --check spaces plain >out 2>err
rc=$?
if [ $rc -eq 0 ] && [ ! -s out ]; then
	ok "format --check after -i: nothing to change under either configuration"
else
	not_ok "format --check after -i: nothing to change under either configuration" \
		"exit $rc; $(cat out)"
fi

# --stdin-filename: the configuration of the named file's directory
"$DTIDY" format --stdin-filename spaces/deep/er/new.dts <plain/x.dts >out 2>err
same "--stdin-filename finds the configuration of the name it is given" spaces4_40.want out

# --config FILE instead of the nearest
"$DTIDY" format --config spaces/.dtidy.yaml plain/x.dts >out 2>err
same "--config FILE applies to files outside its directory" spaces4_40.want out

# a broken configuration: its files are not formatted, the others are
cp broken/x.dts broken.before
printf '%s\n' "$input" >plain/y.dts
"$DTIDY" format -i broken/x.dts plain/y.dts >out 2>err
rc=$?
if [ $rc -eq 2 ] && grep -q "^broken/.dtidy.yaml:2:11: error: .*indent.* \[config\]" err &&
	[ "$(grep -c '\[config\]' err)" -eq 1 ] && cmp -s broken/x.dts broken.before &&
	cmp -s plain/y.dts kernel.want; then
	ok "broken format: section: exit 2, reported once at file:line:col, its file untouched"
else
	not_ok "broken format: section: exit 2, reported once at file:line:col, its file untouched" \
		"exit $rc; $(head -c 400 err)"
fi
printf 'format:\n  tab-width: 0\n' >broken/.dtidy.yaml
"$DTIDY" format broken/x.dts >out 2>err
rc=$?
if [ $rc -eq 2 ] && grep -q "tab-width.*\[config\]" err; then
	ok "tab-width out of range is a configuration error"
else
	not_ok "tab-width out of range is a configuration error" "exit $rc; $(head -c 300 err)"
fi
"$DTIDY" format --tab-width 0 plain/x.dts >out 2>err
rc=$?
if [ $rc -eq 2 ] && grep -q -- "--tab-width" err; then
	ok "--tab-width 0 is a usage error (exit 2)"
else
	not_ok "--tab-width 0 is a usage error (exit 2)" "exit $rc; $(head -c 300 err)"
fi

finish
