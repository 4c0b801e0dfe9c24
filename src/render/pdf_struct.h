/*
 * pdf_struct.h — the logical structure of a tagged PDF (ISO 32000-1, 14.7
 * and 14.8), built on libharu 2.3's object API.
 *
 * libharu has no tagging API; its object layer (dictionaries, arrays, the
 * cross-reference table, a page's content stream) is enough. The layout
 * opens and closes structure elements as it walks the document, so their
 * order is the reading order whatever the drawing order, and asks for each
 * thing it draws the mark that ties it to its element: a content slot of
 * the element, or an artifact. The output writes the marks into the page's
 * content stream (BDC with an MCID ... EMC, or /Artifact) and, at the end,
 * the tree: StructTreeRoot, the elements, the ParentTree, each page's
 * StructParents, the OBJR of link annotations, MarkInfo, Lang.
 *
 * The tree is kept in plain arrays during the layout (an element is a type,
 * a parent and a list of kids: elements, content slots, annotations) and
 * becomes PDF objects only once the pages are written, when the pages and
 * MCIDs are known. Elements that end up with no content are left out, but
 * table cells, which give the table its shape, stay.
 */
#ifndef RZ_PDF_STRUCT_H
#define RZ_PDF_STRUCT_H

#include <hpdf.h>
#include <hpdf_doc.h>
#include <stdint.h>

typedef struct rz_struct rz_struct;

/* What a drawing belongs to: slot `slot` of element `elem`; elem
 * RZ_ARTIFACT for layout decoration, RZ_PAGINATION for running headers,
 * footers and page numbers. */
typedef struct {
    int32_t elem, slot;
} rz_mark;

#define RZ_ARTIFACT (-1)
#define RZ_PAGINATION (-2)

rz_struct *rz_struct_new(void);
void rz_struct_free(rz_struct *s);

/* Opens an element of a standard structure type ("P", "H2", "Table"...),
 * as the next child of the current element, and makes it current. Returns
 * its number, -1 when out of memory. */
int rz_struct_open(rz_struct *s, const char *type);

/* Makes an element opened earlier current again, to add to it (an
 * unknown one: the current one again, so that close stays paired). */
void rz_struct_enter(rz_struct *s, int elem);

/* Back to the element current before the last open or enter. */
void rz_struct_close(rz_struct *s);

int rz_struct_current(const rz_struct *s);

/* The last kid of the current element, if it is an element of that type
 * opened for key, made current; else a new one opened. (A link's words
 * across lines belong to one Link.) */
int rz_struct_open_for(rz_struct *s, const char *type, const void *key);

/* Alternative text (UTF-8) of an element; a table header cell's /Scope
 * ("Column" or "Row"). Return -1 when out of memory. */
int rz_struct_set_alt(rz_struct *s, int elem, const char *alt);
void rz_struct_set_scope(rz_struct *s, int elem, const char *scope);

/* Between on and off, what is drawn is an artifact (a table's header
 * repeated on a continuation page). Nests. */
void rz_struct_artifacts(rz_struct *s, int on);

/* The mark of content drawn now in the current element. Decorative
 * drawing (rules, shading) is an artifact unless it is the content of a
 * Figure. { elem, -1 } when out of memory. */
rz_mark rz_struct_content(rz_struct *s, int decorative);

/* The current element, without content of its own (a link annotation's
 * Link), or an artifact. */
rz_mark rz_struct_here(const rz_struct *s);

/* Output. Pages are written in order; a page's marks between begin_page
 * and the next. rz_struct_mark closes the open marked content unless it
 * is m's and opens m's; rz_struct_unmark closes it (before an ET whose
 * BT it followed). */
void rz_struct_begin_page(rz_struct *s, HPDF_Page page);
void rz_struct_mark(rz_struct *s, rz_mark m);
void rz_struct_unmark(rz_struct *s);

/* A link annotation of element elem, on the current page. */
void rz_struct_annot(rz_struct *s, int elem, HPDF_Annotation a);

/* Writes the tree into pdf, with the catalog's /Lang (e.g. "it-IT"),
 * /MarkInfo and /ViewerPreferences /DisplayDocTitle. */
HPDF_STATUS rz_struct_write(rz_struct *s, HPDF_Doc pdf, const char *lang);

#endif
