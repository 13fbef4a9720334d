# shellcheck shell=sh
# Sourced by the kbuild tests and bench: builds a kernel-shaped tree from
# the shared corpus. The corpus keeps Linux's devicetree-rebasing layout
# (src/<arch>/..., include/dt-bindings); a kernel has arch/<arch>/boot/dts
# and scripts/dtc/include-prefixes/<arch> -> ../../../arch/<arch>/boot/dts.
# Files are copied, not linked: tests touch and edit them.
#
# make_kernel_tree DEST ARCH...   (no ARCH: every arch in the corpus)
make_kernel_tree() {
	_dest=$1
	shift
	_arches=$*
	[ -n "$_arches" ] || _arches=$(ls "$CORPUS/src")
	mkdir -p "$_dest/include" "$_dest/scripts/dtc/include-prefixes"
	cp -R "$CORPUS/include/dt-bindings" "$_dest/include/dt-bindings"
	ln -s ../../../include/dt-bindings "$_dest/scripts/dtc/include-prefixes/dt-bindings"
	for _a in $_arches; do
		mkdir -p "$_dest/arch/$_a/boot"
		cp -R "$CORPUS/src/$_a" "$_dest/arch/$_a/boot/dts"
		ln -s "../../../arch/$_a/boot/dts" "$_dest/scripts/dtc/include-prefixes/$_a"
	done
}
