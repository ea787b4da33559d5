/* wtovote act sign | show: a delegation makes a signed act on its own machine
 * (an Envelope of type BODY_ACT, SPEC.md, "Roster" "Offline acts"); anyone
 * holding the roster checks it: the key was the Member's and valid at the
 * act's time, and the signature covers the exact body. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "cli_roster.h"
#include "workflow.h"
#include "wtovote/session.h"
#include "wtovote/util.h"
#include "wtovote/wire.h"

/* ------------------------------------------------------------ act sign */

static const char SIGN_HELP[] =
    "usage: wtovote act sign (--meeting ID --meeting-ref HEX | --record COPY)\n"
    "                        --member CODE --kind KIND [--item N]\n"
    "                        [--choice yes|no|abstain] [--eu-bloc] [--time DATE|now]\n"
    "                        [--statement TEXT] -s KEY -o FILE [-f]\n\n"
    "Makes a signed act of a Member's delegation, offline: an envelope of type\n"
    "act, signed with the delegation's key (minisign .key file).\n"
    "The act is bound to one meeting by its meeting_ref, the hash of the signed\n"
    "opening that `wtovote meeting open` and `wtovote status` print: give it with\n"
    "--meeting and --meeting-ref (64 hex digits), or let --record read both from a\n"
    "copy of the record. An act bound to another meeting is refused\n"
    "(WV_REFUSE_OTHER_MEETING), whatever its meeting id.\n"
    "KIND: attend, leave, object, withdraw, vote, request-vote, accept, statement.\n"
    "--item is the agenda item (not for attend/leave); --choice only with vote;\n"
    "--eu-bloc only for a vote by EU (IX:1 fn 2: as many votes as its member\n"
    "States). --time defaults to now. The passphrase of an encrypted key is\n"
    "read from $WTOVOTE_PASSPHRASE or the terminal.\n\n"
    "exit codes: 0 written, 1 refused (wrong passphrase, invalid act), 2 usage or I/O\n";

typedef struct sign_opts {
    const char *key, *out, *time, *meeting, *ref_hex, *record;
    int force;
    uint8_t ref[WV_MEETING_REF_BYTES];
    wv_act_input act;
} sign_opts;

static int sign_option(int c, sign_opts *o)
{
    long long n;
    switch (c) {
    case 'M': o->meeting = optarg; return WV_EXIT_OK;
    case 'R': o->ref_hex = optarg; return WV_EXIT_OK;
    case 'D': o->record = optarg; return WV_EXIT_OK;
    case 'm': o->act.member = optarg; return WV_EXIT_OK;
    case 'S': o->act.statement = optarg; return WV_EXIT_OK;
    case 'T': o->time = optarg; return WV_EXIT_OK;
    case 'b': o->act.eu_bloc = 1; return WV_EXIT_OK;
    case 's': o->key = optarg; return WV_EXIT_OK;
    case 'o': o->out = optarg; return WV_EXIT_OK;
    case 'f': o->force = 1; return WV_EXIT_OK;
    case 'k':
        if ((n = wv_act_kind_from_name(optarg)) < 0)
            return wv_cli_usage_error("--kind: '%s' is not a kind of act", optarg);
        o->act.kind = (wv_act_kind)n;
        return WV_EXIT_OK;
    case 'c':
        if ((n = wv_choice_from_name(optarg)) < 0)
            return wv_cli_usage_error("--choice: '%s' is not yes, no or abstain", optarg);
        o->act.choice = (wv_choice)n;
        return WV_EXIT_OK;
    case 'i':
        if ((n = wv_cli_parse_uint(optarg, 0xFFFFFFFFLL)) < 1)
            return wv_cli_usage_error("--item: '%s' is not an agenda item number", optarg);
        o->act.item = (uint32_t)n;
        return WV_EXIT_OK;
    default:
        return wv_cli_usage_error("act sign: see wtovote act sign --help");
    }
}

/* Usage mistakes are caught here with a clear word; the wire module's Act
 * rules (applied when sealing) are the authority on everything else. */
