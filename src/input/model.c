/*
 * model.c — from a validated DOM to rz_plan / rz_monitoring, with the checks
 * XSD cannot express.
 *
 * The schema has already guaranteed the shape (which elements, which
 * attributes, their lexical types), so this file reads without re-checking
 * shape and concentrates on meaning: codes unique, references resolving,
 * weights summing, targets readable for their kind, dates real and in
 * period. Every problem becomes a diagnostic at the line of the element
 * concerned, and checking goes on, so a clerk sees all problems at once.
 *
 * Check identifiers used here: dup-code, ref, weights-sum, weights-partial,
 * target, target-year, date, date-range, year, period, data.
 */
#define _POSIX_C_SOURCE 200809L
#include "model.h"
#include "format.h"
#include "readers.h"

#include <libxml/tree.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* DOM reading helpers                                                 */
/* ------------------------------------------------------------------ */

typedef struct {
    rz_arena *arena;
    const char *file;
    rz_diags *d;
} reader;

#define FOR_CHILD(var, parent, name)                                                               \
    for (xmlNodePtr var = rz_xml_child((parent), (name)); var; var = rz_xml_next(var, (name)))

static const char *trim_dup(reader *r, const char *s)
{
    if (!s)
        return NULL;
    size_t n;
    s = rz_trim(s, &n);
    return rz_arena_strndup(r->arena, s, n);
}

/* Attribute and text values are read in place when they are a single text
 * node (the usual case), avoiding libxml2's copy for each one. */
