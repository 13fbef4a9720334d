/* A rule's help, for hovers and for the link (codeDescription) editors show
 * next to a diagnostic. */
#ifndef DTIDY_LSP_RULE_HELP_H
#define DTIDY_LSP_RULE_HELP_H

#include "../../include/dtidy/rule.h"

/* A file: URI of a Markdown page with the rule's description and help,
 * written once under the user's cache directory ($XDG_CACHE_HOME/dtidy/
 * rules/ID.md). NULL when the rule has no help or the page cannot be
 * written. Caller frees. */
char *lsp_rule_help_uri(const struct dtidy_rule *r);

/* Rule id -> page URI, so each page is checked once per session. */
struct lsp_help_pages {
	char **ids, **uris;	/* uris[i] may be NULL: no page */
	size_t n, cap, ucap;
};

/* The cached lsp_rule_help_uri (owned by the cache). */
const char *lsp_help_page(struct lsp_help_pages *c, const struct dtidy_rule *r);
void lsp_help_pages_free(struct lsp_help_pages *c);

#endif
