/* validate.c — see validate.h. */
#include "validate.h"
#include "model.h"
#include "xmlload.h"

#include <stdlib.h>

static rz_status validate_monitoring(const rz_xml *x, rz_diags *d)
{
    rz_monitoring *m = NULL;
    rz_status st = rz_monitoring_from_xml(x, &m, d);
    if (!m)
        return st;
    char *plan_path = rz_monitoring_plan_path(m);
    rz_diags quiet;
    rz_diags_init(&quiet);
    rz_plan *p = NULL;
    rz_status pst = plan_path ? rz_plan_load(plan_path, &p, &quiet) : RZ_INVALID;
    if (pst != RZ_OK || !p) {
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
    rz_plan_free(p);
    free(plan_path);
    rz_monitoring_free(m);
    return st;
}

rz_status rz_validate_file(const char *path, rz_diags *d)
{
    rz_xml x;
    rz_status st = rz_xml_load(path, 1, &x, d);
    if (st != RZ_OK)
        return st;
    switch (x.kind) {
    case RZ_DOC_PIANO: {
        rz_plan *p = NULL;
        st = rz_plan_from_xml(&x, &p, d);
        rz_plan_free(p);
        break;
    }
    case RZ_DOC_MONITORAGGIO:
        st = validate_monitoring(&x, d);
        break;
    default:
        /* Context data and the Allegati: the schema says it all for now. */
        break;
    }
    rz_xml_free(&x);
    return st;
}
