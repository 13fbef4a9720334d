/* The server loop: read framed messages, handle them in order, and when the
 * input goes quiet publish the diagnostics whose debounce delay is over.
 * One thread; poll() on stdin with the next deadline as timeout. */
#include "server.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "analysis.h"
#include "schema_source.h"
#include "workspace.h"

#ifndef DTIDY_VERSION
#define DTIDY_VERSION "0.1.0"
#endif

void lsp_fail(struct lsp_error *e, int code, const char *fmt, ...)
{
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

long long lsp_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void lsp_send(struct lsp_server *s, json_t *msg)
{
	if (!msg)
		return;
	if (!s->gone) {
		char *text = json_dumps(msg, JSON_COMPACT);
		if (!text || lsp_write_frame(s->out_fd, text, strlen(text)) < 0)
			s->gone = 1;
		free(text);
	}
	json_decref(msg);
}

void lsp_notify(struct lsp_server *s, const char *method, json_t *params)
{
	lsp_send(s, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params",
			      params));
}

static void reply(struct lsp_server *s, json_t *id, json_t *result)
{
	lsp_send(s, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id, "result",
			      result ? result : json_null()));
}

/* A result already serialized: {"jsonrpc":"2.0","id":ID,"result":RAW} */
static void reply_raw(struct lsp_server *s, json_t *id, const char *raw)
{
	if (s->gone)
		return;
	char *ids = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
	struct strbuf b = {0};
	sb_printf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":", ids ? ids : "null");
	if (lsp_write_frame3(s->out_fd, b.s, b.len, raw, strlen(raw), "}", 1) < 0)
		s->gone = 1;
	sb_free(&b);
	free(ids);
}

static void reply_error(struct lsp_server *s, json_t *id, int code, const char *msg)
{
	lsp_send(s, json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id",
			      id ? id : json_null(), "error", "code", code, "message", msg));
}

/* ---- the input queue ---- */

static void enqueue(struct lsp_server *s, json_t *msg)
{
	if (s->qhead == s->qlen) {
		s->qhead = s->qlen = 0;
	} else if (s->qhead > 0 && s->qlen == s->qcap) {
		memmove(s->queue, s->queue + s->qhead, (s->qlen - s->qhead) * sizeof(*s->queue));
		s->qlen -= s->qhead;
		s->qhead = 0;
	}
	VEC_PUSH(s->queue, s->qlen, s->qcap, msg);
}

/* Moves every complete buffered message into the queue; answers the ones
 * that are not JSON at all. */
static void take_buffered(struct lsp_server *s)
{
	for (;;) {
		const char *body;
		size_t n;
		enum lsp_frame f = lsp_reader_next(&s->in, &body, &n);
		if (f == LSP_FRAME_NONE)
			return;
		if (f == LSP_FRAME_BAD) {
			char m[160];
			snprintf(m, sizeof(m),
				 "bad message header: need \"Content-Length: N\" (N at most %zu MiB)"
				 " and a blank line", LSP_MAX_MESSAGE >> 20);
			reply_error(s, NULL, RPC_PARSE_ERROR, m);
			continue;
		}
		json_error_t err;
		json_t *msg = json_loadb(body, n, 0, &err);
		if (!msg) {
			char m[300];
			snprintf(m, sizeof(m), "parse error at byte %d: %s", err.position, err.text);
			reply_error(s, NULL, RPC_PARSE_ERROR, m);
			continue;
		}
		enqueue(s, msg);
	}
}

void lsp_pump(struct lsp_server *s)
{
	take_buffered(s);
	while (lsp_reader_fill(&s->in, 0) > 0)
		take_buffered(s);
}

int lsp_cancelled(struct lsp_server *s, json_t *id)
{
	lsp_pump(s);
	for (size_t i = s->qhead; i < s->qlen; i++) {
		json_t *m = s->queue[i];
		const char *method = json_string_value(json_object_get(m, "method"));
		if (!method || strcmp(method, "$/cancelRequest") != 0)
			continue;
		json_t *cid = json_object_get(json_object_get(m, "params"), "id");
		if (cid && json_equal(cid, id)) {
			json_decref(m);
			memmove(s->queue + i, s->queue + i + 1, (s->qlen - i - 1) * sizeof(*s->queue));
			s->qlen--;
			return 1;
		}
	}
	return 0;
}

