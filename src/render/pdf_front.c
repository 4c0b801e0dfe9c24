/*
 * pdf_front.c — the cover and the table of contents.
 *
 * Both are drawn after the body is laid out, since they depend on it (the
 * contents' page numbers, the title and the body's name taken from the
 * document's first lines), on pages placed in front of it; their elements
 * of the logical structure were placed first in reading order when the
 * rendering began, and are filled here (tag_block).
 *
 * The cover: the body's logo, the title in large type, the body's name and
 * the approving act. The contents: levels 1 and 2, each line a link to its
 * heading, the page number set right.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_writer.h"
#include "markdown_stats.h"
#include "pdf_pdfa.h"

#define PNG_WHY_SIZE 160 /* the reason a PNG or JPEG cannot be read */

#include <errno.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cover and the contents are laid out after the body (their page
 * numbers depend on it), on pages of their own placed in front. */
size_t pdf_toc_pages_needed(const ctx *c)
{
    size_t entries = 0;
    for (size_t i = 0; i < c->n_headings; i++)
        if (c->headings[i].level <= 2)
            entries++;
    size_t per_page = (size_t)pdf_style.toc_per_page;
    return entries ? (entries + per_page - 1) / per_page : 0;
}

/* A paragraph under the title as a line of the cover and a part of the PDF
 * Title: only a short one (a body's name, an act), not a page of text. */
#define COVER_LINE_MAX 300

char *pdf_cover_line(cmark_node *para)
{
    char *t = rz_markdown_plain_text(para);
    if (t && strlen(t) > COVER_LINE_MAX) {
        free(t);
        t = NULL;
    }
    return t;
}

/* Marks what follows as the content of a new element of type under
 * parent, or of parent itself when type is NULL (the cover and the contents are drawn after the
 * body is laid out; their elements were placed first in reading order). */
static int tag_block(ctx *c, int parent, const char *type)
{
    rz_struct_enter(c->st, parent);
    int id = type ? rz_struct_open(c->st, type) : parent;
    rz_mark m = rz_struct_content(c->st, 0);
    if (type)
        rz_struct_close(c->st);
    rz_struct_close(c->st);
    rz_struct_mark(c->st, m);
    return id;
}

static void on_png_error(png_structp png, png_const_charp message)
{
    snprintf(png_get_error_ptr(png), PNG_WHY_SIZE, "%s", message);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

/* The PNG decoded to its end, a row at a time: libharu hands a PNG to
 * libpng without catching its errors, and libpng then aborts the program,
 * so a damaged file must be found here first. 0, or -1 with libpng's
 * reason in why (PNG_WHY_SIZE bytes). */
static int png_decodes(const char *path, char *why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, PNG_WHY_SIZE, "%s", strerror(errno));
        return -1;
    }
    png_structp png =
        png_create_read_struct(PNG_LIBPNG_VER_STRING, why, on_png_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *volatile row = NULL;
    volatile int ok = 0;
    if (png && info && !setjmp(png_jmpbuf(png))) {
        png_init_io(png, f);
        png_read_info(png, info);
        int passes = png_set_interlace_handling(png);
        png_read_update_info(png, info);
        row = malloc(png_get_rowbytes(png, info));
        if (row) {
            png_uint_32 height = png_get_image_height(png, info);
            for (int p = 0; p < passes; p++)
                for (png_uint_32 y = 0; y < height; y++)
                    png_read_row(png, row, NULL);
            png_read_end(png, NULL);
            ok = 1;
        } else {
            snprintf(why, PNG_WHY_SIZE, "memoria insufficiente");
        }
    }
    free(row);
    png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
    fclose(f);
    return ok ? 0 : -1;
}

/* A JPEG's frame header found, with its size, and the file's end marker
 * near its end: libharu embeds a JPEG as it is, reading only the
 * frame header, so a file cut short would become an image no reader can
 * show. 0, or -1 with the reason in why. */
