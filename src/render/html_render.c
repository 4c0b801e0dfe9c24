/*
 * html_render.c — see html_render.h.
 *
 * Two passes over the tree. The first finds the title, the line under it
 * and the headings, and decides each heading's level in the page: the
 * title is the h1; when the Markdown has more level-1 headings (chapters)
 * every level moves down one, and a heading deeper than the one before it
 * by more than one is lifted, so that the outline never skips a level. The
 * second pass writes the page, one callback per node and event, as cmark's
 * html.c does.
 *
 * Captions: a Markdown table has none, so it is named by its number and
 * the heading it sits under ("Tabella 3 – Performance delle aree
 * strategiche"); a chart by its own title.
 *
 * Colours were chosen for contrast on white (text 16:1, links 8:1, bars
 * and focus ring above 3:1 as WCAG 1.4.11 asks of graphics).
 */
#define _POSIX_C_SOURCE 200809L
#include "html_render.h"
#include "chart.h"
#include "format.h"
#include "markdown_stats.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cmark_node *node;
    int level; /* in the page, 2..6 */
    char *text;
} heading;

typedef struct {
    rz_buf *o;
    cmark_node *title, *subtitle;
    heading *h;
    size_t n_h, cap_h, next_h;
    const char *section; /* the text of the last heading met */
    size_t n_tables, n_charts;
    /* the table being written */
    uint8_t *align;
    uint16_t n_cols, col;
    int in_header, tbody_open;
    int failed;
} ctx;

static const char style[] =
    ":root{color:#1a1a1a;background:#fff;font-family:\"DejaVu Sans\",Verdana,Arial,sans-serif;"
    "line-height:1.5}\n"
    "body{margin:0}\n"
    "header,nav,main{max-width:60rem;margin:0 auto;padding:0 1rem}\n"
    "header{padding-top:1.5rem;border-bottom:2px solid #1f5f8b}\n"
    "h1{font-size:1.8rem;margin:0 0 .5rem}\n"
    "h2{font-size:1.45rem;margin-top:2.2rem;border-bottom:1px solid #8a8a8a}\n"
    "h3{font-size:1.2rem;margin-top:1.8rem}\n"
    "h4,h5,h6{font-size:1.05rem}\n"
    "a{color:#0b4a85;overflow-wrap:anywhere}\n"
    "a:focus,.tabella:focus{outline:3px solid #b34700;outline-offset:2px}\n"
    ".salta{position:absolute;left:-999rem}\n"
    ".salta:focus{position:static;display:inline-block;margin:.5rem 0}\n"
    "p,li,h2,h3,h4,h5,h6,figcaption{overflow-wrap:anywhere}\n"
    "nav{font-size:.95rem}\n"
    "nav ol{list-style:none;padding-left:1.2rem}\n"
    "nav>ol{padding-left:0}\n"
    "blockquote{margin:1rem 0;padding:.2rem 1rem;border-left:4px solid #1f5f8b;"
    "background:#f2f5f8}\n"
    "pre{overflow-x:auto;background:#f3f3f3;padding:.5rem}\n"
    ".tabella{overflow-x:auto;margin:1rem 0;max-width:100%}\n"
    "table{border-collapse:collapse;font-size:.9rem}\n"
    "caption{text-align:left;font-weight:bold;padding:.3rem 0}\n"
    "th,td{border:1px solid #8a8a8a;padding:.25rem .45rem;vertical-align:top;text-align:left}\n"
    "thead th{background:#e4ebf1}\n"
    "tbody th{font-weight:normal}\n"
    ".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    ".centro{text-align:center}\n"
    "figure{margin:1.5rem 0}\n"
    "figcaption{font-weight:bold;margin-bottom:.4rem}\n"
    ".grafico-corpo{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}\n"
    ".grafico-corpo svg{flex:1 1 18rem;min-width:0;max-width:min(100%,36rem);height:auto}\n"
    ".grafico-corpo .tabella{flex:0 1 auto;margin:0}\n"
    "@media (max-width:40rem){h1{font-size:1.45rem}h2{font-size:1.25rem}"
    "header,nav,main{padding:0 .6rem}li ul,li ol{padding-left:1rem}"
    "td:not(.num),th:not(.num){min-width:8rem}}\n"
    "@media print{@page{size:A4;margin:2cm 1.8cm}:root{font-size:10pt}"
    "nav,.salta{display:none}header,main{max-width:none;padding:0}"
    ".tabella{overflow:visible}table{width:100%}thead{display:table-header-group}"
    "tr,figure{break-inside:avoid}h2,h3,h4{break-after:avoid}"
    "h1+*,h2{break-before:auto}a{color:#1a1a1a;text-decoration:none}}\n";

