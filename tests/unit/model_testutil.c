#include "model_testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "parser/pp/pp.h"

static int serve(void *ctx, const char *path, char **text, size_t *len)
{
	const char *const *f = ctx;
	for (; f[0]; f += 2)
		if (!strcmp(f[0], path)) {
			*len = strlen(f[1]);
			*text = xstrndup(f[1], *len);
			return 1;
		}
	return 0;
}

static char *render(const struct diag_list *d, int with_file)
{
	struct strbuf b = {0};
	for (size_t i = 0; i < d->n; i++) {
		if (with_file)
			sb_printf(&b, "%s:", d->v[i].file);
		sb_printf(&b, "%u:%u: %s [%s]\n", d->v[i].line, d->v[i].col, d->v[i].message,
			  d->v[i].rule);
	}
	char *out = xstrdup(sb_cstr(&b));
	sb_free(&b);
	return out;
}

char *pp_of(const char *const *files, char **diags)
{
	return pp_of_defs(files, NULL, diags);
}

char *pp_of_defs(const char *const *files, const char *const *defines, char **diags)
{
	struct src_cache *c = src_cache_new();
	static const char *const incdirs[] = {"inc"};
	size_t ndefs = 0;
	while (defines && defines[ndefs])
		ndefs++;
	struct pp_opts o = {.incdirs = incdirs, .nincdirs = 1, .cache = c, .read = serve,
			    .read_ctx = (void *)files, .defines = defines, .ndefines = ndefs};
	struct arena keep;
	arena_init(&keep);
	struct diag_list d = {0};
	struct pp_result r;
	pp_run(files[0], &o, &keep, &d, &r);
	char *text = xstrndup(r.text, r.len);
	if (diags)
		*diags = render(&d, 1);
	pp_result_free(&r);
	diag_list_free(&d);
	arena_free(&keep);
	src_cache_free(c);
	return text;
}

struct model *model_of(const char *const *files)
{
	static const char *const incdirs[] = {"inc"};
	struct model_opts o = {.incdirs = incdirs, .nincdirs = 1, .read = serve,
			       .read_ctx = (void *)files};
	return model_build(files[0], &o);
}

struct model *model_recorded(const char *const *files)
{
	static const char *const incdirs[] = {"inc"};
	struct model_opts o = {.incdirs = incdirs, .nincdirs = 1, .read = serve,
			       .read_ctx = (void *)files, .record = 1};
	return model_build(files[0], &o);
}

char *diags_of(const struct model *m)
{
	return render(&m->diags, 0);
}

char *dts_of(const struct model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	model_print_dts(m, f);
	fclose(f);
	return buf;
}
