/* Receipts: proof that one signed entry is in the record (SPEC.md,
 * "Receipts"): the entry's leaf index and hash, an RFC 9162 inclusion proof
 * and a checkpoint of the same tree size signed by the Secretariat. */
#include <errno.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/record_internal.h"
#include "wtovote/util.h"

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

/* ------------------------------------------------- a receipt made again */

typedef struct collect {
    uint64_t want;          /* the entry asked for */
    uint8_t *leaves;        /* leaf hashes of every entry, in order */
    uint64_t n, cap;
    uint8_t *entry;         /* a copy of entry `want` */
    size_t entry_len;
    int nomem;
} collect;

static int collect_leaf(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                        const wv_envelope *env, const wv_act *act, const wv_chair_event *chair,
                        const wv_meeting *meeting)
{
    (void)env; (void)act; (void)chair; (void)meeting;
    collect *c = ctx;
    if (c->n == c->cap) {
        uint64_t cap = c->cap ? 2 * c->cap : 1024;
        uint8_t *nl = cap <= SIZE_MAX / WV_HASH_BYTES
                          ? realloc(c->leaves, (size_t)cap * WV_HASH_BYTES) : NULL;
        if (nl == NULL)
            return c->nomem = 1;
        c->leaves = nl;
        c->cap = cap;
    }
    wv_merkle_leaf_hash(entry, len, c->leaves + WV_HASH_BYTES * c->n++);
    if (index == c->want) {
        c->entry = malloc(len);
        if (c->entry == NULL)
            return c->nomem = 1;
        memcpy(c->entry, entry, len);
        c->entry_len = len;
    }
    return 0;
}

/* The record's current checkpoint, its signature checked again. */
static wv_status current_checkpoint(const wv_record *rec, wv_checkpoint *cp, wv_error *err)
{
    wv_public_key sec;
    size_t len;
    const char *text = wv_record_checkpoint(rec, &len);
    if (wv_roster_secretariat(wv_record_roster(rec), &sec) != 0)
        return wv_error_set(err, WV_ERR_UNSIGNED, "%s: the roster is not signed",
                            wv_record_dir(rec));
    wv_status st = wv_checkpoint_open(text, len, &sec, NULL, NULL, 0, cp, err);
    if (st != WV_OK)
        wv_error_prefix(err, "%s: checkpoint", wv_record_dir(rec));
    return st;
}

static wv_status receipt_from(const wv_record *rec, const collect *c, uint8_t **out,
                              size_t *out_len, wv_error *err)
{
    wv_checkpoint cp;
    wv_status st = current_checkpoint(rec, &cp, err);
    if (st != WV_OK)
        return st;
    if (c->want >= c->n)
        return wv_error_set(err, WV_ERR_ARG, "%s: no entry %" PRIu64 ": the log holds %" PRIu64,
                            wv_record_dir(rec), c->want, c->n);
    if (c->want >= cp.size)
        return wv_error_set(err, WV_ERR_ARG, "%s: entry %" PRIu64 " is not yet covered by the "
                            "signed checkpoint (%" PRIu64 " entries); opening the record with "
                            "the Secretariat key re-signs it", wv_record_dir(rec), c->want,
                            cp.size);
    uint8_t proof[WV_MERKLE_MAX_PROOF * WV_HASH_BYTES];
    size_t n = 0;
    st = wv_merkle_inclusion_proof(c->leaves, cp.size, c->want, proof, &n, err);
    size_t cp_len;
    const char *cp_text = wv_record_checkpoint(rec, &cp_len);
    if (st == WV_OK)
        st = wv_receipt_build(c->entry, c->entry_len, c->want, cp.size, proof, n, cp_text,
                              cp_len, out, out_len, err);
    return st;
}

wv_status wv_record_receipt_make(const char *dir, uint64_t index, uint8_t **out, size_t *out_len,
                                 uint8_t **entry, size_t *entry_len, wv_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (entry != NULL)
        *entry = NULL;
    collect c = {.want = index};
    wv_record *rec = NULL;
    wv_status st = wv_record_load(dir, collect_leaf, &c, &rec, err);
    if (c.nomem)
        st = wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory", dir);
    if (st == WV_OK)
        st = receipt_from(rec, &c, out, out_len, err);
    wv_record_close(rec);
    free(c.leaves);
    if (st == WV_OK && entry != NULL) {
        *entry = c.entry;
        *entry_len = c.entry_len;
    } else {
        free(c.entry);
    }
    return st;
}

wv_status wv_record_receipt_write(const char *dir, uint64_t index, const char *member,
                                  const uint8_t *receipt, size_t len, const uint8_t *entry,
                                  size_t entry_len, int flags, char *path, size_t path_size,
                                  wv_error *err)
{
    char rpath[700], apath[700], sub[600];
    int n = snprintf(rpath, sizeof rpath, "%s/receipts/%06" PRIu64 "-%s.receipt", dir, index,
                     member);
    snprintf(apath, sizeof apath, "%s/receipts/%06" PRIu64 "-%s.act", dir, index, member);
    snprintf(sub, sizeof sub, "%s/receipts", dir);
    if (n < 0 || (size_t)n >= sizeof rpath || strlen(dir) + 16 >= sizeof sub)
        return wv_error_set(err, WV_ERR_ARG, "%s: path too long", dir);
    if (mkdir(sub, 0755) != 0 && errno != EEXIST)
        return wv_error_set(err, WV_ERR_IO, "%s: %s", sub, strerror(errno));
    int how = WV_WRITE_REPLACE | (flags & WV_WRITE_DEFER_SYNC);
    wv_status st = wv_file_write_atomic(rpath, receipt, len, 0644, how, err);
    if (st == WV_OK && entry != NULL)
        st = wv_file_write_atomic(apath, entry, entry_len, 0644, how, err);
    if (st == WV_OK && path != NULL)
        snprintf(path, path_size, "%s", rpath);
    return st;
}
