/* fmt_vsnprintf writes what vsnprintf writes, the conversions it does
 * itself and the ones it hands on, at every buffer size. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/fmt.h"

static int fast(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Same text and length as snprintf, whole and cut at every size. */
#define SAME(...)                                                                  \
	do {                                                                       \
		char want[256], got[256];                                          \
		int wn = snprintf(want, sizeof(want), __VA_ARGS__);                \
		int gn = fast(got, sizeof(got), __VA_ARGS__);                      \
		cr_assert_eq(gn, wn, "length of %s", #__VA_ARGS__);                \
		cr_assert_str_eq(got, want, "%s", #__VA_ARGS__);                   \
		for (size_t size = 0; size <= (size_t)wn + 1; size++) {            \
			memset(want, 'x', sizeof(want));                          \
			memset(got, 'x', sizeof(got));                             \
			snprintf(want, size, __VA_ARGS__);                         \
			cr_assert_eq(fast(got, size, __VA_ARGS__), wn);            \
			cr_assert_eq(memcmp(got, want, size + 1), 0,               \
				     "cut at %zu: %s", size, #__VA_ARGS__);        \
		}                                                                  \
	} while (0)

Test(fmt, the_conversions_it_does)
{
	SAME("plain text");
	SAME("%s", "");
	SAME("property '%s' out of canonical order", "compatible");
	SAME("node name '%.*s' should use only lower-case letters", 6, "My_Nodeextra");
	SAME("%.*s|", 10, "short");
	SAME("%.*s|", 0, "none");
	SAME("line exceeds %ld columns (%u)", 80L, 123u);
	SAME("%d %d %i %d", 0, -1, INT_MAX, INT_MIN);
	SAME("%u %lu %zu", UINT_MAX, ULONG_MAX, (size_t)42);
	SAME("%ld %ld", LONG_MAX, LONG_MIN);
	SAME("100%% %c%c", 'o', 'k');
	SAME("%s and %s at %zu:%u", "a", "b", (size_t)12, 7u);
}

Test(fmt, the_ones_it_hands_on)
{
	SAME("%5d|%-4s|%08x", 42, "ab", 0xbeefu);
	SAME("%x %X %o", 255u, 255u, 8u);
	SAME("%s then %5s", "fast", "slow");
	SAME("%.3s", "abcdef");
	SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
	const char *volatile none = NULL;	/* unknown to the compiler */
	// cppcheck-suppress nullPointer ; both print "(null)", which is the point
	SAME("%s", none);
	SAME("%.*s", -1, "negative precision: the whole string");
	SAME("%p", (void *)0);
}

Test(fmt, long_texts)
{
	char big[600];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	char want[1024], got[1024];
	int wn = snprintf(want, 512, "x %s y", big);
	int gn = fast(got, 512, "x %s y", big);
	cr_assert_eq(gn, wn);
	cr_assert_eq(gn, 603);
	cr_assert_str_eq(got, want);
	cr_assert_eq(strlen(got), 511);
}
