/* The stats of one run's cache checks, shared (see stat_memo.h). */
#include "stat_memo.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "hash.h"
#include "xalloc.h"

/* What a check compares; a failed stat keeps its errno. */
struct rec {
	const char *abs;	/* in the arena */
	int64_t taken_ns;	/* CLOCK_MONOTONIC */
	int err;		/* 0: the stat succeeded */
	mode_t mode;
	off_t size;
	struct timespec mtim, ctim;
	ino_t ino;
	dev_t dev;
};

/* An open-addressing table of small slots over a dense array of records:
 * 13,000 look-ups a run touch 128 KB of slots, not a table of records. */
struct slot {
	uint32_t hash;
	uint32_t rec;		/* index + 1; 0: empty */
};

/* The process's memo: a registry, as the caches' own are. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static size_t cap;
static struct rec *recs;
static size_t nrecs, caprecs;
static struct arena keys;
static int keys_ready;
static int sharing;
static pthread_mutex_t walk = PTHREAD_MUTEX_INITIALIZER;

void stat_memo_walk_begin(void)
{
	pthread_mutex_lock(&walk);
}

void stat_memo_walk_end(void)
{
	pthread_mutex_unlock(&walk);
}

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct slot *find(const char *abs, uint32_t h)
{
	size_t i = (size_t)h & (cap - 1);
	while (slots[i].rec && (slots[i].hash != h || strcmp(recs[slots[i].rec - 1].abs, abs)))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void grow(void)
{
	size_t ncap = cap ? 2 * cap : 4096;
	struct slot *old = slots;
	size_t ocap = cap;
	slots = xcalloc(ncap, sizeof(*slots));
	cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].rec) {
			size_t j = (size_t)old[i].hash & (cap - 1);
			while (slots[j].rec)
				j = (j + 1) & (cap - 1);
			slots[j] = old[i];
		}
	free(old);
}

static void to_stat(const struct rec *r, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = r->mode;
	st->st_size = r->size;
	st->st_mtim = r->mtim;
	st->st_ctim = r->ctim;
	st->st_ino = r->ino;
	st->st_dev = r->dev;
}

void stat_memo_share(int on)
{
	pthread_mutex_lock(&lock);
	sharing = on;
	if (!on) {
		free(slots);
		free(recs);
		slots = NULL;
		recs = NULL;
		cap = nrecs = caprecs = 0;
		if (keys_ready)
			arena_free(&keys);
		keys_ready = 0;
	}
	pthread_mutex_unlock(&lock);
}

int stat_memo_recall(const char *abs, int nofollow, struct stat *st)
{
	uint32_t h = fnv1a32_str(abs);
	int64_t now = now_ns();
	int have = 0;
	struct rec r;
	pthread_mutex_lock(&lock);
	if (sharing && cap) {
		const struct slot *e = find(abs, h);
		if (e->rec) {
			r = recs[e->rec - 1];
			have = now - r.taken_ns < STAT_MEMO_TTL_NS && !r.err &&
			       (nofollow || !S_ISLNK(r.mode));
		}
	}
	pthread_mutex_unlock(&lock);
	if (have)
		to_stat(&r, st);
	return have;
}

/* The memo holds what lstat says: for a name that is no symbolic link,
 * that is what stat says too. */
int stat_memo_at(int dfd, const char *name, const char *abs, int nofollow, struct stat *st)
{
	uint32_t h = fnv1a32_str(abs);
	int64_t now = now_ns();
	pthread_mutex_lock(&lock);
	int on = sharing;
	struct rec r = {0};
	int have = 0;
	if (on && cap) {
		const struct slot *e = find(abs, h);
		if (e->rec && now - recs[e->rec - 1].taken_ns < STAT_MEMO_TTL_NS) {
			r = recs[e->rec - 1];
			have = 1;
		}
	}
	pthread_mutex_unlock(&lock);
	if (!on)
		return fstatat(dfd, name, st, nofollow ? AT_SYMLINK_NOFOLLOW : 0);
	if (!have) {
		/* taken outside the lock: a check running beside this one
		 * goes on with its own files */
		struct stat ls;
		r.taken_ns = now;
		if (fstatat(dfd, name, &ls, AT_SYMLINK_NOFOLLOW) != 0) {
			r.err = errno ? errno : ENOENT;
		} else {
			r.mode = ls.st_mode;
			r.size = ls.st_size;
			r.mtim = ls.st_mtim;
			r.ctim = ls.st_ctim;
			r.ino = ls.st_ino;
			r.dev = ls.st_dev;
		}
		pthread_mutex_lock(&lock);
		if (!sharing) {
			/* turned off meanwhile: nothing kept */
			pthread_mutex_unlock(&lock);
			goto answer;
		}
		if (!keys_ready) {
			arena_init(&keys);
			keys_ready = 1;
		}
		if ((nrecs + 1) * 2 > cap)
			grow();
		struct slot *e = find(abs, h);
		if (!e->rec) {
			r.abs = arena_strdup(&keys, abs);
			VEC_PUSH(recs, nrecs, caprecs, r);
			e->hash = h;
			e->rec = (uint32_t)nrecs;
		} else {
			r.abs = recs[e->rec - 1].abs;
			recs[e->rec - 1] = r;
		}
		pthread_mutex_unlock(&lock);
	}
answer:
	if (r.err) {
		errno = r.err;
		return -1;
	}
	if (!nofollow && S_ISLNK(r.mode))
		return fstatat(dfd, name, st, 0);	/* rare: not shared */
	to_stat(&r, st);
	return 0;
}
