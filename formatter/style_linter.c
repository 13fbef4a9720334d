/* dts-linter's blank lines (the `zephyr` profile), learnt from its
 * documentation, its source and its output on Zephyr's tree:
 *
 *  - a node has exactly one blank line before it, none when it opens its
 *    parent's body, follows its own comment, or opens an #if branch; an
 *    own-line comment right above a node takes the node's blank line;
 *  - a property that follows a node has one blank line before it;
 *  - anything else (properties, comments, #include, /delete-.../) keeps
 *    one blank line if it had exactly one, and has none otherwise: two
 *    blank lines become none, not one;
 *  - a node's '}' has none; other directives (#define, #if ...) keep the
 *    blank lines they have. */
#include <string.h>

#include "fmt_internal.h"

int fmt_linter_blanks(int item, int prev, int blanks)
{
	switch (item) {
	case LI_CLOSE:
		return 0;
	case LI_DIRECTIVE:
		return blanks;
	case LI_NODE:
	case LI_COMMENT_NODE:
		if (prev == LP_NONE || prev == LP_OPEN || prev == LP_IF || prev == LP_OWN_COMMENT)
			return 0;
		return 1;
	default:
		if (prev == LP_NONE)
			return 0;
		if (prev == LP_NODE && item == LI_PROP)
			return 1;
		return blanks == 1;
	}
}

/* Does the directive text start a branch (#if, #ifdef, #ifndef, #elif,
 * #else)? A node right after one has no blank line. */
int fmt_pp_opens_branch(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == '#' || s[i] == ' ' || s[i] == '\t'))
		i++;
	const char *w = s + i;
	size_t k = n - i;
	return (k >= 2 && w[0] == 'i' && w[1] == 'f') || (k >= 4 && !strncmp(w, "elif", 4)) ||
	       (k >= 4 && !strncmp(w, "else", 4));
}
