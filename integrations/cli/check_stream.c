/* dtidy check's findings turned into their text file by file, on the
 * worker that checked the file, instead of all kept to the end: a
 * style-only check of a kernel tree makes tens of thousands of findings,
 * and kept as diagnostics they were a third of its memory and page faults.
 * The text is what report_text prints for the file's findings; it stands
 * for the sorted, deduplicated list of the whole run only when each file's
 * findings are its own and the files come in the order findings sort
 * (stream_in_order), which the caller checks before writing any. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/report.h"
#include "../../core/strbuf.h"
#include "cli.h"

void check_tally(const struct diag_list *l, int *errors, int *warnings)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		if (d->line == 0 && d->severity == DTIDY_SEV_ERROR &&
		    (!strcmp(d->rule, "io") || !strcmp(d->rule, "config")))
			continue;	/* counted as problems */
		if (d->severity == DTIDY_SEV_ERROR)
			(*errors)++;
		else if (d->severity == DTIDY_SEV_WARNING)
			(*warnings)++;
	}
}

void stream_take(struct streamed_file *s, const char *path, struct diag_list *l, int color)
{
	memset(s, 0, sizeof(*s));
	diag_dedup(l);	/* sorted by the engine */
	check_tally(l, &s->errors, &s->warnings);
	for (size_t i = 0; i < l->n; i++)
		s->foreign |= strcmp(l->v[i].file, path) != 0;
	if (l->n) {
		struct strbuf b = {0};
		report_text_sb(&b, l, color);
		s->text = b.s;
		s->len = b.len;
	}
	diag_list_free(l);
}

int stream_in_order(const struct streamed_file *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].foreign)
			return 0;
	return 1;
}

int stream_write(FILE *out, const struct streamed_file *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].len && fwrite(v[i].text, 1, v[i].len, out) != v[i].len)
			return -1;
	return 0;
}

void stream_free(struct streamed_file *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}
