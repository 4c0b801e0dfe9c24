/*
 * contesto_test.c — the context data: each rule of the totals check on a
 * minimal table (right, wrong, rounded shares, groups, named rows, columns
 * that do not add up, missing figures), the Italian formatting of typed
 * cells, and the Relazione built from a folder with context data: every
 * kind of block reaches the Markdown, data cannot inject Markdown, and the
 * tables parse back with one cell per column.
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "internal.h"

#include <stdlib.h>
#include <unistd.h>

static char dir_base[] = "/tmp/rz-contesto-XXXXXX";

/* Writes a contesto.xml whose <amministrazione> holds body; loads it. */
static int load(const char *body, rz_xml *x, rz_diags *d)
{
    char path[300];
    snprintf(path, sizeof path, "%s/contesto.xml", dir_base);
    FILE *f = fopen(path, "w");
    if (!f)
        return 0;
    fprintf(f,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<contesto xmlns=\"urn:relazione:contesto:1\" versione=\"1.0\" anno=\"2019\">\n"
            "<amministrazione>\n%s\n</amministrazione>\n</contesto>\n",
            body);
    fclose(f);
    return rz_xml_load(path, 1, x, d) == RZ_OK;
}

/* The number of [plaus-totals] findings on a table. */
static size_t totals_findings(const char *table, rz_diags *f)
{
    rz_xml x;
    rz_diags d;
    rz_diags_init(&d);
    size_t n = (size_t)-1;
    if (load(table, &x, &d) && rz_contesto_check(&x, &d) == RZ_OK) {
        rz_contesto_check_totals(&x, f);
        n = 0;
        for (size_t i = 0; i < f->count; i++)
            n += strcmp(f->items[i].check, "plaus-totals") == 0;
        rz_xml_free(&x);
    } else {
        rz_diags_print(&d, stderr);
    }
    rz_diags_free(&d);
    return n;
}

static size_t totals(const char *table)
{
    rz_diags f;
    rz_diags_init(&f);
    size_t n = totals_findings(table, &f);
    rz_diags_free(&f);
    return n;
}

#define HEAD2 "<tabella id='t' titolo='T'><colonna>Voce</colonna><colonna tipo='%s'>V</colonna>"

