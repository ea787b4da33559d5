/* engine/session: what an admitted entry did, in one sentence with its
 * rule, from the meeting's state after it. Results are hidden while a vote
 * is open: a ballot's effect never names its choice. */
#include <stdio.h>

#include "session/session_internal.h"

static const char *objection_effect(const wv_item_info *it, const char **cite)
{
    if (wv_procedure_is_reverse_consensus(it->procedure)) {
        *cite = "DSU 6.1, 16.4, 17.14, 22.6";
        return it->objections ? "there is no consensus against the action: it will be taken"
                              : "the action is taken unless all object";
    }
    *cite = "Art. IX:1 fn 1";
    return it->objections ? "consensus cannot be reached" : "consensus stands if none is raised";
}

static void act_effect(const wv_meeting *m, wv_act_kind kind, const char *who,
                       const wv_item_info *it, char *buf, size_t size, const char **cite)
{
    wv_meeting_info mi;
    wv_meeting_get_info(m, &mi);
    const char *what;
    switch (kind) {
    case WV_ACT_ATTEND:
    case WV_ACT_LEAVE:
        *cite = "WT/L/161 (quorum)";
        snprintf(buf, size, "%s %s: %u of %u Members present", who,
                 kind == WV_ACT_ATTEND ? "is present" : "has left", mi.present, mi.members);
        return;
    case WV_ACT_OBJECT:
    case WV_ACT_WITHDRAW:
        what = objection_effect(it, cite);
        snprintf(buf, size, "%s %s on item %u: %u formal objection(s) in force; %s", who,
                 kind == WV_ACT_OBJECT ? "objects" : "withdraws its objection", it->item,
                 it->objections, what);
        return;
    case WV_ACT_REQUEST_VOTE:
        *cite = "WT/L/93";
        snprintf(buf, size, "%s requests a vote on item %u: %u request(s)", who, it->item,
                 it->vote_requests);
        return;
    case WV_ACT_VOTE:
        *cite = wv_procedure_citation(it->procedure);
        snprintf(buf, size, "%s's ballot on item %u is recorded; results are shown when the "
                 "vote closes", who, it->item);
        return;
    case WV_ACT_ACCEPT:
        *cite = "Art. X:7";
        snprintf(buf, size, "%s deposits its acceptance of item %u: %u acceptance(s)", who,
                 it->item, it->acceptances);
        return;
    default:
        *cite = "";
        snprintf(buf, size, "%s's statement is recorded", who);
    }
}

static void chair_effect(const wv_meeting *m, wv_chair_kind kind, const wv_item_info *it,
                         char *buf, size_t size, const char **cite)
{
    wv_meeting_info mi;
    wv_meeting_get_info(m, &mi);
    *cite = it != NULL ? wv_procedure_citation(it->procedure) : "";
    switch (kind) {
    case WV_CHAIR_MEETING_OPEN:
        *cite = "WT/L/161";
        snprintf(buf, size, "meeting %s of the %s opened: %u Members on the roster", mi.id,
                 mi.body, mi.members);
        return;
    case WV_CHAIR_MEETING_CLOSE:
        *cite = "Art. X:7";
        snprintf(buf, size, "meeting %s closed: from now on only acceptances of amendments "
                 "are recorded", mi.id);
        return;
    default:
        break;
    }
    if (it == NULL) {
        snprintf(buf, size, "chair event recorded");
        return;
    }
    if (kind == WV_CHAIR_MOTION_TABLE || kind == WV_CHAIR_MOTION_REVISE) {
        snprintf(buf, size, "item %u %s under %s", it->item,
                 kind == WV_CHAIR_MOTION_TABLE
                     ? "tabled"
                     : "revised (objections and requests on the old text lapse)",
                 wv_procedure_id(it->procedure));
    } else if (kind == WV_CHAIR_CONSENSUS_CALL) {
        *cite = "Art. IX:1 fn 1";
        snprintf(buf, size, "consensus sought on item %u: adopted unless a Member present "
                 "formally objects", it->item);
    } else if (kind == WV_CHAIR_VOTE_OPEN) {
        snprintf(buf, size, "the vote on item %u is open", it->item);
    } else if (kind == WV_CHAIR_VOTE_CLOSE) {
        snprintf(buf, size, "the vote on item %u is closed: %u yes, %u no, %u abstaining",
                 it->item, it->yes, it->no, it->abstain);
    } else if (it->decision != NULL) {
        const wv_decision *d = it->decision;
        if (d->n_steps > 0)
            *cite = d->steps[d->n_steps - 1].citation;
        snprintf(buf, size, "item %u: %s (stage %s)", it->item, wv_outcome_name(d->outcome),
                 wv_stage_name(d->stage));
    }
}

void wv_session_effect(const wv_meeting *m, int is_chair, int kind, const char *member,
                       uint32_t item, char *buf, size_t size, const char **citation)
{
    wv_item_info info;
    const wv_item_info *it = NULL;
    int idx = item != 0 ? wv_meeting_item_find(m, item) : -1;
    if (idx >= 0 && wv_meeting_item_at(m, (size_t)idx, &info) == 0)
        it = &info;
    const char *cite = "";
    if (is_chair)
        chair_effect(m, (wv_chair_kind)kind, it, buf, size, &cite);
    else if (it == NULL && kind != WV_ACT_ATTEND && kind != WV_ACT_LEAVE)
        snprintf(buf, size, "%s's statement is recorded", member);
    else
        act_effect(m, (wv_act_kind)kind, member, it, buf, size, &cite);
    if (citation != NULL)
        *citation = cite;
}
