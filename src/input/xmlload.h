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

#include "diag.h"
#include <libxml/tree.h>

/* Largest input accepted, in bytes. A real Piano is well under 1 MB; a synthetic one
 * with 100 000 indicators is about 57 MB. */
#define RZ_XML_MAX_BYTES (64u * 1024u * 1024u)

typedef enum {
    RZ_DOC_UNKNOWN = 0,
    RZ_DOC_PIANO,
    RZ_DOC_MONITORAGGIO,
    RZ_DOC_CONTESTO,
    RZ_DOC_ALLEGATO1,
    RZ_DOC_ALLEGATO2,
    RZ_DOC_VALIDAZIONE,
    RZ_DOC_PROFILO /* a profile of body, templates/profili/NOME.xml */
} rz_doc_kind;

/* The namespace and schema file of each kind, and its Italian name. */
const char *rz_doc_namespace(rz_doc_kind k);
const char *rz_doc_schema_file(rz_doc_kind k);
const char *rz_doc_name(rz_doc_kind k);

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

/* The kind of a file from the namespace of its root element, read from the
 * first 4 KB without parsing the document; RZ_DOC_UNKNOWN if not found. */
rz_doc_kind rz_xml_sniff_kind(const char *path);

/* Releases the compiled schemas cached by rz_xml_load. */
void rz_xml_cleanup(void);

/* Helpers for walking a loaded document (namespace-aware by local name). */
xmlNodePtr rz_xml_child(xmlNodePtr parent, const char *name);
xmlNodePtr rz_xml_next(xmlNodePtr node, const char *name);
long rz_xml_line(xmlNodePtr node);

#endif
