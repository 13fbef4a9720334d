#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "../core/profile.h"
#include "../core/source.h"
#include "../core/xalloc.h"
#include "../include/dtidy/diag.h"
#include "../parser/pp/pp.h"
#include "registry.h"
#include "style/style_mode.h"

struct loader {
	yaml_document_t doc;
	struct source *src;
	struct diag_list *errs;
	const struct config_check *chk;
	int failed;
};

__attribute__((format(printf, 3, 4)))
static void fail(struct loader *L, const yaml_node_t *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t off = at ? at->start_mark.index : 0, end = at ? at->end_mark.index : 0;
	if (off > L->src->len)
		off = L->src->len;
	if (end > L->src->len || end < off)
		end = off;
	diag_add(L->errs, L->src, off, end, DTIDY_SEV_ERROR, "config", "%s", msg);
	L->failed = 1;
}

static yaml_node_t *node(struct loader *L, int i)
{
	return yaml_document_get_node(&L->doc, i);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static const char *want_scalar(struct loader *L, const yaml_node_t *n, const char *what)
{
	const char *s = scalar(n);
	if (!s)
		fail(L, n, "%s must be a single value", what);
	return s;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_bool(const char *s)
{
	if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on"))
		return 1;
	if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "off"))
		return 0;
	return -1;
}

static int parse_severity(const char *s)
{
	static const struct { const char *name; int sev; } t[] = {
		{"error", DTIDY_SEV_ERROR}, {"warning", DTIDY_SEV_WARNING},
		{"note", DTIDY_SEV_NOTE},   {"off", DTIDY_SEV_OFF},
		{"on", CONFIG_ON},	    {"kernel", CONFIG_ON},
		{"true", CONFIG_ON},	    {"false", DTIDY_SEV_OFF},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(s, t[i].name))
			return t[i].sev;
	return CONFIG_UNSET;
}

/* A path from the configuration, relative to its directory. */
static char *rebase(const char *dir, const char *p)
{
	if (p[0] == '/' || !strcmp(dir, "."))
		return xstrdup(p);
	size_t n = strlen(dir) + strlen(p) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/%s", dir, p);
	return s;
}

static void add_setting(struct config_settings *set, const char *name, int sev)
{
	VEC_RESERVE(set->v, set->cap, set->n + 1);
	struct config_setting *s = &set->v[set->n++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->severity = sev;
}

static void severity_value(struct loader *L, const yaml_node_t *v, const char *name,
			   struct config_settings *set)
{
	const char *s = scalar(v);
	int sev = s ? parse_severity(s) : CONFIG_UNSET;
	if (sev == CONFIG_UNSET) {
		fail(L, v, "'%s': severity must be error, warning, note, off or on", name);
		return;
	}
	add_setting(set, name, sev);
}

/* An old rule id (renamed for the 7.4 checker) is noted once, at its place. */
static void note_renamed(struct loader *L, const yaml_node_t *k, const char *name)
{
	if (!registry_renamed(name))
		return;
	char where[600];
	snprintf(where, sizeof(where), "%s:%zu", L->src->path ? L->src->path : CONFIG_NAME,
		 (size_t)k->start_mark.line + 1);
	registry_note_renamed(name, where);
}

/* NAME: severity | { severity: S, OPTION: value, ... }; the style family
 * also takes { mode: relaxed | strict | stricter }. */
static void rule_entry(struct loader *L, const yaml_node_t *k, const char *name,
		       const yaml_node_t *v, struct config_settings *set)
{
	note_renamed(L, k, name);
	if (v->type != YAML_MAPPING_NODE) {
		severity_value(L, v, name, set);
		return;
	}
	add_setting(set, name, CONFIG_ON);
	struct config_setting *s = &set->v[set->n - 1];
	for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top;
	     q++) {
		const yaml_node_t *ok = node(L, q->key), *ov = node(L, q->value);
		const char *key = want_scalar(L, ok, "an option name");
		const char *val = key ? want_scalar(L, ov, key) : NULL;
		if (!val)
			continue;
		if (!strcmp(key, "severity")) {
			int sev = parse_severity(val);
			if (sev == CONFIG_UNSET)
				fail(L, ov, "'%s': severity must be error, warning, note, off or on",
				     name);
			s->severity = sev;
		} else if (!strcmp(name, "style") && !strcmp(key, "mode")) {
			s->style_mode = style_mode_parse(val);
			if (!s->style_mode)
				fail(L, ov, "'style: mode' must be relaxed, strict or stricter "
					    "(the modes of the kernel's dt-check-style)");
		} else if (!L->chk->option_ok(L->chk->ud, name, key)) {
			fail(L, ok, "rule '%s' has no option '%s'", name, key);
		} else {
			s->keys = xrealloc(s->keys, (s->nopts + 1) * sizeof(*s->keys));
			s->vals = xrealloc(s->vals, (s->nopts + 1) * sizeof(*s->vals));
			s->keys[s->nopts] = xstrdup(key);
			s->vals[s->nopts++] = xstrdup(val);
		}
	}
}