/* ---- parameters ---- */

struct lsp_doc *lsp_param_doc(struct lsp_server *s, json_t *params, struct lsp_error *e)
{
	const char *uri = json_string_value(
		json_object_get(json_object_get(params, "textDocument"), "uri"));
	if (!uri) {
		lsp_fail(e, RPC_INVALID_PARAMS, "missing textDocument.uri");
		return NULL;
	}
	struct lsp_doc *d = lsp_doc_find(&s->docs, uri);
	if (!d)
		lsp_fail(e, RPC_INVALID_PARAMS, "document not open: %s (send didOpen first)", uri);
	return d;
}

int lsp_param_pos(json_t *obj, const char *key, struct lsp_pos *p)
{
	json_t *pos = json_object_get(obj, key);
	json_t *l = json_object_get(pos, "line"), *c = json_object_get(pos, "character");
	if (!json_is_integer(l) || !json_is_integer(c) || json_integer_value(l) < 0 ||
	    json_integer_value(c) < 0 || json_integer_value(l) > 0x7fffffff ||
	    json_integer_value(c) > 0x7fffffff)
		return -1;
	p->line = (unsigned)json_integer_value(l);
	p->character = (unsigned)json_integer_value(c);
	return 0;
}

json_t *lsp_pos_json(struct lsp_pos p)
{
	return json_pack("{s:I, s:I}", "line", (json_int_t)p.line, "character",
			 (json_int_t)p.character);
}

json_t *lsp_range_json(const struct lsp_doc *d, size_t start, size_t end,
		       enum lsp_encoding enc)
{
	return json_pack("{s:o, s:o}", "start", lsp_pos_json(lsp_doc_pos(d, start, enc)), "end",
			 lsp_pos_json(lsp_doc_pos(d, end, enc)));
}

static void put_pos(struct strbuf *b, struct lsp_pos p)
{
	sb_puts(b, "{\"line\":");
	sb_put_uint(b, p.line);
	sb_puts(b, ",\"character\":");
	sb_put_uint(b, p.character);
	sb_putc(b, '}');
}

void lsp_put_range(struct strbuf *b, struct lsp_pos start, struct lsp_pos end)
{
	sb_puts(b, "{\"start\":");
	put_pos(b, start);
	sb_puts(b, ",\"end\":");
	put_pos(b, end);
	sb_putc(b, '}');
}

/* ---- lifecycle ---- */

static int offers(json_t *arr, const char *what)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *v = json_string_value(json_array_get(arr, i));
		if (v && !strcmp(v, what))
			return 1;
	}
	return 0;
}

static json_t *on_initialize(struct lsp_server *s, json_t *params, json_t *id,
			     struct lsp_error *e)
{
	(void)id;
	(void)e;
	json_t *general = json_object_get(json_object_get(params, "capabilities"), "general");
	s->enc = offers(json_object_get(general, "positionEncodings"), "utf-8") ? LSP_ENC_UTF8
										 : LSP_ENC_UTF16;
	json_t *debounce = json_object_get(json_object_get(params, "initializationOptions"),
					   "debounceMs");
	if (json_is_integer(debounce) && json_integer_value(debounce) >= 0 &&
	    json_integer_value(debounce) <= 60000)
		s->debounce_ms = (int)json_integer_value(debounce);
	s->initialized = 1;
	s->ws = lsp_ws_new(params, s->enc);
	/* exactly what the handlers below answer */
	json_t *caps = json_pack(
		"{s:s, s:{s:b, s:i, s:{s:b}}, s:b, s:b, s:b, s:b, s:{s:[s]}, s:b, s:b, s:b,"
		" s:{s:b}, s:{s:[s,s,s,s,s,s], s:b}, s:{s:b}, s:b, s:b, s:{s:o, s:b, s:b}}",
		"positionEncoding", s->enc == LSP_ENC_UTF8 ? "utf-8" : "utf-16",
		"textDocumentSync", "openClose", 1, "change", 2, "save", "includeText", 0,
		"documentFormattingProvider", 1, "documentRangeFormattingProvider", 1,
		"documentSymbolProvider", 1, "hoverProvider", 1, "codeActionProvider",
		"codeActionKinds", "quickfix", "definitionProvider", 1, "declarationProvider", 1,
		"referencesProvider", 1, "renameProvider", "prepareProvider", 1,
		"completionProvider", "triggerCharacters", "&", "<", "\"", "/", ",", "=",
		"resolveProvider", 0, "documentLinkProvider", "resolveProvider", 0,
		"foldingRangeProvider", 1, "workspaceSymbolProvider", 1,
		"semanticTokensProvider", "legend", lsp_semantic_legend(), "full", 1, "range", 1);
	return json_pack("{s:o, s:{s:s, s:s}}", "capabilities", caps, "serverInfo", "name",
			 "dtidy", "version", DTIDY_VERSION);
}

