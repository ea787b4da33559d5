/* wtovote demo: one scripted mock General Council meeting, end to end.
 *
 * Keys for the 166 Members and the Secretariat (deterministic from the
 * seed), the roster signed by the Secretariat, the record of a meeting with
 * five items (MANUAL.md, "The demo"), then the record verified
 * with the library verifier (`wtovote verify`), the HTML report written and
 * a short summary printed. The same seed gives the same bytes: keys from
 * wv_secret_key_from_seed, times from the date, draws of Members from
 * BLAKE2b over the seed. The script only chooses acts; every outcome is
 * derived by the rules engine through the record. */
#include <errno.h>
#include <stdarg.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "cli.h"
#include "report.h"
#include "workflow.h"
#include "wtovote/util.h"

static const char DEMO_HELP[] =
    "usage: wtovote demo [--out DIR] [--seed S] [--time DATE] [--quiet]\n\n"
    "Runs one scripted mock General Council meeting and writes into DIR\n"
    "(default demo-out):\n"
    "  keys/CODE.key, keys/CODE.pub   a key pair for each of the 166 Members and\n"
    "                                 keys/SECRETARIAT.*; unencrypted (.key mode 0600)\n"
    "  roster.pb                      the roster with those keys, signed by the\n"
    "                                 Secretariat\n"
    "  record/                        the record directory (wtovote verify DIR/record),\n"
    "                                 with a receipt per act in record/receipts/\n"
    "  report.html                    the report (wtovote report)\n"
    "  summary.txt                    what this command prints\n"
    "Items: 1 a waiver adopted by consensus with its Art. IX:4 terms; 2 an\n"
    "accession: one objection, a vote requested (WT/L/93), two-thirds of the\n"
    "Members approve (XII:2); 3 an Annex 4 addition blocked by two objections\n"
    "(X:9); 4 a majority vote carried by the EU's 27-vote bloc (IX:1 fn 2);\n"
    "5 the General Council convened as the DSB (Art. IV:3): a panel established\n"
    "by reverse consensus (DSU 6.1).\n"
    "The same seed (default \"wtovote-demo\") and date (default 2026-11-27) give\n"
    "the same keys, record and report. DIR may hold an earlier demo (it is\n"
    "replaced); any other non-empty DIR is refused.\n\n"
    "exit codes: 0 done and the record verifies, 1 a scripted act was refused or\n"
    "the record does not verify, 2 usage or I/O\n";

#define DEMO_MARK "summary.txt"
#define N_MAX 512

typedef struct demo {
    const char *out, *seed;
    char record[600];
    int quiet;
    wv_roster *roster;
    size_t n;                  /* Members */
    wv_secret_key *sec;
    wv_secret_key *keys[N_MAX];
    int present[N_MAX];
    wv_session *session;       /* the record being written */
    char meeting_id[WV_MAX_ID_BYTES + 1];
    int64_t t;                 /* the next entry's time: the script's clock */
    FILE *log;                 /* summary.txt, in memory until the end */
    char *log_buf;
    size_t log_len;
} demo;

/* ------------------------------------------------------------ seeds */

/* BLAKE2b-256(domain || 0x00 || seed || 0x00 || label || 0x00 || code). */
static void derive(const demo *d, const char *domain, const char *label, const char *code,
                   uint8_t out[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    const char *parts[] = {domain, d->seed, label, code};
    for (size_t i = 0; i < 4; i++) {
        crypto_generichash_update(&st, (const uint8_t *)parts[i], strlen(parts[i]));
        if (i < 3)
            crypto_generichash_update(&st, (const uint8_t *)"", 1);
    }
    crypto_generichash_final(&st, out, 32);
}

static const char *code_of(const demo *d, size_t i)
{
    return wv_roster_member_at(d->roster, i)->code;
}

static int is_eu(const demo *d, size_t i)
{
    const Wtovote__V1__Member *m = wv_roster_member_at(d->roster, i);
    return m->eu_member_state || strcmp(m->code, WV_EU_CODE) == 0;
}

typedef struct draw_key {
    uint64_t h;
    uint32_t i;
} draw_key;

static int draw_cmp(const void *a, const void *b)
{
    const draw_key *x = a, *y = b;
    return x->h < y->h ? -1 : x->h > y->h ? 1 : (x->i > y->i) - (x->i < y->i);
}

/* The Members ordered by BLAKE2b(label, code): a draw that depends only on
 * the seed and the label. Members in `exclude` (may be NULL) are left out;
 * returns how many were written to out. */
static size_t draw(const demo *d, const char *label, const int *exclude, uint32_t *out)
{
    draw_key k[N_MAX];
    size_t m = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (exclude != NULL && exclude[i])
            continue;
        uint8_t h[32];
        derive(d, "wtovote demo draw v1", label, code_of(d, i), h);
        uint64_t v = 0;
        for (int b = 7; b >= 0; b--)
            v = (v << 8) | h[b];
        k[m].h = v;
        k[m++].i = (uint32_t)i;
    }
    qsort(k, m, sizeof k[0], draw_cmp);
    for (size_t i = 0; i < m; i++)
        out[i] = k[i].i;
    return m;
}

