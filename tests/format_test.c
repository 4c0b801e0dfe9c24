/*
 * format_test.c — Italian formats, rounding as a person reads the number,
 * dates, and Markdown escaping of hostile text read back by cmark-gfm in a
 * table cell, a heading, a paragraph and a list item.
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdint.h>
#include <stdlib.h>

#define FMT(fn, v, dec, want)                                                                      \
    do {                                                                                           \
        char b_[RZ_FMT_MAX];                                                                       \
        CHECK_STR(fn(b_, sizeof b_, (v), (dec)), (want));                                          \
    } while (0)

static void test_numbers(void)
{
    FMT(rz_fmt_number, 1234.56, 2, "1.234,56");
    FMT(rz_fmt_number, 1234567.891, 1, "1.234.567,9");
    FMT(rz_fmt_number, -1234567.891, 2, "-1.234.567,89");
    FMT(rz_fmt_number, 123, 0, "123");
    FMT(rz_fmt_number, 999, 0, "999");
    FMT(rz_fmt_number, 1000, 0, "1.000");
    FMT(rz_fmt_number, 100000, 2, "100.000,00");
    FMT(rz_fmt_number, 1e15, 0, "1.000.000.000.000.000");
    FMT(rz_fmt_number, 1e20, 1, "100.000.000.000.000.000.000,0");
    FMT(rz_fmt_number, 0, 2, "0,00");
    FMT(rz_fmt_number, 0, 0, "0");
    FMT(rz_fmt_number, -0.0, 1, "0,0");
    FMT(rz_fmt_number, -0.004, 2, "0,00"); /* no "-0,00" */
    FMT(rz_fmt_number, -0.005, 2, "-0,01");
    FMT(rz_fmt_number, -1234.5, 0, "-1.235");
    FMT(rz_fmt_number, 0.5, 0, "1");
    FMT(rz_fmt_number, 1.5, 0, "2");
    FMT(rz_fmt_number, 2.5, 0, "3"); /* away from zero, not to even */
    FMT(rz_fmt_number, -2.5, 0, "-3");
    FMT(rz_fmt_number, 97.75, 1, "97,8");
    FMT(rz_fmt_number, 97.65, 1, "97,7");
    FMT(rz_fmt_number, 999.995, 2, "1.000,00");
    FMT(rz_fmt_number, 2.675, 2, "2,68");
    FMT(rz_fmt_number, 1.005, 2, "1,01");
    FMT(rz_fmt_number, 84.465, 2, "84,47");
    FMT(rz_fmt_number, -1.005, 2, "-1,01");
    FMT(rz_fmt_number, 0.125, 2, "0,13");
    FMT(rz_fmt_number, 17.333333, 2, "17,33");
    FMT(rz_fmt_number, 123456789.125, 2, "123.456.789,13");
    FMT(rz_fmt_number, 0.1 + 0.2, 14, "0,30000000000000");
    FMT(rz_fmt_number, 0.1 + 0.2, 17, "0,30000000000000004"); /* past 15 digits: as is */
    FMT(rz_fmt_number, 1.5, -3, "2");
    FMT(rz_fmt_number, 1.5, 25, "1,50000000000000000000"); /* at most 20 decimals */
    FMT(rz_fmt_number, NAN, 2, "n.d.");
    FMT(rz_fmt_number, INFINITY, 2, "n.d.");
    FMT(rz_fmt_number, -INFINITY, 0, "n.d.");
    FMT(rz_fmt_percent, 97.75, 1, "97,8%");
    FMT(rz_fmt_percent, 100, 0, "100%");
    FMT(rz_fmt_percent, 84.46666, 2, "84,47%");
    FMT(rz_fmt_percent, -12.345, 2, "-12,35%");
    FMT(rz_fmt_percent, INFINITY, 1, "n.d.");
    FMT(rz_fmt_euro, 1234.56, 2, "€ 1.234,56");
    FMT(rz_fmt_euro, -1234.56, 2, "€ -1.234,56");
    FMT(rz_fmt_euro, 0.5, 0, "€ 1");
    FMT(rz_fmt_euro, NAN, 2, "n.d.");
    /* The largest double: 309 digits, 102 dots. */
    char big[RZ_FMT_MAX];
    rz_fmt_number(big, sizeof big, 1.7976931348623157e308, 0);
    CHECK(strlen(big) == 309 + 102 && strncmp(big, "179.769.313.486.231.570", 23) == 0);
    /* A short buffer is cut, never overrun. */
    char small[5] = "xxxx";
    CHECK_STR(rz_fmt_number(small, 4, 1234567, 0), "1.2");
    CHECK_STR(rz_fmt_percent(small, 5, 97.75, 1), "97,8");
    char one[1] = {'x'};
    CHECK(rz_fmt_number(one, 1, 5, 0)[0] == '\0');
}

