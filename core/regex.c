#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct rx_entry {
	char *pattern;
	pcre2_code *code;	/* NULL: does not compile */
	char err[160];
	struct rx_entry *next;
};

/* The cache only grows; entries are never freed before rx_cleanup, so a
 * pointer found under the lock stays valid after it is released. */
static struct rx_entry *cache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static struct rx_entry *lookup(const char *pattern)
{
	pthread_mutex_lock(&cache_lock);
	struct rx_entry *e;
	for (e = cache; e; e = e->next)
		if (!strcmp(e->pattern, pattern))
			break;
	if (!e) {
		e = xcalloc(1, sizeof(*e));
		e->pattern = xstrdup(pattern);
		int code;
		PCRE2_SIZE at;
		e->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
					&code, &at, NULL);
		if (e->code) {
			pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE);
		} else {
			PCRE2_UCHAR msg[120];
			pcre2_get_error_message(code, msg, sizeof(msg));
			snprintf(e->err, sizeof(e->err), "%s at offset %zu", (char *)msg,
				 (size_t)at);
		}
		e->next = cache;
		cache = e;
	}
	pthread_mutex_unlock(&cache_lock);
	return e;
}

int rx_check(const char *pattern, const char **err)
{
	struct rx_entry *e = lookup(pattern);
	if (!e->code && err)
		*err = e->err;
	return e->code ? 0 : -1;
}

int rx_match(const char *pattern, const char *subject, size_t len, const char **err)
{
	struct rx_entry *e = lookup(pattern);
	if (!e->code) {
		if (err)
			*err = e->err;
		return -1;
	}
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(e->code, NULL);
	int rc = pcre2_match(e->code, (PCRE2_SPTR)subject, len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

void rx_cleanup(void)
{
	pthread_mutex_lock(&cache_lock);
	while (cache) {
		struct rx_entry *e = cache;
		cache = e->next;
		pcre2_code_free(e->code);
		free(e->pattern);
		free(e);
	}
	pthread_mutex_unlock(&cache_lock);
}
