/* Inline suppressions, read from a file's comments:
 *
 *   / * dtidy: disable=RULE[,RULE] * /   on the line before a node or
 *                                        property: covers all of it
 *   // dtidy: disable-line=RULE          covers its own line
 *   // dtidy: disable-file=RULE          covers the whole file
 *
 * (either comment style works for each). A name may be a rule id or a
 * family. Each name remembers whether it suppressed something, for the
 * unused-suppression rule. */
#ifndef DTIDY_SUPPRESS_H
#define DTIDY_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

enum supp_kind { SUPP_NEXT, SUPP_LINE, SUPP_FILE };

struct supp_name {
	char *name;
	uint32_t off, end;	/* where it is written, for reports */
	int used;
};

struct supp {
	enum supp_kind kind;
	uint32_t from, to;	/* covered bytes [from, to) */
	struct supp_name *names;
	size_t nnames;
};

struct supp_file {
	struct supp *v;
	size_t n;
};

/* Reads the suppression comments of text (lexing and parsing it to know
 * what the next node or property spans). */
void supp_scan(struct supp_file *sf, const char *text, size_t len);
/* The same from an existing parse of text (the engine parses the checked
 * file once for everything). */
struct cst_file;
void supp_scan_parsed(struct supp_file *sf, const char *text, size_t len,
		      const struct cst_file *cst);
/* Is a finding of `rule` (of `family`) starting at byte off suppressed?
 * Marks the suppressing names used. */
int supp_covers(struct supp_file *sf, uint32_t off, const char *rule, const char *family);
void supp_free(struct supp_file *sf);

#endif
