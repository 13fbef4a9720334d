#include "ffa.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int ffa_manifest_version(const struct dtidy_node *root, unsigned *major, unsigned *minor)
{
	const struct dtidy_prop *p = dtidy_prop_get(root, "compatible");
	long ns = dtidy_prop_nstrings(p);
	for (long i = 0; i < ns; i++) {
		const char *s = dtidy_prop_string(p, (size_t)i);
		char end;
		if (dtidy_match("^arm,ffa-manifest-[0-9]+\\.[0-9]+$", s) &&
		    sscanf(s, "arm,ffa-manifest-%u.%u%c", major, minor, &end) == 2)
			return 1;
	}
	return 0;
}

int ffa_u32(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name, uint32_t max,
	    const char *meaning, uint32_t *v)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, name);
	if (!p)
		return 0;
	if (!hv_prop_u32(p, v)) {
		dtidy_report_prop(ctx, NULL, p, "%s is one 32-bit cell (<u32>)", name);
		return 0;
	}
	if (*v > max) {
		dtidy_report_prop(ctx, NULL, p, "%s = <%#" PRIx32 ">: %s", name, *v, meaning);
		return 0;
	}
	return 1;
}

int ffa_need(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name, const char *what)
{
	if (dtidy_prop_get(n, name))
		return 1;
	dtidy_report_node(ctx, n, "%s lacks %s, which is mandatory (%s)",
			  n->parent ? (n->name[0] ? n->name : "/") : "the manifest", name, what);
	return 0;
}

int ffa_u64(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name, uint64_t *v)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, name);
	uint32_t lo;
	if (!p)
		return 0;
	if (hv_prop_u64(p, v))
		return 1;
	if (hv_prop_u32(p, &lo)) { /* readers accept a 32-bit value too */
		*v = lo;
		return 1;
	}
	dtidy_report_prop(ctx, NULL, p, "%s is a 64-bit address (<u64>: two cells <hi lo>)", name);
	return 0;
}
