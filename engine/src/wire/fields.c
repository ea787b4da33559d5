/* Field rules shared by the wire types, and the rules of Envelope, Act and
 * Receipt (SPEC.md, "Wire format: field rules"). Each violation has its own
 * status and a message naming the field. */
#include <stdio.h>
#include <string.h>

#include "wire/wire_internal.h"
#include "wtovote/util.h"

int wv_utf8_valid(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i];
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (len - i - 1 < n)
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

void wv_quote(const char *s, char *out, size_t size)
{
    const size_t shown = 40;
    size_t o = 0, i = 0;
    for (; s[i] != '\0' && i < shown && o + 1 < size; i++)
        out[o++] = (s[i] >= 0x20 && s[i] <= 0x7E) ? s[i] : '?';
    if (s[i] != '\0' && o + 4 < size) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

wv_status wv_check_id(const char *what, const char *s, wv_error *err)
{
    size_t len = strlen(s);
    char q[48];
    if (len == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "%s: empty", what);
    if (len > WV_MAX_ID_BYTES)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "%s: %zu bytes, over the limit of %u",
                            what, len, WV_MAX_ID_BYTES);
    for (size_t i = 0; i < len; i++)
        if (s[i] < 0x21 || s[i] > 0x7E) {
            wv_quote(s, q, sizeof q);
            return wv_error_set(err, WV_ERR_BAD_VALUE,
                                "%s: '%s' has a character outside visible ASCII at byte %zu",
                                what, q, i);
        }
    return WV_OK;
}

wv_status wv_check_text(const char *what, const char *s, size_t max, wv_error *err)
{
    size_t len = strlen(s);
    if (len > max)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "%s: %zu bytes, over the limit of %zu",
                            what, len, max);
    if (!wv_utf8_valid((const uint8_t *)s, len))
        return wv_error_set(err, WV_ERR_BAD_VALUE, "%s: not valid UTF-8", what);
    return WV_OK;
}

wv_status wv_check_date_opt(const char *what, const char *s, wv_error *err)
{
    int64_t t;
    char q[48];
    if (s[0] == '\0')
        return WV_OK;
    if (strlen(s) == 10 && wv_time_parse(s, &t, NULL) == WV_OK)
        return WV_OK;
    wv_quote(s, q, sizeof q);
    return wv_error_set(err, WV_ERR_BAD_VALUE, "%s: '%s' is not a date YYYY-MM-DD", what, q);
}

wv_status wv_member_code_check(const char *code, wv_error *err)
{
    char q[48];
    size_t len = code ? strlen(code) : 0;
    int ok = len >= 2 && len <= WV_MAX_CODE_BYTES;
    for (size_t i = 0; ok && i < len; i++)
        ok = code[i] >= 'A' && code[i] <= 'Z';
    if (ok)
        return WV_OK;
    wv_quote(code ? code : "", q, sizeof q);
    return wv_error_set(err, WV_ERR_BAD_VALUE,
                        "member code '%s' is not 2 to %u letters A-Z", q, WV_MAX_CODE_BYTES);
}

wv_status wv_check_code(const char *what, const char *s, wv_error *err)
{
    if (s[0] == '\0')
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "%s: empty", what);
    wv_status st = wv_member_code_check(s, err);
    if (st != WV_OK)
        wv_error_prefix(err, "%s", what);
    return st;
}

wv_status wv_check_bytes(const char *what, const ProtobufCBinaryData *b, size_t n,
                         wv_error *err)
{
    if (b->len == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "%s: empty, expected %zu bytes", what, n);
    if (b->len != n)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "%s: %zu bytes, expected %zu", what, b->len,
                            n);
    return WV_OK;
}

wv_status wv_check_version(const char *what, uint32_t version, wv_error *err)
{
    if (version == WV_WIRE_VERSION)
        return WV_OK;
    return wv_error_set(err, WV_ERR_VERSION, "%s.version: %u, only version %d is supported",
                        what, version, WV_WIRE_VERSION);
}

/* ------------------------------------------------------------ Envelope */

static wv_status envelope_signature_rules(const wv_envelope *e, wv_error *err)
{
    /* An unsigned roster draft is the one envelope without a signature. */
    if (e->type == WTOVOTE__V1__BODY_TYPE__BODY_ROSTER && e->key_id.len == 0 &&
        e->signature.len == 0)
        return WV_OK;
    if (e->key_id.len != WV_KEY_ID_BYTES)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Envelope.key_id: %zu bytes, expected %d",
                            e->key_id.len, WV_KEY_ID_BYTES);
    if (e->signature.len != WV_SIGNATURE_BYTES)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "Envelope.signature: %zu bytes, expected %d", e->signature.len,
                            WV_SIGNATURE_BYTES);
    return WV_OK;
}

wv_status wv_envelope_rules(const wv_envelope *e, wv_error *err)
{
    wv_status st = wv_check_version("Envelope", e->version, err);
    if (st != WV_OK)
        return st;
    if (wv_domain_tag(e->type) == NULL)
        return wv_error_set(err, WV_ERR_BODY_TYPE, "Envelope.type: %d is not one of 1..3",
                            (int)e->type);
    if (e->body.len == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "Envelope.body: empty");
    return envelope_signature_rules(e, err);
}

