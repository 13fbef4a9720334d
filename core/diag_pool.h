/* Where a run keeps the findings of the files it has checked until it
 * sorts and prints them all: packed densely (diag_list_pack_into), in
 * chunks mapped from the kernel apart from the heap, so the workers' heaps
 * hold only what each file needs while it is checked and give it back. */
#ifndef DTIDY_DIAG_POOL_H
#define DTIDY_DIAG_POOL_H

#include <pthread.h>

#include "diag.h"

struct diag_pool_chunk;

struct diag_pool {
	pthread_mutex_t lock;		/* workers keep their files' findings */
	struct diag_pool_chunk *head;
};

void diag_pool_init(struct diag_pool *p);
/* Moves l's findings into the pool (a list with fix edits stays as it is).
 * l may be moved, sorted and freed as usual, but only while p lives. */
void diag_pool_keep(struct diag_pool *p, struct diag_list *l);
/* Frees every finding kept: no list packed into p may be used after. */
void diag_pool_free(struct diag_pool *p);

#endif
