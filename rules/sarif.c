#include "sarif.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/source.h"
#include "../core/strbuf.h"

static const char *level_name(int sev)
{
	switch (sev) {
	case DTIDY_SEV_ERROR: return "error";
	case DTIDY_SEV_WARNING: return "warning";
	case DTIDY_SEV_NOTE: return "note";
	default: return "none";
	}
}

/* Findings that are the engine's own, not rules. */
static const struct {
	const char *id, *text;
} builtin_ids[] = {
	{"syntax", "the file does not parse as Devicetree Source"},
	{"include", "an #include or /include/ cannot be resolved"},
	{"preprocessor", "a preprocessor directive or macro is wrong, or (a note) comes from the files or the build that include this one"},
	{"eval", "a cell expression cannot be evaluated"},
	{"reference", "a label or path reference does not resolve"},
	{"io", "a file or directory cannot be read"},
	{"config", "the configuration (.dtidy.yaml or the command line) is wrong"},
	{"plugin", "a --plugin cannot be loaded"},
	{"schema-load", "a binding document or core schema cannot be read (not YAML, a $ref that goes nowhere or loops); the rest of the schema set is used"},
};

/* A relative URI reference: percent-encodes what is not unreserved. */
static json_t *uri_of(const char *path, const char *cwd)
{
	struct strbuf b = {0};
	size_t cl = cwd ? strlen(cwd) : 0;
	if (cwd && path[0] == '/' && !strncmp(path, cwd, cl) && path[cl] == '/')
		path += cl + 1;
	else if (path[0] == '/')
		sb_puts(&b, "file://");
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			sb_putc(&b, (char)*p);
		else
			sb_printf(&b, "%%%02X", *p);
	}
	json_t *s = json_string(sb_cstr(&b));
	sb_free(&b);
	return s;
}

/* Columns in SARIF count Unicode code points here (run.columnKind); ours
 * count bytes. Sources are re-read, one kept since results come sorted. */
struct colmap {
	struct source *src;
};

static unsigned cp_col(struct colmap *m, const char *file, unsigned line, unsigned col)
{
	if (!line || !col)
		return col ? col : 1;
	if (!m->src || strcmp(m->src->path, file)) {
		source_free(m->src);
		char *err = NULL;
		m->src = source_load(file, &err);
		free(err);
	}
	if (!m->src || line > m->src->nlines)
		return col;
	size_t st = source_line_start(m->src, line), n = source_line_len(m->src, line);
	unsigned cps = 1;
	for (size_t i = 0; i + 1 < col && i < n; i++)
		if (((unsigned char)m->src->text[st + i] & 0xC0) != 0x80)
			cps++;
	if (col - 1 > n)
		cps += (unsigned)(col - 1 - n);
	return cps;
}

static json_t *region(struct colmap *m, const char *file, unsigned line, unsigned col,
		      unsigned eline, unsigned ecol)
{
	if (eline < line || (eline == line && ecol < col)) {
		eline = line;
		ecol = col;
	}
	return json_pack("{s:I,s:I,s:I,s:I}", "startLine", (json_int_t)line, "startColumn",
			 (json_int_t)cp_col(m, file, line, col), "endLine", (json_int_t)eline,
			 "endColumn", (json_int_t)cp_col(m, file, eline, ecol));
}

static json_t *location(struct colmap *m, const char *cwd, const char *file, unsigned line,
			unsigned col, unsigned eline, unsigned ecol)
{
	json_t *phys = json_pack("{s:{s:o}}", "artifactLocation", "uri", uri_of(file, cwd));
	if (line)
		json_object_set_new(phys, "region", region(m, file, line, col, eline, ecol));
	return json_pack("{s:o}", "physicalLocation", phys);
}

/* What a finding is about, as SARIF logical locations: the node (a
 * JSON-like "object" named by its full path) or its property (named as dtc
 * names one in its messages, "/soc/uart@1000:reg"). */
static json_t *logical_locations(const struct diag *d)
{
	const char *slash = strrchr(d->node, '/');
	const char *name = slash && slash[1] ? slash + 1 : d->node;
	if (!d->prop)
		return json_pack("[{s:s,s:s,s:s}]", "name", name, "fullyQualifiedName", d->node,
				 "kind", "object");
	struct strbuf fq = {0};
	sb_printf(&fq, "%s:%s", d->node, d->prop);
	json_t *l = json_pack("[{s:s,s:s,s:s}]", "name", d->prop, "fullyQualifiedName",
			      sb_cstr(&fq), "kind", "property");
	sb_free(&fq);
	return l;
}

