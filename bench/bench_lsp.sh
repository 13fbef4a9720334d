#!/bin/sh
# dtidy lsp on a 20,000-line board:
# - the time from a didChange to its publishDiagnostics, minus the debounce
#   delay, and the server's CPU time per edit (target: under 100 ms);
# - the server's CPU time per request (definition, references, rename,
#   completion, hover, semantic tokens...) with 15 includes (target: under
#   50 ms each; bench/lsp_requests.c).
set -e
BUILD=${BUILD:-build}
DTIDY=${DTIDY:-$(pwd)/$BUILD/dtidy}
mkdir -p "$BUILD/bench"
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$BUILD/bench/lsp-latency" \
	bench/lsp_latency.c tests/lsp/lsp_client.c -ljansson
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$BUILD/bench/lsp-requests" \
	bench/lsp_requests.c tests/lsp/lsp_client.c -ljansson
status=0
"$BUILD/bench/lsp-latency" "$DTIDY" "${LSP_BENCH_RUNS:-15}" || status=1
"$BUILD/bench/lsp-requests" "$DTIDY" "${LSP_REQUEST_RUNS:-30}" || status=1
exit $status