static int jpeg_whole(const char *path, char *why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, PNG_WHY_SIZE, "%s", strerror(errno));
        return -1;
    }
    int frame = 0, ended = 0;
    unsigned char b[8];
    if (fread(b, 1, 2, f) == 2 && b[0] == 0xFF && b[1] == 0xD8) {
        /* Markers and their segments up to the start of the scan. */
        while (fread(b, 1, 4, f) == 4 && b[0] == 0xFF) {
            unsigned marker = b[1], len = (unsigned)b[2] << 8 | b[3];
            if (len < 2)
                break;
            int sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                      marker != 0xCC;
            if (sof && len >= 8 && fread(b, 1, 6, f) == 6) {
                frame = (b[1] | b[2]) && (b[3] | b[4]) && (b[5] == 1 || b[5] == 3 || b[5] == 4);
                len -= 6;
            }
            if (marker == 0xDA)
                break;
            if (fseek(f, (long)len - 2, SEEK_CUR) != 0)
                break;
        }
        /* The end marker, perhaps followed by padding: in the scan's data
         * FF is followed only by 00 or a restart marker. */
        unsigned char tail[1024];
        long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
        long from = size > (long)sizeof tail ? size - (long)sizeof tail : 0;
        size_t n = size > 0 && fseek(f, from, SEEK_SET) == 0 ? fread(tail, 1, sizeof tail, f) : 0;
        for (size_t i = 0; i + 1 < n && !ended; i++)
            ended = tail[i] == 0xFF && tail[i + 1] == 0xD9;
    }
    fclose(f);
    if (frame && ended)
        return 0;
    snprintf(why, PNG_WHY_SIZE, "%s", frame ? "manca la fine del file" : "manca l'intestazione");
    return -1;
}

/* The logo, checked before libharu reads it: a PNG (without an alpha
 * channel, which PDF/A-1 forbids) or a JPEG. -1, with a diagnostic naming
 * the file, when it cannot be used. */
static int check_logo(ctx *c, const char *path)
{
    unsigned char head[32] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    int png = n >= 26 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8);
    int jpeg = n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
    const char *why = NULL;
    if (!f)
        why = "non si può leggere";
    else if (!png && !jpeg)
        why = "non è un'immagine PNG o JPEG";
    else if (png && (head[25] == 4 || head[25] == 6))
        why = "ha la trasparenza (canale alfa), che PDF/A non ammette: salvarlo senza";
    char reason[PNG_WHY_SIZE] = "";
    if (!why && (png ? png_decodes(path, reason) : jpeg_whole(path, reason)) != 0) {
        rz_diag_add(c->d, RZ_ERROR, path, 0, "logo",
                    "il logo non si può leggere come immagine %s (%s): il file è incompleto o "
                    "danneggiato; salvarlo di nuovo dal programma di grafica",
                    png ? "PNG" : "JPEG", reason);
        c->error = 1;
        return -1;
    }
    if (why) {
        rz_diag_add(c->d, RZ_ERROR, path, 0, "logo", "il logo %s", why);
        c->error = 1;
        return -1;
    }
    return 0;
}

/* The logo read by libharu; NULL, with a diagnostic, when it cannot be
 * used (check_logo) or read (a JPEG cut short or damaged). */
static HPDF_Image load_logo(ctx *c, const char *path)
{
    if (check_logo(c, path) != 0)
        return NULL;
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    int png =
        f && fread(head, 1, sizeof head, f) == sizeof head && !memcmp(head, "\x89PNG\r\n\x1a\n", 8);
    if (f)
        fclose(f);
    HPDF_Image img =
        png ? HPDF_LoadPngImageFromFile(c->pdf, path) : HPDF_LoadJpegImageFromFile(c->pdf, path);
    if (!img) {
        rz_diag_add(c->d, RZ_ERROR, path, 0, "logo",
                    "il logo non si può leggere come immagine %s: il file è incompleto o "
                    "danneggiato; salvarlo di nuovo dal programma di grafica",
                    png ? "PNG" : "JPEG");
        c->error = 1;
    }
    return img;
}

/* Word k of a cover line, followed by a space character when another word
 * comes after it (see word_follows in pdf_writer.c). */
static void show_word(ctx *c, HPDF_Page hp, double x, double y, const words *ws, size_t k)
{
    c->run.len = 0;
    rz_buf_puts(&c->run, ws->w[k].text);
    if (ws->w[k].space_after && k + 1 < ws->n)
        rz_buf_putc(&c->run, ' ');
    pdf_show(c, hp, x, y, rz_buf_str(&c->run));
}

