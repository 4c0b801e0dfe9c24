/*
 * score_property.c — properties of scoring over generated plans.
 *
 * 300 random plans (fixed seed, so a failure reproduces) with random shapes,
 * weights present or absent, measures, comparators, rules (threshold or
 * fixed or linear bands, all-or-nothing, cap 100 to 150, minimum-score
 * gates, missing results counted as zero) and data, some of it missing.
 * For every plan: every score lies in [0, cap]; every node's computed score
 * is the weighted mean of its scored children (or indicators), the weights
 * renormalised over those with data (checked where no gate or zero rule
 * changes the mean); the entity equals the sum of its areas' contributions
 * when every area has a score; a better result for one indicator never
 * lowers any score at any level. Apart from the plans, under random rule
 * sets a target met exactly scores 100.
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t rng = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Splits 100 into n integer weights. */
static void weights(int n, int *w)
{
    int left = 100;
    for (int i = 0; i < n - 1; i++) {
        w[i] = 1 + (int)rnd((unsigned)(left - (n - i)));
        left -= w[i];
    }
    w[n - 1] = left;
}

/* A growable string, enough for writing XML. */
typedef struct {
    char *data;
    size_t len, cap;
} rz_buf_lite;

static void put(rz_buf_lite *b, const char *fmt, ...) RZ_PRINTF(2, 3);

static void put(rz_buf_lite *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(b->data ? b->data + b->len : NULL, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + (size_t)n + 64;
        b->data = realloc(b->data, b->cap);
        if (!b->data)
            abort();
    }
}

static void weight_attr(rz_buf_lite *b, int with, int w)
{
    if (with)
        put(b, " peso=\"%d\"", w);
}

static int ind_counter;

static void indicator(rz_buf_lite *p, rz_buf_lite *m)
{
    static const char *const cmps[] = {"ge", "gt", "le", "lt", "eq"};
    char code[32];
    snprintf(code, sizeof code, "I%d", ++ind_counter);
    unsigned kind = rnd(3);
    const char *cmp = cmps[rnd(5)];
    if (kind == 0) {
        put(p, "<indicatore codice=\"%s\" misura=\"rapporto\"><titolo>r</titolo>", code);
        put(p, "<target anno=\"2019\" comparatore=\"%s\" tipo=\"percentuale\" valore=\"%u\"/>", cmp,
            1 + rnd(100));
    } else if (kind == 1) {
        static const char *const aggs[] = {"somma", "media", "ultimo", "massimo", "minimo"};
        put(p, "<indicatore codice=\"%s\" misura=\"valore\" aggregazione=\"%s\"><titolo>v</titolo>",
            code, aggs[rnd(5)]);
        put(p, "<target anno=\"2019\" comparatore=\"%s\" tipo=\"numero\" valore=\"%d\"/>", cmp,
            (int)rnd(60) - 10);
    } else {
        put(p, "<indicatore codice=\"%s\" misura=\"data\"><titolo>d</titolo>", code);
        put(p, "<target anno=\"2019\" comparatore=\"%s\" tipo=\"data\" valore=\"2019-%02u-15\"/>",
            cmp, 1 + rnd(12));
    }
    put(p, "</indicatore>");
    if (rnd(8) == 0)
        return; /* no data at all for this one */
    put(m, "<rilevazione indicatore=\"%s\"><dati>", code);
    for (int q = 1; q <= 3; q++) {
        if (rnd(6) == 0) {
            put(m, "<periodo periodo=\"Q%d\" mancante=\"true\"/>", q);
        } else if (kind == 0) {
            unsigned den = rnd(50);
            put(m, "<periodo periodo=\"Q%d\" numeratore=\"%u\" denominatore=\"%u\"/>", q,
                den ? rnd(den + 1) : 0, den);
        } else if (kind == 1) {
            put(m, "<periodo periodo=\"Q%d\" valore=\"%d\"/>", q, (int)rnd(80) - 20);
        } else {
            put(m, "<periodo periodo=\"Q%d\" data=\"2019-%02u-%02u\"/>", q, 1 + rnd(12),
                1 + rnd(28));
        }
    }
    put(m, "</dati></rilevazione>");
}

