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
 * LSP re-analysis, and a quarter of a whole-tree check. The heap instead
 * keeps what an ordinary file needs, per thread. Blocks of 4 MiB and more
 * (only huge or hostile inputs make them) still go back when freed, and a
 * heap keeps at most 2 MiB unused at its top: a worker done with a runaway
 * macro's 128 MiB must not hold it while the other worker needs as much,
 * and with 16 MiB a whole-tree check's two workers each held their biggest
 * board's worth to the end (4 MB more peak, no faster). */
void heap_keep(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 2 << 20);
#endif
}

void heap_release(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

/* glibc gives each worker thread a heap of its own and grows it by
 * mprotect, one call for each few pages a request goes past its top: a
 * style-only check of the corpus's 218 Linux files made 700 such calls,
 * its two workers' heaps reaching 5 and 7 MiB. A few requests that add up
 * to that grow the heap at once; freed, the space stays (it is under
 * M_TRIM_THRESHOLD), and its pages are touched only when used. Each is under
 * M_MMAP_THRESHOLD, or it would be mapped apart from the heap. */
void heap_reserve_thread(void)
{
	enum { PIECE = 2 << 20, PIECES = 4 };
	void *volatile p[PIECES];	/* volatile: not elided with their free */
	for (int i = 0; i < PIECES; i++)
		p[i] = malloc(PIECE);
	for (int i = PIECES; i-- > 0;)
		free(p[i]);
}
