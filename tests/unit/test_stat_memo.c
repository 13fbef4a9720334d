/* The shared stats of a run (core/stat_memo.h): off, every call is a fresh
 * stat (a change is seen at once); on, a second check of the same file in
 * the same moment gets the first one's answer, and turning it off forgets
 * it; a symbolic link is answered as lstat or stat, as asked. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/stat_memo.h"
#include "dt_testutil.h"

static char root[] = "/tmp/dtidy-statmemo-XXXXXX";
static char file[600], link_[600];
static int dfd = -1;

static void setup(void)
{
	cr_assert(mkdtemp(root));
	cr_assert(write_tree_file(root, "a.yaml", "one\n") == 0);
	snprintf(file, sizeof(file), "%s/a.yaml", root);
	snprintf(link_, sizeof(link_), "%s/l.yaml", root);
	cr_assert(symlink("a.yaml", link_) == 0);
	dfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	cr_assert(dfd >= 0);
}

static void teardown(void)
{
	stat_memo_share(0);
	close(dfd);
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_expect(system(cmd) == 0);
}

TestSuite(stat_memo, .init = setup, .fini = teardown);

static off_t size_now(int nofollow)
{
	struct stat st;
	cr_assert(stat_memo_at(dfd, "a.yaml", file, nofollow, &st) == 0);
	return st.st_size;
}

Test(stat_memo, off_every_call_is_fresh)
{
	cr_expect_eq(size_now(0), 4);
	cr_assert(write_tree_file(root, "a.yaml", "one two\n") == 0);
	cr_expect_eq(size_now(0), 8);
}

Test(stat_memo, on_shares_then_off_forgets)
{
	stat_memo_share(1);
	struct stat real;
	cr_assert(stat(file, &real) == 0);
	struct stat st;
	cr_assert(stat_memo_at(dfd, "a.yaml", file, 1, &st) == 0);
	cr_expect(st.st_size == real.st_size && st.st_ino == real.st_ino &&
		  st.st_dev == real.st_dev && st.st_mode == real.st_mode &&
		  st.st_mtim.tv_sec == real.st_mtim.tv_sec &&
		  st.st_mtim.tv_nsec == real.st_mtim.tv_nsec &&
		  st.st_ctim.tv_nsec == real.st_ctim.tv_nsec);
	cr_assert(write_tree_file(root, "a.yaml", "one two\n") == 0);
	/* the same moment, as one walk would see it: both checks agree */
	cr_expect_eq(size_now(0), 4);
	stat_memo_share(0);
	cr_expect_eq(size_now(0), 8);
	stat_memo_share(1);
	cr_expect_eq(size_now(1), 8);
}

Test(stat_memo, links_are_answered_as_asked)
{
	stat_memo_share(1);
	struct stat st;
	cr_assert(stat_memo_at(dfd, "l.yaml", link_, 1, &st) == 0);
	cr_expect(S_ISLNK(st.st_mode));
	cr_assert(stat_memo_at(dfd, "l.yaml", link_, 0, &st) == 0);
	cr_expect(S_ISREG(st.st_mode));
	cr_expect_eq(st.st_size, 4);
}

Test(stat_memo, a_missing_file_fails_every_time)
{
	char gone[700];
	snprintf(gone, sizeof(gone), "%s/gone.yaml", root);
	stat_memo_share(1);
	struct stat st;
	for (int i = 0; i < 2; i++) {
		errno = 0;
		cr_expect_eq(stat_memo_at(dfd, "gone.yaml", gone, 0, &st), -1);
		cr_expect_eq(errno, ENOENT);
	}
}

Test(stat_memo, recall_answers_only_what_was_shared)
{
	struct stat st;
	cr_expect_eq(stat_memo_recall(file, 0, &st), 0, "recalled with sharing off");
	stat_memo_share(1);
	cr_expect_eq(stat_memo_recall(file, 0, &st), 0, "recalled a file never stat'ed");
	cr_expect_eq(size_now(0), 4);
	cr_assert(write_tree_file(root, "a.yaml", "one two\n") == 0);
	cr_assert_eq(stat_memo_recall(file, 0, &st), 1);
	cr_expect_eq(st.st_size, 4);
	/* a link is recalled as itself only: its target needs a stat */
	cr_assert(stat_memo_at(dfd, "l.yaml", link_, 1, &st) == 0);
	cr_expect_eq(stat_memo_recall(link_, 0, &st), 0);
	cr_expect_eq(stat_memo_recall(link_, 1, &st), 1);
	cr_expect(S_ISLNK(st.st_mode));
	stat_memo_share(0);
	cr_expect_eq(stat_memo_recall(file, 0, &st), 0, "recalled after sharing was turned off");
}