static void objectives(rz_buf_lite *p, rz_buf_lite *m, const char *elem, int level, int n,
                       const char *prefix)
{
    int w[8];
    int with = (int)rnd(2);
    if (n <= 0)
        return;
    weights(n, w);
    for (int i = 0; i < n; i++) {
        char code[64];
        snprintf(code, sizeof code, "%s%d", prefix, i + 1);
        put(p, "<%s codice=\"%s\"", elem, code);
        weight_attr(p, with, w[i]);
        put(p, "><titolo>t</titolo>");
        int n_ind = level == 0 ? 0 : (int)rnd(3) + (level == 2);
        for (int k = 0; k < n_ind; k++)
            indicator(p, m);
        char sub[72];
        snprintf(sub, sizeof sub, "%s.", code);
        if (level == 0)
            objectives(p, m, "obiettivo-strategico", 1, 1 + (int)rnd(3), sub);
        else if (level == 1)
            objectives(p, m, "obiettivo-operativo", 2, (int)rnd(3), sub);
        put(p, "</%s>", elem);
    }
}

static int write_file(const char *path, const rz_buf_lite *b)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(b->data, 1, b->len, f);
    return fclose(f) == 0;
}

/* The weighted mean of the scored entries; 0 when none has a score. */
static int mean_of(const double *score, const double *w, const int *has, size_t n, double *out)
{
    double sum = 0, wsum = 0;
    for (size_t i = 0; i < n; i++)
        if (has[i]) {
            sum += score[i] * w[i];
            wsum += w[i];
        }
    if (wsum <= 0)
        return 0;
    *out = sum / wsum;
    return 1;
}

/* 0 when the plan's gates or zero rule make a mean differ from the plain
 * renormalised one: only the bounds are checked then. */
static int plain_means = 1;

static void node_check(const rz_scored_node *n, const rz_rules *ru)
{
    double cap = ru->cap;
    if (n->has_score)
        CHECK(n->score >= 0 && n->score <= cap + 1e-9);
    double sc[64], w[64];
    int has[64];
    size_t k = 0;
    for (size_t i = 0; i < n->n_indicators && k < 64; i++, k++) {
        const rz_scored_indicator *si = n->indicators[i];
        if (si->total.has_score) {
            CHECK(si->total.score >= 0 && si->total.score <= cap + 1e-9);
            CHECK(si->total.achievement >= 0);
            if (ru->has_achievement_cap)
                CHECK(si->total.achievement <= ru->achievement_cap + 1e-9);
        }
        sc[k] = si->effective;
        w[k] = si->weight;
        has[k] = si->total.has_score;
    }
    double ind_mean = 0;
    int has_ind = mean_of(sc, w, has, k, &ind_mean);
    k = 0;
    for (size_t i = 0; i < n->n_children && k < 64; i++, k++) {
        sc[k] = n->children[i]->score;
        w[k] = n->children[i]->weight;
        has[k] = n->children[i]->has_score;
    }
    double child_mean = 0;
    int has_child = mean_of(sc, w, has, k, &child_mean);
    int expect_has = 0;
    double expect = 0;
    if (n->level == RZ_NODE_OPERATIONAL) {
        expect_has = has_ind;
        expect = ind_mean;
    } else if (n->level != RZ_NODE_STRATEGIC) {
        expect_has = has_child;
        expect = child_mean;
    } else if (ru->os_rule == RZ_OS_FROM_INDICATORS ||
               (ru->os_rule == RZ_OS_FROM_BOTH && !has_child)) {
        expect_has = has_ind;
        expect = ind_mean;
    } else if (ru->os_rule == RZ_OS_FROM_OPERATIONAL || !has_ind) {
        expect_has = has_child;
        expect = child_mean;
    } else {
        expect_has = 1;
        expect = (ind_mean + child_mean) / 2;
    }
    if (plain_means) {
        CHECK(n->has_computed == expect_has);
        if (expect_has && n->has_computed)
            CHECK_NEAR(n->computed, expect, 1e-7);
    }
    for (size_t i = 0; i < n->n_children; i++)
        node_check(n->children[i], ru);
}

