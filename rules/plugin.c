#include "plugin.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/xalloc.h"

__attribute__((format(printf, 1, 2)))
static char *msg(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return xstrdup(buf);
}

static int valid_rule(const struct dtidy_rule *r, const char *path, char **err)
{
	if (r->api_version != DTIDY_RULE_API_VERSION) {
		char v[64];
		snprintf(v, sizeof(v), "%u (dtidy has %d)", r->api_version, DTIDY_RULE_API_VERSION);
		*err = msg("%s: a rule has rule API version %s; rebuild it against this dtidy's "
			   "include/dtidy",
			   path, v);
		return 0;
	}
	if (!r->id || !*r->id || !r->family || !r->description || !r->check) {
		*err = msg("%s: rule '%s' needs an id, a family, a description and a check function",
			   path, r->id ? r->id : "?");
		return 0;
	}
	if (r->severity < DTIDY_SEV_NOTE || r->severity > DTIDY_SEV_ERROR) {
		*err = msg("%s: rule '%s' has no default severity (note, warning or error)", path,
			   r->id);
		return 0;
	}
	return 1;
}

int plugin_load(const char *path, struct plugin *out, char **err)
{
	memset(out, 0, sizeof(*out));
	/* dlopen searches the library path for a bare name; a plugin is a file */
	char *p = strchr(path, '/') ? xstrdup(path) : msg("./%s", path);
	void *h = dlopen(p, RTLD_NOW | RTLD_LOCAL);
	free(p);
	if (!h) {
		*err = msg("cannot load plugin: %s", dlerror());
		return -1;
	}
	const struct dtidy_rule *const *rules = dlsym(h, PLUGIN_SYMBOL);
	if (!rules) {
		*err = msg("%s: no '%s' table (NULL-terminated array of rules)", path, PLUGIN_SYMBOL);
		dlclose(h);
		return -1;
	}
	size_t n = 0;
	for (; rules[n]; n++)
		if (!valid_rule(rules[n], path, err)) {
			dlclose(h);
			return -1;
		}
	if (!n) {
		*err = msg("%s: the plugin has no rules", path);
		dlclose(h);
		return -1;
	}
	out->handle = h;
	out->rules = rules;
	out->nrules = n;
	return 0;
}

void plugin_unload(struct plugin *p)
{
	if (p->handle)
		dlclose(p->handle);
	memset(p, 0, sizeof(*p));
}