static const char *attr(reader *r, xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
    if (!a)
        return NULL;
    if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
        return trim_dup(r, (const char *)a->children->content);
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    const char *s = trim_dup(r, v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static const char *text_of(reader *r, xmlNodePtr n)
{
    if (!n)
        return NULL;
    const char *s;
    if (!n->children) {
        return NULL;
    } else if (n->children->type == XML_TEXT_NODE && !n->children->next) {
        s = trim_dup(r, (const char *)n->children->content);
    } else {
        xmlChar *v = xmlNodeGetContent(n);
        if (!v)
            return NULL;
        s = trim_dup(r, (const char *)v);
        xmlFree(v);
    }
    return s && *s ? s : NULL;
}

static const char *child_text(reader *r, xmlNodePtr n, const char *name)
{
    return text_of(r, rz_xml_child(n, name));
}

static rz_loc loc_of(reader *r, xmlNodePtr n)
{
    rz_loc l = {r->file, rz_xml_line(n)};
    return l;
}

static int parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return 0;
    char *end;
    double v = strtod(s, &end);
    if (*end != '\0' || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

static int attr_double(reader *r, xmlNodePtr n, const char *name, double *out)
{
    const char *s = attr(r, n, name);
    return s && parse_double(s, out);
}

static int attr_bool(reader *r, xmlNodePtr n, const char *name)
{
    const char *s = attr(r, n, name);
    return s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
}

static int attr_int(reader *r, xmlNodePtr n, const char *name, int fallback)
{
    double v;
    if (attr_double(r, n, name, &v))
        return (int)v;
    return fallback;
}

static int text_int(reader *r, xmlNodePtr n, int fallback)
{
    double v;
    if (parse_double(text_of(r, n), &v))
        return (int)v;
    return fallback;
}

/* A date attribute, checked to be a real date; *has is 0 when absent. */
static void attr_date(reader *r, xmlNodePtr n, const char *name, int *has, rz_date *out)
{
    const char *s = attr(r, n, name);
    *has = 0;
    if (!s)
        return;
    if (rz_date_parse_iso(s, out)) {
        *has = 1;
        return;
    }
    rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(n), "date",
                "'%s' nell'attributo %s non è una data reale: scrivere AAAA-MM-GG (es. "
                "2019-06-30)",
                s, name);
}

/* The readers' tables. Most elements are a list of "this attribute, or
 * the text of this child, into that field": a table says it once per
 * element, and the code left around it is what is particular to the
 * element. The macros check each field's type at compile time (comparing
 * pointers of distinct types does not compile). */
typedef enum {
    F_ATTR,   /* const char *: the attribute's text, NULL when absent */
    F_CHILD,  /* const char *: the text of the child element */
    F_INT,    /* int: the attribute as a number, 0 when absent */
    F_LONG,   /* long: likewise */
    F_BOOL,   /* int: 1 for "true" or "1" */
    F_NUMBER, /* double, and an int saying whether it was there */
    F_DATE    /* rz_date, and an int saying whether it was there; a date
               * that is not real is an error */
} field_kind;

typedef struct {
    field_kind kind;
    const char *name;
    size_t at, has; /* where the field and its "was there" flag are */
} field;

#define FIELD_AT(type, m, ctype) (offsetof(type, m) + 0 * sizeof(&((type *)0)->m == (ctype *)0))
#define ATTR(type, m, name)                                                                        \
    {                                                                                              \
        F_ATTR, name, FIELD_AT(type, m, const char *), 0                                           \
    }
#define CHILD(type, m, name)                                                                       \
    {                                                                                              \
        F_CHILD, name, FIELD_AT(type, m, const char *), 0                                          \
    }
#define INT(type, m, name)                                                                         \
    {                                                                                              \
        F_INT, name, FIELD_AT(type, m, int), 0                                                     \
    }
#define LONG(type, m, name)                                                                        \
    {                                                                                              \
        F_LONG, name, FIELD_AT(type, m, long), 0                                                   \
    }
#define BOOL(type, m, name)                                                                        \
    {                                                                                              \
        F_BOOL, name, FIELD_AT(type, m, int), 0                                                    \
    }
#define NUMBER(type, m, has, name)                                                                 \
    {                                                                                              \
        F_NUMBER, name, FIELD_AT(type, m, double), FIELD_AT(type, has, int)                        \
    }
#define DATE(type, m, has, name)                                                                   \
    {                                                                                              \
        F_DATE, name, FIELD_AT(type, m, rz_date), FIELD_AT(type, has, int)                         \
    }

static void read_fields(reader *r, xmlNodePtr n, void *obj, const field *f, size_t count)
{
    char *base = obj;
    for (size_t i = 0; i < count; i++) {
        void *at = base + f[i].at;
        int *has = (int *)(void *)(base + f[i].has);
        switch (f[i].kind) {
        case F_ATTR:
            *(const char **)at = attr(r, n, f[i].name);
            break;
        case F_CHILD:
            *(const char **)at = child_text(r, n, f[i].name);
            break;
        case F_INT:
            *(int *)at = attr_int(r, n, f[i].name, 0);
            break;
        case F_LONG:
            *(long *)at = attr_int(r, n, f[i].name, 0);
            break;
        case F_BOOL:
            *(int *)at = attr_bool(r, n, f[i].name);
            break;
        case F_NUMBER:
            *has = attr_double(r, n, f[i].name, at);
            break;
        case F_DATE:
            attr_date(r, n, f[i].name, has, at);
            break;
        }
    }
}

#define READ_FIELDS(r, n, obj, table) read_fields(r, n, obj, table, sizeof table / sizeof table[0])

#define PUSH(r, arr, count, cap) RZ_ARENA_PUSH((r)->arena, arr, count, cap)

static void push_code(reader *r, rz_codes *c, const char *code)
{
    if (!code)
        return;
    const char **slot = PUSH(r, c->items, c->count, c->cap);
    if (slot)
        *slot = code;
}

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

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

static const char *const target_kind_names[] = {"percentuale", "numero", "data",
                                                "giorni",      "testo",  "rapporto-anno-precedente",
                                                "benchmark",   "scala",  "si-no"};

const char *rz_target_kind_name(rz_target_kind k)
{
    return target_kind_names[k];
}

static const char *const measure_names[] = {"rapporto", "valore", "data", "testo", "sal", "si-no"};

const char *rz_measure_name(rz_measure m)
{
    return measure_names[m];
}

/* The level in words, for messages, with its article ("l'" + "area
 * strategica"). */
static const struct {
    const char *article, *noun;
} level_words[] = {{"l'", "ente"},
                   {"l'", "area strategica"},
                   {"l'", "obiettivo strategico"},
                   {"l'", "obiettivo operativo"},
                   {"l'", "indicatore"},
                   {"l'", "unità organizzativa"},
                   {"il ", "valutato"}};

const char *rz_node_level_noun(rz_node_level l)
{
    return level_words[l].noun;
}

static const char *const level_names[] = {
    "ente",       "area",  "obiettivo-strategico", "obiettivo-operativo",
    "indicatore", "unita", "individuale"};

const char *rz_node_level_name(rz_node_level l)
{
    return level_names[l];
}

static int lookup(const char *s, const char *const *names, int n, int fallback)
{
    if (!s)
        return fallback;
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return fallback;
}

/* ------------------------------------------------------------------ */
/* Plan                                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    reader r;
    rz_plan *p;
    size_t cap_ind, cap_areas;
} plan_reader;

static void read_codes(reader *r, xmlNodePtr parent, const char *name, rz_codes *out)
{
    FOR_CHILD(c, parent, name)
    push_code(r, out, attr(r, c, "ref"));
}

static void read_target(reader *r, xmlNodePtr n, rz_target *t)
{
    static const char *const cmps[] = {"ge", "gt", "le", "lt", "eq", "intervallo"};
    t->loc = loc_of(r, n);
    t->year = attr_int(r, n, "anno", 0);
    t->cmp = (rz_comparator)lookup(attr(r, n, "comparatore"), cmps, 6, RZ_CMP_GE);
    t->kind = (rz_target_kind)lookup(attr(r, n, "tipo"), target_kind_names, 9, RZ_TGT_NUMBER);
    t->text = child_text(r, n, "testo");
    t->reference = attr(r, n, "riferimento");
    t->raw_value = attr(r, n, "valore");
    t->derived_from = attr(r, n, "ricavato-da");
    const char *what = t->text ? t->text : (t->raw_value ? t->raw_value : "");

    if (t->cmp == RZ_CMP_RANGE) {
        const char *lo = attr(r, n, "minimo"), *hi = attr(r, n, "massimo");
        if (!parse_double(lo, &t->min) || !parse_double(hi, &t->max)) {
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
    if (attr_double(r, n, "scala-min", &smin) && attr_double(r, n, "scala-max", &smax)) {
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
        if (v && !parse_double(v, &t->value))
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
        if (!v || !parse_double(v, &t->value)) {
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
            push_code(r, &ind->perspectives, attr(r, c, "ref"));
        } else if (!strcmp(name, "programma")) {
            push_code(r, &ind->programmes, attr(r, c, "ref"));
        } else if (!strcmp(name, "rilevato-da")) {
            push_code(r, &ind->measured_by, attr(r, c, "ref"));
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
    ind->loc = loc_of(r, n);
    ind->code = attr(r, n, "codice");
    ind->title = text_of(r, title);
    ind->description = text_of(r, descr);
    ind->algorithm = text_of(r, algo);
    ind->numerator_label = text_of(r, num);
    ind->denominator_label = text_of(r, den);
    ind->unit_of_measure = text_of(r, uom);
    ind->source = text_of(r, src);
    ind->source_kind =
        src ? (rz_source_kind)lookup(attr(r, src, "tipo"), sources, 4, RZ_SOURCE_UNSPECIFIED)
            : RZ_SOURCE_UNSPECIFIED;
    ind->has_weight = attr_double(r, n, "peso", &ind->weight);
    ind->measure = (rz_measure)lookup(attr(r, n, "misura"), measure_names, 6, RZ_MEASURE_VALUE);
    ind->aggregation = (rz_aggregation)lookup(attr(r, n, "aggregazione"), aggs, 5, RZ_AGG_SUM);
    static const char *const unit_aggs[] = {"insieme", "somma", "media", "minimo", "massimo"};
    ind->unit_aggregation = (rz_unit_aggregation)lookup(attr(r, n, "aggregazione-unita"), unit_aggs,
                                                        5, RZ_UNITS_POOLED);
    ind->transparency = attr_bool(r, n, "trasparenza");
    ind->anticorruption = attr_bool(r, n, "anticorruzione");
    ind->significant = attr_bool(r, n, "significativo");
    ind->territorial = attr_bool(r, n, "sede-territoriale");
    ind->owner = own ? attr(r, own, "ref") : NULL;
    if (base) {
        ind->baseline = text_of(r, base);
        ind->baseline_year = attr_int(r, base, "anno", 0);
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
            res->kind = (rz_resource_kind)lookup(attr(r, v, "tipo"), kinds, 3, 0);
            res->year = attr_int(r, v, "anno", 0);
            res->has_forecast = attr_double(r, v, "previsione", &res->forecast);
            res->has_actual = attr_double(r, v, "consuntivo", &res->actual);
        }
        if (!o->staff)
            o->staff = child_text(r, rs, "personale");
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
    o->loc = loc_of(r, n);
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
        o->period_from = attr_int(r, per, "da", 0);
        o->period_to = attr_int(r, per, "a", 0);
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
    if (parse_double(child_text(r, n, "punteggio-massimo"), &v))
        ru->cap = v;
    if (parse_double(child_text(r, n, "realizzazione-massima"), &v)) {
        ru->has_achievement_cap = 1;
        ru->achievement_cap = v;
    }
    if (parse_double(child_text(r, n, "soglia-pieno-punteggio"), &v)) {
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
            attr_double(r, b, "da", &band->from);
            band->has_to = attr_double(r, b, "a", &band->to);
            int fixed = attr_double(r, b, "punteggio", &band->score);
            int lo = attr_double(r, b, "punteggio-da", &band->score_from);
            int hi = attr_double(r, b, "punteggio-a", &band->score_to);
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
        const char *t = text_of(r, x);
        ru->all_or_nothing = t && (strcmp(t, "true") == 0 || strcmp(t, "1") == 0);
    }
    if ((x = rz_xml_child(n, "arrotondamento-risultato")))
        ru->result_decimals = attr_int(r, x, "decimali", -1);
    if ((x = rz_xml_child(n, "arrotondamento-realizzazione")))
        ru->achievement_decimals = attr_int(r, x, "decimali", -1);
    const char *lf = child_text(r, n, "formula-minore-migliore");
    if (lf)
        ru->lower_formula =
            strcmp(lf, "rapporto-inverso") == 0 ? RZ_LOWER_INVERSE_RATIO : RZ_LOWER_RELATIVE_GAP;
    if ((x = rz_xml_child(n, "scadenze"))) {
        const char *rule = attr(r, x, "regola");
        ru->deadline_rule = RZ_DEADLINE_ALL_OR_NOTHING;
        if (rule && strcmp(rule, "penalita-giornaliera") == 0) {
            ru->deadline_rule = RZ_DEADLINE_DAILY_PENALTY;
            if (!attr_double(r, x, "punti-per-giorno", &ru->points_per_day))
                rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(x), "rules",
                            "la regola penalita-giornaliera richiede punti-per-giorno");
        } else if (rule && strcmp(rule, "penalita-mensile") == 0) {
            ru->deadline_rule = RZ_DEADLINE_MONTHLY_PENALTY;
            if (!attr_double(r, x, "punti-per-mese", &ru->points_per_month))
                rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(x), "rules",
                            "la regola penalita-mensile richiede punti-per-mese");
        }
        ru->tolerance_days = attr_int(r, x, "tolleranza-giorni", 0);
    }
    if ((x = rz_xml_child(n, "dati-mancanti"))) {
        const char *rule = attr(r, x, "regola");
        ru->missing_as_zero = rule && strcmp(rule, "zero") == 0;
    }
    static const char *const gate_levels[] = {"area", "obiettivo-strategico", "obiettivo-operativo",
                                              "obiettivo-individuale"};
    FOR_CHILD(g, rz_xml_child(n, "soglie-minime"), "soglia-minima")
    {
        int level = lookup(attr(r, g, "livello"), gate_levels, RZ_GATE_LEVELS, -1);
        if (level >= 0 && attr_double(r, g, "punteggio", &ru->gate[level]))
            ru->has_gate[level] = 1;
    }
    if ((x = rz_xml_child(n, "obiettivo-strategico"))) {
        const char *c = attr(r, x, "calcolo");
        if (c && strcmp(c, "operativi") == 0)
            ru->os_rule = RZ_OS_FROM_OPERATIONAL;
        else if (c && strcmp(c, "entrambi") == 0)
            ru->os_rule = RZ_OS_FROM_BOTH;
        ru->has_os_indicator_weight =
            attr_double(r, x, "peso-indicatori", &ru->os_indicator_weight);
    }
    if ((x = rz_xml_child(n, "esiti"))) {
        attr_double(r, x, "raggiunto", &ru->reached);
        attr_double(r, x, "parziale", &ru->partial);
        if (ru->partial > ru->reached)
            rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(x), "rules",
                        "la soglia 'parziale' (%g) supera quella 'raggiunto' (%g)", ru->partial,
                        ru->reached);
    }
    FOR_CHILD(inf, n, "deduzione")
    {
        const char *rule = attr(r, inf, "regola");
        if (rule && !strcmp(rule, "soglia-pieno-punteggio"))
            ru->inferred |= RZ_INFERRED_THRESHOLD;
        else if (rule && !strcmp(rule, "arrotondamento-risultato"))
            ru->inferred |= RZ_INFERRED_ROUNDING;
        else if (rule && !strcmp(rule, "stato-rettifiche"))
            ru->inferred |= RZ_INFERRED_RETTIFICA_STATUS;
    }
    if ((x = rz_xml_child(n, "decimali"))) {
        ru->indicator_decimals = attr_int(r, x, "indicatori", 2);
        ru->objective_decimals = attr_int(r, x, "obiettivi", 1);
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

/* --- plan checks --- */

/* Codes already seen, with the line of their first use (stored +1 so that
 * line 0 is not a NULL value). */
typedef rz_strmap code_set;

static long code_set_line(const code_set *s, const char *code)
{
    void *v = rz_strmap_get(s, code);
    return v ? (long)(intptr_t)v - 1 : -1;
}

/* Adds code; reports a duplicate (what names the kind of element). */
static void unique(reader *r, code_set *s, const char *code, long line, const char *what)
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
    unique(r, &objs[o->kind], o->code, o->loc.line, kinds[o->kind]);
    for (size_t i = 0; i < o->n_indicators; i++)
        unique(r, inds, o->indicators[i]->code, o->indicators[i]->loc.line, "di indicatore");
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

static void check_plan(reader *r, rz_plan *p)
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
        unique(r, &units, p->units[i].code, p->units[i].loc.line, "di unità organizzativa");
    for (size_t i = 0; i < p->n_deliberations; i++)
        unique(r, &dels, p->deliberations[i].id, p->deliberations[i].loc.line, "di delibera");
    for (size_t i = 0; i < p->n_areas; i++)
        collect_codes(r, p->areas[i], objs, &inds);
    for (size_t i = 0; i < p->n_evaluated; i++) {
        const rz_evaluated *e = &p->evaluated[i];
        unique(r, &evals, e->code, e->loc.line, "di valutato");
        for (size_t j = 0; j < e->n_objectives; j++)
            if (e->objectives[j].indicator && !e->objectives[j].indicator_code)
                unique(r, &inds, e->objectives[j].indicator->code,
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

static void read_plan(plan_reader *pr, xmlNodePtr root)
{
    reader *r = &pr->r;
    rz_plan *p = pr->p;
    xmlNodePtr ente = rz_xml_child(root, "ente");
    static const field body[] = {
        CHILD(rz_plan, body_name, "nome"),
        CHILD(rz_plan, body_short, "nome-breve"),
        CHILD(rz_plan, body_site, "sito"),
        CHILD(rz_plan, data_licence, "licenza-dati"),
    };
    static const field period[] = {INT(rz_plan, period_from, "da"), INT(rz_plan, period_to, "a")};
    READ_FIELDS(r, ente, p, body);
    p->year = text_int(r, rz_xml_child(root, "anno"), 0);
    READ_FIELDS(r, rz_xml_child(root, "triennio"), p, period);
    p->title = child_text(r, root, "titolo");

    size_t cap = 0;
    FOR_CHILD(dn, rz_xml_child(root, "delibere"), "delibera")
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
        dl->loc = loc_of(r, dn);
        READ_FIELDS(r, dn, dl, fields);
        dl->subject = text_of(r, dn);
        dl->url = attr(r, dn, "url");
    }
    read_rules(r, rz_xml_child(root, "regole"), &p->rules);

    cap = 0;
    FOR_CHILD(pn, rz_xml_child(root, "prospettive"), "prospettiva")
    {
        rz_named *nm = PUSH(r, p->perspectives, p->n_perspectives, cap);
        if (nm) {
            nm->code = attr(r, pn, "codice");
            nm->name = text_of(r, pn);
        }
    }
    cap = 0;
    FOR_CHILD(pn, rz_xml_child(root, "programmi"), "programma")
    {
        rz_programme *pg = PUSH(r, p->programmes, p->n_programmes, cap);
        if (pg) {
            pg->code = attr(r, pn, "codice");
            pg->mission = child_text(r, pn, "missione");
            pg->name = child_text(r, pn, "nome");
        }
    }
    static const char *const unit_kinds[] = {"ente",    "segreteria-generale", "area",  "servizio",
                                             "ufficio", "azienda-speciale",    "fondo", "altro"};
    cap = 0;
    FOR_CHILD(un, rz_xml_child(root, "unita-organizzative"), "unita")
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
        u->loc = loc_of(r, un);
        READ_FIELDS(r, un, u, fields);
        u->kind = (rz_unit_kind)lookup(attr(r, un, "tipo"), unit_kinds, 8, RZ_UNIT_ALTRO);
    }
    FOR_CHILD(an, rz_xml_child(root, "aree-strategiche"), "area-strategica")
    {
        rz_objective *area = read_objective(pr, an, RZ_OBJ_AREA, NULL);
        rz_objective **slot = area ? PUSH(r, p->areas, p->n_areas, pr->cap_areas) : NULL;
        if (slot)
            *slot = area;
    }

    static const char *const roles[] = {"segretario-generale", "dirigente",
                                        "posizione-organizzativa"};
    cap = 0;
    FOR_CHILD(vn, rz_xml_child(root, "obiettivi-individuali"), "valutato")
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
        e->loc = loc_of(r, vn);
        READ_FIELDS(r, vn, e, fields);
        e->role = (rz_role)lookup(attr(r, vn, "ruolo"), roles, 3, RZ_ROLE_PO);
        if (!attr_double(r, vn, "peso-obiettivi", &e->objectives_share))
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
            io->loc = loc_of(r, on);
            READ_FIELDS(r, on, io, objective_fields);
            xmlNodePtr own = rz_xml_child(on, "indicatore");
            if (own)
                io->indicator = read_indicator(pr, own, RZ_LEVEL_INDIVIDUAL, NULL);
        }
    }

    static const char *const rev_kinds[] = {"inserimento", "aggiornamento", "eliminazione"};
    cap = 0;
    FOR_CHILD(rn, rz_xml_child(root, "revisioni"), "revisione")
    {
        rz_revision *rv = PUSH(r, p->revisions, p->n_revisions, cap);
        if (!rv)
            continue;
        rv->loc = loc_of(r, rn);
        rv->kind = (rz_revision_kind)lookup(attr(r, rn, "tipo"), rev_kinds, 3, RZ_REV_UPDATE);
        static const field fields[] = {
            ATTR(rz_revision, subject, "oggetto"),
            ATTR(rz_revision, deliberation, "delibera"),
            DATE(rz_revision, date, has_date, "data"),
            CHILD(rz_revision, note, "nota"),
        };
        READ_FIELDS(r, rn, rv, fields);
    }
}

