/*
 * pdf_layout.c — the cmark tree laid out as pages of drawing operations.
 *
 * Block by block, at a cursor (c->y) that moves down the current page:
 * inline content is broken into words with a style, the words greedily
 * wrapped into lines (ragged right, consistently), and every drawing
 * recorded as an op on its page. Nothing is written here: pdf_writer.c
 * puts the ops into the PDF once the number of pages is known.
 *
 * A heading keeps with what follows it: until two lines (or a table's
 * first row, or a chart) are laid out under it, a page break carries the
 * heading to the new page (new_page). Tables and charts have files of
 * their own (pdf_table.c, pdf_chart.c); sizes and gaps come from
 * pdf_style.h.
 *
 * Temporaries (words, lines) are taken from the context's scratch arena,
 * emptied after each top-level block: a failure anywhere leaves through
 * pdf_fail with nothing of its own to free (pdf_layout.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_layout.h"
#include "format.h"
#include "markdown_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The array items of n elements (capacity *cap) with room for one more,
 * grown to twice its size (first elements at first); these arrays live
 * as long as the context, which frees them. */
static void *room_for_one(ctx *c, void *items, size_t n, size_t *cap, size_t elem, size_t first)
{
    if (n < *cap)
        return items;
    size_t want = *cap ? *cap * 2 : first;
    void *grown = realloc(items, want * elem);
    if (!grown)
        pdf_fail(c);
    *cap = want;
    return grown;
}

page *pdf_cur(ctx *c)
{
    return &c->pages[c->n_pages - 1];
}

/* Starts a page. Returns 1 when a heading kept with what follows it came
 * along (then whatever was drawn after it came too). */
int pdf_new_page(ctx *c)
{
    if (c->keep.on && c->keep.page + 1 == c->n_pages && c->keep.op == 0 &&
        pdf_cur(c)->landscape != c->landscape) {
        /* Only the headings on the page: it turns instead. */
        double old_w = page_w(pdf_cur(c));
        pdf_cur(c)->landscape = c->landscape;
        c->width += page_w(pdf_cur(c)) - old_w;
        return 1;
    }
    c->pages = room_for_one(c, c->pages, c->n_pages, &c->cap_pages, sizeof *c->pages, 16);
    double old_w = c->n_pages ? page_w(pdf_cur(c)) : PAGE_W, old_y = c->y;
    memset(&c->pages[c->n_pages++], 0, sizeof(page));
    pdf_cur(c)->landscape = c->landscape;
    c->width += page_w(pdf_cur(c)) - old_w; /* indentation kept */
    c->y = MARGIN_T;
    if (!c->keep.on || c->keep.page != c->n_pages - 2 || c->keep.y <= MARGIN_T + 0.5)
        return 0;
    page *from = &c->pages[c->n_pages - 2], *to = pdf_cur(c);
    size_t n = from->n - c->keep.op;
    if (n) {
        to->ops = malloc(n * sizeof *to->ops);
        if (!to->ops)
            pdf_fail(c);
        memcpy(to->ops, from->ops + c->keep.op, n * sizeof *to->ops);
        to->n = to->cap = n;
        from->n = c->keep.op;
    }
    double dy = MARGIN_T - c->keep.y;
    for (size_t i = 0; i < n; i++)
        to->ops[i].y += dy;
    for (size_t i = c->keep.heading; i < c->n_headings; i++) {
        c->headings[i].page = c->n_pages - 1;
        c->headings[i].y += dy;
    }
    c->y = old_y + dy;
    c->keep.page = c->n_pages - 1;
    c->keep.op = 0;
    c->keep.y = MARGIN_T;
    return 1;
}

/* What follows a heading: n lines of text, or (n = 2) a table's first row
 * or a chart. */
void pdf_kept_lines(ctx *c, int n)
{
    if (c->keep.on && !c->in_heading && (c->keep.lines += n) >= 2)
        c->keep.on = 0;
}

