/* Generic canonical decoding: unpack, refuse unknown fields at any depth,
 * refuse bytes that do not re-encode to themselves, refuse strings that are
 * not UTF-8. Protobuf encodings are not unique; this makes them so, which is
 * what lets a signature cover the exact body bytes (SPEC.md, "Wire format"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wire/wire_internal.h"

#define PATH_MAX_BYTES 160

static void *field_ptr(const ProtobufCMessage *msg, unsigned offset)
{
    return (char *)msg + offset;
}

static void path_child(char *out, const char *path, const char *field, size_t index,
                       int repeated)
{
    if (repeated)
        snprintf(out, PATH_MAX_BYTES, "%s.%s[%zu]", path, field, index);
    else
        snprintf(out, PATH_MAX_BYTES, "%s.%s", path, field);
}

static wv_status check_unknown(const ProtobufCMessage *msg, const char *path, wv_error *err)
{
    if (msg->n_unknown_fields == 0)
        return WV_OK;
    const ProtobufCMessageUnknownField *u = &msg->unknown_fields[0];
    return wv_error_set(err, WV_ERR_UNKNOWN_FIELD,
                        "%s: unknown field number %u (wire type %d) in message %s", path,
                        (unsigned)u->tag, (int)u->wire_type, msg->descriptor->short_name);
}

static wv_status check_string(const char *s, const char *path, wv_error *err)
{
    if (s != NULL && !wv_utf8_valid((const uint8_t *)s, strlen(s)))
        return wv_error_set(err, WV_ERR_BAD_VALUE, "%s: string is not valid UTF-8", path);
    return WV_OK;
}

/* What a walk over the decoded tree checks: unknown fields in every message
 * (before the canonical check, so that an unknown field always reports
 * WV_ERR_UNKNOWN_FIELD), or every string (after it). */
typedef enum walk_check { WALK_UNKNOWN, WALK_STRINGS } walk_check;

static wv_status walk(const ProtobufCMessage *msg, const char *path, walk_check what,
                      wv_error *err);

/* One field of msg: recurse into sub-messages; check strings if asked. */
static wv_status walk_field(const ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
                            const char *path, walk_check what, wv_error *err)
{
    if (f->type != PROTOBUF_C_TYPE_MESSAGE &&
        (f->type != PROTOBUF_C_TYPE_STRING || what != WALK_STRINGS))
        return WV_OK;
    char child[PATH_MAX_BYTES];
    int repeated = f->label == PROTOBUF_C_LABEL_REPEATED;
    size_t n = repeated ? *(size_t *)field_ptr(msg, f->quantifier_offset) : 1;
    wv_status st = WV_OK;
    for (size_t i = 0; i < n && st == WV_OK; i++) {
        path_child(child, path, f->name, i, repeated);
        if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
            ProtobufCMessage *sub = repeated
                ? (*(ProtobufCMessage ***)field_ptr(msg, f->offset))[i]
                : *(ProtobufCMessage **)field_ptr(msg, f->offset);
            if (sub != NULL)
                st = walk(sub, child, what, err);
        } else {
            const char *s = repeated ? (*(char ***)field_ptr(msg, f->offset))[i]
                                     : *(char **)field_ptr(msg, f->offset);
            st = check_string(s, child, err);
        }
    }
    return st;
}

/* Depth-first, a message before its sub-messages, fields in schema order. */
static wv_status walk(const ProtobufCMessage *msg, const char *path, walk_check what,
                      wv_error *err)
{
    wv_status st = what == WALK_UNKNOWN ? check_unknown(msg, path, err) : WV_OK;
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    for (unsigned i = 0; i < d->n_fields && st == WV_OK; i++)
        st = walk_field(msg, &d->fields[i], path, what, err);
    return st;
}

