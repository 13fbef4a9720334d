/* The server's state and the pieces every handler shares: replying,
 * notifying, position conversion and the documents' analysis. */
#ifndef DTIDY_LSP_SERVER_H
#define DTIDY_LSP_SERVER_H

#include <jansson.h>

#include "document.h"
#include "framing.h"
#include "lsp.h"
#include "rule_help.h"

struct lsp_ws;
struct lsp_schemas;

/* JSON-RPC and LSP error codes */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_INTERNAL_ERROR = -32603,
	LSP_SERVER_NOT_INITIALIZED = -32002,
	LSP_REQUEST_FAILED = -32803,
	LSP_REQUEST_CANCELLED = -32800,
};

#define LSP_DEFAULT_DEBOUNCE_MS 150

struct lsp_server {
	struct lsp_reader in;
	int out_fd;
	int gone;		/* the client stopped reading our output */
	int initialized, shutdown_requested, exiting;
	enum lsp_encoding enc;
	int debounce_ms;
	const struct engine_opts *eo;	/* include directories, for the model */
	struct engine *engine;	/* NULL when the configuration is broken: syntax only */
	char *engine_error;	/* why, told to the user once initialized */
	struct lsp_help_pages help;
	struct lsp_docs docs;
	struct lsp_ws *ws;		/* the workspace folders' files (workspace.h) */
	struct lsp_schemas *schemas;	/* what bindings say (schema_source.h) */
	/* a result already serialized as JSON (large arrays: semantic
	 * tokens), sent instead of the handler's return value */
	char *raw_result;
	/* parsed messages waiting to be handled, oldest first */
	json_t **queue;
	size_t qhead, qlen, qcap;
};

/* A failed request: code and message for the error response. */
struct lsp_error {
	int code;
	char msg[256];
};

void lsp_fail(struct lsp_error *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sends a message; steals the reference to msg. */
void lsp_send(struct lsp_server *s, json_t *msg);
void lsp_notify(struct lsp_server *s, const char *method, json_t *params);

/* Current time on a monotonic clock, in milliseconds. */
long long lsp_now_ms(void);

/* Reads more input without waiting and queues the complete messages. */
void lsp_pump(struct lsp_server *s);
/* Is there a queued $/cancelRequest for this request id? It is consumed. */
int lsp_cancelled(struct lsp_server *s, json_t *id);

/* The open document named by params.textDocument.uri, or NULL with e set. */
struct lsp_doc *lsp_param_doc(struct lsp_server *s, json_t *params, struct lsp_error *e);
int lsp_param_pos(json_t *obj, const char *key, struct lsp_pos *p);
json_t *lsp_pos_json(struct lsp_pos p);
json_t *lsp_range_json(const struct lsp_doc *d, size_t start, size_t end,
		       enum lsp_encoding enc);
/* The same written as JSON text: {"start":{...},"end":{...}} */
struct strbuf;
void lsp_put_range(struct strbuf *b, struct lsp_pos start, struct lsp_pos end);

/* The engine and the models read every file through this: an open
 * buffer's text (a malloc'd copy), or NULL for the file on disk. ud is
 * the server. */
char *lsp_read_open_buffer(void *ud, const char *path, size_t *len);

/* Diagnostics (diagnostics.c) */
void lsp_schedule(struct lsp_server *s, struct lsp_doc *d, int delay_ms);
/* Milliseconds until the next scheduled publication; -1: none. */
int lsp_next_due(const struct lsp_server *s);
void lsp_publish_due(struct lsp_server *s);
/* Brings d->diags up to date with the text, without publishing. */
void lsp_refresh_diags(struct lsp_server *s, struct lsp_doc *d);
json_t *lsp_diag_json(struct lsp_server *s, const struct lsp_doc *d, const struct diag *g);
/* Range of bytes [start, end) of a file that may be open (then its buffer
 * counts) or not (then it is read from disk to count UTF-16 units). */
json_t *lsp_file_range_json(const struct lsp_server *s, const char *path, size_t start,
			    size_t end);
/* A JSON string from bytes that may not be valid UTF-8 (text read from
 * disk): invalid bytes become U+FFFD rather than failing the message. */
json_t *lsp_text_json(const char *t);
/* Is `file` (as the engine names it) this document? */
int lsp_doc_is(const struct lsp_doc *d, const char *file);

/* Request handlers, each in its own file */
json_t *lsp_formatting(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_range_formatting(struct lsp_server *s, json_t *params, json_t *id,
			     struct lsp_error *e);
json_t *lsp_code_action(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_document_symbol(struct lsp_server *s, json_t *params, json_t *id,
			    struct lsp_error *e);
json_t *lsp_hover(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_definition(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_declaration(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_references(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_prepare_rename(struct lsp_server *s, json_t *params, json_t *id,
			   struct lsp_error *e);
json_t *lsp_rename(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_completion(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_document_link(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_folding_range(struct lsp_server *s, json_t *params, json_t *id, struct lsp_error *e);
json_t *lsp_semantic_tokens(struct lsp_server *s, json_t *params, json_t *id,
			    struct lsp_error *e);
json_t *lsp_semantic_tokens_range(struct lsp_server *s, json_t *params, json_t *id,
				  struct lsp_error *e);
json_t *lsp_workspace_symbol(struct lsp_server *s, json_t *params, json_t *id,
			     struct lsp_error *e);
/* The semantic token legend initialize advertises (semantic_tokens.c). */
json_t *lsp_semantic_legend(void);

#endif
