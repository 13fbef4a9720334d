/* One property's value as dt-validate decodes it from the DTB (dt-schema's
 * dtb.py, prop_value): dtc's bytes, read at the width and in the shape the
 * schemas' types give the name. Private to rules/schema/. */
#ifndef DTIDY_SCHEMA_DECODE_H
#define DTIDY_SCHEMA_DECODE_H

#include <stdint.h>

#include "instance.h"

/* dt-schema's type names, as bits of a set. Integer types follow, three
 * shapes (scalar, -array, -matrix) for each of int8, uint8, ... uint64. */
enum {
	DT_FLAG, DT_STRING, DT_STRING_ARRAY, DT_PHANDLE, DT_PHANDLE_ARRAY, DT_ADDRESS,
	DT_INT0,
};
#define DT_BIT(t) ((uint64_t)1 << (t))
/* the integer type of `bits` width, signedness and shape (0, 1, 2) */
static inline int dt_int_type(unsigned bits, int is_signed, int shape)
{
	int w = bits == 8 ? 0 : bits == 16 ? 1 : bits == 64 ? 3 : 2;
	return DT_INT0 + (w * 2 + (is_signed ? 0 : 1)) * 3 + shape;
}

struct dtypes {
	uint64_t set;		/* DT_BIT()s; 0: no schema types the name */
	int has_dim;
	unsigned dim[2][2];	/* the first matrix type's dimensions */
};

struct decoder {
	sinst_types_fn *types;
	void *ud;
	struct arena *a;
};

/* The types the schemas give a property name. */
void decode_types(const struct decoder *d, const char *name, struct dtypes *out);

/* What decode_prop made of a value, as dt-validate's dtb.py would: */
enum {
	DECODE_OK,		/* decoded by its type */
	DECODE_UNTYPED,		/* no schema types it: left as bytes */
	DECODE_MISFIT,		/* typed, but fits none of its types: left as bytes,
				 * which dt-core.yaml's type check rejects */
	DECODE_FALLBACK,	/* an integer type its size does not fit, read as
				 * one uint8/16/32 (dtb.py's "size (N) error for
				 * type T", then its fallback) */
};

/* The value of property p of node n, before the fixups that split rows by
 * other nodes' #*-cells (split.h). Its origin (and every part's) is set.
 * *raw: one of DECODE_*; UNTYPED and MISFIT are bytes to dt-validate. */
struct sinst decode_prop(const struct decoder *d, const struct dtidy_node *n,
			 const struct dtidy_prop *p, int *raw);

static inline int decode_as_bytes(int raw)
{
	return raw == DECODE_UNTYPED || raw == DECODE_MISFIT;
}

/* The loc of a property's effective definition, or its node's when the
 * property was made by dtc (a phandle). */
struct dtidy_loc decode_prop_loc(const struct dtidy_prop *p);

/* An origin from `from`'s start to `to`'s end (a row of cells), or from
 * when they are not in one file in that order. */
const struct sorigin *decode_span(struct arena *a, const struct sorigin *from,
				  const struct sorigin *to);

#endif
