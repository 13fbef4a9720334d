/* The engine: settings for each file, the model, the rules, suppressions. */
#include "engine.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/regex.h"
#include "../core/source.h"
#include "../core/strbuf.h"
#include "../core/xalloc.h"
#include "../kstyle/lines.h"
#include "../lexer/lexer.h"
#include "../parser/model/model.h"
#include "../parser/model/setup.h"
#include "../parser/parser.h"
#include "bindings/bindings_index.h"
#include "schema/set_registry.h"
#include "context.h"
#include "plugin.h"
#include "registry.h"
#include "suppress.h"
#include "style/style_mode.h"

/* The bytes of files that no board being checked holds, kept for the
 * boards still to come (see src_cache.h). Boards are checked in path
 * order, and the files a board shares with the next ones (its SoC .dtsi,
 * the dt-bindings headers) are the recently used ones: 8 MiB keeps a
 * vendor directory's worth, and a whole kernel tree's run stays bounded
 * instead of keeping all it read (over 100 MiB). */
#define ENGINE_CACHE_IDLE_BYTES ((size_t)8 << 20)

struct cached_config {
	char *path;
	struct config *cfg;		/* NULL: it has errors */
	struct diag_list errs;
};

struct engine {
	struct engine_opts opts;
	const struct dtidy_rule **rules;	/* built in + plugins, sorted by id */
	size_t nrules;
	struct plugin *plugins;
	size_t nplugins;
	struct config *forced;		/* --config */
	struct config *empty;
	pthread_mutex_t lock;		/* guards the cache */
	struct cached_config *cache;
	size_t ncache, capcache;
	struct src_cache *files;	/* shared file cache (opts.cache_files) */
	struct config_memo *memo;	/* each directory's .dtidy.yaml (opts.cache_files) */
	/* the rules' settings under each configuration without overrides
	 * (the same for all its files), made once; under the lock */
	struct settled *settled;
	size_t nsettled;
};

struct settled {
	const struct config *cfg;
	struct rule_state *st;		/* nrules */
};

static int by_id(const void *a, const void *b)
{
	const struct dtidy_rule *x = *(const struct dtidy_rule *const *)a;
	const struct dtidy_rule *y = *(const struct dtidy_rule *const *)b;
	return strcmp(x->id, y->id);
}

const struct dtidy_rule *engine_rule(const struct engine *e, const char *id)
{
	struct dtidy_rule key = {.id = id};
	const struct dtidy_rule *kp = &key;
	if (!e->nrules)
		return NULL;
	const struct dtidy_rule **r = bsearch(&kp, e->rules, e->nrules, sizeof(*e->rules), by_id);
	return r ? *r : NULL;
}

const struct dtidy_rule *const *engine_rules(const struct engine *e, size_t *n)
{
	*n = e->nrules;
	return e->rules;
}

static int is_family(const struct engine *e, const char *name)
{
	if (registry_is_family(name))
		return 1;
	for (size_t i = 0; i < e->nrules; i++)
		if (!strcmp(e->rules[i]->family, name))
			return 1;
	return 0;
}

