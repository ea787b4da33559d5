/* Fuzz target: srv_chair_parse, the JSON of a chair request that `wtovote
 * serve` reads (SPEC.md, "Chair requests"). Input: the ACTION, a newline,
 * then the body. Oracle: a refusal is WV_REFUSE_MALFORMED with a message;
 * an accepted request has its time, every string it took readable, the
 * motion for table/revise and the opening for open, and for enrol the one
 * pending key the lookup knows; what it asks for, sealed (wv_chair_seal;
 * but decide and open, which the server seals with the meeting's state and
 * roster), is either refused with a message or a canonical envelope of a
 * chair event of that kind. */
#include <stdlib.h>
#include <string.h>

#include "chair_json.h"
#include "wtovote/pb.h"
#include "wtovote/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wv_public_key pending;

static int lookup(const void *ctx, const char *fingerprint, const char **member,
                  const wv_public_key **key)
{
    (void)ctx;
    if (strcmp(fingerprint, "00ff") != 0)
        return 0;
    *member = "USA";
    *key = &pending;
    return 1;
}

static void check_motion(const wv_motion_input *mo)
{
    const char *text[] = {mo->title, mo->procedure, mo->proponent, mo->acceptance_deadline};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        if (text[i] == NULL || strlen(text[i]) > WV_MAX_ENVELOPE_BYTES)
            abort();
    if (mo->n_parties > WV_MEETING_MAX_ITEMS || (mo->n_parties > 0) != (mo->parties != NULL))
        abort();
    for (size_t i = 0; i < mo->n_parties; i++)
        if (mo->parties[i] == NULL)
            abort();
}

static void check_accepted(const srv_chair_req *r, int64_t now)
{
    const wv_chair_input *in = &r->in;
    if (json_object_get(r->j, "time") == NULL && in->time != now)
        abort();
    if (in->kind == WV_CHAIR_MOTION_TABLE || in->kind == WV_CHAIR_MOTION_REVISE) {
        if (in->motion == NULL)
            abort();
        check_motion(in->motion);
    }
    if (in->kind == WV_CHAIR_MEETING_OPEN &&
        (in->meeting == NULL || strcmp(in->meeting->id, "GC-FUZZ") != 0 ||
         in->meeting->body == NULL || in->meeting->title == NULL))
        abort();
    if (in->kind == WV_CHAIR_KEY_ENROL &&
        (in->enrol_key != &pending || strcmp(in->enrol_member, "USA") != 0))
        abort();
}

static const wv_secret_key *secretariat(void)
{
    static wv_secret_key *sk;
    static const uint8_t seed[32] = {1};
    if (sk == NULL && (wv_init() != 0 || wv_secret_key_from_seed(seed, &sk, NULL) != WV_OK))
        abort();
    return sk;
}

static void check_sealed(const wv_chair_input *in)
{
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    wv_error_clear(&err);
    static const uint8_t ref[WV_MEETING_REF_BYTES] = {7}; /* the session gives its own */
    wv_chair_input bound = *in;
    bound.meeting_ref = ref;
    if (in->kind == WV_CHAIR_DECIDE || in->kind == WV_CHAIR_MEETING_OPEN)
        return;
    if (wv_chair_seal(&bound, "GC-FUZZ", NULL, secretariat(), &env, &len, &err) != WV_OK) {
        if (env != NULL || err.message[0] == '\0')
            abort();
        return;
    }
    wv_envelope *e = NULL;
    wv_chair_event *ev = NULL;
    if (wv_envelope_decode(env, len, &e, NULL) != WV_OK ||
        wv_chair_event_decode(e->body.data, e->body.len, &ev, NULL) != WV_OK ||
        (int)ev->kind != (int)in->kind)
        abort();
    wv_message_free(ev);
    wv_message_free(e);
    free(env);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t alen = nl != NULL ? (size_t)(nl - data) : size;
    char action[64];
    if (alen >= sizeof action || memchr(data, '\0', alen) != NULL)
        return 0;
    memcpy(action, data, alen);
    action[alen] = '\0';
    const char *body = nl != NULL ? (const char *)nl + 1 : "";
    size_t blen = nl != NULL ? size - alen - 1 : 0;
    const int64_t now = 1767225600;
    srv_chair_req r;
    wv_refusal why;
    wv_error err;
    wv_error_clear(&err);
    wv_status st = srv_chair_parse(action, body, blen, now, "GC-FUZZ", lookup, NULL, &r, &why,
                                   &err);
    if (st != WV_OK && (why != WV_REFUSE_MALFORMED || err.message[0] == '\0'))
        abort();
    if (st == WV_OK && !srv_chair_action_known(action))
        abort();
    if (st == WV_OK) {
        check_accepted(&r, now);
        check_sealed(&r.in);
    }
    srv_chair_req_free(&r);
    return 0;
}
