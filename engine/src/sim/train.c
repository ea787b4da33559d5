/* The training session (SPEC.md, "Training sessions"): the trainee plays a
 * delegation or the chair, the model the rest; every step goes through the
 * meeting state machine, and a refused step shows the machine's reason. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/train_internal.h"

#define TRAIN_RUN 0 /* the session draws dispositions as run 0 of its seed */
enum { STREAM_TRAIN = 200 };

void train_say(wv_train *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (t->out_len + (size_t)n + 1 > t->out_cap) {
        size_t cap = (t->out_cap + (size_t)n + 1) * 2;
        char *p = realloc(t->out, cap);
        if (p == NULL)
            return;
        t->out = p;
        t->out_cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(t->out + t->out_len, t->out_cap - t->out_len, fmt, ap);
    va_end(ap);
    t->out_len += (size_t)n;
}

static const char *code(const wv_train *t, uint32_t i)
{
    return t->s->all[i].code;
}

static wv_status push(wv_train *t, const train_step *st)
{
    if (t->n_steps == t->cap_steps) {
        size_t cap = t->cap_steps ? t->cap_steps * 2 : 256;
        train_step *p = realloc(t->steps, cap * sizeof *p);
        if (p == NULL)
            return WV_ERR_NOMEM;
        t->steps = p;
        t->cap_steps = cap;
    }
    t->steps[t->n_steps++] = *st;
    return WV_OK;
}

/* An act by Member i. A refusal of the trainee's own act is shown, not an
 * error; a refusal of a model act is a bug. */
static wv_status act(wv_train *t, uint32_t i, wv_act_kind kind, wv_choice choice, int bloc,
                     const char *text, int *admitted, wv_error *err)
{
    wv_error e = {0};
    *admitted = 0;
    wv_status st = wv_meeting_act(t->pl.mt, t->s->active_index[i], kind,
                                  kind == WV_ACT_ATTEND ? 0 : 1, choice, bloc, t->now, NULL, &e);
    if (st == WV_ERR_INADMISSIBLE && (int)i == t->me) {
        train_say(t, "  refused: %s\n", e.message);
        return WV_OK;
    }
    if (st != WV_OK) {
        if (err)
            *err = e;
        return st;
    }
    train_step s = {.chair = 0, .kind = (uint8_t)kind, .choice = (uint8_t)choice,
                    .bloc = (uint8_t)bloc, .member = i, .time = t->now};
    if (text)
        snprintf(s.text, sizeof s.text, "%s", text);
    *admitted = 1;
    return push(t, &s);
}

static wv_status chair(wv_train *t, wv_chair_kind kind, int *admitted, wv_error *err)
{
    wv_error e = {0};
    *admitted = 0;
    wv_status st = wv_meeting_chair(t->pl.mt, kind, 1, t->now, NULL, &e);
    if (st == WV_ERR_INADMISSIBLE) {
        train_say(t, "  the chair cannot: %s\n", e.message);
        return WV_OK;
    }
    if (st != WV_OK) {
        if (err)
            *err = e;
        return st;
    }
    train_step s = {.chair = 1, .kind = (uint8_t)kind, .time = t->now};
    *admitted = 1;
    return push(t, &s);
}

static void item(const wv_train *t, wv_item_info *it)
{
    memset(it, 0, sizeof *it);
    (void)wv_meeting_item_at(t->pl.mt, 0, it);
}

static void status(wv_train *t)
{
    wv_item_info it;
    item(t, &it);
    train_say(t, "  [day %lld] %s, ambition %.2f: %u present of %u, %u objection(s) in force, "
                 "%u vote request(s)", (long long)((t->now - SIM_T0) / SIM_DAY),
              wv_item_stage_name(it.stage), t->ambition / 1000.0, it.present, it.eligible,
              it.objections, it.vote_requests);
    if (it.vote_open || it.vote_closed)
        train_say(t, "; ballots yes %u, no %u, abstain %u", it.yes, it.no, it.abstain);
    if ((it.vote_open || it.vote_closed) && it.eu_bloc != WV_CHOICE_NONE)
        train_say(t, ", EU bloc %s (%u votes)", it.eu_bloc == WV_CHOICE_YES ? "yes"
                  : it.eu_bloc == WV_CHOICE_NO ? "no" : "abstains", t->pl.s->eu_states_due);
    train_say(t, "\n");
}

/* ------------------------------------------------------------ the model */

static wv_status model_objections(wv_train *t, wv_error *err)
{
    int reverse = wv_procedure_is_reverse_consensus(t->p), shown = 0, ok;
    uint32_t count = 0;
    for (uint32_t i = 0; i < t->pl.n; i++) {
        if ((int)i == t->me || !sim_objects(&t->pl, i, t->ambition, reverse))
            continue;
        wv_status st = act(t, i, WV_ACT_OBJECT, WV_CHOICE_NONE, 0, NULL, &ok, err);
        if (st != WV_OK)
            return st;
        if (count++ == 0)
            train_say(t, "  formal objection(s) by:");
        if (shown++ < 12)
            train_say(t, " %s", code(t, i));
    }
    if (count > 12)
        train_say(t, " and %u more", count - 12);
    train_say(t, count ? "\n" : "  no delegation of the model objects\n");
    return WV_OK;
}

/* WT/L/93: once consensus has failed the proponents may ask for a vote. */
static wv_status model_request(wv_train *t, wv_error *err)
{
    wv_item_info it;
    item(t, &it);
    if (it.objections == 0 || !wv_procedure_allows_vote(t->p) || t->s->transition_obligation ||
        !wv_procedure_vote_needs_request(t->p))
        return WV_OK;
    int i = sim_vote_requester(&t->pl, &t->g, t->ambition, t->me), ok;
    if (i < 0)
        return WV_OK;
    wv_status st = act(t, (uint32_t)i, WV_ACT_REQUEST_VOTE, WV_CHOICE_NONE, 0, NULL, &ok, err);
    if (st == WV_OK && ok)
        train_say(t, "  %s requests a vote (WT/L/93)\n", code(t, (uint32_t)i));
    return st;
}

static wv_status model_ballots(wv_train *t, wv_error *err)
{
    int eu = t->pl.eu, bloc_cast = 0, ok;
    const wv_scenario *s = t->s;
    if (t->pl.bloc && t->pl.present[eu]) {
        if (eu != t->me) {
            wv_choice c = sim_ballot(&t->pl, &t->g, (uint32_t)eu, t->ambition);
            wv_status st = act(t, (uint32_t)eu, WV_ACT_VOTE, c, 1, NULL, &ok, err);
            if (st != WV_OK)
                return st;
        }
        bloc_cast = 1; /* or the trainee, as the EU, will cast it */
    }
    for (uint32_t i = 0; i < t->pl.n; i++) {
        const sim_member *m = &s->all[i];
        if ((int)i == t->me || !t->pl.present[i] || m->is_eu || (bloc_cast && m->eu_state))
            continue;
        wv_choice c = sim_ballot(&t->pl, &t->g, i, t->ambition);
        wv_status st = act(t, i, WV_ACT_VOTE, c, 0, NULL, &ok, err);
        if (st != WV_OK)
            return st;
    }
    return WV_OK;
}

/* ------------------------------------------------------------ chair steps */

static wv_status decide_now(wv_train *t, wv_error *err)
{
    wv_error e = {0};
    wv_decision d;
    wv_status st = wv_meeting_decide(t->pl.mt, 1, t->now, &d, NULL, &e);
    if (st == WV_ERR_INADMISSIBLE) {
        train_say(t, "  the chair cannot decide: %s\n", e.message);
        return WV_OK;
    }
    if (st != WV_OK) {
        if (err)
            *err = e;
        return st;
    }
    t->decision = d;
    t->decided = 1;
    t->pl.decided_at = t->now;
    sim_tally_of(&t->pl, t->now, &t->final_tally);
    train_step s = {.chair = 1, .kind = WV_CHAIR_DECIDE, .time = t->now};
    if ((st = push(t, &s)) != WV_OK)
        return st;
    t->state = T_DONE;
    train_say(t, "  DECISION: %s (%s)\n", wv_outcome_name(d.outcome), wv_stage_name(d.stage));
    return WV_OK;
}

static wv_status call_consensus(wv_train *t, wv_error *err)
{
    int ok;
    wv_status st = chair(t, WV_CHAIR_CONSENSUS_CALL, &ok, err);
    if (st != WV_OK || !ok)
        return st;
    t->state = T_CONSENSUS;
    train_say(t, "The chair calls for consensus on the proposal (%s).\n",
              wv_procedure_citation(t->p));
    st = model_objections(t, err);
    if (st == WV_OK)
        st = model_request(t, err);
    return st;
}

/* Lowest ceiling among the Members whose objection is in force. */
static int32_t strongest_objection(const wv_train *t)
{
    int32_t low = t->ambition;
    wv_item_info it;
    item(t, &it);
    for (uint32_t i = 0; i < t->pl.n; i++)
        if (wv_meeting_position(t->pl.mt, 0, t->s->active_index[i]) == WV_POS_OBJECTED &&
            t->pl.tau[i] < low && (int)i != t->me)
            low = t->pl.tau[i];
    return low;
}

static wv_status revise(wv_train *t, int32_t to, wv_error *err)
{
    t->ambition = to;
    t->revisions++;
    train_step s = {.chair = 1, .kind = WV_CHAIR_MOTION_REVISE, .time = t->now};
    snprintf(s.text, sizeof s.text, "%s (revision %u, ambition %.2f)", t->s->subject,
             t->revisions, to / 1000.0);
    t->pl.motion.title = s.text;
    wv_error e = {0};
    wv_status st = sim_meeting_revise(&t->pl, t->now, &e);
    t->pl.motion.title = (char *)t->s->subject;
    if (st != WV_OK) {
        if (err)
            *err = e;
        return st;
    }
    if ((st = push(t, &s)) != WV_OK)
        return st;
    train_say(t, "The chair revises the proposal to ambition %.2f; objections to the old text "
                 "lapse.\n", to / 1000.0);
    return call_consensus(t, err);
}

static wv_status open_vote(wv_train *t, wv_error *err)
{
    int ok;
    wv_status st = chair(t, WV_CHAIR_VOTE_OPEN, &ok, err);
    if (st != WV_OK || !ok)
        return st;
    t->state = T_VOTING;
    train_say(t, "The vote is open (%s).\n", wv_procedure_citation(t->p));
    st = model_ballots(t, err);
    if (st == WV_OK)
        status(t);
    return st;
}

static wv_status close_and_decide(wv_train *t, wv_error *err)
{
    int ok;
    wv_status st = chair(t, WV_CHAIR_VOTE_CLOSE, &ok, err);
    if (st != WV_OK || !ok)
        return st;
    t->state = T_VOTE_CLOSED;
    return decide_now(t, err);
}

static uint32_t period_days(const wv_train *t)
{
    uint32_t rule = wv_procedure_max_consensus_days(t->p);
    return t->s->consensus_period_days && rule ? t->s->consensus_period_days : rule;
}

/* The model chair (the trainee plays a delegation): after each of the
 * trainee's turns in the consensus phase, decide, go to a vote, or revise. */
static wv_status auto_chair(wv_train *t, wv_error *err)
{
    wv_item_info it;
    item(t, &it);
    if (it.objections == 0)
        return decide_now(t, err);
    int vote_ok = wv_procedure_allows_vote(t->p) && !t->s->transition_obligation;
    if (vote_ok && (it.vote_requests > 0 || !wv_procedure_vote_needs_request(t->p))) {
        int64_t end = SIM_T0 + (int64_t)period_days(t) * SIM_DAY;
        if (t->now < end) {
            train_say(t, "The consensus period runs to day %u; the chair waits.\n",
                      period_days(t));
            t->now = end;
        }
        wv_status st = open_vote(t, err);
        if (st != WV_OK || t->state == T_VOTING)
            return st;
        return decide_now(t, err);
    }
    int32_t strongest = strongest_objection(t);
    int32_t next = t->ambition - t->s->concession > strongest ? t->ambition - t->s->concession
                                                               : strongest;
    if (t->revisions < t->s->max_rounds && next >= t->s->floor && next < t->ambition)
        return revise(t, next, err);
    train_say(t, "The chair can revise no further (floor %.2f).\n", t->s->floor / 1000.0);
    return decide_now(t, err);
}

/* ------------------------------------------------------------ setup */

static void set_prompt(wv_train *t)
{
    if (t->me < 0)
        snprintf(t->prompt, sizeof t->prompt, "chair> ");
    else
        snprintf(t->prompt, sizeof t->prompt, "delegation %s> ", code(t, (uint32_t)t->me));
}

static wv_status open_meeting(wv_train *t, wv_error *err)
{
    wv_status st = sim_meeting_begin(&t->pl, t->p, t->ambition, 0, err);
    if (st != WV_OK)
        return st;
    train_step open = {.chair = 1, .kind = WV_CHAIR_MEETING_OPEN, .time = t->now};
    train_step table = {.chair = 1, .kind = WV_CHAIR_MOTION_TABLE, .time = t->now};
    snprintf(table.text, sizeof table.text, "%s", t->s->subject);
    if ((st = push(t, &open)) != WV_OK || (st = push(t, &table)) != WV_OK)
        return st;
    for (uint32_t i = 0; i < t->pl.n; i++) {
        t->pl.present[i] = (uint8_t)((int)i == t->me || sim_attends(&t->pl, &t->g, i));
        int ok;
        if (t->pl.present[i] &&
            (st = act(t, i, WV_ACT_ATTEND, WV_CHOICE_NONE, 0, NULL, &ok, err)) != WV_OK)
            return st;
    }
    return WV_OK;
}

wv_status wv_train_new(const wv_scenario *s, const char *as, size_t procedure, uint64_t seed,
                       wv_train **out, wv_error *err)
{
    if (s == NULL || as == NULL || out == NULL || procedure >= s->n_procs)
        return wv_error_set(err, WV_ERR_ARG, "train: scenario, role and a procedure of the "
                                             "scenario needed");
    wv_train *t = calloc(1, sizeof *t);
    if (t == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "train: out of memory");
    t->s = s;
    t->p = s->procs[procedure];
    t->me = -1;
    if (strcmp(as, "chair") != 0) {
        for (uint32_t i = 0; i < s->n && t->me < 0; i++)
            if (strcmp(s->all[i].code, as) == 0)
                t->me = (int)i;
        if (t->me < 0) {
            free(t);
            return wv_error_set(err, WV_ERR_ARG, "train: --as %s is neither \"chair\" nor a "
                                                 "Member taking part in the scenario", as);
        }
    }
    t->ambition = s->ambition;
    t->now = SIM_T0;
    wv_rng_init(&t->g, seed, TRAIN_RUN, STREAM_TRAIN);
    wv_status st = sim_play_init(&t->pl, s, seed, err);
    if (st != WV_OK) {
        free(t);
        return st;
    }
    sim_draw_dispositions(&t->pl, TRAIN_RUN);
    set_prompt(t);
    st = open_meeting(t, err);
    if (st == WV_OK) {
        wv_item_info it;
        item(t, &it);
        train_say(t, "Training meeting: %s\nProposal: %s (ambition %.2f, proponents' floor %.2f)"
                     "\nProcedure: %s, %s [%s]\n%u of %u Members present. You play %s.\n",
                  s->title, s->subject, s->ambition / 1000.0, s->floor / 1000.0,
                  wv_procedure_id(t->p), wv_procedure_title(t->p), wv_procedure_citation(t->p), it.present, it.eligible,
                  t->me < 0 ? "the chair" : code(t, (uint32_t)t->me));
        if (t->me >= 0 && wv_procedure_is_acceptance(t->p))
            st = wv_error_set(err, WV_ERR_ARG, "train: acceptance procedures (Art. X) are not "
                                               "played at a meeting; choose another procedure");
        else if (t->me >= 0 && wv_procedure_has_consensus_phase(t->p))
            st = call_consensus(t, err);
        else if (t->me >= 0)
            st = open_vote(t, err);
    }
    if (st != WV_OK) {
        wv_train_free(t);
        return st;
    }
    *out = t;
    return WV_OK;
}

void wv_train_free(wv_train *t)
{
    if (t == NULL)
        return;
    sim_play_free(&t->pl);
    free(t->steps);
    free(t->out);
    free(t->taken);
    free(t);
}

const char *wv_train_take_output(wv_train *t)
{
    free(t->taken);
    t->taken = t->out ? t->out : calloc(1, 1);
    t->out = NULL;
    t->out_len = t->out_cap = 0;
    return t->taken ? t->taken : "";
}

const char *wv_train_prompt(const wv_train *t) { return t->prompt; }
int wv_train_finished(const wv_train *t) { return t->state == T_DONE; }

/* ------------------------------------------------------------ input */

static const char delegation_help[] =
    "commands: status | statement TEXT | object | withdraw | request-vote |\n"
    "          vote yes|no|abstain | pass (let the chair proceed) | quit\n";
static const char chair_help[] =
    "commands: status | call (for consensus) | revise [AMBITION] | wait DAYS |\n"
    "          open-vote | close-vote | decide | quit\n";

static wv_status delegation_input(wv_train *t, const char *cmd, const char *arg, wv_error *err)
{
    uint32_t me = (uint32_t)t->me;
    int ok = 0;
    wv_status st = WV_OK;
    if (strcmp(cmd, "statement") == 0) {
        st = act(t, me, WV_ACT_STATEMENT, WV_CHOICE_NONE, 0, arg, &ok, err);
        if (st == WV_OK && ok)
            train_say(t, "  statement recorded\n");
        return st;
    }
    if (strcmp(cmd, "object") == 0 || strcmp(cmd, "withdraw") == 0 ||
        strcmp(cmd, "request-vote") == 0) {
        wv_act_kind k = cmd[0] == 'o' ? WV_ACT_OBJECT : cmd[0] == 'w' ? WV_ACT_WITHDRAW
                                                                      : WV_ACT_REQUEST_VOTE;
        st = act(t, me, k, WV_CHOICE_NONE, 0, NULL, &ok, err);
        if (st == WV_OK && ok)
            train_say(t, "  %s recorded\n", cmd);
        return st;
    }
    if (strcmp(cmd, "vote") == 0) {
        wv_choice c = strcmp(arg, "yes") == 0 ? WV_CHOICE_YES : strcmp(arg, "no") == 0
                      ? WV_CHOICE_NO : strcmp(arg, "abstain") == 0 ? WV_CHOICE_ABSTAIN
                      : WV_CHOICE_NONE;
        if (c == WV_CHOICE_NONE)
            return wv_error_set(err, WV_ERR_ARG, "vote yes, vote no or vote abstain");
        int bloc = t->s->all[me].is_eu && t->pl.bloc;
        st = act(t, me, WV_ACT_VOTE, c, bloc, NULL, &ok, err);
        if (st == WV_OK && ok) {
            if (bloc)
                train_say(t, "  your vote (%s, EU bloc of %u votes) is cast\n", arg,
                          t->pl.s->eu_states_due);
            else
                train_say(t, "  your vote (%s) is cast\n", arg);
            if (t->state == T_VOTING)
                st = close_and_decide(t, err);
        }
        return st;
    }
    if (strcmp(cmd, "pass") == 0)
        return t->state == T_VOTING ? close_and_decide(t, err) : auto_chair(t, err);
    return wv_error_set(err, WV_ERR_ARG, "unknown command \"%s\"; %s", cmd, delegation_help);
}

static wv_status chair_input(wv_train *t, const char *cmd, const char *arg, wv_error *err)
{
    if (strcmp(cmd, "call") == 0)
        return call_consensus(t, err);
    if (strcmp(cmd, "revise") == 0) {
        int32_t to = t->ambition - t->s->concession;
        if (*arg) {
            char *end;
            double v = strtod(arg, &end);
            if (*end != '\0' || !(v >= 0 && v <= 1))
                return wv_error_set(err, WV_ERR_ARG, "revise AMBITION: a number from 0 to 1");
            to = (int32_t)(v * 1000 + 0.5);
        }
        if (t->state != T_CONSENSUS && t->state != T_TABLED) {
            train_say(t, "  the chair cannot revise once the vote has been opened\n");
            return WV_OK;
        }
        return revise(t, to < 0 ? 0 : to, err);
    }
    if (strcmp(cmd, "wait") == 0) {
        long days = strtol(arg, NULL, 10);
        if (days <= 0 || days > 3650)
            return wv_error_set(err, WV_ERR_ARG, "wait DAYS: 1 to 3650");
        t->now += days * SIM_DAY;
        train_say(t, "  day %lld\n", (long long)((t->now - SIM_T0) / SIM_DAY));
        return WV_OK;
    }
    if (strcmp(cmd, "open-vote") == 0)
        return open_vote(t, err);
    if (strcmp(cmd, "close-vote") == 0) {
        int ok;
        wv_status st = chair(t, WV_CHAIR_VOTE_CLOSE, &ok, err);
        if (st == WV_OK && ok) {
            t->state = T_VOTE_CLOSED;
            train_say(t, "  the vote is closed\n");
        }
        return st;
    }
    if (strcmp(cmd, "decide") == 0)
        return decide_now(t, err);
    return wv_error_set(err, WV_ERR_ARG, "unknown command \"%s\"; %s", cmd, chair_help);
}

wv_status wv_train_input(wv_train *t, const char *line, wv_error *err)
{
    char cmd[32] = "";
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strcspn(p, " \t\r\n");
    if (n == 0)
        return WV_OK;
    if (n >= sizeof cmd)
        n = sizeof cmd - 1;
    memcpy(cmd, p, n);
    p += strcspn(p, " \t\r\n");
    while (*p == ' ' || *p == '\t')
        p++;
    char arg[256];
    snprintf(arg, sizeof arg, "%.*s", (int)strcspn(p, "\r\n"), p);
    if (strcmp(cmd, "help") == 0) {
        train_say(t, "%s", t->me < 0 ? chair_help : delegation_help);
        return WV_OK;
    }
    if (strcmp(cmd, "status") == 0) {
        status(t);
        return WV_OK;
    }
    if (t->state == T_DONE) {
        train_say(t, "  the item has been decided; the session is over\n");
        return WV_OK;
    }
    if (strcmp(cmd, "quit") == 0) {
        train_say(t, "The chair closes the discussion and decides as things stand.\n");
        if (t->state == T_VOTING) {
            int ok;
            wv_status st = chair(t, WV_CHAIR_VOTE_CLOSE, &ok, err);
            if (st != WV_OK)
                return st;
        }
        if (t->state == T_TABLED && wv_procedure_has_consensus_phase(t->p)) {
            wv_status st = call_consensus(t, err);
            if (st != WV_OK)
                return st;
        }
        return decide_now(t, err);
    }
    return t->me < 0 ? chair_input(t, cmd, arg, err) : delegation_input(t, cmd, arg, err);
}
