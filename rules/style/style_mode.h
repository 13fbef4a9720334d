/* The kernel checker's modes (dt-check-style --mode=relaxed|strict|stricter,
 * 7.4 cycle): each style rule belongs to the lowest mode that runs it.
 * Enabling the style family turns on the rules of the configured mode
 * (`style: {mode: ...}` in .dtidy.yaml, --style-mode=; default strict);
 * a rule named by its id is on whatever the mode. */
#ifndef DTIDY_STYLE_MODE_H
#define DTIDY_STYLE_MODE_H

/* 0 stands for "not set", so zeroed option structs mean the default. */
enum style_mode {
	STYLE_MODE_UNSET = 0,
	STYLE_RELAXED = 1,
	STYLE_STRICT = 2,
	STYLE_STRICTER = 3,
};
#define STYLE_MODE_DEFAULT STYLE_STRICT

/* "relaxed", "strict" or "stricter" -> the mode; STYLE_MODE_UNSET otherwise. */
enum style_mode style_mode_parse(const char *s);
const char *style_mode_name(enum style_mode m);
/* The lowest mode that runs rule `id` of the style family: the checker's
 * for its rules, stricter for dtidy's own (label-style, override-order,
 * status-okay) and for rules it does not know (plugins). */
enum style_mode style_rule_mode(const char *id);

#endif
