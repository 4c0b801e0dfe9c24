/*
 * md_tidy.c — see md_tidy.h.
 *
 * Two passes over lines. The first copies the text, dropping empty charts
 * and header-only tables and adding each chart's table, and records for
 * every line it keeps its heading level (0 for other lines, and for lines
 * in fenced code). The second walks those lines backwards, so that a
 * heading knows what follows it once the empty headings after it are gone
 * (a level-3 heading that was the only content of a level-2 section takes
 * that section with it), and collapses blank lines.
 */
#include "md_tidy.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t off, len; /* in the first pass's buffer, newline excluded */
    int heading;     /* ATX level, 0 for anything else */
    int blank;
} line;

typedef struct {
    line *l;
    size_t n, cap;
    int failed;
} lines;

static void push_line(lines *ls, size_t off, size_t len, int heading, int blank)
{
    if (ls->n == ls->cap) {
        size_t cap = ls->cap ? ls->cap * 2 : 256;
        line *l = realloc(ls->l, cap * sizeof *l);
        if (!l) {
            ls->failed = 1;
            return;
        }
        ls->l = l;
        ls->cap = cap;
    }
    ls->l[ls->n++] = (line){off, len, heading, blank};
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* The fence's character count when s opens or closes fenced code. */
static size_t fence_len(const char *s, size_t n, char *ch)
{
    if (n < 3 || (s[0] != '`' && s[0] != '~'))
        return 0;
    size_t k = 0;
    while (k < n && s[k] == s[0])
        k++;
    if (k < 3)
        return 0;
    *ch = s[0];
    return k;
}

static int heading_level(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && k < 7 && s[k] == '#')
        k++;
    return k >= 1 && k <= 6 && (k == n || s[k] == ' ') ? (int)k : 0;
}

/* A GFM delimiter row: pipes, dashes, colons and spaces, a dash at least. */
static int is_delimiter_row(const char *s, size_t n)
{
    int dash = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-')
            dash = 1;
        else if (s[i] != '|' && s[i] != ':' && s[i] != ' ')
            return 0;
    }
    return dash;
}

static const char *next_line(const char *p, const char *end, size_t *len)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    return nl ? nl + 1 : end;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* Appends the table of a chart's "label | value" lines (body: the lines
 * between the fences). Returns 0 when there are none. */
static int chart_table(const char *body, const char *end, rz_buf *b)
{
    const char *title = RZ_CHART_TABLE_NO_TITLE, *unit = "";
    size_t title_n = strlen(title), unit_n = 0, rows = 0;
    for (const char *p = body; p < end;) {
        size_t n;
        const char *s = p;
        p = next_line(p, end, &n);
        if (memchr(s, '|', n))
            rows++;
        else if (n > 7 && !memcmp(s, "titolo:", 7)) {
            title = s + 7;
            title_n = n - 7;
            trim(&title, &title_n);
        } else if (n > 6 && !memcmp(s, "unita:", 6)) {
            unit = s + 6;
            unit_n = n - 6;
            trim(&unit, &unit_n);
        }
    }
    if (rows == 0)
        return 0;
    rz_buf_puts(b, "\n| ");
    rz_buf_append(b, title, title_n);
    rz_buf_puts(b, " | Valore |\n|:---|---:|\n");
    for (const char *p = body; p < end;) {
        size_t n;
        const char *s = p;
        p = next_line(p, end, &n);
        const char *bar = memchr(s, '|', n);
        if (!bar)
            continue;
        const char *label = s, *value = bar + 1;
        size_t label_n = (size_t)(bar - s), value_n = n - label_n - 1;
        trim(&label, &label_n);
        trim(&value, &value_n);
        rz_buf_puts(b, "| ");
        rz_buf_append(b, label, label_n);
        rz_buf_puts(b, " | ");
        rz_buf_append(b, value, value_n);
        rz_buf_append(b, unit, unit_n);
        rz_buf_puts(b, " |\n");
    }
    return 1;
}

/* Appends a line of text (not code) with the punctuation that templates
 * and data produce where they meet made right: «n.d.» ending a sentence
 * keeps one full stop («n.d..», «**n.d.**.»), an item ending in a full
 * stop loses it before the separator («azioni.; 2017»), and a table
 * cell listing items ends without its last separator («100%; |»). */
