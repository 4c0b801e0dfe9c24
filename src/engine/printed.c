/* printed.c — see printed.h. */
#include "printed.h"
#include "format.h"

#include <stdio.h>
#include <string.h>

char *rz_fmt_day(char *buf, size_t n, rz_date d)
{
    int y, m, dd;
    rz_date_to_ymd(d, &y, &m, &dd);
    return rz_fmt_date(buf, n, y, m, dd);
}

char *rz_fmt_result(char *buf, size_t n, const rz_measurement *m, const rz_target *t, int decimals)
{
    if (m->result_is_date)
        return rz_fmt_day(buf, n, m->result_date);
    if (t && t->kind == RZ_TGT_PERCENT)
        return rz_fmt_percent(buf, n, m->result, decimals);
    return rz_fmt_number(buf, n, m->result, decimals);
}

const char *rz_skip_printed_space(const char *s)
{
    while (*s == ' ' || *s == '\t' || (unsigned char)s[0] == 0xC2) {
        if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s += 2; /* no-break space */
        else if ((unsigned char)s[0] == 0xC2)
            break;
        else
            s++;
    }
    return s;
}

int rz_parse_printed(const char *s, rz_printed *out)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return 0;
    s = rz_skip_printed_space(s);
    int d, m, y, n = 0;
    if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && n >= 8) {
        if (!rz_date_valid_ymd(y, m, d))
            return 0;
        out->is_date = 1;
        out->date = rz_date_from_ymd(y, m, d);
        return *rz_skip_printed_space(s + n) == '\0';
    }
    s = rz_parse_number_it(s, &out->value, &out->decimals);
    if (!s)
        return 0;
    s = rz_skip_printed_space(s);
    if (*s == '%') {
        out->percent = 1;
        s = rz_skip_printed_space(s + 1);
    }
    return *s == '\0';
}
