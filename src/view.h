/*
 * view.h — the generic tree the templates and exporters read.
 *
 * A view is maps, lists and scalars (null, bool, number, string), nothing
 * else: the scoring engine builds one (report_view.c), templates render it
 * (mustache.c), `relazione score` prints it as JSON (json.c). Later outputs
 * read the view and never the engine's structures.
 *
 * Every node and string belongs to one rz_view_doc and is freed with it.
 * Maps keep insertion order, so every output is deterministic, and get a
 * hash index once they grow past a few keys. Setting a key twice replaces
 * its value in place.
 */
#ifndef RZ_VIEW_H
#define RZ_VIEW_H

#include "arena.h"
#include "diag.h"
#include <stddef.h>

typedef enum {
    RZ_VIEW_NULL,
    RZ_VIEW_BOOL,
    RZ_VIEW_NUMBER,
    RZ_VIEW_STRING,
    RZ_VIEW_LIST,
    RZ_VIEW_MAP
} rz_view_kind;

typedef struct rz_view rz_view;
typedef struct rz_view_doc rz_view_doc;

rz_view_doc *rz_view_doc_new(void);
void rz_view_doc_free(rz_view_doc *doc);

/* Constructors. They return NULL only when memory runs out; every setter
 * accepts a NULL value and then stores null. */
rz_view *rz_view_null(rz_view_doc *doc);
rz_view *rz_view_bool(rz_view_doc *doc, int b);
rz_view *rz_view_num(rz_view_doc *doc, double v);
rz_view *rz_view_str(rz_view_doc *doc, const char *s);
rz_view *rz_view_strn(rz_view_doc *doc, const char *s, size_t n);
rz_view *rz_view_list(rz_view_doc *doc);
rz_view *rz_view_map(rz_view_doc *doc);

/* Maps: the key is copied. */
void rz_view_set(rz_view *map, const char *key, rz_view *value);
void rz_view_set_str(rz_view *map, const char *key, const char *s);
void rz_view_set_num(rz_view *map, const char *key, double v);
void rz_view_set_bool(rz_view *map, const char *key, int b);
void rz_view_set_strf(rz_view *map, const char *key, const char *fmt, ...) RZ_PRINTF(3, 4);

/* Lists. */
void rz_view_push(rz_view *list, rz_view *value);

/* Reading. */
rz_view_kind rz_view_kind_of(const rz_view *v);
rz_view *rz_view_get(const rz_view *map, const char *key);
size_t rz_view_len(const rz_view *v); /* entries of a list or map; 0 otherwise */
rz_view *rz_view_at(const rz_view *list, size_t i);
const char *rz_view_key_at(const rz_view *map, size_t i);
rz_view *rz_view_value_at(const rz_view *map, size_t i);
int rz_view_as_bool(const rz_view *v);
double rz_view_as_num(const rz_view *v);
const char *rz_view_as_str(const rz_view *v); /* NULL unless a string */

/* Is the value "falsy" as Mustache sections see it: null, false, an empty
 * list (strings, numbers and maps are truthy, the empty string too is
 * falsy as most implementations treat it). */
int rz_view_falsy(const rz_view *v);

/* The text a scalar interpolates as: strings as they are, numbers in their
 * shortest round-tripping form ("1", "1.5"), booleans "true"/"false", null
 * as "". buf must hold 32 bytes; the result may point into it. */
const char *rz_view_scalar_text(const rz_view *v, char buf[32]);

#endif
