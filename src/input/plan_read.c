/*
 * plan_read.c — from a validated DOM to rz_plan.
 *
 * The schema has already guaranteed the shape (which elements, which
 * attributes, their lexical types), so this file reads without re-checking
 * shape; the meaning (codes unique, references resolving, weights summing,
 * targets readable for their kind, dates real and in period) is checked by
 * plan_check.c once the whole Piano is read. Every problem becomes a
 * diagnostic at the line of the element concerned, and checking goes on, so
 * a clerk sees all problems at once.
 */
#define _POSIX_C_SOURCE 200809L
#include "model_read.h"
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    reader r;
    rz_plan *p;
    size_t cap_ind, cap_areas;
} plan_reader;

static void read_codes(reader *r, xmlNodePtr parent, const char *name, rz_codes *out)
{
    FOR_CHILD(c, parent, name)
    rd_push_code(r, out, rd_attr(r, c, "ref"));
}

static void read_target(reader *r, xmlNodePtr n, rz_target *t)
{
    static const char *const cmps[] = {"ge", "gt", "le", "lt", "eq", "intervallo"};
    t->loc = rd_loc_of(r, n);
    t->year = rd_attr_int(r, n, "anno", 0);
    t->cmp = (rz_comparator)rd_lookup(rd_attr(r, n, "comparatore"), cmps, 6, RZ_CMP_GE);
    t->kind =
        (rz_target_kind)rd_lookup(rd_attr(r, n, "tipo"), rd_target_kind_names, 9, RZ_TGT_NUMBER);
    t->text = rd_child_text(r, n, "testo");
    t->reference = rd_attr(r, n, "riferimento");
    t->raw_value = rd_attr(r, n, "valore");
    t->derived_from = rd_attr(r, n, "ricavato-da");
    const char *what = t->text ? t->text : (t->raw_value ? t->raw_value : "");

    if (t->cmp == RZ_CMP_RANGE) {
        const char *lo = rd_attr(r, n, "minimo"), *hi = rd_attr(r, n, "massimo");
        if (!rd_parse_double(lo, &t->min) || !rd_parse_double(hi, &t->max)) {
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d \"%s\": un intervallo richiede minimo e massimo numerici "
                        "(es. minimo=\"10\" massimo=\"20\")",
                        t->year, what);
        } else if (t->min > t->max) {
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d: il minimo (%s) è maggiore del massimo (%s)", t->year, lo, hi);
        } else {
            t->has_range = 1;
        }
    }
    double smin, smax;
    if (rd_attr_double(r, n, "scala-min", &smin) && rd_attr_double(r, n, "scala-max", &smax)) {
        t->has_scale = 1;
        t->scale_min = smin;
        t->scale_max = smax;
    }

    const char *v = t->raw_value;
    switch (t->kind) {
    case RZ_TGT_TEXT:
        if (!t->text && !v)
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d di tipo testo senza formulazione: scrivere il risultato "
                        "atteso nell'elemento <testo>",
                        t->year);
        break;
    case RZ_TGT_DATE:
        if (t->cmp == RZ_CMP_RANGE)
            break;
        if (!v || !rz_date_parse_iso(v, &t->date)) {
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d di tipo data: il valore '%s' non è una data reale; "
                        "scrivere valore=\"AAAA-MM-GG\"",
                        t->year, v ? v : "");
        } else {
            t->has_value = 1;
        }
        break;
    case RZ_TGT_BENCHMARK:
        /* Without a value the result is compared with the benchmark itself. */
        if (v && !rd_parse_double(v, &t->value))
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d di tipo benchmark: il valore '%s' non è un numero "
                        "(usare il punto decimale, es. 3.5)",
                        t->year, v);
        else if (v)
            t->has_value = 1;
        break;
    case RZ_TGT_YESNO:
        if (v && (strcmp(v, "si") == 0 || strcmp(v, "no") == 0)) {
            t->has_value = 1;
            t->value = strcmp(v, "si") == 0;
        } else {
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d di tipo si-no: il valore '%s' non è ammesso; scrivere "
                        "valore=\"si\" oppure valore=\"no\"",
                        t->year, v ? v : "");
        }
        break;
    case RZ_TGT_SCALE:
        if (!t->has_scale)
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d di tipo scala: indicare gli estremi della scala con "
                        "scala-min e scala-max (es. 1 e 5)",
                        t->year);
        /* fall through */
    default:
        if (t->cmp == RZ_CMP_RANGE)
            break;
        if (!v || !rd_parse_double(v, &t->value)) {
            rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                        "target %d di tipo %s: il valore '%s' non è un numero; scrivere ad "
                        "esempio valore=\"80\" (punto decimale, senza %% né spazi)",
                        t->year, rz_target_kind_name(t->kind), v ? v : "");
        } else {
            t->has_value = 1;
            if (t->kind == RZ_TGT_SCALE && t->has_scale &&
                (t->value < t->scale_min || t->value > t->scale_max))
                rz_diag_add(r->d, RZ_ERROR, r->file, t->loc.line, "target",
                            "target %d: il valore %s è fuori dalla scala %g–%g", t->year, v,
                            t->scale_min, t->scale_max);
        }
        break;
    }
}

