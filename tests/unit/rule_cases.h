/* One bad and one good tree for every built-in rule: the bad one must give
 * at least one finding of the rule, the good one none. Each text is
 * checked as src/arm/board.dts of a fresh directory whose Bindings/ holds
 * a vendor-prefixes.yaml with "acme" and one binding documenting
 * "acme,uart" (acme,uart.yaml, a complete binding for the schema family,
 * whose cases also get dt-schema's core schemas from the corpus); the rule
 * is enabled by name at --level=2. A rule may have
 * several entries; test_rule_coverage.c makes sure every registered rule
 * has at least one. */
#ifndef DTIDY_RULE_CASES_H
#define DTIDY_RULE_CASES_H

#include <stddef.h>

struct rule_case {
	const char *rule;
	const char *bad;
	const char *good;
};

extern const struct rule_case rule_cases[];
extern const size_t rule_ncases;

#endif
