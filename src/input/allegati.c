/* allegati.c — see allegati.h. */
#include "allegati.h"
#include "readers.h"

#include <stdlib.h>
#include <string.h>

static const char *const row_elements[RZ_A2_ROWS] = {
    "obiettivi",
    "obiettivi-con-indicatori",
    "indicatori",
    "indicatori-senza-formula",
    "indicatori-senza-target",
    "obiettivi-con-risorse-finanziarie",
    "obiettivi-con-risorse-umane",
    "obiettivi-sedi-territoriali",
};

static void read_counts(const rz_doc_node *table, rz_a2_count *out)
{
    for (int i = 0; i < RZ_A2_ROWS; i++) {
        const rz_doc_node *val = rz_doc_child(rz_doc_child(table, row_elements[i]), "valore");
        if (!val)
            continue;
        out[i].present = 1;
        out[i].text = val->text ? val->text : "";
        out[i].line = val->line;
    }
}

rz_status rz_allegato2_read(const rz_xml *x, rz_allegato2 **out, rz_diags *d)
{
    *out = NULL;
    rz_allegato2 *a = calloc(1, sizeof *a);
    if (!a)
        return RZ_IO;
    rz_status st = rz_doc_tree_read(x, &a->tree, d);
    if (st != RZ_OK) {
        free(a);
        return st;
    }
    read_counts(rz_doc_child(a->tree.root, "obiettivi-strategici"), a->strategic);
    read_counts(rz_doc_child(a->tree.root, "obiettivi-operativi"), a->operational);
    *out = a;
    return RZ_OK;
}

void rz_allegato2_free(rz_allegato2 *a)
{
    if (!a)
        return;
    rz_doc_tree_free(&a->tree);
    free(a);
}
