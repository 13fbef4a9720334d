/* Scripted sessions against `dtidy lsp`: framing, errors, lifecycle, text
 * synchronisation and positions. Usage: protocol_test DTIDY [SECTION...] */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lsp_client.h"

static const char *dtidy;

#define URI "file:///tmp/dtidy-lsp-test/board.dts"

static json_t *result_of(json_t *resp)
{
	return json_object_get(resp, "result");
}

static int error_code(json_t *resp)
{
	return (int)json_integer_value(json_object_get(json_object_get(resp, "error"), "code"));
}

static json_t *diagnostics(json_t *note)
{
	return json_object_get(json_object_get(note, "params"), "diagnostics");
}

static unsigned pos_field(json_t *diag, const char *which, const char *field)
{
	return (unsigned)json_integer_value(json_object_get(
		json_object_get(json_object_get(diag, "range"), which), field));
}

static json_t *range(unsigned l0, unsigned c0, unsigned l1, unsigned c1)
{
	return json_pack("{s:{s:i, s:i}, s:{s:i, s:i}}", "start", "line", l0, "character", c0,
			 "end", "line", l1, "character", c1);
}

static void change(struct client *c, int version, json_t *changes)
{
	notify(c, "textDocument/didChange",
	       json_pack("{s:{s:s, s:i}, s:o}", "textDocument", "uri", URI, "version", version,
			 "contentChanges", changes));
}

static json_t *symbols(struct client *c, int id)
{
	request(c, id, "textDocument/documentSymbol",
		json_pack("{s:{s:s}}", "textDocument", "uri", URI));
	return recv_response(c, id);
}

static const char good[] = "/dts-v1/;\n\n/ {\n\tmodel = \"x\";\n};\n";

/* Half a header, then the rest; two messages in one write; a header with a
 * Content-Type; a multi-megabyte message. */
static void test_framing(void)
{
	struct client c;
	client_start(&c, dtidy);
	const char *init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
			   "\"params\":{\"capabilities\":{}}}";
	char head[80];
	int hn = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", strlen(init));
	send_raw(&c, head, 7);
	usleep(30000);
	send_raw(&c, head + 7, (size_t)hn - 7 - 2);
	usleep(30000);
	send_raw(&c, head + hn - 2, 2);
	send_raw(&c, init, 10);
	usleep(30000);
	send_raw(&c, init + 10, strlen(init) - 10);
	json_t *r = recv_response(&c, 1);
	CHECK(json_object_get(result_of(r), "capabilities"), "initialize answered after split writes");
	json_decref(r);

	/* two requests and a notification in one write */
	char both[1024];
	const char *a = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\","
			"\"params\":{\"textDocument\":{\"uri\":\"file:///nowhere.dts\"},"
			"\"position\":{\"line\":0,\"character\":0}}}";
	const char *b = "{\"jsonrpc\":\"2.0\",\"method\":\"$/unknownNotification\"}";
	const char *d = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no/such\"}";
	int n = snprintf(both, sizeof(both),
			 "Content-Length: %zu\r\nContent-Type: application/vscode-jsonrpc; "
			 "charset=utf-8\r\n\r\n%sContent-Length: %zu\r\n\r\n%s"
			 "content-length:%zu\r\n\r\n%s",
			 strlen(a), a, strlen(b), b, strlen(d), d);
	send_raw(&c, both, (size_t)n);
	r = recv_msg(&c, 10000);
	CHECK(r && json_integer_value(json_object_get(r, "id")) == 2 && error_code(r) == -32602,
	      "request on an unknown document: -32602");
	json_decref(r);
	/* the unknown notification gets no answer: the next message is id 3 */
	r = recv_msg(&c, 10000);
	CHECK(r && json_integer_value(json_object_get(r, "id")) == 3 && error_code(r) == -32601,
	      "unknown method: -32601, unknown notification: silence");
	json_decref(r);

	/* a 4 MB document, sent in one message */
	struct strbuf_like {
		char *s;
		size_t n;
	} big = {0};
	const char *node = "\tnode@%d {\n\t\treg = <0x%x 0x1>;\n\t\tdata = <%s>;\n\t};\n";
	char cells[2048] = "";
	for (int k = 0; k < 200; k++)
		strcat(cells, k ? " 0xdeadbeef" : "0xdeadbeef");
	size_t cap = 5u << 20;
	big.s = malloc(cap);
	big.n = (size_t)snprintf(big.s, cap, "/dts-v1/;\n\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\n");
	int nodes = 0;
	while (big.n < (4u << 20))
		big.n += (size_t)snprintf(big.s + big.n, cap - big.n, node, nodes, nodes, cells),
			nodes++;
	big.n += (size_t)snprintf(big.s + big.n, cap - big.n, "};\n");
	open_doc(&c, URI, big.s);
	free(big.s);
	r = recv_notification(&c, "textDocument/publishDiagnostics");
	CHECK(json_array_size(diagnostics(r)) == 0, "a 4 MB document arrives whole and parses");
	json_decref(r);
	r = symbols(&c, 4);
	json_t *root = json_array_get(result_of(r), 0);
	/* the root's children: #address-cells, #size-cells, then the nodes */
	CHECK(json_array_size(json_object_get(root, "children")) == (size_t)nodes + 2,
	      "outline of the 4 MB document has its %d nodes", nodes);
	json_decref(r);
	CHECK(finish(&c) == 0, "exit after shutdown: status 0");
	client_free(&c);
}

