/* strmap.c — see strmap.h. The table stays at most half full. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void rz_strmap_init(rz_strmap *m)
{
    memset(m, 0, sizeof *m);
}

void rz_strmap_free(rz_strmap *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

uint64_t rz_hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t slot_of(const char **keys, size_t cap, const char *key)
{
    size_t i = (size_t)rz_hash_str(key) & (cap - 1);
    while (keys[i] && strcmp(keys[i], key) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

static int grow(rz_strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    const char **nk = calloc(ncap, sizeof *nk);
    void **nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return 0;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t s = slot_of(nk, ncap, m->keys[i]);
            nk[s] = m->keys[i];
            nv[s] = m->values[i];
        }
    free(m->keys);
    free(m->values);
    m->keys = nk;
    m->values = nv;
    m->cap = ncap;
    return 1;
}

void *rz_strmap_put(rz_strmap *m, const char *key, void *value)
{
    if ((m->count + 1) * 2 > m->cap && !grow(m))
        return NULL;
    size_t s = slot_of(m->keys, m->cap, key);
    if (m->keys[s])
        return m->values[s];
    m->keys[s] = key;
    m->values[s] = value;
    m->count++;
    return NULL;
}

void *rz_strmap_get(const rz_strmap *m, const char *key)
{
    if (!m->cap || !key)
        return NULL;
    size_t s = slot_of(m->keys, m->cap, key);
    return m->keys[s] ? m->values[s] : NULL;
}
