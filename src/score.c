/*
 * score.c — measuring indicators and rolling scores up the tree.
 *
 * Three steps, each a function family below:
 *
 * 1. Measure: from an indicator's period data (for the whole body or one
 *    unit) compute the yearly result as its measure says — Σnum/Σden for
 *    ratios, sum/mean/last/max/min of values, the latest completion date,
 *    a declared completion for textual outcomes — then round it if the rules
 *    say so (seed 003 rounds a mean of 17,333 days to 17,33 before scoring).
 * 2. Score: achievement against the target by comparator and kind, capped at
 *    the rules' maximum, then normalised (full-score threshold, bands, cap).
 *    Higher-is-better is 1 + (r − t)/|t| (= r/t for a positive target) and
 *    lower-is-better 1 − (r − t)/|t| or t/r, so that negative targets (an
 *    index "< −10") behave as the comparator reads.
 * 3. Roll up: weighted means (equal weights when the plan gives none),
 *    bottom-up, with approved rettifiche replacing a node's computed score
 *    before its parent uses it. Children without a score are left out of
 *    the mean and counted, never taken as 0 or 100.
 */
#include "score.h"
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* ------------------------------------------------------------------ */
/* Rules                                                               */
/* ------------------------------------------------------------------ */

double rz_score_normalise(const rz_rules *rules, double a, int *threshold_applied)
{
    double s = a;
    if (threshold_applied)
        *threshold_applied = 0;
    if (rules->has_threshold && a + EPS >= rules->threshold) {
        s = rules->cap;
        if (threshold_applied)
            *threshold_applied = a < rules->cap - EPS;
    } else if (rules->n_bands) {
        for (size_t i = 0; i < rules->n_bands; i++) {
            const rz_band *b = &rules->bands[i];
            if (a + EPS >= b->from && (!b->has_to || a < b->to - EPS)) {
                s = b->score;
                break;
            }
        }
    }
    if (s > rules->cap)
        s = rules->cap;
    if (s < 0)
        s = 0;
    return s;
}

rz_outcome rz_score_outcome(const rz_rules *rules, int has_score, double score)
{
    if (!has_score)
        return RZ_OUTCOME_MISSING;
    if (score + EPS >= rules->reached)
        return RZ_OUTCOME_REACHED;
    if (score + EPS >= rules->partial)
        return RZ_OUTCOME_PARTIAL;
    return RZ_OUTCOME_NOT_REACHED;
}

const char *rz_outcome_name(rz_outcome o)
{
    switch (o) {
    case RZ_OUTCOME_REACHED:
        return "raggiunto";
    case RZ_OUTCOME_PARTIAL:
        return "parzialmente raggiunto";
    case RZ_OUTCOME_NOT_REACHED:
        return "non raggiunto";
    case RZ_OUTCOME_MISSING:
        return "non misurato";
    }
    return "non misurato";
}

/* ------------------------------------------------------------------ */
/* Measuring                                                           */
/* ------------------------------------------------------------------ */

static int unit_matches(const rz_unit_data *u, const char *unit)
{
    if (!unit)
        return 1;
    return u->unit && strcmp(u->unit, unit) == 0;
}

/* The data to measure: one unit's, or for the body its own record when
 * there is one, otherwise every unit's together. */
static int selects(const rz_observation *obs, const rz_unit_data *u, const char *unit)
{
    if (unit)
        return unit_matches(u, unit);
    for (size_t i = 0; i < obs->n_data; i++)
        if (!obs->data[i].unit)
            return !u->unit;
    return 1;
}

static double aggregate(rz_aggregation agg, const double *v, size_t n)
{
    double r = v[0];
    switch (agg) {
    case RZ_AGG_SUM:
    case RZ_AGG_MEAN:
        r = 0;
        for (size_t i = 0; i < n; i++)
            r += v[i];
        if (agg == RZ_AGG_MEAN)
            r /= (double)n;
        break;
    case RZ_AGG_LAST:
        r = v[n - 1];
        break;
    case RZ_AGG_MAX:
        for (size_t i = 1; i < n; i++)
            r = v[i] > r ? v[i] : r;
        break;
    case RZ_AGG_MIN:
        for (size_t i = 1; i < n; i++)
            r = v[i] < r ? v[i] : r;
        break;
    }
    return r;
}