/* The stage's allocation check: whatever failed while reading left the
 * model incomplete, so the caller gets RZ_IO and no model. */
static int out_of_memory(const rz_arena *a, const char *path, rz_diags *d)
{
    if (!a->failed)
        return 0;
    rz_diag_out_of_memory(d, path, "leggendo il file");
    return 1;
}

rz_status rz_plan_from_xml(const rz_xml *x, rz_plan **out, rz_diags *d)
{
    *out = NULL;
    if (x->kind != RZ_DOC_PIANO) {
        rz_diag_add(d, RZ_ERROR, x->path, 0, "kind",
                    "atteso un Piano della performance, trovato: %s", rz_doc_name(x->kind));
        return RZ_INVALID;
    }
    rz_plan *p = calloc(1, sizeof *p);
    if (!p)
        return RZ_IO;
    rz_arena_init(&p->arena);
    p->file = rz_arena_strdup(&p->arena, x->path);
    plan_reader pr = {{&p->arena, p->file, d}, p, 0, 0};
    size_t before = d->errors;
    read_plan(&pr, xmlDocGetRootElement(x->doc));
    if (out_of_memory(&p->arena, x->path, d)) {
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
    check_plan(&pr.r, p);
    apply_revisions(p);
    if (out_of_memory(&p->arena, x->path, d)) {
        rz_plan_free(p);
        return RZ_IO;
    }
    *out = p;
    return d->errors > before ? RZ_INVALID : RZ_OK;
}

rz_status rz_plan_load(const char *path, rz_plan **out, rz_diags *d)
{
    *out = NULL;
    rz_xml x;
    rz_status st = rz_xml_load(path, 1, &x, d);
    if (st != RZ_OK)
        return st;
    st = rz_plan_from_xml(&x, out, d);
    rz_xml_free(&x);
    return st;
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

/* ------------------------------------------------------------------ */
/* Monitoring                                                          */
/* ------------------------------------------------------------------ */

static rz_node_level node_level(reader *r, xmlNodePtr n)
{
    return (rz_node_level)lookup(attr(r, n, "livello"), level_names, 7, RZ_NODE_ENTE);
}

static void read_unit_data(reader *r, xmlNodePtr n, rz_unit_data *u)
{
    u->loc = loc_of(r, n);
    u->unit = attr(r, n, "unita");
    size_t cap = 0;
    FOR_CHILD(pn, n, "periodo")
    {
        rz_period_value *v = PUSH(r, u->values, u->n_values, cap);
        if (!v)
            continue;
        static const field fields[] = {
            ATTR(rz_period_value, period, "periodo"),
            BOOL(rz_period_value, missing, "mancante"),
            NUMBER(rz_period_value, num, has_num, "numeratore"),
            NUMBER(rz_period_value, den, has_den, "denominatore"),
            NUMBER(rz_period_value, value, has_value, "valore"),
        };
        v->loc = loc_of(r, pn);
        READ_FIELDS(r, pn, v, fields);
        const char *yn = attr(r, pn, "si-no");
        if (yn) {
            v->has_yesno = 1;
            v->yesno = strcmp(yn, "si") == 0;
        }
        attr_date(r, pn, "data", &v->has_date, &v->date);
        v->bad_date = !v->has_date && attr(r, pn, "data") != NULL;
        v->printed = text_of(r, pn);
    }
    xmlNodePtr x;
    if ((x = rz_xml_child(n, "anno-precedente"))) {
        u->has_prev = 1;
        u->prev_has_value = attr_double(r, x, "valore", &u->prev_value);
        u->prev_has_ratio = attr_double(r, x, "numeratore", &u->prev_num) &&
                            attr_double(r, x, "denominatore", &u->prev_den);
    }
    if ((x = rz_xml_child(n, "benchmark"))) {
        u->has_benchmark = attr_double(r, x, "valore", &u->benchmark);
        u->benchmark_text = text_of(r, x);
    }
    if ((x = rz_xml_child(n, "esito"))) {
        u->has_outcome = 1;
        u->outcome_text = text_of(r, x);
        u->has_completion = attr_double(r, x, "completamento", &u->completion);
        attr_date(r, x, "data", &u->has_outcome_date, &u->outcome_date);
    }
}

static void read_declared(reader *r, xmlNodePtr n, rz_declared *dc)
{
    static const field fields[] = {
        ATTR(rz_declared, where, "dove"),
        LONG(rz_declared, page, "pagina"),
        ATTR(rz_declared, unit, "unita"),
        ATTR(rz_declared, result, "risultato"),
        ATTR(rz_declared, target, "target"),
        ATTR(rz_declared, achievement, "realizzazione"),
        ATTR(rz_declared, normalised, "parametrata"),
        ATTR(rz_declared, weight, "peso"),
        ATTR(rz_declared, weight_entity, "peso-ente"),
        ATTR(rz_declared, algorithm, "algoritmo"),
    };
    dc->loc = loc_of(r, n);
    READ_FIELDS(r, n, dc, fields);
    const char *est = attr(r, n, "accertato");
    dc->established = est && (!strcmp(est, "true") || !strcmp(est, "1"));
}

static void read_validation(reader *r, xmlNodePtr n, rz_validation *v)
{
    static const char *const outcomes[] = {"non-valutato", "positivo", "con-osservazioni",
                                           "negativo"};
    if (!n)
        return;
    v->present = 1;
    v->loc = loc_of(r, n);
    v->body = child_text(r, n, "organismo");
    xmlNodePtr x;
    if ((x = rz_xml_child(n, "delibera-relazione"))) {
        v->approval_organ = attr(r, x, "organo");
        if (!v->approval_organ)
            v->approval_organ = "Giunta";
        v->approval_number = attr(r, x, "numero");
        attr_date(r, x, "data", &v->has_approval_date, &v->approval_date);
    }
    if ((x = rz_xml_child(n, "trasmissione"))) {
        v->transmission_office = attr(r, x, "ufficio");
        attr_date(r, x, "data", &v->has_transmission_date, &v->transmission_date);
    }
    v->guidelines = child_text(r, n, "linee-guida");
    FOR_CHILD(pn, n, "punto")
    {
        const char *c = attr(r, pn, "codice");
        if (!c || c[0] < 'A' || c[0] > 'K')
            continue;
        rz_validation_point *pt = &v->points[c[0] - 'A'];
        if (pt->code)
            rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(pn), "dup-code",
                        "il punto %c della validazione è indicato due volte", c[0]);
        pt->code = c[0];
        pt->outcome = (rz_point_outcome)lookup(attr(r, pn, "esito"), outcomes, 4, RZ_POINT_UNSET);
        pt->text = text_of(r, pn);
        pt->loc = loc_of(r, pn);
    }
    if ((x = rz_xml_child(n, "valutazione-complessiva"))) {
        v->has_overall = attr_double(r, x, "punteggio", &v->overall_score);
        v->overall_text = text_of(r, x);
    }
    v->verdict = child_text(r, n, "esito");
    v->remarks = child_text(r, n, "osservazioni");
    if ((x = rz_xml_child(n, "luogo-data"))) {
        v->place = attr(r, x, "luogo");
        attr_date(r, x, "data", &v->has_sign_date, &v->sign_date);
    }
    FOR_CHILD(fn, n, "firmatario")
    {
        if (v->n_signatories == sizeof v->signatories / sizeof v->signatories[0])
            break;
        v->signatories[v->n_signatories].role = attr(r, fn, "ruolo");
        v->signatories[v->n_signatories].name = text_of(r, fn);
        v->n_signatories++;
    }
}

static void read_monitoring(reader *r, rz_monitoring *m, xmlNodePtr root)
{
    m->body_name = child_text(r, root, "ente");
    m->year = text_int(r, rz_xml_child(root, "anno"), 0);
    m->year_line = rz_xml_line(rz_xml_child(root, "anno"));
    m->plan_file = attr(r, rz_xml_child(root, "piano"), "file");
    size_t cap = 0;
    FOR_CHILD(pn, rz_xml_child(root, "periodi"), "periodo")
    {
        rz_period *p = PUSH(r, m->periods, m->n_periods, cap);
        if (!p)
            continue;
        p->code = attr(r, pn, "codice");
        p->name = text_of(r, pn);
        int has_from, has_to;
        attr_date(r, pn, "dal", &has_from, &p->from);
        attr_date(r, pn, "al", &has_to, &p->to);
        if (has_from && has_to && p->from > p->to)
            rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(pn), "period",
                        "il periodo %s finisce prima di cominciare", p->code);
    }
    cap = 0;
    FOR_CHILD(rn, rz_xml_child(root, "rilevazioni"), "rilevazione")
    {
        rz_observation *o = PUSH(r, m->observations, m->n_observations, cap);
        if (!o)
            continue;
        o->loc = loc_of(r, rn);
        o->indicator = attr(r, rn, "indicatore");
        size_t dcap = 0, ccap = 0;
        FOR_CHILD(dn, rn, "dati")
        {
            rz_unit_data *u = PUSH(r, o->data, o->n_data, dcap);
            if (u)
                read_unit_data(r, dn, u);
        }
        FOR_CHILD(dn, rn, "dichiarato")
        {
            rz_declared *dc = PUSH(r, o->declared, o->n_declared, ccap);
            if (dc)
                read_declared(r, dn, dc);
        }
        o->deviation_reason = child_text(r, rn, "motivazione-scostamento");
        o->note = child_text(r, rn, "nota");
    }
    cap = 0;
    FOR_CHILD(sn, rz_xml_child(root, "punteggi-dichiarati"), "punteggio")
    {
        rz_declared_score *s = PUSH(r, m->declared_scores, m->n_declared_scores, cap);
        if (!s)
            continue;
        static const field fields[] = {
            ATTR(rz_declared_score, code, "codice"),
            ATTR(rz_declared_score, where, "dove"),
            LONG(rz_declared_score, page, "pagina"),
            ATTR(rz_declared_score, value, "valore"),
            ATTR(rz_declared_score, weight, "peso"),
            ATTR(rz_declared_score, weight_entity, "peso-ente"),
            ATTR(rz_declared_score, contribution, "contributo"),
        };
        s->loc = loc_of(r, sn);
        s->level = node_level(r, sn);
        READ_FIELDS(r, sn, s, fields);
    }
    cap = 0;
    FOR_CHILD(xn, rz_xml_child(root, "rettifiche"), "rettifica")
    {
        rz_rettifica *rt = PUSH(r, m->rettifiche, m->n_rettifiche, cap);
        if (!rt)
            continue;
        rt->loc = loc_of(r, xn);
        rt->id = attr(r, xn, "id");
        rt->level = node_level(r, xn);
        rt->code = attr(r, xn, "codice");
        attr_double(r, xn, "punteggio", &rt->score);
        attr_date(r, xn, "data", &rt->has_date, &rt->date);
        const char *st = attr(r, xn, "stato");
        rt->approved = !st || strcmp(st, "dichiarata") != 0;
        rt->reason = child_text(r, xn, "motivazione");
        rt->decided_by = child_text(r, xn, "deciso-da");
    }
    cap = 0;
    FOR_CHILD(cn, rz_xml_child(root, "criticita-rilevate"), "criticita")
    {
        rz_criticita *c = PUSH(r, m->criticita, m->n_criticita, cap);
        if (!c)
            continue;
        c->loc = loc_of(r, cn);
        c->level = node_level(r, cn);
        c->code = attr(r, cn, "codice");
        c->description = child_text(r, cn, "descrizione");
        size_t acap = 0;
        FOR_CHILD(an, cn, "azione")
        {
            const char **a = PUSH(r, c->actions, c->n_actions, acap);
            if (a)
                *a = text_of(r, an);
        }
    }
    read_validation(r, rz_xml_child(root, "validazione"), &m->validation);
}

