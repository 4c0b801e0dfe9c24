/*
 * contesto.c — see contesto.h: the context document read into structs, and
 * the checks that make it unusable when they fail.
 *
 * A cell's type is the first of: the cell's own tipo, the column's, the
 * row's (except for the first cell, the row's label), testo. Row types
 * serve tables whose rows are different measures over columns of years.
 * Its printed precision is the first of the same three decimali
 * attributes, then the type's default: none for integers, two for euro,
 * and for decimals and percentages the digits as transcribed (16.1 prints
 * 16,1; 0.4957 prints 0,4957), because the source document's precision is
 * what the clerk copied.
 *
 * Everything read lives in the document's arena: one free, and a failed
 * allocation is seen once, at the end (RZ_IO).
 */
#define _POSIX_C_SOURCE 200809L
#include "contesto.h"
#include "readers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {"testo",       "intero", "decimale",
                                         "percentuale", "euro",   "data"};

const char *rz_cell_type_name(rz_cell_type t)
{
    return type_names[t];
}

const char *const rz_action_fields[RZ_ACTION_FIELDS] = {"obiettivo",   "azioni",      "attori",
                                                        "misurazione", "beneficiari", "spesa"};

static const struct {
    const char *element, *label;
} sections[RZ_SEC_COUNT] = {
    {"premessa", "Premessa"},
    {"contesto-esterno", "capitolo 2.1"},
    {"amministrazione", "capitolo 2.2"},
    {"valutazione-complessiva", "sezione 3.3"},
    {"bilancio-di-genere", "sezione 3.4"},
    {"processo", "capitolo 5"},
};

const char *rz_section_label(rz_section_id s)
{
    return sections[s].label;
}

/* ---- Reading ---- */

typedef struct {
    rz_contesto *c;
    rz_arena *a;
    size_t tables_cap;
} reader;

static char *trim_in(rz_arena *a, const char *s)
{
    size_t len;
    s = rz_trim(s ? s : "", &len);
    return rz_arena_strndup(a, s, len);
}

static void read_text(reader *r, xmlNodePtr n, rz_ctx_text *t)
{
    t->raw = rz_xml_content(r->a, n);
    t->text = trim_in(r->a, t->raw);
    t->line = rz_xml_line(n);
}

/* The text content of n without the whitespace at its ends. */
static char *trimmed(reader *r, xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *s = trim_in(r->a, (const char *)t);
    xmlFree(t);
    return s;
}

/* The trimmed text of the first child named name; NULL when there is none. */
static char *child_text(reader *r, xmlNodePtr n, const char *name)
{
    xmlNodePtr c = rz_xml_child(n, name);
    return c ? trimmed(r, c) : NULL;
}

static size_t count_children(xmlNodePtr n, const char *name)
{
    size_t k = 0;
    for (xmlNodePtr c = rz_xml_child(n, name); c; c = rz_xml_next(c, name))
        k++;
    return k;
}

/* An array for the children of n named name, zeroed; *count is set to 0
 * and grows as the caller fills it. NULL when there are none or memory ran
 * out (the arena then says so). */
static void *children_array(reader *r, xmlNodePtr n, const char *name, size_t elem, size_t *count)
{
    size_t k = count_children(n, name);
    *count = 0;
    return k ? rz_arena_alloc(r->a, k * elem) : NULL;
}

#define FOR_CHILD(var, parent, name)                                                               \
    for (xmlNodePtr var = rz_xml_child((parent), (name)); var; var = rz_xml_next(var, (name)))

static int type_of(const char *s, rz_cell_type *out)
{
    for (size_t i = 0; s && i < sizeof type_names / sizeof type_names[0]; i++)
        if (strcmp(s, type_names[i]) == 0) {
            *out = (rz_cell_type)i;
            return 1;
        }
    return 0;
}

