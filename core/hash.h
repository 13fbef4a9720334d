/* FNV-1a, the project's one string hash: hash tables, line hashes for
 * diffs, and the names of cache files. The bindings cache stores its
 * values, so changing it means bumping that file format's version. */
#ifndef DTIDY_HASH_H
#define DTIDY_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t fnv1a32(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

static inline uint32_t fnv1a32_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static inline uint64_t fnv1a64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h;
}

static inline uint64_t fnv1a64_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

#endif
