/* allegato2_check.c — see allegato2_check.h. */
#include "allegato2_check.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t objectives, with_indicators, indicators, no_formula, no_target, with_money, with_staff,
        territorial;
} counts;

static void count_objective(const rz_objective *o, int year, counts *c)
{
    size_t n = 0;
    for (size_t i = 0; i < o->n_indicators; i++) {
        const rz_indicator *ind = o->indicators[i];
        if (ind->removed)
            continue;
        n++;
        if (!ind->algorithm)
            c->no_formula++;
        if (!rz_indicator_target(ind, year))
            c->no_target++;
    }
    c->objectives++;
    c->indicators += n;
    c->with_indicators += n > 0;
    c->with_money += o->n_resources > 0;
    c->with_staff += o->staff != NULL;
    c->territorial += o->territorial;
}

/* The computed count of each row of the Allegato (allegati.h), and its
 * name in the messages. */
static const struct {
    size_t offset;
    const char *label;
} rows[RZ_A2_ROWS] = {
    [RZ_A2_OBJECTIVES] = {offsetof(counts, objectives), "numero di obiettivi"},
    [RZ_A2_WITH_INDICATORS] = {offsetof(counts, with_indicators), "obiettivi con indicatori"},
    [RZ_A2_INDICATORS] = {offsetof(counts, indicators), "numero di indicatori"},
    [RZ_A2_NO_FORMULA] = {offsetof(counts, no_formula), "indicatori privi di formula di calcolo"},
    [RZ_A2_NO_TARGET] = {offsetof(counts, no_target), "indicatori privi di target annuale"},
    [RZ_A2_WITH_MONEY] = {offsetof(counts, with_money), "obiettivi con risorse finanziarie"},
    [RZ_A2_WITH_STAFF] = {offsetof(counts, with_staff), "obiettivi con risorse umane"},
    [RZ_A2_TERRITORIAL] = {offsetof(counts, territorial),
                           "obiettivi assegnati a sedi territoriali"},
};

static void compare(const char *file, const rz_a2_count *given, const char *which, const counts *c,
                    rz_diags *d)
{
    for (size_t i = 0; i < RZ_A2_ROWS; i++) {
        if (!given[i].present)
            continue;
        const char *s = given[i].text;
        long line = given[i].line;
        while (*s == ' ' || *s == '\n')
            s++;
        size_t computed = *(const size_t *)((const char *)c + rows[i].offset);
        char *end;
        long declared = strtol(s, &end, 10);
        if (end == s) {
            rz_diag_add(d, RZ_NOTE, file, line, "A-allegato2",
                        "Allegato 2, %s, %s: dichiarato «%s»; dal Piano risultano %zu", which,
                        rows[i].label, s, computed);
        } else if ((size_t)declared != computed) {
            rz_diag_add(d, RZ_WARNING, file, line, "A-allegato2",
                        "Allegato 2, %s, %s: dichiarati %ld, dal Piano risultano %zu", which,
                        rows[i].label, declared, computed);
        }
    }
}

void rz_check_allegato2(const rz_plan *plan, const rz_allegato2 *allegato2, rz_diags *d)
{
    if (!plan || !allegato2)
        return;
    counts strategic = {0}, operational = {0};
    for (size_t a = 0; a < plan->n_areas; a++) {
        const rz_objective *area = plan->areas[a];
        for (size_t s = 0; s < area->n_children; s++) {
            const rz_objective *os = area->children[s];
            if (os->removed)
                continue;
            count_objective(os, plan->year, &strategic);
            for (size_t k = 0; k < os->n_children; k++)
                if (!os->children[k]->removed)
                    count_objective(os->children[k], plan->year, &operational);
        }
    }
    compare(allegato2->tree.file, allegato2->strategic, "obiettivi strategici", &strategic, d);
    compare(allegato2->tree.file, allegato2->operational, "obiettivi operativi", &operational, d);
}
