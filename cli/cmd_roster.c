/* wtovote roster new | add-key | revoke-key | sign | show: create, edit, sign
 * and print rosters (SPEC.md, "Roster"). Every edit rewrites the file
 * atomically; a failed command writes nothing. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cli.h"
#include "cli_roster.h"
#include "wtovote/util.h"

#define CSV_MAX ((size_t)1 << 20)

/* ------------------------------------------------------------ shared helpers */

int wv_cli_parse_time_arg(const char *what, const char *text, int64_t *out)
{
    wv_error err;
    if (strcmp(text, "now") == 0) {
        *out = (int64_t)time(NULL);
        return WV_EXIT_OK;
    }
    if (wv_time_parse(text, out, &err) != WV_OK)
        return wv_cli_usage_error("%s: %s", what, err.message);
    return WV_EXIT_OK;
}

/* Loads a roster without checking its signature (an edit drops it). A file
 * that is not protobuf at all (e.g. truncated) is unreadable: exit 2. */
static int load_for_edit(const char *path, wv_roster **out)
{
    wv_error err;
    wv_status st = wv_roster_load(path, out, &err);
    if (st == WV_OK)
        return WV_EXIT_OK;
    int rc = wv_cli_fail(&err);
    return st == WV_ERR_DECODE ? WV_EXIT_USAGE : rc;
}

int wv_cli_load_roster(const char *path, wv_roster **out)
{
    wv_error err;
    int rc = load_for_edit(path, out);
    if (rc != WV_EXIT_OK)
        return rc;
    if (!wv_roster_is_signed(*out)) {
        fprintf(stderr, "wtovote: note: %s is an unsigned roster draft\n", path);
        return WV_EXIT_OK;
    }
    if (wv_roster_verify(*out, &err) != WV_OK) {
        wv_error_prefix(&err, "%s", path);
        wv_roster_free(*out);
        *out = NULL;
        return wv_cli_fail(&err);
    }
    return WV_EXIT_OK;
}

int wv_cli_write_roster(const wv_roster *r, const char *path, int exclusive)
{
    wv_error err;
    uint8_t *buf = NULL;
    size_t len = 0;
    wv_status st = wv_roster_encode(r, &buf, &len, &err);
    if (st == WV_OK)
        st = wv_file_write_atomic(path, buf, len, 0644,
                                  exclusive ? WV_WRITE_EXCLUSIVE : WV_WRITE_REPLACE, &err);
    free(buf);
    return st == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
}

static int finish_edit(wv_roster *r, const char *path, int was_signed)
{
    int rc = wv_cli_write_roster(r, path, 0);
    if (rc == WV_EXIT_OK && was_signed)
        fprintf(stderr, "wtovote: note: %s changed, its Secretariat signature is dropped; "
                        "sign it again (wtovote roster sign)\n", path);
    wv_roster_free(r);
    return rc;
}

/* ------------------------------------------------------------ roster new */

static const char NEW_HELP[] =
    "usage: wtovote roster new -o FILE [--as-of DATE | --from MEMBERS.csv] [-f]\n\n"
    "Writes an unsigned roster draft: the embedded list of the 166 WTO Members\n"
    "as of 30 August 2024, the WTO Members on DATE, or the Members of a CSV\n"
    "file with the header \"code,name,eu_member_state,ldc,joined\". No keys yet\n"
    "(roster add-key).\n\n"
    "  -o, --output FILE    the roster file to write\n"
    "      --as-of DATE     the Members on DATE (YYYY-MM-DD, 1995-01-01 to\n"
    "                       2024-12-31) from the embedded accession dates, each\n"
    "                       an EU member State and an LDC as on that date; the\n"
    "                       EU's bloc is as many votes as the EU member States\n"
    "                       the roster lists (Art. IX:1 fn 2). GATT 1947 dates\n"
    "                       are not embedded: dates before 1995 are refused\n"
    "      --from CSV       take the Members from CSV instead of the embedded list\n"
    "  -f, --force          replace an existing file\n\n"
    "exit codes: 0 written, 1 refused (duplicate Members), 2 usage (a date the\n"
    "embedded list does not cover), I/O or bad CSV\n";

