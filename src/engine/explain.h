/*
 * explain.h — how one figure was obtained, step by step: the raw data as
 * recorded (file and line), the result, the achievement against the
 * target, the normalised score, any rettifica, and the roll-up with its
 * weights, each step with the rule of the Piano it applies.
 *
 * `relazione spiega CARTELLA CODICE` prints one explanation; the OIV's
 * working papers print the same for every indicator and objective, so an
 * answer given at the terminal and one read in the papers never differ.
 */
#ifndef RZ_EXPLAIN_H
#define RZ_EXPLAIN_H

#include "score.h"

typedef struct {
    char *title;  /* "Indicatore O2.1.3-g – …" */
    char **steps; /* one sentence each */
    size_t n_steps, cap;
} rz_explanation;

void rz_explanation_free(rz_explanation *e);

/* The explanation of code: an indicator, an operational or strategic
 * objective, an area, an organisational unit or "ente". Returns 0 when
 * the code names nothing in the plan. */
int rz_explain(const rz_scored *s, const char *code, rz_explanation *out);

void rz_explain_indicator(const rz_scored *s, const rz_scored_indicator *si, rz_explanation *out);
void rz_explain_node(const rz_scored *s, const rz_scored_node *n, rz_explanation *out);
void rz_explain_unit(const rz_scored *s, const rz_scored_unit *u, rz_explanation *out);

#endif
