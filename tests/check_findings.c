/*
 * check_findings.c — each check of `relazione check` on a minimal case: the
 * clean fixture (tests/check/clean) has no finding, and one change to its
 * data makes exactly the expected finding appear.
 */
#include "testing.h"
#include "internal.h"

#include <stdlib.h>

static rz_plan *plan;
static rz_monitoring *mon;

/* Scores and checks the current data; returns the findings. */
static rz_diags run(void)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_scored *s = NULL;
    rz_diags quiet;
    rz_diags_init(&quiet);
    if (rz_score(plan, mon, &s, &quiet) == RZ_OK)
        rz_check(s, &d);
    rz_scored_free(s);
    rz_diags_free(&quiet);
    return d;
}

static int has(const rz_diags *d, const char *check, rz_severity sev)
{
    for (size_t i = 0; i < d->count; i++)
        if (!strcmp(d->items[i].check, check) && d->items[i].severity == sev)
            return 1;
    return 0;
}

static int message_has(const rz_diags *d, const char *check, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (!strcmp(d->items[i].check, check) && strstr(d->items[i].message, text))
            return 1;
    return 0;
}

static rz_observation *obs(const char *code)
{
    return (rz_observation *)rz_monitoring_observation(mon, code);
}

/* Runs the checks, asserts the finding, prints the findings on failure. */
static void expect(const char *check, rz_severity sev, const char *text, const char *verdict)
{
    rz_diags d = run();
    int ok = has(&d, check, sev) && (!text || message_has(&d, check, text));
    CHECK(ok);
    if (verdict)
        CHECK_STR(rz_verdict_name(rz_proposed_verdict(&d, 0, 1).verdict), verdict);
    if (!ok) {
        fprintf(stderr, "expected [%s] containing \"%s\"; got:\n", check, text ? text : "");
        rz_diags_print(&d, stderr);
    }
    rz_diags_free(&d);
}

static void test_clean(void)
{
    rz_diags d = run();
    CHECK(d.errors == 0 && d.warnings == 0);
    CHECK_STR(rz_verdict_name(rz_proposed_verdict(&d, 0, 1).verdict), "VALIDA");
    if (d.errors || d.warnings)
        rz_diags_print(&d, stderr);
    rz_diags_free(&d);
}

static void test_printed_figures(void)
{
    rz_declared *dc = &obs("S1.1-a")->declared[0];
    const char *saved = dc->result;
    /* E: a printed result the data do not support (seed 003, O2.1.3-g); the
     * score printed beside it is right, so it is an observation. */
    dc->result = "200,00%";
    expect("E-result", RZ_ERROR, "risultato stampato 200,00%, i dati danno 87,80% (144 / 164)",
           "VALIDA CON OSSERVAZIONI");
    /* The cap is part of the same finding, not another one. */
    expect("E-result", RZ_ERROR, "; la percentuale stampata 200,00% supera il 100%", NULL);
    dc->result = saved;

    saved = dc->achievement;
    dc->achievement = "97,56%";
    /* Above the threshold either way: the score does not change. */
    expect("E-achievement", RZ_ERROR,
           "stampata 97,56%, ricalcolata dai dati con le regole del "
           "Piano 100,00%",
           "VALIDA CON OSSERVAZIONI");
    /* Below it: the printed achievement implies another score, grave. */
    dc->achievement = "80,00%";
    expect("E-achievement", RZ_ERROR, "stampata 80,00%", "NON VALIDA");
    dc->achievement = saved;

    saved = dc->normalised;
    dc->normalised = "84,47%";
    expect("E-score", RZ_ERROR, "84,47%", "NON VALIDA");
    dc->normalised = "200,00%";
    expect("E-score", RZ_ERROR, "supera il massimo del 100%", "NON VALIDA");
    dc->normalised = saved;

    /* A: the printed target is not the Piano's (seed 003, O2.1.2-c). */
    rz_declared *dd = &obs("S2.1-a")->declared[0];
    saved = dd->target;
    dd->target = "30/06/2018";
    expect("A-target", RZ_ERROR, "target stampato 30/06/2018, ma il Piano fissa 30/06/2019",
           "VALIDA CON OSSERVAZIONI");
    dd->target = saved;

    /* A date printed as a spreadsheet serial (seed 003, O2.1.4-g). */
    saved = dd->result;
    dd->result = "43641,00";
    expect("plaus-serial-date", RZ_WARNING, "per la data 25/06/2019", "VALIDA");
    dd->result = "43642,00";
    expect("plaus-serial-date", RZ_ERROR, "26/06/2019", NULL);
    dd->result = saved;

    /* The same wrong figure printed in two places: one finding naming both
     * (seed 003: the 200% of O2.1.3-g was six lines). */
    rz_declared *unit_fig = &obs("S1.1-a")->declared[1];
    const char *saved_unit = unit_fig->unit;
    const char *saved_first = dc->result;
    saved = unit_fig->result;
    unit_fig->unit = NULL;
    unit_fig->result = "87,81%";
    dc->result = "87,81%";
    rz_diags d = run();
    size_t n = 0;
    for (size_t i = 0; i < d.count; i++)
        n += strstr(d.items[i].message, "87,81%") != NULL;
    CHECK(n == 1);
    CHECK(message_has(&d, "E-result",
                      "risultato stampato 87,81%, i dati danno 87,80% (144 / 164) (Albero della "
                      "performance, p. 3; Scheda S1, p. 5)"));
    rz_diags_free(&d);
    /* Two printings that both round the data right are no finding. */
    dc->result = "87,8%";
    unit_fig->result = "88%";
    d = run();
    CHECK(d.errors == 0 && d.warnings == 0);
    rz_diags_free(&d);
    dc->result = saved_first;
    unit_fig->unit = saved_unit;
    unit_fig->result = saved;
}

