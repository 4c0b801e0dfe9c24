/*
 * plan_check.c — the checks of a Piano that XSD cannot express, run once it
 * is read: codes unique, references resolving, weights summing, targets
 * readable for their kind, dates real and in period.
 *
 * Check identifiers used here: dup-code, ref, weights-sum, weights-partial,
 * target, target-year, date, date-range, year, period, data.
 */
#define _POSIX_C_SOURCE 200809L
#include "model_read.h"
#include "format.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static long code_set_line(const code_set *s, const char *code)
{
    void *v = rz_strmap_get(s, code);
    return v ? (long)(intptr_t)v - 1 : -1;
}

/* Adds code; reports a duplicate (what names the kind of element). */
void rd_unique(reader *r, code_set *s, const char *code, long line, const char *what)
{
    if (!code)
        return;
    void *prev = rz_strmap_put(s, code, (void *)(intptr_t)(line + 1));
    if (prev)
        rz_diag_add(r->d, RZ_ERROR, r->file, line, "dup-code",
                    "il codice %s '%s' è già usato alla riga %ld: ogni codice deve essere unico",
                    what, code, (long)(intptr_t)prev - 1);
}

/* what and parent are phrases with their preposition, e.g. "delle aree
 * strategiche" and "dell'ente", so that messages read as Italian. */
static void check_weights_to(reader *r, const char *what, const char *parent, long line,
                             const double *w, const int *has, size_t n, double total);

static void check_weights(reader *r, const char *what, const char *parent, long line,
                          const double *w, const int *has, size_t n)
{
    check_weights_to(r, what, parent, line, w, has, n, 100.0);
}

static void check_weights_to(reader *r, const char *what, const char *parent, long line,
                             const double *w, const int *has, size_t n, double expected)
{
    if (n == 0)
        return;
    size_t with = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (has[i]) {
            with++;
            sum += w[i];
        }
    if (with == 0)
        return;
    if (with != n) {
        rz_diag_add(r->d, RZ_ERROR, r->file, line, "weights-partial",
                    "pesi %s %s: il peso è indicato solo per %zu su %zu; indicarlo per tutti "
                    "o per nessuno (senza pesi valgono in parti uguali)",
                    what, parent, with, n);
        return;
    }
    if (fabs(sum - expected) > 0.15) {
        char total[32];
        snprintf(total, sizeof total, "%.2f", sum);
        char *dot = strchr(total, '.');
        if (dot)
            *dot = ',';
        rz_diag_add(r->d, RZ_ERROR, r->file, line, "weights-sum",
                    "i pesi %s %s sommano a %s invece di %g: correggerli", what, parent, total,
                    expected);
    }
}

/* Room for the n weights of a check, in the arena (a failure is the
 * arena's to report). */
static int weight_arrays(reader *r, size_t n, double **w, int **has)
{
    *w = rz_arena_alloc(r->arena, (n ? n : 1) * sizeof **w);
    *has = rz_arena_alloc(r->arena, (n ? n : 1) * sizeof **has);
    return *w && *has;
}

static void check_indicator_weights(reader *r, rz_indicator **inds, size_t n, const char *parent,
                                    long line)
{
    double *w;
    int *has;
    if (!weight_arrays(r, n, &w, &has))
        return;
    for (size_t i = 0; i < n; i++) {
        w[i] = inds[i]->weight;
        has[i] = inds[i]->has_weight;
    }
    check_weights(r, "degli indicatori", parent, line, w, has, n);
}

static void check_objective_weights(reader *r, rz_objective **objs, size_t n, const char *what,
                                    const char *parent, long line)
{
    double *w;
    int *has;
    if (!weight_arrays(r, n, &w, &has))
        return;
    for (size_t i = 0; i < n; i++) {
        w[i] = objs[i]->weight;
        has[i] = objs[i]->has_weight;
    }
    check_weights(r, what, parent, line, w, has, n);
}

static int has_unit(const rz_plan *p, const char *code)
{
    return rz_plan_unit(p, code) != NULL;
}

static void check_unit_refs(reader *r, const rz_plan *p, const rz_codes *c, long line,
                            const char *owner)
{
    for (size_t i = 0; i < c->count; i++)
        if (!has_unit(p, c->items[i]))
            rz_diag_add(r->d, RZ_ERROR, r->file, line, "ref",
                        "%s richiama l'unità organizzativa '%s', che non è definita in "
                        "<unita-organizzative>",
                        owner, c->items[i]);
}

