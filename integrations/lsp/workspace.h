/* The boards the server knows beyond the open documents: the devicetree
 * files under the workspace folders. Each is read once, lexed and parsed
 * on its own (not preprocessed) for three things: the files it includes
 * (by name), the labels and paths it refers to, and its nodes (for
 * workspace symbols). That is enough to tell which boards include a
 * .dtsi and may use one of its labels; those boards' views (their merged
 * trees) then answer exactly.
 *
 * The folders are walked and their files read in small steps while the
 * server has nothing else to do, so neither requests nor diagnostics wait
 * for it; a request that needs the whole picture finishes it first. */
#ifndef DTIDY_LSP_WORKSPACE_H
#define DTIDY_LSP_WORKSPACE_H

#include <jansson.h>
#include <stddef.h>

#include "document.h"

struct lsp_server;
struct lsp_view;
struct lsp_ws;

/* The folders of initialize's params (workspaceFolders, else rootUri,
 * else rootPath); none is fine. Symbol positions count in enc. */
struct lsp_ws *lsp_ws_new(json_t *init_params, enum lsp_encoding enc);
void lsp_ws_free(struct lsp_ws *w);

/* Is there walking or reading left to do in the background? */
int lsp_ws_busy(const struct lsp_ws *w);
/* Does some of it, for about budget_ms. */
void lsp_ws_step(struct lsp_ws *w, int budget_ms);
/* A file was saved or changed on disk: read it again when next needed. */
void lsp_ws_touch(struct lsp_ws *w, const char *real);

/* Calls fn for views of the boards whose tree reads the file `real`: the
 * open documents' (built when needed) first, then workspace boards that
 * may write one of `names` (labels or paths, as a reference names them)
 * in a file other than `real` itself (names NULL: every board reading
 * it). Stops when fn returns nonzero. A view is valid during its call. */
typedef int lsp_view_fn(struct lsp_view *v, void *ud);
void lsp_each_view(struct lsp_server *s, const char *real, const char *const *names,
		   size_t nnames, lsp_view_fn *fn, void *ud);
/* The same over the open documents only. */
void lsp_each_open_view(struct lsp_server *s, const char *real, lsp_view_fn *fn, void *ud);
/* The same, but first reading the whole workspace, however long it takes:
 * a rename must see every board, where a list of references may miss a
 * file the background reading has not reached (lsp_each_view spends at
 * most WS_WAIT_MS on it). */
void lsp_each_view_all(struct lsp_server *s, const char *real, const char *const *names,
		       size_t nnames, lsp_view_fn *fn, void *ud);

/* How long a request waits for the background reading to finish. */
#define WS_WAIT_MS 300

/* workspace/symbol: nodes whose label, name or path matches the query,
 * in the workspace's files and the open documents. */
json_t *lsp_ws_symbols(struct lsp_server *s, const char *query);

#endif