static json_t *on_shutdown(struct lsp_server *s, json_t *params, json_t *id,
			   struct lsp_error *e)
{
	(void)params;
	(void)id;
	(void)e;
	s->shutdown_requested = 1;
	return json_null();
}

/* ---- text synchronisation ---- */

/* Other open documents that read d (a board including an edited .dtsi) are
 * checked again too. */
static void schedule_dependents(struct lsp_server *s, const struct lsp_doc *d, int delay_ms)
{
	for (struct lsp_doc *o = s->docs.head; o; o = o->next)
		if (o != d && lsp_doc_depends_on(o, d->real)) {
			o->diags_current = 0;
			lsp_schedule(s, o, delay_ms);
		}
}

static void on_initialized(struct lsp_server *s, json_t *params)
{
	(void)params;
	if (s->engine_error)
		lsp_notify(s, "window/showMessage",
			   json_pack("{s:i, s:s}", "type", 1, "message", s->engine_error));
}

static void on_did_open(struct lsp_server *s, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	json_t *text = json_object_get(td, "text");
	if (!uri || !json_is_string(text))
		return;
	struct lsp_doc *d = lsp_doc_open(&s->docs, uri, json_string_value(text),
					 json_string_length(text),
					 json_integer_value(json_object_get(td, "version")));
	lsp_schedule(s, d, 0);
	schedule_dependents(s, d, 0);
	lsp_schemas_note(s, d->path);
}

static void apply_change(struct lsp_server *s, struct lsp_doc *d, json_t *ch)
{
	json_t *text = json_object_get(ch, "text");
	if (!json_is_string(text))
		return;
	json_t *range = json_object_get(ch, "range");
	if (!range) {
		lsp_doc_set_text(d, json_string_value(text), json_string_length(text));
		return;
	}
	struct lsp_pos a, b;
	if (lsp_param_pos(range, "start", &a) || lsp_param_pos(range, "end", &b))
		return;
	size_t start = lsp_doc_offset(d, a, s->enc), end = lsp_doc_offset(d, b, s->enc);
	if (end < start) {
		size_t t = start;
		start = end;
		end = t;
	}
	lsp_doc_replace(d, start, end, json_string_value(text), json_string_length(text));
}

static void on_did_change(struct lsp_server *s, json_t *params)
{
	struct lsp_error e;
	struct lsp_doc *d = lsp_param_doc(s, params, &e);
	if (!d)
		return;
	json_t *changes = json_object_get(params, "contentChanges");
	for (size_t i = 0; i < json_array_size(changes); i++)
		apply_change(s, d, json_array_get(changes, i));
	json_t *v = json_object_get(json_object_get(params, "textDocument"), "version");
	if (json_is_integer(v))
		d->version = json_integer_value(v);
	d->diags_current = 0;
	lsp_schedule(s, d, s->debounce_ms);
	schedule_dependents(s, d, s->debounce_ms);
}