/* ------------------------------------------------------------ output */

static void say(demo *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(demo *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(d->log, fmt, ap);
    va_end(ap);
    if (!d->quiet) {
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
    }
}

static int io_fail(const char *path)
{
    return wv_cli_usage_error("%s: %s", path, strerror(errno));
}

static int join(char *out, size_t size, const char *a, const char *b)
{
    int n = snprintf(out, size, "%s/%s", a, b);
    return n < 0 || (size_t)n >= size ? wv_cli_usage_error("%s: path too long", a) : 0;
}

/* ------------------------------------------------------------ DIR */

/* Removes a file or a directory tree (of an earlier demo). */
static int rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        struct dirent *de;
        while (dir != NULL && (de = readdir(dir)) != NULL) {
            char sub[1024];
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
            if (rm_tree(sub) != 0) {
                closedir(dir);
                return -1;
            }
        }
        if (dir != NULL)
            closedir(dir);
    }
    return remove(path);
}

/* DIR may be new, empty, or an earlier demo (it has summary.txt and
 * record/): then its demo files are removed. */
static int prepare_dir(const demo *d)
{
    char mark[600], path[600];
    if (mkdir(d->out, 0755) == 0)
        return WV_EXIT_OK;
    if (errno != EEXIST)
        return io_fail(d->out);
    struct stat st;
    if (join(mark, sizeof mark, d->out, DEMO_MARK) || join(path, sizeof path, d->out, "record"))
        return WV_EXIT_USAGE;
    int earlier = stat(mark, &st) == 0 && stat(path, &st) == 0;
    static const char *const ours[] = {"record", "keys", "roster.pb", "report.html", DEMO_MARK};
    for (size_t i = 0; i < sizeof ours / sizeof ours[0]; i++) {
        if (join(path, sizeof path, d->out, ours[i]))
            return WV_EXIT_USAGE;
        if (stat(path, &st) != 0)
            continue;
        if (!earlier)
            return wv_cli_usage_error("%s: exists and does not hold an earlier demo (no %s); "
                                      "choose another --out", path, DEMO_MARK);
        if (rm_tree(path) != 0)
            return io_fail(path);
    }
    return WV_EXIT_OK;
}

/* ------------------------------------------------------------ keys */

