/*
 * view.c — see view.h.
 *
 * Sizes matter: the view of a 20 000-indicator plan is over a million map
 * entries, so the layout is chosen for memory first.
 *
 *  - A node is 16 bytes: its kind, a 32-bit length, and a union of a
 *    double, a string pointer or a container pointer. A string's bytes
 *    follow its node in the same allocation; a container's header follows
 *    its node likewise. null, true and false are one node each per doc.
 *  - Keys are interned in a per-doc hash table, with their hash stored in
 *    front of the text. A lookup hashes the key once: a key the doc has
 *    never seen is in no map, and a known key is compared by pointer. Maps
 *    up to SCAN_MAX entries are scanned (a few pointer comparisons); larger
 *    ones get an open-addressing index of entry numbers, at most half full,
 *    rebuilt at twice the size when it fills.
 *  - Entry arrays grow by doubling inside the doc's arena. The old copies
 *    stay until the doc dies: at most as much again as the final arrays,
 *    which costs less than per-array malloc bookkeeping for the many small
 *    maps a view has.
 */
#include "view.h"
#include "arena.h"
#include "buf.h"
#include "strmap.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SCAN_MAX = 16 };

typedef struct {
    const char *key; /* interned */
    rz_view *value;
} entry;

typedef struct {
    rz_view_doc *doc;
    void *items; /* rz_view *[] for lists, entry[] for maps */
    uint32_t count, cap;
    uint32_t *index; /* maps past SCAN_MAX: slot → entry + 1, 0 = empty */
    uint32_t index_cap;
} container;

struct rz_view {
    uint32_t kind;
    uint32_t len; /* strings: bytes, without the final NUL */
    union {
        double num;
        int b;
        const char *s;
        container *c;
    } u;
};

/* An interned key: the text follows its hash. */
typedef struct {
    uint32_t hash;
    char text[];
} ikey;

struct rz_view_doc {
    rz_arena arena;
    const ikey **keys; /* intern table, malloc'ed, at most half full */
    size_t keys_cap, keys_count;
    rz_view null_node, true_node, false_node;
    int failed;
};

rz_view_doc *rz_view_doc_new(void)
{
    rz_view_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    rz_arena_init(&d->arena);
    d->null_node.kind = RZ_VIEW_NULL;
    d->true_node.kind = RZ_VIEW_BOOL;
    d->true_node.u.b = 1;
    d->false_node.kind = RZ_VIEW_BOOL;
    return d;
}

void rz_view_doc_free(rz_view_doc *doc)
{
    if (!doc)
        return;
    rz_arena_free(&doc->arena);
    free(doc->keys);
    free(doc);
}

int rz_view_doc_failed(const rz_view_doc *doc)
{
    return !doc || doc->failed;
}

static void *alloc(rz_view_doc *doc, size_t size)
{
    void *p = rz_arena_alloc(&doc->arena, size);
    if (!p)
        doc->failed = 1;
    return p;
}

static const ikey *ikey_of(const char *text)
{
    return (const ikey *)(const void *)(text - offsetof(ikey, text));
}

/* ---- Interned keys ---- */

static uint32_t hash_key(const char *s)
{
    return (uint32_t)rz_hash_str(s);
}

/* The interned copy of key, or NULL when the doc has never seen it. */
static const char *intern_find(const rz_view_doc *doc, const char *key, uint32_t h)
{
    if (!doc->keys)
        return NULL;
    size_t mask = doc->keys_cap - 1;
    for (size_t s = h & mask; doc->keys[s]; s = (s + 1) & mask)
        if (doc->keys[s]->hash == h && strcmp(doc->keys[s]->text, key) == 0)
            return doc->keys[s]->text;
    return NULL;
}

static int intern_grow(rz_view_doc *doc)
{
    size_t cap = doc->keys_cap ? doc->keys_cap * 2 : 64;
    const ikey **t = calloc(cap, sizeof *t);
    if (!t)
        return 0;
    for (size_t i = 0; i < doc->keys_cap; i++) {
        const ikey *k = doc->keys[i];
        if (!k)
            continue;
        size_t s = k->hash & (cap - 1);
        while (t[s])
            s = (s + 1) & (cap - 1);
        t[s] = k;
    }
    free(doc->keys);
    doc->keys = t;
    doc->keys_cap = cap;
    return 1;
}