static void test_rounding(void)
{
    /* Exact equality: the result is the double nearest to the decimal. */
    CHECK(rz_round_dec(17.3333, 2) == 17.33);
    CHECK(rz_round_dec(84.4666, 2) == 84.47);
    CHECK(rz_round_dec(1.005, 2) == 1.01);
    CHECK(rz_round_dec(2.675, 2) == 2.68);
    CHECK(rz_round_dec(84.465, 2) == 84.47);
    CHECK(rz_round_dec(-1.005, 2) == -1.01);
    CHECK(rz_round_dec(-2.675, 2) == -2.68);
    CHECK(rz_round_dec(97.75, 1) == 97.8);
    CHECK(rz_round_dec(0.005, 2) == 0.01);
    CHECK(rz_round_dec(0.004, 2) == 0.0);
    CHECK(rz_round_dec(9.995, 2) == 10.0);
    CHECK(rz_round_dec(99.5, 0) == 100.0);
    CHECK(rz_round_dec(0.05, 0) == 0.0);
    CHECK(rz_round_dec(0.5, 0) == 1.0 && rz_round_dec(-0.5, 0) == -1.0);
    CHECK(rz_round_dec(123.0, 2) == 123.0);
    CHECK(rz_round_dec(5e-324, 2) == 0.0);
    CHECK(rz_round_dec(0.0, 2) == 0.0);
    CHECK(rz_round_dec(1e300, 2) == 1e300);
    CHECK(rz_round_dec(1.2345, -1) == 1.2345);
    CHECK(isnan(rz_round_dec(NAN, 2)));
    CHECK(rz_round_dec(INFINITY, 2) == INFINITY);
    CHECK(rz_round_dec(0.1 + 0.2, 14) == 0.3);
    CHECK(rz_round_dec(0.1 + 0.2, 15) == 0.1 + 0.2); /* no 16th digit to round at */
    CHECK(rz_round_dec(1234567890123456.0, 0) == 1234567890123456.0);
    CHECK(rz_round_dec(1.0 / 3, 4) == 0.3333);
    /* The documented cost of reading 15 digits: a value just below a
     * half-way point, beyond the 15th digit, rounds as if on it. */
    CHECK(rz_round_dec(0.12499999999999999, 2) == 0.13);

    /* Property: every half-way decimal written with up to 4 decimals, read
     * by strtod as a double (usually a hair off), rounds away from zero as
     * the written digits say. The expected digits come from integer
     * arithmetic on the written number. */
    uint64_t seed = 88172645463325252u;
    int wrong = 0;
    for (int i = 0; i < 20000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        int dec = (int)(seed % 5);
        long long units = (long long)((seed >> 8) % 100000000u); /* in 10^-dec */
        int negative = (seed >> 40) & 1;
        long long scale = 1;
        for (int k = 0; k < dec; k++)
            scale *= 10;
        /* written = units / scale + 5 / (10 * scale) */
        char written[64], want[64];
        snprintf(written, sizeof written, "%s%lld.%0*lld5", negative ? "-" : "", units / scale, dec,
                 units % scale);
        if (dec == 0)
            snprintf(written, sizeof written, "%s%lld.5", negative ? "-" : "", units);
        long long up = units + 1;
        if (dec == 0)
            snprintf(want, sizeof want, "%s%lld", negative ? "-" : "", up);
        else
            snprintf(want, sizeof want, "%s%lld.%0*lld", negative ? "-" : "", up / scale, dec,
                     up % scale);
        double got = rz_round_dec(strtod(written, NULL), dec);
        if (got != strtod(want, NULL)) {
            if (wrong++ < 5)
                fprintf(stderr, "rz_round_dec(%s, %d) = %.17g, expected %s\n", written, dec, got,
                        want);
        }
        /* And printing agrees with the rounding. */
        char it[RZ_FMT_MAX], expect_it[64];
        rz_fmt_number(it, sizeof it, strtod(written, NULL), dec);
        snprintf(expect_it, sizeof expect_it, "%s", want);
        for (char *p = expect_it; *p; p++)
            if (*p == '.')
                *p = ',';
        if (up / scale < 1000 && strcmp(it, expect_it) != 0 && wrong++ < 5)
            fprintf(stderr, "rz_fmt_number(%s, %d) = %s, expected %s\n", written, dec, it,
                    expect_it);
    }
    CHECK(wrong == 0);
}

