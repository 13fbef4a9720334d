/* Running one kernel-style rule on a source text through the rule engine.
 *
 *     char *got = style_run("hex-case", "board.dts", text);
 *     // "3:9: hex literal '0xAB' must be lowercase\n" ...
 *
 * Findings of other rules (syntax errors, the model's) are left out. */
#ifndef DTIDY_STYLE_TESTUTIL_H
#define DTIDY_STYLE_TESTUTIL_H

/* Findings of `rule` on text, checked as a file called name, as
 * "line:col: message" lines. Caller frees. */
char *style_run(const char *rule, const char *name, const char *text);
/* Same with one rule option (.dtidy.yaml rules: { rule: { key: val } }). */
char *style_run_opt(const char *rule, const char *key, const char *val, const char *name,
		    const char *text);
/* Findings of `rule` with nothing enabled on the command line, only the
 * given .dtidy.yaml. */
char *style_run_config(const char *yaml, const char *rule, const char *name, const char *text);
/* The text after applying the fixes of `rule`'s findings (a copy of text
 * when there are none). Caller frees. */
char *style_fixed(const char *rule, const char *name, const char *text);

#define EXPECT_STYLE(rule, text, want)                                                   \
	do {                                                                             \
		char *got_ = style_run(rule, "board.dts", text);                         \
		cr_expect_str_eq(got_, want, "%s on:\n%s\n got:\n%s\nwant:\n%s", rule, text, \
				 got_, want);                                            \
		free(got_);                                                              \
	} while (0)

#endif
