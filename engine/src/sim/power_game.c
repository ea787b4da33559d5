/* Banzhaf and Shapley-Shubik indices of a simple game whose players fall
 * into classes of interchangeable players. Exact enumeration over the
 * numbers of players of each class in a coalition; the binomial weights are
 * long double (SPEC.md, "Voting power", states the error bound). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wtovote/sim.h"

/* C(n, 0..n) by the multiplicative formula: relative error <= 2k ulp. */
static long double *binom_row(uint32_t n)
{
    long double *row = malloc(((size_t)n + 1) * sizeof *row);
    if (row == NULL)
        return NULL;
    row[0] = 1.0L;
    for (uint32_t k = 1; k <= n; k++)
        row[k] = row[k - 1] * (long double)(n - k + 1) / (long double)k;
    return row;
}

typedef struct game {
    size_t n_classes;
    const uint32_t *counts;
    uint64_t stride[WV_POWER_MAX_CLASSES];
    uint64_t states;
    uint32_t players;
    uint8_t *win;
    long double *full[WV_POWER_MAX_CLASSES];  /* C(c_k, .) */
    long double *minus[WV_POWER_MAX_CLASSES]; /* C(c_k - 1, .) */
    long double *ss;                          /* s!(n-1-s)!/n! */
} game;

static void game_free(game *g)
{
    free(g->win);
    free(g->ss);
    for (size_t k = 0; k < g->n_classes; k++) {
        free(g->full[k]);
        free(g->minus[k]);
    }
}

static void decode_state(const game *g, uint64_t idx, uint32_t *m)
{
    for (size_t k = 0; k < g->n_classes; k++)
        m[k] = (uint32_t)((idx / g->stride[k]) % ((uint64_t)g->counts[k] + 1));
}

static wv_status game_setup(game *g, wv_error *err)
{
    uint64_t states = 1;
    for (size_t k = 0; k < g->n_classes; k++) {
        g->stride[k] = states;
        states *= (uint64_t)g->counts[k] + 1;
        if (states > WV_POWER_MAX_STATES)
            return wv_error_set(err, WV_ERR_ARG, "power: game too large (over %u states)",
                                WV_POWER_MAX_STATES);
        g->players += g->counts[k];
    }
    if (g->players == 0)
        return wv_error_set(err, WV_ERR_ARG, "power: a game needs at least one player");
    g->states = states;
    g->win = calloc(states, 1);
    long double *nm1 = binom_row(g->players - 1);
    g->ss = malloc((size_t)g->players * sizeof *g->ss);
    if (g->win == NULL || nm1 == NULL || g->ss == NULL) {
        free(nm1);
        return wv_error_set(err, WV_ERR_NOMEM, "power: out of memory");
    }
    /* s!(n-1-s)!/n! = 1 / (n * C(n-1, s)) */
    for (uint32_t s = 0; s < g->players; s++)
        g->ss[s] = 1.0L / ((long double)g->players * nm1[s]);
    free(nm1);
    for (size_t k = 0; k < g->n_classes; k++) {
        g->full[k] = binom_row(g->counts[k]);
        g->minus[k] = g->counts[k] > 0 ? binom_row(g->counts[k] - 1) : NULL;
        if (g->full[k] == NULL || (g->counts[k] > 0 && g->minus[k] == NULL))
            return wv_error_set(err, WV_ERR_NOMEM, "power: out of memory");
    }
    return WV_OK;
}

static wv_status fill_wins(game *g, wv_game_win_fn fn, void *ctx, wv_error *err)
{
    uint32_t m[WV_POWER_MAX_CLASSES];
    for (uint64_t idx = 0; idx < g->states; idx++) {
        decode_state(g, idx, m);
        int w = 0;
        wv_status st = fn(ctx, m, &w, err);
        if (st != WV_OK)
            return st;
        g->win[idx] = w ? 1 : 0;
    }
    return WV_OK;
}

/* Adds the contribution of every coalition of the others (state m) to the
 * player of class k standing outside it. */