static int roster_from(const char *csv_path, const char *as_of, wv_roster **r)
{
    wv_error err;
    if (as_of != NULL)
        return wv_roster_as_of(as_of, r, &err) == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
    if (csv_path == NULL)
        return wv_roster_default(r, &err) == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
    uint8_t *buf = NULL;
    size_t len = 0;
    if (wv_file_read(csv_path, CSV_MAX, &buf, &len, &err) != WV_OK)
        return wv_cli_fail(&err);
    wv_status st = wv_roster_from_csv((const char *)buf, len, r, &err);
    free(buf);
    if (st != WV_OK) {
        wv_error_prefix(&err, "%s", csv_path);
        return wv_cli_fail(&err);
    }
    return WV_EXIT_OK;
}

static int cmd_new(int argc, char **argv)
{
    static const struct option longs[] = {{"output", required_argument, NULL, 'o'},
                                          {"from", required_argument, NULL, 'F'},
                                          {"as-of", required_argument, NULL, 'A'},
                                          {"force", no_argument, NULL, 'f'},
                                          {NULL, 0, NULL, 0}};
    const char *out = NULL, *from = NULL, *as_of = NULL;
    int force = 0, c;
    if (wv_cli_wants_help(argc, argv))
        return fputs(NEW_HELP, stdout), WV_EXIT_OK;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f", longs, NULL)) != -1) {
        if (c == 'o')
            out = optarg;
        else if (c == 'F')
            from = optarg;
        else if (c == 'A')
            as_of = optarg;
        else if (c == 'f')
            force = 1;
        else
            return wv_cli_usage_error("roster new: see wtovote roster new --help");
    }
    if (out == NULL || optind != argc)
        return wv_cli_usage_error("roster new: needs -o FILE and no other arguments");
    if (from != NULL && as_of != NULL)
        return wv_cli_usage_error("roster new: --as-of and --from exclude each other");
    wv_roster *r = NULL;
    int rc = roster_from(from, as_of, &r);
    if (rc == WV_EXIT_OK)
        rc = wv_cli_write_roster(r, out, !force);
    if (rc == WV_EXIT_OK && as_of != NULL)
        printf("%s: %zu members as of %s, %u EU member States, unsigned draft\n", out,
               wv_roster_member_count(r), as_of, wv_roster_eu_member_states(r));
    else if (rc == WV_EXIT_OK)
        printf("%s: %zu members, unsigned draft\n", out, wv_roster_member_count(r));
    wv_roster_free(r);
    return rc;
}

/* ------------------------------------------------------------ roster add-key */

static const char ADD_KEY_HELP[] =
    "usage: wtovote roster add-key ROSTER --member CODE --pub KEY.pub\n"
    "                              [--valid-from DATE] [--valid-until DATE]\n\n"
    "Adds a Member's public key (minisign .pub file) to the roster. The key is\n"
    "valid from --valid-from (default: from the start) until, not including,\n"
    "--valid-until (default: no end). DATE is YYYY-MM-DD (00:00 UTC),\n"
    "YYYY-MM-DDTHH:MM:SSZ or \"now\". Drops the roster's signature.\n\n"
    "exit codes: 0 added, 1 refused (unknown Member, key already listed),\n"
    "2 usage or I/O error\n";

typedef struct add_opts {
    const char *member, *pub;
    int64_t from, until;
} add_opts;