static int letter(const char *s, size_t i, size_t n)
{
    if (i >= n)
        return 0;
    unsigned char ch = (unsigned char)s[i];
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0xC0;
}

/* The end of a UTF-8 letter ending just before i (0 when none). */
static int letter_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    unsigned char ch = (unsigned char)s[i - 1];
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

/* A code printed twice, «ISR – ISR – nome», «M011 – 011 ‐ nome»: at i
 * (just after «W – »), the length of the repetition and its dash to skip,
 * or 0. */
static size_t repeated_code(const char *s, size_t n, size_t i, size_t w_from, size_t w_to)
{
    size_t t = i;
    while (t < n && s[t] != ' ' && s[t] != '|')
        t++;
    size_t tl = t - i, wl = w_to - w_from;
    if (tl == 0 || tl > wl || (tl < wl && tl < 2) || memcmp(s + w_to - tl, s + i, tl))
        return 0;
    static const char *const dashes[] = {" – ", " ‐ ", " - "};
    for (size_t k = 0; k < 3; k++) {
        size_t dl = strlen(dashes[k]);
        if (t + dl <= n && !memcmp(s + t, dashes[k], dl))
            return tl + dl;
    }
    return 0;
}

/* ≥ and ≤ for «>=» and «<=» (also escaped, «\\<=»), with one space on
 * either side (none before at the start of a cell or a parenthesis). */
static size_t comparison(rz_buf *b, const char *s, size_t n, size_t i)
{
    size_t at = i + (s[i] == '\\');
    if (at + 1 >= n || s[at + 1] != '=' || (s[at] != '>' && s[at] != '<'))
        return 0;
    if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '(')
        rz_buf_putc(b, ' ');
    rz_buf_puts(b, s[at] == '>' ? "≥" : "≤");
    size_t k = at + 2;
    while (k < n && s[k] == ' ')
        k++;
    if (k < n && s[k] != '|')
        rz_buf_putc(b, ' ');
    return k - i;
}

static void put_text_line(rz_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t skip = comparison(b, s, n, i);
        if (skip) {
            i += skip - 1;
            continue;
        }
        /* «W – W – »: the repeated code goes. */
        if (i >= 5 && !memcmp(s + i - 4, "– ", 4) && s[i - 5] == ' ') {
            size_t w_to = i - 5, w_from = w_to;
            while (w_from > 0 && s[w_from - 1] != ' ' && s[w_from - 1] != '|' &&
                   s[w_from - 1] != '*')
                w_from--;
            size_t rep = w_to > w_from ? repeated_code(s, n, i, w_from, w_to) : 0;
            if (rep) {
                i += rep - 1;
                continue;
            }
        }
        /* One apostrophe, one hyphen. */
        if (s[i] == '\'' && letter_before(s, i) && letter(s, i + 1, n)) {
            rz_buf_puts(b, "’");
            continue;
        }
        if (i + 3 <= n && !memcmp(s + i, "‐", 3)) {
            rz_buf_puts(b, i > 0 && s[i - 1] == ' ' && i + 3 < n && s[i + 3] == ' ' ? "–" : "-");
            i += 2;
            continue;
        }
        if (i + 4 <= n && !memcmp(s + i, "n.d.", 4)) {
            rz_buf_append(b, "n.d.", 4);
            i += 4;
            if (i + 2 < n && !memcmp(s + i, "**.", 3)) {
                rz_buf_append(b, "**", 2);
                i += 2;
            } else if (i < n && s[i] == '.')
                ; /* the stop is n.d.'s own */
            else
                i--;
            continue;
        }
        if (s[i] == '.' && i + 1 < n && s[i + 1] == ';' && i > 0 && s[i - 1] != '.')
            continue;
        if (s[i] == ';') {
            size_t k = i + 1;
            while (k < n && s[k] == ' ')
                k++;
            if (k < n && s[k] == '|' && k > i + 1) {
                i = k - 1; /* a separator with nothing after it */
                rz_buf_putc(b, ' ');
                continue;
            }
        }
        rz_buf_putc(b, s[i]);
    }
}

