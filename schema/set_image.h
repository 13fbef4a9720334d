/* The schema set's compact image: every processed document packed into one
 * relocatable block of 16-byte nodes and one interned string table, with
 * the indexes selection and typing need. The same bytes are built in memory
 * or mapped whole from the cache file (schema/set_cache.c), so a warm load
 * reads nothing it does not touch.
 *
 * Internal to schema/: the evaluator, selection and typing read it. */
#ifndef DTIDY_SCHEMA_SET_IMAGE_H
#define DTIDY_SCHEMA_SET_IMAGE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"

/* Node kinds. A container's children are the nodes [a, a + b), contiguous;
 * a map's children carry their key (a string offset). */
enum sn_kind {
	SN_NULL, SN_FALSE, SN_TRUE,
	SN_INT,		/* a = low 32 bits, b = high 32 bits */
	SN_NEGINT,	/* the same for the magnitude of a negative value */
	SN_FLOAT,	/* a, b: the double's bits */
	SN_STR,		/* a = string offset; b: for a $ref value, target node + 1 (0: unresolved) */
	SN_SEQ, SN_MAP,	/* a = first child, b = count */
};

/* The keywords the evaluator dispatches on, stored in each node whose key
 * is one (KW_NONE otherwise: property names, $defs names, ...). */
enum sn_kw {
	KW_NONE,
	KW_REF, KW_ID, KW_SCHEMA, KW_DEFS, KW_DEFINITIONS, KW_DESCRIPTION, KW_TITLE,
	KW_ALLOF, KW_ANYOF, KW_ONEOF, KW_NOT, KW_IF, KW_THEN, KW_ELSE,
	KW_PROPERTIES, KW_PATTERNPROPERTIES, KW_ADDITIONALPROPERTIES, KW_UNEVALUATEDPROPERTIES,
	KW_REQUIRED, KW_DEPENDENTREQUIRED, KW_DEPENDENTSCHEMAS, KW_DEPENDENCIES,
	KW_ENUM, KW_CONST, KW_PATTERN, KW_MINIMUM, KW_MAXIMUM, KW_EXCLUSIVEMINIMUM,
	KW_EXCLUSIVEMAXIMUM, KW_MULTIPLEOF, KW_ITEMS, KW_ADDITIONALITEMS, KW_MINITEMS,
	KW_MAXITEMS, KW_CONTAINS, KW_UNIQUEITEMS, KW_PROPERTYNAMES, KW_SELECT,
	KW_DEPRECATED, KW_TYPE, KW_TYPESIZE, KW_MINLENGTH, KW_MAXLENGTH, KW_MINPROPERTIES,
	KW_MAXPROPERTIES, KW_UNEVALUATEDITEMS,
	KW_DESCRIPTIONS,	/* the fixups' "$descriptions" (property -> text) */
	KW_COUNT
};
extern const char *const sn_kw_names[KW_COUNT];
enum sn_kw sn_kw_of(const char *key);

struct snode {
	uint32_t key;		/* string offset of its key in the parent map (0: none) */
	uint32_t a, b;
	uint16_t line;		/* in its document (clamped to 65535) */
	uint8_t kind;		/* enum sn_kind */
	uint8_t kw;		/* enum sn_kw of its key */
};
_Static_assert(sizeof(struct snode) == 16, "node layout");

/* One top-level document; `struct schema` is this record. */
struct sdoc {
	uint32_t id;		/* string offset of its $id, without the trailing '#' */
	uint32_t file;		/* the file it was read from */
	uint32_t root;		/* its root node (a map) */
	uint32_t end;		/* one past its last node: docs own consecutive ranges */
	uint32_t select;	/* its select node + 1 (0: none) */
	uint32_t flags;		/* SDOC_* */
};
enum { SDOC_CORE = 1, SDOC_ALWAYS = 2 };

/* A compatible string naming the document that documents it. */
struct scompat {
	uint32_t str, doc;
};

/* One type a property name has (see schema_prop_types). */
struct sptype {
	uint32_t name;		/* the property name, or the pattern for pattern types */
	uint8_t kind, bits, is_signed, matrix, scalar, pad[3];
	uint32_t dim[2][2];
};

/* The cache's record of one input: a file read or a directory walked. */
struct sstamp {
	uint64_t size;
	int64_t mtime_ns, ctime_ns;
	uint64_t ino, dev;
	uint32_t path;		/* offset of its absolute path in PATHS */
	uint32_t kind;		/* 1 file, 2 directory */
};
_Static_assert(sizeof(struct sstamp) == 48, "stamp layout");

/* A warning the build gave (kept in the image, so a warm load repeats it). */
struct swarn {
	uint32_t file, msg;	/* string offsets */
	uint32_t line, col;
};

/* The explicit selects' prefilter (select_prefilter.h): a compatible
 * string that lets select number `sel` hold. */
struct selpair {
	uint32_t str, sel;
};

/* A patternProperties map's patterns as one alternation: a name none of
 * them matches costs one match, not one per pattern (vendor-prefixes.yaml
 * has 1,500). all_true: every subschema is empty or `true`, so matching
 * the alternation is all there is to know. */
struct spatcomb {
	uint32_t map;		/* the patternProperties node */
	uint32_t str;		/* "(?:p1)|(?:p2)|..." */
	uint32_t all_true;
};