static int write_key_pair(const demo *d, const char *dir, const char *code,
                          const wv_secret_key *sk)
{
    char path[700], name[64], *text = NULL, *pub_text = NULL;
    wv_public_key pub;
    wv_error err;
    wv_secret_key_public(sk, &pub);
    snprintf(name, sizeof name, "%s.key", code);
    int rc = join(path, sizeof path, dir, name);
    if (rc == 0 && wv_secret_key_format(sk, NULL, &text, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == 0 && wv_file_write_atomic(path, text, strlen(text), 0600, WV_WRITE_EXCLUSIVE,
                                        &err) != WV_OK)
        rc = wv_cli_fail(&err);
    snprintf(name, sizeof name, "%s.pub", code);
    if (rc == 0)
        rc = join(path, sizeof path, dir, name);
    if (rc == 0 && wv_public_key_format(&pub, &pub_text, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == 0 && wv_file_write_atomic(path, pub_text, strlen(pub_text), 0644,
                                        WV_WRITE_EXCLUSIVE, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    (void)d;
    wv_secure_free_string(text);
    free(pub_text);
    return rc;
}

static int make_key(const demo *d, const char *code, wv_secret_key **out)
{
    uint8_t seed[32];
    wv_error err;
    derive(d, "wtovote demo key v1", "", code, seed);
    wv_status st = wv_secret_key_from_seed(seed, out, &err);
    sodium_memzero(seed, sizeof seed);
    return st == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
}

static int make_keys_and_roster(demo *d)
{
    char dir[600], path[600];
    wv_error err;
    int rc = join(dir, sizeof dir, d->out, "keys");
    if (rc == 0 && mkdir(dir, 0700) != 0)
        return io_fail(dir);
    if (rc == 0 && wv_roster_default(&d->roster, &err) != WV_OK)
        return wv_cli_fail(&err);
    d->n = wv_roster_member_count(d->roster);
    if (rc == 0 && d->n > N_MAX)
        return wv_cli_usage_error("roster of %zu Members: the demo handles %d", d->n, N_MAX);
    if (rc == 0 && (rc = make_key(d, "SECRETARIAT", &d->sec)) == 0)
        rc = write_key_pair(d, dir, "SECRETARIAT", d->sec);
    for (size_t i = 0; rc == 0 && i < d->n; i++) {
        wv_public_key pub;
        rc = make_key(d, code_of(d, i), &d->keys[i]);
        if (rc == 0)
            rc = write_key_pair(d, dir, code_of(d, i), d->keys[i]);
        wv_secret_key_public(d->keys[i], &pub);
        if (rc == 0 && wv_roster_add_key(d->roster, code_of(d, i), &pub, 0, 0, &err) != WV_OK)
            rc = wv_cli_fail(&err);
    }
    if (rc == 0 && wv_roster_sign(d->roster, d->sec, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == 0 && (rc = join(path, sizeof path, d->out, "roster.pb")) == 0) {
        uint8_t *buf = NULL;
        size_t len = 0;
        if (wv_roster_encode(d->roster, &buf, &len, &err) != WV_OK ||
            wv_file_write_atomic(path, buf, len, 0644, WV_WRITE_EXCLUSIVE, &err) != WV_OK)
            rc = wv_cli_fail(&err);
        free(buf);
    }
    return rc;
}

/* ------------------------------------------------------------ entries */

typedef struct act_spec {
    wv_act_kind kind;
    uint32_t item;
    wv_choice choice;
    int bloc;
    const char *statement;
} act_spec;

/* Member i's act, signed with its key and queued: the session commits the
 * queue with one fsync before the next chair event. */
static int act(demo *d, size_t i, act_spec s)
{
    wv_error err;
    uint8_t nonce[32]; /* from the seed: the same seed gives the same bytes */
    char when[32];
    snprintf(when, sizeof when, "%" PRId64, d->t);
    derive(d, "wtovote-demo-act-nonce", when, code_of(d, i), nonce);
    wv_act_input in = {.kind = s.kind, .member = code_of(d, i), .item = s.item,
                       .choice = s.choice, .eu_bloc = s.bloc, .time = d->t++,
                       .statement = s.statement, .nonce = nonce};
    if (wv_session_queue_act(d->session, &in, d->keys[i], &err) != WV_OK)
        return wv_cli_fail(&err);
    return WV_EXIT_OK;
}

/* A scripted input refused means the script is wrong: say so, stop. */
static int chair_full(demo *d, wv_chair_input in, wv_session_result *res)
{
    wv_error err;
    uint8_t nonce[32];
    char when[32];
    snprintf(when, sizeof when, "%" PRId64, d->t);
    derive(d, "wtovote-demo-chair-nonce", when, "", nonce);
    in.nonce = nonce;
    in.time = d->t++;
    if (wv_session_chair(d->session, &in, res, &err) == WV_OK)
        return WV_EXIT_OK;
    fprintf(stderr, "wtovote: demo: scripted input refused: %s (%s)\n", err.message,
            wv_refusal_name(res->why));
    return WV_EXIT_REFUSED;
}

static int chair(demo *d, wv_chair_input in)
{
    wv_session_result res;
    int rc = chair_full(d, in, &res);
    wv_session_results_clear(&res, 1);
    return rc;
}

static int simple(demo *d, wv_chair_kind kind, uint32_t item)
{
    return chair(d, (wv_chair_input){.kind = kind, .item = item});
}

static int table(demo *d, const wv_motion_input *mo)
{
    return chair(d, (wv_chair_input){.kind = WV_CHAIR_MOTION_TABLE, .motion = mo});
}

/* Derives the decision through the state machine and publishes it. */
static int decide(demo *d, uint32_t item)
{
    wv_session_result res;
    int rc = chair_full(d, (wv_chair_input){.kind = WV_CHAIR_DECIDE, .item = item}, &res);
    wv_session_results_clear(&res, 1);
    if (rc != WV_EXIT_OK)
        return rc;
    const wv_decision dec = res.decision;
    wv_item_info it;
    wf_item(wv_session_meeting(d->session), item, &it);
    say(d, "  item %u %-13s %-9s", item, wv_procedure_id(it.procedure),
        wv_outcome_name(dec.outcome));
    if (dec.has_required && it.eu_bloc != WV_CHOICE_NONE)
        say(d, " %u yes, %u no, %u abstaining (with the EU's bloc of %u, Art. IX:1 fn 2); "
               "%u needed", dec.yes, dec.no, dec.abstain,
            wv_roster_eu_member_states(d->roster), dec.required);
    else if (dec.has_required)
        say(d, " %u yes, %u no, %u abstaining; %u needed", dec.yes, dec.no, dec.abstain,
            dec.required);
    else if (wv_procedure_is_reverse_consensus(it.procedure))
        /* DSU 6.1: the question put is the negative decision; the action
         * stands unless every Member present joins the consensus against it. */
        say(d, " %u objection(s) to not establishing the panel among %u present: panel %s",
            it.objections, it.present,
            dec.outcome == WV_OUTCOME_ADOPTED ? "established" : "not established");
    else
        say(d, " %u objection(s) among %u present", it.objections, it.present);
    say(d, "  \"%s\"\n", it.title);
    return WV_EXIT_OK;
}

static wv_motion_input motion(uint32_t item, const char *procedure, const char *title,
                              const char *proponent)
{
    return (wv_motion_input){.item = item, .procedure = procedure, .title = title,
                             .proponent = proponent};
}

/* ------------------------------------------------------------ the script */

static int64_t script_clock(void *ctx)
{
    return ((const demo *)ctx)->t;
}

/* Creates the record and opens the meeting; the Secretariat's clock is the
 * script's. */
static int open_meeting(demo *d, const char *date)
{
    char title[200];
    wv_error err;
    wv_session_result res;
    snprintf(title, sizeof title, "General Council, mock meeting of %s (wtovote demo, seed %s)",
             date, d->seed);
    if (join(d->record, sizeof d->record, d->out, "record"))
        return WV_EXIT_USAGE;
    uint8_t nonce[32], meeting_nonce[32];
    derive(d, "wtovote-demo-chair-nonce", "open", "", nonce);
    /* Meeting.nonce from the seed too: the same seed, the same meeting_ref */
    derive(d, "wtovote-demo-meeting-nonce", "", "", meeting_nonce);
    wv_meeting_setup setup = {.id = d->meeting_id, .body = "general-council", .title = title,
                              .nonce = nonce, .meeting_nonce = meeting_nonce};
    wv_session_options opt = {.clock = script_clock, .clock_ctx = d, .write_receipts = 1};
    wv_status st = wv_session_create(d->record, d->roster, d->sec, NULL, &setup, d->t++, &opt,
                                     &d->session, &res, &err);
    wv_session_results_clear(&res, 1);
    return st == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
}

/* Six Members stay away (never an EU member or the EU: item 4 needs them). */
static int attendance(demo *d)
{
    uint32_t order[N_MAX];
    int skip[N_MAX];
    for (size_t i = 0; i < d->n; i++)
        skip[i] = is_eu(d, i);
    size_t m = draw(d, "absent", skip, order);
    for (size_t i = 0; i < d->n; i++)
        d->present[i] = 1;
    for (size_t k = 0; k < 6 && k < m; k++)
        d->present[order[k]] = 0;
    int rc = WV_EXIT_OK;
    for (size_t i = 0; rc == WV_EXIT_OK && i < d->n; i++)
        if (d->present[i])
            rc = act(d, i, (act_spec){WV_ACT_ATTEND, 0, 0, 0, NULL});
    return rc;
}

/* Present Members in the order of a draw, optionally without the EU side. */
static size_t present_draw(const demo *d, const char *label, int no_eu, uint32_t *out)
{
    int skip[N_MAX];
    for (size_t i = 0; i < d->n; i++)
        skip[i] = !d->present[i] || (no_eu && is_eu(d, i));
    return draw(d, label, skip, out);
}

/* Item 1: a waiver (IX:3(a)) with its IX:4 terms; nobody objects. */
static int item_waiver(demo *d)
{
    uint32_t order[N_MAX];
    present_draw(d, "waiver-proponent", 1, order);
    wv_motion_input mo = motion(1, "waiver", "Waiver: preferential tariff treatment for "
                                "least-developed countries (extension)", code_of(d, order[0]));
    mo.circumstances =
        "the special development, financial and trade needs of least-developed country "
        "Members and their continuing need for preferential market access";
    mo.terms =
        "developed country Members may grant preferential tariff treatment to products of "
        "least-developed countries without extending it to like products of other Members; "
        "annual notification to the General Council";
    mo.termination = "2036-06-30";
    mo.consensus_period_days = 90;
    int rc = table(d, &mo);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_CONSENSUS_CALL, 1);
    return rc == WV_EXIT_OK ? decide(d, 1) : rc;
}

/* Member i, unless it is the EU (which votes only as its bloc). */
static int ballot(demo *d, size_t i, uint32_t item, wv_choice c)
{
    if (strcmp(code_of(d, i), WV_EU_CODE) == 0)
        return WV_EXIT_OK;
    return act(d, i, (act_spec){WV_ACT_VOTE, item, c, 0, NULL});
}

/* Item 2: an accession (XII:2, WT/L/93): one Member objects, another
 * requests a vote; of the Members present the objector and 8 others vote
 * no, 10 abstain, the rest vote yes (the EU's member States individually;
 * the EU, which votes only as a bloc, does not vote on this item). */
static int item_accession(demo *d)
{
    uint32_t order[N_MAX];
    size_t m = present_draw(d, "accession", 0, order);
    wv_motion_input mo = motion(2, "accession", "Accession of a mock applicant: terms of "
                              "accession (draft decision and protocol)", "");
    int rc = table(d, &mo);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_CONSENSUS_CALL, 2);
    /* order[0] is the objector unless it is the EU: then order[1]. */
    size_t obj = strcmp(code_of(d, order[0]), WV_EU_CODE) == 0 ? 1 : 0, req = obj + 1;
    if (strcmp(code_of(d, order[req]), WV_EU_CODE) == 0)
        req++;
    if (rc == WV_EXIT_OK)
        rc = act(d, order[obj], (act_spec){WV_ACT_OBJECT, 2, 0, 0,
                                           "the applicant's commitments on market access for "
                                           "goods are not yet sufficient"});
    if (rc == WV_EXIT_OK)
        rc = act(d, order[req], (act_spec){WV_ACT_REQUEST_VOTE, 2, 0, 0,
                                           "consensus cannot be reached: we request a vote "
                                           "(WT/L/93)"});
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_VOTE_OPEN, 2);
    for (size_t k = 0; rc == WV_EXIT_OK && k < m; k++)
        rc = ballot(d, order[k], 2, k == obj || k < 9 ? WV_CHOICE_NO
                                    : k < 19           ? WV_CHOICE_ABSTAIN
                                                       : WV_CHOICE_YES);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_VOTE_CLOSE, 2);
    return rc == WV_EXIT_OK ? decide(d, 2) : rc;
}

/* Item 3: adding a plurilateral agreement to Annex 4 (X:9): exclusively by
 * consensus; two Members object and it is blocked. */
static int item_annex4(demo *d)
{
    uint32_t order[N_MAX];
    present_draw(d, "annex4", 1, order);
    wv_motion_input mo = motion(3, "annex4-add", "Adding a mock plurilateral agreement on "
                              "investment facilitation to Annex 4", code_of(d, order[2]));
    int rc = table(d, &mo);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_CONSENSUS_CALL, 3);
    for (size_t k = 0; rc == WV_EXIT_OK && k < 2; k++)
        rc = act(d, order[k], (act_spec){WV_ACT_OBJECT, 3, 0, 0,
                                         "the agreement falls outside the mandate; Article X:9 "
                                         "requires consensus"});
    return rc == WV_EXIT_OK ? decide(d, 3) : rc;
}

