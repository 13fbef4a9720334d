/* The orders the kernel's DTS coding style asks for: natural name order,
 * unit-address order and the canonical property order. */
#include "order.h"

#include <string.h>

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Compares two runs of digits as numbers of any length. */
static int numcmp(const char *a, size_t an, const char *b, size_t bn)
{
	while (an > 1 && *a == '0')
		a++, an--;
	while (bn > 1 && *b == '0')
		b++, bn--;
	if (an != bn)
		return an < bn ? -1 : 1;
	int c = memcmp(a, b, an);
	return c < 0 ? -1 : c > 0;
}

/* Both strings are seen as text, digits, text, digits, ... (each text part
 * possibly empty), compared part by part; a string that runs out first is
 * smaller. */
int style_natcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	int digits = 0;
	for (;;) {
		size_t i0 = i, j0 = j;
		while (i < alen && is_digit(a[i]) == digits)
			i++;
		while (j < blen && is_digit(b[j]) == digits)
			j++;
		int c;
		if (digits) {
			if (i == i0 || j == j0) {
				/* one string ends here */
				if (i == i0 && j == j0)
					return 0;
				return i == i0 ? -1 : 1;
			}
			c = numcmp(a + i0, i - i0, b + j0, j - j0);
		} else {
			size_t n = i - i0 < j - j0 ? i - i0 : j - j0;
			c = memcmp(a + i0, b + j0, n);
			c = c < 0 ? -1 : c > 0;
			if (!c && i - i0 != j - j0) {
				/* "ab" vs "abc": the shorter text is a prefix */
				c = i - i0 < j - j0 ? -1 : 1;
			}
		}
		if (c)
			return c;
		if (i == alen && j == blen)
			return 0;
		digits = !digits;
	}
}

/* A part's "0x" prefix: dt-check-style reads parts with Python's int(part,
 * 16), which takes one (l3regs@0xff800000 is in address order; its prefix
 * is unit-address-style's business). */
static size_t hex_prefix(const char *s, size_t n)
{
	return n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 2 : 0;
}

int style_parse_unit(const char *unit, size_t len)
{
	size_t part = 0;
	for (size_t i = 0; i < len; i++) {
		if (!part && hex_prefix(unit + i, len - i)) {
			i++;
			continue;
		}
		if (unit[i] == ',') {
			if (!part)
				return 0;
			part = 0;
			continue;
		}
		if (!is_hex(unit[i]))
			return 0;
		part++;
	}
	return part > 0;
}

static int hexval(char c)
{
	if (is_digit(c))
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

/* One comma-separated part as a number (any length). */
static int hexcmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t pa = hex_prefix(a, an), pb = hex_prefix(b, bn);
	a += pa, an -= pa;
	b += pb, bn -= pb;
	while (an > 1 && *a == '0')
		a++, an--;
	while (bn > 1 && *b == '0')
		b++, bn--;
	if (an != bn)
		return an < bn ? -1 : 1;
	for (size_t i = 0; i < an; i++)
		if (hexval(a[i]) != hexval(b[i]))
			return hexval(a[i]) < hexval(b[i]) ? -1 : 1;
	return 0;
}

int style_unitcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	for (;;) {
		if (i >= alen || j >= blen)
			return (i >= alen) == (j >= blen) ? 0 : i >= alen ? -1 : 1;
		size_t i0 = i, j0 = j;
		while (i < alen && a[i] != ',')
			i++;
		while (j < blen && b[j] != ',')
			j++;
		int c = hexcmp(a + i0, i - i0, b + j0, j - j0);
		if (c)
			return c;
		if (i < alen)
			i++;
		if (j < blen)
			j++;
		if (i >= alen && j >= blen)
			return 0;
	}
}

enum {
	B_FIRST,	/* device_type; in the root node, model */ B_COMPATIBLE, B_REG, B_RANGES, B_STANDARD, B_VENDOR, B_STATUS,
};

