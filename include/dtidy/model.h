/* The semantic model: the merged devicetree as dtc builds it, after
 * preprocessing, with every node and property remembering every place it was
 * written. This is the read-only view that rules (built in or plugins) get.
 * Everything here is owned by the model and lives as long as it does. */
#ifndef DTIDY_PUBLIC_MODEL_H
#define DTIDY_PUBLIC_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* A file read while building the model (a board, a .dtsi, a header). */
struct dtidy_file {
	const char *path;	/* as reached: the given path or dir/include-name */
	const char *text;	/* its bytes, NUL-terminated */
	size_t len;
};

/* A place in a file: byte offsets [start, end). For a token that came out
 * of a macro expansion this is the macro use in the file that used it, not
 * the #define in a header. file may be NULL for synthesised things. */
struct dtidy_loc {
	const struct dtidy_file *file;
	uint32_t start, end;
};

/* 1-based line and column (bytes) of loc.start. */
void dtidy_loc_linecol(struct dtidy_loc loc, unsigned *line, unsigned *col);

enum dtidy_chunk_kind {
	DTIDY_CHUNK_CELLS,	/* < ... > (with /bits/ width) */
	DTIDY_CHUNK_STRING,	/* "..." */
	DTIDY_CHUNK_BYTES,	/* [ ... ] or /incbin/ */
	DTIDY_CHUNK_PATH,	/* &label or &{/path} outside < >: the node's path */
};

struct dtidy_cell {
	uint64_t val;		/* value (a phandle once resolved, for references) */
	const char *ref;	/* non-NULL: a reference ("label" or "/path" or "label/sub") */
	struct dtidy_loc loc;
};

/* One comma-separated part of a property value. */
struct dtidy_chunk {
	enum dtidy_chunk_kind kind;
	unsigned bits;			/* cells: 8, 16, 32 or 64 */
	size_t n;			/* cells: count; string and bytes: length */
	const struct dtidy_cell *cells;	/* cells */
	const char *data;		/* string (no terminating NUL counted), bytes, path */
	const char *ref;		/* DTIDY_CHUNK_PATH: the reference as written */
	struct dtidy_loc loc;
};

/* A label inside a property's value ("reg = <0 l: 4>;", "x = l: \"a\";"):
 * it stands before element `cell` of chunk `chunk` (a cell or a byte), or
 * before the whole chunk when cell is SIZE_MAX; chunk == the property's
 * nchunks, or cell == the chunk's n, is after the last one. */
struct dtidy_vlabel {
	const char *name;
	size_t chunk, cell;
	struct dtidy_loc loc;	/* the label itself */
};

struct dtidy_node;
struct dtidy_tree_index;

struct dtidy_prop {
	const char *name;
	const struct dtidy_chunk *chunks;
	size_t nchunks;
	const char *const *labels;
	size_t nlabels;
	/* every definition, in source order; the last one is the value's */
	const struct dtidy_loc *locs;
	size_t nlocs;
	const struct dtidy_node *node;
	const struct dtidy_prop *next;
	/* the labels inside the value, in source order */
	const struct dtidy_vlabel *vlabels;
	size_t nvlabels;
};

struct dtidy_node {
	const char *name;	/* "name@unit"; "" for the root */
	const char *basename;	/* part before '@' */
	const char *unit;	/* part after '@', or NULL */
	const struct dtidy_node *parent, *child, *next;
	const struct dtidy_prop *props;
	const char *const *labels;
	size_t nlabels;
	/* every place the node was opened: its definition, repeated
	 * definitions, &label { } and &{/path} { } overrides, in order. The
	 * first is where it was created; name_locs[i] is the name token. */
	const struct dtidy_loc *locs;
	size_t nlocs;
	uint32_t phandle;	/* explicit or assigned (0: none) */
	int omit_if_no_ref;
	int referenced;		/* some phandle or path reference points here */
	/* A child node was written in it, even one deleted or omitted since,
	 * or its first body has a /delete-node/: dtc keeps those in the
	 * node's list, and its checks that ask whether a node has children
	 * (avoid_unnecessary_addr_size, i2c_bus_bridge, spi_bus_bridge)
	 * count them. */
	int had_children;
};

