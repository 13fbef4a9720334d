#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "strbuf.h"

static const char *sev_color(int sev)
{
	switch (sev) {
	case DTIDY_SEV_ERROR: return "\033[1;31m";
	case DTIDY_SEV_WARNING: return "\033[1;35m";
	default: return "\033[1;36m";
	}
}

/* The source line and a caret under the span. Sources are re-read here, only
 * for terminal output; the last one is kept since diagnostics come sorted. */
static void show_line(FILE *out, const struct diag *d, struct source **cache, int color)
{
	if (!d->line)
		return;
	if (!*cache || strcmp((*cache)->path, d->file) != 0) {
		source_free(*cache);
		char *err = NULL;
		*cache = source_load(d->file, &err);
		free(err);
		if (!*cache)
			return;
	}
	const struct source *s = *cache;
	if (d->line > s->nlines)
		return;
	size_t st = source_line_start(s, d->line), n = source_line_len(s, d->line);
	fputc(' ', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s->text[st + i];
		fputc(c < 0x20 && c != '\t' ? '?' : c, out);
	}
	fputc('\n', out);
	fputc(' ', out);
	size_t col = d->col ? d->col - 1 : 0;
	for (size_t i = 0; i < col && i < n; i++)
		fputc(s->text[st + i] == '\t' ? '\t' : ' ', out);
	size_t width = 1;
	if (d->end_line == d->line && d->end_col > d->col)
		width = d->end_col - d->col;
	if (color)
		fputs("\033[1;32m", out);
	fputc('^', out);
	for (size_t i = 1; i < width && col + i < n; i++)
		fputc('~', out);
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

/* v in decimal at p; returns the end. */
static char *put_uint(char *p, unsigned v)
{
	char d[12];
	size_t n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = d[--n];
	return p;
}

static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* The finding's line, as `dtidy check` prints it, appended to b. */
static void text_line(struct strbuf *b, const struct diag *d, int color)
{
	if (!color) {
		/* the plain line, the common one, in place: its lengths once,
		 * one reservation, no call a piece */
		const char *sev = diag_severity_name(d->severity);
		size_t fl = strlen(d->file), sl = strlen(sev), ml = strlen(d->message),
		       rl = strlen(d->rule);
		sb_reserve(b, fl + sl + ml + rl + 32);
		char *p = put(b->s + b->len, d->file, fl);
		if (d->line) {
			*p++ = ':';
			p = put_uint(p, d->line);
			*p++ = ':';
			p = put_uint(p, d->col);
		}
		p = put(p, ": ", 2);
		p = put(p, sev, sl);
		p = put(p, ": ", 2);
		p = put(p, d->message, ml);
		p = put(p, " [", 2);
		p = put(p, d->rule, rl);
		p = put(p, "]\n", 2);
		b->len = (size_t)(p - b->s);
		b->s[b->len] = '\0';
		return;
	}
	if (color)
		sb_puts(b, "\033[1m");
	sb_puts(b, d->file);
	if (d->line) {
		sb_putc(b, ':');
		sb_put_uint(b, d->line);
		sb_putc(b, ':');
		sb_put_uint(b, d->col);
	}
	sb_puts(b, ": ");
	if (color) {
		sb_puts(b, "\033[0m");
		sb_puts(b, sev_color(d->severity));
	}
	sb_puts(b, diag_severity_name(d->severity));
	sb_putc(b, ':');
	if (color)
		sb_puts(b, "\033[0m");
	sb_putc(b, ' ');
	sb_puts(b, d->message);
	sb_puts(b, " [");
	sb_puts(b, d->rule);
	sb_puts(b, "]\n");
}

/* The related location's note line. */
static void rel_line(struct strbuf *b, const struct diag *d)
{
	sb_puts(b, d->rel_file);
	sb_putc(b, ':');
	sb_put_uint(b, d->rel_line);
	sb_putc(b, ':');
	sb_put_uint(b, d->rel_col);
	sb_puts(b, ": note: ");
	sb_puts(b, d->rel_message);
	sb_putc(b, '\n');
}

void report_text_sb(struct strbuf *out, const struct diag_list *l, int color)
{
	for (size_t i = 0; i < l->n; i++) {
		text_line(out, &l->v[i], color);
		if (l->v[i].rel_file)
			rel_line(out, &l->v[i]);
	}
}

void report_text(FILE *out, const struct diag_list *l, int color, int show_source)
{
	struct source *cache = NULL;
	/* a whole tree's findings run to the ten thousand: each line is put
	 * together here and written at once, not formatted by pieces */
	struct strbuf b = {0};
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		b.len = 0;
		text_line(&b, d, color);
		fwrite(b.s, 1, b.len, out);
		if (show_source)
			show_line(out, d, &cache, color);
		if (d->rel_file) {
			b.len = 0;
			rel_line(&b, d);
			fwrite(b.s, 1, b.len, out);
		}
	}
	source_free(cache);
	sb_free(&b);
}

void report_json(FILE *out, const struct diag_list *l)
{
	struct strbuf b = {0};
	sb_puts(&b, "{\"version\":1,\"diagnostics\":[");
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		if (i)
			sb_putc(&b, ',');
		sb_puts(&b, "{\"file\":");
		sb_json_str(&b, d->file);
		sb_printf(&b, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u",
			  d->line, d->col, d->end_line, d->end_col);
		sb_puts(&b, ",\"severity\":");
		sb_json_str(&b, diag_severity_name(d->severity));
		sb_puts(&b, ",\"rule\":");
		sb_json_str(&b, d->rule);
		sb_puts(&b, ",\"message\":");
		sb_json_str(&b, d->message);
		if (d->node) {
			sb_puts(&b, ",\"node\":");
			sb_json_str(&b, d->node);
		}
		if (d->prop) {
			sb_puts(&b, ",\"property\":");
			sb_json_str(&b, d->prop);
		}
		if (d->rel_file) {
			sb_puts(&b, ",\"related\":{\"file\":");
			sb_json_str(&b, d->rel_file);
			sb_printf(&b, ",\"line\":%u,\"column\":%u,\"message\":", d->rel_line,
				  d->rel_col);
			sb_json_str(&b, d->rel_message);
			sb_putc(&b, '}');
		}
		sb_putc(&b, '}');
	}
	sb_puts(&b, "]}\n");
	fwrite(b.s, 1, b.len, out);
	sb_free(&b);
}
