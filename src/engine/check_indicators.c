/*
 * check_indicators.c — the checks on each indicator's printed figures.
 *
 * For every scored indicator, each figure a document printed (result,
 * achievement, normalised score, target, weight, the units' figures) is
 * read back with its printed precision and compared with the engine's
 * (points E and A), with the problems of one indicator gathered into one
 * finding per kind; the plausibility checks look for the marks of a
 * hand-assembled report (spreadsheet serial dates, one figure printed with
 * different values, algorithm text that contradicts the target, a 100%
 * typed as counts, a body's figure outside its units' range); F and G
 * (data sources, reasons for a shortfall) are counted on the way. The
 * principle and the rest of the checker: check.c.
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

/* Two computed figures that are the same (up to floating-point noise). */
static int matches_exactly(double a, double b)
{
    return fabs(a - b) < 1e-9 * (1 + fabs(a));
}

/* ------------------------------------------------------------------ */
/* E, A and plausibility on printed indicator figures                  */
/* ------------------------------------------------------------------ */

static const rz_measurement *measurement_for(const rz_scored_indicator *si, const char *unit)
{
    if (!unit)
        return &si->total;
    for (size_t i = 0; i < si->n_units; i++)
        if (strcmp(si->units[i].unit, unit) == 0)
            return &si->units[i].m;
    return NULL;
}

/* The problems found in one indicator's printed figures. The same problem
 * printed in several places (the albero, table 3.2, a unit sheet…) is one
 * finding that lists every place; the problems of the printed results and
 * scores of one indicator are one finding, its printed targets another. */
typedef struct {
    const char *check;
    rz_severity sev;
    rz_materiality mat;
    char text[480]; /* the problem, without where it is printed */
    rz_buf places;
    const rz_declared *first;
} problem;

#define MAX_PROBLEMS 24
#define MAX_FLAGGED 128

typedef struct {
    problem items[MAX_PROBLEMS];
    size_t n;
    const rz_declared *flagged[MAX_FLAGGED]; /* printed figures with a problem */
    size_t n_flagged;
} problems;

static void problems_free(problems *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        rz_buf_free(&ps->items[i].places);
    ps->n = 0;
}

static int is_flagged(const problems *ps, const rz_declared *dc)
{
    for (size_t i = 0; i < ps->n_flagged; i++)
        if (ps->flagged[i] == dc)
            return 1;
    return 0;
}

/* Records a problem of the figure dc printed (dc NULL: a problem that names
 * its places in its text). */
static void problem_add(problems *ps, const rz_declared *dc, const char *check, rz_severity sev,
                        rz_materiality mat, const char *fmt, ...) RZ_PRINTF(6, 7);
static void problem_add(problems *ps, const rz_declared *dc, const char *check, rz_severity sev,
                        rz_materiality mat, const char *fmt, ...)
{
    char text[sizeof ps->items[0].text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (dc && !is_flagged(ps, dc) && ps->n_flagged < MAX_FLAGGED)
        ps->flagged[ps->n_flagged++] = dc;
    problem *pb = NULL;
    for (size_t i = 0; i < ps->n && !pb; i++)
        if (!strcmp(ps->items[i].check, check) && !strcmp(ps->items[i].text, text))
            pb = &ps->items[i];
    if (!pb) {
        if (ps->n == MAX_PROBLEMS)
            return;
        pb = &ps->items[ps->n++];
        pb->check = check;
        pb->sev = sev;
        pb->mat = mat;
        snprintf(pb->text, sizeof pb->text, "%s", text);
        rz_buf_init(&pb->places);
        pb->first = dc;
    }
    if (dc) {
        char at[256];
        rz_check_where(at, sizeof at, dc->where, dc->page);
        if (!strstr(rz_buf_str(&pb->places), at))
            rz_buf_printf(&pb->places, "%s%s", pb->places.len ? "; " : "", at);
    }
}

/* One finding for the problems of ps whose check is (or is not, when
 * targets is 0) "A-target". */
static void problems_emit(const problems *ps, const rz_scored_indicator *si, int targets,
                          rz_diags *d)
{
    const problem *lead = NULL;
    rz_severity sev = RZ_NOTE;
    rz_materiality mat = RZ_MATERIALITY_NONE;
    rz_buf msg;
    rz_buf_init(&msg);
    rz_buf_printf(&msg, "indicatore %s: ", si->indicator->code);
    size_t n = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const problem *pb = &ps->items[i];
        if ((strcmp(pb->check, "A-target") == 0) != targets)
            continue;
        rz_buf_printf(&msg, "%s%s", n++ ? "; " : "", pb->text);
        /* Problems printed in the same places name them once, after the
         * last of them. */
        const problem *next = NULL;
        for (size_t j = i + 1; j < ps->n && !next; j++)
            if ((strcmp(ps->items[j].check, "A-target") == 0) == targets)
                next = &ps->items[j];
        if (pb->places.len && !(next && next->places.len == pb->places.len &&
                                !memcmp(next->places.data, pb->places.data, pb->places.len)))
            rz_buf_printf(&msg, " (%s)", pb->places.data);
        if (pb->sev > sev)
            sev = pb->sev;
        /* The finding is filed under the gravest problem, a point's check
         * (E-…) before a plausibility one. */
        int point = pb->check[1] == '-';
        if (!lead || pb->mat > mat || (pb->mat == mat && point && lead->check[1] != '-'))
            lead = pb;
        if (pb->mat > mat)
            mat = pb->mat;
    }
    if (lead) {
        const rz_loc *loc = lead->first ? &lead->first->loc : &si->observation->loc;
        rz_check_finding(d, sev, mat, loc->file, loc->line, lead->check, rz_buf_str(&msg));
    }
    rz_buf_free(&msg);
}

