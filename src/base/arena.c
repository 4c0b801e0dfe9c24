/* arena.c — see arena.h. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct rz_arena_block {
    rz_arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

void rz_arena_init(rz_arena *a)
{
    a->head = NULL;
    a->block_size = 16384;
    a->failed = 0;
    a->grown = NULL;
}

void rz_arena_free(rz_arena *a)
{
    rz_arena_block *b = a->head;
    while (b) {
        rz_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}

#ifdef RELAZIONE_FAULT_INJECTION
#include <stdatomic.h>
static atomic_long blocks_left = -1, blocks_failed;

long rz_arena_fail_after(long n)
{
    atomic_store(&blocks_left, n);
    return atomic_exchange(&blocks_failed, 0);
}

static void *block_malloc(size_t size)
{
    long left = atomic_load(&blocks_left);
    while (left >= 0) {
        if (atomic_compare_exchange_weak(&blocks_left, &left, left - 1)) {
            if (left > 0)
                break;
            atomic_fetch_add(&blocks_failed, 1);
            return NULL;
        }
    }
    return malloc(size);
}
#else
#define block_malloc malloc
#endif

/* Memory aligned to align (a power of two), not cleared. Strings ask for
 * no alignment: rounded up to a record's, they would take a quarter more. */
static void *alloc_raw(rz_arena *a, size_t size, size_t align)
{
    rz_arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < size) {
        size_t bs = a->block_size;
        if (bs < size)
            bs = size;
        b = block_malloc(sizeof *b + bs);
        if (!b) {
            a->failed = 1;
            return NULL;
        }
        b->size = bs;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        if (a->block_size < 1024 * 1024)
            a->block_size *= 2;
        at = 0;
    }
    void *p = (char *)b->data + at;
    b->used = at + size;
    return p;
}

void *rz_arena_alloc(rz_arena *a, size_t size)
{
    void *p = alloc_raw(a, size ? size : 1, sizeof(max_align_t));
    if (p)
        memset(p, 0, size);
    return p;
}

char *rz_arena_strndup(rz_arena *a, const char *s, size_t n)
{
    char *r = alloc_raw(a, n + 1, 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

char *rz_arena_strdup(rz_arena *a, const char *s)
{
    return s ? rz_arena_strndup(a, s, strlen(s)) : NULL;
}

void *rz_arena_grow(rz_arena *a, void *items, size_t count, size_t *cap, size_t elem)
{
    if (count < *cap)
        return items;
    /* A first array of at most 256 bytes: most hold one or two records. */
    size_t first = elem < 32 ? 8 : elem < 256 ? 256 / elem : 1;
    size_t ncap = *cap ? *cap * 2 : first;
    void *n = rz_arena_alloc(a, ncap * elem);
    if (!n)
        return NULL;
    if (items && count)
        memcpy(n, items, count * elem);
    *cap = ncap;
    return n;
}
