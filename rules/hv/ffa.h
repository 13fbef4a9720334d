/* Shared by the FF-A rules (hv-ffa-*): which tree is a partition manifest,
 * and the value checks every part of it uses. Uses include/dtidy/ only. */
#ifndef DTIDY_RULES_HV_FFA_H
#define DTIDY_RULES_HV_FFA_H

#include "hv.h"

/* The root of an FF-A partition manifest: compatible
 * "arm,ffa-manifest-<major>.<minor>". Returns 1 and the version. */
int ffa_manifest_version(const struct dtidy_node *root, unsigned *major, unsigned *minor);

/* A u32 property, when present: reports it when it is not one cell or when
 * it is above `max`. Returns 1 and *v when it holds a usable value. */
int ffa_u32(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name, uint32_t max,
	    const char *meaning, uint32_t *v);
/* A mandatory property: reports its absence at the node. Returns 1 when
 * present. */
int ffa_need(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name, const char *what);
/* A u64 property (one or two cells, or /bits/ 64): 1 and *v when readable. */
int ffa_u64(struct dtidy_ctx *ctx, const struct dtidy_node *n, const char *name, uint64_t *v);

#endif
