/*
 * check.c — the validation evidence and the consistency checker: the
 * whole tree.
 *
 * The principle: every figure a document printed (recorded in the monitoring
 * data as <dichiarato> or <punteggio>) is read back with its printed
 * precision and compared with what the engine computes from the raw data
 * with the plan's rules. A difference larger than half a unit of the last
 * printed digit is a finding that names both values and where each was
 * printed. Scores printed for objectives and the entity are also compared
 * with the figure obtained by applying the rettifiche that were only
 * declared, so that a printed "100,0%" that rests on an argument rather than
 * on a decision is identified as such, not merely as wrong.
 *
 * Three files: this one holds what the checks share (reading a printed
 * figure back, where it was printed, a finding of known class), the checks
 * on the tree (A and H coverage, B and D: the printed scores and weights of
 * objectives, areas, units and the entity, the special objectives) and
 * rz_check, which runs them all; check_indicators.c the checks on each
 * indicator's printed figures (E, A, F, G and plausibility); verdict.c what
 * the findings weigh and the verdict they propose.
 */
#include "check.h"
#include "check_shared.h"
#include "buf.h"
#include "format.h"

#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Does computed, printed with the printed figure's decimals, read as it? */
int rz_check_matches(double computed, const rz_printed *p)
{
    double half = 0.5 * pow(10.0, -p->decimals);
    return fabs(computed - p->value) < half + 1e-9 * (1 + fabs(computed));
}

/* Where a figure was printed: "3.0 Albero della performance, p. 42". */
void rz_check_where(char *buf, size_t n, const char *dove, long page)
{
    if (page > 0)
        snprintf(buf, n, "%s, p. %ld", dove ? dove : "?", page);
    else
        snprintf(buf, n, "%s", dove ? dove : "?");
}

/* What a finding adds when it rests on a rule the document does not state
 * but the encoding inferred from the printed figures ("" otherwise). */
const char *rz_check_inference_note(const rz_rules *ru, rz_inferred_rule rule)
{
    if (!(ru->inferred & rule))
        return "";
    switch (rule) {
    case RZ_INFERRED_THRESHOLD:
        return " (la soglia di pieno punteggio non è enunciata dal documento: è dedotta dalle "
               "cifre stampate)";
    case RZ_INFERRED_ROUNDING:
        return " (l'arrotondamento del risultato non è enunciato dal documento: è dedotto dalle "
               "cifre stampate)";
    case RZ_INFERRED_RETTIFICA_STATUS:
        return " (il documento non dice quali rettifiche siano approvate e quali solo "
               "dichiarate: la distinzione è dedotta dal testo)";
    }
    return "";
}

/* Appends a finding whose class the check knows. */
void rz_check_finding(rz_diags *d, rz_severity sev, rz_materiality mat, const char *file, long line,
                      const char *check, const char *message)
{
    size_t before = d->count;
    rz_diag_add(d, sev, file, line, check, "%s", message);
    if (d->count > before)
        d->items[d->count - 1].materiality = (int)mat;
}

/* ------------------------------------------------------------------ */
/* A, H: coverage and revisions                                        */
/* ------------------------------------------------------------------ */

static void check_coverage(const rz_scored *s, rz_diags *d)
{
    const rz_plan *p = s->plan;
    if (!s->monitoring)
        return;
    for (size_t i = 0; i < p->n_indicators; i++) {
        const rz_indicator *ind = p->indicators[i];
        if (!ind->removed)
            continue;
        const rz_observation *o = rz_monitoring_observation(s->monitoring, ind->code);
        if (o)
            rz_diag_add(d, RZ_WARNING, o->loc.file, o->loc.line, "H-removed",
                        "indicatore %s: ha dati di monitoraggio ma è stato eliminato dal Piano "
                        "con una revisione; non è valutato",
                        ind->code);
    }
}

/* ------------------------------------------------------------------ */
/* B, D: printed scores and special objectives                         */
/* ------------------------------------------------------------------ */

static int node_score(const rz_scored *s, rz_node_level level, const char *code, double *out)
{
    if (level == RZ_NODE_UNIT) {
        for (size_t i = 0; i < s->n_units; i++)
            if (code && strcmp(s->units[i].unit->code, code) == 0 && s->units[i].has_score) {
                *out = s->units[i].score;
                return 1;
            }
        return 0;
    }
    if (level == RZ_NODE_INDICATOR) {
        const rz_scored_indicator *si = rz_scored_find_indicator(s, code);
        if (!si || !(si->total.has_score || si->has_adjusted))
            return 0;
        *out = si->effective;
        return 1;
    }
    if (level == RZ_NODE_INDIVIDUAL) {
        for (size_t i = 0; i < s->n_evaluated; i++)
            if (code && strcmp(s->evaluated[i].evaluated->code, code) == 0 &&
                s->evaluated[i].has_score) {
                *out = s->evaluated[i].score;
                return 1;
            }
        return 0;
    }
    const rz_scored_node *n = rz_scored_find_node(s, level, code);
    if (!n || !n->has_score)
        return 0;
    *out = n->score;
    return 1;
}

