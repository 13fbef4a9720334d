#!/bin/sh
# Runs dtidy as a user would: exit codes, gcc-style text, the JSON document,
# the directory walk and deterministic parallel output, on small files written
# here and on the shared corpus.
# Needs DTIDY (the binary) and CORPUS in the environment (tests/run-all.sh).
set -u
TEST_NAME=cli
. "$(dirname "$0")/../testlib.sh"
: "${CORPUS:?CORPUS must name the shared corpus directory}"

# expect_exit WANT NAME -- dtidy ARGS... (stdout to $T/out, stderr to $T/err)
expect_exit() {
	want=$1 name=$2
	shift 3
	"$DTIDY" "$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$name (exit $want)"
	else
		not_ok "$name (exit $want)" "got exit $got; stderr: $(head -c 300 "$T/err")"
	fi
}

cd "$T" || exit 1

# --- inputs ---------------------------------------------------------------
cat >clean.dts <<'EOF'
/dts-v1/;

/ {
	model = "Example board";
	compatible = "example,board";
	#address-cells = <1>;
	#size-cells = <1>;
};
EOF

# Two mistakes: line 3 ends a cell list with ';' (column 10, the tab counts
# one byte), line 5 has no value (column 6). Parsing goes on after each.
printf '/dts-v1/;\n/ {\n\ta = <1 2;\n\tb = "x";\n\tc = ;\n};\n' >two-errors.dts

# --- exit codes -----------------------------------------------------------
expect_exit 0 "clean file" -- check clean.dts
if ! grep -q ': error: ' out; then ok "clean file prints no error"; else not_ok "clean file prints no error" "$(head -3 out)"; fi

expect_exit 1 "file with syntax errors" -- check two-errors.dts
expect_exit 2 "missing file" -- check no-such-file.dts
expect_exit 2 "missing file next to a good one" -- check clean.dts no-such-file.dts
expect_exit 2 "unknown option" -- check --no-such-option clean.dts
expect_exit 2 "no input" -- check
expect_exit 2 "bad --format value" -- check --format=xml clean.dts
expect_exit 2 "unknown command" -- no-such-command clean.dts
if [ -s err ]; then ok "unknown command explains itself on stderr"; else not_ok "unknown command explains itself on stderr"; fi

# --- gcc-style text -------------------------------------------------------
"$DTIDY" check --color=never two-errors.dts >out 2>err
if grep -Eq '^two-errors\.dts:3:10: error: .+ \[syntax\]$' out; then
	ok "text: file:3:10: error: ... [syntax]"
else
	not_ok "text: file:3:10: error: ... [syntax]" "$(cat out)"
fi
if grep -Eq '^two-errors\.dts:5:6: error: .+ \[syntax\]$' out; then
	ok "text: file:5:6: error: ... [syntax]"
else
	not_ok "text: file:5:6: error: ... [syntax]" "$(cat out)"
fi
n=$(grep -c '' out)
if [ "$n" -eq 2 ]; then ok "text: two mistakes give two lines (no caret when not a terminal)"; else not_ok "text: two mistakes give two lines" "got $n lines: $(cat out)"; fi

# --- JSON -----------------------------------------------------------------
KEYS='["column","end_column","end_line","file","line","message","rule","severity"]'
# Exactly the documented keys and types; 1-based positions; end not before start.
SHAPE='(keys == ["diagnostics","version"]) and .version == 1
  and (.diagnostics | type == "array")
  and all(.diagnostics[];
	(keys == '"$KEYS"')
	and (.file | type == "string") and (.message | type == "string")
	and (.rule | type == "string")
	and (.severity | IN("error","warning","note"))
	and all(.line, .column, .end_line, .end_column; type == "number" and . == floor)
	and (if .rule == "io" then true else .line >= 1 and .column >= 1 end)
	and (.end_line > .line or (.end_line == .line and .end_column >= .column)))'