static int decimals_attr(reader *r, xmlNodePtr n)
{
    char *s = rz_xml_attr(r->a, n, "decimali");
    return s ? atoi(s) : -1;
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

static const char *const rel_names[RZ_REL_KINDS] = {"rapporto", "uguale"};

static void read_cell(reader *r, rz_ctx_cell *c, xmlNodePtr n, size_t index, xmlNodePtr rnode,
                      const rz_ctx_column *col)
{
    read_text(r, n, &c->t);
    c->type = RZ_CELL_TESTO;
    if (col && col->typed)
        c->type = col->type;
    else if (index > 0)
        type_of(rz_xml_attr(r->a, rnode, "tipo"), &c->type);
    type_of(rz_xml_attr(r->a, n, "tipo"), &c->type);
    for (int k = 0; k < RZ_REL_KINDS; k++)
        c->rel[k] = rz_xml_attr(r->a, n, rel_names[k]);
    int dec = decimals_attr(r, n);
    if (dec < 0)
        dec = decimals_attr(r, rnode);
    if (dec < 0 && col)
        dec = col->decimals;
    const char *s = c->t.text ? c->t.text : "";
    if (!*s || strcmp(s, "n.d.") == 0) {
        c->missing = 1;
    } else if (c->type == RZ_CELL_DATA) {
        c->bad = !rz_ymd_parse_iso(s, &c->date);
    } else if (c->type != RZ_CELL_TESTO) {
        c->number = parse_canonical(s, &c->value, &c->written_decimals);
        c->bad = !c->number || (c->type == RZ_CELL_INTERO && c->written_decimals > 0);
        if (c->bad)
            c->number = 0;
    }
    if (dec < 0) {
        if (c->type == RZ_CELL_EURO)
            dec = 2;
        else if (c->type == RZ_CELL_DECIMALE || c->type == RZ_CELL_PERCENTUALE)
            dec = c->written_decimals;
        else
            dec = 0;
    }
    c->decimals = dec;
}

static rz_ctx_table *read_table(reader *r, xmlNodePtr n, rz_section_id section)
{
    rz_ctx_table *t = rz_arena_alloc(r->a, sizeof *t);
    if (!t)
        return NULL;
    t->line = rz_xml_line(n);
    t->section = section;
    t->id = rz_xml_attr(r->a, n, "id");
    t->title = rz_xml_attr(r->a, n, "titolo");
    t->source = rz_xml_attr(r->a, n, "fonte");
    t->population = rz_xml_attr(r->a, n, "popolazione");
    t->note = child_text(r, n, "nota");
    t->cols = children_array(r, n, "colonna", sizeof *t->cols, &t->ncols);
    t->rows = children_array(r, n, "riga", sizeof *t->rows, &t->nrows);
    FOR_CHILD(c, n, "colonna")
    {
        if (!t->cols)
            break;
        rz_ctx_column *col = &t->cols[t->ncols++];
        col->title = trimmed(r, c);
        col->type = RZ_CELL_TESTO;
        col->typed = type_of(rz_xml_attr(r->a, c, "tipo"), &col->type);
        col->decimals = decimals_attr(r, c);
        const char *s = rz_xml_attr(r->a, c, "aggrega");
        col->sums = !(s && strcmp(s, "no") == 0);
    }
    FOR_CHILD(rn, n, "riga")
    {
        if (!t->rows)
            break;
        rz_ctx_row *row = &t->rows[t->nrows++];
        row->line = rz_xml_line(rn);
        row->id = rz_xml_attr(r->a, rn, "id");
        row->somma = rz_xml_attr(r->a, rn, "somma");
        for (int k = 0; k < RZ_REL_KINDS; k++)
            row->rel[k] = rz_xml_attr(r->a, rn, rel_names[k]);
        const char *role = rz_xml_attr(r->a, rn, "ruolo");
        row->role = !role                         ? RZ_ROW_DATA
                    : strcmp(role, "totale") == 0 ? RZ_ROW_TOTAL
                    : strcmp(role, "gruppo") == 0 ? RZ_ROW_GROUP
                                                  : RZ_ROW_DATA;
        row->cells = children_array(r, rn, "c", sizeof *row->cells, &row->ncells);
        FOR_CHILD(cn, rn, "c")
        {
            if (!row->cells)
                break;
            const rz_ctx_column *col = row->ncells < t->ncols ? &t->cols[row->ncells] : NULL;
            read_cell(r, &row->cells[row->ncells], cn, row->ncells, rn, col);
            row->ncells++;
        }
    }
    /* Indexed in document order, for the references and the checks. */
    rz_contesto *doc = r->c;
    if (doc->ntables == r->tables_cap) {
        doc->tables =
            rz_arena_grow(r->a, doc->tables, doc->ntables, &r->tables_cap, sizeof *doc->tables);
        if (!doc->tables) {
            doc->ntables = 0;
            return t;
        }
    }
    doc->tables[doc->ntables++] = t;
    return t;
}

static void read_list(reader *r, xmlNodePtr n, rz_ctx_list *l)
{
    l->title = rz_xml_attr(r->a, n, "titolo");
    const char *num = rz_xml_attr(r->a, n, "numerato");
    l->numbered = num && (strcmp(num, "true") == 0 || strcmp(num, "1") == 0);
    l->items = children_array(r, n, "voce", sizeof *l->items, &l->nitems);
    FOR_CHILD(v, n, "voce")
    {
        if (l->items)
            read_text(r, v, &l->items[l->nitems++]);
    }
}

static void read_nodes(reader *r, xmlNodePtr parent, rz_ctx_node **out, size_t *n)
{
    *out = children_array(r, parent, "nodo", sizeof **out, n);
    FOR_CHILD(c, parent, "nodo")
    {
        if (!*out)
            break;
        rz_ctx_node *node = &(*out)[(*n)++];
        node->line = rz_xml_line(c);
        node->name = rz_xml_attr(r->a, c, "nome");
        node->responsible = rz_xml_attr(r->a, c, "responsabile");
        read_nodes(r, c, &node->children, &node->nchildren);
    }
}

static void read_phases(reader *r, xmlNodePtr n, rz_ctx_phases *ph)
{
    ph->title = rz_xml_attr(r->a, n, "titolo");
    ph->phases = children_array(r, n, "fase", sizeof *ph->phases, &ph->nphases);
    FOR_CHILD(f, n, "fase")
    {
        if (!ph->phases)
            break;
        rz_ctx_phase *p = &ph->phases[ph->nphases++];
        p->line = rz_xml_line(f);
        p->number = rz_xml_attr(r->a, f, "numero");
        p->from = rz_xml_attr(r->a, f, "dal");
        p->to = rz_xml_attr(r->a, f, "al");
        p->coincides = rz_xml_attr(r->a, f, "coincide-con");
        xmlNodePtr q = rz_xml_child(f, "quando"), w = rz_xml_child(f, "descrizione");
        if ((p->has_when = q != NULL))
            read_text(r, q, &p->when);
        if ((p->has_what = w != NULL))
            read_text(r, w, &p->what);
        p->who = children_array(r, f, "responsabile", sizeof *p->who, &p->nwho);
        FOR_CHILD(c, f, "responsabile")
        {
            if (!p->who)
                break;
            rz_ctx_responsible *who = &p->who[p->nwho++];
            who->text = trimmed(r, c);
            who->scope = rz_xml_attr(r->a, c, "ambito");
        }
    }
}

static void read_act(reader *r, xmlNodePtr n, rz_ctx_act *act)
{
    act->line = rz_xml_line(n);
    act->organ = rz_xml_attr(r->a, n, "organo");
    act->number = rz_xml_attr(r->a, n, "numero");
    act->date = rz_xml_attr(r->a, n, "data");
    act->note = trimmed(r, n);
}

static void read_documents(reader *r, xmlNodePtr n, rz_ctx_documents *ds)
{
    ds->title = rz_xml_attr(r->a, n, "titolo");
    ds->docs = children_array(r, n, "documento", sizeof *ds->docs, &ds->ndocs);
    FOR_CHILD(e, n, "documento")
    {
        if (!ds->docs)
            break;
        rz_ctx_document *doc = &ds->docs[ds->ndocs++];
        doc->title = child_text(r, e, "titolo");
        doc->date = rz_xml_attr(r->a, e, "data");
        doc->acts = children_array(r, e, "atto", sizeof *doc->acts, &doc->nacts);
        FOR_CHILD(a, e, "atto")
        {
            if (doc->acts)
                read_act(r, a, &doc->acts[doc->nacts++]);
        }
        doc->links = children_array(r, e, "collegamento", sizeof *doc->links, &doc->nlinks);
        FOR_CHILD(l, e, "collegamento")
        {
            if (!doc->links)
                break;
            char *s = trimmed(r, l);
            if (s && *s)
                doc->links[doc->nlinks++] = s;
        }
    }
}

static void read_actions(reader *r, xmlNodePtr n, rz_ctx_actions *as)
{
    as->title = rz_xml_attr(r->a, n, "titolo");
    as->actions = children_array(r, n, "azione", sizeof *as->actions, &as->nactions);
    FOR_CHILD(a, n, "azione")
    {
        if (!as->actions)
            break;
        rz_ctx_action *act = &as->actions[as->nactions++];
        act->number = rz_xml_attr(r->a, a, "numero");
        for (size_t i = 0; i < RZ_ACTION_FIELDS; i++)
            act->fields[i] = child_text(r, a, rz_action_fields[i]);
    }
}

/* The blocks of a section or subsection, in document order; firma is read
 * by the section itself. */
static void read_blocks(reader *r, xmlNodePtr n, rz_section_id section, rz_ctx_block **out,
                        size_t *count)
{
    size_t k = 0;
    for (xmlNodePtr c = n->children; c; c = c->next)
        k += c->type == XML_ELEMENT_NODE;
    *count = 0;
    *out = k ? rz_arena_alloc(r->a, k * sizeof **out) : NULL;
    if (!*out)
        return;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        rz_ctx_block *b = &(*out)[*count];
        if (strcmp(name, "testo") == 0) {
            b->kind = RZ_BLOCK_TEXT;
            read_text(r, c, &b->u.text.text);
            const char *print = rz_xml_attr(r->a, c, "stampa");
            b->u.text.printed = !(print && strcmp(print, "no") == 0);
        } else if (strcmp(name, "tabella") == 0) {
            b->kind = RZ_BLOCK_TABLE;
            if (!(b->u.table = read_table(r, c, section)))
                continue;
        } else if (strcmp(name, "elenco") == 0) {
            b->kind = RZ_BLOCK_LIST;
            read_list(r, c, &b->u.list);
        } else if (strcmp(name, "sottosezione") == 0) {
            b->kind = RZ_BLOCK_SUBSECTION;
            b->u.sub.line = rz_xml_line(c);
            b->u.sub.title = rz_xml_attr(r->a, c, "titolo");
            read_blocks(r, c, section, &b->u.sub.blocks, &b->u.sub.nblocks);
        } else if (strcmp(name, "organigramma") == 0) {
            b->kind = RZ_BLOCK_CHART;
            b->u.chart.title = rz_xml_attr(r->a, c, "titolo");
            b->u.chart.from = rz_xml_attr(r->a, c, "dal");
            read_nodes(r, c, &b->u.chart.nodes, &b->u.chart.nnodes);
        } else if (strcmp(name, "fasi") == 0) {
            b->kind = RZ_BLOCK_PHASES;
            read_phases(r, c, &b->u.phases);
        } else if (strcmp(name, "documenti") == 0) {
            b->kind = RZ_BLOCK_DOCUMENTS;
            read_documents(r, c, &b->u.documents);
        } else if (strcmp(name, "azioni-positive") == 0) {
            b->kind = RZ_BLOCK_ACTIONS;
            read_actions(r, c, &b->u.actions);
        } else {
            continue;
        }
        (*count)++;
    }
}

