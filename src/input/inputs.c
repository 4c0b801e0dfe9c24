/* inputs.c — see inputs.h. Files are read in name order, so diagnostics
 * come out the same on every machine. */
#define _POSIX_C_SOURCE 200809L
#include "inputs.h"
#include "fsutil.h"
#include "readers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

rz_status rz_input_file_load(const char *path, rz_doc_kind sniffed, unsigned models,
                             rz_input_file *f, rz_diags *d)
{
    memset(f, 0, sizeof *f);
    rz_status st;
    if (sniffed == RZ_DOC_PIANO && (models & RZ_READ_PLAN))
        st = rz_plan_read(path, &f->plan, &f->x, d);
    else if (sniffed == RZ_DOC_MONITORAGGIO && (models & RZ_READ_MONITORING))
        st = rz_monitoring_read(path, &f->monitoring, &f->x, d);
    else
        st = rz_xml_load(path, 1, &f->x, d);
    if (!f->x.doc)
        return st;
    f->read = st;
    if (st == RZ_OK && !f->plan && !f->monitoring) { /* loaded whole */
        if (f->x.kind == RZ_DOC_PIANO && (models & RZ_READ_PLAN))
            f->read = rz_plan_from_xml(&f->x, &f->plan, d);
        else if (f->x.kind == RZ_DOC_MONITORAGGIO && (models & RZ_READ_MONITORING))
            f->read = rz_monitoring_from_xml(&f->x, &f->monitoring, d);
    }
    return RZ_OK;
}

