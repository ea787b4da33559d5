/* RFC 9162 section 2.1: Merkle tree hashing, inclusion and consistency
 * proofs, and a streaming frontier. Written from the RFC text. */
#include <string.h>

#include <sodium.h>

#include "wtovote/merkle.h"
#include "wtovote/util.h"

#define H WV_HASH_BYTES

void wv_hash_to_base64(const uint8_t hash[H], char out[WV_HASH_BASE64_BYTES])
{
    sodium_bin2base64(out, WV_HASH_BASE64_BYTES, hash, H, sodium_base64_VARIANT_ORIGINAL);
}

wv_status wv_hash_from_base64(const char *text, size_t len, uint8_t out[H], wv_error *err)
{
    uint8_t buf[H + 3];
    /* 44 characters is the only length a padded 32-byte value can have. */
    if (len != WV_HASH_BASE64_BYTES - 1 || wv_base64_decode(text, len, buf, sizeof buf) != H)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "'%.*s' is not the base64 of a %d-byte hash",
                            (int)(len > 60 ? 60 : len), text, H);
    memcpy(out, buf, H);
    return WV_OK;
}

void wv_merkle_leaf_hash(const uint8_t *data, size_t len, uint8_t out[H])
{
    crypto_hash_sha256_state st;
    const uint8_t prefix = 0x00;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, &prefix, 1);
    crypto_hash_sha256_update(&st, data, len);
    crypto_hash_sha256_final(&st, out);
}

void wv_merkle_node_hash(const uint8_t left[H], const uint8_t right[H], uint8_t out[H])
{
    uint8_t buf[1 + 2 * H];
    buf[0] = 0x01;
    memcpy(buf + 1, left, H);
    memcpy(buf + 1 + H, right, H);
    crypto_hash_sha256(out, buf, sizeof buf);
}

void wv_merkle_empty_root(uint8_t out[H])
{
    crypto_hash_sha256(out, (const uint8_t *)"", 0);
}

/* Largest power of two strictly less than n (n >= 2). */
static uint64_t split_point(uint64_t n)
{
    return (uint64_t)1 << (63 - __builtin_clzll(n - 1));
}

static unsigned bit_len(uint64_t x)
{
    return x == 0 ? 0 : 64 - (unsigned)__builtin_clzll(x);
}

/* MTH(D[lo:hi]) by the RFC's recursive definition. */
static void range_root(const uint8_t *leaves, uint64_t lo, uint64_t hi, uint8_t out[H])
{
    uint64_t n = hi - lo;
    if (n == 0) {
        wv_merkle_empty_root(out);
    } else if (n == 1) {
        memcpy(out, leaves + lo * H, H);
    } else {
        uint8_t left[H], right[H];
        uint64_t k = split_point(n);
        range_root(leaves, lo, lo + k, left);
        range_root(leaves, lo + k, hi, right);
        wv_merkle_node_hash(left, right, out);
    }
}

void wv_merkle_root(const uint8_t *leaves, uint64_t n, uint8_t out[H])
{
    range_root(leaves, 0, n, out);
}

/* The proof length follows from the shapes of the two paths: the levels
 * where index and the last leaf are in different subtrees ("inner") plus
 * the levels above where index is a right child of a complete subtree
 * ("border"); the same counting as RFC 9162 2.1.3.2's loop. */
size_t wv_merkle_inclusion_proof_len(uint64_t index, uint64_t size)
{
    if (index >= size)
        return 0;
    unsigned inner = bit_len(index ^ (size - 1));
    return inner + (size_t)__builtin_popcountll(inner >= 64 ? 0 : index >> inner);
}

size_t wv_merkle_consistency_proof_len(uint64_t size1, uint64_t size2)
{
    if (size1 == 0 || size1 >= size2)
        return 0;
    unsigned level = (unsigned)__builtin_ctzll(size1);
    uint64_t index = (size1 - 1) >> level;
    uint64_t last = (size2 - 1) >> level;
    unsigned inner = bit_len(index ^ last);
    size_t border = (size_t)__builtin_popcountll(inner >= 64 ? 0 : index >> inner);
    /* When size1 is a power of two its root is a node of the bigger tree
     * and is not sent (RFC 9162 2.1.4.2 step 2). */
    return (index == 0 ? 0 : 1) + inner + border;
}

