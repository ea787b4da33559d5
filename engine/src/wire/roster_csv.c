/* Members from CSV (SPEC.md, "Roster: members CSV"): the header
 * "code,name,eu_member_state,ldc,joined", then one Member a line. Fields may
 * be double-quoted, with "" for a quote inside; line ends are LF or CRLF;
 * blank lines are ignored. Every error names the line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/roster_internal.h"
#include "wire/wire_internal.h"
#include "wtovote/util.h"

#define N_FIELDS 5
#define FIELD_CAP (WV_MAX_NAME_BYTES + 1)

static const char *const header[N_FIELDS] = {"code", "name", "eu_member_state", "ldc",
                                             "joined"};

typedef struct csv {
    const char *p;
    size_t len, pos;
    unsigned line;
    size_t line_start;
} csv;

typedef struct row {
    char f[N_FIELDS][FIELD_CAP];
    size_t col[N_FIELDS];
    unsigned line;
} row;

typedef struct parsed {
    wv_default_member m;
    char code[WV_MAX_CODE_BYTES + 1];
    char name[FIELD_CAP];
    char joined[11];
    unsigned line;
} parsed;

static size_t column(const csv *c)
{
    return c->pos - c->line_start + 1;
}

static wv_status csv_error(wv_error *err, unsigned line, size_t col, const char *fmt,
                           const char *arg)
{
    char msg[256];
    snprintf(msg, sizeof msg, fmt, arg);
    return wv_error_set(err, WV_ERR_CSV, "members CSV line %u, column %zu: %s", line, col, msg);
}

static int at_line_end(const csv *c)
{
    return c->pos >= c->len || c->p[c->pos] == '\n' || c->p[c->pos] == '\r';
}

/* Consumes LF, CRLF or the end of input. */
static wv_status line_end(csv *c, wv_error *err)
{
    if (c->pos >= c->len)
        return WV_OK;
    if (c->p[c->pos] == '\r') {
        if (c->pos + 1 >= c->len || c->p[c->pos + 1] != '\n')
            return csv_error(err, c->line, column(c), "%s", "carriage return without line feed");
        c->pos++;
    }
    c->pos++;
    c->line++;
    c->line_start = c->pos;
    return WV_OK;
}

static wv_status put_char(csv *c, char *out, size_t *n, char ch, size_t col, wv_error *err)
{
    if (ch == '\0')
        return csv_error(err, c->line, column(c), "%s", "NUL byte");
    if (*n + 1 >= FIELD_CAP)
        return csv_error(err, c->line, col, "field longer than %s bytes", "128");
    out[(*n)++] = ch;
    return WV_OK;
}

static wv_status quoted_field(csv *c, char *out, size_t *n, size_t col, wv_error *err)
{
    c->pos++; /* opening quote */
    for (;;) {
        if (c->pos >= c->len)
            return csv_error(err, c->line, col, "%s", "unterminated quoted field");
        char ch = c->p[c->pos];
        if (ch == '\n' || ch == '\r')
            return csv_error(err, c->line, col, "%s",
                             "quoted field not closed on its line (no line breaks in fields)");
        if (ch == '"') {
            if (c->pos + 1 < c->len && c->p[c->pos + 1] == '"') {
                c->pos++;
            } else {
                c->pos++;
                break;
            }
        }
        wv_status st = put_char(c, out, n, ch, col, err);
        if (st != WV_OK)
            return st;
        c->pos++;
    }
    if (!at_line_end(c) && c->p[c->pos] != ',')
        return csv_error(err, c->line, column(c), "%s", "text after a closing quote");
    return WV_OK;
}

static wv_status plain_field(csv *c, char *out, size_t *n, size_t col, wv_error *err)
{
    while (!at_line_end(c) && c->p[c->pos] != ',') {
        if (c->p[c->pos] == '"')
            return csv_error(err, c->line, column(c), "%s",
                             "quote inside an unquoted field (quote the whole field)");
        wv_status st = put_char(c, out, n, c->p[c->pos], col, err);
        if (st != WV_OK)
            return st;
        c->pos++;
    }
    return WV_OK;
}

static wv_status field(csv *c, char *out, size_t *col, wv_error *err)
{
    size_t n = 0;
    *col = column(c);
    wv_status st = c->pos < c->len && c->p[c->pos] == '"' ? quoted_field(c, out, &n, *col, err)
                                                          : plain_field(c, out, &n, *col, err);
    out[n] = '\0';
    return st;
}

/* One record of exactly N_FIELDS fields and its line end. */
static wv_status record(csv *c, row *r, wv_error *err)
{
    r->line = c->line;
    for (int i = 0; i < N_FIELDS; i++) {
        wv_status st = field(c, r->f[i], &r->col[i], err);
        if (st != WV_OK)
            return st;
        if (i < N_FIELDS - 1 && (at_line_end(c) || c->p[c->pos] != ','))
            return csv_error(err, c->line, column(c), "missing field '%s' (5 fields expected)",
                             header[i + 1]);
        if (i < N_FIELDS - 1)
            c->pos++;
    }
    if (!at_line_end(c))
        return csv_error(err, c->line, column(c), "%s", "more than 5 fields");
    return line_end(c, err);
}

