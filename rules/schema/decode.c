/* A property's value as dt-validate decodes it (see decode.h).
 *
 * dt-validate never sees the source: it reads dtc's bytes and guesses
 * their shape from the types the schemas give the property's name. To
 * find what it finds, the value is first turned back into those bytes (each
 * run of bytes remembering the cell, string or byte string it came from),
 * then read the way dtb.py's prop_value reads them: the same narrowing of
 * several possible types by the value's length, the same special names,
 * the same widths and rows. Where dt-validate's choice is arbitrary (a name
 * with two types of the same length), the width the source was written
 * in (/bits/, [bytes]) decides. */
#include "decode.h"

#include <string.h>

#include "core/arena.h"

#define MAX_TYPES 16

/* ---- types ---------------------------------------------------------------- */

/* dt-schema types these names "address" (types.yaml#/definitions/address,
 * in reg.yaml and chosen.yaml): their rows are #address-cells +
 * #size-cells long. schema_prop_types reports them as uint32 matrices. */
static int is_address_name(const char *name)
{
	static const char *const names[] = {
		"reg", "linux,elfcorehdr", "linux,dmcryptkeys", "linux,usable-memory-range",
		"linux,initrd-start", "linux,initrd-end", "smbios3-entrypoint",
		"linux,ima-kexec-buffer", "linux,kho-fdt", "linux,kho-scratch",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

void decode_types(const struct decoder *d, const char *name, struct dtypes *out)
{
	memset(out, 0, sizeof(*out));
	struct schema_ptype pt[MAX_TYPES];
	size_t n = d->types(d->ud, name, pt, MAX_TYPES);
	if (n > MAX_TYPES)
		n = MAX_TYPES;
	int address = is_address_name(name);
	for (size_t i = 0; i < n; i++) {
		const struct schema_ptype *t = &pt[i];
		int bit = -1;
		switch (t->kind) {
		case SPT_FLAG: bit = DT_FLAG; break;
		case SPT_STRING: bit = t->scalar ? DT_STRING : DT_STRING_ARRAY; break;
		case SPT_PHANDLE: bit = DT_PHANDLE; break;
		case SPT_PHANDLE_ARRAY: bit = DT_PHANDLE_ARRAY; break;
		case SPT_INT:
			if (address && t->matrix && (t->bits == 32 || !t->bits)) {
				bit = DT_ADDRESS;
				break;
			}
			bit = dt_int_type(t->bits ? t->bits : 32, t->is_signed,
					  t->matrix ? 2 : t->scalar ? 0 : 1);
			break;
		default:
			break;
		}
		if (bit < 0)
			continue;
		out->set |= DT_BIT(bit);
		/* dt-schema records dimensions for matrices only, and never
		 * for addresses */
		if (!out->has_dim && bit != DT_ADDRESS &&
		    (t->kind == SPT_PHANDLE_ARRAY || (t->kind == SPT_INT && t->matrix)) &&
		    (t->dim[0][0] || t->dim[0][1] || t->dim[1][0] || t->dim[1][1])) {
			out->has_dim = 1;
			memcpy(out->dim, t->dim, sizeof(out->dim));
		}
	}
}

/* Both signs of a width, in the given shapes (bit 0 scalar, 1 array, 2 matrix). */
static uint64_t int_mask(unsigned bits, unsigned shapes)
{
	uint64_t m = 0;
	for (int s = 0; s < 2; s++)
		for (int sh = 0; sh < 3; sh++)
			if (shapes & (1u << sh))
				m |= DT_BIT(dt_int_type(bits, s, sh));
	return m;
}

static int type_is_int(int t)
{
	return t >= DT_INT0;
}

static unsigned type_bits(int t)
{
	if (!type_is_int(t))
		return 32;
	static const unsigned w[] = {8, 16, 32, 64};
	return w[(t - DT_INT0) / 6];
}

static int type_shape(int t)
{
	if (type_is_int(t))
		return (t - DT_INT0) % 3;
	return t == DT_PHANDLE ? 0 : 2;	/* phandle-array and address: matrices */
}

static int type_signed(int t)
{
	return type_is_int(t) && ((t - DT_INT0) / 3) % 2 == 0;
}

static int is_matrix_like(int t)
{
	return t == DT_PHANDLE || t == DT_PHANDLE_ARRAY || t == DT_ADDRESS ||
	       (type_is_int(t) && type_shape(t) == 2);
}

static int popcount64(uint64_t v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static int lowest(uint64_t v)
{
	for (int i = 0; i < 64; i++)
		if (v & DT_BIT(i))
			return i;
	return -1;
}

/* prop_value's narrowing of several types by the value's length. */
static uint64_t narrow_by_length(uint64_t T, size_t L)
{
	const uint64_t scalar32 = int_mask(32, 1) | DT_BIT(DT_PHANDLE);
	if (L % 8)
		T &= ~int_mask(64, 3);
	if (L % 4)
		T &= ~(int_mask(32, 3) | DT_BIT(DT_PHANDLE) | DT_BIT(DT_PHANDLE_ARRAY));
	if (L % 2)
		T &= ~int_mask(16, 3);
	if (L > 4)
		T &= ~scalar32;
	else
		T &= ~int_mask(64, 3);
	if (L > 2)
		T &= ~int_mask(16, 1);
	else
		T &= ~(int_mask(32, 3) | DT_BIT(DT_PHANDLE) | DT_BIT(DT_PHANDLE_ARRAY));
	if (L > 1)
		T &= ~int_mask(8, 1);
	else
		T &= ~int_mask(16, 3);
	if (L > 0)
		T &= ~DT_BIT(DT_FLAG);
	/* a signed and an unsigned scalar of one width: the signed one */
	for (unsigned bits = 8; bits <= 64; bits *= 2) {
		uint64_t s = DT_BIT(dt_int_type(bits, 1, 0)), u = DT_BIT(dt_int_type(bits, 0, 0));
		if ((T & s) && (T & u))
			T &= ~u;
	}
	return T;
}

/* dt-validate takes any one of the types left ("just pick the first
 * one", from a Python set); the source's width and count decide here. */
static int pick(uint64_t T, unsigned src_bits, size_t L)
{
	if (src_bits) {
		uint64_t at = 0;
		for (int t = DT_PHANDLE; t < 64; t++)
			if ((T & DT_BIT(t)) && type_bits(t) == src_bits)
				at |= DT_BIT(t);
		if (at)
			T = at;
	}
	int one = src_bits && L == src_bits / 8;
	static const int order_one[] = {0, 1, 2}, order_many[] = {1, 2, 0};
	const int *order = one ? order_one : order_many;
	for (int k = 0; k < 3; k++)
		for (int t = DT_PHANDLE; t < 64; t++)
			if ((T & DT_BIT(t)) && type_shape(t) == order[k] &&
			    (type_is_int(t) || t == DT_PHANDLE || t == DT_PHANDLE_ARRAY ||
			     t == DT_ADDRESS))
				return t;
	return lowest(T);
}

/* ---- the bytes ------------------------------------------------------------- */

struct piece {
	size_t off;
	const struct sorigin *origin;
};

struct bytes {
	unsigned char *b;
	size_t len;
	struct piece *pc;
	size_t npc;
	unsigned src_bits;	/* every chunk cells of this width (8: bytes); 0: mixed */
	int src_strings;	/* every chunk a string or a path */
};

struct dtidy_loc decode_prop_loc(const struct dtidy_prop *p)
{
	if (p->nlocs && p->locs[p->nlocs - 1].file)
		return p->locs[p->nlocs - 1];
	return dtidy_node_loc(p->node);
}

static const struct sorigin *origin_at(struct arena *a, const struct dtidy_prop *p,
				       struct dtidy_loc loc)
{
	struct sorigin *o = arena_alloc(a, sizeof(*o));
	o->node = p->node;
	o->prop = p;
	o->loc = loc.file ? loc : decode_prop_loc(p);
	return o;
}

static void put_be(unsigned char *b, uint64_t v, unsigned nbytes)
{
	for (unsigned i = 0; i < nbytes; i++)
		b[i] = (unsigned char)(v >> (8 * (nbytes - 1 - i)));
}

/* dtc's bytes for the value, with the source piece of every run. */
static void to_bytes(struct arena *a, const struct dtidy_prop *p, struct bytes *out)
{
	memset(out, 0, sizeof(*out));
	size_t len = 0, npc = 0;
	int first = 1;
	out->src_strings = p->nchunks > 0;
	for (size_t i = 0; i < p->nchunks; i++) {
		const struct dtidy_chunk *c = &p->chunks[i];
		unsigned bits = 0;
		switch (c->kind) {
		case DTIDY_CHUNK_CELLS:
			len += c->n * (c->bits / 8);
			npc += c->n;
			bits = c->bits;
			break;
		case DTIDY_CHUNK_BYTES:
			len += c->n;
			npc++;
			bits = 8;
			break;
		case DTIDY_CHUNK_STRING:
			len += c->n + 1;
			npc++;
			break;
		case DTIDY_CHUNK_PATH:
			len += (c->data ? strlen(c->data) : 0) + 1;
			npc++;
			break;
		}
		if (bits)
			out->src_strings = 0;
		if (first)
			out->src_bits = bits;
		else if (out->src_bits != bits)
			out->src_bits = 0;
		first = 0;
	}
	out->b = arena_alloc(a, len + 1);
	out->pc = arena_alloc(a, (npc + 1) * sizeof(*out->pc));
	size_t off = 0;
	for (size_t i = 0; i < p->nchunks; i++) {
		const struct dtidy_chunk *c = &p->chunks[i];
		switch (c->kind) {
		case DTIDY_CHUNK_CELLS: {
			unsigned nb = c->bits / 8;
			if (!nb || nb > 8)
				break;
			for (size_t k = 0; k < c->n; k++) {
				out->pc[out->npc++] = (struct piece){
					off, origin_at(a, p, c->cells ? c->cells[k].loc : c->loc)};
				put_be(out->b + off, c->cells ? c->cells[k].val : 0, nb);
				off += nb;
			}
			break;
		}
		case DTIDY_CHUNK_BYTES:
			out->pc[out->npc++] = (struct piece){off, origin_at(a, p, c->loc)};
			if (c->data)
				memcpy(out->b + off, c->data, c->n);
			off += c->n;
			break;
		case DTIDY_CHUNK_STRING:
			out->pc[out->npc++] = (struct piece){off, origin_at(a, p, c->loc)};
			if (c->data)
				memcpy(out->b + off, c->data, c->n);
			off += c->n + 1;
			break;
		case DTIDY_CHUNK_PATH: {
			size_t n = c->data ? strlen(c->data) : 0;
			out->pc[out->npc++] = (struct piece){off, origin_at(a, p, c->loc)};
			if (n)
				memcpy(out->b + off, c->data, n);
			off += n + 1;
			break;
		}
		}
	}
	out->len = off;
}

/* The origin of the byte at `off`: the last piece starting at or before it. */
static const struct sorigin *origin_of(const struct bytes *by, size_t off,
				       const struct sorigin *fallback)
{
	size_t lo = 0, hi = by->npc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (by->pc[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? by->pc[lo - 1].origin : fallback;
}

/* ---- instances ------------------------------------------------------------- */

static struct sinst *new_items(struct arena *a, size_t n)
{
	return arena_alloc(a, (n ? n : 1) * sizeof(struct sinst));
}

/* The span from one origin to another, when both are in one file. */
const struct sorigin *decode_span(struct arena *a, const struct sorigin *from,
				  const struct sorigin *to)
{
	if (from == to || !to || from->loc.file != to->loc.file || to->loc.end < from->loc.start)
		return from;
	struct sorigin *o = arena_alloc(a, sizeof(*o));
	*o = *from;
	o->loc.end = to->loc.end;
	return o;
}

/* Strings: the bytes up to the last NUL, split at each NUL. */
static struct sinst strings(struct arena *a, const struct bytes *by, const struct sorigin *po)
{
	size_t end = by->len ? by->len - 1 : 0, n = 1;
	for (size_t i = 0; i < end; i++)
		n += by->b[i] == '\0';
	struct sinst *v = new_items(a, n);
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= end && k < n; i++)
		if (i == end || by->b[i] == '\0') {
			v[k].kind = SINST_STR;
			v[k].s = arena_strndup(a, (const char *)by->b + start, i - start);
			v[k].origin = origin_of(by, start, po);
			k++;
			start = i + 1;
		}
	return (struct sinst){.kind = SINST_ARRAY, .n = k, .items = v, .origin = po};
}

/* dtb.py's bytes_to_string: NUL-terminated, non-empty, printable ASCII. */
static int looks_like_strings(const struct bytes *by)
{
	if (by->len < 2 || by->b[by->len - 1] != '\0')
		return 0;
	for (size_t i = 0; i + 1 < by->len; i++) {
		unsigned char c = by->b[i];
		if (c == '\0') {
			if (i == 0 || by->b[i - 1] == '\0')
				return 0;
		} else if (c < 0x20 || c > 0x7e) {
			return 0;
		}
	}
	return 1;
}

/* dtb.py's get_stride: the row length that makes `count` values fit the
 * dimensions. */
static size_t get_stride(size_t count, const unsigned dim[2][2])
{
	size_t outer_max = dim[0][1] ? dim[0][1] : count;
	size_t inner_max = dim[1][1] ? dim[1][1] : count;
	for (size_t outer = dim[0][0]; outer <= outer_max; outer++)
		for (size_t inner = dim[1][0]; inner <= inner_max; inner++)
			if (outer * inner == count)
				return inner;
	if (dim[1][0] > 0 && dim[1][0] == dim[1][1])
		return dim[1][0];
	if (dim[0][0] > 0 && dim[0][0] == dim[0][1])
		return count / dim[0][0];
	return count;
}

/* Rows of `stride` values (the last one may be shorter). */
static struct sinst rows_of(struct arena *a, struct sinst *vals, size_t count, size_t stride,
			    const struct sorigin *po)
{
	if (!stride || stride > count)
		stride = count;
	size_t nrows = count ? (count + stride - 1) / stride : 1;
	struct sinst *rows = new_items(a, nrows);
	for (size_t r = 0; r < nrows; r++) {
		size_t from = r * stride, n = count - from < stride ? count - from : stride;
		rows[r].kind = SINST_ARRAY;
		rows[r].n = n;
		rows[r].items = vals + from;
		rows[r].origin = n ? decode_span(a, vals[from].origin, vals[from + n - 1].origin) : po;
	}
	return (struct sinst){.kind = SINST_ARRAY, .n = nrows, .items = rows, .origin = po};
}

/* Values of `bits` width read from the bytes (a whole number of them). */
static struct sinst *read_ints(struct arena *a, const struct bytes *by, unsigned bits,
			       int is_signed, size_t *count, const struct sorigin *po)
{
	unsigned nb = bits / 8;
	*count = by->len / nb;
	struct sinst *v = new_items(a, *count);
	for (size_t i = 0; i < *count; i++) {
		uint64_t x = 0;
		for (unsigned k = 0; k < nb; k++)
			x = x << 8 | by->b[i * nb + k];
		if (is_signed && bits < 64 && (x >> (bits - 1)) & 1)
			x |= ~(uint64_t)0 << bits;	/* sign-extended: (int64_t)u is the value */
		v[i].kind = SINST_INT;
		v[i].u = x;
		v[i].is_signed = (unsigned char)(is_signed != 0);
		v[i].bits = (unsigned char)bits;
		v[i].origin = origin_of(by, i * nb, po);
	}
	return v;
}

/* What dt-validate leaves as bytes (no type, or one the bytes do not
 * fit): a BYTES instance, which no JSON type accepts. */
static struct sinst as_bytes(struct arena *a, const struct bytes *by, const struct sorigin *po)
{
	(void)a;
	return (struct sinst){.kind = SINST_BYTES, .s = (const char *)by->b, .n = by->len,
			      .origin = po};
}

static struct sinst left_as_bytes(int *raw, struct arena *a, const struct dtidy_prop *p,
				  const struct bytes *by, const struct sorigin *po)
{
	(void)p;
	*raw = DECODE_MISFIT;
	return as_bytes(a, by, po);
}

static int in_names(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(name, *names))
			return 1;
	return 0;
}

struct sinst decode_prop(const struct decoder *d, const struct dtidy_node *n,
			 const struct dtidy_prop *p, int *raw)
{
	*raw = DECODE_OK;
	struct arena *a = d->a;
	const struct sorigin *po = origin_at(a, p, decode_prop_loc(p));
	if (!p->nchunks)
		return (struct sinst){.kind = SINST_TRUE, .origin = po};
	struct bytes by;
	to_bytes(a, p, &by);
	if (!by.len)
		return (struct sinst){.kind = SINST_TRUE, .origin = po};
	const char *nodename = n->parent ? n->name : "/";
	if (strcmp(p->name, "phandle") &&
	    (!strcmp(nodename, "aliases") || !strcmp(nodename, "__fixups__")))
		return strings(a, &by, po);

	struct dtypes dt;
	decode_types(d, p->name, &dt);
	uint64_t T = dt.set;
	if (!T) {
		struct sorigin *u = arena_alloc(a, sizeof(*u));
		*u = *po;
		u->untyped = 1;
		struct sinst v = left_as_bytes(raw, a, p, &by, u);
		*raw = DECODE_UNTYPED;
		return v;
	}
	if (popcount64(T) > 1)
		T = narrow_by_length(T, by.len);
	if (!T)
		return left_as_bytes(raw, a, p, &by, po);
	int has_dim = dt.has_dim && strcmp(p->name, "iommu-map") != 0;
	unsigned dim[2][2];
	memcpy(dim, dt.dim, sizeof(dim));

	uint64_t matrices = 0;
	for (int t = 0; t < 64; t++)
		if ((T & DT_BIT(t)) && (t == DT_PHANDLE_ARRAY || (type_is_int(t) && type_shape(t) == 2)))
			matrices |= DT_BIT(t);
	const uint64_t string_types = DT_BIT(DT_STRING) | DT_BIT(DT_STRING_ARRAY);
	int fmt = -1;
	if (popcount64(T) > 1) {
		static const char *const gpios[] = {"dma-masters", "mode-gpios", NULL};
		if (in_names(p->name, gpios)) {
			fmt = DT_PHANDLE_ARRAY;
		} else if (!strcmp(p->name, "gpios")) {
			fmt = strstr(nodename, "hog") ? dt_int_type(32, 0, 2) : DT_PHANDLE_ARRAY;
		} else if (!strcmp(p->name, "cooling-levels")) {
			fmt = by.len >= 2 && !by.b[0] && !by.b[1] ? dt_int_type(32, 0, 1)
								  : dt_int_type(8, 0, 1);
		} else if (T & string_types) {
			if (looks_like_strings(&by))
				return strings(a, &by, po);
			uint64_t rest = T & ~string_types;
			if (!rest)
				return left_as_bytes(raw, a, p, &by, po);
			fmt = pick(rest, by.src_bits, by.len);
		} else if (matrices) {
			uint64_t scalars = T & ~matrices;
			if (popcount64(scalars) == 1) {
				fmt = lowest(scalars);
				size_t min_dim = 1;
				if (has_dim)
					min_dim = (dim[1][0] ? dim[1][0] : 1) * dim[0][0];
				if (by.len / (type_bits(fmt) / 8) >= min_dim) {
					fmt = pick(matrices, by.src_bits, by.len);
				} else {
					has_dim = 1;
					dim[0][0] = dim[0][1] = dim[1][0] = dim[1][1] = 1;
				}
			}
		}
	}
	if (fmt < 0)
		fmt = popcount64(T) > 1 ? pick(T, by.src_bits, by.len) : lowest(T);
	if (fmt == DT_STRING || fmt == DT_STRING_ARRAY) {
		if (by.b[by.len - 1] != '\0')
			return left_as_bytes(raw, a, p, &by, po);	/* left as bytes: fails its type */
		return strings(a, &by, po);
	}
	if (fmt == DT_FLAG)
		return left_as_bytes(raw, a, p, &by, po);	/* a flag with a value */

	unsigned bits = type_bits(fmt);
	int is_signed = type_signed(fmt);
	if (by.len % (bits / 8)) {
		/* dt-validate's fallback for a size that does not fit */
		if (by.len == 4 || by.len == 2 || by.len == 1) {
			bits = (unsigned)by.len * 8;
			is_signed = 0;
			*raw = DECODE_FALLBACK;
		} else {
			return left_as_bytes(raw, a, p, &by, po);
		}
	}
	size_t count;
	struct sinst *vals = read_ints(a, &by, bits, is_signed, &count, po);
	if (is_matrix_like(fmt)) {
		size_t stride = has_dim ? get_stride(count, (const unsigned(*)[2])dim) : count;
		return rows_of(a, vals, count, stride, po);
	}
	if (type_shape(fmt) == 0 && count == 1) {
		struct sinst v = vals[0];
		return v;
	}
	return (struct sinst){.kind = SINST_ARRAY, .n = count, .items = vals, .origin = po};
}