/* Makes one period value of every indicator better, in the direction its
 * comparator says (equality has no better direction and is left alone). */
static void improve(rz_monitoring *mon, const rz_plan *plan)
{
    for (size_t i = 0; i < mon->n_observations; i++) {
        rz_observation *o = &mon->observations[i];
        const rz_indicator *ind = rz_plan_indicator(plan, o->indicator);
        const rz_target *t = ind ? rz_indicator_target(ind, 2019) : NULL;
        if (!t || o->n_data == 0)
            continue;
        int dir = t->cmp == RZ_CMP_GE || t->cmp == RZ_CMP_GT   ? 1
                  : t->cmp == RZ_CMP_LE || t->cmp == RZ_CMP_LT ? -1
                                                               : 0;
        for (size_t k = 0; dir && k < o->data[0].n_values; k++) {
            rz_period_value *v = &o->data[0].values[k];
            if (v->missing)
                continue;
            if (v->has_num && v->has_den) {
                if (dir > 0 && v->num + 1 <= v->den)
                    v->num += 1;
                else if (dir < 0 && v->num >= 1)
                    v->num -= 1;
            } else if (v->has_date) {
                v->date += dir * 10;
            } else if (v->has_value) {
                v->value += dir * 5;
            }
            break;
        }
    }
}

/* Every score of after is at least the same score of before. */
static void not_lower(const rz_scored_node *before, const rz_scored_node *after)
{
    if (before->has_score) {
        CHECK(after->has_score);
        CHECK(after->score + 1e-9 >= before->score);
    }
    CHECK(before->n_children == after->n_children && before->n_indicators == after->n_indicators);
    for (size_t i = 0; i < before->n_indicators && i < after->n_indicators; i++) {
        const rz_scored_indicator *b = before->indicators[i], *a = after->indicators[i];
        if (b->total.has_score)
            CHECK(a->total.has_score && a->effective + 1e-9 >= b->effective);
    }
    for (size_t i = 0; i < before->n_children && i < after->n_children; i++)
        not_lower(before->children[i], after->children[i]);
}

/* Under random rule sets, a result equal to its target scores 100: a
 * number, a percentage, a date on its due day, lower or higher better. */
