/*
 * format.c — see format.h.
 *
 * Rounding works on the number written with fifteen significant digits, the
 * most a double holds exactly: that string is what the value "is" to a
 * reader (2,675 rather than 2,67499999999999982), so rounding its digits
 * gives the figure a person computing by hand would print.
 */
#include "format.h"

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

char *rz_fmt_number(char *buf, size_t n, double v, int decimals)
{
    if (n == 0)
        return buf;
    if (!isfinite(v)) {
        snprintf(buf, n, "n.d.");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    double r = rz_round_dec(v, decimals);
    char raw[400];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(r));
    int negative = r < 0 && strspn(raw, "0.") != strlen(raw);
    char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    size_t o = 0;
    if (negative && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; i < int_len && o + 1 < n; i++) {
        if (i > 0 && (int_len - i) % 3 == 0 && o + 1 < n)
            buf[o++] = '.';
        if (o + 1 < n)
            buf[o++] = raw[i];
    }
    if (dot) {
        if (o + 1 < n)
            buf[o++] = ',';
        for (const char *p = dot + 1; *p && o + 1 < n; p++)
            buf[o++] = *p;
    }
    buf[o] = '\0';
    return buf;
}

char *rz_fmt_percent(char *buf, size_t n, double v, int decimals)
{
    rz_fmt_number(buf, n, v, decimals);
    if (isfinite(v) && strlen(buf) + 2 <= n)
        strcat(buf, "%");
    return buf;
}

char *rz_fmt_euro(char *buf, size_t n, double v, int decimals)
{
    char num[64];
    rz_fmt_number(num, sizeof num, v, decimals);
    if (!isfinite(v))
        snprintf(buf, n, "%s", num);
    else
        snprintf(buf, n, "€ %s", num);
    return buf;
}

char *rz_fmt_date(char *buf, size_t n, int y, int m, int d)
{
    snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
    return buf;
}

static const char *const months[] = {"gennaio",   "febbraio", "marzo",    "aprile",
                                     "maggio",    "giugno",   "luglio",   "agosto",
                                     "settembre", "ottobre",  "novembre", "dicembre"};

const char *rz_month_name(int m)
{
    return m >= 1 && m <= 12 ? months[m - 1] : "";
}

char *rz_fmt_date_long(char *buf, size_t n, int y, int m, int d)
{
    snprintf(buf, n, "%d %s %d", d, rz_month_name(m), y);
    return buf;
}

void rz_md_escape_inline(rz_buf *out, const char *s, size_t n)
{
    int line_start = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        char next = i + 1 < n ? s[i + 1] : ' ';
        int next_blank = next == ' ' || next == '\t' || next == '\n' || next == '\r';
        if (c == '\n' || c == '\r' || c == '\t') {
            if (out->len == 0 || out->data[out->len - 1] != ' ')
                rz_buf_putc(out, ' ');
            continue;
        }
        if (line_start) {
            if (c == ' ')
                continue; /* leading spaces could make a code block */
            /* "1. " or "1) " would start an ordered list; "4.808" would not. */
            size_t k = i;
            while (k < n && s[k] >= '0' && s[k] <= '9')
                k++;
            int after_blank = k + 1 >= n || s[k + 1] == ' ' || s[k + 1] == '\t';
            if (k > i && k < n && (s[k] == '.' || s[k] == ')') && after_blank) {
                rz_buf_append(out, s + i, k - i);
                rz_buf_putc(out, '\\');
                rz_buf_putc(out, s[k]);
                i = k;
                line_start = 0;
                continue;
            }
            /* A bullet, a rule or an underline needs the sign followed by a
             * blank or repeated; a heading or a quote needs it first. */
            if (((c == '-' || c == '+' || c == '=') && (next_blank || next == c)) || c == '#' ||
                c == '>') {
                rz_buf_putc(out, '\\');
                rz_buf_putc(out, c);
                line_start = 0;
                continue;
            }
        }
        line_start = 0;
        if (strchr("\\`*_[]<|~&", c))
            rz_buf_putc(out, '\\');
        rz_buf_putc(out, c);
    }
}
