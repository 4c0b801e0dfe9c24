/*
 * pdf_layout.h — what the PDF renderer's files share: the render context,
 * the pages of drawing operations the layout produces, and the layout's
 * calls used by the tables, the charts and the output.
 *
 * Internal to the renderer (pdf_render.h is its face). The files:
 *   pdf_render.c  the entry point: the context's life, the Markdown parsed
 *                 a piece at a time, the pages put together in order;
 *   pdf_layout.c  cmark tree -> pages of ops: blocks, words, line breaking,
 *                 keep-with-next, page breaks;
 *   pdf_table.c   tables: column widths shared by tables of one kind, type
 *                 shrunk to fit, landscape pages, rows split across pages;
 *   pdf_chart.c   ```chart blocks as bar charts;
 *   pdf_front.c   the cover and the table of contents (pdf_writer.h);
 *   pdf_writer.c  the ops, furniture, links and metadata written with
 *                 libharu (pdf_writer.h);
 *   pdf_fonts.c   the fonts (pdf_fonts.h); pdf_style.h the look.
 *
 * Errors. A failure deep in the layout or the output (memory, a missing
 * font, libharu) leaves through pdf_fail, which jumps back to
 * rz_pdf_render: the jump crosses no allocation of its own, since every
 * allocation made on the way is owned by the context — its pages, headings
 * and table kinds, and the scratch arena that holds the layout's
 * temporaries (words, lines, table rows) — and the context is freed whole.
 * The fonts and the struct tree return their errors as values.
 */
#ifndef RZ_PDF_LAYOUT_H
#define RZ_PDF_LAYOUT_H

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "pdf_fonts.h"
#include "pdf_render.h"
#include "pdf_struct.h"
#include "pdf_style.h"

#include <cmark-gfm.h>
#include <hpdf.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

/* Shorthands for the style table's page (pdf_style.h). */
#define PAGE_W (pdf_style.page_w)
#define PAGE_H (pdf_style.page_h)
#define MARGIN_L (pdf_style.margin_l)
#define MARGIN_R (pdf_style.margin_r)
#define MARGIN_T (pdf_style.margin_t)
#define MARGIN_B (pdf_style.margin_b)
#define CONTENT_W PDF_CONTENT_W
#define LANG "it-IT" /* the documents' language, declared for readers */

typedef enum { OP_TEXT, OP_RECT, OP_LINE, OP_LINK } op_kind;

typedef struct {
    op_kind kind;
    int font;
    double size;
    double x, y, w, h; /* y from the top of the page */
    double gray;       /* fill or stroke gray level, 0 black .. 1 white */
    char *text;        /* OP_TEXT; the URI for OP_LINK */
    rz_mark mark;      /* the structure element it belongs to (pdf_struct.h) */
} op;

typedef struct {
    op *ops;
    size_t n, cap;
    int landscape; /* A4 turned: for tables too wide for a portrait page */
} page;

static inline double page_w(const page *p)
{
    return p->landscape ? PAGE_H : PAGE_W;
}

static inline double page_h(const page *p)
{
    return p->landscape ? PAGE_W : PAGE_H;
}

/* Tables of one kind: see pdf_measure_kinds. */
struct table_kind {
    char *header; /* the header cells' text, each followed by '|' */
    int ncols;
    size_t count;
    double *minw, *pref; /* widths at 1 pt, without padding */
};

typedef struct {
    int level;
    char *title;
    char *slug; /* the anchor a "#..." link names it by */
    size_t page;
    double y;
} heading;

