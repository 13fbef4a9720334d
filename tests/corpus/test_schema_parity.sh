#!/bin/sh
# Parity of the schema family with dt-schema's `dt-validate -m` (the
# kernel's `make dtbs_check`, dt-schema v2026.06-15), on every kernel .dts
# board of the corpus and a few boards from outside the kernel tree
# (schema-extra-boards.tsv), against the same binding documents and core
# schemas.
# Both sides are reduced to (board, node path, property) (schema_parity.py);
# every difference must be explained by a line of schema-deviations.txt,
# every line there must still explain one, and recall (dt-validate's
# findings dtidy also makes) must be >= 90% and extras (dtidy's findings
# dt-validate does not make) <= 10%.
# dt-validate's findings are made once and kept in build/oracles/ (see
# tests/schema-oracle.sh): the first run takes a few minutes.
set -u
: "${DTIDY:?}" "${CORPUS:?}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CORPUS=$(cd "$CORPUS" && pwd -P)
command -v jq >/dev/null || { echo "FAIL: needs jq (make deps)"; exit 1; }

if ! "$DTIDY" rules | grep -q '^schema-required '; then
	echo "FAIL: dtidy rules lists no schema-required: the schema family is not built in"
	exit 1
fi

oracle=$(sh "$root/tests/schema-oracle.sh") || { echo "FAIL: dt-validate's findings could not be made (see above)"; exit 1; }
py=$root/build/oracles/dt-schema/venv/bin/python3

# dtidy, board by board, two at a time: one JSON document per board, then
# the rows schema_dtidy_rows.jq makes of them. schema-deprecated is off:
# dt-validate does not report deprecated properties. The schema set is
# compiled into the cache once.
mkdir "$tmp/dtidy"
export DTIDY CORPUS
EXTRA=$here/schema-extra-boards.tsv
export EXTRA
(cd "$CORPUS" && xargs -P2 -I{} sh -c '
	# a board outside the kernel tree: its build'"'"'s include directories
	incs=$(awk -F"\t" -v b="$1" "\$1 == b { print \$2 }" "$EXTRA" | sed "s/[^ ][^ ]*/-I &/g")
	"$DTIDY" check --enable=schema --disable=schema-deprecated --format=json -q -j1 \
		--schemas "$CORPUS/dt-schema/schemas" --bindings "$CORPUS/Bindings" $incs \
		"./$1" >"$2/$(echo "$1" | tr / %).json" 2>"$2/$(echo "$1" | tr / %).err"
	rc=$?
	[ $rc -le 1 ] || echo "FAIL: dtidy check $1 exited $rc: $(head -3 "$2/$(echo "$1" | tr / %).err")" >>"$2.failed"' \
	sh {} "$tmp/dtidy" <"$oracle/boards.txt")
if [ -s "$tmp/dtidy.failed" ]; then
	cat "$tmp/dtidy.failed"
	exit 1
fi
jq -r -f "$here/schema_dtidy_rows.jq" "$tmp/dtidy"/*.json >"$tmp/dtidy.tsv" ||
	{ echo "FAIL: dtidy's JSON does not parse"; exit 1; }

if EXTRA_BOARDS=$EXTRA "$py" "$here/schema_parity.py" "$oracle/findings.tsv" "$tmp/dtidy.tsv" "$here/schema-deviations.txt"; then
	echo "schema parity (dt-validate v2026.06-15): PASS"
else
	echo "schema parity (dt-validate v2026.06-15): FAIL"
	exit 1
fi
