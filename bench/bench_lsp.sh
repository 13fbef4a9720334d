#!/bin/sh
# dtidy lsp: time from a didChange on a 20,000-line file to its
# publishDiagnostics, minus the debounce delay (target: under 100 ms).
set -e
BUILD=${BUILD:-build}
DTIDY=${DTIDY:-$(pwd)/$BUILD/dtidy}
mkdir -p "$BUILD/bench"
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$BUILD/bench/lsp-latency" \
	bench/lsp_latency.c tests/lsp/lsp_client.c -ljansson
exec "$BUILD/bench/lsp-latency" "$DTIDY" "${LSP_BENCH_RUNS:-15}"
