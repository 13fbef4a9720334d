/* The tree as DTS, in the form `dtc -O dts` would accept back and compile
 * to the same DTB: one header, memreserves, then the merged tree with its
 * labels, numbers evaluated, references kept symbolic so dtc assigns the
 * same phandles, and /omit-if-no-ref/ kept so dtc makes the same choice. */
#include <stdio.h>
#include <string.h>

#include "../../lexer/lexer.h"
#include "../pp/pp.h"
#include "tree.h"

static void indent(FILE *out, int depth)
{
	for (int i = 0; i < depth; i++)
		fputc('\t', out);
}

static void put_string(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				fprintf(out, "\\x%02x", c);
			else
				fputc(c, out);
		}
	}
	fputc('"', out);
}

/* &label when the reference reads back as one; anything else, a path or
 * a name a label cannot have (&{+node}), keeps its braces. */
static void put_ref(FILE *out, const char *ref)
{
	int label = dt_is_label_start((unsigned char)ref[0]);
	for (const char *s = ref; label && *s; s++)
		label = dt_is_label_char((unsigned char)*s);
	fprintf(out, label ? "&%s" : "&{%s}", ref);
}

static void put_vlabels(FILE *out, const struct vlabel *vl, const struct mprop *p, size_t chunk,
			size_t cell)
{
	for (const struct vlabel *v = vl; v; v = v->next)
		if (v->prop == p && v->chunk == chunk && v->cell == cell)
			fprintf(out, "%s: ", v->name);
}

static void put_value(FILE *out, const struct vlabel *vl, const struct mprop *p)
{
	for (size_t i = 0; i < p->pub.nchunks; i++) {
		const struct dtidy_chunk *c = &p->pub.chunks[i];
		fputs(i ? ", " : " = ", out);
		put_vlabels(out, vl, p, i, SIZE_MAX);
		switch (c->kind) {
		case DTIDY_CHUNK_CELLS:
			if (c->bits != 32)
				fprintf(out, "/bits/ %u ", c->bits);
			fputc('<', out);
			for (size_t k = 0; k < c->n; k++) {
				if (k)
					fputc(' ', out);
				put_vlabels(out, vl, p, i, k);
				if (c->cells[k].ref)
					put_ref(out, c->cells[k].ref);
				else
					fprintf(out, "0x%llx", (unsigned long long)c->cells[k].val);
			}
			for (const struct vlabel *v = vl; v; v = v->next)
				if (v->prop == p && v->chunk == i && v->cell == c->n)
					fprintf(out, " %s:", v->name);
			fputc('>', out);
			break;
		case DTIDY_CHUNK_STRING:
			put_string(out, c->data, c->n);
			break;
		case DTIDY_CHUNK_BYTES:
			fputc('[', out);
			for (size_t k = 0; k < c->n; k++) {
				if (k)
					fputc(' ', out);
				put_vlabels(out, vl, p, i, k);
				fprintf(out, "%02x", (unsigned char)c->data[k]);
			}
			for (const struct vlabel *v = vl; v; v = v->next)
				if (v->prop == p && v->chunk == i && v->cell == c->n)
					fprintf(out, " %s:", v->name);
			fputc(']', out);
			break;
		case DTIDY_CHUNK_PATH:
			put_ref(out, c->ref);
			break;
		}
	}
	for (const struct vlabel *v = vl; v; v = v->next)
		if (v->prop == p && v->chunk == p->pub.nchunks)
			fprintf(out, " %s:", v->name);
}

static void put_labels(FILE *out, const struct mlabel *l)
{
	for (; l; l = l->next)
		if (!l->deleted)
			fprintf(out, "%s: ", l->name);
}

/* Would a statement starting with these labels and this name, written at
 * the start of a line, read as a preprocessor directive (a property named
 * "#if")? cpp needs it after the previous statement on the same line. */
static int opens_directive(const struct mlabel *labels, const char *name)
{
	for (const struct mlabel *l = labels; l; l = l->next)
		if (!l->deleted)
			return 0;
	return pp_text_opens_directive(name, strlen(name));
}

/* Starts the next statement: on a new line at `depth` (after a blank line
 * for a node), or on the same line when a new one would not do. */
static void next_statement(FILE *out, int same_line, int depth, int blank)
{
	if (same_line) {
		fputc(' ', out);
		return;
	}
	fputs(blank ? "\n\n" : "\n", out);
	indent(out, depth);
}

/* Writes the node from its name to its closing "};", without the line
 * ends around it: the next statement decides how it starts. */
static void put_node(FILE *out, const struct vlabel *vl, const struct mnode *n, int depth)
{
	if (n->omit && n->parent)
		fputs("/omit-if-no-ref/ ", out);
	put_labels(out, n->labels);
	fprintf(out, "%s {", n->parent ? n->pub.name : "/");
	for (const struct mprop *p = n->props; p; p = p->next_all) {
		if (p->deleted || p->generated)
			continue;
		next_statement(out, opens_directive(p->labels, p->pub.name), depth + 1, 0);
		put_labels(out, p->labels);
		fputs(p->pub.name, out);
		put_value(out, vl, p);
		fputc(';', out);
	}
	for (const struct mnode *c = n->kids; c; c = c->next_all) {
		if (c->deleted)
			continue;
		next_statement(out, !c->omit && opens_directive(c->labels, c->pub.name), depth + 1,
			       1);
		put_node(out, vl, c, depth + 1);
	}
	fputc('\n', out);
	indent(out, depth);
	fputs("};", out);
}

void model_print_dts(const struct model *m, FILE *out)
{
	fputs("/dts-v1/;\n", out);
	if (m->tree.plugin)
		fputs("/plugin/;\n", out);
	for (size_t i = 0; i < m->tree.nmemreserves; i++)
		fprintf(out, "/memreserve/ 0x%llx 0x%llx;\n",
			(unsigned long long)m->tree.memreserves[i].address,
			(unsigned long long)m->tree.memreserves[i].size);
	fputc('\n', out);
	if (m->tree.root) {
		put_node(out, model_vlabels(m), (const struct mnode *)m->tree.root, 0);
		fputc('\n', out);
	}
}