static wv_status check_canonical(const ProtobufCMessage *msg, const uint8_t *buf, size_t len,
                                 wv_error *err)
{
    uint8_t *again = NULL;
    size_t again_len = 0;
    wv_status st = wv_message_encode(msg, &again, &again_len, err);
    if (st != WV_OK)
        return st;
    size_t i = 0;
    while (i < len && i < again_len && buf[i] == again[i])
        i++;
    free(again);
    if (i == len && i == again_len)
        return WV_OK;
    return wv_error_set(err, WV_ERR_NONCANONICAL,
                        "%s: bytes do not re-encode to themselves (%zu bytes received, "
                        "%zu re-encoded, first difference at byte %zu)",
                        msg->descriptor->short_name, len, again_len, i);
}

wv_status wv_message_decode(const ProtobufCMessageDescriptor *desc, const uint8_t *buf,
                            size_t len, ProtobufCMessage **out, wv_error *err)
{
    *out = NULL;
    if (len > WV_MAX_ENVELOPE_BYTES)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "%s: %zu bytes, over the limit of %u",
                            desc->short_name, len, WV_MAX_ENVELOPE_BYTES);
    static const uint8_t empty[1] = {0};
    ProtobufCMessage *msg = protobuf_c_message_unpack(desc, NULL, len, len ? buf : empty);
    if (msg == NULL)
        return wv_error_set(err, WV_ERR_DECODE, "%s: not a valid protobuf message (%zu bytes)",
                            desc->short_name, len);
    wv_status st = walk(msg, desc->short_name, WALK_UNKNOWN, err);
    if (st == WV_OK)
        st = check_canonical(msg, buf, len, err);
    if (st == WV_OK)
        st = walk(msg, desc->short_name, WALK_STRINGS, err);
    if (st != WV_OK) {
        protobuf_c_message_free_unpacked(msg, NULL);
        return st;
    }
    *out = msg;
    return WV_OK;
}

wv_status wv_message_encode(const ProtobufCMessage *msg, uint8_t **out, size_t *len,
                            wv_error *err)
{
    *out = NULL;
    *len = 0;
    size_t n = protobuf_c_message_get_packed_size(msg);
    uint8_t *buf = malloc(n ? n : 1);
    if (buf == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "%s: out of memory encoding %zu bytes",
                            msg->descriptor->short_name, n);
    size_t done = protobuf_c_message_pack(msg, buf);
    if (done != n) {
        free(buf);
        return wv_error_set(err, WV_ERR_INTERNAL, "%s: packed %zu bytes, expected %zu",
                            msg->descriptor->short_name, done, n);
    }
    *out = buf;
    *len = n;
    return WV_OK;
}

void wv_message_free(void *msg)
{
    if (msg != NULL)
        protobuf_c_message_free_unpacked(msg, NULL);
}

/* Decodes canonically, then applies the type's field rules. */
static wv_status typed_decode(const ProtobufCMessageDescriptor *desc,
                              wv_status (*rules)(const void *, wv_error *), const uint8_t *buf,
                              size_t len, void **out, wv_error *err)
{
    ProtobufCMessage *msg = NULL;
    *out = NULL;
    wv_status st = wv_message_decode(desc, buf, len, &msg, err);
    if (st == WV_OK)
        st = rules(msg, err);
    if (st != WV_OK) {
        wv_message_free(msg);
        return st;
    }
    *out = msg;
    return WV_OK;
}

