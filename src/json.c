/* json.c — see json.h. A recursive-descent reader with a depth limit. */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void indent(rz_buf *b, int level)
{
    for (int i = 0; i < level; i++)
        rz_buf_puts(b, "  ");
}

static void write_string(const char *s, rz_buf *b)
{
    rz_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            rz_buf_puts(b, "\\\"");
            break;
        case '\\':
            rz_buf_puts(b, "\\\\");
            break;
        case '\n':
            rz_buf_puts(b, "\\n");
            break;
        case '\r':
            rz_buf_puts(b, "\\r");
            break;
        case '\t':
            rz_buf_puts(b, "\\t");
            break;
        default:
            if (*p < 0x20)
                rz_buf_printf(b, "\\u%04x", *p);
            else
                rz_buf_putc(b, (char)*p);
        }
    }
    rz_buf_putc(b, '"');
}

static void write_value(const rz_view *v, rz_buf *b, int level)
{
    char num[32];
    switch (rz_view_kind_of(v)) {
    case RZ_VIEW_NULL:
        rz_buf_puts(b, "null");
        break;
    case RZ_VIEW_BOOL:
        rz_buf_puts(b, rz_view_as_bool(v) ? "true" : "false");
        break;
    case RZ_VIEW_NUMBER:
        if (!isfinite(rz_view_as_num(v)))
            rz_buf_puts(b, "null");
        else
            rz_buf_puts(b, rz_view_scalar_text(v, num));
        break;
    case RZ_VIEW_STRING:
        write_string(rz_view_as_str(v), b);
        break;
    case RZ_VIEW_LIST: {
        size_t n = rz_view_len(v);
        if (!n) {
            rz_buf_puts(b, "[]");
            break;
        }
        rz_buf_puts(b, "[\n");
        for (size_t i = 0; i < n; i++) {
            indent(b, level + 1);
            write_value(rz_view_at(v, i), b, level + 1);
            rz_buf_puts(b, i + 1 < n ? ",\n" : "\n");
        }
        indent(b, level);
        rz_buf_putc(b, ']');
        break;
    }
    case RZ_VIEW_MAP: {
        size_t n = rz_view_len(v);
        if (!n) {
            rz_buf_puts(b, "{}");
            break;
        }
        rz_buf_puts(b, "{\n");
        for (size_t i = 0; i < n; i++) {
            indent(b, level + 1);
            write_string(rz_view_key_at(v, i), b);
            rz_buf_puts(b, ": ");
            write_value(rz_view_value_at(v, i), b, level + 1);
            rz_buf_puts(b, i + 1 < n ? ",\n" : "\n");
        }
        indent(b, level);
        rz_buf_putc(b, '}');
        break;
    }
    }
}

void rz_json_write(const rz_view *v, rz_buf *out)
{
    write_value(v, out, 0);
    rz_buf_putc(out, '\n');
}

/* ---- reader ---- */

typedef struct {
    const char *p, *end, *start;
    rz_view_doc *doc;
    const char *name;
    rz_diags *d;
    int failed;
} parser;

static long line_of(const parser *ps)
{
    long line = 1;
    for (const char *q = ps->start; q < ps->p; q++)
        if (*q == '\n')
            line++;
    return line;
}

static void fail(parser *ps, const char *msg)
{
    if (ps->failed)
        return;
    ps->failed = 1;
    rz_diag_add(ps->d, RZ_ERROR, ps->name, line_of(ps), "json", "JSON non valido: %s", msg);
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int hex4(parser *ps, unsigned *out)
{
    if (ps->end - ps->p < 4)
        return 0;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = ps->p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    ps->p += 4;
    *out = v;
    return 1;
}

static void put_utf8(rz_buf *b, unsigned cp)
{
    char o[4];
    if (cp < 0x80) {
        o[0] = (char)cp;
        rz_buf_append(b, o, 1);
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        rz_buf_append(b, o, 2);
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        rz_buf_append(b, o, 3);
    } else {
        o[0] = (char)(0xF0 | (cp >> 18));
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        rz_buf_append(b, o, 4);
    }
}

static int parse_string(parser *ps, rz_buf *b)
{
    ps->p++; /* opening quote */
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) {
            fail(ps, "carattere di controllo in una stringa");
            return 0;
        }
        if (c != '\\') {
            rz_buf_append(b, ps->p, 1);
            ps->p++;
            continue;
        }
        ps->p++;
        if (ps->p >= ps->end)
            break;
        char e = *ps->p++;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            rz_buf_append(b, &e, 1);
            break;
        case 'b':
            rz_buf_putc(b, '\b');
            break;
        case 'f':
            rz_buf_putc(b, '\f');
            break;
        case 'n':
            rz_buf_putc(b, '\n');
            break;
        case 'r':
            rz_buf_putc(b, '\r');
            break;
        case 't':
            rz_buf_putc(b, '\t');
            break;
        case 'u': {
            unsigned cp;
            if (!hex4(ps, &cp)) {
                fail(ps, "sequenza \\u non valida");
                return 0;
            }
            if (cp >= 0xD800 && cp < 0xDC00) {
                unsigned lo;
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' ||
                    (ps->p += 2, !hex4(ps, &lo)) || lo < 0xDC00 || lo > 0xDFFF) {
                    fail(ps, "coppia surrogata incompleta");
                    return 0;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(b, cp);
            break;
        }
        default:
            fail(ps, "sequenza di escape sconosciuta");
            return 0;
        }
    }
    if (ps->p >= ps->end) {
        fail(ps, "stringa non chiusa");
        return 0;
    }
    ps->p++;
    return 1;
}