static void on_did_save(struct lsp_server *s, json_t *params)
{
	struct lsp_error e;
	struct lsp_doc *d = lsp_param_doc(s, params, &e);
	json_t *text = json_object_get(params, "text");
	if (d && json_is_string(text)) {
		lsp_doc_set_text(d, json_string_value(text), json_string_length(text));
		d->diags_current = 0;
	}
	if (d) {
		lsp_schedule(s, d, 0);
		schedule_dependents(s, d, 0);
		lsp_ws_touch(s->ws, d->real);
	}
}

static void on_did_close(struct lsp_server *s, json_t *params)
{
	struct lsp_error e;
	struct lsp_doc *d = lsp_param_doc(s, params, &e);
	if (!d)
		return;
	lsp_notify(s, "textDocument/publishDiagnostics",
		   json_pack("{s:s, s:[]}", "uri", d->uri, "diagnostics"));
	/* its dependents now read the file on disk again */
	schedule_dependents(s, d, 0);
	lsp_doc_close(&s->docs, d);
}

static void on_exit_notification(struct lsp_server *s, json_t *params)
{
	(void)params;
	s->exiting = 1;
}

/* ---- dispatch ---- */

typedef json_t *request_fn(struct lsp_server *, json_t *, json_t *, struct lsp_error *);
typedef void notification_fn(struct lsp_server *, json_t *);

static const struct {
	const char *method;
	request_fn *fn;
} requests[] = {
	{"initialize", on_initialize},
	{"shutdown", on_shutdown},
	{"textDocument/codeAction", lsp_code_action},
	{"textDocument/formatting", lsp_formatting},
	{"textDocument/rangeFormatting", lsp_range_formatting},
	{"textDocument/documentSymbol", lsp_document_symbol},
	{"textDocument/hover", lsp_hover},
	{"textDocument/definition", lsp_definition},
	{"textDocument/declaration", lsp_declaration},
	{"textDocument/references", lsp_references},
	{"textDocument/prepareRename", lsp_prepare_rename},
	{"textDocument/rename", lsp_rename},
	{"textDocument/completion", lsp_completion},
	{"textDocument/documentLink", lsp_document_link},
	{"textDocument/foldingRange", lsp_folding_range},
	{"textDocument/semanticTokens/full", lsp_semantic_tokens},
	{"textDocument/semanticTokens/range", lsp_semantic_tokens_range},
	{"workspace/symbol", lsp_workspace_symbol},
};

static const struct {
	const char *method;
	notification_fn *fn;
} notifications[] = {
	{"exit", on_exit_notification},
	{"initialized", on_initialized},
	{"textDocument/didOpen", on_did_open},
	{"textDocument/didChange", on_did_change},
	{"textDocument/didSave", on_did_save},
	{"textDocument/didClose", on_did_close},
};

static void handle_request(struct lsp_server *s, const char *method, json_t *id,
			   json_t *params)
{
	if (!s->initialized && strcmp(method, "initialize") != 0) {
		reply_error(s, id, LSP_SERVER_NOT_INITIALIZED, "send initialize first");
		return;
	}
	if (s->initialized && !strcmp(method, "initialize")) {
		reply_error(s, id, RPC_INVALID_REQUEST, "already initialized");
		return;
	}
	if (s->shutdown_requested) {
		reply_error(s, id, RPC_INVALID_REQUEST, "server is shutting down");
		return;
	}
	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		if (strcmp(method, requests[i].method) != 0)
			continue;
		struct lsp_error e = {0};
		json_t *result = requests[i].fn(s, params, id, &e);
		if (e.code) {
			json_decref(result);
			reply_error(s, id, e.code, e.msg);
		} else if (s->raw_result) {
			json_decref(result);
			reply_raw(s, id, s->raw_result);
		} else {
			reply(s, id, result);
		}
		free(s->raw_result);
		s->raw_result = NULL;
		return;
	}
	char m[300];
	snprintf(m, sizeof(m), "method not supported: %.200s", method);
	reply_error(s, id, RPC_METHOD_NOT_FOUND, m);
}

