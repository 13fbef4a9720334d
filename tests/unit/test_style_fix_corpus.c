/* The reordering fixes against an independent oracle: for every Linux board
 * of the corpus, the board's own text is reordered (property-order,
 * child-address-order, child-name-order) and compiled with cpp + dtc before
 * and after; the DTBs, decompiled with their nodes and properties sorted
 * (dtc -s), must be the same but for the numbers dtc gives phandles, which
 * follow the order references are met in. The second test goes through
 * the command line, `dtidy check --enable=style --fix`, on copies of
 * boards. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "rules/engine.h"
#include "rules/fix.h"

static const char *corpus(void)
{
	const char *c = getenv("CORPUS");
	return c && *c ? c : "../shared/corpus";
}

/* The text of path with every reordering fix applied, or NULL. */
static char *reordered(const char *path, const char *text, size_t len, size_t *napplied)
{
	char *en[] = {"property-order", "child-address-order", "child-name-order"};
	struct engine_opts eo = {.enable = en, .nenable = 3, .level = -1, .no_auto_include = 1};
	struct diag_list errs = {0};
	struct engine *e = engine_new(&eo, &errs);
	cr_assert_not_null(e);
	diag_list_free(&errs);
	struct engine_input in = {.path = path, .text = text, .len = len};
	struct engine_result res;
	engine_check(e, &in, &res);
	size_t nlen = 0;
	char *out = fix_apply(path, text, len, &res.diags, &nlen, napplied);
	engine_result_free(&res);
	engine_free(e);
	return out;
}

/* cpp + dtc, then back to sorted DTS; 0 on success. */
static int sorted_dts(const char *incs, const char *in, const char *out)
{
	struct strbuf cmd = {0};
	sb_printf(&cmd,
		 "cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp %s '%s' -o '%s.pp' 2>/dev/null"
		 " && dtc -q -I dts -O dtb -o '%s.dtb' '%s.pp' 2>/dev/null"
		 " && dtc -q -s -I dtb -O dts -o '%s' '%s.dtb' 2>/dev/null",
		 incs, in, out, out, out, out, out);
	int rc = system(sb_cstr(&cmd));
	sb_free(&cmd);
	return rc;
}

static char *slurp(const char *path)
{
	char *err = NULL;
	struct source *src = source_load(path, &err);
	free(err);
	if (!src)
		return NULL;
	char *s = xstrdup(src->text);
	source_free(src);
	return s;
}

/* The phandle of every node of a decompiled tree, by path. */
struct ph {
	char path[512];
	unsigned long val;
};

static size_t phandles(const char *text, struct ph *v, size_t max)
{
	char path[512] = "";
	size_t n = 0;
	for (const char *l = text; *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		while (len && (*l == '\t' || *l == ' '))
			l++, len--;
		unsigned long val;
		if (len > 2 && l[len - 1] == '{') {
			size_t pl = strlen(path);
			snprintf(path + pl, sizeof(path) - pl, "/%.*s", (int)(len - 2), l);
		} else if (len >= 2 && !strncmp(l, "};", 2)) {
			char *slash = strrchr(path, '/');
			if (slash)
				*slash = '\0';
		} else if (sscanf(l, "phandle = <%lx>;", &val) == 1 && n < max) {
			snprintf(v[n].path, sizeof(v[n].path), "%s", path);
			v[n++].val = val;
		}
		l += len + (e ? 1 : 0);
		if (!e)
			break;
	}
	return n;
}

/* Are the two decompiled trees the same, but for dtc numbering phandles
 * in another order? Every number that differs must be the phandle of the
 * same node in both. */
static int same_tree(const char *a, const char *b)
{
	char *x = slurp(a), *y = slurp(b);
	cr_assert(x && y);
	static struct ph px[4096], py[4096];
	size_t nx = phandles(x, px, 4096), ny = phandles(y, py, 4096);
	int ok = nx == ny;
	const char *p = x, *q = y;
	while (ok && *p && *q) {
		if (p[0] == '0' && p[1] == 'x' && q[0] == '0' && q[1] == 'x') {
			char *pe, *qe;
			unsigned long vp = strtoul(p + 2, &pe, 16), vq = strtoul(q + 2, &qe, 16);
			if (vp != vq) {
				ok = 0;
				for (size_t i = 0; i < nx && !ok; i++)
					for (size_t j = 0; j < ny && !ok; j++)
						ok = px[i].val == vp && py[j].val == vq &&
						     !strcmp(px[i].path, py[j].path);
			}
			p = pe;
			q = qe;
			continue;
		}
		ok = *p++ == *q++;
	}
	ok = ok && !*p && !*q;
	free(x);
	free(y);
	return ok;
}