static void read_section(reader *r, xmlNodePtr n, rz_section_id id)
{
    rz_ctx_section *s = &r->c->sections[id];
    s->present = 1;
    read_blocks(r, n, id, &s->blocks, &s->nblocks);
    s->signatures = children_array(r, n, "firma", sizeof *s->signatures, &s->nsignatures);
    FOR_CHILD(f, n, "firma")
    {
        if (!s->signatures)
            break;
        rz_ctx_signature *sig = &s->signatures[s->nsignatures++];
        sig->role = rz_xml_attr(r->a, f, "ruolo");
        sig->name = rz_xml_attr(r->a, f, "nome");
    }
}

/* ---- Lookups ---- */

void rz_ctx_cell_format(const rz_ctx_cell *c, char *buf, size_t n)
{
    if (c->missing || c->bad || c->type == RZ_CELL_TESTO) {
        snprintf(buf, n, "%s", c->t.text ? c->t.text : "");
        return;
    }
    switch (c->type) {
    case RZ_CELL_DATA:
        rz_fmt_date(buf, n, c->date.year, c->date.month, c->date.day);
        break;
    case RZ_CELL_PERCENTUALE:
        rz_fmt_percent(buf, n, c->value, c->decimals);
        break;
    case RZ_CELL_EURO:
        rz_fmt_euro(buf, n, c->value, c->decimals);
        break;
    default:
        rz_fmt_number(buf, n, c->value, c->decimals);
        break;
    }
}

