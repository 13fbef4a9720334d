#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

static int fail(char **err, const char *what, const char *path, int e)
{
	size_t n = strlen(what) + strlen(path) + strlen(strerror(e)) + 8;
	*err = xmalloc(n);
	snprintf(*err, n, "%s %s: %s", what, path, strerror(e));
	return -1;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int atomic_write(const char *path, const char *data, size_t len, char **err)
{
	char *real = realpath(path, NULL);
	if (!real)
		return fail(err, "cannot resolve", path, errno);
	struct stat st;
	if (stat(real, &st) != 0) {
		int e = errno;
		free(real);
		return fail(err, "cannot stat", path, e);
	}
	/* the temporary lives next to the target, so rename() stays atomic */
	const char *slash = strrchr(real, '/');
	size_t dirlen = slash ? (size_t)(slash - real) : 0;
	const char *base = slash ? slash + 1 : real;
	size_t tn = dirlen + strlen(base) + 32;
	char *tmp = xmalloc(tn);
	snprintf(tmp, tn, "%.*s/.%s.dtidy-XXXXXX", (int)dirlen, real, base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		free(real);
		return fail(err, "cannot create a temporary file next to", path, e);
	}
	const char *step = NULL;
	if (write_all(fd, data, len) != 0)
		step = "cannot write";
	else if (fchmod(fd, st.st_mode & 07777) != 0)
		step = "cannot set the mode of";
	else if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
		 fchown(fd, st.st_uid, st.st_gid) != 0)
		step = "cannot keep the owner of";
	else if (fsync(fd) != 0)
		step = "cannot flush";
	int e = errno;
	if (close(fd) != 0 && !step) {
		step = "cannot write";
		e = errno;
	}
	if (!step && rename(tmp, real) != 0) {
		step = "cannot replace";
		e = errno;
	}
	if (step) {
		unlink(tmp);
		free(tmp);
		free(real);
		return fail(err, step, path, e);
	}
	/* make the rename itself durable */
	char *dir = xstrndup(real, dirlen ? dirlen : 1);
	int dfd = open(dirlen ? dir : "/", O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(tmp);
	free(real);
	return 0;
}

int atomic_write_if_changed(const char *path, const char *data, size_t len, char **err)
{
	FILE *f = fopen(path, "rb");
	if (f) {
		int same = 1;
		char buf[65536];
		size_t off = 0, n;
		while (same && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
			if (off + n > len || memcmp(buf, data + off, n) != 0)
				same = 0;
			off += n;
		}
		if (ferror(f))
			same = 0;
		fclose(f);
		if (same && off == len)
			return 0;
	}
	return atomic_write(path, data, len, err) == 0 ? 1 : -1;
}

int atomic_write_output(const char *path, const char *data, size_t len, char **err)
{
	size_t tn = strlen(path) + 16;
	char *tmp = xmalloc(tn);
	snprintf(tmp, tn, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return fail(err, "cannot create", path, e);
	}
	/* mkstemp makes 0600; an output is as readable as any file made here */
	mode_t mask = umask(0);
	umask(mask);
	const char *step = NULL;
	if (write_all(fd, data, len) != 0)
		step = "cannot write";
	else if (fchmod(fd, 0666 & ~mask) != 0)
		step = "cannot set the mode of";
	int e = errno;
	if (close(fd) != 0 && !step) {
		step = "cannot write";
		e = errno;
	}
	if (!step && rename(tmp, path) != 0) {
		step = "cannot replace";
		e = errno;
	}
	if (step)
		unlink(tmp);
	free(tmp);
	return step ? fail(err, step, path, e) : 0;
}
