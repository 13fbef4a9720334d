#include "rule_help.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../core/strbuf.h"
#include "../../core/xalloc.h"
#include "document.h"

static int mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0755);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0755) && errno != EEXIST ? -1 : 0;
}

static int write_page(const char *path, const char *data, size_t len)
{
	struct stat st;
	if (stat(path, &st) == 0 && (size_t)st.st_size == len) {
		/* written by an earlier run: keep it when it says the same */
		FILE *f = fopen(path, "rb");
		char *old = xmalloc(len + 1);
		int same = f && fread(old, 1, len, f) == len && memcmp(old, data, len) == 0;
		free(old);
		if (f)
			fclose(f);
		if (same)
			return 0;
	}
	struct strbuf tb = {0};
	sb_printf(&tb, "%s.%ld.tmp", path, (long)getpid());
	const char *tmp = sb_cstr(&tb);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		sb_free(&tb);
		return -1;
	}
	ssize_t w = write(fd, data, len);
	int ok = w == (ssize_t)len;
	int rc = 0;
	if (close(fd) || !ok || rename(tmp, path)) {
		unlink(tmp);
		rc = -1;
	}
	sb_free(&tb);
	return rc;
}

char *lsp_rule_help_uri(const struct dtidy_rule *r)
{
	if (!r->help || !*r->help)
		return NULL;
	const char *cache = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char dir[4096];
	if (cache && *cache == '/')
		snprintf(dir, sizeof(dir), "%s/dtidy/rules", cache);
	else if (home && *home == '/')
		snprintf(dir, sizeof(dir), "%s/.cache/dtidy/rules", home);
	else
		return NULL;
	if (mkdirs(dir))
		return NULL;
	struct strbuf page = {0};
	sb_printf(&page, "# %s\n\n%s.\n\nFamily: %s. Default severity: %s.\n\n%s\n", r->id,
		  r->description, r->family,
		  r->severity == DTIDY_SEV_ERROR ? "error"
		  : r->severity == DTIDY_SEV_WARNING ? "warning" : "note",
		  r->help);
	struct strbuf path = {0};
	sb_printf(&path, "%s/%s.md", dir, r->id);
	char *uri = write_page(path.s, page.s, page.len) ? NULL : lsp_path_to_uri(path.s);
	sb_free(&page);
	sb_free(&path);
	return uri;
}

const char *lsp_help_page(struct lsp_help_pages *c, const struct dtidy_rule *r)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->ids[i], r->id))
			return c->uris[i];
	size_t n = c->n;
	VEC_PUSH(c->uris, n, c->ucap, lsp_rule_help_uri(r));
	VEC_PUSH(c->ids, c->n, c->cap, xstrdup(r->id));
	return c->uris[c->n - 1];
}

void lsp_help_pages_free(struct lsp_help_pages *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->ids[i]);
		free(c->uris[i]);
	}
	free(c->ids);
	free(c->uris);
	memset(c, 0, sizeof(*c));
}
