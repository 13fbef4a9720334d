#!/bin/sh
# Per-command help and the installed tool: `make install` into a temporary
# DESTDIR, then the installed binary, man page and completions as a user's
# shell and man find them. Needs DTIDY and BUILD (tests/run-all.sh).
set -u
TEST_NAME=install
. "$(dirname "$0")/../testlib.sh"
top=$(pwd)

# --- help ------------------------------------------------------------------
"$DTIDY" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q '^usage: dtidy <command>' "$T/err" &&
	ok "dtidy with no command: usage on stderr, exit 2" ||
	not_ok "dtidy with no command: usage on stderr, exit 2"
for cmd in check format lsp rules tree help; do
	"$DTIDY" "$cmd" --help >"$T/help" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && grep -q "^usage: dtidy $cmd " "$T/help" && grep -q -- '--help' "$T/help"; then
		ok "dtidy $cmd --help"
	else
		not_ok "dtidy $cmd --help" "exit $rc: $(head -c 200 "$T/help")"
	fi
	"$DTIDY" help "$cmd" | cmp -s - "$T/help" && ok "dtidy help $cmd is the same text" ||
		not_ok "dtidy help $cmd is the same text"
done
# each command lists its own options, not the others'
"$DTIDY" format --help | grep -q -- '^  --line-width' && ! "$DTIDY" format --help | grep -q -- '^  --werror' &&
	"$DTIDY" check --help | grep -q -- '^  --werror' && ! "$DTIDY" check --help | grep -q -- '^  --line-width' &&
	ok "check and format list their own options" || not_ok "check and format list their own options"
"$DTIDY" check --line-width=80 x.dts >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "check: unknown option '--line-width=80' (see dtidy check --help)" "$T/err" &&
	ok "an option of another command: usage error naming the command" ||
	not_ok "an option of another command: usage error naming the command" "$(cat "$T/err")"

# --- make install ------------------------------------------------------------
D=$T/dest
if make -s -C "$top" BUILD="$BUILD" DESTDIR="$D" PREFIX=/usr install >"$T/log" 2>&1; then
	ok "make install DESTDIR PREFIX=/usr"
else
	not_ok "make install DESTDIR PREFIX=/usr" "$(tail -5 "$T/log")"
fi
for f in bin/dtidy share/man/man1/dtidy.1 share/bash-completion/completions/dtidy \
	share/zsh/site-functions/_dtidy share/fish/vendor_completions.d/dtidy.fish; do
	[ -f "$D/usr/$f" ] && ok "installed usr/$f" || not_ok "installed usr/$f"
done
inst=$D/usr/bin/dtidy
"$inst" --version | grep -q '^dtidy [0-9]' && ok "the installed binary runs" ||
	not_ok "the installed binary runs"
printf '/dts-v1/;\n\n/ {\n\tcompatible = "acme,board";\n};\n' >"$T/b.dts"
"$inst" check --color=never "$T/b.dts" >"$T/out" 2>&1
[ $? -eq 0 ] && ok "the installed binary checks a file" ||
	not_ok "the installed binary checks a file" "$(head -c 300 "$T/out")"

# man -l renders the page, one section per command, each with its options
if command -v man >/dev/null 2>&1; then
	MANWIDTH=100 man -l "$D/usr/share/man/man1/dtidy.1" 2>"$T/manerr" | col -b >"$T/man"
	if [ -s "$T/man" ] && [ ! -s "$T/manerr" ]; then
		ok "man -l renders dtidy.1 without warnings"
	else
		not_ok "man -l renders dtidy.1 without warnings" "$(head -c 300 "$T/manerr")"
	fi
	miss=""
	for cmd in check format lsp rules tree help; do
		grep -q "^   dtidy $cmd " "$T/man" || miss="$miss $cmd"
	done
	for o in --werror --line-width --stdin-filename -MD --completion; do
		grep -q -- "^       $o" "$T/man" || miss="$miss $o"
	done
	[ -z "$miss" ] && ok "the man page has every command and its options" ||
		not_ok "the man page has every command and its options" "missing:$miss"
	MANPATH="$D/usr/share/man" man -w dtidy 2>/dev/null | grep -q "$D/usr/share/man/man1/dtidy.1" &&
		ok "man finds dtidy(1) under PREFIX/share/man" || not_ok "man finds dtidy(1) under PREFIX/share/man"
else
	skip "man page" "man is not installed"
fi

# bash: the completion function answers commands, options and their values
comp=$D/usr/share/bash-completion/completions/dtidy
bash_complete() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dtidy; [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
		sh "$comp" "$@" | sort | tr '\n' ' '
}
[ "$(bash_complete dtidy fo)" = "format " ] && ok "bash: command names" ||
	not_ok "bash: command names" "$(bash_complete dtidy fo)"
[ "$(bash_complete dtidy check --wer)" = "--werror " ] && ok "bash: a command's options" ||
	not_ok "bash: a command's options" "$(bash_complete dtidy check --wer)"
[ -z "$(bash_complete dtidy check --line-w)" ] && ok "bash: not another command's options" ||
	not_ok "bash: not another command's options"
[ "$(bash_complete dtidy check --format = s)" = "sarif " ] && ok "bash: an option's values" ||
	not_ok "bash: an option's values" "$(bash_complete dtidy check --format = s)"
bash_complete dtidy check --enable hv-ab | grep -q '^hv-abi-version $' &&
	ok "bash: rule ids after --enable" || not_ok "bash: rule ids after --enable"

# zsh and fish: the scripts load; fish answers as bash does
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$D/usr/share/zsh/site-functions/_dtidy" && ok "zsh: _dtidy parses" ||
		not_ok "zsh: _dtidy parses"
else
	skip "zsh completion" "zsh is not installed"
fi
if command -v fish >/dev/null 2>&1; then
	f=$D/usr/share/fish/vendor_completions.d/dtidy.fish
	out=$(fish -c "source $f; complete -C'dtidy check --wer'; complete -C'dtidy check --format='" 2>&1 |
		cut -f1 | tr '\n' ' ')
	[ "$out" = "--werror --format=json --format=sarif --format=text " ] &&
		ok "fish: options and values" || not_ok "fish: options and values" "$out"
else
	skip "fish completion" "fish is not installed"
fi

# --- make uninstall ------------------------------------------------------------
make -s -C "$top" BUILD="$BUILD" DESTDIR="$D" PREFIX=/usr uninstall >"$T/log" 2>&1
left=$(find "$D" -type f | head -3)
[ -z "$left" ] && ok "make uninstall removes every installed file" ||
	not_ok "make uninstall removes every installed file" "$left"
finish