static double numeric_achievement(const rz_rules *rules, rz_comparator cmp, double r, double t,
                                  const rz_target *tg)
{
    switch (cmp) {
    case RZ_CMP_GE:
    case RZ_CMP_GT:
        if (fabs(t) < EPS)
            return (cmp == RZ_CMP_GE ? r >= -EPS : r > EPS) ? 100.0 : 0.0;
        return (1.0 + (r - t) / fabs(t)) * 100.0;
    case RZ_CMP_LE:
    case RZ_CMP_LT:
        if (fabs(t) < EPS)
            return (cmp == RZ_CMP_LE ? r <= EPS : r < -EPS) ? 100.0 : 0.0;
        if (rules->lower_formula == RZ_LOWER_INVERSE_RATIO && t > 0)
            return r <= EPS ? rules->cap : t / r * 100.0;
        return (1.0 - (r - t) / fabs(t)) * 100.0;
    case RZ_CMP_EQ:
        if (fabs(r - t) <= EPS * (1.0 + fabs(t)))
            return 100.0;
        if (fabs(t) < EPS)
            return 0.0;
        return (1.0 - fabs(r - t) / fabs(t)) * 100.0;
    case RZ_CMP_RANGE:
        if (r + EPS >= tg->min && r <= tg->max + EPS)
            return 100.0;
        if (r < tg->min)
            return fabs(tg->min) < EPS ? 0.0 : (1.0 - (tg->min - r) / fabs(tg->min)) * 100.0;
        return fabs(tg->max) < EPS ? 0.0 : (1.0 - (r - tg->max) / fabs(tg->max)) * 100.0;
    }
    return 0.0;
}

static double date_achievement(const rz_rules *rules, rz_comparator cmp, rz_date done, rz_date due)
{
    long late = 0;
    switch (cmp) {
    case RZ_CMP_LE:
        late = done - due;
        break;
    case RZ_CMP_LT:
        late = done - due + 1;
        break;
    case RZ_CMP_GE:
        late = due - done;
        break;
    case RZ_CMP_GT:
        late = due - done + 1;
        break;
    case RZ_CMP_EQ:
    case RZ_CMP_RANGE:
        late = labs(done - due);
        break;
    }
    if (late <= 0)
        return 100.0;
    if (rules->deadline_rule == RZ_DEADLINE_DAILY_PENALTY) {
        double a = 100.0 - (double)late * rules->points_per_day;
        return a > 0 ? a : 0.0;
    }
    return 0.0;
}

/* The current and previous-year values of an indicator whose target is a
 * ratio to the previous year. */
static int previous_year(const rz_observation *obs, const char *unit, double *prev)
{
    for (size_t i = 0; i < obs->n_data; i++) {
        const rz_unit_data *u = &obs->data[i];
        if (!selects(obs, u, unit) || !u->has_prev)
            continue;
        if (u->prev_has_value) {
            *prev = u->prev_value;
            return 1;
        }
        if (u->prev_has_ratio && fabs(u->prev_den) > EPS) {
            *prev = u->prev_num / u->prev_den;
            return 1;
        }
    }
    return 0;
}

static int benchmark_of(const rz_observation *obs, const char *unit, double *b)
{
    for (size_t i = 0; i < obs->n_data; i++)
        if (selects(obs, &obs->data[i], unit) && obs->data[i].has_benchmark) {
            *b = obs->data[i].benchmark;
            return 1;
        }
    return 0;
}

/* Step 1: the yearly result. Returns 0 with m->missing set when none. */
static int measure_result(const rz_indicator *ind, const rz_target *tg, const rz_observation *obs,
                          const char *unit, rz_measurement *m)
{
    size_t cap = 0;
    for (size_t i = 0; i < obs->n_data; i++)
        if (selects(obs, &obs->data[i], unit))
            cap += obs->data[i].n_values;
    double stack[64];
    double *vals = cap > 64 ? malloc(cap * sizeof *vals) : stack;
    if (!vals) {
        m->missing = "memoria insufficiente";
        return 0;
    }
    size_t n = 0;
    int any_selected = 0;
    double num = 0, den = 0;
    rz_date latest = 0;
    int has_date = 0;
    const rz_unit_data *outcome = NULL;
    for (size_t i = 0; i < obs->n_data; i++) {
        const rz_unit_data *u = &obs->data[i];
        if (!selects(obs, u, unit))
            continue;
        any_selected = 1;
        if (u->has_outcome && !outcome)
            outcome = u;
        for (size_t k = 0; k < u->n_values; k++) {
            const rz_period_value *v = &u->values[k];
            if (v->missing)
                continue;
            if (ind->measure == RZ_MEASURE_RATIO && v->has_num && v->has_den) {
                num += v->num;
                den += v->den;
                n++;
            } else if (ind->measure == RZ_MEASURE_DATE && v->has_date) {
                if (!has_date || v->date > latest)
                    latest = v->date;
                has_date = 1;
                n++;
            } else if (v->has_value) {
                vals[n++] = v->value;
            }
        }
    }
    m->n_values = (int)n;
    int ok = 0;
    if (!any_selected) {
        m->missing = unit ? "nessun dato per questa unità" : "nessun dato di monitoraggio";
    } else {
        switch (ind->measure) {
        case RZ_MEASURE_RATIO:
            m->num = num;
            m->den = den;
            if (n == 0) {
                m->missing = "nessun periodo con numeratore e denominatore";
            } else if (fabs(den) < EPS) {
                m->missing = "denominatore pari a zero: il rapporto non è definito";
            } else {
                m->result = num / den;
                if (!tg || tg->kind == RZ_TGT_PERCENT)
                    m->result *= 100.0;
                ok = 1;
            }
            break;
        case RZ_MEASURE_VALUE:
            if (n == 0) {
                m->missing = "nessun valore rilevato";
            } else {
                m->result = aggregate(ind->aggregation, vals, n);
                ok = 1;
            }
            break;
        case RZ_MEASURE_DATE:
            if (!has_date) {
                m->missing = "nessuna data di realizzazione";
            } else {
                m->result_is_date = 1;
                m->result_date = latest;
                ok = 1;
            }
            break;
        case RZ_MEASURE_SAL:
            if (n > 0) {
                m->result = vals[n - 1];
                ok = 1;
                break;
            }
            /* fall through */
        case RZ_MEASURE_TEXT:
            if (outcome) {
                m->result_text = outcome->outcome_text;
                if (outcome->has_completion) {
                    m->result = outcome->completion;
                    ok = 1;
                } else {
                    m->missing = "esito descritto senza percentuale di completamento";
                }
            } else {
                m->missing = "nessun esito dichiarato";
            }
            break;
        }
    }
    if (vals != stack)
        free(vals);
    m->has_result = ok;
    return ok;
}