static void check_named_refs(reader *r, const rz_plan *p, const rz_codes *persp,
                             const rz_codes *progs, long line, const char *owner)
{
    for (size_t i = 0; i < persp->count; i++) {
        int found = 0;
        for (size_t j = 0; j < p->n_perspectives && !found; j++)
            found = strcmp(p->perspectives[j].code, persp->items[i]) == 0;
        if (!found)
            rz_diag_add(r->d, RZ_ERROR, r->file, line, "ref",
                        "%s richiama la prospettiva '%s', che non è definita in <prospettive>",
                        owner, persp->items[i]);
    }
    for (size_t i = 0; i < progs->count; i++) {
        int found = 0;
        for (size_t j = 0; j < p->n_programmes && !found; j++)
            found = strcmp(p->programmes[j].code, progs->items[i]) == 0;
        if (!found)
            rz_diag_add(r->d, RZ_ERROR, r->file, line, "ref",
                        "%s richiama il programma '%s', che non è definito in <programmi>", owner,
                        progs->items[i]);
    }
}

static void check_indicator(reader *r, const rz_plan *p, const rz_indicator *ind)
{
    char owner[160];
    snprintf(owner, sizeof owner, "l'indicatore %s", ind->code);
    check_named_refs(r, p, &ind->perspectives, &ind->programmes, ind->loc.line, owner);
    check_unit_refs(r, p, &ind->measured_by, ind->loc.line, owner);
    if (ind->owner && !has_unit(p, ind->owner))
        rz_diag_add(r->d, RZ_ERROR, r->file, ind->loc.line, "ref",
                    "%s ha come responsabile l'unità '%s', che non è definita", owner, ind->owner);
    for (size_t i = 0; i < ind->n_targets; i++) {
        const rz_target *t = &ind->targets[i];
        for (size_t j = 0; j < i; j++)
            if (ind->targets[j].year == t->year)
                rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target-year",
                            "%s ha due target per l'anno %d (l'altro alla riga %ld)", owner,
                            t->year, ind->targets[j].loc.line);
        if (t->kind == RZ_TGT_DATE && t->has_value) {
            int y, m, dd;
            rz_date_to_ymd(t->date, &y, &m, &dd);
            if (p->period_from && (y < p->period_from || y > p->period_to))
                rz_diag_add(r->d, RZ_WARNING, r->file, t->loc.line, "date-range",
                            "%s: la scadenza %02d/%02d/%04d è fuori dal triennio %d-%d del "
                            "Piano",
                            owner, dd, m, y, p->period_from, p->period_to);
            else if (t->year && y != t->year)
                rz_diag_add(r->d, RZ_WARNING, r->file, t->loc.line, "date-range",
                            "%s: la scadenza %02d/%02d/%04d del target %d cade in un altro "
                            "anno",
                            owner, dd, m, y, t->year);
        }
        if (((ind->measure == RZ_MEASURE_DATE) != (t->kind == RZ_TGT_DATE) ||
             (ind->measure == RZ_MEASURE_YESNO) != (t->kind == RZ_TGT_YESNO)) &&
            t->kind != RZ_TGT_TEXT)
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "%s: un indicatore con misura '%s' non può avere un target di tipo '%s'",
                        owner, rz_measure_name(ind->measure), rz_target_kind_name(t->kind));
    }
}

static void check_objective(reader *r, const rz_plan *p, const rz_objective *o)
{
    static const char *const kinds[] = {"l'area strategica", "l'obiettivo strategico",
                                        "l'obiettivo operativo"};
    static const char *const of_kinds[] = {"dell'area strategica", "dell'obiettivo strategico",
                                           "dell'obiettivo operativo"};
    char owner[160], of_owner[160];
    snprintf(owner, sizeof owner, "%s %s", kinds[o->kind], o->code);
    snprintf(of_owner, sizeof of_owner, "%s %s", of_kinds[o->kind], o->code);
    check_named_refs(r, p, &o->perspectives, &o->programmes, o->loc.line, owner);
    check_unit_refs(r, p, &o->units, o->loc.line, owner);
    check_indicator_weights(r, o->indicators, o->n_indicators, of_owner, o->loc.line);
    if (o->kind == RZ_OBJ_AREA)
        check_objective_weights(r, o->children, o->n_children, "degli obiettivi strategici",
                                of_owner, o->loc.line);
    else if (o->kind == RZ_OBJ_STRATEGIC)
        check_objective_weights(r, o->children, o->n_children, "degli obiettivi operativi",
                                of_owner, o->loc.line);
    if (o->period_from && o->period_to && o->period_from > o->period_to)
        rz_diag_add(r->d, RZ_ERROR, r->file, o->loc.line, "period",
                    "%s: il periodo inizia nel %d e finisce nel %d", owner, o->period_from,
                    o->period_to);
    for (size_t i = 0; i < o->n_indicators; i++)
        check_indicator(r, p, o->indicators[i]);
    for (size_t i = 0; i < o->n_children; i++)
        check_objective(r, p, o->children[i]);
}