/* ---- escaping ---- */

static void esc(rz_buf *o, const char *s)
{
    for (; s && *s; s++) {
        size_t skip = rz_utf8_private_use(s, strnlen(s, 3));
        if (skip) {
            s += skip - 1;
            continue;
        }
        switch (*s) {
        case '&':
            rz_buf_puts(o, "&amp;");
            break;
        case '<':
            rz_buf_puts(o, "&lt;");
            break;
        case '>':
            rz_buf_puts(o, "&gt;");
            break;
        case '"':
            rz_buf_puts(o, "&quot;");
            break;
        default:
            rz_buf_putc(o, *s);
        }
    }
}

/* Only links a reader can follow safely: the web, mail, this page. */
static int safe_url(const char *u)
{
    return u && (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7) ||
                 !strncmp(u, "mailto:", 7) || u[0] == '#');
}

/* ---- first pass: title and outline ---- */

static int add_heading(ctx *c, cmark_node *n, int level)
{
    if (c->n_h == c->cap_h) {
        size_t cap = c->cap_h ? 2 * c->cap_h : 64;
        heading *h = realloc(c->h, cap * sizeof *h);
        if (!h)
            return 0;
        c->h = h;
        c->cap_h = cap;
    }
    char *text = rz_markdown_plain_text(n);
    if (!text)
        return 0;
    c->h[c->n_h++] = (heading){n, level, text};
    return 1;
}

static int outline(ctx *c, cmark_node *doc)
{
    cmark_node *first = cmark_node_first_child(doc);
    if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
        cmark_node_get_heading_level(first) == 1) {
        c->title = first;
        cmark_node *next = cmark_node_next(first);
        if (next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH)
            c->subtitle = next;
    }
    int chapters = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        if (n != c->title && cmark_node_get_type(n) == CMARK_NODE_HEADING &&
            cmark_node_get_heading_level(n) == 1)
            chapters = 1;
    /* The open headings above this one: a heading sits one level below
     * the nearest one above it with a smaller Markdown level, so that
     * siblings share a level and none is skipped. */
    int md_open[8], page_open[8], depth = 0;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    int ok = 1;
    while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING ||
            n == c->title)
            continue;
        int md = cmark_node_get_heading_level(n) + chapters;
        while (depth > 0 && md_open[depth - 1] >= md)
            depth--;
        int level = depth > 0 ? page_open[depth - 1] + 1 : 2;
        if (level > 6)
            level = 6;
        if (depth < 8) {
            md_open[depth] = md;
            page_open[depth++] = level;
        }
        ok = add_heading(c, n, level);
    }
    cmark_iter_free(it);
    return ok;
}

