/* Field rules of the Roster message: Members sorted and unique, keys unique
 * and held by listed Members (SPEC.md, "Wire format: field rules"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/wire_internal.h"

static wv_status member_rules(const Wtovote__V1__Member *m, size_t i, wv_error *err)
{
    char what[64];
    snprintf(what, sizeof what, "Roster.members[%zu].code", i);
    wv_status st = wv_check_code(what, m->code, err);
    if (st != WV_OK)
        return st;
    snprintf(what, sizeof what, "Roster.members[%zu].name", i);
    if (m->name[0] == '\0')
        return wv_error_set(err, WV_ERR_MISSING_FIELD, "%s: empty (member %s)", what, m->code);
    st = wv_check_text(what, m->name, WV_MAX_NAME_BYTES, err);
    if (st != WV_OK)
        return st;
    snprintf(what, sizeof what, "Roster.members[%zu].joined", i);
    return wv_check_date_opt(what, m->joined, err);
}

static wv_status members_rules(const wv_roster_msg *r, wv_error *err)
{
    if (r->n_members > WV_MAX_MEMBERS)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "Roster.members: %zu, over the limit of %u",
                            r->n_members, WV_MAX_MEMBERS);
    for (size_t i = 0; i < r->n_members; i++) {
        wv_status st = member_rules(r->members[i], i, err);
        if (st != WV_OK)
            return st;
        if (i == 0)
            continue;
        int cmp = strcmp(r->members[i - 1]->code, r->members[i]->code);
        if (cmp == 0)
            return wv_error_set(err, WV_ERR_DUPLICATE_MEMBER,
                                "Roster.members[%zu]: member %s appears twice", i,
                                r->members[i]->code);
        if (cmp > 0)
            return wv_error_set(err, WV_ERR_NONCANONICAL,
                                "Roster.members[%zu]: members not sorted (%s after %s)", i,
                                r->members[i]->code, r->members[i - 1]->code);
    }
    return WV_OK;
}

static int member_listed(const wv_roster_msg *r, const char *code)
{
    size_t lo = 0, hi = r->n_members; /* members are sorted by now */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(r->members[mid]->code, code);
        if (cmp == 0)
            return 1;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static wv_status key_times(const Wtovote__V1__MemberKey *k, size_t i, wv_error *err)
{
    if (k->valid_from < 0)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Roster.keys[%zu].valid_from: negative", i);
    if (k->valid_until != 0 && k->valid_until <= k->valid_from)
        return wv_error_set(err, WV_ERR_BAD_VALUE,
                            "Roster.keys[%zu].valid_until: %lld is not after valid_from %lld", i,
                            (long long)k->valid_until, (long long)k->valid_from);
    if (k->revoked_at < 0)
        return wv_error_set(err, WV_ERR_BAD_VALUE, "Roster.keys[%zu].revoked_at: negative", i);
    return WV_OK;
}

static wv_status key_rules(const wv_roster_msg *r, size_t i, wv_error *err)
{
    const Wtovote__V1__MemberKey *k = r->keys[i];
    char what[64];
    snprintf(what, sizeof what, "Roster.keys[%zu].member", i);
    wv_status st = wv_check_code(what, k->member, err);
    if (st != WV_OK)
        return st;
    if (!member_listed(r, k->member))
        return wv_error_set(err, WV_ERR_MEMBER_UNKNOWN, "%s: %s is not a member of the roster",
                            what, k->member);
    snprintf(what, sizeof what, "Roster.keys[%zu].key_id", i);
    st = wv_check_bytes(what, &k->key_id, WV_KEY_ID_BYTES, err);
    if (st != WV_OK)
        return st;
    snprintf(what, sizeof what, "Roster.keys[%zu].public_key", i);
    st = wv_check_bytes(what, &k->public_key, WV_PUBLIC_KEY_BYTES, err);
    if (st != WV_OK)
        return st;
    return key_times(k, i, err);
}

/* Duplicate detection by sorting pointers: O(n log n) for up to WV_MAX_KEYS. */
static int cmp_key_id(const void *a, const void *b)
{
    const Wtovote__V1__MemberKey *x = *(Wtovote__V1__MemberKey *const *)a;
    const Wtovote__V1__MemberKey *y = *(Wtovote__V1__MemberKey *const *)b;
    return memcmp(x->key_id.data, y->key_id.data, WV_KEY_ID_BYTES);
}

static int cmp_public_key(const void *a, const void *b)
{
    const Wtovote__V1__MemberKey *x = *(Wtovote__V1__MemberKey *const *)a;
    const Wtovote__V1__MemberKey *y = *(Wtovote__V1__MemberKey *const *)b;
    return memcmp(x->public_key.data, y->public_key.data, WV_PUBLIC_KEY_BYTES);
}

static wv_status duplicate_keys(const wv_roster_msg *r, wv_error *err)
{
    size_t n = r->n_keys;
    if (n < 2)
        return WV_OK;
    Wtovote__V1__MemberKey **v = malloc(n * sizeof *v);
    if (v == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "Roster.keys: out of memory");
    wv_status st = WV_OK;
    memcpy(v, r->keys, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp_key_id);
    for (size_t i = 1; i < n && st == WV_OK; i++)
        if (cmp_key_id(&v[i - 1], &v[i]) == 0)
            st = wv_error_set(err, WV_ERR_DUPLICATE_KEY,
                              "Roster.keys: key id listed twice (members %s and %s)",
                              v[i - 1]->member, v[i]->member);
    qsort(v, n, sizeof *v, cmp_public_key);
    for (size_t i = 1; i < n && st == WV_OK; i++)
        if (cmp_public_key(&v[i - 1], &v[i]) == 0)
            st = wv_error_set(err, WV_ERR_DUPLICATE_KEY,
                              "Roster.keys: public key listed twice (members %s and %s)",
                              v[i - 1]->member, v[i]->member);
    free(v);
    return st;
}

static wv_status keys_rules(const wv_roster_msg *r, wv_error *err)
{
    if (r->n_keys > WV_MAX_KEYS)
        return wv_error_set(err, WV_ERR_TOO_LARGE, "Roster.keys: %zu, over the limit of %u",
                            r->n_keys, WV_MAX_KEYS);
    for (size_t i = 0; i < r->n_keys; i++) {
        wv_status st = key_rules(r, i, err);
        if (st != WV_OK)
            return st;
    }
    return duplicate_keys(r, err);
}

static wv_status secretariat_rules(const wv_roster_msg *r, wv_error *err)
{
    if (r->secretariat_key_id.len == 0 && r->secretariat_public_key.len == 0)
        return WV_OK;
    wv_status st = wv_check_bytes("Roster.secretariat_key_id", &r->secretariat_key_id,
                                  WV_KEY_ID_BYTES, err);
    if (st == WV_OK)
        st = wv_check_bytes("Roster.secretariat_public_key", &r->secretariat_public_key,
                            WV_PUBLIC_KEY_BYTES, err);
    return st;
}

wv_status wv_roster_msg_rules(const wv_roster_msg *r, wv_error *err)
{
    wv_status st = wv_check_version("Roster", r->version, err);
    if (st == WV_OK)
        st = wv_check_date_opt("Roster.as_of", r->as_of, err);
    if (st == WV_OK)
        st = members_rules(r, err);
    if (st == WV_OK)
        st = keys_rules(r, err);
    if (st == WV_OK)
        st = secretariat_rules(r, err);
    return st;
}