/* Item 4: a decision by majority (IX:1): one objection, then a vote in
 * which the EU casts its 27-vote bloc (fn 2) and its member States do not
 * vote; of the other Members present 50 vote yes, 70 no, the rest abstain.
 * With the bloc: 77 yes against 70; without it the item would fail. */
static int item_majority(demo *d)
{
    uint32_t order[N_MAX];
    size_t m = present_draw(d, "majority", 1, order);
    wv_motion_input mo = motion(4, "majority", "Mock procedural decision by majority vote: "
                              "date of the next regular meeting", "");
    int rc = table(d, &mo);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_CONSENSUS_CALL, 4);
    size_t no_first = 50, obj = no_first; /* the objector votes no */
    if (rc == WV_EXIT_OK)
        rc = act(d, order[obj], (act_spec){WV_ACT_OBJECT, 4, 0, 0, "we cannot join a consensus"});
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_VOTE_OPEN, 4);
    int eu = wv_roster_member_index(d->roster, WV_EU_CODE);
    if (rc == WV_EXIT_OK && eu >= 0)
        rc = act(d, (size_t)eu, (act_spec){WV_ACT_VOTE, 4, WV_CHOICE_YES, 1, NULL});
    for (size_t k = 0; rc == WV_EXIT_OK && k < m; k++)
        rc = ballot(d, order[k], 4, k < no_first ? WV_CHOICE_YES
                                    : k < no_first + 70 ? WV_CHOICE_NO
                                                        : WV_CHOICE_ABSTAIN);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_VOTE_CLOSE, 4);
    return rc == WV_EXIT_OK ? decide(d, 4) : rc;
}