void pdf_cover_page(ctx *c, HPDF_Page hp, const rz_pdf_options *opt, const char *title)
{
    if (opt->logo) {
        /* At the top of the cover, within the style's box. */
        HPDF_Image img = load_logo(c, opt->logo);
        if (!img)
            pdf_fail(c);
        double w = HPDF_Image_GetWidth(img), h = HPDF_Image_GetHeight(img);
        double k = w > 0 && h > 0 ? fmin(pdf_style.logo_h / h, pdf_style.logo_w / w) : 0;
        /* The body's name is printed under the title: the logo is decoration. */
        rz_struct_mark(c->st, (rz_mark){RZ_ARTIFACT, -1});
        HPDF_Page_DrawImage(hp, img, (HPDF_REAL)MARGIN_L, (HPDF_REAL)(PAGE_H - MARGIN_T - h * k),
                            (HPDF_REAL)(w * k), (HPDF_REAL)(h * k));
        rz_struct_unmark(c->st);
    }
    /* Title in large type, wrapped, then the body's name and the subtitle. */
    words ws = {0};
    pdf_add_text(c, &ws, title ? title : "", F_BOLD, NULL);
    lines ls = {0};
    double ts = pdf_style.cover_title_size;
    pdf_wrap(c, &ws, ts, CONTENT_W, &ls);
    double y = PAGE_H * pdf_style.cover_title_at;
    tag_block(c, c->cover_elem, "P");
    HPDF_Page_SetGrayFill(hp, 0);
    for (size_t i = 0; i < ls.n; i++) {
        double x = MARGIN_L;
        double space = text_width(c, F_REG, ts, " ", 1);
        HPDF_Page_BeginText(hp);
        HPDF_Page_SetFontAndSize(hp, pdf_font(c, F_BOLD), (HPDF_REAL)ts);
        for (size_t k = ls.l[i].from; k < ls.l[i].to; k++) {
            if (k > ls.l[i].from && ws.w[k - 1].space_after)
                x += space;
            show_word(c, hp, x, (PAGE_H - y), &ws, k);
            x += text_width(c, F_BOLD, ts, ws.w[k].text, ws.w[k].len);
        }
        HPDF_Page_EndText(hp);
        y += pdf_style.cover_title_line;
    }
    rz_struct_unmark(c->st);
    /* The body (or the author given), then the approving act. */
    const char *sub[2] = {opt->author ? opt->author : c->doc_subtitle, c->doc_note};
    for (int s = 0; s < 2; s++) {
        if (!sub[s])
            continue;
        double sz = pdf_style.cover_sub_size[s];
        words sw = {0};
        pdf_add_text(c, &sw, sub[s], F_REG, NULL);
        lines sl = {0};
        pdf_wrap(c, &sw, sz, CONTENT_W, &sl);
        y += pdf_style.cover_sub_before;
        tag_block(c, c->cover_elem, "P");
        double space = text_width(c, F_REG, sz, " ", 1);
        for (size_t i = 0; i < sl.n; i++) {
            double x = MARGIN_L;
            HPDF_Page_BeginText(hp);
            HPDF_Page_SetFontAndSize(hp, pdf_font(c, F_REG), (HPDF_REAL)sz);
            for (size_t k = sl.l[i].from; k < sl.l[i].to; k++) {
                if (k > sl.l[i].from && sw.w[k - 1].space_after)
                    x += space;
                show_word(c, hp, x, (PAGE_H - y - sz), &sw, k);
                x += text_width(c, F_REG, sz, sw.w[k].text, sw.w[k].len);
            }
            HPDF_Page_EndText(hp);
            y += sz * pdf_style.cover_sub_leading;
        }
        rz_struct_unmark(c->st);
    }
    /* A rule above the title. */
    rz_struct_mark(c->st, (rz_mark){RZ_ARTIFACT, -1});
    HPDF_Page_SetGrayFill(hp, (HPDF_REAL)pdf_style.cover_bar_gray);
    HPDF_Page_Rectangle(
        hp, (HPDF_REAL)MARGIN_L,
        (HPDF_REAL)(PAGE_H - PAGE_H * pdf_style.cover_title_at + pdf_style.cover_bar_above),
        (HPDF_REAL)pdf_style.cover_bar_w, (HPDF_REAL)pdf_style.cover_bar_h);
    HPDF_Page_Fill(hp);
    rz_struct_unmark(c->st);
}

