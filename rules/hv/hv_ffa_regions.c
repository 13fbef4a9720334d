/* hv-ffa-regions: the memory and device regions of an FF-A partition. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ffa.h"

#define MAX_IDS 256

struct ids {
	uint64_t v[MAX_IDS];
	const struct dtidy_node *owner[MAX_IDS];
	size_t n;
};

/* The translation granule of the partition, in bytes. */
static uint64_t granule(const struct dtidy_node *root)
{
	uint32_t g;
	if (!hv_prop_u32(dtidy_prop_get(root, "xlat-granule"), &g) || g > 2)
		return 4096;
	return g == 0 ? 4096 : g == 1 ? 16384 : 65536;
}

static void check_common(struct dtidy_ctx *ctx, const struct dtidy_node *r, uint64_t gran,
			 int device)
{
	uint32_t v;
	if (ffa_need(ctx, r, "pages-count", "the region's size in translation granules") &&
	    ffa_u32(ctx, r, "pages-count", UINT32_MAX, "", &v) && !v)
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(r, "pages-count"),
				  "pages-count = <0>: the region is empty");
	if (ffa_need(ctx, r, "attributes", "read 0x1, write 0x2, execute 0x4, security 0x8"))
		ffa_u32(ctx, r, "attributes", 0xf,
			"the attributes are read (0x1), write (0x2), execute (0x4) and security "
			"state (0x8) ORed",
			&v);
	uint64_t base;
	if ((device ? ffa_need(ctx, r, "base-address", "the device's address") : 1) &&
	    ffa_u64(ctx, r, "base-address", &base) && base % gran)
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(r, "base-address"),
				  "base-address 0x%" PRIx64 " is not aligned to the %" PRIu64
				  " KiB translation granule",
				  base, gran / 1024);
	if (!device && dtidy_prop_get(r, "base-address") &&
	    dtidy_prop_get(r, "load-address-relative-offset"))
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(r, "load-address-relative-offset"),
				  "a memory region has base-address or load-address-relative-offset, "
				  "not both");
}

static void check_device(struct dtidy_ctx *ctx, const struct dtidy_node *r, struct ids *streams)
{
	size_t n;
	const struct dtidy_cell **cells = hv_cells(dtidy_prop_get(r, "interrupts"), &n);
	if (dtidy_prop_get(r, "interrupts") && (!cells || n % 2))
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(r, "interrupts"),
				  "interrupts is a list of <id attributes> pairs");
	for (size_t i = 1; i < n; i += 2)
		if (((cells[i]->val >> 10) & 3) == 3)
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "interrupt attributes %#llx: type (bits 11:10) 0b11 is none of "
					      "SGI 0b00, PPI 0b01, SPI 0b10",
					      (unsigned long long)cells[i]->val),
				 r, dtidy_prop_get(r, "interrupts"));
	size_t nt;
	const struct dtidy_cell **t = hv_cells(dtidy_prop_get(r, "interrupts-target"), &nt);
	if (dtidy_prop_get(r, "interrupts-target") && (!t || nt % 3))
		dtidy_report_prop(ctx, NULL, dtidy_prop_get(r, "interrupts-target"),
				  "interrupts-target is a list of <id mpidr-hi mpidr-lo> triples");
	for (size_t i = 0; t && nt % 3 == 0 && i < nt; i += 3) {
		size_t j;
		for (j = 0; j + 1 < n && cells[j]->val != t[i]->val; j += 2)
			;
		if (j + 1 >= n)
			hv_about(dtidy_report(ctx, t[i]->loc,
					      "interrupts-target names interrupt %llu, which is not in this "
					      "region's interrupts",
					      (unsigned long long)t[i]->val),
				 r, dtidy_prop_get(r, "interrupts-target"));
	}
	free(t);
	free(cells);
	hv_need_flag(ctx, r, "exclusive-access", "its presence is what counts");
	const struct dtidy_prop *sp = dtidy_prop_get(r, "stream-ids");
	cells = hv_cells(sp, &n);
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < streams->n && streams->v[j] != cells[i]->val; j++)
			;
		if (j < streams->n)
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "stream ID %llu is already a stream of %s: IDs are unique among "
					      "the devices of a partition",
					      (unsigned long long)cells[i]->val,
					      streams->owner[j]->name),
				 r, dtidy_prop_get(r, "stream-ids"));
		else if (streams->n < MAX_IDS) {
			streams->v[streams->n] = cells[i]->val;
			streams->owner[streams->n++] = r;
		}
	}
	free(cells);
}

