# Compares dtc's findings with dtidy's at one kernel warning level, board by
# board: awk -v level=L -f dtc_parity.awk RULES DEVIATIONS DTC DTIDY
#   RULES       dtidy rule id, dtc check, rule level (the mirrored rules)
#   DEVIATIONS  kind, rule, where, reason (tests/corpus/dtc-deviations.txt)
#   DTC         board, level, check, file, line, end line, kind
#               (dtc-findings.sh)
#   DTIDY       board, rule, file, line, related file, related line
#               (dtidy-findings.sh)
# At level L the dtidy rules compared are those of level 0 and of level L:
# the kernel's W=2 alone leaves the W=1 checks off.
#
# A dtc finding is found when, on the same board, dtidy's rule for that
# check reports at the same file and line, or has that place as its related
# location, or reports inside the span of the node or property dtc names:
# at one of the node's properties, or at the one value of the property that
# is wrong, which says more than dtc's first line.
# A dtidy finding that no dtc finding matches is an extra. An extra is
# accounted for by a deviation: dtidy-only RULE FILE:LINE, or one of the
# cases where dtc did not run the check on that board:
#   dtidy-only * prerequisite   dtc skipped the check, a prerequisite failed
#   dtidy-only * after-error    dtc stopped at an error and reported nothing
#                               of this check (it may not have run)
#   dtidy-only * unreadable     dtc could not read the board
# A dtc finding dtidy does not make is a miss, accounted for by
# dtc-only RULE FILE:LINE (FILE:- for a finding without a position).
#
# Prints MISSED and EXTRA lines (those not accounted for), USED lines (the
# deviations that accounted for something), and a SUMMARY line for the
# Linux boards and one for dtc's test inputs.
BEGIN { FS = OFS = "\t" }
FILENAME == ARGV[1] {
	rule_of[$2] = $1
	check_of[$1] = $2
	lvl[$1] = $3
	next
}
FILENAME == ARGV[2] {
	if ($0 ~ /^#/ || $0 == "")
		next
	dev[$1, $2, $3] = 1
	next
}
FILENAME == ARGV[3] {
	if ($2 != level)
		next
	if ($5 == "PREREQ") {
		skipped[$1, $3] = 1
		next
	}
	if ($5 == "ERRORS" || $5 == "NOCHECKS") {
		stopped[$1] = $5
		next
	}
	reported[$1, $3] = 1
	r = ($3 in rule_of) ? rule_of[$3] : "dtc:" $3
	f = $4
	l = $5
	if (f == "-") {			# no source position: a node dtc made
		f = $1
		l = "-"
	}
	k = $1 SUBSEP r SUBSEP f SUBSEP l
	if (!(k in dtc)) {
		dtc[k] = 1
		order[++ndtc] = k
	}
	if ($4 != "-" && $6 + 0 > l + 0) {
		s = $1 SUBSEP r SUBSEP f
		spans[s] = spans[s] " " l ":" $6
	}
	next
}
function group(board) {
	return board ~ /^dtc-tests\// ? "dtc-tests" : "linux"
}
# The dtc node finding whose span holds line l of file f, or "".
function inside(b, r, f, l,    s, n, i, se, a) {
	s = b SUBSEP r SUBSEP f
	if (!(s in spans))
		return ""
	n = split(spans[s], a, " ")
	for (i = 1; i <= n; i++) {
		split(a[i], se, ":")
		if (l + 0 >= se[1] + 0 && l + 0 <= se[2] + 0)
			return s SUBSEP se[1]
	}
	return ""
}
function account(g, what) {
	print "USED", what
	listed_extra[g]++
}
{
	if (!($2 in lvl) || (lvl[$2] != 0 && lvl[$2] != level))
		next
	if ($0 in seen)
		next
	seen[$0] = 1
	g = group($1)
	a = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4
	b = $1 SUBSEP $2 SUBSEP $5 SUBSEP $6
	if (a in dtc || b in dtc) {
		if (a in dtc) found[a] = 1
		if (b in dtc) found[b] = 1
		next
	}
	k = inside($1, $2, $3, $4)
	if (k != "") {
		found[k] = 1
		next
	}
	extra[g]++
	c = check_of[$2]
	if (("dtidy-only", $2, $3 ":" $4) in dev)
		account(g, "dtidy-only\t" $2 "\t" $3 ":" $4)
	else if (($1, c) in skipped && ("dtidy-only", "*", "prerequisite") in dev)
		account(g, "dtidy-only\t*\tprerequisite")
	else if (stopped[$1] == "ERRORS" && !(($1, c) in reported) &&
		 ("dtidy-only", "*", "after-error") in dev)
		account(g, "dtidy-only\t*\tafter-error")
	else if (stopped[$1] == "NOCHECKS" && ("dtidy-only", "*", "unreadable") in dev)
		account(g, "dtidy-only\t*\tunreadable")
	else
		print "EXTRA", "W=" level, $2, $3 ":" $4, "(board " $1 ")"
}
END {
	for (i = 1; i <= ndtc; i++) {
		k = order[i]
		split(k, p, SUBSEP)
		g = group(p[1])
		total[g]++
		if (k in found) {
			nfound[g]++
			continue
		}
		missed[g]++
		if (("dtc-only", p[2], p[3] ":" p[4]) in dev) {
			print "USED", "dtc-only", p[2], p[3] ":" p[4]
			listed_missed[g]++
		} else if (p[2] ~ /^dtc:/) {
			print "MISSED", "W=" level, p[2], p[3] ":" p[4], "(board " p[1] "; no dtidy rule mirrors this check)"
		} else {
			print "MISSED", "W=" level, p[2], p[3] ":" p[4], "(board " p[1] ")"
		}
	}
	split("linux dtc-tests", groups, " ")
	for (i = 1; i <= 2; i++) {
		g = groups[i]
		printf "SUMMARY\tW=%d %s: dtc findings %d, found by dtidy %d, missed %d (%d listed), dtidy extras %d (%d listed)\n",
			level, g == "linux" ? "Linux boards" : "dtc-tests inputs", total[g], nfound[g],
			missed[g], listed_missed[g], extra[g], listed_extra[g]
	}
}
