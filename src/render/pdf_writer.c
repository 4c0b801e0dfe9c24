/*
 * pdf_writer.c — the laid-out pages written into the PDF with libharu.
 *
 * The ops of a page become content-stream operators: consecutive text
 * shares one text object, the font is set only when it changes, and the
 * words of a line that follow one another one space apart in one font go
 * out as one string, placed with an absolute text matrix so that text after
 * text lands exactly where the layout put it. Text is encoded in the
 * document's own two-byte encoding (pdf_fonts.h). Around the ops: the
 * running header and the footer ("Pagina N di M"), links (to the web, or
 * to a heading as a direct destination, as PDF/A wants) and, at the end,
 * the metadata.
 *
 * Every drawing is marked with its element of the logical structure
 * (pdf_struct.h); furniture is marked as pagination artifacts.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_writer.h"
#include "pdf_pdfa.h"

#include <hpdf_pages.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* UTF-8 decoded as libharu's encoder decodes it (see ttf_subset.h); calls
 * fn for every code point the text draws. */
static void each_code_point(const char *s, void (*fn)(ctx *, uint32_t), ctx *c)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""); /* NULL + 0 is undefined */
    size_t n = strlen((const char *)p);
    uint32_t cp;
    for (size_t i = 0, k; (k = rz_utf8_next(p + i, n - i, &cp)) != 0; i += k)
        if (cp != RZ_UTF8_SKIP)
            fn(c, cp);
}

/* Every code point the output can draw, known once the layout is done: the
 * laid-out text, the headings (contents, bookmarks), the title and subtitle
 * (cover, running header) and ASCII (page numbers, "Pagina N di M"). */
static void collect_used(ctx *c)
{
    pdf_fonts *f = &c->fonts;
    char ascii[0x7F - 0x20 + 1];
    for (int cp = 0x20; cp < 0x7F; cp++)
        ascii[cp - 0x20] = (char)cp;
    ascii[0x7F - 0x20] = '\0';
    pdf_fonts_mark(f, ascii, -1);
    for (size_t i = 0; i < c->n_pages; i++)
        for (size_t k = 0; k < c->pages[i].n; k++)
            if (c->pages[i].ops[k].kind == OP_TEXT)
                pdf_fonts_mark(f, c->pages[i].ops[k].text, c->pages[i].ops[k].font);
    for (size_t i = 0; i < c->n_headings; i++)
        pdf_fonts_mark(f, c->headings[i].title, -1);
    pdf_fonts_mark(f, c->doc_title, -1);
    pdf_fonts_mark(f, c->doc_subtitle, -1);
    if (c->opt) {
        pdf_fonts_mark(f, c->opt->title, -1);
        pdf_fonts_mark(f, c->opt->author, -1);
    }
}

/* Fonts are embedded when the output first draws with them, after the
 * layout: each holds only the glyphs the document draws. */
HPDF_Font pdf_font(ctx *c, int f)
{
    HPDF_Font h = c->fonts.fonts[f];
    if (h)
        return h;
    if (!c->fonts.used_known) {
        collect_used(c);
        if (pdf_fonts_encoding(&c->fonts) != 0)
            pdf_fail(c);
    }
    h = pdf_fonts_get(&c->fonts, f);
    if (!h)
        pdf_fail(c);
    return h;
}

static void add_code(ctx *c, uint32_t cp)
{
    unsigned code = pdf_fonts_code(&c->fonts, cp);
    if (!code) {
        if (!c->error)
            rz_diag_add(c->d, RZ_ERROR, NULL, 0, "pdf",
                        "carattere U+%04X non previsto nei caratteri incorporati", (unsigned)cp);
        c->error = 1;
        code = pdf_fonts_code(&c->fonts, 0x20);
    }
    rz_buf_putc(&c->shown, (char)(code >> 8));
    rz_buf_putc(&c->shown, (char)(code & 0xFF));
}

