/*
 * view.c — see view.h.
 *
 * Lists and maps are arrays grown by doubling inside the doc's arena (the
 * old copies stay until the doc dies: at most as much again as the final
 * size). Maps with more than 8 keys get an open-addressing index, rebuilt
 * when it fills, so lookups stay O(1) on the large maps a 100 000-indicator
 * plan produces.
 */
#include "view.h"
#include "strmap.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    rz_view_doc *doc;
    rz_view **items;
    const char **keys; /* maps only */
    size_t count, cap;
    uint32_t *index; /* maps: slot → entry + 1, 0 = empty */
    size_t index_cap;
} container;

struct rz_view {
    rz_view_kind kind;
    union {
        int b;
        double num;
        struct {
            const char *s;
            size_t n;
        } str;
        container c;
    } u;
};

struct rz_view_doc {
    rz_arena arena;
};

rz_view_doc *rz_view_doc_new(void)
{
    rz_view_doc *d = malloc(sizeof *d);
    if (d)
        rz_arena_init(&d->arena);
    return d;
}

void rz_view_doc_free(rz_view_doc *doc)
{
    if (!doc)
        return;
    rz_arena_free(&doc->arena);
    free(doc);
}

static rz_view *node(rz_view_doc *doc, rz_view_kind k)
{
    rz_view *v = rz_arena_alloc(&doc->arena, sizeof *v);
    if (v)
        v->kind = k;
    return v;
}

rz_view *rz_view_null(rz_view_doc *doc)
{
    return node(doc, RZ_VIEW_NULL);
}

rz_view *rz_view_bool(rz_view_doc *doc, int b)
{
    rz_view *v = node(doc, RZ_VIEW_BOOL);
    if (v)
        v->u.b = b != 0;
    return v;
}

rz_view *rz_view_num(rz_view_doc *doc, double x)
{
    rz_view *v = node(doc, RZ_VIEW_NUMBER);
    if (v)
        v->u.num = x;
    return v;
}

rz_view *rz_view_strn(rz_view_doc *doc, const char *s, size_t n)
{
    rz_view *v = node(doc, RZ_VIEW_STRING);
    if (!v)
        return NULL;
    v->u.str.s = rz_arena_strndup(&doc->arena, s ? s : "", s ? n : 0);
    v->u.str.n = s ? n : 0;
    return v->u.str.s ? v : NULL;
}

rz_view *rz_view_str(rz_view_doc *doc, const char *s)
{
    return rz_view_strn(doc, s, s ? strlen(s) : 0);
}

rz_view *rz_view_list(rz_view_doc *doc)
{
    rz_view *v = node(doc, RZ_VIEW_LIST);
    if (v)
        v->u.c.doc = doc;
    return v;
}

rz_view *rz_view_map(rz_view_doc *doc)
{
    rz_view *v = node(doc, RZ_VIEW_MAP);
    if (v)
        v->u.c.doc = doc;
    return v;
}

static uint32_t hash(const char *s)
{
    return (uint32_t)rz_hash_str(s);
}

static void index_build(container *c)
{
    size_t cap = 32;
    while (cap < c->count * 2 + 2)
        cap *= 2;
    uint32_t *idx = rz_arena_alloc(&c->doc->arena, cap * sizeof *idx);
    if (!idx)
        return;
    for (size_t i = 0; i < c->count; i++) {
        size_t s = hash(c->keys[i]) & (cap - 1);
        while (idx[s])
            s = (s + 1) & (cap - 1);
        idx[s] = (uint32_t)(i + 1);
    }
    c->index = idx;
    c->index_cap = cap;
}

static long map_find(const container *c, const char *key)
{
    if (c->index) {
        size_t s = hash(key) & (c->index_cap - 1);
        while (c->index[s]) {
            size_t i = c->index[s] - 1;
            if (strcmp(c->keys[i], key) == 0)
                return (long)i;
            s = (s + 1) & (c->index_cap - 1);
        }
        return -1;
    }
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->keys[i], key) == 0)
            return (long)i;
    return -1;
}

static int grow(container *c, int with_keys)
{
    if (c->count < c->cap)
        return 1;
    size_t cap = c->cap ? c->cap * 2 : 8;
    rz_view **items = rz_arena_alloc(&c->doc->arena, cap * sizeof *items);
    const char **keys = with_keys ? rz_arena_alloc(&c->doc->arena, cap * sizeof *keys) : NULL;
    if (!items || (with_keys && !keys))
        return 0;
    if (c->count) {
        memcpy(items, c->items, c->count * sizeof *items);
        if (with_keys)
            memcpy(keys, c->keys, c->count * sizeof *keys);
    }
    c->items = items;
    c->keys = keys;
    c->cap = cap;
    return 1;
}

