/* wtovote power PROC [--eu-bloc] [--roster FILE] [--json]: Banzhaf and
 * Shapley-Shubik indices of each Member under a procedure's vote rule. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "wtovote/roster.h"
#include "wtovote/rules.h"
#include "wtovote/sim.h"

#define POWER_METHOD "exact enumeration over coalition sizes; binomial weights in long double " \
                     "(relative error below 1e-14)"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wtovote power PROC [--eu-bloc] [--roster FILE] [--json]\n\n"
            "Voting power of each Member under the vote rule of procedure PROC (see\n"
            "`wtovote rules list`): every Member present and voting yes or no, a coalition\n"
            "wins when the rules engine adopts. Banzhaf (normalised and absolute) and\n"
            "Shapley-Shubik indices, computed exactly.\n\n"
            "  --eu-bloc      the EU casts a vote for each EU member State in the roster,\n"
            "                 as a bloc (Art. IX:1 fn 2); without it the member States\n"
            "                 vote individually and the EU not at all\n"
            "  --roster FILE  a roster file instead of the embedded 166 Members\n"
            "  --json         machine-readable output, with a row for every Member\n\n"
            "exit codes: 0 success, 2 usage or I/O error (unknown procedure, unreadable roster)\n");
}

static json_t *value_json(const wv_power_value *v)
{
    return json_pack("{s:f, s:f, s:f, s:f}", "banzhaf", v->banzhaf, "banzhaf_absolute",
                     v->banzhaf_abs, "shapley_shubik", v->shapley, "swings",
                     (double)v->swings);
}

static int print_json(const wv_power_report *rep, const wv_roster *r)
{
    json_t *rows = json_array(), *members = json_array();
    for (size_t i = 0; i < rep->n_rows; i++) {
        const wv_power_row *row = &rep->rows[i];
        json_t *o = value_json(&row->value);
        json_object_set_new(o, "label", json_string(row->label));
        json_object_set_new(o, "members", json_integer(row->players));
        json_object_set_new(o, "votes_each", json_integer(row->votes));
        json_array_append_new(rows, o);
    }
    for (uint32_t i = 0; i < rep->members; i++) {
        const wv_power_row *row = &rep->rows[rep->member_row[i]];
        json_t *o = value_json(&row->value);
        json_object_set_new(o, "code", json_string(wv_roster_member_at(r, i)->code));
        json_object_set_new(o, "votes", json_integer(row->votes));
        json_array_append_new(members, o);
    }
    const wv_procedure *p = rep->procedure;
    json_t *doc = json_pack("{s:s, s:s, s:s, s:b, s:i, s:i, s:i, s:b, s:s, s:o, s:o}",
                            "procedure", wv_procedure_id(p), "title", wv_procedure_title(p),
                            "citation", wv_procedure_citation(p), "eu_bloc", rep->eu_bloc,
                            "members", (json_int_t)rep->members, "votes",
                            (json_int_t)rep->total_votes, "min_winning",
                            (json_int_t)rep->min_winning, "monotone", rep->monotone, "method",
                            POWER_METHOD, "rows", rows, "by_member", members);
    if (doc == NULL)
        return WV_EXIT_USAGE;
    wv_cli_print_json(doc);
    json_decref(doc);
    return WV_EXIT_OK;
}

static void print_text(const wv_power_report *rep)
{
    const wv_procedure *p = rep->procedure;
    printf("Voting power under %s, %s [%s]\n", wv_procedure_id(p), wv_procedure_title(p),
           wv_procedure_citation(p));
    printf("every Member present, voting yes or no; %u Members, %u votes can be cast",
           rep->members, rep->total_votes);
    if (rep->eu_bloc)
        printf(" (EU bloc of %u)", rep->rows[1].votes);
    printf("\n");
    if (rep->min_winning > 0)
        printf("fewest yes votes that adopt: %u%s\n", rep->min_winning,
               rep->monotone ? "" : " (not monotone: more yes can lose)");
    else
        printf("no coalition adopts under this rule\n");
    printf("method: %s\n\n", POWER_METHOD);
    printf("%-52s %7s %5s %9s %9s %12s %9s %9s\n", "", "Members", "votes", "Banzhaf", "(total)",
           "abs.Banzhaf", "Shapley", "(total)");
    for (size_t i = 0; i < rep->n_rows; i++) {
        const wv_power_row *row = &rep->rows[i];
        printf("%-52s %7u %5u %9.6f %9.6f %12.6g %9.6f %9.6f\n", row->label, row->players,
               row->votes, row->value.banzhaf, row->value.banzhaf * row->players,
               row->value.banzhaf_abs, row->value.shapley, row->value.shapley * row->players);
    }
}

int wv_cmd_power(int argc, char **argv)
{
    static const struct option opts[] = {{"eu-bloc", no_argument, NULL, 'e'},
                                         {"roster", required_argument, NULL, 'r'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int eu_bloc = 0, json = 0, c;
    const char *roster_path = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'e': eu_bloc = 1; break;
        case 'r': roster_path = optarg; break;
        case 'j': json = 1; break;
        case 'h': usage(stdout); return WV_EXIT_OK;
        default: usage(stderr); return WV_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        usage(stderr);
        return WV_EXIT_USAGE;
    }
    const wv_procedure *p = wv_procedure_find(argv[optind]);
    if (p == NULL)
        return wv_cli_usage_error("unknown procedure '%s' (see wtovote rules list)",
                                  argv[optind]);
    wv_error err = {0};
    wv_roster *r = NULL;
    wv_status st = roster_path ? wv_roster_load(roster_path, &r, &err)
                               : wv_roster_default(&r, &err);
    if (st != WV_OK)
        return wv_cli_fail(&err);
    static wv_power_report rep;
    st = wv_power_procedure(p, NULL, r, eu_bloc, &rep, &err);
    int rc = WV_EXIT_OK;
    if (st != WV_OK)
        rc = wv_cli_fail(&err);
    else if (json)
        rc = print_json(&rep, r);
    else
        print_text(&rep);
    wv_roster_free(r);
    return rc;
}
