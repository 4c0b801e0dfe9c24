/*
 * measure.c — measuring one indicator: from its data to its score.
 *
 * Steps 1 and 2 of the engine (score.c says the whole design):
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
 *
 * Everything here reads one indicator and its rules and returns a value:
 * no arena, no tree, no diagnostics. The checker (check.c) calls the same
 * functions to recompute a printed figure.
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
    int lifted = 0;
    if (rules->all_or_nothing) {
        s = a + EPS >= 100.0 ? 100.0 : 0.0;
    } else if (rules->has_threshold && a + EPS >= rules->threshold && a < 100.0 - EPS) {
        /* Full score is 100: the threshold lifts what falls short of the
         * target, and never reaches past it. */
        s = 100.0;
        lifted = 1;
    } else {
        for (size_t i = 0; i < rules->n_bands; i++) {
            const rz_band *b = &rules->bands[i];
            if (a + EPS >= b->from && (!b->has_to || a < b->to - EPS)) {
                s = b->linear ? b->score_from + (a - b->from) / (b->to - b->from) *
                                                    (b->score_to - b->score_from)
                              : b->score;
                break;
            }
        }
    }
    if (s > rules->cap)
        s = rules->cap;
    if (s < 0)
        s = 0;
    if (threshold_applied)
        *threshold_applied = lifted;
    return s;
}

const rz_rules *rz_indicator_rules(const rz_plan *p, const rz_indicator *ind)
{
    return ind->rules ? ind->rules : &p->rules;
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
    late -= rules->tolerance_days;
    if (late <= 0)
        return 100.0;
    double a = 0.0;
    if (rules->deadline_rule == RZ_DEADLINE_DAILY_PENALTY)
        a = 100.0 - (double)late * rules->points_per_day;
    else if (rules->deadline_rule == RZ_DEADLINE_MONTHLY_PENALTY)
        a = 100.0 - (double)((late + 29) / 30) * rules->points_per_month;
    return a > 0 ? a : 0.0;
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

/* The reason a measurement gives when its scratch memory ran out; the
 * engine turns it into the stage's failure (see rz_score_with). */
const char rz_measure_out_of_memory[] = "memoria insufficiente";

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
        m->missing = rz_measure_out_of_memory;
        return 0;
    }
    size_t n = 0;
    int any_selected = 0;
    double num = 0, den = 0;
    rz_date latest = 0;
    int has_date = 0, has_yesno = 0, yesno = 0;
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
            } else if (ind->measure == RZ_MEASURE_YESNO && v->has_yesno) {
                has_yesno = 1; /* the last period recorded: the state at year end */
                yesno = v->yesno;
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
        case RZ_MEASURE_YESNO:
            if (!has_yesno) {
                m->missing = "nessun dato sì/no rilevato";
            } else {
                m->result = yesno;
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

static int has_body_record(const rz_observation *obs)
{
    for (size_t i = 0; i < obs->n_data; i++)
        if (!obs->data[i].unit)
            return 1;
    return 0;
}

/* The body's result as the combination of each unit's own result (sum,
 * mean, lowest or highest), for aggregazione-unita. */
static int combine_units(const rz_indicator *ind, const rz_target *tg, const rz_observation *obs,
                         rz_measurement *m)
{
    double acc = 0;
    int n = 0;
    for (size_t i = 0; i < obs->n_data; i++) {
        const char *unit = obs->data[i].unit;
        rz_measurement um;
        memset(&um, 0, sizeof um);
        if (!unit || !measure_result(ind, tg, obs, unit, &um) || um.result_is_date)
            continue;
        double r = um.result;
        switch (ind->unit_aggregation) {
        case RZ_UNITS_MIN:
            acc = n == 0 || r < acc ? r : acc;
            break;
        case RZ_UNITS_MAX:
            acc = n == 0 || r > acc ? r : acc;
            break;
        case RZ_UNITS_POOLED:
        case RZ_UNITS_SUM:
        case RZ_UNITS_MEAN:
            acc += r;
            break;
        }
        n++;
        m->n_values += um.n_values;
    }
    if (n == 0) {
        m->missing = "nessuna unità ha un risultato";
        return 0;
    }
    m->result = ind->unit_aggregation == RZ_UNITS_MEAN ? acc / n : acc;
    m->has_result = 1;
    m->units_combined = 1;
    return 1;
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
    if (!unit && ind->unit_aggregation != RZ_UNITS_POOLED && !has_body_record(obs)) {
        if (!combine_units(ind, tg, obs, &m))
            return m;
    } else if (!measure_result(ind, tg, obs, unit, &m)) {
        return m;
    }

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
    } else if (tg->kind == RZ_TGT_YESNO) {
        a = fabs(m.result - tg->value) < EPS ? 100.0 : 0.0;
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
    /* The achievement is printed as computed, unless the body's rules cap
     * it too (realizzazione-massima); the score has its own cap below. */
    if (a < 0)
        a = 0;
    if (rules->has_achievement_cap && a > rules->achievement_cap)
        a = rules->achievement_cap;
    if (rules->achievement_decimals >= 0)
        a = rz_round_dec(a, rules->achievement_decimals);
    m.has_achievement = 1;
    m.achievement = a;
    m.has_score = 1;
    m.score = rz_score_normalise(rules, a, &m.threshold_applied);
    return m;
}
