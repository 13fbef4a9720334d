/* status-okay: status = "okay", not the older "ok". */
#include <string.h>

#include "../context.h"
#include "style.h"

static int is_named(const struct style_file *sf, uint32_t tok, const char *name)
{
	const struct dt_token *t = &sf->toks[tok];
	return t->len == strlen(name) && !memcmp(sf->text + t->off, name, t->len);
}

static void body(const struct style_file *sf, const struct cst *b, void *ud)
{
	(void)ud;
	CST_FOREACH(c, b)
	{
		if (c->kind != CST_PROP || c->tok == CST_NONE || !is_named(sf, c->tok, "status"))
			continue;
		const struct cst *v = c->child;
		if (!v || v->kind != CST_STRING || v->next || v->tok == CST_NONE ||
		    !is_named(sf, v->tok, "\"ok\""))
			continue;
		const struct dt_token *t = &sf->toks[v->tok];
		struct dtidy_report *r =
			style_report(sf, t->off, t->off + t->len, "status \"ok\" should be \"okay\"");
		struct dtidy_loc loc = {.file = NULL, .start = t->off, .end = t->off + t->len};
		dtidy_report_fix(r, loc, "\"okay\"");
	}
}

static void check(struct dtidy_ctx *ctx)
{
	style_check_bodies(ctx, body, NULL);
}

const struct dtidy_rule dtidy_rule_status_okay = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "status-okay",
	.family = "style",
	.severity = DTIDY_SEV_WARNING,
	.flags = DTIDY_RULE_OPT_IN | DTIDY_RULE_FIXABLE | RULE_READS_SOURCE,
	.description = "status = \"ok\" instead of \"okay\"",
	.help = "A node is enabled with status = \"okay\". \"ok\" is an old spelling that\n"
		"the kernel still accepts but the Devicetree specification does not\n"
		"list, and schema checks reject. --fix writes \"okay\".\n"
		"\n"
		"Bad:\n"
		"\tstatus = \"ok\";\n"
		"\n"
		"Good:\n"
		"\tstatus = \"okay\";\n",
	.check = check,
};