/* A PDF number with at most four decimals, trailing zeros dropped. */
static char *put_number(char *p, double v)
{
    long long m = llround(v * 10000.0);
    if (m < 0) {
        *p++ = '-';
        m = -m;
    }
    char digits[24];
    int n = 0;
    for (long long i = m / 10000; n == 0 || i > 0; i /= 10)
        digits[n++] = (char)('0' + i % 10);
    while (n)
        *p++ = digits[--n];
    int frac = (int)(m % 10000), width = 4;
    if (frac) {
        while (frac % 10 == 0) {
            frac /= 10;
            width--;
        }
        *p++ = '.';
        for (int k = width - 1; k >= 0; k--, frac /= 10)
            p[k] = (char)('0' + frac % 10);
        p += width;
    }
    return p;
}

/* UTF-8 text drawn at (x, y) in the current font, encoded in the fonts'
 * encoding. HPDF_Page_TextOut moves relatively from where the previous text
 * ended, a float sum; with absolute set, the text matrix is written instead
 * (directly: libharu's operator costs more than the text), so that text
 * after text in one text object lands exactly where it would alone. */
static void show_text(ctx *c, HPDF_Page hp, double x, double y, const char *s, int absolute)
{
    c->shown.len = 0;
    each_code_point(s, add_code, c);
    const char *t = c->shown.len ? rz_buf_str(&c->shown) : "";
    if (absolute) {
        char tm[96] = "1 0 0 1 ", *e = tm + 8;
        e = put_number(e, x);
        *e++ = ' ';
        e = put_number(e, y);
        strcpy(e, " Tm\n");
        HPDF_Stream stream = ((HPDF_PageAttr)hp->attr)->stream;
        HPDF_Stream_WriteStr(stream, tm);
        /* The Tj operator written directly as well: HPDF_Page_ShowText
         * measures the string again to track a text position that the Tm
         * above has already made meaningless to libharu. The codes are the
         * two-byte Identity-H codes built by add_code, as hexadecimal. */
        static const char hex[] = "0123456789ABCDEF";
        c->tj.len = 0;
        rz_buf_putc(&c->tj, '<');
        for (size_t i = 0; i < c->shown.len; i++) {
            unsigned char b = (unsigned char)c->shown.data[i];
            rz_buf_putc(&c->tj, hex[b >> 4]);
            rz_buf_putc(&c->tj, hex[b & 15]);
        }
        rz_buf_puts(&c->tj, "> Tj\n");
        HPDF_Stream_Write(stream, (const HPDF_BYTE *)c->tj.data, (HPDF_UINT)c->tj.len);
    } else {
        HPDF_Page_TextOut(hp, (HPDF_REAL)x, (HPDF_REAL)y, t);
    }
}

void pdf_show(ctx *c, HPDF_Page hp, double x, double y, const char *s)
{
    show_text(c, hp, x, y, s, 0);
}

static int cmp_slug(const void *a, const void *b)
{
    const heading *x = *(const heading *const *)a, *y = *(const heading *const *)b;
    int d = strcmp(x->slug, y->slug);
    return d ? d : (x > y) - (x < y); /* the first of equal anchors first */
}

/* The first heading whose anchor is slug, NULL if none: a sorted index of
 * the headings, built on the first internal link. */
static const heading *find_heading(ctx *c, const char *slug)
{
    if (!c->by_slug && c->n_headings) {
        c->by_slug = malloc(c->n_headings * sizeof *c->by_slug);
        if (!c->by_slug)
            pdf_fail(c);
        for (size_t i = 0; i < c->n_headings; i++)
            c->by_slug[i] = &c->headings[i];
        qsort(c->by_slug, c->n_headings, sizeof *c->by_slug, cmp_slug);
    }
    size_t lo = 0, hi = c->n_headings;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(c->by_slug[mid]->slug, slug) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_headings && !strcmp(c->by_slug[lo]->slug, slug) ? c->by_slug[lo] : NULL;
}

/* Whether the text after a run of words, at ops[k], goes on with the same
 * element's text past a word boundary: further along the line than a
 * letter's gap, or on another line. The run then ends with a space
 * character, so that text read through the structure (a screen reader's,
 * pdfinfo -struct-text) keeps its words apart, as pdftotext does by
 * position; the space draws nothing. Link rectangles between are passed. */
