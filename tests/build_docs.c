/*
 * build_docs.c — `relazione build` on every sample: the expected documents
 * are written, each parses back as CommonMark + GFM with headings and
 * tables, every table row has as many cells as its header, and the
 * Massa Carrara documents carry the seed's figures because the engine
 * computed them.
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

static char *read_out(const char *dir, const char *name)
{
    char *path = rz_path_join(dir, name);
    rz_diags d;
    rz_diags_init(&d);
    char *text = NULL;
    size_t len = 0;
    if (rz_read_file(path, 1u << 24, &text, &len, &d) != RZ_OK)
        text = NULL;
    rz_diags_free(&d);
    free(path);
    return text;
}

/* Unescaped pipes of a table line. */
static int pipes(const char *line, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        if (line[i] == '\\') {
            i++;
            continue;
        }
        if (line[i] == '|')
            c++;
    }
    return c;
}

/* Every line of a table block has the same number of cells; returns the
 * number of tables seen. */
static int check_tables(const char *md, const char *what)
{
    int tables = 0, want = -1;
    long line_no = 0;
    for (const char *line = md; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        line_no++;
        if (n > 0 && line[0] == '|') {
            int p = pipes(line, n);
            if (want < 0) {
                want = p;
                tables++;
            } else if (p != want) {
                fprintf(stderr, "%s:%ld: %d cells, header has %d\n", what, line_no, p - 1,
                        want - 1);
                CHECK(p == want);
            }
        } else {
            want = -1;
        }
        if (!end)
            break;
        line = end + 1;
    }
    return tables;
}

static cmark_node *parse_gfm(const char *md)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    const char *exts[] = {"table", "strikethrough", "autolink"};
    for (size_t i = 0; i < 3; i++)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
    cmark_parser_feed(p, md, strlen(md));
    cmark_node *doc = cmark_parser_finish(p);
    cmark_parser_free(p);
    return doc;
}

/* The plain text of a node (its text and code descendants). */
static void plain_text(cmark_node *n, char *buf, size_t cap)
{
    buf[0] = '\0';
    cmark_iter *it = cmark_iter_new(n);
    cmark_event_type ev;
    size_t len = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *c = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            const char *lit = cmark_node_get_literal(c);
            size_t k = lit ? strlen(lit) : 0;
            if (len + k + 1 < cap) {
                memcpy(buf + len, lit, k);
                len += k;
                buf[len] = '\0';
            }
        }
    }
    cmark_iter_free(it);
}

/* The headings of levels 1 and 2 read back by cmark-gfm include want[],
 * in that order (other headings may come between). */
static void check_heading_order(const char *md, const char *what, const char *const *want)
{
    cmark_node *doc = parse_gfm(md);
    size_t k = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n && want[k]; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_HEADING || cmark_node_get_heading_level(n) > 2)
            continue;
        char text[512];
        plain_text(n, text, sizeof text);
        if (strcmp(text, want[k]) == 0)
            k++;
    }
    CHECK(want[k] == NULL);
    if (want[k])
        fprintf(stderr, "%s: heading \"%s\" missing or out of order\n", what, want[k]);
    cmark_node_free(doc);
}

/* The nth table (1-based) whose header's first cell reads first_cell has
 * rows data rows and cols columns, as cmark-gfm reads it. */