/* "unità S1: " before the figures of one unit's sheet. */
static const char *unit_prefix(char *buf, size_t n, const rz_declared *dc)
{
    if (dc->unit)
        snprintf(buf, n, "unità %s: ", dc->unit);
    else
        buf[0] = '\0';
    return buf;
}

static void check_declared_result(const rz_scored *s, const rz_scored_indicator *si,
                                  const rz_declared *dc, const rz_measurement *m, problems *ps)
{
    const rz_indicator *ind = si->indicator;
    char comp[64], u[48];
    unit_prefix(u, sizeof u, dc);
    rz_printed p;
    if (!rz_parse_printed(dc->result, &p)) {
        problem_add(ps, dc, "plaus-unreadable", RZ_WARNING, RZ_MATERIALITY_OBSERVATION,
                    "%sil risultato stampato «%s» non è una cifra leggibile", u, dc->result);
        return;
    }
    if (!m->has_result) {
        problem_add(ps, dc, "E-result", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                    "%sè stampato il risultato %s ma i dati non permettono di calcolarlo (%s)", u,
                    dc->result, m->missing ? m->missing : "dato mancante");
        return;
    }
    if (m->result_is_date) {
        if (p.is_date) {
            if (p.date != m->result_date) {
                rz_fmt_day(comp, sizeof comp, m->result_date);
                problem_add(ps, dc, "E-result", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                            "%sdata stampata %s, i dati danno %s", u, dc->result, comp);
            }
            return;
        }
        /* A number where a date belongs: a spreadsheet serial? */
        if (p.value >= 20000 && p.value < 80000 && fabs(p.value - floor(p.value)) < 1e-9) {
            rz_date as_date = rz_date_from_serial((long)p.value);
            char conv[32];
            rz_fmt_day(conv, sizeof conv, as_date);
            rz_fmt_day(comp, sizeof comp, m->result_date);
            int same = as_date == m->result_date;
            problem_add(ps, dc, "plaus-serial-date", same ? RZ_WARNING : RZ_ERROR,
                        same ? RZ_MATERIALITY_COSMETIC : RZ_MATERIALITY_OBSERVATION,
                        "%sil risultato è stampato come «%s», il numero seriale di un foglio di "
                        "calcolo per la data %s; i dati danno %s: stampare la data",
                        u, dc->result, conv, comp);
            return;
        }
        rz_fmt_day(comp, sizeof comp, m->result_date);
        problem_add(ps, dc, "E-result", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                    "%sstampato %s dove i dati danno la data %s", u, dc->result, comp);
        return;
    }
    if (p.is_date) {
        problem_add(ps, dc, "E-result", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                    "%sstampata una data (%s) dove il risultato è un numero", u, dc->result);
        return;
    }
    const rz_rules *ru = rz_indicator_rules(s->plan, ind);
    if (!rz_check_matches(m->result, &p) && ru->result_decimals >= 0 &&
        p.decimals > ru->result_decimals &&
        fabs(rz_round_dec(p.value, ru->result_decimals) - m->result) < 1e-9) {
        rz_fmt_result(comp, sizeof comp, m, si->target, ru->result_decimals);
        problem_add(ps, dc, "plaus-precision", RZ_WARNING, RZ_MATERIALITY_COSMETIC,
                    "%srisultato stampato %s senza l'arrotondamento a %d decimali previsto dalle "
                    "regole (%s)%s",
                    u, dc->result, ru->result_decimals, comp,
                    rz_check_inference_note(ru, RZ_INFERRED_ROUNDING));
    } else if (!rz_check_matches(m->result, &p)) {
        rz_fmt_result(comp, sizeof comp, m, si->target, p.decimals);
        char detail[96] = "";
        if (ind->measure == RZ_MEASURE_RATIO) {
            char a[32], b[32];
            rz_fmt_number(a, sizeof a, m->num, m->num == floor(m->num) ? 0 : 2);
            rz_fmt_number(b, sizeof b, m->den, m->den == floor(m->den) ? 0 : 2);
            snprintf(detail, sizeof detail, " (%s / %s)", a, b);
        }
        problem_add(ps, dc, "E-result", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                    "%srisultato stampato %s, i dati danno %s%s", u, dc->result, comp, detail);
    }
    if (si->target && si->target->kind == RZ_TGT_PERCENT && ind->measure == RZ_MEASURE_RATIO &&
        p.value > 100 + 1e-9)
        problem_add(ps, dc, "plaus-cap", RZ_WARNING, RZ_MATERIALITY_OBSERVATION,
                    "%sla percentuale stampata %s supera il 100%% per un rapporto tra parte e "
                    "totale",
                    u, dc->result);
}

