/* xen-static-shm: memory shared between dom0less domains at boot. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "hv.h"

#define PAGE 4096u
#define MAX_SHM_ID_LENGTH 16 /* with the terminating NUL */
#define MAX_NODES 128

struct shm {
	const struct dtidy_node *node;
	const char *id;
	int has_host;
	uint64_t host, guest, size;
	int owner;
};

/* Reads xen,shared-mem = <[host] guest size> in the cells Xen uses: the
 * parent's #address-cells for both addresses, #size-cells for the size.
 * Returns 0 (after reporting) when the value cannot be read. */
static int read_region(struct dtidy_ctx *ctx, const struct dtidy_node *n,
		       const struct dtidy_prop *p, struct shm *s)
{
	int ac = hv_xen_cells(n, "#address-cells"), sc = hv_xen_cells(n, "#size-cells");
	if (ac < 0 || sc < 0)
		return 0; /* the cells come from the tree this one is merged into */
	size_t nc;
	const struct dtidy_cell **cells = hv_cells(p, &nc);
	if (ac < 1 || sc < 1 || ac > 2 || sc > 2) {
		if (ac < 1 || sc < 1)
			dtidy_report_prop(ctx, NULL, p,
					  "xen,shared-mem needs #address-cells and #size-cells of at "
					  "least 1 in %s",
					  n->parent->name);
		free(cells);
		return 0;
	}
	if (!cells || (nc != (size_t)(2 * ac + sc) && nc != (size_t)(ac + sc))) {
		dtidy_report_prop(ctx, NULL, p,
				  "xen,shared-mem has %zu cells: it is <host guest size> (%d + %d + %d "
				  "cells) or <guest size> (%d + %d), in the cell sizes of %s",
				  nc, ac, ac, sc, ac, sc, n->parent->name);
		free(cells);
		return 0;
	}
	size_t at = 0;
	s->has_host = nc == (size_t)(2 * ac + sc);
	if (s->has_host) {
		s->host = hv_cells_value(cells, 0, (size_t)ac);
		at = (size_t)ac;
	}
	s->guest = hv_cells_value(cells, at, (size_t)ac);
	s->size = hv_cells_value(cells, at + (size_t)ac, (size_t)sc);
	struct dtidy_loc where = dtidy_prop_loc(p);
	if (!s->size)
		hv_about(dtidy_report(ctx, where, "shared memory region %s has size 0", s->id), n,
			 p);
	else if ((s->has_host && s->host % PAGE) || s->guest % PAGE || s->size % PAGE)
		hv_about(dtidy_report(ctx, where,
				      "shared memory region %s is not 4 KiB aligned (host 0x%" PRIx64
				      ", guest 0x%" PRIx64 ", size 0x%" PRIx64 "): Xen rejects it",
				      s->id, s->host, s->guest, s->size),
			 n, p);
	else if (s->has_host && s->host + s->size < s->host)
		hv_about(dtidy_report(ctx, where,
				      "shared memory region %s wraps around the address space",
				      s->id),
			 n, p);
	/* dom0 (a node directly in /chosen) is direct-mapped, and so is a
	 * domain with direct-map */
	const struct dtidy_node *dom = hv_xen_domain_of(n);
	if (!dom || dtidy_prop_get(dom, "direct-map")) {
		const char *who = dom ? dom->name : "dom0";
		if (!s->has_host)
			hv_about(dtidy_report(ctx, where,
					      "%s is direct-mapped: its shared memory needs the host address "
					      "too, equal to the guest address",
					      who),
				 n, p);
		else if (s->host != s->guest)
			hv_about(dtidy_report(ctx, where,
					      "%s is direct-mapped: host address 0x%" PRIx64
					      " and guest address 0x%" PRIx64 " must be equal",
					      who, s->host, s->guest),
				 n, p);
	}
	free(cells);
	return 1;
}

static int check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n, struct shm *s)
{
	memset(s, 0, sizeof(*s));
	s->node = n;
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	if (!hv_maybe_chosen(t, n->parent) &&
	    !(hv_is_xen_domain(n->parent) && hv_maybe_chosen(t, n->parent->parent))) {
		dtidy_report_node(ctx, n,
				  "static shared memory node %s must be a child of /chosen (dom0) or of "
				  "a xen,domain node there: Xen ignores it elsewhere",
				  n->name);
		return 0;
	}
	const struct dtidy_prop *id = dtidy_prop_get(n, "xen,shm-id");
	s->id = hv_prop_str(id);
	if (!id) {
		dtidy_report_node(ctx, n, "static shared memory node %s lacks xen,shm-id", n->name);
		return 0;
	}
	if (!s->id) {
		dtidy_report_prop(ctx, NULL, id,
				  "xen,shm-id is a string (up to %d characters), not %s",
				  MAX_SHM_ID_LENGTH - 1, id->nchunks ? "cells or bytes" : "empty");
		return 0;
	}
	size_t len = strlen(s->id);
	if (!len || len >= MAX_SHM_ID_LENGTH)
		hv_about(dtidy_report(ctx, dtidy_prop_string_loc(id, 0),
				      "xen,shm-id \"%s\" has %zu characters: it must have 1 to %d "
				      "(MAX_SHM_ID_LENGTH is %d with the NUL)",
				      s->id, len, MAX_SHM_ID_LENGTH - 1, MAX_SHM_ID_LENGTH),
			 NULL, id);
	const struct dtidy_prop *role = dtidy_prop_get(n, "role");
	if (role) {
		const char *r = hv_prop_str(role);
		if (!r || (strcmp(r, "owner") && strcmp(r, "borrower")))
			dtidy_report_prop(
				ctx, NULL, role,
				"role is \"owner\" or \"borrower\": Xen rejects anything else");
		s->owner = r && !strcmp(r, "owner");
	}
	const struct dtidy_prop *mem = dtidy_prop_get(n, "xen,shared-mem");
	if (!mem) {
		dtidy_report_node(ctx, n, "static shared memory node %s lacks xen,shared-mem",
				  n->name);
		return 0;
	}
	return read_region(ctx, n, mem, s);
}