static void test_reasons_sources_transparency(void)
{
    rz_observation *o = obs("O2.1.1-a");
    const char *saved = o->deviation_reason;
    o->deviation_reason = NULL;
    expect("G-reason", RZ_WARNING, "O2.1.1-a: realizzazione del target al 84,47%",
           "VALIDA CON OSSERVAZIONI");
    o->deviation_reason = saved;

    rz_indicator *ind = rz_plan_indicator(plan, "S2.2-a");
    saved = ind->source;
    ind->source = NULL;
    expect("F-source", RZ_WARNING, "S2.2-a", NULL);
    ind->source = saved;

    ind = rz_plan_indicator(plan, "O2.1.1-a");
    ind->transparency = 0;
    expect("D-missing", RZ_WARNING, NULL, NULL);
    ind->transparency = 1;

    ind = rz_plan_indicator(plan, "O1.1.1-a");
    const char *alg = ind->algorithm;
    ind->algorithm = "n. ordinanze emesse ≥ 600";
    expect("plaus-algorithm", RZ_WARNING, "≥ 600 ma il target è 500", NULL);
    ind->algorithm = alg;
}

static void test_coverage(void)
{
    /* C: drop the results of one indicator. */
    rz_observation *o = obs("S2.2-a");
    size_t n = o->n_data;
    o->n_data = 0;
    expect("C-unmeasured", RZ_WARNING, "S2.2-a", NULL);
    o->n_data = n;
    rz_strmap saved = mon->index_observations;
    rz_strmap_init(&mon->index_observations);
    for (size_t i = 0; i < mon->n_observations; i++)
        if (strcmp(mon->observations[i].indicator, "S2.2-a") != 0)
            rz_strmap_put(&mon->index_observations, mon->observations[i].indicator,
                          &mon->observations[i]);
    expect("C-missing", RZ_ERROR, "S2.2-a: nessun risultato", "NON VALIDA");
    rz_strmap_free(&mon->index_observations);
    mon->index_observations = saved;
}

static void test_declared_scores(void)
{
    rz_declared_score *ent = &mon->declared_scores[0];
    const char *saved = ent->value;
    /* 100,0% is what the declared (not approved) rettifica would give. */
    ent->value = "100,0%";
    expect("B-declared", RZ_WARNING, "solo applicando rettifiche dichiarate", NULL);
    ent->value = "99,0%";
    expect("B-declared", RZ_ERROR, "punteggio stampato 99,0%, calcolato dai dati 97,3%", NULL);
    ent->value = saved;
}

static void test_removed_and_unscored(void)
{
    /* H: data for an indicator a revision removed. */
    rz_indicator *ind = rz_plan_indicator(plan, "S2.2-a");
    ind->removed = 1;
    expect("H-removed", RZ_WARNING, "S2.2-a: ha dati di monitoraggio ma è stato eliminato", NULL);
    ind->removed = 0;
    /* D: a transparency indicator without a score. */
    rz_observation *o = obs("O2.1.1-a");
    size_t n = o->n_data;
    o->n_data = 0;
    expect("D-unscored", RZ_ERROR, "O2.1.1-a (trasparenza/anticorruzione) non ha un punteggio",
           NULL);
    o->n_data = n;
}

