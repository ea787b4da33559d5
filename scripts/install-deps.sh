#!/usr/bin/env bash
# Installs the Debian packages wtovote needs, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command and stops.
# Usage: scripts/install-deps.sh [build|test|demo|fresh]
#   build, demo  what `make` and `make demo` need (no test dependency)
#   test         also what `make test`, `make sanitize` and `make fuzz` need
#   fresh        what scripts/fresh-debian.sh needs on the host
# Packages are installed without their recommendations, so each set names
# everything it needs: gcc alone does not bring the C library's headers and
# start files (libc6-dev), without which CMake's compiler check fails.
set -euo pipefail
what=${1:-build}
pkgs=(cmake make gcc libc6-dev pkg-config libsodium-dev libprotobuf-c-dev protobuf-c-compiler libjansson-dev
      libmicrohttpd-dev libgnutls28-dev libcurl4-gnutls-dev)
case "$what" in
  build|demo) ;;
  test) pkgs+=(libcmocka-dev minisign chromium nodejs clang libclang-rt-14-dev valgrind python3 curl) ;;
  fresh) pkgs=(mmdebstrap git) ;;
  *) echo "usage: scripts/install-deps.sh [build|test|demo|fresh]" >&2; exit 2 ;;
esac
# The browser tests (tests/browser) need npm; a nodejs that bundles its own
# (NodeSource's) conflicts with Debian's npm package, so it is only asked for
# when no npm is on the PATH (on Debian bookworm: nodejs 18 + npm 9).
if [ "$what" = test ] && ! command -v npm >/dev/null; then
  pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "wtovote needs these Debian packages: ${missing[*]}" >&2
  echo "Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
