/* Reading a schema set's image (see set_image.h): checking one, and the
 * look-ups every other part of the engine uses.
 *
 * Layout, version 2 (1 had a one-lane checksum). Integers in the writer's byte order (checked through
 * `order`); every section starts at a multiple of 8.
 *   header     struct simg_header: magic "dtidySC\0", version, order, the
 *              file's size, a checksum of every byte after the header, and
 *              NSEC_IMG {offset, length} pairs
 *   STRS       interned strings, NUL-terminated; offset 0 is ""
 *   STRHASH    open-addressing table of u32 string offsets (0: empty),
 *              a power of two in size, probed from hash & (cap - 1)
 *   NODES      struct snode records (node 0 is an unused NULL)
 *   DOCS       struct sdoc records, in load order, owning consecutive nodes
 *   COMPAT     struct scompat, sorted by string: compatible -> document
 *   SELECTS    u32 indices of documents with an explicit select
 *   PTYPES     struct sptype, sorted by name
 *   PATTYPES   struct sptype of the pattern types
 *   STAMPS     struct sstamp, the manifest of everything read
 *   KWSTR      KW_COUNT u32: the string offset of each keyword
 *   DOCCOMPAT  u32 string offsets, sorted by string: every compatible
 *              some document mentions
 *   DOCPATS    u32 string offsets of the compatible patterns
 *   WARNS      struct swarn: the warnings the build gave
 *   PATHS      the manifest's absolute paths, NUL-terminated, after a NUL
 *   SELFILT    u32 per explicit select: 1 when it needs one of its SELPAIRS
 *   SELPAIRS   struct selpair sorted by string: compatible -> select
 *   PATCOMB    struct spatcomb sorted by map node: patternProperties as one
 *              alternation
 *   PATIDX     u32 string offsets of every pattern, open addressing from
 *              srx_slot() (0: empty), a power of two in size
 *
 * Every offset a reader follows is checked here once (node children and
 * $ref targets inside NODES, strings inside STRS and NUL-terminated, ...),
 * so the evaluator can follow them without checks. A cache file that
 * passed these checks once is vouched for by its stat (set_cache.c), and
 * later mapped with the header checks only (sset_parse_vouched). */
#include "set_image.h"

#include <string.h>
#include <sys/mman.h>

#include "core/hash.h"

const char *const sn_kw_names[KW_COUNT] = {
	[KW_NONE] = "",
	[KW_REF] = "$ref",
	[KW_ID] = "$id",
	[KW_SCHEMA] = "$schema",
	[KW_DEFS] = "$defs",
	[KW_DEFINITIONS] = "definitions",
	[KW_DESCRIPTION] = "description",
	[KW_TITLE] = "title",
	[KW_ALLOF] = "allOf",
	[KW_ANYOF] = "anyOf",
	[KW_ONEOF] = "oneOf",
	[KW_NOT] = "not",
	[KW_IF] = "if",
	[KW_THEN] = "then",
	[KW_ELSE] = "else",
	[KW_PROPERTIES] = "properties",
	[KW_PATTERNPROPERTIES] = "patternProperties",
	[KW_ADDITIONALPROPERTIES] = "additionalProperties",
	[KW_UNEVALUATEDPROPERTIES] = "unevaluatedProperties",
	[KW_REQUIRED] = "required",
	[KW_DEPENDENTREQUIRED] = "dependentRequired",
	[KW_DEPENDENTSCHEMAS] = "dependentSchemas",
	[KW_DEPENDENCIES] = "dependencies",
	[KW_ENUM] = "enum",
	[KW_CONST] = "const",
	[KW_PATTERN] = "pattern",
	[KW_MINIMUM] = "minimum",
	[KW_MAXIMUM] = "maximum",
	[KW_EXCLUSIVEMINIMUM] = "exclusiveMinimum",
	[KW_EXCLUSIVEMAXIMUM] = "exclusiveMaximum",
	[KW_MULTIPLEOF] = "multipleOf",
	[KW_ITEMS] = "items",
	[KW_ADDITIONALITEMS] = "additionalItems",
	[KW_MINITEMS] = "minItems",
	[KW_MAXITEMS] = "maxItems",
	[KW_CONTAINS] = "contains",
	[KW_UNIQUEITEMS] = "uniqueItems",
	[KW_PROPERTYNAMES] = "propertyNames",
	[KW_SELECT] = "select",
	[KW_DEPRECATED] = "deprecated",
	[KW_TYPE] = "type",
	[KW_TYPESIZE] = "typeSize",
	[KW_MINLENGTH] = "minLength",
	[KW_MAXLENGTH] = "maxLength",
	[KW_MINPROPERTIES] = "minProperties",
	[KW_MAXPROPERTIES] = "maxProperties",
	[KW_UNEVALUATEDITEMS] = "unevaluatedItems",
	[KW_DESCRIPTIONS] = "$descriptions",
};