static void read_rule_elements(reader *r, xmlNodePtr n, rz_rules *ru);

static rz_indicator *read_indicator(plan_reader *pr, xmlNodePtr n, rz_indicator_level level,
                                    rz_objective *obj)
{
    reader *r = &pr->r;
    rz_indicator *ind = rz_arena_alloc(r->arena, sizeof *ind);
    if (!ind)
        return NULL;
    static const char *const aggs[] = {"somma", "media", "ultimo", "massimo", "minimo"};
    static const char *const sources[] = {"", "interna", "esterna-certificata", "autodichiarata"};
    /* One pass over the children: an indicator has a dozen kinds of them. */
    xmlNodePtr title = NULL, descr = NULL, algo = NULL, num = NULL, den = NULL, uom = NULL,
               src = NULL, own = NULL, base = NULL, own_rules = NULL;
    size_t cap = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        xmlNodePtr *first = NULL;
        if (!strcmp(name, "target")) {
            rz_target *tg = PUSH(r, ind->targets, ind->n_targets, cap);
            if (tg)
                read_target(r, c, tg);
        } else if (!strcmp(name, "prospettiva")) {
            rd_push_code(r, &ind->perspectives, rd_attr(r, c, "ref"));
        } else if (!strcmp(name, "programma")) {
            rd_push_code(r, &ind->programmes, rd_attr(r, c, "ref"));
        } else if (!strcmp(name, "rilevato-da")) {
            rd_push_code(r, &ind->measured_by, rd_attr(r, c, "ref"));
        } else if (!strcmp(name, "titolo")) {
            first = &title;
        } else if (!strcmp(name, "descrizione")) {
            first = &descr;
        } else if (!strcmp(name, "algoritmo")) {
            first = &algo;
        } else if (!strcmp(name, "numeratore")) {
            first = &num;
        } else if (!strcmp(name, "denominatore")) {
            first = &den;
        } else if (!strcmp(name, "unita-misura")) {
            first = &uom;
        } else if (!strcmp(name, "fonte")) {
            first = &src;
        } else if (!strcmp(name, "responsabile")) {
            first = &own;
        } else if (!strcmp(name, "valore-storico")) {
            first = &base;
        } else if (!strcmp(name, "regole")) {
            first = &own_rules;
        }
        if (first && !*first)
            *first = c;
    }
    ind->loc = rd_loc_of(r, n);
    ind->code = rd_attr(r, n, "codice");
    ind->title = rd_text_of(r, title);
    ind->description = rd_text_of(r, descr);
    ind->algorithm = rd_text_of(r, algo);
    ind->numerator_label = rd_text_of(r, num);
    ind->denominator_label = rd_text_of(r, den);
    ind->unit_of_measure = rd_text_of(r, uom);
    ind->source = rd_text_of(r, src);
    ind->source_kind =
        src ? (rz_source_kind)rd_lookup(rd_attr(r, src, "tipo"), sources, 4, RZ_SOURCE_UNSPECIFIED)
            : RZ_SOURCE_UNSPECIFIED;
    ind->has_weight = rd_attr_double(r, n, "peso", &ind->weight);
    ind->measure =
        (rz_measure)rd_lookup(rd_attr(r, n, "misura"), rd_measure_names, 6, RZ_MEASURE_VALUE);
    ind->aggregation =
        (rz_aggregation)rd_lookup(rd_attr(r, n, "aggregazione"), aggs, 5, RZ_AGG_SUM);
    static const char *const unit_aggs[] = {"insieme", "somma", "media", "minimo", "massimo"};
    ind->unit_aggregation = (rz_unit_aggregation)rd_lookup(rd_attr(r, n, "aggregazione-unita"),
                                                           unit_aggs, 5, RZ_UNITS_POOLED);
    ind->transparency = rd_attr_bool(r, n, "trasparenza");
    ind->anticorruption = rd_attr_bool(r, n, "anticorruzione");
    ind->significant = rd_attr_bool(r, n, "significativo");
    ind->territorial = rd_attr_bool(r, n, "sede-territoriale");
    ind->owner = own ? rd_attr(r, own, "ref") : NULL;
    if (base) {
        ind->baseline = rd_text_of(r, base);
        ind->baseline_year = rd_attr_int(r, base, "anno", 0);
    }
    ind->rules = &pr->p->rules;
    if (own_rules) {
        rz_rules *copy = rz_arena_alloc(r->arena, sizeof *copy);
        if (copy) {
            *copy = pr->p->rules;
            read_rule_elements(r, own_rules, copy);
            ind->rules = copy;
            ind->has_own_rules = 1;
        }
    }
    ind->level = level;
    ind->objective = obj;
    rz_indicator **slot = PUSH(r, pr->p->indicators, pr->p->n_indicators, pr->cap_ind);
    if (slot)
        *slot = ind;
    return ind;
}

