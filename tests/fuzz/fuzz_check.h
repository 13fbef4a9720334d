/* Assertions for fuzz targets: unlike assert(), never compiled out, and they
 * abort so libFuzzer records the input as a crash. */
#ifndef DTIDY_FUZZ_CHECK_H
#define DTIDY_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond)                                                        \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n",   \
				__FILE__, __LINE__, #cond);                      \
			abort();                                                 \
		}                                                                \
	} while (0)

#endif
