/* Running the rule engine on small trees written by a test: files go to a
 * fresh temporary directory (with include/ for headers), the engine checks
 * the main one, and the findings of one rule come back as one string, so a
 * test states everything it expects at once:
 *
 *     "board.dts:6:15: error: \"xen,xen\" must come after ...\n" ...
 */
#ifndef DTIDY_RULE_TESTUTIL_H
#define DTIDY_RULE_TESTUTIL_H

#include "core/diag.h"

struct rt_file {
	const char *name;	/* relative: "board.dts", "include/irq.h" */
	const char *text;
};

/* The shared fixture: include/irq.h (GIC_SPI, GIC_PPI, IRQ_TYPE_*,
 * XEN_BASE, XEN_SIZE) and soc.dtsi (root cells 2/2, a GIC `gic` with
 * #interrupt-cells = <3>, a correct Xen node labelled `xen`). */
extern const struct rt_file rt_soc[2];

/* Checks files[0] (with the other files and rt_soc beside it when
 * with_soc is set) and returns the findings of `rule` as
 * "file:line:col: severity: message" lines. Caller frees. */
char *rt_check(const char *rule, int with_soc, const struct rt_file *files, size_t n);
/* Checks files[0] read as the build of `profile` ("u-boot", ...) does. */
char *rt_check_profile(const char *rule, const char *profile, const struct rt_file *files,
		       size_t n);
/* Same, with --fix semantics: returns files[0]'s text after applying the
 * fixes of `rule`'s findings (NULL when none apply). Caller frees. */
char *rt_fixed(const char *rule, int with_soc, const struct rt_file *files, size_t n);

#define RT_FILES(...) ((const struct rt_file[]){__VA_ARGS__}), \
	(sizeof((const struct rt_file[]){__VA_ARGS__}) / sizeof(struct rt_file))

#endif
