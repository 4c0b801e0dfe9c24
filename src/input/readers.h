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

/* One input file as validate and the folder's loading read it. The models
 * asked for (RZ_READ_*) of a Piano or of monitoring data are read in pieces
 * while the file is parsed when sniffed (rz_xml_sniff_kind) says that is
 * what it is; any other file is loaded whole, and a model asked for of a
 * file loaded whole is read from its tree. Returns how loading went: on
 * RZ_OK x holds the document (its root alone when read in pieces), plan
 * or monitoring its model when asked for and read, and read how reading
 * the model went (RZ_OK when none was asked for). */
enum { RZ_READ_PLAN = 1, RZ_READ_MONITORING = 2 };
typedef struct {
    rz_xml x;
    rz_plan *plan;
    rz_monitoring *monitoring;
    rz_status read;
} rz_input_file;
rz_status rz_input_file_load(const char *path, rz_doc_kind sniffed, unsigned models,
                             rz_input_file *f, rz_diags *d);
/* Frees what f still holds (a caller that keeps a model sets it NULL). */
void rz_input_file_free(rz_input_file *f);
rz_status rz_monitoring_from_xml(const rz_xml *x, rz_monitoring **out, rz_diags *d);
rz_status rz_oiv_from_xml(const rz_xml *x, rz_oiv **out, rz_diags *d);

#endif
