#!/bin/sh
# Scripted sessions against `dtidy lsp` (tests/lsp/protocol_test.c): framing,
# errors, lifecycle, incremental sync, UTF-16 positions, memory over 10,000
# edits, formatting edits and cancellation.
set -e
BUILD=${BUILD:-build}
DTIDY=${DTIDY:-$(pwd)/$BUILD/dtidy}
here=$(dirname "$0")
bin=$BUILD/tests/lsp-protocol-test
mkdir -p "$BUILD/tests"
# rule help pages go to the cache directory: a private one
XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g -o "$bin" \
	"$here/protocol_test.c" "$here/lsp_client.c" -ljansson
"$bin" "$DTIDY" "$@"