static rz_view *parse_value(parser *ps, int depth)
{
    skip_ws(ps);
    if (depth > 512) {
        fail(ps, "annidamento oltre 512 livelli");
        return NULL;
    }
    if (ps->p >= ps->end) {
        fail(ps, "fine inattesa");
        return NULL;
    }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        int is_map = c == '{';
        rz_view *v = is_map ? rz_view_map(ps->doc) : rz_view_list(ps->doc);
        ps->p++;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == (is_map ? '}' : ']')) {
            ps->p++;
            return v;
        }
        for (;;) {
            rz_buf key;
            rz_buf_init(&key);
            if (is_map) {
                skip_ws(ps);
                if (ps->p >= ps->end || *ps->p != '"') {
                    fail(ps, "attesa una chiave tra virgolette");
                    rz_buf_free(&key);
                    return NULL;
                }
                if (!parse_string(ps, &key)) {
                    rz_buf_free(&key);
                    return NULL;
                }
                skip_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':') {
                    fail(ps, "atteso ':'");
                    rz_buf_free(&key);
                    return NULL;
                }
                ps->p++;
            }
            rz_view *item = parse_value(ps, depth + 1);
            if (!item) {
                rz_buf_free(&key);
                return NULL;
            }
            if (is_map)
                rz_view_set(v, rz_buf_str(&key), item);
            else
                rz_view_push(v, item);
            rz_buf_free(&key);
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                continue;
            }
            if (ps->p < ps->end && *ps->p == (is_map ? '}' : ']')) {
                ps->p++;
                return v;
            }
            fail(ps, is_map ? "atteso ',' o '}'" : "atteso ',' o ']'");
            return NULL;
        }
    }
    if (c == '"') {
        rz_buf s;
        rz_buf_init(&s);
        rz_view *v = parse_string(ps, &s) ? rz_view_strn(ps->doc, rz_buf_str(&s), s.len) : NULL;
        rz_buf_free(&s);
        return v;
    }
    static const struct {
        const char *word;
        int kind;
    } words[] = {{"true", 1}, {"false", 0}, {"null", 2}};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, words[i].word, n) == 0) {
            ps->p += n;
            return words[i].kind == 2 ? rz_view_null(ps->doc)
                                      : rz_view_bool(ps->doc, words[i].kind);
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        char tmp[64];
        size_t n = 0;
        while (ps->p + n < ps->end && n < sizeof tmp - 1 && strchr("+-0123456789.eE", ps->p[n]))
            n++;
        memcpy(tmp, ps->p, n);
        tmp[n] = '\0';
        char *end;
        double x = strtod(tmp, &end);
        if (end != tmp + n) {
            fail(ps, "numero non valido");
            return NULL;
        }
        ps->p += n;
        return rz_view_num(ps->doc, x);
    }
    fail(ps, "valore non riconosciuto");
    return NULL;
}

rz_status rz_json_parse(const char *text, size_t len, rz_view_doc *doc, rz_view **out,
                        const char *name, rz_diags *d)
{
    parser ps = {text, text + len, text, doc, name, d, 0};
    *out = parse_value(&ps, 0);
    skip_ws(&ps);
    if (*out && ps.p != ps.end)
        fail(&ps, "contenuto dopo la fine del valore");
    if (ps.failed) {
        *out = NULL;
        return RZ_INVALID;
    }
    return RZ_OK;
}
