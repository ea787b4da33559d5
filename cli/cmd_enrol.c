/* wtovote enrol present | confirm: a key enrolled during a meeting
 * (SPEC.md, "Key enrolment"). Over --server a delegation presents its new
 * public key (POST /api/enrol: it only joins the server's pending list)
 * and the chair, having read the fingerprint with the delegation, confirms
 * it (the chair request `enrol`); on a local record the chair enrols the
 * key at once. Either way a CHAIR_KEY_ENROL signed by the Secretariat is
 * appended, and the key signs the Member's acts from that entry on. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "net_client.h"
#include "workflow.h"
#include "wtovote/pb.h"
#include "wtovote/util.h"

static const char PRESENT_HELP[] =
    "usage: wtovote enrol present --server URL --member CODE --new-key KEY.pub\n"
    "                             [--cacert CERT.pem]\n\n"
    "A delegation presents a new public key for Member CODE to `wtovote serve`\n"
    "(POST /api/enrol). Nothing is written: the key waits for the chair, and\n"
    "this prints its fingerprint (SHA-256 of the public key), which the\n"
    "delegation reads to the chair before the chair confirms it.\n\n"
    "exit codes: 0 presented, 1 refused (not a Member, not a public key),\n"
    "2 usage or I/O\n";

static const char CONFIRM_HELP[] =
    "usage: wtovote enrol confirm RECORD --member CODE --new-key KEY.pub\n"
    "                             -s SECRETARIAT.key [--time DATE|now]\n"
    "       wtovote enrol confirm --server URL --fingerprint HEX --token-file FILE\n"
    "                             [--time DATE|now] [--pub SECRETARIAT.pub] [--cacert CERT.pem]\n\n"
    "The chair enrols a key of Member CODE during the meeting: a signed\n"
    "CHAIR_KEY_ENROL is appended, and the key signs the Member's acts from that\n"
    "entry on (the roster file stays as signed at the opening). With --server,\n"
    "the key presented with the fingerprint HEX (wtovote enrol present) is\n"
    "confirmed; FILE holds the chair token `wtovote serve` printed.\n\n"
    "exit codes: 0 enrolled, 1 refused (a key already in the roster or enrolled,\n"
    "no such pending key), 2 usage or I/O\n";

static void print_enrolled(const char *label, const char *member, const uint8_t *key_id,
                           uint64_t index)
{
    char id[2 * WV_KEY_ID_BYTES + 1];
    wv_key_id_format(key_id, id);
    printf("%s: key %s enrolled for %s (entry %" PRIu64 "): it signs %s's acts from this "
           "entry on [SPEC.md, \"Key enrolment\"]\n", label, id, member, index, member);
}

/* ------------------------------------------------------------ present */

static int present_answer(const wf_opts *o, const wv_net_answer *a)
{
    if (a->http != 202)
        return wf_net_refused(o->server, "enrol", a->http, (const char *)a->body, a->len);
    json_t *j = json_loadb((const char *)a->body, a->len, 0, NULL);
    const char *id = json_string_value(json_object_get(j, "key_id"));
    const char *fp = json_string_value(json_object_get(j, "fingerprint"));
    int rc = id && fp ? WV_EXIT_OK
                      : wv_cli_usage_error("%s: enrol: the answer names no key", o->server);
    if (rc == WV_EXIT_OK)
        printf("%s: key %s of %s presented; fingerprint %s\n"
               "  the chair confirms it: wtovote enrol confirm --server %s --fingerprint %s "
               "--token-file FILE\n", o->server, id, o->member, fp, o->server, fp);
    json_decref(j);
    return rc;
}