/* rules: { NAME: ..., ... } */
static void load_rules(struct loader *L, const yaml_node_t *map, struct config_settings *set)
{
	if (map->type != YAML_MAPPING_NODE) {
		fail(L, map, "'rules' must map rule ids or families to a severity");
		return;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = node(L, p->key), *v = node(L, p->value);
		const char *name = want_scalar(L, k, "a rule id");
		if (!name)
			continue;
		if (!L->chk->name_ok(L->chk->ud, name)) {
			fail(L, k, "unknown rule or family '%s' (see dtidy rules)", name);
			continue;
		}
		rule_entry(L, k, name, v, set);
	}
}

/* A scalar or a sequence of scalars. */
static char **string_list(struct loader *L, const yaml_node_t *v, const char *what, size_t *n)
{
	char **out = NULL;
	*n = 0;
	if (v->type == YAML_SCALAR_NODE) {
		out = xmalloc(sizeof(*out));
		out[(*n)++] = xstrdup(scalar(v));
		return out;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		fail(L, v, "'%s' must be a value or a list", what);
		return NULL;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	     it++) {
		const char *s = want_scalar(L, node(L, *it), what);
		if (!s)
			continue;
		out = xrealloc(out, (*n + 1) * sizeof(*out));
		out[(*n)++] = xstrdup(s);
	}
	return out;
}

static void load_overrides(struct loader *L, const yaml_node_t *seq, struct config *c)
{
	if (seq->type != YAML_SEQUENCE_NODE) {
		fail(L, seq, "'overrides' must be a list of { files: [...], rules: {...} }");
		return;
	}
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		const yaml_node_t *m = node(L, *it);
		if (m->type != YAML_MAPPING_NODE) {
			fail(L, m, "an override must be { files: [...], rules: {...} }");
			continue;
		}
		c->overrides = xrealloc(c->overrides, (c->noverrides + 1) * sizeof(*c->overrides));
		struct config_override *o = &c->overrides[c->noverrides++];
		memset(o, 0, sizeof(*o));
		for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
		     p < m->data.mapping.pairs.top; p++) {
			const yaml_node_t *k = node(L, p->key), *v = node(L, p->value);
			const char *key = want_scalar(L, k, "a key");
			if (!key)
				continue;
			if (!strcmp(key, "files"))
				o->globs = string_list(L, v, "files", &o->nglobs);
			else if (!strcmp(key, "rules"))
				load_rules(L, v, &o->rules);
			else
				fail(L, k, "unknown key '%s' in an override (expected files, rules)", key);
		}
		if (!o->nglobs)
			fail(L, m, "an override needs 'files'");
	}
}

static void load_format(struct loader *L, const yaml_node_t *m, struct config_format *f)
{
	if (m->type != YAML_MAPPING_NODE) {
		fail(L, m, "'format' must be { indent, tab-width, line-width, sort }");
		return;
	}
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *k = node(L, p->key), *v = node(L, p->value);
		const char *key = want_scalar(L, k, "a key");
		const char *val = key ? want_scalar(L, v, key) : NULL;
		long n;
		if (!val)
			continue;
		if (!strcmp(key, "indent")) {
			if (!strcmp(val, "tab"))
				f->indent = 0;
			else if (!parse_int(val, 1, 16, &n))
				f->indent = (int)n;
			else
				fail(L, v, "'indent' must be tab or a number of spaces (1-16)");
		} else if (!strcmp(key, "tab-width")) {
			if (!parse_int(val, 1, 16, &n))
				f->tab_width = (int)n;
			else
				fail(L, v, "'tab-width' must be a number of columns (1-16)");
		} else if (!strcmp(key, "line-width")) {
			if (!parse_int(val, 20, 10000, &n))
				f->line_width = (int)n;
			else
				fail(L, v, "'line-width' must be a number from 20 to 10000");
		} else if (!strcmp(key, "sort")) {
			f->sort = parse_bool(val);
			if (f->sort < 0)
				fail(L, v, "'sort' must be true or false");
		} else {
			fail(L, k, "unknown key '%s' in format (expected indent, tab-width, "
				   "line-width, sort)", key);
		}
	}
}

