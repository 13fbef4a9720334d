/* The schema engine: the kernel's binding documents and dt-schema's core
 * schemas, read (libyaml) and processed as dt-mk-schema processes them, and
 * a JSON Schema (2019-09 subset, as dt-schema uses it) evaluator.
 *
 * This folder knows nothing of devicetree sources: rules/schema/ builds a
 * `struct sinst` (the instance dt-validate would decode from the DTB, typed
 * by schema_prop_type) from the merged tree and turns each schema_error back
 * into a diagnostic at the line its `origin` points to.
 *
 * A loaded set is read-only and shared by every job thread; everything a
 * call allocates comes from the caller's arena. */
#ifndef DTIDY_SCHEMA_H
#define DTIDY_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct diag_list;

/* ---- instances ---------------------------------------------------------
 * A node is an OBJECT whose members are its properties, its child nodes
 * (OBJECTs) and "$nodename" (an ARRAY holding the node's name, as
 * dt-validate adds it). A property is what dt-validate makes of it: a flag
 * is TRUE; strings are an ARRAY of STR; integers are an ARRAY of rows, each
 * an ARRAY of INT (a matrix, rows as schema_prop_type shapes them); a
 * uint8/16/64 array is one row.
 * Precisely as dt-validate's DTB decoder (dtb.py prop_value) shapes them:
 * a scalar type (uint32, int8, ... : not -array, not -matrix, not phandle)
 * holding one value is a bare INT; a -array type is one flat ARRAY of INT;
 * -matrix, phandle, phandle-array and address types are ARRAYs of rows
 * (one row when schema_prop_type gives no dimensions). Signed types set
 * is_signed and store the value sign-extended. */
/* SINST_BYTES (added last): a property no schema types, which dt-validate
 * leaves as raw bytes (s: the bytes, n: how many); no JSON type accepts it,
 * so dt-core's "is not of type" findings about untyped properties hold. */
enum sinst_kind { SINST_TRUE, SINST_INT, SINST_STR, SINST_ARRAY, SINST_OBJECT, SINST_BYTES };

struct sinst_member;

struct sinst {
	enum sinst_kind kind;
	uint64_t u;				/* INT: the value as stored */
	const char *s;				/* STR */
	size_t n;				/* ARRAY: items, OBJECT: members, BYTES: bytes */
	const struct sinst *items;		/* ARRAY */
	const struct sinst_member *members;	/* OBJECT */
	const void *origin;			/* the caller's: property, cell or node it came from */
	unsigned char is_signed;		/* INT: u holds an int64_t (an int8..int64 type's
						 * value, sign-extended) */
	unsigned char bits;			/* INT: the size it was decoded with, 8, 16,
						 * 32 or 64 (0: 32), which types.yaml's
						 * typeSize checks (uint32 or uint64?) */
};

struct sinst_member {
	const char *name;
	struct sinst value;
};

/* ---- the set -------------------------------------------------------------- */
struct schema_set;	/* every document, processed, indexed by $id (opaque) */
struct schema;		/* one top-level document (opaque) */

struct schema_load_opts {
	const char *bindings_dir;	/* the kernel's Documentation/devicetree/bindings */
	const char *core_dir;		/* dt-schema's schemas/ (types.yaml, dt-core.yaml, ...) */
	const char *cache_dir;		/* where the compiled set is cached; NULL: no cache */
};

/* Loads (or maps from the cache) the whole set. A document that is not YAML,
 * a $ref that goes nowhere or a $ref cycle adds one warning naming the file
 * and line to `warnings` and leaves the rest of the set usable. NULL (with a
 * reason in `why`) when the core schemas are missing or unreadable. */
struct schema_set *schema_set_load(const struct schema_load_opts *o,
				   struct diag_list *warnings, char *why, size_t whysize);
void schema_set_free(struct schema_set *set);

/* ---- typing --------------------------------------------------------------
 * What dt-schema's processed schemas say a property name holds (the
 * property-type map dt-validate decodes DTBs with: types.yaml $refs, unit
 * suffixes, #*-cells, *-gpios, ...). */
enum schema_ptype_kind {
	SPT_UNKNOWN, SPT_FLAG, SPT_STRING, SPT_INT, SPT_PHANDLE, SPT_PHANDLE_ARRAY, SPT_NODE
};

struct schema_ptype {
	enum schema_ptype_kind kind;
	unsigned char bits;		/* SPT_INT: 8, 16, 32 or 64 */
	unsigned char is_signed;	/* SPT_INT: int8..int64 types */
	unsigned char matrix;		/* SPT_INT/PHANDLE_ARRAY: rows of cells */
	unsigned char scalar;		/* exactly one value */
	unsigned dim[2][2];		/* matrix: {rows min,max}, {cols min,max}; 0 = unbounded */
};

/* The types a property name may have, at most `max`; returns how many there
 * are (0: no schema types it). */
size_t schema_prop_types(const struct schema_set *set, const char *prop,
			 struct schema_ptype *out, size_t max);

/* ---- selection and validation ------------------------------------------ */

/* Every schema whose `select` (explicit, or derived from its compatible
 * strings; the core schemas by $nodename) matches `node`, at most `max`;
 * returns how many match.
 * As dt-validate chooses: of the documents selected by compatible, only
 * the one naming the node's first compatible string that any document
 * names; then every document with an explicit select (or one made from its
 * $nodename) that holds for the node. `node` includes its child nodes as
 * members: a parent's schema validates them too. */
size_t schema_select(const struct schema_set *set, const struct sinst *node,
		     const struct schema **out, size_t max, struct arena *scratch);

enum schema_error_kind {
	SE_REQUIRED,		/* `required` (name: the missing property or child) */
	SE_UNEXPECTED,		/* additional/unevaluatedProperties: false (name) */
	SE_VALUE,		/* type, count, enum/const, pattern, range, ... */
	SE_NODE_NAME,		/* $nodename */
	SE_DEPENDENCY,		/* dependentRequired/dependentSchemas/dependencies (name) */
	SE_DEPRECATED,		/* deprecated: true (name) */
};

struct schema_error {
	enum schema_error_kind kind;
	const struct sinst *at;		/* the instance the keyword failed on (its origin locates it) */
	const char *name;		/* the property or child the finding is about, or NULL */
	const char *message;		/* dt-validate's wording: "'clocks' is a required property" */
	const char *schema_id;		/* the failing keyword's document ($id) */
	unsigned line;			/* the keyword's line in that document */
	/* dt-validate drops this finding on a node whose status is "disabled"
	 * (or under one): a `required` or unevaluatedProperties failure, or a
	 * oneOf/anyOf failure one of whose branches failed on one */
	unsigned char disabled_ok;
};

typedef void (*schema_error_fn)(void *arg, const struct schema_error *e);

/* Validates `node` (and, through the schema's child-node keywords, its
 * children) against one schema; each failure is reported once. */
void schema_validate(const struct schema_set *set, const struct schema *s,
		     const struct sinst *node, schema_error_fn fn, void *arg,
		     struct arena *scratch);

/* ---- look-ups for messages, hover and the undocumented rules ----------- */
const char *schema_id(const struct schema *s);		/* its $id */
const char *schema_file(const struct schema *s);	/* the YAML file it was read from */
int schema_compatible_documented(const struct schema_set *set, const char *compatible);
/* The description a schema (or those it $refs) gives a property; NULL if none. */
const char *schema_prop_description(const struct schema_set *set, const struct schema *s,
				    const char *prop);

#endif
