/* The server's source of property and compatible documentation (see
 * schema_source.h): the binding documents the `bindings` family finds for
 * a file (its kernel tree's, the split repository's, or --bindings), then
 * the standard properties. */
#include "schema_source.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../core/regex.h"
#include "../../core/xalloc.h"
#include "../../rules/bindings/binding_docs.h"
#include "../../rules/bindings/bindings_index.h"
#include "../../rules/schema/set_registry.h"
#include "server.h"

/* Documents asked for per compatible. */
#define MAX_DOCS 4

struct lsp_schemas {
	struct entry {
		char *dir;
		struct binding_docs *bd;
	} *v;
	size_t n, cap;
};

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* dt-schema's core schemas, for the /schemas/ references the bindings do
 * not hold: beside the bindings (the corpus and split-tree layout), or
 * where Debian's dt-schema package installs them. */
static char *core_dir_for(const char *bindings)
{
	char buf[PATH_MAX];
	const char *slash = strrchr(bindings, '/');
	if (slash && snprintf(buf, sizeof(buf), "%.*s/dt-schema/schemas", (int)(slash - bindings),
			      bindings) < (int)sizeof(buf) && is_dir(buf))
		return xstrdup(buf);
	static const char *const known[] = {
		"/usr/lib/python3/dist-packages/dtschema/schemas",
		"/usr/share/dt-schema/schemas",
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (is_dir(known[i]))
			return xstrdup(known[i]);
	return NULL;
}

static struct binding_docs *docs_for(struct lsp_server *s, const char *path)
{
	if (s->eo->no_bindings)
		return NULL;
	char *dir = bindings_find_dir(path, s->eo->bindings);
	if (!dir)
		return NULL;
	if (!s->schemas)
		s->schemas = xcalloc(1, sizeof(*s->schemas));
	struct lsp_schemas *sc = s->schemas;
	for (size_t i = 0; i < sc->n; i++)
		if (!strcmp(sc->v[i].dir, dir)) {
			free(dir);
			return sc->v[i].bd;
		}
	char *core = core_dir_for(dir);
	struct entry e = {dir, binding_docs_new(dir, core)};
	free(core);
	VEC_PUSH(sc->v, sc->n, sc->cap, e);
	return e.bd;
}

void lsp_schemas_note(struct lsp_server *s, const char *path)
{
	docs_for(s, path);
}

void lsp_schemas_free(struct lsp_schemas *sc)
{
	if (!sc)
		return;
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->v[i].dir);
		binding_docs_free(sc->v[i].bd);
	}
	free(sc->v);
	free(sc);
}

int lsp_schemas_busy(const struct lsp_schemas *sc)
{
	for (size_t i = 0; sc && i < sc->n; i++)
		if (!binding_docs_done(sc->v[i].bd))
			return 1;
	return 0;
}

void lsp_schemas_step(struct lsp_schemas *sc, int budget_ms)
{
	for (size_t i = 0; sc && i < sc->n; i++)
		if (!binding_docs_done(sc->v[i].bd)) {
			binding_docs_step(sc->v[i].bd, budget_ms);
			return;
		}
}

/* ---- queries ---- */

static struct lsp_propdoc from_binding(const struct binding_prop *b)
{
	struct lsp_propdoc p = {
		.name = b->name, .is_pattern = b->is_pattern, .type = b->type,
		.description = b->description, .values = b->values, .nvalues = b->nvalues,
		.source = b->doc,
	};
	/* what the binding leaves unsaid, the standard property may say */
	const struct lsp_propdoc *std = b->is_pattern ? NULL : lsp_std_prop(b->name);
	if (std && !p.type)
		p.type = std->type;
	if (std && !p.description)
		p.description = std->description;
	if (std && !p.nvalues) {
		p.values = std->values;
		p.nvalues = std->nvalues;
	}
	return p;
}

/* Each binding document describing one of the compatibles, most specific
 * first, each once. */