static void test_errors(void)
{
	struct client c;
	client_start(&c, dtidy);
	request(&c, 1, "textDocument/hover", NULL);
	json_t *r = recv_response(&c, 1);
	CHECK(error_code(r) == -32002, "request before initialize: -32002");
	json_decref(r);
	handshake(&c, 0, NULL);
	send_text(&c, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":");
	r = recv_msg(&c, 10000);
	CHECK(r && error_code(r) == -32700 && json_is_null(json_object_get(r, "id")),
	      "malformed JSON: -32700 with a null id");
	json_decref(r);
	send_raw(&c, "X-Nonsense: 1\r\n\r\n", 17);
	r = recv_msg(&c, 10000);
	CHECK(r && error_code(r) == -32700, "a header without Content-Length: -32700");
	json_decref(r);
	send_text(&c, "[1,2]");
	r = recv_msg(&c, 10000);
	CHECK(r && error_code(r) == -32600, "not an object: -32600");
	json_decref(r);
	request(&c, 6, "textDocument/documentSymbol",
		json_pack("{s:{s:s}}", "textDocument", "uri", "file:///not/open.dts"));
	r = recv_response(&c, 6);
	CHECK(error_code(r) == -32602, "unknown document: -32602");
	json_decref(r);
	/* still alive */
	open_doc(&c, URI, good);
	r = symbols(&c, 7);
	CHECK(json_array_size(result_of(r)) == 1, "server keeps serving after errors");
	json_decref(r);
	CHECK(finish(&c) == 0, "exit status 0 after shutdown");
	client_free(&c);

	/* exit without shutdown */
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	notify(&c, "exit", NULL);
	CHECK(client_wait(&c) == 1, "exit without shutdown: status 1");
	client_free(&c);

	/* the client vanishes: end of input */
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	open_doc(&c, URI, good);
	client_close_input(&c);
	int st = client_wait(&c);
	CHECK(st == 0 || st == 1, "EOF ends the server cleanly (status %d)", st);
	client_free(&c);

	/* the client stops reading: broken pipe */
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	close(c.from);
	c.from = open("/dev/null", O_RDONLY);
	for (int i = 0; i < 50; i++)
		request(&c, 100 + i, "textDocument/documentSymbol",
			json_pack("{s:{s:s}}", "textDocument", "uri", URI));
	client_close_input(&c);
	st = client_wait(&c);
	CHECK(st == 0 || st == 1, "broken pipe ends the server cleanly (status %d)", st);
	client_free(&c);
}

/* Incremental and full changes; several changes in one notification apply
 * in order; a burst of changes is published once (debounce). */
