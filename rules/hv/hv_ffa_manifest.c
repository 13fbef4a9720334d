/* hv-ffa-manifest: the root properties and services of an FF-A partition
 * manifest, as the SPMC reads them. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ffa.h"

/* messaging-method bits: direct request receive/send (REQ), indirect
 * messages, direct request receive/send (REQ2). */
#define MSG_METHODS 0x607u

static void check_flags(struct dtidy_ctx *ctx, const struct dtidy_node *root)
{
	static const char *const flags[] = {"managed-exit", "managed-exit-virq",
					    "has-primary-scheduler", "time-slice-mem",
					    "lifecycle-support"};
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		hv_need_flag(ctx, root, flags[i], "its presence is what counts");
}

static void check_methods(struct dtidy_ctx *ctx, const struct dtidy_prop *p, size_t nuuid)
{
	size_t n;
	const struct dtidy_cell **cells = hv_cells(p, &n);
	if (!cells) {
		dtidy_report_prop(ctx, NULL, p, "messaging-method is <u32> cells");
		return;
	}
	if (nuuid && n != 1 && n != nuuid)
		dtidy_report_prop(ctx, NULL, p,
				  "messaging-method has %zu values for %zu UUIDs: give one for all "
				  "services or one per UUID",
				  n, nuuid);
	for (size_t i = 0; i < n; i++)
		if (cells[i]->val & ~(uint64_t)MSG_METHODS)
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "messaging-method %#llx sets bits the binding does not define "
					      "(0, 1, 2, 9 and 10 are)",
					      (unsigned long long)cells[i]->val),
				 NULL, p);
	free(cells);
}

/* FF-A v1.0 manifests: uuid = <4 cells>, ... at the root. */
static void check_root_uuids(struct dtidy_ctx *ctx, const struct dtidy_node *root)
{
	const struct dtidy_prop *uuid = dtidy_prop_get(root, "uuid");
	size_t n = 0;
	if (ffa_need(ctx, root, "uuid", "the protocol UUIDs, 4 cells each")) {
		const struct dtidy_cell **cells = hv_cells(uuid, &n);
		if (!cells || n % 4) {
			dtidy_report_prop(ctx, NULL, uuid,
					  "uuid has %zu cells: each UUID is 4 <u32> cells (SMCCC "
					  "section 5.3 packing)",
					  n);
			n = 0;
		}
		for (size_t i = 0; i + 4 <= n; i += 4)
			if (!cells[i]->val && !cells[i + 1]->val && !cells[i + 2]->val &&
			    !cells[i + 3]->val)
				hv_about(dtidy_report(ctx, cells[i]->loc,
						      "UUID %zu is all zeros (the nil UUID names no service)",
						      i / 4),
					 root, uuid);
		free(cells);
	}
	if (ffa_need(ctx, root, "messaging-method", "what each service supports"))
		check_methods(ctx, dtidy_prop_get(root, "messaging-method"), n / 4);
}

/* Later manifests: a services node, one child per service with a UUID
 * string in the canonical RFC 9562 form. */