static const char *intern(rz_view_doc *doc, const char *key)
{
    uint32_t h = hash_key(key);
    const char *found = intern_find(doc, key, h);
    if (found)
        return found;
    if ((doc->keys_count + 1) * 2 > doc->keys_cap && !intern_grow(doc)) {
        doc->failed = 1;
        return NULL;
    }
    size_t n = strlen(key);
    ikey *k = alloc(doc, sizeof *k + n + 1);
    if (!k)
        return NULL;
    k->hash = h;
    memcpy(k->text, key, n + 1);
    size_t mask = doc->keys_cap - 1, s = h & mask;
    while (doc->keys[s])
        s = (s + 1) & mask;
    doc->keys[s] = k;
    doc->keys_count++;
    return k->text;
}

int rz_view_doc_has_key(const rz_view_doc *doc, const char *key)
{
    return doc && key && intern_find(doc, key, hash_key(key)) != NULL;
}

/* ---- Constructors ---- */

rz_view_doc *rz_view_doc_of(const rz_view *v)
{
    return v && (v->kind == RZ_VIEW_LIST || v->kind == RZ_VIEW_MAP) ? v->u.c->doc : NULL;
}

rz_view *rz_view_null(rz_view_doc *doc)
{
    return doc ? &doc->null_node : NULL;
}

rz_view *rz_view_bool(rz_view_doc *doc, int b)
{
    return doc ? (b ? &doc->true_node : &doc->false_node) : NULL;
}

rz_view *rz_view_num(rz_view_doc *doc, double x)
{
    rz_view *v = doc ? alloc(doc, sizeof *v) : NULL;
    if (v) {
        v->kind = RZ_VIEW_NUMBER;
        v->u.num = x;
    }
    return v;
}

rz_view *rz_view_strn(rz_view_doc *doc, const char *s, size_t n)
{
    if (!doc)
        return NULL;
    if (!s)
        n = 0;
    if (n >= UINT32_MAX) {
        doc->failed = 1;
        return NULL;
    }
    rz_view *v = alloc(doc, sizeof *v + n + 1);
    if (!v)
        return NULL;
    char *text = (char *)(v + 1);
    if (n)
        memcpy(text, s, n);
    text[n] = '\0';
    v->kind = RZ_VIEW_STRING;
    v->len = (uint32_t)n;
    v->u.s = text;
    return v;
}

rz_view *rz_view_str(rz_view_doc *doc, const char *s)
{
    return rz_view_strn(doc, s, s ? strlen(s) : 0);
}

static rz_view *new_container(rz_view_doc *doc, rz_view_kind kind)
{
    if (!doc)
        return NULL;
    /* The container header is laid out right after the node. */
    struct pair {
        rz_view node;
        container c;
    } *p = alloc(doc, sizeof *p);
    if (!p)
        return NULL;
    p->node.kind = kind;
    p->node.u.c = &p->c;
    p->c.doc = doc;
    return &p->node;
}

rz_view *rz_view_list(rz_view_doc *doc)
{
    return new_container(doc, RZ_VIEW_LIST);
}

rz_view *rz_view_map(rz_view_doc *doc)
{
    return new_container(doc, RZ_VIEW_MAP);
}

/* ---- Containers ---- */

static int grow(container *c, size_t elem)
{
    if (c->count < c->cap)
        return 1;
    if (c->cap >= UINT32_MAX / 2) {
        c->doc->failed = 1;
        return 0;
    }
    uint32_t cap = c->cap ? c->cap * 2 : 4;
    void *items = alloc(c->doc, (size_t)cap * elem);
    if (!items)
        return 0;
    if (c->count)
        memcpy(items, c->items, (size_t)c->count * elem);
    c->items = items;
    c->cap = cap;
    return 1;
}

static void index_put(uint32_t *index, uint32_t cap, uint32_t hash, uint32_t entry_no)
{
    uint32_t s = hash & (cap - 1);
    while (index[s])
        s = (s + 1) & (cap - 1);
    index[s] = entry_no + 1;
}

static void index_build(container *c)
{
    uint32_t cap = 64;
    while (cap < c->count * 2 + 2)
        cap *= 2;
    uint32_t *idx = alloc(c->doc, (size_t)cap * sizeof *idx);
    if (!idx) {
        c->index = NULL; /* fall back to scanning: slower, still right */
        return;
    }
    const entry *e = c->items;
    for (uint32_t i = 0; i < c->count; i++)
        index_put(idx, cap, ikey_of(e[i].key)->hash, i);
    c->index = idx;
    c->index_cap = cap;
}

