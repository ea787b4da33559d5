/* engine/meeting: the wire layer. Decoded ChairEvent / Act messages are
 * checked for the meeting they name, Member codes are resolved once, and
 * the fast core applies them. */
#include <string.h>

#include "meeting/meeting_internal.h"

static wv_status same_meeting(const wv_meeting *m, const char *id, const char *who,
                              wv_refusal *why, wv_error *err)
{
    if (id == NULL || strcmp(id, m->id) != 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_WRONG_MEETING,
                                 "%s refused: it is for meeting \"%.64s\", this is meeting %s",
                                 who, id ? id : "", m->id);
    return WV_OK;
}

/* The binding that no copy can share (SPEC.md, "Meeting identity"): the
 * input names this meeting's opening by its hash, whatever its ids say. */
static wv_status same_ref(const wv_meeting *m, const ProtobufCBinaryData *ref, const char *who,
                          wv_refusal *why, wv_error *err)
{
    if (ref->len == WV_MEETING_REF_BYTES && memcmp(ref->data, m->ref, WV_MEETING_REF_BYTES) == 0)
        return WV_OK;
    return wv_meeting_refuse(why, err, WV_REFUSE_OTHER_MEETING,
                             "%s refused: it is bound to another meeting's opening (its "
                             "meeting_ref is not this meeting's; an act or event from another "
                             "record, even with the same meeting id %.64s)", who, m->id);
}

/* Messages only where the kind carries one. */
static wv_status chair_shape(const wv_chair_event *ev, wv_refusal *why, wv_error *err)
{
    int k = (int)ev->kind;
    if (k < WV_CHAIR_MEETING_OPEN || k > WV_CHAIR_KEY_ENROL)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "chair event refused: unknown kind %d", k);
    int want_meeting = k == WV_CHAIR_MEETING_OPEN;
    int want_motion = k == WV_CHAIR_MOTION_TABLE || k == WV_CHAIR_MOTION_REVISE;
    int want_decision = k == WV_CHAIR_DECIDE;
    int want_enrolment = k == WV_CHAIR_KEY_ENROL;
    if ((ev->meeting != NULL) != want_meeting || (ev->motion != NULL) != want_motion ||
        (ev->decision != NULL) != want_decision || (ev->enrolment != NULL) != want_enrolment)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "chair event on item %u refused: it must carry %s and nothing "
                                 "else", ev->item,
                                 want_meeting ? "a Meeting" : want_motion ? "a Motion"
                                 : want_decision ? "a Decision"
                                 : want_enrolment ? "a MemberKey" : "no message");
    if ((k == WV_CHAIR_MEETING_OPEN || k == WV_CHAIR_MEETING_CLOSE ||
         k == WV_CHAIR_KEY_ENROL) && ev->item != 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "chair event refused: opening or closing names no item (%u)",
                                 ev->item);
    if (want_decision && ev->decision->item != ev->item)
        return wv_meeting_refuse(why, err, WV_REFUSE_MALFORMED,
                                 "decision refused: the event is for item %u, its Decision for "
                                 "item %u", ev->item, ev->decision->item);
    return WV_OK;
}

/* The reference is computed before anything changes (it may fail on
 * memory) and kept once the opening is admitted. */
static wv_status open_meeting(wv_meeting *m, const wv_chair_event *ev, wv_refusal *why,
                              wv_error *err)
{
    uint8_t ref[WV_MEETING_REF_BYTES];
    wv_status st = ev->meeting != NULL ? wv_meeting_ref_of(ev, ref, err) : WV_OK;
    if (st == WV_OK)
        st = wv_meeting_open(m, ev->meeting, ev->meeting_id, ev->time, why, err);
    if (st == WV_OK)
        memcpy(m->ref, ref, sizeof ref);
    return st;
}

wv_status wv_meeting_apply_chair(wv_meeting *m, const wv_chair_event *ev, wv_refusal *why,
                                 wv_error *err)
{
    if (m == NULL || ev == NULL)
        return wv_error_set(err, WV_ERR_ARG, "meeting: no meeting or chair event given");
    int open = ev->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MEETING_OPEN;
    /* A DECIDE on an item of an acceptance procedure passes a closed
     * meeting (Art. X:7). */
    wv_gate_input input = open ? WV_GATE_OPENING
                          : ev->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_DECIDE
                              ? wv_meeting_gate_for_item(m, ev->item)
                              : WV_GATE_SESSION;
    wv_status st = wv_meeting_gate(m, ev->time, input, 1, "chair event", why, err);
    if (st == WV_OK && !open)
        st = same_ref(m, &ev->meeting_ref, "chair event", why, err);
    if (st == WV_OK && !open)
        st = same_meeting(m, ev->meeting_id, "chair event", why, err);
    if (st == WV_OK)
        st = chair_shape(ev, why, err);
    if (st != WV_OK)
        return st;
    switch ((wv_chair_kind)ev->kind) {
    case WV_CHAIR_MEETING_OPEN:
        return open_meeting(m, ev, why, err);
    case WV_CHAIR_MOTION_TABLE:
    case WV_CHAIR_MOTION_REVISE:
        return wv_meeting_table(m, ev->motion, ev->kind == WTOVOTE__V1__CHAIR_KIND__CHAIR_MOTION_REVISE,
                                ev->item, ev->time, why, err);
    case WV_CHAIR_DECIDE:
        return wv_meeting_declare(m, ev->item, ev->time, ev->decision, NULL, why, err);
    case WV_CHAIR_KEY_ENROL:
        return wv_meeting_enrol(m, ev->enrolment, ev->time, why, err);
    default:
        return wv_meeting_chair(m, (wv_chair_kind)ev->kind, ev->item, ev->time, why, err);
    }
}

wv_status wv_meeting_apply_act(wv_meeting *m, const wv_act *act, wv_refusal *why, wv_error *err)
{
    if (m == NULL || act == NULL)
        return wv_error_set(err, WV_ERR_ARG, "meeting: no meeting or act given");
    const char *code = act->member ? act->member : "";
    /* An ACCEPT of an amendment passes a closed meeting (Art. X:7). */
    wv_status st = wv_meeting_gate(m, act->time,
                                   act->kind == WTOVOTE__V1__ACT_KIND__ACT_ACCEPT
                                       ? wv_meeting_gate_for_item(m, act->item)
                                       : WV_GATE_SESSION,
                                   0, "act", why, err);
    if (st != WV_OK) {
        int who = wv_roster_member_index(m->roster, code);
        if (who >= 0)
            st = wv_meeting_stale(m, (uint32_t)who, (wv_act_kind)act->kind, act->item,
                                  act->time, st, why, err);
    }
    if (st == WV_OK)
        st = same_ref(m, &act->meeting_ref, "act", why, err);
    if (st == WV_OK)
        st = same_meeting(m, act->meeting_id, "act", why, err);
    if (st != WV_OK) {
        if (err != NULL)
            wv_error_prefix(err, "%.8s", code);
        return st;
    }
    int who = wv_roster_member_index(m->roster, code);
    if (who < 0)
        return wv_meeting_refuse(why, err, WV_REFUSE_UNKNOWN_MEMBER,
                                 "act on item %u refused: \"%.16s\" is not a Member in the roster",
                                 act->item, code);
    return wv_meeting_act(m, (uint32_t)who, (wv_act_kind)act->kind, act->item,
                          (wv_choice)act->choice, act->eu_bloc, act->time, why, err);
}
