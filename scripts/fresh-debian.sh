#!/usr/bin/env bash
# Runs the README's two commands, `make demo` then `make test`, in a brand-new
# Debian bookworm root that holds only git, make and ca-certificates (the
# minbase variant), on a clean clone of this checkout's HEAD, and says which
# step failed. Uncommitted changes are not part of the run.
#
# Usage (as root): scripts/fresh-debian.sh [--keep] [DIR]
#   DIR     where to build the root (default: a new /var/tmp/wtovote-fresh.*);
#           it must be empty or absent
#   --keep  keep the root after a passing run (a failing run always keeps it)
# Environment: MIRROR (default http://deb.debian.org/debian) and
# SECURITY_MIRROR (default http://deb.debian.org/debian-security).
#
# The root is entered with chroot inside new mount and PID namespaces: /proc,
# /sys, /dev, /dev/pts and /dev/shm are mounted there and vanish with the
# namespaces, as does any process left behind. The browser test needs /proc:
# Debian's chromium wrapper reads /proc/cpuinfo and, without it, refuses to
# start ("lacks support for the sse3 instruction set"). The output of every step goes
# to the terminal and to DIR.log. Exit 0 when both commands pass, 1 when a
# step fails, 2 on usage.
set -euo pipefail

keep=0
if [ "${1:-}" = --keep ]; then keep=1; shift; fi
[ $# -le 1 ] || { sed -n '7,12p' "$0" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: run as root (it builds a chroot)" >&2; exit 2; }

here=$(cd "$(dirname "$0")/.." && pwd)
mirror=${MIRROR:-http://deb.debian.org/debian}
security=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
root=${1:-$(mktemp -d /var/tmp/wtovote-fresh.XXXXXX)}
root=$(mkdir -p "$root" && cd "$root" && pwd)
log=$root.log
: >"$log"

step()
{
    echo "==> fresh-debian: $1" | tee -a "$log"
}

failed()
{
    echo "fresh-debian: FAILED at step '$1' (exit $2); the root is kept in $root, the output in $log" >&2
    exit 1
}

# Runs a command inside the root as root, in a login-like clean environment
# (plus NODE_EXTRA_CA_CERTS when the host sets it, for the same reason as the
# certificate authorities below).
in_root()
{
    unshare --mount --pid --fork --propagation private bash -euc '
        r=$1; shift
        mount -t proc proc "$r/proc"
        mount -t sysfs sysfs "$r/sys"
        mount --bind /dev "$r/dev"
        mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts"
        mount -t tmpfs -o mode=1777 shm "$r/dev/shm"
        exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS} "$@"
    ' in_root "$root" "$@"
}

run_step()
{
    local name=$1 rc=0
    shift
    step "$name"
    "$@" 2>&1 | tee -a "$log" || rc=${PIPESTATUS[0]}
    [ "$rc" -eq 0 ] || failed "$name" "$rc"
}

[ -z "$(ls -A "$root")" ] || { echo "fresh-debian: $root is not empty" >&2; exit 2; }
head=$(git -C "$here" rev-parse HEAD)
if [ -n "$(git -C "$here" status --porcelain)" ]; then
    echo "fresh-debian: note: uncommitted changes in $here are not tested (HEAD is $head)" | tee -a "$log"
fi

run_step "host packages (mmdebstrap, git)" "$here/scripts/install-deps.sh" fresh
run_step "create a Debian bookworm root (minbase + git, make, ca-certificates) in $root" \
    mmdebstrap --variant=minbase --include=git,make,ca-certificates bookworm "$root" \
    "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
    "deb $security bookworm-security main"
# The root resolves names as the host does (apt-get inside it needs the mirror).
rm -f "$root/etc/resolv.conf"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# It also trusts the certificate authorities the host's own network adds (a
# machine whose egress goes through a TLS proxy installs the proxy's CA there;
# npm, fetching the browser tests' packages, needs it). These belong to the
# machine, not to the project: nothing of wtovote's is copied.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    run_step "the host's local certificate authorities" in_root update-ca-certificates
fi

run_step "clean clone of $head into /src/wtovote" \
    bash -euc 'git clone --quiet --no-hardlinks "$1" "$2" && git -C "$2" checkout --quiet --detach "$3"' \
    clone "$here" "$root/src/wtovote" "$head"
# Tests read public data from shared/ beside the checkout, as CI lays it out.
if [ -d "$here/../shared" ]; then
    cp -r "$here/../shared" "$root/src/shared"
fi

run_step "make demo" in_root bash -c 'cd /src/wtovote && make demo'
run_step "make test" in_root bash -c 'cd /src/wtovote && make test'

echo "fresh-debian: make demo and make test both pass in a fresh Debian bookworm root" | tee -a "$log"
if [ "$keep" -eq 0 ]; then
    # The namespaces are gone, so nothing is mounted under the root any more.
    if findmnt -rn -o TARGET | grep -q "^$root/"; then
        echo "fresh-debian: something is still mounted under $root; not removing it" >&2
        exit 1
    fi
    rm -rf "$root"
fi