static int add_key_parse(int argc, char **argv, add_opts *o)
{
    static const struct option longs[] = {{"member", required_argument, NULL, 'm'},
                                          {"pub", required_argument, NULL, 'p'},
                                          {"valid-from", required_argument, NULL, 'F'},
                                          {"valid-until", required_argument, NULL, 'U'},
                                          {NULL, 0, NULL, 0}};
    int c, rc = WV_EXIT_OK;
    memset(o, 0, sizeof *o);
    optind = 1;
    while (rc == WV_EXIT_OK && (c = getopt_long(argc, argv, "m:p:", longs, NULL)) != -1) {
        if (c == 'm')
            o->member = optarg;
        else if (c == 'p')
            o->pub = optarg;
        else if (c == 'F')
            rc = wv_cli_parse_time_arg("--valid-from", optarg, &o->from);
        else if (c == 'U')
            rc = wv_cli_parse_time_arg("--valid-until", optarg, &o->until);
        else
            rc = wv_cli_usage_error("roster add-key: see wtovote roster add-key --help");
    }
    if (rc == WV_EXIT_OK && (o->member == NULL || o->pub == NULL || optind != argc - 1))
        rc = wv_cli_usage_error("roster add-key: needs ROSTER, --member CODE and --pub FILE");
    return rc;
}

static int cmd_add_key(int argc, char **argv)
{
    add_opts o;
    wv_error err;
    wv_public_key pub;
    wv_roster *r = NULL;
    if (wv_cli_wants_help(argc, argv))
        return fputs(ADD_KEY_HELP, stdout), WV_EXIT_OK;
    int rc = add_key_parse(argc, argv, &o);
    if (rc != WV_EXIT_OK)
        return rc;
    const char *path = argv[optind];
    if (wv_public_key_load(o.pub, &pub, &err) != WV_OK)
        return wv_cli_fail(&err);
    if ((rc = load_for_edit(path, &r)) != WV_EXIT_OK)
        return rc;
    int was_signed = wv_roster_is_signed(r);
    if (wv_roster_add_key(r, o.member, &pub, o.from, o.until, &err) != WV_OK) {
        wv_error_prefix(&err, "%s", path);
        wv_roster_free(r);
        return wv_cli_fail(&err);
    }
    char id[17];
    wv_key_id_format(pub.key_id, id);
    rc = finish_edit(r, path, was_signed);
    if (rc == WV_EXIT_OK)
        printf("%s: key %s added for %s\n", path, id, o.member);
    return rc;
}

/* ------------------------------------------------------------ roster revoke-key */

static const char REVOKE_HELP[] =
    "usage: wtovote roster revoke-key ROSTER (--key-id HEX16 | --pub KEY.pub)\n"
    "                                 [--at DATE]\n\n"
    "Revokes a key: from DATE on (default: now) it no longer signs anything.\n"
    "HEX16 is the key id as minisign prints it. Drops the roster's signature.\n\n"
    "exit codes: 0 revoked, 1 refused (unknown or already revoked key),\n"
    "2 usage or I/O error\n";

/* The key id as minisign prints it: the little-endian number in hex. */
static int parse_key_id(const char *hex, uint8_t id[WV_KEY_ID_BYTES])
{
    uint64_t v = 0;
    if (strlen(hex) != 2 * WV_KEY_ID_BYTES)
        return -1;
    for (const char *p = hex; *p; p++) {
        int d = (*p >= '0' && *p <= '9') ? *p - '0'
              : (*p >= 'A' && *p <= 'F') ? *p - 'A' + 10
              : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10 : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint64_t)d;
    }
    for (int i = 0; i < WV_KEY_ID_BYTES; i++)
        id[i] = (uint8_t)(v >> (8 * i));
    return 0;
}

static int revoke_parse(int argc, char **argv, uint8_t id[WV_KEY_ID_BYTES], int64_t *at)
{
    static const struct option longs[] = {{"key-id", required_argument, NULL, 'k'},
                                          {"pub", required_argument, NULL, 'p'},
                                          {"at", required_argument, NULL, 'a'},
                                          {NULL, 0, NULL, 0}};
    int c, rc = WV_EXIT_OK, have = 0;
    wv_public_key pub;
    wv_error err;
    *at = (int64_t)time(NULL);
    optind = 1;
    while (rc == WV_EXIT_OK && (c = getopt_long(argc, argv, "k:p:", longs, NULL)) != -1) {
        if (c == 'k' && parse_key_id(optarg, id) == 0)
            have++;
        else if (c == 'k')
            rc = wv_cli_usage_error("--key-id: '%s' is not 16 hex digits", optarg);
        else if (c == 'p' && wv_public_key_load(optarg, &pub, &err) != WV_OK)
            rc = wv_cli_fail(&err);
        else if (c == 'p')
            memcpy(id, pub.key_id, WV_KEY_ID_BYTES), have++;
        else if (c == 'a')
            rc = wv_cli_parse_time_arg("--at", optarg, at);
        else
            rc = wv_cli_usage_error("roster revoke-key: see wtovote roster revoke-key --help");
    }
    if (rc == WV_EXIT_OK && (have != 1 || optind != argc - 1))
        rc = wv_cli_usage_error("roster revoke-key: needs ROSTER and one of --key-id, --pub");
    return rc;
}

