/* validate.c — see validate.h. */
#define _DEFAULT_SOURCE
#include "validate.h"
#include "oiv.h"
#include "readers.h"
#include "model.h"
#include "profile.h"
#include "fsutil.h"
#include "xmlload.h"

#include <stdlib.h>
#include <string.h>

/* Plans validated in this run, so that validating a Piano and its
 * monitoring data together reads the Piano once; a Piano that failed is
 * kept with a NULL plan, so that its monitoring data say so in one line
 * instead of repeating its errors. */
typedef struct {
    char *path;
    rz_plan *plan;
} plan_cache;

static const plan_cache *cached_plan(const plan_cache *c, size_t n, const char *path)
{
    char *real = realpath(path, NULL);
    const plan_cache *found = NULL;
    for (size_t i = 0; real && i < n; i++)
        if (c[i].path && strcmp(c[i].path, real) == 0)
            found = &c[i];
    free(real);
    return found;
}

/* m: the data of x as read, with status st; freed here. */
static rz_status validate_monitoring(const rz_xml *x, rz_monitoring *m, rz_status st,
                                     plan_cache *cache, size_t n_cache, rz_diags *d)
{
    rz_oiv_free(rz_oiv_from_legacy(m, d)); /* warns when the element is there */
    char *plan_path = rz_monitoring_plan_path(m);
    rz_diags quiet;
    rz_diags_init(&quiet);
    const plan_cache *seen = plan_path ? cached_plan(cache, n_cache, plan_path) : NULL;
    rz_plan *p = seen ? seen->plan : NULL;
    rz_plan *owned = NULL;
    rz_status pst = RZ_OK;
    if (!seen) {
        pst = plan_path ? rz_plan_load(plan_path, &owned, &quiet) : RZ_INVALID;
        p = owned;
    }
    if (seen && !p) {
        const char *base = strrchr(plan_path, '/');
        rz_diag_add(d, RZ_ERROR, x->path, 0, RZ_CHECK_DEPENDS,
                    "file non verificato: dipende dal Piano (%s), che ha errori: correggere "
                    "prima il Piano",
                    base ? base + 1 : plan_path);
        st = RZ_INVALID;
    } else if (pst != RZ_OK || !p) {
        const char *why = "";
        for (size_t i = 0; i < quiet.count; i++)
            if (quiet.items[i].severity == RZ_ERROR && quiet.items[i].message) {
                why = quiet.items[i].message;
                break;
            }
        rz_diag_add(d, RZ_ERROR, x->path, 0, "ref",
                    "il Piano indicato in <piano file=\"%s\"> non si può usare (%s%s): "
                    "eseguire 'relazione validate %s' per i dettagli",
                    m->plan_file ? m->plan_file : "", why,
                    quiet.errors > 1 ? " e altri errori" : "", plan_path ? plan_path : "");
        st = RZ_INVALID;
    } else if (rz_monitoring_check(m, p, d) != RZ_OK) {
        st = RZ_INVALID;
    }
    rz_diags_free(&quiet);
    rz_plan_free(owned);
    free(plan_path);
    rz_monitoring_free(m);
    return st;
}

/* The profile a Piano names must be one of those installed. */
static rz_status check_profile(const rz_xml *x, rz_diags *d)
{
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    xmlChar *name = xmlGetProp(root, (const xmlChar *)"profilo");
    if (!name)
        return RZ_OK;
    rz_status st = RZ_OK;
    char *templates = rz_path_join(rz_data_dir(), "templates");
    rz_profile prof;
    if (templates)
        st = rz_profile_load(templates, (const char *)name, x->path, rz_xml_line(root), &prof, d);
    if (templates)
        rz_profile_free(&prof);
    free(templates);
    xmlFree(name);
    return st;
}

static rz_status validate_one(const char *path, rz_doc_kind sniffed, plan_cache *cache,
                              size_t *n_cache, rz_diags *d)
{
    /* A Piano and monitoring data, the largest of the documents, are read
     * as they are parsed. */
    rz_input_file f;
    rz_status st = rz_input_file_load(path, sniffed, RZ_READ_PLAN | RZ_READ_MONITORING, &f, d);
    if (st != RZ_OK)
        return st;
    rz_xml x = f.x; /* freed below */
    st = f.read;
    switch (x.kind) {
    case RZ_DOC_PIANO: {
        rz_plan *p = f.plan;
        if (check_profile(&x, d) != RZ_OK && st == RZ_OK)
            st = RZ_INVALID;
        char *real = st == RZ_OK && cache ? realpath(path, NULL) : NULL;
        if (real && cache) {
            cache[*n_cache].path = real;
            cache[*n_cache].plan = p;
            (*n_cache)++;
        } else {
            free(real);
            rz_plan_free(p);
        }
        break;
    }
    case RZ_DOC_MONITORAGGIO:
        if (f.monitoring) /* else reading failed, and said why */
            st = validate_monitoring(&x, f.monitoring, st, cache, cache ? *n_cache : 0, d);
        break;
    case RZ_DOC_CONTESTO: {
        rz_contesto *c = NULL;
        st = rz_contesto_read(&x, &c, d);
        rz_contesto_free(c);
        break;
    }
    case RZ_DOC_VALIDAZIONE: {
        rz_oiv *o = NULL;
        st = rz_oiv_from_xml(&x, &o, d);
        rz_oiv_free(o);
        break;
    }
    default:
        /* The Allegati: the schema says it all. */
        break;
    }
    rz_xml_free(&x);
    return st;
}

rz_status rz_validate_file(const char *path, rz_diags *d)
{
    return validate_one(path, rz_xml_sniff_kind(path), NULL, NULL, d);
}

rz_status rz_validate_files(const char *const *paths, size_t n, rz_diags *d)
{
    plan_cache *cache = calloc(n ? n : 1, sizeof *cache);
    rz_doc_kind *kinds = calloc(n ? n : 1, sizeof *kinds);
    if (!cache || !kinds) {
        free(cache);
        free(kinds);
        return RZ_IO;
    }
    /* Every file sniffed up front: once a large document has been freed, a
     * new allocation would first make malloc consolidate its pieces. */
    int monitoring = 0;
    for (size_t i = 0; i < n; i++) {
        kinds[i] = rz_xml_sniff_kind(paths[i]);
        monitoring |= kinds[i] == RZ_DOC_MONITORAGGIO;
    }
    size_t n_cache = 0;
    rz_status worst = RZ_OK;
    /* Plans first, so that monitoring data find theirs already read. Plans
     * are kept only for monitoring data; otherwise each goes with its
     * document, the plan's own arrays before the tree's many nodes. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            if ((kinds[i] == RZ_DOC_PIANO) != (pass == 0))
                continue;
            size_t cached = n_cache;
            rz_status st = validate_one(paths[i], kinds[i], monitoring ? cache : NULL, &n_cache, d);
            if (monitoring && pass == 0 && n_cache == cached && st != RZ_IO)
                cache[n_cache++].path = realpath(paths[i], NULL); /* failed: no plan */
            if (st == RZ_IO || (st == RZ_INVALID && worst == RZ_OK))
                worst = st;
        }
    for (size_t i = 0; i < n_cache; i++) {
        free(cache[i].path);
        rz_plan_free(cache[i].plan);
    }
    free(cache);
    free(kinds);
    return worst;
}
