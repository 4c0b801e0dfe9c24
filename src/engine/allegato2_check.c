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

static const struct {
    const char *element;
    size_t offset;
    const char *label;
} rows[] = {
    {"obiettivi", offsetof(counts, objectives), "numero di obiettivi"},
    {"obiettivi-con-indicatori", offsetof(counts, with_indicators), "obiettivi con indicatori"},
    {"indicatori", offsetof(counts, indicators), "numero di indicatori"},
    {"indicatori-senza-formula", offsetof(counts, no_formula),
     "indicatori privi di formula di calcolo"},
    {"indicatori-senza-target", offsetof(counts, no_target), "indicatori privi di target annuale"},
    {"obiettivi-con-risorse-finanziarie", offsetof(counts, with_money),
     "obiettivi con risorse finanziarie"},
    {"obiettivi-con-risorse-umane", offsetof(counts, with_staff), "obiettivi con risorse umane"},
    {"obiettivi-sedi-territoriali", offsetof(counts, territorial),
     "obiettivi assegnati a sedi territoriali"},
};

static void compare(const char *file, xmlNodePtr table, const char *which, const counts *c,
                    rz_diags *d)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        xmlNodePtr row = rz_xml_child(table, rows[i].element);
        xmlNodePtr val = row ? rz_xml_child(row, "valore") : NULL;
        if (!val)
            continue;
        xmlChar *t = xmlNodeGetContent(val);
        const char *s = t ? (const char *)t : "";
        while (*s == ' ' || *s == '\n')
            s++;
        size_t computed = *(const size_t *)((const char *)c + rows[i].offset);
        char *end;
        long declared = strtol(s, &end, 10);
        if (end == s) {
            rz_diag_add(d, RZ_NOTE, file, rz_xml_line(val), "A-allegato2",
                        "Allegato 2, %s, %s: dichiarato «%s»; dal Piano risultano %zu", which,
                        rows[i].label, s, computed);
        } else if ((size_t)declared != computed) {
            rz_diag_add(d, RZ_WARNING, file, rz_xml_line(val), "A-allegato2",
                        "Allegato 2, %s, %s: dichiarati %ld, dal Piano risultano %zu", which,
                        rows[i].label, declared, computed);
        }
        xmlFree(t);
    }
}

void rz_check_allegato2(const rz_plan *plan, const rz_xml *allegato2, rz_diags *d)
{
    if (!plan || !allegato2 || !allegato2->doc)
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
    xmlNodePtr root = xmlDocGetRootElement(allegato2->doc);
    compare(allegato2->path, rz_xml_child(root, "obiettivi-strategici"), "obiettivi strategici",
            &strategic, d);
    compare(allegato2->path, rz_xml_child(root, "obiettivi-operativi"), "obiettivi operativi",
            &operational, d);
}
