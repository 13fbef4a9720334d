/* A property's dt-schema type, spelled as types.yaml names it, for the
 * editor's hover (see set_registry.h). */
#include <stdio.h>
#include <string.h>

#include "schema/schema.h"
#include "set_registry.h"

static void name_of(const struct schema_ptype *t, char *buf, size_t size)
{
	switch (t->kind) {
	case SPT_FLAG: snprintf(buf, size, "flag"); break;
	case SPT_STRING: snprintf(buf, size, t->scalar ? "string" : "string-array"); break;
	case SPT_PHANDLE: snprintf(buf, size, "phandle"); break;
	case SPT_PHANDLE_ARRAY: snprintf(buf, size, "phandle-array"); break;
	case SPT_NODE: snprintf(buf, size, "node"); break;
	case SPT_INT:
		snprintf(buf, size, "%sint%u%s", t->is_signed ? "" : "u", t->bits ? (unsigned)t->bits : 32u,
			 t->matrix ? "-matrix" : t->scalar ? "" : "-array");
		break;
	default:
		buf[0] = '\0';
		break;
	}
}

const char *schema_type_name(const struct schema_set *set, const char *prop, char *buf,
			     size_t size)
{
	struct schema_ptype pt[4];
	size_t n = set && size ? schema_prop_types(set, prop, pt, 4) : 0;
	if (n > 4)
		n = 4;
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char one[32];
		name_of(&pt[i], one, sizeof(one));
		if (!one[0] || strstr(buf, one))
			continue;
		int k = snprintf(buf + len, size - len, "%s%s", len ? " or " : "", one);
		if (k < 0 || (size_t)k >= size - len)
			break;
		len += (size_t)k;
	}
	return len ? buf : NULL;
}