/* normalised: for a printed achievement, the normalised score the data
 * give (NULL for a printed normalised score, always grave when wrong);
 * cap: the most the printed figure may be (0: no limit). */
static void check_declared_percent(const rz_rules *ru, const char *what, const char *check,
                                   const char *printed, int has, double computed,
                                   const double *normalised, double cap, const rz_declared *dc,
                                   problems *ps)
{
    char comp[64], u[48];
    unit_prefix(u, sizeof u, dc);
    rz_printed p;
    if (!rz_parse_printed(printed, &p) || p.is_date) {
        problem_add(ps, dc, "plaus-unreadable", RZ_WARNING, RZ_MATERIALITY_OBSERVATION,
                    "%sla %s stampata «%s» non è una percentuale leggibile", u, what, printed);
        return;
    }
    if (cap > 0 && p.value > cap + 1e-9)
        problem_add(ps, dc, "plaus-cap", RZ_WARNING, RZ_MATERIALITY_OBSERVATION,
                    "%sla %s stampata %s supera il massimo del %g%% previsto dal sistema di "
                    "misurazione",
                    u, what, printed, cap);
    if (!has) {
        problem_add(ps, dc, check, RZ_ERROR, RZ_MATERIALITY_GRAVE,
                    "%sè stampata una %s di %s che i dati non permettono di calcolare", u, what,
                    printed);
        return;
    }
    if (rz_check_matches(computed, &p))
        return;
    rz_fmt_number(comp, sizeof comp, computed, p.decimals);
    rz_materiality mat = RZ_MATERIALITY_GRAVE;
    const char *note = "";
    if (normalised) {
        /* A printed achievement is grave only when the score it implies
         * differs from the score the data give. */
        int lifted = 0;
        rz_printed implied = p;
        implied.value = rz_score_normalise(ru, p.value, &lifted);
        if (rz_check_matches(*normalised, &implied)) {
            mat = RZ_MATERIALITY_OBSERVATION;
            int lifted_computed = 0;
            rz_score_normalise(ru, computed, &lifted_computed);
            if (lifted || lifted_computed)
                note = rz_check_inference_note(ru, RZ_INFERRED_THRESHOLD);
        }
    }
    problem_add(ps, dc, check, RZ_ERROR, mat,
                "%s%s stampata %s, ricalcolata dai dati con le regole del Piano %s%%%s", u, what,
                printed, comp, note);
}

static void check_declared_target(const rz_scored_indicator *si, const rz_declared *dc,
                                  problems *ps)
{
    const rz_target *t = si->target;
    rz_printed p;
    if (!t || !rz_parse_printed(dc->target, &p))
        return;
    char plan_t[64], u[48];
    unit_prefix(u, sizeof u, dc);
    int differs = 0;
    if (t->kind == RZ_TGT_DATE && t->has_value) {
        differs = !p.is_date || p.date != t->date;
        rz_fmt_day(plan_t, sizeof plan_t, t->date);
    } else if (t->has_value && !p.is_date) {
        differs = !rz_check_matches(t->value, &p);
        rz_fmt_number(plan_t, sizeof plan_t, t->value, p.decimals);
    } else {
        return;
    }
    if (!differs)
        return;
    /* Say where the reference figure comes from: the Piano, or (when the
     * Piano itself was not available) the place it was rebuilt from. */
    if (t->derived_from)
        problem_add(ps, dc, "A-target", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                    "%starget stampato %s, ma il target %d è %s, ricavato da %s (il Piano non è "
                    "disponibile)",
                    u, dc->target, t->year, plan_t, t->derived_from);
    else
        problem_add(ps, dc, "A-target", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                    "%starget stampato %s, ma il Piano fissa %s per il %d", u, dc->target, plan_t,
                    t->year);
}

/* The same figure printed with different values in different places, when
 * neither was already found to differ from the data. */
