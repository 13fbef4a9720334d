#!/bin/sh
# The hypervisor rules on cases of our own: tests/rules/hv/RULE/*.dts and
# *.dtso are checked with RULE (their .dtsi and .h files are includes), and
# RULE's findings must be exactly the lines annotated in the source:
#
#	memory = <0x20000>;	/* expect: xen-dom0less "64-bit" */
#
# one "expect: RULE" per finding on that line, with an optional quoted part
# of its message; annotations in the .dtsi files a case #includes count for
# it. A file without annotations (good*.dts) must be silent.
set -u
: "${DTIDY:?DTIDY must name the dtidy binary}"
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/dtidy-hvrules.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
n=0
rules=0
for dir in "$here"/hv/*/; do
	rule=$(basename "$dir")
	rules=$((rules + 1))
	bad=0
	good=0
	for f in "$dir"*.dts "$dir"*.dtso; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		name=$(basename "$f")
		case $name in bad*) bad=$((bad + 1)) ;; good*) good=$((good + 1)) ;; esac
		(cd "$dir" && "$DTIDY" check --format=json --enable "$rule" "$name") >"$T/out.json"
		if [ $? -gt 1 ]; then
			echo "FAIL $rule/$name: dtidy check failed"
			fail=$((fail + 1))
			continue
		fi
		jq -r --arg r "$rule" '.diagnostics[] | select(.rule == $r)
			| "\(.file):\(.line)\t\(.message)"' "$T/out.json" | sort >"$T/got"
		# every "expect: RULE" on a line of the file (or of a file it includes
		# from the same directory) is one finding wanted there
		incs=$(sed -n 's/^[#/]*include[/]* *"\([^"]*\)".*/\1/p' "$f")
		for src in "$f" $(for i in $incs; do echo "$dir$i"; done); do
			[ -f "$src" ] || continue
			awk -v r="$rule" -v fn="$(basename "$src")" '{
				line = $0
				while ((i = index(line, "expect: " r)) > 0) {
					rest = substr(line, i + 8 + length(r))
					msg = ""
					if (rest ~ /^ "/) { msg = substr(rest, 3); msg = substr(msg, 1, index(msg, "\"") - 1) }
					print fn ":" NR "\t" msg
					line = rest
				}
			}' "$src"
		done | sort >"$T/want"
		awk -F'\t' -v wantf="$T/want" '
			BEGIN { nw = 0; ng = 0; while ((getline l < wantf) > 0) want[++nw] = l }
			{ got[++ng] = $0 }
			END {
				bad = 0
				for (i = 1; i <= ng; i++) used[i] = 0
				for (w = 1; w <= nw; w++) {
					split(want[w], a, "\t"); found = 0
					for (i = 1; i <= ng; i++) {
						if (used[i]) continue
						split(got[i], b, "\t")
						if (a[1] == b[1] && (a[2] == "" || index(b[2], a[2]) > 0)) { used[i] = 1; found = 1; break }
					}
					if (!found) { print "  missing: " want[w]; bad = 1 }
				}
				for (i = 1; i <= ng; i++) if (!used[i]) { print "  unexpected: " got[i]; bad = 1 }
				exit bad
			}' "$T/got" >"$T/diff" 2>&1
		if [ -s "$T/diff" ]; then
			echo "FAIL $rule/$name"
			cat "$T/diff"
			fail=$((fail + 1))
		fi
	done
	if [ "$bad" -eq 0 ] || [ "$good" -eq 0 ]; then
		echo "FAIL $rule: needs bad*.dts and good*.dts cases ($bad bad, $good good)"
		fail=$((fail + 1))
	fi
done
if [ "$rules" -lt 1 ]; then
	echo "FAIL no rule directories under $here/hv"
	exit 1
fi
echo "hv rule cases: $rules rules, $n files, $fail failed"
[ "$fail" -eq 0 ]
