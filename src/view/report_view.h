/*
 * report_view.h — the scored tree as template data (see report_view.c for
 * the layout of the keys).
 */
#ifndef RZ_REPORT_VIEW_H
#define RZ_REPORT_VIEW_H

#include "check.h"
#include "score.h"
#include "view.h"

/* Builds the view of s in doc and returns its root map. */
rz_view *rz_report_view(rz_view_doc *doc, const rz_scored *s);

/* As rz_report_view, with the words of the body's profile (the map of
 * {{profilo.termini}}: sigla_area, obiettivi_segretario, un_area…) where
 * the view writes words of its own; NULL gives the cciaa profile's. */
rz_view *rz_report_view_terms(rz_view_doc *doc, const rz_scored *s, const rz_view *terms);

/* The view of one indicator (codice, titolo, risultato, target,
 * realizzazione, parametrata, esito, …), as in rz_report_view. */
rz_view *rz_report_indicator_view(rz_view_doc *doc, const rz_scored *s,
                                  const rz_scored_indicator *si);

#endif
