/* The HTML report of a record: the meeting, the verification result with
 * the checkpoint, then per item the procedure, the motion, the chair's
 * events, counts against the threshold, the hemicycle, the objectors and
 * the explanation with citations. Self-contained: inline CSS and SVG, no
 * script, no external asset. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "wtovote/util.h"

void wf_html_text(FILE *f, const char *s)
{
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

#define T(s) wf_html_text(f, (s))

static const char CSS[] =
    ":root{--ink:#1f2933;--muted:#52606d;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;"
    "--ok:#1b7f3b;--bad:#c0392b;--warn:#b7791f;--accent:#234e70}"
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',"
    "sans-serif;color:var(--ink);background:var(--bg)}"
    "header.top{background:var(--accent);color:#fff;padding:28px 0 22px}"
    ".wrap{max-width:1080px;margin:0 auto;padding:0 24px}"
    "header.top h1{margin:0 0 4px;font-size:28px;font-weight:650}"
    "header.top p{margin:2px 0;color:#d9e2ec}"
    "main{padding:18px 0 40px}"
    "section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "padding:20px 24px;margin:18px 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}"
    "h2{margin:0 0 6px;font-size:22px}h3{font-size:16px;margin:18px 0 6px;color:var(--accent)}"
    ".sub{color:var(--muted);margin:0 0 10px}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}"
    "th{font-size:13px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".badge{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;"
    "font-size:14px;color:#fff;background:var(--muted)}"
    ".adopted{background:var(--ok)}.rejected,.blocked{background:var(--bad)}"
    ".pending,.no-quorum,.undecided{background:var(--warn)}"
    ".grid{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:24px;"
    "align-items:start}"
    "@media (max-width:860px){.grid{grid-template-columns:1fr}}"
    "figure.hemi{margin:0}svg.hemicycle{width:100%;height:auto;display:block}"
    "circle.seat{stroke:#fff;stroke-width:.8}"
    ".hc-big{font-size:34px;font-weight:700;fill:var(--ink)}.hc-small{font-size:14px;fill:#52606d}"
    "ul.legend{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:4px 16px;"
    "font-size:14px}ul.legend li{display:flex;align-items:center;gap:6px}"
    "ul.legend svg{flex:none}"
    "ol.steps{padding-left:22px;margin:6px 0}ol.steps li{margin:4px 0}"
    ".cite{display:inline-block;font-size:12px;background:#eef2f7;color:var(--accent);"
    "border-radius:4px;padding:0 6px;margin-right:6px;white-space:nowrap}"
    ".bar{position:relative;height:22px;background:#edf0f3;border-radius:4px;overflow:hidden;"
    "margin:4px 0 2px}.bar span{position:absolute;top:0;bottom:0}"
    ".bar .y{background:var(--ok)}.bar .n{background:var(--bad)}.bar .a{background:#d99a00}"
    ".bar .req{width:2px;background:#111;top:-3px;bottom:-3px}"
    ".counts{font-variant-numeric:tabular-nums}"
    "dl.terms{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:6px 0}"
    "dl.terms dt{color:var(--muted)}dl.terms dd{margin:0}"
    "pre{background:#f0f3f7;padding:10px 12px;border-radius:6px;overflow-x:auto;font-size:13px}"
    ".pass{color:var(--ok);font-weight:600}.fail{color:var(--bad);font-weight:600}"
    ".muted{color:var(--muted)}"
    "footer{color:var(--muted);font-size:14px;padding:10px 0 40px}"
    "code{font-size:90%}";

/* ------------------------------------------------------------ header */

static void head(FILE *f, const wv_record *rec)
{
    wv_meeting_info mi;
    char opened[24] = "", closed[24] = "";
    wv_meeting_get_info(wv_record_meeting(rec), &mi);
    wv_time_format(mi.opened_at, opened, sizeof opened);
    if (mi.closed)
        wv_time_format(mi.closed_at, closed, sizeof closed);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
          "<title>", f);
    T(mi.id);
    fputs(": record of the meeting</title><style>", f);
    fputs(CSS, f);
    fputs("</style></head><body>\n<header class=\"top\"><div class=\"wrap\"><h1>", f);
    T(mi.title[0] ? mi.title : mi.id);
    fputs("</h1><p>Meeting <b>", f);
    T(mi.id);
    fputs("</b> &middot; body: ", f);
    T(mi.body);
    fprintf(f, " &middot; opened %s%s%s &middot; %u of %u Members present at the end",
            opened, mi.closed ? ", closed " : "", closed, mi.present, mi.members);
    if (mi.quorum_den != 0)
        fprintf(f, " &middot; quorum: more than %u/%u", mi.quorum_num, mi.quorum_den);
    fprintf(f, " &middot; WT/L/93 vote requests: %s (a request takes effect when the "
               "consensus period has run)</p></div></header>\n"
               "<main class=\"wrap\">\n", wv_vote_request_name(mi.vote_request));
}

