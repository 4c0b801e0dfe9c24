/*
 * report_view.c — the scored tree as the view the templates read.
 *
 * This is the only place where engine structures become template data. The
 * view holds, for every figure, the text a document prints (Italian format,
 * with the precision the plan's rules set: "97,8%", "17,33", "25/06/2019")
 * and, where a chart or an export needs it, the number itself under a key
 * ending in _numero. Templates therefore never compute or format anything.
 *
 * Key names are Italian, like the templates a clerk edits. The layout:
 *
 *   ente {nome, nome_breve}  anno  triennio  regole {...}  periodi [..]
 *   ente_risultato  {punteggio, punteggio_calcolato, rettificato, rettifica}
 *   aree [ {codice, titolo, punteggio, peso, contributo, esito,
 *           obiettivi_strategici [ {..., peso, ponderato, peso_ente,
 *             contributo, unita, indicatori [ind], obiettivi_operativi
 *             [ {..., frd, indicatori [ind]} ] } ] } ]
 *   ind = {codice, titolo, algoritmo, risultato, target, realizzazione,
 *          parametrata, esito, nota, fonte}
 *   unita [ {codice, nome, responsabile, punteggio, n_indicatori,
 *            indicatori [ {..., valori [testo per periodo]} ]} ]
 *   prospettive, conteggi, criticita, rettifiche, rettifiche_dichiarate,
 *   indicatori_significativi, gruppi_individuali
 */
#include "report_view.h"
#include "report_view_int.h"
#include "format.h"
#include "printed.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *rv_term(const builder *b, const char *key, const char *dflt)
{
    const char *w = b->terms ? rz_view_as_str(rz_view_get(b->terms, key)) : NULL;
    return w && *w ? w : dflt;
}

/* ---- formatting with the plan's precision ---- */

/* Sets key to the figure as printed ("97,8%", or "n.d.") and key_valore
 * to the engine's number (in points, unrounded), for JSON and open data;
 * key_valore is absent when there is no figure. */
static void set_pct(builder *b, rz_view *m, const char *key, int has, double v, int decimals)
{
    char buf[64];
    if (!has) {
        rz_view_set_str(m, key, "n.d.");
        return;
    }
    rz_fmt_percent(buf, sizeof buf, v, decimals);
    rz_view_set_str(m, key, buf);
    char k[64];
    snprintf(k, sizeof k, "%s_valore", key);
    rz_view_set_num(m, k, v);
    (void)b;
}

/* "Escluso dal calcolo: …" for the exclusions of a score that exists
 * (ha_esclusioni false and esclusioni "" when there are none, or when
 * there is no score at all: then "n.d." says it, with its reason). */
static void set_exclusions(builder *b, rz_view *m, int has_score, const rz_exclusions *x)
{
    rz_buf t;
    rz_buf_init(&t);
    size_t left = 0, zero = 0;
    for (size_t i = 0; i < x->count; i++)
        x->items[i].as_zero ? zero++ : left++;
    for (int pass = 0; pass < 2; pass++) {
        size_t n = pass ? zero : left;
        if (!n)
            continue;
        if (t.len)
            rz_buf_puts(&t, " ");
        rz_buf_puts(&t, pass ? "Contato come 0 nel calcolo: " : "Escluso dal calcolo: ");
        size_t k = 0;
        for (size_t i = 0; i < x->count; i++) {
            const rz_exclusion *e = &x->items[i];
            if (e->as_zero != pass)
                continue;
            rz_buf_puts(&t, k++ ? "; " : "");
            rz_buf_puts(&t, e->what);
            if (e->code) {
                rz_buf_puts(&t, " ");
                rz_buf_puts(&t, e->code);
            }
            rz_buf_puts(&t, " (");
            rz_buf_puts(&t, e->reason);
            rz_buf_puts(&t, ")");
        }
        rz_buf_puts(&t, ".");
    }
    rz_view_set_bool(m, "ha_esclusioni", has_score && x->count > 0);
    rz_view_set_str(m, "esclusioni", rz_buf_str(&t));
    rz_view_set_num(m, "n_esclusi", (double)x->count);
    rz_buf_free(&t);
    (void)b;
}

static void set_score(builder *b, rz_view *m, const char *key, int has, double v)
{
    set_pct(b, m, key, has, v, b->rules->objective_decimals);
    char k[64], buf[64];
    snprintf(k, sizeof k, "%s_numero", key);
    if (has) {
        rz_fmt_number(buf, sizeof buf, v, b->rules->objective_decimals);
        rz_view_set_str(m, k, buf);
    }
}

/* Sets key to the date, or to fallback when there is none. */
static void set_date(rz_view *m, const char *key, int has, rz_date d, const char *fallback)
{
    char buf[32];
    if (has)
        rz_fmt_day(buf, sizeof buf, d);
    rz_view_set_str(m, key, has ? buf : fallback);
}

/* The printed form of a measured result: the Relazione's own words for
 * what has no figure, yes/no and text or SAL measures, whole values without
 * decimals, and otherwise the plan's precision. */
static void result_text(builder *b, char *buf, size_t n, const rz_indicator *ind,
                        const rz_target *t, const rz_measurement *m)
{
    if (!m->has_result) {
        if (m->result_text)
            snprintf(buf, n, "%s", m->result_text);
        else
            snprintf(buf, n, "n.d.");
        return;
    }
    if (!m->result_is_date && ind->measure == RZ_MEASURE_YESNO) {
        snprintf(buf, n, "%s", m->result > 0.5 ? "Sì" : "No");
        return;
    }
    int dec = b->rules->indicator_decimals;
    if (!m->result_is_date && (ind->measure == RZ_MEASURE_TEXT || ind->measure == RZ_MEASURE_SAL)) {
        rz_fmt_percent(buf, n, m->result, m->result == floor(m->result) ? 0 : dec);
        if (m->result_text) {
            size_t l = strlen(buf);
            snprintf(buf + l, n - l, " (%s)", m->result_text);
        }
        return;
    }
    int whole = (!t || t->kind != RZ_TGT_PERCENT) && ind->measure == RZ_MEASURE_VALUE &&
                ind->aggregation != RZ_AGG_MEAN && m->result == floor(m->result);
    rz_fmt_result(buf, n, m, t, whole ? 0 : dec);
}