static void test_sync(void)
{
	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	open_doc(&c, URI, "/dts-v1/;\n\n/ {\n\tmodel = \"x\"\n\tb = <1>;\n};\n");
	json_t *r = recv_notification(&c, "textDocument/publishDiagnostics");
	json_t *d0 = json_array_get(diagnostics(r), 0);
	CHECK(json_array_size(diagnostics(r)) == 1 && pos_field(d0, "start", "line") == 4,
	      "missing ';' reported on line 5");
	json_decref(r);
	/* insert the ';' at the end of line 4, then rename b -> bb in the same
	 * notification: the second range is in the text after the first */
	change(&c, 2,
	       json_pack("[{s:o, s:s}, {s:o, s:s}]", "range", range(3, 12, 3, 12), "text", ";",
			 "range", range(4, 1, 4, 2), "text", "bb"));
	r = recv_notification(&c, "textDocument/publishDiagnostics");
	CHECK(json_array_size(diagnostics(r)) == 0, "incremental fix clears the diagnostic");
	CHECK(json_integer_value(json_object_get(json_object_get(r, "params"), "version")) == 2,
	      "published for version 2");
	json_decref(r);
	r = symbols(&c, 2);
	json_t *kids = json_object_get(json_array_get(result_of(r), 0), "children");
	CHECK(!strcmp(json_string_value(json_object_get(json_array_get(kids, 1), "name")) ?: "",
		      "bb"),
	      "second change applied after the first");
	json_decref(r);

	/* a burst: 30 edits in one write, one publication for the last version */
	for (int v = 3; v < 33; v++)
		change(&c, v, json_pack("[{s:o, s:s}]", "range", range(3, 10, 3, 11), "text",
					v % 2 ? "y" : "z"));
	r = recv_notification(&c, "textDocument/publishDiagnostics");
	CHECK(json_integer_value(json_object_get(json_object_get(r, "params"), "version")) == 32,
	      "a burst of edits is published once, for its last version");
	json_decref(r);

	/* full replacement */
	change(&c, 40, json_pack("[{s:s}]", "text", "/dts-v1/;\n/ { a = <1> };\n"));
	r = recv_notification(&c, "textDocument/publishDiagnostics");
	CHECK(json_array_size(diagnostics(r)) == 1, "full-text change is analysed");
	json_decref(r);

	notify(&c, "textDocument/didClose", json_pack("{s:{s:s}}", "textDocument", "uri", URI));
	r = recv_notification(&c, "textDocument/publishDiagnostics");
	CHECK(json_array_size(diagnostics(r)) == 0, "didClose clears the diagnostics");
	json_decref(r);
	r = symbols(&c, 3);
	CHECK(error_code(r) == -32602, "closed document is unknown");
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* Columns in UTF-16 code units (the default) and in bytes (utf-8). The
 * comment holds a 2-byte, a 3-byte and a 4-byte (surrogate pair) character. */
static void test_positions(void)
{
	const char *text = "/dts-v1/;\n/ {\n\t/* é€𝄞 */ a = <1> b;\n};\n";
	/* the error is at 'b': byte column 25, UTF-16 column 20 */
	for (int utf8 = 0; utf8 < 2; utf8++) {
		struct client c;
		client_start(&c, dtidy);
		handshake(&c, utf8, NULL);
		open_doc(&c, URI, text);
		json_t *r = recv_notification(&c, "textDocument/publishDiagnostics");
		json_t *d0 = json_array_get(diagnostics(r), 0);
		unsigned col = pos_field(d0, "start", "character");
		CHECK(pos_field(d0, "start", "line") == 2 && col == (utf8 ? 25u : 20u),
		      "%s column of the error: %u", utf8 ? "utf-8" : "utf-16", col);
		json_decref(r);
		/* insert ';' before 'b' using the same encoding */
		change(&c, 2, json_pack("[{s:o, s:s}]", "range", range(2, col, 2, col), "text",
					"; "));
		r = recv_notification(&c, "textDocument/publishDiagnostics");
		CHECK(json_array_size(diagnostics(r)) == 0,
		      "%s edit after non-ASCII text lands at the right byte",
		      utf8 ? "utf-8" : "utf-16");
		json_decref(r);
		r = symbols(&c, 2);
		json_t *kids = json_object_get(json_array_get(result_of(r), 0), "children");
		json_t *bsym = json_array_get(kids, 1);
		unsigned scol = (unsigned)json_integer_value(json_object_get(
			json_object_get(json_object_get(bsym, "selectionRange"), "start"), "character"));
		CHECK(scol == (utf8 ? 27u : 22u),
		      "symbol column in %s", utf8 ? "utf-8" : "utf-16");
		json_decref(r);
		CHECK(finish(&c) == 0, "clean exit");
		client_free(&c);
	}
}

static void test_outline_hover(void)
{
	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	open_doc(&c, URI,
		 "/dts-v1/;\n/ {\n\tsoc {\n\t\tuart0: serial@1000 {\n\t\t\treg = <0x1000>;\n"
		 "\t\t};\n\t};\n\tchosen { stdout-path = &uart0; };\n};\n&uart0 { status = \"okay\"; };\n");
	json_t *r = symbols(&c, 2);
	json_t *root = json_array_get(result_of(r), 0);
	json_t *soc = json_array_get(json_object_get(root, "children"), 0);
	json_t *uart = json_array_get(json_object_get(soc, "children"), 0);
	CHECK(!strcmp(json_string_value(json_object_get(uart, "name")) ?: "", "serial@1000") &&
		      !strcmp(json_string_value(json_object_get(uart, "detail")) ?: "", "uart0:"),
	      "outline: node name, label in detail");
	CHECK(json_array_size(result_of(r)) == 2, "outline: the &uart0 override is listed");
	json_decref(r);
	request(&c, 3, "textDocument/hover",
		json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", URI, "position", "line",
			  7, "character", 27));
	r = recv_response(&c, 3);
	const char *v = json_string_value(
		json_object_get(json_object_get(result_of(r), "contents"), "value"));
	CHECK(v && strstr(v, "/soc/serial@1000") && strstr(v, "board.dts:4"),
	      "hover on &uart0 gives path and file:line (got %s)", v ? v : "null");
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

static json_t *format_request(struct client *c, int id, const char *method, json_t *extra,
			      int tab, int spaces)
{
	json_t *p = json_pack("{s:{s:s}, s:{s:i, s:b}}", "textDocument", "uri", URI, "options",
			      "tabSize", tab, "insertSpaces", spaces);
	if (extra)
		json_object_update(p, extra), json_decref(extra);
	request(c, id, method, p);
	return recv_response(c, id);
}

static const char messy[] = "/dts-v1/;\n/ {\n  model = \"x\";\n\tcompatible=\"a\",\"b\";\n\n"
			    "\tsoc {\n\t\tuart@1000 {\n\t\t\treg = <0x1000  0x100>;\n\t\t};\n"
			    "\t};\n};\n";
static const char tidy[] = "/dts-v1/;\n\n/ {\n\tmodel = \"x\";\n\tcompatible = \"a\", \"b\";\n\n"
			   "\tsoc {\n\t\tuart@1000 {\n\t\t\treg = <0x1000 0x100>;\n\t\t};\n"
			   "\t};\n};\n";

static void test_formatting(void)
{
	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	open_doc(&c, URI, messy);
	json_t *r = format_request(&c, 2, "textDocument/formatting", NULL, 8, 0);
	json_t *edits = result_of(r);
	/* blank line after /dts-v1/, model+compatible, reg: three places */
	CHECK(json_array_size(edits) == 3, "formatting sends minimal edits (%zu)",
	      json_array_size(edits));
	char *out = apply_text_edits(messy, edits);
	CHECK(!strcmp(out, tidy), "edits turn the buffer into the formatted text:\n%s", out);
	free(out);
	json_decref(r);

	/* range: only line 8 (reg) is touched */
	r = format_request(&c, 3, "textDocument/rangeFormatting",
			   json_pack("{s:o}", "range", range(7, 0, 7, 5)), 8, 0);
	edits = result_of(r);
	json_t *e0 = json_array_get(edits, 0);
	CHECK(json_array_size(edits) == 1 && pos_field(e0, "start", "line") == 7,
	      "range formatting edits only the range");
	json_decref(r);

	/* the editor's indentation: 4 spaces */
	r = format_request(&c, 4, "textDocument/formatting", NULL, 4, 1);
	out = apply_text_edits(messy, result_of(r));
	CHECK(strstr(out, "\n    model = \"x\";\n") && strstr(out, "\n            reg = <"),
	      "insertSpaces/tabSize honoured:\n%s", out);
	free(out);
	json_decref(r);

	/* cancelled before it ran: -32800 */
	char both[1024];
	const char *f = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/formatting\","
			"\"params\":{\"textDocument\":{\"uri\":\"" URI "\"},"
			"\"options\":{\"tabSize\":8,\"insertSpaces\":false}}}";
	const char *x = "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":5}}";
	int n = snprintf(both, sizeof(both), "Content-Length: %zu\r\n\r\n%sContent-Length: %zu\r\n\r\n%s",
			 strlen(f), f, strlen(x), x);
	send_raw(&c, both, (size_t)n);
	r = recv_response(&c, 5);
	CHECK(error_code(r) == -32800, "cancelled formatting request: -32800");
	json_decref(r);

	/* syntax error on line 6: lines before it are formatted, the rest kept */
	const char *broken = "/dts-v1/;\n/ {\n  model = \"x\";\n\tsoc {\n\t\tbad = <1>\n"
			     "\t\tx;\n  y;\n\t};\n};\n";
	change(&c, 2, json_pack("[{s:s}]", "text", broken));
	r = format_request(&c, 6, "textDocument/formatting", NULL, 8, 0);
	out = apply_text_edits(broken, result_of(r));
	CHECK(strstr(out, "\n\tmodel = \"x\";\n") && strstr(out, "\t\tx;\n  y;\n"),
	      "syntax error: the part before it is formatted, the broken part kept:\n%s", out);
	free(out);
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* Rule diagnostics from the engine: rule id as code, a help page link,
 * hover with the rule's help, and the "disable for this line" action that
 * extends an existing suppression comment. */
