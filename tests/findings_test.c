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

/* The findings of the folder in with a Relazione of these counts (or none)
 * and this length limit (0: the default). */
static rz_diags collect_limit(const rz_inputs *in, const rz_md_stats *rel, long max_words)
{
    rz_diags f, d;
    rz_diags_init(&f);
    rz_diags_init(&d);
    rz_scored *s = NULL;
    CHECK(rz_inputs_score(in, &s, &f, &d) == RZ_OK);
    CHECK(rz_findings_collect(in, s, rel, max_words, &f, &d) == RZ_OK);
    CHECK(d.count == 0);
    rz_scored_free(s);
    rz_diags_free(&d);
    return f;
}

static rz_diags collect(const rz_inputs *in, const rz_md_stats *rel)
{
    return collect_limit(in, rel, 0);
}

/* Whether a J-length warning says "past N words" with N as written. */
static int says_limit(const rz_diags *f, const char *n)
{
    char want[64];
    snprintf(want, sizeof want, "supera le %s parole", n);
    for (size_t i = 0; i < f->count; i++)
        if (!strcmp(f->items[i].check, "J-length") && f->items[i].severity == RZ_WARNING &&
            strstr(f->items[i].message, want))
            return 1;
    return 0;
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
    CHECK(says_limit(&f, "60.000"));
    CHECK(count(&f, "K-index", RZ_WARNING) == 1);
    CHECK(count(&f, "K-charts", RZ_WARNING) == 1);
    /* Sorted by file and line: "relazione.md" before "tests/…". */
    for (size_t i = 1; i < f.count; i++)
        CHECK(strcmp(f.items[i - 1].file ? f.items[i - 1].file : "",
                     f.items[i].file ? f.items[i].file : "") <= 0);
    rz_diags_free(&f);

    /* The profile's own limit: 1 200 words pass a limit of 1 200 and not
     * one of 1 199, named as written in Italian. */
    rel.words = 1200;
    f = collect_limit(&in, &rel, 1200);
    CHECK(count(&f, "J-length", RZ_WARNING) == 0);
    rz_diags_free(&f);
    f = collect_limit(&in, &rel, 1199);
    CHECK(count(&f, "J-length", RZ_WARNING) == 1);
    CHECK(says_limit(&f, "1.199"));
    rz_diags_free(&f);

    rz_inputs_free(&in);
    rz_diags_free(&d);
    rz_xml_cleanup();
    return check_done();
}
