/* The embedded scenarios (`wtovote simulate --list`). The JSON text below
 * is the source (SPEC.md, "Scenario files", documents the format); behaviour
 * figures are illustrative assumptions, facts are cited in each description
 * (shared/reference/wto-decision-rules.md sections 3, 4, 5, 8 and 9). */
#include <string.h>

#include "wtovote/sim.h"

typedef struct builtin {
    const char *name;
    const char *title;
    const char *json;
} builtin;

static const builtin builtins[] = {
    {"ecommerce", "E-commerce agreement sought for Annex 4",
     "{\n"
     "  \"name\": \"ecommerce\",\n"
     "  \"title\": \"E-commerce agreement sought for Annex 4\",\n"
     "  \"description\": \"An open plurilateral on electronic commerce (the Joint Statement Initiative: 71 signatories in 2017, 91 participants, stabilised text of 26 July 2024 supported by 82) asks to be added to Annex 4, which Art. X:9 allows only by consensus of all Members. Behaviour figures are illustrative assumptions, not measurements.\",\n"
     "  \"proposal\": {\n"
     "    \"subject\": \"Addition of the Agreement on Electronic Commerce to Annex 4\",\n"
     "    \"ambition\": 0.7,\n"
     "    \"floor\": 0.4,\n"
     "    \"procedures\": [\"annex4-add\", \"consensus\"],\n"
     "    \"proponents\": [\"AUS\", \"JPN\", \"SGP\"]\n"
     "  },\n"
     "  \"negotiation\": {\"procedure\": \"consensus\", \"max_rounds\": 20, \"concession\": 0.05, \"months_per_round\": 6},\n"
     "  \"plurilateral\": {\"participants\": 60, \"weight_share\": 0.5},\n"
     "  \"behaviour\": {\"attend\": 0.9, \"support\": 0.65, \"spread\": 0.35, \"object\": 0.15, \"abstain\": 0.05, \"join\": 0.7, \"weight\": 1},\n"
     "  \"groups\": [\n"
     "    {\"name\": \"developed\", \"members\": [\"AUS\", \"CAN\", \"CHE\", \"GBR\", \"ISL\", \"JPN\", \"KOR\", \"LIE\", \"NOR\", \"NZL\", \"USA\"],\n"
     "     \"behaviour\": {\"attend\": 1, \"support\": 0.85, \"spread\": 0.2, \"object\": 0.05, \"join\": 0.95, \"weight\": 8}},\n"
     "    {\"name\": \"EU bloc\", \"select\": \"eu\",\n"
     "     \"behaviour\": {\"attend\": 1, \"support\": 0.85, \"spread\": 0.15, \"object\": 0.02, \"join\": 1, \"weight\": 3}},\n"
     "    {\"name\": \"LDC\", \"select\": \"ldc\",\n"
     "     \"behaviour\": {\"attend\": 0.7, \"support\": 0.45, \"spread\": 0.3, \"object\": 0.1, \"join\": 0.25, \"weight\": 0.1}},\n"
     "    {\"name\": \"African Group\",\n"
     "     \"members\": [\"AGO\", \"BEN\", \"BWA\", \"BFA\", \"BDI\", \"CPV\", \"CMR\", \"CAF\", \"TCD\", \"COM\", \"COG\", \"CIV\", \"COD\", \"DJI\", \"EGY\", \"SWZ\", \"GAB\", \"GMB\", \"GHA\", \"GIN\", \"GNB\", \"KEN\", \"LSO\", \"LBR\", \"MDG\", \"MWI\", \"MLI\", \"MRT\", \"MUS\", \"MAR\", \"MOZ\", \"NAM\", \"NER\", \"NGA\", \"RWA\", \"SEN\", \"SYC\", \"SLE\", \"ZAF\", \"TZA\", \"TGO\", \"TUN\", \"UGA\", \"ZMB\", \"ZWE\"],\n"
     "     \"behaviour\": {\"support\": 0.4, \"spread\": 0.3, \"object\": 0.25, \"join\": 0.2}}\n"
     "  ],\n"
     "  \"overrides\": {\n"
     "    \"IND\": {\"support\": 0.1, \"spread\": 0.05, \"object\": 1, \"join\": 0, \"weight\": 5},\n"
     "    \"ZAF\": {\"support\": 0.15, \"spread\": 0.05, \"object\": 0.9, \"join\": 0, \"weight\": 1},\n"
     "    \"CHN\": {\"support\": 0.7, \"spread\": 0.2, \"object\": 0.1, \"join\": 0.8, \"weight\": 10}\n"
     "  }\n"
     "}\n"},
    {"trips-waiver", "A TRIPS-style waiver (Art. IX:3)",
     "{\n"
     "  \"name\": \"trips-waiver\",\n"
     "  \"title\": \"A TRIPS-style waiver (Art. IX:3)\",\n"
     "  \"description\": \"A waiver of TRIPS obligations for a public-health emergency, proposed by developing Members (as India and South Africa did in October 2020). Consensus is sought for up to 90 days (Art. IX:3(b)), then three-fourths of the Members may grant it. Behaviour figures are illustrative assumptions.\",\n"
     "  \"proposal\": {\n"
     "    \"subject\": \"Waiver from certain TRIPS obligations for a health emergency\",\n"
     "    \"ambition\": 0.8,\n"
     "    \"floor\": 0.3,\n"
     "    \"procedures\": [\"waiver-annex1\", \"waiver\"],\n"
     "    \"proponents\": [\"IND\", \"ZAF\"],\n"
     "    \"consensus_period_days\": 90,\n"
     "    \"eu_bloc\": true,\n"
     "    \"vote_request\": 0.5\n"
     "  },\n"
     "  \"negotiation\": {\"procedure\": \"waiver\", \"max_rounds\": 12, \"concession\": 0.05, \"months_per_round\": 3},\n"
     "  \"plurilateral\": {\"participants\": 83},\n"
     "  \"behaviour\": {\"attend\": 0.9, \"support\": 0.95, \"spread\": 0.15, \"object\": 0.05, \"abstain\": 0.03, \"join\": 0.9},\n"
     "  \"groups\": [\n"
     "    {\"name\": \"developed\", \"members\": [\"AUS\", \"CAN\", \"CHE\", \"GBR\", \"ISL\", \"JPN\", \"KOR\", \"LIE\", \"NOR\", \"NZL\", \"USA\"],\n"
     "     \"behaviour\": {\"attend\": 1, \"support\": 0.45, \"spread\": 0.35, \"object\": 0.4, \"join\": 0.3}},\n"
     "    {\"name\": \"EU bloc\", \"select\": \"eu\",\n"
     "     \"behaviour\": {\"attend\": 1, \"support\": 0.45, \"spread\": 0.2, \"object\": 0.3, \"join\": 0.3}},\n"
     "    {\"name\": \"LDC\", \"select\": \"ldc\",\n"
     "     \"behaviour\": {\"attend\": 0.75, \"support\": 0.95, \"spread\": 0.05, \"object\": 0, \"join\": 1}}\n"
     "  ],\n"
     "  \"overrides\": {\n"
     "    \"CHE\": {\"support\": 0.2, \"spread\": 0.1, \"object\": 0.8}\n"
     "  }\n"
     "}\n"},
    {"accession", "An accession (Art. XII:2 with WT/L/93)",
     "{\n"
     "  \"name\": \"accession\",\n"
     "  \"title\": \"An accession (Art. XII:2 with WT/L/93)\",\n"
     "  \"description\": \"The terms of accession of a new Member (as Comoros and Timor-Leste at MC13, 2024): consensus sought first (WT/L/93), failing it two-thirds of the Members (Art. XII:2). Behaviour figures are illustrative assumptions.\",\n"
     "  \"proposal\": {\n"
     "    \"subject\": \"Terms of accession of a new Member\",\n"
     "    \"ambition\": 0.7,\n"
     "    \"floor\": 0.5,\n"
     "    \"procedures\": [\"accession\", \"consensus\"],\n"
     "    \"vote_request\": 1\n"
     "  },\n"
     "  \"negotiation\": {\"procedure\": \"accession\", \"max_rounds\": 16, \"concession\": 0.02, \"months_per_round\": 6},\n"
     "  \"plurilateral\": {\"participants\": 111},\n"
     "  \"behaviour\": {\"attend\": 0.95, \"support\": 0.9, \"spread\": 0.25, \"object\": 0.03, \"abstain\": 0.03, \"join\": 1},\n"
     "  \"groups\": [\n"
     "    {\"name\": \"LDC\", \"select\": \"ldc\", \"behaviour\": {\"attend\": 0.7}}\n"
     "  ]\n"
     "}\n"},
    {"history", "From 23 contracting parties to 166 Members",
     "{\n"
     "  \"name\": \"history\",\n"
     "  \"title\": \"From 23 contracting parties to 166 Members\",\n"
     "  \"description\": \"The same diverse body at growing sizes: each Member's ceiling is uniform between 0.3 and 1.0 and an opposed Member objects with probability 0.3. Consensus-seeking rounds (9 months each) against an open plurilateral that stands with a fifth of the Members. The historical figures are those of the seed analysis; the behaviour figures are illustrative assumptions.\",\n"
     "  \"proposal\": {\n"
     "    \"subject\": \"A new round of trade rules\",\n"
     "    \"ambition\": 0.8,\n"
     "    \"floor\": 0.4,\n"
     "    \"procedures\": [\"consensus\", \"majority\"]\n"
     "  },\n"
     "  \"negotiation\": {\"procedure\": \"consensus\", \"max_rounds\": 24, \"concession\": 0.03, \"months_per_round\": 9},\n"
     "  \"plurilateral\": {\"weight_share\": 0.2},\n"
     "  \"behaviour\": {\"attend\": 0.9, \"support\": 0.65, \"spread\": 0.35, \"object\": 0.3, \"abstain\": 0.05, \"join\": 0.9},\n"
     "  \"groups\": [\n"
     "    {\"name\": \"LDC\", \"select\": \"ldc\", \"behaviour\": {\"attend\": 0.7}}\n"
     "  ],\n"
     "  \"history\": [\n"
     "    {\"label\": \"GATT 1947: 23 contracting parties\", \"members\": 23},\n"
     "    {\"label\": \"Tokyo Round: over 100, 6 years\", \"members\": 100, \"years\": 6},\n"
     "    {\"label\": \"Uruguay Round: over 120, 8 years\", \"members\": 120, \"years\": 8},\n"
     "    {\"label\": \"Bali Package: over 150, 12 years\", \"members\": 150, \"years\": 12},\n"
     "    {\"label\": \"Basic telecoms: about 70 Members, 3 years\", \"members\": 70, \"years\": 3, \"plurilateral\": true},\n"
     "    {\"label\": \"Services domestic regulation: 67, 4 years\", \"members\": 67, \"years\": 4, \"plurilateral\": true},\n"
     "    {\"label\": \"E-commerce: over half the Members, 5 years\", \"members\": 83, \"years\": 5, \"plurilateral\": true}\n"
     "  ],\n"
     "  \"sweep\": {\"from\": 23, \"to\": 166, \"step\": 13}\n"
     "}\n"},
};
#define N_BUILTINS (sizeof builtins / sizeof builtins[0])

size_t wv_scenario_builtin_count(void)
{
    return N_BUILTINS;
}

const char *wv_scenario_builtin_name(size_t i)
{
    return i < N_BUILTINS ? builtins[i].name : NULL;
}

const char *wv_scenario_builtin_title(size_t i)
{
    return i < N_BUILTINS ? builtins[i].title : NULL;
}

const char *wv_scenario_builtin_json(const char *name)
{
    for (size_t i = 0; name != NULL && i < N_BUILTINS; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].json;
    return NULL;
}
