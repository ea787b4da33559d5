/* wtovote simulate: Monte Carlo over a scenario (embedded or a JSON file). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_sim.h"
#include "wtovote/roster.h"
#include "wtovote/sim.h"
#include "wtovote/util.h"

#define SCENARIO_FILE_MAX (1u << 20)

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wtovote simulate --list\n"
            "       wtovote simulate SCENARIO [--runs N] [--seed S] [--jobs J] [--members N]\n"
            "                        [--sweep members=A:B:STEP] [--csv FILE] [--svg FILE]\n"
            "                        [--roster FILE] [--json]\n\n"
            "Monte Carlo over a scenario: an embedded one (see --list) or a JSON file\n"
            "(format: SPEC.md, \"Scenario files\"). Every decision is taken by the meeting\n"
            "state machine and the rules engine used for real meetings.\n\n"
            "  --runs N        simulated runs (default 10000)\n"
            "  --seed S        random seed (default 1); same seed, same output, any --jobs\n"
            "  --jobs J        worker threads (default 1)\n"
            "  --members N     only the first N Members in order of joining\n"
            "  --sweep members=A:B:STEP  the negotiation model at each size A, A+STEP, .. B\n"
            "                  (\"--sweep default\": the scenario's own range)\n"
            "  --csv FILE      write the results (or the sweep) as CSV\n"
            "  --svg FILE      write a chart (bars, or lines for a sweep)\n"
            "  --roster FILE   take the Members from a roster file (default: the embedded\n"
            "                  list of the 166 Members)\n"
            "  --json          machine-readable output on stdout\n"
            "A progress bar is drawn on stderr when it is a terminal.\n\n"
            "exit codes: 0 success, 2 usage, I/O or scenario error\n");
}

static int list_scenarios(void)
{
    for (size_t i = 0; i < wv_scenario_builtin_count(); i++)
        printf("%-14s %s\n", wv_scenario_builtin_name(i), wv_scenario_builtin_title(i));
    return WV_EXIT_OK;
}

static void progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    int width = 40, fill = total ? (int)(done * (uint64_t)width / total) : width;
    fprintf(stderr, "\r[%.*s%*s] %3d%%", fill, "########################################",
            width - fill, "", total ? (int)(done * 100 / total) : 100);
    if (done >= total)
        fprintf(stderr, "\r%*s\r", width + 8, "");
    fflush(stderr);
}

static int parse_args(int argc, char **argv, sim_args *a)
{
    static const struct option opts[] = {
        {"list", no_argument, NULL, 'l'},     {"runs", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'}, {"jobs", required_argument, NULL, 'j'},
        {"members", required_argument, NULL, 'm'}, {"sweep", required_argument, NULL, 'w'},
        {"csv", required_argument, NULL, 'c'},  {"svg", required_argument, NULL, 'g'},
        {"roster", required_argument, NULL, 'r'}, {"json", no_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->runs = 10000;
    a->seed = 1;
    a->jobs = 1;
    long long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'l': a->list = 1; break;
        case 'n':
            if ((v = wv_cli_parse_uint(optarg, 100000000LL)) < 1)
                return wv_cli_usage_error("--runs: a number from 1 to 100000000");
            a->runs = (uint64_t)v;
            break;
        case 's':
            if ((v = wv_cli_parse_uint(optarg, 0x7fffffffffffffffLL)) < 0)
                return wv_cli_usage_error("--seed: a non-negative integer");
            a->seed = (uint64_t)v;
            break;
        case 'j':
            if ((v = wv_cli_parse_uint(optarg, 64)) < 1)
                return wv_cli_usage_error("--jobs: a number from 1 to 64");
            a->jobs = (unsigned)v;
            break;
        case 'm':
            if ((v = wv_cli_parse_uint(optarg, 512)) < 2)
                return wv_cli_usage_error("--members: a number from 2 to the roster's size");
            a->members = (uint32_t)v;
            break;
        case 'w': a->sweep = optarg; break;
        case 'c': a->csv = optarg; break;
        case 'g': a->svg = optarg; break;
        case 'r': a->roster = optarg; break;
        case 'J': a->json = 1; break;
        case 'h': usage(stdout); return -1;
        default: usage(stderr); return WV_EXIT_USAGE;
        }
    }
    if (!a->list && optind + 1 != argc) {
        usage(stderr);
        return WV_EXIT_USAGE;
    }
    a->scenario = a->list ? NULL : argv[optind];
    return WV_EXIT_OK;
}

wv_status wv_cli_scenario_load(const char *name, const wv_roster *r, wv_scenario **out,
                               wv_error *err)
{
    const char *text = wv_scenario_builtin_json(name);
    if (text != NULL)
        return wv_scenario_parse(text, strlen(text), r, out, err);
    uint8_t *buf = NULL;
    size_t len = 0;
    wv_status st = wv_file_read(name, SCENARIO_FILE_MAX, &buf, &len, err);
    if (st != WV_OK) {
        wv_error_prefix(err, "scenario '%s' is neither embedded (see wtovote simulate --list) "
                             "nor a readable file", name);
        return st;
    }
    st = wv_scenario_parse((const char *)buf, len, r, out, err);
    if (st != WV_OK)
        wv_error_prefix(err, "%s", name);
    free(buf);
    return st;
}

/* ------------------------------------------------------------ sweep */

