#include "heap.h"

/* any C library header, before the test below: __GLIBC__ is defined by
 * the library's headers, not by the compiler, so without one the test
 * was always false and the settings were never made */
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
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}
