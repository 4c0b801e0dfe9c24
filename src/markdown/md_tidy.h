/*
 * md_tidy.h — what a rendered template leaves empty is taken out before a
 * document is written, and every chart carries its figures as a table.
 *
 * Templates print a section, a table or a chart whenever the data might
 * have them; when they do not, what remains would be dressed as complete.
 * Here, on the Markdown text (a line at a time, fenced code respected):
 *  - a ```chart block without a single "label | value" line is dropped;
 *    one with data is followed by a GFM table of those figures (header:
 *    the chart's title and «Valore»), so that a reader of the Markdown on
 *    a forge sees them; the PDF draws the chart and skips that table;
 *  - a GFM table with a header and no rows is dropped;
 *  - a heading of level 2 or deeper with nothing under it (the next
 *    heading is of its level or higher, or the document ends) is dropped;
 *    chapters (level 1) stay: their templates say in a sentence what is
 *    missing;
 *  - runs of blank lines become one;
 *  - «n.d.» ending a sentence keeps one full stop, an item ending in one
 *    loses it before «;», a table cell does not end with «;».
 */
#ifndef RZ_MD_TIDY_H
#define RZ_MD_TIDY_H

#include "buf.h"
#include <stddef.h>

/* The header of the first column of the table that follows a chart with
 * no title. */
#define RZ_CHART_TABLE_NO_TITLE "Voce"

/* Writes the tidied md to out (appending). Returns RZ_IO when memory ran
 * out, RZ_OK otherwise. */
rz_status rz_md_tidy(const char *md, size_t len, rz_buf *out);

#endif