enum sn_kw sn_kw_of(const char *key)
{
	if (!key || !key[0])
		return KW_NONE;
	for (int i = 1; i < KW_COUNT; i++)
		if (!strcmp(sn_kw_names[i], key))
			return (enum sn_kw)i;
	return KW_NONE;
}

uint32_t sset_find_str(const struct schema_set *s, const char *str)
{
	if (!s->strhash_cap || !str[0])
		return 0;
	size_t mask = s->strhash_cap - 1;
	size_t i = fnv1a32_str(str) & mask;
	for (size_t probes = 0; probes < s->strhash_cap; probes++, i = (i + 1) & mask) {
		uint32_t off = s->strhash[i];
		if (!off)
			return 0;
		if (!strcmp(s->strs + off, str))
			return off;
	}
	return 0;
}

const struct snode *sset_kw(const struct schema_set *s, const struct snode *m, enum sn_kw kw)
{
	if (m->kind != SN_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->b; i++)
		if (s->nodes[m->a + i].kw == kw)
			return &s->nodes[m->a + i];
	return NULL;
}

const struct snode *sset_member(const struct schema_set *s, const struct snode *m, const char *key)
{
	if (m->kind != SN_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->b; i++)
		if (!strcmp(s->strs + s->nodes[m->a + i].key, key))
			return &s->nodes[m->a + i];
	return NULL;
}

const struct sdoc *sset_doc_of(const struct schema_set *s, uint32_t node)
{
	size_t lo = 0, hi = s->ndocs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->docs[mid].end <= node)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->ndocs && s->docs[lo].root <= node ? &s->docs[lo] : NULL;
}

/* --- checking an image ------------------------------------------------ */

/* A mapped image's pages, once checked, are given back every few hundred
 * KiB: a warm load reads the whole file, but its peak memory only counts
 * what the run touches afterwards. */
#define DROP_STEP ((size_t)256 << 10)

static void drop_upto(const unsigned char *base, size_t *done, size_t upto, int mapped)
{
	if (!mapped || upto < *done + DROP_STEP)
		return;
	size_t end = upto & ~(DROP_STEP - 1);
	if (end > *done) {
		madvise((void *)(base + *done), end - *done, MADV_DONTNEED);
		*done = end;
	}
}

void sset_drop_pages(const struct schema_set *s)
{
	if (s->mapped && !s->borrowed && s->len) {
		/* the mapping's start is page-aligned, its length need not be */
		madvise((void *)s->base, s->len, MADV_DONTNEED);
	}
}

/* Detects damage, not tampering: four independent lanes over interleaved
 * words (so the loop runs at memory speed), each step a bijection of its
 * lane's state for a given word, so changing any one word changes the sum. */
static uint64_t checksum_drop(const unsigned char *base, size_t start, size_t len, int mapped)
{
	const unsigned char *p = base + start;
	size_t n = len - start;
	uint64_t h[4] = {0x9e3779b97f4a7c15ull ^ n, 0xc2b2ae3d27d4eb4full, 0x165667b19e3779f9ull,
			 0x27d4eb2f165667c5ull};
	size_t i = 0, done = 0;
	for (; i + 32 <= n; i += 32) {
		if (!(i & (DROP_STEP - 1)))
			drop_upto(base, &done, start + i, mapped);
		for (int k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * k, 8);
			h[k] = (h[k] ^ w) * 0xff51afd7ed558ccdull;
			h[k] ^= h[k] >> 29;
		}
	}
	uint64_t r = h[0] ^ (h[1] * 0x9e3779b97f4a7c15ull) ^ (h[2] * 0xc2b2ae3d27d4eb4full) ^
		     (h[3] * 0x165667b19e3779f9ull);
	for (; i < n; i++)
		r = (r ^ p[i]) * 0x100000001b3ull;
	return r;
}

