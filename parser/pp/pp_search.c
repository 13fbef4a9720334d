/* Include search, as cpp does it: "quoted" names are looked up in the
 * including file's directory first, then in each -I directory in order;
 * <bracketed> names only in the -I directories. */
#include <stdlib.h>
#include <string.h>

#include "pp_internal.h"

static char *join(struct arena *a, const char *dir, size_t dlen, const char *name)
{
	if (dlen == 0)
		return arena_strdup(a, name);
	return arena_printf(a, "%.*s%s%s", (int)dlen, dir, dir[dlen - 1] == '/' ? "" : "/", name);
}

char *pp_search(struct pp *pp, const char *name, int quoted, const char *including,
		int from_dir, int *found_dir)
{
	*found_dir = -1;
	if (name[0] == '/')
		return src_cache_exists(pp->o->cache, name) || pp->o->read ? arena_strdup(&pp->a, name)
									    : NULL;
	if (quoted && from_dir < 0 && including) {
		const char *slash = strrchr(including, '/');
		size_t dlen = slash ? (size_t)(slash - including) : 0;
		if (slash && dlen == 0)
			dlen = 1;	/* a file in "/" */
		char *p = join(&pp->a, including, dlen, name);
		if (pp->o->read) {
			char *text;
			size_t len;
			if (pp->o->read(pp->o->read_ctx, p, &text, &len)) {
				free(text);
				return p;
			}
		}
		if (src_cache_exists(pp->o->cache, p))
			return p;
	}
	for (size_t i = from_dir < 0 ? 0 : (size_t)from_dir; i < pp->o->nincdirs; i++) {
		const char *d = pp->o->incdirs[i];
		char *p = join(&pp->a, d, strlen(d), name);
		if (pp->o->read) {
			char *text;
			size_t len;
			if (pp->o->read(pp->o->read_ctx, p, &text, &len)) {
				free(text);
				*found_dir = (int)i;
				return p;
			}
		}
		if (src_cache_exists(pp->o->cache, p)) {
			*found_dir = (int)i;
			return p;
		}
	}
	return NULL;
}
