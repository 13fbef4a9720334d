/* Severities shared by the engine, the rules and plugins. */
#ifndef DTIDY_PUBLIC_DIAG_H
#define DTIDY_PUBLIC_DIAG_H

enum dtidy_severity {
	DTIDY_SEV_OFF = 0,
	DTIDY_SEV_NOTE = 1,
	DTIDY_SEV_WARNING = 2,
	DTIDY_SEV_ERROR = 3,
};

#endif
