/*
 * contesto.c — see contesto.h.
 *
 * Tables are read into a small model (columns, rows, cells with their
 * resolved type and value) once per use; the checks and the view share
 * that reading, so a figure is interpreted the same way where it is
 * verified and where it is printed.
 *
 * A cell's type is the first of: the cell's own tipo, the column's, the
 * row's (except for the first cell, the row's label), testo. Row types
 * serve tables whose rows are different measures over columns of years. Its printed precision is
 * the first of the same three decimali attributes, then the type's default: none for integers, two
 * for euro, and for decimals and percentages the digits as transcribed (16.1 prints 16,1; 0.4957
 * prints 0,4957), because the source document's precision is what the clerk copied.
 *
 * Totals: a row with ruolo="totale" sums the rows named in its somma
 * attribute or, without it, the data rows since the previous group title
 * or total. The check allows for the rounding of the printed figures: half
 * a unit of the total's last digit, plus half a unit of each addend's for
 * decimals and percentages (shares rounded one by one need not add up to
 * exactly 100).
 */
#define _POSIX_C_SOURCE 200809L
#include "contesto.h"
#include "buf.h"
#include "format.h"
#include "xmlview.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_TESTO, T_INTERO, T_DECIMALE, T_PERCENTUALE, T_EURO, T_DATA } cell_type;

static const char *const type_names[] = {"testo",       "intero", "decimale",
                                         "percentuale", "euro",   "data"};

enum { ROLE_DATA, ROLE_GROUP, ROLE_TOTAL };

typedef struct {
    xmlNodePtr node;
    char *text; /* trimmed */
    cell_type type;
    int decimals;         /* printed precision */
    int written_decimals; /* digits after the point as transcribed */
    int number;           /* text read as a number of a numeric type */
    int missing;          /* empty or "n.d." */
    int bad;              /* text that is not of its type */
    double value;
    rz_ymd date;
} cell;

typedef struct {
    xmlNodePtr node;
    char *id;
    char *somma;
    int role;
    cell *cells;
    size_t ncells;
} row;

typedef struct {
    char *title;
    cell_type type;
    int typed;    /* tipo given: it wins over the row's */
    int decimals; /* -1: not set */
    int sums;
} column;

typedef struct {
    xmlNodePtr node;
    char *id, *title, *source;
    column *cols;
    size_t ncols;
    row *rows;
    size_t nrows;
} table;

/* ---- Reading ---- */

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

static char *trimmed_text(xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    size_t len;
    const char *s = rz_trim(t ? (const char *)t : "", &len);
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    xmlFree(t);
    return out;
}

static int type_of(const char *s, cell_type *out)
{
    for (size_t i = 0; s && i < sizeof type_names / sizeof type_names[0]; i++)
        if (strcmp(s, type_names[i]) == 0) {
            *out = (cell_type)i;
            return 1;
        }
    return 0;
}

static int decimals_attr(xmlNodePtr n)
{
    char *s = attr(n, "decimali");
    int d = s ? atoi(s) : -1;
    free(s);
    return d;
}

/* Canonical decimal: -?[0-9]+(\.[0-9]+)? — what the schema's comment asks
 * for. Anything else (a thousands separator, a comma, a unit) is refused so
 * that 1.234 is never silently read as one point two. */
static int parse_canonical(const char *s, double *v, int *decimals)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    int dec = 0;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9') {
            p++;
            dec++;
        }
    }
    if (*p)
        return 0;
    *v = strtod(s, NULL);
    *decimals = dec;
    return 1;
}

static void read_cell(cell *c, xmlNodePtr n, size_t index, xmlNodePtr rnode, const column *col)
{
    memset(c, 0, sizeof *c);
    c->node = n;
    c->text = trimmed_text(n);
    c->type = T_TESTO;
    char *t = NULL;
    if (col && col->typed)
        c->type = col->type;
    else if (index > 0 && (t = attr(rnode, "tipo")) != NULL)
        type_of(t, &c->type);
    free(t);
    t = attr(n, "tipo");
    type_of(t, &c->type);
    free(t);
    int dec = decimals_attr(n);
    if (dec < 0)
        dec = decimals_attr(rnode);
    if (dec < 0 && col)
        dec = col->decimals;
    const char *s = c->text ? c->text : "";
    if (!*s || strcmp(s, "n.d.") == 0) {
        c->missing = 1;
    } else if (c->type == T_DATA) {
        c->bad = !rz_ymd_parse_iso(s, &c->date);
    } else if (c->type != T_TESTO) {
        c->number = parse_canonical(s, &c->value, &c->written_decimals);
        c->bad = !c->number || (c->type == T_INTERO && c->written_decimals > 0);
        if (c->bad)
            c->number = 0;
    }
    if (dec < 0) {
        if (c->type == T_EURO)
            dec = 2;
        else if (c->type == T_DECIMALE || c->type == T_PERCENTUALE)
            dec = c->written_decimals;
        else
            dec = 0;
    }
    c->decimals = dec;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i].title);
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t j = 0; j < t->rows[i].ncells; j++)
            free(t->rows[i].cells[j].text);
        free(t->rows[i].cells);
        free(t->rows[i].id);
        free(t->rows[i].somma);
    }
    free(t->cols);
    free(t->rows);
    free(t->id);
    free(t->title);
    free(t->source);
    memset(t, 0, sizeof *t);
}

static size_t count_children(xmlNodePtr n, const char *name)
{
    size_t k = 0;
    for (xmlNodePtr c = rz_xml_child(n, name); c; c = rz_xml_next(c, name))
        k++;
    return k;
}

/* Returns 0 when memory ran out (t is then empty). */
static int table_read(table *t, xmlNodePtr n)
{
    memset(t, 0, sizeof *t);
    t->node = n;
    t->id = attr(n, "id");
    t->title = attr(n, "titolo");
    t->source = attr(n, "fonte");
    size_t nc = count_children(n, "colonna"), nr = count_children(n, "riga");
    t->cols = calloc(nc ? nc : 1, sizeof *t->cols);
    t->rows = calloc(nr ? nr : 1, sizeof *t->rows);
    if (!t->cols || !t->rows) {
        table_free(t);
        return 0;
    }
    for (xmlNodePtr c = rz_xml_child(n, "colonna"); c; c = rz_xml_next(c, "colonna")) {
        column *col = &t->cols[t->ncols++];
        col->title = trimmed_text(c);
        col->type = T_TESTO;
        char *s = attr(c, "tipo");
        col->typed = type_of(s, &col->type);
        free(s);
        col->decimals = decimals_attr(c);
        s = attr(c, "aggrega");
        col->sums = !(s && strcmp(s, "no") == 0);
        free(s);
    }
    for (xmlNodePtr rn = rz_xml_child(n, "riga"); rn; rn = rz_xml_next(rn, "riga")) {
        row *r = &t->rows[t->nrows++];
        r->node = rn;
        r->id = attr(rn, "id");
        r->somma = attr(rn, "somma");
        char *role = attr(rn, "ruolo");
        r->role = !role                         ? ROLE_DATA
                  : strcmp(role, "totale") == 0 ? ROLE_TOTAL
                  : strcmp(role, "gruppo") == 0 ? ROLE_GROUP
                                                : ROLE_DATA;
        free(role);
        size_t k = count_children(rn, "c");
        r->cells = calloc(k ? k : 1, sizeof *r->cells);
        if (!r->cells) {
            table_free(t);
            return 0;
        }
        for (xmlNodePtr cn = rz_xml_child(rn, "c"); cn; cn = rz_xml_next(cn, "c")) {
            const column *col = r->ncells < t->ncols ? &t->cols[r->ncells] : NULL;
            read_cell(&r->cells[r->ncells], cn, r->ncells, rn, col);
            r->ncells++;
        }
    }
    return 1;
}