static const char *outcome_class(const wv_item_info *it)
{
    return it->has_decision ? wv_outcome_name(it->decision->outcome) : "undecided";
}

static void summary(FILE *f, const wv_record *rec)
{
    const wv_meeting *m = wv_record_meeting(rec);
    fputs("<section class=\"card\" id=\"summary\"><h2>Agenda and outcomes</h2>"
          "<table><thead><tr><th>Item</th><th>Title</th><th>Procedure</th><th>Outcome</th>"
          "<th class=\"num\">Yes</th><th class=\"num\">No</th><th class=\"num\">Abstain</th>"
          "<th class=\"num\">Objections</th></tr></thead><tbody>\n", f);
    for (size_t i = 0; i < wv_meeting_item_count(m); i++) {
        wv_item_info it;
        wv_index_item ix;
        if (wf_item_recorded(rec, i, &it, &ix) < 0)
            continue;
        int voted = it.has_decision && it.decision->has_required;
        fprintf(f, "<tr><td><a href=\"#item-%u\">%u</a></td><td>", it.item, it.item);
        T(it.title);
        fprintf(f, "</td><td>%s</td><td><span class=\"badge %s\">%s</span></td>",
                wv_procedure_id(it.procedure), outcome_class(&it), outcome_class(&it));
        if (voted)
            fprintf(f, "<td class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">%u"
                       "</td>", it.decision->yes, it.decision->no, it.decision->abstain);
        else
            fputs("<td class=\"num muted\">&ndash;</td><td class=\"num muted\">&ndash;</td>"
                  "<td class=\"num muted\">&ndash;</td>", f);
        fprintf(f, "<td class=\"num\">%u</td></tr>\n", it.objections);
    }
    fputs("</tbody></table></section>\n", f);
}

/* ------------------------------------------------------------ items */

static void procedure_block(FILE *f, const wv_procedure *p)
{
    fputs("<h3>Procedure</h3><p><b>", f);
    T(wv_procedure_title(p));
    fputs("</b> <span class=\"cite\">", f);
    T(wv_procedure_citation(p));
    fputs("</span><br><span class=\"muted\">", f);
    T(wv_procedure_summary(p));
    fputs("</span></p><ol class=\"steps\">", f);
    for (size_t i = 0; i < wv_procedure_stage_count(p); i++) {
        const wv_stage_info *s = wv_procedure_stage_at(p, i);
        fprintf(f, "<li><span class=\"cite\">");
        T(s->citation);
        fprintf(f, "</span>%s: ", wv_stage_name(s->stage));
        T(s->text);
        fputs("</li>", f);
    }
    fputs("</ol>\n", f);
}

static void motion_block(FILE *f, const wv_roster *r, const wv_index_motion *mo)
{
    if (mo == NULL)
        return;
    int any = mo->proponent[0] || mo->has_waiver || mo->n_parties || mo->acceptance_deadline[0];
    if (!any)
        return;
    fputs("<h3>Motion</h3><dl class=\"terms\">", f);
    if (mo->proponent[0]) {
        int k = wv_roster_member_index(r, mo->proponent);
        fputs("<dt>Proponent</dt><dd>", f);
        T(k >= 0 ? wv_roster_member_at(r, (size_t)k)->name : mo->proponent);
        fprintf(f, " (%s)</dd>", mo->proponent);
    }
    if (mo->has_waiver) {
        fputs("<dt>Exceptional circumstances</dt><dd>", f);
        T(mo->exceptional_circumstances);
        fputs(" <span class=\"cite\">Art. IX:4</span></dd><dt>Terms and conditions</dt><dd>", f);
        T(mo->terms_and_conditions);
        fputs("</dd><dt>Termination date</dt><dd>", f);
        T(mo->termination_date);
        fputs("</dd>", f);
        if (mo->consensus_period_days)
            fprintf(f, "<dt>Consensus period</dt><dd>%u days <span class=\"cite\">Art. IX:3"
                       "</span></dd>", mo->consensus_period_days);
    }
    if (mo->n_parties > 0) {
        fprintf(f, "<dt>Parties (%zu)</dt><dd>", mo->n_parties);
        for (size_t i = 0; i < mo->n_parties; i++)
            fprintf(f, "%s%s", i ? ", " : "", mo->parties[i]);
        fputs(" <span class=\"cite\">Art. IX:5</span></dd>", f);
    }
    if (mo->acceptance_deadline[0]) {
        fputs("<dt>Acceptance deadline</dt><dd>", f);
        T(mo->acceptance_deadline);
        fputs("</dd>", f);
    }
    fputs("</dl>\n", f);
}