static void target_text(builder *b, char *buf, size_t n, const rz_target *t)
{
    if (!t) {
        snprintf(buf, n, "n.d.");
        return;
    }
    if (t->text) {
        snprintf(buf, n, "%s", t->text);
        return;
    }
    char v[64] = "";
    if (t->kind == RZ_TGT_YESNO && t->has_value)
        snprintf(v, sizeof v, "%s", t->value > 0.5 ? "Sì" : "No");
    else if (t->kind == RZ_TGT_DATE && t->has_value)
        rz_fmt_day(v, sizeof v, t->date);
    else if (t->kind == RZ_TGT_PERCENT && t->has_value)
        rz_fmt_percent(v, sizeof v, t->value, t->value == floor(t->value) ? 0 : 2);
    else if (t->has_value)
        rz_fmt_number(v, sizeof v, t->value, t->value == floor(t->value) ? 0 : 2);
    else if (t->reference)
        snprintf(v, sizeof v, "%s", t->reference);
    snprintf(buf, n, "%s %s", rz_comparator_symbol(t->cmp), v);
    (void)b;
}

static void set_measurement(builder *b, rz_view *m, const rz_indicator *ind, const rz_target *t,
                            const rz_measurement *ms)
{
    char buf[256];
    result_text(b, buf, sizeof buf, ind, t, ms);
    rz_view_set_str(m, "risultato", buf);
    target_text(b, buf, sizeof buf, t);
    rz_view_set_str(m, "target", buf);
    if (ms->has_result && !ms->result_is_date)
        rz_view_set_num(m, "risultato_valore", ms->result);
    set_pct(b, m, "realizzazione", ms->has_achievement, ms->achievement,
            b->rules->indicator_decimals);
    set_pct(b, m, "parametrata", ms->has_score, ms->score, b->rules->indicator_decimals);
    rz_view_set_bool(m, "rettificato", ms->has_adjusted);
    if (ms->has_adjusted) {
        /* The adjusted figure with the computed one beside it, wherever
         * the figure is printed. */
        char a[64], c[64];
        rz_fmt_percent(a, sizeof a, ms->score, b->rules->indicator_decimals);
        rz_fmt_percent(c, sizeof c, ms->computed_score, b->rules->indicator_decimals);
        snprintf(buf, sizeof buf, "%s (rettificato; calcolato %s)", a, c);
        rz_view_set_str(m, "parametrata", buf);
        set_pct(b, m, "parametrata_calcolata", 1, ms->computed_score, b->rules->indicator_decimals);
    }
    rz_view_set_str(m, "esito",
                    rz_outcome_name(rz_score_outcome(b->rules, ms->has_score, ms->score)));
}

static rz_view *indicator_view(builder *b, const rz_scored_indicator *si)
{
    const rz_indicator *ind = si->indicator;
    rz_view *m = rz_view_map(b->doc);
    rz_view_set_str(m, "codice", ind->code);
    rz_view_set_str(m, "titolo", ind->title ? ind->title : "");
    rz_view_set_str(m, "algoritmo", ind->algorithm ? ind->algorithm : "");
    rz_view_set_str(m, "fonte", ind->source ? ind->source : "");
    rz_view_set_str(m, "tipo", ind->level == RZ_LEVEL_STRATEGIC ? "IS" : "IO");
    set_measurement(b, m, ind, si->target, &si->total);
    char note[512] = "";
    if (si->has_adjusted) {
        char a[64], c[64] = "n.d.";
        rz_fmt_percent(a, sizeof a, si->adjusted, b->rules->indicator_decimals);
        if (si->total.has_score)
            rz_fmt_percent(c, sizeof c, si->total.score, b->rules->indicator_decimals);
        snprintf(note, sizeof note, "Rettificato a %s (calcolato %s) da %s: %s", a, c,
                 si->rettifica->decided_by, si->rettifica->reason);
        set_pct(b, m, "parametrata", 1, si->adjusted, b->rules->indicator_decimals);
        set_pct(b, m, "parametrata_calcolata", si->total.has_score, si->total.score,
                b->rules->indicator_decimals);
        rz_view_set_bool(m, "rettificato", 1);
    } else if (!si->total.has_score && si->total.missing) {
        snprintf(note, sizeof note, "%s", si->total.missing);
    } else if (si->observation && si->observation->deviation_reason && si->total.has_achievement &&
               si->total.achievement < 100) {
        snprintf(note, sizeof note, "%s", si->observation->deviation_reason);
    }
    rz_view_set_str(m, "nota", note);
    rz_view_set_bool(m, "significativo", ind->significant);
    rz_view *years = rz_view_list(b->doc);
    for (size_t i = 0; i < ind->n_targets; i++) {
        rz_view *y = rz_view_map(b->doc);
        char buf[256];
        rz_view_set_num(y, "anno", ind->targets[i].year);
        target_text(b, buf, sizeof buf, &ind->targets[i]);
        rz_view_set_str(y, "target", buf);
        rz_view_push(years, y);
    }
    rz_view_set(m, "target_per_anno", years);
    if (ind->baseline) {
        rz_view_set_str(m, "valore_storico", ind->baseline);
        if (ind->baseline_year)
            rz_view_set_num(m, "valore_storico_anno", ind->baseline_year);
    }
    rz_view_set_bool(m, "eliminato", ind->removed);
    return m;
}