/* Calls fn on every <tabella> of the document, in document order. */
typedef void (*table_fn)(const table *t, const char *file, rz_diags *d, void *ctx);

static void walk_tables(xmlNodePtr n, table_fn fn, const char *file, rz_diags *d, void *ctx)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "tabella") == 0) {
            table t;
            if (!table_read(&t, c)) {
                rz_diag_add(d, RZ_ERROR, file, rz_xml_line(c), "memory",
                            "memoria esaurita leggendo la tabella");
                continue;
            }
            fn(&t, file, d, ctx);
            table_free(&t);
        } else {
            walk_tables(c, fn, file, d, ctx);
        }
    }
}

static const char *row_label(const row *r)
{
    return r->ncells && r->cells[0].text && *r->cells[0].text ? r->cells[0].text : "(senza voce)";
}

/* ---- Checks ---- */

static const char *type_hint(cell_type ty)
{
    switch (ty) {
    case T_INTERO:
        return "un numero intero senza separatore delle migliaia (1234)";
    case T_DATA:
        return "una data nella forma AAAA-MM-GG (2020-05-28)";
    default:
        return "un numero senza separatore delle migliaia e con il punto decimale (1234.56)";
    }
}

/* The canonical form of a figure written the Italian way (2.616.678,00 →
 * 2616678.00, "- 1.635,60" → -1635.60), to suggest in the message; empty
 * when the text is not such a figure. */
static void canonical_hint(const char *s, char *out, size_t n)
{
    size_t k = 0;
    int digits = 0, comma = 0;
    out[0] = '\0';
    if (*s == '-' || *s == '+') {
        if (*s == '-' && k + 1 < n)
            out[k++] = '-';
        s++;
        while (*s == ' ')
            s++;
    }
    for (; *s && k + 1 < n; s++) {
        if (*s >= '0' && *s <= '9') {
            out[k++] = *s;
            digits++;
        } else if (*s == ',' && !comma) {
            out[k++] = '.';
            comma = 1;
        } else if (*s != '.' && *s != ' ' && *s != '%') {
            out[0] = '\0';
            return;
        }
    }
    out[digits ? k : 0] = '\0';
}

static const row *row_by_id(const table *t, const char *id)
{
    for (size_t k = 0; k < t->nrows; k++)
        if (t->rows[k].id && strcmp(t->rows[k].id, id) == 0)
            return &t->rows[k];
    return NULL;
}

static void check_table(const table *t, const char *file, rz_diags *d, void *ctx)
{
    (void)ctx;
    for (size_t i = 0; i < t->nrows; i++) {
        const row *r = &t->rows[i];
        if (r->ncells != t->ncols) {
            rz_diag_add(d, RZ_ERROR, file, rz_xml_line(r->node), "contesto-riga",
                        "tabella %s, riga «%s»: %zu celle, ma la tabella ha %zu colonne: "
                        "una cella <c> per colonna (vuota se il documento non ha il dato)",
                        t->id, row_label(r), r->ncells, t->ncols);
        }
        for (size_t j = 0; j < r->ncells; j++) {
            const cell *c = &r->cells[j];
            if (!c->bad)
                continue;
            char hint[64] = "";
            /* Only where the Italian reading is certain: a comma, or more
             * than one point (1.5 could be either). */
            const char *dot = strchr(c->text, '.');
            if (c->type != T_DATA && (strchr(c->text, ',') || (dot && strchr(dot + 1, '.'))))
                canonical_hint(c->text, hint, sizeof hint);
            rz_diag_add(
                d, RZ_ERROR, file, rz_xml_line(c->node), "contesto-cella",
                "tabella %s, riga «%s», colonna «%s»: «%s» non è del tipo %s; scrivere %s%s%s "
                "oppure «n.d.»",
                t->id, row_label(r), j < t->ncols ? t->cols[j].title : "?", c->text,
                type_names[c->type], type_hint(c->type), *hint ? ", qui " : "", hint);
        }
        if (r->somma && r->role != ROLE_TOTAL) {
            rz_diag_add(d, RZ_ERROR, file, rz_xml_line(r->node), "contesto-ref",
                        "tabella %s, riga «%s»: l'attributo somma vale solo per le righe con "
                        "ruolo=\"totale\"",
                        t->id, row_label(r));
        }
        char *list = r->somma ? strdup(r->somma) : NULL;
        for (char *save = NULL, *id = list ? strtok_r(list, " \t\n", &save) : NULL; id;
             id = strtok_r(NULL, " \t\n", &save)) {
            const row *named = row_by_id(t, id);
            if (!named || named == r)
                rz_diag_add(
                    d, RZ_ERROR, file, rz_xml_line(r->node), "contesto-ref",
                    "tabella %s, riga «%s»: somma cita la riga «%s», che %s", t->id, row_label(r),
                    id, named ? "è il totale stesso" : "non esiste (manca una riga con quell'id)");
        }
        free(list);
    }
}

/* Subsections become headings (levels 3 to 6 below a chapter's 2) and the
 * organisation chart a nested list: deeper nesting cannot be printed, and
 * is refused here rather than by the templates' recursion limit. */
enum { MAX_SUBSECTION_DEPTH = 3, MAX_CHART_DEPTH = 12 };

static void check_nesting(xmlNodePtr n, int sub, int chart, const char *file, rz_diags *d)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int s2 = sub, c2 = chart;
        if (strcmp((const char *)c->name, "sottosezione") == 0 && ++s2 > MAX_SUBSECTION_DEPTH) {
            rz_diag_add(d, RZ_ERROR, file, rz_xml_line(c), "contesto-livelli",
                        "sottosezione al livello %d: al massimo %d livelli di sottosezioni una "
                        "dentro l'altra (i titoli non hanno altri livelli)",
                        s2, MAX_SUBSECTION_DEPTH);
            continue;
        }
        if (strcmp((const char *)c->name, "nodo") == 0 && ++c2 > MAX_CHART_DEPTH) {
            rz_diag_add(d, RZ_ERROR, file, rz_xml_line(c), "contesto-livelli",
                        "organigramma: un ufficio al livello %d; al massimo %d livelli", c2,
                        MAX_CHART_DEPTH);
            continue;
        }
        check_nesting(c, s2, c2, file, d);
    }
}

static void check_relations(const rz_xml *x, rz_diags *errors, rz_diags *findings);

