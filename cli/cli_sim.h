/* Shared between cmd_simulate.c, cmd_train.c and sim_report.c. */
#ifndef WV_CLI_SIM_H
#define WV_CLI_SIM_H

#include <stdint.h>

#include "wtovote/sim.h"

typedef struct sim_args {
    const char *scenario, *csv, *svg, *roster, *sweep;
    uint64_t runs, seed;
    unsigned jobs;
    uint32_t members;
    int json, list;
} sim_args;

/* The scenario NAME: an embedded one (wtovote simulate --list) or a JSON
 * file; errors name it. Shared by simulate and train. */
wv_status wv_cli_scenario_load(const char *name, const wv_roster *r, wv_scenario **out,
                               wv_error *err);

/* Prints the result (text or JSON) and writes --csv / --svg. Exit code. */
int wv_cli_sim_report(const sim_args *a, const wv_scenario *s, const wv_sim_result *r);

#endif
