/*
 * score.c — rolling scores up the tree: the engine's entry point.
 *
 * Three steps; the first two, for one indicator, are in measure.c:
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
 * 3. Roll up (here): weighted means (equal weights when the plan gives none),
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

static void exclude(rz_arena *a, rz_exclusions *x, const char *what, const char *code,
                    const char *reason, int as_zero)
{
    rz_exclusion *e = RZ_ARENA_PUSH(a, x->items, x->count, x->cap);
    if (!e)
        return;
    e->what = what;
    e->code = code;
    e->reason = reason ? reason : "dato mancante";
    e->as_zero = as_zero;
}

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
                const rz_rettifica **slot =
                    RZ_ARENA_PUSH(&e->s->arena, *declared, *n_declared, cap);
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

/* Scratch room to normalise n weights, in the scores' arena so that a
 * failure is the stage's like any other (the arrays are small and few). */
typedef struct {
    int *has;
    double *w, *nw;
} weight_room;

static int weight_room_alloc(rz_arena *a, size_t n, weight_room *r)
{
    r->has = rz_arena_alloc(a, (n ? n : 1) * sizeof *r->has);
    r->w = rz_arena_alloc(a, (n ? n : 1) * sizeof *r->w);
    r->nw = rz_arena_alloc(a, (n ? n : 1) * sizeof *r->nw);
    return r->has && r->w && r->nw;
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

/* A measurement as a document prints it once the indicator's approved
 * rettifica is applied: m itself, or an adjusted copy in the arena. */
static const rz_measurement *adjusted_measurement(rz_arena *a, const rz_scored_indicator *si,
                                                  const rz_measurement *m)
{
    if (!si->has_adjusted)
        return m;
    rz_measurement *c = rz_arena_alloc(a, sizeof *c);
    if (!c)
        return m;
    *c = *m;
    c->has_adjusted = 1;
    c->computed_score = m->score;
    c->has_score = 1;
    c->score = si->adjusted;
    return c;
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
    const rz_rules *rules = rz_indicator_rules(e->p, ind);
    si->indicator = ind;
    si->target = rz_indicator_target(ind, e->p->year);
    si->observation = e->mon ? rz_monitoring_observation(e->mon, ind->code) : NULL;
    si->total = rz_measure_indicator(rules, ind, si->target, si->observation, NULL);
    if (si->observation) {
        size_t cap = 0;
        for (size_t i = 0; i < si->observation->n_data; i++) {
            const char *u = si->observation->data[i].unit;
            if (!u)
                continue;
            rz_unit_measurement *um = RZ_ARENA_PUSH(a, si->units, si->n_units, cap);
            if (!um)
                continue;
            um->unit = u;
            um->m = rz_measure_indicator(rules, ind, si->target, si->observation, u);
            if (um->m.missing == rz_measure_out_of_memory)
                a->failed = 1;
        }
    }
    if (si->total.missing == rz_measure_out_of_memory)
        a->failed = 1;
    si->effective = si->total.score;
    si->rettifica = find_rettifica(e, RZ_NODE_INDICATOR, ind->code, &si->declared, &si->n_declared);
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
    rz_scored_indicator **slot = RZ_ARENA_PUSH(a, e->s->indicators, e->s->n_indicators, e->cap_ind);
    if (slot)
        *slot = si;
    return si;
}

static int scored_has(const rz_scored_indicator *si)
{
    return si->total.has_score || si->has_adjusted;
}

static const char *const level_what[] = {
    "l'ente",       "l'area",  "l'obiettivo strategico", "l'obiettivo operativo",
    "l'indicatore", "l'unità", "l'obiettivo individuale"};

/* Mean of a list of indicators (by their weights). Indicators without a
 * score are left out, their weight spread over the others, unless their
 * rules count a missing result as 0; either way the node records them. */
static int indicator_mean(engine *e, rz_scored_node *node, rz_scored_indicator **inds, size_t n,
                          double *out, size_t *missing)
{
    if (n == 0)
        return 0;
    weight_room wr;
    int ok = 0;
    if (weight_room_alloc(&e->s->arena, n, &wr)) {
        int *has = wr.has;
        double *w = wr.w, *nw = wr.nw;
        for (size_t i = 0; i < n; i++) {
            has[i] = inds[i]->indicator->has_weight;
            w[i] = inds[i]->indicator->weight;
        }
        normalise_weights(has, w, n, nw);
        double sum = 0, wsum = 0;
        for (size_t i = 0; i < n; i++) {
            inds[i]->weight = nw[i];
            if (!scored_has(inds[i])) {
                int zero = rz_indicator_rules(e->p, inds[i]->indicator)->missing_as_zero;
                (*missing)++;
                exclude(&e->s->arena, &node->excluded, level_what[RZ_NODE_INDICATOR],
                        inds[i]->indicator->code, inds[i]->total.missing, zero);
                if (zero)
                    wsum += nw[i];
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
    return ok;
}

/* The value a child node brings to its parent's mean: its score, or 0
 * when a minimum-score gate applies to it. */
static double node_value(const rz_scored_node *n)
{
    return n->gated ? 0.0 : n->score;
}

static int node_mean(engine *e, rz_scored_node *parent, rz_scored_node **nodes, size_t n,
                     double *out, size_t *missing)
{
    double sum = 0, wsum = 0;
    int zero = e->p->rules.missing_as_zero;
    for (size_t i = 0; i < n; i++) {
        const char *code = nodes[i]->objective ? nodes[i]->objective->code : NULL;
        if (!nodes[i]->has_score) {
            (*missing)++;
            exclude(&e->s->arena, &parent->excluded, level_what[nodes[i]->level], code,
                    "nessun punteggio: mancano i dati dei suoi indicatori", zero);
            if (zero)
                wsum += nodes[i]->weight;
            continue;
        }
        if (nodes[i]->gated)
            exclude(&e->s->arena, &parent->excluded, level_what[nodes[i]->level], code,
                    "punteggio sotto la soglia minima del suo livello", 1);
        sum += node_value(nodes[i]) * nodes[i]->weight;
        wsum += nodes[i]->weight;
    }
    if (wsum <= EPS)
        return 0;
    *out = sum / wsum;
    return 1;
}

static void set_child_weights(rz_arena *a, rz_scored_node *node)
{
    size_t n = node->n_children;
    weight_room wr;
    if (n > 0 && weight_room_alloc(a, n, &wr)) {
        int *has = wr.has;
        double *w = wr.w, *nw = wr.nw;
        for (size_t i = 0; i < n; i++) {
            has[i] = node->children[i]->objective->has_weight;
            w[i] = node->children[i]->objective->weight;
        }
        normalise_weights(has, w, n, nw);
        for (size_t i = 0; i < n; i++)
            node->children[i]->weight = nw[i];
    }
}

static int gate_applies(const rz_rules *ru, rz_gate_level level, int has_score, double score)
{
    return has_score && ru->has_gate[level] && score < ru->gate[level] - EPS;
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
    static const int gates[] = {-1, RZ_GATE_AREA, RZ_GATE_STRATEGIC, RZ_GATE_OPERATIONAL};
    if (node->level <= RZ_NODE_OPERATIONAL && gates[node->level] >= 0)
        node->gated = gate_applies(&e->p->rules, (rz_gate_level)gates[node->level], node->has_score,
                                   node->score);
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
        rz_scored_indicator *si = score_indicator(e, o->indicators[i]);
        rz_scored_indicator **slot =
            si ? RZ_ARENA_PUSH(a, node->indicators, node->n_indicators, cap) : NULL;
        if (slot)
            *slot = si;
    }
    cap = 0;
    for (size_t i = 0; i < o->n_children; i++) {
        if (o->children[i]->removed)
            continue;
        rz_scored_node *child = score_objective(e, o->children[i]);
        rz_scored_node **slot =
            child ? RZ_ARENA_PUSH(a, node->children, node->n_children, cap) : NULL;
        if (slot)
            *slot = child;
    }
    set_child_weights(&e->s->arena, node);

    /* Which parts make the score decides which exclusions are recorded:
     * the indicators' and the children's are measured into scratch nodes
     * and kept only for the part that is used. */
    rz_scored_node ind_part = {0}, child_part = {0};
    size_t miss_ind = 0, miss_child = 0;
    double ind_score = 0, child_score = 0;
    int has_ind =
        indicator_mean(e, &ind_part, node->indicators, node->n_indicators, &ind_score, &miss_ind);
    int has_child =
        node_mean(e, &child_part, node->children, node->n_children, &child_score, &miss_child);
    if (o->kind == RZ_OBJ_STRATEGIC) {
        node->has_indicator_score = has_ind;
        node->indicator_score = ind_score;
    }
    const rz_rules *ru = &e->p->rules;
    int use_ind = 0, use_child = 0;
    if (o->kind == RZ_OBJ_OPERATIONAL) {
        use_ind = 1;
    } else if (o->kind == RZ_OBJ_AREA) {
        use_child = 1;
    } else if (ru->os_rule == RZ_OS_FROM_INDICATORS) {
        use_ind = 1;
    } else if (ru->os_rule == RZ_OS_FROM_OPERATIONAL) {
        use_child = 1;
    } else {
        /* Both parts; when one has no score at all the other stands alone,
         * and the document says which part is missing. */
        use_ind = has_ind || !has_child;
        use_child = has_child || !has_ind;
        if ((has_ind && !has_child && node->n_children) ||
            (!has_ind && has_child && node->n_indicators)) {
            const char *gone = has_ind ? "la parte degli obiettivi operativi"
                                       : "la parte degli indicatori strategici";
            exclude(a, &node->excluded, gone, NULL, "nessun punteggio: mancano i dati", 0);
            rz_diag_add(e->d, RZ_WARNING, o->loc.file, o->loc.line, "score-partial",
                        "il punteggio dell'obiettivo %s è calcolato senza %s, che non ha dati",
                        o->code, gone);
        }
    }
    if (use_ind && use_child && has_ind && has_child) {
        double wi = ru->has_os_indicator_weight ? ru->os_indicator_weight : 50.0;
        node->has_computed = 1;
        node->computed = (ind_score * wi + child_score * (100.0 - wi)) / 100.0;
    } else if (use_ind && has_ind) {
        node->has_computed = 1;
        node->computed = ind_score;
    } else if (use_child && has_child) {
        node->has_computed = 1;
        node->computed = child_score;
    }
    node->n_missing = (use_ind ? miss_ind : 0) + (use_child ? miss_child : 0);
    const rz_exclusions *parts[2] = {use_ind ? &ind_part.excluded : NULL,
                                     use_child ? &child_part.excluded : NULL};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; parts[k] && i < parts[k]->count; i++) {
            const rz_exclusion *x = &parts[k]->items[i];
            exclude(a, &node->excluded, x->what, x->code, x->reason, x->as_zero);
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
    node->contribution = node->has_score ? node_value(node) * node->weight_entity / 100.0 : 0;
    node->weighted_in_parent = node->has_score ? node_value(node) * node->weight / 100.0 : 0;
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

/* Appends an indicator to a unit's sheet, once. */
typedef struct {
    size_t cap, mcap;
    double sum;
    size_t n;
    const rz_scored_indicator *last;
} sheet_acc;

static void sheet_add(engine *e, rz_scored_unit *su, sheet_acc *acc, rz_scored_indicator *si,
                      const rz_measurement *m)
{
    rz_scored *s = e->s;
    if (acc->last == si)
        return;
    acc->last = si;
    m = adjusted_measurement(&s->arena, si, m);
    size_t nm = su->n_indicators;
    rz_scored_indicator **slot =
        RZ_ARENA_PUSH(&s->arena, su->indicators, su->n_indicators, acc->cap);
    const rz_measurement **mslot = RZ_ARENA_PUSH(&s->arena, su->measurements, nm, acc->mcap);
    if (!slot || !mslot)
        return;
    *slot = si;
    *mslot = m;
    if (m->has_score) {
        acc->sum += m->score;
        acc->n++;
    } else {
        int zero = rz_indicator_rules(e->p, si->indicator)->missing_as_zero;
        su->n_missing++;
        exclude(&s->arena, &su->excluded, level_what[RZ_NODE_INDICATOR], si->indicator->code,
                m->missing, zero);
        if (zero)
            acc->n++;
    }
}

/* A unit's sheet lists the indicators it measures (rilevato-da), those it
 * has data for, and those it owns, in plan order; its score is the mean of
 * its own figures. An indicator with data per unit scores for each unit
 * only with that unit's data: a unit listed as measuring it that sent none
 * gets a missing figure, never the body's total; the owner (responsabile)
 * answers for the whole indicator and shows the body's figure. An
 * indicator with only the body's data is the figure of the units listed
 * for it. One pass over the indicators, units found by code. */
static void score_units(engine *e)
{
    rz_scored *s = e->s;
    s->n_units = e->p->n_units;
    s->units = rz_arena_alloc(&s->arena, (s->n_units ? s->n_units : 1) * sizeof *s->units);
    sheet_acc *acc = calloc(s->n_units ? s->n_units : 1, sizeof *acc);
    if (!s->units || !acc) {
        free(acc);
        s->n_units = 0;
        s->arena.failed = 1;
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
                sheet_add(e, &s->units[u], &acc[u], si, &si->units[k].m);
            }
        }
        /* A unit listed as measuring it without data of its own, while
         * other units sent theirs, has no figure; the owner answers for
         * the indicator as a whole and shows the body's figure. */
        const rz_measurement *none = NULL;
        if (si->n_units) {
            rz_measurement *m = rz_arena_alloc(&s->arena, sizeof *m);
            if (!m)
                continue;
            m->missing = "l'unità non ha inviato dati propri";
            none = m;
        }
        for (size_t k = 0; k <= ind->measured_by.count; k++) {
            int owner = k == ind->measured_by.count;
            const char *code = owner ? ind->owner : ind->measured_by.items[k];
            const rz_unit *unit = code ? rz_plan_unit(e->p, code) : NULL;
            if (!unit)
                continue;
            size_t u = (size_t)(unit - e->p->units);
            if (acc[u].last != si)
                sheet_add(e, &s->units[u], &acc[u], si, none && !owner ? none : &si->total);
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
        if (su->n_missing && su->has_score)
            rz_diag_add(e->d, RZ_WARNING, su->unit->loc.file, su->unit->loc.line, "score-partial",
                        "il punteggio dell'unità %s è calcolato escludendo %zu %s senza dati",
                        su->unit->code, su->n_missing,
                        su->n_missing == 1 ? "indicatore" : "indicatori");
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
            size_t n = 0, unscored = 0;
            for (size_t k = 0; k < s->n_units; k++) {
                const rz_unit *c = s->units[k].unit;
                if (!c->parent || strcmp(c->parent, su->unit->code) != 0)
                    continue;
                if (s->units[k].has_score) {
                    sum += s->units[k].score;
                    n++;
                } else if (s->units[k].n_indicators) {
                    unscored++;
                }
            }
            if (n) {
                su->has_score = 1;
                su->from_children = 1;
                su->computed = su->score = sum / (double)n;
                su->outcome = rz_score_outcome(&e->p->rules, 1, su->score);
                changed = 1;
                for (size_t k = 0; unscored && k < s->n_units; k++) {
                    const rz_unit *c = s->units[k].unit;
                    if (c->parent && strcmp(c->parent, su->unit->code) == 0 &&
                        !s->units[k].has_score && s->units[k].n_indicators)
                        exclude(&s->arena, &su->excluded, level_what[RZ_NODE_UNIT], c->code,
                                "nessun punteggio: mancano i dati dei suoi indicatori", 0);
                }
                if (unscored)
                    rz_diag_add(e->d, RZ_WARNING, su->unit->loc.file, su->unit->loc.line,
                                "score-partial",
                                "il punteggio dell'unità %s è la media delle unità figlie ed "
                                "esclude %zu unità senza punteggio",
                                su->unit->code, unscored);
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
        rz_scored_node **slot = RZ_ARENA_PUSH(a, sp->objectives, sp->n_objectives, *cap);
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
        for (size_t k = 0; k < sp->n_objectives; k++) {
            const rz_scored_node *o = sp->objectives[k];
            if (o->has_score) {
                sum += o->score;
                n++;
            } else {
                exclude(&s->arena, &sp->excluded, level_what[o->level], o->objective->code,
                        "nessun punteggio: mancano i dati dei suoi indicatori", 0);
            }
        }
        sp->n_scored = n;
        sp->has_score = n > 0;
        sp->score = n ? sum / (double)n : 0;
        if (n && n < sp->n_objectives)
            rz_diag_add(e->d, RZ_WARNING, e->p->file, 0, "score-partial",
                        "il punteggio della prospettiva %s è la media di %zu obiettivi su %zu: "
                        "gli altri non hanno punteggio",
                        sp->perspective->code, n, sp->n_objectives);
    }
}

/* The score an individual objective takes from what it is linked to: an
 * organisational objective, a unit's figure of an indicator, or the
 * indicator's figure for the whole body (rettifiche applied). */
static void score_individual_objective(engine *e, const rz_individual_objective *io,
                                       rz_scored_individual_objective *so)
{
    rz_arena *a = &e->s->arena;
    so->objective = io;
    if (io->objective) {
        static const rz_node_level levels[] = {RZ_NODE_AREA, RZ_NODE_STRATEGIC,
                                               RZ_NODE_OPERATIONAL};
        so->node = rz_scored_find_node(e->s, levels[io->objective->kind], io->objective->code);
        so->has_score = so->node && so->node->has_score;
        so->score = so->has_score ? so->node->score : 0;
        return;
    }
    if (io->indicator && !io->indicator->removed)
        so->indicator = score_indicator(e, io->indicator);
    if (!so->indicator)
        return;
    const rz_measurement *m = io->unit ? unit_measurement(so->indicator, io->unit) : NULL;
    if (io->unit && !m && so->indicator->n_units) {
        /* Other units sent data of their own and this one did not: the
         * body's figure is not this unit's. */
        rz_measurement *none = rz_arena_alloc(a, sizeof *none);
        if (none)
            none->missing = "l'unità non ha inviato dati propri";
        so->m = none;
        return;
    }
    if (m) {
        m = adjusted_measurement(a, so->indicator, m);
        so->m = m;
        so->has_score = m->has_score;
        so->score = m->score;
        return;
    }
    so->m = adjusted_measurement(a, so->indicator, &so->indicator->total);
    so->has_score = scored_has(so->indicator);
    so->score = so->has_score ? so->indicator->effective : 0;
}

static void score_individuals(engine *e)
{
    rz_scored *s = e->s;
    rz_arena *a = &s->arena;
    const rz_rules *ru = &e->p->rules;
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
        weight_room wr;
        if (!weight_room_alloc(a, ev->n_objectives, &wr))
            continue;
        int *has = wr.has;
        double *w = wr.w, *nw = wr.nw;
        for (size_t j = 0; j < ev->n_objectives; j++) {
            has[j] = ev->objectives[j].has_weight;
            w[j] = ev->objectives[j].weight;
        }
        normalise_weights(has, w, ev->n_objectives, nw);
        double sum = 0, wsum = 0;
        for (size_t j = 0; j < ev->n_objectives; j++) {
            const rz_individual_objective *io = &ev->objectives[j];
            rz_scored_individual_objective *so = &se->objectives[j];
            so->weight = nw[j];
            score_individual_objective(e, io, so);
            so->gated = gate_applies(ru, RZ_GATE_INDIVIDUAL, so->has_score, so->score);
            so->outcome = rz_score_outcome(ru, so->has_score, so->score);
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
            const char *code = io->code        ? io->code
                               : so->node      ? so->node->objective->code
                               : so->indicator ? so->indicator->indicator->code
                                               : NULL;
            if (so->has_score) {
                if (so->gated)
                    exclude(a, &se->excluded, level_what[RZ_NODE_INDIVIDUAL], code,
                            "punteggio sotto la soglia minima degli obiettivi individuali", 1);
                sum += (so->gated ? 0.0 : so->score) * nw[j];
                wsum += nw[j];
            } else {
                exclude(a, &se->excluded, level_what[RZ_NODE_INDIVIDUAL], code,
                        so->m && so->m->missing ? so->m->missing : "nessun punteggio",
                        ru->missing_as_zero);
                if (ru->missing_as_zero)
                    wsum += nw[j];
            }
        }
        se->has_computed = se->has_score = wsum > EPS;
        se->computed = se->score = se->has_score ? sum / wsum : 0;
        se->rettifica = find_rettifica(e, RZ_NODE_INDIVIDUAL, ev->code, NULL, NULL);
        if (se->rettifica) {
            se->has_adjusted = se->has_score = 1;
            se->score = se->rettifica->score;
        }
        if (se->has_computed && se->missing)
            rz_diag_add(e->d, RZ_WARNING, ev->loc.file, ev->loc.line, "score-partial",
                        "il punteggio del valutato %s %s %zu %s senza punteggio", ev->code,
                        ru->missing_as_zero ? "conta come 0" : "esclude", se->missing,
                        se->missing == 1 ? "obiettivo" : "obiettivi");
    }
}

rz_status rz_score(const rz_plan *plan, const rz_monitoring *monitoring, rz_scored **out,
                   rz_diags *d)
{
    rz_score_options opt = {0};
    return rz_score_with(plan, monitoring, &opt, out, d);
}

/* The stage's allocation check: scores computed with memory missing are
 * not scores, so the caller gets none. */
static rz_status out_of_memory_in(rz_scored *s, rz_diags *d)
{
    rz_diag_out_of_memory(d, s->plan->file, "nel calcolo dei punteggi");
    rz_scored_free(s);
    return RZ_IO;
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
    if (!entity)
        return out_of_memory_in(s, d);
    entity->level = RZ_NODE_ENTE;
    entity->weight = 100.0;
    size_t cap = 0;
    for (size_t i = 0; i < plan->n_areas; i++) {
        if (plan->areas[i]->removed)
            continue;
        rz_scored_node *area = score_objective(&e, plan->areas[i]);
        rz_scored_node **slot =
            area ? RZ_ARENA_PUSH(&s->arena, entity->children, entity->n_children, cap) : NULL;
        if (slot)
            *slot = area;
    }
    set_child_weights(&s->arena, entity);
    entity->has_computed = node_mean(&e, entity, entity->children, entity->n_children,
                                     &entity->computed, &entity->n_missing);
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
    if (s->arena.failed)
        return out_of_memory_in(s, d);
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