rz_status rz_contesto_check(const rz_xml *x, rz_diags *d)
{
    size_t before = d->errors;
    check_nesting(xmlDocGetRootElement(x->doc), 0, 0, x->path, d);
    walk_tables(xmlDocGetRootElement(x->doc), check_table, x->path, d, NULL);
    check_relations(x, d, NULL);
    return d->errors > before ? RZ_INVALID : RZ_OK;
}

static int is_numeric(cell_type ty)
{
    return ty == T_INTERO || ty == T_DECIMALE || ty == T_PERCENTUALE || ty == T_EURO;
}

static double half_unit(int decimals)
{
    return 0.5 * pow(10.0, -decimals);
}

/* The most addends total row i can have: every row, or every name in its
 * somma (a name may be repeated). */
static size_t addends_cap(const table *t, size_t i)
{
    const char *somma = t->rows[i].somma;
    size_t names = somma ? strlen(somma) / 2 + 1 : 0;
    return names > t->nrows ? names : t->nrows;
}

/* The addends of total row i: the rows its somma names, or the data rows
 * from start. Returns the count written to out (at most cap). */
static size_t addends(const table *t, size_t i, size_t start, const row **out, size_t cap)
{
    size_t n = 0;
    const row *r = &t->rows[i];
    if (r->somma) {
        char *list = strdup(r->somma);
        for (char *save = NULL, *id = list ? strtok_r(list, " \t\n", &save) : NULL; id && n < cap;
             id = strtok_r(NULL, " \t\n", &save)) {
            const row *a = row_by_id(t, id);
            if (a && a != r)
                out[n++] = a;
        }
        free(list);
        return n;
    }
    for (size_t k = start; k < i && n < cap; k++)
        if (t->rows[k].role == ROLE_DATA)
            out[n++] = &t->rows[k];
    return n;
}

/* Sums of the total rows recomputed from their addends, so that a total
 * that adds subtotals is checked against what the subtotals should be as
 * well as against the printed ones: a wrong printed subtotal is reported
 * once, on its own row, not again on a total that is right from the detail
 * rows or that merely carries it forward. */
typedef struct {
    double *value; /* nrows × ncols */
    unsigned char *has;
} recomputed_sums;

static double addend_value(const table *t, const recomputed_sums *rs, const row *a, size_t j)
{
    size_t i = (size_t)(a - t->rows);
    if (rs->has && rs->has[i * t->ncols + j])
        return rs->value[i * t->ncols + j];
    return a->cells[j].value;
}

static void check_total_cell(const table *t, const row *r, size_t j, const row **add, size_t n,
                             recomputed_sums *rs, const char *file, rz_diags *d)
{
    const cell *tc = &r->cells[j];
    if (!is_numeric(tc->type) || !tc->number)
        return;
    double sum = 0, printed_sum = 0, tol = half_unit(tc->written_decimals) + 1e-9;
    int dec = tc->written_decimals;
    for (size_t k = 0; k < n; k++) {
        if (j >= add[k]->ncells)
            return;
        const cell *c = &add[k]->cells[j];
        if (!c->number || !is_numeric(c->type))
            return; /* a missing or unreadable addend: nothing to verify */
        sum += addend_value(t, rs, add[k], j);
        printed_sum += c->value;
        if (c->type == T_DECIMALE || c->type == T_PERCENTUALE)
            tol += half_unit(c->written_decimals);
        if (c->written_decimals > dec)
            dec = c->written_decimals;
    }
    if (rs->has) {
        size_t i = (size_t)(r - t->rows);
        rs->value[i * t->ncols + j] = sum;
        rs->has[i * t->ncols + j] = 1;
    }
    /* Right from the detail rows, or carrying forward a wrong printed
     * subtotal that is reported on its own row: no finding here. */
    double diff = tc->value - sum;
    if (fabs(diff) <= tol || fabs(tc->value - printed_sum) <= tol)
        return;
    char printed[RZ_FMT_MAX], computed[RZ_FMT_MAX], delta[RZ_FMT_MAX];
    rz_fmt_number(printed, sizeof printed, tc->value, tc->written_decimals);
    rz_fmt_number(computed, sizeof computed, sum, dec);
    rz_fmt_number(delta, sizeof delta, fabs(diff), dec);
    rz_diag_add(d, RZ_WARNING, file, rz_xml_line(tc->node), "plaus-totals",
                "tabella «%s» (%s), riga «%s», colonna «%s»: il totale stampato è %s, ma la "
                "somma delle %zu righe che totalizza è %s (differenza %s): correggere il totale "
                "o la riga sbagliata nel documento di origine",
                t->title, t->id, row_label(r), t->cols[j].title, printed, n, computed, delta);
}

static void check_table_totals(const table *t, const char *file, rz_diags *d)
{
    recomputed_sums rs = {calloc(t->nrows * t->ncols + 1, sizeof(double)),
                          calloc(t->nrows * t->ncols + 1, 1)};
    if (!rs.value || !rs.has) {
        free(rs.value);
        free(rs.has);
        rs.value = NULL;
        rs.has = NULL; /* checked against the printed subtotals instead */
    }
    size_t start = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const row *r = &t->rows[i];
        if (r->role == ROLE_GROUP) {
            start = i + 1;
            continue;
        }
        if (r->role != ROLE_TOTAL)
            continue;
        size_t cap = addends_cap(t, i);
        const row **add = malloc(sizeof *add * cap);
        size_t n = add ? addends(t, i, start, add, cap) : 0;
        start = i + 1;
        for (size_t j = 0; n && j < r->ncells && j < t->ncols; j++)
            if (t->cols[j].sums)
                check_total_cell(t, r, j, add, n, &rs, file, d);
        free(add);
    }
    free(rs.value);
    free(rs.has);
}

/* Tables that break down the same population (the staff by category, by
 * age, by seniority...) must print the same totals, column by column. The
 * first table of a population is the reference the others are compared
 * with; its figures are kept here. */
typedef struct {
    char *population, *table, *column;
    double value;
    int decimals;
    long line;
} population_total;

typedef struct {
    population_total *items;
    size_t count, cap;
} population_totals;

