/* The model pipeline: preprocess, lex and parse the result, build and
 * merge the tree, resolve references; every diagnostic mapped back to the
 * user's files through the preprocessor's origin map. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/xalloc.h"
#include "../../lexer/lexer.h"
#include "../parser.h"
#include "index.h"
#include "setup.h"
#include "tree.h"

struct dtidy_loc mt_loc_toks(struct mtree *t, uint32_t tb, uint32_t te)
{
	const struct dt_token *a = &t->toks[tb];
	uint32_t end = a->off + a->len;
	if (te > tb + 1) {
		const struct dt_token *b = &t->toks[te - 1];
		end = b->off + b->len;
	}
	return pp_origin_loc_near(&t->pp, &t->origin_hint, a->off, end);
}

struct dtidy_loc mt_loc_cst(struct mtree *t, const struct cst *c)
{
	uint32_t te = c->te > c->tb ? c->te : c->tb + 1;
	/* ranges may end on trivia; trim to significant tokens */
	while (te > c->tb + 1 && dt_tok_is_trivia(t->toks[te - 1].kind))
		te--;
	return mt_loc_toks(t, c->tb, te);
}

const char *mt_tok_text(struct mtree *t, uint32_t tok, size_t *len)
{
	*len = t->toks[tok].len;
	return t->pp.text + t->toks[tok].off;
}

void locvec_push(struct mtree *t, struct locvec *v, struct dtidy_loc loc)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1;
		struct dtidy_loc *nv = arena_alloc(t->a, cap * sizeof(*nv));
		if (v->n)
			memcpy(nv, v->v, v->n * sizeof(*nv));
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = loc;
}

static const struct source *loc_source(struct dtidy_loc loc)
{
	return loc.file ? ((const struct pp_file *)loc.file)->src : NULL;
}

static void verror(struct mtree *t, enum model_diag_kind kind, struct dtidy_loc loc,
		   const char *rule, const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	const struct source *src = loc_source(loc);
	struct diag *d;
	if (src)
		d = diag_add(&t->m->diags, src, loc.start, loc.end, DTIDY_SEV_ERROR, rule, "%s", buf);
	else
		d = diag_add_file(&t->m->diags, t->pp.nfiles ? t->pp.files[0]->pub.path : "<input>",
				  DTIDY_SEV_ERROR, rule, "%s", buf);
	d->kind = kind;
}

void mt_error(struct mtree *t, struct dtidy_loc loc, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(t, MODEL_DIAG_OTHER, loc, rule, fmt, ap);
	va_end(ap);
}

void mt_error_kind(struct mtree *t, enum model_diag_kind kind, struct dtidy_loc loc,
		   const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(t, kind, loc, rule, fmt, ap);
	va_end(ap);
}

void mt_undefined_macro(struct mtree *t, const struct cst *c)
{
	size_t len;
	const char *s = mt_tok_text(t, c->tok, &len);
	mt_error_kind(t, MODEL_DIAG_UNDEFINED_MACRO, mt_loc_cst(t, c), "syntax",
		      "'%.*s' is not a defined macro, and dtc cannot read it", (int)len, s);
}

void mt_undefined_macro_tok(struct mtree *t, uint32_t tok)
{
	size_t len;
	const char *s = mt_tok_text(t, tok, &len);
	struct dtidy_loc loc = mt_loc_toks(t, tok, tok + 1);
	if (len && s[0] == '&') {
		s++;
		len--;
	}
	mt_error_kind(t, MODEL_DIAG_UNDEFINED_MACRO, loc, "syntax",
		      "'%.*s' is not a defined macro, and dtc cannot read it", (int)len, s);
}

void mt_macro_labels(struct mtree *t, uint32_t tb, uint32_t upto)
{
	for (uint32_t i = tb; i < upto; i++) {
		int k = t->toks[i].kind;
		if (k == TK_LPAREN)
			break;	/* the call's arguments: not names */
		if (k == TK_NAME || k == TK_IDENT) {
			mt_undefined_macro_tok(t, i);
			return;
		}
	}
}

struct priv {
	struct pp_result pp;
	struct vlabel *vlabels;
	char **autodirs;
	size_t nautodirs;
	const char *const *incdirs;	/* the ones used: given or found */
	size_t nincdirs;
	const struct model_xref *xrefs;
	size_t nxrefs;
};

