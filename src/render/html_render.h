/*
 * html_render.h — Markdown (CommonMark + GFM tables) to one accessible,
 * self-contained HTML page.
 *
 * The page is what a body publishes in «Amministrazione trasparente»: one
 * file, its style sheet inline, no scripts and nothing fetched from
 * elsewhere, meant to meet WCAG 2.1 AA. Its shape:
 *
 *   header   the document's title (the Markdown's first level-1 heading)
 *            as the page's only h1, and the line under it
 *   nav      the contents: the sections and their subsections
 *   main     the rest; headings renumbered so that none skips a level,
 *            tables with a caption, column headers (and the first cell of
 *            each row as its header), numeric columns right-aligned and
 *            scrolling inside their own box on a phone; ```chart blocks
 *            (chart.h) as an inline SVG with a title and a description,
 *            beside a table of the same figures
 *
 * The renderer walks the cmark-gfm tree with cmark's iterator, ENTER and
 * EXIT events, as the PDF renderer does. Raw HTML in the Markdown is never
 * passed through: inline HTML is shown as text, HTML blocks are dropped.
 * The output is also well-formed XML (void elements closed, only the five
 * XML entities), so an XML parser can read it back.
 */
#ifndef RZ_HTML_RENDER_H
#define RZ_HTML_RENDER_H

#include "buf.h"
#include "diag.h"
#include <stddef.h>

typedef struct {
    const char *title; /* NULL: the first level-1 heading */
    const char *body;  /* the public body, added to the page's <title>; NULL: none */
} rz_html_options;

/* Renders md as an HTML page into out (appended). */
rz_status rz_html_render(const char *md, size_t len, const rz_html_options *opt, rz_buf *out,
                         rz_diags *d);

#endif
