#include "fmt.h"

#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t size, len;	/* len: the whole text's, written or not */
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - o->len;
		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void put_unsigned(struct out *o, unsigned long long v, int neg)
{
	char d[24];
	size_t i = sizeof(d);
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (neg)
		d[--i] = '-';
	put(o, d + i, sizeof(d) - i);
}

static void put_signed(struct out *o, long long v)
{
	if (v < 0)
		put_unsigned(o, 0ULL - (unsigned long long)v, 1);
	else
		put_unsigned(o, (unsigned long long)v, 0);
}

/* The text into o; 0, or -1 at a directive it leaves to vsnprintf (what it
 * took from ap is then lost: the caller starts again from a copy). */
static int format(struct out *o, const char *fmt, va_list ap)
{
	const char *p = fmt;
	for (;;) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			put(o, p, strlen(p));
			return 0;
		}
		put(o, p, (size_t)(pct - p));
		p = pct + 1;
		if (*p == '%') {
			put(o, "%", 1);
			p++;
		} else if (*p == 's') {
			const char *s = va_arg(ap, const char *);
			if (!s)
				return -1;
			put(o, s, strlen(s));
			p++;
		} else if (p[0] == '.' && p[1] == '*' && p[2] == 's') {
			int prec = va_arg(ap, int);
			const char *s = va_arg(ap, const char *);
			if (!s || prec < 0)
				return -1;
			put(o, s, strnlen(s, (size_t)prec));
			p += 3;
		} else if (*p == 'c') {
			char c = (char)va_arg(ap, int);
			put(o, &c, 1);
			p++;
		} else if (*p == 'd' || *p == 'i') {
			put_signed(o, va_arg(ap, int));
			p++;
		} else if (*p == 'u') {
			put_unsigned(o, va_arg(ap, unsigned), 0);
			p++;
		} else if (p[0] == 'l' && (p[1] == 'd' || p[1] == 'i')) {
			put_signed(o, va_arg(ap, long));
			p += 2;
		} else if (p[0] == 'l' && p[1] == 'u') {
			put_unsigned(o, va_arg(ap, unsigned long), 0);
			p += 2;
		} else if (p[0] == 'z' && p[1] == 'u') {
			put_unsigned(o, va_arg(ap, size_t), 0);
			p += 2;
		} else {
			return -1;
		}
	}
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	struct out o = {buf, size, 0};
	int n;
	if (format(&o, fmt, ap) == 0 && o.len < (size_t)1 << 30) {
		if (size)
			buf[o.len < size ? o.len : size - 1] = '\0';
		n = (int)o.len;
	} else {
		n = vsnprintf(buf, size, fmt, again);
	}
	va_end(again);
	return n;
}
