/*
 * xmlload.h — safe loading of the tool's XML inputs.
 *
 * Every input goes through rz_xml_load, which refuses what a hostile or
 * broken file could do to us: no network, no DTD at all (so no external
 * entities, no entity expansion, no entity bombs), a size limit checked
 * before parsing and libxml2's nesting-depth limit. The document's root
 * namespace names the schema (schemas/<name>.xsd) it is validated against.
 * Errors from libxml2 are turned into diagnostics with file and line.
 */
#ifndef RZ_XMLLOAD_H
#define RZ_XMLLOAD_H

#include "arena.h"
#include "diag.h"
#include "doc_kinds.h"
#include <libxml/tree.h>

typedef struct {
    xmlDocPtr doc;
    rz_doc_kind kind;
    char *path;
} rz_xml;

/* Parses path safely and validates it against the schema its root namespace
 * names. On success (RZ_OK) x holds the document; on failure every problem
 * found is in d, and x is empty. validate=0 skips the XSD step. */
rz_status rz_xml_load(const char *path, int validate, rz_xml *x, rz_diags *d);
void rz_xml_free(rz_xml *x);

/* A large document read in pieces. It is validated against the schema of
 * `kind` while it is parsed, and each complete element whose parent is the
 * root, or an element named in `containers` (itself a child of the root or
 * of another container), is given to `piece`, then freed: memory holds one
 * piece at a time, not the whole tree, and each is read while it is still
 * in the processor's caches. A piece is given only while the document is
 * well formed and valid so far, once its own end has been validated. The
 * diagnostics are those rz_xml_load gives; on any error whatever `piece`
 * built is to be discarded. On success x holds the root element, with its
 * attributes, the pieces `piece` kept and what lies between the pieces but
 * white space.
 * A file whose root is not of `kind` is loaded whole by rz_xml_load instead,
 * and x->kind says what it is. */
typedef struct {
    rz_doc_kind kind;
    const char *const *containers;                /* NULL-terminated; NULL for none */
    int (*piece)(void *user, xmlNodePtr element); /* 1: keep it in x; 0: free it */
    void *user;
} rz_xml_pieces;
rz_status rz_xml_load_pieces(const char *path, const rz_xml_pieces *pieces, rz_xml *x, rz_diags *d);

/* Helpers for walking a loaded document (namespace-aware by local name). */
xmlNodePtr rz_xml_child(xmlNodePtr parent, const char *name);
xmlNodePtr rz_xml_next(xmlNodePtr node, const char *name);
long rz_xml_line(xmlNodePtr node);

/* Attribute name of n as written, in a; NULL when absent. */
char *rz_xml_attr(rz_arena *a, xmlNodePtr n, const char *name);

/* The text content of n (its descendants' text, concatenated) as written,
 * in a; "" when it has none. */
char *rz_xml_content(rz_arena *a, xmlNodePtr n);

#endif
