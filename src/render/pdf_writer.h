/*
 * pdf_writer.h — the output side of the PDF renderer: the laid-out pages,
 * the furniture, the cover and the contents written with libharu.
 *
 * Internal to the renderer (pdf_render.h is its face; pdf_layout.h says
 * how the files divide the work). Everything here runs after the layout,
 * when the number of pages and every code point drawn are known; errors
 * leave through pdf_fail, as in the layout.
 */
#ifndef RZ_PDF_WRITER_H
#define RZ_PDF_WRITER_H

#include "pdf_layout.h"

/* ---- pdf_writer.c */

/* The embedded font of face f; the first call builds the document's
 * encoding from everything the layout drew. */
HPDF_Font pdf_font(ctx *c, int f);

/* UTF-8 text at (x, y), PDF coordinates, in the current font. */
void pdf_show(ctx *c, HPDF_Page hp, double x, double y, const char *s);

/* The ops of laid-out page p on hp. */
void pdf_emit_page(ctx *c, HPDF_Page hp, const page *p);

/* Running header (title, cut to its line), footer "Pagina number di
 * total"; p NULL for a page of the contents. */
void pdf_furniture(ctx *c, HPDF_Page hp, const page *p, size_t number, size_t total,
                   const char *title);

/* Metadata and PDF/A pieces, once every page is drawn. */
void pdf_finish_document(ctx *c, const rz_pdf_options *opt);

/* ---- pdf_front.c */

/* A short paragraph under the title as a line of the cover (malloc'ed);
 * NULL when too long to be one. */
char *pdf_cover_line(cmark_node *para);

size_t pdf_toc_pages_needed(const ctx *c);
/* The cover on hp. A logo that cannot be used or read is an error (the
 * diagnostic names the file). */
void pdf_cover_page(ctx *c, HPDF_Page hp, const rz_pdf_options *opt, const char *title);

/* The contents' page hp (first: with the heading), entries from *entry on;
 * offset is the number of pages before the body. */
void pdf_toc_page(ctx *c, HPDF_Page hp, size_t first, size_t offset, size_t *entry);

#endif