static void test_markdown_measures(void)
{
    const char *md = "# Titolo\n\nDue parole.\n\n## Sezione\n\n| a | b |\n|---|---|\n| 1 | 2 "
                     "|\n\n```chart\ntitolo: x\nA | 1\n```\n";
    rz_md_stats st;
    rz_markdown_stats(md, strlen(md), &st);
    CHECK(st.headings == 2);
    CHECK(st.tables == 1 && st.table_rows == 2);
    CHECK(st.charts == 1);
    CHECK(st.words == 8); /* Titolo, Due, parole., Sezione, a, b, 1, 2: not the chart */
}

static void test_printed_parsing(void)
{
    rz_printed p;
    CHECK(rz_parse_printed("87,80%", &p) && p.percent && p.decimals == 2);
    CHECK_NEAR(p.value, 87.8, 1e-12);
    CHECK(rz_parse_printed("1.234,56", &p) && p.decimals == 2);
    CHECK_NEAR(p.value, 1234.56, 1e-9);
    CHECK(rz_parse_printed("1.234", &p));
    CHECK_NEAR(p.value, 1234, 1e-12);
    CHECK(rz_parse_printed("17.33", &p) && p.decimals == 2);
    CHECK_NEAR(p.value, 17.33, 1e-12);
    CHECK(rz_parse_printed("100 %", &p) && p.percent && p.decimals == 0);
    CHECK(rz_parse_printed("-3,5", &p));
    CHECK_NEAR(p.value, -3.5, 1e-12);
    CHECK(rz_parse_printed("43697,00", &p) && !p.is_date);
    CHECK(rz_date_from_serial(43697) == rz_date_from_ymd(2019, 8, 20));
    CHECK(rz_parse_printed("25/06/2019", &p) && p.is_date);
    CHECK(p.date == rz_date_from_ymd(2019, 6, 25));
    CHECK(!rz_parse_printed("31/02/2019", &p));
    CHECK(!rz_parse_printed("abc", &p));
    CHECK(!rz_parse_printed("", &p));
    CHECK(!rz_parse_printed("12,3,4", &p));
    CHECK(!rz_parse_printed("1,5.", &p));
    CHECK(rz_parse_printed("\xc2\xa0"
                           "97,8\xc2\xa0%",
                           &p) &&
          p.percent && p.decimals == 1);
}

/* The computed result as printed: one formatter for the findings and the
 * Relazione's tables. */
static void test_result_printing(void)
{
    char b[64];
    rz_measurement m = {0};
    rz_target pct = {0}, val = {0};
    pct.kind = RZ_TGT_PERCENT;
    val.kind = RZ_TGT_NUMBER;
    m.has_result = 1;
    m.result = 1234.5;
    CHECK_STR(rz_fmt_result(b, sizeof b, &m, &val, 2), "1.234,50");
    CHECK_STR(rz_fmt_result(b, sizeof b, &m, NULL, 0), "1.235");
    m.result = 97.75;
    CHECK_STR(rz_fmt_result(b, sizeof b, &m, &pct, 1), "97,8%");
    m.result = NAN;
    CHECK_STR(rz_fmt_result(b, sizeof b, &m, &pct, 1), "n.d.");
    m.result_is_date = 1;
    m.result_date = rz_date_from_ymd(2020, 5, 28);
    CHECK_STR(rz_fmt_result(b, sizeof b, &m, &pct, 1), "28/05/2020");
    CHECK_STR(rz_fmt_day(b, sizeof b, rz_date_from_ymd(2019, 12, 31)), "31/12/2019");
    CHECK_STR(rz_node_level_noun(RZ_NODE_STRATEGIC), "obiettivo strategico");
    CHECK_STR(rz_node_level_name(RZ_NODE_STRATEGIC), "obiettivo-strategico");
}

int main(void)
{
    rz_diags d;
    rz_diags_init(&d);
    if (rz_plan_load("tests/check/clean/piano.xml", &plan, &d) != RZ_OK ||
        rz_monitoring_load("tests/check/clean/monitoraggio.xml", plan, &mon, &d) != RZ_OK) {
        rz_diags_print(&d, stderr);
        return 1;
    }
    rz_diags_free(&d);
    test_printed_parsing();
    test_result_printing();
    test_clean();
    test_printed_figures();
    test_reasons_sources_transparency();
    test_coverage();
    test_declared_scores();
    test_removed_and_unscored();
    test_markdown_measures();
    rz_monitoring_free(mon);
    rz_plan_free(plan);
    rz_xml_cleanup();
    return check_done();
}