static void test_rules(void)
{
	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	const char *text = "/dts-v1/;\n/ {\n\tmodel = \"x\"; // dtidy: disable-line=nonsense\n};\n";
	open_doc(&c, URI, text);
	json_t *r = recv_notification(&c, "textDocument/publishDiagnostics");
	json_t *d0 = json_array_get(diagnostics(r), 0);
	const char *code = json_string_value(json_object_get(d0, "code"));
	const char *href = json_string_value(
		json_object_get(json_object_get(d0, "codeDescription"), "href"));
	CHECK(code && !strcmp(code, "unused-suppression"), "diagnostic code is the rule id");
	CHECK(!strcmp(json_string_value(json_object_get(d0, "source")) ?: "", "dtidy"),
	      "source is dtidy");
	CHECK(href && !strncmp(href, "file:///", 8) && access(href + 7, R_OK) == 0,
	      "codeDescription links to a readable help page (%s)", href ? href : "none");
	json_decref(r);

	request(&c, 2, "textDocument/hover",
		json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", URI, "position", "line",
			  2, "character", 40));
	r = recv_response(&c, 2);
	const char *v = json_string_value(
		json_object_get(json_object_get(result_of(r), "contents"), "value"));
	CHECK(v && strstr(v, "unused-suppression") && strstr(v, "suppresses nothing"),
	      "hover on the diagnostic shows the rule's help (got %s)", v ? v : "null");
	json_decref(r);

	request(&c, 3, "textDocument/codeAction",
		json_pack("{s:{s:s}, s:o, s:{s:[]}}", "textDocument", "uri", URI, "range",
			  range(2, 0, 2, 0), "context", "diagnostics"));
	r = recv_response(&c, 3);
	json_t *act = json_array_get(result_of(r), 0);
	json_t *edits = json_object_get(json_object_get(json_object_get(act, "edit"), "changes"),
					URI);
	json_t *e0 = json_array_get(edits, 0);
	CHECK(!strcmp(json_string_value(json_object_get(act, "title")) ?: "",
		      "Disable unused-suppression for this line") &&
		      !strcmp(json_string_value(json_object_get(e0, "newText")) ?: "",
			      ",unused-suppression") &&
		      pos_field(e0, "start", "character") == 45,
	      "disable action extends the line's suppression comment");
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static char *hover_text(struct client *c, int id, const char *uri, int line, int col)
{
	request(c, id, "textDocument/hover",
		json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri, "position", "line",
			  line, "character", col));
	json_t *r = recv_response(c, id);
	const char *v = json_string_value(
		json_object_get(json_object_get(result_of(r), "contents"), "value"));
	char *out = strdup(v ? v : "");
	json_decref(r);
	return out;
}

