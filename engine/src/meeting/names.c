/* engine/meeting: the one table of act kinds, chair events and choices with
 * their names. The CLI's commands and options, the training dialogue, the
 * report and the refusal messages all take their words from here. */
#include <string.h>

#include "meeting/meeting_internal.h"

typedef struct kind_words {
    const char *name; /* as typed: "request-vote" */
    const char *noun; /* in a sentence: "vote request" */
} kind_words;

static const kind_words ACTS[] = {
    [WV_ACT_ATTEND] = {"attend", "attendance"},
    [WV_ACT_LEAVE] = {"leave", "departure"},
    [WV_ACT_OBJECT] = {"object", "objection"},
    [WV_ACT_WITHDRAW] = {"withdraw", "withdrawal"},
    [WV_ACT_VOTE] = {"vote", "vote"},
    [WV_ACT_REQUEST_VOTE] = {"request-vote", "vote request"},
    [WV_ACT_ACCEPT] = {"accept", "acceptance"},
    [WV_ACT_STATEMENT] = {"statement", "statement"},
};

static const char *const CHAIRS[] = {
    [WV_CHAIR_MEETING_OPEN] = "meeting open",   [WV_CHAIR_MOTION_TABLE] = "motion table",
    [WV_CHAIR_CONSENSUS_CALL] = "consensus call", [WV_CHAIR_VOTE_OPEN] = "vote open",
    [WV_CHAIR_VOTE_CLOSE] = "vote close",       [WV_CHAIR_DECIDE] = "decide",
    [WV_CHAIR_MEETING_CLOSE] = "meeting close", [WV_CHAIR_MOTION_REVISE] = "motion revise",
    [WV_CHAIR_KEY_ENROL] = "key enrol",
};

static const char *const CHOICES[] = {
    [WV_CHOICE_NONE] = "none", [WV_CHOICE_YES] = "yes", [WV_CHOICE_NO] = "no",
    [WV_CHOICE_ABSTAIN] = "abstain",
};

#define COUNT(a) (sizeof a / sizeof a[0])

const char *wv_act_kind_name(int kind)
{
    return kind >= WV_ACT_ATTEND && (size_t)kind < COUNT(ACTS) ? ACTS[kind].name : "?";
}

const char *wv_act_kind_noun(int kind)
{
    return kind >= WV_ACT_ATTEND && (size_t)kind < COUNT(ACTS) ? ACTS[kind].noun : "act";
}

int wv_act_kind_from_name(const char *name)
{
    for (size_t k = WV_ACT_ATTEND; name != NULL && k < COUNT(ACTS); k++)
        if (strcmp(ACTS[k].name, name) == 0)
            return (int)k;
    return -1;
}

const char *wv_chair_kind_name(int kind)
{
    return kind >= WV_CHAIR_MEETING_OPEN && (size_t)kind < COUNT(CHAIRS) ? CHAIRS[kind] : "?";
}

int wv_chair_kind_from_name(const char *name)
{
    for (size_t k = WV_CHAIR_MEETING_OPEN; name != NULL && k < COUNT(CHAIRS); k++)
        if (strcmp(CHAIRS[k], name) == 0)
            return (int)k;
    return -1;
}

const char *wv_choice_name(int choice)
{
    return choice >= 0 && (size_t)choice < COUNT(CHOICES) ? CHOICES[choice] : "?";
}

int wv_choice_from_name(const char *name)
{
    for (size_t c = WV_CHOICE_YES; name != NULL && c < COUNT(CHOICES); c++)
        if (strcmp(CHOICES[c], name) == 0)
            return (int)c;
    return -1;
}
