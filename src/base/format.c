/*
 * format.c — see format.h.
 *
 * Rounding works on the number written with fifteen significant digits, the
 * most a double holds exactly: that string is what the value "is" to a
 * reader (2,675 rather than 2,67499999999999982), so rounding its digits
 * gives the figure a person computing by hand would print. One snprintf and
 * one strtod per number: the scoring engine rounds every result.
 */
#include "format.h"
#include "date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double rz_round_dec(double v, int decimals)
{
    if (decimals < 0 || !isfinite(v) || v == 0)
        return v;
    /* Fifteen significant digits: every decimal figure of up to fifteen
     * digits reads back exactly, and binary noise past them is dropped. */
    char s[40];
    snprintf(s, sizeof s, "%.14e", v);
    /* s is [-]d.ddde±XX: collect the digits and the exponent. */
    int neg = s[0] == '-';
    char digits[24];
    int nd = 0;
    const char *q = s + neg;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9')
            digits[nd++] = *q;
    int exp10 = atoi(q + 1);
    /* value = 0.d1d2... × 10^(exp10 + 1); keep exp10 + 1 + decimals digits. */
    int keep = exp10 + 1 + decimals;
    if (keep >= nd)
        return v;
    if (keep < 0)
        return 0.0 * (neg ? -1 : 1);
    int up = digits[keep] >= '5';
    char out[48];
    int o = 0;
    int carry = up;
    char kept[24];
    for (int i = keep - 1; i >= 0; i--) {
        int dgt = digits[i] - '0' + carry;
        carry = dgt == 10;
        kept[i] = (char)('0' + (dgt % 10));
    }
    if (neg)
        out[o++] = '-';
    out[o++] = '0';
    out[o++] = '.';
    if (carry)
        out[o++] = '1';
    for (int i = 0; i < keep; i++)
        out[o++] = kept[i];
    if (o == 2 + neg && !carry)
        out[o++] = '0';
    snprintf(out + o, sizeof out - (size_t)o, "e%d", exp10 + 1 + carry);
    return strtod(out, NULL);
}

static const char *const not_available = "n.d.";

char *rz_fmt_number(char *buf, size_t n, double v, int decimals)
{
    if (n == 0)
        return buf;
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", not_available);
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 20)
        decimals = 20;
    double r = rz_round_dec(v, decimals);
    char raw[400]; /* 309 integer digits at most, a point, 20 decimals */
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(r));
    int negative = r < 0 && strspn(raw, "0.") != strlen(raw);
    char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t o = 0;
    if (negative && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; i < int_len && o + 1 < n; i++) {
        if (i > 0 && (int_len - i) % 3 == 0) {
            buf[o++] = '.';
            if (o + 1 >= n)
                break;
        }
        buf[o++] = raw[i];
    }
    if (dot && o + 1 < n) {
        buf[o++] = ',';
        for (const char *p = dot + 1; *p && o + 1 < n; p++)
            buf[o++] = *p;
    }
    buf[o] = '\0';
    return buf;
}

char *rz_fmt_percent(char *buf, size_t n, double v, int decimals)
{
    char num[RZ_FMT_MAX];
    rz_fmt_number(num, sizeof num, v, decimals);
    snprintf(buf, n, isfinite(v) ? "%s%%" : "%s", num);
    return buf;
}

char *rz_fmt_euro(char *buf, size_t n, double v, int decimals)
{
    char num[RZ_FMT_MAX];
    rz_fmt_number(num, sizeof num, v, decimals);
    snprintf(buf, n, isfinite(v) ? "€ %s" : "%s", num);
    return buf;
}

static const char *const months[] = {"gennaio",   "febbraio", "marzo",    "aprile",
                                     "maggio",    "giugno",   "luglio",   "agosto",
                                     "settembre", "ottobre",  "novembre", "dicembre"};

const char *rz_plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

const char *rz_month_name(int m)
{
    return m >= 1 && m <= 12 ? months[m - 1] : "";
}

char *rz_fmt_date(char *buf, size_t n, int y, int m, int d)
{
    if (!rz_date_valid_ymd(y, m, d))
        snprintf(buf, n, "%s", not_available);
    else
        snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
    return buf;
}

char *rz_fmt_date_long(char *buf, size_t n, int y, int m, int d)
{
    if (!rz_date_valid_ymd(y, m, d))
        snprintf(buf, n, "%s", not_available);
    else
        snprintf(buf, n, "%d %s %d", d, rz_month_name(m), y);
    return buf;
}

int rz_ymd_parse_iso(const char *s, rz_ymd *out)
{
    rz_date date;
    if (!rz_date_parse_iso(s, &date))
        return 0;
    rz_date_to_ymd(date, &out->year, &out->month, &out->day);
    return 1;
}