/* A board including a .dtsi from disk: &label resolves into the .dtsi, and
 * once the .dtsi is open with unsaved changes, its buffer is what counts. */
static void test_includes(void)
{
	char dir[] = "/tmp/dtidy-lsp-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	char board[300], soc[300], board_uri[320], soc_uri[320];
	snprintf(board, sizeof(board), "%s/board.dts", dir);
	snprintf(soc, sizeof(soc), "%s/soc.dtsi", dir);
	snprintf(board_uri, sizeof(board_uri), "file://%s", board);
	snprintf(soc_uri, sizeof(soc_uri), "file://%s", soc);
	const char *soc_text = "/ {\n\tsoc {\n\t\tuart0: serial@1000 {\n\t\t\treg = <0x1000>;\n"
			       "\t\t};\n\t};\n};\n";
	const char *board_text = "/dts-v1/;\n#include \"soc.dtsi\"\n\n&uart0 {\n\tstatus = \"okay\";\n};\n";
	write_file(soc, soc_text);
	write_file(board, board_text);

	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	open_doc(&c, board_uri, board_text);
	char *v = hover_text(&c, 2, board_uri, 3, 2);
	CHECK(strstr(v, "/soc/serial@1000") && strstr(v, "defined at soc.dtsi:3") &&
		      strstr(v, "changed at board.dts:4"),
	      "hover on &uart0 resolves into the included .dtsi:\n%s", v);
	free(v);
	/* the .dtsi, edited but not saved: the node moves to a new name */
	notify(&c, "textDocument/didOpen",
	       json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", soc_uri, "languageId",
			 "dts", "version", 1, "text",
			 "/ {\n\tsoc {\n\t\tuart0: serial@2000 {\n\t\t\treg = <0x2000>;\n"
			 "\t\t};\n\t};\n};\n"));
	v = hover_text(&c, 3, board_uri, 3, 2);
	CHECK(strstr(v, "/soc/serial@2000") != NULL,
	      "an unsaved .dtsi buffer is used instead of the file:\n%s", v);
	free(v);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
	unlink(board);
	unlink(soc);
	rmdir(dir);
}

