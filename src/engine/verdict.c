/*
 * verdict.c — what the findings weigh and the verdict they propose.
 *
 * A finding's class (grave, observation, formal, note) is the one its
 * check recorded when it knew the effect, otherwise that of its check
 * identifier; the proposed verdict follows from the gravest class and the
 * point it concerns, never from how many findings there are (check.h says
 * the rule). The findings are printed grouped by class, as `relazione
 * check` and verifiche.txt show them.
 */
#include "check.h"

#include <stdio.h>
#include <string.h>

char rz_check_point(const rz_diag *g)
{
    const char *c = g->check;
    if (c && c[0] >= 'A' && c[0] <= 'K' && c[1] == '-')
        return c[0];
    return 0;
}

/* ------------------------------------------------------------------ */
/* Materiality and the verdict rule                                    */
/* ------------------------------------------------------------------ */

/* The class of a check identifier when the check did not record one: what
 * the problem it names does to the reported scores. */
static rz_materiality materiality_of_check(const rz_diag *g)
{
    static const struct {
        const char *check;
        rz_materiality m;
    } table[] = {
        /* a score, an outcome or the entity's figure is wrong or missing */
        {"B-declared", RZ_MATERIALITY_GRAVE},
        {"A-weight", RZ_MATERIALITY_GRAVE},
        {"B-overall", RZ_MATERIALITY_GRAVE},
        {"C-missing", RZ_MATERIALITY_GRAVE},
        {"C-unmeasured", RZ_MATERIALITY_GRAVE},
        {"A-no-target", RZ_MATERIALITY_GRAVE},
        {"D-unscored", RZ_MATERIALITY_GRAVE},
        {"E-score", RZ_MATERIALITY_GRAVE},
        /* form only, the figure is right */
        {"plaus-precision", RZ_MATERIALITY_COSMETIC},
        {"plaus-serial-date", RZ_MATERIALITY_COSMETIC},
    };
    if (g->severity == RZ_NOTE)
        return RZ_MATERIALITY_NONE;
    for (size_t i = 0; g->check && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(g->check, table[i].check) == 0)
            return table[i].m;
    return RZ_MATERIALITY_OBSERVATION;
}

rz_materiality rz_finding_materiality(const rz_diag *g)
{
    if (g->severity == RZ_NOTE)
        return RZ_MATERIALITY_NONE;
    if (g->materiality > RZ_MATERIALITY_NONE && g->materiality <= RZ_MATERIALITY_GRAVE)
        return (rz_materiality)g->materiality;
    return materiality_of_check(g);
}

const char *rz_materiality_name(rz_materiality m)
{
    switch (m) {
    case RZ_MATERIALITY_GRAVE:
        return "grave";
    case RZ_MATERIALITY_OBSERVATION:
        return "osservazione";
    case RZ_MATERIALITY_COSMETIC:
        return "formale";
    case RZ_MATERIALITY_NONE:
        break;
    }
    return "nota";
}

/* The points on which a grave finding makes the Relazione not valid: its
 * coherence with the Piano, the scores and overall evaluation, the results,
 * the special objectives and the calculation of each indicator. */
static int point_decides_validity(char point)
{
    return point == 'A' || point == 'B' || point == 'C' || point == 'D' || point == 'E';
}

rz_verdict_basis rz_proposed_verdict(const rz_diags *findings, size_t input_errors,
                                     int has_monitoring)
{
    rz_verdict_basis b;
    memset(&b, 0, sizeof b);
    const rz_diag *first[RZ_MATERIALITY_GRAVE + 1] = {NULL};
    const rz_diag *invalidating = NULL; /* first grave finding on A-E */
    for (size_t i = 0; findings && i < findings->count; i++) {
        const rz_diag *g = &findings->items[i];
        rz_materiality m = rz_finding_materiality(g);
        if (!first[m])
            first[m] = g;
        if (m == RZ_MATERIALITY_GRAVE) {
            b.grave++;
            if (!invalidating && point_decides_validity(rz_check_point(g)))
                invalidating = g;
        } else if (m == RZ_MATERIALITY_OBSERVATION) {
            b.observations++;
        } else if (m == RZ_MATERIALITY_COSMETIC) {
            b.cosmetic++;
        }
    }
    if (input_errors > 0 || !has_monitoring)
        b.verdict = RZ_VERDICT_NOT_COMPUTABLE;
    else if (invalidating)
        b.verdict = RZ_VERDICT_NON_VALIDA;
    else if (b.grave || b.observations)
        b.verdict = RZ_VERDICT_VALIDA_CON_OSSERVAZIONI;
    else
        b.verdict = RZ_VERDICT_VALIDA;
    b.decisive = invalidating                        ? invalidating
                 : first[RZ_MATERIALITY_GRAVE]       ? first[RZ_MATERIALITY_GRAVE]
                 : first[RZ_MATERIALITY_OBSERVATION] ? first[RZ_MATERIALITY_OBSERVATION]
                                                     : first[RZ_MATERIALITY_COSMETIC];
    return b;
}

const char *rz_verdict_name(rz_verdict v)
{
    switch (v) {
    case RZ_VERDICT_VALIDA:
        return "VALIDA";
    case RZ_VERDICT_VALIDA_CON_OSSERVAZIONI:
        return "VALIDA CON OSSERVAZIONI";
    case RZ_VERDICT_NON_VALIDA:
        return "NON VALIDA";
    case RZ_VERDICT_NOT_COMPUTABLE:
        break;
    }
    return "esito non calcolabile";
}

const char *rz_verdict_not_computable_reason(size_t input_errors, int has_monitoring)
{
    if (input_errors > 0)
        return "esito non calcolabile: correggere prima gli errori dei dati";
    if (!has_monitoring)
        return "esito non calcolabile: mancano i dati di monitoraggio (aggiungere alla cartella "
               "il file dei risultati dell'anno)";
    return NULL;
}

void rz_findings_print(const rz_diags *findings, FILE *f)
{
    static const struct {
        rz_materiality m;
        const char *heading;
    } groups[] = {
        {RZ_MATERIALITY_GRAVE, "Rilievi gravi (cambiano un punteggio, un esito, un peso o la "
                               "cifra dell'ente)"},
        {RZ_MATERIALITY_OBSERVATION, "Osservazioni (cifre stampate da cui non dipende alcun "
                                     "punteggio, requisiti del documento)"},
        {RZ_MATERIALITY_COSMETIC, "Aspetti formali (formato, arrotondamento)"},
        {RZ_MATERIALITY_NONE, "Note informative (non sono rilievi)"},
    };
    rz_diags one;
    for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++) {
        size_t n = 0;
        for (size_t i = 0; i < findings->count; i++)
            n += rz_finding_materiality(&findings->items[i]) == groups[k].m;
        if (!n)
            continue;
        fprintf(f, "%s: %zu\n", groups[k].heading, n);
        for (size_t i = 0; i < findings->count; i++) {
            if (rz_finding_materiality(&findings->items[i]) != groups[k].m)
                continue;
            /* One item at a time through the common printer. */
            one = (rz_diags){0};
            one.items = (rz_diag *)&findings->items[i];
            one.count = 1;
            rz_diags_print(&one, f);
        }
    }
}
