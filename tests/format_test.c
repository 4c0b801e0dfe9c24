/*
 * format_test.c — Italian formats and Markdown escaping of hostile text.
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "relazione.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>

#define FMT(fn, v, dec, want)                                                                      \
    do {                                                                                           \
        char b_[64];                                                                               \
        CHECK_STR(fn(b_, sizeof b_, (v), (dec)), (want));                                          \
    } while (0)

static void test_numbers(void)
{
    FMT(rz_fmt_number, 1234.56, 2, "1.234,56");
    FMT(rz_fmt_number, 1234567.891, 1, "1.234.567,9");
    FMT(rz_fmt_number, 0, 2, "0,00");
    FMT(rz_fmt_number, -1234.5, 0, "-1.235");
    FMT(rz_fmt_number, -0.004, 2, "0,00");
    FMT(rz_fmt_number, 999.995, 2, "1.000,00");
    FMT(rz_fmt_number, 2.675, 2, "2,68");
    FMT(rz_fmt_number, 1.005, 2, "1,01");
    FMT(rz_fmt_number, 84.465, 2, "84,47");
    FMT(rz_fmt_number, -1.005, 2, "-1,01");
    FMT(rz_fmt_number, 17.333333, 2, "17,33");
    FMT(rz_fmt_percent, 97.75, 1, "97,8%");
    FMT(rz_fmt_percent, 100, 0, "100%");
    FMT(rz_fmt_percent, 84.46666, 2, "84,47%");
    FMT(rz_fmt_euro, 1234.56, 2, "€ 1.234,56");
    FMT(rz_fmt_number, NAN, 2, "n.d.");
    FMT(rz_fmt_percent, INFINITY, 1, "n.d.");
    CHECK_NEAR(rz_round_dec(17.3333, 2), 17.33, 1e-12);
    CHECK_NEAR(rz_round_dec(84.4666, 2), 84.47, 1e-12);
    CHECK_NEAR(rz_round_dec(0.005, 2), 0.01, 1e-12);
    CHECK_NEAR(rz_round_dec(0.004, 2), 0.0, 1e-12);
    CHECK_NEAR(rz_round_dec(9.995, 2), 10.0, 1e-12);
    CHECK_NEAR(rz_round_dec(-2.675, 2), -2.68, 1e-12);
    CHECK_NEAR(rz_round_dec(123.0, 2), 123.0, 1e-12);
}

static void test_dates(void)
{
    char b[64];
    CHECK_STR(rz_fmt_date(b, sizeof b, 2020, 5, 28), "28/05/2020");
    CHECK_STR(rz_fmt_date_long(b, sizeof b, 2020, 5, 28), "28 maggio 2020");
    CHECK_STR(rz_month_name(12), "dicembre");
    rz_date d;
    CHECK(rz_date_parse_iso("2020-02-29", &d));
    CHECK(!rz_date_parse_iso("2019-02-29", &d));
    CHECK(!rz_date_parse_iso("2019-04-31", &d));
    CHECK(!rz_date_parse_iso("2019-6-30", &d));
    CHECK(rz_date_parse_iso("2000-02-29", &d));
    CHECK(!rz_date_parse_iso("1900-02-29", &d));
}

/* The text of a cell of a one-row table, after a CommonMark round trip,
 * and whether anything but plain text appeared in it. */
