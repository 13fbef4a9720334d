#!/bin/sh
# Installs the Debian packages dtidy needs, when some are missing.
# As root: apt-get update, then apt-get install. Otherwise: print the exact
# command and fail.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "dtidy needs these packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq$missing >/dev/null || {
	echo "apt-get install failed for:$missing" >&2
	exit 1
}