/* The project's .dtidy.yaml `format:` settings win over the editor's. */
static void test_config(void)
{
	char dir[] = "/tmp/dtidy-lsp-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	char cfg[300], board[300], uri[320];
	snprintf(cfg, sizeof(cfg), "%s/.dtidy.yaml", dir);
	snprintf(board, sizeof(board), "%s/board.dts", dir);
	snprintf(uri, sizeof(uri), "file://%s", board);
	write_file(cfg, "format: { indent: 2 }\n");
	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	const char *text = "/dts-v1/;\n\n/ {\n\tnode {\n\t\tx = <1>;\n\t};\n};\n";
	open_doc(&c, uri, text);
	request(&c, 2, "textDocument/formatting",
		json_pack("{s:{s:s}, s:{s:i, s:b}}", "textDocument", "uri", uri, "options",
			  "tabSize", 8, "insertSpaces", 0));
	json_t *r = recv_response(&c, 2);
	char *out = apply_text_edits(text, result_of(r));
	CHECK(!strcmp(out, "/dts-v1/;\n\n/ {\n  node {\n    x = <1>;\n  };\n};\n"),
	      ".dtidy.yaml indent overrides the editor's tabs:\n%s", out);
	free(out);
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
	unlink(cfg);
	rmdir(dir);
}

/* Diagnostics of a board with one undocumented compatible, from a server
 * started now: does it find the bindings beside src/? */
static int undocumented_found(const char *uri, const char *text)
{
	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, NULL);
	open_doc(&c, uri, text);
	json_t *r = recv_notification(&c, "textDocument/publishDiagnostics");
	int found = 0;
	size_t i;
	json_t *d;
	json_array_foreach(diagnostics(r), i, d) {
		const char *code = json_string_value(json_object_get(d, "code"));
		found |= code && !strcmp(code, "undocumented-compatible");
	}
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
	return found;
}

