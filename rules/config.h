/* .dtidy.yaml: the per-project configuration.
 *
 *   level: 1                      # kernel W= level of structural rules (0, 1, 2)
 *   profile: u-boot               # the build that compiles these files:
 *                                 # kernel, u-boot, zephyr, zmk or tf-a
 *                                 # (default: detected from the tree)
 *   style: kernel                 # enables the style family (or: off)
 *   style: { mode: stricter }     # ... with dt-check-style's mode: relaxed,
 *                                 # strict (the default) or stricter
 *   include: [include, ../dts]    # include directories, relative to this file
 *   rules:                        # by rule id or family name
 *     hv-abi-version: warning     # error | warning | note | off | on
 *     style: on
 *     line-length: { severity: warning, max: 100 }   # with rule options
 *   overrides:                    # later entries win; globs are fnmatch()
 *     - files: ["*.dtsi", "vendor-*.dts"]   # relative to this file
 *       rules: { hv-reg: off }
 *   format:                       # for dtidy format (command-line options win)
 *     indent: tab                 # or a number of spaces per level (1-16)
 *     tab-width: 8                # columns a tab counts for (1-16)
 *     line-width: 100
 *     sort: false
 *
 * A file is configured by the nearest .dtidy.yaml in its directory or above,
 * or by --config FILE. Unknown keys and bad values are errors with
 * file:line:col. */
#ifndef DTIDY_CONFIG_H
#define DTIDY_CONFIG_H

#include <stddef.h>

#include "../core/diag.h"

#define CONFIG_NAME ".dtidy.yaml"
/* A setting's value besides a severity: "on" (the rule's own severity). */
#define CONFIG_ON (-2)
#define CONFIG_UNSET (-1)

/* One `NAME: value` under rules: NAME is a rule id or a family. */
struct config_setting {
	char *name;
	int severity;		/* enum dtidy_severity, CONFIG_ON or CONFIG_UNSET */
	int style_mode;		/* `style: {mode: M}`: enum style_mode, 0 when not given */
	char **keys, **vals;	/* rule options */
	size_t nopts;
};

struct config_settings {
	struct config_setting *v;
	size_t n, cap;
};

struct config_override {
	char **globs;
	size_t nglobs;
	struct config_settings rules;
};

struct config_format {
	int indent;		/* CONFIG_UNSET, 0 for tab, or a number of spaces */
	int tab_width;		/* CONFIG_UNSET or columns a tab counts for */
	int line_width;		/* CONFIG_UNSET or columns */
	int sort;		/* CONFIG_UNSET, 0 or 1 */
};

struct config {
	char *path;		/* the file it was read from ("" for none) */
	char *dir;		/* its directory: base of includes and globs */
	int level;		/* CONFIG_UNSET or 0..2 */
	int profile;		/* CONFIG_UNSET or an enum dt_profile */
	char **includes;	/* made relative to the working directory */
	size_t nincludes;
	char **defines;		/* `defines:` "NAME" or "NAME=VALUE", as -D takes them */
	size_t ndefines;
	struct config_settings rules;
	struct config_override *overrides;
	size_t noverrides;
	struct config_format format;
};

/* Does `name` exist, as a rule id or a family? Supplied by the caller so the
 * configuration can reject typos with their position. */
typedef int (*config_name_ok)(void *ud, const char *name);
/* Does rule `id` take option `opt`? */
typedef int (*config_option_ok)(void *ud, const char *id, const char *opt);

struct config_check {
	config_name_ok name_ok;
	config_option_ok option_ok;
	void *ud;
};

/* Reads a configuration file. On error returns NULL and adds diagnostics
 * (rule "config", at the offending key or value) to errs. */
struct config *config_load(const char *path, const struct config_check *chk,
			   struct diag_list *errs);
/* An empty configuration (no file found). */
struct config *config_empty(void);
void config_free(struct config *c);

/* The path of the nearest .dtidy.yaml for a file, walking up from its
 * directory; NULL when there is none. Caller frees. */
char *config_find(const char *file);

/* The steps of that walk: the directory a file's search starts in; the
 * path of dir's .dtidy.yaml when it is a regular file (else NULL); the
 * directory searched after dir (NULL past the top). Callers free. */
char *config_search_start(const char *file);
char *config_in_dir(const char *dir);
char *config_search_up(const char *dir);

/* config_find with each directory's answer remembered, for one run over
 * files that do not change meanwhile (a .dtidy.yaml created during the run
 * may go unseen): files of one tree share their directories' answers
 * instead of each asking the file system again for every directory up to
 * the root. Thread-safe. */
struct config_memo;
struct config_memo *config_memo_new(void);
void config_memo_free(struct config_memo *m);
/* The nearest .dtidy.yaml's path, owned by the memo (valid until
 * config_memo_free), or NULL. */
const char *config_memo_find(struct config_memo *m, const char *file);

/* The settings that apply to `file`: the top-level rules, then each
 * matching override in order. Calls fn for each, in that order. */
void config_each_setting(const struct config *c, const char *file,
			 void (*fn)(void *ud, const struct config_setting *s), void *ud);

#endif
