/* Throughput of the unsigned simulation path: simulated 166-Member
 * decisions per second (one meeting, one procedure, through the meeting
 * state machine and the rules), on one thread and on two.
 * Targets (issue 6): >= 100,000/s on one core; two threads >= 1.7x.
 * Usage: bench_sim [RUNS] (default 300000). Not a timed test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wtovote/sim.h"

/* A waiver (Art. IX:3) where consensus fails in about half the runs and a
 * vote is then held: both the consensus and the vote paths are timed. */
static const char scenario[] =
    "{\"name\":\"bench\",\"proposal\":{\"subject\":\"bench\",\"procedures\":[\"waiver\"],"
    "\"eu_bloc\":true},\"behaviour\":{\"attend\":0.9,\"support\":0.8,\"spread\":0.3,"
    "\"object\":0.01,\"abstain\":0.05}}";

static double clock_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now(void) { return clock_of(CLOCK_MONOTONIC); }

static double cpu_rate; /* decisions per CPU-second of the last run */

/* Decisions per wall-clock second; cpu_rate per CPU-second (all threads),
 * which does not depend on other load on the machine. */
static double rate(const wv_scenario *s, uint64_t runs, unsigned jobs, uint64_t *adopted)
{
    wv_sim_options opt = {.runs = runs, .seed = 1, .jobs = jobs, .negotiation = 0};
    wv_sim_result *r = NULL;
    wv_error err = {0};
    double t0 = now(), c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
    if (wv_sim_run(s, &opt, &r, &err) != WV_OK) {
        fprintf(stderr, "bench_sim: %s\n", err.message);
        exit(2);
    }
    double dt = now() - t0;
    cpu_rate = (double)runs / (clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0);
    *adopted = r->procedures[0].outcome[WV_OUTCOME_ADOPTED];
    wv_sim_result_free(r);
    return (double)runs / dt;
}

int main(int argc, char **argv)
{
    uint64_t runs = argc > 1 ? strtoull(argv[1], NULL, 10) : 300000;
    wv_roster *roster = NULL;
    wv_scenario *s = NULL;
    wv_error err = {0};
    if (wv_roster_default(&roster, &err) != WV_OK ||
        wv_scenario_parse(scenario, strlen(scenario), roster, &s, &err) != WV_OK) {
        fprintf(stderr, "bench_sim: %s\n", err.message);
        return 2;
    }
    uint64_t a1 = 0, a2 = 0;
    rate(s, runs / 10, 1, &a1); /* warm-up */
    double one = rate(s, runs, 1, &a1), one_cpu = cpu_rate;
    double two = rate(s, runs, 2, &a2), two_cpu = cpu_rate;
    printf("simulated %u-Member decisions (procedure waiver, %llu runs, %llu adopted)\n",
           wv_scenario_members(s), (unsigned long long)runs, (unsigned long long)a1);
    printf("1 thread : %10.0f decisions/s wall, %10.0f per CPU-second (target >= 100000) %s\n",
           one, one_cpu, one >= 100000 ? "ok" : "BELOW TARGET");
    printf("2 threads: %10.0f decisions/s wall, %10.0f per CPU-second; wall ratio %.2fx "
           "(target >= 1.7x) %s\n", two, two_cpu, two / one, two / one >= 1.7 ? "ok"
                                                                    : "BELOW TARGET");
    printf("(wall-clock rates depend on other load: see `uptime`; per-CPU-second rates "
           "do not)\n");
    if (a1 != a2)
        printf("WARNING: results differ between 1 and 2 threads\n");
    wv_scenario_free(s);
    wv_roster_free(roster);
    return 0;
}
