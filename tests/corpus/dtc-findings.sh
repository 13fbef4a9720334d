#!/bin/sh
# dtc-findings.sh OUTDIR BOARD: dtc's findings on one board at the kernel's
# three warning levels, written to OUTDIR/<board with / as _>.ref, one
# line each:
#   board<TAB>level<TAB>check<TAB>file<TAB>line<TAB>end line<TAB>kind
# kind is "node" or "prop" (dtc names a property: its line is the
# property's); line..end line is the span of the node or property. A finding
# dtc prints without a source position (a node it made itself) has file
# "-". Lines that say what dtc did not check have kind
#   PREREQ    check was skipped: its prerequisite (in the file column)
#             failed somewhere in the tree
#   ERRORS    dtc stopped after an error: checks after the failing one
#             in its table did not run
#   NOCHECKS  dtc could not read the input: no check ran
# A Linux board is preprocessed as the kernel build does; dtc's own test
# inputs (dtc-tests/) are raw DTS. Used by test_dtc_parity.sh (through
# xargs, two boards at a time) with DTC (dtc 1.8.1) and CORPUS set.
out=$1 f=$2
: "${DTC:?}" "${CORPUS:?}"
d=$(dirname "$f")
key=$(echo "$f" | tr / _)
case $f in
dtc-tests/*)
	in="$CORPUS/$f"
	incs="-i $CORPUS/$d" ;;
*)
	arch=$(echo "$f" | cut -d/ -f2)
	in="$out/$key.pp"
	incs="-i $CORPUS/$d -i $CORPUS/src/$arch"
	# an overlay keeps its labelled /omit-if-no-ref/ nodes (-@, as the
	# corpus README and dtidy assume)
	case $f in *.dtso) incs="$incs -@" ;; esac
	cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		-I "$CORPUS/$d" -I "$CORPUS/src/$arch" -I "$CORPUS/src" -I "$CORPUS/include" \
		"$CORPUS/$f" -o "$in" 2>/dev/null || { : >"$out/$key.ref"; rm -f "$in"; exit 0; } ;;
esac
# The kernel's scripts/Makefile.dtbs (v7.1): always -Wno-unique_unit_address;
# without W=1 also the next five; W=1 adds unique_unit_address_if_enabled;
# W=2 (alone, as `make W=2`) adds the strict name checks and
# unique_unit_address back. dtc applies the options in order, and turning a
# check off also turns off every check that needs it.
w0="-Wno-unique_unit_address -Wno-unit_address_vs_reg -Wno-avoid_unnecessary_addr_size -Wno-alias_paths -Wno-interrupt_map -Wno-simple_bus_reg"
w1="-Wno-unique_unit_address -Wunique_unit_address_if_enabled"
w2="$w0 -Wnode_name_chars_strict -Wproperty_name_chars_strict -Wunique_unit_address"
for level in 0 1 2; do
	eval "flags=\$w$level"
	# shellcheck disable=SC2086
	timeout 20 "$DTC" -I dts -O dtb -o /dev/null -b 0 $incs $flags "$in" 2>&1 |
		awk -v board="$f" -v level="$level" '
		BEGIN { OFS = "\t" }
		# /dev/null: Warning (C): Failed prerequisite '\''P'\''
		/^\/dev\/null: (Warning|ERROR) \([a-z0-9_]+\): Failed prerequisite/ {
			c = $3; gsub(/[():]/, "", c)
			p = $0; sub(/.*prerequisite ./, "", p); sub(/.$/, "", p)
			print board, level, c, p, "PREREQ", "", ""
			next
		}
		/^\/dev\/null: (Warning|ERROR) \(/ {
			c = $3; gsub(/[():]/, "", c)
			print board, level, c, "-", 0, 0, "node"
			next
		}
		/^ERROR: Input tree has errors/ { print board, level, "-", "-", "ERRORS", "", ""; next }
		/^FATAL ERROR/ { print board, level, "-", "-", "NOCHECKS", "", ""; next }
		# FILE:L.C[-[L2.]C2]: Warning (C): /path[:prop]: message
		match($0, /^[^ ]+:[0-9]+\.[0-9]+(-[0-9]+(\.[0-9]+)?)?: (Warning|ERROR) \([a-z0-9_]+\): /) {
			head = substr($0, 1, RLENGTH)
			rest = substr($0, RLENGTH + 1)
			c = head; sub(/.*\(/, "", c); sub(/\).*/, "", c)
			pos = head; sub(/: (Warning|ERROR) .*/, "", pos)
			file = pos; sub(/:[0-9]+\.[0-9]+(-[0-9.]+)?$/, "", file)
			span = substr(pos, length(file) + 2)
			split(span, se, "-")
			line = se[1]; sub(/\..*/, "", line)
			end = line
			if (se[2] ~ /\./) { end = se[2]; sub(/\..*/, "", end) }
			subj = rest; sub(/: .*/, "", subj)
			print board, level, c, file, line, end, (subj ~ /:/ ? "prop" : "node")
		}'
done >"$out/$key.ref"
rm -f "$out/$key.pp"