op *pdf_add_op(ctx *c, op_kind k)
{
    page *p = pdf_cur(c);
    p->ops = room_for_one(c, p->ops, p->n, &p->cap, sizeof *p->ops, 64);
    op *o = &p->ops[p->n++];
    memset(o, 0, sizeof *o);
    o->kind = k;
    o->mark = k == OP_LINK ? rz_struct_here(c->st) : rz_struct_content(c->st, k != OP_TEXT);
    return o;
}

void pdf_draw_text(ctx *c, int f, double size, double x, double y, const char *s, size_t n)
{
    op *o = pdf_add_op(c, OP_TEXT);
    o->font = f;
    o->size = size;
    o->x = x;
    o->y = y;
    o->text = malloc(n + 1);
    if (!o->text)
        pdf_fail(c);
    memcpy(o->text, s, n);
    o->text[n] = '\0';
}

/* A filled rectangle or a line from (x, y) to (x + w, y + h). */
static void draw_shape(ctx *c, op_kind k, double x, double y, double w, double h, double gray)
{
    op *o = pdf_add_op(c, k);
    o->x = x;
    o->y = y;
    o->w = w;
    o->h = h;
    o->gray = gray;
}

void pdf_draw_rect(ctx *c, double x, double y, double w, double h, double gray)
{
    draw_shape(c, OP_RECT, x, y, w, h, gray);
}

void pdf_draw_line(ctx *c, double x, double y, double w, double h, double gray)
{
    draw_shape(c, OP_LINE, x, y, w, h, gray);
}

double pdf_bottom(ctx *c)
{
    return page_h(pdf_cur(c)) - MARGIN_B;
}

/* Makes room for h points, starting a page when needed. */
void pdf_need(ctx *c, double h)
{
    if (c->y + h > pdf_bottom(c) && c->y > MARGIN_T + 0.5)
        pdf_new_page(c);
}

void *pdf_scratch(ctx *c, size_t size)
{
    void *p = rz_arena_alloc(&c->scratch, size);
    if (!p)
        pdf_fail(c);
    return p;
}

void pdf_scratch_reset(ctx *c)
{
    rz_arena_free(&c->scratch);
    rz_arena_init(&c->scratch);
}

/* A new word at the end of ws, zeroed. */
word *pdf_add_word(ctx *c, words *ws)
{
    word *w = RZ_ARENA_PUSH(&c->scratch, ws->w, ws->n, ws->cap);
    if (!w)
        pdf_fail(c);
    return w;
}

void pdf_push_word(ctx *c, words *ws, const char *s, size_t n, int f, int space, const char *url)
{
    word *w = pdf_add_word(c, ws);
    char *text = w->text = rz_arena_alloc(&c->scratch, n + 1);
    if (!text)
        pdf_fail(c);
    /* A symbol font's glyph (format.h) is left out, as in the HTML. */
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pua = rz_utf8_private_use(s + i, n - i);
        if (pua)
            i += pua - 1;
        else
            text[len++] = s[i];
    }
    text[len] = '\0';
    if (len == 0 && n > 0) { /* nothing but such glyphs: no word */
        ws->n--;
        return;
    }
    w->len = len;
    w->font = f;
    w->space_after = space;
    w->url = url;
}

/* Splits text into words; a word continues the previous one when the
 * previous had no space after it (so "**97,8**%" stays one word). */
void pdf_add_text(ctx *c, words *ws, const char *s, int f, const char *url)
{
    size_t i = 0, n = strlen(s);
    if (n && s[0] == ' ' && ws->n)
        ws->w[ws->n - 1].space_after = 1;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        /* "€ 1.234,56" is never split across lines, nor "13 / 13". */
        if (i - st == 3 && !memcmp(s + st, "€", 3) && i + 1 < n && s[i + 1] != ' ') {
            i++;
            while (i < n && s[i] != ' ')
                i++;
        }
        while (i > st && s[i - 1] >= '0' && s[i - 1] <= '9' && i + 3 < n &&
               !memcmp(s + i, " / ", 3) && s[i + 3] >= '0' && s[i + 3] <= '9') {
            i += 3;
            while (i < n && s[i] != ' ')
                i++;
        }
        if (i > st)
            pdf_push_word(c, ws, s + st, i - st, f, i < n, url);
    }
}

