/* engine/wire: envelopes and canonical decoding of the v1 wire format.
 *
 * A signature covers domain_tag(type) || 0x00 || body, where body is the
 * exact byte string received. Every decoder rejects, each with its own code:
 * malformed protobuf (WV_ERR_DECODE), unknown fields at any depth
 * (WV_ERR_UNKNOWN_FIELD), bytes that do not re-encode to themselves
 * (WV_ERR_NONCANONICAL), fields over the limits below (WV_ERR_TOO_LARGE),
 * a version other than 1 (WV_ERR_VERSION), duplicate Members or keys in a
 * roster (WV_ERR_DUPLICATE_MEMBER / WV_ERR_DUPLICATE_KEY). Messages the
 * decoders return are released with wv_message_free. */
#ifndef WTOVOTE_WIRE_H
#define WTOVOTE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/keys.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WV_WIRE_VERSION 1

/* Size limits (SPEC.md, "Limits"). */
#define WV_MAX_ENVELOPE_BYTES (1u << 20) /* whole envelope */
#define WV_MAX_STRING_BYTES 1024u        /* any string field */
#define WV_MAX_CODE_BYTES 8u             /* Member codes */
#define WV_MAX_ID_BYTES 64u              /* meeting ids, procedure ids */
#define WV_MAX_MEMBERS 512u
#define WV_MAX_KEYS 4096u
#define WV_MAX_PARTIES 512u
#define WV_MAX_PROOF_HASHES 64u
/* Meeting.max_clock_skew_seconds: the default (0 on the wire) and the
 * largest value a Meeting may set (SPEC.md, "Time model"). */
#define WV_DEFAULT_CLOCK_SKEW 120u
#define WV_ACT_NONCE_BYTES 16u     /* Act.nonce, ChairEvent.nonce: empty or 16 bytes */
#define WV_MAX_CLOCK_SKEW 86400u
/* Meeting identity (SPEC.md, "Meeting identity"). */
#define WV_MEETING_NONCE_BYTES 16u       /* Meeting.nonce */
#define WV_MEETING_REF_BYTES 32u         /* Act / ChairEvent.meeting_ref */

/* Decoded messages: opaque here (no generated header in a public header).
 * Inside the project, "wtovote/pb.h" gives their fields. */
typedef struct Wtovote__V1__Envelope wv_envelope;
typedef struct Wtovote__V1__Act wv_act;
typedef struct Wtovote__V1__ChairEvent wv_chair_event;
typedef struct Wtovote__V1__Roster wv_roster_msg;
typedef struct Wtovote__V1__Receipt wv_receipt_msg;

/* What an Envelope's body holds (the wire's BodyType). */
typedef enum wv_body_type {
    WV_BODY_ROSTER = 1,
    WV_BODY_ACT = 2,
    WV_BODY_CHAIR_EVENT = 3
} wv_body_type;

/* "wtovote/v1/act" etc.; NULL for an unknown type. */
WV_EXPORT const char *wv_domain_tag(int type);

WV_EXPORT void wv_message_free(void *msg); /* NULL-safe; frees a decoded message */

/* The meeting reference of a CHAIR_MEETING_OPEN event:
 * SHA-256("wtovote/v1/meeting-ref" || 0x00 || body), body the event encoded
 * (a canonical event re-encodes to exactly the bytes that were signed).
 * Every later act and chair event carries it as meeting_ref. WV_ERR_ARG
 * when ev is not an opening; WV_ERR_NOMEM. */
WV_EXPORT wv_status wv_meeting_ref_of(const wv_chair_event *opening,
                                      uint8_t out[WV_MEETING_REF_BYTES],
                                      wv_error *err) WV_WARN_UNUSED;
/* The same from a signed opening's envelope bytes (its body as received):
 * WV_ERR_BODY_TYPE / WV_ERR_ARG when it is not a chair event / an opening,
 * or the decoders' status. */
WV_EXPORT wv_status wv_meeting_ref_of_envelope(const uint8_t *env, size_t len,
                                               uint8_t out[WV_MEETING_REF_BYTES],
                                               wv_error *err) WV_WARN_UNUSED;
/* A fresh Meeting.nonce from the system's CSPRNG (libsodium randombytes). */
WV_EXPORT void wv_meeting_nonce_new(uint8_t out[WV_MEETING_NONCE_BYTES]);

/* Typed decoders: canonical decode plus the type's field rules (version,
 * string limits, enum ranges, lengths of ids, keys and hashes). */
WV_EXPORT wv_status wv_envelope_decode(const uint8_t *buf, size_t len, wv_envelope **out,
                                       wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_act_decode(const uint8_t *buf, size_t len, wv_act **out,
                                  wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_chair_event_decode(const uint8_t *buf, size_t len, wv_chair_event **out,
                                          wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_roster_msg_decode(const uint8_t *buf, size_t len, wv_roster_msg **out,
                                         wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_receipt_msg_decode(const uint8_t *buf, size_t len, wv_receipt_msg **out,
                                          wv_error *err) WV_WARN_UNUSED;
/* The same from already-encoded body bytes. */
WV_EXPORT wv_status wv_envelope_seal_bytes(int type, const uint8_t *body,
                                           size_t body_len, const wv_secret_key *sk, uint8_t **out,
                                           size_t *out_len, wv_error *err) WV_WARN_UNUSED;
/* Checks the envelope's signature with the given key: WV_ERR_UNSIGNED for an
 * unsigned draft, WV_ERR_KEY_MISMATCH when key ids differ,
 * WV_ERR_BAD_SIGNATURE when the signature fails. */
WV_EXPORT wv_status wv_envelope_verify(const wv_envelope *env, const wv_public_key *pub,
                                       wv_error *err) WV_WARN_UNUSED;

/* Member codes: 2 to 8 characters A-Z (WV_ERR_BAD_VALUE otherwise). */
WV_EXPORT wv_status wv_member_code_check(const char *code, wv_error *err) WV_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
