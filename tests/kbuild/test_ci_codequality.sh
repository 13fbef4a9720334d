#!/bin/sh
# integrations/ci/gitlab-codequality.jq turns dtidy check --format=json into
# GitLab Code Quality issues: one per finding, with its rule, path, line and
# severity, and distinct fingerprints.
set -u
: "${DTIDY:?}"
here=$(cd "$(dirname "$0")" && pwd)
jqf=$here/../../integrations/ci/gitlab-codequality.jq
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "FAIL: $*"
	exit 1
}
cd "$tmp" || exit 1
mkdir b
# two syntax errors with the same message on different lines
printf '/dts-v1/;\n/ {\n\ta = <1;\n\tn {\n\t\tb = <2;\n\t};\n};\n' >b/x.dts
"$DTIDY" check --format=json b/x.dts >out.json
[ $? -eq 1 ] || fail "expected findings (exit 1)"
jq -f "$jqf" out.json >cq.json || fail "the jq filter failed"
n=$(jq '.diagnostics | length' out.json)
[ "$n" -ge 2 ] || fail "expected at least two findings, got $n"
[ "$(jq length cq.json)" -eq "$n" ] || fail "not one issue per finding"
[ "$(jq '[.[].fingerprint] | unique | length' cq.json)" -eq "$n" ] || fail "fingerprints collide"
jq -e '.[0] | .check_name == "syntax" and .severity == "major" and
	.location.path == "b/x.dts" and .location.lines.begin == 3 and
	(.description | endswith("[syntax]"))' cq.json >/dev/null ||
	{ cat cq.json; fail "the first issue is not the line-3 syntax error"; }
echo "ok: $n findings -> $n Code Quality issues with distinct fingerprints"
