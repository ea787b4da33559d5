/* wtovote train SCENARIO --as CODE|chair: an interactive, line-based
 * training meeting, a debrief with citations, and optionally the session as
 * a signed record that `wtovote verify` accepts. */
#include <errno.h>
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

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wtovote train SCENARIO --as CODE|chair [--procedure ID] [--seed S]\n"
            "                     [--script FILE] [--out RECORD_DIR] [--roster FILE]\n\n"
            "Plays a meeting on a scenario (see `wtovote simulate --list`): you are one\n"
            "delegation (a Member code) or the chair; the model plays everyone else. Type\n"
            "`help` at the prompt for the commands. At the end (or at end of input) a\n"
            "debrief says what happened, which rule decided it, with citations, and what\n"
            "would have changed the outcome.\n\n"
            "  --procedure ID  which of the scenario's procedures (default: its first)\n"
            "  --seed S        the model's random seed (default 1)\n"
            "  --script FILE   read the commands from FILE (for tests and replays)\n"
            "  --out DIR       write the session as a signed record (new directory);\n"
            "                  check it with `wtovote verify DIR`\n"
            "  --roster FILE   take the Members from a roster file (default: the embedded\n"
            "                  list of the 166 Members)\n\n"
            "exit codes: 0 session played, 2 usage, I/O or scenario error\n");
}

typedef struct train_args {
    const char *scenario, *as, *procedure, *script, *out, *roster;
    uint64_t seed;
} train_args;

static int parse(int argc, char **argv, train_args *a)
{
    static const struct option opts[] = {
        {"as", required_argument, NULL, 'a'},     {"procedure", required_argument, NULL, 'p'},
        {"seed", required_argument, NULL, 's'},   {"script", required_argument, NULL, 'f'},
        {"out", required_argument, NULL, 'o'},    {"roster", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->seed = 1;
    long long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'a': a->as = optarg; break;
        case 'p': a->procedure = optarg; break;
        case 's':
            if ((v = wv_cli_parse_uint(optarg, 0x7fffffffffffffffLL)) < 0)
                return wv_cli_usage_error("--seed: a non-negative integer");
            a->seed = (uint64_t)v;
            break;
        case 'f': a->script = optarg; break;
        case 'o': a->out = optarg; break;
        case 'r': a->roster = optarg; break;
        case 'h': usage(stdout); return -1;
        default: usage(stderr); return WV_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc || a->as == NULL) {
        usage(stderr);
        return WV_EXIT_USAGE;
    }
    a->scenario = argv[optind];
    return WV_EXIT_OK;
}

static int find_procedure(const wv_scenario *s, const char *id, size_t *out)
{
    *out = 0;
    if (id == NULL)
        return 0;
    for (size_t i = 0; i < wv_scenario_procedure_count(s); i++)
        if (strcmp(wv_procedure_id(wv_scenario_procedure(s, i)), id) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

/* The dialogue: prompt, read a line, feed it, print the answer. */
static int play(wv_train *t, FILE *in, int echo, int interactive)
{
    char line[1024];
    fputs(wv_train_take_output(t), stdout);
    while (!wv_train_finished(t)) {
        if (interactive) {
            fputs(wv_train_prompt(t), stdout);
            fflush(stdout);
        }
        if (fgets(line, sizeof line, in) == NULL) {
            wv_error e = {0};
            if (wv_train_input(t, "quit", &e) != WV_OK)
                return wv_cli_fail(&e);
            fputs(wv_train_take_output(t), stdout);
            break;
        }
        size_t n = strlen(line); /* 0 when the line starts with a NUL byte */
        if (echo)
            printf("%s%s", wv_train_prompt(t), n > 0 && line[n - 1] == '\n' ? line : "\n");
        wv_error e = {0};
        wv_status st = wv_train_input(t, line, &e);
        fputs(wv_train_take_output(t), stdout);
        if (st == WV_ERR_ARG)
            printf("  %s\n", e.message);
        else if (st != WV_OK)
            return wv_cli_fail(&e);
    }
    return WV_EXIT_OK;
}

static int session(const train_args *a, const wv_scenario *s)
{
    size_t proc;
    if (find_procedure(s, a->procedure, &proc) != 0) {
        fprintf(stderr, "wtovote: --procedure %s is not one of the scenario's procedures:",
                a->procedure);
        for (size_t i = 0; i < wv_scenario_procedure_count(s); i++)
            fprintf(stderr, " %s", wv_procedure_id(wv_scenario_procedure(s, i)));
        fputc('\n', stderr);
        return WV_EXIT_USAGE;
    }
    wv_error err = {0};
    wv_train *t = NULL;
    if (wv_train_new(s, a->as, proc, a->seed, &t, &err) != WV_OK)
        return wv_cli_fail(&err);
    FILE *in = a->script ? fopen(a->script, "r") : stdin;
    int rc = WV_EXIT_OK;
    if (in == NULL)
        rc = wv_cli_usage_error("--script %s: %s", a->script, strerror(errno));
    else
        rc = play(t, in, a->script != NULL, a->script == NULL && isatty(STDIN_FILENO));
    if (in != NULL && in != stdin)
        fclose(in);
    char *debrief = NULL;
    if (rc == WV_EXIT_OK && wv_train_debrief(t, &debrief, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (debrief != NULL)
        fputs(debrief, stdout);
    free(debrief);
    if (rc == WV_EXIT_OK && a->out != NULL) {
        if (wv_train_write_record(t, a->out, &err) != WV_OK)
            rc = wv_cli_fail(&err);
        else
            printf("\nSigned record written to %s (check it: wtovote verify %s)\n", a->out,
                   a->out);
    }
    wv_train_free(t);
    return rc;
}

int wv_cmd_train(int argc, char **argv)
{
    train_args a;
    int rc = parse(argc, argv, &a);
    if (rc != WV_EXIT_OK)
        return rc < 0 ? WV_EXIT_OK : rc;
    wv_error err = {0};
    wv_roster *r = NULL;
    if ((a.roster ? wv_roster_load(a.roster, &r, &err) : wv_roster_default(&r, &err)) != WV_OK)
        return wv_cli_fail(&err);
    wv_scenario *s = NULL;
    if (wv_cli_scenario_load(a.scenario, r, &s, &err) != WV_OK) {
        wv_roster_free(r);
        return wv_cli_fail(&err);
    }
    rc = session(&a, s);
    wv_scenario_free(s);
    wv_roster_free(r);
    return rc;
}