const rz_ctx_table *rz_contesto_table(const rz_contesto *c, const char *id)
{
    for (size_t i = 0; i < c->ntables; i++)
        if (c->tables[i]->id && strcmp(c->tables[i]->id, id) == 0)
            return c->tables[i];
    return NULL;
}

const rz_ctx_row *rz_ctx_table_row(const rz_ctx_table *t, const char *id)
{
    for (size_t k = 0; k < t->nrows; k++)
        if (t->rows[k].id && strcmp(t->rows[k].id, id) == 0)
            return &t->rows[k];
    return NULL;
}

const char *rz_ctx_row_label(const rz_ctx_row *r)
{
    return r->ncells && r->cells[0].t.text && *r->cells[0].t.text ? r->cells[0].t.text
                                                                  : "(senza voce)";
}

const char *rz_contesto_resolve(const rz_contesto *c, char *spec, const char *heading,
                                rz_ctx_ref *e)
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
    e->t = rz_contesto_table(c, spec);
    if (!e->t)
        return "la tabella citata non esiste";
    e->r = rz_ctx_table_row(e->t, rowid);
    if (!e->r)
        return "la riga citata non esiste (manca una riga con quell'id)";
    e->column = col && *col ? col : heading;
    for (size_t j = 0; e->column && j < e->t->ncols && j < e->r->ncells; j++)
        if (e->t->cols[j].title && strcmp(e->t->cols[j].title, e->column) == 0)
            e->c = &e->r->cells[j];
    if (!e->c)
        return "la tabella citata non ha una colonna con quell'intestazione";
    return NULL;
}

