#!/bin/sh
# The SARIF log of a run over examples/ is valid SARIF 2.1.0, as judged by
# Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, verb
# validate). The tool exits 0 even when it finds errors, so any "error"
# line it prints fails the test. It is installed once into $BUILD/npm; when
# npm cannot install it (no network, no npm) the test is skipped, saying so.
set -u
: "${DTIDY:?DTIDY must name the dtidy binary}"
BUILD=${BUILD:-build}
NPM_DIR=$(pwd)/$BUILD/npm
TOOL=$NPM_DIR/node_modules/.bin/sarif-multitool

T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-sarif.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

if [ ! -x "$TOOL" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "SKIP: npm is not installed, cannot get @microsoft/sarif-multitool"
		exit 0
	fi
	mkdir -p "$NPM_DIR"
	if ! npm install --prefix "$NPM_DIR" --no-audit --no-fund \
		@microsoft/sarif-multitool >"$T/npm.log" 2>&1; then
		echo "SKIP: npm could not install @microsoft/sarif-multitool:"
		tail -3 "$T/npm.log"
		exit 0
	fi
	# npm may withhold the package's postinstall (chmod u+x)
	chmod u+x "$NPM_DIR"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool \
		2>/dev/null
fi

fail=0
"$DTIDY" check --format=sarif -I examples/include examples/ >"$T/examples.sarif"
rc=$?
if [ "$rc" -gt 1 ]; then
	echo "FAIL dtidy check --format=sarif examples/ exited $rc"
	exit 1
fi
# a log with fixes and the engine's own findings (syntax, suppressions)
mkdir -p "$T/in"
printf '/dts-v1/;\n/ {\n\ta = <1 2;\n\tb = <1>; // dtidy: disable-line=nothing\n};\n' >"$T/in/bad.dts"
(cd "$T/in" && "$DTIDY" check --format=sarif bad.dts >"$T/bad.sarif")
# a log whose results name their node and property (logicalLocations)
printf '/dts-v1/;\n/ {\n\tcompatible = "Acme,Board";\n\tsoc {\n\t\tc = <&nope>;\n\t};\n};\n' \
	>"$T/in/subject.dts"
(cd "$T/in" && "$DTIDY" check --format=sarif subject.dts >"$T/subject.sarif")

for log in "$T/examples.sarif" "$T/bad.sarif" "$T/subject.sarif"; do
	name=$(basename "$log")
	if ! jq -e '.version == "2.1.0" and (.runs | length) == 1' "$log" >/dev/null; then
		echo "FAIL $name: not one SARIF 2.1.0 run"
		fail=1
		continue
	fi
	if jq -r '.runs[0].results[].locations[].physicalLocation.artifactLocation.uri' "$log" |
		grep -q '^file:\|^/'; then
		echo "FAIL $name: result URIs must be relative to the working directory"
		fail=1
	fi
	"$TOOL" validate "$log" >"$T/validate.out" 2>&1
	if grep -i 'error' "$T/validate.out" | grep -v '^Analysis completed'; then
		echo "FAIL $name: SARIF Multitool reports errors"
		fail=1
	else
		echo "ok   $name: valid SARIF ($(jq '.runs[0].results | length' "$log") results)"
	fi
done
n=$(jq '[.runs[0].results[] | select(.ruleId == "syntax")] | length' "$T/bad.sarif")
if [ "$n" -ne 1 ]; then
	echo "FAIL bad.sarif: expected 1 syntax result, got $n"
	fail=1
fi
n=$(jq '[.runs[0].results[].locations[0].logicalLocations // empty] | length' "$T/subject.sarif")
if [ "$n" -lt 2 ]; then
	echo "FAIL subject.sarif: expected results with logicalLocations, got $n"
	fail=1
fi
exit $fail
