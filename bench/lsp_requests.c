/* The server's CPU time per request on a 20,000-line board with 15
 * includes (12 .dtsi files and 3 headers): definition, declaration,
 * references, prepareRename, rename, hover, completion, document links,
 * folding ranges, semantic tokens, outline and workspace symbols, each
 * asked RUNS times at different places once the board's diagnostics are
 * out. Usage: lsp-requests DTIDY [RUNS] */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../tests/lsp/lsp_client.h"

#define BOARD_LINES 20000
#define SOCS 12
#define HEADERS 3
#define NODES_PER_SOC 120
#define LIMIT_MS 50.0

static char dir[64];

static FILE *create(const char *rel)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	return f;
}

/* Headers of macros, as dt-bindings headers are. */
static void write_headers(void)
{
	static const char *const names[HEADERS] = {"irq", "clock", "gpio"};
	for (int h = 0; h < HEADERS; h++) {
		char rel[128];
		snprintf(rel, sizeof(rel), "include/dt-bindings/bench/%s.h", names[h]);
		FILE *f = create(rel);
		fprintf(f, "#ifndef BENCH_%d_H\n#define BENCH_%d_H\n", h, h);
		for (int i = 0; i < 300; i++)
			fprintf(f, "#define BENCH_%s_%d %d\n", names[h], i, i);
		if (h == 0)
			fprintf(f, "#define BENCH_SPI(n) 0 (n) 4\n");
		fprintf(f, "#endif\n");
		fclose(f);
	}
}

/* SoC .dtsi files: labelled devices with references between them. */
static void write_socs(void)
{
	for (int s = 0; s < SOCS; s++) {
		char rel[64];
		snprintf(rel, sizeof(rel), "soc%d.dtsi", s);
		FILE *f = create(rel);
		fprintf(f, "/ {\n\tsoc%d: soc@%x {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n"
			   "\t\tcompatible = \"simple-bus\";\n\t\tranges;\n",
			s, 0x10000000 + s * 0x1000000);
		if (s == 0)
			fprintf(f, "\t\tintc: interrupt-controller@0 {\n\t\t\tcompatible = \"arm,gic-400\";\n"
				   "\t\t\treg = <0x0 0x1000>;\n\t\t\tinterrupt-controller;\n"
				   "\t\t\t#interrupt-cells = <3>;\n\t\t};\n");
		for (int n = 0; n < NODES_PER_SOC; n++)
			fprintf(f, "\n\t\ts%d_dev%d: device@%x {\n\t\t\tcompatible = \"vendor,dev\";\n"
				   "\t\t\treg = <0x%x 0x100>;\n\t\t\tinterrupt-parent = <&intc>;\n"
				   "\t\t\tinterrupts = <BENCH_SPI(%d)>;\n\t\t\tclocks = <&s%d_dev%d BENCH_clock_%d>;\n"
				   "\t\t\tstatus = \"disabled\";\n\t\t};\n",
				s, n, (n + 1) * 0x1000, (n + 1) * 0x1000, n, s, n ? n - 1 : 0, n % 300);
		fprintf(f, "\t};\n};\n");
		fclose(f);
	}
}

/* The board: the includes, then overrides of SoC devices and devices of
 * its own, until it has BOARD_LINES lines. */
static void write_board(void)
{
	FILE *f = create("board.dts");
	int lines = 0;
	fprintf(f, "/dts-v1/;\n\n#include <dt-bindings/bench/irq.h>\n#include <dt-bindings/bench/clock.h>\n"
		   "#include <dt-bindings/bench/gpio.h>\n");
	lines += 5;
	for (int s = 0; s < SOCS; s++, lines++)
		fprintf(f, "#include \"soc%d.dtsi\"\n", s);
	fprintf(f, "\n/ {\n\tmodel = \"bench\";\n\tchosen { stdout-path = &s0_dev0; };\n};\n");
	lines += 5;
	for (int i = 0; lines < BOARD_LINES - 1; i++) {
		int s = i % SOCS, n = (i / SOCS) % NODES_PER_SOC;
		if (i < SOCS * NODES_PER_SOC) {
			fprintf(f, "\n&s%d_dev%d {\n\tstatus = \"okay\";\n\tassigned-clocks = <&s%d_dev%d "
				   "BENCH_clock_%d>;\n\tvendor,gpio = <BENCH_gpio_%d>;\n};\n",
				s, n, s, n, i % 300, i % 300);
			lines += 6;
		} else {
			fprintf(f, "\n&soc%d {\n\tboard_dev%d: board-device@%x {\n\t\tcompatible = "
				   "\"vendor,board-dev\";\n\t\treg = <0x%x 0x10>;\n\t\tinterrupts = "
				   "<BENCH_SPI(%d)>;\n\t\tpower = <&s%d_dev%d>;\n\t};\n};\n",
				s, i, 0x800000 + i * 0x10, 0x800000 + i * 0x10, i % 900, s, n);
			lines += 9;
		}
	}
	fclose(f);
}

/* Position of the first line holding `what` in the board, after `from`. */
static int line_of(const char *text, const char *what, int from, int *col)
{
	int line = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (line >= from) {
			const char *hit = memmem(p, n, what, strlen(what));
			if (hit) {
				*col = (int)(hit - p);
				return line;
			}
		}
		line++;
		p += n + (nl ? 1 : 0);
	}
	*col = 0;
	return 0;
}

struct req {
	const char *name;
	const char *method;
	const char *find;	/* the text whose position the request is at */
	int delta;		/* column offset into it */
	const char *extra;	/* more params, as JSON */
};