rz_measurement rz_measure_indicator(const rz_rules *rules, const rz_indicator *ind,
                                    const rz_target *tg, const rz_observation *obs,
                                    const char *unit)
{
    rz_measurement m;
    memset(&m, 0, sizeof m);
    if (!obs) {
        m.missing = "nessun dato di monitoraggio";
        return m;
    }
    if (!measure_result(ind, tg, obs, unit, &m))
        return m;

    if (tg && tg->kind == RZ_TGT_PREV_YEAR_RATIO && !m.result_is_date) {
        double prev;
        double current = m.result;
        if (ind->measure == RZ_MEASURE_RATIO)
            current = m.den != 0 ? m.num / m.den : 0;
        if (!previous_year(obs, unit, &prev)) {
            m.missing = "manca il valore dell'anno precedente";
            m.has_result = 0;
            return m;
        }
        if (fabs(prev) < EPS) {
            m.missing = "il valore dell'anno precedente è zero: il rapporto non è definito";
            m.has_result = 0;
            return m;
        }
        m.result = current / prev;
    }
    if (!m.result_is_date && rules->result_decimals >= 0)
        m.result = rz_round_dec(m.result, rules->result_decimals);

    /* Step 2: achievement and score. */
    if (!tg) {
        m.missing = "nessun target per l'anno";
        return m;
    }
    double a;
    if (m.result_is_date) {
        if (tg->kind != RZ_TGT_DATE || !tg->has_value) {
            m.missing = "il risultato è una data ma il target non lo è";
            return m;
        }
        a = date_achievement(rules, tg->cmp, m.result_date, tg->date);
    } else if (tg->kind == RZ_TGT_TEXT) {
        a = m.result; /* declared completion */
    } else if (tg->kind == RZ_TGT_DATE) {
        m.missing = "il target è una data ma il risultato non lo è";
        return m;
    } else {
        double t = tg->value;
        if (tg->kind == RZ_TGT_BENCHMARK && !tg->has_value) {
            if (!benchmark_of(obs, unit, &t)) {
                m.missing = "manca il valore di benchmark";
                return m;
            }
        } else if (!tg->has_value && tg->cmp != RZ_CMP_RANGE) {
            m.missing = "il target non ha un valore";
            return m;
        }
        a = numeric_achievement(rules, tg->cmp, m.result, t, tg);
    }
    if (a < 0)
        a = 0;
    if (a > rules->cap)
        a = rules->cap;
    if (rules->achievement_decimals >= 0)
        a = rz_round_dec(a, rules->achievement_decimals);
    m.has_achievement = 1;
    m.achievement = a;
    m.has_score = 1;
    m.score = rz_score_normalise(rules, a, &m.threshold_applied);
    return m;
}

/* ------------------------------------------------------------------ */
/* Rolling up                                                          */
/* ------------------------------------------------------------------ */

typedef struct {
    rz_scored *s;
    const rz_plan *p;
    const rz_monitoring *mon;
    rz_diags *d;
    rz_strmap by_code;
    size_t cap_ind;
    int apply_declared;
} engine;

#define APUSH(a, arr, count, cap)                                                                  \
    ((arr) = rz_arena_grow((a), (arr), (count), &(cap), sizeof *(arr)),                            \
     (arr) ? &(arr)[(count)++] : NULL)