/* Names that are not rules but may be configured or suppressed. */
static int is_engine_name(const char *name)
{
	static const char *const names[] = {
		"syntax", "include", "preprocessor", "eval", "reference",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

/* Names a suppression comment may use. */
static int name_ok(void *ud, const char *name)
{
	const struct engine *e = ud;
	return engine_rule(e, registry_canonical(name)) || is_family(e, name) ||
	       is_engine_name(name);
}

/* Names the configuration and the command line may use. */
static int config_names_ok(void *ud, const char *name)
{
	const struct engine *e = ud;
	return engine_rule(e, registry_canonical(name)) || is_family(e, name);
}

static int option_ok(void *ud, const char *id, const char *opt)
{
	const struct dtidy_rule *r = engine_rule(ud, registry_canonical(id));
	for (size_t i = 0; r && r->options && r->options[i]; i++)
		if (!strcmp(r->options[i], opt))
			return 1;
	return 0;
}

static int add_rule(struct engine *e, const struct dtidy_rule *r, const char *from,
		    struct diag_list *errs)
{
	if (engine_rule(e, r->id) || is_engine_name(r->id)) {
		diag_add_file(errs, from, DTIDY_SEV_ERROR, "plugin",
			      "rule '%s' is already defined", r->id);
		return -1;
	}
	e->rules = xrealloc(e->rules, (e->nrules + 1) * sizeof(*e->rules));
	e->rules[e->nrules++] = r;
	qsort(e->rules, e->nrules, sizeof(*e->rules), by_id);
	return 0;
}

static int check_cli_names(struct engine *e, char *const *names, size_t n, const char *opt,
			   struct diag_list *errs)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		if (!config_names_ok(e, names[i])) {
			diag_add_file(errs, opt, DTIDY_SEV_ERROR, "config",
				      "unknown rule or family '%s' (see dtidy rules)", names[i]);
			bad = 1;
		} else {
			registry_note_renamed(names[i], opt);
		}
	return bad;
}

struct engine *engine_new(const struct engine_opts *o, struct diag_list *errs)
{
	struct engine *e = xcalloc(1, sizeof(*e));
	e->opts = *o;
	pthread_mutex_init(&e->lock, NULL);
	e->empty = config_empty();
	if (o->cache_files) {
		e->files = src_cache_new_bounded(ENGINE_CACHE_IDLE_BYTES);
		e->memo = config_memo_new();
	}
	size_t nb;
	const struct dtidy_rule *const *builtin = registry_rules(&nb);
	int bad = 0;
	/* the registry's ids are its own to keep apart: sorted once, not a
	 * sort for each rule added */
	e->rules = xmalloc((nb ? nb : 1) * sizeof(*e->rules));
	for (size_t i = 0; i < nb; i++)
		e->rules[e->nrules++] = builtin[i];
	qsort(e->rules, e->nrules, sizeof(*e->rules), by_id);
	size_t w = 0;
	for (size_t i = 0; i < e->nrules; i++) {
		const struct dtidy_rule *r = e->rules[i];
		if ((w && !strcmp(e->rules[w - 1]->id, r->id)) || is_engine_name(r->id)) {
			diag_add_file(errs, "dtidy", DTIDY_SEV_ERROR, "plugin",
				      "rule '%s' is already defined", r->id);
			continue;
		}
		e->rules[w++] = r;
	}
	e->nrules = w;
	for (size_t i = 0; i < o->nplugins; i++) {
		struct plugin p;
		char *err = NULL;
		if (plugin_load(o->plugins[i], &p, &err)) {
			diag_add_file(errs, o->plugins[i], DTIDY_SEV_ERROR, "plugin", "%s", err);
			free(err);
			bad = 1;
			continue;
		}
		e->plugins = xrealloc(e->plugins, (e->nplugins + 1) * sizeof(*e->plugins));
		e->plugins[e->nplugins++] = p;
		for (size_t j = 0; j < p.nrules; j++)
			bad |= add_rule(e, p.rules[j], o->plugins[i], errs) != 0;
	}
	bad |= check_cli_names(e, o->enable, o->nenable, "--enable", errs);
	bad |= check_cli_names(e, o->disable, o->ndisable, "--disable", errs);
	bad |= check_cli_names(e, o->only, o->nonly, "--only", errs);
	if (!bad && o->config) {
		struct config_check chk = {config_names_ok, option_ok, e};
		e->forced = config_load(o->config, &chk, errs);
		bad = !e->forced;
	}
	if (bad) {
		engine_free(e);
		return NULL;
	}
	return e;
}

static int off_by_cli(const struct engine *e, const struct dtidy_rule *r);

/* Could a rule that reads the binding documents be on? Those rules take
 * the "bindings" option (the documents' directory). */
static int reads_bindings(const struct engine *e)
{
	for (size_t i = 0; i < e->nrules; i++) {
		const struct dtidy_rule *r = e->rules[i];
		for (size_t k = 0; r->check && r->options && r->options[k]; k++)
			if (!strcmp(r->options[k], "bindings") && !off_by_cli(e, r))
				return 1;
	}
	return 0;
}

static int schema_family_enabled(const struct engine *e, const struct config *cfg,
				 const char *path);

void engine_prepare(struct engine *e, const char *path)
{
	if (e->opts.no_bindings)
		return;
	/* indexing a kernel's binding documents stats thousands of files:
	 * only worth starting for a run that may read them */
	if (reads_bindings(e))
		bindings_prefetch(path, e->opts.bindings);
	/* the schema rules' set too, when they are on for such files */
	struct diag_list errs = {0};
	const struct config *cfg = engine_config_for(e, path, &errs);
	diag_list_free(&errs);
	if (cfg && schema_family_enabled(e, cfg, path))
		schema_prefetch(path, e->opts.bindings, e->opts.schemas);
}

void engine_free(struct engine *e)
{
	if (!e)
		return;
	bindings_settle();
	schema_settle();
	for (size_t i = 0; i < e->ncache; i++) {
		free(e->cache[i].path);
		config_free(e->cache[i].cfg);
		diag_list_free(&e->cache[i].errs);
	}
	free(e->cache);
	for (size_t i = 0; i < e->nsettled; i++)
		free(e->settled[i].st);
	free(e->settled);
	config_free(e->forced);
	config_free(e->empty);
	if (e->files)
		src_cache_free(e->files);
	config_memo_free(e->memo);
	free(e->rules);
	for (size_t i = 0; i < e->nplugins; i++)
		plugin_unload(&e->plugins[i]);
	free(e->plugins);
	pthread_mutex_destroy(&e->lock);
	free(e);
}

const struct config *engine_config_for(struct engine *e, const char *path,
				       struct diag_list *errs)
{
	if (e->forced)
		return e->forced;
	char *own = e->memo ? NULL : config_find(path);
	const char *found = e->memo ? config_memo_find(e->memo, path) : own;
	if (!found)
		return e->empty;
	pthread_mutex_lock(&e->lock);
	struct cached_config *c = NULL;
	for (size_t i = 0; i < e->ncache && !c; i++)
		if (!strcmp(e->cache[i].path, found))
			c = &e->cache[i];
	if (!c) {
		VEC_RESERVE(e->cache, e->capcache, e->ncache + 1);
		c = &e->cache[e->ncache++];
		memset(c, 0, sizeof(*c));
		c->path = own ? own : xstrdup(found);
		own = NULL;
		struct config_check chk = {config_names_ok, option_ok, e};
		c->cfg = config_load(c->path, &chk, &c->errs);
	}
	const struct config *cfg = c->cfg;
	if (!cfg)
		diag_list_copy(errs, &c->errs);
	pthread_mutex_unlock(&e->lock);
	free(own);
	return cfg;
}

unsigned engine_parse_flags(struct engine *e, const char *path)
{
	enum dt_profile p = engine_profile_for(e, path, NULL);
	return p == DT_PROFILE_ZEPHYR || p == DT_PROFILE_ZMK ? DT_PARSE_DTLIB : 0;
}

enum dt_profile engine_profile_for(struct engine *e, const char *path, struct strbuf *why)
{
	if (e->opts.profile_given) {
		if (why)
			sb_puts(why, "given with --profile");
		return e->opts.profile;
	}
	struct diag_list errs = {0};
	const struct config *cfg = engine_config_for(e, path, &errs);
	diag_list_free(&errs);	/* reported by whoever checks the file */
	if (cfg && cfg->profile != CONFIG_UNSET) {
		if (why)
			sb_printf(why, "'profile:' in %s", cfg->path);
		return (enum dt_profile)cfg->profile;
	}
	return dt_profile_detect(path, why);
}

static const char **include_dirs(const struct engine *e, const struct config *cfg, size_t *n);

static void settle_rules(const struct engine *e, const struct config *cfg, const char *path,
			 struct rule_state *st);

/* Is some rule of the schema family on for this file? */
static int schema_family_enabled(const struct engine *e, const struct config *cfg,
				 const char *path)
{
	struct rule_state *st = xcalloc(e->nrules ? e->nrules : 1, sizeof(*st));
	settle_rules(e, cfg, path, st);
	int on = 0;
	for (size_t i = 0; i < e->nrules && !on; i++)
		on = st[i].enabled && !strcmp(e->rules[i]->family, "schema");
	free(st);
	return on;
}

void engine_describe(struct engine *e, const char *path, struct strbuf *out)
{
	struct strbuf why = {0};
	enum dt_profile p = engine_profile_for(e, path, &why);
	sb_printf(out, "%s: profile %s: %s\n", path, dt_profile_name(p), sb_cstr(&why));
	struct diag_list errs = {0};
	const struct config *cfg = engine_config_for(e, path, &errs);
	diag_list_free(&errs);
	if (!cfg)
		cfg = e->empty;
	struct model_setup su;
	model_setup_find(p, path, &su);
	size_t ndirs;
	const char **dirs = include_dirs(e, cfg, &ndirs);
	sb_printf(out, "%s: include path:", path);
	if (ndirs) {
		for (size_t i = 0; i < ndirs; i++)
			sb_printf(out, " %s", dirs[i]);
		sb_printf(out, " (%s%s%s)\n", e->opts.nincdirs ? "-I" : "",
			  e->opts.nincdirs && cfg->nincludes ? ", then " : "",
			  cfg->nincludes ? "include: of the configuration" : "");
	} else if (e->opts.no_auto_include) {
		sb_puts(out, " none (--no-auto-include)\n");
	} else {
		for (size_t i = 0; i < su.nincdirs; i++)
			sb_printf(out, " %s", su.incdirs[i]);
		sb_printf(out, " (%s)", sb_cstr(&su.how));
		if (su.append)
			sb_printf(out, "; %s appended, as U-Boot's build does", su.append);
		sb_putc(out, '\n');
	}
	free(dirs);
	sb_printf(out, "%s: defines:", path);
	if (!su.ndefines && !cfg->ndefines && !e->opts.ndefines)
		sb_puts(out, " none beyond cpp's own");
	for (size_t i = 0; i < su.ndefines; i++) {
		/* the helpers of the profile's function-like macros say nothing */
		const char *d = su.defines[i], *paren = strchr(d, '(');
		if (!strncmp(d, "__dtidy_", 8))
			continue;
		if (paren)
			sb_printf(out, " -D%.*s(...)", (int)(paren - d), d);
		else
			sb_printf(out, " -D%s", d);
	}
	if (su.ndefines)
		sb_printf(out, " (%s)", sb_cstr(&su.defines_why));
	else
		sb_printf(out, " (profile %s: %s)", dt_profile_name(p), sb_cstr(&su.defines_why));
	for (size_t i = 0; i < cfg->ndefines; i++)
		sb_printf(out, " -D%s", cfg->defines[i]);
	if (cfg->ndefines)
		sb_printf(out, " (defines: of %s)", cfg->path);
	for (size_t i = 0; i < e->opts.ndefines; i++)
		sb_printf(out, " %s", e->opts.defines[i]);
	if (e->opts.ndefines)
		sb_puts(out, " (command line)");
	sb_putc(out, '\n');
	/* where the schemas come from, or why the family is off; nothing
	 * for a tree without binding documents (not a kernel's) */
	char *bindings = e->opts.no_bindings ? NULL : bindings_find_dir(path, e->opts.bindings);
	if (bindings && schema_family_enabled(e, cfg, path)) {
		char status[1200];
		schema_describe(path, e->opts.bindings, e->opts.schemas, status, sizeof(status));
		sb_printf(out, "%s: schema rules: %s\n", path, status);
	}
	free(bindings);
	model_setup_free(&su);
	sb_free(&why);
}

/* ---- settings of each rule for one file ---- */

struct settle {
	const struct engine *e;
	struct rule_state *st;
	int level;
	int style_mode;		/* enum style_mode: the style rules a family name turns on */
	int by_family;		/* pass 1: family names; pass 2: rule ids */
};

static void apply(struct rule_state *st, const struct dtidy_rule *r, int sev, int by_id)
{
	if (sev == DTIDY_SEV_OFF) {
		st->enabled = 0;
		return;
	}
	/* a rule above the level is only turned on by its own id (the style
	 * family's rules: by their mode, checked by the caller) */
	if (by_id || r->level <= 0)
		st->enabled = 1;
	if (sev != CONFIG_ON) {
		st->severity = sev;
		st->forced = 1;
	}
}

/* Does naming r's family turn r on? Up to the level; a style rule up to the
 * style mode. */
static int family_turns_on(const struct settle *S, const struct dtidy_rule *r)
{
	if (!strcmp(r->family, "style"))
		return (int)style_rule_mode(r->id) <= S->style_mode;
	return r->level <= S->level;
}

/* The style mode a file's settings give (the last `style: {mode: M}`). */
static void find_style_mode(void *ud, const struct config_setting *s)
{
	struct settle *S = ud;
	if (s->style_mode && !strcmp(s->name, "style"))
		S->style_mode = s->style_mode;
}

static void apply_setting(void *ud, const struct config_setting *s)
{
	struct settle *S = ud;
	for (size_t i = 0; i < S->e->nrules; i++) {
		const struct dtidy_rule *r = S->e->rules[i];
		int by_id = !strcmp(registry_canonical(s->name), r->id);
		if (!by_id && strcmp(s->name, r->family))
			continue;
		struct rule_state *st = &S->st[i];
		if (by_id || family_turns_on(S, r) || s->severity == DTIDY_SEV_OFF)
			apply(st, r, s->severity, by_id);
		if (by_id && s->nopts && st->nopts < sizeof(st->opts) / sizeof(st->opts[0]))
			st->opts[st->nopts++] = s;
	}
}

static void apply_cli(struct settle *S, char *const *names, size_t n, int sev, int ids)
{
	for (size_t k = 0; k < n; k++) {
		const char *id = registry_canonical(names[k]);
		for (size_t i = 0; i < S->e->nrules; i++) {
			const struct dtidy_rule *r = S->e->rules[i];
			int by_id = !strcmp(id, r->id);
			if (ids ? !by_id : strcmp(names[k], r->family) != 0)
				continue;
			if (by_id || family_turns_on(S, r) || sev == DTIDY_SEV_OFF)
				apply(&S->st[i], r, sev, by_id);
		}
	}
}

/* Does the command line naming r's family turn r on in every file? Not a
 * style rule above --style-mode; without --style-mode a file's
 * configuration may choose any mode. */
static int cli_family_turns_on(const struct engine *e, const struct dtidy_rule *r)
{
	if (!strcmp(r->family, "style") && e->opts.style_mode)
		return (int)style_rule_mode(r->id) <= e->opts.style_mode;
	return 1;
}

/* Do the command line's names (their last word on r, in settle_rules'
 * order) leave r on: by its id, or by its family when that turns r on? */
static int cli_names_on(const struct engine *e, char *const *names, size_t n,
			const struct dtidy_rule *r, int on)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(names[k], r->family) && (!on || cli_family_turns_on(e, r)))
			return 1;
	return 0;
}