/* The cache files in $XDG_CACHE_HOME/dtidy (test_protocol.sh makes it private). */
static int cache_files(int remove)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/dtidy", getenv("XDG_CACHE_HOME") ?: "/nonexistent");
	DIR *d = opendir(path);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (!strncmp(e->d_name, "bindings-", 9)) {
			n++;
			if (remove)
				unlinkat(dirfd(d), e->d_name, 0);
		}
	if (d)
		closedir(d);
	return n;
}

/* The server reads the binding documents beside src/ through the bindings
 * index cache, and DTIDY_NO_CACHE=1 keeps it from writing one. */
static void test_bindings(void)
{
	char dir[] = "/tmp/dtidy-lsp-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	char p[8][300], uri[320];
	const char *rel[] = {"Bindings", "Bindings/serial", "src", "src/arm"};
	for (int i = 0; i < 4; i++) {
		snprintf(p[i], sizeof(p[i]), "%s/%s", dir, rel[i]);
		mkdir(p[i], 0755);
	}
	snprintf(p[4], sizeof(p[4]), "%s/Bindings/vendor-prefixes.yaml", dir);
	snprintf(p[5], sizeof(p[5]), "%s/Bindings/serial/acme,uart.yaml", dir);
	snprintf(p[6], sizeof(p[6]), "%s/src/arm/board.dts", dir);
	write_file(p[4], "patternProperties:\n  \"^acme,.*\": true\n");
	write_file(p[5], "properties:\n  compatible:\n    const: acme,uart\n");
	/* dated 2020: files changed in the last seconds are not saved */
	struct timespec old[2] = {{1577836800, 0}, {1577836800, 0}};
	const int aged[] = {4, 5, 1, 0};
	for (int i = 0; i < 4; i++)
		utimensat(AT_FDCWD, p[aged[i]], old, 0);
	snprintf(uri, sizeof(uri), "file://%s", p[6]);
	const char *text = "/dts-v1/;\n/ {\n\tu {\n\t\tcompatible = \"acme,spi\";\n\t};\n};\n";
	write_file(p[6], text);

	cache_files(1);
	CHECK(undocumented_found(uri, text), "undocumented-compatible from the bindings beside src/");
	CHECK(cache_files(0) == 1, "the server saved the bindings index cache");
	CHECK(undocumented_found(uri, text), "the same through the cache");
	cache_files(1);
	setenv("DTIDY_NO_CACHE", "1", 1);
	CHECK(undocumented_found(uri, text), "the same with DTIDY_NO_CACHE=1");
	unsetenv("DTIDY_NO_CACHE");
	CHECK(cache_files(0) == 0, "DTIDY_NO_CACHE=1: no cache file written");
	for (int i = 6; i >= 4; i--)
		unlink(p[i]);
	for (int i = 3; i >= 0; i--)
		rmdir(p[i]);
	rmdir(dir);
}

/* The schema family in the editor: a board against the corpus's real
 * bindings and dt-schema's core schemas gives schema-required as it is
 * opened, and hover on a property shows the type the schemas give it. */