static int style_font(int bold, int ital, int mono, int table)
{
    if (mono)
        return F_MONO;
    if (table)
        return bold ? F_COND_BOLD : F_COND;
    if (bold)
        return F_BOLD;
    return ital ? F_ITAL : F_REG;
}

/* The targets a link may have in the PDF: the web, mail and the
 * document's own headings ("#slug"). Anything else (javascript:, data:,
 * file:, a relative path...) would be an action or a file the reader's
 * viewer opens: such a link is printed as its text, with a warning. */
static int link_allowed(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    if (url[0] == '#')
        return 1;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            return 1;
    return 0;
}

/* The URL of link node n if it may be live, else NULL (and a warning). */
static const char *live_link(ctx *c, cmark_node *n)
{
    const char *url = cmark_node_get_url(n);
    if (!url || !url[0])
        return NULL;
    if (link_allowed(url))
        return url;
    size_t len = strlen(url);
    rz_diag_add(c->d, RZ_WARNING, c->opt ? c->opt->source : NULL,
                c->line_base + cmark_node_get_start_line(n), "pdf-link",
                "collegamento a \"%.*s%s\" stampato come testo: nel PDF sono attivi solo "
                "indirizzi http, https, mailto e rimandi alle sezioni (#)",
                len > 60 ? 60 : (int)len, url, len > 60 ? "..." : "");
    return NULL;
}

void pdf_collect_inline(ctx *c, cmark_node *parent, words *ws, int bold, int table)
{
    cmark_iter *it = c->iter = cmark_iter_new(parent);
    cmark_event_type ev;
    int b = bold, i = 0;
    const char *url = NULL;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == parent)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_STRONG:
            b += ev == CMARK_EVENT_ENTER ? 1 : -1;
            break;
        case CMARK_NODE_EMPH:
            i += ev == CMARK_EVENT_ENTER ? 1 : -1;
            break;
        case CMARK_NODE_LINK:
            url = ev == CMARK_EVENT_ENTER ? live_link(c, n) : NULL;
            break;
        case CMARK_NODE_TEXT:
            pdf_add_text(c, ws, cmark_node_get_literal(n), style_font(b > 0, i > 0, 0, table), url);
            break;
        case CMARK_NODE_CODE:
            pdf_add_text(c, ws, cmark_node_get_literal(n), style_font(0, 0, 1, table), url);
            break;
        case CMARK_NODE_SOFTBREAK:
            if (ws->n)
                ws->w[ws->n - 1].space_after = 1;
            break;
        case CMARK_NODE_LINEBREAK:
            if (ws->n)
                ws->w[ws->n - 1].hard_break = 1;
            break;
        case CMARK_NODE_HTML_INLINE:
            pdf_add_text(c, ws, cmark_node_get_literal(n), style_font(0, 0, 1, table), url);
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    c->iter = NULL;
}

/* Moves the pieces of *w that fit max each (at least one character) to
 * out, in one pass over its characters: widths are sums of the characters'
 * advances, so a piece is measured as it grows, never again from its
 * start (a word of a megabyte once cost a copy and a measure per line). */
static void split_word(ctx *c, word *w, double size, double max, words *out)
{
    const rz_ttf *f = face(c, w->font);
    const unsigned char *p = (const unsigned char *)w->text;
    size_t from = 0, at = 0, k;
    unsigned long units = 0;
    uint32_t cp;
    while ((k = rz_utf8_next(p + at, w->len - at, &cp)) != 0) {
        unsigned adv = cp == RZ_UTF8_SKIP ? 0 : rz_ttf_width(f, cp);
        if (at > from && (double)(units + adv) * size / 1000.0 > max) {
            pdf_push_word(c, out, w->text + from, at - from, w->font, 0, w->url);
            from = at;
            units = 0;
        }
        units += adv;
        at += k;
    }
    pdf_push_word(c, out, w->text + from, w->len - from, w->font, w->space_after, w->url);
    out->w[out->n - 1].hard_break = w->hard_break;
}