static char *cell_roundtrip(const char *title, int *formatted)
{
    rz_buf md;
    rz_buf_init(&md);
    rz_buf_puts(&md, "| Codice | Titolo |\n|---|---|\n| X | ");
    rz_md_escape_inline(&md, title, strlen(title));
    rz_buf_puts(&md, " |\n");
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    cmark_parser_feed(p, md.data, md.len);
    cmark_node *doc = cmark_parser_finish(p);
    /* table > second row > second cell */
    cmark_node *table = cmark_node_first_child(doc);
    cmark_node *row = table ? cmark_node_next(cmark_node_first_child(table)) : NULL;
    cmark_node *cell = row ? cmark_node_next(cmark_node_first_child(row)) : NULL;
    rz_buf text;
    rz_buf_init(&text);
    *formatted = !table || strcmp(cmark_node_get_type_string(table), "table") != 0 ||
                 cmark_node_next(table) != NULL || !cell;
    cmark_iter *it = cell ? cmark_iter_new(cell) : NULL;
    cmark_event_type ev;
    while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || n == cell)
            continue;
        if (cmark_node_get_type(n) == CMARK_NODE_TEXT)
            rz_buf_puts(&text, cmark_node_get_literal(n));
        else
            *formatted = 1;
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    cmark_parser_free(p);
    rz_buf_free(&md);
    char *r = strdup(rz_buf_str(&text));
    rz_buf_free(&text);
    return r;
}

static void test_markdown_escaping(void)
{
    const char *hostile[] = {"A | B",
                             "*bold* and **strong**",
                             "_x_ and __y__",
                             "# title",
                             "1. item",
                             "2) item",
                             "- dash",
                             "+ plus",
                             "<script>alert(1)</script>",
                             "[link](http://x)",
                             "`code`",
                             "a \\ backslash",
                             "~~strike~~",
                             "&amp; entity",
                             "![img](x.png)",
                             "> quote",
                             "città & attività: 97,8%"};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        int formatted = 0;
        char *back = cell_roundtrip(hostile[i], &formatted);
        CHECK_STR(back, hostile[i]);
        CHECK(!formatted);
        free(back);
    }
    int formatted = 0;
    char *back = cell_roundtrip("riga uno\nriga due", &formatted);
    CHECK_STR(back, "riga uno riga due");
    free(back);
}

static void test_view_json(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *m = rz_view_map(doc);
    rz_view_set_str(m, "nome", "Città \"bella\"\n");
    rz_view_set_num(m, "x", 1.5);
    rz_view_set_num(m, "n", 3);
    rz_view_set_bool(m, "ok", 1);
    for (int i = 0; i < 40; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%d", i);
        rz_view_set_num(m, k, i);
    }
    rz_view_set_num(m, "k7", 70); /* replace in place */
    CHECK(rz_view_len(m) == 44);
    CHECK_NEAR(rz_view_as_num(rz_view_get(m, "k7")), 70, 0);
    CHECK_NEAR(rz_view_as_num(rz_view_get(m, "k39")), 39, 0);
    rz_buf out;
    rz_buf_init(&out);
    rz_json_write(m, &out);
    CHECK(strstr(rz_buf_str(&out), "\"nome\": \"Città \\\"bella\\\"\\n\"") != NULL);
    CHECK(strstr(rz_buf_str(&out), "\"x\": 1.5,") != NULL);
    CHECK(strstr(rz_buf_str(&out), "\"n\": 3,") != NULL);
    rz_view *back = NULL;
    rz_diags d;
    rz_diags_init(&d);
    CHECK(rz_json_parse(out.data, out.len, doc, &back, "t", &d) == RZ_OK);
    CHECK_STR(rz_view_as_str(rz_view_get(back, "nome")), "Città \"bella\"\n");
    /* Errors carry a line; depth is bounded. */
    CHECK(rz_json_parse("{\n\"a\": [1,\n2,,]}", 16, doc, &back, "bad.json", &d) == RZ_INVALID);
    CHECK(d.count == 1 && d.items[0].line == 3);
    rz_buf deep;
    rz_buf_init(&deep);
    for (int i = 0; i < 600; i++)
        rz_buf_putc(&deep, '[');
    CHECK(rz_json_parse(deep.data, deep.len, doc, &back, "deep.json", &d) == RZ_INVALID);
    rz_buf_free(&deep);
    rz_diags_free(&d);
    rz_buf_free(&out);
    rz_view_doc_free(doc);
}

int main(void)
{
    test_numbers();
    test_dates();
    test_markdown_escaping();
    test_view_json();
    return check_done();
}