static void read_resources(reader *r, xmlNodePtr parent, rz_objective *o)
{
    static const char *const kinds[] = {"proventi", "oneri", "investimenti"};
    size_t cap = 0;
    FOR_CHILD(rs, parent, "risorse")
    {
        FOR_CHILD(v, rs, "voce")
        {
            rz_resource *res = PUSH(r, o->resources, o->n_resources, cap);
            if (!res)
                continue;
            res->kind = (rz_resource_kind)rd_lookup(rd_attr(r, v, "tipo"), kinds, 3, 0);
            res->year = rd_attr_int(r, v, "anno", 0);
            res->has_forecast = rd_attr_double(r, v, "previsione", &res->forecast);
            res->has_actual = rd_attr_double(r, v, "consuntivo", &res->actual);
        }
        if (!o->staff)
            o->staff = rd_child_text(r, rs, "personale");
    }
}

static rz_objective *read_objective(plan_reader *pr, xmlNodePtr n, rz_objective_kind kind,
                                    rz_objective *parent)
{
    reader *r = &pr->r;
    rz_objective *o = rz_arena_alloc(r->arena, sizeof *o);
    if (!o)
        return NULL;
    o->kind = kind;
    o->parent = parent;
    o->loc = rd_loc_of(r, n);
    static const field fields[] = {
        ATTR(rz_objective, code, "codice"),
        CHILD(rz_objective, title, "titolo"),
        CHILD(rz_objective, description, "descrizione"),
        NUMBER(rz_objective, weight, has_weight, "peso"),
        BOOL(rz_objective, frd, "fondo-risorse-decentrate"),
        BOOL(rz_objective, transparency, "trasparenza"),
        BOOL(rz_objective, anticorruption, "anticorruzione"),
        BOOL(rz_objective, territorial, "sede-territoriale"),
    };
    READ_FIELDS(r, n, o, fields);
    xmlNodePtr per = rz_xml_child(n, "periodo");
    if (per) {
        o->period_from = rd_attr_int(r, per, "da", 0);
        o->period_to = rd_attr_int(r, per, "a", 0);
    }
    read_codes(r, n, "prospettiva", &o->perspectives);
    read_codes(r, n, "programma", &o->programmes);
    read_codes(r, n, "unita", &o->units);
    read_resources(r, n, o);

    size_t cap_ind = 0, cap_child = 0;
    rz_indicator_level lvl = kind == RZ_OBJ_STRATEGIC ? RZ_LEVEL_STRATEGIC : RZ_LEVEL_OPERATIONAL;
    FOR_CHILD(c, n, "indicatore")
    {
        rz_indicator *ind = read_indicator(pr, c, lvl, o);
        rz_indicator **slot = ind ? PUSH(r, o->indicators, o->n_indicators, cap_ind) : NULL;
        if (slot)
            *slot = ind;
    }
    const char *child_name = kind == RZ_OBJ_AREA        ? "obiettivo-strategico"
                             : kind == RZ_OBJ_STRATEGIC ? "obiettivo-operativo"
                                                        : NULL;
    if (child_name) {
        rz_objective_kind ck = kind == RZ_OBJ_AREA ? RZ_OBJ_STRATEGIC : RZ_OBJ_OPERATIONAL;
        FOR_CHILD(c, n, child_name)
        {
            rz_objective *child = read_objective(pr, c, ck, o);
            rz_objective **slot = child ? PUSH(r, o->children, o->n_children, cap_child) : NULL;
            if (slot)
                *slot = child;
        }
    }
    return o;
}