static int node_exists(const rz_plan *p, rz_node_level level, const char *code)
{
    switch (level) {
    case RZ_NODE_ENTE:
        return 1;
    case RZ_NODE_AREA:
        return rz_plan_objective(p, RZ_OBJ_AREA, code) != NULL;
    case RZ_NODE_STRATEGIC:
        return rz_plan_objective(p, RZ_OBJ_STRATEGIC, code) != NULL;
    case RZ_NODE_OPERATIONAL:
        return rz_plan_objective(p, RZ_OBJ_OPERATIONAL, code) != NULL;
    case RZ_NODE_INDICATOR:
        return rz_plan_indicator(p, code) != NULL;
    case RZ_NODE_UNIT:
        return rz_plan_unit(p, code) != NULL;
    case RZ_NODE_INDIVIDUAL:
        for (size_t i = 0; i < p->n_evaluated; i++)
            if (p->evaluated[i].code && code && strcmp(p->evaluated[i].code, code) == 0)
                return 1;
        return 0;
    }
    return 0;
}

/* A diagnostic when what ("la rettifica") concerns a node the plan lacks. */
static void check_in_plan(reader *r, const rz_plan *p, const rz_loc *loc, const char *what,
                          rz_node_level level, const char *code)
{
    if (level != RZ_NODE_ENTE && !node_exists(p, level, code))
        rz_diag_add(r->d, RZ_ERROR, r->file, loc->line, "ref",
                    "%s riguarda %s%s '%s', che non è nel Piano", what, level_words[level].article,
                    level_words[level].noun, code ? code : "");
}

