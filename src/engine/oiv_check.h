/*
 * oiv_check.h — the evaluation body's input (input/oiv.h) against the
 * scores the engine computed from the data.
 */
#ifndef RZ_OIV_CHECK_H
#define RZ_OIV_CHECK_H

#include "oiv.h"
#include "score.h"

/* Checks the input against the plan and the computed scores: same body
 * and year, the overall evaluation (point B) against the entity's score,
 * a verdict consistent with the judgements. Findings go to d. */
void rz_oiv_check(const rz_oiv *o, const rz_scored *s, rz_diags *d);

#endif