static void check_population(const table *t, const char *file, rz_diags *d, population_totals *pt)
{
    char *pop = attr(t->node, "popolazione");
    const row *total = NULL;
    for (size_t i = 0; pop && i < t->nrows; i++)
        if (t->rows[i].role == ROLE_TOTAL)
            total = &t->rows[i]; /* the last total is the grand total */
    for (size_t j = 1; total && j < total->ncells && j < t->ncols; j++) {
        const cell *c = &total->cells[j];
        if (!c->number || !t->cols[j].title)
            continue;
        const population_total *ref = NULL;
        for (size_t k = 0; k < pt->count && !ref; k++)
            if (strcmp(pt->items[k].population, pop) == 0 &&
                strcmp(pt->items[k].column, t->cols[j].title) == 0)
                ref = &pt->items[k];
        if (ref) {
            if (fabs(ref->value - c->value) > half_unit(c->written_decimals) + 1e-9) {
                char a[RZ_FMT_MAX], b[RZ_FMT_MAX];
                rz_fmt_number(a, sizeof a, c->value, c->written_decimals);
                rz_fmt_number(b, sizeof b, ref->value, ref->decimals);
                rz_diag_add(d, RZ_WARNING, file, rz_xml_line(c->node), "plaus-inconsistent",
                            "tabella «%s», colonna «%s»: il totale è %s, ma la tabella «%s» "
                            "(riga %ld), che ripartisce la stessa popolazione «%s», dà %s",
                            t->title, t->cols[j].title, a, ref->table, ref->line, pop, b);
            }
            continue;
        }
        if (pt->count == pt->cap) {
            size_t cap = pt->cap ? pt->cap * 2 : 16;
            population_total *grown = realloc(pt->items, cap * sizeof *grown);
            if (!grown)
                break;
            pt->items = grown;
            pt->cap = cap;
        }
        population_total *e = &pt->items[pt->count++];
        e->population = strdup(pop);
        e->table = strdup(t->title ? t->title : "");
        e->column = strdup(t->cols[j].title);
        e->value = c->value;
        e->decimals = c->written_decimals;
        e->line = rz_xml_line(c->node);
    }
    free(pop);
}

/* Both checks on one reading of each table. */
static void check_sums(const table *t, const char *file, rz_diags *d, void *ctx)
{
    check_table_totals(t, file, d);
    check_population(t, file, d, ctx);
}

void rz_contesto_check_totals(const rz_xml *x, rz_diags *findings)
{
    population_totals pt = {NULL, 0, 0};
    walk_tables(xmlDocGetRootElement(x->doc), check_sums, x->path, findings, &pt);
    for (size_t i = 0; i < pt.count; i++) {
        free(pt.items[i].population);
        free(pt.items[i].table);
        free(pt.items[i].column);
    }
    free(pt.items);
}

/* ---- View ---- */

static void set_attr_str(rz_view *m, const char *key, xmlNodePtr n, const char *name)
{
    char *s = attr(n, name);
    rz_view_set_str(m, key, s ? s : "");
    free(s);
}

static void set_attr_date(rz_view *m, const char *key, xmlNodePtr n, const char *name)
{
    char *s = attr(n, name);
    char buf[RZ_FMT_MAX];
    rz_view_set_str(m, key, s && *s ? rz_fmt_iso_date(buf, sizeof buf, s, 0) : "");
    free(s);
}

static void set_child_text(rz_view *m, const char *key, xmlNodePtr n, const char *name)
{
    xmlNodePtr c = rz_xml_child(n, name);
    char *s = c ? trimmed_text(c) : NULL;
    rz_view_set_str(m, key, s ? s : "");
    free(s);
}

static void format_cell(const cell *c, char *buf, size_t n)
{
    if (c->missing || c->bad || c->type == T_TESTO) {
        snprintf(buf, n, "%s", c->text ? c->text : "");
        return;
    }
    switch (c->type) {
    case T_DATA:
        rz_fmt_date(buf, n, c->date.year, c->date.month, c->date.day);
        break;
    case T_PERCENTUALE:
        rz_fmt_percent(buf, n, c->value, c->decimals);
        break;
    case T_EURO:
        rz_fmt_euro(buf, n, c->value, c->decimals);
        break;
    default:
        rz_fmt_number(buf, n, c->value, c->decimals);
        break;
    }
}

static rz_view *table_view(rz_view_doc *doc, const table *t)
{
    rz_view *m = rz_view_map(doc);
    rz_view_set_str(m, "id", t->id);
    rz_view_set_str(m, "titolo", t->title);
    rz_view_set_str(m, "fonte", t->source ? t->source : "");
    set_child_text(m, "nota", t->node, "nota");
    rz_view *head = rz_view_list(doc);
    for (size_t j = 0; j < t->ncols; j++) {
        /* Right-aligned when every figure of the column is a number or a
         * date (a column of years in a table whose rows set the type). */
        int figures = 0, words = 0;
        for (size_t i = 0; i < t->nrows; i++) {
            const row *r = &t->rows[i];
            if (j >= r->ncells || r->cells[j].missing || r->role == ROLE_GROUP)
                continue;
            if (r->cells[j].type == T_TESTO || r->cells[j].bad)
                words++;
            else
                figures++;
        }
        rz_view *h = rz_view_map(doc);
        rz_view_set_str(h, "titolo", t->cols[j].title);
        rz_view_set_bool(h, "destra", figures > 0 && words == 0);
        rz_view_push(head, h);
    }
    rz_view_set(m, "intestazione", head);
    rz_view *rows = rz_view_list(doc);
    for (size_t i = 0; i < t->nrows; i++) {
        const row *r = &t->rows[i];
        rz_view *rv = rz_view_map(doc);
        rz_view_set_bool(rv, "totale", r->role == ROLE_TOTAL);
        rz_view_set_bool(rv, "gruppo", r->role == ROLE_GROUP);
        rz_view *cells = rz_view_list(doc);
        for (size_t j = 0; j < t->ncols; j++) {
            char buf[RZ_FMT_MAX];
            buf[0] = '\0';
            if (j < r->ncells)
                format_cell(&r->cells[j], buf, sizeof buf);
            rz_view *cv = rz_view_map(doc);
            rz_view_set_str(cv, "valore", buf);
            rz_view_set_bool(cv, "forte", r->role != ROLE_DATA && buf[0]);
            rz_view_push(cells, cv);
        }
        rz_view_set(rv, "celle", cells);
        rz_view_push(rows, rv);
    }
    rz_view_set(m, "righe", rows);
    return m;
}

static rz_view *list_view(rz_view_doc *doc, xmlNodePtr n)
{
    rz_view *m = rz_view_map(doc);
    set_attr_str(m, "titolo", n, "titolo");
    char *num = attr(n, "numerato");
    rz_view_set_bool(m, "numerato", num && (strcmp(num, "true") == 0 || strcmp(num, "1") == 0));
    free(num);
    rz_view *items = rz_view_list(doc);
    for (xmlNodePtr v = rz_xml_child(n, "voce"); v; v = rz_xml_next(v, "voce")) {
        rz_view *iv = rz_view_map(doc);
        char *s = trimmed_text(v);
        rz_view_set_str(iv, "testo", s);
        free(s);
        rz_view_push(items, iv);
    }
    rz_view_set(m, "voci", items);
    return m;
}

static rz_view *nodes_view(rz_view_doc *doc, xmlNodePtr parent)
{
    rz_view *list = rz_view_list(doc);
    for (xmlNodePtr n = rz_xml_child(parent, "nodo"); n; n = rz_xml_next(n, "nodo")) {
        rz_view *m = rz_view_map(doc);
        set_attr_str(m, "nome", n, "nome");
        set_attr_str(m, "responsabile", n, "responsabile");
        rz_view_set(m, "nodi", nodes_view(doc, n));
        rz_view_push(list, m);
    }
    return list;
}