/* Item 5: the General Council convened as the DSB (Art. IV:3); second
 * request for a panel (DSU 6.1): the panel is established unless the DSB
 * decides by consensus not to establish it; the complainant objects to
 * that negative decision, so the panel is established. */
static int item_dsb(demo *d)
{
    uint32_t order[N_MAX];
    present_draw(d, "dsb", 0, order);
    size_t c = strcmp(code_of(d, order[0]), WV_EU_CODE) == 0 ? 1 : 0;
    char title[200];
    snprintf(title, sizeof title, "DSB (General Council convened as the DSB, Art. IV:3): "
             "establishment of a panel at the second request of %s (mock dispute)",
             code_of(d, order[c]));
    wv_motion_input mo = motion(5, "dsb-negative", title, code_of(d, order[c]));
    int rc = table(d, &mo);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_CONSENSUS_CALL, 5);
    if (rc == WV_EXIT_OK)
        rc = act(d, order[c], (act_spec){WV_ACT_OBJECT, 5, 0, 0,
                                         "the complainant objects to any decision not to "
                                         "establish the panel (DSU 6.1)"});
    return rc == WV_EXIT_OK ? decide(d, 5) : rc;
}

static int run_script(demo *d, const char *date)
{
    int rc = open_meeting(d, date);
    if (rc == WV_EXIT_OK)
        rc = attendance(d);
    if (rc == WV_EXIT_OK)
        rc = item_waiver(d);
    if (rc == WV_EXIT_OK)
        rc = item_accession(d);
    if (rc == WV_EXIT_OK)
        rc = item_annex4(d);
    if (rc == WV_EXIT_OK)
        rc = item_majority(d);
    if (rc == WV_EXIT_OK)
        rc = item_dsb(d);
    if (rc == WV_EXIT_OK)
        rc = simple(d, WV_CHAIR_MEETING_CLOSE, 0);
    return rc;
}

