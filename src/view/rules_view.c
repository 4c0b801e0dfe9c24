/*
 * rules_view.c — the Piano's rules of calculation as the documents state
 * them: the figures (threshold, cap, bands) in Italian form, and the
 * method of scoring as sentences in the profile's words, so that the
 * chapter on the method is written from the rules actually applied, never
 * copied by hand.
 */
#include "buf.h"
#include "format.h"
#include "report_view_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A rule's figure as a reader expects it: "90%", "92,5%". */
static const char *rule_pct(char *buf, size_t n, double v)
{
    int dec = v == floor(v) ? 0 : (v * 10 == floor(v * 10) ? 1 : 2);
    return rz_fmt_percent(buf, n, v, dec);
}

static const char *rule_num(char *buf, size_t n, double v)
{
    return rz_fmt_number(buf, n, v, v == floor(v) ? 0 : 2);
}

static void rule_sentence(builder *b, rz_view *list, const char *text)
{
    rz_view *m = rz_view_map(b->doc);
    rz_view_set_str(m, "testo", text);
    rz_view_push(list, m);
}

/* The bands of rules as a sentence fragment: "da 0% a 60%: 0%; …". */
static void bands_text(rz_buf *t, const rz_rules *r)
{
    char a[32], c[32], d[32], e[32];
    for (size_t i = 0; i < r->n_bands; i++) {
        const rz_band *bd = &r->bands[i];
        rz_buf_puts(t, i ? "; " : "");
        rz_buf_puts(t, bd->has_to ? "da " : "da ");
        rz_buf_puts(t, rule_pct(a, sizeof a, bd->from));
        if (bd->has_to) {
            rz_buf_puts(t, " a meno di ");
            rz_buf_puts(t, rule_pct(c, sizeof c, bd->to));
        } else {
            rz_buf_puts(t, " in su");
        }
        rz_buf_puts(t, ": ");
        if (bd->linear) {
            rz_buf_puts(t, "da ");
            rz_buf_puts(t, rule_pct(d, sizeof d, bd->score_from));
            rz_buf_puts(t, " a ");
            rz_buf_puts(t, rule_pct(e, sizeof e, bd->score_to));
            rz_buf_puts(t, " in proporzione");
        } else {
            rz_buf_puts(t, rule_pct(d, sizeof d, bd->score));
        }
    }
}

/* The deadline rule of r as a sentence ("" when all-or-nothing without
 * tolerance, the ordinary case said elsewhere). */
static void deadline_text(rz_buf *t, const rz_rules *r)
{
    char a[32], c[32];
    if (r->deadline_rule == RZ_DEADLINE_ALL_OR_NOTHING)
        rz_buf_puts(t, "un risultato raggiunto dopo la scadenza vale zero");
    else
        rz_buf_printf(
            t, "ogni %s di ritardo toglie %s punti",
            r->deadline_rule == RZ_DEADLINE_DAILY_PENALTY ? "giorno" : "mese (o frazione)",
            rule_num(a, sizeof a,
                     r->deadline_rule == RZ_DEADLINE_DAILY_PENALTY ? r->points_per_day
                                                                   : r->points_per_month));
    if (r->tolerance_days > 0)
        rz_buf_printf(t, ", oltre una tolleranza di %s %s",
                      rule_num(c, sizeof c, r->tolerance_days),
                      r->tolerance_days == 1 ? "giorno" : "giorni");
}

/* The scoring method, in sentences a reader of the Relazione follows,
 * written from the plan's rules (the templates hold no figure). */