struct model *model_build(const char *path, const struct model_opts *o)
{
	struct model *m = xcalloc(1, sizeof(*m));
	arena_init(&m->arena);
	struct priv *pv = xcalloc(1, sizeof(*pv));
	m->priv = pv;
	struct mtree t = {.m = m, .a = &m->arena};
	t.ppo.incdirs = o->incdirs;
	t.ppo.nincdirs = o->nincdirs;
	enum dt_profile prof = o->profile_given ? o->profile : dt_profile_detect(path, NULL);
	size_t npdefs;
	const char *why;
	const char *const *pdefs = model_profile_defines(prof, &npdefs, &why);
	if (!o->nincdirs && o->auto_include) {
		struct model_setup su;
		model_setup_find(prof, path, &su);
		pv->autodirs = su.incdirs;
		pv->nautodirs = su.nincdirs;
		su.incdirs = NULL;
		su.nincdirs = 0;
		model_setup_free(&su);
		t.ppo.incdirs = (const char *const *)pv->autodirs;
		t.ppo.nincdirs = pv->nautodirs;
	}
	t.ppo.cache = o->cache;
	if (!t.ppo.cache)
		t.ppo.cache = m->own_cache = src_cache_new();
	t.ppo.read = o->read;
	t.ppo.read_ctx = o->read_ctx;
	/* the profile's defines, then the caller's -D and -U */
	t.ppo.defines = o->defines;
	t.ppo.ndefines = o->ndefines;
	if (npdefs) {
		const char **defs = arena_alloc(&m->arena, (npdefs + o->ndefines) * sizeof(*defs));
		memcpy(defs, pdefs, npdefs * sizeof(*defs));
		if (o->ndefines)
			memcpy(defs + npdefs, o->defines, o->ndefines * sizeof(*defs));
		t.ppo.defines = defs;
		t.ppo.ndefines = npdefs + o->ndefines;
	}
	t.ppo.record = o->record;
	t.record = o->record;
	if (o->record && t.ppo.nincdirs) {
		/* the caller's list may not outlive the model */
		const char **dirs = arena_alloc(&m->arena, t.ppo.nincdirs * sizeof(*dirs));
		for (size_t i = 0; i < t.ppo.nincdirs; i++)
			dirs[i] = arena_strdup(&m->arena, t.ppo.incdirs[i]);
		pv->incdirs = dirs;
		pv->nincdirs = t.ppo.nincdirs;
	}

	pp_run(path, &t.ppo, &m->arena, &m->diags, &t.pp);
	m->pp_failed = t.pp.failed;
	m->pp_bytes = t.pp.len;

	struct dt_tokens toks = {0};
	dt_lex(t.pp.text, t.pp.len, &toks);
	struct arena cst_arena;
	arena_init(&cst_arena);
	struct cst_file cst;
	dt_parse_flags(&cst, t.pp.text, toks.v, toks.n, &cst_arena, o->parse_flags);
	t.cst = &cst;
	t.toks = toks.v;
	for (size_t i = 0; i < cst.nerrors; i++) {
		uint32_t s = cst.errors[i].start, e = cst.errors[i].end;
		struct dtidy_loc loc = pp_origin_loc(&t.pp, s, e > s ? e : s + 1);
		if (s >= t.pp.len && t.pp.nfiles) {
			/* "found end of file": where the file ends, as dtc says */
			loc.file = &t.pp.files[0]->pub;
			loc.start = loc.end = (uint32_t)t.pp.files[0]->pub.len;
		}
		mt_error(&t, loc, "syntax", "%s", cst.errors[i].msg);
	}
	mt_build(&t);
	mt_finalize(&t);
	pv->xrefs = mt_xref_finish(&t, &pv->nxrefs);
	free(t.intern);
	pv->vlabels = t.vlabels;

	m->tree.root = &t.root->pub;
	m->tree.index = dtidy_index_build(m->tree.root, &m->arena);
	m->tree.plugin = t.plugin;
	if (t.nmr) {
		struct dtidy_memreserve *mr = arena_alloc(&m->arena, t.nmr * sizeof(*mr));
		memcpy(mr, t.mr, t.nmr * sizeof(*mr));
		m->tree.memreserves = mr;
		m->tree.nmemreserves = t.nmr;
	}
	free(t.mr);
	if (t.nnoops) {
		struct dtidy_noop *v = arena_alloc(&m->arena, t.nnoops * sizeof(*v));
		memcpy(v, t.noops, t.nnoops * sizeof(*v));
		m->tree.noops = v;
		m->tree.nnoops = t.nnoops;
	}
	free(t.noops);
	m->tree.files = (const struct dtidy_file *const *)t.pp.files;
	m->tree.nfiles = t.pp.nfiles;

	free(cst.errors);
	arena_free(&cst_arena);
	dt_tokens_free(&toks);
	free(t.pp.text);
	free(t.pp.origins);
	t.pp.text = NULL;
	t.pp.origins = NULL;
	pv->pp = t.pp;
	diag_sort(&m->diags);
	for (size_t i = 0; i < m->diags.n; i++)
		if (m->diags.v[i].severity == DTIDY_SEV_ERROR)
			m->errors++;
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	struct priv *pv = m->priv;
	if (pv) {
		pp_result_free(&pv->pp);
		model_incdirs_free(pv->autodirs, pv->nautodirs);
		free(pv);
	}
	diag_list_free(&m->diags);
	arena_free(&m->arena);
	src_cache_free(m->own_cache);
	free(m);
}

size_t model_memory(const struct model *m)
{
	return m->arena.total + m->tree.nfiles * sizeof(void *);
}

const struct vlabel *model_vlabels(const struct model *m)
{
	return ((const struct priv *)m->priv)->vlabels;
}

const struct model_xref *model_xrefs(const struct model *m, size_t *n)
{
	const struct priv *pv = m->priv;
	*n = pv->nxrefs;
	return pv->xrefs;
}

const struct pp_record *model_pp_record(const struct model *m)
{
	return &((const struct priv *)m->priv)->pp.rec;
}

const char *const *model_incdirs(const struct model *m, size_t *n)
{
	const struct priv *pv = m->priv;
	*n = pv->nincdirs;
	return pv->incdirs;
}

size_t model_memory_used(const struct model *m)
{
	return arena_used(&m->arena) + m->tree.nfiles * sizeof(void *);
}
