/* The process's schema sets (see set_registry.h). */
#include "set_registry.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "schema/schema.h"
#include "schema/set_image.h"
#include "rules/bindings/bindings_cache.h"
#include "rules/bindings/bindings_index.h"
#include "core_dir.h"

struct entry {
	char *bindings, *core;		/* the key (either may be NULL) */
	struct schema_found found;
	struct diag_list warnings;
	char why[600];
	struct schema_set *own;
	struct entry *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *entries;		/* each immutable once made */
static int told;			/* the "off" notice was printed */
static unsigned boards;			/* validated, for schema_board_done */

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void load(struct entry *en, const char *core_from)
{
	en->found.bindings = en->bindings;
	en->found.core = en->core;
	en->found.core_from = core_from;
	en->found.warnings = &en->warnings;
	en->found.why = en->why;
	if (!en->bindings) {
		snprintf(en->why, sizeof(en->why),
			 "no binding documents were found (a kernel tree's "
			 "Documentation/devicetree/bindings, Bindings/ beside src/, or --bindings DIR)");
		return;
	}
	if (!en->core)
		return;	/* why: set by the caller */
	char *cache = bindings_cache_enabled() ? bcache_default_dir() : NULL;
	struct schema_load_opts o = {.bindings_dir = en->bindings, .core_dir = en->core,
				     .cache_dir = cache};
	char why[512] = "";
	en->own = schema_set_load(&o, &en->warnings, why, sizeof(why));
	free(cache);
	en->found.set = en->own;
	if (!en->own)
		snprintf(en->why, sizeof(en->why), "the schemas in %s could not be loaded: %s",
			 en->core, why[0] ? why : "no reason given");
}

static const struct schema_found *found(const char *file, const char *bindings_opt,
					const char *schemas_opt, int tell)
{
	char *bindings = bindings_find_dir(file, bindings_opt);
	const char *from = NULL;
	char why[512] = "";
	char *core = bindings ? schema_core_dir(schemas_opt, &from, why, sizeof(why)) : NULL;
	pthread_mutex_lock(&lock);
	struct entry *en;
	for (en = entries; en; en = en->next)
		if (same(en->bindings, bindings) && same(en->core, core))
			break;
	if (!en) {
		en = xcalloc(1, sizeof(*en));
		en->bindings = bindings;
		en->core = core;
		bindings = core = NULL;
		snprintf(en->why, sizeof(en->why), "%s", why);
		load(en, from);
		en->next = entries;
		entries = en;
	}
	if (tell && !en->found.set && en->bindings && !told) {
		told = 1;
		fprintf(stderr, "dtidy: note: the schema rules are off: %s (see dtidy rules "
			"schema-required)\n", en->why);
	}
	pthread_mutex_unlock(&lock);
	free(bindings);
	free(core);
	return &en->found;
}

const struct schema_found *schema_found_for(const char *file, const char *bindings_opt,
					    const char *schemas_opt)
{
	return found(file, bindings_opt, schemas_opt, 1);
}

const struct schema_found *schema_found_quietly(const char *file, const char *bindings_opt,
						const char *schemas_opt)
{
	return found(file, bindings_opt, schemas_opt, 0);
}

void schema_describe(const char *file, const char *bindings_opt, const char *schemas_opt,
		     char *buf, size_t size)
{
	char *bindings = bindings_find_dir(file, bindings_opt);
	const char *from = NULL;
	char why[512] = "";
	char *core = schema_core_dir(schemas_opt, &from, why, sizeof(why));
	if (!bindings)
		snprintf(buf, size, "off: no binding documents were found (a kernel tree's "
			 "Documentation/devicetree/bindings, Bindings/ beside src/, or --bindings DIR)");
	else if (!core)
		snprintf(buf, size, "off: %s", why);
	else
		snprintf(buf, size, "on: binding documents %s, core schemas %s (%s)", bindings,
			 core, from);
	free(bindings);
	free(core);
}

/* ---- loading ahead ---------------------------------------------------------- */

struct prefetch {
	char *file, *bindings, *schemas;
	pthread_t thread;
	struct prefetch *next;
};

static struct prefetch *prefetches;	/* started, not yet joined (under lock) */

static void *prefetch_thread(void *arg)
{
	struct prefetch *p = arg;
	found(p->file, p->bindings, p->schemas, 0);
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void schema_prefetch(const char *file, const char *bindings_opt, const char *schemas_opt)
{
	struct prefetch *p = xcalloc(1, sizeof(*p));
	p->file = xstrdup(file);
	p->bindings = dup_or_null(bindings_opt);
	p->schemas = dup_or_null(schemas_opt);
	pthread_mutex_lock(&lock);
	int started = pthread_create(&p->thread, NULL, prefetch_thread, p) == 0;
	if (started) {
		p->next = prefetches;
		prefetches = p;
	}
	pthread_mutex_unlock(&lock);
	if (!started) {
		free(p->file);
		free(p->bindings);
		free(p->schemas);
		free(p);
	}
}

void schema_settle(void)
{
	pthread_mutex_lock(&lock);
	struct prefetch *p = prefetches;
	prefetches = NULL;
	pthread_mutex_unlock(&lock);
	while (p) {
		struct prefetch *next = p->next;
		pthread_join(p->thread, NULL);
		free(p->file);
		free(p->bindings);
		free(p->schemas);
		free(p);
		p = next;
	}
}

/* Every this many boards: 30 copies of the corpus tree peaked at 69 MB
 * with every 32, 63 MB with every 4, at no measurable cost (the refaults
 * of the pages still in use come from the page cache). */
enum { DROP_EVERY_BOARDS = 4 };

void schema_board_done(const struct schema_set *set)
{
	if (!set)
		return;
	pthread_mutex_lock(&lock);
	int drop = ++boards % DROP_EVERY_BOARDS == 0;
	pthread_mutex_unlock(&lock);
	if (drop)
		sset_drop_pages(set);
}
