/* A YAML document as a small mutable tree (libyaml underneath), every node
 * knowing its file line and column: what the schema set is built from and
 * what dt-schema's processing ("fixups") rewrites in place before the tree
 * is packed into the set's compact image.
 *
 * Scalars are typed as a YAML 1.2 loader types them (binding documents
 * say `%YAML 1.2`): null, booleans, integers (decimal, 0x, 0o), floats,
 * strings; a quoted or block scalar is always a string. A duplicate key is
 * an error (dt-schema loads with allow_duplicate_keys = False). */
#ifndef DTIDY_SCHEMA_YAML_TREE_H
#define DTIDY_SCHEMA_YAML_TREE_H

#include <stddef.h>
#include <stdint.h>

struct arena;

enum yv_kind { YV_NULL, YV_BOOL, YV_INT, YV_FLOAT, YV_STR, YV_SEQ, YV_MAP };

struct yv {
	enum yv_kind kind;
	unsigned line, col;	/* 1-based, where the node starts */
	const char *key;	/* a map member: its key (NULL in a sequence) */
	uint64_t u;		/* INT: magnitude; BOOL: 0 or 1 */
	int neg;		/* INT: the value is -u */
	double f;		/* FLOAT */
	const char *s;		/* STR: NUL-terminated (may hold NULs: len counts) */
	size_t len;
	struct yv **v;		/* SEQ: items; MAP: members (each with its key) */
	size_t n, cap;
};

/* Reads the first document of text[0, len). NULL on an error, with
 * "LINE:COL: what" in err (the caller prefixes the file name). Trees come
 * from `a`; so does every node added later. Aliases are copied (bounded:
 * more than YAML_MAX_NODES nodes in all is an error, never a hang). */
#define YAML_MAX_NODES 200000
struct yv *yaml_read(struct arena *a, const char *text, size_t len, char *err, size_t errsize);

/* ---- navigating and rewriting (for the fixups) -------------------------- */
struct yv *yv_get(const struct yv *map, const char *key);	/* NULL: absent or not a map */
int yv_has(const struct yv *map, const char *key);
/* Removes and returns a member (NULL: absent). */
struct yv *yv_take(struct yv *map, const char *key);
/* Sets map[key] = v (replacing a member of that key, else appended). */
void yv_set(struct arena *a, struct yv *map, const char *key, struct yv *v);
/* Appends an item to a sequence. */
void yv_push(struct arena *a, struct yv *seq, struct yv *v);
struct yv *yv_new(struct arena *a, enum yv_kind kind, unsigned line);
struct yv *yv_str(struct arena *a, const char *s, unsigned line);
struct yv *yv_int(struct arena *a, int64_t i, unsigned line);
struct yv *yv_bool(struct arena *a, int b, unsigned line);
struct yv *yv_copy(struct arena *a, const struct yv *v);	/* deep */
int yv_is_true(const struct yv *v);	/* the boolean true (a `true` schema) */
int yv_is_false(const struct yv *v);
int yv_equal(const struct yv *x, const struct yv *y);	/* JSON equality, keys' order ignored */

#endif