static rz_view *rettifica_view(builder *b, const rz_rettifica *r)
{
    rz_view *m = rz_view_map(b->doc);
    set_pct(b, m, "punteggio", 1, r->score, b->rules->objective_decimals);
    rz_view_set_str(m, "motivazione", r->reason ? r->reason : "");
    rz_view_set_str(m, "deciso_da", r->decided_by ? r->decided_by : "");
    set_date(m, "data", r->has_date, r->date, "");
    rz_view_set_str(m, "stato", r->approved ? "approvata" : "dichiarata, non approvata");
    return m;
}

static const char *const node_labels[] = {"Ente", "AS", "OS", "OO", "IND", "UO", "IND"};

/* The short label of a level (AS, OS, OO…), in the profile's words where
 * it has them (VP for an obiettivo di valore pubblico…). */
static const char *node_label(const builder *b, rz_node_level level)
{
    if (level == RZ_NODE_AREA)
        return rv_term(b, "sigla_area", node_labels[level]);
    if (level == RZ_NODE_OPERATIONAL)
        return rv_term(b, "sigla_operativo", node_labels[level]);
    return node_labels[level];
}

/* The mission of programme code in plan p, or NULL. */
static const char *programme_mission(const rz_plan *p, const char *code)
{
    for (size_t k = 0; k < p->n_programmes; k++)
        if (strcmp(p->programmes[k].code, code) == 0)
            return p->programmes[k].mission;
    return NULL;
}

/* The names of the BSC perspectives and the missions of the programmes an
 * objective cites, each once, joined by " / " as the Premessa prints them. */
static void links_text(builder *b, const rz_objective *o, rz_view *m)
{
    const rz_plan *p = b->s->plan;
    rz_buf per, mis;
    rz_buf_init(&per);
    rz_buf_init(&mis);
    for (size_t i = 0; i < o->perspectives.count; i++)
        for (size_t k = 0; k < p->n_perspectives; k++)
            if (strcmp(p->perspectives[k].code, o->perspectives.items[i]) == 0) {
                if (per.len)
                    rz_buf_puts(&per, " / ");
                rz_buf_puts(&per, p->perspectives[k].name ? p->perspectives[k].name
                                                          : p->perspectives[k].code);
            }
    /* Several programmes share a mission: each mission once, compared
     * whole (one mission's name may be part of another's). */
    for (size_t i = 0; i < o->programmes.count; i++) {
        const char *mission = programme_mission(p, o->programmes.items[i]);
        size_t j = 0;
        for (; mission && j < i; j++) {
            const char *earlier = programme_mission(p, o->programmes.items[j]);
            if (earlier && strcmp(earlier, mission) == 0)
                break;
        }
        if (!mission || j < i)
            continue;
        if (mis.len)
            rz_buf_puts(&mis, " / ");
        rz_buf_puts(&mis, mission);
    }
    rz_view_set_str(m, "prospettive_bsc", rz_buf_str(&per));
    rz_view_set_str(m, "missioni", rz_buf_str(&mis));
    rz_buf_free(&per);
    rz_buf_free(&mis);
}

static void node_common(builder *b, rz_view *m, const rz_scored_node *n)
{
    if (n->objective) {
        rz_view_set_str(m, "codice", n->objective->code);
        rz_view_set_str(m, "titolo", n->objective->title ? n->objective->title : "");
    }
    rz_view_set_str(m, "livello", node_label(b, n->level));
    set_score(b, m, "punteggio", n->has_score, n->score);
    set_pct(b, m, "punteggio_calcolato", n->has_computed, n->computed,
            b->rules->objective_decimals);
    set_pct(b, m, "peso", 1, n->weight, 1);
    set_pct(b, m, "peso_ente", 1, n->weight_entity, 1);
    set_pct(b, m, "contributo", n->has_score, n->contribution, 1);
    set_pct(b, m, "ponderato", n->has_score, n->weighted_in_parent, 1);
    rz_view_set_str(m, "esito", rz_outcome_name(n->outcome));
    set_exclusions(b, m, n->has_score, &n->excluded);
    rz_view_set_bool(m, "sotto_soglia_minima", n->gated);
    rz_view_set_bool(m, "rettificato", n->has_adjusted);
    if (n->rettifica)
        rz_view_set(m, "rettifica", rettifica_view(b, n->rettifica));
    rz_view *decl = rz_view_list(b->doc);
    for (size_t i = 0; i < n->n_declared; i++)
        rz_view_push(decl, rettifica_view(b, n->declared[i]));
    rz_view_set(m, "dichiarate", decl);
    rz_view *inds = rz_view_list(b->doc);
    for (size_t i = 0; i < n->n_indicators; i++)
        rz_view_push(inds, indicator_view(b, n->indicators[i]));
    rz_view_set(m, "indicatori", inds);
    if (n->objective) {
        char units[512] = "";
        size_t len = 0;
        for (size_t i = 0; i < n->objective->units.count && len + 2 < sizeof units; i++)
            len += (size_t)snprintf(units + len, sizeof units - len, "%s%s", i ? ", " : "",
                                    n->objective->units.items[i]);
        rz_view_set_str(m, "unita", units);
        rz_view_set_bool(m, "frd", n->objective->frd);
        links_text(b, n->objective, m);
        if (n->objective->description)
            rz_view_set_str(m, "descrizione", n->objective->description);
        rz_view *res = rz_view_list(b->doc);
        static const char *const kinds[] = {"Proventi", "Oneri", "Investimenti"};
        for (size_t i = 0; i < n->objective->n_resources; i++) {
            const rz_resource *r = &n->objective->resources[i];
            rz_view *rv = rz_view_map(b->doc);
            char buf[64];
            rz_view_set_str(rv, "voce", kinds[r->kind]);
            if (r->year)
                rz_view_set_num(rv, "anno", r->year);
            rz_view_set_str(rv, "previsione",
                            r->has_forecast ? rz_fmt_euro(buf, sizeof buf, r->forecast, 2)
                                            : "n.d.");
            rz_view_set_str(rv, "consuntivo",
                            r->has_actual ? rz_fmt_euro(buf, sizeof buf, r->actual, 2) : "n.d.");
            if (r->has_forecast && r->has_actual && r->forecast != 0)
                set_pct(b, rv, "utilizzo", 1, r->actual / r->forecast * 100.0, 1);
            else
                rz_view_set_str(rv, "utilizzo", "n.d.");
            rz_view_push(res, rv);
        }
        rz_view_set(m, "risorse", res);
    }
}

