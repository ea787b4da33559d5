/* engine/wire private helpers shared by message.c, fields*.c, envelope.c.
 * Each check returns WV_OK or fills err with a message that names the field
 * (`what`, e.g. "Act.meeting_id") and the cause. */
#ifndef WV_WIRE_INTERNAL_H
#define WV_WIRE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/pb.h"
#include "wtovote/wire.h"

/* Largest Receipt.checkpoint (a signed note is longer than other strings). */
#define WV_MAX_CHECKPOINT_BYTES 8192u
/* Largest Member.name. */
#define WV_MAX_NAME_BYTES 128u

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF). */
int wv_utf8_valid(const uint8_t *s, size_t len);

/* A printable, truncated copy of untrusted text for error messages. */
void wv_quote(const char *s, char *out, size_t size);

/* 1..WV_MAX_ID_BYTES visible ASCII (0x21..0x7E). */
wv_status wv_check_id(const char *what, const char *s, wv_error *err);
/* At most max bytes (UTF-8 is checked for every string by the generic
 * decoder). Empty allowed. */
wv_status wv_check_text(const char *what, const char *s, size_t max, wv_error *err);
/* Empty, or a valid "YYYY-MM-DD". */
wv_status wv_check_date_opt(const char *what, const char *s, wv_error *err);
/* A Member code (wv_member_code_check) with the field named. */
wv_status wv_check_code(const char *what, const char *s, wv_error *err);
/* Exactly n bytes; empty gives WV_ERR_MISSING_FIELD. */
wv_status wv_check_bytes(const char *what, const ProtobufCBinaryData *b, size_t n,
                         wv_error *err);
/* version == WV_WIRE_VERSION. */
wv_status wv_check_version(const char *what, uint32_t version, wv_error *err);

/* Per-type field rules on a canonically decoded message. */
wv_status wv_envelope_rules(const wv_envelope *e, wv_error *err);
wv_status wv_act_rules(const wv_act *a, wv_error *err);
wv_status wv_chair_event_rules(const wv_chair_event *c, wv_error *err);
wv_status wv_roster_msg_rules(const wv_roster_msg *r, wv_error *err);
wv_status wv_receipt_msg_rules(const wv_receipt_msg *r, wv_error *err);

#endif