static const rz_period *find_period(const rz_monitoring *m, const char *code)
{
    for (size_t i = 0; i < m->n_periods; i++)
        if (m->periods[i].code && code && strcmp(m->periods[i].code, code) == 0)
            return &m->periods[i];
    return NULL;
}

/* Checks of a period value that need no plan. */
static void check_value_basic(reader *r, const rz_monitoring *m, const char *code,
                              const rz_period_value *v)
{
    if (!find_period(m, v->period))
        rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "ref",
                    "indicatore %s: il periodo '%s' non è tra i <periodi> dichiarati", code,
                    v->period);
    if (v->missing) {
        if (v->has_num || v->has_den || v->has_value || v->has_date || v->has_yesno)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: dato segnato come mancante ma con valori; "
                        "togliere mancante=\"true\" o i valori",
                        code, v->period);
        return;
    }
    if (v->has_date) {
        int y, mo, dd;
        rz_date_to_ymd(v->date, &y, &mo, &dd);
        if (m->year && y != m->year)
            rz_diag_add(r->d, RZ_WARNING, r->file, v->loc.line, "date-range",
                        "indicatore %s: la data %02d/%02d/%04d è fuori dall'anno %d", code, dd, mo,
                        y, m->year);
    }
}

/* Does the value carry what the indicator's measure needs? */
static void check_value_measure(reader *r, const rz_indicator *ind, const rz_period_value *v)
{
    const char *code = ind->code;
    if (v->missing)
        return;
    switch (ind->measure) {
    case RZ_MEASURE_RATIO:
        if (!v->has_num || !v->has_den)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: per un rapporto servono numeratore e "
                        "denominatore (oppure mancante=\"true\")",
                        code, v->period);
        else if (v->num < 0 || v->den < 0)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: numeratore e denominatore non possono "
                        "essere negativi",
                        code, v->period);
        break;
    case RZ_MEASURE_VALUE:
    case RZ_MEASURE_SAL:
        if (!v->has_value)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: manca l'attributo valore (oppure "
                        "mancante=\"true\")",
                        code, v->period);
        break;
    case RZ_MEASURE_DATE:
        if (!v->has_date && !v->bad_date) /* a bad date is reported where it is read */
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: manca la data di realizzazione "
                        "(attributo data=\"AAAA-MM-GG\", oppure mancante=\"true\")",
                        code, v->period);
        break;
    case RZ_MEASURE_YESNO:
        if (!v->has_yesno)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: per un indicatore sì/no scrivere "
                        "si-no=\"si\" oppure si-no=\"no\" (oppure mancante=\"true\")",
                        code, v->period);
        break;
    case RZ_MEASURE_TEXT:
        break;
    }
}

