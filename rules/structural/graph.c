/* graph-nodes, graph-port, graph-endpoint (dtc warnings): the OF graph
 * (ports/port@N/endpoint@M with remote-endpoint links). A node with
 * endpoint children is a port; ports and endpoints are named so, have
 * single-cell reg matching their unit address under 1/0 cells, and links
 * are bidirectional.
 *
 * As in dtc 1.8, an overlay (/plugin/) gets only the reg checks: its
 * nodes are fragments whose names and links belong to the base tree. dtc 1.8 dropped 1.6's
 * graph_child_address ("a single endpoint needs no #address-cells"): the
 * graph binding allows port@0/endpoint@0 with cell counts alone. */
#include <stdio.h>
#include <string.h>

#include "dtc_util.h"

static void check_reg(struct dtidy_ctx *ctx, const struct dtidy_tree *t,
		      const struct dtidy_node *n)
{
	const struct dtidy_prop *p = dtidy_prop_get(n, "reg");
	if (!p)
		return;
	if (prop_len(t, p) != 4) {
		fail_node(ctx, n, "graph node '%s' has a malformed reg (one cell expected)", n->name);
		return;
	}
	char want[16];
	snprintf(want, sizeof(want), "%x", prop_first_cell(t, p));
	if (strcmp(node_unit(n), want) != 0)
		fail_node(ctx, n, "graph node unit address should be \"%s\"", want);
	long ac = node_own_addr_cells(t, n->parent), sc = node_own_size_cells(t, n->parent);
	if (ac != 1)
		fail_node(ctx, n, "graph node's parent has #address-cells = %ld, must be 1", ac);
	if (sc != 0)
		fail_node(ctx, n, "graph node's parent has #size-cells = %ld, must be 0", sc);
}

static void check_port(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	FOREACH_CHECKED_NODE(n, t) {
		if (node_bus(t, n, STAGE_GRAPH) != BUS_GRAPH_PORT)
			continue;
		check_reg(ctx, t, n);
		if (t->plugin)
			continue;
		if (!node_basename_is(n, "port"))
			fail_node(ctx, n, "graph port node '%s' should be named \"port\"", n->name);
	}
}

static const struct dtidy_node *remote(struct dtidy_ctx *ctx, const struct dtidy_tree *t,
				       const struct dtidy_node *ep, int report)
{
	const struct dtidy_prop *p = dtidy_prop_get(ep, "remote-endpoint");
	if (!p)
		return NULL;
	struct pval v;
	pval_get(t, p, &v);
	uint32_t ph = pval_cell(&v, 0);
	int unresolved = pval_is_unresolved_at(&v, 0);
	pval_free(&v);
	if (unresolved || !phandle_is_valid(ph))
		return NULL;
	const struct dtidy_node *r = dtidy_node_by_phandle(t, ph);
	if (!r && report)
		fail_prop(ctx, p, "\"remote-endpoint\" is not the phandle of any node");
	return r;
}

static void check_endpoint(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	char path[512];
	FOREACH_CHILD_OF_BUS(n, t, STAGE_GRAPH, BUS_GRAPH_PORT) {
		check_reg(ctx, t, n);
		if (t->plugin)
			continue;
		if (!node_basename_is(n, "endpoint"))
			fail_node(ctx, n, "graph endpoint node '%s' should be named \"endpoint\"", n->name);
		const struct dtidy_node *r = remote(ctx, t, n, 1);
		if (r && remote(ctx, t, r, 0) != n)
			fail_node(ctx, n, "graph link to %s is not bidirectional",
				  node_path(r, path, sizeof(path)));
	}
}

/* dtc's graph_nodes: the root cannot be a port, so an endpoint-like child
 * of the root is a misplaced remote-endpoint. */
static void check_nodes(struct dtidy_ctx *ctx)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	DTIDY_FOREACH_CHILD(c, t->root) {
		if (node_basename_is(c, "endpoint") || dtidy_prop_get(c, "remote-endpoint"))
			fail_node(ctx, t->root,
				  "the root node contains endpoint node '%s': a misplaced remote-endpoint?",
				  c->name);
	}
}

const struct dtidy_rule dtidy_rule_graph_nodes = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "graph-nodes",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "OF graph endpoint directly under the root",
	.help = "Endpoints live in a port of a device, never directly under /.\n\n"
		"Bad:\n\t/ { ep { remote-endpoint = <&x>; }; };\n"
		"Good:\n\t/ { dev { port { ep: endpoint { remote-endpoint = <&x>; }; }; }; };\n",
	.dtc_check = "graph_nodes",
	.check = check_nodes,
};

const struct dtidy_rule dtidy_rule_graph_port = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "graph-port",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "OF graph port misnamed or with a malformed reg",
	.help = "A node holding endpoints is a port: named port or port@N, with a\n"
		"one-cell reg equal to N under #address-cells = <1>, #size-cells = <0>.\n"
		"In an overlay only the reg is checked: names belong to the base tree.\n\n"
		"Bad:\n\tin@0 { reg = <0>; endpoint { }; };\n"
		"Good:\n\tport@0 { reg = <0>; endpoint { }; };\n",
	.dtc_check = "graph_port",
	.check = check_port,
};

const struct dtidy_rule dtidy_rule_graph_endpoint = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "graph-endpoint",
	.family = "structural",
	.severity = DTIDY_SEV_WARNING,
	.description = "OF graph endpoint misnamed, malformed or linked one way",
	.help = "Children of a port are endpoint or endpoint@N nodes whose\n"
		"remote-endpoint links back to them from the other side.\n\n"
		"Bad:\n\ta: endpoint { remote-endpoint = <&b>; };  /* b links elsewhere */\n"
		"Good:\n\ta: endpoint { remote-endpoint = <&b>; };  /* b links to &a */\n",
	.dtc_check = "graph_endpoint",
	.check = check_endpoint,
};