static void test_schema(void)
{
	const char *corpus = getenv("CORPUS");
	if (!corpus || !*corpus) {
		printf("skip schema: CORPUS not set\n");
		return;
	}
	char bindings[600], schemas[600];
	snprintf(bindings, sizeof(bindings), "%s/Bindings", corpus);
	snprintf(schemas, sizeof(schemas), "%s/dt-schema/schemas", corpus);
	const char *args[] = {"--bindings", bindings, "--schemas", schemas, NULL};
	struct client c;
	client_start_args(&c, dtidy, args);
	handshake(&c, 0, NULL);
	open_doc(&c, URI,
		 "/dts-v1/;\n/ {\n\tcompatible = \"snps,board\";\n\tmodel = \"Board\";\n"
		 "\t#address-cells = <1>;\n\t#size-cells = <1>;\n"
		 "\tserial@1000 {\n\t\tcompatible = \"snps,dw-apb-uart\";\n"
		 "\t\tclocks = <&clk>;\n\t};\n"
		 "\tclk: clock-controller {\n\t\tcompatible = \"fixed-clock\";\n"
		 "\t\t#clock-cells = <0>;\n\t\tclock-frequency = <1>;\n\t};\n};\n");
	json_t *r = recv_notification(&c, "textDocument/publishDiagnostics");
	int found = 0;
	size_t i;
	json_t *d;
	json_array_foreach(diagnostics(r), i, d) {
		const char *code = json_string_value(json_object_get(d, "code"));
		const char *msg = json_string_value(json_object_get(d, "message"));
		json_t *start = json_object_get(json_object_get(d, "range"), "start");
		found |= code && !strcmp(code, "schema-required") && msg &&
			 strstr(msg, "'reg' is a required property") &&
			 json_integer_value(json_object_get(start, "line")) == 6;
	}
	CHECK(found, "schema-required published at the node's header as the board opens");
	json_decref(r);
	request(&c, 3, "textDocument/hover",
		json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", URI, "position", "line",
			  8, "character", 3));
	r = recv_response(&c, 3);
	const char *v = json_string_value(
		json_object_get(json_object_get(result_of(r), "contents"), "value"));
	CHECK(v && strstr(v, "**clocks** (phandle-array)"),
	      "hover on clocks gives the schemas' type (got %s)", v ? v : "null");
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

static long rss_kb(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* 10,000 edits of one file, each analysed (no debounce): the resident size
 * after the last must not have grown past the size after the first 2,000. */
static void test_memory(void)
{
	int sanitized = getenv("DTIDY_SANITIZED") != NULL;
	int edits = sanitized ? 1000 : 10000;
	struct client c;
	client_start(&c, dtidy);
	handshake(&c, 0, json_pack("{s:i}", "debounceMs", 0));
	open_doc(&c, URI, "/dts-v1/;\n/ {\n\tnode@0 {\n\t\treg = <0>;\n\t};\n};\n");
	json_decref(recv_notification(&c, "textDocument/publishDiagnostics"));
	long base = 0;
	for (int i = 0; i < edits; i++) {
		/* type a character into the value, or take it back out */
		json_t *ch = i % 2 ? json_pack("[{s:o, s:s}]", "range", range(3, 10, 3, 11), "text", "")
				   : json_pack("[{s:o, s:s}]", "range", range(3, 10, 3, 10), "text",
					       "1");
		change(&c, i + 2, ch);
		if (i % 100 == 99) {
			/* let it catch up and publish, so every kind of work runs */
			long long v = 0;
			while (v != i + 2) {
				json_t *r = recv_notification(&c, "textDocument/publishDiagnostics");
				if (!r)
					break;
				v = json_integer_value(json_object_get(json_object_get(r, "params"), "version"));
				json_decref(r);
			}
			json_decref(symbols(&c, 10 + i));
		}
		if (i == edits / 5)
			base = rss_kb(c.pid);
	}
	json_decref(symbols(&c, 5));
	long end = rss_kb(c.pid);
	if (!sanitized)
		CHECK(base > 0 && end - base < 512,
		      "memory flat over %d edits: %ld kB after %d, %ld kB at the end", edits, base,
		      edits / 5, end);
	CHECK(finish(&c) == 0, "clean exit after %d edits", edits);
	client_free(&c);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: protocol_test DTIDY [section...]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	dtidy = argv[1];
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
		{"framing", test_framing}, {"errors", test_errors},
		{"sync", test_sync},	   {"positions", test_positions},
		{"outline", test_outline_hover}, {"formatting", test_formatting},
		{"rules", test_rules},
		{"includes", test_includes},
		{"config", test_config},
		{"bindings", test_bindings},
		{"schema", test_schema},
		{"memory", test_memory},
	};
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int run = argc == 2;
		for (int a = 2; a < argc; a++)
			run |= !strcmp(argv[a], tests[i].name);
		if (!run)
			continue;
		int before = failures;
		tests[i].fn();
		printf("%s %s\n", failures == before ? "ok  " : "FAIL", tests[i].name);
	}
	return failures ? 1 : 0;
}