static void threshold_words(FILE *f, const wv_item_info *it)
{
    const wv_threshold *th = wv_procedure_threshold(it->procedure);
    if (th != NULL && th->den != 0) {
        fputs(" (", f);
        T(th->words);
        fputs(" <span class=\"cite\">", f);
        T(th->citation);
        fputs("</span>)", f);
    }
}

/* Art. X: instruments deposited over time (X:7), not a vote in the room. */
static void acceptance_counts(FILE *f, const wv_item_info *it)
{
    const wv_decision *d = it->decision;
    uint32_t scale = it->eligible ? it->eligible : 1;
    fprintf(f, "<h3>Counts</h3><p class=\"counts\">Acceptances deposited: <b>%u</b> of %u "
               "Members <span class=\"cite\">Art. X:7</span>", it->acceptances, it->eligible);
    if (d != NULL && d->has_required) {
        fprintf(f, " &middot; needed: <b>%u</b>", d->required);
        threshold_words(f, it);
    }
    fputs("</p>", f);
    if (d == NULL || !d->has_required)
        return;
    double acc = 100.0 * it->acceptances / scale, req = 100.0 * d->required / scale;
    fprintf(f, "<div class=\"bar\" role=\"img\" aria-label=\"%u acceptances; %u needed\">"
               "<span class=\"y\" style=\"left:0;width:%.2f%%\"></span>"
               "<span class=\"req\" style=\"left:%.2f%%\"></span></div>"
               "<p class=\"muted\" style=\"font-size:13px;margin:0\">bar: acceptances out of %u; "
               "the black mark is the number needed</p>\n",
            it->acceptances, d->required, acc > 100 ? 100 : acc, req > 99.6 ? 99.6 : req, scale);
}

/* Two-limb rows (VII:3, GATT XXV:5): both limbs, as the Decision publishes
 * them; the votes-cast limb has a number only once votes are cast. */
static void limbs_block(FILE *f, const wv_item_info *it)
{
    const wv_decision *d = it->decision;
    const wv_threshold *th = wv_procedure_threshold(it->procedure);
    const wv_threshold *l = wv_procedure_extra_limb(it->procedure);
    if (d == NULL || !d->two_limbs || th == NULL || l == NULL)
        return;
    fputs("<p class=\"counts\">Both limbs must be met: ", f);
    T(th->words);
    if (d->votes_cast_known)
        fprintf(f, ": <b>%u</b> yes needed", d->required_of_votes_cast);
    else
        fputs(": a number once the votes are cast", f);
    fputs(" &middot; ", f);
    T(l->words);
    fprintf(f, ": <b>%u</b> yes needed <span class=\"cite\">", d->required_of_members);
    T(l->citation);
    fputs("</span></p>\n", f);
}

/* IX:3(b): the Council report an Annex 1 waiver is decided on. */
static void report_cited(FILE *f, const wv_item_info *it)
{
    if (it->report_meeting == NULL || it->report_meeting[0] == '\0')
        return;
    fputs("<p class=\"counts\">On the report of ", f);
    T(it->report_body);
    fputs(", meeting ", f);
    T(it->report_meeting);
    fprintf(f, " item %u: <b>%s</b> <span class=\"cite\">Art. IX:3(b)</span></p>\n",
            it->report_item, wv_outcome_name(it->report_outcome));
}