wv_status wv_merkle_inclusion_proof(const uint8_t *leaves, uint64_t n, uint64_t index,
                                    uint8_t *proof, size_t *proof_len, wv_error *err)
{
    if (index >= n)
        return wv_error_set(err, WV_ERR_ARG, "inclusion proof: leaf index %llu not below tree size %llu",
                            (unsigned long long)index, (unsigned long long)n);
    size_t len = wv_merkle_inclusion_proof_len(index, n), i = len;
    uint64_t lo = 0, hi = n, m = index;
    /* PATH(m, D[lo:hi]) top-down; the RFC lists hashes leaf first, so the
     * hash found at the top goes last. */
    while (hi - lo > 1) {
        uint64_t k = split_point(hi - lo);
        if (i == 0)
            return wv_error_set(err, WV_ERR_INTERNAL, "inclusion proof: length mismatch");
        i--;
        if (m < k) {
            range_root(leaves, lo + k, hi, proof + i * H);
            hi = lo + k;
        } else {
            range_root(leaves, lo, lo + k, proof + i * H);
            m -= k;
            lo += k;
        }
    }
    if (i != 0)
        return wv_error_set(err, WV_ERR_INTERNAL, "inclusion proof: length mismatch");
    *proof_len = len;
    return WV_OK;
}

size_t wv_merkle_consistency_ranges(uint64_t size1, uint64_t size2, uint64_t *lo_out,
                                    uint64_t *hi_out)
{
    if (size1 == 0 || size1 >= size2)
        return 0;
    size_t n = 0;
    uint64_t lo = 0, hi = size2, m = size1;
    int whole = 1; /* the RFC's flag b: D[lo:hi] starts the old tree */
    /* SUBPROOF(m, D[lo:hi], b) top-down: each step sends the sibling
     * subtree's root, which comes after the rest of the proof. */
    while (m != hi - lo) {
        uint64_t k = split_point(hi - lo);
        if (m <= k) {
            lo_out[n] = lo + k;
            hi_out[n++] = hi;
            hi = lo + k;
        } else {
            lo_out[n] = lo;
            hi_out[n++] = lo + k;
            m -= k;
            lo += k;
            whole = 0;
        }
    }
    if (!whole) { /* the old tree's last subtree is sent, not implied */
        lo_out[n] = lo;
        hi_out[n++] = hi;
    }
    for (size_t i = 0; i < n / 2; i++) { /* into proof order: bottom-up */
        uint64_t l = lo_out[i], h = hi_out[i];
        lo_out[i] = lo_out[n - 1 - i];
        hi_out[i] = hi_out[n - 1 - i];
        lo_out[n - 1 - i] = l;
        hi_out[n - 1 - i] = h;
    }
    return n;
}

wv_status wv_merkle_consistency_proof(const uint8_t *leaves, uint64_t n, uint64_t size1,
                                      uint8_t *proof, size_t *proof_len, wv_error *err)
{
    if (size1 == 0 || size1 > n)
        return wv_error_set(err, WV_ERR_ARG, "consistency proof: old size %llu not in 1..%llu",
                            (unsigned long long)size1, (unsigned long long)n);
    uint64_t lo[WV_MERKLE_MAX_CONSISTENCY_PROOF], hi[WV_MERKLE_MAX_CONSISTENCY_PROOF];
    size_t len = wv_merkle_consistency_ranges(size1, n, lo, hi);
    for (size_t i = 0; i < len; i++)
        range_root(leaves, lo[i], hi[i], proof + i * H);
    *proof_len = len;
    return WV_OK;
}

static wv_status root_mismatch(wv_error *err, const char *what, const uint8_t got[H])
{
    char hex[2 * H + 1];
    wv_hex(got, H, hex);
    return wv_error_set(err, WV_ERR_PROOF, "%s: computed root %s does not match", what, hex);
}