static void test_totals(void)
{
    char buf[2048];
    /* Right and wrong integer totals. */
    snprintf(buf, sizeof buf,
             HEAD2 "<riga><c>a</c><c>2</c></riga><riga><c>b</c><c>3</c></riga>"
                   "<riga ruolo='totale'><c>Totale</c><c>5</c></riga></tabella>",
             "intero");
    CHECK(totals(buf) == 0);
    snprintf(buf, sizeof buf,
             HEAD2 "<riga><c>a</c><c>2</c></riga><riga><c>b</c><c>3</c></riga>"
                   "<riga ruolo='totale'><c>Totale</c><c>6</c></riga></tabella>",
             "intero");
    CHECK(totals(buf) == 1);
    /* Shares rounded one by one: 33,3 × 3 = 99,9 prints as 100,0. */
    snprintf(buf, sizeof buf,
             HEAD2 "<riga><c>a</c><c>33.3</c></riga><riga><c>b</c><c>33.3</c></riga>"
                   "<riga><c>c</c><c>33.3</c></riga>"
                   "<riga ruolo='totale'><c>Totale</c><c>100.0</c></riga></tabella>",
             "percentuale");
    CHECK(totals(buf) == 0);
    /* ...but not 99,0 for 100. */
    snprintf(buf, sizeof buf,
             HEAD2 "<riga><c>a</c><c>33.3</c></riga><riga><c>b</c><c>32.4</c></riga>"
                   "<riga><c>c</c><c>33.3</c></riga>"
                   "<riga ruolo='totale'><c>Totale</c><c>100.0</c></riga></tabella>",
             "percentuale");
    CHECK(totals(buf) == 1);
    /* Euro: a cent off is a finding. */
    snprintf(buf, sizeof buf,
             HEAD2 "<riga><c>a</c><c>0.10</c></riga><riga><c>b</c><c>0.20</c></riga>"
                   "<riga ruolo='totale'><c>Totale</c><c>0.31</c></riga></tabella>",
             "euro");
    CHECK(totals(buf) == 1);
    /* Groups: each total sums its own group; the result sums the totals it
     * names. */
    snprintf(buf, sizeof buf,
             HEAD2 "<riga ruolo='gruppo'><c>A</c><c/></riga>"
                   "<riga><c>a1</c><c>10</c></riga><riga><c>a2</c><c>5</c></riga>"
                   "<riga ruolo='totale' id='ta'><c>Tot A</c><c>15</c></riga>"
                   "<riga ruolo='gruppo'><c>B</c><c/></riga>"
                   "<riga><c>b1</c><c>-4</c></riga>"
                   "<riga ruolo='totale' id='tb'><c>Tot B</c><c>-4</c></riga>"
                   "<riga ruolo='totale' somma='ta tb'><c>A-B</c><c>11</c></riga></tabella>",
             "euro");
    CHECK(totals(buf) == 0);
    snprintf(buf, sizeof buf,
             HEAD2 "<riga><c>a1</c><c>10</c></riga>"
                   "<riga ruolo='totale' id='ta'><c>Tot A</c><c>10</c></riga>"
                   "<riga><c>b1</c><c>-4</c></riga>"
                   "<riga ruolo='totale' id='tb'><c>Tot B</c><c>-4</c></riga>"
                   "<riga ruolo='totale' somma='ta tb'><c>A-B</c><c>14</c></riga></tabella>",
             "euro");
    CHECK(totals(buf) == 1);
    /* A column that does not add up, and a missing addend: nothing to say. */
    snprintf(buf, sizeof buf,
             "<tabella id='t' titolo='T'><colonna>Voce</colonna>"
             "<colonna tipo='percentuale' aggrega='no'>Tasso</colonna>"
             "<riga><c>a</c><c>40.9</c></riga><riga><c>b</c><c>6.0</c></riga>"
             "<riga ruolo='totale'><c>Totale</c><c>23.1</c></riga></tabella>");
    CHECK(totals(buf) == 0);
    snprintf(buf, sizeof buf,
             HEAD2 "<riga><c>a</c><c>2</c></riga><riga><c>b</c><c>n.d.</c></riga>"
                   "<riga ruolo='totale'><c>Totale</c><c>9</c></riga></tabella>",
             "intero");
    CHECK(totals(buf) == 0);
}

/* The number of findings with check id `check` on the tables in body. */
static size_t findings_of(const char *body, const char *check)
{
    rz_xml x;
    rz_diags d, f;
    rz_diags_init(&d);
    rz_diags_init(&f);
    size_t n = (size_t)-1;
    if (load(body, &x, &d) && rz_contesto_check(&x, &d) == RZ_OK) {
        rz_contesto_check_totals(&x, &f);
        n = 0;
        for (size_t i = 0; i < f.count; i++)
            n += strcmp(f.items[i].check, check) == 0;
        rz_xml_free(&x);
    }
    rz_diags_free(&d);
    rz_diags_free(&f);
    return n;
}

#define STAFF(id, pop, total)                                                                      \
    "<tabella id='" id "' titolo='" id "'" pop "><colonna>Voce</colonna>"                          \
    "<colonna tipo='intero'>Anno 2019</colonna><riga><c>a</c><c>" total "</c></riga>"              \
    "<riga ruolo='totale'><c>Totale</c><c>" total "</c></riga></tabella>"

static void test_population(void)
{
    /* Same population, same totals: nothing; a different total: one. */
    CHECK(findings_of(STAFF("cat", " popolazione='personale'", "31")
                          STAFF("eta", " popolazione='personale'", "31"),
                      "plaus-inconsistent") == 0);
    CHECK(findings_of(STAFF("cat", " popolazione='personale'", "31")
                          STAFF("eta", " popolazione='personale'", "31")
                              STAFF("anz", " popolazione='personale'", "32"),
                      "plaus-inconsistent") == 1);
    /* Without the attribute, or with another population, no comparison. */
    CHECK(findings_of(STAFF("cat", " popolazione='personale'", "31") STAFF("anz", "", "32"),
                      "plaus-inconsistent") == 0);
    CHECK(findings_of(STAFF("cat", " popolazione='personale'", "31")
                          STAFF("isr", " popolazione='azienda'", "5"),
                      "plaus-inconsistent") == 0);
}