static void load_top(struct loader *L, struct config *c)
{
	const yaml_node_t *root = yaml_document_get_root_node(&L->doc);
	if (!root)
		return;	/* an empty file configures nothing */
	if (root->type != YAML_MAPPING_NODE) {
		fail(L, root, "the configuration must be a mapping (key: value)");
		return;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = node(L, p->key), *v = node(L, p->value);
		const char *key = want_scalar(L, k, "a key");
		long n;
		if (!key)
			continue;
		if (!strcmp(key, "level")) {
			const char *s = want_scalar(L, v, "level");
			if (s && parse_int(s, 0, 2, &n))
				fail(L, v, "'level' must be 0, 1 or 2");
			else if (s)
				c->level = (int)n;
		} else if (!strcmp(key, "profile")) {
			const char *s = want_scalar(L, v, "profile");
			enum dt_profile pr;
			if (s && dt_profile_from_name(s, &pr) < 0)
				fail(L, v, "'profile' must be one of %s", dt_profile_names());
			else if (s)
				c->profile = (int)pr;
		} else if (!strcmp(key, "include")) {
			size_t ni = 0;
			char **inc = string_list(L, v, "include", &ni);
			for (size_t i = 0; i < ni; i++) {
				char *r = rebase(c->dir, inc[i]);
				free(inc[i]);
				inc[i] = r;
			}
			c->includes = inc;
			c->nincludes = ni;
		} else if (!strcmp(key, "defines")) {
			size_t nd = 0;
			char **defs = string_list(L, v, "defines", &nd);
			for (size_t i = 0; i < nd; i++)
				if (!pp_define_valid(defs[i], 0))
					fail(L, v, "'defines' takes NAME or NAME=VALUE, as -D does "
						   "(not '%s')", defs[i]);
			c->defines = defs;
			c->ndefines = nd;
		} else if (!strcmp(key, "rules")) {
			load_rules(L, v, &c->rules);
		} else if (!strcmp(key, "overrides")) {
			load_overrides(L, v, c);
		} else if (!strcmp(key, "format")) {
			load_format(L, v, &c->format);
		} else if (L->chk->name_ok(L->chk->ud, key)) {
			/* a family (or rule) at top level: `style: kernel`,
			 * `style: {mode: strict}` */
			rule_entry(L, k, key, v, &c->rules);
		} else {
			fail(L, k,
			     "unknown key '%s' (expected level, profile, include, defines, rules, overrides, "
			     "format, "
			     "or a rule family such as 'style')",
			     key);
		}
	}
}

static void init(struct config *c)
{
	c->level = CONFIG_UNSET;
	c->profile = CONFIG_UNSET;
	c->format.indent = c->format.tab_width = CONFIG_UNSET;
	c->format.line_width = c->format.sort = CONFIG_UNSET;
}

struct config *config_empty(void)
{
	struct config *c = xcalloc(1, sizeof(*c));
	init(c);
	c->path = xstrdup("");
	c->dir = xstrdup(".");
	return c;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

struct config *config_load(const char *path, const struct config_check *chk,
			   struct diag_list *errs)
{
	char *err = NULL;
	struct source *src = source_load(path, &err);
	if (!src) {
		diag_add_file(errs, path, DTIDY_SEV_ERROR, "config", "%s", err);
		free(err);
		return NULL;
	}
	struct config *c = xcalloc(1, sizeof(*c));
	init(c);
	c->path = xstrdup(path);
	c->dir = dir_of(path);
	struct loader L = {.src = src, .errs = errs, .chk = chk};
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->text, src->len);
	if (!yaml_parser_load(&parser, &L.doc)) {
		size_t off = parser.problem_mark.index;
		diag_add(errs, src, off > src->len ? src->len : off, off > src->len ? src->len : off,
			 DTIDY_SEV_ERROR, "config", "invalid YAML: %s",
			 parser.problem ? parser.problem : "syntax error");
		L.failed = 1;
	} else {
		load_top(&L, c);
		yaml_document_delete(&L.doc);
	}
	yaml_parser_delete(&parser);
	source_free(src);
	if (L.failed) {
		config_free(c);
		return NULL;
	}
	return c;
}