static int sign_check(const sign_opts *o)
{
    const wv_act_input *a = &o->act;
    if ((o->record != NULL) == (o->meeting != NULL || o->ref_hex != NULL))
        return wv_cli_usage_error("act sign: needs --meeting ID with --meeting-ref HEX, or "
                                  "--record COPY (not both)");
    if (o->record == NULL && (o->meeting == NULL || o->ref_hex == NULL))
        return wv_cli_usage_error("act sign: --meeting and --meeting-ref go together");
    if (a->member == NULL || a->kind == 0)
        return wv_cli_usage_error("act sign: needs --member and --kind");
    if (o->key == NULL || o->out == NULL)
        return wv_cli_usage_error("act sign: needs -s KEY and -o FILE");
    if ((a->kind == WV_ACT_VOTE) != (a->choice != 0))
        return wv_cli_usage_error("act sign: --choice goes with --kind vote, and only there");
    if (a->eu_bloc && (a->kind != WV_ACT_VOTE ||
                       strcmp(a->member, WV_EU_CODE) != 0))
        return wv_cli_usage_error("act sign: --eu-bloc is for a vote by %s", WV_EU_CODE);
    return WV_EXIT_OK;
}

/* --meeting-ref: exactly 64 hex digits (SPEC.md, "Meeting identity"). */
static int parse_ref(sign_opts *o)
{
    size_t n = 0;
    const char *end = NULL;
    if (strlen(o->ref_hex) != 2 * WV_MEETING_REF_BYTES ||
        sodium_hex2bin(o->ref, sizeof o->ref, o->ref_hex, strlen(o->ref_hex), NULL, &n, &end) != 0 ||
        n != sizeof o->ref || *end != '\0')
        return wv_cli_usage_error("--meeting-ref: '%s' is not 64 hex digits (the meeting_ref "
                                  "`wtovote status` prints)", o->ref_hex);
    o->act.meeting_ref = o->ref;
    return WV_EXIT_OK;
}

/* Signs for --meeting/--meeting-ref, or for the meeting of a copy of the
 * record (read without its lock: it writes nothing there). */
static int sign_seal(sign_opts *o, const wv_secret_key *sk, uint8_t **env, size_t *len)
{
    wv_error err;
    wv_record *rec = NULL;
    int rc = o->record == NULL ? parse_ref(o) : wf_load(o->record, NULL, NULL, &rec);
    wv_status st = WV_OK;
    if (rc == WV_EXIT_OK && rec != NULL)
        st = wv_act_seal_for(rec, &o->act, sk, env, len, &err);
    else if (rc == WV_EXIT_OK)
        st = wv_act_seal(&o->act, o->meeting, sk, env, len, &err);
    if (rc == WV_EXIT_OK && st != WV_OK)
        rc = wv_cli_fail(&err);
    wv_record_close(rec);
    return rc;
}

static int sign_parse(int argc, char **argv, sign_opts *o)
{
    static const struct option longs[] = {
        {"meeting", required_argument, NULL, 'M'}, {"member", required_argument, NULL, 'm'},
        {"meeting-ref", required_argument, NULL, 'R'}, {"record", required_argument, NULL, 'D'},
        {"kind", required_argument, NULL, 'k'},    {"item", required_argument, NULL, 'i'},
        {"choice", required_argument, NULL, 'c'},  {"eu-bloc", no_argument, NULL, 'b'},
        {"time", required_argument, NULL, 'T'},    {"statement", required_argument, NULL, 'S'},
        {"secret-key", required_argument, NULL, 's'}, {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, 'f'},         {NULL, 0, NULL, 0}};
    int c, rc = WV_EXIT_OK;
    optind = 1;
    while (rc == WV_EXIT_OK && (c = getopt_long(argc, argv, "s:o:f", longs, NULL)) != -1)
        rc = sign_option(c, o);
    if (rc == WV_EXIT_OK && optind != argc)
        rc = wv_cli_usage_error("act sign: unexpected argument '%s'", argv[optind]);
    if (rc == WV_EXIT_OK)
        rc = sign_check(o);
    if (rc == WV_EXIT_OK)
        rc = wv_cli_parse_time_arg("--time", o->time ? o->time : "now", &o->act.time);
    return rc;
}