/* Checks the declared relation spec of cell j of row r ("a / b": a ratio;
 * "a": an equality) and, when both ends resolve, hands them to fn. Returns
 * 1 when the relation's ends were found. */
static int relation_cell(const rz_contesto *doc, const rz_ctx_table *t, const rz_ctx_row *r,
                         size_t j, const char *spec, int ratio, int explicit_cell, rz_diags *errors,
                         rz_ctx_relation_fn fn, void *ctx, const char **why_out)
{
    const rz_ctx_cell *c = &r->cells[j];
    const char *heading = j < t->ncols ? t->cols[j].title : NULL;
    char *copy = strdup(spec);
    if (!copy)
        return 0;
    char *second = ratio ? strchr(copy, '/') : NULL;
    if (ratio && !second) {
        *why_out = "scrivere numeratore / denominatore (es. personale-sesso:donne / "
                   "personale-sesso:totale)";
        if (errors && explicit_cell)
            rz_diag_add(errors, RZ_ERROR, doc->file, c->t.line, "contesto-ref",
                        "tabella %s, riga «%s»: rapporto=\"%s\": %s", t->id, rz_ctx_row_label(r),
                        spec, *why_out);
        free(copy);
        return 0;
    }
    if (second)
        *second++ = '\0';
    rz_ctx_ref a, b;
    memset(&b, 0, sizeof b);
    const char *why = rz_contesto_resolve(doc, copy, heading, &a);
    if (!why && second)
        why = rz_contesto_resolve(doc, second, heading, &b);
    int found = !why;
    if (why)
        *why_out = why;
    /* A row's relation holds in the columns the cited tables share (its
     * caller reports a relation that holds nowhere); a cell's must
     * resolve. */
    if (why && explicit_cell && errors)
        rz_diag_add(errors, RZ_ERROR, doc->file, c->t.line, "contesto-ref",
                    "tabella %s, riga «%s», colonna «%s»: %s=\"%s\": %s", t->id,
                    rz_ctx_row_label(r), heading ? heading : "?", ratio ? "rapporto" : "uguale",
                    spec, why);
    if (found && fn)
        fn(t, r, j, ratio, &a, ratio ? &b : NULL, ctx);
    free(copy);
    return found;
}