static void settings_free(struct config_settings *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		for (size_t j = 0; j < s->v[i].nopts; j++) {
			free(s->v[i].keys[j]);
			free(s->v[i].vals[j]);
		}
		free(s->v[i].keys);
		free(s->v[i].vals);
	}
	free(s->v);
}

void config_free(struct config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->dir);
	for (size_t i = 0; i < c->nincludes; i++)
		free(c->includes[i]);
	free(c->includes);
	for (size_t i = 0; i < c->ndefines; i++)
		free(c->defines[i]);
	free(c->defines);
	settings_free(&c->rules);
	for (size_t i = 0; i < c->noverrides; i++) {
		for (size_t j = 0; j < c->overrides[i].nglobs; j++)
			free(c->overrides[i].globs[j]);
		free(c->overrides[i].globs);
		settings_free(&c->overrides[i].rules);
	}
	free(c->overrides);
	free(c);
}

char *config_search_start(const char *file)
{
	return dir_of(file);
}

char *config_in_dir(const char *dir)
{
	size_t n = strlen(dir) + sizeof(CONFIG_NAME) + 1;
	char *cand = xmalloc(n);
	snprintf(cand, n, "%s/%s", dir, CONFIG_NAME);
	struct stat st;
	if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
		return cand;
	free(cand);
	return NULL;
}

char *config_search_up(const char *dir)
{
	/* walk up as written while the path has components ("a/b" -> "a" ->
	 * "."), so messages name the file the way the user does; above the
	 * working directory, absolute paths */
	if (!strcmp(dir, "/"))
		return NULL;
	if (!strcmp(dir, ".") || strstr(dir, "..")) {
		char *abs = realpath(dir, NULL);
		if (!abs)
			return NULL;
		char *up = dir_of(abs);
		free(abs);
		return up;
	}
	return dir_of(dir);
}

char *config_find(const char *file)
{
	char *found = NULL;
	for (char *dir = config_search_start(file); dir;) {
		found = config_in_dir(dir);
		char *up = found ? NULL : config_search_up(dir);
		free(dir);
		dir = up;
	}
	return found;
}

/* Globs are relative to the configuration's directory; a glob without '/'
 * also matches the file's base name anywhere below it. */
static int glob_matches(const struct config *c, const char *glob, const char *file)
{
	const char *rel = file;
	size_t dl = strlen(c->dir);
	if (strcmp(c->dir, ".") && !strncmp(file, c->dir, dl) && file[dl] == '/')
		rel = file + dl + 1;
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	if (!fnmatch(glob, rel, 0))
		return 1;
	if (!strchr(glob, '/')) {
		const char *base = strrchr(rel, '/');
		return !fnmatch(glob, base ? base + 1 : rel, 0);
	}
	return 0;
}

void config_each_setting(const struct config *c, const char *file,
			 void (*fn)(void *ud, const struct config_setting *s), void *ud)
{
	for (size_t i = 0; i < c->rules.n; i++)
		fn(ud, &c->rules.v[i]);
	/* a configuration found by walking up has an absolute directory */
	char *abs = NULL;
	if (c->noverrides && c->dir[0] == '/' && file[0] != '/' && (abs = realpath(file, NULL)))
		file = abs;
	for (size_t i = 0; i < c->noverrides; i++) {
		const struct config_override *o = &c->overrides[i];
		int hit = 0;
		for (size_t g = 0; g < o->nglobs && !hit; g++)
			hit = glob_matches(c, o->globs[g], file);
		for (size_t j = 0; hit && j < o->rules.n; j++)
			fn(ud, &o->rules.v[j]);
	}
	free(abs);
}