static void test_dates(void)
{
    char b[64];
    CHECK_STR(rz_fmt_date(b, sizeof b, 2020, 5, 28), "28/05/2020");
    CHECK_STR(rz_fmt_date(b, sizeof b, 2021, 1, 1), "01/01/2021");
    CHECK_STR(rz_fmt_date(b, sizeof b, 2019, 2, 29), "n.d.");
    CHECK_STR(rz_fmt_date(b, sizeof b, 2020, 13, 1), "n.d.");
    CHECK_STR(rz_fmt_date_long(b, sizeof b, 2020, 5, 28), "28 maggio 2020");
    CHECK_STR(rz_fmt_date_long(b, sizeof b, 2021, 1, 1), "1 gennaio 2021");
    CHECK_STR(rz_fmt_date_long(b, sizeof b, 2020, 4, 31), "n.d.");
    static const char *const names[] = {"gennaio",   "febbraio", "marzo",    "aprile",
                                        "maggio",    "giugno",   "luglio",   "agosto",
                                        "settembre", "ottobre",  "novembre", "dicembre"};
    for (int m = 1; m <= 12; m++)
        CHECK_STR(rz_month_name(m), names[m - 1]);
    CHECK_STR(rz_month_name(0), "");
    CHECK_STR(rz_month_name(13), "");

    rz_ymd d = {0, 0, 0};
    CHECK(rz_ymd_parse_iso("2020-05-28", &d) && d.year == 2020 && d.month == 5 && d.day == 28);
    CHECK(rz_ymd_parse_iso("2020-02-29", &d) && d.day == 29);
    CHECK(rz_ymd_parse_iso("2000-02-29", &d));
    CHECK(rz_ymd_parse_iso("2024-02-29", &d));
    CHECK(rz_ymd_parse_iso("0001-01-01", &d) && rz_ymd_parse_iso("9999-12-31", &d));
    d.year = 7;
    CHECK(!rz_ymd_parse_iso("2019-02-29", &d) && d.year == 7); /* unchanged */
    CHECK(!rz_ymd_parse_iso("1900-02-29", &d));
    CHECK(!rz_ymd_parse_iso("2100-02-29", &d));
    CHECK(!rz_ymd_parse_iso("2019-04-31", &d));
    CHECK(!rz_ymd_parse_iso("2019-06-31", &d));
    CHECK(!rz_ymd_parse_iso("2019-12-32", &d));
    CHECK(!rz_ymd_parse_iso("2019-13-01", &d));
    CHECK(!rz_ymd_parse_iso("2019-00-10", &d));
    CHECK(!rz_ymd_parse_iso("2019-01-00", &d));
    CHECK(!rz_ymd_parse_iso("0000-01-01", &d));
    CHECK(!rz_ymd_parse_iso("2019-6-30", &d));
    CHECK(!rz_ymd_parse_iso("2019/06/30", &d));
    CHECK(!rz_ymd_parse_iso("30/06/2019", &d));
    CHECK(!rz_ymd_parse_iso(" 2019-06-30", &d));
    CHECK(!rz_ymd_parse_iso("2019-06-30T00:00", &d));
    CHECK(!rz_ymd_parse_iso("2019-06-3", &d));
    CHECK(!rz_ymd_parse_iso("+019-06-30", &d));
    CHECK(!rz_ymd_parse_iso("", &d));
    CHECK(!rz_ymd_parse_iso(NULL, &d));
    CHECK_STR(rz_fmt_iso_date(b, sizeof b, "2020-05-28", 0), "28/05/2020");
    CHECK_STR(rz_fmt_iso_date(b, sizeof b, "2020-05-28", 1), "28 maggio 2020");
    CHECK_STR(rz_fmt_iso_date(b, sizeof b, "2019-02-29", 1), "n.d.");
}