static rz_view *chart_view(rz_view_doc *doc, xmlNodePtr n)
{
    rz_view *m = rz_view_map(doc);
    set_attr_str(m, "titolo", n, "titolo");
    set_attr_date(m, "dal", n, "dal");
    rz_view_set(m, "nodi", nodes_view(doc, n));
    return m;
}

/* Marks the last item of a list, for templates that join with "; ". */
static void mark_last(rz_view *list)
{
    size_t n = rz_view_len(list);
    for (size_t i = 0; i < n; i++)
        rz_view_set_bool(rz_view_at(list, i), "ultimo", i + 1 == n);
}

static rz_view *phases_view(rz_view_doc *doc, xmlNodePtr n)
{
    rz_view *m = rz_view_map(doc);
    set_attr_str(m, "titolo", n, "titolo");
    rz_view *list = rz_view_list(doc);
    for (xmlNodePtr f = rz_xml_child(n, "fase"); f; f = rz_xml_next(f, "fase")) {
        rz_view *fv = rz_view_map(doc);
        set_attr_str(fv, "numero", f, "numero");
        set_attr_date(fv, "dal", f, "dal");
        set_attr_date(fv, "al", f, "al");
        set_child_text(fv, "quando", f, "quando");
        set_child_text(fv, "descrizione", f, "descrizione");
        rz_view *who = rz_view_list(doc);
        for (xmlNodePtr r = rz_xml_child(f, "responsabile"); r;
             r = rz_xml_next(r, "responsabile")) {
            rz_view *rv = rz_view_map(doc);
            char *s = trimmed_text(r);
            rz_view_set_str(rv, "testo", s);
            free(s);
            set_attr_str(rv, "ambito", r, "ambito");
            rz_view_push(who, rv);
        }
        mark_last(who);
        rz_view_set(fv, "responsabili", who);
        rz_view_push(list, fv);
    }
    rz_view_set(m, "fasi", list);
    return m;
}

/* A link as Markdown: an autolink when the address can be one, otherwise
 * the address as escaped text (still readable, never live). */
static rz_view *link_view(rz_view_doc *doc, const char *url)
{
    rz_buf b;
    rz_buf_init(&b);
    int safe = (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0) &&
               strcspn(url, " <>\t\n\r\"`") == strlen(url);
    if (safe) {
        rz_buf_putc(&b, '<');
        rz_buf_puts(&b, url);
        rz_buf_putc(&b, '>');
    } else {
        rz_md_escape_inline(&b, url, strlen(url));
    }
    rz_view *m = rz_view_map(doc);
    rz_view_set_str(m, "indirizzo", url);
    rz_view_set_str(m, "markdown", rz_buf_str(&b));
    rz_buf_free(&b);
    return m;
}

static rz_view *documents_view(rz_view_doc *doc, xmlNodePtr n)
{
    rz_view *m = rz_view_map(doc);
    set_attr_str(m, "titolo", n, "titolo");
    rz_view *list = rz_view_list(doc);
    for (xmlNodePtr e = rz_xml_child(n, "documento"); e; e = rz_xml_next(e, "documento")) {
        rz_view *dv = rz_view_map(doc);
        set_child_text(dv, "titolo", e, "titolo");
        set_attr_date(dv, "data", e, "data");
        rz_view *acts = rz_view_list(doc);
        for (xmlNodePtr a = rz_xml_child(e, "atto"); a; a = rz_xml_next(a, "atto")) {
            rz_view *av = rz_view_map(doc);
            set_attr_str(av, "organo", a, "organo");
            set_attr_str(av, "numero", a, "numero");
            set_attr_date(av, "data", a, "data");
            char *s = trimmed_text(a);
            rz_view_set_str(av, "nota", s ? s : "");
            free(s);
            rz_view_push(acts, av);
        }
        rz_view_set(dv, "atti", acts);
        rz_view *links = rz_view_list(doc);
        for (xmlNodePtr l = rz_xml_child(e, "collegamento"); l;
             l = rz_xml_next(l, "collegamento")) {
            char *s = trimmed_text(l);
            if (s && *s)
                rz_view_push(links, link_view(doc, s));
            free(s);
        }
        rz_view_set(dv, "collegamenti", links);
        rz_view_push(list, dv);
    }
    rz_view_set(m, "documenti", list);
    return m;
}

static rz_view *actions_view(rz_view_doc *doc, xmlNodePtr n)
{
    static const char *const fields[] = {"obiettivo",   "azioni",      "attori",
                                         "misurazione", "beneficiari", "spesa"};
    rz_view *m = rz_view_map(doc);
    set_attr_str(m, "titolo", n, "titolo");
    rz_view *list = rz_view_list(doc);
    for (xmlNodePtr a = rz_xml_child(n, "azione"); a; a = rz_xml_next(a, "azione")) {
        rz_view *av = rz_view_map(doc);
        set_attr_str(av, "numero", a, "numero");
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            set_child_text(av, fields[i], a, fields[i]);
        rz_view_push(list, av);
    }
    rz_view_set(m, "azioni", list);
    return m;
}

/* The blocks of a section. level is the heading level of its subsections;
 * chapter, when set, numbers them ("5" gives 5.1, 5.2…). */
static rz_view *blocks_view(rz_view_doc *doc, xmlNodePtr section, int level, const char *chapter)
{
    rz_view *list = rz_view_list(doc);
    int sub = 0;
    for (xmlNodePtr c = section->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        /* Every kind is set, false but for one, so that a template asking
         * a block whether it is a subsection never finds the answer in an
         * enclosing block (Mustache looks a missing key up the stack). */
        static const char *const kinds[] = {"testo",        "tabella",        "elenco",
                                            "sottosezione", "organigramma",   "fasi",
                                            "documenti",    "azioni_positive"};
        rz_view *b = rz_view_map(doc);
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            rz_view_set_bool(b, kinds[k], 0);
        if (strcmp(name, "testo") == 0) {
            /* A text kept only for the checks (a template the source
             * document left unfilled) is not printed. */
            char *print = attr(c, "stampa");
            int skip = print && strcmp(print, "no") == 0;
            free(print);
            if (skip)
                continue;
            rz_view_set(b, "testo", rz_view_narrative(doc, c));
        } else if (strcmp(name, "tabella") == 0) {
            table t;
            if (!table_read(&t, c))
                continue;
            rz_view_set(b, "tabella", table_view(doc, &t));
            table_free(&t);
        } else if (strcmp(name, "elenco") == 0) {
            rz_view_set(b, "elenco", list_view(doc, c));
        } else if (strcmp(name, "sottosezione") == 0) {
            rz_view *s = rz_view_map(doc);
            set_attr_str(s, "titolo", c, "titolo");
            char marks[8];
            int lv = level < 1 ? 1 : level > 6 ? 6 : level;
            memset(marks, '#', (size_t)lv);
            marks[lv] = '\0';
            rz_view_set_str(s, "marcatore", marks);
            if (chapter)
                rz_view_set_strf(s, "numero", "%s.%d", chapter, ++sub);
            else
                rz_view_set_str(s, "numero", "");
            rz_view_set(s, "blocchi", blocks_view(doc, c, level + 1, NULL));
            rz_view_set(b, "sottosezione", s);
        } else if (strcmp(name, "organigramma") == 0) {
            rz_view_set(b, "organigramma", chart_view(doc, c));
        } else if (strcmp(name, "fasi") == 0) {
            rz_view_set(b, "fasi", phases_view(doc, c));
        } else if (strcmp(name, "documenti") == 0) {
            rz_view_set(b, "documenti", documents_view(doc, c));
        } else if (strcmp(name, "azioni-positive") == 0) {
            rz_view_set(b, "azioni_positive", actions_view(doc, c));
        } else {
            continue; /* firma: read by the Premessa itself */
        }
        rz_view_push(list, b);
    }
    return list;
}

