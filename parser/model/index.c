/* The finished tree's lookup tables: label -> node and phandle -> node,
 * each keeping the first node in tree order, as a depth-first search
 * would find it. Rules resolve a reference per property (interrupt parents,
 * clocks, GPIOs...), which a whole-tree search per query makes quadratic
 * in the size of the board. Built once per model, in its arena. */
#include <string.h>

#include "../../core/hash.h"
#include "index.h"

struct label_slot {
	const char *name;
	const struct dtidy_node *n;
};

struct phandle_slot {
	uint32_t ph;
	const struct dtidy_node *n;
};

struct dtidy_tree_index {
	struct label_slot *labels;
	size_t lcap;		/* a power of two, or 0 */
	struct phandle_slot *phandles;
	size_t pcap;
};

static size_t hash_ph(uint32_t ph)
{
	return (size_t)(ph * 2654435761u);
}

/* Room for n entries at most half full. */
static size_t table_cap(size_t n)
{
	size_t cap = 16;
	while (cap < n * 2)
		cap *= 2;
	return cap;
}

static void count(const struct dtidy_node *n, size_t *nl, size_t *np)
{
	for (; n; n = n->next) {
		*nl += n->nlabels;
		*np += n->phandle != 0;
		count(n->child, nl, np);
	}
}

static void add_label(struct dtidy_tree_index *ix, const char *name, const struct dtidy_node *n)
{
	size_t k = fnv1a32_str(name) & (ix->lcap - 1);
	for (; ix->labels[k].name; k = (k + 1) & (ix->lcap - 1))
		if (!strcmp(ix->labels[k].name, name))
			return;	/* an earlier node has it */
	ix->labels[k].name = name;
	ix->labels[k].n = n;
}

static void add_phandle(struct dtidy_tree_index *ix, const struct dtidy_node *n)
{
	size_t k = hash_ph(n->phandle) & (ix->pcap - 1);
	for (; ix->phandles[k].n; k = (k + 1) & (ix->pcap - 1))
		if (ix->phandles[k].ph == n->phandle)
			return;
	ix->phandles[k].ph = n->phandle;
	ix->phandles[k].n = n;
}

static void fill(struct dtidy_tree_index *ix, const struct dtidy_node *n)
{
	for (; n; n = n->next) {
		for (size_t i = 0; i < n->nlabels; i++)
			add_label(ix, n->labels[i], n);
		if (n->phandle)
			add_phandle(ix, n);
		fill(ix, n->child);
	}
}

const struct dtidy_tree_index *dtidy_index_build(const struct dtidy_node *root, struct arena *a)
{
	struct dtidy_tree_index *ix = arena_alloc(a, sizeof(*ix));
	size_t nl = 0, np = 0;
	count(root, &nl, &np);
	ix->lcap = table_cap(nl);
	ix->labels = arena_alloc(a, ix->lcap * sizeof(*ix->labels));
	ix->pcap = table_cap(np);
	ix->phandles = arena_alloc(a, ix->pcap * sizeof(*ix->phandles));
	fill(ix, root);
	return ix;
}

const struct dtidy_node *dtidy_index_label(const struct dtidy_tree_index *ix, const char *name)
{
	size_t k = fnv1a32_str(name) & (ix->lcap - 1);
	for (; ix->labels[k].name; k = (k + 1) & (ix->lcap - 1))
		if (!strcmp(ix->labels[k].name, name))
			return ix->labels[k].n;
	return NULL;
}

const struct dtidy_node *dtidy_index_phandle(const struct dtidy_tree_index *ix, uint32_t ph)
{
	size_t k = hash_ph(ph) & (ix->pcap - 1);
	for (; ix->phandles[k].n; k = (k + 1) & (ix->pcap - 1))
		if (ix->phandles[k].ph == ph)
			return ix->phandles[k].n;
	return NULL;
}