/* ---- Markdown escaping ---- */

typedef enum { IN_CELL, IN_HEADING, IN_PARAGRAPH, AFTER_LINE, IN_ITEM } context;

static const char *const context_names[] = {"table cell", "heading", "paragraph",
                                            "paragraph second line", "list item"};

/* The text a reader should see: line breaks and tabs as one space, no blanks
 * at either end, NUL bytes dropped. */
static char *visible(const char *s)
{
    rz_buf b;
    rz_buf_init(&b);
    for (const char *p = s; *p; p++) {
        char c = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
        if (c == ' ' && (b.len == 0 || b.data[b.len - 1] == ' '))
            continue;
        rz_buf_putc(&b, c);
    }
    while (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    char *r = rz_buf_detach(&b, NULL);
    return r;
}

/* Parses md with the extensions the PDF renderer uses. */
static cmark_node *parse_gfm(const char *md, size_t len)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    const char *exts[] = {"table", "strikethrough", "autolink"};
    for (size_t i = 0; i < 3; i++)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
    cmark_parser_feed(p, md, len);
    cmark_node *doc = cmark_parser_finish(p);
    cmark_parser_free(p);
    return doc;
}

static int is_type(cmark_node *n, const char *type)
{
    return n && strcmp(cmark_node_get_type_string(n), type) == 0;
}

/* Puts the escaped title in context, parses it, and returns the text of the
 * node holding it (malloc'ed), or NULL when the blocks around it are not
 * the expected ones or anything but plain text appears in it. */
static char *read_back(const char *title, context where)
{
    rz_buf md;
    rz_buf_init(&md);
    static const char *const before[] = {"| Codice | Titolo |\n|---|---|\n| X | ", "## ", "",
                                         "Testo prima\n", "- "};
    static const char *const after[] = {" |\n", "\n", "\n", "\n", "\n"};
    rz_buf_puts(&md, before[where]);
    rz_escape_markdown(&md, title, strlen(title));
    rz_buf_puts(&md, after[where]);
    cmark_node *doc = parse_gfm(md.data, md.len);
    cmark_node *first = cmark_node_first_child(doc), *holder = NULL;
    int ok = first && !cmark_node_next(first);
    switch (where) {
    case IN_CELL: {
        cmark_node *row = is_type(first, "table") ? cmark_node_first_child(first) : NULL;
        row = row ? cmark_node_next(row) : NULL;
        holder = row ? cmark_node_next(cmark_node_first_child(row)) : NULL;
        ok = ok && is_type(holder, "table_cell") && !cmark_node_next(holder) &&
             !cmark_node_next(row);
        break;
    }
    case IN_HEADING:
        ok = ok && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
             cmark_node_get_heading_level(first) == 2;
        holder = first;
        break;
    case IN_PARAGRAPH:
    case AFTER_LINE:
        ok = ok && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH;
        holder = first;
        break;
    case IN_ITEM: {
        cmark_node *item = cmark_node_first_child(first);
        holder = item ? cmark_node_first_child(item) : NULL;
        ok = ok && cmark_node_get_type(first) == CMARK_NODE_LIST && !cmark_node_next(item) &&
             cmark_node_get_type(holder) == CMARK_NODE_PARAGRAPH && !cmark_node_next(holder);
        break;
    }
    }
    rz_buf text;
    rz_buf_init(&text);
    cmark_iter *it = holder ? cmark_iter_new(holder) : NULL;
    cmark_event_type ev;
    while (ok && it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || n == holder)
            continue;
        if (cmark_node_get_type(n) == CMARK_NODE_TEXT)
            rz_buf_puts(&text, cmark_node_get_literal(n));
        else if (where == AFTER_LINE && cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK)
            rz_buf_putc(&text, '\n');
        else
            ok = 0;
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    rz_buf_free(&md);
    char *r = ok ? rz_buf_detach(&text, NULL) : NULL;
    rz_buf_free(&text);
    return r;
}