json_shape() { # NAME FILE
	if jq -e "$SHAPE" "$2" >/dev/null 2>&1; then ok "json: $1 has the documented shape"; else not_ok "json: $1 has the documented shape" "$(head -c 400 "$2")"; fi
}

expect_exit 1 "json on syntax errors" -- check --format=json two-errors.dts
json_shape "syntax errors" out
got=$(jq -c '[.diagnostics[] | [.file, .line, .column, .end_line, .severity, .rule]]' out 2>&1)
want='[["two-errors.dts",3,10,3,"error","syntax"],["two-errors.dts",5,6,5,"error","syntax"]]'
if [ "$got" = "$want" ]; then ok "json: positions and rule of both mistakes"; else not_ok "json: positions and rule of both mistakes" "got $got"; fi
if [ "$(jq -r '.diagnostics[0].message | length > 0' out)" = true ]; then ok "json: message is not empty"; else not_ok "json: message is not empty"; fi

expect_exit 0 "json on a clean file" -- check --format=json clean.dts
json_shape "clean file" out
# (rules may add warnings on it one day; never an error)
if [ "$(jq '[.diagnostics[] | select(.severity == "error")] | length' out 2>&1)" = 0 ]; then ok "json: clean file has no error"; else not_ok "json: clean file has no error" "$(cat out)"; fi

expect_exit 2 "json on a missing file" -- check --format=json no-such-file.dts
json_shape "missing file" out
if [ "$(jq -r '.diagnostics[0].rule' out 2>&1)" = io ]; then ok "json: missing file is an io diagnostic"; else not_ok "json: missing file is an io diagnostic" "$(cat out)"; fi

# A stray '%' after a comment holding a 2-byte UTF-8 character: column 26
# counts bytes (25 would count characters).
printf '/dts-v1/;\n/ { /* caf\303\251 */ p = <1 2 %%>; };\n' >utf8.dts
"$DTIDY" check --format=json utf8.dts >out 2>err
got=$(jq -c '[.diagnostics[] | [.line, .column]] | .[0]' out 2>&1)
if [ "$got" = '[2,26]' ]; then ok "json: column counts bytes"; else not_ok "json: column counts bytes" "got $got: $(cat out)"; fi

# Findings of model-based rules name their node (the full path in the
# merged tree, as dtc prints it) and property: here a root property, a
# property set by a &label override in the board, and a node defined in the
# .dtsi, each at the line to fix.
mkdir -p subj
cat >subj/soc.dtsi <<'EOF'
/ {
	#address-cells = <1>;
	#size-cells = <1>;

	soc {
		#address-cells = <1>;
		#size-cells = <1>;
		ranges;

		uart0: serial@1000 {
			compatible = "acme,uart";
			reg = <0x1000 0x100>;
		};

		timer {
			reg = <0x3000 0x10>;
		};
	};
};
EOF
cat >subj/board.dts <<'EOF'
/dts-v1/;
#include "soc.dtsi"

/ {
	model = "Board";
	compatible = "Acme,Board";
};

&uart0 {
	clocks = <&nope>;
};
EOF
"$DTIDY" check --enable=unit-address-vs-reg --format=json subj/board.dts >out 2>err
got=$(jq -c '[.diagnostics[] | [.file, .line, .rule, .node, .property]]' out 2>&1)
want='[["subj/board.dts",6,"compatible-format","/","compatible"],["subj/board.dts",10,"phandle-references","/soc/serial@1000","clocks"],["subj/soc.dtsi",15,"unit-address-vs-reg","/soc/timer",null]]'
if [ "$got" = "$want" ]; then ok "json: findings carry node and property"; else not_ok "json: findings carry node and property" "got $got"; fi
# "property" only when the finding is about one
got=$(jq -c '[.diagnostics[] | has("property")]' out 2>&1)
if [ "$got" = '[true,true,false]' ]; then ok "json: no property key for a node finding"; else not_ok "json: no property key for a node finding" "got $got"; fi
# SARIF carries the same as logicalLocations: a node by its path, a
# property as dtc names one ("/soc/serial@1000:clocks")
"$DTIDY" check --enable=unit-address-vs-reg --format=sarif subj/board.dts >out 2>err
got=$(jq -c '[.runs[0].results[].locations[0].logicalLocations[0] | [.name, .fullyQualifiedName, .kind]]' out 2>&1)
want='[["compatible","/:compatible","property"],["clocks","/soc/serial@1000:clocks","property"],["timer","/soc/timer","object"]]'
if [ "$got" = "$want" ]; then ok "sarif: logicalLocations name the node and property"; else not_ok "sarif: logicalLocations name the node and property" "got $got"; fi
# the engine's own findings (syntax) are about no node
"$DTIDY" check --format=json two-errors.dts >out 2>err
got=$(jq -c '[.diagnostics[] | has("node") or has("property")] | any' out 2>&1)
if [ "$got" = false ]; then ok "json: syntax errors name no node"; else not_ok "json: syntax errors name no node" "got $got"; fi