static wv_status check_header(csv *c, wv_error *err)
{
    row h;
    wv_status st = record(c, &h, err);
    if (st != WV_OK)
        return st;
    char q[48];
    for (int i = 0; i < N_FIELDS; i++) {
        if (strcmp(h.f[i], header[i]) == 0)
            continue;
        wv_quote(h.f[i], q, sizeof q);
        return csv_error(err, h.line, h.col[i],
                         "header must be \"code,name,eu_member_state,ldc,joined\", "
                         "found '%s'", q);
    }
    return WV_OK;
}

/* ------------------------------------------------------------ field values */

static wv_status parse_bool(const row *r, int i, int *out, wv_error *err)
{
    const char *s = r->f[i];
    if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
        *out = 1;
    else if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
        *out = 0;
    else
        return csv_error(err, r->line, r->col[i], "%s must be 0, 1, true or false",
                         header[i]);
    return WV_OK;
}

static wv_status parse_code(const row *r, parsed *p, wv_error *err)
{
    char q[48];
    if (wv_member_code_check(r->f[0], NULL) != WV_OK) {
        wv_quote(r->f[0], q, sizeof q);
        return csv_error(err, r->line, r->col[0], "code '%s' is not 2 to 8 letters A-Z", q);
    }
    strcpy(p->code, r->f[0]);
    return WV_OK;
}

static wv_status parse_name(const row *r, parsed *p, wv_error *err)
{
    const char *s = r->f[1];
    if (s[0] == '\0')
        return csv_error(err, r->line, r->col[1], "%s", "empty name");
    if (!wv_utf8_valid((const uint8_t *)s, strlen(s)))
        return csv_error(err, r->line, r->col[1], "%s", "name is not valid UTF-8");
    strcpy(p->name, s);
    return WV_OK;
}

static wv_status parse_joined(const row *r, parsed *p, wv_error *err)
{
    const char *s = r->f[4];
    int64_t t;
    char q[48];
    if (s[0] != '\0' && (strlen(s) != 10 || wv_time_parse(s, &t, NULL) != WV_OK)) {
        wv_quote(s, q, sizeof q);
        return csv_error(err, r->line, r->col[4], "joined '%s' is not a date YYYY-MM-DD", q);
    }
    strcpy(p->joined, s);
    return WV_OK;
}

static wv_status parse_row(const row *r, parsed *p, wv_error *err)
{
    wv_status st = parse_code(r, p, err);
    if (st == WV_OK)
        st = parse_name(r, p, err);
    if (st == WV_OK)
        st = parse_bool(r, 2, &p->m.eu_member_state, err);
    if (st == WV_OK)
        st = parse_bool(r, 3, &p->m.ldc, err);
    if (st == WV_OK)
        st = parse_joined(r, p, err);
    p->line = r->line;
    return st;
}

/* ------------------------------------------------------------ the table */

static int cmp_parsed(const void *a, const void *b)
{
    const parsed *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

static wv_status read_rows(csv *c, parsed *v, size_t *n, wv_error *err)
{
    row r;
    while (c->pos < c->len) {
        if (at_line_end(c)) { /* blank line */
            wv_status st = line_end(c, err);
            if (st != WV_OK)
                return st;
            continue;
        }
        if (*n >= WV_MAX_MEMBERS)
            return wv_error_set(err, WV_ERR_TOO_LARGE,
                                "members CSV line %u: more than %u members", c->line,
                                WV_MAX_MEMBERS);
        memset(&v[*n], 0, sizeof v[*n]);
        wv_status st = record(c, &r, err);
        if (st == WV_OK)
            st = parse_row(&r, &v[*n], err);
        if (st != WV_OK)
            return st;
        (*n)++;
    }
    return WV_OK;
}

static wv_status finish(parsed *v, size_t n, wv_roster **out, wv_error *err)
{
    qsort(v, n, sizeof *v, cmp_parsed);
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i - 1].code, v[i].code) == 0)
            return wv_error_set(err, WV_ERR_DUPLICATE_MEMBER,
                                "members CSV line %u, column 1: member %s already listed on "
                                "line %u",
                                v[i].line, v[i].code, v[i - 1].line);
    wv_default_member *m = malloc((n ? n : 1) * sizeof *m);
    if (m == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "members CSV: out of memory");
    for (size_t i = 0; i < n; i++)
        m[i] = (wv_default_member){v[i].code, v[i].name, v[i].m.eu_member_state, v[i].m.ldc,
                                   v[i].joined};
    wv_status st = wv_roster_from_members(m, n, "", out, err);
    free(m);
    return st;
}

wv_status wv_roster_from_csv(const char *text, size_t len, wv_roster **out, wv_error *err)
{
    *out = NULL;
    csv c = {text, len, 0, 1, 0};
    if (len == 0)
        return wv_error_set(err, WV_ERR_CSV, "members CSV line 1, column 1: empty input");
    parsed *v = malloc(WV_MAX_MEMBERS * sizeof *v);
    if (v == NULL)
        return wv_error_set(err, WV_ERR_NOMEM, "members CSV: out of memory");
    size_t n = 0;
    wv_status st = check_header(&c, err);
    if (st == WV_OK)
        st = read_rows(&c, v, &n, err);
    if (st == WV_OK)
        st = finish(v, n, out, err);
    free(v);
    return st;
}