static void test_markdown_escaping(void)
{
    const char *hostile[] = {"A | B",
                             "A|B|C",
                             "*bold* and **strong**",
                             "_x_ and __y__ and snake_case_name",
                             "# title",
                             "#hashtag",
                             "Progetto #",
                             "Progetto ##  ",
                             "1. item",
                             "2) item",
                             "2020) anno",
                             "4.808 imprese",
                             "12.",
                             "- dash",
                             "-5% di spesa",
                             "+ plus",
                             "+",
                             "---",
                             "***",
                             "___",
                             "===",
                             "= uguale",
                             "<script>alert(1)</script>",
                             "<!-- commento -->",
                             "<http://x.it>",
                             "[link](http://x)",
                             "[rif]: http://x",
                             "[^1] nota",
                             "![img](x.png)",
                             "`code`",
                             "``doppio``",
                             "```",
                             "~~~",
                             "a \\ backslash",
                             "a\\|b",
                             "finisce con \\",
                             "\\*non enfasi\\*",
                             "~~strike~~",
                             "~singolo~",
                             "&amp; entity &#42; &copy",
                             "> quote",
                             ">> doppia",
                             "Tempi >= 30 giorni, < 60",
                             "    quattro spazi",
                             "\tcodice",
                             "riga uno\nriga due",
                             "riga uno\r\n\r\nriga tre",
                             "uno\t\tdue",
                             "fine con due spazi  ",
                             "fine con a capo\n",
                             "vedi www.camcom.it o https://www.camcom.it/a_b",
                             "ftp://x.y e mailto:",
                             "città & attività: 97,8% — “virgolette”",
                             "**",
                             "_",
                             "|",
                             "\\",
                             ""};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        char *want = visible(hostile[i]);
        for (int where = IN_CELL; where <= IN_ITEM; where++) {
            if (!*want && where != IN_CELL)
                continue; /* an empty heading or paragraph is no block at all */
            char *back = read_back(hostile[i], (context)where);
            char *expected = want;
            char with_line[512];
            if (where == AFTER_LINE) {
                snprintf(with_line, sizeof with_line, "Testo prima\n%s", want);
                expected = with_line;
            }
            int ok = back && strcmp(back, expected) == 0;
            CHECK(ok);
            if (!ok)
                fprintf(stderr, "  [%s] in a %s read back as [%s]\n", hostile[i],
                        context_names[where], back ? back : "(markup or other blocks)");
            free(back);
        }
        free(want);
    }
    /* NUL bytes are dropped, not written into the Markdown. */
    rz_buf b;
    rz_buf_init(&b);
    rz_md_escape_inline(&b, "a\0b", 3);
    CHECK(b.len == 2 && memcmp(b.data, "ab", 2) == 0);
    rz_buf_clear(&b);
    /* Plain text stays readable: only what could be markup is escaped. */
    const char *plain = "Tempi medi di pagamento >= 30 giorni (4.808 imprese, 97,8%)";
    rz_md_escape_inline(&b, plain, strlen(plain));
    CHECK_STR(rz_buf_str(&b), plain);
    rz_buf_clear(&b);
    rz_md_escape_inline(&b, "Rapporto A/B * 100", 18);
    CHECK_STR(rz_buf_str(&b), "Rapporto A/B \\* 100");
    rz_buf_clear(&b);
    /* A symbol font's glyph (U+F0E0, U+E000; not U+F900 nor U+DFFF's
     * neighbours) is left out. */
    const char *pua = "DL 90/2014 \xEF\x83\xA0 antefatto\xEE\x80\x80; \xEF\xA4\x80 \xED\x9F\xBF";
    rz_md_escape_inline(&b, pua, strlen(pua));
    CHECK_STR(rz_buf_str(&b), "DL 90/2014  antefatto; \xEF\xA4\x80 \xED\x9F\xBF");
    CHECK(rz_utf8_private_use("\xEF\xA3\xBF", 3) == 3 && rz_utf8_private_use("\xEF\xA3", 2) == 0);
    rz_buf_free(&b);
    /* An e-mail address still becomes a link under the autolink extension
     * (documented); its text is kept. */
    const char *mail = "scrivere a ufficio\\@camcom.it\n";
    cmark_node *doc = parse_gfm(mail, strlen(mail));
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, NULL);
    CHECK(strstr(html, ">ufficio@camcom.it</a>") != NULL);
    free(html);
    cmark_node_free(doc);
}