static void check_monitoring(reader *r, const rz_monitoring *m)
{
    code_set periods, obs;
    rz_strmap_init(&periods);
    rz_strmap_init(&obs);
    for (size_t i = 0; i < m->n_periods; i++)
        unique(r, &periods, m->periods[i].code, 0, "di periodo");
    for (size_t i = 1; i < m->n_periods; i++)
        if (m->periods[i].from <= m->periods[i - 1].to)
            rz_diag_add(r->d, RZ_WARNING, r->file, 0, "period",
                        "i periodi %s e %s si sovrappongono o non sono in ordine",
                        m->periods[i - 1].code, m->periods[i].code);
    for (size_t i = 0; i < m->n_observations; i++)
        unique(r, &obs, m->observations[i].indicator, m->observations[i].loc.line,
               "di rilevazione (un indicatore compare una sola volta)");

    rz_strmap_free(&periods);
    rz_strmap_free(&obs);
    for (size_t i = 0; i < m->n_observations; i++) {
        const rz_observation *o = &m->observations[i];
        for (size_t j = 0; j < o->n_data; j++) {
            const rz_unit_data *u = &o->data[j];
            for (size_t k = 0; k < u->n_values; k++) {
                check_value_basic(r, m, o->indicator, &u->values[k]);
                for (size_t q = 0; q < k; q++)
                    if (u->values[q].period && u->values[k].period &&
                        strcmp(u->values[q].period, u->values[k].period) == 0)
                        rz_diag_add(r->d, RZ_ERROR, r->file, u->values[k].loc.line, "dup-code",
                                    "indicatore %s: il periodo %s è ripetuto", o->indicator,
                                    u->values[k].period);
            }
            for (size_t k = 0; k < j; k++) {
                const char *a = o->data[k].unit, *b = u->unit;
                if ((!a && !b) || (a && b && strcmp(a, b) == 0))
                    rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "dup-code",
                                "indicatore %s: i dati dell'unità %s sono già alla riga %ld",
                                o->indicator, b ? b : "(ente)", o->data[k].loc.line);
            }
            if (u->has_completion && (u->completion < 0 || u->completion > 100))
                rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "data",
                            "indicatore %s: il completamento %g%% deve essere tra 0 e 100",
                            o->indicator, u->completion);
        }
    }
}