/* The entry number of the interned key k, or -1. */
static long map_find(const container *c, const char *k, uint32_t h)
{
    const entry *e = c->items;
    if (c->index) {
        uint32_t mask = c->index_cap - 1;
        for (uint32_t s = h & mask; c->index[s]; s = (s + 1) & mask)
            if (e[c->index[s] - 1].key == k)
                return (long)c->index[s] - 1;
        return -1;
    }
    for (uint32_t i = 0; i < c->count; i++)
        if (e[i].key == k)
            return (long)i;
    return -1;
}

void rz_view_set(rz_view *map, const char *key, rz_view *value)
{
    if (!map || map->kind != RZ_VIEW_MAP || !key)
        return;
    container *c = map->u.c;
    if (!value)
        value = &c->doc->null_node;
    const char *k = intern(c->doc, key);
    if (!k)
        return;
    uint32_t h = ikey_of(k)->hash;
    long i = map_find(c, k, h);
    if (i >= 0) {
        ((entry *)c->items)[i].value = value;
        return;
    }
    if (!grow(c, sizeof(entry)))
        return;
    entry *e = c->items;
    e[c->count].key = k;
    e[c->count].value = value;
    c->count++;
    if (c->count > SCAN_MAX && (!c->index || c->count * 2 > c->index_cap))
        index_build(c);
    else if (c->index)
        index_put(c->index, c->index_cap, h, c->count - 1);
}

void rz_view_set_str(rz_view *map, const char *key, const char *s)
{
    if (map && map->kind == RZ_VIEW_MAP)
        rz_view_set(map, key, s ? rz_view_str(map->u.c->doc, s) : NULL);
}

void rz_view_set_num(rz_view *map, const char *key, double v)
{
    if (map && map->kind == RZ_VIEW_MAP)
        rz_view_set(map, key, rz_view_num(map->u.c->doc, v));
}

void rz_view_set_bool(rz_view *map, const char *key, int b)
{
    if (map && map->kind == RZ_VIEW_MAP)
        rz_view_set(map, key, rz_view_bool(map->u.c->doc, b));
}

void rz_view_set_strf(rz_view *map, const char *key, const char *fmt, ...)
{
    if (!map || map->kind != RZ_VIEW_MAP)
        return;
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    if ((size_t)n < sizeof small) {
        rz_view_set(map, key, rz_view_strn(map->u.c->doc, small, (size_t)n));
    } else {
        rz_view *v = NULL;
        char *big = malloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, fmt, ap2);
            v = rz_view_strn(map->u.c->doc, big, (size_t)n);
            free(big);
        } else {
            map->u.c->doc->failed = 1;
        }
        rz_view_set(map, key, v);
    }
    va_end(ap2);
}

void rz_view_push(rz_view *list, rz_view *value)
{
    if (!list || list->kind != RZ_VIEW_LIST)
        return;
    container *c = list->u.c;
    if (!value)
        value = &c->doc->null_node;
    if (!grow(c, sizeof(rz_view *)))
        return;
    ((rz_view **)c->items)[c->count++] = value;
}

/* ---- Reading ---- */

rz_view_kind rz_view_kind_of(const rz_view *v)
{
    return v ? (rz_view_kind)v->kind : RZ_VIEW_NULL;
}

rz_view *rz_view_get(const rz_view *map, const char *key)
{
    if (!map || map->kind != RZ_VIEW_MAP || !key)
        return NULL;
    const container *c = map->u.c;
    if (!c->count)
        return NULL;
    uint32_t h = hash_key(key);
    const char *k = intern_find(c->doc, key, h);
    if (!k)
        return NULL;
    long i = map_find(c, k, h);
    return i >= 0 ? ((entry *)c->items)[i].value : NULL;
}

rz_view *rz_view_get_path(const rz_view *v, const char *path)
{
    if (!v || !path)
        return NULL;
    if (!*path || strcmp(path, ".") == 0)
        return (rz_view *)v;
    char part[256];
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n == 0 || n >= sizeof part)
            return NULL;
        memcpy(part, p, n);
        part[n] = '\0';
        if (v->kind == RZ_VIEW_LIST) {
            if (strspn(part, "0123456789") != n || n > 9)
                return NULL;
            v = rz_view_at(v, (size_t)strtoul(part, NULL, 10));
        } else {
            v = rz_view_get(v, part);
        }
        if (!v)
            return NULL;
        if (!dot)
            return (rz_view *)v;
        p = dot + 1;
    }
}

