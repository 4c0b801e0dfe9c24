/*
 * view.h — the generic tree the templates and exporters read.
 *
 * A view is maps, lists and scalars (null, bool, number, string), nothing
 * else: the scoring engine builds one (report_view.c), templates render it
 * (mustache.c), `relazione score` prints it as JSON (json.c). Later outputs
 * read the view and never the engine's structures.
 *
 * Ownership. Every node and every string belongs to one rz_view_doc and is
 * freed with it by rz_view_doc_free(); there is no per-node free. A node may
 * be placed in several containers of its own doc (the tree may share
 * subtrees), but never inside itself: writers walk the tree recursively.
 *
 * Maps keep insertion order, so every output is deterministic. Setting a key
 * that is already there replaces its value in place (the key keeps its
 * position). Keys are interned per doc, so the thousands of maps that use
 * the same few keys ("codice", "titolo") share one copy of each.
 *
 * Numbers are doubles. Their text, for JSON and for {{interpolation}}, is
 * the shortest form that reads back as the same double ("1", "1.5", "0.1");
 * Italian forms ("97,8%") are made by format.h and stored by whoever builds
 * the view as separate string keys.
 *
 * Failure. Constructors return NULL only when memory runs out, and every
 * function accepts NULL where a node is expected (a setter then stores null,
 * a getter returns nothing). rz_view_doc_failed() says at the end whether any
 * allocation failed, so building code needs no error check per node.
 *
 * The text conversions assume the C locale for numbers (the tool never calls
 * setlocale).
 */
#ifndef RZ_VIEW_H
#define RZ_VIEW_H

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

/* ---- The document ---- */

/* Creates an empty document, the owner of every node made from it. Returns
 * NULL when out of memory. */
rz_view_doc *rz_view_doc_new(void);

/* Frees the document and every node and string it owns. NULL is allowed. */
void rz_view_doc_free(rz_view_doc *doc);

/* Returns 1 if an allocation failed while building nodes of doc (some node
 * or entry is then missing), 0 otherwise. */
int rz_view_doc_failed(const rz_view_doc *doc);

/* The document a list or map belongs to (NULL for scalars, which may be
 * shared). */
rz_view_doc *rz_view_doc_of(const rz_view *v);

/* Returns 1 if key has been set in any map of doc, 0 otherwise. Templates
 * use it to tell a name mistyped from a name merely absent here. */
int rz_view_doc_has_key(const rz_view_doc *doc, const char *key);

/* ---- Constructors ---- */

/* A null node. */
rz_view *rz_view_null(rz_view_doc *doc);

/* A boolean node: true when b is non-zero. */
rz_view *rz_view_bool(rz_view_doc *doc, int b);

/* A number node holding v (NaN and infinities are kept; JSON writes them as
 * null and templates as nothing). */
rz_view *rz_view_num(rz_view_doc *doc, double v);

/* A string node holding a copy of the NUL-terminated s (NULL gives ""). */
rz_view *rz_view_str(rz_view_doc *doc, const char *s);

/* A string node holding a copy of the n bytes at s, which may contain NUL
 * bytes. Strings of 4 GB or more are refused (NULL). */
rz_view *rz_view_strn(rz_view_doc *doc, const char *s, size_t n);

/* An empty list. */
rz_view *rz_view_list(rz_view_doc *doc);

/* An empty map. */
rz_view *rz_view_map(rz_view_doc *doc);

/* ---- Building maps and lists ---- */

/* Sets key to value in map. The key is copied; value must belong to the
 * map's doc. A NULL value stores null. Does nothing if map is not a map. */
void rz_view_set(rz_view *map, const char *key, rz_view *value);

/* Sets key to a string copy of s (NULL stores null). */
void rz_view_set_str(rz_view *map, const char *key, const char *s);

/* Sets key to the number v. */
void rz_view_set_num(rz_view *map, const char *key, double v);

/* Sets key to a boolean, true when b is non-zero. */
void rz_view_set_bool(rz_view *map, const char *key, int b);

/* Sets key to the string printf would produce from fmt and its arguments. */
void rz_view_set_strf(rz_view *map, const char *key, const char *fmt, ...) RZ_PRINTF(3, 4);

/* Appends value to list (NULL appends null). Does nothing if list is not a
 * list. */
void rz_view_push(rz_view *list, rz_view *value);

/* ---- Reading ---- */

/* The kind of v; a NULL pointer reads as RZ_VIEW_NULL. */
rz_view_kind rz_view_kind_of(const rz_view *v);

/* The value of key in map, or NULL when map is not a map or lacks the key.
 * Constant time on large maps. */
rz_view *rz_view_get(const rz_view *map, const char *key);

/* Follows a dotted path from v, the way Mustache reads "a.b.c": each part
 * is a key of a map, or a decimal index into a list ("righe.0" is the first
 * row). "." alone, or an empty path, is v itself. Returns NULL when a part
 * is missing. */
rz_view *rz_view_get_path(const rz_view *v, const char *path);

/* The number of entries of a list or map; 0 for anything else. */
size_t rz_view_len(const rz_view *v);

/* The i-th item of a list (0-based), or NULL when out of range. */
rz_view *rz_view_at(const rz_view *list, size_t i);

/* The i-th key of a map in insertion order, or NULL when out of range. */
const char *rz_view_key_at(const rz_view *map, size_t i);

/* The value of the i-th key of a map, or NULL when out of range. */
rz_view *rz_view_value_at(const rz_view *map, size_t i);

/* The value of a boolean node; 0 for anything else. */
int rz_view_as_bool(const rz_view *v);

/* The value of a number node; 0 for anything else. */
double rz_view_as_num(const rz_view *v);

/* The text of a string node (NUL-terminated), or NULL unless a string. */
const char *rz_view_as_str(const rz_view *v);

/* The length in bytes of a string node's text; 0 for anything else. */
size_t rz_view_str_len(const rz_view *v);

/* Whether v is "falsy" as a Mustache section sees it: a missing value
 * (NULL), null, false, an empty list, or the empty string (as most Mustache
 * implementations treat it). Numbers, including 0, and maps, including the
 * empty map, are truthy. */
int rz_view_falsy(const rz_view *v);

/* The text a scalar interpolates as: a string as it is (up to a first NUL
 * byte), a number in its shortest round-tripping form ("1", "1.5", "1e+21";
 * NaN and infinities as ""), a boolean as "true" or "false", null, lists and
 * maps as "". buf must hold RZ_VIEW_NUM_MAX bytes; the result may point into
 * it or into the node. */
#define RZ_VIEW_NUM_MAX 32
const char *rz_view_scalar_text(const rz_view *v, char buf[RZ_VIEW_NUM_MAX]);

/* Writes the shortest round-tripping decimal form of v into buf (at least
 * RZ_VIEW_NUM_MAX bytes) and returns buf. Integers below 10^15 print
 * without exponent or decimals. Non-finite values give "". */
char *rz_view_num_text(double v, char buf[RZ_VIEW_NUM_MAX]);

/* The text of a narrative element (Markdown written inside indented XML)
 * with the indentation common to its lines and the blank lines at its ends
 * removed, so that lists and paragraphs keep their structure. */
rz_view *rz_view_narrative(rz_view_doc *doc, const char *text);

#endif