static int cmd_present(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(PRESENT_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int rc = wf_parse(argc, argv, WF_O_MEMBER | WF_O_ENROL | WF_O_SERVER, 0, &o);
    if (rc == WV_EXIT_OK && (o.server == NULL || o.member == NULL || o.new_key == NULL ||
                             o.n_operands != 0))
        rc = wv_cli_usage_error("enrol present: needs --server URL, --member CODE and "
                                "--new-key KEY.pub");
    if (rc != WV_EXIT_OK)
        return rc;
    uint8_t *text = NULL;
    size_t len = 0;
    wv_error err;
    if (wv_file_read(o.new_key, 4096, &text, &len, &err) != WV_OK)
        return wv_cli_fail(&err);
    json_t *body = json_pack("{s:s, s:s%}", "member", o.member, "public_key", (char *)text, len);
    char *json = body != NULL ? json_dumps(body, JSON_COMPACT) : NULL;
    wv_net net = {.cacert = o.cacert};
    wv_net_answer a;
    if (json == NULL)
        rc = wv_cli_usage_error("%s: not text", o.new_key);
    else if (wv_net_post_json(&net, o.server, "/api/enrol", NULL, json, &a, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    else {
        rc = present_answer(&o, &a);
        wv_net_answer_free(&a);
    }
    free(json);
    json_decref(body);
    free(text);
    return rc;
}

/* ------------------------------------------------------------ confirm */

static void show_enrolled(void *ctx, const char *label, const wv_meeting *m,
                          const wv_roster *roster, const wv_chair_event *chair, uint64_t index)
{
    (void)ctx, (void)m, (void)roster;
    if (chair != NULL && chair->enrolment != NULL &&
        chair->enrolment->key_id.len == WV_KEY_ID_BYTES)
        print_enrolled(label, chair->enrolment->member, chair->enrolment->key_id.data, index);
}

static int confirm_remote(const wf_opts *o)
{
    if (o->fingerprint == NULL || o->record != NULL || o->key != NULL || o->new_key != NULL)
        return wv_cli_usage_error("enrol confirm: --server URL takes --fingerprint HEX (of the "
                                  "key presented) and --token-file, no RECORD, -s or --new-key");
    return wf_post_chair(o, "enrol", json_pack("{s:s}", "fingerprint", o->fingerprint),
                         show_enrolled, NULL);
}

static int confirm_local(const wf_opts *o, int64_t t)
{
    wv_public_key pub;
    wv_error err;
    if (o->record == NULL || o->key == NULL || o->member == NULL || o->new_key == NULL)
        return wv_cli_usage_error("enrol confirm: needs RECORD, --member CODE, --new-key KEY.pub "
                                  "and -s SECRETARIAT.key (see --help)");
    if (wv_public_key_load(o->new_key, &pub, &err) != WV_OK)
        return wv_cli_fail(&err);
    wv_secret_key *sk;
    wv_session *s;
    wv_session_result res;
    int rc = wf_open(o->record, o->key, &sk, &s);
    if (rc == WV_EXIT_OK) {
        wv_chair_input in = {.kind = WV_CHAIR_KEY_ENROL, .time = t, .enrol_member = o->member,
                             .enrol_key = &pub};
        rc = wf_chair(s, &in, &res);
        if (rc == WV_EXIT_OK)
            print_enrolled(o->record, o->member, pub.key_id, res.index);
        wv_session_results_clear(&res, 1);
    }
    wv_session_close(s);
    wv_secret_key_free(sk);
    return rc;
}

static int cmd_confirm(int argc, char **argv)
{
    if (wv_cli_wants_help(argc, argv))
        return fputs(CONFIRM_HELP, stdout), WV_EXIT_OK;
    wf_opts o;
    int64_t t;
    int rc = wf_parse(argc, argv, WF_O_KEY | WF_O_MEMBER | WF_O_TIME | WF_O_ENROL | WF_O_SERVER,
                      1, &o);
    if (rc == WV_EXIT_OK && o.n_operands != 0)
        rc = wv_cli_usage_error("enrol confirm: unexpected argument '%s'", o.operands[0]);
    if (rc == WV_EXIT_OK)
        rc = wf_time(&o, &t);
    if (rc != WV_EXIT_OK)
        return rc;
    return o.server != NULL ? confirm_remote(&o) : confirm_local(&o, t);
}

int wv_cmd_enrol(int argc, char **argv)
{
    static const wv_cli_command table[] = {
        {"present", cmd_present, "a delegation presents a new key to the server"},
        {"confirm", cmd_confirm, "the chair enrols a key during the meeting"},
        {NULL, NULL, NULL},
    };
    return wv_cli_dispatch("enrol", table, argc, argv);
}