static json_t *rule_descriptor(const struct dtidy_rule *r)
{
	json_t *d = json_pack("{s:s,s:{s:s},s:{s:s}}", "id", r->id, "shortDescription", "text",
			      r->description, "defaultConfiguration", "level",
			      level_name(r->severity));
	if (r->help)
		json_object_set_new(d, "help", json_pack("{s:s}", "text", r->help));
	json_object_set_new(d, "properties",
			    json_pack("{s:s,s:b}", "family", r->family, "fixable",
				      (r->flags & DTIDY_RULE_FIXABLE) != 0));
	return d;
}

static json_t *fix_of(struct colmap *m, const char *cwd, const struct diag *d)
{
	json_t *changes = json_array();
	for (size_t i = 0; i < d->nedits; i++) {
		const struct diag_edit *e = &d->edits[i];
		json_t *rep = json_pack("{s:o,s:{s:s}}", "deletedRegion",
					region(m, e->file, e->line, e->col, e->end_line, e->end_col),
					"insertedContent", "text", e->text);
		json_array_append_new(changes,
				      json_pack("{s:{s:o},s:[o]}", "artifactLocation", "uri",
						uri_of(e->file, cwd), "replacements", rep));
	}
	return json_pack("{s:{s:s},s:o}", "description", "text", d->message, "artifactChanges",
			 changes);
}

void report_sarif(FILE *out, const struct engine *e, const struct diag_list *l,
		  const char *version)
{
	char *cwd = getcwd(NULL, 0);
	json_t *rules = json_array();
	json_t *index = json_object();	/* id -> index in rules */
	size_t n = 0;
	const struct dtidy_rule *const *all = e ? engine_rules(e, &n) : NULL;
	for (size_t i = 0; i < n; i++) {
		json_object_set_new(index, all[i]->id, json_integer((json_int_t)i));
		json_array_append_new(rules, rule_descriptor(all[i]));
	}
	for (size_t i = 0; i < sizeof(builtin_ids) / sizeof(builtin_ids[0]); i++) {
		json_object_set_new(index, builtin_ids[i].id,
				    json_integer((json_int_t)json_array_size(rules)));
		json_array_append_new(
			rules, json_pack("{s:s,s:{s:s},s:{s:s}}", "id", builtin_ids[i].id,
					 "shortDescription", "text", builtin_ids[i].text,
					 "defaultConfiguration", "level", "error"));
	}
	struct colmap m = {0};
	json_t *results = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];
		json_t *r = json_pack("{s:s,s:s,s:{s:s},s:[o]}", "ruleId", d->rule, "level",
				      level_name(d->severity), "message", "text", d->message,
				      "locations",
				      location(&m, cwd, d->file, d->line, d->col, d->end_line,
					       d->end_col));
		if (d->node)
			json_object_set_new(json_array_get(json_object_get(r, "locations"), 0),
					    "logicalLocations", logical_locations(d));
		json_t *ix = json_object_get(index, d->rule);
		if (ix)
			json_object_set(r, "ruleIndex", ix);
		if (d->rel_file) {
			json_t *rel = location(&m, cwd, d->rel_file, d->rel_line, d->rel_col,
					       d->rel_line, d->rel_col);
			json_object_set_new(rel, "id", json_integer(0));
			json_object_set_new(rel, "message", json_pack("{s:s}", "text", d->rel_message));
			json_object_set_new(r, "relatedLocations", json_pack("[o]", rel));
		}
		if (d->nedits)
			json_object_set_new(r, "fixes", json_pack("[o]", fix_of(&m, cwd, d)));
		json_array_append_new(results, r);
	}
	source_free(m.src);
	json_t *driver =
		json_pack("{s:s,s:s,s:o}", "name", "dtidy", "version", version, "rules", rules);
	json_t *run = json_pack("{s:{s:o},s:s,s:o}", "tool", "driver", driver, "columnKind",
				"unicodeCodePoints", "results", results);
	json_t *log = json_pack("{s:s,s:s,s:[o]}", "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
				"runs", run);
	json_dumpf(log, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(log);
	json_decref(index);
	free(cwd);
}