/* The approved rettifica in force on a node (latest by date, then by
 * order), and the list of declared ones. */
static const rz_rettifica *find_rettifica(const engine *e, rz_node_level level, const char *code,
                                          const rz_rettifica ***declared, size_t *n_declared)
{
    const rz_rettifica *best = NULL;
    size_t cap = 0;
    if (!e->mon)
        return NULL;
    for (size_t i = 0; i < e->mon->n_rettifiche; i++) {
        const rz_rettifica *r = &e->mon->rettifiche[i];
        if (r->level != level)
            continue;
        if (level != RZ_NODE_ENTE && (!r->code || !code || strcmp(r->code, code) != 0))
            continue;
        if (!r->approved && !e->apply_declared) {
            if (declared) {
                const rz_rettifica **slot = APUSH(&e->s->arena, *declared, *n_declared, cap);
                if (slot)
                    *slot = r;
            }
            continue;
        }
        if (!best || !best->has_date || !r->has_date || r->date >= best->date)
            best = r;
    }
    return best;
}

/* Weights normalised to sum 100; when any is missing, all weigh the same. */
static void normalise_weights(const int *has, const double *w, size_t n, double *out)
{
    int all = n > 0;
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!has[i])
            all = 0;
        total += w[i];
    }
    for (size_t i = 0; i < n; i++)
        out[i] = all && total > EPS ? w[i] / total * 100.0 : 100.0 / (double)n;
}

static rz_scored_indicator *score_indicator(engine *e, rz_indicator *ind)
{
    rz_scored_indicator *si = rz_strmap_get(&e->by_code, ind->code);
    if (si)
        return si;
    rz_arena *a = &e->s->arena;
    si = rz_arena_alloc(a, sizeof *si);
    if (!si)
        return NULL;
    si->indicator = ind;
    si->target = rz_indicator_target(ind, e->p->year);
    si->observation = e->mon ? rz_monitoring_observation(e->mon, ind->code) : NULL;
    si->total = rz_measure_indicator(&e->p->rules, ind, si->target, si->observation, NULL);
    if (si->observation) {
        size_t cap = 0;
        for (size_t i = 0; i < si->observation->n_data; i++) {
            const char *u = si->observation->data[i].unit;
            if (!u)
                continue;
            rz_unit_measurement *um = APUSH(a, si->units, si->n_units, cap);
            if (!um)
                continue;
            um->unit = u;
            um->m = rz_measure_indicator(&e->p->rules, ind, si->target, si->observation, u);
        }
    }
    si->effective = si->total.score;
    si->rettifica = find_rettifica(e, RZ_NODE_INDICATOR, ind->code, NULL, NULL);
    if (si->rettifica) {
        si->has_adjusted = 1;
        si->adjusted = si->rettifica->score;
        si->effective = si->adjusted;
    }
    int has = si->total.has_score || si->has_adjusted;
    si->outcome = rz_score_outcome(&e->p->rules, has, si->effective);
    if (!si->total.has_score)
        rz_diag_add(e->d, RZ_WARNING, ind->loc.file, ind->loc.line, "score-missing",
                    "l'indicatore %s non ha un punteggio: %s", ind->code,
                    si->total.missing ? si->total.missing : "dato mancante");
    rz_strmap_put(&e->by_code, ind->code, si);
    rz_scored_indicator **slot = APUSH(a, e->s->indicators, e->s->n_indicators, e->cap_ind);
    if (slot)
        *slot = si;
    return si;
}

static int scored_has(const rz_scored_indicator *si)
{
    return si->total.has_score || si->has_adjusted;
}

/* Mean of a list of indicators (by their weights). */
static int indicator_mean(rz_scored_indicator **inds, size_t n, double *out, size_t *missing)
{
    if (n == 0)
        return 0;
    int *has = calloc(n, sizeof *has);
    double *w = calloc(n, sizeof *w), *nw = calloc(n, sizeof *nw);
    int ok = 0;
    if (has && w && nw) {
        for (size_t i = 0; i < n; i++) {
            has[i] = inds[i]->indicator->has_weight;
            w[i] = inds[i]->indicator->weight;
        }
        normalise_weights(has, w, n, nw);
        double sum = 0, wsum = 0;
        for (size_t i = 0; i < n; i++) {
            inds[i]->weight = nw[i];
            if (!scored_has(inds[i])) {
                (*missing)++;
                continue;
            }
            sum += inds[i]->effective * nw[i];
            wsum += nw[i];
        }
        if (wsum > EPS) {
            *out = sum / wsum;
            ok = 1;
        }
    }
    free(has);
    free(w);
    free(nw);
    return ok;
}