static void counts_block(FILE *f, const wv_item_info *it, const wv_index_item *ix)
{
    const wv_decision *d = it->decision;
    if (wv_procedure_is_acceptance(it->procedure)) {
        acceptance_counts(f, it);
        return;
    }
    fprintf(f, "<h3>Counts</h3><p class=\"counts\">Present%s: <b>%u</b> of %u eligible &middot; "
               "objections in force: <b>%u</b>", ix->at_decision ? " at the decision" : "",
            it->present, it->eligible, it->objections);
    if (it->vote_requests)
        fprintf(f, " &middot; requests for a vote: <b>%u</b>", it->vote_requests);
    fputs("</p>", f);
    report_cited(f, it);
    limbs_block(f, it);
    if (d == NULL || !d->has_required)
        return;
    uint32_t total = d->yes + d->no + d->abstain;
    uint32_t scale = it->eligible > total ? it->eligible : total;
    if (scale == 0)
        scale = 1;
    double y = 100.0 * d->yes / scale, n = 100.0 * d->no / scale, a = 100.0 * d->abstain / scale;
    double req = 100.0 * d->required / scale;
    fprintf(f, "<p class=\"counts\"><b>%u yes</b>, <b>%u no</b>, <b>%u abstaining</b> "
               "&middot; needed: <b>%u</b>", d->yes, d->no, d->abstain, d->required);
    threshold_words(f, it);
    fprintf(f, "</p><div class=\"bar\" role=\"img\" aria-label=\"%u yes, %u no, %u abstaining; "
               "%u needed\"><span class=\"y\" style=\"left:0;width:%.2f%%\"></span>"
               "<span class=\"n\" style=\"left:%.2f%%;width:%.2f%%\"></span>"
               "<span class=\"a\" style=\"left:%.2f%%;width:%.2f%%\"></span>"
               "<span class=\"req\" style=\"left:%.2f%%\"></span></div>"
               "<p class=\"muted\" style=\"font-size:13px;margin:0\">bar: votes out of %u; the "
               "black mark is the number needed</p>\n",
            d->yes, d->no, d->abstain, d->required, y, y, n, y + n, a, req > 99.6 ? 99.6 : req,
            scale);
}

static void notes_block(FILE *f, const wv_record_index *idx, const wv_roster *r, uint32_t item)
{
    size_t shown = 0;
    for (size_t i = 0; i < wv_record_index_note_count(idx); i++) {
        const wv_index_note *n = wv_record_index_note(idx, i);
        if (n->item != item)
            continue;
        const Wtovote__V1__Member *mm = wv_roster_member_at(r, n->member);
        if (shown++ == 0)
            fputs("<h3>Objectors, requests and statements</h3><ul>", f);
        fputs("<li><b>", f);
        T(mm->name);
        fprintf(f, "</b> (%s): %s", mm->code,
                n->kind == WV_ACT_OBJECT     ? "formal objection"
                : n->kind == WV_ACT_WITHDRAW ? "objection withdrawn"
                : n->kind == WV_ACT_REQUEST_VOTE ? "requests a vote (WT/L/93)"
                                                 : "statement");
        if (n->statement[0]) {
            fputs(": &ldquo;", f);
            T(n->statement);
            fputs("&rdquo;", f);
        }
        fprintf(f, " <span class=\"muted\">(entry %" PRIu64 ")</span></li>", n->leaf);
    }
    if (shown)
        fputs("</ul>\n", f);
}

static void explanation_block(FILE *f, const wv_item_info *it)
{
    if (!it->has_decision) {
        fputs("<h3>Decision</h3><p class=\"muted\">No decision was declared.</p>", f);
        return;
    }
    const wv_decision *d = it->decision;
    fprintf(f, "<h3>Decision: <span class=\"badge %s\">%s</span> <span class=\"muted\">"
               "(stage: %s)</span></h3><ol class=\"steps\">", wv_outcome_name(d->outcome),
            wv_outcome_name(d->outcome), wv_stage_name(d->stage));
    for (size_t i = 0; i < d->n_steps; i++) {
        fputs("<li><span class=\"cite\">", f);
        T(d->steps[i].citation);
        fputs("</span>", f);
        T(d->steps[i].text);
        fputs("</li>", f);
    }
    fputs("</ol>\n", f);
}

static void events_block(FILE *f, const wv_index_item *ix)
{
    fputs("<h3>The chair&rsquo;s events</h3><table><tbody>", f);
    for (int k = WV_CHAIR_MOTION_TABLE; k < WV_INDEX_CHAIR_KINDS; k++) {
        if (ix->events[k].leaf < 0)
            continue;
        char when[24];
        wv_time_format(ix->events[k].time, when, sizeof when);
        fprintf(f, "<tr><td>%s</td><td>%s</td><td class=\"num\">entry %" PRId64 "</td></tr>",
                wv_chair_kind_name(k), when, ix->events[k].leaf);
    }
    fputs("</tbody></table>\n", f);
}