/* ------------------------------------------------------------ driver */

/* The finished log is read once, by the verifier; the report is drawn from
 * the record still open (its index was kept current by the appends) and
 * that verification. */
static int verify_and_report(demo *d)
{
    wv_verify_report *rep = malloc(sizeof *rep);
    wv_error err;
    char html[600];
    if (rep == NULL)
        return wv_cli_usage_error("out of memory");
    wv_status st = wv_record_verify(d->record, NULL, rep, &err);
    int rc = st == WV_OK ? WV_EXIT_OK : st == WV_ERR_VERIFY ? WV_EXIT_REFUSED : wv_cli_fail(&err);
    say(d, "verification (wtovote verify %s): %s; %" PRIu64 " entries, %" PRIu64
        " signatures checked\n", d->record, rep->ok ? "every step V1..V9 passed" : "FAILED",
        rep->entries, rep->signatures_checked);
    for (int i = 0; !rep->ok && i < WV_VERIFY_STEP_COUNT; i++)
        if (rep->steps[i].run && !rep->steps[i].passed)
            say(d, "  V%d %s: %s\n", i + 1, rep->steps[i].name, rep->steps[i].reason);
    int r2 = join(html, sizeof html, d->out, "report.html") ? WV_EXIT_USAGE
             : st == WV_OK || st == WV_ERR_VERIFY ? wv_report_render(wv_session_record(d->session), rep, html)
                                                   : rc;
    free(rep);
    if (r2 == WV_EXIT_OK)
        say(d, "report: %s\n", html);
    return rc != WV_EXIT_OK ? rc : r2;
}

