/* Printing diagnostics: gcc-style text (with the source line and a caret on a
 * terminal) and the JSON document of the command-line contract. */
#ifndef DTIDY_REPORT_H
#define DTIDY_REPORT_H

#include <stdio.h>

#include "diag.h"

void report_text(FILE *out, const struct diag_list *l, int color, int show_source);
/* report_text's lines (without source lines) appended to out. */
struct strbuf;
void report_text_sb(struct strbuf *out, const struct diag_list *l, int color);
void report_json(FILE *out, const struct diag_list *l);

#endif
