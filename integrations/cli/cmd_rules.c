/* dtidy rules [ID]: the rule table, or one rule's help. */
#include <stdio.h>
#include <string.h>

#include "../../core/diag.h"
#include "../../core/report.h"
#include "../../core/strbuf.h"
#include "../../rules/engine.h"
#include "../../rules/schema/set_registry.h"
#include "../../rules/style/style_mode.h"
#include "cli.h"

static void list(const struct engine *e)
{
	size_t n;
	const struct dtidy_rule *const *r = engine_rules(e, &n);
	printf("%-28s %-11s %-8s %-7s %s\n", "RULE", "FAMILY", "SEVERITY", "FIXABLE",
	       "DESCRIPTION");
	for (size_t i = 0; i < n; i++) {
		const char *sev = diag_severity_name(r[i]->severity);
		printf("%-28s %-11s %-8s %-7s %s%s\n", r[i]->id, r[i]->family, sev,
		       r[i]->flags & DTIDY_RULE_FIXABLE ? "yes" : "no", r[i]->description,
		       r[i]->flags & DTIDY_RULE_OPT_IN ? " (off unless enabled)" : "");
	}
}

/* --format=json: the table for tools (the dtc parity test maps dtc's check
 * names to rule ids with it). */
static void list_json(const struct engine *e)
{
	size_t n;
	const struct dtidy_rule *const *r = engine_rules(e, &n);
	struct strbuf b = {0};
	sb_puts(&b, "{\"version\":1,\"rules\":[");
	for (size_t i = 0; i < n; i++) {
		sb_puts(&b, i ? ",{\"id\":" : "{\"id\":");
		sb_json_str(&b, r[i]->id);
		sb_puts(&b, ",\"family\":");
		sb_json_str(&b, r[i]->family);
		sb_puts(&b, ",\"severity\":");
		sb_json_str(&b, diag_severity_name(r[i]->severity));
		sb_printf(&b, ",\"fixable\":%s,\"opt_in\":%s,\"level\":%d,\"dtc_check\":",
			  r[i]->flags & DTIDY_RULE_FIXABLE ? "true" : "false",
			  r[i]->flags & DTIDY_RULE_OPT_IN ? "true" : "false", r[i]->level);
		if (r[i]->dtc_check)
			sb_json_str(&b, r[i]->dtc_check);
		else
			sb_puts(&b, "null");
		if (!strcmp(r[i]->family, "style")) {
			sb_puts(&b, ",\"style_mode\":");
			sb_json_str(&b, style_mode_name(style_rule_mode(r[i]->id)));
		}
		sb_puts(&b, ",\"description\":");
		sb_json_str(&b, r[i]->description);
		sb_putc(&b, '}');
	}
	sb_puts(&b, "]}\n");
	fwrite(b.s, 1, b.len, stdout);
	sb_free(&b);
}

static void show(const struct dtidy_rule *r, const struct cli_opts *o)
{
	printf("%s — %s\n\n", r->id, r->description);
	printf("family: %s; default severity: %s%s; fixable: %s\n", r->family,
	       diag_severity_name(r->severity),
	       r->flags & DTIDY_RULE_OPT_IN ? " (off unless enabled)" : "",
	       r->flags & DTIDY_RULE_FIXABLE ? "yes (dtidy check --fix)" : "no");
	if (r->level > 0)
		printf("kernel level: W=%d (--level=%d or level: %d in .dtidy.yaml)\n", r->level,
		       r->level, r->level);
	if (!strcmp(r->family, "style")) {
		const char *m = style_mode_name(style_rule_mode(r->id));
		printf("kernel style mode: %s (on with the style family in --style-mode=%s and above, "
		       "as dt-check-style --mode=%s)\n", m, m, m);
	}
	if (r->dtc_check)
		printf("mirrors dtc check: %s\n", r->dtc_check);
	if (r->options && r->options[0]) {
		printf("options:");
		for (size_t i = 0; r->options[i]; i++)
			printf(" %s", r->options[i]);
		printf("\n");
	}
	if (!strcmp(r->family, "schema")) {
		/* whether the family runs here, and on what: the question a
		 * user asks when it says nothing */
		char status[1200];
		schema_describe("./.", NULL, o->schemas, status, sizeof(status));
		printf("here: %s\n", status);
	}
	if (r->help) {
		size_t n = strlen(r->help);
		printf("\n%s%s", r->help, n && r->help[n - 1] == '\n' ? "" : "\n");
	}
}

int cmd_rules(struct cli_opts *o)
{
	struct engine_opts eo = {.level = -1, .plugins = o->plugins, .nplugins = o->nplugins};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	if (!e) {
		report_text(stderr, &errs, 0, 0);
		diag_list_free(&errs);
		return 2;
	}
	int rc = 0;
	if (o->npaths == 0 && o->format == OUT_JSON) {
		list_json(e);
	} else if (o->npaths == 0) {
		list(e);
	} else {
		for (size_t i = 0; i < o->npaths; i++) {
			const struct dtidy_rule *r = engine_rule(e, o->paths[i]);
			if (!r) {
				fprintf(stderr, "dtidy rules: no rule '%s' (dtidy rules lists them)\n",
					o->paths[i]);
				rc = 2;
				continue;
			}
			if (i)
				printf("\n");
			show(r, o);
		}
	}
	fflush(stdout);
	engine_free(e);
	return rc;
}
