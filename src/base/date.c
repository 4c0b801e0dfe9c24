/*
 * date.c — civil-date arithmetic (Howard Hinnant's days-from-civil
 * algorithm), exact for every Gregorian date.
 */
#include "date.h"

#include <ctype.h>

rz_date rz_date_from_ymd(int y, int m, int d)
{
    long yy = m <= 2 ? (long)y - 1 : (long)y;
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long mp = (m + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void rz_date_to_ymd(rz_date z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    long yy = yoe + era * 400 + (mm <= 2);
    *y = (int)yy;
    *m = (int)mm;
    *d = (int)dd;
}

int rz_date_valid_ymd(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap);
    return d <= max;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int rz_date_parse_iso(const char *s, rz_date *out)
{
    int y, m, d;
    if (!s || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d) || s[10] != '\0')
        return 0;
    if (!rz_date_valid_ymd(y, m, d))
        return 0;
    *out = rz_date_from_ymd(y, m, d);
    return 1;
}

rz_date rz_date_from_serial(long serial)
{
    /* Serial 1 is 1900-01-01, and the 1900 system counts a 29 February 1900
     * that never existed, so serials from 61 on are one day ahead. */
    rz_date base = rz_date_from_ymd(1899, 12, 31);
    return base + serial - (serial >= 61 ? 1 : 0);
}
