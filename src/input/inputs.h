/*
 * inputs.h — the input folder of one body and year.
 *
 * A folder holds at most one document of each kind (piano.xml,
 * monitoraggio.xml, contesto.xml, allegato1.xml, allegato2.xml by
 * convention, but the kind is read from each file's root namespace, not
 * from its name). Loading validates every file and cross-checks the
 * monitoring data against the Piano found in the same folder.
 *
 * The evaluation body's input comes from its own file (validazione.xsd)
 * or, deprecated, from the monitoring data's <validazione> element.
 */
#ifndef RZ_INPUTS_H
#define RZ_INPUTS_H

#include "allegati.h"
#include "contesto.h"
#include "doctree.h"
#include "model.h"
#include "oiv.h"

typedef struct {
    char *dir;
    rz_plan *plan;             /* NULL when the folder has none */
    char *invalid_plan;        /* path of a Piano that failed validation, or NULL */
    rz_monitoring *monitoring; /* NULL when the folder has none */
    rz_oiv *oiv;               /* the evaluation body's input; NULL when none */
    /* The profile the Piano names (<piano profilo>; NULL when it names
     * none), where, and the terms its <ente> overrides. */
    char *profile;
    char *profile_file;
    long profile_line;
    char **term_keys, **term_values;
    size_t n_terms;
    rz_contesto *contesto;   /* NULL when the folder has none */
    rz_doc_tree *allegato1;  /* as written, for the templates; NULL when none */
    rz_allegato2 *allegato2; /* NULL when none */
} rz_inputs;

/* Loads every *.xml of dir. Returns RZ_OK when all are valid; the documents
 * that loaded are kept even when another failed. When the Piano has errors
 * the files that depend on it (monitoring data, context, Allegato 2) are
 * not checked against it: each gets one line saying so, instead of a
 * cascade of findings that the Piano's errors would explain. */
rz_status rz_inputs_load(const char *dir, rz_inputs *in, rz_diags *d);
void rz_inputs_free(rz_inputs *in);

#endif
