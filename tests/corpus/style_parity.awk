# Explains the differences between dt-check-style's findings and dtidy's
# style findings with style-deviations.txt.
#
#   awk -f style_parity.awk -v used=FILE style-deviations.txt diffs
#
# diffs: "KIND PATH:LINE RULE" lines, KIND checker-only or dtidy-only.
# Prints each difference no row explains ("unexplained: ..."), and writes
# the numbers of the rows that explained something to `used`. Exit 1 when
# something is unexplained.
BEGIN { FS = "\t" }
FNR == NR {
	if ($0 ~ /^#/ || $0 ~ /^[ \t]*$/)
		next
	n++
	kind[n] = $1; rule[n] = $2; where[n] = $3; row[n] = FNR
	if (where[n] == "*") {
		path[n] = "*"
		next
	}
	i = index(where[n], ":")
	path[n] = substr(where[n], 1, i - 1)
	lines[n] = substr(where[n], i + 1)
	next
}
function covers(spec, l,    parts, k, a, b, dash) {
	split(spec, parts, ",")
	for (k in parts) {
		dash = index(parts[k], "-")
		if (!dash) {
			if (parts[k] + 0 == l)
				return 1
			continue
		}
		a = substr(parts[k], 1, dash - 1) + 0
		b = substr(parts[k], dash + 1)
		if (l >= a && (b == "" || l <= b + 0))
			return 1
	}
	return 0
}
{
	split($0, f, " ")
	k = f[1]; loc = f[2]; r = f[3]
	i = 0
	for (j = length(loc); j > 0; j--)
		if (substr(loc, j, 1) == ":") { i = j; break }
	p = substr(loc, 1, i - 1); l = substr(loc, i + 1) + 0
	hit = 0
	for (j = 1; j <= n && !hit; j++) {
		if (kind[j] != k || rule[j] != r)
			continue
		if (path[j] == "*" || (path[j] == p && covers(lines[j], l))) {
			hit = 1
			print row[j] > used
		}
	}
	if (!hit) {
		print "unexplained: " $0
		bad = 1
	}
}
END { exit bad }
