/*
 * ttf_subset.c — see ttf_subset.h.
 */
#include "ttf_subset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const unsigned char *p;
    size_t len;
} table;

enum {
    T_OS2,
    T_CMAP,
    T_CVT,
    T_FPGM,
    T_GLYF,
    T_HEAD,
    T_HHEA,
    T_HMTX,
    T_LOCA,
    T_MAXP,
    T_NAME,
    T_POST,
    T_PREP,
    N_TABLES
};

/* The tables libharu embeds, in the order of their tags (the order the
 * table directory wants). */
static const char tags[N_TABLES][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                       "hmtx", "loca", "maxp", "name", "post", "prep"};

struct rz_ttf {
    unsigned char *data;
    size_t len;
    table t[N_TABLES];
    unsigned num_glyphs, num_hmetrics, upem;
    int long_loca;
    uint16_t cmap[65536]; /* code point -> glyph, 0 when absent */
};

static unsigned u16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* The format 4 subtable of platform 3 encoding 1 (or 0/3) into f->cmap. */
static int parse_cmap(rz_ttf *f)
{
    const table *c = &f->t[T_CMAP];
    if (c->len < 4)
        return -1;
    unsigned n = u16(c->p + 2);
    size_t best = 0;
    for (unsigned i = 0; i < n; i++) {
        if (4 + 8 * (size_t)i + 8 > c->len)
            return -1;
        const unsigned char *r = c->p + 4 + 8 * i;
        uint32_t off = u32(r + 4);
        if (off + 2 > c->len || u16(c->p + off) != 4)
            continue;
        unsigned pid = u16(r), eid = u16(r + 2);
        if (pid == 3 && eid == 1) {
            best = off;
            break;
        }
        if (pid == 0 && eid == 3 && !best)
            best = off;
    }
    if (!best || best + 14 > c->len)
        return -1;
    const unsigned char *s = c->p + best;
    size_t slen = u16(s + 2);
    if (best + slen > c->len)
        slen = c->len - best;
    unsigned segs = u16(s + 6) / 2;
    if (14 + 8 * (size_t)segs + 2 > slen)
        return -1;
    const unsigned char *ends = s + 14, *starts = ends + 2 * segs + 2, *deltas = starts + 2 * segs,
                        *ranges = deltas + 2 * segs;
    for (unsigned i = 0; i < segs; i++) {
        unsigned end = u16(ends + 2 * i), start = u16(starts + 2 * i);
        unsigned delta = u16(deltas + 2 * i), ro = u16(ranges + 2 * i);
        for (unsigned cp = start; cp <= end && cp < 0xFFFF; cp++) {
            unsigned g;
            if (ro == 0) {
                g = (cp + delta) & 0xFFFF;
            } else {
                size_t at = (size_t)(ranges + 2 * i - s) + ro + 2 * (size_t)(cp - start);
                if (at + 2 > slen)
                    continue;
                g = u16(s + at);
                if (g)
                    g = (g + delta) & 0xFFFF;
            }
            if (g < f->num_glyphs && !f->cmap[cp])
                f->cmap[cp] = (uint16_t)g;
        }
    }
    return 0;
}

