#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

/* The bytes of w that are '\n', as 0x80 in each such byte and 0
 * elsewhere (exact: the high bit is set only where all seven low bits and
 * the high bit of w ^ '\n' are zero, with no borrow between bytes). */
static uint64_t newline_bytes(uint64_t w)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fu;
	uint64_t x = w ^ 0x0a0a0a0a0a0a0a0au;
	uint64_t y = ((x & low7) + low7) | x;
	return ~(y | low7);
}

/* Line starts: 0, then one past each '\n'. Lines average 25 bytes, so a
 * memchr a line paid its call and setup more than its search: eight bytes
 * are tested at a time, and (little-endian) the newlines of a word are
 * taken from its mask without looking at its bytes one by one. */
static void index_lines(struct source *src)
{
	size_t cap = src->len / 24 + 64, n = 0;
	uint32_t *v = xmalloc(cap * sizeof(*v));
	v[n++] = 0;
	const char *t = src->text;
	size_t len = src->len, i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, t + i, 8);
		uint64_t m = newline_bytes(w);
		while (m) {
			if (n + 8 > cap) {
				cap *= 2;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = (uint32_t)(i + (size_t)__builtin_ctzll(m) / 8 + 1);
			m &= m - 1;
		}
	}
#endif
	for (; i < len; i++) {
		if (t[i] != '\n')
			continue;
		if (n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = (uint32_t)(i + 1);
	}
	src->line_starts = v;
	src->nlines = n;
}

struct source *source_from_mem(const char *path, const char *text, size_t len)
{
	struct source *src = xcalloc(1, sizeof(*src));
	src->path = xstrdup(path);
	src->text = xmalloc(len + 1);
	if (len)
		memcpy(src->text, text, len);
	src->text[len] = '\0';
	src->len = len;
	index_lines(src);
	return src;
}

struct source *source_take(const char *path, char *text, size_t len)
{
	struct source *src = xcalloc(1, sizeof(*src));
	src->path = xstrdup(path);
	/* room for the NUL; a no-op when the caller allocated it already */
	src->text = xrealloc(text, len + 1);
	src->text[len] = '\0';
	src->len = len;
	index_lines(src);
	return src;
}

static char *errmsg(const char *what, int e)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s: %s", what, strerror(e));
	return xstrdup(buf);
}

/* `bytes` is the size when known (a regular file), else 0. */
static char *too_large(uintmax_t bytes)
{
	char buf[128];
	if (bytes)
		snprintf(buf, sizeof(buf), "file too large: %ju MiB (the limit is %zu MiB)",
			 (bytes + (1u << 20) - 1) >> 20, SOURCE_MAX_BYTES >> 20);
	else
		snprintf(buf, sizeof(buf), "file too large: over the limit of %zu MiB",
			 SOURCE_MAX_BYTES >> 20);
	return xstrdup(buf);
}

struct source *source_load(const char *path, char **err)
{
	*err = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = errmsg("cannot open", errno);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*err = errmsg("cannot stat", errno);
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = xstrdup("is a directory");
		close(fd);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > SOURCE_MAX_BYTES) {
		*err = too_large((uintmax_t)st.st_size);
		close(fd);
		return NULL;
	}
	size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
	char *buf = xmalloc(cap + 1);
	size_t len = 0;
	for (;;) {
		if (len == cap) {
			/* a pipe, or a file that grew since fstat */
			if (len > SOURCE_MAX_BYTES) {
				free(buf);
				close(fd);
				*err = too_large(0);
				return NULL;
			}
			cap *= 2;
			if (cap > SOURCE_MAX_BYTES + 1)
				cap = SOURCE_MAX_BYTES + 1;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*err = errmsg("cannot read", errno);
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	struct source *src = xcalloc(1, sizeof(*src));
	src->path = xstrdup(path);
	src->text = buf;
	src->len = len;
	index_lines(src);
	return src;
}

void source_free(struct source *src)
{
	if (!src)
		return;
	free(src->path);
	free(src->text);
	free(src->line_starts);
	free(src);
}

void source_linecol(const struct source *src, size_t off, unsigned *line,
		    unsigned *col)
{
	if (off > src->len)
		off = src->len;
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*col = (unsigned)(off - src->line_starts[lo]) + 1;
}

size_t source_line_start(const struct source *src, unsigned line)
{
	if (line < 1)
		line = 1;
	if (line > src->nlines)
		line = (unsigned)src->nlines;
	return src->line_starts[line - 1];
}

size_t source_line_len(const struct source *src, unsigned line)
{
	size_t s = source_line_start(src, line);
	size_t e = line < src->nlines ? src->line_starts[line] : src->len;
	while (e > s && (src->text[e - 1] == '\n' || src->text[e - 1] == '\r'))
		e--;
	return e - s;
}