static void handle(struct lsp_server *s, json_t *msg)
{
	json_t *id = json_object_get(msg, "id");
	json_t *jm = json_object_get(msg, "method");
	if (!json_is_object(msg) || (jm && !json_is_string(jm)) ||
	    (id && !json_is_string(id) && !json_is_integer(id) && !json_is_null(id))) {
		reply_error(s, json_is_string(id) || json_is_integer(id) ? id : NULL,
			    RPC_INVALID_REQUEST, "not a JSON-RPC request or notification");
		return;
	}
	if (!jm) {
		/* a response to a request of ours: we send none */
		if (!id)
			reply_error(s, NULL, RPC_INVALID_REQUEST, "message without a method");
		return;
	}
	const char *method = json_string_value(jm);
	json_t *params = json_object_get(msg, "params");
	if (id) {
		handle_request(s, method, id, params);
		return;
	}
	if (!s->initialized && strcmp(method, "exit") != 0)
		return;
	for (size_t i = 0; i < sizeof(notifications) / sizeof(notifications[0]); i++)
		if (!strcmp(method, notifications[i].method)) {
			notifications[i].fn(s, params);
			return;
		}
	/* unknown notifications, $/cancelRequest of finished work included,
	 * are ignored as the protocol asks */
}

/* The engine, or NULL with s->engine_error saying why (a broken
 * .dtidy.yaml given with --config, an unloadable plugin). */
static void make_engine(struct lsp_server *s, const struct engine_opts *eo)
{
	struct diag_list errs = {0};
	s->engine = engine_new(eo, &errs);
	if (!s->engine) {
		struct strbuf b = {0};
		sb_puts(&b, "dtidy: only syntax is checked:");
		for (size_t i = 0; i < errs.n; i++)
			sb_printf(&b, " %s%s%s [%s]", errs.v[i].file ? errs.v[i].file : "",
				  errs.v[i].file ? ": " : "", errs.v[i].message, errs.v[i].rule);
		s->engine_error = b.s;
		fprintf(stderr, "%s\n", b.s);
	}
	diag_list_free(&errs);
}

/* Background work for when the client is quiet: walking and reading the
 * workspace folders, indexing the binding documents. Each step takes a
 * few milliseconds, so a message or a due publication waits at most that
 * long. */
#define IDLE_STEP_MS 8

static int idle_work(const struct lsp_server *s)
{
	return s->initialized && (lsp_ws_busy(s->ws) || lsp_schemas_busy(s->schemas));
}

static void idle_step(struct lsp_server *s)
{
	if (lsp_schemas_busy(s->schemas))
		lsp_schemas_step(s->schemas, IDLE_STEP_MS);
	else
		lsp_ws_step(s->ws, IDLE_STEP_MS);
}

int lsp_run(int in_fd, int out_fd, const struct engine_opts *eo)
{
	/* a vanished client must end us through a failed write, not a signal */
	signal(SIGPIPE, SIG_IGN);
	struct lsp_server s = {.out_fd = out_fd, .debounce_ms = LSP_DEFAULT_DEBOUNCE_MS, .eo = eo};
	make_engine(&s, eo);
	lsp_reader_init(&s.in, in_fd);
	while (!s.exiting && !s.gone) {
		if (s.qhead == s.qlen)
			take_buffered(&s);
		if (s.qhead < s.qlen) {
			json_t *msg = s.queue[s.qhead++];
			handle(&s, msg);
			json_decref(msg);
			continue;
		}
		lsp_publish_due(&s);
		int timeout = lsp_next_due(&s);
		if (idle_work(&s))
			timeout = 0;	/* look for input, then do a little of it */
		int got = lsp_reader_fill(&s.in, timeout);
		if (got < 0) {
			take_buffered(&s);
			if (s.qhead == s.qlen)
				break;
		} else if (got == 0 && timeout == 0 && lsp_next_due(&s) != 0) {
			idle_step(&s);
		}
	}
	for (size_t i = s.qhead; i < s.qlen; i++)
		json_decref(s.queue[i]);
	free(s.queue);
	lsp_docs_free(&s.docs);
	lsp_reader_free(&s.in);
	lsp_help_pages_free(&s.help);
	lsp_ws_free(s.ws);
	lsp_schemas_free(s.schemas);
	if (s.engine)
		engine_free(s.engine);
	free(s.engine_error);
	return s.shutdown_requested ? 0 : 1;
}
