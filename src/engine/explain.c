/*
 * explain.c — see explain.h.
 *
 * The explanation reads the scored tree; it recomputes nothing, so it can
 * never disagree with the documents. Where the engine applied a rule (the
 * lower-is-better formula, the full-score threshold, the cap, a weight,
 * a rettifica) the step names the rule and shows the figures it used.
 */
#define _POSIX_C_SOURCE 200809L
#include "explain.h"
#include "format.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rz_explanation_free(rz_explanation *e)
{
    free(e->title);
    for (size_t i = 0; i < e->n_steps; i++)
        free(e->steps[i]);
    free(e->steps);
    memset(e, 0, sizeof *e);
}

static char *vformat(const char *fmt, va_list ap) RZ_PRINTF(1, 0);
static char *vformat(const char *fmt, va_list ap)
{
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    return strdup(buf);
}

static void step(rz_explanation *e, const char *fmt, ...) RZ_PRINTF(2, 3);
static void step(rz_explanation *e, const char *fmt, ...)
{
    if (e->n_steps == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 8;
        char **n = realloc(e->steps, cap * sizeof *n);
        if (!n)
            return;
        e->steps = n;
        e->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(fmt, ap);
    va_end(ap);
    if (s)
        e->steps[e->n_steps++] = s;
}

static void title(rz_explanation *e, const char *fmt, ...) RZ_PRINTF(2, 3);
static void title(rz_explanation *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(e->title);
    e->title = vformat(fmt, ap);
    va_end(ap);
}

/* "monitoraggio.xml:433" */
static const char *where(char *buf, size_t n, rz_loc loc)
{
    const char *f = loc.file ? strrchr(loc.file, '/') : NULL;
    f = f ? f + 1 : loc.file ? loc.file : "?";
    if (loc.line > 0)
        snprintf(buf, n, "%s:%ld", f, loc.line);
    else
        snprintf(buf, n, "%s", f);
    return buf;
}

static const char *num(char *buf, size_t n, double v, int decimals)
{
    return rz_fmt_number(buf, n, v, decimals < 0 ? 2 : decimals);
}

static const char *pct(char *buf, size_t n, double v, int decimals)
{
    return rz_fmt_percent(buf, n, v, decimals < 0 ? 2 : decimals);
}

static const char *date_s(char *buf, size_t n, rz_date d)
{
    int y, m, dd;
    rz_date_to_ymd(d, &y, &m, &dd);
    return rz_fmt_date(buf, n, y, m, dd);
}

/* The period values of one unit's data, as recorded. */
static void data_step(rz_explanation *e, const rz_indicator *ind, const rz_unit_data *u)
{
    char line[1536] = "", w[256], a[64], b[64];
    size_t k = 0;
    for (size_t i = 0; i < u->n_values && k < sizeof line; i++) {
        const rz_period_value *v = &u->values[i];
        const char *p = v->period ? v->period : "?";
        char one[200];
        if (v->missing)
            snprintf(one, sizeof one, "%s mancante", p);
        else if (v->has_num && v->has_den)
            snprintf(one, sizeof one, "%s %s/%s", p, num(a, sizeof a, v->num, 0),
                     num(b, sizeof b, v->den, 0));
        else if (v->has_value)
            snprintf(one, sizeof one, "%s %s", p, num(a, sizeof a, v->value, 2));
        else if (v->has_date)
            snprintf(one, sizeof one, "%s %s", p, date_s(a, sizeof a, v->date));
        else
            snprintf(one, sizeof one, "%s —", p);
        k += (size_t)snprintf(line + k, sizeof line - k, "%s%s", i ? "; " : "", one);
    }
    if (u->has_outcome) {
        char one[600];
        snprintf(one, sizeof one, "%sesito «%s»%s%s", k ? "; " : "",
                 u->outcome_text ? u->outcome_text : "",
                 u->has_completion ? ", completamento " : "",
                 u->has_completion ? pct(a, sizeof a, u->completion, 0) : "");
        if (k < sizeof line)
            snprintf(line + k, sizeof line - k, "%s", one);
    }
    (void)ind;
    step(e, "Dati rilevati%s%s (%s): %s", u->unit ? " dall'unità " : "", u->unit ? u->unit : "",
         where(w, sizeof w, u->loc), *line ? line : "nessun valore");
}

static const char *const aggregation_words[] = {"somma", "media", "ultimo valore", "valore massimo",
                                                "valore minimo"};

static void result_step(rz_explanation *e, const rz_rules *ru, const rz_indicator *ind,
                        const rz_target *t, const rz_measurement *m)
{
    char a[64], b[64], c[64];
    int pctres = t && (t->kind == RZ_TGT_PERCENT);
    if (!m->has_result && !m->result_text) {
        step(e, "Risultato: non calcolabile (%s)", m->missing ? m->missing : "dati assenti");
        return;
    }
    if (m->result_is_date) {
        step(e, "Risultato: data di realizzazione %s", date_s(a, sizeof a, m->result_date));
        return;
    }
    if (!m->has_result) {
        step(e, "Risultato: «%s»", m->result_text);
        return;
    }
    const char *rounding =
        ru->result_decimals >= 0 ? " (arrotondato come stabiliscono le regole)" : "";
    if (m->units_combined) {
        static const char *const words[] = {"", "la somma", "la media", "il più basso",
                                            "il più alto"};
        step(e, "Risultato dell'ente: %s dei risultati delle singole unità = %s%s",
             words[ind->unit_aggregation],
             pctres ? pct(c, sizeof c, m->result, ru->result_decimals)
                    : num(c, sizeof c, m->result, ru->result_decimals),
             rounding);
        return;
    }
    if (ind->measure == RZ_MEASURE_RATIO && m->den != 0)
        step(e, "Risultato: somma dei numeratori / somma dei denominatori = %s / %s = %s%s",
             num(a, sizeof a, m->num, 0), num(b, sizeof b, m->den, 0),
             pctres ? pct(c, sizeof c, m->result, ru->result_decimals)
                    : num(c, sizeof c, m->result, ru->result_decimals),
             rounding);
    else if (ind->measure == RZ_MEASURE_VALUE)
        step(e, "Risultato: %s dei %d valori del periodo = %s%s",
             aggregation_words[ind->aggregation], m->n_values,
             pctres ? pct(c, sizeof c, m->result, ru->result_decimals)
                    : num(c, sizeof c, m->result, ru->result_decimals),
             rounding);
    else
        step(e, "Risultato: %s%s",
             pctres ? pct(c, sizeof c, m->result, ru->result_decimals)
                    : num(c, sizeof c, m->result, ru->result_decimals),
             m->result_text ? "" : "");
}

static void target_step(rz_explanation *e, const rz_scored *s, const rz_target *t)
{
    char w[256], a[64];
    if (!t) {
        step(e, "Target %d: il Piano non ne fissa uno: l'indicatore non ha punteggio", s->year);
        return;
    }
    const char *v = "";
    if (t->kind == RZ_TGT_DATE)
        v = date_s(a, sizeof a, t->date);
    else if (t->has_value)
        v = t->kind == RZ_TGT_PERCENT ? pct(a, sizeof a, t->value, 2)
                                      : num(a, sizeof a, t->value, 2);
    step(e, "Target %d (%s): %s %s%s%s%s", s->year, where(w, sizeof w, t->loc),
         rz_comparator_symbol(t->cmp), v, t->text ? " («" : "", t->text ? t->text : "",
         t->text ? "»)" : "");
}

static void achievement_step(rz_explanation *e, const rz_rules *ru, const rz_target *t,
                             const rz_measurement *m)
{
    char a[64], b[64], c[64];
    if (!m->has_achievement)
        return;
    const char *rule = "";
    switch (t ? t->cmp : RZ_CMP_GE) {
    case RZ_CMP_GE:
    case RZ_CMP_GT:
        rule = "maggiore è meglio: 1 + (risultato − target) / |target|";
        break;
    case RZ_CMP_LE:
    case RZ_CMP_LT:
        rule = ru->lower_formula == RZ_LOWER_INVERSE_RATIO
                   ? "minore è meglio: target / risultato"
                   : "minore è meglio: 1 − (risultato − target) / |target|";
        break;
    case RZ_CMP_EQ:
        rule = "uguale al target: 1 − |risultato − target| / |target|";
        break;
    case RZ_CMP_RANGE:
        rule = "dentro l'intervallo: 100%, fuori in proporzione alla distanza";
        break;
    }
    char deadline[160];
    if (m->result_is_date) {
        char p[32];
        if (ru->deadline_rule == RZ_DEADLINE_ALL_OR_NOTHING)
            snprintf(deadline, sizeof deadline, "scadenza: 100%% se rispettata, 0%% altrimenti");
        else
            snprintf(deadline, sizeof deadline,
                     "scadenza: 100%% se rispettata, meno %s punti per %s di ritardo",
                     num(p, sizeof p,
                         ru->deadline_rule == RZ_DEADLINE_DAILY_PENALTY ? ru->points_per_day
                                                                        : ru->points_per_month,
                         2),
                     ru->deadline_rule == RZ_DEADLINE_DAILY_PENALTY ? "giorno"
                                                                    : "mese (o frazione)");
        if (ru->tolerance_days > 0) {
            size_t l = strlen(deadline);
            snprintf(deadline + l, sizeof deadline - l, ", con %d giorni di tolleranza",
                     ru->tolerance_days);
        }
        rule = deadline;
    } else if (t && t->kind == RZ_TGT_YESNO) {
        rule = "sì/no: 100% se il risultato coincide con il target, 0% altrimenti";
    }
    if (t && t->has_value && m->has_result && !m->result_is_date && t->kind != RZ_TGT_YESNO) {
        /* The printed achievement stops at realizzazione-massima where the
         * rules set one: then the computed one is said too. */
        double raw = -1;
        if (fabs(t->value) > 1e-9 && (t->cmp == RZ_CMP_GE || t->cmp == RZ_CMP_GT))
            raw = (1.0 + (m->result - t->value) / fabs(t->value)) * 100.0;
        else if (fabs(t->value) > 1e-9 && (t->cmp == RZ_CMP_LE || t->cmp == RZ_CMP_LT) &&
                 ru->lower_formula != RZ_LOWER_INVERSE_RATIO)
            raw = (1.0 - (m->result - t->value) / fabs(t->value)) * 100.0;
        char capped[128] = "";
        if (ru->has_achievement_cap && raw > ru->achievement_cap + 1e-9 &&
            m->achievement <= ru->achievement_cap + 1e-9) {
            char r[64], k[64];
            snprintf(capped, sizeof capped, " (%s, riportata al massimo del %s)",
                     pct(r, sizeof r, raw, 2), pct(k, sizeof k, ru->achievement_cap, 0));
        }
        step(e, "Realizzazione del target (%s), con risultato %s e target %s: %s%s", rule,
             num(a, sizeof a, m->result, 2), num(b, sizeof b, t->value, 2),
             pct(c, sizeof c, m->achievement, 2), capped);
    } else
        step(e, "Realizzazione del target (%s): %s", rule, pct(c, sizeof c, m->achievement, 2));
}

/* The band of rules that holds achievement a, or NULL. */
static const rz_band *band_of(const rz_rules *ru, double a)
{
    for (size_t i = 0; i < ru->n_bands; i++) {
        const rz_band *b = &ru->bands[i];
        if (a + 1e-9 >= b->from && (!b->has_to || a < b->to - 1e-9))
            return b;
    }
    return NULL;
}

/* The rule that turned the achievement into the score, in the order the
 * engine applies them: all-or-nothing, threshold, bands, cap. */
static void normalised_step(rz_explanation *e, const rz_rules *ru, const rz_measurement *m)
{
    char a[64], b[64], c[64], d[64], f[64], g[64];
    if (!m->has_score)
        return;
    const char *ach = pct(a, sizeof a, m->achievement, 2);
    const rz_band *band = band_of(ru, m->achievement);
    if (ru->all_or_nothing)
        step(e, "Realizzazione parametrata (tutto o niente): %s, quindi %s", ach,
             pct(c, sizeof c, m->score, 2));
    else if (m->threshold_applied)
        step(e,
             "Realizzazione parametrata: %s è pari o superiore alla soglia del %s stabilita "
             "dalle regole del Piano, quindi conta %s",
             ach, pct(b, sizeof b, ru->threshold, 0), pct(c, sizeof c, m->score, 2));
    else if (band && band->linear)
        step(e,
             "Realizzazione parametrata: %s cade nella fascia %s–%s, con punteggio in proporzione "
             "da %s a %s: %s",
             ach, pct(b, sizeof b, band->from, 0), pct(d, sizeof d, band->to, 0),
             pct(c, sizeof c, band->score_from, 0), pct(f, sizeof f, band->score_to, 0),
             pct(g, sizeof g, m->score, 2));
    else if (band)
        step(e, "Realizzazione parametrata: %s cade nella fascia che parte da %s e vale %s", ach,
             pct(b, sizeof b, band->from, 0), pct(c, sizeof c, m->score, 2));
    else if (m->achievement > ru->cap + 1e-9)
        step(e, "Realizzazione parametrata: %s ridotta al tetto del %s", ach,
             pct(b, sizeof b, ru->cap, 0));
    else if (ru->has_threshold && m->achievement < ru->threshold)
        step(e, "Realizzazione parametrata: %s, sotto la soglia del %s, resta %s", ach,
             pct(b, sizeof b, ru->threshold, 0), pct(c, sizeof c, m->score, 2));
    else
        step(e, "Realizzazione parametrata: %s", pct(c, sizeof c, m->score, 2));
}

static void rettifica_step(rz_explanation *e, const rz_rettifica *r, int decimals)
{
    char w[256], a[64];
    step(e, "Rettifica %s (%s)%s%s: punteggio %s%s%s",
         r->approved ? "approvata" : "dichiarata ma non approvata, non applicata",
         where(w, sizeof w, r->loc), r->decided_by ? ", decisa da " : "",
         r->decided_by ? r->decided_by : "", pct(a, sizeof a, r->score, decimals),
         r->reason ? ". Motivazione: " : "", r->reason ? r->reason : "");
}

static const rz_scored_node *parent_of_indicator(const rz_scored_node *n,
                                                 const rz_scored_indicator *si)
{
    for (size_t i = 0; i < n->n_indicators; i++)
        if (n->indicators[i] == si)
            return n;
    for (size_t i = 0; i < n->n_children; i++) {
        const rz_scored_node *p = parent_of_indicator(n->children[i], si);
        if (p)
            return p;
    }
    return NULL;
}

void rz_explain_indicator(const rz_scored *s, const rz_scored_indicator *si, rz_explanation *out)
{
    const rz_rules *ru = rz_indicator_rules(s->plan, si->indicator);
    const rz_indicator *ind = si->indicator;
    char w[256], a[64];
    title(out, "Indicatore %s – %s", ind->code, ind->title ? ind->title : "");
    step(out, "Definizione (%s): misura %s%s%s%s%s%s", where(w, sizeof w, ind->loc),
         rz_measure_name(ind->measure), ind->algorithm ? ", algoritmo «" : "",
         ind->algorithm ? ind->algorithm : "", ind->algorithm ? "»" : "",
         ind->source ? ", fonte: " : ", fonte non indicata", ind->source ? ind->source : "");
    if (si->observation)
        for (size_t i = 0; i < si->observation->n_data; i++)
            data_step(out, ind, &si->observation->data[i]);
    else
        step(out, "Dati rilevati: nessuna rilevazione per questo indicatore");
    result_step(out, ru, ind, si->target, &si->total);
    target_step(out, s, si->target);
    achievement_step(out, ru, si->target, &si->total);
    normalised_step(out, ru, &si->total);
    if (!si->total.has_score && si->total.missing)
        step(out, "Nessun punteggio: %s", si->total.missing);
    if (si->rettifica)
        rettifica_step(out, si->rettifica, 2);
    if (si->observation && si->observation->deviation_reason)
        step(out, "Motivazione dello scostamento: %s", si->observation->deviation_reason);
    const rz_scored_node *p = s->entity ? parent_of_indicator(s->entity, si) : NULL;
    if (p && (si->total.has_score || si->has_adjusted))
        step(out, "Punteggio usato nel calcolo dell'obiettivo %s: %s, con peso %s",
             p->objective ? p->objective->code : "", pct(w, sizeof w, si->effective, 2),
             pct(a, sizeof a, si->weight, 2));
}

static const char *level_name(rz_node_level l)
{
    switch (l) {
    case RZ_NODE_ENTE:
        return "Ente";
    case RZ_NODE_AREA:
        return "Area strategica";
    case RZ_NODE_STRATEGIC:
        return "Obiettivo strategico";
    case RZ_NODE_OPERATIONAL:
        return "Obiettivo operativo";
    default:
        return "Nodo";
    }
}

static void components(rz_explanation *e, const rz_scored_node *n, int indicators, int decimals)
{
    char line[4096] = "", a[64], b[64];
    size_t k = 0;
    size_t count = indicators ? n->n_indicators : n->n_children;
    for (size_t i = 0; i < count && k < sizeof line; i++) {
        const char *code;
        int has;
        double v, w;
        if (indicators) {
            const rz_scored_indicator *si = n->indicators[i];
            code = si->indicator->code;
            has = si->total.has_score || si->has_adjusted;
            v = si->effective;
            w = si->weight;
        } else {
            const rz_scored_node *c = n->children[i];
            code = c->objective ? c->objective->code : "?";
            has = c->has_score;
            v = c->score;
            w = c->weight;
        }
        if (has)
            k += (size_t)snprintf(line + k, sizeof line - k, "%s%s %s × peso %s", i ? "; " : "",
                                  code, pct(a, sizeof a, v, indicators ? 2 : decimals),
                                  pct(b, sizeof b, w, 2));
        else
            k += (size_t)snprintf(line + k, sizeof line - k, "%s%s senza punteggio (escluso)",
                                  i ? "; " : "", code);
    }
    step(e, "Componenti: %s", *line ? line : "nessuna");
}

void rz_explain_node(const rz_scored *s, const rz_scored_node *n, rz_explanation *out)
{
    const rz_rules *ru = &s->plan->rules;
    int dec = ru->objective_decimals;
    char a[64], b[64], c[64], w[256];
    const rz_objective *o = n->objective;
    if (o)
        title(out, "%s %s – %s", level_name(n->level), o->code, o->title ? o->title : "");
    else
        title(out, "Ente – %s", s->plan->body_name ? s->plan->body_name : "");
    int from_ind = 0, from_children = 0;
    if (n->level == RZ_NODE_OPERATIONAL) {
        from_ind = 1;
        step(out, "Regola: media ponderata dei punteggi parametrati dei suoi indicatori");
    } else if (n->level == RZ_NODE_STRATEGIC) {
        if (ru->os_rule == RZ_OS_FROM_INDICATORS) {
            from_ind = 1;
            step(out, "Regola del Piano: media ponderata dei punteggi dei suoi indicatori "
                      "strategici");
        } else if (ru->os_rule == RZ_OS_FROM_OPERATIONAL) {
            from_children = 1;
            step(out, "Regola del Piano: media ponderata dei punteggi dei suoi obiettivi "
                      "operativi");
        } else {
            from_ind = from_children = 1;
            step(out, "Regola del Piano: %s%% indicatori strategici, il resto obiettivi operativi",
                 num(a, sizeof a, ru->has_os_indicator_weight ? ru->os_indicator_weight : 50, 0));
        }
    } else {
        from_children = 1;
        step(out, "Regola: media ponderata dei punteggi %s",
             n->level == RZ_NODE_AREA ? "dei suoi obiettivi strategici" : "delle aree strategiche");
    }
    if (from_ind)
        components(out, n, 1, dec);
    if (from_children)
        components(out, n, 0, dec);
    if (n->level == RZ_NODE_STRATEGIC && n->has_indicator_score && !from_ind)
        step(out, "Media dei soli indicatori strategici (mostrata a parte): %s",
             pct(a, sizeof a, n->indicator_score, dec));
    if (n->has_computed)
        step(out, "Punteggio calcolato: %s%s", pct(a, sizeof a, n->computed, dec),
             n->n_missing ? " (esclusi gli elementi senza punteggio)" : "");
    else
        step(out, "Punteggio calcolato: nessuno, mancano i dati");
    if (n->rettifica)
        rettifica_step(out, n->rettifica, dec);
    for (size_t i = 0; i < n->n_declared; i++)
        rettifica_step(out, n->declared[i], dec);
    if (n->has_score && o)
        step(out,
             "Punteggio: %s; peso nel livello superiore %s, quota dell'ente %s, contributo al "
             "punteggio dell'ente %s",
             pct(a, sizeof a, n->score, dec), pct(b, sizeof b, n->weight, 1),
             pct(c, sizeof c, n->weight_entity, 1), pct(w, sizeof w, n->contribution, 2));
    else if (n->has_score)
        step(out, "Punteggio dell'ente: %s", pct(a, sizeof a, n->score, dec));
}

/* A name without the code it may begin with: some plans name a unit
 * «ISR – Azienda Speciale…», which would print the code twice. */
static const char *without_code(const char *code, const char *name)
{
    size_t n = strlen(code);
    static const char *const dashes[] = {" – ", " - ", " ‐ "};
    if (name && n && !strncmp(name, code, n))
        for (size_t k = 0; k < 3; k++)
            if (!strncmp(name + n, dashes[k], strlen(dashes[k])))
                return name + n + strlen(dashes[k]);
    return name ? name : "";
}

void rz_explain_unit(const rz_scored *s, const rz_scored_unit *u, rz_explanation *out)
{
    const rz_rules *ru = &s->plan->rules;
    char line[4096] = "", a[64];
    title(out, "Unità organizzativa %s – %s", u->unit->code,
          without_code(u->unit->code, u->unit->name));
    if (u->from_children) {
        step(out, "Regola: senza indicatori propri, media dei punteggi delle unità che ne "
                  "dipendono");
    } else {
        step(out, "Regola: media dei punteggi parametrati degli indicatori della sua scheda, "
                  "misurati sui dati dell'unità");
        size_t k = 0;
        for (size_t i = 0; i < u->n_indicators && k < sizeof line; i++) {
            const rz_measurement *m = u->measurements[i];
            if (m && m->has_score)
                k += (size_t)snprintf(line + k, sizeof line - k, "%s%s %s", i ? "; " : "",
                                      u->indicators[i]->indicator->code,
                                      pct(a, sizeof a, m->score, 2));
            else
                k += (size_t)snprintf(line + k, sizeof line - k, "%s%s senza punteggio (escluso)",
                                      i ? "; " : "", u->indicators[i]->indicator->code);
        }
        step(out, "Componenti: %s", *line ? line : "nessuna");
    }
    if (u->has_score)
        step(out, "Punteggio calcolato: %s", pct(a, sizeof a, u->computed, ru->indicator_decimals));
    if (u->rettifica)
        rettifica_step(out, u->rettifica, ru->indicator_decimals);
    if (u->has_score)
        step(out, "Punteggio: %s", pct(a, sizeof a, u->score, ru->indicator_decimals));
}

int rz_explain(const rz_scored *s, const char *code, rz_explanation *out)
{
    memset(out, 0, sizeof *out);
    if (s->entity && !strcmp(code, "ente")) {
        rz_explain_node(s, s->entity, out);
        return 1;
    }
    const rz_scored_indicator *si = rz_scored_find_indicator(s, code);
    if (si) {
        rz_explain_indicator(s, si, out);
        return 1;
    }
    static const rz_node_level levels[] = {RZ_NODE_OPERATIONAL, RZ_NODE_STRATEGIC, RZ_NODE_AREA};
    for (size_t i = 0; i < 3; i++) {
        const rz_scored_node *n = rz_scored_find_node(s, levels[i], code);
        if (n) {
            rz_explain_node(s, n, out);
            return 1;
        }
    }
    for (size_t i = 0; i < s->n_units; i++)
        if (!strcmp(s->units[i].unit->code, code)) {
            rz_explain_unit(s, &s->units[i], out);
            return 1;
        }
    if (s->entity && !strcmp(code, "ENTE")) {
        rz_explain_node(s, s->entity, out);
        return 1;
    }
    return 0;
}
