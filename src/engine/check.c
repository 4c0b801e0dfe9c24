/*
 * check.c — the validation evidence and the consistency checker.
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
 */
#include "check.h"
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
static int matches(double computed, const rz_printed *p)
{
    double half = 0.5 * pow(10.0, -p->decimals);
    return fabs(computed - p->value) < half + 1e-9 * (1 + fabs(computed));
}

/* Two computed figures that are the same (up to floating-point noise). */
static int matches_exactly(double a, double b)
{
    return fabs(a - b) < 1e-9 * (1 + fabs(a));
}

/* Where a figure was printed: "3.0 Albero della performance, p. 42". */
static void where(char *buf, size_t n, const char *dove, long page)
{
    if (page > 0)
        snprintf(buf, n, "%s, p. %ld", dove ? dove : "?", page);
    else
        snprintf(buf, n, "%s", dove ? dove : "?");
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

/* What a finding adds when it rests on a rule the document does not state
 * but the encoding inferred from the printed figures ("" otherwise). */
static const char *inference_note(const rz_rules *ru, rz_inferred_rule rule)
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
        where(at, sizeof at, dc->where, dc->page);
        if (!strstr(rz_buf_str(&pb->places), at))
            rz_buf_printf(&pb->places, "%s%s", pb->places.len ? "; " : "", at);
    }
}

