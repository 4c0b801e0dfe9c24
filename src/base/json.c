/*
 * json.c — see json.h.
 *
 * The reader is recursive descent; the depth limit keeps the C stack small
 * whatever the input. Strings are decoded into one scratch buffer reused for
 * every string of the document, so parsing allocates only the view's nodes.
 * Numbers are checked against the JSON grammar before strtod sees them,
 * since strtod alone would take "01", "1." or "0x1F".
 */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 ---- */

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0 when
 * the bytes there are not one (overlong forms and surrogates included). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    unsigned cp;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
        cp = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        cp = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static void put_utf8(rz_buf *b, unsigned cp)
{
    char o[4];
    size_t n;
    if (cp < 0x80) {
        o[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        o[0] = (char)(0xF0 | (cp >> 18));
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    rz_buf_append(b, o, n);
}

/* ---- Writer ---- */

static void indent(rz_buf *b, int level)
{
    for (int i = 0; i < level; i++)
        rz_buf_append(b, "  ", 2);
}

static void write_string(const char *s, size_t n, rz_buf *b)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    rz_buf_putc(b, '"');
    while (p < end) {
        /* Copy the longest run that needs no escaping in one append. */
        const unsigned char *run = p;
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            rz_buf_append(b, run, (size_t)(p - run));
        if (p == end)
            break;
        unsigned char c = *p;
        if (c >= 0x80) {
            size_t l = utf8_len(p, (size_t)(end - p));
            if (l) {
                rz_buf_append(b, p, l);
                p += l;
            } else {
                rz_buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
                p++;
            }
            continue;
        }
        p++;
        switch (c) {
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
        case '\b':
            rz_buf_puts(b, "\\b");
            break;
        case '\f':
            rz_buf_puts(b, "\\f");
            break;
        default:
            rz_buf_printf(b, "\\u%04x", c);
        }
    }
    rz_buf_putc(b, '"');
}

static void write_value(const rz_view *v, rz_buf *b, int level)
{
    char num[RZ_VIEW_NUM_MAX];
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
            rz_buf_puts(b, rz_view_num_text(rz_view_as_num(v), num));
        break;
    case RZ_VIEW_STRING:
        write_string(rz_view_as_str(v), rz_view_str_len(v), b);
        break;
    case RZ_VIEW_LIST:
    case RZ_VIEW_MAP: {
        int is_map = rz_view_kind_of(v) == RZ_VIEW_MAP;
        size_t n = rz_view_len(v);
        if (!n) {
            rz_buf_puts(b, is_map ? "{}" : "[]");
            break;
        }
        rz_buf_puts(b, is_map ? "{\n" : "[\n");
        for (size_t i = 0; i < n; i++) {
            indent(b, level + 1);
            if (is_map) {
                const char *k = rz_view_key_at(v, i);
                write_string(k, strlen(k), b);
                rz_buf_puts(b, ": ");
                write_value(rz_view_value_at(v, i), b, level + 1);
            } else {
                write_value(rz_view_at(v, i), b, level + 1);
            }
            rz_buf_puts(b, i + 1 < n ? ",\n" : "\n");
        }
        indent(b, level);
        rz_buf_putc(b, is_map ? '}' : ']');
        break;
    }
    }
}

void rz_json_write(const rz_view *v, rz_buf *out)
{
    write_value(v, out, 0);
    rz_buf_putc(out, '\n');
}

/* ---- Reader ---- */

typedef struct {
    const char *p, *end, *start;
    rz_view_doc *doc;
    const char *name;
    rz_diags *d;
    rz_buf scratch; /* the string being decoded */
    rz_buf key;     /* the key being decoded */
    int failed;
    int oom;
} parser;

