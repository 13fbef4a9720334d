#!/bin/sh
# dts-linter-oracle.sh FILE OUT: writes to OUT what `dts-linter --formatFixAll`
# (0.5.1, ../shared/oracles/, Zephyr's formatter) makes of FILE. Unpacked
# once into build/oracles/dts-linter; its answers are cached by content in
# build/oracles/dts-linter-cache (a run takes ~0.4 s: node and its server).
# Exits 3 when node or the tarball is missing (callers skip), 1 on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
tarball=$shared/oracles/dts-linter-0.5.1.tar.gz
dest=$root/build/oracles/dts-linter
cache=$root/build/oracles/dts-linter-cache
command -v node >/dev/null || exit 3
[ -f "$tarball" ] || exit 3
bin=$dest/node_modules/.bin/dts-linter
if [ ! -x "$bin" ]; then
	mkdir -p "$root/build/oracles" || exit 1
	scratch=$(mktemp -d "$root/build/oracles/.dts-linter.XXXXXX") || exit 1
	tar xzf "$tarball" -C "$scratch" || { rm -rf "$scratch"; exit 1; }
	rm -rf "$dest"
	mv "$scratch/dts-linter" "$dest" && rmdir "$scratch" || exit 1
fi
mkdir -p "$cache" || exit 1
# the name matters to dts-linter (.dts, .dtsi, .overlay): keep it
name=$(basename "$1")
key=$(cat "$1" | cksum | tr ' ' _)_$name
if [ ! -f "$cache/$key" ]; then
	work=$(mktemp -d) || exit 1
	cp "$1" "$work/$name" || exit 1
	"$bin" --file "$work/$name" --formatFixAll >/dev/null 2>&1
	cp "$work/$name" "$cache/$key.tmp" && mv "$cache/$key.tmp" "$cache/$key"
	rm -rf "$work"
fi
cp "$cache/$key" "$2"
