/* wtovote report RECORD -o report.html: the record for a person to read, as
 * one self-contained HTML file (cli/report_html.c, cli/report_svg.c). */
#include <stdio.h>

#include "cli.h"
#include "report.h"

static const char REPORT_HELP[] =
    "usage: wtovote report RECORD -o REPORT.html\n\n"
    "Writes one self-contained HTML file (inline CSS and SVG; no script, no network,\n"
    "no external asset) describing the record: the agenda with outcomes; per item\n"
    "the procedure and its stages, the motion (Art. IX:4 terms, parties), the counts\n"
    "against the threshold, a hemicycle of the Members' seats coloured by position\n"
    "(yes, no, abstain, objected, present, absent; EU member States counted in the\n"
    "EU's bloc shown lighter), the objectors with their statements, the chair's\n"
    "events and the explanation with treaty citations; and the verification of the\n"
    "whole record (steps V1..V10, as wtovote verify) with the signed checkpoint.\n"
    "The file is written atomically.\n\n"
    "exit codes: 0 written (a record that fails verification is written too, and\n"
    "says so), 1 the record cannot be replayed, 2 usage or I/O\n";

int wv_cmd_report(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(REPORT_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int rc = wf_parse(argc, argv, WF_O_OUT, 1, &o);
    if (rc == WV_EXIT_OK && (o.out == NULL || o.n_operands != 0))
        rc = wv_cli_usage_error("report: needs RECORD and -o REPORT.html");
    if (rc != WV_EXIT_OK)
        return rc;
    rc = wv_report_write(o.record, o.out);
    if (rc == WV_EXIT_OK)
        printf("%s: report of %s written\n", o.out, o.record);
    return rc;
}
