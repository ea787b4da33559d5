/* The room's seats for the board's hemicycle (GET /api/state): the roster
 * in its order, and each item's positions in that order. While an item's
 * vote is open a ballot shows as "voted" only: who voted is public, how is
 * not until the close (SPEC.md, "Hidden results"). */
#include <jansson.h>

#include "srv_internal.h"
#include "wtovote/pb.h"

json_t *srv_roster_json(const wv_meeting *m, const wv_roster *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < wv_roster_member_count(r); i++) {
        const Wtovote__V1__Member *mb = wv_roster_member_at(r, i);
        json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:b}", "code", mb->code, "name",
                                           mb->name ? mb->name : "", "eu_member_state",
                                           mb->eu_member_state,
                                           "present", wv_meeting_is_present(m, (uint32_t)i)));
    }
    return a;
}

json_t *srv_positions_json(const wv_meeting *m, const wv_item_info *it)
{
    wv_meeting_info mi;
    wv_meeting_get_info(m, &mi);
    size_t index = (size_t)wv_meeting_item_find(m, it->item);
    json_t *a = json_array();
    for (size_t i = 0; i < mi.members; i++) {
        wv_position p = wv_meeting_position(m, index, (uint32_t)i);
        int ballot = p == WV_POS_YES || p == WV_POS_NO || p == WV_POS_ABSTAIN;
        json_array_append_new(a, json_string(ballot && it->vote_open ? "voted"
                                                                     : wv_position_name(p)));
    }
    return a;
}
