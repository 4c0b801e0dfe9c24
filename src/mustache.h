/*
 * mustache.h — Mustache templates over views.
 *
 * The whole Mustache specification except lambdas (optional in the spec,
 * and a template a clerk edits has no code to call): interpolation with
 * escaping, dotted names, the implicit iterator, sections and inverted
 * sections, comments, partials with standalone indentation, and set
 * delimiters. Templates compile once and render many times.
 *
 * Escaping of {{name}} is a callback: HTML escaping by default, as the
 * specification requires, and Markdown escaping (format.h) for documents,
 * so that a '|' or '*' in an objective's title cannot break a table or
 * start emphasis. {{{name}}} and {{& name}} insert text as it is.
 */
#ifndef RZ_MUSTACHE_H
#define RZ_MUSTACHE_H

#include "buf.h"
#include "view.h"

typedef struct rz_mustache rz_mustache;

/* Escapes n bytes of s into out. */
typedef void (*rz_escape_fn)(rz_buf *out, const char *s, size_t n);

void rz_escape_html(rz_buf *out, const char *s, size_t n);
void rz_escape_markdown(rz_buf *out, const char *s, size_t n);

/* Returns the source of a partial (malloc'ed, *len set) or NULL when there
 * is none; a missing partial renders as nothing, as the spec says. */
typedef char *(*rz_partial_loader)(void *ctx, const char *name, size_t *len);

/* A loader reading <dir>/<name>.md.mustache, then <dir>/<name>.mustache.
 * Names with '/' or starting with '.' are refused. ctx is the directory. */
char *rz_partials_from_dir(void *dir, const char *name, size_t *len);

typedef struct {
    rz_escape_fn escape;    /* NULL: HTML */
    rz_partial_loader load; /* NULL: no partials */
    void *load_ctx;
    int warn_missing; /* report names not found in the view as warnings */
} rz_mustache_options;

/* Compiles text. Syntax errors (unclosed or mismatched sections, an
 * unclosed tag, bad delimiters) are diagnostics with the template's name
 * and line; NULL is returned then. */
rz_mustache *rz_mustache_compile(const char *text, size_t len, const char *name, rz_diags *d);
void rz_mustache_free(rz_mustache *t);

/* Renders t with view as the root context, appending to out. Partials are
 * compiled on first use and cached in t. */
rz_status rz_mustache_render(rz_mustache *t, const rz_view *view, const rz_mustache_options *opt,
                             rz_buf *out, rz_diags *d);

#endif