/* Splits the words that cannot fit max on their own, then breaks lines. */
void pdf_wrap(ctx *c, words *ws, double size, double max, lines *out)
{
    size_t wide = 0;
    while (wide < ws->n &&
           text_width(c, ws->w[wide].font, size, ws->w[wide].text, ws->w[wide].len) <= max)
        wide++;
    if (wide < ws->n) {
        words split = {0};
        for (size_t k = 0; k < ws->n; k++) {
            word *w = &ws->w[k];
            if (k < wide || text_width(c, w->font, size, w->text, w->len) <= max) {
                *pdf_add_word(c, &split) = *w;
                w->text = NULL;
            } else {
                split_word(c, w, size, max, &split);
            }
        }
        *ws = split;
    }
    out->n = 0;
    double space = text_width(c, F_REG, size, " ", 1);
    size_t i = 0;
    while (i < ws->n) {
        size_t from = i;
        double x = 0;
        while (i < ws->n) {
            double ww = text_width(c, ws->w[i].font, size, ws->w[i].text, ws->w[i].len);
            double gap = i > from && ws->w[i - 1].space_after ? space : 0;
            if (i > from && x + gap + ww > max)
                break;
            x += gap + ww;
            i++;
            if (ws->w[i - 1].hard_break)
                break;
        }
        span *l = RZ_ARENA_PUSH(&c->scratch, out->l, out->n, out->cap);
        if (!l)
            pdf_fail(c);
        l->from = from;
        l->to = i;
    }
}

static double line_width(ctx *c, const words *ws, span l, double size)
{
    double space = text_width(c, F_REG, size, " ", 1), x = 0;
    for (size_t i = l.from; i < l.to; i++) {
        if (i > l.from && ws->w[i - 1].space_after)
            x += space;
        x += text_width(c, ws->w[i].font, size, ws->w[i].text, ws->w[i].len);
    }
    return x;
}

/* Draws one line at (x, baseline y); align 'l', 'c' or 'r' within width. */
void pdf_draw_words(ctx *c, const words *ws, span l, double size, double x, double y, double width,
                    char align)
{
    double space = text_width(c, F_REG, size, " ", 1);
    double lw = align == 'l' ? 0 : line_width(c, ws, l, size);
    if (align == 'r')
        x += width - lw;
    else if (align == 'c')
        x += (width - lw) / 2;
    for (size_t i = l.from; i < l.to; i++) {
        if (i > l.from && ws->w[i - 1].space_after)
            x += space;
        const word *w = &ws->w[i];
        double ww = text_width(c, w->font, size, w->text, w->len);
        if (w->url)
            rz_struct_open_for(c->st, "Link", w->url);
        pdf_draw_text(c, w->font, size, x, y, w->text, w->len);
        if (w->url) {
            op *o = pdf_add_op(c, OP_LINK);
            o->x = x;
            o->y = y - size;
            o->w = ww;
            o->h = size * pdf_style.link_height;
            o->text = strdup(w->url);
            if (!o->text)
                pdf_fail(c);
            rz_struct_close(c->st);
        }
        x += ww;
    }
}

/* A paragraph of words at the current indentation. */
void pdf_flow(ctx *c, words *ws, double size, double leading)
{
    lines ls = {0};
    pdf_wrap(c, ws, size, c->width, &ls);
    double lh = size * leading;
    for (size_t i = 0; i < ls.n; i++) {
        pdf_need(c, lh);
        if (c->in_quote)
            pdf_draw_rect(c, c->left - pdf_style.quote_bar_x, c->y, pdf_style.quote_bar_w, lh,
                          pdf_style.quote_bar_gray);
        pdf_draw_words(c, ws, ls.l[i], size, c->left, c->y + size, c->width, 'l');
        c->y += lh;
        pdf_kept_lines(c, 1);
    }
}

