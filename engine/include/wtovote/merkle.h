/* engine/record merkle: RFC 9162 section 2.1 Merkle trees over SHA-256.
 *
 *   leaf hash  = SHA-256(0x00 || entry bytes)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH({})    = SHA-256("")
 *   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two < n
 *
 * Hash arrays are contiguous: n hashes take n * WV_HASH_BYTES bytes.
 * Verification returns WV_OK or WV_ERR_PROOF with the reason in err. */
#ifndef WTOVOTE_MERKLE_H
#define WTOVOTE_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WV_HASH_BYTES 32
/* An inclusion proof in a tree of at most 2^64 - 1 leaves has at most 64
 * hashes; a consistency proof one more (size1 = 3, size2 = 2^64 - 1: 65). */
#define WV_MERKLE_MAX_PROOF 64
#define WV_MERKLE_MAX_CONSISTENCY_PROOF 65

/* Standard padded base64 of a hash (RFC 4648 section 4), as used in
 * checkpoints, receipts and the proof commands: 44 characters + NUL. */
#define WV_HASH_BASE64_BYTES 45
WV_EXPORT void wv_hash_to_base64(const uint8_t hash[WV_HASH_BYTES], char out[WV_HASH_BASE64_BYTES]);
/* Strict: padded standard alphabet, no whitespace, exactly 32 bytes.
 * WV_ERR_BAD_VALUE otherwise. */
WV_EXPORT wv_status wv_hash_from_base64(const char *text, size_t len, uint8_t out[WV_HASH_BYTES],
                                        wv_error *err) WV_WARN_UNUSED;

WV_EXPORT void wv_merkle_leaf_hash(const uint8_t *data, size_t len, uint8_t out[WV_HASH_BYTES]);
WV_EXPORT void wv_merkle_node_hash(const uint8_t left[WV_HASH_BYTES],
                                   const uint8_t right[WV_HASH_BYTES],
                                   uint8_t out[WV_HASH_BYTES]);
/* SHA-256 of the empty string: the root of the tree of size 0. */
WV_EXPORT void wv_merkle_empty_root(uint8_t out[WV_HASH_BYTES]);

/* Root of the tree whose leaf hashes are leaves[0 .. n-1]. */
WV_EXPORT void wv_merkle_root(const uint8_t *leaves, uint64_t n, uint8_t out[WV_HASH_BYTES]);

/* Number of hashes in the inclusion proof of index in a tree of size
 * (0 when index >= size), and in the consistency proof size1 -> size2
 * (0 when size1 == 0 or size1 >= size2). */
WV_EXPORT size_t wv_merkle_inclusion_proof_len(uint64_t index, uint64_t size);
WV_EXPORT size_t wv_merkle_consistency_proof_len(uint64_t size1, uint64_t size2);

/* RFC 9162 2.1.3.1 PATH(index, D[n]). proof receives up to
 * WV_MERKLE_MAX_PROOF hashes (leaf to root); *proof_len their number.
 * WV_ERR_ARG when index >= n. */
WV_EXPORT wv_status wv_merkle_inclusion_proof(const uint8_t *leaves, uint64_t n, uint64_t index,
                                              uint8_t *proof, size_t *proof_len,
                                              wv_error *err) WV_WARN_UNUSED;
/* RFC 9162 2.1.4.1 PROOF(size1, D[n]) for 0 < size1 <= n (empty when
 * size1 == n); proof receives up to WV_MERKLE_MAX_CONSISTENCY_PROOF hashes.
 * WV_ERR_ARG when size1 == 0 or size1 > n. */
WV_EXPORT wv_status wv_merkle_consistency_proof(const uint8_t *leaves, uint64_t n, uint64_t size1,
                                                uint8_t *proof, size_t *proof_len,
                                                wv_error *err) WV_WARN_UNUSED;

/* The leaf ranges [lo[i], hi[i]) whose roots MTH(D[lo:hi]) are the hashes of
 * PROOF(size1, D[size2]), in proof order (arrays of
 * WV_MERKLE_MAX_CONSISTENCY_PROOF); returns their number, 0 when size1 == 0
 * or size1 >= size2. For a verifier that hashes each range as the leaves
 * stream by instead of holding them. */
WV_EXPORT size_t wv_merkle_consistency_ranges(uint64_t size1, uint64_t size2, uint64_t *lo,
                                              uint64_t *hi);

/* RFC 9162 2.1.3.2. Fails for index >= size, a proof of the wrong length,
 * or a computed root different from root. */
WV_EXPORT wv_status wv_merkle_inclusion_verify(const uint8_t leaf_hash[WV_HASH_BYTES],
                                               uint64_t index,
                                               uint64_t size, const uint8_t *proof,
                                               size_t proof_len,
                                               const uint8_t root[WV_HASH_BYTES],
                                               wv_error *err) WV_WARN_UNUSED;
/* RFC 9162 2.1.4.2. size1 == size2 needs an empty proof and equal roots
 * (and for size 0 the empty-tree root); size1 > size2 fails; size1 == 0 <
 * size2 fails (nothing can be proved about the empty tree). */
WV_EXPORT wv_status wv_merkle_consistency_verify(uint64_t size1, uint64_t size2,
                                                 const uint8_t *proof,
                                                 size_t proof_len,
                                                 const uint8_t root1[WV_HASH_BYTES],
                                                 const uint8_t root2[WV_HASH_BYTES],
                                                 wv_error *err) WV_WARN_UNUSED;

/* Streaming builder (a compact range over [0, size)): push leaf hashes one
 * by one in O(log n) memory and read the root at any size. nodes[level]
 * holds the root of the complete subtree of 2^level leaves for every set
 * bit of size. A plain struct: copy it to fork a tree. */
typedef struct wv_merkle_frontier {
    uint64_t size;
    uint8_t nodes[64][WV_HASH_BYTES];
} wv_merkle_frontier;

WV_EXPORT void wv_merkle_frontier_init(wv_merkle_frontier *f);
/* WV_ERR_ARG when the tree already holds 2^64 - 1 leaves. */
WV_EXPORT wv_status wv_merkle_frontier_push(wv_merkle_frontier *f,
                                            const uint8_t leaf_hash[WV_HASH_BYTES],
                                            wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_merkle_frontier_root(const wv_merkle_frontier *f, uint8_t out[WV_HASH_BYTES]);

#ifdef __cplusplus
}
#endif
#endif
