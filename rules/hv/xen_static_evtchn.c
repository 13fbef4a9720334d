/* xen-static-evtchn: event channels Xen connects between domains at boot. */
#include <inttypes.h>
#include <string.h>

#include "hv.h"

#define FIFO_PORTS (1u << 17) /* the FIFO ABI's event channels */

static int is_evtchn(const struct dtidy_node *n)
{
	return dtidy_node_is_compatible(n, "xen,evtchn-v1");
}

/* The local port and the remote node of an event channel node; 0 when
 * xen,evtchn is not <port &remote>. */
static int link(const struct dtidy_tree *t, const struct dtidy_node *n, uint32_t *port,
		const struct dtidy_node **remote, const struct dtidy_cell **ref)
{
	const struct dtidy_cell *c[2];
	const struct dtidy_prop *p = dtidy_prop_get(n, "xen,evtchn");
	if (!p || dtidy_prop_cells(p, c, 2) != 2)
		return 0;
	*port = (uint32_t)c[0]->val;
	*remote = hv_cell_target(t, c[1]);
	if (ref)
		*ref = c[1];
	return 1;
}

static void check_node(struct dtidy_ctx *ctx, const struct dtidy_node *n)
{
	const struct dtidy_tree *t = dtidy_ctx_tree(ctx);
	const struct dtidy_node *dom = n->parent;
	if (!hv_maybe_chosen(t, dom) &&
	    !(hv_is_xen_domain(dom) && hv_maybe_chosen(t, dom->parent))) {
		dtidy_report_node(ctx, n,
				  "event channel node %s must be a child of /chosen (dom0) or of a "
				  "xen,domain node there: Xen ignores it elsewhere",
				  n->name);
		return;
	}
	const struct dtidy_prop *p = dtidy_prop_get(n, "xen,evtchn");
	uint32_t port, back;
	const struct dtidy_node *remote, *home;
	const struct dtidy_cell *ref;
	if (!p) {
		dtidy_report_node(ctx, n, "event channel node %s lacks xen,evtchn", n->name);
		return;
	}
	if (!link(t, n, &port, &remote, &ref) || !ref->ref) {
		dtidy_report_prop(ctx, NULL, p,
				  "xen,evtchn is <local-port &remote-evtchn>: a port number and a "
				  "phandle to the event channel node at the other end");
		return;
	}
	if (port >= FIFO_PORTS)
		dtidy_report_prop(ctx, NULL, p,
				  "local port %" PRIu32
				  " is beyond the largest event channel (2^17 "
				  "with the FIFO ABI, 4096 with 2L)",
				  port);
	for (const struct dtidy_node *o = dom->child; o != n; o = o->next) {
		uint32_t other;
		const struct dtidy_node *r;
		if (is_evtchn(o) && link(t, o, &other, &r, NULL) && other == port) {
			dtidy_report_prop(ctx, NULL, p,
					  "local port %" PRIu32 " is already used in %s by %s",
					  port, dom->name[0] ? dom->name : "/", o->name);
			break;
		}
	}
	if (!remote)
		return; /* an unresolved reference: the structural rules say so */
	if (!is_evtchn(remote)) {
		hv_about(dtidy_report(ctx, ref->loc,
				      "the remote end %s is not an event channel node "
				      "(compatible \"xen,evtchn-v1\")",
				      remote->name),
			 n, p);
		return;
	}
	if (link(t, remote, &back, &home, NULL) && home && home != n)
		hv_about(dtidy_report(ctx, ref->loc,
				      "%s links to %s, which links to %s: the two ends must point at each "
				      "other",
				      n->name, remote->name, home->name),
			 n, p);
	if (hv_is_xen_domain(dom)) {
		const struct dtidy_prop *e = dtidy_prop_get(dom, "xen,enhanced");
		const char *v = hv_prop_str(e);
		if (!e || (v && !strcmp(v, "disabled")))
			hv_about(dtidy_report_sev(ctx, DTIDY_SEV_WARNING, hv_node_loc(n),
						  "%s has static event channels but %s: give it "
						  "xen,enhanced = \"no-xenstore\" so that the guest finds the "
						  "event channel interface",
						  dom->name,
						  e ? "xen,enhanced = \"disabled\""
						    : "no xen,enhanced"),
				 n, NULL);
	}
}

static void check(struct dtidy_ctx *ctx)
{
	DTIDY_FOREACH_NODE(n, dtidy_ctx_tree(ctx))
	{
		const struct dtidy_prop *c = dtidy_prop_get(n, "compatible");
		long ns = dtidy_prop_nstrings(c);
		for (long i = 0; i < ns; i++)
			if (!strcmp(dtidy_prop_string(c, (size_t)i), "xen,evtchn")) {
				struct dtidy_report *r = hv_about(
					dtidy_report(ctx, dtidy_prop_string_loc(c, (size_t)i),
						     "the compatible of a static event channel is \"xen,evtchn-v1\": "
						     "Xen ignores a node with \"xen,evtchn\""),
					NULL, c);
				if (!is_evtchn(n))
					hv_fix_string(r, c, (size_t)i, "xen,evtchn-v1");
			}
		if (is_evtchn(n))
			check_node(ctx, n);
	}
}

const struct dtidy_rule dtidy_rule_xen_static_evtchn = {
	.api_version = DTIDY_RULE_API_VERSION,
	.id = "xen-static-evtchn",
	.family = "hv",
	.severity = DTIDY_SEV_ERROR,
	.flags = DTIDY_RULE_FIXABLE,
	.description = "Xen static event channels: <port &remote>, both ends linked, ports unique",
	.help = "Xen docs/misc/arm/device-tree/booting.txt, \"Static Event Channel\": an\n"
		"event channel node is a child of /chosen (dom0's) or of a xen,domain node,\n"
		"compatible with \"xen,evtchn-v1\" (the compatible Xen matches, as in the\n"
		"document's examples; a node with \"xen,evtchn\" is ignored, and --fix\n"
		"renames it), with xen,evtchn = <local-evtchn link-to-foreign-evtchn>: a\n"
		"local port (\"maximum supported value is 2^17 for FIFO ABI\") and a\n"
		"phandle to the event channel node of the other domain, whose own\n"
		"xen,evtchn links back (Xen panics otherwise). A port is used once per\n"
		"domain. \"To enable the event-channel interface for domU guests include\n"
		"the xen,enhanced = \"no-xenstore\" property\" (warning when a domain with\n"
		"event channels has no xen,enhanced or has it \"disabled\").\n"
		"\n"
		"Bad:\n"
		"\tec1: evtchn@1 {\n"
		"\t\tcompatible = \"xen,evtchn\";\t\t/* not -v1 */\n"
		"\t\txen,evtchn = <0xa &ec3>;\t\t/* ec3 links elsewhere */\n"
		"\t};\n"
		"\n"
		"Good (booting.txt):\n"
		"\tec1: evtchn@1 {\n"
		"\t\tcompatible = \"xen,evtchn-v1\";\n"
		"\t\txen,evtchn = <0xa &ec2>;\n"
		"\t};\n"
		"\tdomU1 {\n"
		"\t\tcompatible = \"xen,domain\";\n"
		"\t\txen,enhanced = \"no-xenstore\";\n"
		"\t\tec2: evtchn@2 {\n"
		"\t\t\tcompatible = \"xen,evtchn-v1\";\n"
		"\t\t\txen,evtchn = <0xa &ec1>;\n"
		"\t\t};\n"
		"\t};\n",
	.check = check,
};
