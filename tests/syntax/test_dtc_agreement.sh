#!/bin/sh
# dtidy and dtc agree on what is a syntax error: for every snippet of
# dtc-snippets.txt, dtc 1.8.1 (the kernel's dtc, built by tests/dtc-oracle.sh)
# and `dtidy check` both accept it, or both reject it with their first
# syntax error on the same line. dtc's errors that come after parsing
# (unknown labels, bad values) do not count.
set -u
: "${DTIDY:?}"
here=$(cd "$(dirname "$0")" && pwd)
DTC=$(sh "$here/../dtc-oracle.sh") || { echo "FAIL: cannot build dtc 1.8.1 (make deps)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

first_syntax_line() {	# dtc's stderr -> line of its first read error, or "ok"
	if grep -qE 'syntax error|Lexical error|Properties must precede subnodes' "$1"; then
		grep -oE 's\.dts:[0-9]+' "$1" | head -1 | cut -d: -f2
	else
		echo ok
	fi
}

n=0
bad=0
while IFS= read -r line; do
	case "$line" in '' | '#'*) continue ;; esac
	n=$((n + 1))
	pre=
	case "$line" in cpp:*) pre=1 line=${line#cpp:} ;; esac
	printf '%b' "$line" >"$tmp/s.dts"
	if [ -n "$pre" ]; then
		(cd "$tmp" && cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp s.dts -o s.pp 2>/dev/null)
		in=s.pp
	else
		in=s.dts
	fi
	(cd "$tmp" && timeout 10 "$DTC" -q -I dts -O dtb -o /dev/null "$in" 2>dtc.err)
	want=$(first_syntax_line "$tmp/dtc.err")
	got=$(cd "$tmp" && "$DTIDY" check --color=never s.dts | grep '\[syntax\]$' | head -1 | cut -d: -f2)
	[ -n "$got" ] || got=ok
	if [ "$want" != "$got" ]; then
		bad=$((bad + 1))
		echo "MISMATCH (dtc: $want, dtidy: $got): $line"
		sed 's/^/    dtc: /' "$tmp/dtc.err" | head -2
		(cd "$tmp" && "$DTIDY" check --color=never s.dts) | head -2 | sed 's/^/    dtidy: /'
	fi
done <"$here/dtc-snippets.txt"
if [ "$n" -lt 100 ]; then
	echo "FAIL: only $n snippets read"
	exit 1
fi
if [ "$bad" -ne 0 ]; then
	echo "FAIL: $bad of $n snippets judged differently from dtc"
	exit 1
fi
echo "ok: dtc and dtidy agree on $n snippets"
