/*
 * findings_test.c — the collection of findings (findings.h) on the clean
 * fixture: points J and K measured on the counts of the Relazione given,
 * each at its threshold, and nothing measured without a Relazione.
 */
#include "testing.h"
#include "internal.h"

static size_t count(const rz_diags *d, const char *check, rz_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->count; i++)
        n += !strcmp(d->items[i].check, check) && d->items[i].severity == sev;
    return n;
}

/* The findings of the folder in with a Relazione of these counts (or none). */
static rz_diags collect(const rz_inputs *in, const rz_md_stats *rel)
{
    rz_diags f, d;
    rz_diags_init(&f);
    rz_diags_init(&d);
    rz_scored *s = NULL;
    CHECK(rz_inputs_score(in, &s, &f, &d) == RZ_OK);
    CHECK(rz_findings_collect(in, s, rel, &f, &d) == RZ_OK);
    CHECK(d.count == 0);
    rz_scored_free(s);
    rz_diags_free(&d);
    return f;
}

int main(void)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_inputs in;
    CHECK(rz_inputs_load("tests/check/clean", &in, &d) == RZ_OK);

    rz_diags f = collect(&in, NULL);
    CHECK(count(&f, "J-length", RZ_NOTE) == 0);
    CHECK(count(&f, "K-index", RZ_NOTE) == 0);
    rz_diags_free(&f);

    rz_md_stats rel = {RZ_RELAZIONE_MAX_WORDS, 3, 2, 10, 1, 0};
    f = collect(&in, &rel);
    CHECK(count(&f, "J-length", RZ_NOTE) == 1);
    CHECK(count(&f, "J-length", RZ_WARNING) == 0);
    CHECK(count(&f, "K-index", RZ_NOTE) == 1);
    CHECK(count(&f, "K-index", RZ_WARNING) == 0);
    CHECK(count(&f, "K-charts", RZ_WARNING) == 0);
    rz_diags_free(&f);

    rel.words = RZ_RELAZIONE_MAX_WORDS + 1;
    rel.headings = 2;
    rel.charts = 0;
    f = collect(&in, &rel);
    CHECK(count(&f, "J-length", RZ_WARNING) == 1);
    CHECK(rz_diags_has(&f, "J-length"));
    int said = 0;
    for (size_t i = 0; i < f.count; i++)
        said |= !strcmp(f.items[i].check, "J-length") && strstr(f.items[i].message, "60.000");
    CHECK(said);
    CHECK(count(&f, "K-index", RZ_WARNING) == 1);
    CHECK(count(&f, "K-charts", RZ_WARNING) == 1);
    /* Sorted by file and line: "relazione.md" before "tests/…". */
    for (size_t i = 1; i < f.count; i++)
        CHECK(strcmp(f.items[i - 1].file ? f.items[i - 1].file : "",
                     f.items[i].file ? f.items[i].file : "") <= 0);
    rz_diags_free(&f);

    rz_inputs_free(&in);
    rz_diags_free(&d);
    rz_xml_cleanup();
    return check_done();
}