static void fail(parser *ps, const char *msg)
{
    if (ps->failed)
        return;
    ps->failed = 1;
    long line = 1;
    for (const char *q = ps->start; q < ps->p && q < ps->end; q++)
        if (*q == '\n')
            line++;
    rz_diag_add(ps->d, RZ_ERROR, ps->name, line, "json", "JSON non valido: %s", msg);
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

/* Decodes the \u escape after "\u" (a surrogate pair takes two). */
static int parse_u_escape(parser *ps, rz_buf *b)
{
    unsigned cp;
    if (!hex4(ps, &cp)) {
        fail(ps, "sequenza \\u senza quattro cifre esadecimali");
        return 0;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        fail(ps, "surrogato basso \\u senza il surrogato alto che lo precede");
        return 0;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned lo;
        if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u') {
            fail(ps, "surrogato alto \\u senza il surrogato basso che lo segue");
            return 0;
        }
        ps->p += 2;
        if (!hex4(ps, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
            fail(ps, "coppia surrogata \\u non valida");
            return 0;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    put_utf8(b, cp);
    return 1;
}

/* Decodes the string at ps->p (on its opening quote) into b. */
static int parse_string(parser *ps, rz_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    ps->p++;
    for (;;) {
        const char *run = ps->p;
        while (ps->p < ps->end && (unsigned char)*ps->p >= 0x20 && (unsigned char)*ps->p < 0x80 &&
               *ps->p != '"' && *ps->p != '\\')
            ps->p++;
        if (ps->p > run)
            rz_buf_append(b, run, (size_t)(ps->p - run));
        if (ps->p >= ps->end) {
            fail(ps, "stringa non chiusa");
            return 0;
        }
        unsigned char c = (unsigned char)*ps->p;
        if (c == '"') {
            ps->p++;
            return 1;
        }
        if (c < 0x20) {
            fail(ps, "carattere di controllo non protetto in una stringa");
            return 0;
        }
        if (c >= 0x80) {
            size_t l = utf8_len((const unsigned char *)ps->p, (size_t)(ps->end - ps->p));
            if (!l) {
                fail(ps, "testo non in UTF-8");
                return 0;
            }
            rz_buf_append(b, ps->p, l);
            ps->p += l;
            continue;
        }
        /* A backslash. */
        ps->p++;
        if (ps->p >= ps->end) {
            fail(ps, "stringa non chiusa");
            return 0;
        }
        char e = *ps->p++;
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k = e ? strchr(from, e) : NULL;
        if (k) {
            rz_buf_putc(b, to[k - from]);
        } else if (e == 'u') {
            if (!parse_u_escape(ps, b))
                return 0;
        } else {
            ps->p--;
            fail(ps, "sequenza di escape sconosciuta dopo '\\'");
            return 0;
        }
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static rz_view *parse_number(parser *ps)
{
    const char *s = ps->p, *q = s;
    if (q < ps->end && *q == '-')
        q++;
    if (q < ps->end && *q == '0') {
        q++;
    } else if (q < ps->end && is_digit(*q)) {
        while (q < ps->end && is_digit(*q))
            q++;
    } else {
        fail(ps, "numero non valido");
        return NULL;
    }
    if (q < ps->end && *q == '.') {
        q++;
        if (q >= ps->end || !is_digit(*q)) {
            fail(ps, "numero non valido: servono cifre dopo il punto");
            return NULL;
        }
        while (q < ps->end && is_digit(*q))
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || !is_digit(*q)) {
            fail(ps, "numero non valido: esponente senza cifre");
            return NULL;
        }
        while (q < ps->end && is_digit(*q))
            q++;
    }
    char tmp[512];
    size_t n = (size_t)(q - s);
    if (n >= sizeof tmp) {
        fail(ps, "numero di oltre 500 caratteri");
        return NULL;
    }
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    double x = strtod(tmp, NULL);
    if (!isfinite(x)) {
        fail(ps, "numero troppo grande per essere rappresentato");
        return NULL;
    }
    ps->p = q;
    return rz_view_num(ps->doc, x);
}

static rz_view *parse_value(parser *ps, int depth);

static rz_view *parse_container(parser *ps, int depth)
{
    int is_map = *ps->p == '{';
    char close = is_map ? '}' : ']';
    rz_view *v = is_map ? rz_view_map(ps->doc) : rz_view_list(ps->doc);
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return v;
    }
    for (;;) {
        if (is_map) {
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != '"') {
                fail(ps, "attesa una chiave tra virgolette");
                return NULL;
            }
            if (!parse_string(ps, &ps->key))
                return NULL;
            if (memchr(rz_buf_str(&ps->key), '\0', ps->key.len)) {
                fail(ps, "chiave con il carattere \\u0000");
                return NULL;
            }
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                fail(ps, "atteso ':' dopo la chiave");
                return NULL;
            }
            ps->p++;
        }
        /* ps->key is reused by the maps nested in the value: keep a copy
         * (on the stack when short, as nearly all keys are). */
        char small[64], *key = NULL;
        if (is_map) {
            key = ps->key.len < sizeof small ? small : malloc(ps->key.len + 1);
            if (!key) {
                ps->oom = 1;
                return NULL;
            }
            memcpy(key, rz_buf_str(&ps->key), ps->key.len + 1);
        }
        rz_view *item = parse_value(ps, depth + 1);
        if (item && is_map)
            rz_view_set(v, key, item);
        else if (item)
            rz_view_push(v, item);
        if (key != small)
            free(key);
        if (!item)
            return NULL;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return v;
        }
        fail(ps, is_map ? "atteso ',' o '}'" : "atteso ',' o ']'");
        return NULL;
    }
}