/* A TOCI for a contents entry of level 1 or 2 (those of level 2 in a
 * TOC of their level-1 entry), its text marked as a Link; returns the
 * Link. */
static int toc_entry(ctx *c, int level)
{
    int parent = c->toc;
    if (level > 1 && c->toc_l1 >= 0) {
        if (c->toc_sub < 0) {
            rz_struct_enter(c->st, c->toc_l1);
            c->toc_sub = rz_struct_open(c->st, "TOC");
            rz_struct_close(c->st);
            rz_struct_close(c->st);
        }
        parent = c->toc_sub;
    }
    rz_struct_enter(c->st, parent);
    int item = rz_struct_open(c->st, "TOCI");
    if (level == 1) {
        c->toc_l1 = item;
        c->toc_sub = -1;
    }
    rz_struct_close(c->st);
    return tag_block(c, item, "Link");
}

void pdf_toc_page(ctx *c, HPDF_Page hp, size_t first, size_t offset, size_t *entry)
{
    double y = MARGIN_T;
    HPDF_Page_SetGrayFill(hp, 0);
    if (first) {
        tag_block(c, c->toc_head, NULL);
        HPDF_Page_BeginText(hp);
        double ts = pdf_style.toc_title_size;
        HPDF_Page_SetFontAndSize(hp, pdf_font(c, F_BOLD), (HPDF_REAL)ts);
        pdf_show(c, hp, MARGIN_L, (PAGE_H - y - ts), "Indice");
        HPDF_Page_EndText(hp);
        rz_struct_unmark(c->st);
        y += pdf_style.toc_title_after;
    }
    size_t shown = 0;
    double size = pdf_style.toc_size;
    for (; *entry < c->n_headings && shown < (size_t)pdf_style.toc_per_page; (*entry)++) {
        const heading *h = &c->headings[*entry];
        if (h->level > 2)
            continue;
        int f = h->level == 1 ? F_BOLD : F_REG;
        double x = MARGIN_L + (h->level - 1) * pdf_style.toc_indent;
        char num[16];
        snprintf(num, sizeof num, "%zu", h->page + offset + 1);
        double nw = text_width(c, F_REG, size, num, strlen(num));
        size_t n = strlen(h->title);
        while (n && text_width(c, f, size, h->title, n) >
                        CONTENT_W - (x - MARGIN_L) - nw - pdf_style.toc_number_gap)
            n--;
        while (n && ((unsigned char)h->title[n] & 0xC0) == 0x80)
            n--;
        char *t = rz_arena_strndup(&c->scratch, h->title, n);
        if (!t)
            pdf_fail(c);
        int link = toc_entry(c, h->level);
        HPDF_Page_BeginText(hp);
        HPDF_Page_SetFontAndSize(hp, pdf_font(c, f), (HPDF_REAL)size);
        pdf_show(c, hp, x, (PAGE_H - y - size), t);
        HPDF_Page_SetFontAndSize(hp, pdf_font(c, F_REG), (HPDF_REAL)size);
        pdf_show(c, hp, (PAGE_W - MARGIN_R - nw), (PAGE_H - y - size), num);
        HPDF_Page_EndText(hp);
        rz_struct_unmark(c->st);
        /* The whole line leads to the heading. */
        HPDF_Rect r = {(HPDF_REAL)x, (HPDF_REAL)(PAGE_H - y - 12.5), (HPDF_REAL)(PAGE_W - MARGIN_R),
                       (HPDF_REAL)(PAGE_H - y + 1)};
        HPDF_Annotation a = rz_pdfa_goto(c->pdf, hp, r, c->hpages[offset + h->page],
                                         page_h(&c->pages[h->page]) - h->y + 12);
        if (!a)
            pdf_fail(c);
        rz_struct_annot(c->st, link, a);
        y += h->level == 1 ? pdf_style.toc_chapter_line : pdf_style.toc_section_line;
        shown++;
    }
}
