/* Scripted sessions against `dtidy lsp` over a multi-file board of our own
 * (tests/lsp/board, copied to a temporary workspace): a .dtsi included by
 * two boards, a header of macros, binding documents. Definition,
 * declaration, references (across the boards that include the .dtsi, one
 * of them only on disk), rename across three files, completion, hover,
 * document links, folding, semantic tokens and workspace symbols, an
 * unsaved buffer that renames a label, and bad requests.
 * Usage: navigation_test DTIDY ROOT [section...] */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_client.h"

static const char *dtidy, *root;
static char soc_path[512], a_path[512], b_path[512], hdr_path[512];
static char soc_uri[600], a_uri[600], b_uri[600], hdr_uri[600], root_uri[600];
static char *soc_text, *a_text, *b_text;
static int next_id = 10;

/* Line and column (0-based, ASCII) of the nth (0-based) occurrence of
 * needle in text, plus `delta` columns; exits when it is not there. */
struct at {
	int line, col;
};

static struct at where(const char *text, const char *needle, int nth, int delta)
{
	const char *p = text;
	for (int i = 0; p && i <= nth; i++) {
		p = strstr(i ? p + 1 : p, needle);
	}
	if (!p) {
		fprintf(stderr, "fixture has no '%s' #%d\n", needle, nth);
		exit(2);
	}
	struct at a = {0, 0};
	for (const char *q = text; q < p; q++) {
		if (*q == '\n') {
			a.line++;
			a.col = 0;
		} else {
			a.col++;
		}
	}
	a.col += delta;
	return a;
}

static json_t *result_of(json_t *r)
{
	return json_object_get(r, "result");
}

static int error_code(json_t *r)
{
	return (int)json_integer_value(json_object_get(json_object_get(r, "error"), "code"));
}

static const char *error_msg(json_t *r)
{
	const char *m = json_string_value(json_object_get(json_object_get(r, "error"), "message"));
	return m ? m : "";
}

/* A request at a position; extra (stolen) is merged into the params. */
static json_t *ask(struct client *c, const char *method, const char *uri, struct at pos,
		   json_t *extra)
{
	json_t *p = json_pack("{s:{s:s}, s:{s:i, s:i}}", "textDocument", "uri", uri, "position",
			      "line", pos.line, "character", pos.col);
	if (extra) {
		json_object_update(p, extra);
		json_decref(extra);
	}
	int id = next_id++;
	request(c, id, method, p);
	return recv_response(c, id);
}

static json_t *ask_doc(struct client *c, const char *method, const char *uri)
{
	int id = next_id++;
	request(c, id, method, json_pack("{s:{s:s}}", "textDocument", "uri", uri));
	return recv_response(c, id);
}

static int range_is(json_t *range, int l0, int c0, int l1, int c1)
{
	json_t *s = json_object_get(range, "start"), *e = json_object_get(range, "end");
	return json_integer_value(json_object_get(s, "line")) == l0 &&
	       json_integer_value(json_object_get(s, "character")) == c0 &&
	       json_integer_value(json_object_get(e, "line")) == l1 &&
	       json_integer_value(json_object_get(e, "character")) == c1;
}

/* Is loc {uri, range} at `needle` #nth of text (the needle's first len
 * bytes, from column delta on)? */
static int loc_is(json_t *loc, const char *uri, const char *text, const char *needle, int nth,
		  int delta, int len)
{
	struct at a = where(text, needle, nth, delta);
	const char *u = json_string_value(json_object_get(loc, "uri"));
	return u && !strcmp(u, uri) &&
	       range_is(json_object_get(loc, "range"), a.line, a.col, a.line, a.col + len);
}

static char *dump(json_t *j)
{
	static char buf[4096];
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	snprintf(buf, sizeof(buf), "%s", s ? s : "(null)");
	free(s);
	return buf;
}

static void start(struct client *c)
{
	client_start(c, dtidy);
	json_decref(handshake_root(c, 0, root_uri, json_pack("{s:i}", "debounceMs", 0)));
}

static void open_text(struct client *c, const char *uri, const char *text)
{
	open_doc(c, uri, text);
}

/* ---- initialize ---- */

