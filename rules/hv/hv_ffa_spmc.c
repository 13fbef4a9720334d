/* hv-ffa-spmc: the SPMC manifest's attribute node, read by TF-A's SPMD. */
#include <inttypes.h>
#include <string.h>

#include "ffa.h"

#define PAGE 4096u

static void check_attribute(struct dtidy_ctx *ctx, const struct dtidy_node *a)
{
	uint32_t id, v, size = 0;
	if (ffa_need(ctx, a, "spmc_id", "the SPMC's endpoint ID") &&
	    ffa_u32(ctx, a, "spmc_id", 0xffff, "an endpoint ID is 16 bits", &id) && !(id & 0x8000))
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(a, "spmc_id"),
				  "spmc_id <%#" PRIx32
				  "> is not a secure world ID: bit 15 must be set "
				  "(0x8000 and up), and the SPMD rejects it",
				  id);
	if (ffa_need(ctx, a, "maj_ver", "the SPMC's FF-A major version"))
		ffa_u32(ctx, a, "maj_ver", 0x7fff, "an FF-A major version is 15 bits", &v);
	if (ffa_need(ctx, a, "min_ver", "the SPMC's FF-A minor version"))
		ffa_u32(ctx, a, "min_ver", 0xffff, "an FF-A minor version is 16 bits", &v);
	ffa_u32(ctx, a, "exec_state", 1, "the execution state is 0 (AArch64) or 1 (AArch32)", &v);
	int have_size = ffa_u32(ctx, a, "binary_size", UINT32_MAX, "", &size);
	uint64_t load, entry;
	int have_load = ffa_u64(ctx, a, "load_address", &load);
	if (have_load && load % PAGE)
		hv_about(dtidy_report_sev(ctx, DTIDY_SEV_WARNING,
					  dtidy_prop_loc(dtidy_prop_get(a, "load_address")),
					  "load_address 0x%" PRIx64
					  " is not page aligned (\"Should be page "
					  "aligned\")",
					  load),
			 NULL, dtidy_prop_get(a, "load_address"));
	if (ffa_u64(ctx, a, "entrypoint", &entry) && have_load && have_size &&
	    (entry < load || entry >= load + size))
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(a, "entrypoint"),
				  "entrypoint 0x%" PRIx64 " is outside the SPMC image [0x%" PRIx64
				  ", 0x%" PRIx64 ") given by load_address and binary_size",
				  entry, load, load + size);
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_node *root = dtidy_ctx_tree(ctx)->root;
	if (!dtidy_node_is_compatible(root, "arm,ffa-core-manifest-1.0"))
		return;
	const struct dtidy_node *attr = NULL;
	DTIDY_FOREACH_CHILD(c, root)
	{
		if (!strcmp(c->name, "attribute"))
			attr = c;
	}
	if (!attr)
		dtidy_report_node(ctx, root,
				  "the SPMC manifest has no attribute node: the SPMD reads the SPMC's "
				  "ID and version from it");
	else
		check_attribute(ctx, attr);
}

const struct dtidy_rule dtidy_rule_hv_ffa_spmc = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-ffa-spmc",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "the SPMC manifest attribute node: secure spmc_id, versions, entrypoint",
	.help = "TF-A docs/components/ffa-manifest-binding.rst, \"SPMC Manifest\n"
		"Properties\", and Hafnium's docs/secure-partition-manager: the root of\n"
		"an SPMC manifest (compatible \"arm,ffa-core-manifest-1.0\") has an\n"
		"attribute node with spmc_id (the endpoint ID the SPMC gets from\n"
		"FFA_ID_GET: a secure world ID, bit 15 set), maj_ver and min_ver (the\n"
		"SPMD checks them against its own version; it refuses a manifest\n"
		"without them), exec_state (0 AArch64, 1 AArch32), load_address (<u64>,\n"
		"\"should be page aligned\": warning), entrypoint (<u64>) and binary_size,\n"
		"\"used with load_address to sanitize the specified entrypoint\": the\n"
		"entrypoint must lie inside [load_address, load_address + binary_size).\n"
		"\n"
		"Bad:\n"
		"\tattribute {\n"
		"\t\tspmc_id = <0x1>;\t\t\t/* not a secure ID */\n"
		"\t\tmaj_ver = <0x1>;\n"
		"\t\t/* no min_ver */\n"
		"\t\tload_address = <0x0 0x6000000>;\n"
		"\t\tentrypoint = <0x0 0x7000000>;\t/* beyond the image */\n"
		"\t\tbinary_size = <0x80000>;\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tattribute {\n"
		"\t\tspmc_id = <0x8000>;\n"
		"\t\tmaj_ver = <0x1>;\n"
		"\t\tmin_ver = <0x2>;\n"
		"\t\texec_state = <0x0>;\n"
		"\t\tload_address = <0x0 0x6000000>;\n"
		"\t\tentrypoint = <0x0 0x6000000>;\n"
		"\t\tbinary_size = <0x80000>;\n"
		"\t};\n",
	.check = check,
};
