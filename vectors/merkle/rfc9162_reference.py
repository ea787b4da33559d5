#!/usr/bin/env python3
"""Independent check of vectors/merkle/kat.txt: a direct transcription of the
recursive definitions in RFC 9162 section 2.1 (MTH, PATH, SUBPROOF), sharing
no code with the C engine. Usage: python3 rfc9162_reference.py [kat.txt]"""
import base64
import hashlib
import sys


def sha256(b):
    return hashlib.sha256(b).digest()


def split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(d):
    if not d:
        return sha256(b"")
    if len(d) == 1:
        return d[0]
    k = split(len(d))
    return sha256(b"\x01" + mth(d[:k]) + mth(d[k:]))


def path(m, d):
    if len(d) <= 1:
        return []
    k = split(len(d))
    if m < k:
        return path(m, d[:k]) + [mth(d[k:])]
    return path(m - k, d[k:]) + [mth(d[:k])]


def subproof(m, d, b):
    if m == len(d):
        return [] if b else [mth(d)]
    k = split(len(d))
    if m <= k:
        return subproof(m, d[:k], b) + [mth(d[k:])]
    return subproof(m - k, d[k:], False) + [mth(d[:k])]


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "kat.txt"
    leaves = [sha256(b"\x00" + b"wtovote-kat-leaf-%d" % i) for i in range(70)]
    b64 = lambda h: base64.b64encode(h).decode()
    joined = lambda p: ",".join(map(b64, p)) or "-"
    lines = bad = 0
    for line in open(name):
        if line.startswith("#"):
            continue
        f = line.split()
        a, b = int(f[1]), f[2]
        if f[0] == "leaf":
            ok = b64(leaves[a]) == b
        elif f[0] == "root":
            ok = b64(mth(leaves[:a])) == b
        elif f[0] == "inclusion":
            ok = joined(path(a, leaves[: int(b)])) == f[3]
        else:
            ok = joined(subproof(a, leaves[: int(b)], True)) == f[3]
        lines += 1
        if not ok:
            bad += 1
            print("mismatch:", line.strip()[:80])
    print(f"{lines} vectors, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