static int cmd_revoke_key(int argc, char **argv)
{
    uint8_t id[WV_KEY_ID_BYTES];
    int64_t at;
    wv_error err;
    wv_roster *r = NULL;
    if (wv_cli_wants_help(argc, argv))
        return fputs(REVOKE_HELP, stdout), WV_EXIT_OK;
    int rc = revoke_parse(argc, argv, id, &at);
    if (rc != WV_EXIT_OK)
        return rc;
    const char *path = argv[optind];
    if ((rc = load_for_edit(path, &r)) != WV_EXIT_OK)
        return rc;
    int was_signed = wv_roster_is_signed(r);
    if (wv_roster_revoke_key(r, id, at, &err) != WV_OK) {
        wv_error_prefix(&err, "%s", path);
        wv_roster_free(r);
        return wv_cli_fail(&err);
    }
    char hex[17], when[24];
    wv_key_id_format(id, hex);
    wv_time_format(at, when, sizeof when);
    rc = finish_edit(r, path, was_signed);
    if (rc == WV_EXIT_OK)
        printf("%s: key %s revoked from %s\n", path, hex, when);
    return rc;
}

/* ------------------------------------------------------------ roster sign */

static const char SIGN_HELP[] =
    "usage: wtovote roster sign -s SECRETARIAT.key ROSTER\n\n"
    "Signs the roster as the Secretariat: records the Secretariat's key id and\n"
    "public key in the roster and signs it. The passphrase of an encrypted key\n"
    "is read from $WTOVOTE_PASSPHRASE or the terminal.\n\n"
    "exit codes: 0 signed, 1 wrong passphrase or refused, 2 usage or I/O error\n";

static int cmd_sign(int argc, char **argv)
{
    static const struct option longs[] = {{"secret-key", required_argument, NULL, 's'},
                                          {NULL, 0, NULL, 0}};
    const char *key = NULL;
    int c;
    if (wv_cli_wants_help(argc, argv))
        return fputs(SIGN_HELP, stdout), WV_EXIT_OK;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:", longs, NULL)) != -1) {
        if (c != 's')
            return wv_cli_usage_error("roster sign: see wtovote roster sign --help");
        key = optarg;
    }
    if (key == NULL || optind != argc - 1)
        return wv_cli_usage_error("roster sign: needs -s KEY and ROSTER");
    const char *path = argv[optind];
    wv_roster *r = NULL;
    wv_secret_key *sk = NULL;
    wv_error err;
    int rc = load_for_edit(path, &r);
    if (rc == WV_EXIT_OK)
        rc = wv_cli_load_secret_key(key, &sk);
    if (rc == WV_EXIT_OK && wv_roster_sign(r, sk, &err) != WV_OK)
        rc = wv_cli_fail(&err);
    if (rc == WV_EXIT_OK)
        rc = wv_cli_write_roster(r, path, 0);
    wv_public_key sec;
    char id[17];
    if (rc == WV_EXIT_OK && wv_roster_secretariat(r, &sec) == 0) {
        wv_key_id_format(sec.key_id, id);
        printf("%s: signed by the Secretariat key %s\n", path, id);
    }
    wv_secret_key_free(sk);
    wv_roster_free(r);
    return rc;
}

/* ------------------------------------------------------------ roster show */

