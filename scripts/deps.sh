#!/bin/sh
# scripts/deps.sh - makes sure the Debian packages that the build, the tests
# and the demo need are installed.  Quiet when they are.  As root it installs
# what is missing; otherwise it prints the apt-get line to run and fails.
#
#   scripts/deps.sh          check, and install as root
#   scripts/deps.sh --list   print the package list (for CI)
set -eu

# postgresql-15 provides postgresql-contrib-15 on Debian 12; it also brings
# the psql client.  openssl makes the dev cluster's certificates, procps
# gives ps/pkill to the demo and screen tests.  libhpdf-dev and
# fonts-dejavu-core print orders as PDF (core/print.c).
PACKAGES="build-essential pkg-config libncurses-dev libpq-dev libconfig-dev libcmocka-dev"
PACKAGES="$PACKAGES libunistring-dev libvterm-dev postgresql-15 openssl procps"
PACKAGES="$PACKAGES libhpdf-dev fonts-dejavu-core"
# clang and its runtime build the libFuzzer harnesses of tests/fuzz.
PACKAGES="$PACKAGES clang libclang-rt-14-dev"
# valgrind for make valgrind (the screen tests under it).
PACKAGES="$PACKAGES valgrind"

if [ "${1:-}" = --list ]; then
	echo "$PACKAGES"
	exit 0
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: this is not a Debian system; install the equivalents of: $PACKAGES" >&2
	exit 1
fi

missing=
for package in $PACKAGES; do
	case $(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true) in
	*" ok installed") ;;
	*) missing="$missing $package" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages:$missing" >&2
	echo "deps: install them with:" >&2
	echo "  sudo apt-get install --no-install-recommends$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
apt-get update -qq
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing </dev/null