/* The one reader of Italian-written numbers (the checker's printed figures
 * and the charts' values) and the one blank trimmer. */
static void test_reading(void)
{
    double v = -1;
    int dec = -1;
    const char *s = "1.234,56 €";
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 8 && dec == 2);
    CHECK_NEAR(v, 1234.56, 1e-9);
    s = "1.234";
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 5 && dec == 0);
    CHECK_NEAR(v, 1234, 0);
    s = "17.33"; /* a lone point not before three digits: decimals */
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 5 && dec == 2);
    CHECK_NEAR(v, 17.33, 1e-12);
    s = "1.234.567";
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 9);
    CHECK_NEAR(v, 1234567, 0);
    s = "97,8%";
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 4 && dec == 1);
    CHECK_NEAR(v, 97.8, 1e-12);
    s = "\xe2\x88\x92"
        "3,5"; /* U+2212 minus sign */
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 6);
    CHECK_NEAR(v, -3.5, 1e-12);
    s = "+7";
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 2);
    CHECK_NEAR(v, 7, 0);
    s = "1,5."; /* ends on a grouping point: the number stops before it */
    CHECK(rz_parse_number_it(s, &v, &dec) == s + 3);
    CHECK(rz_parse_number_it("12,3,4", &v, &dec) == NULL);
    CHECK(rz_parse_number_it("n.d.", &v, &dec) == NULL);
    CHECK(rz_parse_number_it(",", &v, &dec) == NULL);
    CHECK(rz_parse_number_it("", &v, &dec) == NULL);
    CHECK(rz_parse_number_it("- 5", &v, &dec) == NULL);
    CHECK_NEAR(rz_chart_number("1.234,5"), 1234.5, 1e-9);
    CHECK_NEAR(rz_chart_number("n.d."), 0, 0);

    size_t n = 99;
    s = " \t\r\n Ente camerale \n\t ";
    const char *t = rz_trim(s, &n);
    CHECK(t == s + 5 && n == 13 && memcmp(t, "Ente camerale", 13) == 0);
    t = rz_trim(" \n\t", &n);
    CHECK(n == 0 && *t == '\0');
    s = "a b";
    CHECK(rz_trim(s, &n) == s && n == 3);
    t = rz_trim("\xc2\xa0x", &n); /* a no-break space is text, not a blank */
    CHECK(n == 3);
}

int main(void)
{
    test_numbers();
    test_reading();
    test_rounding();
    test_dates();
    test_markdown_escaping();
    return check_done();
}
