/* Fuzz target: the scenario JSON decoder (wv_scenario_parse) and, for the
 * scenarios it accepts, one simulated run. Properties checked: a refusal
 * is WV_ERR_SCENARIO with a message and no scenario; an accepted scenario
 * has between 2 and 166 Members and runs without error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static wv_roster *roster;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (roster == NULL && wv_roster_default(&roster, NULL) != WV_OK)
        abort();
    wv_scenario *s = NULL;
    wv_error err = {0};
    wv_status st = wv_scenario_parse((const char *)data, size, roster, &s, &err);
    if (st != WV_OK) {
        if (st != WV_ERR_SCENARIO || s != NULL || err.message[0] == '\0') {
            fprintf(stderr, "refusal without a proper error: %d %s\n", (int)st, err.message);
            abort();
        }
        return 0;
    }
    uint32_t n = wv_scenario_members(s);
    if (n < 2 || n > 166)
        abort();
    wv_sim_options opt = {.runs = 1, .seed = size, .jobs = 1, .negotiation = 1};
    wv_sim_result *r = NULL;
    st = wv_sim_run(s, &opt, &r, &err);
    /* A motion the meeting refuses (e.g. a period a rule does not allow) is
     * reported as a scenario error; anything else is a bug. */
    if (st != WV_OK && st != WV_ERR_SCENARIO) {
        fprintf(stderr, "simulation failed: %s\n", err.message);
        abort();
    }
    if (st == WV_OK && r->runs != 1)
        abort();
    wv_sim_result_free(r);
    wv_scenario_free(s);
    return 0;
}
