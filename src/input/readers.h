/*
 * readers.h — from a loaded, schema-valid document (xmlload.h) to the
 * structs the rest of the program works on. Internal to the input stage:
 * it is the only header outside xmlload.h and xmlmsg.h that shows libxml2's
 * types, and only files in src/input/ include it.
 *
 * Each reader checks what the schema cannot express, with diagnostics at
 * the line of the element concerned, and returns RZ_OK, RZ_INVALID (the
 * struct is filled all the same, so that every problem is reported at
 * once) or RZ_IO (memory; nothing is returned).
 */
#ifndef RZ_READERS_H
#define RZ_READERS_H

#include "allegati.h"
#include "contesto.h"
#include "doctree.h"
#include "model.h"
#include "oiv.h"
#include "xmlload.h"

/* Context data; errors carry check ids "contesto-cella", "contesto-riga",
 * "contesto-ref" and "contesto-livelli" (subsections nested deeper than
 * three levels, organisation charts deeper than twelve). */
rz_status rz_contesto_read(const rz_xml *x, rz_contesto **out, rz_diags *d);

/* The document as a tree of elements (Allegato 1, the profile). */
rz_status rz_doc_tree_read(const rz_xml *x, rz_doc_tree *t, rz_diags *d);

/* Allegato 2: its tree and its declared counts. */
rz_status rz_allegato2_read(const rz_xml *x, rz_allegato2 **out, rz_diags *d);

/* The Piano and the monitoring data (model.h), the evaluation body's
 * input (oiv.h). */
rz_status rz_plan_from_xml(const rz_xml *x, rz_plan **out, rz_diags *d);

/* The Piano in path, read in pieces as it is parsed (rz_xml_load_pieces):
 * what rz_xml_load then rz_plan_from_xml give, without the whole tree in
 * memory. x keeps the root element (its attributes name the profile); when
 * loading fails x is empty, and when the file turns out not to be a Piano x
 * holds it whole and *out is NULL. */
rz_status rz_plan_read(const char *path, rz_plan **out, rz_xml *x, rz_diags *d);

/* The monitoring data in path, read in pieces in the same way, with the
 * same contract. */
rz_status rz_monitoring_read(const char *path, rz_monitoring **out, rz_xml *x, rz_diags *d);
rz_status rz_monitoring_from_xml(const rz_xml *x, rz_monitoring **out, rz_diags *d);
rz_status rz_oiv_from_xml(const rz_xml *x, rz_oiv **out, rz_diags *d);

#endif