static int same_declared_score(const rz_declared_score *a, const rz_declared_score *b)
{
    return a->level == b->level && !strcmp(a->value, b->value) &&
           ((!a->code && !b->code) || (a->code && b->code && !strcmp(a->code, b->code)));
}

static void check_declared_scores(const rz_scored *s, const rz_scored *alt, rz_diags *d)
{
    const rz_monitoring *m = s->monitoring;
    for (size_t i = 0; i < m->n_declared_scores; i++) {
        const rz_declared_score *ds = &m->declared_scores[i];
        /* One finding per node and printed value, listing every place. */
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = same_declared_score(&m->declared_scores[j], ds);
        if (seen)
            continue;
        char at[1024], comp[64], name[160];
        rz_buf places;
        rz_buf_init(&places);
        for (size_t j = i; j < m->n_declared_scores; j++)
            if (j == i || same_declared_score(&m->declared_scores[j], ds)) {
                rz_check_where(at, sizeof at, m->declared_scores[j].where,
                               m->declared_scores[j].page);
                rz_buf_printf(&places, "%s%s", places.len ? "; " : "", at);
            }
        snprintf(at, sizeof at, "%s", rz_buf_str(&places));
        rz_buf_free(&places);
        if (ds->level == RZ_NODE_ENTE)
            snprintf(name, sizeof name, "ente");
        else
            snprintf(name, sizeof name, "%s %s", rz_node_level_noun(ds->level), ds->code);
        rz_printed p;
        if (!rz_parse_printed(ds->value, &p) || p.is_date) {
            rz_diag_add(d, RZ_WARNING, ds->loc.file, ds->loc.line, "plaus-unreadable",
                        "%s (%s): il punteggio stampato «%s» non è leggibile", name, at, ds->value);
            continue;
        }
        double v;
        if (!node_score(s, ds->level, ds->code, &v)) {
            rz_diag_add(d, RZ_ERROR, ds->loc.file, ds->loc.line, "B-declared",
                        "%s (%s): è stampato %s ma i dati non permettono di calcolarlo", name, at,
                        ds->value);
            continue;
        }
        if (rz_check_matches(v, &p))
            continue;
        rz_fmt_number(comp, sizeof comp, v, p.decimals);
        double va;
        if (alt && node_score(alt, ds->level, ds->code, &va) && rz_check_matches(va, &p)) {
            rz_diag_add(d, RZ_WARNING, ds->loc.file, ds->loc.line, "B-declared",
                        "%s (%s): è stampato %s, valore che si ottiene solo applicando rettifiche "
                        "dichiarate ma non approvate; con le regole e le rettifiche approvate il "
                        "punteggio è %s%%%s",
                        name, at, ds->value, comp,
                        rz_check_inference_note(&s->plan->rules, RZ_INFERRED_RETTIFICA_STATUS));
            continue;
        }
        rz_diag_add(d, RZ_ERROR, ds->loc.file, ds->loc.line, "B-declared",
                    "%s (%s): punteggio stampato %s, calcolato dai dati %s%%", name, at, ds->value,
                    comp);
    }
}

/* The weights printed beside a node's score («peso», «peso sull'ente»)
 * against those the Piano's weights give (normalised as the scores use
 * them). A wrong weight changes what the printed scores rest on: grave,
 * point A (coherence with the Piano). One finding per node and printed
 * pair, listing every place. */
static int same_declared_weights(const rz_declared_score *a, const rz_declared_score *b)
{
    return a->level == b->level &&
           ((!a->code && !b->code) || (a->code && b->code && !strcmp(a->code, b->code))) &&
           !strcmp(a->weight ? a->weight : "", b->weight ? b->weight : "") &&
           !strcmp(a->weight_entity ? a->weight_entity : "",
                   b->weight_entity ? b->weight_entity : "") &&
           !strcmp(a->contribution ? a->contribution : "", b->contribution ? b->contribution : "");
}

static void weight_problem(rz_buf *msg, const char *what, const char *printed, double plan,
                           const char *source)
{
    rz_printed p;
    if (!printed || !rz_parse_printed(printed, &p) || p.is_date || rz_check_matches(plan, &p))
        return;
    char w[32];
    rz_fmt_number(w, sizeof w, plan, p.decimals);
    rz_buf_printf(msg, "%s%s stampato %s, %s danno %s%%", msg->len ? "; " : "", what, printed,
                  source, w);
}