static int cli_ids(char *const *names, size_t n, const struct dtidy_rule *r)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(registry_canonical(names[k]), r->id))
			return 1;
	return 0;
}

/* Is the rule off for every file whatever its configuration says: left
 * out by --only (which overrides the configuration), or last named by
 * --disable (settle_rules' order: --only, then families, then ids)? */
static int off_by_cli(const struct engine *e, const struct dtidy_rule *r)
{
	const struct engine_opts *o = &e->opts;
	int off = o->nonly && !cli_names_on(e, o->only, o->nonly, r, 1) &&
		  !cli_ids(o->only, o->nonly, r);
	if (cli_names_on(e, o->enable, o->nenable, r, 1))
		off = 0;
	if (cli_names_on(e, o->disable, o->ndisable, r, 0))
		off = 1;
	if (cli_ids(o->enable, o->nenable, r))
		off = 0;
	if (cli_ids(o->disable, o->ndisable, r))
		off = 1;
	return off;
}

/* Does the rule read only the file as written (not the model)? */
static int source_only(const struct dtidy_rule *r)
{
	return (r->flags & RULE_READS_SOURCE) && !(r->flags & RULE_READS_TREE);
}

int engine_reads_trees(const struct engine *e)
{
	for (size_t i = 0; i < e->nrules; i++)
		if (e->rules[i]->check && !source_only(e->rules[i]) && !off_by_cli(e, e->rules[i]))
			return 1;
	return 0;
}

/* Defaults, then the configuration (top level, then matching overrides),
 * then the command line (--only, families, then ids). */
static void settle_rules(const struct engine *e, const struct config *cfg, const char *path,
			 struct rule_state *st)
{
	struct settle S = {.e = e, .st = st};
	S.level = e->opts.level >= 0 ? e->opts.level : cfg->level >= 0 ? cfg->level : 0;
	S.style_mode = STYLE_MODE_DEFAULT;
	config_each_setting(cfg, path, find_style_mode, &S);
	if (e->opts.style_mode)
		S.style_mode = e->opts.style_mode;
	for (size_t i = 0; i < e->nrules; i++) {
		const struct dtidy_rule *r = e->rules[i];
		memset(&st[i], 0, sizeof(st[i]));
		st[i].enabled = !(r->flags & DTIDY_RULE_OPT_IN) && r->level <= S.level;
		st[i].severity = r->severity;
	}
	config_each_setting(cfg, path, apply_setting, &S);
	if (e->opts.nonly) {
		for (size_t i = 0; i < e->nrules; i++)
			st[i].enabled = 0;
		apply_cli(&S, e->opts.only, e->opts.nonly, CONFIG_ON, 0);
		apply_cli(&S, e->opts.only, e->opts.nonly, CONFIG_ON, 1);
	}
	apply_cli(&S, e->opts.enable, e->opts.nenable, CONFIG_ON, 0);
	apply_cli(&S, e->opts.disable, e->opts.ndisable, DTIDY_SEV_OFF, 0);
	apply_cli(&S, e->opts.enable, e->opts.nenable, CONFIG_ON, 1);
	apply_cli(&S, e->opts.disable, e->opts.ndisable, DTIDY_SEV_OFF, 1);
}