static void accumulate(const game *g, long double *swings, long double *shapley)
{
    uint32_t m[WV_POWER_MAX_CLASSES];
    for (uint64_t idx = 0; idx < g->states; idx++) {
        decode_state(g, idx, m);
        uint32_t size = 0;
        long double all = 1.0L;
        for (size_t j = 0; j < g->n_classes; j++) {
            size += m[j];
            all *= g->full[j][m[j]];
        }
        for (size_t k = 0; k < g->n_classes; k++) {
            if (m[k] >= g->counts[k])
                continue;
            int diff = (int)g->win[idx + g->stride[k]] - (int)g->win[idx];
            if (diff == 0)
                continue;
            /* coalitions: C(c_k - 1, m_k) * prod_{j != k} C(c_j, m_j) */
            long double ways = all / g->full[k][m[k]] * g->minus[k][m[k]];
            swings[k] += diff * ways;
            shapley[k] += diff * ways * g->ss[size];
        }
    }
}

wv_status wv_power_game(size_t n_classes, const uint32_t *counts, wv_game_win_fn win,
                        void *ctx, wv_power_value *out, wv_error *err)
{
    if (n_classes == 0 || n_classes > WV_POWER_MAX_CLASSES || counts == NULL || win == NULL ||
        out == NULL)
        return wv_error_set(err, WV_ERR_ARG, "power: between 1 and %d classes needed",
                            WV_POWER_MAX_CLASSES);
    game g = {.n_classes = n_classes, .counts = counts};
    wv_status st = game_setup(&g, err);
    if (st == WV_OK)
        st = fill_wins(&g, win, ctx, err);
    if (st != WV_OK) {
        game_free(&g);
        return st;
    }
    long double swings[WV_POWER_MAX_CLASSES] = {0}, shapley[WV_POWER_MAX_CLASSES] = {0};
    accumulate(&g, swings, shapley);
    long double total = 0.0L;
    for (size_t k = 0; k < n_classes; k++)
        total += swings[k] * counts[k];
    for (size_t k = 0; k < n_classes; k++) {
        out[k].swings = swings[k];
        out[k].banzhaf = total != 0.0L ? (double)(swings[k] / total) : 0.0;
        out[k].banzhaf_abs = (double)ldexpl(swings[k], -(int)(g.players - 1));
        out[k].shapley = (double)shapley[k];
    }
    game_free(&g);
    return WV_OK;
}

/* ------------------------------------------------------------ weighted */

typedef struct weighted_ctx {
    size_t n_classes;
    uint32_t weight[WV_POWER_MAX_CLASSES];
    uint64_t quota;
} weighted_ctx;

static wv_status weighted_win(void *ctx, const uint32_t *m, int *win, wv_error *err)
{
    (void)err;
    const weighted_ctx *w = ctx;
    uint64_t sum = 0;
    for (size_t k = 0; k < w->n_classes; k++)
        sum += (uint64_t)m[k] * w->weight[k];
    *win = sum >= w->quota;
    return WV_OK;
}

wv_status wv_power_weighted(size_t n, const uint32_t *weights, uint64_t quota,
                            wv_power_value *out, wv_error *err)
{
    if (n == 0 || weights == NULL || out == NULL)
        return wv_error_set(err, WV_ERR_ARG, "power: no players");
    weighted_ctx w = {.quota = quota};
    uint32_t counts[WV_POWER_MAX_CLASSES] = {0};
    size_t cls[WV_MAX_MEMBERS];
    if (n > WV_MAX_MEMBERS)
        return wv_error_set(err, WV_ERR_ARG, "power: more than %u players", WV_MAX_MEMBERS);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < w.n_classes && w.weight[k] != weights[i])
            k++;
        if (k == w.n_classes) {
            if (w.n_classes == WV_POWER_MAX_CLASSES)
                return wv_error_set(err, WV_ERR_ARG, "power: more than %d distinct weights",
                                    WV_POWER_MAX_CLASSES);
            w.weight[w.n_classes++] = weights[i];
        }
        counts[k]++;
        cls[i] = k;
    }
    wv_power_value byclass[WV_POWER_MAX_CLASSES];
    wv_status st = wv_power_game(w.n_classes, counts, weighted_win, &w, byclass, err);
    if (st != WV_OK)
        return st;
    for (size_t i = 0; i < n; i++)
        out[i] = byclass[cls[i]];
    return WV_OK;
}