static rz_view *node_view(builder *b, const rz_scored_node *n)
{
    rz_view *m = rz_view_map(b->doc);
    node_common(b, m, n);
    if (n->level == RZ_NODE_STRATEGIC) {
        set_pct(b, m, "punteggio_indicatori", n->has_indicator_score, n->indicator_score,
                b->rules->objective_decimals);
        rz_view *oos = rz_view_list(b->doc);
        for (size_t i = 0; i < n->n_children; i++)
            rz_view_push(oos, node_view(b, n->children[i]));
        rz_view_set(m, "obiettivi_operativi", oos);
    } else if (n->level == RZ_NODE_AREA) {
        rz_view *oss = rz_view_list(b->doc);
        for (size_t i = 0; i < n->n_children; i++)
            rz_view_push(oss, node_view(b, n->children[i]));
        rz_view_set(m, "obiettivi_strategici", oss);
    }
    return m;
}

/* Objectives tied to the prevention of corruption and to transparency
 * (the PIAO's subsection «Rischi corruttivi e trasparenza»), in tree order. */
static void collect_prevention(builder *b, const rz_scored_node *n, rz_view *list)
{
    const rz_objective *o = n->objective;
    if (o && (o->transparency || o->anticorruption)) {
        rz_view *m = rz_view_map(b->doc);
        rz_view_set_str(m, "codice", o->code);
        rz_view_set_str(m, "titolo", o->title ? o->title : "");
        rz_view_set_str(m, "livello", node_label(b, n->level));
        rz_view_set_str(m, "ambito",
                        o->transparency && o->anticorruption
                            ? "prevenzione della corruzione e trasparenza"
                        : o->transparency ? "trasparenza"
                                          : "prevenzione della corruzione");
        set_score(b, m, "punteggio", n->has_score, n->score);
        rz_view_set_str(m, "esito", rz_outcome_name(n->outcome));
        rz_view_push(list, m);
    }
    for (size_t i = 0; i < n->n_children; i++)
        collect_prevention(b, n->children[i], list);
}

/* ---- units ---- */

static void period_value_text(builder *b, char *buf, size_t n, const rz_indicator *ind,
                              const rz_unit_data *u, const char *period)
{
    snprintf(buf, n, "n.d."); /* one missing-value marker in every document */
    if (!u)
        return;
    for (size_t i = 0; i < u->n_values; i++) {
        const rz_period_value *v = &u->values[i];
        if (!v->period || strcmp(v->period, period) != 0)
            continue;
        if (v->missing) {
            snprintf(buf, n, "n.d.");
        } else if (ind->measure == RZ_MEASURE_RATIO && v->has_num && v->has_den) {
            char a[48], c[48];
            rz_fmt_number(a, sizeof a, v->num, v->num == floor(v->num) ? 0 : 2);
            rz_fmt_number(c, sizeof c, v->den, v->den == floor(v->den) ? 0 : 2);
            if (snprintf(buf, n, "%s / %s", a, c) >= (int)n)
                buf[n - 1] = '\0'; /* cut, still terminated */
        } else if (v->has_date) {
            rz_fmt_day(buf, n, v->date);
        } else if (v->has_value) {
            rz_fmt_number(buf, n, v->value, v->value == floor(v->value) ? 0 : 2);
        }
        return;
    }
    (void)b;
}

static const rz_unit_data *unit_data(const rz_observation *o, const char *unit)
{
    if (!o)
        return NULL;
    for (size_t i = 0; i < o->n_data; i++)
        if (o->data[i].unit && strcmp(o->data[i].unit, unit) == 0)
            return &o->data[i];
    /* The body's own data, for an indicator the unit owns. */
    for (size_t i = 0; i < o->n_data; i++)
        if (!o->data[i].unit)
            return &o->data[i];
    return NULL;
}