static void check_services(struct dtidy_ctx *ctx, const struct dtidy_node *root)
{
	const struct dtidy_node *svc = NULL;
	DTIDY_FOREACH_CHILD(c, root)
	{
		if (dtidy_node_is_compatible(c, "arm,ffa-manifest-services"))
			svc = c;
	}
	if (!svc) {
		dtidy_report_node(ctx, root,
				  "a manifest newer than 1.0 lists its services in a child node compatible "
				  "with \"arm,ffa-manifest-services\"%s",
				  dtidy_prop_get(root, "uuid") ? " (not in a root uuid property)"
							       : "");
		return;
	}
	if (!svc->child)
		dtidy_report_node(ctx, svc, "services lists no service: at least one child");
	DTIDY_FOREACH_CHILD(s, svc)
	{
		if (ffa_need(ctx, s, "uuid", "the protocol UUID string")) {
			const struct dtidy_prop *u = dtidy_prop_get(s, "uuid");
			const char *str = hv_prop_str(u);
			if (!str ||
			    !dtidy_match("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
					 "[0-9a-fA-F]{12}$",
					 str))
				dtidy_report_prop(ctx, NULL, u,
						  "uuid is one string in the canonical RFC 9562 form "
						  "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
			else if (dtidy_match("^[0-]+$", str))
				dtidy_report_prop(ctx, NULL, u,
						  "uuid is the nil UUID: it names no service");
		}
		if (ffa_need(ctx, s, "messaging-method", "what the service supports"))
			check_methods(ctx, dtidy_prop_get(s, "messaging-method"), 1);
	}
}

static void check_manifest(struct dtidy_ctx *ctx, const struct dtidy_node *root, unsigned major,
			   unsigned minor)
{
	uint32_t v, el = 0;
	int have_el = 0;
	if (ffa_need(ctx, root, "ffa-version", "FF-A major << 16 | minor") &&
	    ffa_u32(ctx, root, "ffa-version", 0x7fffffffu,
		    "bit 31 of an FF-A version must be 0 (major in 30:16, minor in 15:0)", &v) &&
	    v >> 16 == 0)
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(root, "ffa-version"),
				  "ffa-version <%#" PRIx32
				  "> has major version 0: the major goes in "
				  "bits 31:16 (v1.1 is <0x10001>)",
				  v);
	if (ffa_need(ctx, root, "execution-ctx-count", "the number of vCPUs") &&
	    ffa_u32(ctx, root, "execution-ctx-count", 0xffff, "at most 0xffff execution contexts",
		    &v) &&
	    !v)
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(root, "execution-ctx-count"),
				  "execution-ctx-count = <0>: a partition has at least one execution "
				  "context");
	if (ffa_need(ctx, root, "exception-level", "0 EL1, 1 S-EL0, 2 S-EL1"))
		have_el = ffa_u32(ctx, root, "exception-level", 2,
				  "the exception level is 0 (EL1), 1 (S-EL0) or 2 (S-EL1)", &el);
	if (ffa_need(ctx, root, "execution-state", "0 AArch64, 1 AArch32"))
		ffa_u32(ctx, root, "execution-state", 1,
			"the execution state is 0 (AArch64) or 1 (AArch32)", &v);
	ffa_u32(ctx, root, "xlat-granule", 2, "the granule is 0 (4K), 1 (16K) or 2 (64K)", &v);
	ffa_u32(ctx, root, "boot-order", 0xffff, "the highest boot order is 0xffff", &v);
	ffa_u32(ctx, root, "other-s-interrupts-action", 1,
		"the action is 0 (queued) or 1 (signaled)", &v);
	ffa_u32(ctx, root, "sri-interrupts-policy", 3, "the policy is a bit field of bits 0 and 1",
		&v);
	ffa_u32(ctx, root, "abort-action", 3,
		"the action is 0 (STOP), 1 (DESTROY), 2 (RESTART) or 3 (PROPAGATE)", &v);
	ffa_u32(ctx, root, "power-management-messages", 7,
		"bits 0 (CPU_OFF), 1 (CPU_SUSPEND), 2 (CPU_SUSPEND_RESUME) only", &v);
	ffa_u32(ctx, root, "vm-availability-messages", 3,
		"bits 0 (VM created) and 1 (VM destroyed) only", &v);
	ffa_u32(ctx, root, "id", 0xffff, "a partition ID is 16 bits", &v);
	ffa_u32(ctx, root, "auxiliary-id", 0xffff, "a partition ID is 16 bits", &v);
	uint64_t a;
	ffa_u64(ctx, root, "load-address", &a);
	ffa_u64(ctx, root, "entrypoint-offset", &a);

	const struct dtidy_prop *ns = dtidy_prop_get(root, "ns-interrupts-action");
	if (ns)
		ffa_u32(ctx, root, "ns-interrupts-action", 2,
			"the action is 0 (queued), 1 (signaled after managed exit) or 2 (signaled)",
			&v);
	else
		hv_about(dtidy_report_sev(
				 ctx, DTIDY_SEV_WARNING, hv_node_loc(root),
				 "the manifest lacks ns-interrupts-action, mandatory in the binding%s",
				 dtidy_prop_get(root, "managed-exit")
					 ? " (it supersedes the deprecated managed-exit: 1 is "
					   "\"signaled after a managed exit\")"
					 : ""),
			 root, NULL);
	const struct dtidy_prop *ps = dtidy_prop_get(root, "has-primary-scheduler");
	if (ps && have_el && el != 0)
		dtidy_report_prop(ctx, NULL, ps,
				  "has-primary-scheduler needs exception-level = <0> (EL1): \"run-time "
				  "EL must be EL1\"");
	check_flags(ctx, root);
	if (major == 1 && minor == 0)
		check_root_uuids(ctx, root);
	else
		check_services(ctx, root);
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_node *root = dtidy_ctx_tree(ctx)->root;
	unsigned major, minor;
	if (ffa_manifest_version(root, &major, &minor)) {
		check_manifest(ctx, root, major, minor);
		return;
	}
	const struct dtidy_prop *p = dtidy_prop_get(root, "compatible");
	long ns = dtidy_prop_nstrings(p);
	for (long i = 0; i < ns; i++) {
		const char *s = dtidy_prop_string(p, (size_t)i);
		if (!strncmp(s, "arm,ffa-manifest-", 17))
			hv_about(dtidy_report(
					 ctx, dtidy_prop_string_loc(p, (size_t)i),
					 "\"%s\" is not a partition manifest compatible: the root is "
					 "\"arm,ffa-manifest-X.Y\" (the binding's major.minor version)",
					 s),
				 NULL, p);
	}
}

