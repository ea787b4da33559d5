/* engine/meeting: a digest of the whole state, field by field in a fixed
 * order (never raw struct bytes: padding and text after a NUL would make
 * equal states differ). */
#include <sodium.h>
#include <string.h>

#include "meeting/meeting_internal.h"

static void put_u64(crypto_generichash_state *h, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

static void put_str(crypto_generichash_state *h, const char *s)
{
    size_t n = strlen(s);
    put_u64(h, n);
    crypto_generichash_update(h, (const uint8_t *)s, n);
}

static void put_decision(crypto_generichash_state *h, const wv_decision *d)
{
    put_u64(h, (uint64_t)d->outcome);
    put_u64(h, (uint64_t)d->stage);
    put_u64(h, d->has_required ? d->required : 0);
    put_u64(h, (uint64_t)d->has_required);
    put_u64(h, d->yes);
    put_u64(h, d->no);
    put_u64(h, d->abstain);
    put_u64(h, (uint64_t)d->two_limbs);
    put_u64(h, d->required_of_votes_cast);
    put_u64(h, d->required_of_members);
    put_u64(h, (uint64_t)d->votes_cast_known);
    put_u64(h, d->n_steps);
    for (size_t i = 0; i < d->n_steps && i < WV_MAX_STEPS; i++) {
        put_str(h, d->steps[i].citation);
        put_str(h, d->steps[i].text);
    }
}

static void put_item(crypto_generichash_state *h, const wv_item *it, uint32_t n_members)
{
    const uint64_t v[] = {it->number, (uint64_t)it->stage, (uint64_t)it->tabled_at,
                          it->period_days, (uint64_t)it->transition,
                          (uint64_t)it->terms_complete, (uint64_t)it->deadline_end,
                          (uint64_t)it->parties_only, it->eligible, it->objected, it->requests,
                          it->yes, it->no, it->abstain, it->eu_state_ballots,
                          (uint64_t)it->eu_bloc, it->acceptances, (uint64_t)it->has_decision,
                          (uint64_t)it->consensus_ended_at, (uint64_t)it->vote_closed_at,
                          (uint64_t)it->decided_at, it->report_item,
                          (uint64_t)it->report_outcome};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        put_u64(h, v[i]);
    put_str(h, wv_procedure_id(it->proc));
    put_str(h, it->title);
    put_str(h, it->proponent);
    put_str(h, it->report_meeting);
    put_str(h, it->report_body);
    if (it->has_decision)
        put_decision(h, &it->decision);
    crypto_generichash_update(h, it->pos, n_members);
}

void wv_meeting_digest(const wv_meeting *m, uint8_t out[32])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    const uint64_t v[] = {(uint64_t)m->opened, (uint64_t)m->closed, m->quorum_num,
                          m->quorum_den, (uint64_t)m->vote_request, (uint64_t)m->opened_at,
                          (uint64_t)m->closed_at, (uint64_t)m->last_time, m->n_present,
                          m->n_items, m->skew, (uint64_t)m->max_act_time, m->max_act_member,
                          (uint64_t)m->has_act_time};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        put_u64(&h, v[i]);
    crypto_generichash_update(&h, m->ref, sizeof m->ref);
    put_str(&h, m->id);
    put_str(&h, m->body);
    put_str(&h, m->title);
    crypto_generichash_update(&h, m->present, m->n_members);
    for (size_t i = 0; i < m->n_items; i++)
        put_item(&h, &m->items[i], m->n_members);
    /* enrolled keys only when there are some: digests of meetings without
     * any are those of before enrolment existed */
    for (size_t i = 0; i < m->n_enrolled; i++) {
        put_u64(&h, m->enrolled[i].member);
        put_u64(&h, (uint64_t)m->enrolled[i].time);
        crypto_generichash_update(&h, m->enrolled[i].key_id, sizeof m->enrolled[i].key_id);
        crypto_generichash_update(&h, m->enrolled[i].pk, sizeof m->enrolled[i].pk);
    }
    crypto_generichash_final(&h, out, 32);
}