static void check_declared_consistency(const rz_scored_indicator *si, problems *ps)
{
    const rz_observation *o = si->observation;
    for (size_t i = 0; i < o->n_declared; i++)
        for (size_t j = 0; j < i; j++) {
            const rz_declared *a = &o->declared[j], *b = &o->declared[i];
            int same_unit =
                (!a->unit && !b->unit) || (a->unit && b->unit && !strcmp(a->unit, b->unit));
            rz_printed pa, pb;
            if (!same_unit || !a->result || !b->result || is_flagged(ps, a) || is_flagged(ps, b) ||
                !rz_parse_printed(a->result, &pa) || !rz_parse_printed(b->result, &pb))
                continue;
            /* Two roundings of one figure ("87,8%", "88%") agree. */
            int coarse = pa.decimals < pb.decimals ? pa.decimals : pb.decimals;
            int differ = pa.is_date != pb.is_date ||
                         (pa.is_date ? pa.date != pb.date
                                     : fabs(pa.value - pb.value) > 0.5 * pow(10.0, -coarse) + 1e-9);
            if (!differ)
                continue;
            char wa[256], wb[256], u[48];
            rz_check_where(wa, sizeof wa, a->where, a->page);
            rz_check_where(wb, sizeof wb, b->where, b->page);
            problem_add(ps, NULL, "plaus-inconsistent", RZ_WARNING, RZ_MATERIALITY_OBSERVATION,
                        "%slo stesso risultato è stampato come %s (%s) e come %s (%s)",
                        unit_prefix(u, sizeof u, a), a->result, wa, b->result, wb);
        }
}

/* Algorithm text like "% pratiche evase >= 80%" or "entro il 30/06/2019"
 * that says something else than the structured target: writes what it
 * says and what the target is into out and returns 1. */
static int algorithm_contradicts(const char *alg, const rz_target *t, char *out, size_t n)
{
    if (!alg || !t || !t->has_value)
        return 0;
    if (t->kind == RZ_TGT_DATE) {
        const char *e = strstr(alg, "entro il ");
        rz_printed p;
        char tmp[16];
        if (!e)
            return 0;
        snprintf(tmp, sizeof tmp, "%.10s", e + 9);
        /* «entro il 30.06.2019»: the date written with points */
        if (strlen(tmp) == 10 && tmp[2] == '.' && tmp[5] == '.')
            tmp[2] = tmp[5] = '/';
        if (rz_parse_printed(tmp, &p) && p.is_date && p.date != t->date) {
            char a[32];
            rz_fmt_day(a, sizeof a, t->date);
            snprintf(out, n, "l'algoritmo dice «entro il %s» ma il target è %s", tmp, a);
            return 1;
        }
        return 0;
    }
    static const char *const ops[] = {">=", "≥", "=>", "<=", "≤", "=<", ">", "<", "="};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        const char *o = strstr(alg, ops[k]);
        if (!o)
            continue;
        const char *num = rz_skip_printed_space(o + strlen(ops[k]));
        char tmp[32];
        size_t len = 0;
        while (num[len] &&
               (isdigit((unsigned char)num[len]) || num[len] == ',' || num[len] == '.') &&
               len < sizeof tmp - 1) {
            tmp[len] = num[len];
            len++;
        }
        while (len > 0 && (tmp[len - 1] == '.' || tmp[len - 1] == ','))
            len--;
        tmp[len] = '\0';
        rz_printed p;
        if (len == 0 || !rz_parse_printed(tmp, &p))
            return 0;
        if (!rz_check_matches(t->value, &p)) {
            char a[32];
            rz_fmt_number(a, sizeof a, t->value, p.decimals);
            snprintf(out, n, "l'algoritmo indica %s %s ma il target è %s", ops[k], tmp, a);
            return 1;
        }
        return 0;
    }
    return 0;
}

static void check_algorithm_text(const rz_scored_indicator *si, rz_diags *d)
{
    const rz_indicator *ind = si->indicator;
    char what[160];
    if (algorithm_contradicts(ind->algorithm, si->target, what, sizeof what))
        rz_diag_add(d, RZ_WARNING, ind->loc.file, ind->loc.line, "plaus-algorithm",
                    "indicatore %s: %s", ind->code, what);
}

/* A weight printed beside an indicator's figures: the indicator's weight in
 * its objective, or its weight in one of the individual objectives that
 * take it (the individual tables of section 4 print those). A weight that
 * is neither changes what the printed score rests on: grave. */
static void check_declared_weight(const rz_scored *s, const rz_scored_indicator *si,
                                  const rz_declared *dc, problems *ps)
{
    rz_printed p;
    if (!dc->weight || !rz_parse_printed(dc->weight, &p) || p.is_date)
        return;
    const rz_indicator *ind = si->indicator;
    if (rz_check_matches(si->weight, &p) || (ind->has_weight && rz_check_matches(ind->weight, &p)))
        return;
    for (size_t i = 0; i < s->n_evaluated; i++)
        for (size_t k = 0; k < s->evaluated[i].n_objectives; k++) {
            const rz_scored_individual_objective *so = &s->evaluated[i].objectives[k];
            if (so->indicator == si &&
                (rz_check_matches(so->weight, &p) ||
                 (so->objective->has_weight && rz_check_matches(so->objective->weight, &p))))
                return;
        }
    char w[32], u[48];
    rz_fmt_number(w, sizeof w, si->weight, p.decimals);
    problem_add(ps, dc, "A-weight", RZ_ERROR, RZ_MATERIALITY_GRAVE,
                "%speso stampato %s, ma i pesi del Piano danno all'indicatore %s%% nel suo "
                "obiettivo (né il peso stampato è quello di un obiettivo individuale che lo usa)",
                unit_prefix(u, sizeof u, dc), dc->weight, w);
}