static int word_follows(const page *p, size_t k, const op *last, double end)
{
    while (k < p->n && p->ops[k].kind == OP_LINK)
        k++;
    if (k >= p->n)
        return 0;
    const op *q = &p->ops[k];
    if (q->kind != OP_TEXT || q->mark.elem != last->mark.elem || q->mark.elem < 0)
        return 0;
    return q->y != last->y || q->x > end + 0.1 * last->size;
}

/* A link on page hp, over r, to heading h: a direct destination, as
 * PDF/A wants (pdf_pdfa.h). */
static HPDF_Annotation heading_link(ctx *c, HPDF_Page hp, HPDF_Rect r, const heading *h)
{
    return rz_pdfa_goto(c->pdf, hp, r, c->hpages[c->body_first + h->page],
                        page_h(&c->pages[h->page]) - h->y + 12);
}

/* Consecutive text shares one text object, and the font is set only when
 * it changes: libharu's cost is per operator, and so is the content's size. */
void pdf_emit_page(ctx *c, HPDF_Page hp, const page *p)
{
    int in_text = 0, cur_font = -1;
    double cur_size = 0, ph = page_h(p);
    for (size_t i = 0; i < p->n; i++) {
        const op *o = &p->ops[i];
        /* Marked content never crosses a text object's bounds. */
        if (in_text && (o->kind == OP_RECT || o->kind == OP_LINE)) {
            rz_struct_unmark(c->st);
            HPDF_Page_EndText(hp);
            in_text = 0;
        }
        if (o->kind == OP_RECT || o->kind == OP_LINE)
            rz_struct_mark(c->st, o->mark);
        switch (o->kind) {
        case OP_RECT:
            HPDF_Page_SetGrayFill(hp, (HPDF_REAL)o->gray);
            HPDF_Page_Rectangle(hp, (HPDF_REAL)o->x, (HPDF_REAL)(ph - o->y - o->h), (HPDF_REAL)o->w,
                                (HPDF_REAL)o->h);
            HPDF_Page_Fill(hp);
            break;
        case OP_LINE:
            HPDF_Page_SetGrayStroke(hp, (HPDF_REAL)o->gray);
            HPDF_Page_SetLineWidth(hp, (HPDF_REAL)pdf_style.line_width);
            HPDF_Page_MoveTo(hp, (HPDF_REAL)o->x, (HPDF_REAL)(ph - o->y));
            HPDF_Page_LineTo(hp, (HPDF_REAL)(o->x + o->w), (HPDF_REAL)(ph - o->y - o->h));
            HPDF_Page_Stroke(hp);
            break;
        case OP_TEXT: {
            if (!in_text) {
                rz_struct_unmark(c->st);
                HPDF_Page_SetGrayFill(hp, 0);
                HPDF_Page_BeginText(hp);
                in_text = 1;
                cur_font = -1;
            }
            rz_struct_mark(c->st, o->mark);
            if (o->font != cur_font || o->size != cur_size) {
                HPDF_Page_SetFontAndSize(hp, pdf_font(c, o->font), (HPDF_REAL)o->size);
                cur_font = o->font;
                cur_size = o->size;
            }
            /* The words that follow on the line one space apart, in the same
             * font, go out as one string: the font's own advances put them
             * where the layout did. */
            c->run.len = 0;
            rz_buf_puts(&c->run, o->text);
            double space = text_width(c, o->font, o->size, " ", 1);
            double end = o->x + text_width(c, o->font, o->size, o->text, strlen(o->text));
            size_t k = i + 1;
            for (; k < p->n; k++) {
                const op *q = &p->ops[k];
                if (q->kind != OP_TEXT || q->font != o->font || q->size != o->size ||
                    q->y != o->y || fabs(q->x - (end + space)) > 1e-6 ||
                    q->mark.elem != o->mark.elem || q->mark.slot != o->mark.slot)
                    break;
                rz_buf_putc(&c->run, ' ');
                rz_buf_puts(&c->run, q->text);
                end = q->x + text_width(c, q->font, q->size, q->text, strlen(q->text));
            }
            if (word_follows(p, k, &p->ops[k - 1], end))
                rz_buf_putc(&c->run, ' ');
            show_text(c, hp, o->x, (ph - o->y), rz_buf_str(&c->run), 1);
            i = k - 1;
            break;
        }
        case OP_LINK: {
            HPDF_Rect r = {(HPDF_REAL)o->x, (HPDF_REAL)(ph - o->y - o->h), (HPDF_REAL)(o->x + o->w),
                           (HPDF_REAL)(ph - o->y)};
            HPDF_Annotation a = NULL;
            if (o->text[0] != '#') {
                a = HPDF_Page_CreateURILinkAnnot(hp, r, o->text);
            } else {
                const heading *h = find_heading(c, o->text + 1);
                if (h)
                    a = heading_link(c, hp, r, h);
            }
            if (a) {
                HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
                rz_pdfa_link(a);
                rz_struct_annot(c->st, o->mark.elem, a);
            }
            break;
        }
        }
    }
    rz_struct_unmark(c->st);
    if (in_text)
        HPDF_Page_EndText(hp);
}