static const char SHOW_HELP[] =
    "usage: wtovote roster show ROSTER [--json]\n"
    "       wtovote roster show --default [--json]\n\n"
    "Prints a roster: its fingerprint (SHA-256 of the roster body), the\n"
    "Secretariat key that signed it, counts, the Members and their keys. A\n"
    "signed roster's signature is checked first. --default prints the embedded\n"
    "list of the 166 WTO Members as of 30 August 2024.\n\n"
    "Text output has one line per Member:\n"
    "  member CODE eu=0|1 ldc=0|1 joined=YYYY-MM-DD NAME\n"
    "and one line per key:\n"
    "  key KEYID member=CODE from=TIME until=TIME|- revoked=TIME|-\n\n"
    "exit codes: 0 shown, 1 bad signature or malformed roster, 2 usage or I/O\n";

typedef struct counts {
    size_t members, eu, ldc, keys;
} counts;

static counts count(const wv_roster *r)
{
    counts c = {wv_roster_member_count(r), 0, 0, wv_roster_message(r)->n_keys};
    for (size_t i = 0; i < c.members; i++) {
        c.eu += wv_roster_member_at(r, i)->eu_member_state;
        c.ldc += wv_roster_member_at(r, i)->ldc;
    }
    return c;
}

static void time_or_dash(int64_t t, char *buf, size_t size)
{
    if (t == 0)
        snprintf(buf, size, "-");
    else
        wv_time_format(t, buf, size);
}

static void show_text_keys(const wv_roster *r)
{
    const wv_roster_msg *m = wv_roster_message(r);
    for (size_t i = 0; i < m->n_keys; i++) {
        const Wtovote__V1__MemberKey *k = m->keys[i];
        char id[17], from[24], until[24], rev[24];
        wv_key_id_format(k->key_id.data, id);
        wv_time_format(k->valid_from, from, sizeof from);
        time_or_dash(k->valid_until, until, sizeof until);
        time_or_dash(k->revoked_at, rev, sizeof rev);
        printf("key %s member=%s from=%s until=%s revoked=%s\n", id, k->member, from, until,
               rev);
    }
}

static void show_text(const wv_roster *r, const char *label)
{
    uint8_t fp[32];
    char hex[65], id[17];
    wv_public_key sec;
    counts c = count(r);
    wv_roster_fingerprint(r, fp);
    wv_hex(fp, sizeof fp, hex);
    printf("roster: %s\nfingerprint: %s\n", label, hex);
    printf("as of: %s\n", wv_roster_message(r)->as_of[0] ? wv_roster_message(r)->as_of : "-");
    if (wv_roster_secretariat(r, &sec) == 0) {
        wv_key_id_format(sec.key_id, id);
        printf("signed by: Secretariat key %s (signature verified)\n", id);
    } else {
        printf("signed by: nobody (unsigned draft)\n");
    }
    printf("members: %zu (%zu EU member States, %zu LDCs)\nkeys: %zu\n", c.members, c.eu,
           c.ldc, c.keys);
    for (size_t i = 0; i < c.members; i++) {
        const Wtovote__V1__Member *m = wv_roster_member_at(r, i);
        printf("member %s eu=%d ldc=%d joined=%s %s\n", m->code, m->eu_member_state, m->ldc,
               m->joined[0] ? m->joined : "-", m->name);
    }
    show_text_keys(r);
}

static json_t *time_json(int64_t t)
{
    char buf[24];
    if (t == 0)
        return json_null();
    wv_time_format(t, buf, sizeof buf);
    return json_string(buf);
}

static json_t *members_json(const wv_roster *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < wv_roster_member_count(r); i++) {
        const Wtovote__V1__Member *m = wv_roster_member_at(r, i);
        json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:b, s:s?}", "code", m->code,
                                           "name", m->name, "eu_member_state",
                                           m->eu_member_state, "ldc", m->ldc, "joined",
                                           m->joined[0] ? m->joined : NULL));
    }
    return a;
}

