/*
 * format.h — Italian number and date formats, and Markdown escaping.
 *
 * Numbers: 1.234,56 (dot for thousands, comma for decimals), percentages
 * 97,8%, euro € 1.234,56, dates 28/05/2020 or 28 maggio 2020. Rounding is
 * half away from zero on the number as a person reads it: 2,675 rounds to
 * 2,68 although the binary double is a hair below. NaN and infinities print
 * as "n.d.".
 *
 * Every function writes a NUL-terminated string into buf (size n) and
 * returns buf.
 */
#ifndef RZ_FORMAT_H
#define RZ_FORMAT_H

#include "buf.h"
#include <stddef.h>

double rz_round_dec(double v, int decimals);

char *rz_fmt_number(char *buf, size_t n, double v, int decimals);
char *rz_fmt_percent(char *buf, size_t n, double v, int decimals);
char *rz_fmt_euro(char *buf, size_t n, double v, int decimals);
char *rz_fmt_date(char *buf, size_t n, int y, int m, int d);
char *rz_fmt_date_long(char *buf, size_t n, int y, int m, int d);
const char *rz_month_name(int m); /* 1..12 → "gennaio".."dicembre" */

/* Appends s to out so that CommonMark reads it back as the same text: no
 * emphasis, link, code span, HTML, heading, list or quote can start, a '|'
 * cannot end a table cell, and newlines become spaces (one table row, one
 * paragraph line). */
void rz_md_escape_inline(rz_buf *out, const char *s, size_t n);

#endif
