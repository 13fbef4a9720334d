#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <unistd.h>

#include "heap.h"
#include "xalloc.h"

struct pool {
	atomic_size_t next;
	size_t n;
	void (*fn)(size_t, void *);
	void *ctx;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	if (atomic_load(&p->next) < p->n)
		heap_reserve_thread();
	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->n)
			break;
		p->fn(i, p->ctx);
	}
	return NULL;
}

int jobs_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

void jobs_run(size_t n, int threads, void (*fn)(size_t i, void *ctx), void *ctx)
{
	struct pool p = {.n = n, .fn = fn, .ctx = ctx};
	atomic_init(&p.next, 0);
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > n)
		threads = n ? (int)n : 1;
	if (threads == 1) {
		worker(&p);
		return;
	}
	pthread_t *t = xmalloc(sizeof(*t) * (size_t)threads);
	int started = 0;
	for (int i = 0; i < threads; i++) {
		if (pthread_create(&t[i], NULL, worker, &p) != 0)
			break;
		started++;
	}
	if (started == 0)
		worker(&p);
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
}