static json_t *keys_json(const wv_roster *r)
{
    json_t *a = json_array();
    const wv_roster_msg *m = wv_roster_message(r);
    for (size_t i = 0; i < m->n_keys; i++) {
        const Wtovote__V1__MemberKey *k = m->keys[i];
        char id[17], pk[65];
        wv_key_id_format(k->key_id.data, id);
        wv_hex(k->public_key.data, WV_PUBLIC_KEY_BYTES, pk);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "member",
                                           k->member, "key_id", id, "public_key", pk,
                                           "valid_from", time_json(k->valid_from),
                                           "valid_until", time_json(k->valid_until),
                                           "revoked_at", time_json(k->revoked_at)));
    }
    return a;
}

static json_t *show_json(const wv_roster *r, const char *label)
{
    uint8_t fp[32];
    char hex[65], id[17];
    wv_public_key sec;
    counts c = count(r);
    wv_roster_fingerprint(r, fp);
    wv_hex(fp, sizeof fp, hex);
    int is_signed = wv_roster_secretariat(r, &sec) == 0;
    if (is_signed)
        wv_key_id_format(sec.key_id, id);
    const char *as_of = wv_roster_message(r)->as_of;
    return json_pack("{s:s, s:s, s:s?, s:b, s:s?, s:{s:I, s:I, s:I, s:I}, s:o, s:o}",
                     "roster", label, "fingerprint", hex, "as_of", as_of[0] ? as_of : NULL,
                     "signed", is_signed, "secretariat_key_id", is_signed ? id : NULL,
                     "counts", "members", (json_int_t)c.members, "eu_member_states",
                     (json_int_t)c.eu, "ldc", (json_int_t)c.ldc, "keys", (json_int_t)c.keys,
                     "members", members_json(r), "keys", keys_json(r));
}

static int show_parse(int argc, char **argv, int *json, int *dflt, const char **path)
{
    static const struct option longs[] = {{"json", no_argument, NULL, 'j'},
                                          {"default", no_argument, NULL, 'd'},
                                          {NULL, 0, NULL, 0}};
    int c;
    *json = *dflt = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        if (c == 'j')
            *json = 1;
        else if (c == 'd')
            *dflt = 1;
        else
            return wv_cli_usage_error("roster show: see wtovote roster show --help");
    }
    *path = optind < argc ? argv[optind] : NULL;
    if (*dflt ? optind != argc : optind != argc - 1)
        return wv_cli_usage_error("roster show: needs ROSTER or --default (not both)");
    return WV_EXIT_OK;
}

static int cmd_show(int argc, char **argv)
{
    int json = 0, dflt = 0;
    const char *path = NULL;
    wv_roster *r = NULL;
    wv_error err;
    if (wv_cli_wants_help(argc, argv))
        return fputs(SHOW_HELP, stdout), WV_EXIT_OK;
    int rc = show_parse(argc, argv, &json, &dflt, &path);
    if (rc != WV_EXIT_OK)
        return rc;
    if (dflt)
        rc = wv_roster_default(&r, &err) == WV_OK ? WV_EXIT_OK : wv_cli_fail(&err);
    else
        rc = wv_cli_load_roster(path, &r);
    if (rc != WV_EXIT_OK)
        return rc;
    const char *label = dflt ? "(embedded default)" : path;
    if (json) {
        json_t *j = show_json(r, label);
        wv_cli_print_json(j);
        json_decref(j);
    } else {
        show_text(r, label);
    }
    wv_roster_free(r);
    return WV_EXIT_OK;
}

/* ------------------------------------------------------------ dispatch */

int wv_cmd_roster(int argc, char **argv)
{
    static const wv_cli_command table[] = {
        {"new", cmd_new, "write a roster draft (embedded Members or a CSV)"},
        {"add-key", cmd_add_key, "add a Member's public key with its validity window"},
        {"revoke-key", cmd_revoke_key, "revoke a key from a given time"},
        {"sign", cmd_sign, "sign the roster with the Secretariat key"},
        {"show", cmd_show, "print a roster (or the embedded default) as text or JSON"},
        {NULL, NULL, NULL},
    };
    return wv_cli_dispatch("roster", table, argc, argv);
}
