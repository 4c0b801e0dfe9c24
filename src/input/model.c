/*
 * model.c — the model of the Piano and of the monitoring data (model.h):
 * the names of its enumerations, lookups by code, and freeing.
 *
 * Reading is in plan_read.c and monitoring_read.c, the checks of a Piano
 * XSD cannot express in plan_check.c; what they share is model_read.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "model.h"
#include "model_read.h"

#include <stdlib.h>
#include <string.h>

const char *rz_comparator_symbol(rz_comparator c)
{
    switch (c) {
    case RZ_CMP_GE:
        return "≥";
    case RZ_CMP_GT:
        return ">";
    case RZ_CMP_LE:
        return "≤";
    case RZ_CMP_LT:
        return "<";
    case RZ_CMP_EQ:
        return "=";
    case RZ_CMP_RANGE:
        return "tra";
    }
    return "?";
}

const char *const rd_target_kind_names[] = {"percentuale", "numero", "data",
                                            "giorni",      "testo",  "rapporto-anno-precedente",
                                            "benchmark",   "scala",  "si-no"};

const char *rz_target_kind_name(rz_target_kind k)
{
    return rd_target_kind_names[k];
}

const char *const rd_measure_names[] = {"rapporto", "valore", "data", "testo", "sal", "si-no"};

const char *rz_measure_name(rz_measure m)
{
    return rd_measure_names[m];
}

const rd_level_word rd_level_words[] = {{"l'", "ente"},
                                        {"l'", "area strategica"},
                                        {"l'", "obiettivo strategico"},
                                        {"l'", "obiettivo operativo"},
                                        {"l'", "indicatore"},
                                        {"l'", "unità organizzativa"},
                                        {"il ", "valutato"}};

const char *rz_node_level_noun(rz_node_level l)
{
    return rd_level_words[l].noun;
}

const char *const rd_level_names[] = {
    "ente",       "area",  "obiettivo-strategico", "obiettivo-operativo",
    "indicatore", "unita", "individuale"};

const char *rz_node_level_name(rz_node_level l)
{
    return rd_level_names[l];
}

void rz_plan_free(rz_plan *p)
{
    if (!p)
        return;
    rz_strmap_free(&p->index_indicators);
    rz_strmap_free(&p->index_units);
    for (int k = 0; k < 3; k++)
        rz_strmap_free(&p->index_objectives[k]);
    rz_arena_free(&p->arena);
    free(p);
}

rz_indicator *rz_plan_indicator(const rz_plan *p, const char *code)
{
    return rz_strmap_get(&p->index_indicators, code);
}

rz_objective *rz_plan_objective(const rz_plan *p, rz_objective_kind kind, const char *code)
{
    return rz_strmap_get(&p->index_objectives[kind], code);
}

const rz_unit *rz_plan_unit(const rz_plan *p, const char *code)
{
    return rz_strmap_get(&p->index_units, code);
}

const rz_target *rz_indicator_target(const rz_indicator *ind, int year)
{
    for (size_t i = 0; i < ind->n_targets; i++)
        if (ind->targets[i].year == year)
            return &ind->targets[i];
    return NULL;
}

void rz_monitoring_free(rz_monitoring *m)
{
    if (!m)
        return;
    rz_strmap_free(&m->index_observations);
    rz_arena_free(&m->arena);
    free(m);
}

const rz_observation *rz_monitoring_observation(const rz_monitoring *m, const char *code)
{
    return rz_strmap_get(&m->index_observations, code);
}

char *rz_monitoring_plan_path(const rz_monitoring *m)
{
    if (!m->plan_file)
        return NULL;
    const char *f = m->plan_file;
    const char *slash = strrchr(m->file, '/');
    if (f[0] == '/' || !slash)
        return strdup(f);
    size_t dl = (size_t)(slash - m->file) + 1;
    char *result = malloc(dl + strlen(f) + 1);
    if (result) {
        memcpy(result, m->file, dl);
        strcpy(result + dl, f);
    }
    return result;
}
