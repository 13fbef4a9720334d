/* The kernel checker's reading of a property's lines (dt-check-style, 7.4
 * cycle), for the kernel style's continuation columns. The checker works on
 * text, line by line: a continuation line starts under the first '<' or '"'
 * after the '=' of the property's first line when the line before it ended
 * a value ('>,' or '",'), else one column right of it (inside an open
 * '<...>'). Layout asks these questions of the lines it has just written,
 * so the columns it picks are the ones the checker computes, comments and
 * strings included. */
#include <string.h>

#include "fmt_internal.h"

/* s[0, n) with string literals emptied ("abc" -> "") and comments removed,
 * as the checker strips a line before it looks for '<' and '"': strings
 * first, then block comments closed on the line, then an unclosed one and
 * a line comment to the end. out has room for n bytes; returns its length. */
static size_t strip_line(const char *s, size_t n, char *out)
{
	char *tmp = out;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '"') {
			tmp[k++] = s[i];
			continue;
		}
		size_t j = i + 1;
		while (j < n && s[j] != '"')
			j += s[j] == '\\' && j + 1 < n ? 2 : 1;
		if (j >= n) {	/* no closing quote: kept as it is */
			tmp[k++] = s[i];
			continue;
		}
		tmp[k++] = '"';
		tmp[k++] = '"';
		i = j;
	}
	/* comments, in place over the string-stripped text */
	size_t w = 0;
	for (size_t i = 0; i < k; i++) {
		if (tmp[i] == '/' && i + 1 < k && tmp[i + 1] == '*') {
			size_t j = i + 2;
			while (j + 1 < k && !(tmp[j] == '*' && tmp[j + 1] == '/'))
				j++;
			if (j + 1 >= k)
				break;	/* unclosed: to the end of the line */
			i = j + 1;
			continue;
		}
		if (tmp[i] == '/' && i + 1 < k && tmp[i + 1] == '/')
			break;
		out[w++] = tmp[i];
	}
	return w;
}

static int display_col(const char *s, size_t n, int tabw)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		c = s[i] == '\t' ? (c / tabw + 1) * tabw : c + 1;
	return c;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

int fmt_kcont_anchor(const char *line, size_t n, int tabw, char *scratch)
{
	const char *eq = memchr(line, '=', n);
	if (!eq)
		return -1;
	size_t at = (size_t)(eq - line) + 1;
	size_t m = strip_line(line + at, n - at, scratch);
	size_t idx = 0;
	while (idx < m && scratch[idx] != '<' && scratch[idx] != '"')
		idx++;
	if (idx >= m)
		return -1;
	/* the checker takes the column of the same index in the raw line
	 * (stripped again): equal unless a comment precedes the value */
	size_t cut = at + idx <= n ? at + idx : n;
	size_t p = strip_line(line, cut, scratch);
	return display_col(scratch, p, tabw > 0 ? tabw : 8);
}

int fmt_kcont_line_state(const char *line, size_t n, char *scratch)
{
	/* the code: strings kept, comments out (a string may hold "//") */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = line[i];
		if (c == '"') {
			size_t j = i + 1;
			while (j < n && line[j] != '"')
				j += line[j] == '\\' && j + 1 < n ? 2 : 1;
			size_t e = j < n ? j : n - 1;
			memcpy(scratch + k, line + i, e - i + 1);
			k += e - i + 1;
			i = e;
			continue;
		}
		if (c == '/' && i + 1 < n && line[i + 1] == '/')
			break;
		if (c == '/' && i + 1 < n && line[i + 1] == '*') {
			size_t j = i + 2;
			while (j + 1 < n && !(line[j] == '*' && line[j + 1] == '/'))
				j++;
			if (j + 1 >= n)
				break;
			i = j + 1;
			continue;
		}
		scratch[k++] = c;
	}
	while (k > 0 && is_blank(scratch[k - 1]))
		k--;
	size_t b = 0;
	while (b < k && is_blank(scratch[b]))
		b++;
	if (b == k)
		return -1;
	return k - b >= 2 && scratch[k - 1] == ',' &&
	       (scratch[k - 2] == '>' || scratch[k - 2] == '"');
}
