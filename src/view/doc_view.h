/*
 * doc_view.h — a document read as a tree of elements (doctree.h) as a
 * view, for the inputs whose content goes to the templates as it is (the
 * Allegati, the profile of body).
 *
 * Element and attribute names become keys with '-' turned into '_'
 * (templates cannot use '-' in dotted names comfortably). An element with
 * only text becomes a string; otherwise a map of its attributes and child
 * elements, its own text under "testo". A child element that occurs more
 * than once becomes a list, in document order; Mustache sections iterate a
 * list and enter a single map alike, so templates read both the same way.
 */
#ifndef RZ_DOC_VIEW_H
#define RZ_DOC_VIEW_H

#include "doctree.h"
#include "view.h"

rz_view *rz_view_from_tree(rz_view_doc *doc, const rz_doc_node *element);

#endif
