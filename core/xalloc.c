#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

static void oom(size_t n)
{
	fprintf(stderr, "dtidy: out of memory (%zu bytes)\n", n);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xvformat(const char *fmt, va_list ap)
{
	if (fmt[0] == '%' && fmt[1] == 's' && !fmt[2]) {
		const char *s = va_arg(ap, const char *);
		return xstrdup(s ? s : "(null)");	/* as glibc prints it */
	}
	char buf[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof(buf))
		return xstrndup(buf, (size_t)n);
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}
