/*
 * allegati.h — the Allegati of the Camere di commercio's Relazione:
 * Allegato 1 (the standard monitoring form: topics, sections, questions
 * and answers) and Allegato 2 (summary information: how many objectives
 * and indicators the Piano has, strategic and operational).
 *
 * Both go to the templates as they are written, as element trees
 * (doctree.h). Allegato 2's declared counts are also read into a struct,
 * each with the line of its value, for the check against the Piano
 * (engine/allegato2_check.c).
 */
#ifndef RZ_ALLEGATI_H
#define RZ_ALLEGATI_H

#include "doctree.h"

/* The rows of each of Allegato 2's two tables, in the schema's order. */
typedef enum {
    RZ_A2_OBJECTIVES,
    RZ_A2_WITH_INDICATORS,
    RZ_A2_INDICATORS,
    RZ_A2_NO_FORMULA,
    RZ_A2_NO_TARGET,
    RZ_A2_WITH_MONEY,
    RZ_A2_WITH_STAFF,
    RZ_A2_TERRITORIAL,
    RZ_A2_ROWS
} rz_a2_row;

/* One declared count: the text of its <valore> as written ("12",
 * "n.d."), and where. */
typedef struct {
    int present; /* the row and its value are in the file */
    const char *text;
    long line;
} rz_a2_count;

typedef struct {
    rz_doc_tree tree; /* the whole document, for the templates */
    rz_a2_count strategic[RZ_A2_ROWS], operational[RZ_A2_ROWS];
} rz_allegato2;

/* Reading from a loaded document: input/readers.h. */
void rz_allegato2_free(rz_allegato2 *a);

#endif