static int cmd_sign(int argc, char **argv)
{
    sign_opts o;
    memset(&o, 0, sizeof o);
    if (wv_cli_wants_help(argc, argv))
        return fputs(SIGN_HELP, stdout), WV_EXIT_OK;
    int rc = sign_parse(argc, argv, &o);
    wv_secret_key *sk = NULL;
    uint8_t *env = NULL;
    size_t len = 0;
    wv_error err;
    if (rc == WV_EXIT_OK)
        rc = wv_cli_load_secret_key(o.key, &sk);
    if (rc == WV_EXIT_OK)
        rc = sign_seal(&o, sk, &env, &len);
    if (rc == WV_EXIT_OK &&
        wv_file_write_atomic(o.out, env, len, 0644, o.force ? WV_WRITE_REPLACE : WV_WRITE_EXCLUSIVE,
                             &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == WV_EXIT_OK) {
        wv_public_key pub;
        char id[17];
        wv_secret_key_public(sk, &pub);
        wv_key_id_format(pub.key_id, id);
        printf("%s: %s by %s signed with key %s\n", o.out,
               wv_act_kind_name(o.act.kind), o.act.member, id);
    }
    free(env);
    wv_secret_key_free(sk);
    return rc;
}

/* ------------------------------------------------------------ act show */

static const char SHOW_HELP[] =
    "usage: wtovote act show FILE --roster ROSTER [--json]\n\n"
    "Decodes a signed act and checks it against the roster: the act's body is\n"
    "canonical, its key is a key of the acting Member valid at the act's time\n"
    "(not before valid_from, before valid_until, before revoked_at), and the\n"
    "signature verifies. A signed roster's own signature is checked first.\n\n"
    "exit codes: 0 valid, 1 refused (unknown, revoked, expired or not yet\n"
    "valid key, another Member's key, bad signature, non-canonical encoding),\n"
    "2 usage, I/O or unreadable file\n";

typedef struct shown {
    wv_envelope *env;
    wv_act *act;
    wv_public_key pub;
} shown;

/* Not an envelope at all (e.g. truncated) is "unreadable": exit 2. */
static int read_envelope(const char *path, wv_envelope **env)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    wv_error err;
    wv_status st = wv_file_read(path, WV_MAX_ENVELOPE_BYTES, &buf, &len, &err);
    if (st != WV_OK) /* the message names the file */
        return wv_cli_fail(&err);
    st = wv_envelope_decode(buf, len, env, &err);
    free(buf);
    if (st == WV_OK)
        return WV_EXIT_OK;
    wv_error_prefix(&err, "%s", path);
    return st == WV_ERR_DECODE ? (wv_cli_fail(&err), WV_EXIT_USAGE) : wv_cli_fail(&err);
}

static int check_act(const char *path, const wv_roster *r, shown *s)
{
    wv_error err;
    wv_status st = WV_OK;
    if (s->env->type != WTOVOTE__V1__BODY_TYPE__BODY_ACT)
        st = wv_error_set(&err, WV_ERR_BODY_TYPE, "envelope holds body type %d, not an act",
                          (int)s->env->type);
    if (st == WV_OK)
        st = wv_act_decode(s->env->body.data, s->env->body.len, &s->act, &err);
    if (st == WV_OK && s->env->key_id.len != WV_KEY_ID_BYTES)
        st = wv_error_set(&err, WV_ERR_UNSIGNED, "act is not signed");
    if (st == WV_OK)
        st = wv_roster_key_check(r, s->env->key_id.data, s->act->member, s->act->time,
                                 &s->pub, &err);
    if (st == WV_OK)
        st = wv_envelope_verify(s->env, &s->pub, &err);
    if (st == WV_OK)
        return WV_EXIT_OK;
    wv_error_prefix(&err, "%s", path);
    return wv_cli_fail(&err);
}

/* The act's time, its key id and the roster fingerprint, as printed. */
typedef struct shown_text {
    char when[24], id[17], fp_hex[65], ref_hex[WV_MEETING_REF_HEX_BYTES];
} shown_text;

static shown_text show_fields(const wv_roster *r, const shown *s)
{
    shown_text t;
    uint8_t fp[32];
    wv_time_format(s->act->time, t.when, sizeof t.when);
    wv_key_id_format(s->pub.key_id, t.id);
    wv_roster_fingerprint(r, fp);
    wv_hex(fp, sizeof fp, t.fp_hex);
    /* 32 bytes: the Act decoder refuses any other length */
    wv_hex(s->act->meeting_ref.data, s->act->meeting_ref.len, t.ref_hex);
    return t;
}

