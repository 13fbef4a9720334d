#!/bin/sh
# A real client: headless Neovim 0.7 from Debian, configured with
# integrations/editors/neovim/dtidy.lua, edits a board with a misordered Xen
# compatible: diagnostic, code action (the rule's fix), formatting, then the
# buffer is compared with the expected text (tests/lsp/nvim/session.lua).
# Then it navigates a board of our own (tests/lsp/board): definition,
# declaration, references, rename across three files and completion,
# checking buffers and jump targets (tests/lsp/nvim/navigate.lua).
set -u
BUILD=${BUILD:-build}
DTIDY=${DTIDY:-$(pwd)/$BUILD/dtidy}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v nvim >/dev/null; then
	echo "FAIL neovim is not installed (make deps)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the shipped config runs `dtidy lsp` from PATH
mkdir -p "$tmp/bin" "$tmp/board"
ln -s "$DTIDY" "$tmp/bin/dtidy"

# nvim_session NAME SCRIPT [VAR=VALUE...]: one headless Neovim session
# with the shipped configuration, the dtidy under test on PATH
nvim_session() {
	name=$1 script=$2
	shift 2
	env XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" \
	    XDG_CACHE_HOME="$tmp/cache" HOME="$tmp" PATH="$tmp/bin:$PATH" \
	    LSP_CONFIG="$root/integrations/editors/neovim/dtidy.lua" "$@" \
		timeout 60 nvim --headless -u NONE -i NONE -n \
		-c "luafile $here/nvim/$script" </dev/null 2>"$tmp/nvim.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL neovim session $name (status $rc)"
		sed 's/^/  /' "$tmp/nvim.err" | head -20
		return 1
	fi
}

run() { # fixture rule action
	cp "$here/nvim/$1.dts" "$tmp/board/$1.dts"
	nvim_session "$1" session.lua LSP_INPUT="$tmp/board/$1.dts" \
		LSP_EXPECT="$here/nvim/$1.expected.dts" LSP_RULE="$2" LSP_ACTION="$3"
}
status=0
if "$DTIDY" rules | grep -q '^hv-compatible-order '; then
	run xen-order hv-compatible-order "Fix:" || status=1
else
	# a build without the hv rules: the syntax error path, no code action
	run xen syntax "" || status=1
fi

# navigation: the board, copied where its project root (.dtidy.yaml) is
cp -R "$here/board" "$tmp/nav"
nvim_session navigation navigate.lua LSP_ROOT="$tmp/nav" || status=1
exit $status
