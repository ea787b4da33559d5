/* Receipts: proof that one signed entry is in the record (SPEC.md,
 * "Receipts"): the entry's leaf index and hash, an RFC 9162 inclusion proof
 * and a checkpoint of the same tree size signed by the Secretariat. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/record_internal.h"

wv_status wv_receipt_build(const uint8_t *entry, size_t len, uint64_t index, uint64_t tree_size,
                           const uint8_t *proof, size_t proof_len, const char *checkpoint,
                           size_t checkpoint_len, uint8_t **out, size_t *out_len, wv_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (proof_len > WV_MERKLE_MAX_PROOF || index >= tree_size)
        return wv_error_set(err, WV_ERR_ARG, "receipt: leaf %" PRIu64 " of %" PRIu64
                            " with %zu proof hashes", index, tree_size, proof_len);
    wv_entry e;
    wv_status st = wv_entry_decode(entry, len, &e, err);
    if (st != WV_OK) {
        wv_entry_free(&e);
        return st;
    }
    char *cp = strndup(checkpoint, checkpoint_len);
    if (cp == NULL) {
        wv_entry_free(&e);
        return wv_error_set(err, WV_ERR_NOMEM, "receipt: out of memory");
    }
    uint8_t leaf[WV_HASH_BYTES];
    wv_merkle_leaf_hash(entry, len, leaf);
    ProtobufCBinaryData hashes[WV_MERKLE_MAX_PROOF];
    for (size_t i = 0; i < proof_len; i++) {
        hashes[i].data = (uint8_t *)proof + WV_HASH_BYTES * i;
        hashes[i].len = WV_HASH_BYTES;
    }
    wv_receipt_msg r = WTOVOTE__V1__RECEIPT__INIT;
    r.version = WV_WIRE_VERSION;
    r.leaf_index = index;
    r.leaf_hash.data = leaf;
    r.leaf_hash.len = WV_HASH_BYTES;
    r.tree_size = tree_size;
    r.n_inclusion_proof = proof_len;
    r.inclusion_proof = hashes;
    r.checkpoint = cp;
    r.meeting_id = (char *)e.meeting_id;
    r.member = e.act != NULL ? e.act->member : (char *)"";
    st = wv_message_encode(&r.base, out, out_len, err);
    free(cp);
    wv_entry_free(&e);
    return st;
}

/* The entry agrees with the receipt: same leaf hash, meeting and Member. */
static wv_status match_entry(const wv_receipt_msg *r, const uint8_t *entry, size_t len,
                             wv_error *err)
{
    uint8_t leaf[WV_HASH_BYTES];
    wv_merkle_leaf_hash(entry, len, leaf);
    if (memcmp(leaf, r->leaf_hash.data, WV_HASH_BYTES) != 0)
        return wv_error_set(err, WV_ERR_PROOF,
                            "receipt: the act's leaf hash SHA-256(0x00 || envelope) differs "
                            "from the receipt's: this receipt is for another act");
    wv_entry e;
    wv_status st = wv_entry_decode(entry, len, &e, err);
    if (st == WV_OK && strcmp(e.meeting_id, r->meeting_id) != 0)
        st = wv_error_set(err, WV_ERR_PROOF, "receipt: for meeting \"%s\", the act is in \"%s\"",
                          r->meeting_id, e.meeting_id);
    const char *member = e.act != NULL ? e.act->member : "";
    if (st == WV_OK && strcmp(member, r->member) != 0)
        st = wv_error_set(err, WV_ERR_PROOF, "receipt: for Member \"%s\", the act is by \"%s\"",
                          r->member, member);
    wv_entry_free(&e);
    return st;
}

static wv_status check_proof(const wv_receipt_msg *r, const wv_checkpoint *cp, wv_error *err)
{
    if (cp->size != r->tree_size)
        return wv_error_set(err, WV_ERR_PROOF,
                            "receipt: tree size %" PRIu64 " but its checkpoint is of size %" PRIu64,
                            (uint64_t)r->tree_size, cp->size);
    uint8_t proof[WV_MERKLE_MAX_PROOF * WV_HASH_BYTES];
    for (size_t i = 0; i < r->n_inclusion_proof; i++)
        memcpy(proof + WV_HASH_BYTES * i, r->inclusion_proof[i].data, WV_HASH_BYTES);
    wv_status st = wv_merkle_inclusion_verify(r->leaf_hash.data, r->leaf_index, r->tree_size,
                                              proof, r->n_inclusion_proof, cp->root, err);
    if (st != WV_OK)
        wv_error_prefix(err, "receipt: inclusion proof of leaf %" PRIu64 " in the tree of size %"
                        PRIu64, (uint64_t)r->leaf_index, (uint64_t)r->tree_size);
    return st;
}

wv_status wv_receipt_verify(const uint8_t *receipt, size_t receipt_len, const uint8_t *entry,
                            size_t entry_len, const wv_public_key *secretariat,
                            wv_receipt_info *info, wv_error *err)
{
    wv_receipt_msg *r = NULL;
    wv_status st = wv_receipt_msg_decode(receipt, receipt_len, &r, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "receipt");
        return st;
    }
    wv_checkpoint cp;
    st = wv_checkpoint_open(r->checkpoint, strlen(r->checkpoint), secretariat, NULL, NULL, 0,
                            &cp, err);
    if (st != WV_OK)
        wv_error_prefix(err, "receipt: checkpoint");
    const char *mid = st == WV_OK ? wv_origin_meeting_id(cp.origin) : NULL;
    if (st == WV_OK && (mid == NULL || strcmp(mid, r->meeting_id) != 0))
        st = wv_error_set(err, WV_ERR_CHECKPOINT,
                          "receipt: checkpoint origin \"%s\" is not the record of meeting \"%s\"",
                          cp.origin, r->meeting_id);
    if (st == WV_OK)
        st = check_proof(r, &cp, err);
    if (st == WV_OK && entry != NULL)
        st = match_entry(r, entry, entry_len, err);
    if (st == WV_OK && info != NULL) {
        memset(info, 0, sizeof *info);
        info->leaf_index = r->leaf_index;
        info->tree_size = r->tree_size;
        memcpy(info->leaf_hash, r->leaf_hash.data, WV_HASH_BYTES);
        snprintf(info->meeting_id, sizeof info->meeting_id, "%s", r->meeting_id);
        snprintf(info->member, sizeof info->member, "%s", r->member);
        info->checkpoint = cp;
    }
    wv_message_free(r);
    return st;
}