static rz_view *method_view(builder *b)
{
    const rz_rules *r = b->rules;
    rz_view *list = rz_view_list(b->doc);
    char a[32], c[32];
    rz_buf t;
    rz_buf_init(&t);
    rz_buf_printf(&t,
                  "La realizzazione di un indicatore è il risultato diviso per il target; "
                  "quando un valore minore è migliore, %s.",
                  r->lower_formula == RZ_LOWER_RELATIVE_GAP
                      ? "è 1 − (risultato − target) / target"
                      : "è il target diviso per il risultato");
    rule_sentence(b, list, rz_buf_str(&t));
    if (r->has_achievement_cap) {
        rz_buf_clear(&t);
        rz_buf_printf(&t, "La realizzazione si riporta al massimo al %s.",
                      rule_pct(a, sizeof a, r->achievement_cap));
        rule_sentence(b, list, rz_buf_str(&t));
    }
    rz_buf_clear(&t);
    if (r->all_or_nothing) {
        rz_buf_puts(&t, "Un indicatore vale il 100% se il target è raggiunto, zero altrimenti.");
    } else {
        if (r->has_threshold && r->threshold < 100)
            rz_buf_printf(&t,
                          "Una realizzazione dal %s in su conta come pieno raggiungimento "
                          "(100%%). ",
                          rule_pct(a, sizeof a, r->threshold));
        if (r->n_bands) {
            rz_buf_puts(&t, "Il punteggio segue queste fasce di realizzazione: ");
            bands_text(&t, r);
            rz_buf_puts(&t, ". ");
        }
    }
    rz_buf_printf(&t, "Il punteggio di un indicatore non supera il %s.",
                  rule_pct(c, sizeof c, r->cap));
    rule_sentence(b, list, rz_buf_str(&t));
    rz_buf_clear(&t);
    rz_buf_puts(&t, "Per gli indicatori a scadenza, ");
    deadline_text(&t, r);
    rz_buf_puts(&t, ".");
    rule_sentence(b, list, rz_buf_str(&t));
    rz_buf_clear(&t);
    rz_buf_puts(&t, r->missing_as_zero
                        ? "Un indicatore o un obiettivo senza dati conta zero."
                        : "Un indicatore o un obiettivo senza dati è escluso dal calcolo e il suo "
                          "peso si ripartisce sugli altri; accanto a ogni punteggio è indicato "
                          "che cosa è stato escluso.");
    rule_sentence(b, list, rz_buf_str(&t));
    const char *const gate_names[] = {
        rv_term(b, "un_area", "un'area"),
        rv_term(b, "un_obiettivo_strategico", "un obiettivo strategico"),
        rv_term(b, "un_obiettivo_operativo", "un obiettivo operativo"), "un obiettivo individuale"};
    for (int g = 0; g < RZ_GATE_LEVELS; g++) {
        if (!r->has_gate[g])
            continue;
        rz_buf_clear(&t);
        rz_buf_printf(&t, "Se %s ottiene meno del %s, nel livello superiore conta zero.",
                      gate_names[g], rule_pct(a, sizeof a, r->gate[g]));
        rule_sentence(b, list, rz_buf_str(&t));
    }
    rz_buf_clear(&t);
    if (r->os_rule == RZ_OS_FROM_BOTH) {
        double wi = r->has_os_indicator_weight ? r->os_indicator_weight : 50;
        rz_buf_printf(&t,
                      "Il punteggio di %s pesa per il %s i suoi indicatori e per il %s i suoi "
                      "%s.",
                      rv_term(b, "un_obiettivo_strategico", "un obiettivo strategico"),
                      rule_pct(a, sizeof a, wi), rule_pct(c, sizeof c, 100 - wi),
                      rv_term(b, "obiettivi_operativi", "obiettivi operativi"));
    } else {
        rz_buf_printf(&t, "Il punteggio di %s è la media pesata dei suoi %s.",
                      rv_term(b, "un_obiettivo_strategico", "un obiettivo strategico"),
                      r->os_rule == RZ_OS_FROM_INDICATORS
                          ? "indicatori"
                          : rv_term(b, "obiettivi_operativi", "obiettivi operativi"));
    }
    rz_buf_printf(&t, " %s ed ente sono medie pesate del livello sottostante.",
                  rv_term(b, "aree_inizio_frase", "Aree"));
    rule_sentence(b, list, rz_buf_str(&t));
    /* Indicators with rules of their own, each once. */
    const rz_scored *s = b->s;
    for (size_t i = 0; i < s->n_indicators; i++) {
        const rz_indicator *ind = s->indicators[i]->indicator;
        if (!ind->has_own_rules)
            continue;
        const rz_rules *o = ind->rules;
        rz_buf_clear(&t);
        rz_buf_printf(&t, "L'indicatore %s ha regole proprie: ", ind->code);
        /* Only what differs from the plan's rules. */
        const char *sep = "";
        if (o->all_or_nothing && !r->all_or_nothing) {
            rz_buf_puts(&t, "vale il 100% se il target è raggiunto, zero altrimenti");
            sep = "; ";
        }
        if (o->cap != r->cap) {
            rz_buf_printf(&t, "%spunteggio massimo %s", sep, rule_pct(a, sizeof a, o->cap));
            sep = "; ";
        }
        if (o->has_threshold != r->has_threshold || o->threshold != r->threshold) {
            if (o->has_threshold && o->threshold < 100)
                rz_buf_printf(&t, "%spieno raggiungimento dal %s", sep,
                              rule_pct(c, sizeof c, o->threshold));
            else
                rz_buf_printf(&t, "%snessuna soglia di pieno raggiungimento", sep);
            sep = "; ";
        }
        if (o->bands != r->bands) {
            rz_buf_printf(&t, "%s", sep);
            if (o->n_bands) {
                rz_buf_puts(&t, "fasce ");
                bands_text(&t, o);
            } else {
                rz_buf_puts(&t, "nessuna fascia");
            }
            sep = "; ";
        }
        if (o->deadline_rule != r->deadline_rule || o->points_per_day != r->points_per_day ||
            o->points_per_month != r->points_per_month || o->tolerance_days != r->tolerance_days) {
            rz_buf_printf(&t, "%sper la scadenza ", sep);
            deadline_text(&t, o);
            sep = "; ";
        }
        if (o->lower_formula != r->lower_formula) {
            rz_buf_printf(&t, "%squando un valore minore è migliore la realizzazione è %s", sep,
                          o->lower_formula == RZ_LOWER_RELATIVE_GAP
                              ? "1 − (risultato − target) / target"
                              : "il target diviso per il risultato");
            sep = "; ";
        }
        if (o->missing_as_zero != r->missing_as_zero) {
            rz_buf_printf(&t, "%s%s", sep,
                          o->missing_as_zero ? "senza dati conta zero"
                                             : "senza dati è escluso dal calcolo");
            sep = "; ";
        }
        if (!*sep)
            continue; /* its own rules repeat the plan's */
        rz_buf_puts(&t, ".");
        rule_sentence(b, list, rz_buf_str(&t));
    }
    rz_buf_free(&t);
    return list;
}