/* The first pass: into b, with the kept lines recorded in ls. */
static void first_pass(const char *md, size_t len, rz_buf *b, lines *ls)
{
    const char *p = md, *end = md + len;
    while (p < end) {
        size_t n;
        const char *s = p;
        p = next_line(p, end, &n);
        char ch;
        size_t fl = fence_len(s, n, &ch);
        if (fl) {
            /* Fenced code, through its closing fence (or the end). */
            const char *body = p, *body_end = end, *after = end;
            while (p < end) {
                size_t m;
                const char *t = p;
                p = next_line(p, end, &m);
                char ch2;
                size_t fl2 = fence_len(t, m, &ch2);
                if (fl2 >= fl && ch2 == ch && is_blank(t + fl2, m - fl2)) {
                    body_end = t;
                    after = p;
                    break;
                }
            }
            if (after == end)
                p = end;
            int chart = n - fl >= 5 && !memcmp(s + fl, "chart", 5);
            rz_buf tab;
            rz_buf_init(&tab);
            if (chart && !chart_table(body, body_end, &tab)) {
                rz_buf_free(&tab);
                continue;
            }
            for (const char *q = s; q < after;) {
                size_t m;
                const char *t = q;
                q = next_line(q, after, &m);
                push_line(ls, b->len, m, 0, 0);
                rz_buf_append(b, t, m);
                rz_buf_putc(b, '\n');
            }
            for (const char *q = tab.data, *te = q ? q + tab.len : NULL; q && q < te;) {
                size_t m;
                const char *t = q;
                q = next_line(q, te, &m);
                push_line(ls, b->len, m, 0, m == 0);
                rz_buf_append(b, t, m);
                rz_buf_putc(b, '\n');
            }
            if (tab.len)
                push_line(ls, b->len, 0, 0, 1), rz_buf_putc(b, '\n');
            rz_buf_free(&tab);
            continue;
        }
        if (n && s[0] == '|' && p < end) {
            size_t m;
            const char *t = p;
            const char *after = next_line(p, end, &m);
            if (is_delimiter_row(t, m)) {
                size_t k = 0;
                if (after < end)
                    next_line(after, end, &k);
                if (after >= end || k == 0 || after[0] != '|') {
                    p = after; /* a header without rows */
                    continue;
                }
            }
        }
        size_t off = b->len;
        put_text_line(b, s, n);
        push_line(ls, off, b->len - off, heading_level(s, n), is_blank(s, n));
        rz_buf_putc(b, '\n');
    }
}

rz_status rz_md_tidy(const char *md, size_t len, rz_buf *out)
{
    rz_buf b;
    rz_buf_init(&b);
    lines ls = {0};
    first_pass(md, len, &b, &ls);
    char *keep = ls.n ? malloc(ls.n) : NULL;
    if (rz_buf_failed(&b) || ls.failed || (ls.n && !keep)) {
        free(keep);
        free(ls.l);
        rz_buf_free(&b);
        return RZ_IO;
    }
    /* Backwards: next is the level of the next kept heading, or 1 at the
     * end (which closes every section); content resets it. */
    int next = 1;
    for (size_t i = ls.n; i-- > 0;) {
        const line *l = &ls.l[i];
        keep[i] = 1;
        if (l->blank)
            continue;
        if (l->heading >= 2 && next && next <= l->heading) {
            keep[i] = 0;
            continue;
        }
        next = l->heading;
    }
    size_t last = ls.n; /* nor at the end */
    while (last > 0 && (!keep[last - 1] || ls.l[last - 1].blank))
        last--;
    int prev_blank = 1; /* no blank lines at the start */
    for (size_t i = 0; i < last; i++) {
        if (!keep[i] || (ls.l[i].blank && prev_blank))
            continue;
        rz_buf_append(out, b.data + ls.l[i].off, ls.l[i].len);
        rz_buf_putc(out, '\n');
        prev_blank = ls.l[i].blank;
    }
    free(keep);
    free(ls.l);
    rz_buf_free(&b);
    return rz_buf_failed(out) ? RZ_IO : RZ_OK;
}
