/* Inside the project only (not installed): the generated protobuf-c types
 * of proto/wtovote.proto with their fields, and the engine's functions that
 * take them. Public headers name the decoded messages as opaque structs;
 * the CLI, tests, vectors and fuzz targets, which fill or read fields,
 * include this header. These functions are hidden in libwtovote.so and
 * present in libwtovote.a. */
#ifndef WTOVOTE_PB_H
#define WTOVOTE_PB_H

#include "wtovote/wtovote.pb-c.h"
#include "wtovote/wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Generic canonical decode of any message type (descriptor) with the checks
 * above except the per-type field rules. */
wv_status wv_message_decode(const ProtobufCMessageDescriptor *desc, const uint8_t *buf,
                            size_t len, ProtobufCMessage **out,
                            wv_error *err) WV_WARN_UNUSED;

/* Encodes a message (malloc'd). */
wv_status wv_message_encode(const ProtobufCMessage *msg, uint8_t **out, size_t *len,
                            wv_error *err) WV_WARN_UNUSED;

/* The typed decoder for an envelope's body type (roster, act or chair event);
 * WV_ERR_BODY_TYPE for any other type. Free with wv_message_free. */
wv_status wv_body_decode(Wtovote__V1__BodyType type, const uint8_t *buf, size_t len,
                         ProtobufCMessage **out, wv_error *err) WV_WARN_UNUSED;

/* Encodes body (a message of the given type) and signs it into an envelope
 * (malloc'd bytes). The body must pass the typed decoder of `type`
 * (wv_body_decode): nothing is signed that a verifier would refuse. */
wv_status wv_envelope_seal(Wtovote__V1__BodyType type, const ProtobufCMessage *body,
                           const wv_secret_key *sk, uint8_t **out, size_t *out_len,
                           wv_error *err) WV_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