/* The contents: sections and their subsections, as nested lists. */
static void write_nav(ctx *c)
{
    size_t shown = 0;
    for (size_t i = 0; i < c->n_h; i++)
        shown += c->h[i].level <= 3;
    if (shown < 2)
        return;
    rz_buf *o = c->o;
    rz_buf_puts(o, "<nav aria-labelledby=\"indice\">\n<h2 id=\"indice\">Indice</h2>\n<ol>\n");
    int in_sub = 0, li_open = 0;
    for (size_t i = 0; i < c->n_h; i++) {
        int level = c->h[i].level;
        if (level > 3)
            continue;
        if (level == 3 && !li_open)
            level = 2;
        if (level == 2) {
            if (in_sub)
                rz_buf_puts(o, "</ol>\n");
            if (li_open)
                rz_buf_puts(o, "</li>\n");
            in_sub = 0;
            li_open = 1;
            rz_buf_printf(o, "<li><a href=\"#s%zu\">", i + 1);
            esc(o, c->h[i].text);
            rz_buf_puts(o, "</a>");
        } else {
            if (!in_sub)
                rz_buf_puts(o, "\n<ol>\n");
            in_sub = 1;
            rz_buf_printf(o, "<li><a href=\"#s%zu\">", i + 1);
            esc(o, c->h[i].text);
            rz_buf_puts(o, "</a></li>\n");
        }
    }
    if (in_sub)
        rz_buf_puts(o, "</ol>\n");
    if (li_open)
        rz_buf_puts(o, "</li>\n");
    rz_buf_puts(o, "</ol>\n</nav>\n");
}

/* ---- charts ---- */

static void fmt_scale(char *buf, size_t n, double v)
{
    rz_fmt_number(buf, n, v, v == (double)(long long)v ? 0 : 1);
}

/* The description read out in place of the drawing: what it shows and
 * every bar's value. */
static void chart_desc(rz_buf *o, const rz_chart *ch)
{
    char a[64], b[64];
    fmt_scale(a, sizeof a, ch->max);
    rz_buf_printf(o, "Grafico a barre orizzontali, una barra per voce, scala da 0 a %s%s", a,
                  ch->unit);
    if (ch->ref >= 0) {
        fmt_scale(b, sizeof b, ch->ref);
        rz_buf_printf(o, ", linea di riferimento a %s%s", b, ch->unit);
    }
    rz_buf_puts(o, ". ");
    for (int i = 0; i < ch->n; i++) {
        esc(o, ch->bars[i].label);
        rz_buf_puts(o, ": ");
        esc(o, ch->bars[i].text);
        esc(o, ch->unit);
        rz_buf_puts(o, i + 1 < ch->n ? "; " : ".");
    }
}

static void chart_svg(ctx *c, const rz_chart *ch, size_t id)
{
    rz_buf *o = c->o;
    size_t longest = 0;
    for (int i = 0; i < ch->n; i++) {
        size_t l = strlen(ch->bars[i].label);
        longest = l > longest ? l : longest;
    }
    /* About 7 units a character at 12 units high; the box scales as a whole. */
    double label_w = 8 + 7.0 * (double)(longest > 36 ? 36 : longest < 4 ? 4 : longest);
    double bar_x = label_w + 6, bar_max = 330, row = 22, top = 22;
    double w = bar_x + bar_max + 70, h = top + row * ch->n + 8;
    rz_buf_printf(o,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                  "aria-labelledby=\"g%zu-t g%zu-d\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                  "height=\"%.0f\">\n<title id=\"g%zu-t\">",
                  id, id, w, h, w, h, id);
    esc(o, *ch->title ? ch->title : "Grafico");
    rz_buf_printf(o, "</title>\n<desc id=\"g%zu-d\">", id);
    chart_desc(o, ch);
    rz_buf_puts(o, "</desc>\n<g font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\" "
                   "fill=\"#1a1a1a\">\n");
    for (int i = 0; i < ch->n; i++) {
        const rz_chart_bar *b = &ch->bars[i];
        double v = b->value < 0 ? 0 : b->value > ch->max ? ch->max : b->value;
        double y = top + row * i, bw = bar_max * v / ch->max;
        rz_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", label_w, y + 13);
        esc(o, b->label);
        rz_buf_printf(o,
                      "</text><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"15\" "
                      "fill=\"#1f5f8b\"/><text x=\"%.1f\" y=\"%.1f\">",
                      bar_x, y + 2, bw, bar_x + bw + 4, y + 13);
        esc(o, b->text);
        esc(o, ch->unit);
        rz_buf_puts(o, "</text>\n");
    }
    rz_buf_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#4d4d4d\"/>\n",
                  bar_x, top - 4, bar_x, h - 4);
    if (ch->ref >= 0 && ch->ref <= ch->max) {
        char r[64];
        fmt_scale(r, sizeof r, ch->ref);
        double rx = bar_x + bar_max * ch->ref / ch->max;
        rz_buf_printf(o,
                      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#4d4d4d\" "
                      "stroke-dasharray=\"4 3\"/>\n<text x=\"%.1f\" y=\"12\" "
                      "text-anchor=\"middle\" font-size=\"11\">%s",
                      rx, top - 6, rx, h - 4, rx, r);
        esc(o, ch->unit);
        rz_buf_puts(o, "</text>\n");
    }
    rz_buf_puts(o, "</g>\n</svg>\n");
}