/* The regions agree across nodes: one id, one region; one region, one id;
 * no overlap between different regions; at most one owner. */
static void check_together(struct dtidy_ctx *ctx, const struct shm *all, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct shm *a = &all[i];
		struct dtidy_loc at = dtidy_prop_loc(dtidy_prop_get(a->node, "xen,shared-mem"));
		for (size_t j = 0; j < i; j++) {
			const struct shm *b = &all[j];
			if (!strcmp(a->id, b->id)) {
				if (a->size != b->size || a->has_host != b->has_host ||
				    (a->has_host && a->host != b->host)) {
					hv_about(dtidy_report(ctx, at,
							      "region \"%s\" differs from its definition in %s: "
							      "the same xen,shm-id must give the same host "
							      "address and size",
							      a->id, b->node->parent->name),
						 a->node,
						 dtidy_prop_get(a->node, "xen,shared-mem"));
					break;
				}
				if (a->owner && b->owner) {
					dtidy_report_prop(ctx, NULL,
							  dtidy_prop_get(a->node, "role"),
							  "region \"%s\" has a second owner (%s is one): "
							  "one domain backs it, the others borrow",
							  a->id, b->node->parent->name);
					break;
				}
			} else if (a->has_host && b->has_host && a->host < b->host + b->size &&
				   b->host < a->host + a->size) {
				hv_about(dtidy_report(ctx, at,
						      "region \"%s\" overlaps region \"%s\" in host memory: "
						      "different xen,shm-id must not share memory",
						      a->id, b->id),
					 a->node, dtidy_prop_get(a->node, "xen,shared-mem"));
				break;
			}
		}
	}
}

static void check(struct dtidy_ctx *ctx)
{
	struct shm *all = malloc(MAX_NODES * sizeof(*all));
	size_t n = 0;
	if (!all)
		return;
	DTIDY_FOREACH_NODE(x, dtidy_ctx_tree(ctx))
	{
		if (dtidy_node_is_compatible(x, "xen,domain-shared-memory-v1") && n < MAX_NODES &&
		    check_node(ctx, x, &all[n]))
			n++;
	}
	check_together(ctx, all, n);
	free(all);
}

const struct dtidy_rule dtidy_rule_xen_static_shm = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-static-shm",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.description = "Xen static shared memory: id, region, role, the same region per id",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"Static Shared Memory\": a node\n"
		"compatible with \"xen,domain-shared-memory-v1\", a child of /chosen (dom0's)\n"
		"or of a xen,domain node, has\n"
		"- xen,shm-id: a string of at most 15 characters (MAX_SHM_ID_LENGTH 16\n"
		"  \"\\0 included\"); the old cell form <0x1> is not read;\n"
		"- xen,shared-mem: <host guest size> or, letting Xen choose the host\n"
		"  memory, <guest size>, the addresses in the parent's #address-cells and\n"
		"  the size in its #size-cells (as Xen inherits them); page aligned, size\n"
		"  not 0;\n"
		"- role (optional): \"owner\" or \"borrower\", one owner per region.\n"
		"\"If the SHM ID matches with an existing region, the address range of the\n"
		"region shall also exactly match\"; \"if the SHM ID does not match ... it\n"
		"should also not overlap with any other regions\". In a direct-mapped\n"
		"domain, \"the Dom0 and the Dom0less DomUs with direct-map\", the host\n"
		"address is given and equals the guest one.\n"
		"\n"
		"Bad:\n"
		"\tdomU1 {\n"
		"\t\tcompatible = \"xen,domain\";\n"
		"\t\t#address-cells = <0x1>;\n"
		"\t\t#size-cells = <0x1>;\n"
		"\t\tshm@50000000 {\n"
		"\t\t\tcompatible = \"xen,domain-shared-memory-v1\";\n"
		"\t\t\txen,shm-id = <0x1>;\t\t/* not a string */\n"
		"\t\t\trole = \"lender\";\n"
		"\t\t\txen,shared-mem = <0x50000000 0x60000000>;\n"
		"\t\t};\n"
		"\t};\n"
		"\n"
		"Good (booting.txt):\n"
		"\t\tdomU1-shared-mem@50000000 {\n"
		"\t\t\tcompatible = \"xen,domain-shared-memory-v1\";\n"
		"\t\t\txen,shm-id = \"my-shared-mem-1\";\n"
		"\t\t\txen,shared-mem = <0x50000000 0x60000000 0x20000000>;\n"
		"\t\t};\n",
	.check = check,
};
