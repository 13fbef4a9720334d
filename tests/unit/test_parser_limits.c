/* Size and depth: deep nesting is reported, not recursed into (so neither
 * the parser nor a recursive walk of its tree can overflow the stack), and
 * huge flat inputs are read in one linear pass. Inputs are generated here. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt_testutil.h"

#define DEEP 100000

static char *repeat3(const char *head, const char *open, size_t n, const char *mid,
		     const char *close, const char *tail, size_t *len)
{
	size_t lo = strlen(open), lc = strlen(close), lh = strlen(head), lm = strlen(mid),
	       lt = strlen(tail);
	char *buf = malloc(lh + n * (lo + lc) + lm + lt + 1);
	char *w = buf;
	memcpy(w, head, lh);
	w += lh;
	for (size_t i = 0; i < n; i++, w += lo)
		memcpy(w, open, lo);
	memcpy(w, mid, lm);
	w += lm;
	for (size_t i = 0; i < n; i++, w += lc)
		memcpy(w, close, lc);
	memcpy(w, tail, lt);
	w += lt;
	*w = '\0';
	*len = (size_t)(w - buf);
	return buf;
}

/* Height of the tree, without recursion. */
static size_t cst_height(const struct cst *root)
{
	size_t best = 0, d = 0;
	const struct cst *c = root;
	while (c) {
		if (d > best)
			best = d;
		if (c->child) {
			c = c->child;
			d++;
			continue;
		}
		while (c && !c->next && c != root) {
			c = c->parent;
			d--;
		}
		if (!c || c == root)
			break;
		c = c->next;
	}
	return best;
}

static void expect_depth_error(const char *text, size_t len, const char *what)
{
	cr_assert(lex_roundtrips(text, len), "%s: lexing loses bytes", what);
	struct parsed p;
	parse_mem(&p, text, len);
	cr_expect_gt(p.cst.nerrors, 0, "%s: no error", what);
	cr_expect_leq(p.cst.nerrors, 2, "%s: %zu errors, wanted one:\n%s", what, p.cst.nerrors,
		      p.errors);
	cr_expect(strstr(p.errors, "deeper than") != NULL, "%s: %s", what, p.errors);
	cr_expect_leq(cst_height(p.cst.root), 2 * DT_MAX_DEPTH + 16, "%s: tree %zu deep", what,
		      cst_height(p.cst.root));
	cr_expect_null(parse_invariant_violation(&p), "%s", what);
	parsed_free(&p);
}

Test(parser_limits, nodes_nested_100000_deep)
{
	size_t len;
	char *s = repeat3("/dts-v1/;\n/ {\n", "n {\n", DEEP, "p = <1>;\n", "};\n", "};\n", &len);
	expect_depth_error(s, len, "deep nodes");
	free(s);
}

Test(parser_limits, nodes_nested_just_within_the_limit)
{
	size_t len;
	char *s = repeat3("/dts-v1/;\n/ {\n", "n {", DT_MAX_DEPTH - 1, "p;", "};", "};\n", &len);
	struct parsed p;
	parse_mem(&p, s, len);
	cr_expect_str_eq(p.errors, "");
	parsed_free(&p);
	free(s);
}

Test(parser_limits, parentheses_nested_100000_deep)
{
	size_t len;
	char *s = repeat3("/dts-v1/; / { p = <", "(", DEEP, "1", ")", ">; q; };", &len);
	expect_depth_error(s, len, "deep parentheses");
	free(s);
}

Test(parser_limits, unary_chain_100000_long)
{
	size_t len;
	char *s = repeat3("/dts-v1/; / { p = <(", "-", DEEP, "1", "", ")>; };", &len);
	expect_depth_error(s, len, "unary chain");
	free(s);
}

Test(parser_limits, conditional_chain_100000_long)
{
	size_t len;
	char *s = repeat3("/dts-v1/; / { p = <(", "1 ? 2 : ", DEEP, "3", "", ")>; };", &len);
	expect_depth_error(s, len, "?: chain");
	free(s);
}

Test(parser_limits, binary_chain_100000_long)
{
	/* left-associative, so the tree would be as deep as the chain is long */
	size_t len;
	char *s = repeat3("/dts-v1/; / { p = <(", "1 + ", DEEP, "1", "", ")>; };", &len);
	expect_depth_error(s, len, "+ chain");
	free(s);
}

Test(parser_limits, macro_arguments_nested_100000_deep)
{
	/* arguments are token ranges, never parsed: no depth at all */
	size_t len;
	char *s = repeat3("/dts-v1/; / { p = <F", "(", DEEP, "1", ")", ">; };", &len);
	struct parsed p;
	parse_mem(&p, s, len);
	cr_expect_str_eq(p.errors, "");
	cr_expect_leq(cst_height(p.cst.root), 8);
	parsed_free(&p);
	free(s);
}

Test(parser_limits, braces_100000_deep_in_garbage)
{
	size_t len;
	char *s = repeat3("", "{", DEEP, "", "}", "", &len);
	struct parsed p;
	parse_mem(&p, s, len);
	cr_expect_gt(p.cst.nerrors, 0);
	cr_expect_null(parse_invariant_violation(&p));
	parsed_free(&p);
	free(s);
}

/* Lexes and parses without the test helpers' renderings, which would cost
 * more than the parse itself on these sizes. */
struct raw {
	struct dt_tokens toks;
	struct arena arena;
	struct cst_file cst;
};

static void raw_parse(struct raw *r, const char *text, size_t len)
{
	memset(r, 0, sizeof(*r));
	dt_lex(text, len, &r->toks);
	arena_init(&r->arena);
	dt_parse(&r->cst, text, r->toks.v, r->toks.n, &r->arena);
}

static void raw_free(struct raw *r)
{
	free(r->cst.errors);
	arena_free(&r->arena);
	dt_tokens_free(&r->toks);
}

Test(parser_limits, one_node_with_a_million_properties)
{
	const size_t n = 1000000;
	char *buf = malloc(n * 3 + 64);
	size_t len = (size_t)sprintf(buf, "/dts-v1/;\n/ {\n");
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + len, "a;\n", 3);
		len += 3;
	}
	len += (size_t)sprintf(buf + len, "};\n");
	struct raw p;
	raw_parse(&p, buf, len);
	cr_expect_eq(p.cst.nerrors, 0);
	const struct cst *root = p.cst.root->child->next;
	cr_assert_eq(root->kind, CST_NODE);
	size_t k = 0;
	CST_FOREACH(c, root)
		k += c->kind == CST_PROP;
	cr_expect_eq(k, n);
	cr_expect_eq(p.toks.n, 3 * n + 11);
	raw_free(&p);
	free(buf);
}

Test(parser_limits, a_million_mistakes)
{
	/* recovery goes on to the end; the report stops at DT_MAX_ERRORS */
	const size_t n = 1000000;
	char *buf = malloc(n * 3 + 64);
	size_t len = (size_t)sprintf(buf, "/dts-v1/;\n/ {\n");
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + len, "=;\n", 3);
		len += 3;
	}
	len += (size_t)sprintf(buf + len, "};\n");
	struct raw p;
	raw_parse(&p, buf, len);
	cr_expect_eq(p.cst.nerrors, DT_MAX_ERRORS + 1);
	cr_expect_str_eq(p.cst.errors[DT_MAX_ERRORS].msg,
			 "too many syntax errors; the rest of this file is not reported");
	size_t k = 0;
	CST_FOREACH(c, p.cst.root->child->next)
		k += c->kind == CST_ERROR;
	cr_expect_eq(k, n);
	raw_free(&p);
	free(buf);
}