/* The checks that need the plan: references and values against measures. */
static void check_monitoring_plan(reader *r, const rz_monitoring *m, const rz_plan *p)
{
    if (m->year && p->year && m->year != p->year)
        rz_diag_add(r->d, RZ_ERROR, r->file, m->year_line, "year",
                    "i dati sono dell'anno %d ma il Piano %s è dell'anno %d", m->year, p->file,
                    p->year);

    for (size_t i = 0; i < m->n_observations; i++) {
        const rz_observation *o = &m->observations[i];
        const rz_indicator *ind = p ? rz_plan_indicator(p, o->indicator) : NULL;
        if (p && !ind)
            rz_diag_add(r->d, RZ_ERROR, r->file, o->loc.line, "ref",
                        "la rilevazione riguarda l'indicatore '%s', che non è nel Piano %s",
                        o->indicator, p->file);
        for (size_t j = 0; j < o->n_data; j++) {
            const rz_unit_data *u = &o->data[j];
            if (p && u->unit && !rz_plan_unit(p, u->unit))
                rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "ref",
                            "indicatore %s: l'unità '%s' non è definita nel Piano", o->indicator,
                            u->unit);
            if (ind)
                for (size_t k = 0; k < u->n_values; k++)
                    check_value_measure(r, ind, &u->values[k]);
        }
        for (size_t j = 0; j < o->n_declared; j++)
            if (p && o->declared[j].unit && !rz_plan_unit(p, o->declared[j].unit))
                rz_diag_add(r->d, RZ_ERROR, r->file, o->declared[j].loc.line, "ref",
                            "indicatore %s: l'unità '%s' non è definita nel Piano", o->indicator,
                            o->declared[j].unit);
    }
    if (p) {
        for (size_t i = 0; i < m->n_rettifiche; i++)
            check_in_plan(r, p, &m->rettifiche[i].loc, "la rettifica", m->rettifiche[i].level,
                          m->rettifiche[i].code);
        for (size_t i = 0; i < m->n_criticita; i++)
            check_in_plan(r, p, &m->criticita[i].loc, "la criticità", m->criticita[i].level,
                          m->criticita[i].code);
        for (size_t i = 0; i < m->n_declared_scores; i++)
            check_in_plan(r, p, &m->declared_scores[i].loc, "il punteggio dichiarato",
                          m->declared_scores[i].level, m->declared_scores[i].code);
    }
}