/* settle_rules, made once for a configuration whose settings are the
 * same for every file (no overrides): a tree's files share one or two. */
static void settle_for(struct engine *e, const struct config *cfg, const char *path,
		       struct rule_state *st)
{
	size_t bytes = e->nrules * sizeof(*st);
	if (cfg->noverrides) {
		settle_rules(e, cfg, path, st);
		return;
	}
	pthread_mutex_lock(&e->lock);
	for (size_t i = 0; i < e->nsettled; i++)
		if (e->settled[i].cfg == cfg) {
			memcpy(st, e->settled[i].st, bytes);
			pthread_mutex_unlock(&e->lock);
			return;
		}
	pthread_mutex_unlock(&e->lock);
	settle_rules(e, cfg, path, st);
	struct rule_state *copy = xmalloc(bytes ? bytes : 1);
	memcpy(copy, st, bytes);
	pthread_mutex_lock(&e->lock);
	e->settled = xrealloc(e->settled, (e->nsettled + 1) * sizeof(*e->settled));
	e->settled[e->nsettled++] = (struct settled){cfg, copy};
	pthread_mutex_unlock(&e->lock);
}

/* ---- one check ---- */

/* A file that findings point into: its text, lazily its line index and
 * its suppressions. */
struct seen_file {
	const struct dtidy_file *df;	/* NULL for the main file */
	const char *path;
	const char *text;
	size_t len;
	struct source *src;
	struct supp_file supp;
	int scanned;
};

struct run {
	struct engine *e;
	const struct engine_input *in;
	struct engine_result *out;
	struct rule_state *st;
	enum dt_profile profile;	/* the build that reads the file */
	int header;			/* a C header (.h): only cpp's output is devicetree */
	struct source *main;
	/* the main file lexed and parsed once: syntax errors, suppressions
	 * and the rules that read the file as written all use it */
	struct dt_tokens toks;
	struct arena arena;
	struct cst_file cst;
	struct rule_source rsrc;
	struct rule_style_view style;	/* rsrc.style */
	int parsed;			/* toks, arena, cst and rsrc are set */
	/* checked in a board's tree (engine_input.context): the main file's
	 * path as that tree names it, and only the main file's findings kept */
	const char *alias;
	/* a fragment checked alone whose macros its includer defines: names
	 * spelled like those macros ("CP11X_BASE") are not the tree's */
	int unexpanded;
	struct seen_file *files;
	size_t nfiles;
	size_t capdeps;
	int modelled;			/* the model was built (or given) */
};

static struct seen_file *seen(struct run *R, const struct dtidy_file *df)
{
	if (!df || (R->alias && !strcmp(df->path, R->alias)))
		return &R->files[0];
	for (size_t i = 0; i < R->nfiles; i++)
		if (R->files[i].df == df ||
		    (R->files[i].path && !strcmp(R->files[i].path, df->path)))
			return &R->files[i];
	R->files = xrealloc(R->files, (R->nfiles + 1) * sizeof(*R->files));
	struct seen_file *f = &R->files[R->nfiles++];
	memset(f, 0, sizeof(*f));
	f->df = df;
	f->path = df->path;
	f->text = df->text;
	f->len = df->len;
	return f;
}

static struct source *seen_source(struct seen_file *f)
{
	if (!f->src)
		f->src = source_from_mem(f->path, f->text, f->len);
	return f->src;
}

static struct supp_file *seen_supp(struct run *R, struct seen_file *f)
{
	if (!f->scanned) {
		if (f == &R->files[0] && R->parsed)
			supp_scan_parsed(&f->supp, f->text, f->len, &R->cst);
		else
			supp_scan(&f->supp, f->text, f->len);
		f->scanned = 1;
	}
	return &f->supp;
}

static uint32_t clamp(uint32_t off, size_t len)
{
	return off > len ? (uint32_t)len : off;
}

static const struct dtidy_rule *rule_of(const struct engine *e, const char *id,
					const char **family)
{
	const struct dtidy_rule *r = engine_rule(e, id);
	*family = r ? r->family : NULL;
	return r;
}

/* Adds a diagnostic of a rule of `family` (NULL: an engine name) unless a
 * comment suppresses it. With take, the message is *take's, which the
 * diagnostic takes (*take is then NULL). */
static struct diag *emit_as(struct run *R, struct seen_file *f, uint32_t start, uint32_t end,
			    int sev, const char *rule, const char *family, const char *msg,
			    char **take)
{
	start = clamp(start, f->len);
	if (supp_covers(seen_supp(R, f), start, rule, family))
		return NULL;
	if (take) {
		char *m = *take;
		*take = NULL;
		return diag_add_taking(&R->out->diags, seen_source(f), start, clamp(end, f->len),
				       sev, rule, m);
	}
	return diag_add(&R->out->diags, seen_source(f), start, clamp(end, f->len), sev, rule,
			"%s", msg);
}

/* emit_as for a rule named by its id. */
static struct diag *emit(struct run *R, struct seen_file *f, uint32_t start, uint32_t end,
			 int sev, const char *rule, const char *msg)
{
	const char *family;
	rule_of(R->e, rule, &family);
	return emit_as(R, f, start, end, sev, rule, family, msg, NULL);
}

/* The node's full path as dtc prints it: "/" for the root, else each
 * ancestor's name after a slash, however deep the tree. */
static void node_path(struct strbuf *b, const struct dtidy_node *n)
{
	size_t depth = 0;
	for (const struct dtidy_node *x = n; x->parent; x = x->parent)
		depth++;
	if (!depth) {
		sb_putc(b, '/');
		return;
	}
	const struct dtidy_node **chain = xmalloc(depth * sizeof(*chain));
	size_t i = depth;
	for (const struct dtidy_node *x = n; x->parent; x = x->parent)
		chain[--i] = x;
	for (i = 0; i < depth; i++) {
		sb_putc(b, '/');
		sb_puts(b, chain[i]->name);
	}
	free(chain);
}

/* A finding without a file (synthesised by a rule) lands at the start of
 * the checked file. */
/* Is a node of n's path named by a macro the preprocessor left
 * ("CP11X_NAME", "config-space@CP11X_BASE")? */
static int macro_named(const struct dtidy_node *n)
{
	for (; n && n->parent; n = n->parent) {
		const char *at = strchr(n->name, '@');
		size_t base = at ? (size_t)(at - n->name) : strlen(n->name);
		if (style_macro_like(n->name, base) ||
		    (at && style_macro_like(at + 1, strlen(at + 1))))
			return 1;
	}
	return 0;
}