/* A heading's anchor as GitHub makes it: lower case, spaces as hyphens,
 * punctuation dropped (letters beyond ASCII kept as they are). */
static char *slug_of(const char *title)
{
    char *s = malloc(strlen(title) + 1), *e = s;
    if (!s)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
        if (*p >= 0x80 || *p == '-' || *p == '_' || (*p >= '0' && *p <= '9') ||
            (*p >= 'a' && *p <= 'z'))
            *e++ = (char)*p;
        else if (*p >= 'A' && *p <= 'Z')
            *e++ = (char)(*p - 'A' + 'a');
        else if (*p == ' ')
            *e++ = '-';
    }
    *e = '\0';
    return s;
}

static void render_heading(ctx *c, cmark_node *n)
{
    int level = cmark_node_get_heading_level(n);
    double size = pdf_style.heading_size[level < 1 ? 1 : level > 6 ? 6 : level];
    /* A level-1 heading opens a page (except the first); others keep with
     * at least three lines of what follows. */
    /* A chapter opens a page, unless the page holds little more than the
     * document's title. */
    if (c->keep.lines > 0)
        c->keep.on = 0; /* the heading above has its lines */
    if (level == 1 && c->y > MARGIN_T + pdf_style.chapter_break && c->n_headings > 0) {
        c->keep.on = 0;
        pdf_new_page(c);
    } else
        pdf_need(c, size * pdf_style.heading_room_lines +
                        pdf_style.heading_room); /* a heading rarely starts near the end */
    if (!c->keep.on) {
        c->keep.on = 1;
        c->keep.page = c->n_pages - 1;
        c->keep.op = pdf_cur(c)->n;
        c->keep.y = c->y;
        c->keep.heading = c->n_headings;
        c->keep.lines = 0;
    }
    c->y += level == 1 ? pdf_style.chapter_before : size * pdf_style.heading_before;
    c->headings =
        room_for_one(c, c->headings, c->n_headings, &c->cap_headings, sizeof *c->headings, 32);
    heading *h = &c->headings[c->n_headings++];
    h->level = level;
    h->title = rz_markdown_plain_text(n);
    h->slug = h->title ? slug_of(h->title) : NULL;
    if (!h->slug)
        pdf_fail(c);
    h->page = c->n_pages - 1;
    h->y = c->y;
    if (!c->doc_title && level == 1)
        c->doc_title = strdup(h->title);
    /* Tagged levels nest: none deeper than one below the last. */
    static const char *const tags[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    int tagged = level < 1 ? 1 : level > 6 ? 6 : level;
    if (tagged > c->last_level + 1)
        tagged = c->last_level + 1;
    c->last_level = tagged;
    rz_struct_open(c->st, tags[tagged - 1]);
    words ws = {0};
    pdf_collect_inline(c, n, &ws, 1, 0);
    c->in_heading = 1;
    pdf_flow(c, &ws, size, pdf_style.heading_leading);
    c->in_heading = 0;
    rz_struct_close(c->st);
    if (level <= 2)
        pdf_draw_line(c, c->left, c->y + pdf_style.rule_below, c->width, 0,
                      level == 1 ? pdf_style.chapter_rule_gray : pdf_style.section_rule_gray);
    c->y += size * pdf_style.heading_after;
}

static void render_list(ctx *c, cmark_node *list, int depth)
{
    int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    int num = cmark_node_get_list_start(list);
    double indent = pdf_style.list_indent;
    double old_left = c->left, old_width = c->width;
    c->left += indent;
    c->width -= indent;
    rz_struct_open(c->st, "L");
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        char marker[16];
        if (ordered)
            snprintf(marker, sizeof marker, "%d.", num++);
        else
            snprintf(marker, sizeof marker, "%s", depth % 2 ? "–" : "•");
        pdf_need(c, pdf_style.body_size * pdf_style.list_item_room);
        double mw = text_width(c, F_REG, pdf_style.body_size, marker, strlen(marker));
        rz_struct_open(c->st, "LI");
        rz_struct_open(c->st, "Lbl");
        pdf_draw_text(c, F_REG, pdf_style.body_size, c->left - mw - pdf_style.list_marker_gap,
                      c->y + pdf_style.body_size, marker, strlen(marker));
        rz_struct_close(c->st);
        rz_struct_open(c->st, "LBody");
        pdf_render_blocks(c, item, depth + 1);
        rz_struct_close(c->st);
        rz_struct_close(c->st);
    }
    rz_struct_close(c->st); /* the L */
    c->left = old_left;
    c->width = old_width;
}