/* Reads the rules present under n into ru, leaving the others as they
 * are: the plan's <regole> over the defaults, an indicator's <regole> over
 * a copy of the plan's. The schema decides which rules each may hold. */
static void read_rule_elements(reader *r, xmlNodePtr n, rz_rules *ru)
{
    double v;
    xmlNodePtr x;
    if (rd_parse_double(rd_child_text(r, n, "punteggio-massimo"), &v))
        ru->cap = v;
    if (rd_parse_double(rd_child_text(r, n, "realizzazione-massima"), &v)) {
        ru->has_achievement_cap = 1;
        ru->achievement_cap = v;
    }
    if (rd_parse_double(rd_child_text(r, n, "soglia-pieno-punteggio"), &v)) {
        ru->has_threshold = 1;
        ru->threshold = v;
    }
    if ((x = rz_xml_child(n, "fasce"))) {
        /* A list of bands replaces the one in force; an empty one removes it. */
        ru->bands = NULL;
        ru->n_bands = 0;
        size_t cap = 0;
        FOR_CHILD(b, x, "fascia")
        {
            rz_band *band = PUSH(r, ru->bands, ru->n_bands, cap);
            if (!band)
                continue;
            long line = rz_xml_line(b);
            rd_attr_double(r, b, "da", &band->from);
            band->has_to = rd_attr_double(r, b, "a", &band->to);
            int fixed = rd_attr_double(r, b, "punteggio", &band->score);
            int lo = rd_attr_double(r, b, "punteggio-da", &band->score_from);
            int hi = rd_attr_double(r, b, "punteggio-a", &band->score_to);
            band->linear = lo && hi;
            if (band->has_to && band->to <= band->from)
                rz_diag_add(r->d, RZ_ERROR, r->file, line, "rules",
                            "fascia con 'a' (%g) non maggiore di 'da' (%g)", band->to, band->from);
            if (fixed == (lo || hi) || lo != hi)
                rz_diag_add(r->d, RZ_ERROR, r->file, line, "rules",
                            "una fascia ha un punteggio fisso (punteggio=\"…\") oppure lineare "
                            "(punteggio-da=\"…\" e punteggio-a=\"…\"), non entrambi né nessuno");
            else if (band->linear && !band->has_to)
                rz_diag_add(r->d, RZ_ERROR, r->file, line, "rules",
                            "una fascia lineare deve avere l'estremo 'a' (es. da=\"60\" a=\"80\")");
        }
    }
    if ((x = rz_xml_child(n, "tutto-o-niente"))) {
        const char *t = rd_text_of(r, x);
        ru->all_or_nothing = t && (strcmp(t, "true") == 0 || strcmp(t, "1") == 0);
    }
    if ((x = rz_xml_child(n, "arrotondamento-risultato")))
        ru->result_decimals = rd_attr_int(r, x, "decimali", -1);
    if ((x = rz_xml_child(n, "arrotondamento-realizzazione")))
        ru->achievement_decimals = rd_attr_int(r, x, "decimali", -1);
    const char *lf = rd_child_text(r, n, "formula-minore-migliore");
    if (lf)
        ru->lower_formula =
            strcmp(lf, "rapporto-inverso") == 0 ? RZ_LOWER_INVERSE_RATIO : RZ_LOWER_RELATIVE_GAP;
    if ((x = rz_xml_child(n, "scadenze"))) {
        const char *rule = rd_attr(r, x, "regola");
        ru->deadline_rule = RZ_DEADLINE_ALL_OR_NOTHING;
        if (rule && strcmp(rule, "penalita-giornaliera") == 0) {
            ru->deadline_rule = RZ_DEADLINE_DAILY_PENALTY;
            if (!rd_attr_double(r, x, "punti-per-giorno", &ru->points_per_day))
                rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(x), "rules",
                            "la regola penalita-giornaliera richiede punti-per-giorno");
        } else if (rule && strcmp(rule, "penalita-mensile") == 0) {
            ru->deadline_rule = RZ_DEADLINE_MONTHLY_PENALTY;
            if (!rd_attr_double(r, x, "punti-per-mese", &ru->points_per_month))
                rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(x), "rules",
                            "la regola penalita-mensile richiede punti-per-mese");
        }
        ru->tolerance_days = rd_attr_int(r, x, "tolleranza-giorni", 0);
    }
    if ((x = rz_xml_child(n, "dati-mancanti"))) {
        const char *rule = rd_attr(r, x, "regola");
        ru->missing_as_zero = rule && strcmp(rule, "zero") == 0;
    }
    static const char *const gate_levels[] = {"area", "obiettivo-strategico", "obiettivo-operativo",
                                              "obiettivo-individuale"};
    FOR_CHILD(g, rz_xml_child(n, "soglie-minime"), "soglia-minima")
    {
        int level = rd_lookup(rd_attr(r, g, "livello"), gate_levels, RZ_GATE_LEVELS, -1);
        if (level >= 0 && rd_attr_double(r, g, "punteggio", &ru->gate[level]))
            ru->has_gate[level] = 1;
    }
    if ((x = rz_xml_child(n, "obiettivo-strategico"))) {
        const char *c = rd_attr(r, x, "calcolo");
        if (c && strcmp(c, "operativi") == 0)
            ru->os_rule = RZ_OS_FROM_OPERATIONAL;
        else if (c && strcmp(c, "entrambi") == 0)
            ru->os_rule = RZ_OS_FROM_BOTH;
        ru->has_os_indicator_weight =
            rd_attr_double(r, x, "peso-indicatori", &ru->os_indicator_weight);
    }
    if ((x = rz_xml_child(n, "esiti"))) {
        rd_attr_double(r, x, "raggiunto", &ru->reached);
        rd_attr_double(r, x, "parziale", &ru->partial);
        if (ru->partial > ru->reached)
            rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(x), "rules",
                        "la soglia 'parziale' (%g) supera quella 'raggiunto' (%g)", ru->partial,
                        ru->reached);
    }
    FOR_CHILD(inf, n, "deduzione")
    {
        const char *rule = rd_attr(r, inf, "regola");
        if (rule && !strcmp(rule, "soglia-pieno-punteggio"))
            ru->inferred |= RZ_INFERRED_THRESHOLD;
        else if (rule && !strcmp(rule, "arrotondamento-risultato"))
            ru->inferred |= RZ_INFERRED_ROUNDING;
        else if (rule && !strcmp(rule, "stato-rettifiche"))
            ru->inferred |= RZ_INFERRED_RETTIFICA_STATUS;
    }
    if ((x = rz_xml_child(n, "decimali"))) {
        ru->indicator_decimals = rd_attr_int(r, x, "indicatori", 2);
        ru->objective_decimals = rd_attr_int(r, x, "obiettivi", 1);
    }
}

