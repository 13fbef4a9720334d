/* Which board of a tree includes a .dtsi: a .dtsi that uses macros or
 * labels its includers define is checked as the first board that includes
 * it sees it (engine_input.context).
 *
 *     struct includers *x = includers_new(files, nfiles);
 *     const char *board = includers_board(x, "arch/arm64/boot/dts/apple/t600x-dieX.dtsi");
 *     ...
 *     includers_free(x);
 *
 * The include graph is read from the #include and /include/ lines of the
 * files given and of the .dts and .dtsi files beside each .dtsi among them
 * (so a .dtsi checked alone finds its boards), matched by file name: the
 * engine then confirms that the board's tree really reads the .dtsi. */
#ifndef DTIDY_INCLUDERS_H
#define DTIDY_INCLUDERS_H

#include <stddef.h>

struct includers;

struct includers *includers_new(const char *const *files, size_t n);
/* The first board (a .dts, in path order) that includes `path` directly or
 * through other .dtsi files, or NULL. Valid until includers_free. */
const char *includers_board(const struct includers *x, const char *path);
void includers_free(struct includers *x);

/* The names a text includes (#include "x" or <x>, /include/ "x"), as
 * written, each passed to fn. Exposed for tests. */
void includers_scan(const char *text, size_t len, void (*fn)(void *ud, const char *name,
							     size_t n), void *ud);

#endif