Test(reorder_fix, boards_compile_to_the_same_tree, .timeout = 300)
{
	if (system("command -v dtc >/dev/null && command -v cpp >/dev/null") != 0)
		cr_skip_test("needs dtc and cpp");
	char list[1024];
	snprintf(list, sizeof(list), "%s/linux-toplevel.txt", corpus());
	FILE *f = fopen(list, "r");
	if (!f) {
		cr_skip_test("no corpus at %s", corpus());
		return;
	}
	char dir[] = "/tmp/dtidy-reorder-XXXXXX";
	cr_assert(mkdtemp(dir));
	char line[1024];
	int boards = 0, fixed = 0;
	/* 20 boards are enough to exercise every kind of move and keep the
	 * suite quick; the list is in a stable order */
	while (fixed < 20 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		size_t n = strlen(line);
		if (n < 5 || strcmp(line + n - 4, ".dts"))
			continue;
		char path[2048], *err = NULL;
		snprintf(path, sizeof(path), "%s/%s", corpus(), line);
		struct source *src = source_load(path, &err);
		if (!src) {
			free(err);
			continue;
		}
		boards++;
		size_t napplied = 0;
		char *text = reordered(path, src->text, src->len, &napplied);
		if (text && napplied) {
			/* the include directories of the corpus's split layout */
			char arch[256] = "";
			sscanf(line, "src/%255[^/]", arch);
			char d[2048];
			snprintf(d, sizeof(d), "%s", path);
			*strrchr(d, '/') = '\0';
			char incs[4096];
			snprintf(incs, sizeof(incs), "-I '%s' -I '%s/src/%s' -I '%s/src' -I '%s/include'",
				 d, corpus(), arch, corpus(), corpus());
			char mod[2048], a[2048], b[2048];
			snprintf(mod, sizeof(mod), "%s/board.dts", dir);
			snprintf(a, sizeof(a), "%s/before.dts", dir);
			snprintf(b, sizeof(b), "%s/after.dts", dir);
			FILE *w = fopen(mod, "w");
			cr_assert(w);
			fputs(text, w);
			fclose(w);
			if (sorted_dts(incs, path, a) == 0) {
				cr_expect_eq(sorted_dts(incs, mod, b), 0, "%s: reordered board fails to compile",
					     line);
				cr_expect(same_tree(a, b), "%s: reordering changed the compiled tree", line);
				fixed++;
			}
		}
		free(text);
		source_free(src);
	}
	fclose(f);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	cr_log_info("reorder fix: %d of %d boards reordered and compared", fixed, boards);
	cr_expect_gt(fixed, 10, "only %d boards were reordered", fixed);
}

/* Output of a shell command (stdout and stderr), malloc'd. */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	cr_assert(p, "cannot run %s", cmd);
	struct strbuf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		sb_put(&b, chunk, n);
	pclose(p);
	char *s = xstrdup(sb_cstr(&b));
	sb_free(&b);
	return s;
}

/* The whole path as a user takes it: `dtidy check --enable=style --fix`
 * on copies of corpus boards. One run must leave nothing a fix could still
 * change (a second --fix applies nothing: overlapping fixes are applied in
 * rounds), and the board must compile to the same tree. */
Test(style_fix_cli, boards_fixed_in_place, .timeout = 600)
{
	const char *dtidy = getenv("DTIDY");
	if (!dtidy || !*dtidy)
		cr_skip_test("DTIDY is not set (make test sets it)");
	if (system("command -v dtc >/dev/null && command -v cpp >/dev/null") != 0)
		cr_skip_test("needs dtc and cpp");
	char list[1024];
	snprintf(list, sizeof(list), "%s/linux-toplevel.txt", corpus());
	FILE *f = fopen(list, "r");
	if (!f) {
		cr_skip_test("no corpus at %s", corpus());
		return;
	}
	char dir[] = "/tmp/dtidy-fixcli-XXXXXX";
	cr_assert(mkdtemp(dir));
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "cp -R '%s/src' '%s/include' '%s/'", corpus(), corpus(), dir);
	cr_assert_eq(system(cmd), 0);
	char line[1024];
	int fixed = 0;
	while (fixed < 8 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		size_t n = strlen(line);
		if (n < 5 || strcmp(line + n - 4, ".dts"))
			continue;
		char board[2048], d[2048], arch[256] = "", incs[8192], a[2048], b[2048];
		snprintf(board, sizeof(board), "%s/%s", dir, line);
		snprintf(d, sizeof(d), "%s", board);
		*strrchr(d, '/') = '\0';
		sscanf(line, "src/%255[^/]", arch);
		snprintf(incs, sizeof(incs), "-I '%s' -I '%s/src/%s' -I '%s/src' -I '%s/include'", d,
			 dir, arch, dir, dir);
		snprintf(a, sizeof(a), "%s/before.dts", dir);
		snprintf(b, sizeof(b), "%s/after.dts", dir);
		if (sorted_dts(incs, board, a) != 0)
			continue;	/* not a board cpp + dtc compile */
		snprintf(cmd, sizeof(cmd), "'%s' check --enable=style --fix '%s' 2>&1 >/dev/null", dtidy,
			 board);
		char *first = run(cmd);
		int changed = strstr(first, "applied") != NULL;
		free(first);
		if (!changed)
			continue;
		char *second = run(cmd);
		cr_expect(strstr(second, "applied") == NULL,
			  "%s: a second --fix still changed the board: %s", line, second);
		free(second);
		cr_expect_eq(sorted_dts(incs, board, b), 0, "%s: the fixed board fails to compile", line);
		cr_expect(same_tree(a, b), "%s: --fix changed the compiled tree", line);
		fixed++;
	}
	fclose(f);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	cr_expect_geq(fixed, 8, "only %d boards were fixed", fixed);
}