static void show_text(const char *path, const wv_roster *r, const shown *s)
{
    const wv_act *a = s->act;
    shown_text t = show_fields(r, s);
    printf("act: %s\nmeeting: %s\nmeeting_ref: %s\nmember: %s\nkind: %s\n", path,
           a->meeting_id, t.ref_hex, a->member, wv_act_kind_name(a->kind));
    if (a->item != 0)
        printf("item: %u\n", a->item);
    if (a->choice != 0)
        printf("choice: %s\n", wv_choice_name(a->choice));
    if (a->eu_bloc)
        printf("eu bloc: yes\n");
    printf("time: %s\n", t.when);
    if (a->statement[0] != '\0')
        printf("statement: %s\n", a->statement);
    printf("key: %s (a key of %s, valid at the act's time)\nsignature: valid\n", t.id,
           a->member);
    printf("roster: %s%s\n", t.fp_hex, wv_roster_is_signed(r) ? "" : " (unsigned draft)");
}

static void show_json(const char *path, const wv_roster *r, const shown *s)
{
    const wv_act *a = s->act;
    shown_text t = show_fields(r, s);
    json_t *j = json_pack(
        "{s:s, s:b, s:s, s:s, s:s, s:I, s:s?, s:b, s:s, s:I, s:s?, s:s, s:s, s:b}", "file",
        path, "valid", 1, "meeting_id", a->meeting_id, "member", a->member, "kind",
        wv_act_kind_name(a->kind), "item", (json_int_t)a->item, "choice",
        a->choice ? wv_choice_name(a->choice) : NULL, "eu_bloc", a->eu_bloc,
        "time", t.when, "time_unix", (json_int_t)a->time, "statement",
        a->statement[0] ? a->statement : NULL, "key_id", t.id, "roster_fingerprint", t.fp_hex,
        "roster_signed", wv_roster_is_signed(r));
    json_object_set_new(j, "meeting_ref", json_string(t.ref_hex));
    wv_cli_print_json(j);
    json_decref(j);
}

static int show_parse(int argc, char **argv, const char **roster, int *json)
{
    static const struct option longs[] = {{"roster", required_argument, NULL, 'r'},
                                          {"json", no_argument, NULL, 'j'},
                                          {NULL, 0, NULL, 0}};
    int c;
    *roster = NULL;
    *json = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "r:", longs, NULL)) != -1) {
        if (c == 'r')
            *roster = optarg;
        else if (c == 'j')
            *json = 1;
        else
            return wv_cli_usage_error("act show: see wtovote act show --help");
    }
    if (*roster == NULL || optind != argc - 1)
        return wv_cli_usage_error("act show: needs FILE and --roster ROSTER");
    return WV_EXIT_OK;
}

static int cmd_show(int argc, char **argv)
{
    const char *roster_path;
    int json;
    if (wv_cli_wants_help(argc, argv))
        return fputs(SHOW_HELP, stdout), WV_EXIT_OK;
    int rc = show_parse(argc, argv, &roster_path, &json);
    if (rc != WV_EXIT_OK)
        return rc;
    const char *path = argv[optind];
    wv_roster *r = NULL;
    shown s = {NULL, NULL, {{0}, {0}}};
    rc = wv_cli_load_roster(roster_path, &r);
    if (rc == WV_EXIT_OK)
        rc = read_envelope(path, &s.env);
    if (rc == WV_EXIT_OK)
        rc = check_act(path, r, &s);
    if (rc == WV_EXIT_OK && json)
        show_json(path, r, &s);
    else if (rc == WV_EXIT_OK)
        show_text(path, r, &s);
    wv_message_free(s.act);
    wv_message_free(s.env);
    wv_roster_free(r);
    return rc;
}

int wv_cmd_act(int argc, char **argv)
{
    static const wv_cli_command table[] = {
        {"sign", cmd_sign, "make a signed act file (offline)"},
        {"show", cmd_show, "decode an act and check it against the roster"},
        {NULL, NULL, NULL},
    };
    return wv_cli_dispatch("act", table, argc, argv);
}
