#!/bin/sh
# schema-oracle.sh: dt-schema's own findings (`dt-validate -m`, the kernel's
# `make dtbs_check`) on the corpus's kernel boards, made once and kept in
# build/oracles/; prints the directory that holds them:
#   findings.tsv  board, node, property, class, message (schema_oracle_norm.py)
#   boards.txt    the boards validated
#   work/         the DTBs and dt-validate's JSON diagnostics (part0/1.json)
# Four steps, each kept while what it depends on is unchanged (a stamp of
# its inputs, written when the step is whole, so an interrupted run is
# never used):
#   1. dt-schema v2026.06-15, installed offline from ../shared/oracles
#      (dt-schema-setup.sh) into build/oracles/dt-schema/
#   2. its processed schema (dt-mk-schema) of ../shared/corpus/Bindings and
#      the release's core schemas: build/oracles/dt-schema/processed-schema.json
#   3. every kernel .dts board of the corpus (linux-toplevel.txt; overlays are
#      not schema-checked by the kernel either) and the boards of
#      corpus/schema-extra-boards.tsv, preprocessed and compiled as the kernel
#      does (cpp, dtc 1.8.1), validated with `dt-validate -m`
#   4. its findings normalised (schema_oracle_norm.py: seconds)
# Needs python3 with jsonschema >= 4.1 and referencing, and Debian's
# python3-ruamel.yaml, python3-libfdt, python3-rfc3987 (make deps), cpp and
# what tests/dtc-oracle.sh needs. About 4 minutes on 2 cores, once (the
# processed schema is most of a minute, dt-validate about 1-20 s a board).
# Usage: ORACLE=$(sh tests/schema-oracle.sh) || exit 1
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
corpus=$(cd "${CORPUS:-$shared/corpus}" && pwd -P) || exit 1
tarball=$shared/oracles/dt-schema-2026.06.15.tar.gz
setup=$shared/oracles/dt-schema-setup.sh
base=$root/build/oracles
inst=$base/dt-schema
out=$base/schema-findings
say() { echo "schema-oracle: $*" >&2; }

for f in "$tarball" "$setup"; do
	[ -f "$f" ] || { say "no $f"; exit 1; }
done
DTC=$(sh "$here/dtc-oracle.sh") || exit 1
command -v cpp >/dev/null || { say "cpp is missing (make deps)"; exit 1; }
mkdir -p "$base" || exit 1

# 1. the install
stamp1=$(cat "$tarball" "$setup" | cksum)
if [ "$(cat "$inst/stamp" 2>/dev/null)" != "$stamp1" ]; then
	say "installing dt-schema v2026.06-15 into $inst"
	# the venv names its folder, so it is made in place; the stamp, written
	# last, says it is whole
	rm -rf "$inst"
	if ! bash "$setup" "$inst" >"$base/dt-schema-setup.log" 2>&1; then
		say "dt-schema-setup.sh failed (python3 needs jsonschema and referencing; make deps):"
		tail -5 "$base/dt-schema-setup.log" >&2
		rm -rf "$inst"
		exit 1
	fi
	"$inst/venv/bin/python3" -c 'import libfdt, ruamel.yaml, rfc3987' 2>/dev/null || {
		say "Debian's python3-libfdt, python3-ruamel.yaml or python3-rfc3987 is missing (make deps)"
		rm -rf "$inst"
		exit 1
	}
	echo "$stamp1" >"$inst/stamp"
fi
py=$inst/venv/bin/python3

