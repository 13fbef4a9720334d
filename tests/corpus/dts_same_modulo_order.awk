# Helper of test_format_sort_corpus.sh (not a test itself), for overlays,
# whose phandles cannot be pinned by path: are two DTBs, decompiled with
# `dtc -I dtb -O dts -s` (nodes and properties sorted), the same tree?
# Called as: awk -f THIS A.dts B.dts; exits 0 when they are. What may differ
# is what dtc derives from source order: the phandle numbers it hands out (a
# cell that differs must be A's phandle of a node where B has the same
# node's phandle) and the order of the __fixups__ entries.
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function scan(line, who,    s, name) {
	s = trim(line)
	if (s ~ / \{$/) { name = s; sub(/ \{$/, "", name); sub(/^.*: /, "", name)
		depth[who]++; stack[who, depth[who]] = name; return }
	if (s == "};") { depth[who]--; return }
	if (s ~ /^(linux,)?phandle = <0x[0-9a-f]+>;$/) {
		v = s; sub(/^.*<0x/, "", v); sub(/>;$/, "", v)
		ph[who, path(who)] = v; isph[who, v] = 1
	}
}
function path(who,    p, i) { p = ""; for (i = 2; i <= depth[who]; i++) p = p "/" stack[who, i]; return p == "" ? "/" : p }
function sortlist(s,    n, a, i, j, t, out) {
	sub(/^"/, "", s); sub(/";$/, "", s)
	gsub(/", "/, "\\0", s)
	n = split(s, a, /\\0/)
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	out = ""; for (i = 1; i <= n; i++) out = out "|" a[i]; return out
}
function same_value(a, b,    na, nb, x, y, i, ca, cb) {
	na = split(a, x, /[ <>;,]+/); nb = split(b, y, /[ <>;,]+/)
	if (na != nb) return 0
	for (i = 1; i <= na; i++) {
		if (x[i] == y[i]) continue	# (a phandle kept, or a plain number)
		ca = x[i]; cb = y[i]
		if (ca !~ /^0x/ || cb !~ /^0x/) return 0
		sub(/^0x0*/, "", ca); sub(/^0x0*/, "", cb)
		if (!((ca in pi) && pi[ca] == cb)) return 0
	}
	return 1
}
FNR == NR { A[++na] = $0; scan($0, "a"); next }
{ B[++nb] = $0; scan($0, "b") }
END {
	for (k in ph) {
		split(k, kk, SUBSEP)
		if (kk[1] != "a") continue
		if (!(("b", kk[2]) in ph)) { print "phandle of " kk[2] " missing"; exit 1 }
		va = ph["a", kk[2]]; vb = ph["b", kk[2]]; sub(/^0*/, "", va); sub(/^0*/, "", vb)
		pi[va] = vb
	}
	if (na != nb) { print "line counts differ: " na " " nb; exit 1 }
	depth["a"] = 0
	for (i = 1; i <= na; i++) {
		if (A[i] == B[i]) { scan(A[i], "c"); continue }
		la = trim(A[i]); lb = trim(B[i])
		pa = la; sub(/ = .*/, "", pa); pb = lb; sub(/ = .*/, "", pb)
		va = la; sub(/^[^=]* = /, "", va); vb = lb; sub(/^[^=]* = /, "", vb)
		if (pa == pb && index(path("c"), "/__fixups__") == 1 && sortlist(va) == sortlist(vb)) continue
		if (pa != pb || !same_value(va, vb)) { print "line " i ": " la " | " lb; exit 1 }
	}
	exit 0
}
