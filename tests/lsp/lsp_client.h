/* A scripted LSP client for the protocol tests: starts `dtidy lsp`, writes
 * framed (or deliberately broken) messages, reads and checks the replies. */
#ifndef DTIDY_TEST_LSP_CLIENT_H
#define DTIDY_TEST_LSP_CLIENT_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

struct client {
	pid_t pid;
	int to, from;		/* the server's stdin and stdout */
	char *buf;
	size_t len, cap;
};

extern int failures;

#define CHECK(cond, ...)                                                           \
	do {                                                                       \
		if (!(cond)) {                                                     \
			failures++;                                                \
			fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);       \
			fprintf(stderr, __VA_ARGS__);                              \
			fputc('\n', stderr);                                       \
		}                                                                  \
	} while (0)

void client_start(struct client *c, const char *dtidy);
/* The same with more arguments after "lsp" (NULL-terminated). */
void client_start_args(struct client *c, const char *dtidy, const char *const *args);
/* Waits for the server to end; returns its exit status, or 128+signal. */
int client_wait(struct client *c);
void client_close_input(struct client *c);
void client_free(struct client *c);

void send_raw(struct client *c, const char *bytes, size_t n);
/* Frames and sends a JSON text. */
void send_text(struct client *c, const char *json);
/* Frames and sends a jansson value (stolen). */
void send_json(struct client *c, json_t *msg);
void request(struct client *c, int id, const char *method, json_t *params);
void notify(struct client *c, const char *method, json_t *params);

/* Next message, or NULL after timeout_ms or at end of output. */
json_t *recv_msg(struct client *c, int timeout_ms);
/* The response to request id (notifications before it are dropped). */
json_t *recv_response(struct client *c, int id);
/* The next notification with this method (other messages are dropped). */
json_t *recv_notification(struct client *c, const char *method);

/* initialize + initialized; utf8: offer utf-8 positions. */
void handshake(struct client *c, int utf8, json_t *init_options);
/* The same with a workspace folder (rootUri and workspaceFolders); returns
 * the server's capabilities (the caller frees them). */
json_t *handshake_root(struct client *c, int utf8, const char *root_uri, json_t *init_options);
void open_doc(struct client *c, const char *uri, const char *text);
/* shutdown + exit, returning the exit status. */
int finish(struct client *c);

/* Helpers of the sessions and benchmarks. */
double client_now_ms(void);
/* CPU time (user + system) the server has used so far, in milliseconds. */
double client_cpu_ms(const struct client *c);
/* A whole file (malloc'd, NUL-terminated); exits when it cannot be read. */
char *read_text_file(const char *path);
/* Applies LSP TextEdits (non-overlapping, any order) to ASCII text;
 * returns the new text (malloc'd). */
char *apply_text_edits(const char *text, json_t *edits);

#endif
