/* LSP base protocol framing: "Content-Length: N\r\n\r\n" followed by N bytes
 * of JSON. The reader buffers whatever the pipe delivers (half a header,
 * several messages at once) and hands out one complete body at a time. */
#ifndef DTIDY_LSP_FRAMING_H
#define DTIDY_LSP_FRAMING_H

#include <stddef.h>

/* A body larger than this is skipped and answered with a parse error: four
 * times the largest document dtidy checks (SOURCE_MAX_BYTES), room for JSON
 * escapes, while a message costs the server about five times its size. */
#define LSP_MAX_MESSAGE ((size_t)64 << 20)
/* Real header blocks are a line or two. Bytes that run on this long without
 * ending a header block are not one: they are dropped (answered once with a
 * parse error), so garbage on stdin costs neither memory nor rescans. */
#define LSP_MAX_HEADER ((size_t)64 << 10)

struct lsp_reader {
	int fd;
	char *buf;
	size_t start, len, cap;	/* unread bytes are buf[start, len) */
	size_t skip;		/* bytes of an oversized body still to discard */
	int junk;		/* dropping bytes that are not a header block */
	int eof;
};

enum lsp_frame {
	LSP_FRAME_NONE,		/* no complete message buffered yet */
	LSP_FRAME_BODY,		/* *body, *n: one message body */
	LSP_FRAME_BAD,		/* a header block without a usable Content-Length,
				 * an oversized body, or a run of bytes too long
				 * for a header: answer -32700 */
};

void lsp_reader_init(struct lsp_reader *r, int fd);
void lsp_reader_free(struct lsp_reader *r);
/* Waits up to timeout_ms (-1: forever, 0: just look) for input and buffers
 * what is there. Returns 1 when bytes arrived, 0 on timeout, -1 at end of
 * input or on a read error. */
int lsp_reader_fill(struct lsp_reader *r, int timeout_ms);
/* Takes the next complete message from the buffer. A body stays valid until
 * the next call. */
enum lsp_frame lsp_reader_next(struct lsp_reader *r, const char **body, size_t *n);

/* Writes one framed message. Returns 0, or -1 when the client is gone. */
int lsp_write_frame(int fd, const char *body, size_t n);
/* The same for a body in three parts (a large result between its
 * envelope's halves, without copying it). */
int lsp_write_frame3(int fd, const char *a, size_t na, const char *b, size_t nb, const char *c,
		     size_t nc);

#endif
