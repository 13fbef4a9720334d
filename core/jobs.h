/* Run fn(i, ctx) for i in [0, n) on up to `threads` threads. Work is handed
 * out one item at a time, so one slow file does not hold up a whole share. */
#ifndef DTIDY_JOBS_H
#define DTIDY_JOBS_H

#include <stddef.h>

void jobs_run(size_t n, int threads, void (*fn)(size_t i, void *ctx), void *ctx);
int jobs_default_threads(void);

#endif