static size_t docs_of(struct binding_docs *bd, const char *const *compats, size_t n,
		      const char **out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; bd && i < n && k < max; i++) {
		const char *d[MAX_DOCS];
		size_t nd = binding_docs_for(bd, compats[i], d, MAX_DOCS);
		for (size_t j = 0; j < nd && k < max; j++) {
			int dup = 0;
			for (size_t x = 0; x < k && !dup; x++)
				dup = !strcmp(out[x], d[j]);
			if (!dup)
				out[k++] = d[j];
		}
	}
	return k;
}

static int seen(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

void lsp_schema_props(struct lsp_server *s, const char *path, const char *const *compats,
		      size_t ncompats, lsp_propdoc_fn *fn, void *ud)
{
	struct binding_docs *bd = docs_for(s, path);
	const char *docs[MAX_DOCS * 4];
	size_t nd = docs_of(bd, compats, ncompats, docs, sizeof(docs) / sizeof(docs[0]));
	const char **names = NULL;
	size_t nn = 0, cap = 0;
	for (size_t i = 0; i < nd; i++) {
		size_t np;
		const struct binding_prop *bp = binding_doc_props(bd, docs[i], &np);
		for (size_t k = 0; k < np; k++) {
			if (bp[k].is_pattern || seen(names, nn, bp[k].name))
				continue;
			/* a forbidden name is not offered, standard or not */
			VEC_PUSH(names, nn, cap, bp[k].name);
			if (bp[k].disallowed)
				continue;
			struct lsp_propdoc p = from_binding(&bp[k]);
			fn(&p, ud);
		}
	}
	size_t ns;
	const struct lsp_propdoc *std = lsp_std_props(&ns);
	for (size_t k = 0; k < ns; k++)
		if (!std[k].is_pattern && !seen(names, nn, std[k].name))
			fn(&std[k], ud);
	free(names);
}

int lsp_schema_prop(struct lsp_server *s, const char *path, const char *const *compats,
		    size_t ncompats, const char *name, struct lsp_propdoc *out)
{
	struct binding_docs *bd = docs_for(s, path);
	const char *docs[MAX_DOCS * 4];
	size_t nd = docs_of(bd, compats, ncompats, docs, sizeof(docs) / sizeof(docs[0]));
	for (int patterns = 0; patterns < 2; patterns++)
		for (size_t i = 0; i < nd; i++) {
			size_t np;
			const struct binding_prop *bp = binding_doc_props(bd, docs[i], &np);
			for (size_t k = 0; k < np; k++) {
				if (bp[k].is_pattern != patterns || bp[k].disallowed)
					continue;
				if (patterns ? rx_match(bp[k].name, name, strlen(name), NULL) != 1
					     : strcmp(bp[k].name, name) != 0)
					continue;
				*out = from_binding(&bp[k]);
				if (patterns) {
					const struct lsp_propdoc *std = lsp_std_prop(name);
					if (std && !out->type)
						out->type = std->type;
					if (std && !out->description)
						out->description = std->description;
				}
				return 0;
			}
		}
	const struct lsp_propdoc *std = lsp_std_prop(name);
	if (!std)
		return -1;
	*out = *std;
	return 0;
}

void lsp_schema_compatibles(struct lsp_server *s, const char *path, const char *prefix,
			    void (*fn)(const char *compat, const char *doc, void *ud), void *ud)
{
	struct binding_docs *bd = docs_for(s, path);
	if (bd)
		binding_docs_compatibles(bd, prefix, fn, ud);
}

const char *lsp_schema_type(struct lsp_server *s, const char *path, const char *prop, char *buf,
			    size_t size)
{
	if (s->eo->no_bindings)
		return NULL;
	const struct schema_found *f = schema_found_for(path, s->eo->bindings, s->eo->schemas);
	return f->set ? schema_type_name(f->set, prop, buf, size) : NULL;
}
