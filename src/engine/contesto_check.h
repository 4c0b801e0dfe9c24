/*
 * contesto_check.h — the findings on the context data (contesto.h) for
 * the OIV's working papers: figures that do not add up or disagree with
 * each other, dates that differ from the acts they are declared to be, and
 * placeholders of an unfilled template. They are warnings, not input
 * errors: the data can be printed, but the source document is wrong.
 */
#ifndef RZ_CONTESTO_CHECK_H
#define RZ_CONTESTO_CHECK_H

#include "contesto.h"
#include "oiv.h"

/* Appends a [plaus-totals] warning for every total row whose printed
 * figure differs from the sum of the rows it totals by more than the
 * rounding of the printed figures allows, and a [plaus-inconsistent]
 * warning for every grand total that differs from the one, under the same
 * column heading, of an earlier table breaking down the same population
 * (attribute popolazione). */
void rz_contesto_check_totals(const rz_contesto *x, rz_diags *findings);

/* Appends the findings on the context's printed text and figures:
 *   [plaus-relation] a figure declared as the ratio of (rapporto) or equal
 *     to (uguale) figures of other tables that they do not give, to the
 *     printed precision; a phase of chapter 5 declared to coincide with the
 *     act of approval or transmission (coincide-con) whose date differs
 *     from the act's: the cover's approvazione, else the validation's data
 *     (oiv, may be NULL);
 *   [plaus-template] a placeholder of an unfilled template left in a text
 *     («pari al ----%», «nel mese di …..», «[...]», «XX%»).
 * Texts kept only for the checks (stampa="no") are examined too. */
void rz_contesto_check_findings(const rz_contesto *x, const rz_oiv *oiv, rz_diags *findings);

#endif
