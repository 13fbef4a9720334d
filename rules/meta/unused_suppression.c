/* unused-suppression: the engine itself finds these after every other rule
 * has run (it needs to know which suppressions were used), so the rule has
 * no check function; it is here to be listed, configured and documented. */
#include "../../include/dtidy/rule.h"

const struct dtidy_rule dtidy_rule_unused_suppression = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "unused-suppression",
	.family = "meta",
	.severity = DTIDY_SEV_NOTE,
	.description = "an inline dtidy: disable comment that suppresses nothing",
	.help = "A suppression comment names a rule that reports nothing where the comment\n"
		"applies, or a name that is not a rule or family. Such comments outlive the\n"
		"problem they once hid, or never worked (a typo in the rule id), and then\n"
		"hide the next real problem. Remove them or fix the name. Names in .dtsi\n"
		"files are checked only when the .dtsi itself is checked, and a rule that\n"
		"is off for the file is not reported.\n"
		"\n"
		"Bad:\n"
		"\t/* dtidy: disable=hv-reg */\n"
		"\tmodel = \"board\";\t\t/* hv-reg never reports a model */\n"
		"\tstatus = \"okay\"; // dtidy: disable-line=hv-regg\n"
		"\n"
		"Good:\n"
		"\t/* dtidy: disable=hv-node-name */\n"
		"\thypervisor@38000000 {\t/* Zephyr finds it by compatible */\n"
		"\t\tcompatible = \"xen,xen-4.19\", \"xen,xen\";\n"
		"\t};\n",
	.check = NULL,
};