rz_ttf *rz_ttf_load(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    rz_ttf *f = calloc(1, sizeof *f);
    long size = -1;
    if (f && fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 12 && size < (64L << 20) &&
        fseek(fp, 0, SEEK_SET) == 0) {
        f->data = malloc((size_t)size);
        if (f->data && fread(f->data, 1, (size_t)size, fp) == (size_t)size)
            f->len = (size_t)size;
    }
    fclose(fp);
    if (!f || !f->len)
        goto fail;
    const unsigned char *d = f->data;
    if (u32(d) != 0x00010000u)
        goto fail;
    unsigned n = u16(d + 4);
    if (12 + 16 * (size_t)n > f->len)
        goto fail;
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *r = d + 12 + 16 * i;
        uint32_t off = u32(r + 8), len = u32(r + 12);
        if (off > f->len || len > f->len - off)
            goto fail;
        for (int k = 0; k < N_TABLES; k++)
            if (!memcmp(r, tags[k], 4)) {
                f->t[k].p = d + off;
                f->t[k].len = len;
            }
    }
    if (f->t[T_HEAD].len < 54 || f->t[T_HHEA].len < 36 || f->t[T_MAXP].len < 6 || !f->t[T_GLYF].p ||
        !f->t[T_LOCA].p || !f->t[T_HMTX].p || f->t[T_POST].len < 32 || f->t[T_NAME].len < 6 ||
        f->t[T_OS2].len < 78)
        goto fail;
    f->upem = u16(f->t[T_HEAD].p + 18);
    f->long_loca = u16(f->t[T_HEAD].p + 50) != 0;
    f->num_glyphs = u16(f->t[T_MAXP].p + 4);
    f->num_hmetrics = u16(f->t[T_HHEA].p + 34);
    if (!f->upem || !f->num_glyphs || !f->num_hmetrics || f->num_hmetrics > f->num_glyphs ||
        f->t[T_HMTX].len <
            4 * (size_t)f->num_hmetrics + 2 * (size_t)(f->num_glyphs - f->num_hmetrics) ||
        f->t[T_LOCA].len < (f->long_loca ? 4 : 2) * ((size_t)f->num_glyphs + 1))
        goto fail;
    if (parse_cmap(f) != 0)
        goto fail;
    /* A character the font lacks is drawn as its replacement character
     * (U+FFFD), visibly a gap in the text, rather than as .notdef, which
     * archival PDF forbids; text extraction still gives the character. */
    unsigned replacement = f->cmap[0xFFFD];
    for (unsigned cp = 1; replacement && cp < 0xFFFF; cp++)
        if (!f->cmap[cp])
            f->cmap[cp] = (uint16_t)replacement;
    return f;
fail:
    rz_ttf_free(f);
    return NULL;
}

void rz_ttf_free(rz_ttf *f)
{
    if (!f)
        return;
    free(f->data);
    free(f);
}

static unsigned advance(const rz_ttf *f, unsigned g)
{
    unsigned i = g < f->num_hmetrics ? g : f->num_hmetrics - 1;
    return u16(f->t[T_HMTX].p + 4 * i);
}

static unsigned lsb(const rz_ttf *f, unsigned g)
{
    if (g < f->num_hmetrics)
        return u16(f->t[T_HMTX].p + 4 * g + 2);
    return u16(f->t[T_HMTX].p + 4 * f->num_hmetrics + 2 * (g - f->num_hmetrics));
}

unsigned rz_ttf_width(const rz_ttf *f, uint32_t cp)
{
    unsigned g = cp < 0x10000 ? f->cmap[cp] : 0;
    return (unsigned)(uint16_t)(advance(f, g) * 1000u / f->upem);
}

size_t rz_utf8_next(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned b = p[0], more, v;
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if ((b & 0xF8) == 0xF0)
        more = 3, v = b & 0x07;
    else if ((b & 0xF0) == 0xE0)
        more = 2, v = b & 0x0F;
    else if ((b & 0xE0) == 0xC0)
        more = 1, v = b & 0x1F;
    else {
        *cp = RZ_UTF8_SKIP;
        return 1;
    }
    size_t k = 1;
    for (; k <= more && k < n && p[k]; k++)
        v = v << 6 | (p[k] & 0x3Fu);
    *cp = k == more + 1 ? (v > 0xFFFF ? 32 : v) : RZ_UTF8_SKIP;
    return k;
}

unsigned long rz_ttf_text_width(const rz_ttf *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned long w = 0;
    uint32_t cp;
    for (size_t i = 0, k; (k = rz_utf8_next(p + i, n - i, &cp)) != 0; i += k)
        if (cp != RZ_UTF8_SKIP)
            w += rz_ttf_width(f, cp);
    return w;
}

/* Glyph g's bytes in glyf; len 0 for an empty glyph. */
static const unsigned char *glyph(const rz_ttf *f, unsigned g, size_t *len)
{
    const unsigned char *l = f->t[T_LOCA].p;
    size_t a = f->long_loca ? u32(l + 4 * g) : 2 * (size_t)u16(l + 2 * g);
    size_t b = f->long_loca ? u32(l + 4 * g + 4) : 2 * (size_t)u16(l + 2 * g + 2);
    if (b <= a || b > f->t[T_GLYF].len) {
        *len = 0;
        return NULL;
    }
    *len = b - a;
    return f->t[T_GLYF].p + a;
}

