# Messes up a devicetree file the way hands and editors do, for comparing
# `dtidy format --profile=zephyr` with dts-linter on inputs that are not in
# its format: indentation lost or made of spaces, trailing blanks, blank
# lines added or removed, hex digits in upper case, a one-line cell list
# opened on its own line. Block comments and directives are left alone.
# Usage: awk -v seed=N -f zephyr_mangle.awk FILE
BEGIN { srand(seed) }
function indent_of(s) { match(s, /^[ \t]*/); return substr(s, 1, RLENGTH) }
{
	line = $0
	st = line
	sub(/^[ \t]+/, "", st)
	if (incomment || st ~ /^#/ || st ~ /^\/\*/ || st ~ /^\*/) {
		if (st ~ /\/\*/ && st !~ /\*\//)
			incomment = 1
		if (st ~ /\*\//)
			incomment = 0
		print line
		next
	}
	r = rand()
	ind = indent_of(line)
	if (r < 0.2 && st != "")
		ind = sprintf("%*s", int(rand() * 12), "")
	if (r > 0.9 && st ~ /^[a-z#].* = <[^<>]*>;$/) {
		# "a = <1 2>;" -> "a = <" / "1 2" / ">;"
		i = index(st, "<")
		print ind substr(st, 1, i)
		print ind "\t" substr(st, i + 1, length(st) - i - 2)
		print ind ">;"
		next
	}
	if (r > 0.4 && r < 0.5) {
		out = ""
		while (match(st, /0x[0-9a-f]+/)) {
			out = out substr(st, 1, RSTART + 1) toupper(substr(st, RSTART + 2, RLENGTH - 2))
			st = substr(st, RSTART + RLENGTH)
		}
		st = out st
	}
	print ind st (rand() < 0.1 && st != "" ? " " : "")
	if (rand() < 0.06) {
		print ""
		if (rand() < 0.3)
			print ""
	}
}