# --- directory walk -------------------------------------------------------
mkdir -p tree/sub/deeper tree/.hidden-not-special
bad='/dts-v1/;\n/ {\n\tx = ;\n};\n'
for f in a.dts b.dtsi sub/c.dtso sub/deeper/d.overlay e.keymap; do
	printf "$bad" >"tree/$f"
done
# Same broken content under names the walk must skip.
for f in notes.txt board.h Makefile a.dts.orig sub/e.dtb sub/f.dts~; do
	printf "$bad" >"tree/$f"
done
"$DTIDY" check --format=json tree >out 2>err
got=$(jq -r '[.diagnostics[].file] | unique | join(" ")' out 2>&1)
want="tree/a.dts tree/b.dtsi tree/e.keymap tree/sub/c.dtso tree/sub/deeper/d.overlay"
if [ "$got" = "$want" ]; then
	ok "walk: takes .dts .dtsi .dtso .overlay .keymap, recursing, and nothing else"
else
	not_ok "walk: takes .dts .dtsi .dtso .overlay .keymap, recursing, and nothing else" "got: $got"
fi
expect_exit 1 "walk: an explicitly named file is checked whatever its name" -- check tree/notes.txt
expect_exit 0 "walk: a directory with no devicetree files" -- check tree/.hidden-not-special

# --- parallel runs: identical, sorted by path -----------------------------
sorted_by_path() { # FILE: json; files non-decreasing, lines non-decreasing within a file
	jq -e '[.diagnostics[] | [.file, .line]] as $d
	  | all(range(1; $d | length); ($d[. - 1] <= $d[.]))' "$1" >/dev/null 2>&1
}
"$DTIDY" check -j1 tree >j1.txt 2>&1
"$DTIDY" check -j2 tree >j2.txt 2>&1
if cmp -s j1.txt j2.txt && [ -s j1.txt ]; then ok "-j1 and -j2 print the same text (walk tree)"; else not_ok "-j1 and -j2 print the same text (walk tree)"; fi

# dtc's own test inputs include broken files: many diagnostics, many files.
"$DTIDY" check --format=json -j1 "$CORPUS/dtc-tests" >j1.json 2>/dev/null
"$DTIDY" check --format=json -j2 "$CORPUS/dtc-tests" >j2.json 2>/dev/null
n=$(jq '[.diagnostics[].file] | unique | length' j1.json 2>/dev/null || echo 0)
if cmp -s j1.json j2.json && [ "$n" -gt 1 ]; then
	ok "-j1 and -j2 print the same JSON (dtc-tests: diagnostics in $n files)"
else
	not_ok "-j1 and -j2 print the same JSON (dtc-tests)" "files with diagnostics: $n"
fi
if sorted_by_path j1.json; then ok "diagnostics are sorted by path, then line"; else not_ok "diagnostics are sorted by path, then line"; fi