static void emit_report(struct run *R, struct dtidy_report *rp)
{
	struct seen_file *f = seen(R, rp->loc.file);
	if (R->alias && f != &R->files[0])
		return;	/* the board's check reports it */
	if (R->unexpanded && rp->node && macro_named(rp->node))
		return;	/* its includer's macros name it: judged through the boards */
	struct diag *d = emit_as(R, f, rp->loc.start, rp->loc.end, rp->severity, rp->rule->id,
				 rp->rule->family, rp->message, &rp->message);
	if (!d)
		return;
	if (rp->node) {
		struct strbuf path = {0};
		node_path(&path, rp->node);
		diag_set_subject(d, sb_cstr(&path), rp->prop ? rp->prop->name : rp->prop_name);
		sb_free(&path);
	}
	if (rp->scope.file) {
		struct seen_file *sf = seen(R, rp->scope.file);
		if (sf == f)
			diag_set_scope(d, seen_source(f), clamp(rp->scope.start, f->len),
				       clamp(rp->scope.end, f->len));
	}
	if (rp->rel_message) {
		struct seen_file *rf = seen(R, rp->rel.file);
		diag_set_related(d, seen_source(rf), clamp(rp->rel.start, rf->len),
				 rp->rel_message);
	}
	for (size_t i = 0; i < rp->nedits; i++) {
		struct seen_file *ef = seen(R, rp->edits[i].loc.file);
		diag_add_edit(d, seen_source(ef), clamp(rp->edits[i].loc.start, ef->len),
			      clamp(rp->edits[i].loc.end, ef->len), rp->edits[i].text);
	}
}

/* Does an enabled rule read the model? */
static int wants_tree(const struct run *R)
{
	for (size_t i = 0; i < R->e->nrules; i++)
		if (R->st[i].enabled && R->e->rules[i]->check && !source_only(R->e->rules[i]))
			return 1;
	return 0;
}

/* Does an enabled rule read both the file as written and the model? */
static int wants_both(const struct run *R)
{
	for (size_t i = 0; i < R->e->nrules; i++)
		if (R->st[i].enabled && (R->e->rules[i]->flags & RULE_READS_SOURCE) &&
		    (R->e->rules[i]->flags & RULE_READS_TREE))
			return 1;
	return 0;
}

/* A report and its place in the order the rules made them. */
struct placed {
	struct dtidy_report *r;
	size_t i;
};

/* The order diag_sort gives the findings of one file (offsets order them
 * as lines and columns do), ties kept in the order they were made. */
static int by_place(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	const struct dtidy_file *fx = x->r->loc.file, *fy = y->r->loc.file;
	int c = fx == fy ? 0 : strcmp(fx ? fx->path : "", fy ? fy->path : "");
	if (c)
		return c;
	if (x->r->loc.start != y->r->loc.start)
		return x->r->loc.start < y->r->loc.start ? -1 : 1;
	if (x->r->rule != y->r->rule && (c = strcmp(x->r->rule->id, y->r->rule->id)) != 0)
		return c;
	if ((c = strcmp(x->r->message, y->r->message)) != 0)
		return c;
	return x->i < y->i ? -1 : 1;
}

/* Emits the reports in the order their findings will be listed, so that
 * the check's final diag_sort finds them sorted: comparing these is
 * cheaper than comparing findings (file paths, lines, columns). */
static void emit_reports(struct run *R, const struct report_list *reports)
{
	struct placed *p = xmalloc((reports->n ? reports->n : 1) * sizeof(*p));
	for (size_t i = 0; i < reports->n; i++)
		p[i] = (struct placed){reports->v[i], i};
	qsort(p, reports->n, sizeof(*p), by_place);
	struct diag_list *l = &R->out->diags;
	VEC_RESERVE(l->v, l->cap, l->n + reports->n);	/* one growth, not a doubling each */
	for (size_t i = 0; i < reports->n; i++)
		emit_report(R, p[i].r);
	free(p);
}

/* Runs the enabled rules of one pass: those that read only the file as
 * written (tree == NULL), or all the others, once the model is built. */
static void run_rules(struct run *R, const struct dtidy_tree *tree)
{
	struct report_list reports = {0};
	struct rule_memo *memo = NULL;
	for (size_t i = 0; i < R->e->nrules; i++) {
		const struct dtidy_rule *r = R->e->rules[i];
		if (!R->st[i].enabled || !r->check)
			continue;
		if (source_only(r) != (tree == NULL))
			continue;
		struct dtidy_ctx ctx = {
			.tree = tree, .path = R->main->path, .rule = r, .state = &R->st[i],
			.out = &reports, .source = &R->rsrc, .bindings = R->e->opts.bindings,
			.no_bindings = R->e->opts.no_bindings, .no_fixes = R->e->opts.no_fixes,
			.schemas = R->e->opts.schemas, .memo = &memo, .extra = &R->out->diags,
		};
		r->check(&ctx);
	}
	emit_reports(R, &reports);
	report_list_free(&reports);
	rule_memo_free(memo);
}

/* Lexical mistakes in what cpp reads before dtc does (an unterminated
 * comment, a NUL in a line marker) are the file's as written; the rest of
 * the syntax verdict is the model's, on the preprocessed tokens, as dtc
 * parses them: structure split across #if branches, macros that make
 * names or literals are judged after expansion. */
static void lexical_errors(struct run *R)
{
	for (size_t i = 0; i < R->toks.n; i++) {
		const struct dt_token *t = &R->toks.v[i];
		if ((t->flags & TF_ERROR) && dt_tok_is_trivia(t->kind))
			emit(R, &R->files[0], t->off, t->off + (t->len > 2 ? 2 : t->len),
			     DTIDY_SEV_ERROR, "syntax", dt_tok_error_message(t->err));
	}
}

static void parse_main(struct run *R)
{
	R->parsed = 1;
	dt_lex(R->main->text, R->main->len, &R->toks);
	arena_init(&R->arena);
	dt_parse(&R->cst, R->main->text, R->toks.v, R->toks.n, &R->arena);
	R->rsrc.src = R->main;
	R->rsrc.toks = R->toks.v;
	R->rsrc.ntoks = R->toks.n;
	R->rsrc.cst = &R->cst;
	R->rsrc.style = &R->style;
}

static void unparse_main(struct run *R)
{
	if (!R->parsed)
		return;
	R->parsed = 0;
	memset(&R->rsrc, 0, sizeof(R->rsrc));
	if (R->style.made)
		style_close(&R->style.sf);
	R->style.made = 0;
	free(R->cst.errors);
	arena_free(&R->arena);
	dt_tokens_free(&R->toks);
}

/* Files are read through the input: the main file's text as given, the
 * caller's hook for the others (editor buffers), else the disk. */
static int read_input(void *ctx, const char *path, char **text, size_t *len)
{
	struct run *R = ctx;
	if (!strcmp(path, R->main->path)) {
		*text = xmalloc(R->main->len + 1);
		memcpy(*text, R->main->text, R->main->len + 1);
		*len = R->main->len;
		return 1;
	}
	const struct engine_file_hook *h = R->in->hook;
	if (h && h->read && (*text = h->read(h->ud, path, len)) != NULL)
		return 1;
	return 0;
}

/* The include directories: -I first, then the configuration's. */
static const char **include_dirs(const struct engine *e, const struct config *cfg, size_t *n)
{
	const char **v = xmalloc((e->opts.nincdirs + cfg->nincludes + 1) * sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < e->opts.nincdirs; i++)
		v[(*n)++] = e->opts.incdirs[i];
	for (size_t i = 0; i < cfg->nincludes; i++)
		v[(*n)++] = cfg->includes[i];
	return v;
}

/* The preprocessor's -D and -U: the configuration's `defines:`, then the
 * command line's, in order (a later -U undoes an earlier define). */
