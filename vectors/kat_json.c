/* Messages <-> JSON, driven by the protobuf-c descriptors, so that a
 * vector's "input" is derived from the very message that was encoded and a
 * checker can rebuild the message from the JSON alone and re-encode it. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "wtovote/pb.h"
#include "kat_build.h"

char *kat_hex(const uint8_t *in, size_t len)
{
    char *s = malloc(2 * len + 1);
    if (s != NULL)
        sodium_bin2hex(s, 2 * len + 1, in, len);
    return s;
}

int kat_unhex(const char *hex, uint8_t **out, size_t *len)
{
    size_t n = strlen(hex);
    *out = NULL;
    *len = 0;
    if (n % 2 != 0)
        return -1;
    uint8_t *b = malloc(n / 2 + 1);
    size_t got = 0;
    const char *end = NULL;
    if (b == NULL || sodium_hex2bin(b, n / 2 + 1, hex, n, NULL, &got, &end) != 0 ||
        got != n / 2 || *end != '\0') {
        free(b);
        return -1;
    }
    *out = b;
    *len = got;
    return 0;
}

static void *field_at(const ProtobufCMessage *m, unsigned offset)
{
    return (char *)m + offset;
}

static size_t field_size(ProtobufCType t)
{
    switch (t) {
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_UINT64:
        return sizeof(uint64_t);
    case PROTOBUF_C_TYPE_BOOL:
        return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_STRING:
    case PROTOBUF_C_TYPE_MESSAGE:
        return sizeof(void *);
    case PROTOBUF_C_TYPE_BYTES:
        return sizeof(ProtobufCBinaryData);
    default:
        return sizeof(uint32_t); /* uint32, enum */
    }
}

/* One value at p as JSON; NULL when it is the default (omitted). */
static json_t *value_to_json(const ProtobufCFieldDescriptor *f, const void *p, int repeated)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_UINT32: {
        uint32_t v = *(const uint32_t *)p;
        return v || repeated ? json_integer(v) : NULL;
    }
    case PROTOBUF_C_TYPE_INT64: {
        int64_t v = *(const int64_t *)p;
        return v || repeated ? json_integer(v) : NULL;
    }
    case PROTOBUF_C_TYPE_UINT64: {
        uint64_t v = *(const uint64_t *)p;
        return v || repeated ? json_integer((json_int_t)v) : NULL;
    }
    case PROTOBUF_C_TYPE_BOOL:
        return *(const protobuf_c_boolean *)p || repeated ? json_true() : NULL;
    case PROTOBUF_C_TYPE_ENUM: {
        int v = *(const int *)p;
        const ProtobufCEnumValue *ev = protobuf_c_enum_descriptor_get_value(f->descriptor, v);
        if (v == 0 && !repeated)
            return NULL;
        return ev ? json_string(ev->name) : json_integer(v);
    }
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)p;
        return (s && s[0]) || repeated ? json_string(s ? s : "") : NULL;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *b = p;
        if (b->len == 0 && !repeated)
            return NULL;
        char *h = kat_hex(b->data, b->len);
        json_t *j = json_string(h);
        free(h);
        return j;
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        const ProtobufCMessage *sub = *(ProtobufCMessage *const *)p;
        return sub ? kat_msg_to_json(sub) : NULL;
    }
    default:
        return NULL; /* the schema uses no other type */
    }
}

json_t *kat_msg_to_json(const ProtobufCMessage *m)
{
    json_t *o = json_object();
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        json_t *v;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(size_t *)field_at(m, f->quantifier_offset);
            const char *arr = *(char **)field_at(m, f->offset);
            if (n == 0)
                continue;
            v = json_array();
            for (size_t k = 0; k < n; k++)
                json_array_append_new(v, value_to_json(f, arr + k * field_size(f->type), 1));
        } else {
            v = value_to_json(f, field_at(m, f->offset), 0);
        }
        if (v != NULL)
            json_object_set_new(o, f->name, v);
    }
    return o;
}

