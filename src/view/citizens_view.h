/*
 * citizens_view.h — what the one-page summary for citizens needs beyond
 * the report view: the three best and the three worst measured results.
 */
#ifndef RZ_CITIZENS_VIEW_H
#define RZ_CITIZENS_VIEW_H

#include "score.h"
#include "view.h"

/* A map {migliori [ind], peggiori [ind], n_misurati, n_aree, ha_risultati}
 * where ind is an indicator's view (report_view.h). */
rz_view *rz_citizens_view(rz_view_doc *doc, const rz_scored *s);

#endif