int rz_ttf_cap_height(const rz_ttf *f)
{
    const table *os2 = &f->t[T_OS2];
    int units = 0;
    if (u16(os2->p) >= 2 && os2->len >= 90) {
        units = (int16_t)u16(os2->p + 88);
    } else {
        size_t len;
        const unsigned char *g = glyph(f, f->cmap['H'], &len);
        if (g && len >= 10)
            units = (int16_t)u16(g + 8);
    }
    return units * 1000 / (int)f->upem;
}

enum { ARG_WORDS = 0x1, HAS_SCALE = 0x8, MORE = 0x20, XY_SCALE = 0x40, TWO_BY_TWO = 0x80 };

/* Calls visit with the offset of the glyph index of every component of a
 * composite glyph (bytes g, len bytes); -1 if the glyph is malformed. */
static int components(const unsigned char *g, size_t len, int (*visit)(void *, size_t), void *u)
{
    if (len < 10 || !(g[0] & 0x80))
        return 0;
    size_t at = 10;
    unsigned flags;
    do {
        if (at + 4 > len)
            return -1;
        flags = u16(g + at);
        if (visit(u, at + 2) != 0)
            return -1;
        at += 4 + ((flags & ARG_WORDS) ? 4 : 2);
        if (flags & HAS_SCALE)
            at += 2;
        else if (flags & XY_SCALE)
            at += 4;
        else if (flags & TWO_BY_TWO)
            at += 8;
    } while (flags & MORE);
    return 0;
}

typedef struct {
    const rz_ttf *f;
    int32_t *new_of; /* old glyph -> new, -1 when not kept */
    uint16_t *old_of;
    unsigned n;
    const unsigned char *from; /* the composite visited */
    unsigned char *to;         /* its copy being renumbered */
} keep;

static int keep_glyph(keep *k, unsigned g)
{
    if (g >= k->f->num_glyphs)
        return -1;
    if (k->new_of[g] < 0) {
        if (k->n == 0xFFFF)
            return -1;
        k->new_of[g] = (int32_t)k->n;
        k->old_of[k->n++] = (uint16_t)g;
    }
    return 0;
}

static int keep_component(void *u, size_t at)
{
    keep *k = u;
    return keep_glyph(k, u16(k->from + at));
}

static int renumber_component(void *u, size_t at)
{
    const keep *k = u;
    put16(k->to + at, (unsigned)k->new_of[u16(k->from + at)]);
    return 0;
}

typedef struct {
    unsigned char *p;
    size_t len, cap;
    int failed;
} out;

static unsigned char *grow(out *o, size_t n)
{
    if (o->failed)
        return NULL;
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->len + n)
            cap *= 2;
        unsigned char *p = realloc(o->p, cap);
        if (!p) {
            o->failed = 1;
            return NULL;
        }
        o->p = p;
        o->cap = cap;
    }
    unsigned char *at = o->p + o->len;
    memset(at, 0, n);
    o->len += n;
    return at;
}

static void put(out *o, const void *p, size_t n)
{
    unsigned char *at = grow(o, n);
    if (at && n)
        memcpy(at, p, n);
}

static void pad4(out *o)
{
    if (o->len % 4)
        grow(o, 4 - o->len % 4);
}

static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i += 4) {
        unsigned char w[4] = {0, 0, 0, 0};
        memcpy(w, p + i, n - i < 4 ? n - i : 4);
        s += u32(w);
    }
    return s;
}