static rz_view *units_view(builder *b)
{
    const rz_scored *s = b->s;
    const rz_monitoring *mon = s->monitoring;
    rz_view *list = rz_view_list(b->doc);
    for (size_t u = 0; u < s->n_units; u++) {
        const rz_scored_unit *su = &s->units[u];
        if (!su->n_indicators && !su->from_children)
            continue;
        rz_view *m = rz_view_map(b->doc);
        rz_view_set_bool(m, "media_unita_figlie", su->from_children);
        rz_view_set_str(m, "codice", su->unit->code);
        rz_view_set_str(m, "nome", su->unit->name ? su->unit->name : "");
        if (su->unit->head)
            rz_view_set_str(m, "responsabile", su->unit->head);
        /* Unit sheets print their result with the indicators' precision
         * (seed 003: "FRD ... 97,41%"). */
        set_pct(b, m, "punteggio", su->has_score, su->score, b->rules->indicator_decimals);
        if (su->has_score) {
            char num[64];
            rz_fmt_number(num, sizeof num, su->score, b->rules->indicator_decimals);
            rz_view_set_str(m, "punteggio_numero", num);
        }
        rz_view_set_num(m, "n_indicatori", (double)su->n_indicators);
        set_exclusions(b, m, su->has_score, &su->excluded);
        rz_view_set_bool(m, "rettificato", su->has_adjusted);
        if (su->has_adjusted) {
            set_pct(b, m, "punteggio_calcolato", 1, su->computed, b->rules->indicator_decimals);
            rz_view_set(m, "rettifica", rettifica_view(b, su->rettifica));
        }
        rz_view *inds = rz_view_list(b->doc);
        for (size_t i = 0; i < su->n_indicators; i++) {
            const rz_scored_indicator *si = su->indicators[i];
            rz_view *im = rz_view_map(b->doc);
            rz_view_set_str(im, "codice", si->indicator->code);
            rz_view_set_str(im, "titolo", si->indicator->title ? si->indicator->title : "");
            rz_view_set_str(im, "algoritmo",
                            si->indicator->algorithm ? si->indicator->algorithm : "");
            set_measurement(b, im, si->indicator, si->target, su->measurements[i]);
            rz_view *vals = rz_view_list(b->doc);
            const rz_unit_data *ud = unit_data(si->observation, su->unit->code);
            for (size_t p = 0; mon && p < mon->n_periods; p++) {
                char buf[96];
                period_value_text(b, buf, sizeof buf, si->indicator, ud, mon->periods[p].code);
                rz_view_push(vals, rz_view_str(b->doc, buf));
            }
            rz_view_set(im, "valori", vals);
            /* The year's total as the sheets print it ("TOT / MEDIA Anno"). */
            const rz_measurement *um = su->measurements[i];
            char tot[96];
            if (si->indicator->measure == RZ_MEASURE_RATIO && um->n_values) {
                char a[48], c2[48];
                rz_fmt_number(a, sizeof a, um->num, um->num == floor(um->num) ? 0 : 2);
                rz_fmt_number(c2, sizeof c2, um->den, um->den == floor(um->den) ? 0 : 2);
                if (snprintf(tot, sizeof tot, "%s / %s", a, c2) >= (int)sizeof tot)
                    tot[sizeof tot - 1] = '\0';
            } else {
                result_text(b, tot, sizeof tot, si->indicator, si->target, um);
            }
            rz_view_set_str(im, "totale", tot);
            rz_view_push(inds, im);
        }
        rz_view_set(m, "indicatori", inds);
        rz_view_push(list, m);
    }
    return list;
}

/* ---- summaries ---- */

static rz_view *counts_view(builder *b, const rz_counts *c)
{
    rz_view *m = rz_view_map(b->doc);
    rz_view_set_num(m, "totale", (double)c->total);
    rz_view_set_num(m, "raggiunti", (double)c->reached);
    rz_view_set_num(m, "parziali", (double)c->partial);
    rz_view_set_num(m, "non_raggiunti", (double)c->not_reached);
    rz_view_set_num(m, "mancanti", (double)c->missing);
    rz_view_set_bool(m, "presenti", c->total > 0);
    rz_view_set_bool(m, "mancanti_presenti", c->missing > 0);
    const size_t *parts[] = {&c->reached, &c->partial, &c->not_reached, &c->missing};
    const char *keys[] = {"perc_raggiunti", "perc_parziali", "perc_non_raggiunti", "perc_mancanti"};
    for (int i = 0; i < 4; i++)
        set_pct(b, m, keys[i], c->total > 0,
                c->total ? 100.0 * (double)*parts[i] / (double)c->total : 0, 0);
    size_t sum = c->reached + c->partial + c->not_reached + c->missing;
    set_pct(b, m, "perc_totale", c->total > 0,
            c->total ? 100.0 * (double)sum / (double)c->total : 0, 0);
    return m;
}

/* The critical issue the monitoring data state for node n, and the actions
 * planned for the next cycle ("" and an empty list when none). */
static void criticita_of(builder *b, rz_view *m, const rz_scored_node *n)
{
    const rz_monitoring *mon = b->s->monitoring;
    const rz_criticita *c = NULL;
    for (size_t i = 0; mon && n->objective && i < mon->n_criticita; i++)
        if (mon->criticita[i].level == n->level && mon->criticita[i].code &&
            strcmp(mon->criticita[i].code, n->objective->code) == 0)
            c = &mon->criticita[i];
    rz_view_set_bool(m, "ha_criticita", c != NULL);
    rz_view_set_str(m, "criticita_riscontrate", c && c->description ? c->description : "");
    rz_view *acts = rz_view_list(b->doc);
    for (size_t i = 0; c && i < c->n_actions; i++) {
        rz_view *a = rz_view_map(b->doc);
        rz_view_set_str(a, "testo", c->actions[i] ? c->actions[i] : "");
        rz_view_push(acts, a);
    }
    rz_view_set(m, "azioni_previste", acts);
}

