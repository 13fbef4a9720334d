/* hv-hafnium-manifest: the VMs and secure partitions Hafnium's own manifest
 * (/hypervisor, "hafnium,hafnium") describes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hv.h"

#define MAX_VMS 64

/* N of a node named vmN (N >= 1, decimal, no leading zero), else 0. */
static unsigned vm_number(const char *name)
{
	unsigned n;
	char end;
	if (strncmp(name, "vm", 2) || name[2] < '1' || name[2] > '9' ||
	    sscanf(name + 2, "%u%c", &n, &end) != 1)
		return 0;
	return n;
}

static void check_vm(struct dtidy_ctx *ctx, const struct dtidy_node *vm, unsigned n)
{
	const struct dtidy_prop *name = dtidy_prop_get(vm, "debug_name");
	if (!name)
		dtidy_report_node(ctx, vm, "%s lacks debug_name: Hafnium requires it", vm->name);
	else if (!hv_prop_str(name))
		dtidy_report_prop(ctx, NULL, name, "debug_name is one string");
	const struct dtidy_prop *vcpus = dtidy_prop_get(vm, "vcpu_count");
	uint32_t v;
	if (vcpus && (!hv_prop_u32(vcpus, &v) || !v || v > 0xffff))
		dtidy_report_prop(ctx, NULL, vcpus,
				  "vcpu_count is one cell from 1 to 0xffff (Hafnium reads 16 bits)");
	if (n > 1) {
		if (!vcpus)
			dtidy_report_node(ctx, vm,
					  "secondary VM %s lacks vcpu_count: Hafnium requires it",
					  vm->name);
		if (!dtidy_prop_get(vm, "mem_size"))
			dtidy_report_node(ctx, vm,
					  "secondary VM %s lacks mem_size: Hafnium requires it",
					  vm->name);
		const struct dtidy_prop *rd = dtidy_prop_get(vm, "ramdisk_filename");
		if (rd)
			dtidy_report_prop(ctx, NULL, rd,
					  "secondary VMs cannot have a ramdisk: only vm1 (the primary) "
					  "reads ramdisk_filename");
	}
	static const char *const flags[] = {"is_ffa_partition", "smc_whitelist_permissive",
					    "hyp_loaded"};
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		hv_need_flag(ctx, vm, flags[i], "Hafnium reads it as a boolean");
}

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *hv)
{
	hv_need_flag(ctx, hv, "ffa_tee_enabled", "Hafnium reads it as a boolean");
	unsigned char seen[MAX_VMS + 1] = {0};
	DTIDY_FOREACH_CHILD(c, hv)
	{
		unsigned n = vm_number(c->name);
		if (n && n <= MAX_VMS)
			seen[n] = 1;
	}
	DTIDY_FOREACH_CHILD(c, hv)
	{
		unsigned n = vm_number(c->name);
		if (!n) {
			if (!strncmp(c->name, "vm", 2))
				dtidy_report_node(ctx, c,
						  "Hafnium reads VM nodes named vm1, vm2, ...: it ignores "
						  "%s",
						  c->name);
			continue;
		}
		if (n > MAX_VMS)
			continue;
		unsigned gap = 0;
		for (unsigned k = 1; k < n && !gap; k++)
			if (!seen[k])
				gap = k;
		if (gap) {
			dtidy_report_node(ctx, c,
					  "%s is ignored: Hafnium reads vm1, vm2, ... in order and stops at "
					  "the missing vm%u",
					  c->name, gap);
			continue;
		}
		check_vm(ctx, c, n);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	hv_each_compatible(ctx, "hafnium,hafnium", check_node);
}

const struct dtidy_rule dtidy_rule_hv_hafnium_manifest = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-hafnium-manifest",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "Hafnium manifests: vm1, vm2, ... in order, each with what Hafnium requires",
	.help = "Hafnium docs/Manifest.md (and the SPMC manifest of\n"
		"docs/secure-partition-manager): /hypervisor, compatible\n"
		"\"hafnium,hafnium\", holds one node per VM named vm1, vm2, ...; Hafnium\n"
		"reads them in order and stops at the first missing number, so a later\n"
		"one is ignored, as is any other vm-like name. Every VM has debug_name;\n"
		"secondary VMs (vm2 on) have vcpu_count (1 to 0xffff) and mem_size and\n"
		"\"cannot have a ramdisk\". is_ffa_partition, smc_whitelist_permissive,\n"
		"hyp_loaded and ffa_tee_enabled are booleans, written without a value.\n"
		"\n"
		"Bad:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"hafnium,hafnium\";\n"
		"\t\tvm1 { kernel_filename = \"vmlinuz\"; };\t/* no debug_name */\n"
		"\t\tvm3 {\t\t\t\t/* ignored: there is no vm2 */\n"
		"\t\t\tdebug_name = \"lost\";\n"
		"\t\t\tvcpu_count = <1>;\n"
		"\t\t\tmem_size = <0x100000>;\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\thypervisor {\n"
		"\t\tcompatible = \"hafnium,hafnium\";\n"
		"\t\tvm1 {\n"
		"\t\t\tis_ffa_partition;\n"
		"\t\t\tdebug_name = \"op-tee\";\n"
		"\t\t\tload_address = <0x6280000>;\n"
		"\t\t\tvcpu_count = <8>;\n"
		"\t\t\tmem_size = <0xd80000>;\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
