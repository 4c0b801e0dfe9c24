/*
 * citizens_view.c — see citizens_view.h.
 *
 * "Best" and "worst" are read on the figures the documents print: the
 * realizzazione parametrata each indicator counts with (after an approved
 * rettifica). Many indicators reach 100%, so among equals the one that
 * went furthest past its target ranks higher: result over target when
 * more is better, target over result when less is, days ahead of a
 * deadline. Among the worst, equals rank by how far they fell short, the
 * same measure read the other way. Removed indicators and those without a
 * score are left out; with fewer than six measured, each list takes half.
 */
#include "citizens_view.h"
#include "report_view.h"

#include <stdlib.h>

typedef struct {
    const rz_scored_indicator *si;
    double score, margin;
} ranked;

/* How far past (above 1) or short of (below 1) its target a result went. */
static double margin(const rz_scored_indicator *si)
{
    const rz_target *t = si->target;
    const rz_measurement *m = &si->total;
    if (!t || !t->has_value || !m->has_result)
        return 1;
    if (t->kind == RZ_TGT_DATE && m->result_is_date)
        return 1 + (double)(t->date - m->result_date) / 365.0;
    if (m->result_is_date || t->kind == RZ_TGT_DATE)
        return 1;
    int lower = t->cmp == RZ_CMP_LE || t->cmp == RZ_CMP_LT;
    if (lower)
        return m->result > 0 ? t->value / m->result : t->value > 0 ? 2 : 1;
    return t->value > 0 ? m->result / t->value : 1;
}

static int better_first(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->margin != y->margin)
        return x->margin > y->margin ? -1 : 1;
    return x < y ? -1 : x > y; /* stable: plan order */
}

rz_view *rz_citizens_view(rz_view_doc *doc, const rz_scored *s)
{
    rz_view *m = rz_view_map(doc);
    ranked *r = calloc(s->n_indicators ? s->n_indicators : 1, sizeof *r);
    size_t n = 0;
    for (size_t i = 0; r && i < s->n_indicators; i++) {
        const rz_scored_indicator *si = s->indicators[i];
        if (si->indicator->removed || !(si->has_adjusted || si->total.has_score))
            continue;
        r[n++] = (ranked){si, si->has_adjusted ? si->adjusted : si->total.score, margin(si)};
    }
    if (n > 1)
        qsort(r, n, sizeof *r, better_first);
    size_t k = n >= 6 ? 3 : n / 2;
    rz_view *best = rz_view_list(doc), *worst = rz_view_list(doc);
    for (size_t i = 0; i < k; i++) {
        rz_view_push(best, rz_report_indicator_view(doc, s, r[i].si));
        rz_view_push(worst, rz_report_indicator_view(doc, s, r[n - 1 - i].si));
    }
    free(r);
    rz_view_set(m, "migliori", best);
    rz_view_set(m, "peggiori", worst);
    rz_view_set_num(m, "n_misurati", (double)n);
    rz_view_set_bool(m, "ha_risultati", k > 0);
    rz_view_set_num(m, "n_aree", (double)s->entity->n_children);
    return m;
}
