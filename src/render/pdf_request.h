/*
 * pdf_request.h — what a build asks of the PDF renderer: the interface
 * between the pipeline (build.h), which knows no PDF itself, and the
 * renderer that the caller passes (pdf_render.h's rz_pdf_for_build).
 */
#ifndef RZ_PDF_REQUEST_H
#define RZ_PDF_REQUEST_H

#include "diag.h"
#include "outline.h"
#include <stddef.h>

/* What a document asks of its PDF besides the Markdown. */
typedef struct {
    const char *title;   /* the running header of every page */
    int letter;          /* a document to sign: neither cover nor contents */
    rz_outline *outline; /* when not NULL, receives where each heading landed */
    const char *logo;    /* the body's logo for the cover (logo.png or logo.jpg of
                            the input folder), or NULL */
} rz_pdf_request;

/* Turns a Markdown document into PDF bytes (*out malloc'ed). The build
 * knows no PDF itself: the caller passes the renderer. */
typedef rz_status (*rz_pdf_fn)(const char *md, size_t len, const rz_pdf_request *req, void *ctx,
                               void **out, size_t *out_len, rz_diags *d);

#endif