static const char **define_list(const struct engine *e, const struct config *cfg, size_t *n)
{
	const char **v = xmalloc((e->opts.ndefines + cfg->ndefines + 1) * sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < cfg->ndefines; i++)
		v[(*n)++] = cfg->defines[i];
	for (size_t i = 0; i < e->opts.ndefines; i++)
		v[(*n)++] = e->opts.defines[i];
	return v;
}

/* A file without /dts-v1/ (a .dtsi, a Zephyr overlay, a fragment included
 * inside a node) is only part of a tree: checked on its own, it lacks what
 * the files including it provide. */
static int is_fragment(const struct run *R)
{
	for (size_t i = 0; i < R->toks.n; i++)
		if (R->toks.v[i].kind == TK_DTS_V1)
			return 0;
	return 1;
}

static int undefined_macro(const struct diag *d)
{
	return d->kind == MODEL_DIAG_UNDEFINED_MACRO;
}

/* The model's findings that only say a fragment is not a whole tree: the
 * missing /dts-v1/, labels and macros that the including board defines. */
static int needs_context(const struct diag *d)
{
	return d->kind == MODEL_DIAG_UNRESOLVED_REF || d->kind == MODEL_DIAG_UNDEFINED_MACRO ||
	       d->kind == MODEL_DIAG_NO_DTS_V1;
}

/* The model of `path` as every command builds it: the include
 * directories of -I and the configuration, or found from the path. */
static struct model *make_model(struct engine *e, const struct config *cfg, const char *path,
				enum dt_profile profile, src_read_fn read, void *ctx, int record)
{
	size_t ndirs, ndefs;
	const char **dirs = include_dirs(e, cfg, &ndirs);
	const char **defs = define_list(e, cfg, &ndefs);
	struct model_opts mo = {
		.incdirs = dirs, .nincdirs = ndirs,
		.auto_include = ndirs == 0 && !e->opts.no_auto_include,
		.profile_given = 1, .profile = profile,
		.defines = defs, .ndefines = ndefs,
		.cache = e->files, .read = read, .read_ctx = ctx, .record = record,
		.parse_flags = engine_parse_flags(e, path),
	};
	struct model *m = model_build(path, &mo);
	free(dirs);
	free(defs);
	return m;
}

/* engine_model's reads: the input's text for its own path, the hook for
 * the others. */
struct model_input {
	const struct engine_input *in;
};

static int read_model_input(void *ctx, const char *path, char **text, size_t *len)
{
	const struct engine_input *in = ((struct model_input *)ctx)->in;
	if (in->text && !strcmp(path, in->path)) {
		*text = xmalloc(in->len + 1);
		memcpy(*text, in->text, in->len);
		(*text)[in->len] = '\0';
		*len = in->len;
		return 1;
	}
	const struct engine_file_hook *h = in->hook;
	if (h && h->read && (*text = h->read(h->ud, path, len)) != NULL)
		return 1;
	return 0;
}

struct model *engine_model(struct engine *e, const struct engine_input *in)
{
	struct diag_list errs = {0};
	const struct config *cfg = engine_config_for(e, in->path, &errs);
	diag_list_free(&errs);
	if (!cfg)
		return NULL;
	struct model_input mi = {in};
	return make_model(e, cfg, in->path, engine_profile_for(e, in->path, NULL), read_model_input,
			  &mi, 1);
}

/* A C header (dt-bindings, U-Boot's asm/arch-*), named on the command
 * line: cpp reads it, and only what cpp leaves of it (with the profile's
 * defines: U-Boot's -D__ASSEMBLY__ hides its C declarations) is
 * devicetree. Its text as written is not, so neither the syntax of the
 * file as written nor the rules that read it apply. */
static int is_c_header(const char *path)
{
	size_t n = strlen(path);
	return n > 2 && !strcmp(path + n - 2, ".h");
}

/* U-Boot's CONFIG_* macros come from a board's configuration, which only
 * its build has (include/generated/autoconf.h): an #if on one is false, as
 * cpp has it, and one used as a value is unknown here, never a syntax
 * error. Such a use is reported as a note instead; returns 1 when d was. */
static int unknown_config_value(struct run *R, struct seen_file *f, const struct diag *d)
{
	if (R->profile != DT_PROFILE_UBOOT || !undefined_macro(d) || d->end_off > f->len ||
	    d->end_off - d->off < 8 || strncmp(f->text + d->off, "CONFIG_", 7) != 0)
		return 0;
	char msg[256];
	snprintf(msg, sizeof(msg),
		 "'%.*s' is a U-Boot configuration value, known only to a build of a board: "
		 "left unknown (define it with -D to check with a value)",
		 (int)(d->end_off - d->off), f->text + d->off);
	emit(R, f, d->off, d->end_off, DTIDY_SEV_NOTE, "preprocessor", msg);
	return 1;
}

/* The macro name a MODEL_DIAG_UNDEFINED_MACRO message quotes. */
static size_t quoted_name(const char *msg, const char **name)
{
	const char *a = strchr(msg, '\'');
	const char *b = a ? strchr(a + 1, '\'') : NULL;
	*name = a ? a + 1 : msg;
	return b ? (size_t)(b - a - 1) : 0;
}

/* A U-Boot CONFIG_* macro left undefined: unknown_config_value says so at
 * each use, more precisely than the note for other undefined macros. */
static int uboot_config_macro(const struct run *R, const struct diag *d)
{
	const char *name;
	size_t len = quoted_name(d->message, &name);
	return R->profile == DT_PROFILE_UBOOT && len > 7 && !strncmp(name, "CONFIG_", 7);
}

/* Is this the first time `d`'s macro name is seen in this file? */
static int first_use(char ***seen, size_t *n, const struct diag *d)
{
	const char *name;
	size_t len = quoted_name(d->message, &name);
	for (size_t i = 0; i < *n; i++)
		if (strlen((*seen)[i]) == len && !memcmp((*seen)[i], name, len))
			return 0;
	*seen = xrealloc(*seen, (*n + 1) * sizeof(**seen));
	(*seen)[(*n)++] = xstrndup(name, len);
	return 1;
}

/* Names the preprocessor left in a file that is part of a tree (a .dtsi,
 * an overlay checked on its own) or built with defines dtidy does not see
 * (U-Boot's CONFIG_* and test IDs, Zephyr's and ZMK's -D, TF-A's): its
 * includer or its build defines them. Said once, as a note at the first
 * use, naming a few. */
static void undefined_macros_note(struct run *R, const struct diag *first, char **names,
				  size_t n, int fragment, enum dt_profile prof)
{
	struct strbuf b = {0};
	for (size_t i = 0; i < n && i < 4; i++)
		sb_printf(&b, "%s'%s'", i == 0 ? "" : i + 1 == n ? " and " : ", ", names[i]);
	if (n > 4)
		sb_printf(&b, " and %zu more", n - 4);
	const char *are = n == 1 ? "is" : "are";
	size_t pl = strlen(R->main->path);
	int applied = (pl > 8 && !strcmp(R->main->path + pl - 8, ".overlay")) ||
		      (pl > 7 && !strcmp(R->main->path + pl - 7, ".keymap"));
	if (fragment && applied)
		sb_printf(&b, " %s not defined here: the board's devicetree this file is applied "
			  "to must define %s (checked alone, %s uses are not judged)", are,
			  n == 1 ? "it" : "them", n == 1 ? "its" : "their");
	else if (fragment)
		sb_printf(&b, " %s not defined here: the files that include this one must define "
			  "%s (checked alone, %s uses are not judged)", are, n == 1 ? "it" : "them",
			  n == 1 ? "its" : "their");
	else
		sb_printf(&b, " %s not defined here; %s builds may define %s (pass -D NAME=VALUE "
			  "to judge %s uses)", are, dt_profile_name(prof), n == 1 ? "it" : "them",
			  n == 1 ? "its" : "their");
	emit(R, &R->files[0], first->off, first->end_off, DTIDY_SEV_NOTE, "preprocessor",
	     sb_cstr(&b));
	sb_free(&b);
}