# --- --only: one family, each file read once --------------------------------
# --only=style is --enable=style with every other family off, except that
# it reads no includes and builds no tree: on the corpus's Linux files the
# style findings are the same, line for line, in text and JSON.
others=$("$DTIDY" rules | awk 'NR > 1 && $2 != "style" { print "--disable=" $2 }' | sort -u)
# shellcheck disable=SC2086
"$DTIDY" check -j2 --color=never --enable=style $others "$CORPUS/src" 2>/dev/null |
	grep -v '\[\(include\|reference\|preprocessor\|eval\)\]$' >style-enable.txt
"$DTIDY" check -j2 --color=never --only=style "$CORPUS/src" >style-only.txt 2>err
if [ -s style-only.txt ] && cmp -s style-enable.txt style-only.txt; then
	ok "--only=style finds what --enable=style with the others off finds ($(grep -c '' style-only.txt) lines)"
else
	not_ok "--only=style finds what --enable=style with the others off finds" \
		"$(diff style-enable.txt style-only.txt | head -5)"
fi
if grep -q '\[\(include\|reference\|preprocessor\)\]$' style-only.txt; then
	not_ok "--only=style reads no include" "$(grep -m1 '\[include\]' style-only.txt)"
else
	ok "--only=style reads no include"
fi
"$DTIDY" check -j2 --format=json --only=style "$CORPUS/src" 2>/dev/null |
	jq -r '.diagnostics[] | "\(.file):\(.line):\(.column): \(.severity): \(.message) [\(.rule)]"' >style-only-json.txt
if cmp -s style-only.txt style-only-json.txt; then
	ok "--only=style: the same findings in JSON"
else
	not_ok "--only=style: the same findings in JSON" "$(diff style-only.txt style-only-json.txt | head -3)"
fi
# A file that does not parse as written gets its tree, whose findings may
# lie in the files it includes: the text is then made the long way, sorted
# as ever (here b.dtsi's error comes from checking a.dts, before z.dts).
mkdir only-tree
printf '/dts-v1/;\n#include "b.dtsi"\n/ {\n\tx = <0X1;\n};\n' >only-tree/a.dts
printf '/ {\n\ty = <1;\n};\n' >only-tree/b.dtsi
printf '/dts-v1/;\n/ {\n\tz = <0X2>;\n};\n' >only-tree/z.dts
"$DTIDY" check --only=style --color=never only-tree/a.dts only-tree/z.dts >only-tree.txt 2>&1
"$DTIDY" check --only=style --format=json only-tree/a.dts only-tree/z.dts 2>/dev/null |
	jq -r '.diagnostics[] | "\(.file):\(.line):\(.column): \(.severity): \(.message) [\(.rule)]"' >only-tree-json.txt
if grep -q '^only-tree/b.dtsi:2:' only-tree.txt && cmp -s only-tree.txt only-tree-json.txt; then
	ok "--only=style: findings a tree makes in an included file keep their place"
else
	not_ok "--only=style: findings a tree makes in an included file keep their place" "$(cat only-tree.txt)"
fi
expect_exit 2 "--only with an unknown name" -- check --only=stlye clean.dts
if grep -q "unknown rule or family 'stlye'" err; then ok "--only names the unknown name"; else not_ok "--only names the unknown name" "$(cat err)"; fi
"$DTIDY" check --help | grep -q -- '--only=RULE' && ok "check --help documents --only" ||
	not_ok "check --help documents --only"

# --- the corpus: real trees parse -----------------------------------------
for d in src zephyr-xen xen-troops zmk; do
	"$DTIDY" check --format=json -j2 "$CORPUS/$d" >corpus.json 2>err
	rc=$?
	syn=$(jq '[.diagnostics[] | select(.rule == "syntax" or .rule == "io")] | length' corpus.json 2>/dev/null || echo parse-failure)
	if [ "$rc" -le 1 ] && [ "$syn" = 0 ]; then
		ok "corpus $d: no syntax or io diagnostics (exit $rc)"
	else
		not_ok "corpus $d: no syntax or io diagnostics" "exit $rc, $syn syntax/io diagnostics"
	fi
done

finish