size_t rz_view_len(const rz_view *v)
{
    return v && (v->kind == RZ_VIEW_LIST || v->kind == RZ_VIEW_MAP) ? v->u.c->count : 0;
}

rz_view *rz_view_at(const rz_view *list, size_t i)
{
    if (!list || list->kind != RZ_VIEW_LIST || i >= list->u.c->count)
        return NULL;
    return ((rz_view **)list->u.c->items)[i];
}

const char *rz_view_key_at(const rz_view *map, size_t i)
{
    if (!map || map->kind != RZ_VIEW_MAP || i >= map->u.c->count)
        return NULL;
    return ((entry *)map->u.c->items)[i].key;
}

rz_view *rz_view_value_at(const rz_view *map, size_t i)
{
    if (!map || map->kind != RZ_VIEW_MAP || i >= map->u.c->count)
        return NULL;
    return ((entry *)map->u.c->items)[i].value;
}

int rz_view_as_bool(const rz_view *v)
{
    return v && v->kind == RZ_VIEW_BOOL && v->u.b;
}

double rz_view_as_num(const rz_view *v)
{
    return v && v->kind == RZ_VIEW_NUMBER ? v->u.num : 0;
}

const char *rz_view_as_str(const rz_view *v)
{
    return v && v->kind == RZ_VIEW_STRING ? v->u.s : NULL;
}

size_t rz_view_str_len(const rz_view *v)
{
    return v && v->kind == RZ_VIEW_STRING ? v->len : 0;
}

int rz_view_falsy(const rz_view *v)
{
    if (!v)
        return 1;
    switch (v->kind) {
    case RZ_VIEW_NULL:
        return 1;
    case RZ_VIEW_BOOL:
        return !v->u.b;
    case RZ_VIEW_LIST:
        return v->u.c->count == 0;
    case RZ_VIEW_STRING:
        return v->len == 0;
    default:
        return 0;
    }
}

char *rz_view_num_text(double x, char buf[RZ_VIEW_NUM_MAX])
{
    if (!isfinite(x)) {
        buf[0] = '\0';
        return buf;
    }
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, RZ_VIEW_NUM_MAX, "%.0f", x == 0 ? 0.0 : x); /* no "-0" */
        return buf;
    }
    /* 15 significant digits give the shortest form whenever one of 15
     * digits or fewer exists (%g drops trailing zeros, and a normal double's
     * error is below half a unit of the 15th digit); otherwise 16 or 17 do.
     * Subnormals hold fewer digits: search them from 1. */
    for (int prec = fabs(x) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(buf, RZ_VIEW_NUM_MAX, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

const char *rz_view_scalar_text(const rz_view *v, char buf[RZ_VIEW_NUM_MAX])
{
    if (!v)
        return "";
    switch (v->kind) {
    case RZ_VIEW_STRING:
        return v->u.s;
    case RZ_VIEW_BOOL:
        return v->u.b ? "true" : "false";
    case RZ_VIEW_NUMBER:
        return rz_view_num_text(v->u.num, buf);
    default:
        return "";
    }
}

/* Strips the indentation common to every line of a narrative block, so that
 * Markdown written inside an indented XML element keeps its structure. */
rz_view *rz_view_narrative(rz_view_doc *doc, const char *text)
{
    const char *s = text ? text : "";
    size_t common = (size_t)-1;
    for (const char *line = s; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        size_t ind = 0;
        while (ind < len && (line[ind] == ' ' || line[ind] == '\t'))
            ind++;
        if (ind < len && ind < common)
            common = ind;
        if (!end)
            break;
        line = end + 1;
    }
    if (common == (size_t)-1)
        common = 0;
    rz_buf b;
    rz_buf_init(&b);
    for (const char *line = s; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        size_t skip = len < common ? len : common;
        rz_buf_append(&b, line + skip, len - skip);
        if (!end)
            break;
        rz_buf_putc(&b, '\n');
        line = end + 1;
    }
    const char *o = rz_buf_str(&b);
    while (*o == '\n')
        o++;
    size_t n = strlen(o);
    while (n && (o[n - 1] == '\n' || o[n - 1] == ' '))
        n--;
    rz_view *v = rz_view_strn(doc, o, n);
    rz_buf_free(&b);
    return v;
}
