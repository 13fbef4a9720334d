/* The stats of one run's cache checks, shared: the bindings index and the
 * schema set both vouch for the same 5,800 binding documents by their
 * size, times, inode and device, and a check of one board in its own
 * process (the kbuild hook's way) would otherwise stat each file twice.
 *
 * Trust: sharing is off unless a one-shot run turns it on (`dtidy check`:
 * its caches are checked once, at its start); then an answer is the file
 * system's own, taken at most STAT_MEMO_TTL_NS before it is used, so two
 * checks that share it see the files as of one moment, as one walk would.
 * Off (the LSP, the tests, a library caller that checks, edits and checks
 * again), every call is a fresh stat. */
#ifndef DTIDY_STAT_MEMO_H
#define DTIDY_STAT_MEMO_H

#include <sys/stat.h>

#define STAT_MEMO_TTL_NS 1000000000LL

/* Turns sharing on (1) or off (0, which forgets every stat taken). */
void stat_memo_share(int on);

/* A check's walk over its manifest, between these two: the checks of one
 * run take turns, so that the second finds every stat the first took
 * rather than racing it to the same files (2 walks, 1 stat a file). */
void stat_memo_walk_begin(void);
void stat_memo_walk_end(void);

/* fstatat(dfd, name, st, nofollow ? AT_SYMLINK_NOFOLLOW : 0), for the file
 * whose absolute path is `abs` (dfd and name must name that same file):
 * 0, or -1 with errno when the stat fails. Fills st_mode, st_size,
 * st_mtim, st_ctim, st_ino and st_dev only. Thread-safe. */
int stat_memo_at(int dfd, const char *name, const char *abs, int nofollow, struct stat *st);

/* The shared answer for `abs`, when there is one and it is a success
 * (and, for !nofollow, no symbolic link): 1 with *st filled as
 * stat_memo_at would, else 0 (ask stat_memo_at). Lets a walk skip opening
 * a directory whose files another walk has stat'ed. */
int stat_memo_recall(const char *abs, int nofollow, struct stat *st);

#endif
