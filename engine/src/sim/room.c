/* A live room's simulated delegations (`wtovote serve --demo`): the model of
 * SPEC.md "The model" asked Member by Member. The choices are sim_play.h's,
 * the ones the Monte Carlo and the training session make; the caller (the
 * server) signs and submits the acts, so the meeting state machine judges
 * them as it judges anyone's. */
#include <stdlib.h>
#include <string.h>

#include "sim/sim_play.h"

#define ROOM_RUN 0 /* dispositions: run 0 of the seed, as a training session */
enum { STREAM_ROOM = 300 };

struct wv_sim_room {
    const wv_procedure *p;
    sim_play pl;
    wv_rng g;
    uint8_t *released; /* played by a person */
};

wv_status wv_sim_room_new(const wv_scenario *s, size_t procedure, uint64_t seed,
                          wv_sim_room **out, wv_error *err)
{
    if (s == NULL || out == NULL || procedure >= s->n_procs)
        return wv_error_set(err, WV_ERR_ARG, "room: a scenario and one of its procedures needed");
    wv_sim_room *r = calloc(1, sizeof *r);
    if (r == NULL || (r->released = calloc(s->n, 1)) == NULL) {
        free(r);
        return wv_error_set(err, WV_ERR_NOMEM, "room: out of memory");
    }
    r->p = s->procs[procedure];
    wv_status st = sim_play_init(&r->pl, s, seed, err);
    if (st != WV_OK) {
        free(r->released);
        free(r);
        return st;
    }
    sim_draw_dispositions(&r->pl, ROOM_RUN);
    r->pl.bloc_item = r->pl.bloc && !wv_procedure_is_gatt1947(r->p); /* XXV:3 */
    wv_rng_init(&r->g, seed, ROOM_RUN, STREAM_ROOM);
    *out = r;
    return WV_OK;
}

void wv_sim_room_free(wv_sim_room *r)
{
    if (r == NULL)
        return;
    sim_play_free(&r->pl);
    free(r->released);
    free(r);
}

static int in_range(const wv_sim_room *r, uint32_t i)
{
    return r != NULL && i < r->pl.n;
}

void wv_sim_room_release(wv_sim_room *r, uint32_t i)
{
    if (in_range(r, i))
        r->released[i] = 1;
}

int wv_sim_room_attends(wv_sim_room *r, uint32_t i)
{
    if (!in_range(r, i))
        return 0;
    r->pl.present[i] = (uint8_t)sim_attends(&r->pl, &r->g, i);
    return r->pl.present[i];
}

void wv_sim_room_set_present(wv_sim_room *r, uint32_t i, int present)
{
    if (in_range(r, i))
        r->pl.present[i] = present != 0;
}

int wv_sim_room_objects(const wv_sim_room *r, uint32_t i)
{
    return in_range(r, i) &&
           sim_objects(&r->pl, i, r->pl.s->ambition, wv_procedure_is_reverse_consensus(r->p));
}

int wv_sim_room_vote_requester(wv_sim_room *r)
{
    if (r == NULL)
        return -1;
    /* Members played by people are not asked: mark them absent to the rule
     * for the one draw, keeping the model's stream as it is. */
    uint8_t *saved = malloc(r->pl.n);
    if (saved == NULL)
        return -1;
    memcpy(saved, r->pl.present, r->pl.n);
    for (uint32_t i = 0; i < r->pl.n; i++)
        if (r->released[i])
            r->pl.present[i] = 0;
    int who = sim_vote_requester(&r->pl, &r->g, r->pl.s->ambition, -1);
    memcpy(r->pl.present, saved, r->pl.n);
    free(saved);
    return who;
}

wv_choice wv_sim_room_ballot(wv_sim_room *r, uint32_t i, int bloc_cast, int *bloc)
{
    *bloc = 0;
    if (!in_range(r, i))
        return WV_CHOICE_NONE;
    const sim_member *m = &r->pl.s->all[i];
    if ((m->is_eu && !r->pl.bloc_item) || (m->eu_state && bloc_cast && r->pl.bloc_item))
        return WV_CHOICE_NONE;
    *bloc = m->is_eu;
    return sim_ballot(&r->pl, &r->g, i, r->pl.s->ambition);
}

int wv_sim_room_eu(const wv_sim_room *r)
{
    return r != NULL ? r->pl.eu : -1;
}