static void test_capabilities(void)
{
	struct client c;
	client_start(&c, dtidy);
	json_t *caps = handshake_root(&c, 0, root_uri, NULL);
	static const char *const want[] = {
		"positionEncoding", "textDocumentSync", "documentFormattingProvider",
		"documentRangeFormattingProvider", "documentSymbolProvider", "hoverProvider",
		"codeActionProvider", "definitionProvider", "declarationProvider",
		"referencesProvider", "renameProvider", "completionProvider",
		"documentLinkProvider", "foldingRangeProvider", "workspaceSymbolProvider",
		"semanticTokensProvider",
	};
	size_t n = sizeof(want) / sizeof(want[0]);
	CHECK(json_object_size(caps) == n, "initialize advertises %zu capabilities, not %zu: %s", n,
	      json_object_size(caps), dump(caps));
	for (size_t i = 0; i < n; i++)
		CHECK(json_object_get(caps, want[i]), "initialize advertises %s", want[i]);
	CHECK(json_is_true(json_object_get(json_object_get(caps, "renameProvider"),
					   "prepareProvider")),
	      "rename with prepareRename");
	json_t *legend = json_object_get(json_object_get(caps, "semanticTokensProvider"), "legend");
	CHECK(json_array_size(json_object_get(legend, "tokenTypes")) == 9,
	      "nine semantic token types: %s", dump(legend));
	json_t *trig = json_object_get(json_object_get(caps, "completionProvider"),
				       "triggerCharacters");
	int amp = 0;
	for (size_t i = 0; i < json_array_size(trig); i++)
		amp |= !strcmp(json_string_value(json_array_get(trig, i)) ?: "", "&");
	CHECK(amp, "completion is triggered by '&'");
	json_decref(caps);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

static int has_loc(json_t *locs, const char *uri, const char *text, const char *needle, int nth,
		   int delta, int len)
{
	for (size_t i = 0; i < json_array_size(locs); i++)
		if (loc_is(json_array_get(locs, i), uri, text, needle, nth, delta, len))
			return 1;
	return 0;
}

/* ---- definition and declaration ---- */

static void test_definition(void)
{
	struct client c;
	start(&c);
	open_text(&c, a_uri, a_text);
	/* &uart0 { }: the node where the .dtsi defines it, then this block */
	json_t *r = ask(&c, "textDocument/definition", a_uri, where(a_text, "&uart0 {", 0, 2), NULL);
	json_t *locs = result_of(r);
	CHECK(json_array_size(locs) == 2 &&
		      loc_is(json_array_get(locs, 0), soc_uri, soc_text, "serial@2000", 0, 0, 11) &&
		      loc_is(json_array_get(locs, 1), a_uri, a_text, "&uart0 {", 0, 0, 6),
	      "definition of &uart0: the .dtsi's node, then the override: %s", dump(locs));
	json_decref(r);
	/* a reference in a value: the same node */
	r = ask(&c, "textDocument/definition", a_uri, where(a_text, "= &uart0", 0, 4), NULL);
	CHECK(json_array_size(result_of(r)) == 2 &&
		      loc_is(json_array_get(result_of(r), 0), soc_uri, soc_text, "serial@2000", 0, 0,
			     11),
	      "definition of stdout-path's &uart0: %s", dump(result_of(r)));
	json_decref(r);
	/* a property: where the .dtsi sets it, then where the board does */
	r = ask(&c, "textDocument/definition", a_uri, where(a_text, "status", 0, 1), NULL);
	locs = result_of(r);
	CHECK(json_array_size(locs) == 2 &&
		      loc_is(json_array_get(locs, 0), soc_uri, soc_text, "status", 0, 0, 6) &&
		      loc_is(json_array_get(locs, 1), a_uri, a_text, "status", 0, 0, 6),
	      "definition of status: every place it is set: %s", dump(locs));
	json_decref(r);
	/* #include "soc.dtsi": the file */
	r = ask(&c, "textDocument/definition", a_uri, where(a_text, "soc.dtsi", 0, 1), NULL);
	locs = result_of(r);
	CHECK(json_array_size(locs) == 1 &&
		      !strcmp(json_string_value(json_object_get(json_array_get(locs, 0), "uri")) ?: "",
			      soc_uri) &&
		      range_is(json_object_get(json_array_get(locs, 0), "range"), 0, 0, 0, 0),
	      "definition of an #include: the file: %s", dump(locs));
	json_decref(r);
	/* declaration of &uart0: its label */
	r = ask(&c, "textDocument/declaration", a_uri, where(a_text, "&uart0 {", 0, 3), NULL);
	locs = result_of(r);
	CHECK(json_array_size(locs) == 1 &&
		      loc_is(json_array_get(locs, 0), soc_uri, soc_text, "uart0:", 0, 0, 5),
	      "declaration of &uart0: the label in the .dtsi: %s", dump(locs));
	json_decref(r);
	/* nothing there: null */
	r = ask(&c, "textDocument/definition", a_uri, where(a_text, "/dts-v1/", 0, 2), NULL);
	CHECK(r && json_is_null(result_of(r)), "no definition on /dts-v1/: null");
	json_decref(r);

	open_text(&c, soc_uri, soc_text);
	/* in the .dtsi: its own node first, then what the boards including it
	 * change (board-b only on disk) */
	r = ask(&c, "textDocument/definition", soc_uri, where(soc_text, "serial@2000", 0, 2), NULL);
	locs = result_of(r);
	CHECK(json_array_size(locs) == 3 &&
		      loc_is(json_array_get(locs, 0), soc_uri, soc_text, "serial@2000", 0, 0, 11) &&
		      has_loc(locs, a_uri, a_text, "&uart0 {", 0, 0, 6) &&
		      has_loc(locs, b_uri, b_text, "&uart0 {", 0, 0, 6),
	      "definition of a .dtsi's node: the boards' changes too: %s", dump(locs));
	json_decref(r);
	r = ask(&c, "textDocument/definition", soc_uri, where(soc_text, "status", 0, 2), NULL);
	locs = result_of(r);
	CHECK(json_array_size(locs) == 3 &&
		      loc_is(json_array_get(locs, 0), soc_uri, soc_text, "status", 0, 0, 6) &&
		      has_loc(locs, a_uri, a_text, "status", 0, 0, 6) &&
		      has_loc(locs, b_uri, b_text, "status", 0, 0, 6),
	      "definition of a .dtsi's property: where the boards set it too: %s", dump(locs));
	json_decref(r);
	/* a phandle inside cells: the node it names */
	r = ask(&c, "textDocument/definition", soc_uri, where(soc_text, "<&intc>", 0, 3), NULL);
	locs = result_of(r);
	CHECK(json_array_size(locs) == 1 &&
		      loc_is(json_array_get(locs, 0), soc_uri, soc_text, "interrupt-controller@1000",
			     0, 0, 25),
	      "definition of <&intc>: the interrupt controller: %s", dump(locs));
	json_decref(r);
	/* a macro: its #define in the header */
	r = ask(&c, "textDocument/definition", soc_uri, where(soc_text, "ACME_IRQ(5)", 0, 2), NULL);
	locs = result_of(r);
	char *hdr = read_text_file(hdr_path);
	CHECK(json_array_size(locs) == 1 &&
		      loc_is(json_array_get(locs, 0), hdr_uri, hdr, "ACME_IRQ(n)", 0, 0, 8),
	      "definition of ACME_IRQ: its #define: %s", dump(locs));
	json_decref(r);
	free(hdr);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* ---- references ---- */

static void test_references(void)
{
	struct client c;
	start(&c);
	/* only the .dtsi is open: board-b is found in the workspace folder */
	open_text(&c, soc_uri, soc_text);
	json_t *r = ask(&c, "textDocument/references", soc_uri, where(soc_text, "uart0:", 0, 1),
			json_pack("{s:{s:b}}", "context", "includeDeclaration", 1));
	json_t *locs = result_of(r);
	CHECK(json_array_size(locs) == 6 &&
		      has_loc(locs, soc_uri, soc_text, "uart0:", 0, 0, 5) &&
		      has_loc(locs, a_uri, a_text, "&uart0", 0, 0, 6) &&
		      has_loc(locs, a_uri, a_text, "&uart0", 1, 0, 6) &&
		      has_loc(locs, b_uri, b_text, "&uart0", 0, 0, 6) &&
		      has_loc(locs, b_uri, b_text, "&{/soc/serial@2000}", 0, 0, 19) &&
		      has_loc(locs, b_uri, b_text, "&uart0", 1, 0, 6),
	      "references of uart0 in both boards, the path reference and the label: %s",
	      dump(locs));
	json_decref(r);
	r = ask(&c, "textDocument/references", soc_uri, where(soc_text, "uart0:", 0, 1),
		json_pack("{s:{s:b}}", "context", "includeDeclaration", 0));
	CHECK(json_array_size(result_of(r)) == 5 &&
		      !has_loc(result_of(r), soc_uri, soc_text, "uart0:", 0, 0, 5),
	      "without the declaration: five uses: %s", dump(result_of(r)));
	json_decref(r);
	/* a macro: its uses in the open trees */
	r = ask(&c, "textDocument/references", soc_uri, where(soc_text, "ACME_IRQ(5)", 0, 1),
		json_pack("{s:{s:b}}", "context", "includeDeclaration", 0));
	CHECK(json_array_size(result_of(r)) == 1 &&
		      has_loc(result_of(r), soc_uri, soc_text, "ACME_IRQ(5)", 0, 0, 8),
	      "references of ACME_IRQ: %s", dump(result_of(r)));
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* ---- an unsaved buffer ---- */

static char *replace_all(const char *text, const char *from, const char *to)
{
	size_t n = 0, fl = strlen(from), tl = strlen(to);
	for (const char *p = strstr(text, from); p; p = strstr(p + fl, from))
		n++;
	char *out = malloc(strlen(text) + n * (tl + 1) + 1), *o = out;
	for (const char *p = text;;) {
		const char *q = strstr(p, from);
		if (!q) {
			strcpy(o, p);
			break;
		}
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, to, tl);
		o += tl;
		p = q + fl;
	}
	return out;
}

static void test_unsaved(void)
{
	struct client c;
	start(&c);
	/* the .dtsi, edited and not saved: uart0 is now debug_uart, and a
	 * line above it moves the node down */
	char *soc2 = replace_all(soc_text, "uart0:", "/* moved */\n\t\tdebug_uart:");
	char *a2 = replace_all(a_text, "&uart0", "&debug_uart");
	open_text(&c, soc_uri, soc2);
	open_text(&c, a_uri, a2);
	json_t *r = ask(&c, "textDocument/definition", a_uri, where(a2, "&debug_uart {", 0, 3), NULL);
	json_t *locs = result_of(r);
	CHECK(json_array_size(locs) == 2 &&
		      loc_is(json_array_get(locs, 0), soc_uri, soc2, "serial@2000", 0, 0, 11),
	      "definition follows the unsaved .dtsi buffer: %s", dump(locs));
	json_decref(r);
	r = ask(&c, "textDocument/references", soc_uri, where(soc2, "debug_uart:", 0, 1),
		json_pack("{s:{s:b}}", "context", "includeDeclaration", 0));
	locs = result_of(r);
	/* board-b on disk still says &uart0: not a use of debug_uart */
	CHECK(json_array_size(locs) == 3 && has_loc(locs, a_uri, a2, "&debug_uart", 0, 0, 11) &&
		      has_loc(locs, a_uri, a2, "&debug_uart", 1, 0, 11) &&
		      has_loc(locs, b_uri, b_text, "&{/soc/serial@2000}", 0, 0, 19),
	      "references of the unsaved label: board A's buffer, board B's path: %s", dump(locs));
	json_decref(r);
	/* the buffer goes back to what is on disk */
	notify(&c, "textDocument/didChange",
	       json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", soc_uri, "version", 2,
			 "contentChanges", "text", soc_text));
	r = ask(&c, "textDocument/hover", a_uri, where(a2, "&debug_uart {", 0, 3), NULL);
	const char *v = json_string_value(
		json_object_get(json_object_get(result_of(r), "contents"), "value"));
	CHECK(v && strstr(v, "not defined"), "after the edit, debug_uart is gone: %s", v ? v : "null");
	json_decref(r);
	free(soc2);
	free(a2);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* ---- rename ---- */

static void test_rename(void)
{
	struct client c;
	start(&c);
	open_text(&c, a_uri, a_text);
	json_t *r = ask(&c, "textDocument/prepareRename", a_uri, where(a_text, "&uart0 {", 0, 4),
			NULL);
	CHECK(range_is(json_object_get(result_of(r), "range"), where(a_text, "&uart0 {", 0, 1).line,
		       1, where(a_text, "&uart0 {", 0, 1).line, 6) &&
		      !strcmp(json_string_value(json_object_get(result_of(r), "placeholder")) ?: "",
			      "uart0"),
	      "prepareRename: the label's name, without '&': %s", dump(result_of(r)));
	json_decref(r);

	r = ask(&c, "textDocument/rename", a_uri, where(a_text, "&uart0 {", 0, 4),
		json_pack("{s:s}", "newName", "console_uart"));
	json_t *changes = json_object_get(result_of(r), "changes");
	CHECK(json_object_size(changes) == 3, "one WorkspaceEdit over three files: %s",
	      dump(result_of(r)));
	char *soc2 = apply_text_edits(soc_text, json_object_get(changes, soc_uri));
	char *a2 = apply_text_edits(a_text, json_object_get(changes, a_uri));
	char *b2 = apply_text_edits(b_text, json_object_get(changes, b_uri));
	char *soc_want = replace_all(soc_text, "uart0", "console_uart");
	char *a_want = replace_all(a_text, "uart0", "console_uart");
	char *b_want = replace_all(b_text, "&uart0", "&console_uart");
	CHECK(!strcmp(soc2, soc_want), "the label renamed in the .dtsi:\n%s", soc2);
	CHECK(!strcmp(a2, a_want), "both references renamed in board A:\n%s", a2);
	CHECK(!strcmp(b2, b_want), "board B (not open) renamed, its path reference kept:\n%s", b2);
	free(soc2), free(a2), free(b2), free(soc_want), free(a_want), free(b_want);
	json_decref(r);

	/* refused: not a label, taken, not a name */
	r = ask(&c, "textDocument/rename", a_uri, where(a_text, "&uart0 {", 0, 4),
		json_pack("{s:s}", "newName", "intc"));
	CHECK(error_code(r) == -32803 && strstr(error_msg(r), "already exists"),
	      "rename to an existing label: refused (%d %s)", error_code(r), error_msg(r));
	json_decref(r);
	static const char *const bad[] = {"9lives", "has-dash", "", "a b"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = ask(&c, "textDocument/rename", a_uri, where(a_text, "&uart0 {", 0, 4),
			json_pack("{s:s}", "newName", bad[i]));
		CHECK(error_code(r) == -32803 && strstr(error_msg(r), "not a valid label"),
		      "rename to '%s': refused as invalid (%d %s)", bad[i], error_code(r),
		      error_msg(r));
		json_decref(r);
	}
	r = ask(&c, "textDocument/prepareRename", a_uri, where(a_text, "current-speed", 0, 2), NULL);
	CHECK(error_code(r) == -32803 && strstr(error_msg(r), "only labels"),
	      "prepareRename on a property: refused with a message (%d %s)", error_code(r),
	      error_msg(r));
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* ---- bad requests ---- */

static void test_errors(void)
{
	struct client c;
	start(&c);
	open_text(&c, a_uri, a_text);
	static const char *const methods[] = {
		"textDocument/definition", "textDocument/declaration", "textDocument/references",
		"textDocument/prepareRename", "textDocument/rename", "textDocument/completion",
		"textDocument/hover",
	};
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		json_t *r = ask(&c, methods[i], "file:///no/such/board.dts", (struct at){0, 0},
				json_pack("{s:s}", "newName", "x"));
		CHECK(error_code(r) == -32602, "%s on an unknown URI: -32602 (%d)", methods[i],
		      error_code(r));
		json_decref(r);
		r = ask(&c, methods[i], a_uri, (struct at){100000, 3}, json_pack("{s:s}", "newName", "x"));
		CHECK(error_code(r) == -32602 && strstr(error_msg(r), "past the end"),
		      "%s past the end of the document: -32602 (%d %s)", methods[i], error_code(r),
		      error_msg(r));
		json_decref(r);
		int id = next_id++;
		request(&c, id, methods[i], json_pack("{s:{s:s}}", "textDocument", "uri", a_uri));
		r = recv_response(&c, id);
		CHECK(error_code(r) == -32602, "%s without a position: -32602", methods[i]);
		json_decref(r);
	}
	json_t *r = ask(&c, "textDocument/rename", a_uri, where(a_text, "&uart0 {", 0, 4), NULL);
	CHECK(error_code(r) == -32602, "rename without newName: -32602");
	json_decref(r);
	/* a character past the end of its line is clamped, as the protocol says */
	r = ask(&c, "textDocument/definition", a_uri, (struct at){where(a_text, "&uart0 {", 0, 0).line, 500},
		NULL);
	CHECK(r && !json_object_get(r, "error"), "a column past the line's end is not an error");
	json_decref(r);
	r = ask_doc(&c, "textDocument/documentLink", "file:///nowhere.dts");
	CHECK(error_code(r) == -32602, "documentLink on an unknown URI: -32602");
	json_decref(r);
	CHECK(finish(&c) == 0, "the server is still serving, and exits cleanly");
	client_free(&c);
}

/* ---- completion ---- */

/* The labels of a completion's items, joined by spaces. */
static char *labels_of(json_t *r)
{
	static char buf[8192];
	buf[0] = '\0';
	json_t *items = json_object_get(result_of(r), "items");
	for (size_t i = 0; i < json_array_size(items); i++) {
		const char *l = json_string_value(json_object_get(json_array_get(items, i), "label"));
		if (strlen(buf) + strlen(l ?: "") + 2 < sizeof(buf)) {
			strcat(buf, " ");
			strcat(buf, l ?: "");
		}
	}
	strcat(buf, " ");
	return buf;
}

static json_t *item_named(json_t *r, const char *label)
{
	json_t *items = json_object_get(result_of(r), "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(items, i), "label")) ?: "",
			    label))
			return json_array_get(items, i);
	return NULL;
}

static size_t index_of(json_t *r, const char *label)
{
	json_t *items = json_object_get(result_of(r), "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(items, i), "label")) ?: "",
			    label))
			return i;
	return SIZE_MAX;
}