static void write_chart(ctx *c, const char *src)
{
    rz_chart *ch = malloc(sizeof *ch);
    if (!ch) {
        c->failed = 1;
        return;
    }
    rz_chart_parse(src, ch);
    if (ch->n == 0 || ch->max <= 0) {
        free(ch);
        return;
    }
    rz_buf *o = c->o;
    size_t id = ++c->n_charts;
    rz_buf_printf(
        o, "<figure class=\"grafico\" aria-labelledby=\"g%zu\">\n<figcaption id=\"g%zu\">", id, id);
    if (*ch->title)
        esc(o, ch->title);
    else
        rz_buf_printf(o, "Grafico %zu", id);
    rz_buf_puts(o, "</figcaption>\n<div class=\"grafico-corpo\">\n");
    chart_svg(c, ch, id);
    rz_buf_printf(o,
                  "<div class=\"tabella\" role=\"region\" tabindex=\"0\" "
                  "aria-labelledby=\"g%zu-c\">\n<table>\n<caption id=\"g%zu-c\">Dati del grafico"
                  "</caption>\n<thead><tr><th scope=\"col\">Voce</th><th scope=\"col\" "
                  "class=\"num\">Valore",
                  id, id);
    if (*ch->unit) {
        rz_buf_puts(o, " (");
        esc(o, ch->unit);
        rz_buf_putc(o, ')');
    }
    rz_buf_puts(o, "</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < ch->n; i++) {
        rz_buf_puts(o, "<tr><th scope=\"row\">");
        esc(o, ch->bars[i].label);
        rz_buf_puts(o, "</th><td class=\"num\">");
        esc(o, ch->bars[i].text);
        rz_buf_puts(o, "</td></tr>\n");
    }
    rz_buf_puts(o, "</tbody>\n</table>\n</div>\n</div>\n</figure>\n");
    free(ch);
}

/* ---- second pass: the nodes ---- */

static const char *align_class(uint8_t a)
{
    return a == 'r' ? " class=\"num\"" : a == 'c' ? " class=\"centro\"" : "";
}

