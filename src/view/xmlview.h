/*
 * xmlview.h — a validated XML document as a view, for the inputs whose
 * content goes to the templates as it is (context data, Allegati).
 *
 * Element and attribute names become keys with '-' turned into '_'
 * (templates cannot use '-' in dotted names comfortably). An element with
 * only text becomes a string; otherwise a map of its attributes and child
 * elements, its own text under "testo". A child element that occurs more
 * than once becomes a list, in document order; Mustache sections iterate a
 * list and enter a single map alike, so templates read both the same way.
 */
#ifndef RZ_XMLVIEW_H
#define RZ_XMLVIEW_H

#include "view.h"
#include <libxml/tree.h>

rz_view *rz_view_from_xml(rz_view_doc *doc, xmlNodePtr element);

#endif