static void check_declared_weights(const rz_scored *s, rz_diags *d)
{
    const rz_monitoring *m = s->monitoring;
    for (size_t i = 0; i < m->n_declared_scores; i++) {
        const rz_declared_score *ds = &m->declared_scores[i];
        if ((!ds->weight && !ds->weight_entity && !ds->contribution) || !ds->code)
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = same_declared_weights(&m->declared_scores[j], ds);
        if (seen)
            continue;
        double w, we = 0, contribution = 0;
        int has_we = 0, has_contribution = 0;
        if (ds->level == RZ_NODE_AREA || ds->level == RZ_NODE_STRATEGIC ||
            ds->level == RZ_NODE_OPERATIONAL) {
            const rz_scored_node *n = rz_scored_find_node(s, ds->level, ds->code);
            if (!n)
                continue;
            w = n->weight;
            we = n->weight_entity;
            has_we = 1;
            has_contribution = ds->contribution && n->has_score;
            contribution = n->contribution;
        } else if (ds->level == RZ_NODE_INDICATOR) {
            const rz_scored_indicator *si = rz_scored_find_indicator(s, ds->code);
            if (!si)
                continue;
            w = si->weight;
        } else {
            continue;
        }
        rz_buf msg;
        rz_buf_init(&msg);
        weight_problem(&msg, "peso", ds->weight, w, "i pesi del Piano");
        if (has_we)
            weight_problem(&msg, "peso sull'ente", ds->weight_entity, we, "i pesi del Piano");
        int weights_wrong = msg.len > 0;
        if (has_contribution)
            weight_problem(&msg, "contributo al punteggio dell'ente", ds->contribution,
                           contribution, "il punteggio calcolato e i pesi del Piano");
        if (msg.len) {
            rz_buf places;
            rz_buf_init(&places);
            char at[256];
            for (size_t j = i; j < m->n_declared_scores; j++)
                if (j == i || same_declared_weights(&m->declared_scores[j], ds)) {
                    rz_check_where(at, sizeof at, m->declared_scores[j].where,
                                   m->declared_scores[j].page);
                    rz_buf_printf(&places, "%s%s", places.len ? "; " : "", at);
                }
            rz_buf text;
            rz_buf_init(&text);
            rz_buf_printf(&text, "%s %s (%s): %s", rz_node_level_noun(ds->level), ds->code,
                          rz_buf_str(&places), rz_buf_str(&msg));
            /* A wrong weight is grave; a contribution printed wrong beside
             * right weights and score is a printed figure. */
            rz_check_finding(d, RZ_ERROR,
                             weights_wrong ? RZ_MATERIALITY_GRAVE : RZ_MATERIALITY_OBSERVATION,
                             ds->loc.file, ds->loc.line,
                             weights_wrong ? "A-weight" : "B-contribution", rz_buf_str(&text));
            rz_buf_free(&text);
            rz_buf_free(&places);
        }
        rz_buf_free(&msg);
    }
}

static void count_flagged(const rz_scored_node *n, size_t *flagged, size_t *unscored, rz_diags *d)
{
    const rz_objective *o = n->objective;
    if (o && (o->transparency || o->anticorruption)) {
        (*flagged)++;
        if (!n->has_score) {
            (*unscored)++;
            rz_diag_add(d, RZ_ERROR, o->loc.file, o->loc.line, "D-unscored",
                        "l'obiettivo %s (trasparenza/anticorruzione) non ha un punteggio", o->code);
        }
    }
    for (size_t i = 0; i < n->n_indicators; i++) {
        const rz_scored_indicator *si = n->indicators[i];
        if (!si->indicator->transparency && !si->indicator->anticorruption)
            continue;
        (*flagged)++;
        if (!(si->total.has_score || si->has_adjusted)) {
            (*unscored)++;
            rz_diag_add(d, RZ_ERROR, si->indicator->loc.file, si->indicator->loc.line, "D-unscored",
                        "l'indicatore %s (trasparenza/anticorruzione) non ha un punteggio",
                        si->indicator->code);
        }
    }
    for (size_t i = 0; i < n->n_children; i++)
        count_flagged(n->children[i], flagged, unscored, d);
}

static void check_transparency(const rz_scored *s, rz_diags *d)
{
    size_t flagged = 0, unscored = 0;
    count_flagged(s->entity, &flagged, &unscored, d);
    if (flagged == 0)
        rz_diag_add(d, RZ_WARNING, s->plan->file, 0, "D-missing",
                    "nessun obiettivo o indicatore del Piano è collegato a trasparenza o "
                    "prevenzione della corruzione");
    else
        rz_diag_add(d, RZ_NOTE, s->plan->file, 0, "D-present",
                    "%zu obiettivi o indicatori collegati a trasparenza e anticorruzione, %zu "
                    "valutati",
                    flagged, flagged - unscored);
}

rz_status rz_check(const rz_scored *s, rz_diags *d)
{
    rz_status st = RZ_OK;
    rz_check_indicators(s, d);
    check_coverage(s, d);
    check_transparency(s, d);
    if (s->monitoring) {
        rz_scored *alt = NULL;
        rz_diags quiet;
        rz_diags_init(&quiet);
        rz_score_options opt = {1};
        st = rz_score_with(s->plan, s->monitoring, &opt, &alt, &quiet);
        check_declared_scores(s, alt, d);
        check_declared_weights(s, d);
        rz_scored_free(alt);
        rz_diags_free(&quiet);
    }
    return st;
}