static void test_completion(void)
{
	struct client c;
	start(&c);
	/* the buffer being typed: a new reference, a new property line, a
	 * property value, a compatible, a value in cells, an #include */
	char *text = replace_all(a_text, "\tcurrent-speed = <115200>;\n",
				 "\tcurrent-speed = <115200>;\n\tacme,\n\tacme,mode = \"\";\n"
				 "\tacme,fifo-depth = <>;\n\tinterrupts = <ACME_>;\n\tx = <&>;\n");
	char *t2 = replace_all(text, "/ {\n\tmodel", "#include <dt-bindings/\n/ {\n\tmodel");
	char *t3 = replace_all(t2, "\tchosen {", "\tnew-uart {\n\t\tcompatible = \"acme,\";\n\t};\n\tchosen {");
	open_text(&c, a_uri, t3);
	/* after & */
	json_t *r = ask(&c, "textDocument/completion", a_uri, where(t3, "<&>", 0, 2), NULL);
	json_t *u = item_named(r, "uart0");
	CHECK(u && item_named(r, "intc") &&
		      !strcmp(json_string_value(json_object_get(u, "detail")) ?: "", "/soc/serial@2000"),
	      "after '&': the tree's labels, with their paths:%s", labels_of(r));
	json_decref(r);
	/* a property name in &uart0's body: its binding's, then the standard ones */
	r = ask(&c, "textDocument/completion", a_uri, where(t3, "\tacme,\n", 0, 6), NULL);
	json_t *fifo = item_named(r, "acme,fifo-depth");
	const char *doc = json_string_value(json_object_get(json_object_get(fifo, "documentation"),
							    "value"));
	CHECK(fifo && !strcmp(json_string_value(json_object_get(fifo, "detail")) ?: "", "uint32") &&
		      doc && strstr(doc, "Depth of the receive FIFO") &&
		      strstr(doc, "serial/acme,uart.yaml"),
	      "acme,fifo-depth with its type and description:%s", labels_of(r));
	CHECK(item_named(r, "acme,mode") && item_named(r, "acme,loopback") &&
		      !item_named(r, "status"),
	      "own and $ref'd properties, filtered by what is typed:%s", labels_of(r));
	json_decref(r);
	r = ask(&c, "textDocument/completion", a_uri, where(t3, "\tacme,\n", 0, 1), NULL);
	CHECK(index_of(r, "acme,fifo-depth") < index_of(r, "status") &&
		      index_of(r, "status") != SIZE_MAX && index_of(r, "clocks") != SIZE_MAX &&
		      !item_named(r, "dmas"),
	      "binding properties first, then the standard ones; 'dmas: false' left out:%s",
	      labels_of(r));
	json_decref(r);
	/* values the binding allows */
	r = ask(&c, "textDocument/completion", a_uri, where(t3, "acme,mode = \"\"", 0, 13), NULL);
	CHECK(item_named(r, "rs232") && item_named(r, "rs485") && item_named(r, "irda"),
	      "acme,mode's enum in a string:%s", labels_of(r));
	json_decref(r);
	r = ask(&c, "textDocument/completion", a_uri, where(t3, "depth = <>", 0, 9), NULL);
	CHECK(item_named(r, "16") && item_named(r, "64") && item_named(r, "256"),
	      "acme,fifo-depth's enum in cells:%s", labels_of(r));
	json_decref(r);
	/* macros of the included header */
	r = ask(&c, "textDocument/completion", a_uri, where(t3, "<ACME_>", 0, 6), NULL);
	json_t *m = item_named(r, "ACME_IRQ");
	CHECK(m && item_named(r, "ACME_SPI") && item_named(r, "ACME_IRQ_LEVEL_HIGH") &&
		      strstr(json_string_value(json_object_get(m, "detail")) ?: "", "ACME_IRQ(n)"),
	      "macros of the included header:%s", labels_of(r));
	json_decref(r);
	/* documented compatibles */
	r = ask(&c, "textDocument/completion", a_uri, where(t3, "\"acme,\"", 0, 6), NULL);
	CHECK(item_named(r, "acme,uart") && item_named(r, "acme,uart-v2") && item_named(r, "acme,intc"),
	      "documented compatible strings:%s", labels_of(r));
	json_decref(r);
	/* header paths on the include path */
	r = ask(&c, "textDocument/completion", a_uri, where(t3, "<dt-bindings/", 0, 13), NULL);
	CHECK(item_named(r, "acme/"), "#include <dt-bindings/: its directories:%s", labels_of(r));
	json_decref(r);
	free(text), free(t2);
	char *t4 = replace_all(t3, "<dt-bindings/\n", "<dt-bindings/acme/\n");
	notify(&c, "textDocument/didChange",
	       json_pack("{s:{s:s, s:i}, s:[{s:s}]}", "textDocument", "uri", a_uri, "version", 2,
			 "contentChanges", "text", t4));
	r = ask(&c, "textDocument/completion", a_uri, where(t4, "<dt-bindings/acme/", 0, 18), NULL);
	CHECK(item_named(r, "irq.h"), "#include <dt-bindings/acme/: its headers:%s", labels_of(r));
	json_decref(r);
	/* a comment: nothing */
	r = ask(&c, "textDocument/completion", a_uri, where(soc_text, "", 0, 0), NULL);
	CHECK(r && !json_object_get(r, "error"), "completion at the start of the file");
	json_decref(r);
	free(t3), free(t4);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* ---- hover ---- */

static char *hover_at(struct client *c, const char *uri, struct at pos)
{
	json_t *r = ask(c, "textDocument/hover", uri, pos, NULL);
	const char *v = json_string_value(
		json_object_get(json_object_get(result_of(r), "contents"), "value"));
	char *s = strdup(v ? v : "");
	json_decref(r);
	return s;
}

static void test_hover(void)
{
	struct client c;
	start(&c);
	open_text(&c, soc_uri, soc_text);
	char *v = hover_at(&c, soc_uri, where(soc_text, "ACME_IRQ(5)", 0, 3));
	CHECK(strstr(v, "#define ACME_IRQ(n) ACME_SPI (n) ACME_IRQ_LEVEL_HIGH") &&
		      strstr(v, "expands to `0 (5) 4`"),
	      "hover on a macro: its definition and expansion:\n%s", v);
	free(v);
	v = hover_at(&c, soc_uri, where(soc_text, "compatible = \"acme,uart\"", 0, 2));
	CHECK(strstr(v, "**compatible** (string-array)"),
	      "hover on a property: its type:\n%s", v);
	free(v);
	open_text(&c, a_uri, a_text);
	v = hover_at(&c, a_uri, where(a_text, "current-speed", 0, 2));
	CHECK(strstr(v, "**current-speed** (uint32)") &&
		      strstr(v, "The baud rate the port starts at.") &&
		      strstr(v, "acme-serial-common.yaml") && strstr(v, "/soc/serial@2000"),
	      "hover on a property the binding takes by $ref:\n%s", v);
	free(v);
	v = hover_at(&c, a_uri, where(a_text, "&uart0 {", 0, 2));
	CHECK(strstr(v, "/soc/serial@2000") && strstr(v, "defined at soc.dtsi:23") &&
		      strstr(v, "changed at board-a.dts:13"),
	      "hover on &uart0:\n%s", v);
	free(v);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

/* ---- links, folding, semantic tokens, workspace symbols ---- */

static void test_document(void)
{
	struct client c;
	start(&c);
	open_text(&c, soc_uri, soc_text);
	json_t *r = ask_doc(&c, "textDocument/documentLink", soc_uri);
	json_t *l = json_array_get(result_of(r), 0);
	struct at h = where(soc_text, "dt-bindings/acme/irq.h", 0, 0);
	CHECK(json_array_size(result_of(r)) == 1 &&
		      !strcmp(json_string_value(json_object_get(l, "target")) ?: "", hdr_uri) &&
		      range_is(json_object_get(l, "range"), h.line, h.col, h.line, h.col + 22),
	      "document link of the #include, to the header: %s", dump(result_of(r)));
	json_decref(r);

	r = ask_doc(&c, "textDocument/foldingRange", soc_uri);
	json_t *f = result_of(r);
	int root_fold = 0, uart_fold = 0, comment_fold = 0;
	int root_line = where(soc_text, "/ {", 0, 0).line, uart_line = where(soc_text, "uart0:", 0, 0).line;
	for (size_t i = 0; i < json_array_size(f); i++) {
		json_t *x = json_array_get(f, i);
		int a = (int)json_integer_value(json_object_get(x, "startLine"));
		int b = (int)json_integer_value(json_object_get(x, "endLine"));
		const char *kind = json_string_value(json_object_get(x, "kind"));
		/* to the line before the root's closing "};" ("\n};" starts there) */
		root_fold |= a == root_line && b == where(soc_text, "\n};", 0, 0).line;
		uart_fold |= a == uart_line && b == uart_line + 5;
		comment_fold |= a == 1 && b == 3 && kind && !strcmp(kind, "comment");
	}
	CHECK(root_fold && uart_fold && comment_fold,
	      "folding: the root node, the UART node, the comment block: %s", dump(f));
	json_decref(r);

	/* semantic tokens of a small document, decoded */
	const char *small = "/dts-v1/;\n#define N 2\n/ {\n\tl: node@1 {\n\t\tp = <&l N 0x5>, \"s\";\n\t};\n};\n";
	const char *small_uri = "file:///tmp/dtidy-lsp-small.dts";
	open_text(&c, small_uri, small);
	r = ask_doc(&c, "textDocument/semanticTokens/full", small_uri);
	json_t *data = json_object_get(result_of(r), "data");
	char got[1024] = "";
	unsigned line = 0, col = 0;
	static const char *const types[] = {"class", "enumMember", "variable", "property", "macro",
					    "string", "number", "keyword", "comment"};
	for (size_t i = 0; i + 4 < json_array_size(data) + 1 && i + 4 <= json_array_size(data); i += 5) {
		unsigned dl = (unsigned)json_integer_value(json_array_get(data, i));
		unsigned dc = (unsigned)json_integer_value(json_array_get(data, i + 1));
		unsigned len = (unsigned)json_integer_value(json_array_get(data, i + 2));
		unsigned type = (unsigned)json_integer_value(json_array_get(data, i + 3));
		unsigned mods = (unsigned)json_integer_value(json_array_get(data, i + 4));
		col = dl ? dc : col + dc;
		line += dl;
		char one[96];
		snprintf(one, sizeof(one), "%u:%u+%u=%s%s ", line, col, len, type < 9 ? types[type] : "?",
			 mods & 1 ? "*" : "");
		strncat(got, one, sizeof(got) - strlen(got) - 1);
	}
	CHECK(!strcmp(got, "0:0+8=keyword 1:0+7=keyword 1:8+1=macro* 3:1+1=variable* 3:4+4=class "
			   "3:9+1=enumMember 4:2+1=property 4:7+2=variable 4:10+1=macro 4:12+3=number "
			   "4:18+3=string "),
	      "semantic tokens: %s", got);
	json_decref(r);
	int id = next_id++;
	request(&c, id, "textDocument/semanticTokens/range",
		json_pack("{s:{s:s}, s:{s:{s:i, s:i}, s:{s:i, s:i}}}", "textDocument", "uri", small_uri,
			  "range", "start", "line", 3, "character", 0, "end", "line", 4, "character", 0));
	r = recv_response(&c, id);
	CHECK(json_array_size(json_object_get(result_of(r), "data")) == 15,
	      "semantic tokens of a range: its three tokens: %s", dump(result_of(r)));
	json_decref(r);

	/* workspace symbols: nodes of files that are not open */
	id = next_id++;
	request(&c, id, "workspace/symbol", json_pack("{s:s}", "query", "uart"));
	r = recv_response(&c, id);
	json_t *syms = result_of(r);
	int in_b = 0, serial = 0;
	for (size_t i = 0; i < json_array_size(syms); i++) {
		json_t *s = json_array_get(syms, i);
		const char *uri = json_string_value(json_object_get(json_object_get(s, "location"), "uri"));
		const char *name = json_string_value(json_object_get(s, "name"));
		in_b |= uri && !strcmp(uri, b_uri) && name && !strcmp(name, "&uart0");
		serial |= uri && !strcmp(uri, soc_uri) && name && !strcmp(name, "uart0: serial@2000") &&
			  !strcmp(json_string_value(json_object_get(s, "containerName")) ?: "", "/soc");
	}
	CHECK(in_b && serial, "workspace symbols for 'uart': %s", dump(syms));
	json_decref(r);
	id = next_id++;
	request(&c, id, "workspace/symbol", json_pack("{s:s}", "query", "/soc/serial"));
	r = recv_response(&c, id);
	/* the node, and the two boards' &uart0 blocks (the label is known) */
	CHECK(json_array_size(result_of(r)) == 3, "workspace symbols by path: %s",
	      dump(result_of(r)));
	json_decref(r);
	CHECK(finish(&c) == 0, "clean exit");
	client_free(&c);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: navigation_test DTIDY ROOT [section...]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	dtidy = argv[1];
	root = argv[2];
	snprintf(soc_path, sizeof(soc_path), "%s/src/acme/soc.dtsi", root);
	snprintf(a_path, sizeof(a_path), "%s/src/acme/board-a.dts", root);
	snprintf(b_path, sizeof(b_path), "%s/src/acme/board-b.dts", root);
	snprintf(hdr_path, sizeof(hdr_path), "%s/include/dt-bindings/acme/irq.h", root);
	snprintf(soc_uri, sizeof(soc_uri), "file://%s", soc_path);
	snprintf(a_uri, sizeof(a_uri), "file://%s", a_path);
	snprintf(b_uri, sizeof(b_uri), "file://%s", b_path);
	snprintf(hdr_uri, sizeof(hdr_uri), "file://%s", hdr_path);
	snprintf(root_uri, sizeof(root_uri), "file://%s", root);
	soc_text = read_text_file(soc_path);
	a_text = read_text_file(a_path);
	b_text = read_text_file(b_path);
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
		{"capabilities", test_capabilities}, {"definition", test_definition},
		{"references", test_references},     {"unsaved", test_unsaved},
		{"rename", test_rename},	     {"errors", test_errors},
		{"completion", test_completion},     {"hover", test_hover},
		{"document", test_document},
	};
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int run = argc == 3;
		for (int a = 3; a < argc; a++)
			run |= !strcmp(argv[a], tests[i].name);
		if (!run)
			continue;
		int before = failures;
		tests[i].fn();
		printf("%s %s\n", failures == before ? "ok  " : "FAIL", tests[i].name);
	}
	free(soc_text);
	free(a_text);
	free(b_text);
	return failures ? 1 : 0;
}