static void collect_criticita(builder *b, rz_view *list, const rz_scored_node *n)
{
    if ((n->level == RZ_NODE_STRATEGIC || n->level == RZ_NODE_OPERATIONAL) && n->has_score &&
        n->outcome != RZ_OUTCOME_REACHED) {
        rz_view *m = rz_view_map(b->doc);
        node_common(b, m, n);
        set_pct(b, m, "scostamento", 1, b->rules->reached - n->score, b->rules->objective_decimals);
        char why[1024] = "";
        size_t len = 0;
        if (n->rettifica && n->rettifica->reason)
            len += (size_t)snprintf(why, sizeof why, "%s", n->rettifica->reason);
        for (size_t i = 0; i < n->n_indicators && len + 4 < sizeof why; i++) {
            const rz_scored_indicator *si = n->indicators[i];
            if (si->observation && si->observation->deviation_reason && si->total.has_achievement &&
                si->total.achievement < 100)
                len += (size_t)snprintf(why + len, sizeof why - len, "%s%s: %s", len ? " " : "",
                                        si->indicator->code, si->observation->deviation_reason);
        }
        rz_view_set_str(m, "motivazione", len ? why : "motivazione non indicata");
        criticita_of(b, m, n);
        rz_view_push(list, m);
    }
    for (size_t i = 0; i < n->n_children; i++)
        collect_criticita(b, list, n->children[i]);
}

static void collect_rettifiche(builder *b, rz_view *approved, rz_view *declared,
                               const rz_scored_node *n)
{
    char what[256];
    if (n->objective)
        snprintf(what, sizeof what, "%s %s", node_label(b, n->level), n->objective->code);
    else
        snprintf(what, sizeof what, "Ente");
    if (n->rettifica) {
        rz_view *m = rettifica_view(b, n->rettifica);
        rz_view_set_str(m, "oggetto", what);
        set_pct(b, m, "punteggio_calcolato", n->has_computed, n->computed,
                b->rules->objective_decimals);
        rz_view_push(approved, m);
    }
    for (size_t i = 0; i < n->n_declared; i++) {
        rz_view *m = rettifica_view(b, n->declared[i]);
        rz_view_set_str(m, "oggetto", what);
        set_pct(b, m, "punteggio_calcolato", n->has_computed, n->computed,
                b->rules->objective_decimals);
        set_pct(b, m, "punteggio_in_vigore", n->has_score, n->score, b->rules->objective_decimals);
        rz_view_push(approved, m);
        rz_view *d = rettifica_view(b, n->declared[i]);
        rz_view_set_str(d, "oggetto", what);
        set_pct(b, d, "punteggio_in_vigore", n->has_score, n->score, b->rules->objective_decimals);
        rz_view_push(declared, d);
    }
    for (size_t i = 0; i < n->n_children; i++)
        collect_rettifiche(b, approved, declared, n->children[i]);
}

/* The rettifiche of indicators and units, after the tree's: each with the
 * computed score beside the adjusted one. */
static void collect_other_rettifiche(builder *b, rz_view *approved, rz_view *declared)
{
    const rz_scored *s = b->s;
    int dec = b->rules->indicator_decimals;
    char what[256];
    for (size_t i = 0; i < s->n_indicators; i++) {
        const rz_scored_indicator *si = s->indicators[i];
        snprintf(what, sizeof what, "Indicatore %s", si->indicator->code);
        if (si->rettifica) {
            rz_view *m = rettifica_view(b, si->rettifica);
            rz_view_set_str(m, "oggetto", what);
            set_pct(b, m, "punteggio_calcolato", si->total.has_score, si->total.score, dec);
            rz_view_push(approved, m);
        }
        for (size_t k = 0; k < si->n_declared; k++) {
            int has = si->total.has_score || si->has_adjusted;
            rz_view *m = rettifica_view(b, si->declared[k]);
            rz_view_set_str(m, "oggetto", what);
            set_pct(b, m, "punteggio_calcolato", si->total.has_score, si->total.score, dec);
            set_pct(b, m, "punteggio_in_vigore", has, si->effective, dec);
            rz_view_push(approved, m);
            rz_view *d = rettifica_view(b, si->declared[k]);
            rz_view_set_str(d, "oggetto", what);
            set_pct(b, d, "punteggio_in_vigore", has, si->effective, dec);
            rz_view_push(declared, d);
        }
    }
    for (size_t i = 0; i < s->n_evaluated; i++) {
        const rz_scored_evaluated *se = &s->evaluated[i];
        if (!se->rettifica)
            continue;
        snprintf(what, sizeof what, "Valutato %s", se->evaluated->code);
        rz_view *m = rettifica_view(b, se->rettifica);
        rz_view_set_str(m, "oggetto", what);
        set_pct(b, m, "punteggio_calcolato", se->has_computed, se->computed,
                b->rules->objective_decimals);
        rz_view_push(approved, m);
    }
    for (size_t u = 0; u < s->n_units; u++) {
        const rz_scored_unit *su = &s->units[u];
        if (!su->rettifica)
            continue;
        snprintf(what, sizeof what, "Unità %s", su->unit->code);
        rz_view *m = rettifica_view(b, su->rettifica);
        rz_view_set_str(m, "oggetto", what);
        set_pct(b, m, "punteggio_calcolato", su->n_indicators || su->from_children, su->computed,
                dec);
        rz_view_push(approved, m);
    }
}

static rz_view *perspectives_view(builder *b)
{
    rz_view *list = rz_view_list(b->doc);
    for (size_t i = 0; i < b->s->n_perspectives; i++) {
        const rz_scored_perspective *sp = &b->s->perspectives[i];
        if (!sp->n_objectives)
            continue;
        rz_view *m = rz_view_map(b->doc);
        rz_view_set_str(m, "codice", sp->perspective->code);
        rz_view_set_str(m, "nome", sp->perspective->name ? sp->perspective->name : "");
        set_score(b, m, "punteggio", sp->has_score, sp->score);
        rz_view *objs = rz_view_list(b->doc);
        for (size_t k = 0; k < sp->n_objectives; k++) {
            rz_view *o = rz_view_map(b->doc);
            const rz_scored_node *n = sp->objectives[k];
            rz_view_set_str(o, "livello", node_label(b, n->level));
            rz_view_set_str(o, "codice", n->objective->code);
            rz_view_set_str(o, "titolo", n->objective->title ? n->objective->title : "");
            set_score(b, o, "punteggio", n->has_score, n->score);
            rz_view_push(objs, o);
        }
        rz_view_set(m, "obiettivi", objs);
        rz_view_set_num(m, "n_obiettivi", (double)sp->n_objectives);
        rz_view_set_num(m, "n_obiettivi_con_punteggio", (double)sp->n_scored);
        set_exclusions(b, m, sp->has_score, &sp->excluded);
        rz_view_push(list, m);
    }
    return list;
}