static int node_mean(rz_scored_node **nodes, size_t n, double *out, size_t *missing)
{
    double sum = 0, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!nodes[i]->has_score) {
            (*missing)++;
            continue;
        }
        sum += nodes[i]->score * nodes[i]->weight;
        wsum += nodes[i]->weight;
    }
    if (wsum <= EPS)
        return 0;
    *out = sum / wsum;
    return 1;
}

static void set_child_weights(rz_scored_node *node)
{
    size_t n = node->n_children;
    if (n == 0)
        return;
    int *has = calloc(n, sizeof *has);
    double *w = calloc(n, sizeof *w), *nw = calloc(n, sizeof *nw);
    if (has && w && nw) {
        for (size_t i = 0; i < n; i++) {
            has[i] = node->children[i]->objective->has_weight;
            w[i] = node->children[i]->objective->weight;
        }
        normalise_weights(has, w, n, nw);
        for (size_t i = 0; i < n; i++)
            node->children[i]->weight = nw[i];
    }
    free(has);
    free(w);
    free(nw);
}

static void finish_node(engine *e, rz_scored_node *node)
{
    const char *code = node->objective ? node->objective->code : NULL;
    node->score = node->computed;
    node->has_score = node->has_computed;
    node->rettifica = find_rettifica(e, node->level, code, &node->declared, &node->n_declared);
    if (node->rettifica) {
        node->has_adjusted = 1;
        node->adjusted = node->rettifica->score;
        node->score = node->adjusted;
        node->has_score = 1;
    }
    node->outcome = rz_score_outcome(&e->p->rules, node->has_score, node->score);
}

static rz_scored_node *score_objective(engine *e, rz_objective *o)
{
    static const rz_node_level levels[] = {RZ_NODE_AREA, RZ_NODE_STRATEGIC, RZ_NODE_OPERATIONAL};
    rz_arena *a = &e->s->arena;
    rz_scored_node *node = rz_arena_alloc(a, sizeof *node);
    if (!node)
        return NULL;
    node->level = levels[o->kind];
    node->objective = o;
    size_t cap = 0;
    for (size_t i = 0; i < o->n_indicators; i++) {
        if (o->indicators[i]->removed)
            continue;
        rz_scored_indicator **slot = APUSH(a, node->indicators, node->n_indicators, cap);
        if (slot)
            *slot = score_indicator(e, o->indicators[i]);
    }
    cap = 0;
    for (size_t i = 0; i < o->n_children; i++) {
        if (o->children[i]->removed)
            continue;
        rz_scored_node **slot = APUSH(a, node->children, node->n_children, cap);
        if (slot)
            *slot = score_objective(e, o->children[i]);
    }
    set_child_weights(node);

    size_t miss_ind = 0, miss_child = 0;
    double ind_score = 0, child_score = 0;
    int has_ind = indicator_mean(node->indicators, node->n_indicators, &ind_score, &miss_ind);
    int has_child = node_mean(node->children, node->n_children, &child_score, &miss_child);
    if (o->kind == RZ_OBJ_STRATEGIC) {
        node->has_indicator_score = has_ind;
        node->indicator_score = ind_score;
    }
    const rz_rules *ru = &e->p->rules;
    if (o->kind == RZ_OBJ_OPERATIONAL) {
        node->has_computed = has_ind;
        node->computed = ind_score;
        node->n_missing = miss_ind;
    } else if (o->kind == RZ_OBJ_AREA) {
        node->has_computed = has_child;
        node->computed = child_score;
        node->n_missing = miss_child;
    } else if (ru->os_rule == RZ_OS_FROM_INDICATORS ||
               (ru->os_rule == RZ_OS_FROM_BOTH && !has_child)) {
        node->has_computed = has_ind;
        node->computed = ind_score;
        node->n_missing = miss_ind;
    } else if (ru->os_rule == RZ_OS_FROM_OPERATIONAL || !has_ind) {
        node->has_computed = has_child;
        node->computed = child_score;
        node->n_missing = miss_child;
    } else {
        double wi = ru->has_os_indicator_weight ? ru->os_indicator_weight : 50.0;
        node->has_computed = 1;
        node->computed = (ind_score * wi + child_score * (100.0 - wi)) / 100.0;
        node->n_missing = miss_ind + miss_child;
    }
    finish_node(e, node);
    if (node->n_missing && node->has_computed)
        rz_diag_add(e->d, RZ_WARNING, o->loc.file, o->loc.line, "score-partial",
                    "il punteggio %s %s è calcolato escludendo %zu %s senza dati",
                    o->kind == RZ_OBJ_AREA ? "dell'area" : "dell'obiettivo", o->code,
                    node->n_missing, node->n_missing == 1 ? "elemento" : "elementi");
    return node;
}