static void check_table_shape(const char *md, const char *first_cell, int nth, int rows, int cols)
{
    cmark_node *doc = parse_gfm(md);
    int found = 0, seen = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n && !found; n = cmark_node_next(n)) {
        if (strcmp(cmark_node_get_type_string(n), "table") != 0)
            continue;
        cmark_node *head = cmark_node_first_child(n);
        char text[256];
        plain_text(cmark_node_first_child(head), text, sizeof text);
        if (strcmp(text, first_cell) != 0 || ++seen != nth)
            continue;
        found = 1;
        int r = 0, c = 0;
        for (cmark_node *row = cmark_node_next(head); row; row = cmark_node_next(row))
            r++;
        for (cmark_node *cell = cmark_node_first_child(head); cell; cell = cmark_node_next(cell))
            c++;
        CHECK(r == rows);
        CHECK(c == cols);
        if (r != rows || c != cols)
            fprintf(stderr, "table \"%s\": %d rows x %d columns, expected %d x %d\n", first_cell, r,
                    c, rows, cols);
    }
    CHECK(found);
    if (!found)
        fprintf(stderr, "no table headed \"%s\"\n", first_cell);
    cmark_node_free(doc);
}

static void check_doc(const char *dir, const char *name, const char *const *must_contain)
{
    char *md = read_out(dir, name);
    CHECK(md != NULL);
    if (!md) {
        fprintf(stderr, "missing %s/%s\n", dir, name);
        return;
    }
    rz_md_stats st;
    rz_markdown_stats(md, strlen(md), &st);
    CHECK(st.headings >= 1);
    CHECK(st.tables >= 1);
    CHECK(st.tables == (size_t)check_tables(md, name));
    for (size_t i = 0; must_contain && must_contain[i]; i++) {
        int ok = strstr(md, must_contain[i]) != NULL;
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "%s lacks \"%s\"\n", name, must_contain[i]);
    }
    free(md);
}

static void build(const char *sample, const char *out)
{
    rz_diags d, f;
    rz_diags_init(&d);
    rz_diags_init(&f);
    rz_build_options opt = {0};
    rz_built built;
    char dir[256];
    snprintf(dir, sizeof dir, "samples/%s", sample);
    rz_status st = rz_build(dir, out, &opt, &built, &d, &f);
    CHECK(st == RZ_OK);
    /* Templates must not name data that does not exist. */
    CHECK(!rz_diags_has(&d, "template-name"));
    CHECK(!rz_diags_has(&d, "template"));
    if (st != RZ_OK || d.warnings)
        rz_diags_print(&d, stderr);
    rz_built_free(&built);
    rz_diags_free(&d);
    rz_diags_free(&f);
}

static void remove_tree(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    while (dp && (e = readdir(dp)))
        if (e->d_name[0] != '.') {
            char *p = rz_path_join(dir, e->d_name);
            unlink(p);
            free(p);
        }
    if (dp)
        closedir(dp);
    rmdir(dir);
}