rz_view *rv_rules_view(builder *b)
{
    const rz_rules *r = b->rules;
    rz_view *m = rz_view_map(b->doc);
    char buf[64];
    rz_view_set_bool(m, "ha_soglia", r->has_threshold);
    if (r->has_threshold) {
        rz_fmt_percent(buf, sizeof buf, r->threshold, 0);
        rz_view_set_str(m, "soglia", buf);
        rz_fmt_number(buf, sizeof buf, r->threshold, 0);
        rz_view_set_str(m, "soglia_numero", buf);
    }
    rz_fmt_percent(buf, sizeof buf, r->cap, 0);
    rz_view_set_str(m, "tetto", buf);
    /* Charts of scores run to the cap when it exceeds 100%. */
    rz_fmt_number(buf, sizeof buf, r->cap > 100 ? r->cap : 100, 0);
    rz_view_set_str(m, "scala_grafici", buf);
    rz_fmt_percent(buf, sizeof buf, r->reached, 0);
    rz_view_set_str(m, "raggiunto", buf);
    rz_fmt_percent(buf, sizeof buf, r->partial, 0);
    rz_view_set_str(m, "parziale", buf);
    rz_view_set_bool(m, "arrotonda_risultato", r->result_decimals >= 0);
    rz_view_set_num(m, "decimali_risultato", r->result_decimals);
    rz_view_set(m, "metodo", method_view(b));
    rz_view_set_str(m, "formula_minore_migliore",
                    r->lower_formula == RZ_LOWER_RELATIVE_GAP ? "1 − (risultato − target) / target"
                                                              : "target / risultato");
    return m;
}