void rz_view_set(rz_view *map, const char *key, rz_view *value)
{
    if (!map || map->kind != RZ_VIEW_MAP || !key)
        return;
    container *c = &map->u.c;
    if (!value)
        value = rz_view_null(c->doc);
    long i = map_find(c, key);
    if (i >= 0) {
        c->items[i] = value;
        return;
    }
    if (!grow(c, 1))
        return;
    const char *k = rz_arena_strdup(&c->doc->arena, key);
    if (!k)
        return;
    c->keys[c->count] = k;
    c->items[c->count] = value;
    c->count++;
    if (c->count > 8 && (!c->index || c->count * 2 > c->index_cap))
        index_build(c);
    else if (c->index) {
        size_t s = hash(k) & (c->index_cap - 1);
        while (c->index[s])
            s = (s + 1) & (c->index_cap - 1);
        c->index[s] = (uint32_t)c->count;
    }
}

void rz_view_set_str(rz_view *map, const char *key, const char *s)
{
    if (map && map->kind == RZ_VIEW_MAP)
        rz_view_set(map, key, rz_view_str(map->u.c.doc, s));
}

void rz_view_set_num(rz_view *map, const char *key, double v)
{
    if (map && map->kind == RZ_VIEW_MAP)
        rz_view_set(map, key, rz_view_num(map->u.c.doc, v));
}

void rz_view_set_bool(rz_view *map, const char *key, int b)
{
    if (map && map->kind == RZ_VIEW_MAP)
        rz_view_set(map, key, rz_view_bool(map->u.c.doc, b));
}

void rz_view_set_strf(rz_view *map, const char *key, const char *fmt, ...)
{
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
        rz_view_set_str(map, key, small);
    } else {
        char *big = malloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, fmt, ap2);
            rz_view_set_str(map, key, big);
            free(big);
        }
    }
    va_end(ap2);
}

void rz_view_push(rz_view *list, rz_view *value)
{
    if (!list || list->kind != RZ_VIEW_LIST)
        return;
    container *c = &list->u.c;
    if (!value)
        value = rz_view_null(c->doc);
    if (!grow(c, 0))
        return;
    c->items[c->count++] = value;
}

rz_view_kind rz_view_kind_of(const rz_view *v)
{
    return v ? v->kind : RZ_VIEW_NULL;
}

rz_view *rz_view_get(const rz_view *map, const char *key)
{
    if (!map || map->kind != RZ_VIEW_MAP || !key)
        return NULL;
    long i = map_find(&map->u.c, key);
    return i >= 0 ? map->u.c.items[i] : NULL;
}

size_t rz_view_len(const rz_view *v)
{
    return v && (v->kind == RZ_VIEW_LIST || v->kind == RZ_VIEW_MAP) ? v->u.c.count : 0;
}

rz_view *rz_view_at(const rz_view *list, size_t i)
{
    return list && list->kind == RZ_VIEW_LIST && i < list->u.c.count ? list->u.c.items[i] : NULL;
}

const char *rz_view_key_at(const rz_view *map, size_t i)
{
    return map && map->kind == RZ_VIEW_MAP && i < map->u.c.count ? map->u.c.keys[i] : NULL;
}

rz_view *rz_view_value_at(const rz_view *map, size_t i)
{
    return map && map->kind == RZ_VIEW_MAP && i < map->u.c.count ? map->u.c.items[i] : NULL;
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
    return v && v->kind == RZ_VIEW_STRING ? v->u.str.s : NULL;
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
        return v->u.c.count == 0;
    case RZ_VIEW_STRING:
        return v->u.str.n == 0;
    default:
        return 0;
    }
}

const char *rz_view_scalar_text(const rz_view *v, char buf[32])
{
    if (!v)
        return "";
    switch (v->kind) {
    case RZ_VIEW_STRING:
        return v->u.str.s;
    case RZ_VIEW_BOOL:
        return v->u.b ? "true" : "false";
    case RZ_VIEW_NUMBER:
        if (!isfinite(v->u.num))
            return "";
        if (v->u.num == floor(v->u.num) && fabs(v->u.num) < 1e15) {
            snprintf(buf, 32, "%.0f", v->u.num);
            return buf;
        }
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(buf, 32, "%.*g", prec, v->u.num);
            if (strtod(buf, NULL) == v->u.num)
                break;
        }
        return buf;
    default:
        return "";
    }
}
