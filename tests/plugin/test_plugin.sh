#!/bin/sh
# Builds examples/plugin against include/dtidy/ only and loads it.
set -u
TEST_NAME=plugin
. "$(dirname "$0")/../testlib.sh"

# only the public headers: copy them alone next to the plugin source
mkdir -p "$T/include/dtidy" "$T/src"
cp include/dtidy/*.h "$T/include/dtidy/"
cp examples/plugin/long_names.c examples/plugin/Makefile "$T/src/"
if make -s -C "$T/src" DTIDY_INCLUDE="$T/include" CC="${CC:-cc}" OUT="$T/long_names.so" \
	>"$T/build.log" 2>&1; then
	ok "example plugin builds against include/dtidy only"
else
	not_ok "example plugin builds" "$(head -5 "$T/build.log")"
	exit 1
fi
SO=$T/long_names.so

if "$DTIDY" rules --plugin "$SO" | grep -q '^example-long-node-name  *example  *warning'; then
	ok "dtidy rules lists the plugin's rule"
else
	not_ok "dtidy rules lists the plugin's rule"
fi
if "$DTIDY" rules --plugin "$SO" example-long-node-name | grep -q 'options: max'; then
	ok "dtidy rules ID shows the plugin's help"
else
	not_ok "dtidy rules ID shows the plugin's help"
fi

cat >"$T/board.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <0>;
	short {
	};
	this-node-name-is-far-too-long-to-be-valid@0 {
		reg = <0>;
	};
};
DTS
got=$("$DTIDY" check --plugin "$SO" --format=json "$T/board.dts" 2>"$T/err" |
	jq -c '[.diagnostics[] | [.node, .property]]')
if [ "$got" = '[["/this-node-name-is-far-too-long-to-be-valid@0",null]]' ]; then
	ok "the plugin's finding names its node in JSON (dtidy_report_node)"
else
	not_ok "the plugin's finding names its node" "got $got: $(head -3 "$T/err")"
fi
printf 'rules:\n  example-long-node-name: { severity: error, max: 10 }\n' >"$T/cfg.yaml"
"$DTIDY" check --plugin "$SO" "$T/board.dts" >"$T/out" 2>"$T/err"
rc=$?
want="$T/board.dts:7:2: warning: node name 'this-node-name-is-far-too-long-to-be-valid' is 42 characters long (at most 31) [example-long-node-name]"
if [ $rc -eq 0 ] && [ "$(cat "$T/out")" = "$want" ]; then
	ok "the plugin's rule runs and reports at the node's line"
else
	not_ok "the plugin's rule runs" "exit $rc: $(cat "$T/out" "$T/err" | head -3)"
fi
"$DTIDY" check --plugin "$SO" --config "$T/cfg.yaml" "$T/board.dts" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "7:2: error: .* (at most 10)" "$T/out"; then
	ok "a configuration sets the plugin rule's severity and option"
else
	not_ok "plugin rule configured" "exit $rc: $(cat "$T/out" "$T/err" | head -3)"
fi
"$DTIDY" check --plugin "$SO" --disable example "$T/board.dts" >"$T/out" 2>"$T/err"
if [ $? -eq 0 ] && [ ! -s "$T/out" ]; then
	ok "--disable FAMILY turns the plugin rule off"
else
	not_ok "--disable FAMILY" "$(cat "$T/out" "$T/err" | head -3)"
fi

printf 'rules:\n  example-long-node-name: { maxx: 10 }\n' >"$T/bad.yaml"
"$DTIDY" check --plugin "$SO" --config "$T/bad.yaml" "$T/board.dts" >"$T/out" 2>"$T/err"
if [ $? -eq 2 ] && grep -q "bad.yaml:2:29: error: rule 'example-long-node-name' has no option 'maxx'" "$T/err"; then
	ok "an unknown option of a plugin rule is a config error"
else
	not_ok "unknown plugin option" "$(head -3 "$T/err")"
fi

# a shared object without the table is refused with exit 2
printf 'int not_a_plugin;\n' >"$T/empty.c"
${CC:-cc} -shared -fPIC -o "$T/empty.so" "$T/empty.c"
"$DTIDY" check --plugin "$T/empty.so" "$T/board.dts" >"$T/out" 2>"$T/err"
if [ $? -eq 2 ] && grep -q "no 'dtidy_plugin_rules' table" "$T/err"; then
	ok "a .so without dtidy_plugin_rules is refused (exit 2)"
else
	not_ok "a .so without the table is refused" "$(cat "$T/err")"
fi
"$DTIDY" check --plugin "$T/missing.so" "$T/board.dts" >"$T/out" 2>"$T/err"
if [ $? -eq 2 ] && grep -q "cannot load plugin" "$T/err"; then
	ok "a missing plugin file is exit 2"
else
	not_ok "a missing plugin file is exit 2" "$(cat "$T/err")"
fi

finish
