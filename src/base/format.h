/*
 * format.h — Italian number and date formats (written and read back),
 * blanks at the ends of text, and Markdown escaping.
 *
 * Numbers: 1.234,56 (dot for thousands, comma for decimals), percentages
 * 97,8%, euro € 1.234,56, dates 28/05/2020 or 28 maggio 2020. NaN and
 * infinities print as "n.d." (non disponibile), as do impossible dates.
 *
 * Rounding is half away from zero on the number as a person reads it:
 * 2,675 rounds to 2,68 although the double nearest to 2.675 is a hair
 * below it (2.67499999999999982236431605997495353221893310546875), and
 * 97,75 rounds to 97,8 (half away from zero, not to even). The value is
 * first written with 15 significant digits, the most a double always holds
 * (so any figure typed or computed to 15 digits reads back exactly and the
 * binary noise past them is dropped), and those decimal digits are rounded.
 * The cost: a value that differs from a half-way point only beyond the 15th
 * digit (0,12499999999999999) rounds as if it were on it (0,13).
 *
 * The formatting functions write a NUL-terminated string into buf (n bytes,
 * cut short if too small; RZ_FMT_MAX always suffices for decimals up to 20)
 * and return buf. They assume the C locale for numbers.
 */
#ifndef RZ_FORMAT_H
#define RZ_FORMAT_H

#include "buf.h"
#include <stddef.h>

#define RZ_FMT_MAX 512

/* Rounds v to the given number of decimals as described above (17.3333 →
 * 17.33, 84.4666 → 84.47, 2.675 → 2.68, -1.005 → -1.01). Values too large
 * to have such decimals, NaN, infinities and decimals < 0 are returned
 * unchanged. This is the rounding the scoring engine applies to results. */
double rz_round_dec(double v, int decimals);

/* v rounded to decimals (0–20) in Italian form: 1.234.567,89; -0,5; 0,00.
 * A negative value that rounds to zero prints without sign. */
char *rz_fmt_number(char *buf, size_t n, double v, int decimals);

/* v, already in percent units, as 97,8%. */
char *rz_fmt_percent(char *buf, size_t n, double v, int decimals);

/* v as an amount in euro: € 1.234,56 (negative: € -1.234,56). */
char *rz_fmt_euro(char *buf, size_t n, double v, int decimals);

/* A calendar date as 28/05/2020; "n.d." unless it is a real date. */
char *rz_fmt_date(char *buf, size_t n, int y, int m, int d);

/* A calendar date as 28 maggio 2020 (1 gennaio 2021: no ordinal "1°");
 * "n.d." unless it is a real date. */
char *rz_fmt_date_long(char *buf, size_t n, int y, int m, int d);

/* The Italian name of month m, lower case as written in running text:
 * 1 → "gennaio" … 12 → "dicembre"; "" outside 1–12. */
const char *rz_month_name(int m);

/* The noun of a count in Italian: one when n is 1, many otherwise («1 file
 * valido», «2 file validi», «0 errori»). */
const char *rz_plural(size_t n, const char *one, const char *many);

/* A calendar date by its parts. */
typedef struct {
    int year, month, day;
} rz_ymd;

/* Parses exactly "YYYY-MM-DD" (no time, no spaces) into *out. Returns 1 for
 * a real date of the Gregorian calendar (2020-02-29 yes, 2019-02-29 and
 * 2019-04-31 no, years 0001–9999), 0 otherwise, leaving *out unchanged. */
int rz_ymd_parse_iso(const char *s, rz_ymd *out);

/* An ISO date written as 28/05/2020 (long_form: 28 maggio 2020); "n.d."
 * when s is not a real date in ISO form. */
char *rz_fmt_iso_date(char *buf, size_t n, const char *s, int long_form);

/* Reads an Italian-written number at the start of s: an optional sign (+,
 * - or the minus sign U+2212), then digits where ',' is the decimal
 * separator and '.' groups thousands ("1.234,56", "-3,5", "87,80"). A '.'
 * in a figure without a comma that is not followed by exactly three digits
 * is read as a decimal point, for figures typed the other way ("17.33"; but
 * "1.234" is 1234). Sets *value and *decimals (the digits after the
 * separator: the printed precision) and returns where the number ends
 * ("%" and what follows are the caller's), or NULL when s does not start
 * with a number: no digit, or a second decimal separator ("12,3,4"). */
const char *rz_parse_number_it(const char *s, double *value, int *decimals);

/* The part of s without the blanks (spaces, tabs, line breaks) at its ends:
 * returns where it starts and sets *len to its length. s is not changed. */
const char *rz_trim(const char *s, size_t *len);

/* Appends the n bytes at s to out so that CommonMark with the GFM
 * extensions reads them back as the same plain text, wherever on a line they
 * land (a table cell, a heading, a paragraph):
 *  - \ ` * _ [ ] < # | ~ & are backslash-escaped everywhere, so no
 *    emphasis, code span, link, image, raw HTML, autolink, entity,
 *    strikethrough or cell boundary can start, and a heading cannot lose a
 *    final " #" of the text as its closing sequence;
 *  - at the start of the text, '>', "1." / "1)" before a blank, and '-',
 *    '+' or '=' before a blank or repeated, are escaped, so no quote, list,
 *    rule or setext underline can start. Elsewhere '>' is left as it is
 *    ("\>= 90%" would only make the Markdown harder to read): with '<'
 *    escaped it cannot close anything, and since line breaks become spaces
 *    the text can begin a line only where it begins;
 *  - newlines, carriage returns and tabs become single spaces (one table
 *    row, one line), leading and trailing blanks are dropped (no code block,
 *    no hard line break) and NUL bytes are dropped;
 *  - "www." and "scheme://" are escaped so the autolink extension leaves
 *    them as text. An e-mail address still becomes a mailto link under that
 *    extension (it matches after escapes are resolved); its text is kept.
 *  - characters of Unicode's Private Use Area are dropped (see below).
 * Other UTF-8 passes through. */
void rz_md_escape_inline(rz_buf *out, const char *s, size_t n);

/* 3 when the n bytes at s start with a character of Unicode's Private Use
 * Area (U+E000..U+F8FF), else 0. Such characters are the glyphs of symbol
 * fonts (Symbol, Wingdings) pasted from word processors: no font of a
 * reader shows them and no screen reader can name them, so the documents
 * leave them out and validation asks for the character meant. */
size_t rz_utf8_private_use(const char *s, size_t n);

#endif