static rz_view *individuals_view(builder *b)
{
    const char *const titles[] = {
        rv_term(b, "obiettivi_segretario", "Obiettivi del Segretario Generale"),
        rv_term(b, "obiettivi_dirigenti", "Obiettivi individuali assegnati ai dirigenti"),
        rv_term(b, "obiettivi_posizioni",
                "Obiettivi individuali assegnati alle posizioni organizzative")};
    const rz_scored *s = b->s;
    rz_view *groups = rz_view_list(b->doc);
    for (int role = RZ_ROLE_SG; role <= RZ_ROLE_PO; role++) {
        if (!s->individual_by_role[role].total)
            continue;
        rz_view *g = counts_view(b, &s->individual_by_role[role]);
        rz_view_set_str(g, "titolo", titles[role]);
        /* The templates may name the group with the profile's words. */
        static const char *const keys[] = {"gruppo_segretario", "gruppo_dirigenti",
                                           "gruppo_posizioni"};
        for (int k = RZ_ROLE_SG; k <= RZ_ROLE_PO; k++) /* all set: sections nest */
            rz_view_set_bool(g, keys[k], k == role);
        rz_view *people = rz_view_list(b->doc);
        for (size_t i = 0; i < s->n_evaluated; i++) {
            const rz_scored_evaluated *se = &s->evaluated[i];
            if ((int)se->evaluated->role != role)
                continue;
            rz_view *p = rz_view_map(b->doc);
            rz_view_set_str(p, "codice", se->evaluated->code);
            if (se->evaluated->name)
                rz_view_set_str(p, "nome", se->evaluated->name);
            rz_view_set_str(p, "incarico", se->evaluated->office ? se->evaluated->office : "");
            set_score(b, p, "punteggio", se->has_score, se->score);
            set_exclusions(b, p, se->has_computed, &se->excluded);
            rz_view_set_bool(p, "rettificato", se->has_adjusted);
            if (se->has_adjusted) {
                set_pct(b, p, "punteggio_calcolato", se->has_computed, se->computed,
                        b->rules->objective_decimals);
                rz_view_set(p, "rettifica", rettifica_view(b, se->rettifica));
            }
            rz_view *objs = rz_view_list(b->doc);
            for (size_t k = 0; k < se->n_objectives; k++) {
                const rz_scored_individual_objective *so = &se->objectives[k];
                rz_view *o = rz_view_map(b->doc);
                const rz_indicator *ind = so->indicator ? so->indicator->indicator : NULL;
                set_pct(b, o, "peso", 1, so->weight, 1);
                rz_view_set_bool(o, "sotto_soglia_minima", so->gated);
                if (so->node) {
                    /* Linked to an organisational objective: its score. */
                    const rz_objective *ob = so->node->objective;
                    rz_view_set_str(o, "codice", ob->code);
                    rz_view_set_str(o, "titolo",
                                    so->objective->title ? so->objective->title
                                                         : (ob->title ? ob->title : ""));
                    char alg[160];
                    snprintf(alg, sizeof alg, "punteggio %s %s",
                             so->node->level == RZ_NODE_OPERATIONAL ? "dell'obiettivo operativo"
                             : so->node->level == RZ_NODE_STRATEGIC ? "dell'obiettivo strategico"
                                                                    : "dell'area",
                             ob->code);
                    rz_view_set_str(o, "algoritmo", alg);
                    set_pct(b, o, "risultato", so->has_score, so->score,
                            b->rules->objective_decimals);
                    rz_view_set_str(o, "target", "–");
                    set_pct(b, o, "realizzazione", so->has_score, so->score,
                            b->rules->objective_decimals);
                    set_pct(b, o, "parametrata", so->has_score, so->score,
                            b->rules->objective_decimals);
                    rz_view_push(objs, o);
                    continue;
                }
                rz_view_set_str(o, "codice", ind ? ind->code : "");
                rz_view_set_str(o, "titolo",
                                so->objective->title ? so->objective->title
                                                     : (ind && ind->title ? ind->title : ""));
                rz_view_set_str(o, "algoritmo", ind && ind->algorithm ? ind->algorithm : "");
                if (ind && so->m) {
                    set_measurement(b, o, ind, so->indicator->target, so->m);
                } else {
                    rz_view_set_str(o, "risultato", "n.d.");
                    rz_view_set_str(o, "target", "n.d.");
                    rz_view_set_str(o, "realizzazione", "n.d.");
                    rz_view_set_str(o, "parametrata", "n.d.");
                }
                rz_view_push(objs, o);
            }
            rz_view_set(p, "obiettivi", objs);
            rz_view_push(people, p);
        }
        rz_view_set(g, "valutati", people);
        rz_view_push(groups, g);
    }
    return groups;
}

rz_view *rz_report_indicator_view(rz_view_doc *doc, const rz_scored *s,
                                  const rz_scored_indicator *si)
{
    builder b = {doc, s, &s->plan->rules, NULL};
    return indicator_view(&b, si);
}

rz_view *rz_report_view(rz_view_doc *doc, const rz_scored *s)
{
    return rz_report_view_terms(doc, s, NULL);
}