/* Asks request q the k-th time (a different place each time). Returns 0
 * when it was answered without an error. */
static int ask(struct client *c, const struct req *q, const char *uri, const char *text, int k,
	       int id)
{
	json_t *params = json_pack("{s:{s:s}}", "textDocument", "uri", uri);
	if (q->find) {
		int col, line = line_of(text, q->find, 20 + (k + 1) * 317 % (BOARD_LINES - 400), &col);
		json_object_set_new(params, "position",
				    json_pack("{s:i, s:i}", "line", line, "character", col + q->delta));
	}
	if (q->extra) {
		json_t *x = json_loads(q->extra, 0, NULL);
		json_object_update(params, x);
		json_decref(x);
	}
	if (!strcmp(q->method, "workspace/symbol"))
		json_object_del(params, "textDocument");
	request(c, id, q->method, params);
	json_t *resp = recv_response(c, id);
	int failed = !resp || json_object_get(resp, "error");
	if (failed) {
		char *dump = resp ? json_dumps(resp, 0) : NULL;
		fprintf(stderr, "%s failed: %s\n", q->name, dump ? dump : "no response");
		free(dump);
	}
	json_decref(resp);
	return failed;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: lsp-requests DTIDY [RUNS]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	int runs = argc > 2 ? atoi(argv[2]) : 30;
	if (runs < 1 || runs > 1000)
		runs = 30;
	snprintf(dir, sizeof(dir), "/tmp/dtidy-bench-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	char sub[128];
	snprintf(sub, sizeof(sub), "%s/include", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/include/dt-bindings", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/include/dt-bindings/bench", dir);
	mkdir(sub, 0755);
	write_headers();
	write_socs();
	write_board();
	char board[128], uri[160], root[160];
	snprintf(board, sizeof(board), "%s/board.dts", dir);
	snprintf(uri, sizeof(uri), "file://%s", board);
	snprintf(root, sizeof(root), "file://%s", dir);
	char *text = read_text_file(board);

	struct client c;
	const char *args[] = {"--no-bindings", NULL};
	client_start_args(&c, argv[1], args);
	json_decref(handshake_root(&c, 0, root, json_pack("{s:i}", "debounceMs", 0)));
	open_doc(&c, uri, text);
	json_decref(recv_notification(&c, "textDocument/publishDiagnostics"));

	static const struct req reqs[] = {
		{"definition", "textDocument/definition", "&s", 2, NULL},
		{"declaration", "textDocument/declaration", "&s", 2, NULL},
		{"references", "textDocument/references", "&s", 2,
		 "{\"context\":{\"includeDeclaration\":true}}"},
		{"prepareRename", "textDocument/prepareRename", "&s", 2, NULL},
		{"rename", "textDocument/rename", "&s", 2, "{\"newName\":\"renamed_label\"}"},
		{"hover (label)", "textDocument/hover", "&s", 2, NULL},
		{"hover (macro)", "textDocument/hover", "BENCH_", 2, NULL},
		{"completion (&label)", "textDocument/completion", "<&s", 2, NULL},
		{"completion (property)", "textDocument/completion", "\tstatus", 1, NULL},
		{"completion (value)", "textDocument/completion", "status = \"", 10, NULL},
		{"documentLink", "textDocument/documentLink", NULL, 0, NULL},
		{"foldingRange", "textDocument/foldingRange", NULL, 0, NULL},
		{"semanticTokens/full", "textDocument/semanticTokens/full", NULL, 0, NULL},
		{"documentSymbol", "textDocument/documentSymbol", NULL, 0, NULL},
		{"workspace/symbol", "workspace/symbol", NULL, 0, "{\"query\":\"dev7\"}"},
	};
	int id = 100, failed = 0;
	double *wall = calloc((size_t)runs, sizeof(*wall));
	printf("lsp requests on a %d-line board with %d includes, %d runs each (CPU time of "
	       "the server per request; limit %.0f ms):\n",
	       BOARD_LINES, SOCS + HEADERS, runs, LIMIT_MS);
	const char *only = getenv("LSP_BENCH_ONLY");
	for (size_t r = 0; r < sizeof(reqs) / sizeof(reqs[0]); r++) {
		const struct req *q = &reqs[r];
		if (only && !strstr(q->name, only))
			continue;
		/* once untimed: what a first request builds is not the request's */
		failed |= ask(&c, q, uri, text, -1, ++id);
		for (int k = 0; k < runs; k++) {
			double t0 = client_now_ms();
			failed |= ask(&c, q, uri, text, k, ++id);
			wall[k] = client_now_ms() - t0;
		}
		/* CPU time over all the runs at once: the clock ticks are coarse */
		double c0 = client_cpu_ms(&c);
		for (int k = 0; k < runs; k++)
			failed |= ask(&c, q, uri, text, k, ++id);
		double cpu = (client_cpu_ms(&c) - c0) / runs;
		qsort(wall, (size_t)runs, sizeof(*wall), cmp);
		int ok = cpu < LIMIT_MS;
		failed |= !ok;
		printf("  %-22s %6.1f ms CPU  (wall: median %.1f ms, max %.1f ms)  %s\n", q->name, cpu,
		       wall[runs / 2], wall[runs - 1], ok ? "ok" : "OVER");
	}
	free(wall);
	free(text);
	finish(&c);
	client_free(&c);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (getenv("LSP_BENCH_KEEP"))
		printf("kept %s\n", dir);
	else if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	printf("%s\n", failed ? "FAIL" : "PASS");
	return failed;
}
