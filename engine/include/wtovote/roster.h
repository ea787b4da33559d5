/* engine/wire roster: the Members, their keys (validity windows and
 * revocation) and the Secretariat key that signs the roster and every chair
 * event. The default roster embeds the 166 WTO Members as of 30 August 2024;
 * the embedded history rebuilds the roster of any date from 1995-01-01. */
#ifndef WTOVOTE_ROSTER_H
#define WTOVOTE_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "wtovote/error.h"
#include "wtovote/keys.h"
#include "wtovote/wire.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WV_EU_CODE "EU"

typedef struct wv_roster wv_roster; /* opaque: decoded roster plus indexes */

/* The embedded membership (166 Members, keys empty, unsigned): the roster
 * as of 2024-08-30. */
WV_EXPORT wv_status wv_roster_default(wv_roster **out, wv_error *err) WV_WARN_UNUSED;
/* The WTO Members on `date` (YYYY-MM-DD) from the embedded accession dates,
 * with eu_member_state and ldc as they were on that date; Roster.as_of is
 * `date`. WV_ERR_ARG for a malformed date or one outside the dates the
 * embedded history covers (before 1995-01-01: no GATT 1947 dates). */
WV_EXPORT wv_status wv_roster_as_of(const char *date, wv_roster **out,
                                   wv_error *err) WV_WARN_UNUSED;
/* First and last dates (YYYY-MM-DD) wv_roster_as_of covers. */
WV_EXPORT const char *wv_roster_history_first(void);
WV_EXPORT const char *wv_roster_history_last(void);
/* EU member States among the roster's Members (Member.eu_member_state): the
 * votes of the EU's bloc (Marrakesh Agreement Art. IX:1 fn 2). */
WV_EXPORT uint32_t wv_roster_eu_member_states(const wv_roster *r);
/* Members from CSV: header "code,name,eu_member_state,ldc,joined". */
WV_EXPORT wv_status wv_roster_from_csv(const char *text, size_t len, wv_roster **out,
                                       wv_error *err) WV_WARN_UNUSED;
/* A roster file holds one Envelope (type BODY_ROSTER); a draft is unsigned. */
WV_EXPORT wv_status wv_roster_decode(const uint8_t *buf, size_t len, wv_roster **out,
                                     wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_roster_load(const char *path, wv_roster **out, wv_error *err) WV_WARN_UNUSED;
/* Envelope bytes (malloc'd): signed if the roster was signed and not
 * changed since. */
WV_EXPORT wv_status wv_roster_encode(const wv_roster *r, uint8_t **out, size_t *len,
                                     wv_error *err) WV_WARN_UNUSED;
WV_EXPORT void wv_roster_free(wv_roster *r);

/* Editing (each drops an existing signature). */
WV_EXPORT wv_status wv_roster_add_key(wv_roster *r, const char *member, const wv_public_key *pub,
                                      int64_t valid_from, int64_t valid_until,
                                      wv_error *err) WV_WARN_UNUSED;
WV_EXPORT wv_status wv_roster_revoke_key(wv_roster *r, const uint8_t key_id[WV_KEY_ID_BYTES],
                                         int64_t at, wv_error *err) WV_WARN_UNUSED;
/* Signs as the Secretariat: records its key id and public key in the roster. */
WV_EXPORT wv_status wv_roster_sign(wv_roster *r, const wv_secret_key *secretariat,
                                   wv_error *err) WV_WARN_UNUSED;
/* WV_OK when signed by the Secretariat key it names; WV_ERR_UNSIGNED when
 * unsigned; WV_ERR_BAD_SIGNATURE when the signature fails. */
WV_EXPORT wv_status wv_roster_verify(const wv_roster *r, wv_error *err) WV_WARN_UNUSED;
WV_EXPORT int wv_roster_is_signed(const wv_roster *r);
/* SHA-256 of the roster body bytes. */
WV_EXPORT void wv_roster_fingerprint(const wv_roster *r, uint8_t out[32]);
/* The Secretariat public key recorded by wv_roster_sign; -1 if unsigned. */
WV_EXPORT int wv_roster_secretariat(const wv_roster *r, wv_public_key *out);

/* Members, sorted by code. */
WV_EXPORT size_t wv_roster_member_count(const wv_roster *r);
WV_EXPORT const struct Wtovote__V1__Member *wv_roster_member_at(const wv_roster *r, size_t index);
WV_EXPORT int wv_roster_member_index(const wv_roster *r, const char *code); /* -1: none */
WV_EXPORT const wv_roster_msg *wv_roster_message(const wv_roster *r);

/* Checks that key_id is a key of `member` valid at time t (not before
 * valid_from, before valid_until, before revoked_at) and returns its public
 * key. Errors: WV_ERR_KEY_UNKNOWN, WV_ERR_KEY_WRONG_MEMBER,
 * WV_ERR_KEY_NOT_YET_VALID, WV_ERR_KEY_EXPIRED, WV_ERR_KEY_REVOKED. */
WV_EXPORT wv_status wv_roster_key_check(const wv_roster *r, const uint8_t key_id[WV_KEY_ID_BYTES],
                                        const char *member, int64_t t, wv_public_key *out,
                                        wv_error *err) WV_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