/* Builds pass defines of their own (-D) to cpp: an unknown macro may be one. */
static int build_defines_macros(enum dt_profile p)
{
	return p == DT_PROFILE_UBOOT || p == DT_PROFILE_ZEPHYR || p == DT_PROFILE_ZMK ||
	       p == DT_PROFILE_TFA;
}

/* Does the file alone lack what an includer defines: macros the
 * preprocessor left in it, labels it overrides that are not there, a
 * syntax that holds only where the includer puts it, the node it is the
 * body of? */
static int lacks_context(const struct run *R, const struct model *m)
{
	if (m->body_fragment)
		return 1;
	for (size_t i = 0; i < m->diags.n; i++) {
		const struct diag *d = &m->diags.v[i];
		if ((d->kind == MODEL_DIAG_UNDEFINED_MACRO || d->kind == MODEL_DIAG_UNRESOLVED_REF ||
		     (!strcmp(d->rule, "syntax") && d->kind != MODEL_DIAG_NO_DTS_V1)) &&
		    !strcmp(d->file, R->main->path))
			return 1;
	}
	return 0;
}

/* The model of the board that includes the file (engine_input.context),
 * when that board's tree does read it: R->alias is then the file's path
 * as that tree names it. NULL otherwise. */
static struct model *context_model(struct run *R, const struct config *cfg, const char *board)
{
	char *want = realpath(R->main->path, NULL);
	if (!want)
		return NULL;
	struct model *bm = make_model(R->e, cfg, board, R->profile, read_input, R, 0);
	for (size_t k = 1; k < bm->tree.nfiles && !R->alias; k++) {
		const char *p = bm->tree.files[k]->path;
		char *got = realpath(p, NULL);
		if (got && !strcmp(got, want))
			R->alias = p;
		free(got);
	}
	free(want);
	if (!R->alias) {
		model_free(bm);
		return NULL;
	}
	return bm;
}

static int is_main(const struct run *R, const char *path)
{
	return !strcmp(path, R->main->path) || (R->alias && !strcmp(path, R->alias));
}

/* The board that includes the checked file (engine_input.context), or
 * NULL. */
static const char *context_board(const struct run *R)
{
	const struct engine_input *in = R->in;
	if (in->context)
		return in->context;
	return in->context_of ? in->context_of(in->context_ud, in->path) : NULL;
}

static struct model *build_model(struct run *R, const struct config *cfg, int fragment)
{
	struct model *m = R->in->model ? (struct model *)R->in->model
				       : make_model(R->e, cfg, R->main->path, R->profile, read_input,
						    R, 0);
	const char *board = NULL;
	if (!R->in->model && lacks_context(R, m) && (board = context_board(R))) {
		struct model *bm = context_model(R, cfg, board);
		if (bm && bm->pp_failed && !m->pp_failed) {
			/* the board misses an include: its tree is no better */
			model_free(bm);
			bm = NULL;
			R->alias = NULL;
		}
		if (bm) {
			model_free(m);
			m = bm;
			fragment = 0;	/* the board's tree is whole */
			char msg[600];
			snprintf(msg, sizeof(msg), "checked as %s reads it (the first board here "
				 "that includes this file): alone, it lacks the macros, labels or "
				 "enclosing node that board provides", board);
			emit(R, &R->files[0], 0, 0, DTIDY_SEV_NOTE, "preprocessor", msg);
		}
	}
	int missing_include = 0;
	for (size_t i = 0; i < m->diags.n; i++)
		missing_include |= !strcmp(m->diags.v[i].rule, "include");
	/* the model's own findings (syntax, includes, macros, references) go
	 * through suppression like any rule's; undefined macros after a
	 * missing include are its echo, the include error says it all */
	enum dt_profile prof = R->profile;
	/* a .dtsi is written to be included, even one with its own /dts-v1/
	 * (s5pv210-aries.dtsi uses the KEY_* its boards' includes define) */
	size_t pl = strlen(R->main->path);
	int part = fragment || (!R->alias && pl > 5 && !strcmp(R->main->path + pl - 5, ".dtsi"));
	int lenient_macros = part || build_defines_macros(prof);
	char **named = NULL;
	size_t nnamed = 0;
	const struct diag *first_undefined = NULL;
	for (size_t i = 0; i < m->diags.n; i++) {
		const struct diag *d = &m->diags.v[i];
		if (missing_include && undefined_macro(d))
			continue;
		if (lenient_macros && undefined_macro(d) && !uboot_config_macro(R, d)) {
			/* the file's own: its includes are judged on their own */
			if (is_main(R, d->file) && d->line) {
				first_use(&named, &nnamed, d);
				if (!first_undefined || d->off < first_undefined->off)
					first_undefined = d;
			}
			continue;
		}
		if (fragment && needs_context(d))
			continue;
		if (R->alias && !is_main(R, d->file))
			continue;	/* the board's check reports the rest */
		struct seen_file *f = NULL;
		if (is_main(R, d->file))
			f = &R->files[0];
		for (size_t k = 0; !f && k < m->tree.nfiles; k++)
			if (!strcmp(m->tree.files[k]->path, d->file))
				f = seen(R, m->tree.files[k]);
		if (f && d->line && unknown_config_value(R, f, d))
			continue;
		if (f && d->line)
			emit(R, f, d->off, d->end_off, d->severity, d->rule, d->message);
		else
			diag_add_file(&R->out->diags, d->file, d->severity, d->rule, "%s", d->message);
	}
	if (first_undefined)
		undefined_macros_note(R, first_undefined, named, nnamed, part, prof);
	R->unexpanded = first_undefined && part;
	for (size_t i = 0; i < nnamed; i++)
		free(named[i]);
	free(named);
	for (size_t k = R->alias ? 0 : 1; k < m->tree.nfiles; k++)
		if (!R->alias || strcmp(m->tree.files[k]->path, R->alias))
			VEC_PUSH(R->out->deps, R->out->ndeps, R->capdeps,
				 xstrdup(m->tree.files[k]->path));
	return m;
}

/* Does the file hold #if, #ifdef, #ifndef, #elif or #else lines? */
static int has_conditional(const struct run *R)
{
	for (size_t i = 0; i < R->toks.n; i++) {
		const struct dt_token *t = &R->toks.v[i];
		if (t->kind != TK_PP)
			continue;
		const char *s = R->main->text + t->off, *end = s + t->len;
		s++;	/* '#' */
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (end - s >= 2 && (!memcmp(s, "if", 2) || !memcmp(s, "el", 2)))
			return 1;
	}
	return 0;
}

