/* vsnprintf for the few conversions findings' messages use, without the C
 * library's machinery: a style-only check of a kernel tree formats tens of
 * thousands of messages, and glibc's vsnprintf was a twentieth of its time.
 * Plain %s, %.*s, %c, %d, %i, %u, %ld, %lu, %zu and %% are done here;
 * anything else (flags, widths, other conversions, a NULL string) is
 * handed to vsnprintf, so the text is always what vsnprintf writes. */
#ifndef DTIDY_FMT_H
#define DTIDY_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* As vsnprintf: writes at most size - 1 bytes and a NUL (size > 0);
 * returns the length the whole text has. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