static int name_is(const char *s, size_t n, const char *lit)
{
	return n == strlen(lit) && !memcmp(s, lit, n);
}

static int has_name(const char *const *names, const size_t *lens, size_t n, const char *s,
		    size_t sl, size_t *at)
{
	for (size_t i = 0; i < n; i++)
		if (lens[i] == sl && !memcmp(names[i], s, sl)) {
			*at = i;
			return 1;
		}
	return 0;
}

/* "pinctrl-<digits>" */
static int is_pinctrl_n(const char *s, size_t n)
{
	if (n <= 8 || memcmp(s, "pinctrl-", 8))
		return 0;
	for (size_t i = 8; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* The property a name is paired after, or -1: pinctrl-names after the
 * highest pinctrl-N, <x>-names after <x>s or <x>. */
static long pair_anchor(const char *const *names, const size_t *lens, size_t n, size_t k)
{
	const char *s = names[k];
	size_t sl = lens[k];
	if (name_is(s, sl, "pinctrl-names")) {
		long best = -1;
		for (size_t i = 0; i < n; i++)
			if (is_pinctrl_n(names[i], lens[i]) &&
			    (best < 0 || style_natcmp(names[i], lens[i], names[best], lens[best]) > 0))
				best = (long)i;
		if (best >= 0)
			return best;
	}
	static const char suffix[] = "-names";
	size_t sfx = sizeof(suffix) - 1;
	if (sl <= sfx || memcmp(s + sl - sfx, suffix, sfx))
		return -1;
	size_t base = sl - sfx;
	char plural[256];
	size_t at;
	if (base + 1 < sizeof(plural)) {
		memcpy(plural, s, base);
		plural[base] = 's';
		if (has_name(names, lens, n, plural, base + 1, &at))
			return (long)at;
	}
	if (has_name(names, lens, n, s, base, &at))
		return (long)at;
	return -1;
}

static void strip_hash(const char **s, size_t *n)
{
	while (*n && **s == '#')
		(*s)++, (*n)--;
}

void style_prop_keys(const char *const *names, const size_t *lens, size_t n, int root,
		     struct style_prop_key *keys)
{
	for (size_t k = 0; k < n; k++) {
		const char *s = names[k];
		size_t sl = lens[k];
		struct style_prop_key *key = &keys[k];
		memset(key, 0, sizeof(*key));
		if (name_is(s, sl, root ? "model" : "device_type")) {
			key->bucket = B_FIRST;
		} else if (name_is(s, sl, "compatible")) {
			key->bucket = B_COMPATIBLE;
		} else if (name_is(s, sl, "reg")) {
			key->bucket = B_REG;
		} else if (name_is(s, sl, "reg-names")) {
			key->bucket = B_REG;
			key->fixed = 1;
		} else if (name_is(s, sl, "ranges")) {
			key->bucket = B_RANGES;
		} else if (name_is(s, sl, "status")) {
			key->bucket = B_STATUS;
		} else {
			const char *bare = s;
			size_t bl = sl;
			strip_hash(&bare, &bl);
			key->bucket = memchr(bare, ',', bl) ? B_VENDOR : B_STANDARD;
			long a = pair_anchor(names, lens, n, k);
			if (a >= 0) {
				bare = names[a];
				bl = lens[a];
				strip_hash(&bare, &bl);
				key->tiebreak = 1;
			}
			key->anchor = bare;
			key->anchor_len = bl;
		}
	}
}

int style_prop_keycmp(const struct style_prop_key *a, const struct style_prop_key *b)
{
	if (a->bucket != b->bucket)
		return a->bucket < b->bucket ? -1 : 1;
	if (a->bucket != B_STANDARD && a->bucket != B_VENDOR)
		return a->fixed < b->fixed ? -1 : a->fixed > b->fixed;
	int c = style_natcmp(a->anchor, a->anchor_len, b->anchor, b->anchor_len);
	if (c)
		return c;
	return a->tiebreak < b->tiebreak ? -1 : a->tiebreak > b->tiebreak;
}