wv_status wv_merkle_inclusion_verify(const uint8_t leaf_hash[H], uint64_t index, uint64_t size,
                                     const uint8_t *proof, size_t proof_len,
                                     const uint8_t root[H], wv_error *err)
{
    if (index >= size)
        return wv_error_set(err, WV_ERR_PROOF, "inclusion proof: leaf index %llu not below tree size %llu",
                            (unsigned long long)index, (unsigned long long)size);
    size_t want = wv_merkle_inclusion_proof_len(index, size);
    if (proof_len != want)
        return wv_error_set(err, WV_ERR_PROOF,
                            "inclusion proof: %zu hashes, leaf %llu in a tree of size %llu needs %zu (proof too %s)",
                            proof_len, (unsigned long long)index, (unsigned long long)size, want,
                            proof_len > want ? "long" : "short");
    /* RFC 9162 2.1.3.2. */
    uint64_t fn = index, sn = size - 1;
    uint8_t r[H];
    memcpy(r, leaf_hash, H);
    for (size_t i = 0; i < proof_len; i++) {
        const uint8_t *p = proof + i * H;
        if (sn == 0)
            return wv_error_set(err, WV_ERR_PROOF, "inclusion proof: too long");
        if ((fn & 1) || fn == sn) {
            wv_merkle_node_hash(p, r, r);
            if (!(fn & 1))
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            wv_merkle_node_hash(r, p, r);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return wv_error_set(err, WV_ERR_PROOF, "inclusion proof: too short");
    if (sodium_memcmp(r, root, H) != 0)
        return root_mismatch(err, "inclusion proof", r);
    return WV_OK;
}

static wv_status equal_sizes(uint64_t size, size_t proof_len, const uint8_t root1[H],
                             const uint8_t root2[H], wv_error *err)
{
    if (proof_len != 0)
        return wv_error_set(err, WV_ERR_PROOF, "consistency proof: sizes are equal (%llu) but the proof is not empty",
                            (unsigned long long)size);
    if (sodium_memcmp(root1, root2, H) != 0)
        return wv_error_set(err, WV_ERR_PROOF, "consistency proof: sizes are equal (%llu) but the roots differ",
                            (unsigned long long)size);
    uint8_t empty[H];
    wv_merkle_empty_root(empty);
    if (size == 0 && sodium_memcmp(root1, empty, H) != 0)
        return wv_error_set(err, WV_ERR_PROOF, "consistency proof: root of the empty tree is not SHA-256(\"\")");
    return WV_OK;
}

wv_status wv_merkle_consistency_verify(uint64_t size1, uint64_t size2, const uint8_t *proof,
                                       size_t proof_len, const uint8_t root1[H],
                                       const uint8_t root2[H], wv_error *err)
{
    if (size1 > size2)
        return wv_error_set(err, WV_ERR_PROOF, "consistency proof: old size %llu above new size %llu",
                            (unsigned long long)size1, (unsigned long long)size2);
    if (size1 == size2)
        return equal_sizes(size1, proof_len, root1, root2, err);
    if (size1 == 0)
        return wv_error_set(err, WV_ERR_PROOF, "consistency proof: old size 0 proves nothing");
    size_t want = wv_merkle_consistency_proof_len(size1, size2);
    if (proof_len != want)
        return wv_error_set(err, WV_ERR_PROOF,
                            "consistency proof: %zu hashes, sizes %llu -> %llu need %zu (proof too %s)",
                            proof_len, (unsigned long long)size1, (unsigned long long)size2, want,
                            proof_len > want ? "long" : "short");
    /* RFC 9162 2.1.4.2: when size1 is a power of two, root1 is the first
     * element of the path. */
    const uint8_t *first = (size1 & (size1 - 1)) == 0 ? root1 : proof;
    size_t next = first == root1 ? 0 : 1;
    uint64_t fn = size1 - 1, sn = size2 - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    uint8_t fr[H], sr[H];
    memcpy(fr, first, H);
    memcpy(sr, first, H);
    for (size_t i = next; i < proof_len; i++) {
        const uint8_t *c = proof + i * H;
        if (sn == 0)
            return wv_error_set(err, WV_ERR_PROOF, "consistency proof: too long");
        if ((fn & 1) || fn == sn) {
            wv_merkle_node_hash(c, fr, fr);
            wv_merkle_node_hash(c, sr, sr);
            if (!(fn & 1))
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            wv_merkle_node_hash(sr, c, sr);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0)
        return wv_error_set(err, WV_ERR_PROOF, "consistency proof: too short");
    if (sodium_memcmp(fr, root1, H) != 0)
        return root_mismatch(err, "consistency proof (old root)", fr);
    if (sodium_memcmp(sr, root2, H) != 0)
        return root_mismatch(err, "consistency proof (new root)", sr);
    return WV_OK;
}

void wv_merkle_frontier_init(wv_merkle_frontier *f)
{
    memset(f, 0, sizeof *f);
}

wv_status wv_merkle_frontier_push(wv_merkle_frontier *f, const uint8_t leaf_hash[H],
                                  wv_error *err)
{
    if (f->size == UINT64_MAX)
        return wv_error_set(err, WV_ERR_ARG, "Merkle frontier: tree is full");
    uint8_t h[H];
    memcpy(h, leaf_hash, H);
    unsigned level = 0;
    /* Each trailing 1 bit of size is a complete subtree that the new leaf
     * completes into one twice as large. */
    for (uint64_t s = f->size; s & 1; s >>= 1, level++)
        wv_merkle_node_hash(f->nodes[level], h, h);
    memcpy(f->nodes[level], h, H);
    f->size++;
    return WV_OK;
}

void wv_merkle_frontier_root(const wv_merkle_frontier *f, uint8_t out[H])
{
    if (f->size == 0) {
        wv_merkle_empty_root(out);
        return;
    }
    unsigned level = (unsigned)__builtin_ctzll(f->size);
    uint8_t h[H];
    memcpy(h, f->nodes[level], H);
    /* Fold right to left: smaller subtrees are to the right. */
    for (level++; level < 64; level++)
        if ((f->size >> level) & 1)
            wv_merkle_node_hash(f->nodes[level], h, h);
    memcpy(out, h, H);
}
