#!/bin/sh
# Navigation, completion and rename over a board of our own
# (tests/lsp/board, copied to a temporary workspace folder):
# tests/lsp/navigation_test.c.
set -e
BUILD=${BUILD:-build}
DTIDY=${DTIDY:-$(pwd)/$BUILD/dtidy}
here=$(cd "$(dirname "$0")" && pwd)
bin=$BUILD/tests/lsp-navigation-test
mkdir -p "$BUILD/tests"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# rule help pages and the bindings cache go to the cache directory: a private one
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME
cp -R "$here/board" "$tmp/board"
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g -o "$bin" \
	"$here/navigation_test.c" "$here/lsp_client.c" -ljansson
"$bin" "$DTIDY" "$tmp/board" "$@"
