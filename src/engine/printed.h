/*
 * printed.h — figures as the documents print them, both ways.
 *
 * Out: a result the engine computed, in the form a document prints it
 * (the Relazione's tables and the findings that compare it with a printed
 * figure say it the same way). In: a figure a document printed ("87,80%",
 * "1.234,5", "25/06/2019"), read back with its precision, so that the
 * checker can tell a rounding from an error.
 */
#ifndef RZ_PRINTED_H
#define RZ_PRINTED_H

#include "score.h"

#include <stddef.h>

/* A day as 28/05/2020. Returns buf. */
char *rz_fmt_day(char *buf, size_t n, rz_date d);

/* The computed result m as printed with the given decimals: a date as
 * 28/05/2020, a number as 1.234,56, followed by "%" when the target t
 * (may be NULL) is a percentage; "n.d." when the figure is not finite.
 * Returns buf. */
char *rz_fmt_result(char *buf, size_t n, const rz_measurement *m, const rz_target *t, int decimals);

/* A figure as printed in a document: "87,80%", "1.234,5", "43697,00",
 * "25/06/2019". decimals is the number of digits after the comma (the
 * printed precision). */
typedef struct {
    int is_date;
    rz_date date;
    double value;
    int decimals;
    int percent;
} rz_printed;

/* Reads s (blanks and no-break spaces around it allowed) into *out.
 * Returns 1 when it could be read, 0 otherwise. */
int rz_parse_printed(const char *s, rz_printed *out);

/* s past the spaces, tabs and no-break spaces that surround printed
 * figures. */
const char *rz_skip_printed_space(const char *s);

#endif