struct dtidy_memreserve {
	uint64_t address, size;
	struct dtidy_loc loc;
};

/* A statement that changed nothing in the tree, which dtc accepts without a
 * word. */
enum dtidy_noop_kind {
	DTIDY_NOOP_DELETE_NODE,	/* /delete-node/ name; with no such child there */
	DTIDY_NOOP_DELETE_PROP,	/* /delete-property/ name; with no such property there */
	DTIDY_NOOP_SAME_VALUE,	/* a property set again to the value it had */
};

struct dtidy_noop {
	enum dtidy_noop_kind kind;
	const char *name;	/* the child node or property the statement names */
	const char *path;	/* the node it applied to, "/soc/uart@1000" */
	struct dtidy_loc loc;	/* the statement */
	struct dtidy_loc prev;	/* DTIDY_NOOP_SAME_VALUE: the definition it repeats */
	/* A deletion in the body that first defines its node: dtc deletes
	 * only what earlier bodies defined, even when this body sets the
	 * name before the deletion. */
	int in_new_node;
};

struct dtidy_tree {
	const struct dtidy_node *root;
	const struct dtidy_memreserve *memreserves;
	size_t nmemreserves;
	int plugin;			/* /plugin/ */
	const struct dtidy_file *const *files;	/* every file read, the main one first */
	size_t nfiles;
	/* Label and phandle lookups for dtidy_resolve and
	 * dtidy_node_by_phandle; NULL (a hand-made tree) walks the tree. */
	const struct dtidy_tree_index *index;
	/* Statements that changed nothing, in the order dtc applied them.
	 * Deletions are only listed for a whole tree (one with /dts-v1/): in
	 * a fragment checked alone they may act on what its includer has. */
	const struct dtidy_noop *noops;
	size_t nnoops;
};

/* ---- queries ---- */

const struct dtidy_prop *dtidy_prop_get(const struct dtidy_node *n, const char *name);
/* The whole value as 32-bit cells, when it is made only of 32-bit cell
 * chunks: returns the count (cells may be NULL to only count), else -1. */
long dtidy_prop_cells(const struct dtidy_prop *p, const struct dtidy_cell **cells,
		      size_t max);
/* i-th 32-bit cell across all chunks; 0 when there is none. */
int dtidy_prop_u32(const struct dtidy_prop *p, size_t i, uint32_t *out);
/* Number of strings when the value is only strings, else -1. */
long dtidy_prop_nstrings(const struct dtidy_prop *p);
/* i-th string of a string list, or NULL. */
const char *dtidy_prop_string(const struct dtidy_prop *p, size_t i);
/* Location of the i-th string of a string list (falls back to the property). */
struct dtidy_loc dtidy_prop_string_loc(const struct dtidy_prop *p, size_t i);
/* Location of the effective definition of a property. */
struct dtidy_loc dtidy_prop_loc(const struct dtidy_prop *p);
/* Location of the node's name where it was first defined. */
struct dtidy_loc dtidy_node_loc(const struct dtidy_node *n);

/* #address-cells / #size-cells that apply to this node's reg: the parent's
 * values, with the Devicetree spec's defaults (2 and 1) when absent. */
int dtidy_node_address_cells(const struct dtidy_node *n);
int dtidy_node_size_cells(const struct dtidy_node *n);
/* An integer property of a node (e.g. "#interrupt-cells"), or -1. */
long dtidy_node_u32(const struct dtidy_node *n, const char *prop);

const struct dtidy_node *dtidy_resolve(const struct dtidy_tree *t, const char *ref);
const struct dtidy_node *dtidy_node_by_phandle(const struct dtidy_tree *t, uint32_t ph);
/* The interrupt parent: interrupt-parent, else the nearest ancestor's. */
const struct dtidy_node *dtidy_interrupt_parent(const struct dtidy_tree *t,
						const struct dtidy_node *n);
/* Writes the node's full path ("/soc@0/uart@1000") into buf; returns buf. */
char *dtidy_node_path(const struct dtidy_node *n, char *buf, size_t size);
int dtidy_node_is_compatible(const struct dtidy_node *n, const char *compat);

#endif
