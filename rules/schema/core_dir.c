/* Finding dt-schema's core schemas (see core_dir.h). */
#include "core_dir.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"

extern char **environ;

#define DEBIAN_DIR "/usr/lib/python3/dist-packages/dtschema/schemas"

static int has_types(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;
	return snprintf(path, sizeof(path), "%s/types.yaml", dir) < (int)sizeof(path) &&
	       stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* dt-schema releases before this year typed integers as matrices
 * ("uint32" a one-by-one matrix) and decoded DTBs to match; the instances
 * this dtidy builds are those of the releases since, and validating them
 * against the old core schemas would flag every integer. */
#define FIRST_YEAR 2023

/* The release year of the dt-schema whose schemas/ is `dir`, from the
 * package's version.py beside it; 0 when there is none (a bare schemas
 * folder, as dt-schema's source tree or a copy has it). */
static int release_year(const char *dir, char *version, size_t vsize)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/../version.py", dir) >= (int)sizeof(path))
		return 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[256];
	int year = 0;
	while (!year && fgets(line, sizeof(line), f)) {
		const char *v = strstr(line, "__version__");
		const char *q = v ? strpbrk(v, "\"'") : NULL;
		if (q && q[1] >= '1' && q[1] <= '9') {
			year = atoi(q + 1);
			snprintf(version, vsize, "%.*s", (int)strcspn(q + 1, "\"'"), q + 1);
		}
	}
	fclose(f);
	return year;
}

/* Takes dir when it has types.yaml of a release this dtidy reads. */
static char *usable(const char *dir, const char *from, char *why, size_t whysize)
{
	if (!has_types(dir)) {
		snprintf(why, whysize, "%s %s has no types.yaml (give dt-schema's schemas/ folder)",
			 from, dir);
		return NULL;
	}
	char version[64] = "";
	int year = release_year(dir, version, sizeof(version));
	if (year && year < FIRST_YEAR) {
		snprintf(why, whysize, "%s %s is dt-schema %s, older than the %d releases whose "
			 "schemas dtidy reads (give a newer one with --schemas DIR or DTIDY_SCHEMAS)",
			 from, dir, version, FIRST_YEAR);
		return NULL;
	}
	return xstrdup(dir);
}

/* What python3 says dtschema's package folder is: asked once a process
 * (it takes a tenth of a second), "" when there is none. */
static pthread_once_t python_once = PTHREAD_ONCE_INIT;
static char python_dir[PATH_MAX];

static void ask_python(void)
{
	int fds[2];
	if (pipe(fds))
		return;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	char *argv[] = {"python3", "-c",
			"import os, dtschema; print(os.path.dirname(dtschema.__file__))", NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "python3", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	size_t n = 0;
	if (rc == 0) {
		ssize_t k;
		while (n + 1 < sizeof(python_dir) &&
		       (k = read(fds[0], python_dir + n, sizeof(python_dir) - 1 - n)) > 0)
			n += (size_t)k;
		int status;
		while (waitpid(pid, &status, 0) < 0)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			n = 0;
	}
	close(fds[0]);
	while (n && (python_dir[n - 1] == '\n' || python_dir[n - 1] == '\r'))
		n--;
	python_dir[n] = '\0';
}

char *schema_core_dir(const char *explicit_dir, const char **from, char *why, size_t whysize)
{
	if (explicit_dir && *explicit_dir) {
		*from = "--schemas";
		return usable(explicit_dir, "--schemas", why, whysize);
	}
	const char *env = getenv("DTIDY_SCHEMAS");
	if (env && *env) {
		*from = "DTIDY_SCHEMAS";
		return usable(env, "DTIDY_SCHEMAS", why, whysize);
	}
	pthread_once(&python_once, ask_python);
	if (python_dir[0]) {
		char dir[PATH_MAX + 16];
		snprintf(dir, sizeof(dir), "%s/schemas", python_dir);
		if (has_types(dir)) {
			*from = "the dt-schema python3 imports";
			return usable(dir, "the dt-schema python3 imports,", why, whysize);
		}
	}
	if (has_types(DEBIAN_DIR)) {
		*from = "Debian's dt-schema package";
		return usable(DEBIAN_DIR, "Debian's dt-schema package,", why, whysize);
	}
	*from = NULL;
	snprintf(why, whysize, "dt-schema's core schemas were not found (no --schemas, no "
		 "DTIDY_SCHEMAS, python3 cannot import dtschema, no " DEBIAN_DIR ")");
	return NULL;
}
