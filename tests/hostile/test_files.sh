#!/bin/sh
# Hostile file systems under a walked directory: a symlink loop, a symlink
# fan-out, dangling links, FIFOs, unreadable files and directories, and a
# file deleted between the walk and the read. Each gets a clear diagnostic
# naming the path, and every other file is still checked.
set -u
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
chmod 755 "$T"

# expect_count NAME REGEX N: exactly N lines of stdout match REGEX.
expect_count() {
	n=$(grep -Ec -- "$2" "$T/out")
	if [ "$n" -eq "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "$n lines match /$2/, want $3: $(head -c 400 "$T/out")"
	fi
}

# --- symlink loops -----------------------------------------------------------
mkdir -p loop/a/b
witness loop/top.dts
witness loop/a/b/deep.dts
ln -s .. loop/a/b/up		# back to loop/a
ln -s . loop/self
ln -s ../../loop loop/a/again	# back to the root of the walk
run loop -- "$DTIDY" check --color=never loop
expect_rc "symlink loops: only the witnesses' syntax errors" 1
expect_count "symlink loops: each file checked once" '^loop/(top|a/b/deep)\.dts:4:1: error: ' 2
expect_count "symlink loops: each loop reported" \
	'^loop/(self|a/b/up|a/again): warning: symbolic link loop; directory skipped \[io\]$' 3

# --- symlink fan-out ---------------------------------------------------------
# Not a loop, but 20 levels each holding two links to the next level: 2^20
# paths lead to the bottom. Each real directory is walked once (by device
# and inode), through the first path in sorted order.
mkdir fan
i=0
while [ $i -lt 20 ]; do
	mkdir fan/r$i
	ln -s ../r$((i + 1)) fan/r$i/a
	ln -s ../r$((i + 1)) fan/r$i/b
	i=$((i + 1))
done
mkdir fan/r20
witness fan/r20/bottom.dts
run fan -- timeout 60 "$DTIDY" check --color=never fan/r0
expect_rc "symlink fan-out: walked in linear time, the witness's error" 1
expect_count "symlink fan-out: the file is checked once, by the first path" \
	'^fan/r0(/a){20}/bottom\.dts:4:1: error: ' 1
expect_count "symlink fan-out: nothing else reported" '.' 1

# two links pointing at each other, with a source name: stat fails (ELOOP)
mkdir links
witness links/ok.dts
ln -s b.dts links/a.dts
ln -s a.dts links/b.dts
ln -s missing.dts links/dangling.dts
ln -s nowhere links/dangling-other	# not a source name: ignored
run links -- "$DTIDY" check --color=never links
expect_rc "link cycles and dangling links" 2
expect_out "link cycle: named, with the reason" '^links/a\.dts: error: cannot read: Too many levels of symbolic links \[io\]$'
expect_out "dangling link: named, with the reason" '^links/dangling\.dts: error: cannot read: No such file or directory \[io\]$'
expect_count "dangling link without a source name: ignored" 'dangling-other' 0
expect_out "links: the other file is still checked" '^links/ok\.dts:4:1: error: '

# --- FIFOs and devices in a walked directory -------------------------------
mkdir special
witness special/ok.dts
mkfifo special/pipe.dts
ln -s /dev/zero special/zero.dtsi
run fifo -- timeout 60 "$DTIDY" check --color=never special
expect_rc "FIFO and device in a walked directory: not opened" 1
expect_out "FIFO: skipped with a warning" '^special/pipe\.dts: warning: not a regular file; skipped \[io\]$'
expect_out "device: skipped with a warning" '^special/zero\.dtsi: warning: not a regular file; skipped \[io\]$'
expect_out "FIFO: the other file is still checked" '^special/ok\.dts:4:1: error: '

# --- a file deleted between the walk and the read ----------------------------
# A preloaded shim deletes the file just before dtidy opens it: the race
# made deterministic.
mkdir vanish
witness vanish/a.dts
witness vanish/gone.dts
witness vanish/z.dts
cat >shim.c <<'SHIM'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int vanish(const char *path)
{
	const char *victim = getenv("VANISH");
	size_t n = strlen(path), v = victim ? strlen(victim) : 0;
	if (v && n >= v && strcmp(path + n - v, victim) == 0)
		unlink(path);
	return 0;
}

#define WRAP(name)                                                        \
	int name(const char *path, int flags, ...)                        \
	{                                                                 \
		static int (*real)(const char *, int, ...);               \
		va_list ap;                                               \
		va_start(ap, flags);                                      \
		int mode = (flags & (O_CREAT | O_TMPFILE)) ? va_arg(ap, int) : 0; \
		va_end(ap);                                               \
		if (!real)                                                \
			real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name); \
		vanish(path);                                             \
		return real(path, flags, mode);                           \
	}
WRAP(open)
WRAP(open64)
SHIM
if cc -shared -fPIC -o shim.so shim.c -ldl 2>"$T/cc-err"; then
	VANISH=gone.dts LD_PRELOAD="$T/shim.so" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		run vanish -- "$DTIDY" check --color=never vanish
	expect_rc "file deleted between walk and read" 2
	expect_out "deleted file: named, with the reason" \
		'^vanish/gone\.dts: error: cannot open: No such file or directory \[io\]$'
	expect_count "deleted file: the files around it are still checked" '^vanish/[az]\.dts:4:1: error: ' 2
	if [ -e vanish/gone.dts ]; then
		not_ok "deleted file: the shim really deleted it"
	else
		ok "deleted file: the shim really deleted it"
	fi
else
	skip "file deleted between walk and read" "no C compiler for the preload shim: $(head -c 200 "$T/cc-err")"
fi

# --- unreadable files and directories ----------------------------------------
mkdir -p perm/locked perm/open
witness perm/open/ok.dts
witness perm/secret.dts
witness perm/locked/hidden.dts
chmod 000 perm/secret.dts perm/locked
# root reads everything: run this case as an unprivileged user instead.
as_user=""
if [ "$(id -u)" -eq 0 ]; then
	if setpriv --reuid=nobody --regid=nogroup --clear-groups "$DTIDY" --version >/dev/null 2>&1; then
		as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	else
		as_user="none"
	fi
fi
if [ "$as_user" = none ]; then
	skip "unreadable files and directories" "running as root, and user nobody cannot run $DTIDY (setpriv failed)"
else
	run perm -- $as_user "$DTIDY" check --color=never perm
	expect_rc "unreadable file and directory" 2
	expect_out "unreadable file: named, with the reason" \
		'^perm/secret\.dts: error: cannot open: Permission denied \[io\]$'
	expect_out "unreadable directory: named, with the reason" \
		'^perm/locked: error: cannot open directory: Permission denied \[io\]$'
	expect_out "unreadable: the readable file is still checked" '^perm/open/ok\.dts:4:1: error: '
fi
chmod 755 perm/locked
finish