/* The body's measurement with some of the recorded data left out: without
 * one unit's data (skip), or without the body's own record (drop_body) so
 * that it is made from the units' data as the Piano's rules make it. */
static int measure_without(const rz_scored *s, const rz_scored_indicator *si,
                           const rz_unit_data *skip, int drop_body, rz_measurement *out)
{
    const rz_observation *o = si->observation;
    rz_observation copy = *o;
    copy.data = calloc(o->n_data ? o->n_data : 1, sizeof *copy.data);
    if (!copy.data)
        return 0;
    copy.n_data = 0;
    for (size_t i = 0; i < o->n_data; i++)
        if (&o->data[i] != skip && !(drop_body && !o->data[i].unit))
            copy.data[copy.n_data++] = o->data[i];
    const rz_indicator *ind = si->indicator;
    *out = rz_measure_indicator(rz_indicator_rules(s->plan, ind), ind, si->target, &copy, NULL);
    free(copy.data);
    return out->has_result && !out->result_is_date;
}

/* What leaving some data out does to the indicator's score: "" when the
 * score stays, the sentence that says how it changes otherwise. */
static rz_materiality score_effect(const rz_scored_indicator *si, const rz_measurement *alt,
                                   char *buf, size_t n)
{
    buf[0] = '\0';
    if (!si->total.has_score || !alt->has_score || matches_exactly(alt->score, si->total.score))
        return RZ_MATERIALITY_OBSERVATION;
    char a[32], b[32];
    rz_fmt_number(a, sizeof a, si->total.score, 2);
    rz_fmt_number(b, sizeof b, alt->score, 2);
    snprintf(buf, n, "; la realizzazione parametrata passerebbe da %s%% a %s%%", a, b);
    return RZ_MATERIALITY_GRAVE;
}

/* Counts that look like percentages typed as counts: a unit of a ratio
 * indicator whose every recorded period (two at least) reads 100 out of
 * 100 — what a «100%» becomes when it is typed in the numerator and the
 * denominator columns. Two periods of exactly one hundred items each, all
 * of them favourable, are implausible enough to be verified. */
static void check_percent_as_counts(const rz_scored *s, const rz_scored_indicator *si, rz_diags *d)
{
    const rz_observation *o = si->observation;
    if (!o || si->indicator->measure != RZ_MEASURE_RATIO)
        return;
    for (size_t i = 0; i < o->n_data; i++) {
        const rz_unit_data *ud = &o->data[i];
        size_t n = 0, hundred = 0;
        rz_buf periods;
        rz_buf_init(&periods);
        for (size_t k = 0; k < ud->n_values; k++) {
            const rz_period_value *v = &ud->values[k];
            if (v->missing || !v->has_num || !v->has_den)
                continue;
            n++;
            if (fabs(v->num - 100) < 1e-9 && fabs(v->den - 100) < 1e-9) {
                hundred++;
                rz_buf_printf(&periods, "%s%s", periods.len ? ", " : "", v->period);
            }
        }
        if (n >= 2 && hundred == n) {
            char who[64], at[300] = "", effect[160];
            snprintf(who, sizeof who, "%s%s", ud->unit ? "l'unità " : "l'ente",
                     ud->unit ? ud->unit : "");
            for (size_t k = 0; k < o->n_declared; k++) {
                const rz_declared *dc = &o->declared[k];
                int same = (!dc->unit && !ud->unit) ||
                           (dc->unit && ud->unit && !strcmp(dc->unit, ud->unit));
                if (same && !at[0]) {
                    char w[256];
                    rz_check_where(w, sizeof w, dc->where, dc->page);
                    snprintf(at, sizeof at, " (%s)", w);
                }
            }
            rz_measurement alt;
            rz_materiality mat = RZ_MATERIALITY_OBSERVATION;
            char without[400] = "";
            if (ud->unit && si->total.has_result && measure_without(s, si, ud, 0, &alt)) {
                char a[32], b[32];
                rz_fmt_result(a, sizeof a, &si->total, si->target, 2);
                rz_fmt_result(b, sizeof b, &alt, si->target, 2);
                mat = score_effect(si, &alt, effect, sizeof effect);
                snprintf(without, sizeof without,
                         "; senza questi dati il risultato dell'ente sarebbe %s invece di %s%s", b,
                         a, effect);
            }
            rz_buf msg;
            rz_buf_init(&msg);
            rz_buf_printf(&msg,
                          "indicatore %s: %s riporta 100 su 100 in ogni periodo (%s)%s: sono le "
                          "cifre di una percentuale (100%%) scritte al posto dei conteggi del "
                          "numeratore e del denominatore; verificare i conteggi%s",
                          si->indicator->code, who, rz_buf_str(&periods), at, without);
            rz_check_finding(d, RZ_WARNING, mat, ud->loc.file, ud->loc.line, "plaus-counts",
                             rz_buf_str(&msg));
            rz_buf_free(&msg);
        }
        rz_buf_free(&periods);
    }
}