# 2. the processed schema
listing() { (cd "$1" && find . -type f -printf '%P %s %T@\n' | sort); }
stamp2=$( { echo "$stamp1"; listing "$corpus/Bindings"; listing "$inst/dt-schema-2026.06.15/dtschema/schemas"; } | cksum)
schema=$inst/processed-schema.json
if [ "$(cat "$schema.stamp" 2>/dev/null)" != "$stamp2" ]; then
	say "dt-mk-schema of $corpus/Bindings (about a minute)"
	rm -f "$schema" "$schema.stamp"
	if ! "$inst/bin/dt-mk-schema" -j "$corpus/Bindings" >"$schema.new" 2>"$base/dt-mk-schema.log"; then
		say "dt-mk-schema failed:"
		tail -5 "$base/dt-mk-schema.log" >&2
		rm -f "$schema.new"
		exit 1
	fi
	mv "$schema.new" "$schema" && echo "$stamp2" >"$schema.stamp" || exit 1
fi

# 3. the boards
boards=$( { grep -v '^#' "$corpus/linux-toplevel.txt" | grep '\.dts$'
	grep -v '^#' "$here/corpus/schema-extra-boards.tsv" | cut -f1; } | sed '/^$/d')
# (step 3's own version: raise it when the way the boards are validated here
# changes; the board script is in the stamp itself)
step3=2
stamp3=$( { echo "$stamp2 $step3"; cksum <"$DTC"; cpp --version | head -n 1; echo "$boards"
	cat "$here/corpus/schema-oracle-board.sh" "$here/corpus/schema-extra-boards.tsv"
	find "$corpus" -path "$corpus/Bindings" -prune -o -type f -printf '%P %s %T@\n' | sort; } | cksum)
if [ "$(cat "$out/stamp" 2>/dev/null)" != "$stamp3" ]; then
	say "dt-validate -m on $(echo "$boards" | wc -l) boards (a few minutes, once)"
	rm -rf "$out" "$out.new"
	mkdir -p "$out.new/work" || exit 1
	echo "$boards" >"$out.new/boards.txt"
	export DTC CORPUS="$corpus"
	xargs -P2 -n1 sh "$here/corpus/schema-oracle-board.sh" "$out.new/work" <"$out.new/boards.txt"
	if [ -s "$out.new/work/failed" ]; then
		cat "$out.new/work/failed" >&2
		exit 1
	fi
	# dt-validate on half the boards each, two at a time: it loads the
	# processed schema (26 MB of JSON) once a process, not once a board
	(cd "$out.new/work" &&
	for half in 0 1; do
		awk -v h=$half 'NR % 2 == h { gsub("/", "%"); print $0 ".dtb" }' ../boards.txt >"list$half"
		# it exits non-zero when it reports anything: only a JSON document
		# that does not parse is a failure (below)
		timeout 1200 "$inst/bin/dt-validate" -m -s "$schema" --json-output "part$half.json" \
			$(cat "list$half") >/dev/null 2>"part$half.err" &
	done
	wait)
	# dt-validate's own output is kept (work/: the DTBs and its JSON), so
	# that a change to the normalising below does not validate again
	for half in 0 1; do
		"$py" -c 'import json, sys; json.load(open(sys.argv[1]))' "$out.new/work/part$half.json" 2>/dev/null || {
			say "dt-validate failed:"
			tail -3 "$out.new/work/part$half.err" >&2
			exit 1
		}
	done
	rm -f "$out.new/work"/list? "$out.new/work"/part?.err
	echo "$stamp3" >"$out.new/stamp"
	rm -f "$out/findings.tsv"
	mv "$out.new" "$out" || exit 1
fi

# 4. dt-validate's findings as (board, node, property) rows: one pass over
# both documents (it loads the processed schema once)
stamp4=$( { echo "$stamp3"; cat "$here/corpus/schema_oracle_norm.py"; } | cksum)
if [ "$(cat "$out/findings.stamp" 2>/dev/null)" != "$stamp4" ] || [ ! -f "$out/findings.tsv" ]; then
	(cd "$out/work" && "$py" "$here/corpus/schema_oracle_norm.py" "$schema" ../findings.tsv.new \
		part0.json part1.json) || {
		say "dt-validate's findings could not be read"
		exit 1
	}
	mv "$out/findings.tsv.new" "$out/findings.tsv" && echo "$stamp4" >"$out/findings.stamp" || exit 1
fi
echo "$out"
