/*
 * findings.c — every finding of an input folder, in one order.
 *
 * The checks themselves live with what they read: A–I on the scored tree
 * (check.c), the Allegato 2 counts on the Piano (allegato2_check.c), the
 * context tables on the context data (contesto_check.c), the evaluation body's
 * input on the scores (oiv_check.c). Here they are run in one fixed order, the
 * same for `relazione check` and `relazione build`; the findings are sorted
 * by file and line before anyone reads them, and that order only decides
 * between two findings of the same line.
 *
 * Points J and K are measured on the Relazione as generated, which the
 * caller passes (build.c renders it, in memory when nothing is written):
 * the findings name it "relazione.md" wherever it is written.
 */
#include "findings.h"
#include "allegato2_check.h"
#include "check.h"
#include "contesto_check.h"
#include "oiv_check.h"
#include "format.h"

rz_status rz_inputs_score(const rz_inputs *in, rz_scored **s, rz_diags *findings, rz_diags *d)
{
    *s = NULL;
    if (!in->plan)
        return RZ_OK;
    rz_diags unscored;
    rz_diags_init(&unscored);
    rz_status st = rz_score(in->plan, in->monitoring, s, in->monitoring ? findings : &unscored);
    rz_diags_free(&unscored);
    if (st != RZ_OK) {
        /* Only memory fails a score: the run's error, not a finding. */
        rz_diag_out_of_memory(d, in->dir, "nel calcolo dei punteggi");
        rz_scored_free(*s);
        *s = NULL;
        return RZ_IO;
    }
    return RZ_OK;
}

/* Points J and K on the counts of the generated Relazione. */
static void measure_relazione(const rz_md_stats *st, long max_words, rz_diags *findings)
{
    if (max_words <= 0)
        max_words = RZ_RELAZIONE_MAX_WORDS;
    const char *path = "relazione.md";
    char words[RZ_FMT_MAX];
    rz_fmt_number(words, sizeof words, (double)st->words, 0);
    rz_diag_add(findings, RZ_NOTE, path, 0, "J-length",
                "la Relazione conta %s parole, %zu tabelle e %zu grafici in %zu sezioni", words,
                st->tables, st->charts, st->headings);
    if (st->words > (size_t)max_words) {
        char max[RZ_FMT_MAX];
        rz_fmt_number(max, sizeof max, (double)max_words, 0);
        rz_diag_add(findings, RZ_WARNING, path, 0, "J-length",
                    "la Relazione supera le %s parole: valutare una sintesi", max);
    }
    if (st->headings < 3)
        rz_diag_add(findings, RZ_WARNING, path, 0, "K-index",
                    "la Relazione ha meno di tre sezioni: l'indice non aiuta la lettura");
    else
        rz_diag_add(findings, RZ_NOTE, path, 0, "K-index",
                    "indice generato dalle %zu intestazioni; %zu grafici", st->headings,
                    st->charts);
    if (st->charts == 0)
        rz_diag_add(findings, RZ_WARNING, path, 0, "K-charts",
                    "la Relazione non contiene rappresentazioni grafiche");
}

rz_status rz_findings_collect(const rz_inputs *in, const rz_scored *s, const rz_md_stats *relazione,
                              long max_words, rz_diags *findings, rz_diags *d)
{
    if (s)
        rz_check_allegato2(in->plan, in->allegato2, findings);
    if (in->contesto) {
        rz_contesto_check_totals(in->contesto, findings);
        rz_contesto_check_findings(in->contesto, in->oiv, findings);
    }
    if (s && in->monitoring && rz_check(s, findings) != RZ_OK) {
        rz_diag_out_of_memory(d, in->dir, "nel calcolo dei punteggi");
        return RZ_IO;
    }
    rz_oiv_check(in->oiv, s, findings);
    /* Without a single score the Relazione would be pages of «n.d.»
     * dressed as a report: the documents that require «risultati» are not
     * written, and the findings say why. */
    if (s && in->monitoring && !s->entity->has_score)
        rz_diag_add(findings, RZ_WARNING, in->monitoring->file, 0, "documenti",
                    "nessun indicatore ha un risultato calcolabile: la Relazione, la validazione "
                    "e le tabelle dei risultati non sono generate; si completino i dati di "
                    "monitoraggio");
    if (relazione)
        measure_relazione(relazione, max_words, findings);
    rz_diags_sort(findings);
    return RZ_OK;
}

int rz_findings_summary(FILE *f, const rz_diags *findings, int has_monitoring, int with_oiv,
                        const char *oiv_verdict)
{
    rz_findings_print(findings, f);
    rz_verdict_basis b = rz_proposed_verdict(findings, 0, has_monitoring);
    if (b.verdict == RZ_VERDICT_NOT_COMPUTABLE) {
        fprintf(f, "%s\n", rz_verdict_not_computable_reason(0, has_monitoring));
        return 0;
    }
    fprintf(f, "%zu %s, %zu %s (%zu %s, %zu %s, %zu %s). Esito proposto: %s", findings->errors,
            rz_plural(findings->errors, "errore", "errori"), findings->warnings,
            rz_plural(findings->warnings, "avviso", "avvisi"), b.grave,
            rz_plural(b.grave, "rilievo grave", "rilievi gravi"), b.observations,
            rz_plural(b.observations, "osservazione", "osservazioni"), b.cosmetic,
            rz_plural(b.cosmetic, "formale", "formali"), rz_verdict_name(b.verdict));
    if (with_oiv)
        fprintf(f, "; esito dell'OIV: %s", oiv_verdict ? oiv_verdict : "non ancora espresso");
    fputc('\n', f);
    return 1;
}