rz_view *rz_contesto_view(rz_view_doc *doc, const rz_xml *x)
{
    static const struct {
        const char *element, *key;
        int level;
        const char *chapter;
    } sections[] = {{"premessa", "premessa", 3, NULL},
                    {"contesto-esterno", "contesto_esterno", 3, NULL},
                    {"amministrazione", "amministrazione", 3, NULL},
                    {"valutazione-complessiva", "valutazione_complessiva", 3, NULL},
                    {"bilancio-di-genere", "bilancio_di_genere", 3, NULL},
                    {"processo", "processo", 2, "5"}};
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    rz_view *m = rz_view_map(doc);
    set_attr_str(m, "anno", root, "anno");
    xmlNodePtr act = rz_xml_child(root, "approvazione");
    if (act) {
        rz_view *av = rz_view_map(doc);
        set_attr_str(av, "organo", act, "organo");
        set_attr_str(av, "numero", act, "numero");
        set_attr_date(av, "data", act, "data");
        rz_view_set(m, "approvazione", av);
    }
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        xmlNodePtr s = rz_xml_child(root, sections[i].element);
        if (!s) {
            rz_view_set_bool(m, sections[i].key, 0);
            continue;
        }
        rz_view *sv = rz_view_map(doc);
        rz_view_set(sv, "blocchi", blocks_view(doc, s, sections[i].level, sections[i].chapter));
        rz_view *signs = rz_view_list(doc);
        for (xmlNodePtr f = rz_xml_child(s, "firma"); f; f = rz_xml_next(f, "firma")) {
            rz_view *fv = rz_view_map(doc);
            set_attr_str(fv, "ruolo", f, "ruolo");
            set_attr_str(fv, "nome", f, "nome");
            rz_view_push(signs, fv);
        }
        rz_view_set(sv, "firme", signs);
        rz_view_set(m, sections[i].key, sv);
    }
    return m;
}

/* ---- Declared relations, phase dates and placeholders ---- */

/* Where a block of the context data is printed, by its section: the
 * clerk's words, not the file's. */
static const char *section_label(xmlNodePtr n)
{
    static const struct {
        const char *element, *label;
    } labels[] = {
        {"premessa", "Premessa"},
        {"contesto-esterno", "capitolo 2.1"},
        {"amministrazione", "capitolo 2.2"},
        {"valutazione-complessiva", "sezione 3.3"},
        {"bilancio-di-genere", "sezione 3.4"},
        {"processo", "capitolo 5"},
    };
    for (; n && n->parent && n->parent->type == XML_ELEMENT_NODE && n->parent->parent &&
           n->parent->parent->type == XML_ELEMENT_NODE;
         n = n->parent)
        ;
    for (size_t i = 0; n && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp((const char *)n->name, labels[i].element) == 0)
            return labels[i].label;
    return "dati di contesto";
}

/* The table with the given id, searched in document order (the schema
 * makes ids unique), or NULL. */
static xmlNodePtr table_node(xmlNodePtr n, const char *id)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "tabella") == 0) {
            char *tid = attr(c, "id");
            int same = tid && strcmp(tid, id) == 0;
            free(tid);
            if (same)
                return c;
        } else {
            xmlNodePtr t = table_node(c, id);
            if (t)
                return t;
        }
    }
    return NULL;
}

/* One end of a relation, "tabella:riga" or "tabella:riga:colonna" (the
 * column by its heading; without it, the heading of the printed cell's
 * column), resolved to a cell. */
typedef struct {
    table t;
    int loaded;
    const row *r;
    const cell *c;
    const char *column;
} ref_end;

static void ref_end_free(ref_end *e)
{
    if (e->loaded)
        table_free(&e->t);
    memset(e, 0, sizeof *e);
}

/* Returns NULL, or why the reference cannot be resolved. spec is trimmed
 * in place. column: the heading to use when spec names none. */
static const char *ref_resolve(xmlNodePtr root, char *spec, const char *heading, ref_end *e)
{
    memset(e, 0, sizeof *e);
    while (*spec == ' ')
        spec++;
    size_t len = strlen(spec);
    while (len && spec[len - 1] == ' ')
        spec[--len] = '\0';
    char *rowid = strchr(spec, ':');
    if (!rowid)
        return "manca la riga (scrivere tabella:riga, con l'id della riga)";
    *rowid++ = '\0';
    char *col = strchr(rowid, ':');
    if (col)
        *col++ = '\0';
    xmlNodePtr tn = table_node(root, spec);
    if (!tn)
        return "la tabella citata non esiste";
    if (!table_read(&e->t, tn))
        return "memoria esaurita";
    e->loaded = 1;
    e->r = row_by_id(&e->t, rowid);
    if (!e->r)
        return "la riga citata non esiste (manca una riga con quell'id)";
    e->column = col && *col ? col : heading;
    for (size_t j = 0; e->column && j < e->t.ncols && j < e->r->ncells; j++)
        if (e->t.cols[j].title && strcmp(e->t.cols[j].title, e->column) == 0)
            e->c = &e->r->cells[j];
    if (!e->c)
        return "la tabella citata non ha una colonna con quell'intestazione";
    return NULL;
}

typedef struct {
    xmlNodePtr root;
    rz_diags *errors;   /* input errors (references), or NULL */
    rz_diags *findings; /* figures that disagree, or NULL */
} relation_ctx;

/* Checks the printed cell c of t (row r, column j) against the relation
 * spec ("a / b": a ratio; "a": an equality). Returns 1 when the
 * relation's ends were found. */