static int finish(demo *d)
{
    char keys[600], path[600];
    join(keys, sizeof keys, d->out, "keys");
    say(d, "keys: %s/ (166 Members and SECRETARIAT; unencrypted demo keys)\n", keys);
    join(path, sizeof path, d->out, "roster.pb");
    say(d, "roster: %s (signed by the Secretariat)\n", path);
    say(d, "record: %s (receipts in %s/receipts/)\n", d->record, d->record);
    int rc = verify_and_report(d);
    fflush(d->log);
    wv_error err;
    if (join(path, sizeof path, d->out, DEMO_MARK) == 0 &&
        wv_file_write_atomic(path, d->log_buf, d->log_len, 0644, WV_WRITE_REPLACE, &err) != WV_OK)
        return wv_cli_fail(&err);
    return rc;
}

static void demo_free(demo *d)
{
    wv_session_close(d->session);
    for (size_t i = 0; i < d->n; i++)
        wv_secret_key_free(d->keys[i]);
    wv_secret_key_free(d->sec);
    wv_roster_free(d->roster);
    if (d->log != NULL)
        fclose(d->log);
    free(d->log_buf);
}

int wv_cmd_demo(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(DEMO_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int rc = wf_parse(argc, argv, WF_O_DEMO | WF_O_TIME, 0, &o);
    if (rc == WV_EXIT_OK && o.n_operands != 0)
        rc = wv_cli_usage_error("demo: unexpected argument '%s'", o.operands[0]);
    const char *date = o.time ? o.time : "2026-11-27";
    int64_t day;
    wv_error err;
    if (rc == WV_EXIT_OK && (strlen(date) != 10 || wv_time_parse(date, &day, &err) != WV_OK))
        rc = wv_cli_usage_error("demo: --time '%s' is not a date YYYY-MM-DD", date);
    if (rc != WV_EXIT_OK)
        return rc;
    demo d;
    memset(&d, 0, sizeof d);
    d.out = o.out ? o.out : "demo-out";
    d.seed = o.seed ? o.seed : "wtovote-demo";
    d.quiet = o.quiet;
    d.t = day + 10 * 3600; /* 10:00 UTC, one second per entry */
    snprintf(d.meeting_id, sizeof d.meeting_id, "GC-%s", date);
    d.log = open_memstream(&d.log_buf, &d.log_len);
    if (d.log == NULL)
        return wv_cli_usage_error("out of memory");
    say(&d, "wtovote demo: mock General Council meeting %s, seed \"%s\", in %s\n",
        d.meeting_id, d.seed, d.out);
    rc = prepare_dir(&d);
    if (rc == WV_EXIT_OK)
        rc = make_keys_and_roster(&d);
    if (rc == WV_EXIT_OK)
        rc = run_script(&d, date);
    if (rc == WV_EXIT_OK)
        rc = finish(&d); /* the record stays open for the report */
    demo_free(&d);
    return rc;
}
