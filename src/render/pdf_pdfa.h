/*
 * pdf_pdfa.h — what PDF/A-1 asks of a libharu document beyond what
 * libharu 2.3 writes by itself.
 *
 * libharu writes a correct PDF but not an archival one: no XMP metadata,
 * Info dates in a form validators do not match against XMP, destinations
 * as indirect objects (PDF/A readers want them direct), link annotations
 * without the Print flag, font descriptors without CapHeight and, for the
 * subset CID fonts, without the CIDSet of the glyphs embedded. Each piece
 * here mends one of those at its cause, on libharu's own objects, so that
 * Apache PDFBox's Preflight accepts the file (tests/pdf_standards.py).
 */
#ifndef RZ_PDF_PDFA_H
#define RZ_PDF_PDFA_H

#include "diag.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <time.h>

typedef struct {
    const char *title;     /* Info /Title and dc:title; NULL: none */
    const char *author;    /* Info /Author and dc:creator */
    const char *subject;   /* Info /Subject and dc:description */
    const char *keywords;  /* Info /Keywords and pdf:Keywords */
    const char *lang;      /* the document's language (e.g. "it-IT"); NULL: none */
    char conformance;      /* pdfaid:conformance, 'B' or 'A' */
    time_t when;           /* creation and modification date */
    const char *id_source; /* hashed into the trailer ID: same input, same ID */
    size_t id_len;         /* its bytes (it need not end with a NUL) */
} rz_pdfa_info;

/* The Info dictionary and the XMP metadata stream, with the same values
 * and dates; the sRGB output intent; the trailer ID. A missing colour
 * profile is a warning in d. */
void rz_pdfa_metadata(HPDF_Doc pdf, const rz_pdfa_info *info, rz_diags *d);

/* A destination [page /XYZ 0 top 1] written directly into dict under key
 * ("Dest" of an outline item or a link annotation). */
HPDF_STATUS rz_pdfa_dest(HPDF_Doc pdf, HPDF_Dict dict, const char *key, HPDF_Page page, double top);

/* A link annotation on page, over r, to the point top of page target, made
 * directly (libharu's destinations are indirect objects); NULL when out of
 * memory. */
HPDF_Annotation rz_pdfa_goto(HPDF_Doc pdf, HPDF_Page page, HPDF_Rect r, HPDF_Page target,
                             double top);

/* A link annotation printed with the page (/F 4), as PDF/A wants. */
HPDF_STATUS rz_pdfa_link(HPDF_Annotation a);

/* Completes the descriptor of a Type 0 TrueType font once every page has
 * been drawn (the embedded glyphs are known then): CapHeight (1/1000 em)
 * and the CIDSet of the CIDs whose glyph the font program holds. */
HPDF_STATUS rz_pdfa_font(HPDF_Font font, int cap_height);

#endif