static void read_rules(reader *r, xmlNodePtr n, rz_rules *ru)
{
    ru->cap = 100;
    ru->result_decimals = -1;
    ru->achievement_decimals = -1;
    ru->lower_formula = RZ_LOWER_RELATIVE_GAP;
    ru->deadline_rule = RZ_DEADLINE_ALL_OR_NOTHING;
    ru->os_rule = RZ_OS_FROM_INDICATORS;
    ru->reached = 100;
    ru->partial = 50;
    ru->indicator_decimals = 2;
    ru->objective_decimals = 1;
    if (n)
        read_rule_elements(r, n, ru);
}

/* Revisions that remove an element take effect in date order; the removed
 * element stays in the model (its history is reported) but is not scored. */
static void apply_revisions(rz_plan *p)
{
    for (size_t i = 0; i < p->n_revisions; i++) {
        const rz_revision *rv = &p->revisions[i];
        int removed = rv->kind == RZ_REV_REMOVE;
        if (rv->kind != RZ_REV_REMOVE && rv->kind != RZ_REV_INSERT)
            continue;
        /* The latest dated revision of a subject decides. */
        int latest = 1;
        for (size_t j = 0; j < p->n_revisions; j++) {
            const rz_revision *o = &p->revisions[j];
            if (j == i || !o->subject || !rv->subject || strcmp(o->subject, rv->subject) != 0)
                continue;
            if (o->kind != RZ_REV_REMOVE && o->kind != RZ_REV_INSERT)
                continue;
            if ((o->has_date && rv->has_date && o->date > rv->date) ||
                (o->has_date == rv->has_date && (!o->has_date || o->date == rv->date) && j > i))
                latest = 0;
        }
        if (!latest || !rv->subject)
            continue;
        rz_indicator *ind = rz_plan_indicator(p, rv->subject);
        if (ind)
            ind->removed = removed;
        for (int k = RZ_OBJ_AREA; k <= RZ_OBJ_OPERATIONAL; k++) {
            rz_objective *o = rz_plan_objective(p, (rz_objective_kind)k, rv->subject);
            if (o)
                o->removed = removed;
        }
    }
}