char *rz_fmt_iso_date(char *buf, size_t n, const char *s, int long_form)
{
    rz_ymd ymd;
    if (!rz_ymd_parse_iso(s, &ymd)) {
        snprintf(buf, n, "%s", not_available);
        return buf;
    }
    return long_form ? rz_fmt_date_long(buf, n, ymd.year, ymd.month, ymd.day)
                     : rz_fmt_date(buf, n, ymd.year, ymd.month, ymd.day);
}

/* ---- reading ---- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

const char *rz_parse_number_it(const char *s, double *value, int *decimals)
{
    int neg = 0;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    } else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 &&
               (unsigned char)s[2] == 0x92) {
        neg = 1; /* U+2212 minus sign */
        s += 3;
    }
    const char *comma = strchr(s, ',');
    char digits[64]; /* the figure in C form, for strtod */
    size_t k = 0;
    int dec = -1;
    const char *end = s; /* after the last digit or decimal separator read */
    for (const char *p = s; *p && k < sizeof digits - 1; p++) {
        if (is_digit(*p)) {
            digits[k++] = *p;
            if (dec >= 0)
                dec++;
        } else if (*p == ',' || *p == '.') {
            int group =
                *p == '.' &&
                (comma || (is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) && !is_digit(p[4])));
            if (group)
                continue; /* a figure cannot end on it: end stays before */
            if (dec >= 0)
                return NULL;
            digits[k++] = '.';
            dec = 0;
        } else
            break;
        end = p + 1;
    }
    digits[k] = '\0';
    if (k == 0 || (k == 1 && digits[0] == '.'))
        return NULL;
    *value = strtod(digits, NULL) * (neg ? -1 : 1);
    *decimals = dec < 0 ? 0 : dec;
    return end;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *rz_trim(const char *s, size_t *len)
{
    while (is_blank(*s))
        s++;
    size_t n = strlen(s);
    while (n && is_blank(s[n - 1]))
        n--;
    *len = n;
    return s;
}

/* ---- Markdown ---- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
}

static void escaped(rz_buf *out, char c)
{
    char pair[2] = {'\\', c};
    rz_buf_append(out, pair, 2);
}

size_t rz_utf8_private_use(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && (u[0] == 0xEE || (u[0] == 0xEF && u[1] >= 0x80 && u[1] <= 0xA3)) &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
        return 3;
    return 0;
}

void rz_md_escape_inline(rz_buf *out, const char *s, size_t n)
{
    size_t a = 0, b = n;
    while (a < b && is_space(s[a]))
        a++;
    while (b > a && is_space(s[b - 1]))
        b--;
    size_t run = a; /* start of the bytes not yet written */
    for (size_t i = a; i < b; i++) {
        char c = s[i];
        int esc = c != '\0' && strchr("\\`*_[]<#|~&", c) != NULL;
        if (i == a && !esc) {
            /* "1." or "1)" then a blank starts an ordered list; "4.808" or
             * "2020)" alone do not. */
            size_t k = i;
            while (k < b && s[k] >= '0' && s[k] <= '9')
                k++;
            if (k > i && k < b && (s[k] == '.' || s[k] == ')') &&
                (k + 1 == b || is_space(s[k + 1]))) {
                rz_buf_append(out, s + i, k - i);
                escaped(out, s[k]);
                i = k;
                run = k + 1;
                continue;
            }
            /* A quote needs '>' first; a bullet, a rule or a setext
             * underline needs the sign then a blank, or the sign repeated. */
            char next = i + 1 < b ? s[i + 1] : ' ';
            esc = c == '>' || ((c == '-' || c == '+' || c == '=') && (is_space(next) || next == c));
        }
        /* Autolinks: "www." and "http://" lose their trigger. */
        if ((c == '.' && i >= a + 3 && memcmp(s + i - 3, "www", 3) == 0) ||
            (c == ':' && b - i > 2 && s[i + 1] == '/' && s[i + 2] == '/'))
            esc = 1;
        if (esc) {
            rz_buf_append(out, s + run, i - run);
            escaped(out, c);
            run = i + 1;
        } else if (rz_utf8_private_use(s + i, b - i)) {
            /* A symbol font's glyph: no reader can show or name it. */
            rz_buf_append(out, s + run, i - run);
            i += rz_utf8_private_use(s + i, b - i) - 1;
            run = i + 1;
        } else if (c != ' ' && is_space(c)) {
            /* A line break, tab or NUL: one space for a run of blanks. */
            rz_buf_append(out, s + run, i - run);
            if (c != '\0' && !is_space(s[i - 1]) && s[i + 1] != ' ')
                rz_buf_putc(out, ' ');
            run = i + 1;
        }
    }
    rz_buf_append(out, s + run, b - run);
}
