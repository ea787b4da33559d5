/* Shared between cmd_simulate.c, cmd_train.c, sim_report.c and sweep_render.c. */
#ifndef WV_CLI_SIM_H
#define WV_CLI_SIM_H

#include <stddef.h>
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

/* Writes TEXT (malloc'd, freed here; NULL: out of memory) atomically to
 * PATH (--csv, --svg). Exit code. */
int wv_cli_sim_write(const char *path, char *text);

/* A sweep's CSV (a header line, one line per point) and SVG line chart with
 * the scenario's historical figures (sweep_render.c): malloc'd text, NULL
 * when out of memory. */
char *wv_cli_sweep_csv(const wv_sim_sweep_point *pts, size_t n);
char *wv_cli_sweep_svg(const wv_scenario *s, const wv_sim_sweep_point *pts, size_t n);

/* Prints the result (text or JSON) and writes --csv / --svg. Exit code. */
int wv_cli_sim_report(const sim_args *a, const wv_scenario *s, const wv_sim_result *r);

#endif
