# Prints every cell list written over several lines (`bindings = <`,
# `interrupt-map = <`, `map = <` ... with its '>' on a later line) as one
# line: its rows, whitespace squeezed and lower-cased (hex digits change
# case), blanks around comments dropped, joined with " | ". Comment rows
# count as rows (they must stay where they are). A file's lists must all be found among those of its
# formatted copy, which may have more (a long line broken in rows).
function squeeze(s) {
	gsub(/[ \t\r]+/, " ", s)
	sub(/^ /, "", s)
	sub(/ $/, "", s)
	# whitespace aside, at comments too: the kernel style has a block
	# comment touch a '<' and the cell after it ("</*TXEOB*/0")
	gsub(/ ?\/\* ?/, "/*", s)
	gsub(/ ?\*\/ ?/, "*/", s)
	return tolower(s)
}
function row(s) {
	s = squeeze(s)
	if (s != "")
		cur = cur " | " s
}
!inb && /=[ \t]*</ {
	rest = $0
	sub(/^[^=]*=/, "", rest)
	# the part after the last '<' of the line still open?
	tail = rest
	sub(/.*</, "", tail)
	if (tail ~ />/)
		next
	inb = 1
	cur = "@"
	row(tail)
	next
}
inb {
	line = $0
	if (line ~ />/) {
		sub(/>.*/, "", line)
		inb = 0
	}
	row(line)
	if (!inb)
		print cur
}
