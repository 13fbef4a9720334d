# Helper of test_format_sort_corpus.sh (not a test itself): from a DTB
# decompiled with `dtc -I dtb -O dts`, an override per node that has a
# phandle, pinning it: `&{/path} { phandle = <N>; };`. Appended to two
# sources that differ only in order, it makes dtc give both the same
# phandle numbers (which it otherwise hands out in source order).
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function path(    p, i) { p = ""; for (i = 2; i <= depth; i++) p = p "/" stack[i]; return p == "" ? "/" : p }
{
	s = trim($0)
	if (s ~ / \{$/) { name = s; sub(/ \{$/, "", name); sub(/^.*: /, "", name)
		stack[++depth] = name; next }
	if (s == "};") { depth--; next }
	if (s ~ /^phandle = <0x[0-9a-f]+>;$/)
		print "&{" path() "} { " s " };"
}