uint64_t sset_checksum(const unsigned char *p, size_t n)
{
	return checksum_drop(p, 0, n, 0);
}

static int str_ok(const struct schema_set *s, uint32_t off)
{
	return off < s->strs_len;
}

static int ptypes_ok(const struct schema_set *s, const struct sptype *t, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (!str_ok(s, t[i].name) || t[i].kind > SPT_NODE)
			return 0;
	return 1;
}

static int offsets_ok(const struct schema_set *s, const uint32_t *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (!str_ok(s, v[i]))
			return 0;
	return 1;
}

/* full: the checksum and every offset (sset_parse); else the header, the
 * section table and the constant-time checks only (sset_parse_vouched) */
static int parse(struct schema_set *s, const unsigned char *data, size_t len, int mapped,
		 int full)
{
	struct simg_header h;
	if (len < sizeof(h) || ((uintptr_t)data & 7))
		return -1;
	memcpy(&h, data, sizeof(h));
	if (memcmp(h.magic, SIMG_MAGIC, 8) || h.version != SIMG_VERSION || h.order != SIMG_ORDER ||
	    h.size != len)
		return -1;
	for (int i = 0; i < NSEC_IMG; i++) {
		uint64_t off = h.sec[i][0], n = h.sec[i][1];
		if (off % 8 || off < sizeof(h) || off > len || n > len - off)
			return -1;
	}
	if (full && checksum_drop(data, sizeof(h), len, mapped) != h.sum)
		return -1;
#define SEC(i, type, ptr, count)                                                             \
	do {                                                                                 \
		if (h.sec[i][1] % sizeof(type) || h.sec[i][1] / sizeof(type) > UINT32_MAX)   \
			return -1;                                                           \
		ptr = (const type *)(const void *)(data + h.sec[i][0]);                      \
		count = (uint32_t)(h.sec[i][1] / sizeof(type));                              \
	} while (0)
	uint32_t nstrs, nhash;
	SEC(SEC_STRS, char, s->strs, nstrs);
	SEC(SEC_STRHASH, uint32_t, s->strhash, nhash);
	SEC(SEC_NODES, struct snode, s->nodes, s->nnodes);
	SEC(SEC_DOCS, struct sdoc, s->docs, s->ndocs);
	SEC(SEC_COMPAT, struct scompat, s->compat, s->ncompat);
	SEC(SEC_SELECTS, uint32_t, s->selects, s->nselects);
	SEC(SEC_PTYPES, struct sptype, s->ptypes, s->nptypes);
	SEC(SEC_PATTYPES, struct sptype, s->pattypes, s->npattypes);
	SEC(SEC_STAMPS, struct sstamp, s->stamps, s->nstamps);
	uint32_t nkw;
	SEC(SEC_KWSTR, uint32_t, s->kwstr, nkw);
	SEC(SEC_DOCCOMPAT, uint32_t, s->doccompat, s->ndoccompat);
	SEC(SEC_DOCPATS, uint32_t, s->docpats, s->ndocpats);
	SEC(SEC_WARNS, struct swarn, s->warns, s->nwarns);
	uint32_t npaths, nfilt;
	SEC(SEC_PATHS, char, s->paths, npaths);
	SEC(SEC_SELFILT, uint32_t, s->selfilt, nfilt);
	SEC(SEC_SELPAIRS, struct selpair, s->selpairs, s->nselpairs);
	SEC(SEC_PATIDX, uint32_t, s->patidx, s->patidx_cap);
	SEC(SEC_PATCOMB, struct spatcomb, s->patcomb, s->npatcomb);
	s->paths_len = npaths;
	if (s->patidx_cap & (s->patidx_cap - 1))
		return -1;
	if (!npaths || s->paths[0] || s->paths[npaths - 1] || nfilt != s->nselects)
		return -1;
#undef SEC
	s->strs_len = nstrs;
	s->strhash_cap = nhash;
	/* strings: the table starts with "" and ends in a NUL */
	if (!nstrs || s->strs[0] || s->strs[nstrs - 1] || nkw != KW_COUNT || !s->nnodes)
		return -1;
	if (nhash & (nhash - 1))
		return -1;
	if (!full) {
		s->base = data;
		s->len = len;
		return 0;
	}
	for (uint32_t i = 0; i < nhash; i++)
		if (!str_ok(s, s->strhash[i]))
			return -1;
	for (uint32_t i = 0; i < s->patidx_cap; i++)
		if (!str_ok(s, s->patidx[i]))
			return -1;
	for (uint32_t i = 0; i < s->npatcomb; i++)
		if (!str_ok(s, s->patcomb[i].str) || s->patcomb[i].map >= s->nnodes ||
		    (i && s->patcomb[i].map <= s->patcomb[i - 1].map))
			return -1;
	if (!offsets_ok(s, s->kwstr, nkw) || !offsets_ok(s, s->doccompat, s->ndoccompat) ||
	    !offsets_ok(s, s->docpats, s->ndocpats))
		return -1;
	/* nodes: keys are strings, children and $ref targets are nodes */
	size_t done = (size_t)((const unsigned char *)s->nodes - data) & ~(DROP_STEP - 1);
	for (uint32_t i = 0; i < s->nnodes; i++) {
		const struct snode *n = &s->nodes[i];
		if (!(i & 0x3fff))
			drop_upto(data, &done, (size_t)((const unsigned char *)n - data), mapped);
		if (!str_ok(s, n->key) || n->kw >= KW_COUNT || n->kind > SN_MAP)
			return -1;
		if ((n->kind == SN_SEQ || n->kind == SN_MAP) &&
		    (n->a > s->nnodes || n->b > s->nnodes - n->a || (n->b && n->a <= i)))
			return -1;
		if (n->kind == SN_STR && (!str_ok(s, n->a) || n->b > s->nnodes))
			return -1;
	}
	uint32_t prev_end = 1;
	for (uint32_t i = 0; i < s->ndocs; i++) {
		const struct sdoc *d = &s->docs[i];
		/* (a root that is not a map is harmless: the evaluator takes any
		 * node; looking would read a page of every document) */
		if (d->root != prev_end || d->end <= d->root || d->end > s->nnodes ||
		    !str_ok(s, d->id) || !str_ok(s, d->file) ||
		    d->select > d->end || (d->select && d->select <= d->root))
			return -1;
		prev_end = d->end;
	}
	for (uint32_t i = 0; i < s->ncompat; i++)
		if (!str_ok(s, s->compat[i].str) || s->compat[i].doc >= s->ndocs)
			return -1;
	for (uint32_t i = 0; i < s->nselects; i++)
		if (s->selects[i] >= s->ndocs || !s->docs[s->selects[i]].select)
			return -1;
	if (!ptypes_ok(s, s->ptypes, s->nptypes) || !ptypes_ok(s, s->pattypes, s->npattypes))
		return -1;
	for (uint32_t i = 0; i < s->nstamps; i++)
		if (s->stamps[i].path >= s->paths_len)
			return -1;
	for (uint32_t i = 0; i < s->nselpairs; i++)
		if (!str_ok(s, s->selpairs[i].str) || s->selpairs[i].sel >= s->nselects)
			return -1;
	for (uint32_t i = 0; i < s->nwarns; i++)
		if (!str_ok(s, s->warns[i].file) || !str_ok(s, s->warns[i].msg))
			return -1;
	s->base = data;
	s->len = len;
	if (mapped)
		madvise((void *)data, len, MADV_DONTNEED);
	return 0;
}

int sset_parse(struct schema_set *s, const unsigned char *data, size_t len, int mapped)
{
	return parse(s, data, len, mapped, 1);
}

int sset_parse_vouched(struct schema_set *s, const unsigned char *data, size_t len,
		       uint64_t sum)
{
	struct simg_header h;
	if (len < sizeof(h))
		return -1;
	memcpy(&h, data, sizeof(h));
	if (h.sum != sum)
		return -1;
	return parse(s, data, len, 1, 0);
}