/* Appends a finding whose class the check knows. */
static void finding(rz_diags *d, rz_severity sev, rz_materiality mat, const char *file, long line,
                    const char *check, const char *message)
{
    size_t before = d->count;
    rz_diag_add(d, sev, file, line, check, "%s", message);
    if (d->count > before)
        d->items[d->count - 1].materiality = (int)mat;
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
        finding(d, sev, mat, loc->file, loc->line, lead->check, rz_buf_str(&msg));
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
    if (!matches(m->result, &p) && ru->result_decimals >= 0 && p.decimals > ru->result_decimals &&
        fabs(rz_round_dec(p.value, ru->result_decimals) - m->result) < 1e-9) {
        rz_fmt_result(comp, sizeof comp, m, si->target, ru->result_decimals);
        problem_add(ps, dc, "plaus-precision", RZ_WARNING, RZ_MATERIALITY_COSMETIC,
                    "%srisultato stampato %s senza l'arrotondamento a %d decimali previsto dalle "
                    "regole (%s)%s",
                    u, dc->result, ru->result_decimals, comp,
                    inference_note(ru, RZ_INFERRED_ROUNDING));
    } else if (!matches(m->result, &p)) {
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
    if (matches(computed, &p))
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
        if (matches(*normalised, &implied)) {
            mat = RZ_MATERIALITY_OBSERVATION;
            int lifted_computed = 0;
            rz_score_normalise(ru, computed, &lifted_computed);
            if (lifted || lifted_computed)
                note = inference_note(ru, RZ_INFERRED_THRESHOLD);
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
        differs = !matches(t->value, &p);
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
            where(wa, sizeof wa, a->where, a->page);
            where(wb, sizeof wb, b->where, b->page);
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
        if (!matches(t->value, &p)) {
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
    if (matches(si->weight, &p) || (ind->has_weight && matches(ind->weight, &p)))
        return;
    for (size_t i = 0; i < s->n_evaluated; i++)
        for (size_t k = 0; k < s->evaluated[i].n_objectives; k++) {
            const rz_scored_individual_objective *so = &s->evaluated[i].objectives[k];
            if (so->indicator == si &&
                (matches(so->weight, &p) ||
                 (so->objective->has_weight && matches(so->objective->weight, &p))))
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
                    where(w, sizeof w, dc->where, dc->page);
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
            finding(d, RZ_WARNING, mat, ud->loc.file, ud->loc.line, "plaus-counts",
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
                where(w, sizeof w, dc->where, dc->page);
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
            where(w, sizeof w, dc->where, dc->page);
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
        finding(d, RZ_ERROR, mat, body->loc.file, body->loc.line, "E-units", rz_buf_str(&msg));
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
        matches(m->result, &p))
        return;
    const rz_observation *o = si->observation;
    char comp[64], at[256];
    rz_fmt_result(comp, sizeof comp, m, si->target, p.decimals);
    where(at, sizeof at, dc->where, dc->page);
    rz_buf others;
    rz_buf_init(&others);
    for (size_t k = 0; k < o->n_declared; k++) {
        const rz_declared *x = &o->declared[k];
        rz_printed px;
        if (x == dc || !x->result || !rz_parse_printed(x->result, &px) || px.is_date ||
            fabs(px.value - p.value) < 1e-9)
            continue;
        char wx[256];
        where(wx, sizeof wx, x->where, x->page);
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

static void check_indicators(const rz_scored *s, rz_diags *d)
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
                where(at, sizeof at, m->declared_scores[j].where, m->declared_scores[j].page);
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
        if (matches(v, &p))
            continue;
        rz_fmt_number(comp, sizeof comp, v, p.decimals);
        double va;
        if (alt && node_score(alt, ds->level, ds->code, &va) && matches(va, &p)) {
            rz_diag_add(d, RZ_WARNING, ds->loc.file, ds->loc.line, "B-declared",
                        "%s (%s): è stampato %s, valore che si ottiene solo applicando rettifiche "
                        "dichiarate ma non approvate; con le regole e le rettifiche approvate il "
                        "punteggio è %s%%%s",
                        name, at, ds->value, comp,
                        inference_note(&s->plan->rules, RZ_INFERRED_RETTIFICA_STATUS));
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
    if (!printed || !rz_parse_printed(printed, &p) || p.is_date || matches(plan, &p))
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
                    where(at, sizeof at, m->declared_scores[j].where, m->declared_scores[j].page);
                    rz_buf_printf(&places, "%s%s", places.len ? "; " : "", at);
                }
            rz_buf text;
            rz_buf_init(&text);
            rz_buf_printf(&text, "%s %s (%s): %s", rz_node_level_noun(ds->level), ds->code,
                          rz_buf_str(&places), rz_buf_str(&msg));
            /* A wrong weight is grave; a contribution printed wrong beside
             * right weights and score is a printed figure. */
            finding(d, RZ_ERROR, weights_wrong ? RZ_MATERIALITY_GRAVE : RZ_MATERIALITY_OBSERVATION,
                    ds->loc.file, ds->loc.line, weights_wrong ? "A-weight" : "B-contribution",
                    rz_buf_str(&text));
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
    check_indicators(s, d);
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

char rz_check_point(const rz_diag *g)
{
    const char *c = g->check;
    if (c && c[0] >= 'A' && c[0] <= 'K' && c[1] == '-')
        return c[0];
    return 0;
}

/* ------------------------------------------------------------------ */
/* Materiality and the verdict rule                                    */
/* ------------------------------------------------------------------ */

/* The class of a check identifier when the check did not record one: what
 * the problem it names does to the reported scores. */
static rz_materiality materiality_of_check(const rz_diag *g)
{
    static const struct {
        const char *check;
        rz_materiality m;
    } table[] = {
        /* a score, an outcome or the entity's figure is wrong or missing */
        {"B-declared", RZ_MATERIALITY_GRAVE},
        {"A-weight", RZ_MATERIALITY_GRAVE},
        {"B-overall", RZ_MATERIALITY_GRAVE},
        {"C-missing", RZ_MATERIALITY_GRAVE},
        {"C-unmeasured", RZ_MATERIALITY_GRAVE},
        {"A-no-target", RZ_MATERIALITY_GRAVE},
        {"D-unscored", RZ_MATERIALITY_GRAVE},
        {"E-score", RZ_MATERIALITY_GRAVE},
        /* form only, the figure is right */
        {"plaus-precision", RZ_MATERIALITY_COSMETIC},
        {"plaus-serial-date", RZ_MATERIALITY_COSMETIC},
    };
    if (g->severity == RZ_NOTE)
        return RZ_MATERIALITY_NONE;
    for (size_t i = 0; g->check && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(g->check, table[i].check) == 0)
            return table[i].m;
    return RZ_MATERIALITY_OBSERVATION;
}

rz_materiality rz_finding_materiality(const rz_diag *g)
{
    if (g->severity == RZ_NOTE)
        return RZ_MATERIALITY_NONE;
    if (g->materiality > RZ_MATERIALITY_NONE && g->materiality <= RZ_MATERIALITY_GRAVE)
        return (rz_materiality)g->materiality;
    return materiality_of_check(g);
}

const char *rz_materiality_name(rz_materiality m)
{
    switch (m) {
    case RZ_MATERIALITY_GRAVE:
        return "grave";
    case RZ_MATERIALITY_OBSERVATION:
        return "osservazione";
    case RZ_MATERIALITY_COSMETIC:
        return "formale";
    case RZ_MATERIALITY_NONE:
        break;
    }
    return "nota";
}

/* The points on which a grave finding makes the Relazione not valid: its
 * coherence with the Piano, the scores and overall evaluation, the results,
 * the special objectives and the calculation of each indicator. */
static int point_decides_validity(char point)
{
    return point == 'A' || point == 'B' || point == 'C' || point == 'D' || point == 'E';
}

rz_verdict_basis rz_proposed_verdict(const rz_diags *findings, size_t input_errors,
                                     int has_monitoring)
{
    rz_verdict_basis b;
    memset(&b, 0, sizeof b);
    const rz_diag *first[RZ_MATERIALITY_GRAVE + 1] = {NULL};
    const rz_diag *invalidating = NULL; /* first grave finding on A-E */
    for (size_t i = 0; findings && i < findings->count; i++) {
        const rz_diag *g = &findings->items[i];
        rz_materiality m = rz_finding_materiality(g);
        if (!first[m])
            first[m] = g;
        if (m == RZ_MATERIALITY_GRAVE) {
            b.grave++;
            if (!invalidating && point_decides_validity(rz_check_point(g)))
                invalidating = g;
        } else if (m == RZ_MATERIALITY_OBSERVATION) {
            b.observations++;
        } else if (m == RZ_MATERIALITY_COSMETIC) {
            b.cosmetic++;
        }
    }
    if (input_errors > 0 || !has_monitoring)
        b.verdict = RZ_VERDICT_NOT_COMPUTABLE;
    else if (invalidating)
        b.verdict = RZ_VERDICT_NON_VALIDA;
    else if (b.grave || b.observations)
        b.verdict = RZ_VERDICT_VALIDA_CON_OSSERVAZIONI;
    else
        b.verdict = RZ_VERDICT_VALIDA;
    b.decisive = invalidating                        ? invalidating
                 : first[RZ_MATERIALITY_GRAVE]       ? first[RZ_MATERIALITY_GRAVE]
                 : first[RZ_MATERIALITY_OBSERVATION] ? first[RZ_MATERIALITY_OBSERVATION]
                                                     : first[RZ_MATERIALITY_COSMETIC];
    return b;
}

const char *rz_verdict_name(rz_verdict v)
{
    switch (v) {
    case RZ_VERDICT_VALIDA:
        return "VALIDA";
    case RZ_VERDICT_VALIDA_CON_OSSERVAZIONI:
        return "VALIDA CON OSSERVAZIONI";
    case RZ_VERDICT_NON_VALIDA:
        return "NON VALIDA";
    case RZ_VERDICT_NOT_COMPUTABLE:
        break;
    }
    return "esito non calcolabile";
}

const char *rz_verdict_not_computable_reason(size_t input_errors, int has_monitoring)
{
    if (input_errors > 0)
        return "esito non calcolabile: correggere prima gli errori dei dati";
    if (!has_monitoring)
        return "esito non calcolabile: mancano i dati di monitoraggio (aggiungere alla cartella "
               "il file dei risultati dell'anno)";
    return NULL;
}

void rz_findings_print(const rz_diags *findings, FILE *f)
{
    static const struct {
        rz_materiality m;
        const char *heading;
    } groups[] = {
        {RZ_MATERIALITY_GRAVE, "Rilievi gravi (cambiano un punteggio, un esito, un peso o la "
                               "cifra dell'ente)"},
        {RZ_MATERIALITY_OBSERVATION, "Osservazioni (cifre stampate da cui non dipende alcun "
                                     "punteggio, requisiti del documento)"},
        {RZ_MATERIALITY_COSMETIC, "Aspetti formali (formato, arrotondamento)"},
        {RZ_MATERIALITY_NONE, "Note informative (non sono rilievi)"},
    };
    rz_diags one;
    for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++) {
        size_t n = 0;
        for (size_t i = 0; i < findings->count; i++)
            n += rz_finding_materiality(&findings->items[i]) == groups[k].m;
        if (!n)
            continue;
        fprintf(f, "%s: %zu\n", groups[k].heading, n);
        for (size_t i = 0; i < findings->count; i++) {
            if (rz_finding_materiality(&findings->items[i]) != groups[k].m)
                continue;
            /* One item at a time through the common printer. */
            one = (rz_diags){0};
            one.items = (rz_diag *)&findings->items[i];
            one.count = 1;
            rz_diags_print(&one, f);
        }
    }
}
