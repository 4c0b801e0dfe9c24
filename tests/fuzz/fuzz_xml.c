/*
 * fuzz_xml.c — libFuzzer harness: an XML document loaded, validated against
 * the schema its root's namespace names, and read into that schema's model,
 * as `relazione build` reads a folder. One harness for the five schemas:
 * the seed corpus given to it (tests/fuzz/run.sh xml-KIND) decides which
 * it mostly explores. The bytes go through a file because loading is by
 * path, as users' files are. A Piano and monitoring data are also read as
 * the program reads them, in pieces while they are parsed (rz_plan_read,
 * rz_monitoring_read).
 */
#define _POSIX_C_SOURCE 200809L
#include "contesto_check.h"
#include "contesto_view.h"
#include "readers.h"
#include "model.h"
#include "view.h"
#include "xmlload.h"
#include "doc_view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void read_model(rz_xml *x, rz_diags *d)
{
    rz_view_doc *doc = rz_view_doc_new();
    switch (x->kind) {
    case RZ_DOC_PIANO: {
        rz_plan *p = NULL;
        rz_plan_from_xml(x, &p, d);
        rz_plan_free(p);
        break;
    }
    case RZ_DOC_MONITORAGGIO: {
        rz_monitoring *m = NULL;
        rz_monitoring_from_xml(x, &m, d);
        rz_monitoring_free(m);
        break;
    }
    case RZ_DOC_CONTESTO: {
        rz_contesto *c = NULL;
        if (rz_contesto_read(x, &c, d) == RZ_OK) {
            rz_contesto_check_totals(c, d);
            rz_contesto_check_findings(c, NULL, d);
            rz_contesto_view(doc, c);
        }
        rz_contesto_free(c);
        break;
    }
    case RZ_DOC_ALLEGATO1: {
        rz_doc_tree t;
        if (rz_doc_tree_read(x, &t, d) == RZ_OK) {
            rz_view_from_tree(doc, t.root);
            rz_doc_tree_free(&t);
        }
        break;
    }
    case RZ_DOC_ALLEGATO2: {
        rz_allegato2 *a = NULL;
        if (rz_allegato2_read(x, &a, d) == RZ_OK)
            rz_view_from_tree(doc, a->tree.root);
        rz_allegato2_free(a);
        break;
    }
    default:
        break;
    }
    rz_view_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/relazione-fuzz-%ld.xml", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    rz_diags d;
    rz_diags_init(&d);
    rz_xml x;
    if (rz_xml_load(path, 1, &x, &d) == RZ_OK) {
        read_model(&x, &d);
        rz_xml_free(&x);
    }
    rz_doc_kind sniffed = rz_xml_sniff_kind(path);
    if (sniffed == RZ_DOC_PIANO) {
        rz_plan *p = NULL;
        rz_plan_read(path, &p, &x, &d);
        rz_plan_free(p);
        rz_xml_free(&x);
    } else if (sniffed == RZ_DOC_MONITORAGGIO) {
        rz_monitoring *m = NULL;
        rz_monitoring_read(path, &m, &x, &d);
        rz_monitoring_free(m);
        rz_xml_free(&x);
    }
    rz_diags_free(&d);
    return 0;
}
