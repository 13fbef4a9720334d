/* SARIF 2.1.0 output: one run, the rule table in tool.driver.rules, one
 * result per diagnostic (with its fix, when it has one). */
#ifndef DTIDY_SARIF_H
#define DTIDY_SARIF_H

#include <stdio.h>

#include "../core/diag.h"
#include "engine.h"

/* Writes the log for diagnostics `l` found with engine `e` (for the rule
 * table; may be NULL). Paths are made relative to the working directory. */
void report_sarif(FILE *out, const struct engine *e, const struct diag_list *l,
		  const char *version);

#endif