static void index_objective(rz_plan *p, rz_objective *o)
{
    if (o->code)
        rz_strmap_put(&p->index_objectives[o->kind], o->code, o);
    for (size_t i = 0; i < o->n_children; i++)
        index_objective(p, o->children[i]);
}

/* Builds the code indices; the first definition of a duplicated code wins
 * (the duplicate itself is reported by check_plan). */
static void index_plan(rz_plan *p)
{
    for (size_t i = 0; i < p->n_indicators; i++)
        if (p->indicators[i] && p->indicators[i]->code)
            rz_strmap_put(&p->index_indicators, p->indicators[i]->code, p->indicators[i]);
    for (size_t i = 0; i < p->n_units; i++)
        if (p->units[i].code)
            rz_strmap_put(&p->index_units, p->units[i].code, &p->units[i]);
    for (size_t i = 0; i < p->n_areas; i++)
        index_objective(p, p->areas[i]);
}

/* One child of <piano>, or one <area-strategica>: the Piano is read piece by
 * piece as it is parsed (rz_xml_load_pieces), in the schema's order. */
static void read_plan_piece(plan_reader *pr, xmlNodePtr n)
{
    reader *r = &pr->r;
    rz_plan *p = pr->p;
    const char *name = (const char *)n->name;
    static const field body[] = {
        CHILD(rz_plan, body_name, "nome"),
        CHILD(rz_plan, body_short, "nome-breve"),
        CHILD(rz_plan, body_site, "sito"),
        CHILD(rz_plan, data_licence, "licenza-dati"),
    };
    static const field period[] = {INT(rz_plan, period_from, "da"), INT(rz_plan, period_to, "a")};
    size_t cap = 0;
    if (!strcmp(name, "ente")) {
        READ_FIELDS(r, n, p, body);
    } else if (!strcmp(name, "anno")) {
        p->year = rd_text_int(r, n, 0);
    } else if (!strcmp(name, "triennio")) {
        READ_FIELDS(r, n, p, period);
    } else if (!strcmp(name, "titolo")) {
        p->title = rd_text_of(r, n);
    } else if (!strcmp(name, "delibere")) {
        FOR_CHILD(dn, n, "delibera")
        {
            rz_deliberation *dl = PUSH(r, p->deliberations, p->n_deliberations, cap);
            if (!dl)
                continue;
            static const field fields[] = {
                ATTR(rz_deliberation, id, "id"),
                ATTR(rz_deliberation, organ, "organo"),
                ATTR(rz_deliberation, number, "numero"),
                DATE(rz_deliberation, date, has_date, "data"),
            };
            dl->loc = rd_loc_of(r, dn);
            READ_FIELDS(r, dn, dl, fields);
            dl->subject = rd_text_of(r, dn);
            dl->url = rd_attr(r, dn, "url");
        }
    } else if (!strcmp(name, "regole")) {
        read_rules(r, n, &p->rules);
    } else if (!strcmp(name, "prospettive")) {
        FOR_CHILD(pn, n, "prospettiva")
        {
            rz_named *nm = PUSH(r, p->perspectives, p->n_perspectives, cap);
            if (nm) {
                nm->code = rd_attr(r, pn, "codice");
                nm->name = rd_text_of(r, pn);
            }
        }
    } else if (!strcmp(name, "programmi")) {
        FOR_CHILD(pn, n, "programma")
        {
            rz_programme *pg = PUSH(r, p->programmes, p->n_programmes, cap);
            if (pg) {
                pg->code = rd_attr(r, pn, "codice");
                pg->mission = rd_child_text(r, pn, "missione");
                pg->name = rd_child_text(r, pn, "nome");
            }
        }
    } else if (!strcmp(name, "unita-organizzative")) {
        static const char *const unit_kinds[] = {
            "ente",    "segreteria-generale", "area",  "servizio",
            "ufficio", "azienda-speciale",    "fondo", "altro"};
        FOR_CHILD(un, n, "unita")
        {
            rz_unit *u = PUSH(r, p->units, p->n_units, cap);
            if (!u)
                continue;
            static const field fields[] = {
                ATTR(rz_unit, code, "codice"),
                CHILD(rz_unit, name, "nome"),
                CHILD(rz_unit, head, "responsabile"),
                ATTR(rz_unit, parent, "padre"),
                BOOL(rz_unit, territorial, "sede-territoriale"),
            };
            u->loc = rd_loc_of(r, un);
            READ_FIELDS(r, un, u, fields);
            u->kind = (rz_unit_kind)rd_lookup(rd_attr(r, un, "tipo"), unit_kinds, 8, RZ_UNIT_ALTRO);
        }
    } else if (!strcmp(name, "aree-strategiche")) { /* read whole, not in pieces */
        FOR_CHILD(an, n, "area-strategica")
        read_plan_piece(pr, an);
    } else if (!strcmp(name, "area-strategica")) {
        rz_objective *area = read_objective(pr, n, RZ_OBJ_AREA, NULL);
        rz_objective **slot = area ? PUSH(r, p->areas, p->n_areas, pr->cap_areas) : NULL;
        if (slot)
            *slot = area;
    } else if (!strcmp(name, "obiettivi-individuali")) {
        static const char *const roles[] = {"segretario-generale", "dirigente",
                                            "posizione-organizzativa"};
        FOR_CHILD(vn, n, "valutato")
        {
            rz_evaluated *e = PUSH(r, p->evaluated, p->n_evaluated, cap);
            if (!e)
                continue;
            static const field fields[] = {
                ATTR(rz_evaluated, code, "codice"),
                CHILD(rz_evaluated, name, "nome"),
                CHILD(rz_evaluated, office, "incarico"),
                ATTR(rz_evaluated, unit, "unita"),
            };
            e->loc = rd_loc_of(r, vn);
            READ_FIELDS(r, vn, e, fields);
            e->role = (rz_role)rd_lookup(rd_attr(r, vn, "ruolo"), roles, 3, RZ_ROLE_PO);
            if (!rd_attr_double(r, vn, "peso-obiettivi", &e->objectives_share))
                e->objectives_share = 100;
            size_t ocap = 0;
            FOR_CHILD(on, vn, "obiettivo")
            {
                rz_individual_objective *io = PUSH(r, e->objectives, e->n_objectives, ocap);
                if (!io)
                    continue;
                static const field objective_fields[] = {
                    ATTR(rz_individual_objective, code, "codice"),
                    CHILD(rz_individual_objective, title, "titolo"),
                    NUMBER(rz_individual_objective, weight, has_weight, "peso"),
                    ATTR(rz_individual_objective, indicator_code, "indicatore"),
                    ATTR(rz_individual_objective, objective_code, "obiettivo"),
                    ATTR(rz_individual_objective, unit, "unita"),
                };
                io->loc = rd_loc_of(r, on);
                READ_FIELDS(r, on, io, objective_fields);
                xmlNodePtr own = rz_xml_child(on, "indicatore");
                if (own)
                    io->indicator = read_indicator(pr, own, RZ_LEVEL_INDIVIDUAL, NULL);
            }
        }
    } else if (!strcmp(name, "revisioni")) {
        static const char *const rev_kinds[] = {"inserimento", "aggiornamento", "eliminazione"};
        FOR_CHILD(rn, n, "revisione")
        {
            rz_revision *rv = PUSH(r, p->revisions, p->n_revisions, cap);
            if (!rv)
                continue;
            rv->loc = rd_loc_of(r, rn);
            rv->kind =
                (rz_revision_kind)rd_lookup(rd_attr(r, rn, "tipo"), rev_kinds, 3, RZ_REV_UPDATE);
            static const field fields[] = {
                ATTR(rz_revision, subject, "oggetto"),
                ATTR(rz_revision, deliberation, "delibera"),
                DATE(rz_revision, date, has_date, "data"),
                CHILD(rz_revision, note, "nota"),
            };
            READ_FIELDS(r, rn, rv, fields);
        }
    }
}