static int check_relation_cell(const table *t, const row *r, size_t j, const char *spec, int ratio,
                               int explicit_cell, const char *file, const relation_ctx *rc,
                               const char **why_out)
{
    const cell *c = &r->cells[j];
    const char *heading = j < t->ncols ? t->cols[j].title : NULL;
    char *copy = strdup(spec);
    if (!copy)
        return 0;
    char *second = ratio ? strchr(copy, '/') : NULL;
    if (ratio && !second) {
        *why_out = "scrivere numeratore / denominatore (es. personale-sesso:donne / "
                   "personale-sesso:totale)";
        if (rc->errors && explicit_cell)
            rz_diag_add(rc->errors, RZ_ERROR, file, rz_xml_line(c->node), "contesto-ref",
                        "tabella %s, riga «%s»: rapporto=\"%s\": %s", t->id, row_label(r), spec,
                        *why_out);
        free(copy);
        return 0;
    }
    if (second)
        *second++ = '\0';
    ref_end a, b;
    memset(&b, 0, sizeof b);
    const char *why = ref_resolve(rc->root, copy, heading, &a);
    if (!why && second)
        why = ref_resolve(rc->root, second, heading, &b);
    int found = !why;
    if (why)
        *why_out = why;
    /* A row's relation holds in the columns the cited tables share (its
     * caller reports a relation that holds nowhere); a cell's must
     * resolve. */
    if (why && explicit_cell && rc->errors)
        rz_diag_add(rc->errors, RZ_ERROR, file, rz_xml_line(c->node), "contesto-ref",
                    "tabella %s, riga «%s», colonna «%s»: %s=\"%s\": %s", t->id, row_label(r),
                    heading ? heading : "?", ratio ? "rapporto" : "uguale", spec, why);
    if (found && rc->findings && c->number && a.c->number && (!ratio || b.c->number) &&
        (!ratio || b.c->value != 0)) {
        double v =
            ratio ? a.c->value / b.c->value * (c->type == T_PERCENTUALE ? 100 : 1) : a.c->value;
        if (fabs(v - c->value) > half_unit(c->decimals) + 1e-9 * (1 + fabs(v))) {
            char printed[RZ_FMT_MAX], comp[RZ_FMT_MAX], na[RZ_FMT_MAX], nb[RZ_FMT_MAX];
            format_cell(c, printed, sizeof printed);
            cell shown = *c;
            shown.value = v;
            shown.decimals = c->decimals + 1;
            format_cell(&shown, comp, sizeof comp);
            format_cell(a.c, na, sizeof na);
            if (ratio) {
                format_cell(b.c, nb, sizeof nb);
                rz_diag_add(rc->findings, RZ_WARNING, file, rz_xml_line(c->node), "plaus-relation",
                            "%s, tabella «%s», riga «%s», colonna «%s»: è stampato %s, ma la "
                            "cifra è dichiarata come rapporto tra «%s» e «%s» della tabella «%s» "
                            "(%s), che danno %s su %s = %s: correggere la cifra stampata o "
                            "quelle da cui è calcolata",
                            section_label(t->node), t->title, row_label(r), heading, printed,
                            row_label(a.r), row_label(b.r), a.t.title, section_label(a.t.node), na,
                            nb, comp);
            } else {
                rz_diag_add(rc->findings, RZ_WARNING, file, rz_xml_line(c->node), "plaus-relation",
                            "%s, tabella «%s», riga «%s», colonna «%s»: è stampato %s, ma la "
                            "cifra è dichiarata uguale a «%s», colonna «%s», della tabella «%s» "
                            "(%s), che è %s: correggere l'una o l'altra",
                            section_label(t->node), t->title, row_label(r), heading, printed,
                            row_label(a.r), a.column, a.t.title, section_label(a.t.node), na);
            }
        }
    }
    ref_end_free(&a);
    ref_end_free(&b);
    free(copy);
    return found;
}

static void check_relations_table(const table *t, const char *file, rz_diags *d, void *ctx)
{
    (void)d;
    const relation_ctx *rc = ctx;
    static const char *const kinds[] = {"rapporto", "uguale"};
    for (size_t i = 0; i < t->nrows; i++) {
        const row *r = &t->rows[i];
        for (size_t k = 0; k < 2; k++) {
            char *row_spec = attr(r->node, kinds[k]);
            size_t matched = 0;
            const char *why = "nessuna colonna ha la stessa intestazione nella tabella citata "
                              "(indicarla: tabella:riga:colonna)";
            for (size_t j = 1; j < r->ncells; j++) {
                const char *w = NULL;
                char *cell_spec = attr(r->cells[j].node, kinds[k]);
                if (cell_spec)
                    check_relation_cell(t, r, j, cell_spec, k == 0, 1, file, rc, &w);
                else if (row_spec)
                    matched += check_relation_cell(t, r, j, row_spec, k == 0, 0, file, rc, &w);
                if (w && !cell_spec && !strstr(w, "colonna"))
                    why = w;
                free(cell_spec);
            }
            if (row_spec && !matched && rc->errors)
                rz_diag_add(rc->errors, RZ_ERROR, file, rz_xml_line(r->node), "contesto-ref",
                            "tabella %s, riga «%s»: %s=\"%s\": %s", t->id, row_label(r), kinds[k],
                            row_spec, why);
            free(row_spec);
        }
    }
}

static void check_relations(const rz_xml *x, rz_diags *errors, rz_diags *findings)
{
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    relation_ctx rc = {root, errors, findings};
    walk_tables(root, check_relations_table, x->path, errors ? errors : findings, &rc);
}

/* The act a phase of chapter 5 may coincide with, and where its date
 * comes from: the Relazione's cover (the context's own approvazione) or
 * the validation's data. */
typedef struct {
    int has;
    rz_ymd date;
    char what[200];
    const char *source;
} phase_act;

/* A phase of chapter 5 declared to coincide with an act (coincide-con:
 * approvazione, trasmissione): its dates must be the act's. */
static void check_phase_dates(xmlNodePtr n, const char *file, const phase_act acts[2], rz_diags *d)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "fase") != 0) {
            check_phase_dates(c, file, acts, d);
            continue;
        }
        char *with = attr(c, "coincide-con");
        if (!with)
            continue;
        const phase_act *act = &acts[strcmp(with, "approvazione") == 0 ? 0 : 1];
        free(with);
        char *from = attr(c, "dal"), *to = attr(c, "al"), *number = attr(c, "numero");
        rz_ymd yf, yt;
        int has_from = from && rz_ymd_parse_iso(from, &yf);
        int has_to = to && rz_ymd_parse_iso(to, &yt);
        const rz_ymd *a = &act->date;
        int differs =
            (has_from && (yf.year != a->year || yf.month != a->month || yf.day != a->day)) ||
            (has_to && (yt.year != a->year || yt.month != a->month || yt.day != a->day));
        if (act->has && differs) {
            char printed[RZ_FMT_MAX], actual[RZ_FMT_MAX];
            const rz_ymd *p = has_from ? &yf : &yt;
            rz_fmt_date(printed, sizeof printed, p->year, p->month, p->day);
            rz_fmt_date(actual, sizeof actual, a->year, a->month, a->day);
            xmlNodePtr q = rz_xml_child(c, "quando");
            char *when = q ? trimmed_text(q) : NULL;
            rz_diag_add(d, RZ_WARNING, file, rz_xml_line(c), "plaus-relation",
                        "%s, fase %s%s%s%s: la data stampata è %s, ma la fase è dichiarata "
                        "coincidente con %s, che %s dà del %s: correggere la data della fase o "
                        "quella dell'atto",
                        section_label(c), number ? number : "?", when ? " («" : "",
                        when ? when : "", when ? "»)" : "", printed, act->what, act->source,
                        actual);
            free(when);
        }
        free(from);
        free(to);
        free(number);
    }
}

