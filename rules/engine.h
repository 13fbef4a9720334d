/* The rule engine: "check one file" for `dtidy check`, the LSP server and
 * anything else that wants diagnostics.
 *
 * Usage:
 *
 *     struct engine_opts eo = { .incdirs = dirs, .nincdirs = n, ... };
 *     struct diag_list errs = {0};
 *     struct engine *e = engine_new(&eo, &errs);   // NULL: errs say why
 *     ...
 *     struct engine_input in = { .path = "board.dts" };  // or .text/.len
 *     struct engine_result res;
 *     engine_check(e, &in, &res);    // thread-safe: call from many threads
 *     ... res.diags (sorted; fixes in diags.v[i].edits) ...
 *     engine_result_free(&res);
 *     engine_free(e);
 *
 * One engine serves a whole run (or the LSP server's lifetime): it holds the
 * rule table (built in + plugins), the command-line settings and a cache of
 * parsed .dtidy.yaml files. engine_check builds the model of one file (its
 * includes resolved) when an enabled rule reads it or the file does not
 * parse as written, runs every rule enabled for that file, drops what
 * inline comments suppress and returns the rest as resolved diagnostics:
 * gcc-style positions in the file where the finding was written (which may
 * be an included .dtsi), each with the fix edits its rule attached.
 */
#ifndef DTIDY_ENGINE_H
#define DTIDY_ENGINE_H

#include <stddef.h>

#include "../core/diag.h"
#include "../core/profile.h"
#include "../core/strbuf.h"
#include "../include/dtidy/rule.h"
#include "config.h"

struct engine;
struct model;

struct engine_opts {
	char *const *incdirs;		/* -I, in order (before the configuration's) */
	size_t nincdirs;
	int no_auto_include;		/* --no-auto-include */
	/* -D NAME[=VALUE] and -U NAME as "-DNAME[=VALUE]" and "-UNAME", in
	 * the order given: after the profile's defines and the
	 * configuration's `defines:` */
	char *const *defines;
	size_t ndefines;
	int profile_given;		/* --profile given: `profile` below */
	enum dt_profile profile;
	const char *config;		/* --config FILE; NULL: nearest .dtidy.yaml */
	char *const *enable, *const *disable;	/* --enable/--disable RULE|FAMILY */
	size_t nenable, ndisable;
	/* --only RULE|FAMILY: these on and every other rule off, whatever the
	 * configuration says; --enable and --disable still apply after it */
	char *const *only;
	size_t nonly;
	int level;			/* --level; -1 when not given */
	int style_mode;			/* --style-mode: enum style_mode (0: not given) */
	const char *bindings;		/* --bindings DIR: every rule's "bindings" option */
	int no_bindings;		/* --no-bindings: no rule reads binding documents */
	const char *schemas;		/* --schemas DIR: dt-schema's core schemas */
	char *const *plugins;		/* --plugin FILE.so */
	size_t nplugins;
	/* Share the files read between checks, so boards sharing a .dtsi
	 * read it once (the recently used ones, within a bounded memory: see
	 * src_cache.h), and remember where each directory's .dtidy.yaml is.
	 * Right for one run over files on disk (dtidy check, dtidy format);
	 * wrong for a long-lived engine whose files change (LSP). */
	int cache_files;
	/* Nobody applies or shows the findings' fixes (dtidy check without
	 * --fix, in text or JSON): rules may leave out those that cost work. */
	int no_fixes;
};

/* Reads a file for the model instead of the disk: returns a malloc'd copy
 * of the text (and its length) of an open editor buffer, or NULL to read the
 * file from disk. Called from the checking thread. */
struct engine_file_hook {
	char *(*read)(void *ud, const char *path, size_t *len);
	void *ud;
};

struct engine_input {
	const char *path;		/* the file's path, for messages and includes */
	const char *text;		/* its contents, or NULL to read path */
	size_t len;
	const struct engine_file_hook *hook;	/* optional, for included files */
	/* optional: the model of this same input, from engine_model, which
	 * the check then uses instead of building its own (it stays the
	 * caller's) */
	const struct model *model;
	/* optional: a board that includes this file (a .dtsi; see
	 * rules/includers.h). When the file uses macros or labels that it
	 * does not define, it is checked as that board's tree reads it, and
	 * only its own findings are kept. */
	const char *context;
	/* optional, instead of `context`: asked for the board only when the
	 * check builds a tree (a run whose rules all read the file as written
	 * never does), so the caller's include graph can be made lazily */
	const char *(*context_of)(void *ud, const char *path);
	void *context_ud;
};

struct engine_result {
	struct diag_list diags;		/* sorted; a file's own problems included */
	char **deps;			/* every file read (for -MD), main one first */
	size_t ndeps;
	int failed;			/* unreadable file or bad configuration: exit 2 */
};

/* Loads plugins and --config, validates --enable/--disable. On failure
 * returns NULL and adds diagnostics (rule "config" or "plugin") to errs. */
struct engine *engine_new(const struct engine_opts *o, struct diag_list *errs);
void engine_free(struct engine *e);

void engine_check(struct engine *e, const struct engine_input *in, struct engine_result *out);

/* The model engine_check builds for this input (the include directories
 * of -I and the file's configuration, or found from its path; other files
 * through the hook), built with model_opts.record for an editor's
 * navigation. Give it back in engine_input.model to check the same text
 * without building it twice. NULL when the configuration has errors. Free
 * with model_free. */
struct model *engine_model(struct engine *e, const struct engine_input *in);
/* Starts, in the background, the work checks of files like `path` will
 * share (indexing the binding documents), so that it overlaps with the
 * first files' parsing. Optional: a check does it itself when needed. */
void engine_prepare(struct engine *e, const char *path);
void engine_result_free(struct engine_result *r);

/* Can a check of this run build a file's tree (the model)? 0 when the
 * command line (--only, --disable) leaves on only rules that read the file
 * as written, such as the style family, whatever each file's configuration
 * says: such a check lexes and parses the file and nothing else (unless
 * the file does not parse as written: then the tree decides whether that
 * is a real syntax error or #if branches), and a caller need not prepare
 * what trees need (engine_prepare, engine_input.context). */
int engine_reads_trees(const struct engine *e);

/* Every rule the engine knows, built in then plugins, sorted by id. */
const struct dtidy_rule *const *engine_rules(const struct engine *e, size_t *n);
const struct dtidy_rule *engine_rule(const struct engine *e, const char *id);

/* The configuration that applies to a file (--config, or the nearest
 * .dtidy.yaml, or an empty one); owned by the engine. NULL when it has
 * errors, which are added to errs. For the formatter's options too. */
const struct config *engine_config_for(struct engine *e, const char *path,
				       struct diag_list *errs);

/* The build profile a file is read with: --profile, else the `profile:`
 * of its configuration, else the one detected from the tree around it
 * (dt_profile_detect). When `why` is not NULL, one line saying where the
 * answer came from is appended to it. Thread-safe. */
enum dt_profile engine_profile_for(struct engine *e, const char *path, struct strbuf *why);
/* The grammar leniencies (DT_PARSE_*) of the reader that builds the file:
 * Zephyr's dtlib for the zephyr and zmk profiles, else dtc's. */
unsigned engine_parse_flags(struct engine *e, const char *path);

/* How `path` is read, for `dtidy check -v`: three lines, each starting
 * with the path, appended to out: the profile and why, the include path
 * and where it comes from, the defines and where each comes from; then,
 * when the schema rules are on and binding documents are found, where
 * their schemas come from or why they cannot run. */
void engine_describe(struct engine *e, const char *path, struct strbuf *out);

#endif
