#include "depfile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/hash.h"
#include "../../core/xalloc.h"

/* A set of strings (not owned), to name each prerequisite once however many
 * boards include it. Open addressing; the table never gets over half full. */
struct name_set {
	const char **slot;
	size_t cap, n;
};

/* Returns 1 when s was added, 0 when it was already there. */
static int name_set_add(struct name_set *set, const char *s)
{
	if (2 * (set->n + 1) > set->cap) {
		struct name_set bigger = {.cap = set->cap ? set->cap * 2 : 64};
		bigger.slot = xcalloc(bigger.cap, sizeof(*bigger.slot));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slot[i])
				name_set_add(&bigger, set->slot[i]);
		free(set->slot);
		*set = bigger;
	}
	size_t i = fnv1a64_str(s) & (set->cap - 1);
	while (set->slot[i]) {
		if (!strcmp(set->slot[i], s))
			return 0;
		i = (i + 1) & (set->cap - 1);
	}
	set->slot[i] = s;
	set->n++;
	return 1;
}

void depfile_escape(struct strbuf *out, const char *path)
{
	size_t backslashes = 0;
	for (const char *p = path; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '#') {
			/* make reads "\\ " as a literal backslash then a separator:
			 * each backslash before an escaped character is doubled. */
			for (size_t i = 0; i < backslashes; i++)
				sb_putc(out, '\\');
			sb_putc(out, '\\');
		} else if (*p == '$') {
			sb_putc(out, '$');
		}
		sb_putc(out, *p);
		backslashes = *p == '\\' ? backslashes + 1 : 0;
	}
}

/* "dir/board.dts" -> "board" + ext */
static char *swap_ext(const char *input, const char *ext)
{
	const char *base = strrchr(input, '/');
	base = base ? base + 1 : input;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	struct strbuf b = {0};
	sb_put(&b, base, stem);
	sb_puts(&b, ext);
	return b.s;
}

char *depfile_default_name(const char *input)
{
	return swap_ext(input, ".d");
}

/* Continuation lines as gcc writes them: " \\\n " between names. */
static void put_prereq(struct strbuf *out, const char *path)
{
	sb_puts(out, " \\\n ");
	depfile_escape(out, path);
}

static const char *first_newline_path(const struct dep_request *req)
{
	for (size_t i = 0; i < req->ninputs; i++) {
		if (strchr(req->inputs[i].path, '\n'))
			return req->inputs[i].path;
		for (size_t j = 0; j < req->inputs[i].nreads; j++)
			if (strchr(req->inputs[i].reads[j], '\n'))
				return req->inputs[i].reads[j];
	}
	if (req->target && strchr(req->target, '\n'))
		return req->target;
	return NULL;
}

static void render_rule(struct strbuf *out, const char *target,
			const struct dep_input *in, size_t nin)
{
	struct name_set seen = {0};
	depfile_escape(out, target);
	sb_putc(out, ':');
	int first = 1;
	for (size_t i = 0; i < nin; i++) {
		if (name_set_add(&seen, in[i].path)) {
			if (first) {
				sb_putc(out, ' ');
				depfile_escape(out, in[i].path);
				first = 0;
			} else {
				put_prereq(out, in[i].path);
			}
		}
		for (size_t j = 0; j < in[i].nreads; j++)
			if (name_set_add(&seen, in[i].reads[j]))
				put_prereq(out, in[i].reads[j]);
	}
	sb_putc(out, '\n');
	free(seen.slot);
}

int depfile_render(struct strbuf *out, const struct dep_request *req, const char **bad)
{
	*bad = first_newline_path(req);
	if (*bad)
		return -1;
	if (req->target) {
		render_rule(out, req->target, req->inputs, req->ninputs);
	} else {
		for (size_t i = 0; i < req->ninputs; i++) {
			char *target = swap_ext(req->inputs[i].path, ".dtb");
			render_rule(out, target, &req->inputs[i], 1);
			free(target);
		}
	}
	if (!req->phony)
		return 0;
	/* Like gcc -MP, the inputs themselves get no phony rule: a board that
	 * was deleted should be an error, a header that was deleted should not. */
	struct name_set seen = {0};
	for (size_t i = 0; i < req->ninputs; i++)
		name_set_add(&seen, req->inputs[i].path);
	for (size_t i = 0; i < req->ninputs; i++)
		for (size_t j = 0; j < req->inputs[i].nreads; j++)
			if (name_set_add(&seen, req->inputs[i].reads[j])) {
				sb_putc(out, '\n');
				depfile_escape(out, req->inputs[i].reads[j]);
				sb_puts(out, ":\n");
			}
	free(seen.slot);
	return 0;
}