/* The body's own figure against the units' figures for the same indicator
 * (the individual objectives' tables of section 4 print each office's):
 * whatever the units' results are combined with (all data together, a
 * mean, the lowest, the highest, the latest), the result lies between the
 * lowest and the highest of them — only a sum goes beyond. A body's figure
 * outside that range cannot come from the units' data. */
static void check_body_against_units(const rz_scored *s, const rz_scored_indicator *si, rz_diags *d)
{
    const rz_observation *o = si->observation;
    const rz_indicator *ind = si->indicator;
    if (!o || !si->total.has_result || si->total.result_is_date || si->n_units < 2 ||
        ind->unit_aggregation == RZ_UNITS_SUM ||
        (ind->measure == RZ_MEASURE_VALUE && ind->aggregation == RZ_AGG_SUM &&
         ind->unit_aggregation == RZ_UNITS_POOLED))
        return;
    const rz_unit_data *body = NULL;
    for (size_t i = 0; i < o->n_data && !body; i++)
        if (!o->data[i].unit)
            body = &o->data[i];
    if (!body)
        return;
    double lo = 0, hi = 0;
    size_t n = 0;
    rz_buf list;
    rz_buf_init(&list);
    for (size_t i = 0; i < si->n_units; i++) {
        const rz_measurement *m = &si->units[i].m;
        if (!m->has_result || m->result_is_date)
            continue;
        lo = n == 0 || m->result < lo ? m->result : lo;
        hi = n == 0 || m->result > hi ? m->result : hi;
        n++;
        char v[32], at[300] = "";
        rz_fmt_result(v, sizeof v, m, si->target, 2);
        for (size_t k = 0; k < o->n_declared && !at[0]; k++) {
            const rz_declared *dc = &o->declared[k];
            if (dc->unit && !strcmp(dc->unit, si->units[i].unit)) {
                char w[256];
                rz_check_where(w, sizeof w, dc->where, dc->page);
                snprintf(at, sizeof at, " in %s", w);
            }
        }
        rz_buf_printf(&list, "%s%s %s%s", list.len ? "; " : "", si->units[i].unit, v, at);
    }
    double r = si->total.result;
    double tol = 0.005 + 1e-9 * (1 + fabs(r));
    if (n >= 2 && (r < lo - tol || r > hi + tol)) {
        char body_v[32], alt_v[32] = "", effect[160] = "";
        rz_fmt_result(body_v, sizeof body_v, &si->total, si->target, 2);
        rz_measurement alt;
        rz_materiality mat = RZ_MATERIALITY_OBSERVATION;
        char from_units[400] = "";
        if (measure_without(s, si, NULL, 1, &alt)) {
            rz_fmt_result(alt_v, sizeof alt_v, &alt, si->target, 2);
            mat = score_effect(si, &alt, effect, sizeof effect);
            snprintf(from_units, sizeof from_units,
                     "; con le regole del Piano i dati delle unità danno %s%s", alt_v, effect);
        }
        rz_buf places;
        rz_buf_init(&places);
        for (size_t k = 0; k < o->n_declared; k++) {
            const rz_declared *dc = &o->declared[k];
            char w[256];
            rz_check_where(w, sizeof w, dc->where, dc->page);
            if (!dc->unit && dc->result && !strstr(rz_buf_str(&places), w))
                rz_buf_printf(&places, "%s%s", places.len ? "; " : "", w);
        }
        rz_buf msg;
        rz_buf_init(&msg);
        rz_buf_printf(&msg,
                      "indicatore %s: il risultato dell'ente %s%s%s%s non è compreso tra i "
                      "risultati delle unità che misurano lo stesso indicatore (%s), e nessuna "
                      "loro media, minimo o massimo può darlo%s: correggere il risultato "
                      "dell'ente o quelli delle unità",
                      ind->code, body_v, places.len ? " (" : "", rz_buf_str(&places),
                      places.len ? ")" : "", rz_buf_str(&list), from_units);
        rz_check_finding(d, RZ_ERROR, mat, body->loc.file, body->loc.line, "E-units",
                         rz_buf_str(&msg));
        rz_buf_free(&msg);
        rz_buf_free(&places);
    }
    rz_buf_free(&list);
}

