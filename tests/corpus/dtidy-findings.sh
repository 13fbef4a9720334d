#!/bin/sh
# dtidy-findings.sh OUTDIR BOARD: dtidy's findings (every level) on one
# corpus board, written to OUTDIR/<board with / as _>.tsv, one line each:
#   board<TAB>rule<TAB>file<TAB>line<TAB>related file<TAB>related line
# with paths relative to the corpus. Used by test_dtc_parity.sh (through
# xargs, two boards at a time), with DTIDY and CORPUS in the environment;
# runs in CORPUS.
out=$1 f=$2
: "${DTIDY:?}" "${CORPUS:?}"
"$DTIDY" check --level=2 --format=json -j1 "./$f" |
	jq -r --arg b "$f" '.diagnostics[] | [$b, .rule, .file, (.line|tostring),
		(.related.file // ""), ((.related.line // "")|tostring)] | @tsv' |
	sed "s|	\./|	|g; s|$CORPUS/||g" >"$out/$(echo "$f" | tr / _).tsv"
