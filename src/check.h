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
 *            are applied in date order
 *   B        the OIV's overall evaluation and the scores printed for the
 *            entity, areas, objectives and units agree with the computed
 *            ones, or a reasoned rettifica explains the difference
 *   D        objectives on transparency / anti-corruption exist and are scored
 *   E        every printed result, achievement and normalised score is
 *            recomputed from the raw data with the plan's rules
 *   F        every indicator names its data source; share of self-declared
 *   G        every indicator below target states why
 *   plaus-   dates typed as spreadsheet serials, the same figure printed with
 *            different values, percentages above the cap, algorithm text that
 *            contradicts the structured target
 * J and K (length, index, tables, charts) are counted from the generated
 * documents by the document builder.
 */
#ifndef RZ_CHECK_H
#define RZ_CHECK_H

#include "score.h"

/* Runs every check and appends the findings to d. */
void rz_check(const rz_scored *s, rz_diags *d);

/* The verdict the findings support: "NON VALIDA" when an error concerns A,
 * C or E; "VALIDA CON OSSERVAZIONI" when there are warnings (or errors on
 * other points); "VALIDA" otherwise. */
const char *rz_check_verdict(const rz_diags *d);

/* The rule rz_check_verdict applies, as a sentence for the documents that
 * print the proposed verdict (no capital, no final stop). */
const char *rz_check_verdict_rule(void);

/* The validation point a finding concerns ('A'..'K'), or 0. */
char rz_check_point(const rz_diag *g);

/* A figure as printed in a document: "87,80%", "1.234,5", "43697,00",
 * "25/06/2019". Returns 1 when it could be read. decimals is the number of
 * digits after the comma (the printed precision). */
typedef struct {
    int is_date;
    rz_date date;
    double value;
    int decimals;
    int percent;
} rz_printed;

int rz_parse_printed(const char *s, rz_printed *out);

#endif