#define TYPED(fn, T, desc, rules_fn)                                                        \
    static wv_status fn##_rules_any(const void *m, wv_error *err)                          \
    {                                                                                      \
        return rules_fn((const T *)m, err);                                                \
    }                                                                                      \
    wv_status fn(const uint8_t *buf, size_t len, T **out, wv_error *err)                   \
    {                                                                                      \
        void *m = NULL;                                                                    \
        wv_status st = typed_decode(&desc, fn##_rules_any, buf, len, &m, err);             \
        *out = m;                                                                          \
        return st;                                                                         \
    }

TYPED(wv_envelope_decode, wv_envelope, wtovote__v1__envelope__descriptor, wv_envelope_rules)
TYPED(wv_act_decode, wv_act, wtovote__v1__act__descriptor, wv_act_rules)
TYPED(wv_chair_event_decode, wv_chair_event, wtovote__v1__chair_event__descriptor,
      wv_chair_event_rules)
TYPED(wv_roster_msg_decode, wv_roster_msg, wtovote__v1__roster__descriptor, wv_roster_msg_rules)
TYPED(wv_receipt_msg_decode, wv_receipt_msg, wtovote__v1__receipt__descriptor,
      wv_receipt_msg_rules)

wv_status wv_body_decode(Wtovote__V1__BodyType type, const uint8_t *buf, size_t len,
                         ProtobufCMessage **out, wv_error *err)
{
    const ProtobufCMessageDescriptor *desc;
    wv_status (*rules)(const void *, wv_error *);
    *out = NULL;
    switch (type) {
    case WTOVOTE__V1__BODY_TYPE__BODY_ROSTER:
        desc = &wtovote__v1__roster__descriptor;
        rules = wv_roster_msg_decode_rules_any;
        break;
    case WTOVOTE__V1__BODY_TYPE__BODY_ACT:
        desc = &wtovote__v1__act__descriptor;
        rules = wv_act_decode_rules_any;
        break;
    case WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT:
        desc = &wtovote__v1__chair_event__descriptor;
        rules = wv_chair_event_decode_rules_any;
        break;
    default:
        return wv_error_set(err, WV_ERR_BODY_TYPE, "body type %d is not one of 1..3",
                            (int)type);
    }
    void *m = NULL;
    wv_status st = typed_decode(desc, rules, buf, len, &m, err);
    *out = m;
    return st;
}

/* SHA-256("wtovote/v1/meeting-ref" || 0x00 || body): a signed message's
 * construction with a tag of its own (SPEC.md, "Meeting identity"). */
static void ref_of_body(const uint8_t *body, size_t len, uint8_t out[WV_MEETING_REF_BYTES])
{
    static const char tag[] = "wtovote/v1/meeting-ref";
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, (const unsigned char *)tag, sizeof tag); /* with its 0x00 */
    crypto_hash_sha256_update(&h, body, len);
    crypto_hash_sha256_final(&h, out);
}

static int is_opening(const wv_chair_event *ev)
{
    return ev != NULL && ev->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN;
}

wv_status wv_meeting_ref_of(const wv_chair_event *opening, uint8_t out[WV_MEETING_REF_BYTES],
                            wv_error *err)
{
    if (!is_opening(opening))
        return wv_error_set(err, WV_ERR_ARG, "meeting_ref: not a meeting opening");
    uint8_t *body;
    size_t len;
    wv_status st = wv_message_encode(&opening->base, &body, &len, err);
    if (st != WV_OK)
        return st;
    ref_of_body(body, len, out); /* a canonical event re-encodes to the signed bytes */
    free(body);
    return WV_OK;
}

wv_status wv_meeting_ref_of_envelope(const uint8_t *env, size_t len,
                                     uint8_t out[WV_MEETING_REF_BYTES], wv_error *err)
{
    wv_envelope *e = NULL;
    wv_chair_event *ev = NULL;
    wv_status st = wv_envelope_decode(env, len, &e, err);
    if (st == WV_OK && e->type != WTOVOTE__V1__BODY_TYPE__BODY_CHAIR_EVENT)
        st = wv_error_set(err, WV_ERR_BODY_TYPE, "meeting_ref: not a chair event");
    if (st == WV_OK)
        st = wv_chair_event_decode(e->body.data, e->body.len, &ev, err);
    if (st == WV_OK && !is_opening(ev))
        st = wv_error_set(err, WV_ERR_ARG, "meeting_ref: not a meeting opening");
    if (st == WV_OK)
        ref_of_body(e->body.data, e->body.len, out);
    wv_message_free(ev);
    wv_message_free(e);
    return st;
}

void wv_meeting_nonce_new(uint8_t out[WV_MEETING_NONCE_BYTES])
{
    randombytes_buf(out, WV_MEETING_NONCE_BYTES);
}