void pdf_furniture(ctx *c, HPDF_Page hp, const page *p, size_t number, size_t total,
                   const char *title)
{
    double pw = p ? page_w(p) : PAGE_W, ph = p ? page_h(p) : PAGE_H;
    char foot[64];
    snprintf(foot, sizeof foot, "Pagina %zu di %zu", number, total);
    double size = pdf_style.furniture_size;
    double w = text_width(c, F_REG, size, foot, strlen(foot));
    rz_struct_mark(c->st, (rz_mark){RZ_PAGINATION, -1});
    HPDF_Page_SetGrayFill(hp, (HPDF_REAL)pdf_style.furniture_gray);
    HPDF_Page_BeginText(hp);
    HPDF_Page_SetFontAndSize(hp, pdf_font(c, F_REG), (HPDF_REAL)size);
    pdf_show(c, hp, ((pw - w) / 2), (MARGIN_B / 2), foot);
    if (title) {
        /* The running header is cut to the line it has. */
        size_t n = strlen(title);
        while (n && text_width(c, F_REG, size, title, n) > pw - MARGIN_L - MARGIN_R)
            n--;
        while (n && ((unsigned char)title[n] & 0xC0) == 0x80)
            n--;
        char *t = rz_arena_strndup(&c->scratch, title, n);
        if (!t)
            pdf_fail(c);
        pdf_show(c, hp, MARGIN_L, (ph - MARGIN_T / 2), t);
    }
    HPDF_Page_EndText(hp);
    HPDF_Page_SetGrayStroke(hp, (HPDF_REAL)pdf_style.furniture_rule_gray);
    HPDF_Page_SetLineWidth(hp, (HPDF_REAL)pdf_style.furniture_rule_w);
    double rule_y = ph - MARGIN_T / 2 - pdf_style.furniture_rule_gap;
    HPDF_Page_MoveTo(hp, (HPDF_REAL)MARGIN_L, (HPDF_REAL)rule_y);
    HPDF_Page_LineTo(hp, (HPDF_REAL)(pw - MARGIN_R), (HPDF_REAL)rule_y);
    HPDF_Page_Stroke(hp);
    rz_struct_unmark(c->st);
}

/* The metadata, the PDF/A pieces libharu does not write by itself (see
 * pdf_pdfa.h) and the fonts' descriptors completed, once every page is
 * drawn. */
void pdf_finish_document(ctx *c, const rz_pdf_options *opt)
{
    if (pdf_fonts_finish(&c->fonts) != 0)
        pdf_fail(c);
    /* Without a title given, the document's own (with its year) and the
     * paragraph under it (the body). */
    rz_buf full;
    rz_buf_init(&full);
    const char *title = opt->title ? opt->title : c->doc_title;
    if (!opt->title && c->doc_title && c->doc_subtitle && *c->doc_subtitle) {
        rz_buf_printf(&full, "%s – %s", c->doc_title, c->doc_subtitle);
        if (!rz_buf_failed(&full))
            title = rz_buf_str(&full);
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    rz_pdfa_info info = {title,
                         opt->author,
                         opt->subject,
                         opt->keywords,
                         LANG,
                         'B',
                         epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL),
                         c->id_source,
                         c->id_len};
    rz_pdfa_metadata(c->pdf, &info, c->d);
    rz_buf_free(&full);
}