static void render_code(ctx *c, cmark_node *n)
{
    const char *info = cmark_node_get_fence_info(n);
    const char *lit = cmark_node_get_literal(n);
    if (info && !strncmp(info, "chart", 5)) {
        pdf_render_chart(c, lit ? lit : "");
        return;
    }
    double size = pdf_style.code_size, lh = size * pdf_style.code_leading;
    double pad = pdf_style.code_pad;
    rz_struct_open(c->st, "Code");
    for (const char *line = lit ? lit : ""; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        words ws = {0};
        pdf_push_word(c, &ws, line, len, F_MONO, 0, NULL);
        lines ls = {0};
        pdf_wrap(c, &ws, size, c->width - 2 * pad, &ls);
        for (size_t i = 0; i < ls.n; i++) {
            pdf_need(c, lh);
            pdf_draw_rect(c, c->left, c->y, c->width, lh, pdf_style.code_gray);
            pdf_draw_words(c, &ws, ls.l[i], size, c->left + pad, c->y + size, c->width - 2 * pad,
                           'l');
            c->y += lh;
            pdf_kept_lines(c, 1);
        }
        if (len == 0) {
            pdf_need(c, lh);
            pdf_draw_rect(c, c->left, c->y, c->width, lh, pdf_style.code_gray);
            c->y += lh;
        }
        if (!end)
            break;
        line = end + 1;
    }
    rz_struct_close(c->st);
    c->y += pdf_style.code_after;
}

void pdf_render_blocks(ctx *c, cmark_node *parent, int list_depth)
{
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        if (c->error)
            pdf_fail(c);
        const char *type = cmark_node_get_type_string(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
            render_heading(c, n);
            break;
        case CMARK_NODE_PARAGRAPH: {
            words ws = {0};
            pdf_collect_inline(c, n, &ws, 0, 0);
            rz_struct_open(c->st, "P");
            pdf_flow(c, &ws, pdf_style.body_size, pdf_style.body_leading);
            rz_struct_close(c->st);
            c->y += list_depth ? pdf_style.item_paragraph_after : pdf_style.paragraph_after;
            break;
        }
        case CMARK_NODE_LIST:
            render_list(c, n, list_depth);
            c->y += pdf_style.list_after;
            break;
        case CMARK_NODE_BLOCK_QUOTE: {
            double ol = c->left, ow = c->width;
            c->left += pdf_style.quote_indent;
            c->width -= pdf_style.quote_indent;
            c->in_quote++;
            rz_struct_open(c->st, "BlockQuote");
            pdf_render_blocks(c, n, list_depth);
            rz_struct_close(c->st);
            c->in_quote--;
            c->left = ol;
            c->width = ow;
            break;
        }
        case CMARK_NODE_CODE_BLOCK:
            render_code(c, n);
            if (rz_markdown_is_chart_table(n, cmark_node_next(n)))
                n = cmark_node_next(n); /* drawn as the chart */
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            pdf_need(c, pdf_style.break_room);
            pdf_draw_line(c, c->left, c->y + pdf_style.break_y, c->width, 0, pdf_style.break_gray);
            c->y += pdf_style.break_room;
            break;
        case CMARK_NODE_HTML_BLOCK:
            break;
        default:
            if (!strcmp(type, "table"))
                pdf_render_table(c, n);
            else
                pdf_render_blocks(c, n, list_depth);
            break;
        }
        if (parent == c->tree)
            pdf_scratch_reset(c); /* the block's temporaries */
    }
}
