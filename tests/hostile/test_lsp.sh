#!/bin/sh
# `dtidy lsp` against a hostile or broken client: megabytes of bytes that
# are no header, a Content-Length far over the limit, a body cut off by the
# client vanishing, and a document over the 16 MiB source limit. Each time:
# a JSON-RPC parse error (-32700) or a clear message, the session still
# usable where the stream allows it, a clean exit at end of input, and
# bounded memory. (tests/lsp/ covers the ordinary protocol, end of input
# and a broken pipe.)
set -u
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1

# msg JSON: one framed message (LC_ALL=C: ${#} counts bytes).
msg() {
	printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"
}
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
inited='{"jsonrpc":"2.0","method":"initialized","params":{}}'
shutdown='{"jsonrpc":"2.0","id":99,"method":"shutdown"}'
bye='{"jsonrpc":"2.0","method":"exit"}'

# expect_count NAME REGEX N: REGEX occurs exactly N times in stdout (framed
# messages are not separated by line ends).
expect_count() {
	n=$(grep -Eao -- "$2" "$T/out" | wc -l)
	if [ "$n" -eq "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "/$2/ occurs $n times, want $3: $(head -c 400 "$T/out")"
	fi
}

# --- 64 MB with no header end, then a real session --------------------------
{
	head -c 67108864 /dev/zero | tr '\0' A
	printf '\r\n'
	msg "$init"; msg "$inited"; msg "$shutdown"; msg "$bye"
} >garbage.in
run garbage -- timeout 120 "$DTIDY" lsp <garbage.in
expect_rc "64 MB that are no header" 0
expect_count "64 MB that are no header: answered once with -32700" '"code":-32700' 1
expect_out "64 MB that are no header: the message says what a header needs" \
	'bad message header: need \\"Content-Length: N\\"'
expect_out "64 MB that are no header: the session after them is served" '"id":1,"result":\{"capabilities"'
expect_out "64 MB that are no header: shutdown answered" '"id":99,"result":null'
expect_rss "64 MB that are no header" 32

# --- a Content-Length far over the limit ----------------------------------------
{
	msg "$init"
	printf 'Content-Length: 99999999999999\r\n\r\n'
	head -c 4194304 /dev/zero
} >huge.in
run huge -- timeout 120 "$DTIDY" lsp <huge.in
if [ "$rc" -le 1 ]; then ok "Content-Length of 100 TB: clean exit ($rc)"; else not_ok "Content-Length of 100 TB: clean exit" "exit $rc"; fi
expect_out "Content-Length of 100 TB: -32700 naming the limit" '"code":-32700,"message":"bad message header: .*at most 64 MiB'
expect_rss "Content-Length of 100 TB" 32

# --- the client vanishes in the middle of a large body ------------------------------
{
	msg "$init"
	printf 'Content-Length: 60000000\r\n\r\n{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":"'
	head -c 1048576 /dev/zero | tr '\0' x
} >cut.in
run cut -- timeout 120 "$DTIDY" lsp <cut.in
if [ "$rc" -le 1 ]; then ok "body cut off by end of input: clean exit ($rc)"; else not_ok "body cut off by end of input: clean exit" "exit $rc"; fi
expect_out "body cut off: the message before it was answered" '"id":1,"result":\{"capabilities"'
if [ -s "$T/err" ]; then
	not_ok "body cut off: nothing on stderr" "$(head -c 300 "$T/err")"
else
	ok "body cut off: nothing on stderr"
fi
expect_rss "body cut off by end of input" 32

# --- a document over the 16 MiB source limit ---------------------------------------
# 20 MB of boolean properties; the client waits for the diagnostics before
# it shuts down (a FIFO keeps the session open).
awk 'BEGIN {
	printf "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
	printf "{\"uri\":\"file:///tmp/big.dts\",\"languageId\":\"dts\",\"version\":1,\"text\":\"/dts-v1/;\\n/ {\\n"
	for (i = 0; i < 2000000; i++) printf "\\tp%d;\\n", i
	printf "};\\n\"}}}"
}' >open.json
fmt='{"jsonrpc":"2.0","id":2,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///tmp/big.dts"},"options":{"tabSize":8,"insertSpaces":false}}}'
sym='{"jsonrpc":"2.0","id":3,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///tmp/big.dts"}}}'
at='"textDocument":{"uri":"file:///tmp/big.dts"},"position":{"line":5,"character":3}'
def='{"jsonrpc":"2.0","id":4,"method":"textDocument/definition","params":{'$at'}}'
refs='{"jsonrpc":"2.0","id":5,"method":"textDocument/references","params":{'$at',"context":{"includeDeclaration":true}}}'
compl='{"jsonrpc":"2.0","id":6,"method":"textDocument/completion","params":{'$at'}}'
tokens='{"jsonrpc":"2.0","id":7,"method":"textDocument/semanticTokens/full","params":{"textDocument":{"uri":"file:///tmp/big.dts"}}}'
folds='{"jsonrpc":"2.0","id":8,"method":"textDocument/foldingRange","params":{"textDocument":{"uri":"file:///tmp/big.dts"}}}'
wsym='{"jsonrpc":"2.0","id":9,"method":"workspace/symbol","params":{"query":"p1"}}'
mkfifo to-server
rss_kb=""
/usr/bin/time -f '%M' -o "$T/rss" timeout 300 "$DTIDY" lsp <to-server >"$T/out" 2>"$T/err" &
server=$!
exec 3>to-server
{
	msg "$init"; msg "$inited"
	printf 'Content-Length: %d\r\n\r\n' "$(wc -c <open.json)"
	cat open.json
	msg "$fmt"; msg "$sym"
	msg "$def"; msg "$refs"; msg "$compl"; msg "$tokens"; msg "$folds"; msg "$wsym"
} >&3
# wait (at most about a minute) for the diagnostics, then end the session
i=0
while [ $i -lt 600 ] && ! grep -q publishDiagnostics "$T/out"; do
	sleep 0.1
	i=$((i + 1))
done
{ msg "$shutdown"; msg "$bye"; } >&3
exec 3>&-
wait $server
rc=$?
rss_kb=$(tail -n 1 "$T/rss" 2>/dev/null)
case $rss_kb in *[!0-9]*|'') rss_kb="" ;; esac
expect_rc "20 MB document" 0
expect_out "20 MB document: one diagnostic says it is too large, and the limit" \
	'"code":"io","source":"dtidy","message":"document too large: 20 MiB \(the limit is 16 MiB\); not checked"'
expect_out "20 MB document: formatting refused with a reason" \
	'"id":2,"error":\{"code":-32803,"message":"dtidy does not format documents over 16 MiB"'
expect_out "20 MB document: an empty outline" '"id":3,"result":\[\]'
expect_out "20 MB document: no definition" '"id":4,"result":null'
expect_out "20 MB document: no references" '"id":5,"result":null'
expect_out "20 MB document: no completion" '"id":6,"result":\{"isIncomplete":false,"items":\[\]\}'
expect_out "20 MB document: no semantic tokens" '"id":7,"result":\{"data":\[\]\}'
expect_out "20 MB document: no folding" '"id":8,"result":\[\]'
expect_out "20 MB document: no workspace symbols" '"id":9,"result":\[\]'
# the message is held about five times over (buffer, JSON, document, ...)
expect_rss "20 MB document" 160
finish