/* Has a syntax error of the checked file been reported? */
static int main_syntax_error(const struct run *R)
{
	for (size_t i = 0; i < R->out->diags.n; i++) {
		const struct diag *d = &R->out->diags.v[i];
		if (!strcmp(d->rule, "syntax") && d->severity == DTIDY_SEV_ERROR &&
		    !strcmp(d->file, R->main->path))
			return 1;
	}
	return 0;
}

/* Says why the rules that read the file as written did not run: it has
 * no syntax error after preprocessing, only as written. */
static void note_source_rules_skipped(struct run *R)
{
	int any = 0;
	for (size_t i = 0; i < R->e->nrules && !any; i++)
		any = R->st[i].enabled && R->e->rules[i]->check && source_only(R->e->rules[i]);
	if (any)
		emit(R, &R->files[0], 0, 0, DTIDY_SEV_NOTE, "preprocessor",
		     "the file parses only once preprocessed (its nodes open and close in "
		     "different #if branches, or macros make them): the rules that read it as written (style) are "
		     "not run");
}

static int rule_enabled(const struct run *R, const char *name)
{
	/* without a model, only the file's own lexical errors are reported */
	if (is_engine_name(name))
		return R->modelled || !strcmp(name, "syntax");
	for (size_t i = 0; i < R->e->nrules; i++)
		if (R->st[i].enabled &&
		    (!strcmp(R->e->rules[i]->id, registry_canonical(name)) ||
		     !strcmp(R->e->rules[i]->family, name)))
			return 1;
	return 0;
}

/* unused-suppression: names in the checked file's own comments that
 * suppressed nothing (comments in included files serve other boards too). */
static void unused_suppressions(struct run *R)
{
	size_t self = R->e->nrules;
	for (size_t i = 0; i < R->e->nrules; i++)
		if (!strcmp(R->e->rules[i]->id, "unused-suppression"))
			self = i;
	if (self == R->e->nrules || !R->st[self].enabled)
		return;
	struct seen_file *f = &R->files[0];
	struct supp_file *sf = seen_supp(R, f);
	/* collected first: emitting marks names of this same file used */
	struct { uint32_t off, end; char *msg; } *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < sf->n; i++)
		for (size_t j = 0; j < sf->v[i].nnames; j++) {
			const struct supp_name *nm = &sf->v[i].names[j];
			char buf[300];
			if (nm->used || !strcmp(nm->name, "unused-suppression"))
				continue;
			if (!name_ok(R->e, nm->name))
				snprintf(buf, sizeof(buf),
					 "'%s' is not a rule or family (see dtidy rules)", nm->name);
			else if (rule_enabled(R, nm->name))
				snprintf(buf, sizeof(buf), "nothing here to suppress for '%s'",
					 nm->name);
			else
				continue;	/* off for this file: the comment may serve elsewhere */
			found = xrealloc(found, (n + 1) * sizeof(*found));
			found[n].off = nm->off;
			found[n].end = nm->end;
			found[n++].msg = xstrdup(buf);
		}
	for (size_t i = 0; i < n; i++) {
		emit(R, f, found[i].off, found[i].end, R->st[self].severity, "unused-suppression",
		     found[i].msg);
		free(found[i].msg);
	}
	free(found);
}

static int read_main(struct run *R)
{
	const struct engine_input *in = R->in;
	if (in->text) {
		R->main = source_from_mem(in->path, in->text, in->len);
		return 0;
	}
	if (in->hook && in->hook->read) {
		size_t len = 0;
		char *text = in->hook->read(in->hook->ud, in->path, &len);
		if (text) {
			R->main = source_from_mem(in->path, text, len);
			free(text);
			return 0;
		}
	}
	char *err = NULL;
	R->main = source_load(in->path, &err);
	if (!R->main) {
		diag_add_file(&R->out->diags, in->path, DTIDY_SEV_ERROR, "io", "%s", err);
		free(err);
		return -1;
	}
	return 0;
}

void engine_check(struct engine *e, const struct engine_input *in, struct engine_result *out)
{
	memset(out, 0, sizeof(*out));
	const struct config *cfg = engine_config_for(e, in->path, &out->diags);
	if (!cfg) {
		out->failed = 1;
		return;
	}
	struct run R = {.e = e, .in = in, .out = out};
	R.header = is_c_header(in->path);
	if (read_main(&R)) {
		out->failed = 1;
		return;
	}
	R.st = xcalloc(e->nrules ? e->nrules : 1, sizeof(*R.st));
	settle_for(e, cfg, in->path, R.st);
	R.files = xcalloc(1, sizeof(*R.files));
	R.nfiles = 1;
	R.files[0].path = R.main->path;
	R.files[0].text = R.main->text;
	R.files[0].len = R.main->len;
	R.files[0].src = R.main;
	/* -MD: the board, the configuration that applied to it, then every
	 * file the model read */
	VEC_PUSH(out->deps, out->ndeps, R.capdeps, xstrdup(in->path));
	if (cfg->path && cfg->path[0])
		VEC_PUSH(out->deps, out->ndeps, R.capdeps, xstrdup(cfg->path));

	/* The file as written: its syntax errors, its suppressions and the
	 * rules that read only it are done with before the model is built,
	 * and its CST let go (unless a rule reads both), so one check
	 * usually holds one syntax tree at a time. */
	parse_main(&R);
	if (!R.header)
		lexical_errors(&R);
	seen_supp(&R, &R.files[0]);
	/* A check whose rules all read the file as written (the style family)
	 * reads it once and builds no tree, unless the file does not parse as
	 * written: whether that is a syntax error or #if branches, and where
	 * it is reported, is the tree's to say, as in a whole check. A C
	 * header is only devicetree once preprocessed. */
	R.modelled = R.header || R.cst.nerrors > 0 || in->model || wants_tree(&R);
	int fragment = R.modelled && is_fragment(&R);	/* a question for the tree */
	/* the rules that read the file as written need it to parse as
	 * written: one whose braces balance only in each #if branch after
	 * preprocessing (no syntax error in the model's verdict) is not
	 * theirs to judge; which it is, the model says */
	int defer = R.cst.nerrors > 0 && has_conditional(&R);
	if (!R.header && !defer)
		run_rules(&R, NULL);
	struct model *m = NULL;
	if (R.modelled) {
		if (!defer && !wants_both(&R))
			unparse_main(&R);
		R.profile = engine_profile_for(e, in->path, NULL);
		m = build_model(&R, cfg, fragment);
		if (!R.header && defer) {
			if (main_syntax_error(&R))
				run_rules(&R, NULL);
			else
				note_source_rules_skipped(&R);
		}
		/* cpp would have stopped: a tree without its includes misleads
		 * the rules that read it */
		if (!m->pp_failed)
			run_rules(&R, &m->tree);
	}
	unused_suppressions(&R);
	unparse_main(&R);
	if (m == in->model)
		m = NULL;	/* the caller's */

	for (size_t i = 0; i < R.nfiles; i++) {
		if (R.files[i].src != R.main)
			source_free(R.files[i].src);
		supp_free(&R.files[i].supp);
	}
	free(R.files);
	model_free(m);
	source_free(R.main);
	free(R.st);
	diag_sort(&out->diags);
}

void engine_result_free(struct engine_result *r)
{
	diag_list_free(&r->diags);
	for (size_t i = 0; i < r->ndeps; i++)
		free(r->deps[i]);
	free(r->deps);
	memset(r, 0, sizeof(*r));
}