void rz_contesto_relations(const rz_contesto *doc, rz_diags *errors, rz_ctx_relation_fn fn,
                           void *ctx)
{
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const rz_ctx_table *t = doc->tables[ti];
        for (size_t i = 0; i < t->nrows; i++) {
            const rz_ctx_row *r = &t->rows[i];
            for (int k = 0; k < RZ_REL_KINDS; k++) {
                const char *row_spec = r->rel[k];
                size_t matched = 0;
                const char *why = "nessuna colonna ha la stessa intestazione nella tabella citata "
                                  "(indicarla: tabella:riga:colonna)";
                for (size_t j = 1; j < r->ncells; j++) {
                    const char *w = NULL;
                    const char *cell_spec = r->cells[j].rel[k];
                    if (cell_spec)
                        relation_cell(doc, t, r, j, cell_spec, k == RZ_REL_RAPPORTO, 1, errors, fn,
                                      ctx, &w);
                    else if (row_spec)
                        matched += (size_t)relation_cell(
                            doc, t, r, j, row_spec, k == RZ_REL_RAPPORTO, 0, errors, fn, ctx, &w);
                    if (w && !cell_spec && !strstr(w, "colonna"))
                        why = w;
                }
                if (row_spec && !matched && errors)
                    rz_diag_add(errors, RZ_ERROR, doc->file, r->line, "contesto-ref",
                                "tabella %s, riga «%s»: %s=\"%s\": %s", t->id, rz_ctx_row_label(r),
                                rel_names[k], row_spec, why);
            }
        }
    }
}

/* ---- Checks of the input ---- */

