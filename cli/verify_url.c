/* wtovote verify URL: downloads the record's four files from URL/record/
 * into a private temporary directory (the log only up to the checkpoint
 * just fetched: /record/log?entries=N) and runs the same verifier as for a
 * directory. --follow polls the checkpoint; each new one is verified with
 * the previous as --since, so step V10 proves the new tree extends the old
 * (an RFC 9162 consistency proof computed from the log), and the decisions
 * that landed in between are printed: a monitor, as in Certificate
 * Transparency. A server that rewrites history fails V10. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "net_mirror.h"
#include "verify_url.h"
#include "wtovote/util.h"

typedef struct follow {
    const wv_verify_url_opts *o;
    wv_mirror m;       /* the downloaded record */
    char *cp;          /* the last checkpoint verified (text) */
    size_t cp_len;
    uint64_t size;     /* its tree size */
} follow;

/* ------------------------------------------------------------ decisions */

typedef struct decisions {
    uint64_t from;
} decisions;

static int print_decision(void *ctx, uint64_t index, const uint8_t *entry, size_t len,
                          const wv_envelope *env, const wv_act *act,
                          const wv_chair_event *chair, const wv_meeting *m)
{
    const decisions *d = ctx;
    wv_item_info it;
    (void)entry, (void)len, (void)env, (void)act;
    if (index < d->from || chair == NULL || chair->kind != WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE)
        return 0;
    int at = wv_meeting_item_find(m, chair->item);
    if (at < 0 || wv_meeting_item_at(m, (size_t)at, &it) != 0 || it.decision == NULL)
        return 0;
    printf("decision: item %u \"%s\" (%s): %s; %u yes, %u no, %u abstain (entry %" PRIu64 ")\n",
           it.item, it.title, wv_procedure_id(it.procedure), wv_outcome_name(it.decision->outcome),
           it.decision->yes, it.decision->no, it.decision->abstain, index);
    for (size_t i = 0; i < it.decision->n_steps; i++)
        printf("  %s [%s]\n", it.decision->steps[i].text, it.decision->steps[i].citation);
    return 0;
}

static void print_decisions(const follow *f, uint64_t from)
{
    decisions d = {.from = from};
    wv_record *rec = NULL;
    wv_error err;
    if (wv_record_load(f->m.dir, print_decision, &d, &rec, &err) != WV_OK)
        fprintf(stderr, "wtovote: %s: %s\n", f->o->url, err.message);
    wv_record_close(rec);
    fflush(stdout);
}

/* ------------------------------------------------------------ checks */

/* Verifies what was downloaded against the previous checkpoint (V10). */
static int check(follow *f, char *cp, size_t cp_len, uint64_t size)
{
    wv_verify_options opt = f->o->verify;
    if (f->cp != NULL) {
        opt.since = f->cp;
        opt.since_len = f->cp_len;
    }
    wv_verify_report *rep = malloc(sizeof *rep);
    wv_error err;
    if (rep == NULL)
        return free(cp), wv_cli_usage_error("out of memory");
    wv_status st = wv_record_verify(f->m.dir, &opt, rep, &err);
    int rc = st == WV_OK ? WV_EXIT_OK : st == WV_ERR_VERIFY ? WV_EXIT_REFUSED : wv_cli_fail(&err);
    if (rc != WV_EXIT_OK || !f->o->follow || f->o->json)
        wv_verify_print(f->o->url, rep, opt.since != NULL, f->o->json);
    else if (f->cp == NULL)
        printf("%s: checkpoint %" PRIu64 " verifies (V1-V9)\n", f->o->url, size);
    else
        printf("%s: checkpoint %" PRIu64 " verifies and extends checkpoint %" PRIu64
               " (V10 consistency)\n", f->o->url, size, f->size);
    free(rep);
    if (rc == WV_EXIT_OK && f->o->follow)
        print_decisions(f, f->cp == NULL ? 0 : f->size);
    if (rc != WV_EXIT_OK)
        return free(cp), rc;
    free(f->cp);
    f->cp = cp;
    f->cp_len = cp_len;
    f->size = size;
    return WV_EXIT_OK;
}

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int bounds_reached(const wv_verify_url_opts *o, int64_t start, long checked)
{
    return (o->max_seconds > 0 && now_ms() - start >= o->max_seconds * 1000) ||
           (o->max_checkpoints > 0 && checked >= o->max_checkpoints);
}

static int run(follow *f)
{
    int64_t start = now_ms();
    long checked = 0;
    for (;;) {
        char *cp = NULL;
        size_t cp_len = 0;
        uint64_t size = 0;
        int rc = wv_mirror_download(&f->m, f->cp, &cp, &cp_len, &size);
        if (rc == WV_EXIT_USAGE && f->o->follow && f->cp != NULL)
            rc = WV_EXIT_OK; /* unreachable for now (printed): a monitor keeps polling */
        else if (rc == WV_EXIT_OK && f->cp != NULL && strcmp(cp, f->cp) == 0)
            free(cp);
        else if (rc == WV_EXIT_OK && (rc = check(f, cp, cp_len, size)) == WV_EXIT_OK)
            checked++;
        if (rc != WV_EXIT_OK || !f->o->follow || bounds_reached(f->o, start, checked))
            return rc;
        usleep((useconds_t)(f->o->interval_ms > 0 ? f->o->interval_ms : 1000) * 1000);
    }
}

int wv_verify_url(const wv_verify_url_opts *o)
{
    follow f = {.o = o};
    int rc = wv_mirror_init(&f.m, o->url, o->cacert);
    if (rc == WV_EXIT_OK)
        rc = run(&f);
    wv_mirror_cleanup(&f.m);
    free(f.cp);
    return rc;
}