rz_view *rz_report_view_terms(rz_view_doc *doc, const rz_scored *s, const rz_view *terms)
{
    builder b = {doc, s, &s->plan->rules, terms};
    const rz_plan *p = s->plan;
    rz_view *root = rz_view_map(doc);
    rz_view *ente = rz_view_map(doc);
    rz_view_set_str(ente, "nome", p->body_name ? p->body_name : "");
    rz_view_set_str(ente, "nome_breve",
                    p->body_short ? p->body_short : (p->body_name ? p->body_name : ""));
    rz_view_set(root, "ente", ente);
    rz_view_set_num(root, "anno", p->year);
    char tri[32];
    snprintf(tri, sizeof tri, "%d-%d", p->period_from, p->period_to);
    rz_view_set_str(root, "triennio", tri);
    rz_view_set(root, "regole", rv_rules_view(&b));

    rz_view *periods = rz_view_list(doc);
    for (size_t i = 0; s->monitoring && i < s->monitoring->n_periods; i++) {
        rz_view *pm = rz_view_map(doc);
        rz_view_set_str(pm, "codice", s->monitoring->periods[i].code);
        rz_view_set_str(pm, "nome",
                        s->monitoring->periods[i].name ? s->monitoring->periods[i].name : "");
        rz_view_push(periods, pm);
    }
    rz_view_set(root, "periodi", periods);

    rz_view *ent = rz_view_map(doc);
    node_common(&b, ent, s->entity);
    rz_view_set(root, "ente_risultato", ent);

    rz_view *areas = rz_view_list(doc);
    for (size_t i = 0; i < s->entity->n_children; i++)
        rz_view_push(areas, node_view(&b, s->entity->children[i]));
    rz_view_set(root, "aree", areas);
    rz_view *prevention = rz_view_list(doc);
    collect_prevention(&b, s->entity, prevention);
    rz_view_set(root, "prevenzione_corruzione", prevention);
    double area_weights = 0;
    for (size_t i = 0; i < s->entity->n_children; i++)
        area_weights += s->entity->children[i]->weight;
    set_pct(&b, root, "peso_aree", s->entity->n_children > 0, area_weights, 1);

    rz_view_set(root, "unita", units_view(&b));
    rz_view_set(root, "prospettive", perspectives_view(&b));

    rz_view *counts = rz_view_map(doc);
    rz_view_set(counts, "strategici", counts_view(&b, &s->strategic));
    rz_view_set(counts, "operativi", counts_view(&b, &s->operational));
    rz_view_set(counts, "indicatori", counts_view(&b, &s->indicator_counts));
    rz_view_set(counts, "unita", counts_view(&b, &s->unit_counts));
    rz_view_set(counts, "frd", counts_view(&b, &s->frd));
    rz_view_set(root, "conteggi", counts);

    rz_view *crit = rz_view_list(doc);
    collect_criticita(&b, crit, s->entity);
    rz_view_set(root, "criticita", crit);
    rz_view *rett = rz_view_list(doc), *decl = rz_view_list(doc);
    collect_rettifiche(&b, rett, decl, s->entity);
    collect_other_rettifiche(&b, rett, decl);
    rz_view_set(root, "rettifiche", rett);
    rz_view_set(root, "rettifiche_dichiarate", decl);

    rz_view *sig = rz_view_list(doc);
    for (size_t i = 0; i < s->n_indicators; i++)
        if (s->indicators[i]->indicator->significant)
            rz_view_push(sig, indicator_view(&b, s->indicators[i]));
    rz_view_set(root, "indicatori_significativi", sig);
    rz_view_set(root, "gruppi_individuali", individuals_view(&b));

    static const char *const rev_kinds[] = {"inserimento", "aggiornamento", "eliminazione"};
    rz_view *revs = rz_view_list(doc);
    for (size_t i = 0; i < p->n_revisions; i++) {
        const rz_revision *rv = &p->revisions[i];
        rz_view *m = rz_view_map(doc);
        rz_view_set_str(m, "tipo", rev_kinds[rv->kind]);
        rz_view_set_str(m, "oggetto", rv->subject ? rv->subject : "");
        char del[256] = "";
        for (size_t k = 0; rv->deliberation && k < p->n_deliberations; k++) {
            const rz_deliberation *dl = &p->deliberations[k];
            if (strcmp(dl->id, rv->deliberation) != 0)
                continue;
            char dd[32] = "data non indicata";
            if (dl->has_date)
                rz_fmt_day(dd, sizeof dd, dl->date);
            snprintf(del, sizeof del, "%s n. %s del %s", dl->organ ? dl->organ : "",
                     dl->number ? dl->number : "[numero non indicato]", dd);
        }
        rz_view_set_str(m, "delibera", del);
        set_date(m, "data", rv->has_date, rv->date, "");
        rz_view_set_str(m, "nota", rv->note ? rv->note : "");
        rz_view_push(revs, m);
    }
    rz_view_set(root, "revisioni", revs);
    rz_view *dels = rz_view_list(doc);
    for (size_t i = 0; i < p->n_deliberations; i++) {
        const rz_deliberation *dl = &p->deliberations[i];
        rz_view *m = rz_view_map(doc);
        rz_view_set_str(m, "organo", dl->organ ? dl->organ : "");
        rz_view_set_str(m, "numero", dl->number ? dl->number : "[non indicato]");
        set_date(m, "data", dl->has_date, dl->date, "[non indicata]");
        rz_view_set_str(m, "oggetto", dl->subject ? dl->subject : "");
        if (dl->url)
            rz_view_set_str(m, "url", dl->url);
        rz_view_push(dels, m);
    }
    rz_view_set(root, "delibere", dels);
    return root;
}