static rz_plan *new_plan(const char *path, plan_reader *pr, rz_diags *d)
{
    rz_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    rz_arena_init(&p->arena);
    p->file = rz_arena_strdup(&p->arena, path);
    *pr = (plan_reader){{&p->arena, p->file, d}, p, 0, 0};
    read_rules(&pr->r, NULL, &p->rules); /* the defaults, until <regole> */
    return p;
}

/* What follows the reading: references resolved, the checks, revisions. */
static rz_status finish_plan(plan_reader *pr, size_t errors_before, rz_plan **out)
{
    rz_plan *p = pr->p;
    rz_diags *d = pr->r.d;
    if (rd_out_of_memory(&p->arena, p->file, d)) {
        rz_plan_free(p);
        return RZ_IO;
    }
    index_plan(p);
    /* Individual objectives that name a plan indicator, resolved once every
     * indicator is known. */
    for (size_t i = 0; i < p->n_evaluated; i++)
        for (size_t j = 0; j < p->evaluated[i].n_objectives; j++) {
            rz_individual_objective *io = &p->evaluated[i].objectives[j];
            if (io->indicator_code && !io->indicator)
                io->indicator = rz_plan_indicator(p, io->indicator_code);
            for (int k = RZ_OBJ_OPERATIONAL; io->objective_code && !io->objective && k >= 0; k--)
                io->objective = rz_plan_objective(p, (rz_objective_kind)k, io->objective_code);
        }
    rd_check_plan(&pr->r, p);
    apply_revisions(p);
    if (rd_out_of_memory(&p->arena, p->file, d)) {
        rz_plan_free(p);
        return RZ_IO;
    }
    *out = p;
    return d->errors > errors_before ? RZ_INVALID : RZ_OK;
}