typedef struct {
    pdf_fonts fonts;
    HPDF_Doc pdf;
    const rz_pdf_options *opt;
    rz_buf shown;     /* a string being encoded for HPDF_Page_TextOut */
    rz_buf tj;        /* the same as a hexadecimal Tj operator */
    rz_buf run;       /* words joined into one string */
    rz_buf cells;     /* a table line's cells, while the tables are measured */
    rz_arena scratch; /* the layout's temporaries, emptied after each block */
    cmark_iter *iter; /* the inline content being collected */
    rz_diags *d;
    jmp_buf fail;
    int error;
    page *pages;
    size_t n_pages, cap_pages;
    double y; /* cursor from the top of the current page */
    double left, width;
    heading *headings;
    size_t n_headings, cap_headings;
    char *doc_title;
    char *doc_subtitle;
    char *doc_note; /* a second paragraph under the title (the approving act) */
    int in_quote;
    int landscape; /* the orientation of the pages to come */
    /* Keep with next: from a heading until two lines, a table's first row
     * or a chart follow it, a page break carries the heading (and the
     * headings right above it) to the new page. */
    struct {
        int on;
        size_t page, op; /* where the first heading's drawing starts */
        double y;
        size_t heading; /* the first of the headings carried */
        int lines;      /* lines laid out under them so far */
    } keep;
    int in_heading;
    struct table_kind *kinds; /* tables of one header share their widths */
    size_t n_kinds;
    HPDF_Page *hpages;
    const char *id_source; /* the Markdown, hashed into the trailer ID */
    size_t id_len;
    cmark_parser *parser; /* the piece of Markdown being laid out */
    cmark_node *tree;
    int line_base;           /* lines of the Markdown before the piece */
    size_t body_first;       /* hpages index of the first laid-out page */
    const heading **by_slug; /* the headings in anchor order, once needed */
    rz_struct *st;           /* the logical structure, built with the layout */
    int cover_elem;          /* the cover's section, -1 without a cover */
    int toc_head, toc;       /* the contents' heading and TOC, -1 without */
    int toc_l1, toc_sub;     /* the contents' last level-1 entry and its TOC */
    int last_level;          /* of the last heading tagged (H1..H6 nest) */
} ctx;

/* Leaves the rendering for rz_pdf_render's error path (pdf_render.c). */
_Noreturn void pdf_fail(ctx *c);

/* The parsed face f: a missing or unreadable font file ends the rendering
 * (the diagnostic is pdf_fonts_face's). */
static inline const rz_ttf *face(ctx *c, int f)
{
    const rz_ttf *t = c->fonts.faces[f];
    if (!t && !(t = pdf_fonts_face(&c->fonts, f)))
        pdf_fail(c);
    return t;
}

static inline double text_width(ctx *c, int f, double size, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    return (double)rz_ttf_text_width(face(c, f), s, n) * size / 1000.0;
}

/* ---- Inline content (pdf_layout.c): words with a style, broken into
 * lines. Words and lines live in the context's scratch arena. */

typedef struct {
    char *text;
    size_t len;
    int font;
    int space_after;
    int hard_break; /* break the line after this word */
    const char *url;
} word;

typedef struct {
    word *w;
    size_t n, cap;
} words;

/* A line: the words [from, to) of ws, laid at x offsets. */
typedef struct {
    size_t from, to;
} span;

typedef struct {
    span *l;
    size_t n, cap;
} lines;

/* Zeroed scratch memory (pdf_fail when there is none); the scratch is
 * emptied after each top-level block and each page written. */
void *pdf_scratch(ctx *c, size_t size);
void pdf_scratch_reset(ctx *c);

word *pdf_add_word(ctx *c, words *ws);
void pdf_push_word(ctx *c, words *ws, const char *s, size_t n, int f, int space, const char *url);
void pdf_add_text(ctx *c, words *ws, const char *s, int f, const char *url);
void pdf_collect_inline(ctx *c, cmark_node *parent, words *ws, int bold, int table);
void pdf_words_free(words *ws);
void pdf_wrap(ctx *c, words *ws, double size, double max, lines *out);
void pdf_draw_words(ctx *c, const words *ws, span l, double size, double x, double y, double width,
                    char align);
void pdf_flow(ctx *c, words *ws, double size, double leading);

/* ---- Pages and ops (pdf_layout.c). */

page *pdf_cur(ctx *c);
int pdf_new_page(ctx *c);
void pdf_kept_lines(ctx *c, int n);
op *pdf_add_op(ctx *c, op_kind k);
void pdf_draw_text(ctx *c, int f, double size, double x, double y, const char *s, size_t n);
void pdf_draw_rect(ctx *c, double x, double y, double w, double h, double gray);
void pdf_draw_line(ctx *c, double x, double y, double w, double h, double gray);
double pdf_bottom(ctx *c);
void pdf_need(ctx *c, double h);

/* Lays out the blocks under parent (a document, a list item, a quote). */
void pdf_render_blocks(ctx *c, cmark_node *parent, int list_depth);

/* ---- Tables (pdf_table.c) and charts (pdf_chart.c). */

/* Measures the Markdown's tables, before the layout, into c->kinds. */
void pdf_measure_kinds(ctx *c, const char *md, size_t len);
void pdf_render_table(ctx *c, cmark_node *table);
void pdf_render_chart(ctx *c, const char *src);

#endif