static void set_entity_shares(rz_scored_node *node, double parent_share)
{
    node->weight_entity = parent_share * node->weight / 100.0;
    node->contribution = node->has_score ? node->score * node->weight_entity / 100.0 : 0;
    node->weighted_in_parent = node->has_score ? node->score * node->weight / 100.0 : 0;
    for (size_t i = 0; i < node->n_children; i++)
        set_entity_shares(node->children[i], node->weight_entity);
}

static void count(rz_counts *c, rz_outcome o)
{
    c->total++;
    switch (o) {
    case RZ_OUTCOME_REACHED:
        c->reached++;
        break;
    case RZ_OUTCOME_PARTIAL:
        c->partial++;
        break;
    case RZ_OUTCOME_NOT_REACHED:
        c->not_reached++;
        break;
    case RZ_OUTCOME_MISSING:
        c->missing++;
        break;
    }
}

static void count_nodes(rz_scored *s, const rz_scored_node *n)
{
    if (n->level == RZ_NODE_STRATEGIC)
        count(&s->strategic, n->outcome);
    else if (n->level == RZ_NODE_OPERATIONAL && n->objective->frd)
        count(&s->frd, n->outcome); /* fund objectives are reported apart */
    else if (n->level == RZ_NODE_OPERATIONAL)
        count(&s->operational, n->outcome);
    for (size_t i = 0; i < n->n_children; i++)
        count_nodes(s, n->children[i]);
}

static int codes_have(const rz_codes *c, const char *code)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->items[i], code) == 0)
            return 1;
    return 0;
}

static const rz_measurement *unit_measurement(const rz_scored_indicator *si, const char *unit)
{
    for (size_t i = 0; i < si->n_units; i++)
        if (strcmp(si->units[i].unit, unit) == 0)
            return &si->units[i].m;
    return NULL;
}

/* A unit's sheet lists the indicators it measures (rilevato-da), those it
 * has data for, and those it owns; its score is the mean of its figures. */
/* Appends an indicator to a unit's sheet, once. */
typedef struct {
    size_t cap, mcap;
    double sum;
    size_t n;
    const rz_scored_indicator *last;
} sheet_acc;

static void sheet_add(rz_scored *s, rz_scored_unit *su, sheet_acc *acc, rz_scored_indicator *si,
                      const rz_measurement *m)
{
    if (acc->last == si)
        return;
    acc->last = si;
    size_t nm = su->n_indicators;
    rz_scored_indicator **slot = APUSH(&s->arena, su->indicators, su->n_indicators, acc->cap);
    const rz_measurement **mslot = APUSH(&s->arena, su->measurements, nm, acc->mcap);
    if (!slot || !mslot)
        return;
    *slot = si;
    *mslot = m;
    if (m->has_score) {
        acc->sum += m->score;
        acc->n++;
    } else {
        su->n_missing++;
    }
}

/* A unit's sheet lists the indicators it measures (rilevato-da), those it
 * has data for, and those it owns, in plan order; its score is the mean of
 * its own figures. One pass over the indicators, units found by code. */
