/* The command-line table (integrations/cli/cli_table.c) and the parser agree:
 * every option the table gives a command is parsed for that command, and an
 * option a command does not take is refused. Help, man page and completions
 * are printed from the table, so this is what keeps them true. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <string.h>

#include "../../integrations/cli/cli.h"
#include "../../integrations/cli/cli_table.h"

/* A value each option accepts. */
static const char *sample_value(const struct cli_option *opt)
{
	static char word[32];
	if (opt->value == CLI_VAL_WORD) {
		size_t n = strcspn(opt->values, " ");
		cr_assert_lt(n, sizeof word);
		memcpy(word, opt->values, n);
		word[n] = '\0';
		return word;
	}
	if (!strcmp(opt->name, "--line-width"))
		return "80";
	if (!strcmp(opt->name, "--lines"))
		return "1:2";
	if (!strcmp(opt->name, "--indent"))
		return "tab";
	if (!strcmp(opt->name, "-D") || !strcmp(opt->name, "-U"))
		return "NAME";
	return "4";
}

/* The refusals print usage errors: keep them out of the test log. */
TestSuite(cli_table, .init = cr_redirect_stderr);

static int parse(const char *cmd, int argc, char **argv)
{
	struct cli_opts o = {.cmd = cmd};
	int rc = cli_parse(&o, argc, argv);
	cli_opts_free(&o);
	return rc;
}

Test(cli_table, every_option_parses_for_its_commands)
{
	for (size_t c = 0; c < cli_ncommands; c++) {
		const struct cli_command *cmd = &cli_commands[c];
		for (size_t i = 0; i < cli_noptions; i++) {
			const struct cli_option *opt = &cli_options[i];
			if (!(opt->cmds & cmd->bit))
				continue;
			for (int k = 0; k < 2; k++) {
				const char *name = k ? opt->alias : opt->name;
				if (!name)
					continue;
				char *argv[] = {(char *)name, (char *)sample_value(opt)};
				int argc = opt->arg ? 2 : 1;
				cr_expect_eq(parse(cmd->name, argc, argv), 0, "dtidy %s %s %s refused",
					     cmd->name, name, opt->arg ? argv[1] : "");
				if (!opt->arg || name[1] != '-')
					continue;
				char glued[64];
				snprintf(glued, sizeof glued, "%s=%s", name, sample_value(opt));
				char *argv2[] = {glued};
				cr_expect_eq(parse(cmd->name, 1, argv2), 0, "dtidy %s %s refused",
					     cmd->name, glued);
			}
		}
	}
}

Test(cli_table, options_of_other_commands_are_refused)
{
	for (size_t c = 0; c < cli_ncommands; c++) {
		const struct cli_command *cmd = &cli_commands[c];
		for (size_t i = 0; i < cli_noptions; i++) {
			const struct cli_option *opt = &cli_options[i];
			if (opt->cmds & cmd->bit)
				continue;
			char *argv[] = {(char *)opt->name, (char *)sample_value(opt)};
			cr_expect_eq(parse(cmd->name, opt->arg ? 2 : 1, argv), 2,
				     "dtidy %s %s accepted", cmd->name, opt->name);
		}
	}
}

Test(cli_table, unknown_spellings)
{
	char *bad[] = {"--formats=json", "--quiet=1", "-jx", "--no-such-option", "-Q"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_eq(parse("check", 1, &bad[i]), 2, "%s accepted", bad[i]);
	cr_expect_eq(parse("no-such-command", 0, NULL), 2);
}

Test(cli_table, attached_short_values)
{
	struct cli_opts o = {.cmd = "check"};
	char *argv[] = {"-Iinc", "-j3", "--format=json", "--", "-notanoption.dts"};
	cr_assert_eq(cli_parse(&o, 5, argv), 0);
	cr_expect_eq(o.nincdirs, 1);
	cr_expect_str_eq(o.incdirs[0], "inc");
	cr_expect_eq(o.jobs, 3);
	cr_expect_eq(o.format, OUT_JSON);
	cr_expect_eq(o.npaths, 1);
	cli_opts_free(&o);
}

Test(cli_table, every_entry_is_documented)
{
	for (size_t i = 0; i < cli_noptions; i++) {
		const struct cli_option *opt = &cli_options[i];
		cr_expect(opt->help && *opt->help, "%s has no help", opt->name);
		cr_expect(opt->cmds, "%s belongs to no command", opt->name);
		cr_expect((opt->value == CLI_VAL_NONE) == (opt->arg == NULL),
			  "%s: a value kind goes with a value name", opt->name);
		cr_expect((opt->value == CLI_VAL_WORD) == (opt->values != NULL), "%s: words",
			  opt->name);
	}
	for (size_t c = 0; c < cli_ncommands; c++)
		cr_expect(cli_commands[c].description && cli_commands[c].summary);
}
