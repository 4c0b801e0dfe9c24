/*
 * allegato2_check.h — the Allegato 2 counts against the Piano.
 *
 * The Allegato 2 declares, for strategic and for operational objectives,
 * how many objectives, indicators, indicators without a formula or an
 * annual target, objectives with financial or human resources and
 * objectives assigned to territorial sites the Piano has. When a folder
 * holds both, each declared count is compared with the one computed from
 * the Piano; a difference is a finding (A-allegato2) at the line of the
 * declared value. A declared "n.d." is reported as a note.
 */
#ifndef RZ_ALLEGATO2_CHECK_H
#define RZ_ALLEGATO2_CHECK_H

#include "allegati.h"
#include "model.h"

/* Nothing happens when plan or allegato2 is NULL. */
void rz_check_allegato2(const rz_plan *plan, const rz_allegato2 *allegato2, rz_diags *d);

#endif