static void score_units(engine *e)
{
    rz_scored *s = e->s;
    s->n_units = e->p->n_units;
    s->units = rz_arena_alloc(&s->arena, (s->n_units ? s->n_units : 1) * sizeof *s->units);
    sheet_acc *acc = calloc(s->n_units ? s->n_units : 1, sizeof *acc);
    if (!s->units || !acc) {
        free(acc);
        s->n_units = 0;
        return;
    }
    for (size_t u = 0; u < s->n_units; u++)
        s->units[u].unit = &e->p->units[u];
    for (size_t i = 0; i < s->n_indicators; i++) {
        rz_scored_indicator *si = s->indicators[i];
        const rz_indicator *ind = si->indicator;
        if (ind->level == RZ_LEVEL_INDIVIDUAL)
            continue;
        /* Units with data of their own first, then those listed without. */
        for (size_t k = 0; k < si->n_units; k++) {
            const rz_unit *unit = rz_plan_unit(e->p, si->units[k].unit);
            if (unit) {
                size_t u = (size_t)(unit - e->p->units);
                sheet_add(s, &s->units[u], &acc[u], si, &si->units[k].m);
            }
        }
        for (size_t k = 0; k <= ind->measured_by.count; k++) {
            const char *code = k < ind->measured_by.count ? ind->measured_by.items[k] : ind->owner;
            const rz_unit *unit = code ? rz_plan_unit(e->p, code) : NULL;
            if (!unit)
                continue;
            size_t u = (size_t)(unit - e->p->units);
            if (acc[u].last != si)
                sheet_add(s, &s->units[u], &acc[u], si, &si->total);
        }
    }
    for (size_t u = 0; u < s->n_units; u++) {
        rz_scored_unit *su = &s->units[u];
        size_t n = acc[u].n;
        su->has_score = n > 0;
        su->computed = n ? acc[u].sum / (double)n : 0;
        su->score = su->computed;
        su->rettifica = find_rettifica(e, RZ_NODE_UNIT, su->unit->code, NULL, NULL);
        if (su->rettifica) {
            su->has_adjusted = 1;
            su->score = su->rettifica->score;
            su->has_score = 1;
        }
        su->outcome = rz_score_outcome(&e->p->rules, su->has_score, su->score);
    }
    free(acc);
    /* A unit with no indicators of its own (an area, the SG's office) is
     * scored as the mean of its child units that have a score; parents are
     * resolved after their children by repeating until nothing changes. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t u = 0; u < s->n_units; u++) {
            rz_scored_unit *su = &s->units[u];
            if (su->n_indicators || su->has_score)
                continue;
            double sum = 0;
            size_t n = 0;
            for (size_t k = 0; k < s->n_units; k++) {
                const rz_unit *c = s->units[k].unit;
                if (!c->parent || strcmp(c->parent, su->unit->code) != 0)
                    continue;
                if (s->units[k].has_score) {
                    sum += s->units[k].score;
                    n++;
                }
            }
            if (n) {
                su->has_score = 1;
                su->from_children = 1;
                su->computed = su->score = sum / (double)n;
                su->outcome = rz_score_outcome(&e->p->rules, 1, su->score);
                changed = 1;
            }
        }
    }
    for (size_t u = 0; u < s->n_units; u++)
        if (s->units[u].n_indicators)
            count(&s->unit_counts, s->units[u].outcome);
}

static void collect_perspective(rz_scored_node *n, const char *code, rz_arena *a,
                                rz_scored_perspective *sp, size_t *cap)
{
    if (n->objective && n->level != RZ_NODE_AREA && codes_have(&n->objective->perspectives, code)) {
        rz_scored_node **slot = APUSH(a, sp->objectives, sp->n_objectives, *cap);
        if (slot)
            *slot = n;
    }
    for (size_t i = 0; i < n->n_children; i++)
        collect_perspective(n->children[i], code, a, sp, cap);
}

static void score_perspectives(engine *e)
{
    rz_scored *s = e->s;
    s->n_perspectives = e->p->n_perspectives;
    s->perspectives = rz_arena_alloc(&s->arena, (s->n_perspectives ? s->n_perspectives : 1) *
                                                    sizeof *s->perspectives);
    if (!s->perspectives) {
        s->n_perspectives = 0;
        return;
    }
    for (size_t i = 0; i < s->n_perspectives; i++) {
        rz_scored_perspective *sp = &s->perspectives[i];
        sp->perspective = &e->p->perspectives[i];
        size_t cap = 0;
        collect_perspective(s->entity, sp->perspective->code, &s->arena, sp, &cap);
        double sum = 0;
        size_t n = 0;
        for (size_t k = 0; k < sp->n_objectives; k++)
            if (sp->objectives[k]->has_score) {
                sum += sp->objectives[k]->score;
                n++;
            }
        sp->has_score = n > 0;
        sp->score = n ? sum / (double)n : 0;
    }
}

static void score_individuals(engine *e)
{
    rz_scored *s = e->s;
    rz_arena *a = &s->arena;
    s->n_evaluated = e->p->n_evaluated;
    s->evaluated = rz_arena_alloc(a, (s->n_evaluated ? s->n_evaluated : 1) * sizeof *s->evaluated);
    if (!s->evaluated) {
        s->n_evaluated = 0;
        return;
    }
    for (size_t i = 0; i < s->n_evaluated; i++) {
        rz_scored_evaluated *se = &s->evaluated[i];
        const rz_evaluated *ev = &e->p->evaluated[i];
        se->evaluated = ev;
        se->n_objectives = ev->n_objectives;
        se->objectives =
            rz_arena_alloc(a, (ev->n_objectives ? ev->n_objectives : 1) * sizeof *se->objectives);
        if (!se->objectives) {
            se->n_objectives = 0;
            continue;
        }
        int *has = calloc(ev->n_objectives + 1, sizeof *has);
        double *w = calloc(ev->n_objectives + 1, sizeof *w);
        double *nw = calloc(ev->n_objectives + 1, sizeof *nw);
        if (!has || !w || !nw) {
            free(has);
            free(w);
            free(nw);
            continue;
        }
        for (size_t j = 0; j < ev->n_objectives; j++) {
            has[j] = ev->objectives[j].has_weight;
            w[j] = ev->objectives[j].weight;
        }
        normalise_weights(has, w, ev->n_objectives, nw);
        double sum = 0, wsum = 0;
        for (size_t j = 0; j < ev->n_objectives; j++) {
            const rz_individual_objective *io = &ev->objectives[j];
            rz_scored_individual_objective *so = &se->objectives[j];
            so->objective = io;
            so->weight = nw[j];
            if (io->indicator && !io->indicator->removed)
                so->indicator = score_indicator(e, io->indicator);
            const rz_measurement *m = NULL;
            if (so->indicator) {
                m = io->unit ? unit_measurement(so->indicator, io->unit) : NULL;
                if (!m)
                    m = &so->indicator->total;
            }
            so->m = m;
            int hs = so->indicator && (io->unit ? m->has_score : scored_has(so->indicator));
            double sc = hs ? (io->unit ? m->score : so->indicator->effective) : 0;
            so->outcome = rz_score_outcome(&e->p->rules, hs, sc);
            switch (so->outcome) {
            case RZ_OUTCOME_REACHED:
                se->reached++;
                break;
            case RZ_OUTCOME_PARTIAL:
                se->partial++;
                break;
            case RZ_OUTCOME_NOT_REACHED:
                se->not_reached++;
                break;
            case RZ_OUTCOME_MISSING:
                se->missing++;
                break;
            }
            count(&s->individual_by_role[ev->role], so->outcome);
            if (hs) {
                sum += sc * nw[j];
                wsum += nw[j];
            }
        }
        se->has_score = wsum > EPS;
        se->score = se->has_score ? sum / wsum : 0;
        free(has);
        free(w);
        free(nw);
    }
}

rz_status rz_score(const rz_plan *plan, const rz_monitoring *monitoring, rz_scored **out,
                   rz_diags *d)
{
    rz_score_options opt = {0};
    return rz_score_with(plan, monitoring, &opt, out, d);
}

rz_status rz_score_with(const rz_plan *plan, const rz_monitoring *monitoring,
                        const rz_score_options *opt, rz_scored **out, rz_diags *d)
{
    *out = NULL;
    rz_scored *s = calloc(1, sizeof *s);
    if (!s)
        return RZ_IO;
    rz_arena_init(&s->arena);
    s->plan = plan;
    s->monitoring = monitoring;
    s->year = plan->year;
    engine e = {s, plan, monitoring, d, {0}, 0, opt->apply_declared};
    rz_strmap_init(&e.by_code);

    rz_scored_node *entity = rz_arena_alloc(&s->arena, sizeof *entity);
    if (!entity) {
        rz_scored_free(s);
        return RZ_IO;
    }
    entity->level = RZ_NODE_ENTE;
    entity->weight = 100.0;
    size_t cap = 0;
    for (size_t i = 0; i < plan->n_areas; i++) {
        if (plan->areas[i]->removed)
            continue;
        rz_scored_node **slot = APUSH(&s->arena, entity->children, entity->n_children, cap);
        if (slot)
            *slot = score_objective(&e, plan->areas[i]);
    }
    set_child_weights(entity);
    entity->has_computed =
        node_mean(entity->children, entity->n_children, &entity->computed, &entity->n_missing);
    finish_node(&e, entity);
    s->entity = entity;
    set_entity_shares(entity, 100.0);
    entity->weight_entity = 100.0;

    /* Indicators outside the tree (individual objectives' own) are scored
     * when their objective is; every plan indicator gets a score here. */
    for (size_t i = 0; i < plan->n_indicators; i++)
        if (!plan->indicators[i]->removed && plan->indicators[i]->level != RZ_LEVEL_INDIVIDUAL)
            score_indicator(&e, plan->indicators[i]);
    count_nodes(s, entity);
    score_individuals(&e);
    for (size_t i = 0; i < s->n_indicators; i++)
        if (s->indicators[i]->indicator->level != RZ_LEVEL_INDIVIDUAL)
            count(&s->indicator_counts, s->indicators[i]->outcome);
    score_units(&e);
    score_perspectives(&e);
    s->index = e.by_code;
    *out = s;
    return RZ_OK;
}

void rz_scored_free(rz_scored *s)
{
    if (!s)
        return;
    rz_strmap_free(&s->index);
    rz_arena_free(&s->arena);
    free(s);
}

const rz_scored_indicator *rz_scored_find_indicator(const rz_scored *s, const char *code)
{
    return rz_strmap_get(&s->index, code);
}

static const rz_scored_node *find_node(const rz_scored_node *n, rz_node_level level,
                                       const char *code)
{
    if (n->level == level &&
        (level == RZ_NODE_ENTE || (n->objective && strcmp(n->objective->code, code) == 0)))
        return n;
    for (size_t i = 0; i < n->n_children; i++) {
        const rz_scored_node *f = find_node(n->children[i], level, code);
        if (f)
            return f;
    }
    return NULL;
}

const rz_scored_node *rz_scored_find_node(const rz_scored *s, rz_node_level level, const char *code)
{
    if (level != RZ_NODE_ENTE && !code)
        return NULL;
    return find_node(s->entity, level, code);
}
