/* How long after a didChange on a 20,000-line file its diagnostics arrive,
 * minus the debounce delay: the time the server spends analysing and
 * publishing. Usage: lsp-latency DTIDY [RUNS] */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tests/lsp/lsp_client.h"

#define DEBOUNCE_MS 150
#define LINES 20000

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* A board of LINES lines: a hypervisor node and many devices with labels,
 * references, reg and interrupts, as in a large SoC tree. */
static char *board(void)
{
	size_t cap = LINES * 64, n = 0;
	char *s = malloc(cap);
	n += (size_t)snprintf(s + n, cap - n,
			      "/dts-v1/;\n\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n\n"
			      "\thypervisor {\n\t\tcompatible = \"xen,xen-4.19\", \"xen,xen\";\n"
			      "\t\treg = <0x0 0x38000000 0x0 0x1000000>;\n\t\tinterrupts = <1 15 0xf08>;\n"
			      "\t};\n\n\tintc: interrupt-controller@8000000 {\n"
			      "\t\tcompatible = \"arm,gic-v3\";\n\t\t#interrupt-cells = <3>;\n"
			      "\t\tinterrupt-controller;\n\t\treg = <0x0 0x8000000 0x0 0x10000>;\n\t};\n");
	int lines = 18, i = 0;
	while (lines < LINES - 10) {
		n += (size_t)snprintf(s + n, cap - n,
				      "\n\tdev%d: device@%x {\n\t\tcompatible = \"vendor,device\";\n"
				      "\t\treg = <0x0 0x%x 0x0 0x1000>;\n"
				      "\t\tinterrupt-parent = <&intc>;\n"
				      "\t\tinterrupts = <0 %d 4>;\n\t\tstatus = \"okay\";\n\t};\n",
				      i, 0x10000000 + i * 0x1000, 0x10000000 + i * 0x1000, i % 900);
		lines += 8;
		i++;
	}
	while (lines < LINES - 1) {
		n += (size_t)snprintf(s + n, cap - n, "\t/* padding */\n");
		lines++;
	}
	snprintf(s + n, cap - n, "};\n");
	return s;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: lsp-latency DTIDY [RUNS]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	int runs = argc > 2 ? atoi(argv[2]) : 15;
	if (runs < 1 || runs > 1000)
		runs = 15;
	struct client c;
	client_start(&c, argv[1]);
	handshake(&c, 0, json_pack("{s:i}", "debounceMs", DEBOUNCE_MS));
	char *text = board();
	const char *uri = "file:///tmp/dtidy-bench/board.dts";
	open_doc(&c, uri, text);
	free(text);
	json_decref(recv_notification(&c, "textDocument/publishDiagnostics"));
	double cpu0 = client_cpu_ms(&c);
	double *lat = calloc((size_t)runs, sizeof(*lat));
	for (int r = 0; r < runs; r++) {
		/* insert a comment line in the middle of the file, then take it out */
		int version = r + 2;
		json_t *range = json_pack("{s:{s:i, s:i}, s:{s:i, s:i}}", "start", "line", LINES / 2,
					  "character", 0, "end", "line", LINES / 2 + r % 2, "character", 0);
		double t0 = client_now_ms();
		notify(&c, "textDocument/didChange",
		       json_pack("{s:{s:s, s:i}, s:[{s:o, s:s}]}", "textDocument", "uri", uri,
				 "version", version, "contentChanges", "range", range, "text",
				 r % 2 ? "" : "\t/* edited */\n"));
		for (;;) {
			json_t *m = recv_notification(&c, "textDocument/publishDiagnostics");
			if (!m)
				return 1;
			long long v = json_integer_value(
				json_object_get(json_object_get(m, "params"), "version"));
			json_decref(m);
			if (v == version)
				break;
		}
		lat[r] = client_now_ms() - t0 - DEBOUNCE_MS;
	}
	double cpu = (client_cpu_ms(&c) - cpu0) / runs;
	qsort(lat, (size_t)runs, sizeof(*lat), cmp);
	double median = lat[runs / 2];
	printf("lsp: didChange -> publishDiagnostics on a %d-line file: median %.1f ms, "
	       "max %.1f ms beyond the %d ms debounce (%d runs); server CPU time per edit %.1f ms "
	       "(target < 100 ms)\n",
	       LINES, median, lat[runs - 1], DEBOUNCE_MS, runs, cpu);
	free(lat);
	finish(&c);
	client_free(&c);
	/* CPU time is the figure that does not depend on how busy the machine is */
	return cpu < 100 ? 0 : 1;
}
