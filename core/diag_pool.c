#include "diag_pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>


struct diag_pool_chunk {
	struct diag_pool_chunk *next;
	size_t used, cap;	/* bytes of the mapping, this header included */
};

/* 1 MiB: a thousand findings a chunk, and only the pages written are
 * resident, so the last chunk's tail costs nothing. */
enum { CHUNK = 1 << 20 };

void diag_pool_init(struct diag_pool *p)
{
	pthread_mutex_init(&p->lock, NULL);
	p->head = NULL;
}

static struct diag_pool_chunk *map_chunk(size_t need)
{
	size_t cap = need > CHUNK ? need : CHUNK;
	void *m = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	struct diag_pool_chunk *c = m;
	c->next = NULL;
	c->used = (sizeof(*c) + 7) & ~(size_t)7;
	c->cap = cap;
	return c;
}

void diag_pool_keep(struct diag_pool *p, struct diag_list *l)
{
	size_t n = diag_list_packed_size(l);
	if (!n)
		return;
	pthread_mutex_lock(&p->lock);
	struct diag_pool_chunk *c = p->head;
	if (!c || c->cap - c->used < n) {
		struct diag_pool_chunk *fresh = map_chunk(n + sizeof(*fresh) + 8);
		if (!fresh) {
			/* out of address space: the findings stay on the heap */
			pthread_mutex_unlock(&p->lock);
			return;
		}
		if (c && n > CHUNK / 4) {
			/* a big list gets a mapping of its own, behind the
			 * current chunk, whose free tail keeps serving */
			fresh->next = c->next;
			c->next = fresh;
		} else {
			fresh->next = c;
			p->head = fresh;
		}
		c = fresh;
	}
	void *mem = (char *)c + c->used;
	c->used += (n + 7) & ~(size_t)7;
	pthread_mutex_unlock(&p->lock);
	diag_list_pack_into(l, mem);
}

void diag_pool_free(struct diag_pool *p)
{
	struct diag_pool_chunk *c = p->head;
	while (c) {
		struct diag_pool_chunk *next = c->next;
		munmap(c, c->cap);
		c = next;
	}
	p->head = NULL;
	pthread_mutex_destroy(&p->lock);
}