/* Sections of the image, in file order. */
enum {
	SEC_STRS, SEC_STRHASH, SEC_NODES, SEC_DOCS, SEC_COMPAT, SEC_SELECTS,
	SEC_PTYPES, SEC_PATTYPES, SEC_STAMPS, SEC_KWSTR, SEC_DOCCOMPAT, SEC_DOCPATS,
	SEC_WARNS, SEC_PATHS, SEC_SELFILT, SEC_SELPAIRS, SEC_PATIDX, SEC_PATCOMB, NSEC_IMG
};

#define SIMG_MAGIC "dtidySC"	/* 8 bytes with its NUL */
/* Bump it with any change to what an image holds or means (its layout,
 * the fixups, the typing, the indexes): a cached set is trusted on its
 * version and manifest alone, never re-derived. */
#define SIMG_VERSION 2u
#define SIMG_ORDER 0x01020304u

struct simg_header {
	char magic[8];
	uint32_t version, order;
	uint64_t size, sum;
	uint64_t sec[NSEC_IMG][2];	/* offset, length */
};

/* Patterns compiled on first use, shared by every thread. */
struct srx_cache;

/* The public handle of a document: which set, which record. */
struct schema {
	const struct schema_set *set;
	uint32_t doc;
};

struct schema_set {
	const unsigned char *base;
	size_t len;
	int mapped;
	int borrowed;			/* base belongs to the caller (sset_open_image) */
	int vouched;			/* mapped on its vouch, not checked whole */
	const char *strs;
	size_t strs_len;
	const uint32_t *strhash;	/* open addressing over string offsets */
	size_t strhash_cap;
	const struct snode *nodes;
	uint32_t nnodes;
	const struct sdoc *docs;
	uint32_t ndocs;
	const struct scompat *compat;	/* sorted by string */
	uint32_t ncompat;
	const uint32_t *selects;	/* documents with an explicit select */
	uint32_t nselects;
	const struct sptype *ptypes;	/* sorted by name; one name may have several */
	uint32_t nptypes;
	const struct sptype *pattypes;
	uint32_t npattypes;
	const struct sstamp *stamps;
	uint32_t nstamps;
	const uint32_t *kwstr;		/* KW_COUNT string offsets (0: not in the set) */
	const uint32_t *doccompat;	/* every compatible documented, sorted */
	uint32_t ndoccompat;
	const uint32_t *docpats;	/* compatible patterns */
	uint32_t ndocpats;
	const struct swarn *warns;
	uint32_t nwarns;
	const char *paths;		/* the manifest's paths, NUL-terminated */
	size_t paths_len;
	const uint32_t *selfilt;	/* per select: 1 when only its selpairs' strings let it hold */
	const struct selpair *selpairs;	/* sorted by str */
	uint32_t nselpairs;
	const uint32_t *patidx;		/* every pattern's string offset, open addressing by
					 * srx_slot(); a pattern's slot numbers its compiled code */
	uint32_t patidx_cap;
	const struct spatcomb *patcomb;	/* sorted by map */
	uint32_t npatcomb;
	struct srx_cache *rx;
	struct schema *schemas;		/* one per document (in memory) */
};

static inline const char *sset_str(const struct schema_set *s, uint32_t off)
{
	return off < s->strs_len ? s->strs + off : "";
}

/* The offset of an interned string, 0 when the set does not hold it. */
uint32_t sset_find_str(const struct schema_set *s, const char *str);
/* Member `kw` of map node m, or NULL. */
const struct snode *sset_kw(const struct schema_set *s, const struct snode *m, enum sn_kw kw);
/* The member of map m whose key is `key`, or NULL. */
const struct snode *sset_member(const struct schema_set *s, const struct snode *m, const char *key);
/* The document a node belongs to. */
const struct sdoc *sset_doc_of(const struct schema_set *s, uint32_t node);

/* Checks an image's header, checksum and sections, fills the set's views.
 * 0, or -1 when the bytes are not an intact image of this version.
 * mapped: data is a private file mapping, whose pages are given back as
 * they are checked. */
/* Gives back the resident pages of a mapped image (they come back from
 * the page cache when touched again): what one board's validation touched
 * need not stay resident for the rest of the run. No-op when not mapped. */
void sset_drop_pages(const struct schema_set *s);
int sset_parse(struct schema_set *s, const unsigned char *data, size_t len, int mapped);
uint64_t sset_checksum(const unsigned char *p, size_t n);
/* The same for a mapped cache file that passed sset_parse before and has
 * not changed since (set_cache.c's vouch): the header (with its checksum
 * `sum` as vouched for) and the section table are checked, not the bytes
 * behind them. Never for bytes that were not checked whole once. */
int sset_parse_vouched(struct schema_set *s, const unsigned char *data, size_t len,
		       uint64_t sum);

/* A set over an image the caller owns and keeps (tests, the cache fuzzer):
 * NULL when it does not check. schema_set_free leaves the bytes alone. */
struct schema_set *sset_open_image(const unsigned char *data, size_t len);

/* Patterns (schema/set_regex.c): compiled on first use, without a lock.
 * srx_match: 1 match, 0 not, -1 does not compile; md: match data from
 * srx_md_new (one per evaluation, reused for every match), or NULL. */
struct srx_cache *srx_new(const struct schema_set *s);
void srx_free(struct srx_cache *c);
void *srx_md_new(void);
void srx_md_free(void *md);
int srx_match(const struct schema_set *s, uint32_t pattern, const char *subject, size_t len,
	      void *md);
/* The first slot to probe for a pattern's string offset in a table of cap
 * (a power of two) slots. */
static inline uint32_t srx_slot(uint32_t off, uint32_t cap)
{
	return (uint32_t)((off * 2654435761u) >> 7) & (cap - 1);
}

#endif