static void test_finding_text(void)
{
    rz_diags f;
    rz_diags_init(&f);
    totals_findings("<tabella id='anzianita' titolo='Anzianità di servizio'>"
                    "<colonna>Anni</colonna><colonna tipo='intero'>Anno 2019</colonna>"
                    "<riga><c>0-5</c><c>1200</c></riga><riga><c>6-10</c><c>30</c></riga>\n"
                    "<riga ruolo='totale'><c>Totale</c><c>1231</c></riga></tabella>",
                    &f);
    CHECK(f.count == 1);
    if (f.count == 1) {
        CHECK(f.items[0].severity == RZ_WARNING);
        CHECK(f.items[0].line == 5);
        CHECK(strstr(f.items[0].message, "tabella «Anzianità di servizio» (anzianita), riga "
                                         "«Totale», colonna «Anno 2019»: il totale stampato è "
                                         "1.231, ma la somma delle 2 righe che totalizza è "
                                         "1.230 (differenza 1)") != NULL);
    }
    rz_diags_free(&f);
}

/* The printed form of the only table cell at row r, column c. */
static void expect_cell(const char *xml, size_t r, size_t c, const char *want)
{
    rz_xml x;
    rz_diags d;
    rz_diags_init(&d);
    const char *got = NULL;
    rz_view_doc *doc = rz_view_doc_new();
    if (load(xml, &x, &d)) {
        CHECK(rz_contesto_check(&x, &d) == RZ_OK);
        rz_view *v = rz_contesto_view(doc, &x);
        rz_view *t =
            rz_view_get(rz_view_at(rz_view_get_path(v, "amministrazione.blocchi"), 0), "tabella");
        rz_view *row = rz_view_at(rz_view_get(t, "righe"), r);
        got = rz_view_as_str(rz_view_get(rz_view_at(rz_view_get(row, "celle"), c), "valore"));
        CHECK_STR(got, want);
        rz_xml_free(&x);
    } else {
        CHECK(0);
        rz_diags_print(&d, stderr);
    }
    rz_view_doc_free(doc);
    rz_diags_free(&d);
}