static const char *type_hint(rz_cell_type ty)
{
    switch (ty) {
    case RZ_CELL_INTERO:
        return "un numero intero senza separatore delle migliaia (1234)";
    case RZ_CELL_DATA:
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

static void check_table(const rz_ctx_table *t, const char *file, rz_diags *d)
{
    for (size_t i = 0; i < t->nrows; i++) {
        const rz_ctx_row *r = &t->rows[i];
        if (r->ncells != t->ncols) {
            rz_diag_add(d, RZ_ERROR, file, r->line, "contesto-riga",
                        "tabella %s, riga «%s»: %zu celle, ma la tabella ha %zu colonne: "
                        "una cella <c> per colonna (vuota se il documento non ha il dato)",
                        t->id, rz_ctx_row_label(r), r->ncells, t->ncols);
        }
        for (size_t j = 0; j < r->ncells; j++) {
            const rz_ctx_cell *c = &r->cells[j];
            if (!c->bad)
                continue;
            char hint[64] = "";
            /* Only where the Italian reading is certain: a comma, or more
             * than one point (1.5 could be either). */
            const char *dot = strchr(c->t.text, '.');
            if (c->type != RZ_CELL_DATA &&
                (strchr(c->t.text, ',') || (dot && strchr(dot + 1, '.'))))
                canonical_hint(c->t.text, hint, sizeof hint);
            rz_diag_add(
                d, RZ_ERROR, file, c->t.line, "contesto-cella",
                "tabella %s, riga «%s», colonna «%s»: «%s» non è del tipo %s; scrivere %s%s%s "
                "oppure «n.d.»",
                t->id, rz_ctx_row_label(r), j < t->ncols ? t->cols[j].title : "?", c->t.text,
                type_names[c->type], type_hint(c->type), *hint ? ", qui " : "", hint);
        }
        if (r->somma && r->role != RZ_ROW_TOTAL) {
            rz_diag_add(d, RZ_ERROR, file, r->line, "contesto-ref",
                        "tabella %s, riga «%s»: l'attributo somma vale solo per le righe con "
                        "ruolo=\"totale\"",
                        t->id, rz_ctx_row_label(r));
        }
        char *list = r->somma ? strdup(r->somma) : NULL;
        for (char *save = NULL, *id = list ? strtok_r(list, " \t\n", &save) : NULL; id;
             id = strtok_r(NULL, " \t\n", &save)) {
            const rz_ctx_row *named = rz_ctx_table_row(t, id);
            if (!named || named == r)
                rz_diag_add(d, RZ_ERROR, file, r->line, "contesto-ref",
                            "tabella %s, riga «%s»: somma cita la riga «%s», che %s", t->id,
                            rz_ctx_row_label(r), id,
                            named ? "è il totale stesso"
                                  : "non esiste (manca una riga con quell'id)");
        }
        free(list);
    }
}

/* Subsections become headings (levels 3 to 6 below a chapter's 2) and the
 * organisation chart a nested list: deeper nesting cannot be printed, and
 * is refused here rather than by the templates' recursion limit. */
enum { MAX_SUBSECTION_DEPTH = 3, MAX_CHART_DEPTH = 12 };

static void check_chart(const rz_ctx_node *nodes, size_t n, int depth, const char *file,
                        rz_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        if (depth + 1 > MAX_CHART_DEPTH) {
            rz_diag_add(d, RZ_ERROR, file, nodes[i].line, "contesto-livelli",
                        "organigramma: un ufficio al livello %d; al massimo %d livelli", depth + 1,
                        MAX_CHART_DEPTH);
            continue;
        }
        check_chart(nodes[i].children, nodes[i].nchildren, depth + 1, file, d);
    }
}

static void check_nesting(const rz_ctx_block *blocks, size_t n, int depth, const char *file,
                          rz_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        const rz_ctx_block *b = &blocks[i];
        if (b->kind == RZ_BLOCK_CHART)
            check_chart(b->u.chart.nodes, b->u.chart.nnodes, 0, file, d);
        if (b->kind != RZ_BLOCK_SUBSECTION)
            continue;
        if (depth + 1 > MAX_SUBSECTION_DEPTH) {
            rz_diag_add(d, RZ_ERROR, file, b->u.sub.line, "contesto-livelli",
                        "sottosezione al livello %d: al massimo %d livelli di sottosezioni una "
                        "dentro l'altra (i titoli non hanno altri livelli)",
                        depth + 1, MAX_SUBSECTION_DEPTH);
            continue;
        }
        check_nesting(b->u.sub.blocks, b->u.sub.nblocks, depth + 1, file, d);
    }
}

rz_status rz_contesto_read(const rz_xml *x, rz_contesto **out, rz_diags *d)
{
    *out = NULL;
    rz_contesto *c = calloc(1, sizeof *c);
    if (!c)
        return RZ_IO;
    rz_arena_init(&c->arena);
    reader r = {c, &c->arena, 0};
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    c->file = rz_arena_strdup(r.a, x->path);
    c->line = rz_xml_line(root);
    c->year = rz_xml_attr(r.a, root, "anno");
    xmlNodePtr act = rz_xml_child(root, "approvazione");
    if (act && (c->approval = rz_arena_alloc(r.a, sizeof *c->approval)) != NULL)
        read_act(&r, act, c->approval);
    for (int i = 0; i < RZ_SEC_COUNT; i++) {
        xmlNodePtr s = rz_xml_child(root, sections[i].element);
        if (s)
            read_section(&r, s, (rz_section_id)i);
    }
    if (c->arena.failed || !c->file) {
        rz_diag_out_of_memory(d, x->path, "leggendo il file");
        rz_contesto_free(c);
        return RZ_IO;
    }
    size_t before = d->errors;
    for (int i = 0; i < RZ_SEC_COUNT; i++)
        check_nesting(c->sections[i].blocks, c->sections[i].nblocks, 0, c->file, d);
    for (size_t i = 0; i < c->ntables; i++)
        check_table(c->tables[i], c->file, d);
    rz_contesto_relations(c, d, NULL, NULL);
    *out = c;
    return d->errors > before ? RZ_INVALID : RZ_OK;
}

void rz_contesto_free(rz_contesto *c)
{
    if (!c)
        return;
    rz_arena_free(&c->arena);
    free(c);
}
