/*
 * date.h — calendar dates as day numbers.
 *
 * A date is the number of days since 1970-01-01 (proleptic Gregorian), so
 * "one day late" is a subtraction. Parsing accepts only real dates: 2019-02-29
 * is refused, 2020-02-29 accepted.
 */
#ifndef RZ_DATE_H
#define RZ_DATE_H

typedef long rz_date;

/* Parses "YYYY-MM-DD" exactly; returns 1 and sets *out on success. */
int rz_date_parse_iso(const char *s, rz_date *out);
rz_date rz_date_from_ymd(int y, int m, int d);
void rz_date_to_ymd(rz_date date, int *y, int *m, int *d);
int rz_date_valid_ymd(int y, int m, int d);

/* The date a spreadsheet serial number stands for (1900 date system, as
 * Excel and LibreOffice count): 43697 → 2019-08-20. */
rz_date rz_date_from_serial(long serial);

#endif