void rz_input_file_free(rz_input_file *f)
{
    rz_plan_free(f->plan);
    rz_monitoring_free(f->monitoring);
    rz_xml_free(&f->x);
    memset(f, 0, sizeof *f);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The profile named by the Piano's root and the terms of its <ente>. */
static void read_profile(rz_inputs *in, const rz_xml *x)
{
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    xmlChar *name = xmlGetProp(root, (const xmlChar *)"profilo");
    if (name) {
        in->profile = strdup((const char *)name);
        in->profile_file = strdup(x->path);
        in->profile_line = rz_xml_line(root);
        xmlFree(name);
    }
    xmlNodePtr ente = rz_xml_child(root, "ente");
    size_t n = 0;
    for (xmlNodePtr t = rz_xml_child(ente, "termine"); t; t = rz_xml_next(t, "termine"))
        n++;
    if (n == 0)
        return;
    in->term_keys = calloc(n, sizeof *in->term_keys);
    in->term_values = calloc(n, sizeof *in->term_values);
    if (!in->term_keys || !in->term_values)
        return;
    for (xmlNodePtr t = rz_xml_child(ente, "termine"); t; t = rz_xml_next(t, "termine")) {
        xmlChar *k = xmlGetProp(t, (const xmlChar *)"chiave");
        xmlChar *v = xmlNodeGetContent(t);
        if (k && v) {
            in->term_keys[in->n_terms] = strdup((const char *)k);
            in->term_values[in->n_terms] = strdup((const char *)v);
            in->n_terms++;
        }
        xmlFree(k);
        xmlFree(v);
    }
}

/* A second document of a kind already read: an error, and it is dropped. */
static int already(const void *slot, const char *first, const char *path, rz_diags *d)
{
    if (!slot)
        return 0;
    rz_diag_add(d, RZ_ERROR, path, 0, "inputs",
                "la cartella contiene già un documento dello stesso tipo (%s): lasciarne uno "
                "solo",
                first);
    return 1;
}

/* One line for a file that cannot be checked because the Piano it refers
 * to has errors of its own. */
static void depends_on_invalid_plan(const rz_inputs *in, const char *path, rz_diags *d)
{
    const char *base = strrchr(in->invalid_plan, '/');
    rz_diag_add(d, RZ_ERROR, path, 0, RZ_CHECK_DEPENDS,
                "file non verificato: dipende dal Piano (%s), che ha errori: correggere prima "
                "il Piano",
                base ? base + 1 : in->invalid_plan);
}

/* A folder's status is its worst file's: RZ_IO (memory, disk) over
 * RZ_INVALID (the data). */
static void worsen(rz_status *st, rz_status file)
{
    if (file == RZ_IO || *st == RZ_OK)
        *st = file;
}

rz_status rz_inputs_load(const char *dir, rz_inputs *in, rz_diags *d)
{
    memset(in, 0, sizeof *in);
    in->dir = strdup(dir);
    DIR *dp = opendir(dir);
    if (!dp) {
        rz_diag_add(d, RZ_ERROR, dir, 0, "io", "impossibile aprire la cartella dei dati");
        return RZ_IO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".xml"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[n++] = rz_path_join(dir, e->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof *names, cmp_names);

    rz_status st = RZ_OK;
    size_t before = d->errors;
    /* The monitoring data: checked against the Piano once every file is read. */
    char *mon_path = NULL;
    rz_monitoring *mon = NULL;
    rz_status mon_st = RZ_OK;
    for (size_t i = 0; i < n; i++) {
        /* The (first) Piano and monitoring data, the largest of the
         * documents, are read as they are parsed. */
        rz_doc_kind sniffed = rz_xml_sniff_kind(names[i]);
        unsigned models = (in->plan ? 0 : RZ_READ_PLAN) | (mon_path ? 0 : RZ_READ_MONITORING);
        rz_input_file f;
        rz_status s1 = rz_input_file_load(names[i], sniffed, models, &f, d);
        if (s1 != RZ_OK) {
            worsen(&st, s1);
            if (sniffed == RZ_DOC_PIANO && !in->invalid_plan)
                in->invalid_plan = strdup(names[i]);
            continue;
        }
        rz_xml x = f.x; /* the document, freed below with its kind */
        switch (x.kind) {
        case RZ_DOC_PIANO:
            if (in->plan) {
                rz_diag_add(d, RZ_ERROR, x.path, 0, "inputs",
                            "la cartella contiene già un Piano (%s): lasciarne uno solo",
                            in->plan->file);
            } else {
                read_profile(in, &x);
                in->plan = f.plan;
                if (f.read != RZ_OK) {
                    worsen(&st, f.read);
                    if (!in->invalid_plan)
                        in->invalid_plan = strdup(x.path);
                }
            }
            rz_xml_free(&x);
            break;
        case RZ_DOC_MONITORAGGIO:
            if (!already(mon_path, mon_path, x.path, d)) {
                mon_path = strdup(x.path);
                mon = f.monitoring;
                mon_st = f.read;
            }
            rz_xml_free(&x);
            break;
        case RZ_DOC_CONTESTO: {
            rz_contesto *c = NULL;
            worsen(&st, rz_contesto_read(&x, &c, d));
            if (c && already(in->contesto, in->contesto ? in->contesto->file : NULL, x.path, d))
                rz_contesto_free(c);
            else if (c)
                in->contesto = c;
            rz_xml_free(&x);
            break;
        }
        case RZ_DOC_ALLEGATO1:
            if (!already(in->allegato1, in->allegato1 ? in->allegato1->file : NULL, x.path, d)) {
                rz_doc_tree *t = calloc(1, sizeof *t);
                rz_status read = t ? rz_doc_tree_read(&x, t, d) : RZ_IO;
                worsen(&st, read);
                if (read == RZ_OK)
                    in->allegato1 = t;
                else
                    free(t);
            }
            rz_xml_free(&x);
            break;
        case RZ_DOC_ALLEGATO2:
            if (!already(in->allegato2, in->allegato2 ? in->allegato2->tree.file : NULL, x.path,
                         d)) {
                worsen(&st, rz_allegato2_read(&x, &in->allegato2, d));
            }
            rz_xml_free(&x);
            break;
        case RZ_DOC_VALIDAZIONE:
            if (in->oiv) {
                rz_diag_add(d, RZ_ERROR, x.path, 0, "inputs",
                            "la cartella contiene già gli elementi della validazione (%s): "
                            "lasciarne uno solo",
                            in->oiv->file);
            } else {
                worsen(&st, rz_oiv_from_xml(&x, &in->oiv, d));
            }
            rz_xml_free(&x);
            break;
        default:
            rz_xml_free(&x);
            break;
        }
    }
    if (mon_path) {
        in->monitoring = mon;
        worsen(&st, mon_st);
        if (in->invalid_plan)
            depends_on_invalid_plan(in, mon_path, d);
        else if (in->monitoring && in->plan &&
                 rz_monitoring_check(in->monitoring, in->plan, d) != RZ_OK && st == RZ_OK)
            st = RZ_INVALID;
        else if (in->monitoring && !in->plan)
            rz_diag_add(d, RZ_ERROR, mon_path, 0, "inputs",
                        "ci sono dati di monitoraggio ma nessun Piano nella stessa cartella");
        free(mon_path);
    }
    if (in->monitoring && in->monitoring->validation.present) {
        if (in->oiv)
            rz_diag_add(d, RZ_WARNING, in->monitoring->file, in->monitoring->validation.loc.line,
                        "deprecated",
                        "l'elemento <validazione> dei dati di monitoraggio è ignorato: vale %s; "
                        "eliminarlo",
                        in->oiv->file);
        else if (!(in->oiv = rz_oiv_from_legacy(in->monitoring, d)))
            worsen(&st, RZ_IO); /* present, so only memory can fail it */
    }
    if (in->invalid_plan && in->contesto)
        depends_on_invalid_plan(in, in->contesto->file, d);
    if (in->invalid_plan && in->allegato2)
        depends_on_invalid_plan(in, in->allegato2->tree.file, d);
    if (in->contesto && in->plan && !in->invalid_plan) {
        const char *y = in->contesto->year;
        if (y && atoi(y) != in->plan->year)
            rz_diag_add(d, RZ_ERROR, in->contesto->file, in->contesto->line, "year",
                        "i dati di contesto sono dell'anno %s ma il Piano %s è dell'anno %d: "
                        "usare i dati di contesto dello stesso anno",
                        y, in->plan->file, in->plan->year);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (n == 0) {
        rz_diag_add(d, RZ_ERROR, dir, 0, "inputs", "la cartella non contiene file .xml");
        return RZ_INVALID;
    }
    if (st == RZ_OK && d->errors > before)
        st = RZ_INVALID;
    return st;
}

void rz_inputs_free(rz_inputs *in)
{
    rz_plan_free(in->plan);
    rz_monitoring_free(in->monitoring);
    rz_oiv_free(in->oiv);
    rz_contesto_free(in->contesto);
    if (in->allegato1)
        rz_doc_tree_free(in->allegato1);
    free(in->allegato1);
    rz_allegato2_free(in->allegato2);
    for (size_t i = 0; i < in->n_terms; i++) {
        free(in->term_keys[i]);
        free(in->term_values[i]);
    }
    free(in->term_keys);
    free(in->term_values);
    free(in->profile);
    free(in->profile_file);
    free(in->dir);
    free(in->invalid_plan);
    memset(in, 0, sizeof *in);
}