rz_status rz_monitoring_from_xml(const rz_xml *x, rz_monitoring **out, rz_diags *d)
{
    *out = NULL;
    if (x->kind != RZ_DOC_MONITORAGGIO) {
        rz_diag_add(d, RZ_ERROR, x->path, 0, "kind", "attesi dati di monitoraggio, trovato: %s",
                    rz_doc_name(x->kind));
        return RZ_INVALID;
    }
    rz_monitoring *m = calloc(1, sizeof *m);
    if (!m)
        return RZ_IO;
    rz_arena_init(&m->arena);
    m->file = rz_arena_strdup(&m->arena, x->path);
    reader r = {&m->arena, m->file, d};
    size_t before = d->errors;
    read_monitoring(&r, m, xmlDocGetRootElement(x->doc));
    if (out_of_memory(&m->arena, x->path, d)) {
        rz_monitoring_free(m);
        return RZ_IO;
    }
    for (size_t i = 0; i < m->n_observations; i++)
        if (m->observations[i].indicator)
            rz_strmap_put(&m->index_observations, m->observations[i].indicator,
                          &m->observations[i]);
    check_monitoring(&r, m);
    if (out_of_memory(&m->arena, x->path, d)) {
        rz_monitoring_free(m);
        return RZ_IO;
    }
    *out = m;
    return d->errors > before ? RZ_INVALID : RZ_OK;
}

rz_status rz_monitoring_check(rz_monitoring *m, const rz_plan *plan, rz_diags *d)
{
    reader r = {&m->arena, m->file, d};
    size_t before = d->errors;
    check_monitoring_plan(&r, m, plan);
    return d->errors > before ? RZ_INVALID : RZ_OK;
}

rz_status rz_monitoring_load(const char *path, const rz_plan *plan, rz_monitoring **out,
                             rz_diags *d)
{
    *out = NULL;
    rz_xml x;
    rz_status st = rz_xml_load(path, 1, &x, d);
    if (st != RZ_OK)
        return st;
    st = rz_monitoring_from_xml(&x, out, d);
    rz_xml_free(&x);
    if (*out && plan && rz_monitoring_check(*out, plan, d) != RZ_OK)
        st = RZ_INVALID;
    return st;
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
