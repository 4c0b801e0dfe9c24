/*
 * arena.h — bump allocation for data that lives as long as its owner.
 *
 * A loaded Piano or monitoring file is many small strings and structs that
 * all die together; an arena makes that one free and no per-object
 * bookkeeping. Blocks grow geometrically; a request larger than a block gets
 * a block of its own.
 */
#ifndef RZ_ARENA_H
#define RZ_ARENA_H

#include <stddef.h>

typedef struct rz_arena_block rz_arena_block;

/* An allocation that fails leaves what was there untouched and sets
 * `failed`, which stays set: a stage reads it once, at its end, and turns it
 * into RZ_IO, instead of checking every string and array on the way. */
typedef struct {
    rz_arena_block *head;
    size_t block_size;
    int failed;  /* some allocation returned NULL */
    void *grown; /* RZ_ARENA_PUSH's last array, see below */
} rz_arena;

void rz_arena_init(rz_arena *a);
void rz_arena_free(rz_arena *a);

/* Zeroed, aligned memory; NULL only when the system is out of memory. */
void *rz_arena_alloc(rz_arena *a, size_t size);
char *rz_arena_strdup(rz_arena *a, const char *s);
char *rz_arena_strndup(rz_arena *a, const char *s, size_t n);

/* A growable array in an arena: *items is replaced by a larger copy when
 * full (the first holds at most 256 bytes, or one element). Old copies stay
 * in the arena until it is freed, which is cheap for the small arrays this
 * is used for. */
void *rz_arena_grow(rz_arena *a, void *items, size_t count, size_t *cap, size_t elem);

/* Appends one zeroed slot to the array arr of count elements (capacity cap)
 * and returns it. On failure arr, count and cap keep their values, the
 * arena is marked failed, and the result is NULL. */
#define RZ_ARENA_PUSH(a, arr, count, cap)                                                          \
    (((a)->grown = rz_arena_grow((a), (arr), (count), &(cap), sizeof *(arr))) != NULL              \
         ? ((arr) = (a)->grown, &(arr)[(count)++])                                                 \
         : NULL)

#ifdef RELAZIONE_FAULT_INJECTION
/* For the tests only: the next n arena blocks are allocated and the one
 * after them fails (n < 0: none fails). Returns how many failed since the
 * last call. */
long rz_arena_fail_after(long n);
#endif

#endif
