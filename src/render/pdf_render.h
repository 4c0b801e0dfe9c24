/*
 * pdf_render.h — Markdown (CommonMark + GFM tables) to PDF.
 *
 * The renderer walks the cmark-gfm tree (as cmark's html.c does) and lays
 * the document out on A4 pages with libharu: cover, table of contents with
 * page numbers, headings as bookmarks, wrapped paragraphs, nested lists,
 * quotes, code, tables whose header row repeats on every page they cross,
 * and ```chart blocks drawn as horizontal bar charts. Fonts are DejaVu,
 * embedded and subset, so every Italian letter, € and typographic quote
 * survives text extraction.
 *
 * Layout happens first, into a list of drawing operations per page; the
 * pages are then written with their furniture ("Pagina N di M") once the
 * total is known. With SOURCE_DATE_EPOCH set, the output is byte-identical
 * from run to run.
 *
 * The output is a tagged PDF (pdf_struct.h: the structure tree built with
 * the layout, in reading order; running headers, footers, rules and
 * shading as artifacts; /Lang it-IT) and PDF/A-1b (pdf_pdfa.h), both
 * checked by tests/pdf_standards.py, Preflight for PDF/A.
 */
#ifndef RZ_PDF_RENDER_H
#define RZ_PDF_RENDER_H

#include "diag.h"
#include "outline.h"
#include "pdf_request.h"
#include <stddef.h>

typedef struct {
    const char *title;    /* NULL: the first level-1 heading */
    const char *author;   /* the body; NULL: none */
    const char *subject;  /* NULL: none */
    const char *keywords; /* NULL: none */
    int cover;            /* a cover page */
    int toc;              /* a table of contents after the cover */
    rz_outline *outline;  /* when not NULL, receives each heading with its page */
    int only_long;        /* cover and contents only beyond three pages */
    const char *logo;     /* a PNG or JPEG file for the cover; NULL: none */
    const char *source;   /* the Markdown's file, for diagnostics; NULL: none */
    const char *font_dir; /* the DejaVu fonts' folder; NULL: the environment's
                             RELAZIONE_FONT_DIR, else /usr/share/fonts/truetype/dejavu */
} rz_pdf_options;

/* Renders md into *out (malloc'ed, *out_len bytes). Font or libharu
 * problems are diagnostics; nothing is returned on failure. */
rz_status rz_pdf_render(const char *md, size_t len, const rz_pdf_options *opt, void **out,
                        size_t *out_len, rz_diags *d);

/* The rz_pdf_fn of pdf_request.h: the document's own heading as title, the
 * request's outline, logo and form (a
 * letter has neither cover nor contents); author from ctx, an
 * rz_pdf_options (may be NULL). */
rz_status rz_pdf_for_build(const char *md, size_t len, const rz_pdf_request *req, void *ctx,
                           void **out, size_t *out_len, rz_diags *d);

#endif