static int parse_sweep(const char *spec, const wv_scenario *s, uint32_t *from, uint32_t *to,
                       uint32_t *step)
{
    if (strcmp(spec, "default") == 0) {
        if (!wv_scenario_default_sweep(s, from, to, step))
            return wv_cli_usage_error("--sweep default: the scenario names no sweep");
        return WV_EXIT_OK;
    }
    /* Three plain decimals: sscanf's %u would take "-5" as a huge number. */
    long long v[3] = {-1, -1, -1};
    char buf[64];
    if (strncmp(spec, "members=", 8) == 0 && strlen(spec + 8) < sizeof buf) {
        strcpy(buf, spec + 8);
        char *p = buf;
        for (int i = 0; i < 3 && p != NULL; i++) {
            char *colon = i < 2 ? strchr(p, ':') : NULL;
            if (colon != NULL)
                *colon = '\0';
            v[i] = wv_cli_parse_uint(p, UINT32_MAX);
            p = colon != NULL ? colon + 1 : NULL;
        }
    }
    if (v[0] < 2 || v[1] < v[0] || v[2] < 1)
        return wv_cli_usage_error("--sweep: \"%s\": expected members=A:B:STEP (decimal numbers, "
                                  "2 <= A <= B, STEP > 0)", spec);
    *from = (uint32_t)v[0];
    *to = (uint32_t)v[1];
    *step = (uint32_t)v[2];
    return WV_EXIT_OK;
}

static void print_sweep(const wv_sim_sweep_point *pts, size_t n, int json)
{
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            const wv_sim_sweep_point *p = &pts[i];
            json_array_append_new(
                arr, json_pack("{s:i, s:f, s:[f,f], s:f, s:f, s:o, s:f, s:f, s:f}", "members",
                               (json_int_t)p->members, "consensus_p", p->consensus_p,
                               "consensus_ci95", p->consensus_lo, p->consensus_hi, "rounds",
                               p->rounds, "ambition", p->ambition, "years_to_consensus",
                               p->years >= 0 ? json_real(p->years) : json_null(),
                               "plurilateral_p", p->pluri_p, "plurilateral_participation",
                               p->pluri_participation, "first_procedure_p", p->first_proc_p));
        }
        wv_cli_print_json(arr);
        json_decref(arr);
        return;
    }
    printf("%7s %10s %17s %7s %9s %7s %10s %13s\n", "Members", "consensus", "95% CI", "rounds",
           "ambition", "years", "plurilat.", "participation");
    for (size_t i = 0; i < n; i++) {
        const wv_sim_sweep_point *p = &pts[i];
        char years[16] = "-";
        if (p->years >= 0)
            snprintf(years, sizeof years, "%.1f", p->years);
        printf("%7u %10.4f   [%.4f,%.4f] %7.2f %9.3f %7s %10.4f %13.3f\n", p->members,
               p->consensus_p, p->consensus_lo, p->consensus_hi, p->rounds, p->ambition, years,
               p->pluri_p, p->pluri_participation);
    }
}

static int run_sweep(const sim_args *a, wv_scenario *s, const wv_sim_options *opt)
{
    uint32_t from, to, step;
    int rc = parse_sweep(a->sweep, s, &from, &to, &step);
    if (rc != WV_EXIT_OK)
        return rc;
    wv_error err = {0};
    wv_sim_sweep_point *pts = NULL;
    size_t n = 0;
    if (wv_sim_sweep(s, from, to, step, opt, &pts, &n, &err) != WV_OK)
        return wv_cli_fail(&err);
    if (a->csv != NULL)
        rc = wv_cli_sim_write(a->csv, wv_cli_sweep_csv(pts, n));
    if (rc == WV_EXIT_OK && a->svg != NULL)
        rc = wv_cli_sim_write(a->svg, wv_cli_sweep_svg(s, pts, n));
    if (rc == WV_EXIT_OK)
        print_sweep(pts, n, a->json);
    free(pts);
    return rc;
}

/* ------------------------------------------------------------ one run */

static int run_once(const sim_args *a, wv_scenario *s, const wv_sim_options *opt)
{
    wv_error err = {0};
    wv_sim_result *r = NULL;
    if (wv_sim_run(s, opt, &r, &err) != WV_OK)
        return wv_cli_fail(&err);
    int rc = wv_cli_sim_report(a, s, r);
    wv_sim_result_free(r);
    return rc;
}

int wv_cmd_simulate(int argc, char **argv)
{
    sim_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != WV_EXIT_OK)
        return rc < 0 ? WV_EXIT_OK : rc;
    if (a.list)
        return list_scenarios();
    wv_error err = {0};
    wv_roster *r = NULL;
    wv_status st = a.roster ? wv_roster_load(a.roster, &r, &err) : wv_roster_default(&r, &err);
    if (st != WV_OK)
        return wv_cli_fail(&err);
    wv_scenario *s = NULL;
    st = wv_cli_scenario_load(a.scenario, r, &s, &err);
    if (st == WV_OK && a.members)
        st = wv_scenario_set_members(s, a.members, &err);
    if (st != WV_OK) {
        wv_scenario_free(s);
        wv_roster_free(r);
        return wv_cli_fail(&err);
    }
    wv_sim_options opt = {.runs = a.runs, .seed = a.seed, .jobs = a.jobs, .negotiation = 1};
    if (isatty(STDERR_FILENO))
        opt.progress = progress;
    rc = a.sweep ? run_sweep(&a, s, &opt) : run_once(&a, s, &opt);
    wv_scenario_free(s);
    wv_roster_free(r);
    return rc;
}