static void collect_codes(reader *r, const rz_objective *o, code_set *objs, code_set *inds)
{
    static const char *const kinds[] = {"di area strategica", "di obiettivo strategico",
                                        "di obiettivo operativo"};
    rd_unique(r, &objs[o->kind], o->code, o->loc.line, kinds[o->kind]);
    for (size_t i = 0; i < o->n_indicators; i++)
        rd_unique(r, inds, o->indicators[i]->code, o->indicators[i]->loc.line, "di indicatore");
    for (size_t i = 0; i < o->n_children; i++)
        collect_codes(r, o->children[i], objs, inds);
}

static int find_any_code(const rz_plan *p, const char *code)
{
    if (rz_plan_indicator(p, code))
        return 1;
    for (int k = RZ_OBJ_AREA; k <= RZ_OBJ_OPERATIONAL; k++)
        if (rz_plan_objective(p, (rz_objective_kind)k, code))
            return 1;
    return 0;
}

void rd_check_plan(reader *r, rz_plan *p)
{
    code_set objs[3], inds, units, dels, evals;
    rz_strmap_init(&objs[0]);
    rz_strmap_init(&objs[1]);
    rz_strmap_init(&objs[2]);
    rz_strmap_init(&inds);
    rz_strmap_init(&units);
    rz_strmap_init(&dels);
    rz_strmap_init(&evals);
    for (size_t i = 0; i < p->n_units; i++)
        rd_unique(r, &units, p->units[i].code, p->units[i].loc.line, "di unità organizzativa");
    for (size_t i = 0; i < p->n_deliberations; i++)
        rd_unique(r, &dels, p->deliberations[i].id, p->deliberations[i].loc.line, "di delibera");
    for (size_t i = 0; i < p->n_areas; i++)
        collect_codes(r, p->areas[i], objs, &inds);
    for (size_t i = 0; i < p->n_evaluated; i++) {
        const rz_evaluated *e = &p->evaluated[i];
        rd_unique(r, &evals, e->code, e->loc.line, "di valutato");
        for (size_t j = 0; j < e->n_objectives; j++)
            if (e->objectives[j].indicator && !e->objectives[j].indicator_code)
                rd_unique(r, &inds, e->objectives[j].indicator->code,
                          e->objectives[j].indicator->loc.line, "di indicatore");
    }

    for (size_t i = 0; i < p->n_units; i++) {
        const rz_unit *u = &p->units[i];
        if (!u->parent)
            continue;
        if (!has_unit(p, u->parent)) {
            rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "ref",
                        "l'unità %s ha come padre '%s', che non è definita", u->code, u->parent);
            continue;
        }
        /* A cycle in the hierarchy would make every walk up loop forever. */
        const rz_unit *w = u;
        for (size_t steps = 0; w && w->parent; steps++) {
            if (steps > p->n_units) {
                rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "ref",
                            "la gerarchia delle unità forma un ciclo passando per %s", u->code);
                break;
            }
            w = rz_plan_unit(p, w->parent);
        }
    }

    check_objective_weights(r, p->areas, p->n_areas, "delle aree strategiche", "dell'ente",
                            p->n_areas ? p->areas[0]->loc.line : 0);
    for (size_t i = 0; i < p->n_areas; i++)
        check_objective(r, p, p->areas[i]);

    for (size_t i = 0; i < p->n_evaluated; i++) {
        const rz_evaluated *e = &p->evaluated[i];
        char owner[160];
        snprintf(owner, sizeof owner, "il valutato %s", e->code);
        if (e->unit && !has_unit(p, e->unit))
            rz_diag_add(r->d, RZ_ERROR, r->file, e->loc.line, "ref",
                        "%s richiama l'unità '%s', che non è definita", owner, e->unit);
        double *w;
        int *has;
        size_t n = e->n_objectives;
        if (!weight_arrays(r, n, &w, &has))
            continue;
        for (size_t j = 0; j < n; j++) {
            const rz_individual_objective *io = &e->objectives[j];
            w[j] = io->weight;
            has[j] = io->has_weight;
            if (io->indicator_code && !io->indicator)
                rz_diag_add(r->d, RZ_ERROR, r->file, io->loc.line, "ref",
                            "%s: l'obiettivo richiama l'indicatore '%s', che non è nel Piano",
                            owner, io->indicator_code);
            if (io->unit && !has_unit(p, io->unit))
                rz_diag_add(r->d, RZ_ERROR, r->file, io->loc.line, "ref",
                            "%s: l'obiettivo richiama l'unità '%s', che non è definita", owner,
                            io->unit);
            if (io->objective_code && !io->objective)
                rz_diag_add(r->d, RZ_ERROR, r->file, io->loc.line, "ref",
                            "%s: l'obiettivo richiama l'obiettivo organizzativo '%s', che non è "
                            "nel Piano (indicare il codice di un obiettivo operativo, strategico "
                            "o di un'area)",
                            owner, io->objective_code);
            int links = (io->indicator_code != NULL) + (io->objective_code != NULL) +
                        (io->indicator && !io->indicator_code);
            if (links == 0)
                rz_diag_add(r->d, RZ_ERROR, r->file, io->loc.line, "ref",
                            "%s: l'obiettivo non richiama un indicatore del Piano (attributo "
                            "indicatore) o un obiettivo organizzativo (attributo obiettivo), né "
                            "definisce un indicatore proprio (<indicatore>)",
                            owner);
            else if (links > 1)
                rz_diag_add(r->d, RZ_ERROR, r->file, io->loc.line, "ref",
                            "%s: l'obiettivo si misura in un solo modo: un indicatore del Piano, "
                            "un obiettivo organizzativo oppure un indicatore proprio, non più "
                            "d'uno",
                            owner);
            if (io->indicator && !io->indicator_code)
                check_indicator(r, p, io->indicator);
        }
        char of_owner[160];
        snprintf(of_owner, sizeof of_owner, "del valutato %s", e->code);
        check_weights_to(r, "degli obiettivi", of_owner, e->loc.line, w, has, n,
                         e->objectives_share);
    }

    for (size_t i = 0; i < p->n_revisions; i++) {
        const rz_revision *rv = &p->revisions[i];
        if (rv->subject && !find_any_code(p, rv->subject))
            rz_diag_add(r->d, RZ_ERROR, r->file, rv->loc.line, "ref",
                        "la revisione riguarda '%s', che non è un obiettivo né un indicatore del "
                        "Piano",
                        rv->subject);
        if (rv->deliberation && code_set_line(&dels, rv->deliberation) < 0)
            rz_diag_add(r->d, RZ_ERROR, r->file, rv->loc.line, "ref",
                        "la revisione richiama la delibera '%s', che non è in <delibere>",
                        rv->deliberation);
        if (i > 0 && rv->has_date && p->revisions[i - 1].has_date &&
            rv->date < p->revisions[i - 1].date)
            rz_diag_add(r->d, RZ_WARNING, r->file, rv->loc.line, "date-range",
                        "le revisioni non sono in ordine di data: si applicano comunque per data");
    }

    if (p->period_from && (p->year < p->period_from || p->year > p->period_to))
        rz_diag_add(r->d, RZ_WARNING, r->file, 0, "year",
                    "l'anno %d del Piano è fuori dal triennio %d-%d", p->year, p->period_from,
                    p->period_to);
    if (p->period_from > p->period_to)
        rz_diag_add(r->d, RZ_ERROR, r->file, 0, "period",
                    "il triennio inizia nel %d e finisce nel %d", p->period_from, p->period_to);

    rz_strmap_free(&objs[0]);
    rz_strmap_free(&objs[1]);
    rz_strmap_free(&objs[2]);
    rz_strmap_free(&inds);
    rz_strmap_free(&units);
    rz_strmap_free(&dels);
    rz_strmap_free(&evals);
}
