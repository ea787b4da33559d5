#!/usr/bin/env bash
# Installs the Debian packages wtovote needs, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command and stops.
# Usage: scripts/install-deps.sh [build|test|demo]
set -euo pipefail
what=${1:-build}
pkgs=(cmake make gcc pkg-config libsodium-dev libprotobuf-c-dev protobuf-c-compiler libjansson-dev)
case "$what" in
  test) pkgs+=(libcmocka-dev minisign chromium clang libclang-rt-14-dev valgrind python3) ;;
  demo) ;;
esac
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
