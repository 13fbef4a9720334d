#include "framing.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../../core/xalloc.h"

void lsp_reader_init(struct lsp_reader *r, int fd)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
}

void lsp_reader_free(struct lsp_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* Room for at least `need` more bytes, first reclaiming consumed space so a
 * long session does not grow the buffer. */
static void make_room(struct lsp_reader *r, size_t need)
{
	if (r->start > 0 && (r->start == r->len || r->start >= r->cap / 2)) {
		memmove(r->buf, r->buf + r->start, r->len - r->start);
		r->len -= r->start;
		r->start = 0;
	}
	if (r->cap - r->len >= need)
		return;
	size_t nc = r->cap ? r->cap : 65536;
	while (nc - r->len < need)
		nc *= 2;
	r->buf = xrealloc(r->buf, nc);
	r->cap = nc;
}

int lsp_reader_fill(struct lsp_reader *r, int timeout_ms)
{
	if (r->eof)
		return -1;
	struct pollfd p = {.fd = r->fd, .events = POLLIN};
	int rc;
	do
		rc = poll(&p, 1, timeout_ms);
	while (rc < 0 && errno == EINTR);
	if (rc < 0) {
		r->eof = 1;
		return -1;
	}
	if (rc == 0)
		return 0;
	make_room(r, 65536);
	ssize_t n;
	do
		n = read(r->fd, r->buf + r->len, r->cap - r->len);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		r->eof = 1;
		return -1;
	}
	r->len += (size_t)n;
	return 1;
}

/* Finds the end of the header block: the blank line. Accepts bare "\n" line
 * ends too, since some clients and many hand-written tests send them.
 * Returns the offset just past the blank line, or 0 when incomplete. */
static size_t header_end(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		if (i + 1 < n && s[i + 1] == '\n')
			return i + 2;
		if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Content-Length from a header block, or -1 when absent or malformed. */
static long long content_length(const char *s, size_t n)
{
	static const char name[] = "content-length:";
	size_t nl = sizeof(name) - 1;
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		if (e - i > nl && strncasecmp(s + i, name, nl) == 0) {
			size_t p = i + nl;
			while (p < e && (s[p] == ' ' || s[p] == '\t'))
				p++;
			long long v = 0;
			size_t digits = 0;
			while (p < e && s[p] >= '0' && s[p] <= '9' && digits < 15) {
				v = v * 10 + (s[p] - '0');
				p++;
				digits++;
			}
			while (p < e && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r'))
				p++;
			return digits && p == e ? v : -1;
		}
		i = e + 1;
	}
	return -1;
}

/* No header block ends in the `avail` bytes at `s`. Past LSP_MAX_HEADER
 * they are not a header: drops them but for their last lines, where the
 * next real header may already begin. Reports the first drop of a run. */
static enum lsp_frame drop_junk(struct lsp_reader *r, const char *s, size_t avail)
{
	if (avail <= LSP_MAX_HEADER)
		return LSP_FRAME_NONE;
	size_t keep = 0;
	const char *nl = memchr(s + avail - LSP_MAX_HEADER / 2, '\n', LSP_MAX_HEADER / 2);
	if (nl)
		keep = avail - (size_t)(nl + 1 - s);
	r->start += avail - keep;
	if (r->junk)
		return LSP_FRAME_NONE;
	r->junk = 1;
	return LSP_FRAME_BAD;
}

enum lsp_frame lsp_reader_next(struct lsp_reader *r, const char **body, size_t *n)
{
	if (!r->buf)		/* nothing read yet */
		return LSP_FRAME_NONE;
	if (r->skip) {
		size_t avail = r->len - r->start;
		size_t k = avail < r->skip ? avail : r->skip;
		r->start += k;
		r->skip -= k;
		if (r->skip)
			return LSP_FRAME_NONE;
	}
	const char *s = r->buf + r->start;
	size_t avail = r->len - r->start;
	/* stray line ends between messages are not a header */
	while (avail && (*s == '\r' || *s == '\n')) {
		s++;
		avail--;
		r->start++;
	}
	size_t h = header_end(s, avail);
	if (!h)
		return drop_junk(r, s, avail);
	r->junk = 0;
	long long cl = content_length(s, h);
	if (cl < 0) {
		r->start += h;
		return LSP_FRAME_BAD;
	}
	if ((unsigned long long)cl > LSP_MAX_MESSAGE) {
		r->start += h;
		r->skip = (size_t)cl;
		return LSP_FRAME_BAD;
	}
	if (avail - h < (size_t)cl) {
		/* make sure the whole body will fit without another move */
		make_room(r, (size_t)cl - (avail - h));
		return LSP_FRAME_NONE;
	}
	*body = s + h;
	*n = (size_t)cl;
	r->start += h + (size_t)cl;
	return LSP_FRAME_BODY;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int lsp_write_frame(int fd, const char *body, size_t n)
{
	return lsp_write_frame3(fd, body, n, "", 0, "", 0);
}

int lsp_write_frame3(int fd, const char *a, size_t na, const char *b, size_t nb, const char *c,
		     size_t nc)
{
	char head[64];
	int hn = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", na + nb + nc);
	if (write_all(fd, head, (size_t)hn) < 0 || write_all(fd, a, na) < 0 ||
	    write_all(fd, b, nb) < 0)
		return -1;
	return write_all(fd, c, nc);
}
