/* vendor-prefix and undocumented-compatible against a small split-tree
 * layout made on the fly: <root>/Bindings (vendor-prefixes.yaml and one
 * schema) beside <root>/src/arm/board.dts. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt_testutil.h"
#include "rules/engine.h"

static char root[] = "/tmp/dtidy-bindings-XXXXXX";

static void put(const char *rel, const char *text)
{
	cr_assert(write_tree_file(root, rel, text) == 0, "cannot write %s/%s", root, rel);
}

static void setup(void)
{
	cr_assert(mkdtemp(root));
	/* the bindings index cache of these checks stays in here too */
	char cache[600];
	snprintf(cache, sizeof(cache), "%s/cache", root);
	setenv("XDG_CACHE_HOME", cache, 1);
	put("Bindings/vendor-prefixes.yaml",
	    "patternProperties:\n"
	    "  \"^(simple-audio-card|gpio),.*\": true\n"
	    "  \"^acme,.*\":\n"
	    "    description: Acme Corp.\n"
	    "  \"^[a-zA-Z0-9#_][a-zA-Z0-9#+\\\\-._@]{0,63}$\": true\n");
	put("Bindings/serial/acme,uart.yaml",
	    "properties:\n  compatible:\n    enum:\n      - acme,uart\n      - acme,uart-v2\n"
	    "    items:\n      - pattern: '^acme,uart-v[3-9]$'\n");
	put("Bindings/misc/generic.yaml", "properties:\n  compatible:\n    const: generic-thing\n");
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_expect(system(cmd) == 0);
}

static int count(const char *rule, const char *compatible)
{
	char text[512];
	snprintf(text, sizeof(text), "/dts-v1/;\n/ {\n\tu {\n\t\tcompatible = %s;\n\t};\n};\n", compatible);
	put("src/arm/board.dts", text);
	char path[512];
	snprintf(path, sizeof(path), "%s/src/arm/board.dts", root);
	char *enable[] = {(char *)rule};
	struct engine_opts eo = {.level = -1, .enable = enable, .nenable = 1, .no_auto_include = 1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert(e);
	struct engine_input in = {.path = path};
	struct engine_result res;
	engine_check(e, &in, &res);
	int n = 0;
	for (size_t i = 0; i < res.diags.n; i++)
		if (!strcmp(res.diags.v[i].rule, rule))
			n++;
	engine_result_free(&res);
	engine_free(e);
	diag_list_free(&errs);
	return n;
}

TestSuite(bindings, .init = setup, .fini = teardown);

Test(bindings, vendor_prefix)
{
	cr_expect_eq(count("vendor-prefix", "\"acme,uart\""), 0);
	cr_expect_eq(count("vendor-prefix", "\"gpio,thing\""), 0);
	cr_expect_eq(count("vendor-prefix", "\"acmee,uart\""), 1);
	cr_expect_eq(count("vendor-prefix", "\"acmee,uart\", \"nope,x\", \"acme,uart\""), 2);
	/* bus identifiers and vendor-less strings are not vendor prefixes */
	cr_expect_eq(count("vendor-prefix", "\"pci8086,2e70\", \"usb424,2744\", \"simple-bus\""), 0);
}

Test(bindings, undocumented_compatible)
{
	cr_expect_eq(count("undocumented-compatible", "\"acme,uart-v2\", \"acme,uart\""), 0);
	cr_expect_eq(count("undocumented-compatible", "\"acme,uart-v7\""), 0);	/* pattern */
	cr_expect_eq(count("undocumented-compatible", "\"generic-thing\""), 0);
	cr_expect_eq(count("undocumented-compatible", "\"acme,uart-v22\""), 1);
	cr_expect_eq(count("undocumented-compatible", "\"acme,spi\", \"acme,uart\""), 1);
}

Test(bindings, compatible_format_accepts_documented_generics)
{
	cr_expect_eq(count("compatible-format", "\"generic-thing\""), 0);
	cr_expect_eq(count("compatible-format", "\"other-thing\""), 1);
	cr_expect_eq(count("compatible-format", "\"Acme,UART\""), 1);
}
