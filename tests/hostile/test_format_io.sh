#!/bin/sh
# `dtidy format -i` where writing fails: a read-only directory, a full disk
# (a 64 KiB tmpfs when mounting works, else `ulimit -f`), a file-size limit.
# Each time: a clear error naming the file, the original byte for byte as it
# was, no temporary file left behind, and the other files still formatted.
set -u
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
chmod 755 "$T"
trap 'umount "$T/disk" 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

# A file that formatting grows: one line becomes one property a line.
needs_format() {
	awk 'BEGIN { printf "/dts-v1/;\n/ {"; for (i = 0; i < '"${2:-50}"'; i++) printf " p%d=<%d>;", i, i; print " };" }' >"$1"
}
# intact NAME FILE COPY: FILE still equals COPY and no temporary file is
# left next to it.
intact() {
	if cmp -s "$2" "$3"; then
		ok "$1: the original is intact"
	else
		not_ok "$1: the original is intact" "$(head -c 200 "$2")"
	fi
	left=$(ls -A "$(dirname "$2")" | grep -c 'dtidy-')
	if [ "$left" -eq 0 ]; then
		ok "$1: no temporary file left"
	else
		not_ok "$1: no temporary file left" "$(ls -A "$(dirname "$2")")"
	fi
}
formatted() {
	if "$DTIDY" format --check "$2" >/dev/null 2>&1; then
		ok "$1: the other file was formatted"
	else
		not_ok "$1: the other file was formatted"
	fi
}

# --- read-only directory ------------------------------------------------------
mkdir ro rw
needs_format ro/board.dts
needs_format rw/other.dts
cp ro/board.dts orig.dts
chmod 755 ro rw
chmod 644 ro/board.dts rw/other.dts
chmod 555 ro
as_user=""
if [ "$(id -u)" -eq 0 ]; then
	chown -R nobody:nogroup rw 2>/dev/null
	if setpriv --reuid=nobody --regid=nogroup --clear-groups "$DTIDY" --version >/dev/null 2>&1; then
		as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	else
		as_user="none"
	fi
fi
if [ "$as_user" = none ]; then
	skip "read-only directory" "running as root, and user nobody cannot run $DTIDY (setpriv failed)"
else
	run ro -- $as_user "$DTIDY" format -i ro/board.dts rw/other.dts
	expect_rc "read-only directory" 2
	if grep -q 'ro/board\.dts.*Permission denied' "$T/out" "$T/err"; then
		ok "read-only directory: the error names the file and the reason"
	else
		not_ok "read-only directory: the error names the file and the reason" "$(cat "$T/out" "$T/err" | head -c 400)"
	fi
	intact "read-only directory" ro/board.dts orig.dts
	formatted "read-only directory" rw/other.dts
fi
chmod 755 ro

# --- full disk ------------------------------------------------------------------
mkdir disk
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k dtidy-test disk 2>/dev/null; then
	needs_format disk/board.dts 400		# ~5 KB; formatted ~7 KB
	cp disk/board.dts orig-disk.dts
	# fill the rest of the file system
	dd if=/dev/zero of=disk/filler bs=1k count=1024 2>/dev/null
	needs_format rw/other2.dts
	run full -- "$DTIDY" format -i disk/board.dts rw/other2.dts
	expect_rc "full disk" 2
	if grep -q 'disk/board\.dts.*No space left on device' "$T/out" "$T/err"; then
		ok "full disk: the error names the file and the reason"
	else
		not_ok "full disk: the error names the file and the reason" "$(cat "$T/out" "$T/err" | head -c 400)"
	fi
	intact "full disk" disk/board.dts orig-disk.dts
	formatted "full disk" rw/other2.dts
	umount disk
else
	skip "full disk on a tmpfs" "cannot mount a tmpfs here (not root, or no permission)"
fi

# --- file-size limit (ulimit -f): a full disk where mounting is not possible --
needs_format big.dts 2000		# ~30 KB, over the 8 KiB limit
cp big.dts orig-big.dts
needs_format rw/other3.dts 5
( ulimit -f 16 && exec "$DTIDY" format -i big.dts rw/other3.dts ) >"$T/out" 2>"$T/err"
rc=$?
expect_rc "file-size limit" 2
if grep -q 'big\.dts.*File too large' "$T/out" "$T/err"; then
	ok "file-size limit: the error names the file and the reason"
else
	not_ok "file-size limit: the error names the file and the reason" "$(cat "$T/out" "$T/err" | head -c 400)"
fi
intact "file-size limit" big.dts orig-big.dts
formatted "file-size limit" rw/other3.dts
finish