const struct dtidy_rule dtidy_rule_hv_ffa_manifest = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-ffa-manifest",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description =
		"FF-A partition manifests: the mandatory properties, their ranges, the UUIDs",
	.help = "TF-A docs/components/ffa-manifest-binding.rst, \"FF-A Partition Manifest\n"
		"Properties\" (Hafnium's docs defer to it): the root of a partition\n"
		"manifest is compatible with \"arm,ffa-manifest-X.Y\" and has the mandatory\n"
		"ffa-version (major in bits 30:16, minor in 15:0, bit 31 clear),\n"
		"execution-ctx-count (at least 1), exception-level (0 EL1, 1 S-EL0, 2\n"
		"S-EL1), execution-state (0 AArch64, 1 AArch32) and ns-interrupts-action\n"
		"(0-2; a warning when missing, since v1.0 manifests used managed-exit).\n"
		"Optional values are range checked: xlat-granule 0-2, boot-order up to\n"
		"0xffff, other-s-interrupts-action 0-1, sri-interrupts-policy 0-3,\n"
		"abort-action 0-3, power-management-messages bits 0-2,\n"
		"vm-availability-messages bits 0-1, 16-bit IDs; load-address and\n"
		"entrypoint-offset are <u64>; managed-exit, managed-exit-virq,\n"
		"has-primary-scheduler (which needs EL1), time-slice-mem and\n"
		"lifecycle-support are flags. Services (\"Services\"): a 1.0 manifest has\n"
		"uuid at the root, 4 cells per UUID (SMCCC 5.3 packing), none nil, and\n"
		"messaging-method with one value or one per UUID; a later one has a\n"
		"services node (\"arm,ffa-manifest-services\") whose children each have a\n"
		"uuid string in RFC 9562 form and a messaging-method. messaging-method\n"
		"uses bits 0, 1, 2, 9 and 10 only.\n"
		"\n"
		"Bad:\n"
		"\t/ {\n"
		"\t\tcompatible = \"arm,ffa-manifest-1.0\";\n"
		"\t\tffa-version = <0x1>;\t\t/* major 0: <0x10001> is v1.1 */\n"
		"\t\tuuid = <0xb4b5671e 0x4a904fe1 0xb81ffb13>;\t/* 3 cells */\n"
		"\t\texception-level = <3>;\n"
		"\t\t/* no execution-ctx-count, execution-state, messaging-method */\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\t/ {\n"
		"\t\tcompatible = \"arm,ffa-manifest-1.0\";\n"
		"\t\tffa-version = <0x00010002>;\n"
		"\t\tuuid = <0xb4b5671e 0x4a904fe1 0xb81ffb13 0xdae1dacb>;\n"
		"\t\texecution-ctx-count = <1>;\n"
		"\t\texception-level = <2>;\n"
		"\t\texecution-state = <0>;\n"
		"\t\tmessaging-method = <0x3>;\n"
		"\t\tns-interrupts-action = <1>;\n"
		"\t};\n",
	.check = check,
};
