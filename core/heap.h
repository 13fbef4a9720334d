/* How the process's heap behaves between files. */
#ifndef DTIDY_HEAP_H
#define DTIDY_HEAP_H

/* Keeps freed memory in the process for the next file (or the next edit,
 * in the language server) instead of handing it back to the kernel. */
void heap_keep(void);

/* Grows the calling thread's heap at once to what checking an ordinary
 * file needs (a worker thread's start), rather than a page at a time. */
void heap_reserve_thread(void);

/* Gives the heap's free memory back to the kernel (when the work that
 * used it is over: a run's workers done with their files). */
void heap_release(void);

#endif