static void test_formats(void)
{
    char buf[1024];
    const struct {
        const char *type, *extra, *raw, *want;
    } cases[] = {
        {"intero", "", "22540", "22.540"},
        {"euro", "", "-1295096.63", "€ -1.295.096,63"},
        {"euro", " decimali='0'", "32138851", "€ 32.138.851"},
        {"percentuale", "", "0.4957", "0,4957%"},
        {"percentuale", " decimali='1'", "16.14", "16,1%"},
        {"decimale", "", "4.30", "4,30"},
        {"data", "", "2020-05-28", "28/05/2020"},
        {"intero", "", "n.d.", "n.d."},
        {"testo", "", "1.155 kmq", "1.155 kmq"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(buf, sizeof buf,
                 "<tabella id='t' titolo='T'><colonna>Voce</colonna>"
                 "<colonna tipo='%s'%s>V</colonna><riga><c>a</c><c>%s</c></riga></tabella>",
                 cases[i].type, cases[i].extra, cases[i].raw);
        expect_cell(buf, 0, 1, cases[i].want);
    }
    /* Rows typed, columns of years: the label stays text. */
    expect_cell("<tabella id='t' titolo='T'><colonna>Indicatore</colonna>"
                "<colonna aggrega='no'>2019</colonna>"
                "<riga tipo='euro'><c>Retribuzione media</c><c>25530.28</c></riga></tabella>",
                0, 1, "€ 25.530,28");
    expect_cell("<tabella id='t' titolo='T'><colonna>Indicatore</colonna>"
                "<colonna aggrega='no'>2019</colonna>"
                "<riga tipo='euro'><c>Retribuzione media</c><c>25530.28</c></riga></tabella>",
                0, 0, "Retribuzione media");
}

static char *slurp(const char *path)
{
    rz_diags d;
    rz_diags_init(&d);
    char *text = NULL;
    size_t len = 0;
    if (rz_read_file(path, 1u << 24, &text, &len, &d) != RZ_OK)
        text = NULL;
    rz_diags_free(&d);
    return text;
}

static void test_relazione(void)
{
    char out[300];
    snprintf(out, sizeof out, "%s/out", dir_base);
    rz_diags d, f;
    rz_diags_init(&d);
    rz_diags_init(&f);
    rz_build_options opt = {0};
    rz_built built;
    CHECK(rz_build("tests/check/totali", out, &opt, &built, &d, &f) == RZ_OK);
    CHECK(!rz_diags_has(&d, "template-name"));
    CHECK(rz_diags_has(&f, "plaus-totals"));
    rz_built_free(&built);
    char *path = rz_path_join(out, "relazione.md");
    char *md = slurp(path);
    CHECK(md != NULL);
    const char *want[] = {
        "## Premessa\n\nLa Relazione rendiconta i risultati dell’anno.\n\n- primo punto;",
        "**Il Presidente**  \nMario Rossi",
        "## 2.1 Il contesto esterno di riferimento\n\n### Il contesto economico",
        "**Struttura organizzativa** (dal 20/05/2019)",
        "- Segretario Generale\n  - Servizio \\*uno\\* \\| due (PO)\n    - Ufficio A\n",
        "| Funzione | Dipendenti | % |\n| :--- | ---: | ---: |\n| A | 1 | 33,3% |",
        "| **Totale** | **3** | **100,0%** |",
        "| **A) Proventi** |  |  |",
        "| Personale | € -800,00 | € -750,35 |",
        "*Fonte: Bilancio d’esercizio*",
        "## 3.3 Valutazione complessiva della performance organizzativa\n\nL’OIV ha esaminato",
        "| Retribuzione media | € 23.669,02 | € 25.530,28 |",
        "| Data di rilevazione | 31/12/2018 | 31/12/2019 |",
        "**Iniziativa n. 1**\n\n- *Obiettivo:* Conciliare vita e lavoro\n- *Spesa:* nessuna",
        "1. Anna Bianchi – CNA\n1. 1\\. Carla Verdi",
        "## 5.1 Fasi, soggetti, tempi e responsabilità",
        "| 1 | Dall'8 aprile al 4 maggio 2020 | Raccolta dei dati | Segretario Generale (della "
        "redazione); Ufficio controllo (dell’invio alla Giunta) |",
        "## 5.2 Punti di forza e di debolezza",
        "- **Piano della performance 2019-2021** (31/01/2019); Giunta camerale n. 5 del "
        "31/01/2019 – <https://www.example.org/piano> – javascript:alert(1)",
        NULL};
    for (size_t i = 0; md && want[i]; i++) {
        int ok = strstr(md, want[i]) != NULL;
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "relazione.md lacks:\n%s\n", want[i]);
    }
    /* Only the safe address becomes a link. */
    CHECK(md && !strstr(md, "<javascript"));
    rz_md_stats st;
    if (md) {
        rz_markdown_stats(md, strlen(md), &st);
        CHECK(st.tables >= 6);
    }
    free(md);
    unlink(path);
    free(path);
    /* Remove what the build wrote. */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", out);
    CHECK(system(cmd) == 0);
    rz_diags_free(&d);
    rz_diags_free(&f);
}

int main(void)
{
    if (!mkdtemp(dir_base))
        return 1;
    test_totals();
    test_finding_text();
    test_population();
    test_formats();
    test_relazione();
    char path[300];
    snprintf(path, sizeof path, "%s/contesto.xml", dir_base);
    unlink(path);
    rmdir(dir_base);
    rz_xml_cleanup();
    return check_done();
}