static void table_node(ctx *c, cmark_node *n, const char *type, int enter)
{
    rz_buf *o = c->o;
    if (!strcmp(type, "table")) {
        if (enter) {
            size_t id = ++c->n_tables;
            c->n_cols = cmark_gfm_extensions_get_table_columns(n);
            c->align = cmark_gfm_extensions_get_table_alignments(n);
            c->tbody_open = 0;
            rz_buf_printf(o,
                          "<div class=\"tabella\" role=\"region\" tabindex=\"0\" "
                          "aria-labelledby=\"t%zu\">\n<table>\n<caption id=\"t%zu\">Tabella %zu",
                          id, id, id);
            if (c->section) {
                rz_buf_puts(o, " – ");
                esc(o, c->section);
            }
            rz_buf_puts(o, "</caption>\n");
        } else {
            rz_buf_puts(o, c->tbody_open ? "</tbody>\n</table>\n</div>\n" : "</table>\n</div>\n");
            c->align = NULL;
        }
    } else if (!strcmp(type, "table_row") || !strcmp(type, "table_header")) {
        int header =
            !strcmp(type, "table_header") || cmark_gfm_extensions_get_table_row_is_header(n);
        if (enter) {
            c->in_header = header;
            c->col = 0;
            if (header)
                rz_buf_puts(o, "<thead>\n");
            else if (!c->tbody_open) {
                rz_buf_puts(o, "<tbody>\n");
                c->tbody_open = 1;
            }
            rz_buf_puts(o, "<tr>");
        } else {
            rz_buf_puts(o, header ? "</tr>\n</thead>\n" : "</tr>\n");
        }
    } else if (!strcmp(type, "table_cell")) {
        uint8_t a = c->align && c->col < c->n_cols ? c->align[c->col] : 0;
        int th = c->in_header || c->col == 0;
        if (enter) {
            if (c->in_header)
                rz_buf_printf(o, "<th scope=\"col\"%s>", align_class(a));
            else if (th)
                rz_buf_printf(o, "<th scope=\"row\"%s>", align_class(a));
            else
                rz_buf_printf(o, "<td%s>", align_class(a));
        } else {
            rz_buf_puts(o, th ? "</th>" : "</td>");
            c->col++;
        }
    } else if (!strcmp(type, "strikethrough")) {
        rz_buf_puts(o, enter ? "<del>" : "</del>");
    }
}

static int tight_item(cmark_node *n)
{
    cmark_node *item = cmark_node_parent(n);
    cmark_node *list = item ? cmark_node_parent(item) : NULL;
    return list && cmark_node_get_type(list) == CMARK_NODE_LIST && cmark_node_get_list_tight(list);
}

static void render_node(ctx *c, cmark_node *n, cmark_event_type ev)
{
    rz_buf *o = c->o;
    int enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_DOCUMENT:
        break;
    case CMARK_NODE_PARAGRAPH:
        if (!tight_item(n))
            rz_buf_puts(o, enter ? "<p>" : "</p>\n");
        break;
    case CMARK_NODE_HEADING: {
        heading *h = c->next_h < c->n_h ? &c->h[c->next_h] : NULL;
        if (!h || h->node != n)
            break;
        if (enter) {
            rz_buf_printf(o, "<h%d id=\"s%zu\">", h->level, c->next_h + 1);
            c->section = h->text;
        } else {
            rz_buf_printf(o, "</h%d>\n", h->level);
            c->next_h++;
        }
        break;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        rz_buf_puts(o, enter ? "<blockquote>\n" : "</blockquote>\n");
        break;
    case CMARK_NODE_LIST: {
        int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        int start = cmark_node_get_list_start(n);
        if (!enter)
            rz_buf_puts(o, ordered ? "</ol>\n" : "</ul>\n");
        else if (ordered && start != 1)
            rz_buf_printf(o, "<ol start=\"%d\">\n", start);
        else
            rz_buf_puts(o, ordered ? "<ol>\n" : "<ul>\n");
        break;
    }
    case CMARK_NODE_ITEM:
        rz_buf_puts(o, enter ? "<li>" : "</li>\n");
        break;
    case CMARK_NODE_CODE_BLOCK: {
        const char *info = cmark_node_get_fence_info(n);
        const char *lit = cmark_node_get_literal(n);
        if (info && !strncmp(info, "chart", 5)) {
            write_chart(c, lit ? lit : "");
        } else {
            rz_buf_puts(o, "<pre><code>");
            esc(o, lit);
            rz_buf_puts(o, "</code></pre>\n");
        }
        break;
    }
    case CMARK_NODE_HTML_BLOCK:
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        rz_buf_puts(o, "<hr />\n");
        break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
        esc(o, cmark_node_get_literal(n));
        break;
    case CMARK_NODE_SOFTBREAK:
        rz_buf_putc(o, '\n');
        break;
    case CMARK_NODE_LINEBREAK:
        rz_buf_puts(o, "<br />\n");
        break;
    case CMARK_NODE_CODE:
        rz_buf_puts(o, "<code>");
        esc(o, cmark_node_get_literal(n));
        rz_buf_puts(o, "</code>");
        break;
    case CMARK_NODE_EMPH:
        rz_buf_puts(o, enter ? "<em>" : "</em>");
        break;
    case CMARK_NODE_STRONG:
        rz_buf_puts(o, enter ? "<strong>" : "</strong>");
        break;
    case CMARK_NODE_LINK: {
        const char *url = cmark_node_get_url(n);
        if (!safe_url(url))
            break;
        if (enter) {
            rz_buf_puts(o, "<a href=\"");
            esc(o, url);
            rz_buf_puts(o, "\">");
        } else {
            rz_buf_puts(o, "</a>");
        }
        break;
    }
    default:
        table_node(c, n, cmark_node_get_type_string(n), enter);
        break;
    }
}