int main(void)
{
    char base[] = "/tmp/rz-build-XXXXXX";
    if (!mkdtemp(base))
        return 1;
    char out[300];

    snprintf(out, sizeof out, "%s/mc", base);
    build("cciaa-massa-carrara-2019", out);
    const char *albero[] = {"97,8%",  "95,5%",  "91,0%", "87,80%", "97,56%",
                            "99,65%", "84,47%", "17,33", NULL};
    check_doc(out, "albero.md", albero);
    const char *aree[] = {"16,0%", "34,0%", "47,8%",    "22,8%", "45,5%",
                          "37,5%", "82,4%", "```chart", NULL};
    check_doc(out, "risultati-aree.md", aree);
    const char *unita[] = {"97,41%", "12.438 / 12.482", NULL};
    check_doc(out, "risultati-unita.md", unita);
    check_doc(out, "risultati-prospettive.md", NULL);
    /* The Relazione carries the seed's figures because the engine computed
     * them: entity, OB 3, OS 3.2 after the rettifica, FRD unit, FRD ob2,
     * the areas' weights and OB 3's contribution. */
    const char *rel[] = {
        "realizzato al **97,8%**", "| 95,5% |", "91,0%", "97,41%", "84,47%", "| 16,0% |",
        "| 34,0% |", "47,8%", "```chart", "# 3. Rendicontazione",
        "# 4. Rendicontazione degli obiettivi individuali",
        /* The context data, printed the Italian way. */
        /* The critical issue of OS 3.2 and its planned actions. */
        "**OS 3.2 – criticità riscontrate e azioni previste nel ciclo successivo**",
        "- NC2: in corso nuova selezione dell’Ispettore", "## Premessa",
        "## 2.1 Il contesto esterno di riferimento", "| Occupati | 79.931 | +3,7% |",
        "| **Totale** | **31** | **100,00%** | **35** | **100,00%** |",
        "| **Totale Proventi Correnti (A)** | **€ 3.686.573,91** |",
        "| Promozione settore lapideo | IMM Carrara | € 32.138.851 | 0,4957% |",
        "## 3.4 Bilancio di genere e azioni positive",
        "| S Altre attività di servizi | 481 | 469 | 918 | 886 | 52,4% | 52,9% |",
        "## 5.1 Fasi, soggetti, tempi e responsabilità", NULL};
    check_doc(out, "relazione.md", rel);
    {
        char *md = read_out(out, "relazione.md");
        const char *order[] = {
            "Relazione sulla performance 2019",
            "Premessa",
            "1. I principali risultati raggiunti",
            "2. Analisi del contesto e delle risorse",
            "2.1 Il contesto esterno di riferimento",
            "2.2 L’amministrazione",
            "3. Rendicontazione della performance organizzativa",
            "Le criticità",
            "3.0 L’albero della performance",
            "3.1 Gli obiettivi strategici triennali",
            "3.2 Gli obiettivi operativi annuali",
            "3.3 Valutazione complessiva della performance organizzativa",
            "3.4 Bilancio di genere e azioni positive",
            "4. Rendicontazione degli obiettivi individuali",
            "5. Il processo di misurazione e valutazione",
            "5.1 Fasi, soggetti, tempi e responsabilità del processo di redazione",
            "5.2 Punti di forza e di debolezza del Ciclo della performance",
            NULL};
        if (md) {
            check_heading_order(md, "relazione.md", order);
            /* The territory's 16 figures, then the budget: 2 group
             * titles, 9 items, 3 totals. */
            check_table_shape(md, "Voce", 1, 16, 5);
            check_table_shape(md, "Voce", 2, 14, 4);
            /* Staff by function: 4 functions and the total, 5 columns. */
            check_table_shape(md, "Funzioni istituzionali", 1, 5, 5);
            /* Women-led firms: 20 sectors and the province, 7 columns. */
            check_table_shape(md, "Settore", 1, 21, 7);
        }
        free(md);
    }
    const char *val[] = {"Le verifiche sui dati propongono l'esito **NON VALIDA**",
                         "| E | Corretto utilizzo del metodo di calcolo",
                         "verifiche sui dati: 1 rilievo grave, 0 osservazioni, 0 rilievi formali",
                         "**VALIDA CON OSSERVAZIONI** la Relazione sulla performance 2019", NULL};
    check_doc(out, "validazione.md", val);
    const char *papers[] = {"### Punto E",
                            "(monitoraggio.xml:440) — indicatore O2.1.3-g",
                            "200,00%",
                            "il totale stampato è 32, ma la somma delle 9 righe che totalizza è 31",
                            "### Indicatore O2.1.3-g",
                            "144 / 164 = 87,80%",
                            NULL};
    check_doc(out, "carte-di-lavoro.md", papers);
    remove_tree(out);

    snprintf(out, sizeof out, "%s/lucca", base);
    build("cciaa-lucca-2017", out);
    const char *lucca[] = {"Piano della performance", "€ ", NULL};
    check_doc(out, "sintesi-piano.md", lucca);
    remove_tree(out);

    snprintf(out, sizeof out, "%s/maremma", base);
    build("cciaa-maremma-tirreno-2020", out);
    const char *mar[] = {"Storia delle revisioni", NULL};
    check_doc(out, "sintesi-piano.md", mar);
    remove_tree(out);

    rmdir(base);
    rz_xml_cleanup();
    return check_done();
}
