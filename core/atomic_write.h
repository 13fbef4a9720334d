/* Replacing a file's contents safely: the new bytes go to a temporary file
 * in the same directory, are flushed to disk, get the original's mode and
 * owner, and are renamed over the original. A reader sees the old file or
 * the new one, never half of either; a crash leaves at worst a stray
 * temporary file, never a truncated original. */
#ifndef DTIDY_ATOMIC_WRITE_H
#define DTIDY_ATOMIC_WRITE_H

#include <stddef.h>

/* Writes data over `path` (an existing file; a symlink is followed and its
 * target replaced). Returns 0, or -1 with *err a malloc'd message and the
 * original untouched. */
int atomic_write(const char *path, const char *data, size_t len, char **err);

/* Like atomic_write, but leaves the file alone (mtime included) when it
 * already holds exactly these bytes. Returns 1 written, 0 unchanged, -1
 * error. */
int atomic_write_if_changed(const char *path, const char *data, size_t len, char **err);

/* For generated files (a make .d file): creates or replaces path through a
 * temporary next to it and a rename, so a parallel make never reads half a
 * file; the mode is 0666 less the umask. No fsync: the file is rebuilt on
 * demand, and builds write thousands of them. Returns 0, or -1 with *err. */
int atomic_write_output(const char *path, const char *data, size_t len, char **err);

#endif
