/*
 * build.h — `relazione build`: the documents of one input folder.
 */
#ifndef RZ_BUILD_H
#define RZ_BUILD_H

#include "diag.h"
#include "inputs.h"
#include "pdf_request.h"
#include "view.h"
#include <stddef.h>

/* Outputs a build can leave out (rz_build_options.skip). The PDF is
 * left out by passing no renderer. */
enum { RZ_OUT_MD = 1, RZ_OUT_HTML = 2, RZ_OUT_DATA = 4 };

typedef struct {
    const char *templates; /* NULL: the templates/ the tool ships */
    rz_pdf_fn pdf;         /* NULL: no PDF */
    void *pdf_ctx;
    unsigned skip; /* RZ_OUT_* bits of the outputs not to write; 0: all */
    /* When not NULL, called once the documents are made with the view
     * their templates read (the generator of templates/LEGGIMI.md lists
     * its keys). */
    void (*on_view)(const rz_view *root, void *arg);
    void *on_view_arg;
} rz_build_options;

/* The files written, for the caller to report. Zero it before use. */
typedef struct {
    char **paths;
    size_t count, cap;
    int has_monitoring;  /* the folder had monitoring data: the findings support a verdict */
    char *findings_path; /* OUTDIR/verifiche.txt, the findings, once written; else NULL */
} rz_built;

/* Appends a copy of path; RZ_IO (the list unchanged) when memory runs out. */
rz_status rz_built_add(rz_built *b, const char *path);
void rz_built_free(rz_built *b);

/* Loads and checks dir, scores it, writes the documents into outdir,
 * all or nothing: on any error (inputs, templates, PDF, disk)
 * the folder is left as it was. Problems go to d; the validation findings
 * (findings.h) go to findings, sorted, and into OUTDIR/verifiche.txt. */
rz_status rz_build(const char *dir, const char *outdir, const rz_build_options *opt,
                   rz_built *built, rz_diags *d, rz_diags *findings);

/* The findings a build of the folder in would write into verifiche.txt,
 * sorted, without writing anything: the Relazione is generated in memory
 * (with templates, NULL for the installed ones) to measure points J and
 * K. Problems go to d. */
rz_status rz_inputs_findings(const rz_inputs *in, const char *templates, rz_diags *findings,
                             rz_diags *d);

#endif
