/* The indent unit of a file: what its first indented line one level deep
 * uses. Shared by indent-unit-dts and indent-consistent. */
#include "style.h"

size_t style_indent_unit_line(const struct style_file *sf)
{
	for (size_t i = 0; i < sf->nlines; i++) {
		const struct style_line *l = &sf->lines[i];
		if (l->depth != 1 || l->kind == SL_BLANK || l->kind == SL_PP ||
		    l->kind == SL_COMMENT_BODY || l->indent_end == l->start)
			continue;
		return i;
	}
	return (size_t)-1;
}

int style_indent_is_tab(const struct style_file *sf, size_t line)
{
	const struct style_line *l = &sf->lines[line];
	return l->indent_end == l->start + 1 && sf->text[l->start] == '\t';
}