/* "delibera n. 21, Giunta camerale" */
static void act_words(char *buf, size_t n, const char *kind, const char *number, const char *organ)
{
    snprintf(buf, n, "l'atto di approvazione della Relazione (%s%s%s%s%s)",
             kind ? kind : "delibera", number ? " n. " : "", number ? number : "",
             organ ? ", " : "", organ ? organ : "");
}

static void phase_acts(xmlNodePtr root, const rz_oiv *oiv, phase_act acts[2])
{
    memset(acts, 0, 2 * sizeof *acts);
    xmlNodePtr cover = rz_xml_child(root, "approvazione");
    char *date = cover ? attr(cover, "data") : NULL;
    if (date && rz_ymd_parse_iso(date, &acts[0].date)) {
        char *organ = attr(cover, "organo"), *number = attr(cover, "numero");
        acts[0].has = 1;
        act_words(acts[0].what, sizeof acts[0].what, NULL, number, organ);
        acts[0].source = "la copertina della Relazione";
        free(organ);
        free(number);
    } else if (oiv && oiv->has_approval) {
        acts[0].has = 1;
        rz_date_to_ymd(oiv->approval_date, &acts[0].date.year, &acts[0].date.month,
                       &acts[0].date.day);
        act_words(acts[0].what, sizeof acts[0].what, oiv->approval_act, oiv->approval_number,
                  oiv->approval_organ);
        acts[0].source = "l'approvazione nei dati della validazione";
    }
    free(date);
    if (oiv && oiv->has_transmission) {
        acts[1].has = 1;
        rz_date_to_ymd(oiv->transmission_date, &acts[1].date.year, &acts[1].date.month,
                       &acts[1].date.day);
        snprintf(acts[1].what, sizeof acts[1].what, "la trasmissione della Relazione all'OIV");
        acts[1].source = "la trasmissione nei dati della validazione";
    }
}

/* A placeholder left where a figure or a word should be: three or more
 * dashes («pari al ----%»), a run of dots («nel mese di …..»), «[...]»,
 * «XX» before a percent sign or in a date. Lines that are only dashes
 * (a rule, a table's separator line) are Markdown, not placeholders.
 * Returns the placeholder's start and writes its length, or NULL. */
static const char *find_placeholder(const char *s, size_t *len)
{
    const char *line = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            line = p + 1;
            continue;
        }
        /* dashes: '-', '–' (E2 80 93), '—' (E2 80 94) */
        size_t k = 0, n = 0;
        for (const char *q = p;;) {
            if (*q == '-') {
                q++, n++;
            } else if ((unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x80 &&
                       ((unsigned char)q[2] == 0x93 || (unsigned char)q[2] == 0x94)) {
                q += 3, n++;
            } else {
                k = (size_t)(q - p);
                break;
            }
        }
        if (n >= 3) {
            int only = 1;
            for (const char *q = line; *q && *q != '\n' && only; q++)
                only = strchr(" \t-|:", *q) != NULL || (unsigned char)*q >= 0x80;
            if (!only) {
                *len = k;
                return p;
            }
            p += k - 1;
            continue;
        }
        /* dots: '.' and '…' (E2 80 A6), four dots or two ellipses */
        size_t dots = 0, ellipses = 0;
        const char *q = p;
        for (;;) {
            if (*q == '.') {
                q++, dots++;
            } else if ((unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x80 &&
                       (unsigned char)q[2] == 0xA6) {
                q += 3, ellipses++;
            } else {
                break;
            }
        }
        if (dots >= 4 || ellipses >= 2 || (ellipses >= 1 && dots >= 1)) {
            *len = (size_t)(q - p);
            return p;
        }
        if (q > p) {
            p = q - 1;
            continue;
        }
        if (!strncmp(p, "[...]", 5) || !strncmp(p, "[\xE2\x80\xA6]", 5)) {
            *len = 5;
            return p;
        }
        /* XX% , XX,X% , XX/XX/XXXX: capital X's in a figure's place (a
         * Roman numeral, «XX Settembre», is not followed by % or /) */
        if (*p == 'X' && p[1] == 'X' && (p == s || !isalpha((unsigned char)p[-1]))) {
            const char *e = p;
            while (*e == 'X' || ((*e == ',' || *e == '/') && e[1] == 'X'))
                e++;
            const char *after = e;
            while (*after == ' ')
                after++;
            if (*after == '%' || memchr(p, '/', (size_t)(e - p)) ||
                memchr(p, ',', (size_t)(e - p))) {
                *len = (size_t)(e - p);
                return p;
            }
        }
    }
    return NULL;
}

static void check_placeholders(xmlNodePtr n, const char *file, rz_diags *d)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (strcmp(name, "testo") && strcmp(name, "voce") && strcmp(name, "c") &&
            strcmp(name, "descrizione") && strcmp(name, "quando")) {
            check_placeholders(c, file, d);
            continue;
        }
        xmlChar *raw = xmlNodeGetContent(c);
        const char *s = raw ? (const char *)raw : "";
        /* One finding per text, listing each placeholder with the words
         * around it, on the line of the first. */
        rz_buf list;
        rz_buf_init(&list);
        size_t found = 0, len = 0;
        long line = 0;
        for (const char *p = find_placeholder(s, &len); p; p = find_placeholder(p + len, &len)) {
            if (found++ == 0) {
                line = rz_xml_line(c);
                for (const char *q = s; q < p; q++)
                    line += *q == '\n';
            }
            if (found > 8)
                continue;
            const char *from = p, *to = p + len;
            for (int w = 0; from > s && from[-1] != '\n' && (w < 4 || (from[-1] & 0xC0) == 0x80);
                 from--)
                w += from[-1] == ' ';
            for (int w = 0; *to && *to != '\n' && (w < 3 || (*to & 0xC0) == 0x80); to++)
                w += *to == ' ';
            while (from < p && (*from == ' ' || *from == '\t' || *from == '-'))
                from++;
            while (to > p + len && to[-1] == ' ')
                to--;
            rz_buf_printf(&list, "%s«%s%.*s%s»", found > 1 ? "; " : "",
                          from == s || from[-1] == '\n' ? "" : "…", (int)(to - from), from,
                          *to && *to != '\n' ? "…" : "");
        }
        if (found > 8)
            rz_buf_printf(&list, " e altri %zu", found - 8);
        if (found)
            rz_diag_add(d, RZ_WARNING, file, line, "plaus-template",
                        "%s: il testo contiene %zu %s di un modello non compilato, dove andava una "
                        "cifra o una parola (trattini, puntini, «XX», «[...]»): %s; completare le "
                        "frasi o toglierle",
                        section_label(c), found, found == 1 ? "segnaposto" : "segnaposti",
                        rz_buf_str(&list));
        rz_buf_free(&list);
        xmlFree(raw);
    }
}

void rz_contesto_check_findings(const rz_xml *x, const rz_oiv *oiv, rz_diags *findings)
{
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    check_relations(x, NULL, findings);
    phase_act acts[2];
    phase_acts(root, oiv, acts);
    check_phase_dates(root, x->path, acts, findings);
    check_placeholders(root, x->path, findings);
}
