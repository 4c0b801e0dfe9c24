/*
 * citizens_test.c — the best and worst results of the summary for
 * citizens (Massa Carrara 2019): three each, no measured indicator
 * outside the best scores higher than one inside, none outside the worst
 * lower, and the only indicator below 100% comes first among the worst.
 */
#include "testing.h"
#include "internal.h"
#include "citizens_view.h"

static double effective(const rz_scored *s, const char *code)
{
    const rz_scored_indicator *si = rz_scored_find_indicator(s, code);
    if (!si)
        return -1;
    return si->has_adjusted ? si->adjusted : si->total.has_score ? si->total.score : -1;
}

static int listed(const rz_view *list, const char *code)
{
    for (size_t i = 0; i < rz_view_len(list); i++)
        if (!strcmp(rz_view_as_str(rz_view_get(rz_view_at(list, i), "codice")), code))
            return 1;
    return 0;
}

int main(void)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_inputs in;
    rz_scored *s = NULL;
    CHECK(rz_inputs_load("samples/cciaa-massa-carrara-2019", &in, &d) == RZ_OK);
    CHECK(rz_score(in.plan, in.monitoring, &s, &d) == RZ_OK);
    if (!s)
        return check_done();
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = rz_citizens_view(doc, s);
    const rz_view *best = rz_view_get(v, "migliori"), *worst = rz_view_get(v, "peggiori");
    CHECK(rz_view_len(best) == 3 && rz_view_len(worst) == 3);
    CHECK(rz_view_as_num(rz_view_get(v, "n_aree")) == 3);
    double best_min = 1e9, worst_max = -1;
    for (size_t i = 0; i < 3; i++) {
        double b = effective(s, rz_view_as_str(rz_view_get(rz_view_at(best, i), "codice")));
        double w = effective(s, rz_view_as_str(rz_view_get(rz_view_at(worst, i), "codice")));
        best_min = b < best_min ? b : best_min;
        worst_max = w > worst_max ? w : worst_max;
    }
    for (size_t i = 0; i < s->n_indicators; i++) {
        const char *code = s->indicators[i]->indicator->code;
        double e = effective(s, code);
        if (e < 0 || s->indicators[i]->indicator->removed)
            continue;
        if (!listed(best, code))
            CHECK(e <= best_min);
        if (!listed(worst, code))
            CHECK(e >= worst_max);
    }
    /* The worst first: FRD-2's indicator, 84,47%, the only one below 100%. */
    CHECK_STR(rz_view_as_str(rz_view_get(rz_view_at(worst, 0), "parametrata")), "84,47%");
    /* Among equals at 100%, the furthest past its target first: 17 against >= 3. */
    CHECK_STR(rz_view_as_str(rz_view_get(rz_view_at(best, 0), "risultato")), "17");
    rz_view_doc_free(doc);
    rz_scored_free(s);
    rz_inputs_free(&in);
    rz_diags_free(&d);
    rz_xml_cleanup();
    return check_done();
}