/* The approved rettifica of an objective above the indicator, if any: it
 * already accounts, in the scores, for what the indicator's figures miss. */
static const rz_scored_node *rettified_ancestor(const rz_scored *s, const rz_indicator *ind)
{
    static const rz_node_level levels[] = {RZ_NODE_AREA, RZ_NODE_STRATEGIC, RZ_NODE_OPERATIONAL};
    for (const rz_objective *o = ind->objective; o; o = o->parent) {
        const rz_scored_node *n = rz_scored_find_node(s, levels[o->kind], o->code);
        if (n && n->rettifica)
            return n;
    }
    return NULL;
}

/* A printed figure marked as the established one (accertato) that the data
 * contradict: the data, and the figures printed from them, are what is
 * wrong, not the established figure. */
static void check_established(const rz_scored *s, const rz_scored_indicator *si,
                              const rz_declared *dc, const rz_measurement *m, problems *ps)
{
    rz_printed p;
    if (!rz_parse_printed(dc->result, &p) || p.is_date || !m->has_result || m->result_is_date ||
        rz_check_matches(m->result, &p))
        return;
    const rz_observation *o = si->observation;
    char comp[64], at[256];
    rz_fmt_result(comp, sizeof comp, m, si->target, p.decimals);
    rz_check_where(at, sizeof at, dc->where, dc->page);
    rz_buf others;
    rz_buf_init(&others);
    for (size_t k = 0; k < o->n_declared; k++) {
        const rz_declared *x = &o->declared[k];
        rz_printed px;
        if (x == dc || !x->result || !rz_parse_printed(x->result, &px) || px.is_date ||
            fabs(px.value - p.value) < 1e-9)
            continue;
        char wx[256];
        rz_check_where(wx, sizeof wx, x->where, x->page);
        rz_buf_printf(&others, "%s%s", others.len ? "; " : "", wx);
        if (!is_flagged(ps, x) && ps->n_flagged < MAX_FLAGGED)
            ps->flagged[ps->n_flagged++] = x;
    }
    const rz_scored_node *rn = rettified_ancestor(s, si->indicator);
    char cover[320] = "";
    if (rn) {
        char sc[32];
        rz_fmt_number(sc, sizeof sc, rn->score, s->plan->rules.objective_decimals);
        snprintf(cover, sizeof cover,
                 "; la rettifica approvata dell'obiettivo %s (%s%%) ne tiene conto nei punteggi",
                 rn->objective ? rn->objective->code : "", sc);
    }
    problem_add(ps, NULL, "E-result", RZ_ERROR,
                rn ? RZ_MATERIALITY_OBSERVATION : RZ_MATERIALITY_GRAVE,
                "il valore accertato è %s (%s); i dati di monitoraggio danno %s%s%s: sono questi "
                "da correggere, e con essi il punteggio dell'indicatore%s",
                dc->result, at, comp, others.len ? ", come le cifre stampate in " : "",
                rz_buf_str(&others), cover);
    if (!is_flagged(ps, dc) && ps->n_flagged < MAX_FLAGGED)
        ps->flagged[ps->n_flagged++] = dc;
    rz_buf_free(&others);
}

/* Indicators without a data source: one finding each when they are few,
 * one finding listing them when they are many (a plan that names no source
 * at all would otherwise bury every other finding). */
typedef struct {
    const rz_indicator *items[512];
    size_t n, more;
} source_list;

static void report_sources(const source_list *l, const rz_plan *p, rz_diags *d)
{
    if (l->n + l->more <= 5) {
        for (size_t i = 0; i < l->n; i++)
            rz_diag_add(d, RZ_WARNING, l->items[i]->loc.file, l->items[i]->loc.line, "F-source",
                        "indicatore %s: non indica la fonte dei dati", l->items[i]->code);
        return;
    }
    rz_buf codes;
    rz_buf_init(&codes);
    for (size_t i = 0; i < l->n && i < 12; i++)
        rz_buf_printf(&codes, "%s%s", i ? ", " : "", l->items[i]->code);
    size_t rest = l->n + l->more - (l->n < 12 ? l->n : 12);
    if (rest)
        rz_buf_printf(&codes, " e altri %zu", rest);
    rz_diag_add(d, RZ_WARNING, p->file, 0, "F-source",
                "%zu indicatori non indicano la fonte dei dati: %s", l->n + l->more,
                rz_buf_str(&codes));
    rz_buf_free(&codes);
}

/* A textual result the office itself labels as reached. */
static int labelled_reached(const rz_measurement *m)
{
    const char *t = m->result_text;
    if (!t)
        return 0;
    while (*t == ' ')
        t++;
    return strncasecmp(t, "raggiunto", 9) == 0;
}

