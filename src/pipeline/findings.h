/*
 * findings.h — every finding of an input folder, collected in one place.
 *
 * A finding is what the evaluation body needs to know before it validates
 * the Relazione: the points A–I that the data and the scores establish
 * (check.h), the Allegato 2 counts against the Piano (allegato2_check.h),
 * the totals and the requirements of the context data (contesto.h), the
 * evaluation body's own input against the scores (oiv.h), whether the
 * results allow a Relazione at all, and points J and K measured on the
 * Relazione as generated. `relazione check` prints them, `relazione build`
 * writes them into verifiche.txt and the validation documents cite them:
 * all three get them from here, so they cannot drift apart.
 *
 * The scoring engine's own remarks (an indicator without a score, an
 * objective scored on part of its indicators) are findings only when the
 * folder has monitoring data: without them every indicator is unscored,
 * and the verdict line says so once.
 */
#ifndef RZ_FINDINGS_H
#define RZ_FINDINGS_H

#include "inputs.h"
#include "markdown_stats.h"
#include "score.h"

#include <stdio.h>

/* The length past which the Relazione is reported as too long (point J),
 * unless the body's profile says otherwise (<documento nome="relazione"
 * parole-massime="…">). The law (art. 14 c. 4 lett. c d.lgs. 150/2009)
 * asks for a Relazione «redatta in forma sintetica» and sets no figure;
 * 60.000 words are some 200 pages of text, more than a citizen reads. A
 * judgement, not a rule: a warning for the evaluation body to weigh, never
 * an error. */
#define RZ_RELAZIONE_MAX_WORDS 60000

/* Scores the Piano of in with its monitoring data into *s (NULL when the
 * folder has no Piano, or memory ran out). The engine's remarks go to
 * findings when there are monitoring data, nowhere otherwise. RZ_IO (said
 * in d) when memory ran out. */
rz_status rz_inputs_score(const rz_inputs *in, rz_scored **s, rz_diags *findings, rz_diags *d);

/* Appends to findings every finding of the folder in, scored as s by
 * rz_inputs_score (NULL without a Piano). relazione holds the counts of the
 * Relazione generated from the folder, NULL when none was (points J and K
 * are then not measured), and max_words its length limit (0: the default,
 * RZ_RELAZIONE_MAX_WORDS). The findings are sorted by file and line.
 * RZ_IO (said in d) when memory ran out: the findings are then
 * incomplete. */
rz_status rz_findings_collect(const rz_inputs *in, const rz_scored *s, const rz_md_stats *relazione,
                              long max_words, rz_diags *findings, rz_diags *d);

/* Prints findings (sorted) grouped by class, then their count and the
 * proposed verdict, or why there is none: `relazione check` on the
 * terminal, verifiche.txt in a build. With with_oiv, the evaluation body's
 * own verdict (oiv_verdict, NULL when not yet given) follows the proposed
 * one. Returns 0 when no verdict could be proposed. */
int rz_findings_summary(FILE *f, const rz_diags *findings, int has_monitoring, int with_oiv,
                        const char *oiv_verdict);

#endif