/* A memory region's stream-ids must each be declared by a device region. */
static void check_memory_streams(struct dtidy_ctx *ctx, const struct dtidy_node *r,
				 const struct ids *streams)
{
	size_t n;
	const struct dtidy_cell **cells = hv_cells(dtidy_prop_get(r, "stream-ids"), &n);
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < streams->n && streams->v[j] != cells[i]->val; j++)
			;
		if (j == streams->n)
			hv_about(dtidy_report(ctx, cells[i]->loc,
					      "stream ID %llu is declared by no device region",
					      (unsigned long long)cells[i]->val),
				 r, dtidy_prop_get(r, "stream-ids"));
	}
	free(cells);
}

static void check(struct dtidy_ctx *ctx)
{
	const struct dtidy_node *root = dtidy_ctx_tree(ctx)->root;
	unsigned major, minor;
	if (!ffa_manifest_version(root, &major, &minor))
		return;
	uint64_t gran = granule(root);
	struct ids *streams = calloc(1, sizeof(*streams));
	if (!streams)
		return;
	static const char *const kinds[] = {"arm,ffa-manifest-device-regions",
					    "arm,ffa-manifest-memory-regions"};
	for (int device = 1; device >= 0; device--)
		DTIDY_FOREACH_NODE(g, dtidy_ctx_tree(ctx))
		{
			if (!dtidy_node_is_compatible(g, kinds[1 - device]))
				continue;
			if (!g->child)
				dtidy_report_node(ctx, g,
						  "%s declares no region: the SPMC rejects an empty "
						  "region node",
						  g->name);
			DTIDY_FOREACH_CHILD(r, g)
			{
				check_common(ctx, r, gran, device);
				if (device)
					check_device(ctx, r, streams);
				else
					check_memory_streams(ctx, r, streams);
			}
		}
	free(streams);
}

const struct dtidy_rule dtidy_rule_hv_ffa_regions = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "hv-ffa-regions",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "FF-A memory and device regions: pages, attributes, aligned bases, IDs",
	.help = "TF-A docs/components/ffa-manifest-binding.rst, \"Memory Regions\" and\n"
		"\"Device Regions\": each child of a node compatible with\n"
		"\"arm,ffa-manifest-memory-regions\" or \"-device-regions\" has pages-count\n"
		"(mandatory, in translation granules) and attributes (mandatory: read\n"
		"0x1, write 0x2, execute 0x4, security state 0x8); base-address, mandatory\n"
		"for a device, \"must be aligned to the translation granule size\" (the\n"
		"root's xlat-granule, 4 KiB by default). A memory region has base-address\n"
		"or load-address-relative-offset, \"it cannot have both\", and its\n"
		"stream-ids are each \"declared in exactly one device region node\". A\n"
		"device region's interrupts are <id attributes> pairs (type bits 11:10:\n"
		"SGI 0b00, PPI 0b01, SPI 0b10), interrupts-target <id mpidr-hi mpidr-lo>\n"
		"triples naming one of its interrupts, stream-ids unique among the\n"
		"partition's devices, exclusive-access a flag. A region node without\n"
		"regions is rejected.\n"
		"\n"
		"Bad:\n"
		"\tdevice-regions {\n"
		"\t\tcompatible = \"arm,ffa-manifest-device-regions\";\n"
		"\t\tuart2 {\n"
		"\t\t\tbase-address = <0x0 0x1c0b0800>;\t/* not page aligned */\n"
		"\t\t\tattributes = <0x13>;\t\t/* unknown bit; no pages-count */\n"
		"\t\t\tinterrupts = <37 0x900>;\n"
		"\t\t\tinterrupts-target = <38 0x0 0x0>;\t/* 38 is not listed */\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good:\n"
		"\tdevice-regions {\n"
		"\t\tcompatible = \"arm,ffa-manifest-device-regions\";\n"
		"\t\tuart2 {\n"
		"\t\t\tbase-address = <0x0 0x1c0b0000>;\n"
		"\t\t\tpages-count = <1>;\n"
		"\t\t\tattributes = <0x3>;\n"
		"\t\t\tinterrupts = <37 0x900>;\n"
		"\t\t\tinterrupts-target = <37 0x0 0x0>;\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
