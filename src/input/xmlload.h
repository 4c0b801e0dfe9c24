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
