/*
 * oiv_test.c — the evaluation body's input: read from its own file, from
 * the deprecated element of the monitoring data, what is still missing,
 * and the checks against the computed scores.
 */
#include "testing.h"
#include "internal.h"

static int has_check(const rz_diags *d, const char *check, rz_severity sev)
{
    for (size_t i = 0; i < d->count; i++)
        if (!strcmp(d->items[i].check, check) && d->items[i].severity == sev)
            return 1;
    return 0;
}

static void test_own_file(void)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_inputs in;
    CHECK(rz_inputs_load("tests/check/clean", &in, &d) == RZ_OK);
    CHECK(in.oiv && !in.oiv->legacy);
    CHECK(!has_check(&d, "deprecated", RZ_WARNING));
    if (!in.oiv) {
        rz_inputs_free(&in);
        rz_diags_free(&d);
        return;
    }
    rz_oiv *o = in.oiv;
    CHECK_STR(o->name, "Organismo Indipendente di Valutazione");
    CHECK_STR(o->short_name, "OIV");
    CHECK(o->kind == RZ_OIV_MONOCRATICO && o->n_signatories == 1);
    const char *missing[8];
    CHECK(rz_oiv_missing(o, missing, 8) == 0);
    CHECK(rz_oiv_missing(NULL, missing, 8) == 6);

    rz_scored *s = NULL;
    CHECK(rz_score(in.plan, in.monitoring, &s, &d) == RZ_OK);
    rz_diags f;
    rz_diags_init(&f);
    rz_oiv_check(o, s, &f);
    CHECK(f.count == 0);
    /* B: an overall evaluation the data do not give. */
    o->overall_score = 100;
    rz_oiv_check(o, s, &f);
    CHECK(has_check(&f, "B-overall", RZ_ERROR));
    o->overall_score = 97.3;
    /* Another year than the plan's. */
    o->year = 2018;
    rz_diags_free(&f);
    rz_diags_init(&f);
    rz_oiv_check(o, s, &f);
    CHECK(has_check(&f, "year", RZ_ERROR) && f.count == 1);
    o->year = 2019;
    /* VALIDA with a point non conforme: said, not silently accepted. */
    o->points[4].judgement = RZ_JUDGEMENT_KO;
    rz_diags_free(&f);
    rz_diags_init(&f);
    rz_oiv_check(o, s, &f);
    CHECK(has_check(&f, "oiv-verdict", RZ_WARNING));
    /* A point not judged yet makes the document a draft. */
    o->points[4].judgement = RZ_JUDGEMENT_NONE;
    CHECK(rz_oiv_missing(o, missing, 8) == 1);
    CHECK(strstr(missing[0], "punti A–K") != NULL);
    rz_diags_free(&f);
    rz_scored_free(s);
    rz_inputs_free(&in);
    rz_diags_free(&d);
}

static void test_legacy_element(void)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_inputs in;
    CHECK(rz_inputs_load("tests/check/totali", &in, &d) == RZ_OK);
    CHECK(in.oiv && in.oiv->legacy);
    CHECK(has_check(&d, "deprecated", RZ_WARNING));
    if (in.oiv) {
        CHECK_STR(in.oiv->name, "OIV della Camera di commercio di Prova");
        CHECK_STR(in.oiv->verdict, "VALIDA");
        CHECK(in.oiv->has_approval && in.oiv->has_overall);
        const char *missing[8];
        /* The old element had no transmission, judgements, place or signatories. */
        CHECK(rz_oiv_missing(in.oiv, missing, 8) == 4);
    }
    rz_inputs_free(&in);
    rz_diags_free(&d);
}

int main(void)
{
    test_own_file();
    test_legacy_element();
    rz_xml_cleanup();
    return check_done();
}
