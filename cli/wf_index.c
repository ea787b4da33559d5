/* The item as the record states it (cli/workflow.h): the meeting's view of
 * an item with the counts that rest on attendance taken from the record's
 * index, as they were when the item was decided. */
#include <string.h>

#include "workflow.h"

int wf_item_recorded(const wv_record *rec, size_t slot, wv_item_info *it, wv_index_item *ix)
{
    if (wv_meeting_item_at(wv_record_meeting(rec), slot, it) < 0 ||
        wv_record_index_item(wv_record_get_index(rec), it->item, ix) < 0)
        return -1;
    /* Quorum and "Members present" (Art. IX:1 fn 1, DSU 2.4, WT/L/161)
     * count the Members present when the decision was taken. */
    it->present = ix->present;
    it->objections = ix->objections;
    return 0;
}
