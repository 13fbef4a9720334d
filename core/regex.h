/* PCRE2 patterns compiled once per process: the first use of a pattern
 * compiles and caches it (keyed by the pattern text), every later use only
 * matches. Safe to call from the check threads. */
#ifndef DTIDY_REGEX_H
#define DTIDY_REGEX_H

#include <stddef.h>

/* 1 when subject matches pattern (unanchored unless the pattern anchors),
 * 0 when not, -1 when the pattern does not compile (*err, if given, then
 * points at the compiler's message, valid until rx_cleanup). */
int rx_match(const char *pattern, const char *subject, size_t len, const char **err);
/* Checks that a pattern compiles; 0 or -1 with a message as above. Used to
 * reject bad patterns in the configuration before any file is checked. */
int rx_check(const char *pattern, const char **err);
/* Releases the cache (at exit, so leak checkers see a clean heap). */
void rx_cleanup(void);

#endif
