/*
 * check.h — the OIV's evidence: what the data establish about points A–K of
 * the validation, and the inconsistencies hand-assembled reports contain.
 *
 * Findings are ordinary diagnostics whose check identifier starts with the
 * point they concern ("E-result", "G-reason", …) or with "plaus-" for
 * plausibility problems that belong to no single point. That keeps one
 * output format for `relazione check`, for `relazione build` and for the
 * attestation, which groups findings by their letter.
 *
 * Checks here (the letters of the validation sheet):
 *   A, C, H  every indicator of the (revised) Piano has results; revisions
 *            are applied in date order; printed weights are the Piano's
 *   B        the OIV's overall evaluation and the scores printed for the
 *            entity, areas, objectives and units agree with the computed
 *            ones, or a reasoned rettifica explains the difference
 *   D        objectives on transparency / anti-corruption exist and are scored
 *   E        every printed result, achievement and normalised score is
 *            recomputed from the raw data with the plan's rules; the body's
 *            own figure lies within its units' figures
 *   F        every indicator names its data source; share of self-declared
 *   G        every indicator below target states why
 *   plaus-   dates typed as spreadsheet serials, the same figure printed with
 *            different values, percentages above the cap, algorithm text that
 *            contradicts the structured target, a 100% typed as counts
 * J and K (length, index, tables, charts) are counted on the generated
 * Relazione (findings.c).
 *
 * check.c runs them (the tree's checks there, each indicator's in
 * check_indicators.c); verdict.c weighs the findings and proposes the
 * verdict (the second half of this header).
 */
#ifndef RZ_CHECK_H
#define RZ_CHECK_H

#include "printed.h"
#include "score.h"

/* Runs every check and appends the findings to d. RZ_IO when memory ran
 * out (the findings are then incomplete). */
rz_status rz_check(const rz_scored *s, rz_diags *d);

/* ------------------------------------------------------------------ */
/* Materiality and the proposed verdict                                */
/* ------------------------------------------------------------------ */

/* How much a finding matters, judged by its effect on what the Relazione
 * reports (not by how many times or how loudly it is printed):
 *   GRAVE        changes a score, an outcome (raggiunto / parzialmente /
 *                non raggiunto), a weight or the entity's figure: a printed
 *                score or headline figure the rules and the approved
 *                rettifiche do not give, an indicator without result or
 *                target (its objective cannot be scored), the OIV's overall
 *                evaluation differing from the entity's score;
 *   OBSERVATION  changes only a printed figure no score depends on: a
 *                result or target printed wrong while the score printed
 *                beside it is right, a total of the context tables, a
 *                missing data source or reason for a shortfall;
 *   COSMETIC     form only: a date printed as a spreadsheet serial number
 *                for the right date, a result printed without the rounding
 *                the body's own rules set.
 * Notes (RZ_NOTE) are information, not defects: RZ_MATERIALITY_NONE. */
typedef enum {
    RZ_MATERIALITY_NONE = 0,
    RZ_MATERIALITY_COSMETIC = 1,
    RZ_MATERIALITY_OBSERVATION = 2,
    RZ_MATERIALITY_GRAVE = 3
} rz_materiality;

/* The class of one finding: the one the check recorded when it knew the
 * effect (e.g. a printed achievement whose normalised score is still right
 * is an observation), otherwise the class of its check identifier. */
rz_materiality rz_finding_materiality(const rz_diag *g);

/* "grave", "osservazione", "formale", "nota". */
const char *rz_materiality_name(rz_materiality m);

typedef enum {
    RZ_VERDICT_NOT_COMPUTABLE = 0, /* input errors, or no monitoring data */
    RZ_VERDICT_VALIDA,
    RZ_VERDICT_VALIDA_CON_OSSERVAZIONI,
    RZ_VERDICT_NON_VALIDA
} rz_verdict;

/* What the proposed verdict rests on, for the documents that explain it. */
typedef struct {
    rz_verdict verdict;
    size_t grave, observations, cosmetic; /* findings by class */
    const rz_diag *decisive;              /* first finding of the gravest class, or NULL */
} rz_verdict_basis;

/* THE VERDICT RULE — the only place the proposed verdict is decided.
 *
 *   esito non calcolabile  when the inputs have errors (input_errors > 0:
 *                          the plan or data failed validation, so scores
 *                          cannot be trusted) or there are no monitoring
 *                          data at all (has_monitoring == 0);
 *   NON VALIDA             when a grave finding concerns point A (coherence
 *                          with the Piano), B (the overall evaluation and the
 *                          scores printed for the entity, areas, objectives
 *                          and units), C (results for every objective), D or
 *                          E (the calculation of each indicator). B weighs
 *                          as much as A and E: a headline figure overstated
 *                          is the gravest defect an OIV can find;
 *   VALIDA CON OSSERVAZIONI when the gravest finding is an observation (or
 *                          a grave one on another point);
 *   VALIDA                 when there is no finding, or only cosmetic ones
 *                          (they are listed for the next edition but do not
 *                          qualify the verdict).
 * The count of findings never matters, only the gravest class and its
 * point: one typo printed in six places weighs as one typo. */
rz_verdict_basis rz_proposed_verdict(const rz_diags *findings, size_t input_errors,
                                     int has_monitoring);

/* "VALIDA", "VALIDA CON OSSERVAZIONI", "NON VALIDA", or "esito non
 * calcolabile". */
const char *rz_verdict_name(rz_verdict v);

/* The sentence `relazione check` and the attestation print when there is no
 * verdict to propose, saying why. */
const char *rz_verdict_not_computable_reason(size_t input_errors, int has_monitoring);

/* Prints the findings grouped by class, the grave ones first, each group
 * under a heading, in the diagnostics' "file:riga: ..." form. */
void rz_findings_print(const rz_diags *findings, FILE *f);

/* The validation point a finding concerns ('A'..'K'), or 0. */
char rz_check_point(const rz_diag *g);

#endif