static void write_page(ctx *c, cmark_node *doc, const rz_html_options *opt)
{
    rz_buf *o = c->o;
    char *h1 = c->title ? rz_markdown_plain_text(c->title) : NULL;
    const char *title = opt && opt->title ? opt->title : h1 ? h1 : "Documento";
    rz_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\" />\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                   "<title>");
    esc(o, title);
    if (opt && opt->body && *opt->body) {
        rz_buf_puts(o, " – ");
        esc(o, opt->body);
    }
    rz_buf_puts(o, "</title>\n<style>\n");
    rz_buf_puts(o, style);
    rz_buf_puts(o, "</style>\n</head>\n<body>\n<header>\n"
                   "<a class=\"salta\" href=\"#contenuto\">Vai al contenuto</a>\n<h1>");
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    if (c->title) {
        cmark_iter_reset(it, c->title, CMARK_EVENT_ENTER);
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            if (n == c->title)
                break;
            render_node(c, n, ev);
        }
    } else {
        esc(o, title);
    }
    rz_buf_puts(o, "</h1>\n");
    if (c->subtitle) {
        rz_buf_puts(o, "<p>");
        cmark_iter_reset(it, c->subtitle, CMARK_EVENT_ENTER);
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            if (n == c->subtitle)
                break;
            render_node(c, n, ev);
        }
        rz_buf_puts(o, "</p>\n");
    }
    rz_buf_puts(o, "</header>\n");
    write_nav(c);
    rz_buf_puts(o, "<main id=\"contenuto\">\n");
    c->section = h1;
    cmark_iter_reset(it, doc, CMARK_EVENT_ENTER);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && !c->failed) {
        cmark_node *n = cmark_iter_get_node(it);
        /* The chart's figures are in its own table, in the figure. */
        if (n == c->title || n == c->subtitle ||
            (ev == CMARK_EVENT_ENTER && rz_markdown_is_chart_table(cmark_node_previous(n), n))) {
            cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
            continue;
        }
        render_node(c, n, ev);
    }
    cmark_iter_free(it);
    rz_buf_puts(o, "</main>\n</body>\n</html>\n");
    free(h1);
}

rz_status rz_html_render(const char *md, size_t len, const rz_html_options *opt, rz_buf *out,
                         rz_diags *d)
{
    cmark_parser *p = rz_markdown_parser();
    cmark_node *doc = NULL;
    ctx c;
    memset(&c, 0, sizeof c);
    c.o = out;
    if (p) {
        cmark_parser_feed(p, md, len);
        doc = cmark_parser_finish(p);
    }
    int ok = doc && outline(&c, doc);
    if (ok)
        write_page(&c, doc, opt);
    for (size_t i = 0; i < c.n_h; i++)
        free(c.h[i].text);
    free(c.h);
    if (doc)
        cmark_node_free(doc);
    if (p)
        cmark_parser_free(p);
    if (!ok || c.failed || rz_buf_failed(out)) {
        rz_diag_add(d, RZ_ERROR, NULL, 0, "html", "memoria insufficiente per la pagina HTML");
        return RZ_IO;
    }
    return RZ_OK;
}
