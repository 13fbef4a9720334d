#include "heap.h"

/* Any C library header, before the test: it is <features.h>, which they
 * all include, that defines __GLIBC__ (without it, heap_keep compiled to a
 * bare return and the heap went back to the kernel after every file). */
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Checking a file allocates and frees a few MB per 10,000 lines (token
 * arrays, syntax trees, the model's arena). By default glibc returns blocks
 * over 128 KiB to the kernel when they are freed, so the next file (or the
 * language server's next edit) faults the same memory in again: perf showed
 * page faults and the zeroing of fresh pages taking half the CPU time of an
 * LSP re-analysis, and an eighth of a whole-tree check. The heap instead
 * stays at the peak of one file per thread. */
void heap_keep(void)
{
#ifdef __GLIBC__
	/* Blocks past 4 MiB (the token array of a 700 KB file) still get
	 * their own mapping, given back when freed, and at most 8 MiB of free
	 * heap is kept: with 32 and 256 MiB, a thread done with a runaway
	 * macro expansion kept its 100 MB while the other thread expanded
	 * one (300 MB peak instead of 200 for check -j2 of two such files). */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}
