/*
 * check_shared.h — what the two halves of the checker share (check.c, on
 * the tree; check_indicators.c, on each indicator's printed figures). Not
 * part of the checker's interface, which is check.h.
 */
#ifndef RZ_CHECK_SHARED_H
#define RZ_CHECK_SHARED_H

#include "check.h"

/* Does computed, printed with the printed figure's decimals, read as it? */
int rz_check_matches(double computed, const rz_printed *p);

/* Where a figure was printed: "3.0 Albero della performance, p. 42". */
void rz_check_where(char *buf, size_t n, const char *dove, long page);

/* What a finding adds when it rests on a rule the document does not state
 * but the encoding inferred from the printed figures ("" otherwise). */
const char *rz_check_inference_note(const rz_rules *ru, rz_inferred_rule rule);

/* Appends a finding whose class the check knows. */
void rz_check_finding(rz_diags *d, rz_severity sev, rz_materiality mat, const char *file, long line,
                      const char *check, const char *message);

/* Points E, A, F, G and the plausibility checks on every indicator. */
void rz_check_indicators(const rz_scored *s, rz_diags *d);

#endif
