/* Times wv_rules_decide with explain off (the simulator's path): it must not
 * allocate or format. Usage: bench_rules [iterations]. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "wtovote/rules.h"

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 10000000L;
    wv_rules_config cfg = {.explain = 0};
    wv_tally t = {.members = 166, .present = 160, .objections = 2, .vote_held = 1,
                  .days_elapsed = 95, .waiver_terms_complete = 1};
    size_t n = wv_procedure_count();
    unsigned long adopted = 0;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < iters; i++) {
        wv_decision d;
        t.yes = (uint32_t)(i % 120);
        t.no = (uint32_t)(i % 40);
        if (wv_rules_decide(wv_procedure_at((size_t)i % n), &cfg, &t, &d, NULL) != WV_OK)
            return 1;
        adopted += d.outcome == WV_OUTCOME_ADOPTED;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / iters;
    printf("%ld decisions, %.1f ns each (%lu adopted)\n", iters, ns, adopted);
    return 0;
}
