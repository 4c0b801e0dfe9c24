/*
 * doc_kinds.h — the kinds of input document, told apart by the namespace
 * of their root element, each with its schema (schemas/<name>.xsd) and
 * Italian name; and the loader's limits and process-wide cache. Nothing of
 * the XML library shows here: the loading itself is xmlload.h, internal to
 * the input stage.
 */
#ifndef RZ_DOC_KINDS_H
#define RZ_DOC_KINDS_H

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

/* The kind of a file from the namespace of its root element, read from the
 * first 4 KB without parsing the document; RZ_DOC_UNKNOWN if not found. */
rz_doc_kind rz_xml_sniff_kind(const char *path);

/* Releases the compiled schemas cached by the loader. */
void rz_xml_cleanup(void);

#endif