/* ------------------------------------------------------------ Act */

static int act_has_item(Wtovote__V1__ActKind k)
{
    return k != WTOVOTE__V1__ACT_KIND__ACT_ATTEND && k != WTOVOTE__V1__ACT_KIND__ACT_LEAVE;
}

static wv_status act_kind_rules(const wv_act *a, wv_error *err)
{
    int vote = a->kind == WTOVOTE__V1__ACT_KIND__ACT_VOTE;
    if (a->kind == WTOVOTE__V1__ACT_KIND__ACT_KIND_UNSPECIFIED)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "Act.kind: unspecified");
    if ((int)a->kind < 1 || (int)a->kind > 8)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Act.kind: %d is not one of 1..8",
                            (int)a->kind);
    if (act_has_item(a->kind) && a->item == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD,
                            "Act.item: an act of kind %d needs an agenda item (1 or more)",
                            (int)a->kind);
    if (!act_has_item(a->kind) && a->item != 0)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "Act.item: %u, must be 0 for ATTEND and LEAVE", a->item);
    if (vote && a->choice == WTOVOTE__V1__CHOICE__CHOICE_UNSPECIFIED)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "Act.choice: a VOTE needs a choice");
    if (vote && ((int)a->choice < 1 || (int)a->choice > 3))
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Act.choice: %d is not one of 1..3",
                            (int)a->choice);
    if (!vote && a->choice != WTOVOTE__V1__CHOICE__CHOICE_UNSPECIFIED)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Act.choice: set on an act that is no VOTE");
    /* Article IX:1 footnote 2: only the EU votes as a bloc, and only in a vote. */
    if (a->eu_bloc && (!vote || strcmp(a->member, "EU") != 0))
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "Act.eu_bloc: only a VOTE by member EU may cast the bloc");
    return WV_OK;
}

wv_status wv_act_rules(const wv_act *a, wv_error *err)
{
    wv_status st = wv_check_version("Act", a->version, err);
    if (st == WV_OK)
        st = wv_check_id("Act.meeting_id", a->meeting_id, err);
    if (st == WV_OK)
        st = wv_check_code("Act.member", a->member, err);
    if (st == WV_OK)
        st = act_kind_rules(a, err);
    if (st == WV_OK)
        st = wv_check_text("Act.statement", a->statement, WV_MAX_STRING_BYTES, err);
    if (st == WV_OK && a->nonce.len != 0)
        st = wv_check_bytes("Act.nonce", &a->nonce, WV_ACT_NONCE_BYTES, err);
    if (st != WV_OK)
        return st;
    if (a->time == 0)
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "Act.time: not set");
    if (a->time < 0)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Act.time: %lld is before 1970",
                            (long long)a->time);
    /* Last, so that the other fields' rules keep their statuses. */
    return wv_check_bytes("Act.meeting_ref", &a->meeting_ref, WV_MEETING_REF_BYTES, err);
}

/* ------------------------------------------------------------ Receipt */

static wv_status receipt_proof_rules(const wv_receipt_msg *r, wv_error *err)
{
    char what[64];
    if (r->n_inclusion_proof > WV_MAX_PROOF_HASHES)
        return wv_error_set(err, WV_ERR_TOO_LARGE,
                            "Receipt.inclusion_proof: %zu hashes, over the limit of %u",
                            r->n_inclusion_proof, WV_MAX_PROOF_HASHES);
    for (size_t i = 0; i < r->n_inclusion_proof; i++) {
        snprintf(what, sizeof what, "Receipt.inclusion_proof[%zu]", i);
        wv_status st = wv_check_bytes(what, &r->inclusion_proof[i], 32, err);
        if (st != WV_OK)
            return st;
    }
    return WV_OK;
}

static wv_status receipt_optional_rules(const wv_receipt_msg *r, wv_error *err)
{
    wv_status st = WV_OK;
    if (r->meeting_id[0] != '\0')
        st = wv_check_id("Receipt.meeting_id", r->meeting_id, err);
    if (st == WV_OK && r->member[0] != '\0')
        st = wv_check_code("Receipt.member", r->member, err);
    return st;
}

wv_status wv_receipt_msg_rules(const wv_receipt_msg *r, wv_error *err)
{
    wv_status st = wv_check_version("Receipt", r->version, err);
    if (st == WV_OK)
        st = wv_check_bytes("Receipt.leaf_hash", &r->leaf_hash, 32, err);
    if (st == WV_OK)
        st = receipt_proof_rules(r, err);
    if (st != WV_OK)
        return st;
    if (r->leaf_index >= r->tree_size)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "Receipt.leaf_index: %llu is not below tree_size %llu",
                            (unsigned long long)r->leaf_index,
                            (unsigned long long)r->tree_size);
    if (r->checkpoint[0] == '\0')
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "Receipt.checkpoint: empty");
    st = wv_check_text("Receipt.checkpoint", r->checkpoint, WV_MAX_CHECKPOINT_BYTES, err);
    if (st == WV_OK)
        st = receipt_optional_rules(r, err);
    return st;
}