static rz_view *parse_value(parser *ps, int depth)
{
    skip_ws(ps);
    if (ps->p >= ps->end) {
        fail(ps, "il testo finisce dove era atteso un valore");
        return NULL;
    }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        if (depth >= RZ_JSON_MAX_DEPTH) {
            fail(ps, "oggetti e liste annidati oltre 512 livelli");
            return NULL;
        }
        return parse_container(ps, depth);
    }
    if (c == '"') {
        if (!parse_string(ps, &ps->scratch))
            return NULL;
        return rz_view_strn(ps->doc, rz_buf_str(&ps->scratch), ps->scratch.len);
    }
    if (c == '-' || is_digit(c))
        return parse_number(ps);
    static const char *const words[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, words[i], n) == 0) {
            ps->p += n;
            return i == 2 ? rz_view_null(ps->doc) : rz_view_bool(ps->doc, i == 0);
        }
    }
    fail(ps, "valore non riconosciuto (attesi oggetto, lista, stringa, numero, true, false "
             "o null)");
    return NULL;
}

rz_status rz_json_parse(const char *text, size_t len, rz_view_doc *doc, rz_view **out,
                        const char *name, rz_diags *d)
{
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.p = ps.start = text;
    ps.end = text + len;
    ps.doc = doc;
    ps.name = name;
    ps.d = d;
    rz_buf_init(&ps.scratch);
    rz_buf_init(&ps.key);
    int was_failed = rz_view_doc_failed(doc);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.p += 3;
    *out = parse_value(&ps, 0);
    skip_ws(&ps);
    if (*out && ps.p != ps.end)
        fail(&ps, "altro testo dopo la fine del valore");
    int oom = ps.oom || rz_buf_failed(&ps.scratch) || rz_buf_failed(&ps.key) ||
              (!was_failed && rz_view_doc_failed(doc)) || (!*out && !ps.failed);
    rz_buf_free(&ps.scratch);
    rz_buf_free(&ps.key);
    if (ps.failed || oom) {
        *out = NULL;
        if (!ps.failed)
            rz_diag_add(d, RZ_ERROR, name, 0, "json", "memoria esaurita leggendo il JSON");
        return ps.failed ? RZ_INVALID : RZ_IO;
    }
    return RZ_OK;
}
