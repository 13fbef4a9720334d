#!/bin/sh
# dtc-oracle.sh: prints the path of a dtc 1.8.1 binary, built once from
# ../shared/oracles/dtc-1.8.1.tar.gz (the dtc line the kernel bundles;
# Debian 12's dtc is 1.6.1, whose checks differ) into build/oracles/.
# The build is kept while the tarball and this script are unchanged; it is
# made in a scratch directory and moved into place whole, so an interrupted
# build is never used. Needs cc, make, flex and bison (make deps).
# Usage: DTC=$(sh tests/dtc-oracle.sh) || exit 1
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
tarball=$shared/oracles/dtc-1.8.1.tar.gz
dest=$root/build/oracles/dtc-1.8.1
if [ ! -f "$tarball" ]; then
	echo "dtc-oracle: no $tarball" >&2
	exit 1
fi
stamp=$(cat "$tarball" "$0" | cksum)
if [ -x "$dest/dtc" ] && [ "$(cat "$dest/stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$dest/dtc"
	exit 0
fi
for tool in make flex bison; do
	command -v $tool >/dev/null || { echo "dtc-oracle: $tool is missing (make deps)" >&2; exit 1; }
done
mkdir -p "$root/build/oracles" || exit 1
scratch=$(mktemp -d "$root/build/oracles/.dtc-build.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
tar xzf "$tarball" -C "$scratch" || exit 1
# Only the dtc program: no Python or YAML bindings, and dtc's own warning
# flags (its Makefile's) rather than ours.
if ! make -s -C "$scratch/dtc-1.8.1" NO_PYTHON=1 NO_YAML=1 dtc >"$scratch/log" 2>&1; then
	echo "dtc-oracle: building dtc 1.8.1 failed:" >&2
	tail -20 "$scratch/log" >&2
	exit 1
fi
"$scratch/dtc-1.8.1/dtc" --version | grep -q 'DTC 1\.8\.1' || {
	echo "dtc-oracle: the built dtc is not 1.8.1" >&2
	exit 1
}
mkdir "$scratch/out" && mv "$scratch/dtc-1.8.1/dtc" "$scratch/out/dtc" || exit 1
echo "$stamp" >"$scratch/out/stamp"
rm -rf "$dest"
mv "$scratch/out" "$dest" || exit 1
echo "$dest/dtc"