/* One segment per run of consecutive code points with consecutive glyphs. */
static void build_cmap(const rz_ttf *f, const uint32_t *cps, size_t ncp, const keep *k, out *o)
{
    unsigned *start = malloc(sizeof(unsigned) * (ncp + 1)),
             *end = malloc(sizeof(unsigned) * (ncp + 1));
    unsigned *delta = malloc(sizeof(unsigned) * (ncp + 1));
    if (!start || !end || !delta) {
        o->failed = 1;
        free(start);
        free(end);
        free(delta);
        return;
    }
    unsigned n = 0, last_g = 0;
    for (size_t i = 0; i < ncp; i++) {
        unsigned cp = cps[i];
        if (cp >= 0xFFFF || !f->cmap[cp])
            continue;
        unsigned g = (unsigned)k->new_of[f->cmap[cp]];
        if (n && end[n - 1] + 1 == cp && last_g + 1 == g) {
            end[n - 1] = cp;
        } else {
            start[n] = end[n] = cp;
            delta[n] = (g - cp) & 0xFFFF;
            n++;
        }
        last_g = g;
    }
    start[n] = end[n] = 0xFFFF;
    delta[n++] = 1;
    size_t sub = 16 + 8 * (size_t)n;
    if (sub > 0xFFFF) {
        o->failed = 1;
    } else {
        unsigned char *h = grow(o, 12 + sub);
        if (h) {
            put16(h + 2, 1);
            put16(h + 4, 3);
            put16(h + 6, 1);
            put32(h + 8, 12);
            unsigned char *s = h + 12;
            unsigned range = 1, sel = 0;
            while (range * 2 <= n)
                range *= 2, sel++;
            put16(s, 4);
            put16(s + 2, (unsigned)sub);
            put16(s + 6, 2 * n);
            put16(s + 8, 2 * range);
            put16(s + 10, sel);
            put16(s + 12, 2 * n - 2 * range);
            for (unsigned i = 0; i < n; i++) {
                put16(s + 14 + 2 * i, end[i]);
                put16(s + 16 + 2 * n + 2 * i, start[i]);
                put16(s + 16 + 4 * n + 2 * i, delta[i]);
            }
        }
    }
    free(start);
    free(end);
    free(delta);
}

/* The name records 0 to 6 (copyright, family, style, unique, full name,
 * version, PostScript name), strings copied as they are. */
static void build_name(const rz_ttf *f, out *o)
{
    const table *t = &f->t[T_NAME];
    unsigned count = u16(t->p + 2), strings = u16(t->p + 4);
    if (6 + 12 * (size_t)count > t->len || strings > t->len) {
        o->failed = 1;
        return;
    }
    unsigned kept = 0;
    for (unsigned i = 0; i < count; i++)
        if (u16(t->p + 6 + 12 * i + 6) <= 6)
            kept++;
    size_t base = o->len;
    unsigned char *h = grow(o, 6 + 12 * (size_t)kept);
    if (!h)
        return;
    put16(h + 2, kept);
    put16(h + 4, 6 + 12 * kept);
    size_t str = 0;
    unsigned r = 0;
    for (unsigned i = 0; i < count; i++) {
        const unsigned char *rec = t->p + 6 + 12 * i;
        if (u16(rec + 6) > 6)
            continue;
        unsigned len = u16(rec + 8), off = u16(rec + 10);
        if ((size_t)strings + off + len > t->len || str + len > 0xFFFF) {
            o->failed = 1;
            return;
        }
        unsigned char *dst = o->p + base + 6 + 12 * r++;
        memcpy(dst, rec, 8);
        put16(dst + 8, len);
        put16(dst + 10, (unsigned)str);
        put(o, t->p + strings + off, len);
        str += len;
        if (o->failed)
            return;
    }
}