static void met_exactly(void)
{
    for (int round = 0; round < 2000; round++) {
        rz_rules r;
        memset(&r, 0, sizeof r);
        static const double caps[] = {100, 110, 120, 150};
        r.cap = caps[rnd(4)];
        r.result_decimals = rnd(2) ? 2 : -1;
        r.achievement_decimals = rnd(3) == 0 ? 2 : -1;
        r.has_threshold = (int)rnd(2);
        r.threshold = 80 + rnd(20);
        r.has_achievement_cap = rnd(3) == 0;
        r.achievement_cap = 100;
        r.all_or_nothing = rnd(5) == 0;
        r.lower_formula = rnd(2) ? RZ_LOWER_INVERSE_RATIO : RZ_LOWER_RELATIVE_GAP;
        r.deadline_rule = (rz_deadline_rule)rnd(3);
        r.points_per_day = 1 + rnd(5);
        r.points_per_month = 5 + rnd(20);
        r.tolerance_days = (int)rnd(5);
        rz_band bands[2] = {
            {.from = 0, .has_to = 1, .to = 60, .score = 0},
            {.from = 60, .has_to = 1, .to = 90, .linear = 1, .score_from = 30, .score_to = 90}};
        if (rnd(2)) {
            r.bands = bands;
            r.n_bands = 2;
        }
        static const rz_comparator cmps[] = {RZ_CMP_GE, RZ_CMP_LE, RZ_CMP_EQ};
        rz_comparator cmp = cmps[rnd(3)];
        rz_indicator ind;
        memset(&ind, 0, sizeof ind);
        ind.code = "P";
        rz_target t;
        memset(&t, 0, sizeof t);
        t.year = 2019;
        t.cmp = cmp;
        t.has_value = 1;
        rz_period_value v;
        memset(&v, 0, sizeof v);
        v.period = "Q1";
        unsigned kind = rnd(3);
        if (kind == 0) { /* a count */
            ind.measure = RZ_MEASURE_VALUE;
            t.kind = RZ_TGT_NUMBER;
            t.value = (double)rnd(500);
            v.has_value = 1;
            v.value = t.value;
        } else if (kind == 1) { /* a share: 45 of 60 against 75% */
            ind.measure = RZ_MEASURE_RATIO;
            t.kind = RZ_TGT_PERCENT;
            unsigned den = 1 + rnd(200), num = rnd(den + 1);
            v.has_num = v.has_den = 1;
            v.num = num;
            v.den = den;
            t.value = rz_round_dec((double)num / den * 100.0, 2);
            r.result_decimals = 2;
        } else { /* a deadline */
            ind.measure = RZ_MEASURE_DATE;
            t.kind = RZ_TGT_DATE;
            t.cmp = RZ_CMP_LE;
            t.date = rz_date_from_ymd(2019, 1 + (int)rnd(12), 1 + (int)rnd(28));
            v.has_date = 1;
            v.date = t.date;
        }
        rz_unit_data u;
        memset(&u, 0, sizeof u);
        u.values = &v;
        u.n_values = 1;
        rz_observation o;
        memset(&o, 0, sizeof o);
        o.data = &u;
        o.n_data = 1;
        rz_measurement m = rz_measure_indicator(&r, &ind, &t, &o, NULL);
        CHECK(m.has_score);
        CHECK_NEAR(m.score, 100, 1e-9);
        if (!m.has_score || fabs(m.score - 100) > 1e-9)
            fprintf(stderr, "round %d: kind %u cmp %d target %g result %g achievement %g\n", round,
                    kind, (int)cmp, t.value, m.result, m.achievement);
    }
}

