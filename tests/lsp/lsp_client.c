#include "lsp_client.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int failures;

void client_start(struct client *c, const char *dtidy)
{
	client_start_args(c, dtidy, NULL);
}

void client_start_args(struct client *c, const char *dtidy, const char *const *args)
{
	int in[2], out[2];
	if (pipe(in) || pipe(out)) {
		perror("pipe");
		exit(2);
	}
	memset(c, 0, sizeof(*c));
	c->pid = fork();
	if (c->pid < 0) {
		perror("fork");
		exit(2);
	}
	if (c->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		const char *argv[32] = {dtidy, "lsp"};
		size_t n = 2;
		for (size_t i = 0; args && args[i] && n < 31; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		execv(dtidy, (char *const *)argv);
		perror(dtidy);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	c->to = in[1];
	c->from = out[0];
}

int client_wait(struct client *c)
{
	int st = 0;
	/* a server that does not end within 20 s has hung */
	for (int i = 0; i < 2000; i++) {
		pid_t r = waitpid(c->pid, &st, WNOHANG);
		if (r == c->pid) {
			c->pid = 0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		usleep(10000);
	}
	kill(c->pid, SIGKILL);
	waitpid(c->pid, &st, 0);
	c->pid = 0;
	return -1;
}

void client_close_input(struct client *c)
{
	if (c->to >= 0)
		close(c->to);
	c->to = -1;
}

void client_free(struct client *c)
{
	client_close_input(c);
	if (c->pid)
		client_wait(c);
	close(c->from);
	free(c->buf);
}

void send_raw(struct client *c, const char *bytes, size_t n)
{
	while (n) {
		ssize_t w = write(c->to, bytes, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		bytes += w;
		n -= (size_t)w;
	}
}

void send_text(struct client *c, const char *json)
{
	char head[64];
	int hn = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", strlen(json));
	send_raw(c, head, (size_t)hn);
	send_raw(c, json, strlen(json));
}

void send_json(struct client *c, json_t *msg)
{
	char *s = json_dumps(msg, JSON_COMPACT);
	send_text(c, s);
	free(s);
	json_decref(msg);
}

void request(struct client *c, int id, const char *method, json_t *params)
{
	send_json(c, json_pack("{s:s, s:i, s:s, s:o}", "jsonrpc", "2.0", "id", id, "method",
			       method, "params", params ? params : json_object()));
}

void notify(struct client *c, const char *method, json_t *params)
{
	send_json(c, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params",
			       params ? params : json_object()));
}

static long long now_ms(void)
{
	return (long long)client_now_ms();
}

/* Reads more output, waiting until the deadline. Returns 0 on timeout/EOF. */
static int fill(struct client *c, long long deadline)
{
	long long left = deadline - now_ms();
	if (left < 0)
		left = 0;
	struct pollfd p = {.fd = c->from, .events = POLLIN};
	if (poll(&p, 1, (int)left) <= 0)
		return 0;
	if (c->len + 65536 > c->cap) {
		c->cap = (c->len + 65536) * 2;
		c->buf = realloc(c->buf, c->cap);
	}
	ssize_t n = read(c->from, c->buf + c->len, c->cap - c->len);
	if (n <= 0)
		return 0;
	c->len += (size_t)n;
	return 1;
}

json_t *recv_msg(struct client *c, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	for (;;) {
		char *h = c->len ? memmem(c->buf, c->len, "\r\n\r\n", 4) : NULL;
		if (h) {
			size_t hlen = (size_t)(h - c->buf) + 4;
			const char *cl = memmem(c->buf, hlen, "Content-Length: ", 16);
			if (!cl) {
				CHECK(0, "server sent a header without Content-Length");
				return NULL;
			}
			size_t n = strtoul(cl + 16, NULL, 10);
			if (c->len >= hlen + n) {
				json_error_t err;
				json_t *m = json_loadb(c->buf + hlen, n, 0, &err);
				CHECK(m, "server sent invalid JSON: %s", err.text);
				memmove(c->buf, c->buf + hlen + n, c->len - hlen - n);
				c->len -= hlen + n;
				return m;
			}
		}
		if (!fill(c, deadline))
			return NULL;
	}
}

json_t *recv_response(struct client *c, int id)
{
	for (;;) {
		json_t *m = recv_msg(c, 60000);
		if (!m) {
			CHECK(0, "no response to request %d", id);
			return NULL;
		}
		json_t *mid = json_object_get(m, "id");
		if (json_is_integer(mid) && json_integer_value(mid) == id &&
		    !json_object_get(m, "method"))
			return m;
		json_decref(m);
	}
}

json_t *recv_notification(struct client *c, const char *method)
{
	for (;;) {
		json_t *m = recv_msg(c, 60000);
		if (!m) {
			CHECK(0, "no %s notification", method);
			return NULL;
		}
		const char *mm = json_string_value(json_object_get(m, "method"));
		if (mm && !strcmp(mm, method))
			return m;
		json_decref(m);
	}
}

void handshake(struct client *c, int utf8, json_t *init_options)
{
	json_decref(handshake_root(c, utf8, NULL, init_options));
}

json_t *handshake_root(struct client *c, int utf8, const char *root_uri, json_t *init_options)
{
	json_t *caps = utf8 ? json_pack("{s:{s:[s,s]}}", "general", "positionEncodings", "utf-8",
					"utf-16")
			    : json_object();
	json_t *params = json_pack("{s:i, s:o}", "processId", (int)getpid(), "capabilities", caps);
	if (init_options)
		json_object_set_new(params, "initializationOptions", init_options);
	if (root_uri) {
		json_object_set_new(params, "rootUri", json_string(root_uri));
		json_object_set_new(params, "workspaceFolders",
				    json_pack("[{s:s, s:s}]", "uri", root_uri, "name", "root"));
	}
	request(c, 1, "initialize", params);
	json_t *r = recv_response(c, 1);
	json_t *server_caps = json_object_get(json_object_get(r, "result"), "capabilities");
	const char *enc = json_string_value(json_object_get(server_caps, "positionEncoding"));
	CHECK(enc && !strcmp(enc, utf8 ? "utf-8" : "utf-16"), "negotiated encoding %s",
	      enc ? enc : "(none)");
	json_incref(server_caps);
	json_decref(r);
	notify(c, "initialized", NULL);
	return server_caps;
}

void open_doc(struct client *c, const char *uri, const char *text)
{
	notify(c, "textDocument/didOpen",
	       json_pack("{s:{s:s, s:s, s:i, s:s}}", "textDocument", "uri", uri, "languageId",
			 "dts", "version", 1, "text", text));
}

int finish(struct client *c)
{
	request(c, 9999, "shutdown", NULL);
	json_t *r = recv_response(c, 9999);
	CHECK(r && json_is_null(json_object_get(r, "result")), "shutdown result is null");
	json_decref(r);
	notify(c, "exit", NULL);
	return client_wait(c);
}

double client_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double client_cpu_ms(const struct client *c)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)c->pid);
	FILE *f = fopen(path, "r");
	unsigned long ut = 0, st = 0;
	if (f) {
		/* skip "pid (comm) state" and 10 fields, comm may hold spaces */
		int ch;
		while ((ch = fgetc(f)) != EOF && ch != ')')
			;
		if (fscanf(f, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
			ut = st = 0;
		fclose(f);
	}
	return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

char *read_text_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	s[fread(s, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return s;
}

/* Byte offset of an LSP position in ASCII text. */
static size_t ascii_offset(const char *t, json_t *pos)
{
	long line = (long)json_integer_value(json_object_get(pos, "line"));
	size_t off = 0;
	while (line > 0 && t[off])
		if (t[off++] == '\n')
			line--;
	return off + (size_t)json_integer_value(json_object_get(pos, "character"));
}

char *apply_text_edits(const char *text, json_t *edits)
{
	char *cur = strdup(text);
	/* from the last edit backwards, so the offsets of the others hold */
	size_t n = json_array_size(edits);
	char *done = calloc(n ? n : 1, 1);
	for (size_t k = 0; k < n; k++) {
		size_t best = n, best_off = 0;
		for (size_t i = 0; i < n; i++) {
			if (done[i])
				continue;
			json_t *r = json_object_get(json_array_get(edits, i), "range");
			size_t o = ascii_offset(text, json_object_get(r, "start"));
			if (best == n || o >= best_off)
				best = i, best_off = o;
		}
		done[best] = 1;
		json_t *ed = json_array_get(edits, best);
		json_t *r = json_object_get(ed, "range");
		size_t a = ascii_offset(cur, json_object_get(r, "start"));
		size_t b = ascii_offset(cur, json_object_get(r, "end"));
		const char *nt = json_string_value(json_object_get(ed, "newText"));
		size_t len = strlen(cur), nl = strlen(nt);
		char *next = malloc(len - (b - a) + nl + 1);
		memcpy(next, cur, a);
		memcpy(next + a, nt, nl);
		memcpy(next + a + nl, cur + b, len - b + 1);
		free(cur);
		cur = next;
	}
	free(done);
	return cur;
}