int rz_ttf_subset(const rz_ttf *f, const uint32_t *cps, size_t ncp, unsigned char **result,
                  size_t *rlen)
{
    *result = NULL;
    *rlen = 0;
    keep k = {
        f,   malloc(sizeof(int32_t) * f->num_glyphs), malloc(sizeof(uint16_t) * 65536), 0, NULL,
        NULL};
    out tb[N_TABLES];
    memset(tb, 0, sizeof tb);
    out font = {0};
    int rc = -1;
    if (!k.new_of || !k.old_of)
        goto done;
    for (unsigned g = 0; g < f->num_glyphs; g++)
        k.new_of[g] = -1;
    keep_glyph(&k, 0);
    for (size_t i = 0; i < ncp; i++)
        if (cps[i] < 0xFFFF && f->cmap[cps[i]])
            keep_glyph(&k, f->cmap[cps[i]]);
    /* Components of composites, and theirs, appended as they are found. */
    for (unsigned i = 0; i < k.n; i++) {
        size_t len;
        k.from = glyph(f, k.old_of[i], &len);
        if (k.from && components(k.from, len, keep_component, &k) != 0)
            goto done;
    }

    /* glyf and loca (long offsets), composites pointing at the new numbers. */
    unsigned char *loca = grow(&tb[T_LOCA], 4 * ((size_t)k.n + 1));
    for (unsigned i = 0; loca && i < k.n; i++) {
        put32(loca + 4 * i, (uint32_t)tb[T_GLYF].len);
        size_t len;
        const unsigned char *g = glyph(f, k.old_of[i], &len);
        if (!g)
            continue;
        size_t at = tb[T_GLYF].len;
        put(&tb[T_GLYF], g, len);
        if (tb[T_GLYF].failed)
            break;
        k.from = g;
        k.to = tb[T_GLYF].p + at;
        components(g, len, renumber_component, &k);
        pad4(&tb[T_GLYF]);
    }
    if (loca)
        put32(loca + 4 * k.n, (uint32_t)tb[T_GLYF].len);
    unsigned char *hmtx = grow(&tb[T_HMTX], 4 * (size_t)k.n);
    for (unsigned i = 0; hmtx && i < k.n; i++) {
        put16(hmtx + 4 * i, advance(f, k.old_of[i]));
        put16(hmtx + 4 * i + 2, lsb(f, k.old_of[i]));
    }
    build_cmap(f, cps, ncp, &k, &tb[T_CMAP]);
    build_name(f, &tb[T_NAME]);
    put(&tb[T_HEAD], f->t[T_HEAD].p, f->t[T_HEAD].len);
    put(&tb[T_HHEA], f->t[T_HHEA].p, f->t[T_HHEA].len);
    put(&tb[T_MAXP], f->t[T_MAXP].p, f->t[T_MAXP].len);
    put(&tb[T_POST], f->t[T_POST].p, 32);
    for (int t = 0; t < N_TABLES; t++)
        if (t == T_OS2 || t == T_CVT || t == T_FPGM || t == T_PREP)
            put(&tb[t], f->t[t].p, f->t[t].len);
    for (int t = 0; t < N_TABLES; t++)
        if (tb[t].failed)
            goto done;
    put32(tb[T_HEAD].p + 8, 0);       /* checkSumAdjustment, set below */
    put16(tb[T_HEAD].p + 50, 1);      /* long loca */
    put16(tb[T_HHEA].p + 34, k.n);    /* numberOfHMetrics */
    put16(tb[T_MAXP].p + 4, k.n);     /* numGlyphs */
    put32(tb[T_POST].p, 0x00030000u); /* no glyph names */
    memset(tb[T_POST].p + 16, 0, 16);

    unsigned char *dir = grow(&font, 12 + 16 * N_TABLES);
    if (!dir)
        goto done;
    put32(dir, 0x00010000u);
    put16(dir + 4, N_TABLES);
    put16(dir + 6, 8 * 16);  /* searchRange: 16 * 2^floor(log2 13) */
    put16(dir + 8, 3);       /* entrySelector */
    put16(dir + 10, 5 * 16); /* rangeShift */
    for (int t = 0; t < N_TABLES; t++) {
        size_t at = font.len;
        put(&font, tb[t].p, tb[t].len);
        pad4(&font);
        if (font.failed)
            goto done;
        unsigned char *r = font.p + 12 + 16 * t;
        memcpy(r, tags[t], 4);
        put32(r + 4, checksum(tb[t].p, tb[t].len));
        put32(r + 8, (uint32_t)at);
        put32(r + 12, (uint32_t)tb[t].len);
    }
    /* head's checkSumAdjustment: 0xB1B0AFBA minus the whole font's sum. */
    size_t head_at = u32(font.p + 12 + 16 * T_HEAD + 8);
    put32(font.p + head_at + 8, 0xB1B0AFBAu - checksum(font.p, font.len));
    *result = font.p;
    *rlen = font.len;
    font.p = NULL;
    rc = 0;
done:
    for (int t = 0; t < N_TABLES; t++)
        free(tb[t].p);
    free(font.p);
    free(k.new_of);
    free(k.old_of);
    return rc;
}