static void item_section(FILE *f, const wv_record *rec, size_t idx)
{
    wv_item_info it;
    wv_index_item ix;
    if (wf_item_recorded(rec, idx, &it, &ix) < 0)
        return;
    fprintf(f, "<section class=\"card item\" id=\"item-%u\"><h2>Item %u: ", it.item, it.item);
    T(it.title);
    fprintf(f, "</h2><p class=\"sub\"><span class=\"badge %s\">%s</span> &nbsp;%s</p>\n",
            outcome_class(&it), outcome_class(&it), wv_procedure_id(it.procedure));
    fputs("<div class=\"grid\"><div>", f);
    procedure_block(f, it.procedure);
    motion_block(f, wv_record_roster(rec), ix.motion);
    counts_block(f, &it, &ix);
    explanation_block(f, &it);
    fputs("</div><div>", f);
    wf_hemicycle_svg(f, rec, &it);
    notes_block(f, wv_record_get_index(rec), wv_record_roster(rec), it.item);
    events_block(f, &ix);
    fputs("</div></div></section>\n", f);
}

/* ------------------------------------------------------------ verification */

static void verification(FILE *f, const wv_record *rec, const wv_verify_report *rep,
                         const char *dir)
{
    char root[WV_HASH_BASE64_BYTES];
    wv_hash_to_base64(rep->root, root);
    fprintf(f, "<section class=\"card\" id=\"verification\"><h2>Verification: <span "
               "class=\"%s\">%s</span></h2><p class=\"sub\">The record was re-checked from its "
               "files alone by the same verifier as <code>wtovote verify</code>: %" PRIu64
               " entries, %" PRIu64 " signatures checked.</p><table><tbody>\n",
            rep->ok ? "pass" : "fail",
            rep->ok ? "the record verifies" : "the record does NOT verify", rep->entries,
            rep->signatures_checked);
    for (int i = 0; i < WV_VERIFY_STEP_COUNT; i++) {
        const wv_verify_step *s = &rep->steps[i];
        fprintf(f, "<tr><td>V%d</td><td>", (int)s->id);
        T(s->name);
        fprintf(f, "</td><td class=\"%s\">%s</td><td>", !s->run ? "muted" : s->passed ? "pass"
                                                                                        : "fail",
                !s->run ? "not run" : s->passed ? "pass" : "FAIL");
        T(s->reason);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table><h3>Signed checkpoint</h3><p class=\"muted\">Origin <code>", f);
    T(wv_record_origin(rec));
    fprintf(f, "</code>, tree size %" PRIu64 ", root <code>%s</code>. Anyone can check it with "
               "<code>wtovote checkpoint verify</code> and the Secretariat&rsquo;s public key."
               "</p><pre>", wv_record_size(rec), root);
    T(wv_record_checkpoint(rec, NULL));
    fputs("</pre><p class=\"muted\">To re-check this record: <code>wtovote verify ", f);
    T(dir);
    fputs("</code></p></section>\n", f);
}

static int render(FILE *f, const wv_record *rec, const wv_verify_report *rep)
{
    const wv_meeting *m = wv_record_meeting(rec);
    head(f, rec);
    summary(f, rec);
    for (size_t i = 0; i < wv_meeting_item_count(m); i++)
        item_section(f, rec, i);
    verification(f, rec, rep, wv_record_dir(rec));
    fputs("</main><footer class=\"wrap\">Generated by wtovote from the record alone; "
          "every number on this page is re-derived by the rules engine from the signed acts. "
          "Citations: Marrakesh Agreement Establishing the WTO, DSU, WT/L/93, WT/L/161."
          "</footer></body></html>\n", f);
    return ferror(f) ? -1 : 0;
}

int wv_report_render(const wv_record *rec, const wv_verify_report *rep, const char *out)
{
    char *buf = NULL;
    size_t len = 0;
    wv_error err;
    int rc = WV_EXIT_OK;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return wv_cli_usage_error("out of memory");
    int bad = render(f, rec, rep);
    fclose(f);
    if (bad)
        rc = wv_cli_usage_error("%s: rendering failed", out);
    else if (wv_file_write_atomic(out, buf, len, 0644, WV_WRITE_REPLACE, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    free(buf);
    return rc;
}

int wv_report_write(const char *record, const char *out)
{
    wv_record *rec = NULL;
    wv_error err;
    int rc = wf_load(record, NULL, NULL, &rec);
    wv_verify_report *rep = calloc(1, sizeof *rep);
    if (rc == WV_EXIT_OK && rep == NULL)
        rc = wv_cli_usage_error("out of memory");
    if (rc == WV_EXIT_OK) {
        wv_status st = wv_record_verify(record, NULL, rep, &err);
        if (st != WV_OK && st != WV_ERR_VERIFY)
            rc = wv_cli_fail(&err);
    }
    if (rc == WV_EXIT_OK)
        rc = wv_report_render(rec, rep, out);
    free(rep);
    wv_record_close(rec);
    return rc;
}
