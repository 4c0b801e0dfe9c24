/*
 * strmap.h — a hash map from strings to pointers.
 *
 * Open addressing with linear probing and FNV-1a hashing. Keys are not
 * copied: they must outlive the map (in practice they live in the arena of
 * the plan or monitoring record the map indexes). Lookups of codes are on
 * every hot path of loading and scoring, and plans reach 100 000 indicators,
 * so a linear scan is not an option.
 */
#ifndef RZ_STRMAP_H
#define RZ_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char **keys;
    void **values;
    size_t cap;
    size_t count;
} rz_strmap;

void rz_strmap_init(rz_strmap *m);
void rz_strmap_free(rz_strmap *m);

/* Inserts key → value unless key is present. Returns the value already
 * stored under key (the map is unchanged), or NULL after inserting. Returns
 * NULL and inserts nothing when out of memory. */
void *rz_strmap_put(rz_strmap *m, const char *key, void *value);
void *rz_strmap_get(const rz_strmap *m, const char *key);

/* The FNV-1a hash of a NUL-terminated string, for other hash tables. */
uint64_t rz_hash_str(const char *s);

#endif
