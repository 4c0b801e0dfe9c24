/*
 * mustache.h — Mustache templates over views.
 *
 * The Mustache specification (github.com/mustache/spec, the files in
 * ../shared/mustache-spec): interpolation with escaping, {{{name}}} and
 * {{& name}} without it, dotted names, the implicit iterator {{.}},
 * sections over lists, maps and truthy values, inverted sections, comments,
 * partials (indented when standalone), set delimiters, and the standalone
 * line rules. Lambdas, an optional module of the specification, are not
 * implemented: a view holds data only, and a template a clerk edits has no
 * code to call.
 *
 * Beyond the specification: a numeric part of a dotted name indexes a list
 * ("righe.0" is the first row).
 *
 * Templates compile once and render many times. Escaping of {{name}} is a
 * callback: HTML escaping by default, as the specification requires, and
 * Markdown escaping (format.h) for documents, so that a '|' or '*' in an
 * objective's title cannot break a table or start emphasis.
 *
 * Errors. Compiling reports syntax errors (a section never closed, a
 * closing tag for another section, a tag never closed, a bad delimiter
 * change, a tag without a name) as diagnostics with the template's name and
 * line. Rendering cannot fail on data: a missing name renders as nothing.
 * With warn_missing set, names a clerk probably mistyped become warnings
 * with the template's name and line.
 */
#ifndef RZ_MUSTACHE_H
#define RZ_MUSTACHE_H

#include "buf.h"
#include "view.h"

typedef struct rz_mustache rz_mustache;

/* Appends the n bytes at s to out, escaped for the output format. */
typedef void (*rz_escape_fn)(rz_buf *out, const char *s, size_t n);

/* Escapes & < > " as HTML entities: the specification's escaping. */
void rz_escape_html(rz_buf *out, const char *s, size_t n);

/* Escapes for Markdown with rz_md_escape_inline (format.h). */
void rz_escape_markdown(rz_buf *out, const char *s, size_t n);

/* Returns the source of the partial called name as a malloc'ed buffer
 * (the caller frees it) and sets *len, or returns NULL when there is no such
 * partial. ctx is the load_ctx of the options. */
typedef char *(*rz_partial_loader)(void *ctx, const char *name, size_t *len);

/* A ready-made loader: ctx is a directory (const char *), and the partial
 * {{> name}} is the file <dir>/<name>.md.mustache or, failing that,
 * <dir>/<name>.mustache. Names containing '/' or '\\' or starting with '.'
 * are refused, so a template cannot read outside its directory. With this
 * loader, diagnostics about a partial name its file. */
char *rz_partials_from_dir(void *dir, const char *name, size_t *len);

typedef struct {
    /* How {{name}} is escaped; NULL means HTML. */
    rz_escape_fn escape;
    /* Where partials come from; NULL means there are none ({{> x}} renders
     * as nothing, as the specification says of a missing partial). */
    rz_partial_loader load;
    void *load_ctx;
    /* Which names to report as warnings (each tag once per render):
     * RZ_MUSTACHE_WARN_NAMES: an interpolated name found in no context, a
     * list or map interpolated as if it were a value, a partial that cannot
     * be found. RZ_MUSTACHE_WARN_SECTIONS: those, and also a section or
     * inverted-section name (or part of a dotted one) that no map of the
     * whole view has as a key. A name absent only here is how a template
     * asks "is it there?", so sections are checked against the whole view;
     * even so a view that omits optional keys (instead of setting them to
     * null) makes this level report them. 0: no warnings. */
    int warn_missing;
} rz_mustache_options;

#define RZ_MUSTACHE_WARN_NAMES 1
#define RZ_MUSTACHE_WARN_SECTIONS 2

/* Nesting limits, each reported as an error when passed. */
#define RZ_MUSTACHE_MAX_SECTIONS 100 /* sections open at once in one template */
#define RZ_MUSTACHE_MAX_PARTIALS 100 /* partials open at once in a render */

/* Compiles the len bytes at text. name (copied; NULL gives "template") is
 * the template's name in diagnostics, usually its file. Returns NULL after
 * appending an error diagnostic when the text is not a valid template, or
 * when memory runs out. */
rz_mustache *rz_mustache_compile(const char *text, size_t len, const char *name, rz_diags *d);

/* Frees a template and the partials compiled for it. NULL is allowed. */
void rz_mustache_free(rz_mustache *t);

/* Renders t with view as the root context, appending to out. opt may be
 * NULL (HTML escaping, no partials, no warnings). Partials are compiled on
 * first use and kept in t for later renders, so a template must not be
 * rendered by two threads at once. Returns RZ_OK; RZ_INVALID when a partial
 * does not compile or a nesting limit is passed (with an error diagnostic;
 * out then holds what was rendered before); RZ_IO when memory runs out. */
rz_status rz_mustache_render(rz_mustache *t, const rz_view *view, const rz_mustache_options *opt,
                             rz_buf *out, rz_diags *d);

#endif