static wv_status bad(wv_error *err, const ProtobufCFieldDescriptor *f, const char *why)
{
    return wv_error_set(err, WV_ERR_BAD_VALUE, "input field %s: %s", f->name, why);
}

/* Sets the value at p (already zero / default) from j. */
static wv_status value_from_json(const ProtobufCFieldDescriptor *f, const json_t *j, void *p,
                                 wv_error *err)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_UINT64:
        if (!json_is_integer(j))
            return bad(err, f, "not an integer");
        if (f->type == PROTOBUF_C_TYPE_UINT32)
            *(uint32_t *)p = (uint32_t)json_integer_value(j);
        else
            *(int64_t *)p = json_integer_value(j);
        return WV_OK;
    case PROTOBUF_C_TYPE_BOOL:
        if (!json_is_boolean(j))
            return bad(err, f, "not a boolean");
        *(protobuf_c_boolean *)p = json_is_true(j);
        return WV_OK;
    case PROTOBUF_C_TYPE_ENUM: {
        const ProtobufCEnumValue *ev =
            json_is_string(j) ? protobuf_c_enum_descriptor_get_value_by_name(f->descriptor,
                                                                              json_string_value(j))
                              : NULL;
        if (ev == NULL)
            return bad(err, f, "not a value name of its enum");
        *(int *)p = ev->value;
        return WV_OK;
    }
    case PROTOBUF_C_TYPE_STRING:
        if (!json_is_string(j))
            return bad(err, f, "not a string");
        *(char **)p = strdup(json_string_value(j));
        return *(char **)p ? WV_OK : wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    case PROTOBUF_C_TYPE_BYTES: {
        ProtobufCBinaryData *b = p;
        if (!json_is_string(j) || kat_unhex(json_string_value(j), &b->data, &b->len) != 0)
            return bad(err, f, "not hex");
        return WV_OK;
    }
    case PROTOBUF_C_TYPE_MESSAGE:
        return kat_json_to_msg(f->descriptor, j, (ProtobufCMessage **)p, err);
    default:
        return bad(err, f, "type not used by the schema");
    }
}

static wv_status repeated_from_json(const ProtobufCFieldDescriptor *f, const json_t *j,
                                    ProtobufCMessage *m, wv_error *err)
{
    if (!json_is_array(j))
        return bad(err, f, "not an array");
    size_t n = json_array_size(j), sz = field_size(f->type);
    char *arr = calloc(n ? n : 1, sz);
    if (arr == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    *(char **)field_at(m, f->offset) = arr;
    wv_status st = WV_OK;
    for (size_t k = 0; k < n && st == WV_OK; k++) {
        st = value_from_json(f, json_array_get(j, k), arr + k * sz, err);
        /* Count only filled elements, so that freeing never sees garbage. */
        if (st == WV_OK)
            *(size_t *)field_at(m, f->quantifier_offset) = k + 1;
    }
    return st;
}

wv_status kat_json_to_msg(const ProtobufCMessageDescriptor *d, const json_t *j,
                          ProtobufCMessage **out, wv_error *err)
{
    *out = NULL;
    if (!json_is_object(j))
        return wv_error_set(err, WV_ERR_BAD_VALUE, "input of %s: not an object", d->short_name);
    ProtobufCMessage *m = malloc(d->sizeof_message);
    if (m == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "out of memory");
    d->message_init(m);
    const char *key;
    json_t *v;
    wv_status st = WV_OK;
    json_object_foreach((json_t *)j, key, v) {
        const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, key);
        if (f == NULL)
            st = wv_error_set(err, WV_ERR_UNKNOWN_FIELD, "input of %s: no field %s",
                              d->short_name, key);
        else if (f->label == PROTOBUF_C_LABEL_REPEATED)
            st = repeated_from_json(f, v, m, err);
        else
            st = value_from_json(f, v, field_at(m, f->offset), err);
        if (st != WV_OK)
            break;
    }
    if (st != WV_OK) {
        protobuf_c_message_free_unpacked(m, NULL);
        return st;
    }
    *out = m;
    return WV_OK;
}