static rz_status not_a_plan(const rz_xml *x, rz_diags *d)
{
    rz_diag_add(d, RZ_ERROR, x->path, 0, "kind", "atteso un Piano della performance, trovato: %s",
                rz_doc_name(x->kind));
    return RZ_INVALID;
}

rz_status rz_plan_from_xml(const rz_xml *x, rz_plan **out, rz_diags *d)
{
    *out = NULL;
    if (x->kind != RZ_DOC_PIANO)
        return not_a_plan(x, d);
    plan_reader pr;
    rz_plan *p = new_plan(x->path, &pr, d);
    if (!p)
        return RZ_IO;
    size_t before = d->errors;
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            read_plan_piece(&pr, c);
    return finish_plan(&pr, before, out);
}

/* <ente> stays in the tree: its terms are read by the inputs (inputs.c). */
static int on_piece(void *user, xmlNodePtr n)
{
    read_plan_piece(user, n);
    return strcmp((const char *)n->name, "ente") == 0;
}

rz_status rz_plan_read(const char *path, rz_plan **out, rz_xml *x, rz_diags *d)
{
    *out = NULL;
    plan_reader pr;
    rz_plan *p = new_plan(path, &pr, d);
    if (!p) {
        memset(x, 0, sizeof *x);
        rz_diag_out_of_memory(d, path, "leggendo il file");
        return RZ_IO;
    }
    static const char *const containers[] = {"aree-strategiche", NULL};
    const rz_xml_pieces pieces = {RZ_DOC_PIANO, containers, on_piece, &pr};
    size_t before = d->errors;
    rz_status st = rz_xml_load_pieces(path, &pieces, x, d);
    if (st != RZ_OK || x->kind != RZ_DOC_PIANO) {
        rz_plan_free(p);
        return st;
    }
    return finish_plan(&pr, before, out);
}

rz_status rz_plan_load(const char *path, rz_plan **out, rz_diags *d)
{
    rz_xml x;
    rz_status st = rz_plan_read(path, out, &x, d);
    if (st == RZ_OK && x.kind != RZ_DOC_PIANO)
        st = not_a_plan(&x, d);
    rz_xml_free(&x);
    return st;
}