void rz_check_indicators(const rz_scored *s, rz_diags *d)
{
    size_t sources = 0, self_declared = 0, counted = 0;
    source_list *ns = calloc(1, sizeof *ns);
    if (!ns)
        return;
    for (size_t i = 0; i < s->n_indicators; i++) {
        const rz_scored_indicator *si = s->indicators[i];
        const rz_indicator *ind = si->indicator;
        counted++;
        /* C: a result for every indicator of the Piano. */
        if (!si->observation) {
            rz_diag_add(d, RZ_ERROR, ind->loc.file, ind->loc.line, "C-missing",
                        "indicatore %s: nessun risultato nei dati di monitoraggio", ind->code);
        } else if (!si->total.has_result) {
            rz_diag_add(d, RZ_WARNING, si->observation->loc.file, si->observation->loc.line,
                        "C-unmeasured", "indicatore %s: il risultato non si può calcolare (%s)",
                        ind->code, si->total.missing ? si->total.missing : "dato mancante");
        }
        if (!si->target)
            rz_diag_add(d, RZ_WARNING, ind->loc.file, ind->loc.line, "A-no-target",
                        "indicatore %s: il Piano non fissa un target per il %d", ind->code,
                        s->year);
        /* F: data sources. */
        if (ind->source) {
            sources++;
            if (ind->source_kind == RZ_SOURCE_SELF_DECLARED)
                self_declared++;
        } else if (ns->n < sizeof ns->items / sizeof ns->items[0]) {
            ns->items[ns->n++] = ind;
        } else {
            ns->more++;
        }
        check_algorithm_text(si, d);
        check_percent_as_counts(s, si, d);
        check_body_against_units(s, si, d);
        /* G: a reason for every shortfall, where the body's own rules see
         * one: not when the threshold counts the achievement as full, nor
         * for a result labelled «raggiunto». */
        if (si->total.has_achievement && si->total.achievement < 100 - 1e-9 &&
            !(si->total.has_score && si->total.score >= 100 - 1e-9) &&
            si->outcome != RZ_OUTCOME_REACHED && !labelled_reached(&si->total) &&
            !(si->observation && si->observation->deviation_reason)) {
            char a[32];
            rz_fmt_number(a, sizeof a, si->total.achievement, 2);
            rz_diag_add(d, RZ_WARNING, si->observation->loc.file, si->observation->loc.line,
                        "G-reason",
                        "indicatore %s: realizzazione del target al %s%% senza la motivazione "
                        "dello scostamento",
                        ind->code, a);
        }
        if (!si->observation)
            continue;
        /* E and plausibility on every printed figure. */
        problems *ps = calloc(1, sizeof *ps);
        if (!ps)
            continue;
        for (size_t k = 0; k < si->observation->n_declared; k++) {
            const rz_declared *dc = &si->observation->declared[k];
            const rz_measurement *m = measurement_for(si, dc->unit);
            if (!m) {
                problem_add(ps, dc, "E-result", RZ_ERROR, RZ_MATERIALITY_OBSERVATION,
                            "sono stampate cifre dell'unità %s, che non ha dati per questo "
                            "indicatore",
                            dc->unit);
                continue;
            }
            const rz_rules *ru = rz_indicator_rules(s->plan, ind);
            char what[160];
            if (dc->result && dc->established)
                check_established(s, si, dc, m, ps);
            else if (dc->result)
                check_declared_result(s, si, dc, m, ps);
            if (algorithm_contradicts(dc->algorithm, si->target, what, sizeof what))
                problem_add(ps, dc, "plaus-algorithm", RZ_WARNING, RZ_MATERIALITY_OBSERVATION, "%s",
                            what);
            if (dc->target)
                check_declared_target(si, dc, ps);
            check_declared_weight(s, si, dc, ps);
            if (dc->achievement)
                check_declared_percent(ru, "realizzazione del target", "E-achievement",
                                       dc->achievement, m->has_achievement, m->achievement,
                                       m->has_score ? &m->score : NULL,
                                       ru->has_achievement_cap ? ru->achievement_cap : 0, dc, ps);
            if (dc->normalised) {
                int has = dc->unit ? m->has_score : (m->has_score || si->has_adjusted);
                double v = dc->unit ? m->score : si->effective;
                check_declared_percent(ru, "realizzazione parametrata", "E-score", dc->normalised,
                                       has, v, NULL, ru->cap, dc, ps);
            }
        }
        check_declared_consistency(si, ps);
        problems_emit(ps, si, 0, d);
        problems_emit(ps, si, 1, d);
        problems_free(ps);
        free(ps);
    }
    report_sources(ns, s->plan, d);
    free(ns);
    if (counted) {
        char share[32];
        rz_fmt_number(share, sizeof share,
                      sources ? 100.0 * (double)self_declared / (double)sources : 0, 1);
        rz_diag_add(d, RZ_NOTE, s->plan->file, 0, "F-share",
                    "%zu indicatori su %zu indicano la fonte dei dati; di questi %zu (%s%%) hanno "
                    "fonte autodichiarata",
                    sources, counted, self_declared, share);
    }
}