int main(void)
{
    char dir[] = "/tmp/rz-property-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char ppath[128], mpath[128];
    snprintf(ppath, sizeof ppath, "%s/piano.xml", dir);
    snprintf(mpath, sizeof mpath, "%s/monitoraggio.xml", dir);
    for (int round = 0; round < 300; round++) {
        rz_buf_lite p = {0}, m = {0};
        ind_counter = 0;
        static const int caps[] = {100, 100, 120, 150};
        int cap = caps[rnd(4)];
        put(&p,
            "<piano xmlns=\"urn:relazione:piano:1\" versione=\"1.0\"><ente><nome>E</nome>"
            "</ente><anno>2019</anno><triennio da=\"2019\" a=\"2021\"/><regole>"
            "<punteggio-massimo>%d</punteggio-massimo>",
            cap);
        if (rnd(2))
            put(&p, "<soglia-pieno-punteggio>%u</soglia-pieno-punteggio>", 80 + rnd(20));
        unsigned bands = rnd(3);
        if (bands == 1)
            put(&p, "<fasce><fascia da=\"0\" a=\"50\" punteggio=\"0\"/><fascia da=\"50\" a=\"90\" "
                    "punteggio=\"70\"/><fascia da=\"90\" punteggio=\"100\"/></fasce>");
        unsigned lo = 40 + rnd(20);
        if (bands == 2)
            put(&p,
                "<fasce><fascia da=\"0\" a=\"%u\" punteggio=\"0\"/><fascia da=\"%u\" "
                "a=\"90\" punteggio-da=\"20\" punteggio-a=\"90\"/></fasce>",
                lo, lo);
        if (rnd(6) == 0)
            put(&p, "<tutto-o-niente>true</tutto-o-niente>");
        if (rnd(2))
            put(&p, "<arrotondamento-risultato decimali=\"2\"/>");
        if (rnd(3) == 0)
            put(&p,
                "<scadenze regola=\"%s\" punti-per-giorno=\"1\" punti-per-mese=\"10\" "
                "tolleranza-giorni=\"%u\"/>",
                rnd(2) ? "penalita-giornaliera" : "penalita-mensile", rnd(10));
        int zero = rnd(4) == 0, gate = rnd(4) == 0;
        plain_means = !zero && !gate;
        if (zero)
            put(&p, "<dati-mancanti regola=\"zero\"/>");
        if (gate)
            put(&p,
                "<soglie-minime><soglia-minima livello=\"obiettivo-operativo\" "
                "punteggio=\"%u\"/><soglia-minima livello=\"area\" punteggio=\"%u\"/>"
                "</soglie-minime>",
                30 + rnd(40), 30 + rnd(40));
        static const char *const os_rules[] = {"indicatori", "operativi", "entrambi"};
        put(&p, "<obiettivo-strategico calcolo=\"%s\"/></regole>", os_rules[rnd(3)]);
        put(&p, "<unita-organizzative><unita codice=\"U\" tipo=\"ente\"><nome>U</nome></unita>"
                "</unita-organizzative><aree-strategiche>");
        put(&m, "<monitoraggio xmlns=\"urn:relazione:monitoraggio:1\" versione=\"1.0\"><ente>E"
                "</ente><anno>2019</anno><piano file=\"piano.xml\"/><periodi>"
                "<periodo codice=\"Q1\" dal=\"2019-01-01\" al=\"2019-04-30\">I</periodo>"
                "<periodo codice=\"Q2\" dal=\"2019-05-01\" al=\"2019-08-31\">II</periodo>"
                "<periodo codice=\"Q3\" dal=\"2019-09-01\" al=\"2019-12-31\">III</periodo>"
                "</periodi><rilevazioni>");
        objectives(&p, &m, "area-strategica", 0, 1 + (int)rnd(4), "A");
        put(&p, "</aree-strategiche></piano>");
        put(&m, "</rilevazioni></monitoraggio>");
        if (!write_file(ppath, &p) || !write_file(mpath, &m)) {
            perror("write");
            return 1;
        }
        rz_diags d;
        rz_diags_init(&d);
        rz_plan *plan = NULL;
        rz_monitoring *mon = NULL;
        rz_scored *s = NULL;
        rz_status st = rz_plan_load(ppath, &plan, &d);
        if (st == RZ_OK)
            st = rz_monitoring_load(mpath, plan, &mon, &d);
        if (st == RZ_OK)
            st = rz_score(plan, mon, &s, &d);
        CHECK(st == RZ_OK);
        if (st != RZ_OK) {
            fprintf(stderr, "round %d:\n", round);
            rz_diags_print(&d, stderr);
        } else {
            node_check(s->entity, &plan->rules);
            int all = 1;
            double contrib = 0;
            for (size_t i = 0; i < s->entity->n_children; i++) {
                all &= s->entity->children[i]->has_score;
                contrib += s->entity->children[i]->contribution;
            }
            if (all && s->entity->n_children && plain_means)
                CHECK_NEAR(contrib, s->entity->score, 1e-7);
            /* A better result never lowers a score. */
            rz_scored *better = NULL;
            if (mon) {
                improve(mon, plan);
                rz_diags d2;
                rz_diags_init(&d2);
                CHECK(rz_score(plan, mon, &better, &d2) == RZ_OK);
                if (better)
                    not_lower(s->entity, better->entity);
                rz_scored_free(better);
                rz_diags_free(&d2);
            }
        }
        rz_scored_free(s);
        rz_monitoring_free(mon);
        rz_plan_free(plan);
        rz_diags_free(&d);
        free(p.data);
        free(m.data);
    }
    unlink(ppath);
    unlink(mpath);
    rmdir(dir);
    rz_xml_cleanup();
    met_exactly();
    return check_done();
}
