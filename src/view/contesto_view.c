/* contesto_view.c — see contesto_view.h. */
#include "contesto_view.h"
#include "buf.h"
#include "format.h"

#include <string.h>

static void set_str(rz_view *m, const char *key, const char *s)
{
    rz_view_set_str(m, key, s ? s : "");
}

/* An ISO date as written, in Italian form; "" when absent. */
static void set_date(rz_view *m, const char *key, const char *iso)
{
    char buf[RZ_FMT_MAX];
    rz_view_set_str(m, key, iso && *iso ? rz_fmt_iso_date(buf, sizeof buf, iso, 0) : "");
}

static rz_view *table_view(rz_view_doc *doc, const rz_ctx_table *t)
{
    rz_view *m = rz_view_map(doc);
    rz_view_set_str(m, "id", t->id);
    rz_view_set_str(m, "titolo", t->title);
    set_str(m, "fonte", t->source);
    set_str(m, "nota", t->note);
    rz_view *head = rz_view_list(doc);
    for (size_t j = 0; j < t->ncols; j++) {
        /* Right-aligned when every figure of the column is a number or a
         * date (a column of years in a table whose rows set the type). */
        int figures = 0, words = 0;
        for (size_t i = 0; i < t->nrows; i++) {
            const rz_ctx_row *r = &t->rows[i];
            if (j >= r->ncells || r->cells[j].missing || r->role == RZ_ROW_GROUP)
                continue;
            if (r->cells[j].type == RZ_CELL_TESTO || r->cells[j].bad)
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
        const rz_ctx_row *r = &t->rows[i];
        rz_view *rv = rz_view_map(doc);
        rz_view_set_bool(rv, "totale", r->role == RZ_ROW_TOTAL);
        rz_view_set_bool(rv, "gruppo", r->role == RZ_ROW_GROUP);
        rz_view *cells = rz_view_list(doc);
        for (size_t j = 0; j < t->ncols; j++) {
            char buf[RZ_FMT_MAX];
            buf[0] = '\0';
            if (j < r->ncells)
                rz_ctx_cell_format(&r->cells[j], buf, sizeof buf);
            rz_view *cv = rz_view_map(doc);
            rz_view_set_str(cv, "valore", buf);
            rz_view_set_bool(cv, "forte", r->role != RZ_ROW_DATA && buf[0]);
            rz_view_push(cells, cv);
        }
        rz_view_set(rv, "celle", cells);
        rz_view_push(rows, rv);
    }
    rz_view_set(m, "righe", rows);
    return m;
}

static rz_view *list_view(rz_view_doc *doc, const rz_ctx_list *l)
{
    rz_view *m = rz_view_map(doc);
    set_str(m, "titolo", l->title);
    rz_view_set_bool(m, "numerato", l->numbered);
    rz_view *items = rz_view_list(doc);
    for (size_t i = 0; i < l->nitems; i++) {
        rz_view *iv = rz_view_map(doc);
        rz_view_set_str(iv, "testo", l->items[i].text);
        rz_view_push(items, iv);
    }
    rz_view_set(m, "voci", items);
    return m;
}

static rz_view *nodes_view(rz_view_doc *doc, const rz_ctx_node *nodes, size_t n)
{
    rz_view *list = rz_view_list(doc);
    for (size_t i = 0; i < n; i++) {
        rz_view *m = rz_view_map(doc);
        set_str(m, "nome", nodes[i].name);
        set_str(m, "responsabile", nodes[i].responsible);
        rz_view_set(m, "nodi", nodes_view(doc, nodes[i].children, nodes[i].nchildren));
        rz_view_push(list, m);
    }
    return list;
}

static rz_view *chart_view(rz_view_doc *doc, const rz_ctx_chart *c)
{
    rz_view *m = rz_view_map(doc);
    set_str(m, "titolo", c->title);
    set_date(m, "dal", c->from);
    rz_view_set(m, "nodi", nodes_view(doc, c->nodes, c->nnodes));
    return m;
}

/* Marks the last item of a list, for templates that join with "; ". */
static void mark_last(rz_view *list)
{
    size_t n = rz_view_len(list);
    for (size_t i = 0; i < n; i++)
        rz_view_set_bool(rz_view_at(list, i), "ultimo", i + 1 == n);
}

static rz_view *phases_view(rz_view_doc *doc, const rz_ctx_phases *ph)
{
    rz_view *m = rz_view_map(doc);
    set_str(m, "titolo", ph->title);
    rz_view *list = rz_view_list(doc);
    for (size_t i = 0; i < ph->nphases; i++) {
        const rz_ctx_phase *f = &ph->phases[i];
        rz_view *fv = rz_view_map(doc);
        set_str(fv, "numero", f->number);
        set_date(fv, "dal", f->from);
        set_date(fv, "al", f->to);
        set_str(fv, "quando", f->has_when ? f->when.text : NULL);
        set_str(fv, "descrizione", f->has_what ? f->what.text : NULL);
        rz_view *who = rz_view_list(doc);
        for (size_t k = 0; k < f->nwho; k++) {
            rz_view *rv = rz_view_map(doc);
            rz_view_set_str(rv, "testo", f->who[k].text);
            set_str(rv, "ambito", f->who[k].scope);
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

static rz_view *documents_view(rz_view_doc *doc, const rz_ctx_documents *ds)
{
    rz_view *m = rz_view_map(doc);
    set_str(m, "titolo", ds->title);
    rz_view *list = rz_view_list(doc);
    for (size_t i = 0; i < ds->ndocs; i++) {
        const rz_ctx_document *e = &ds->docs[i];
        rz_view *dv = rz_view_map(doc);
        set_str(dv, "titolo", e->title);
        set_date(dv, "data", e->date);
        rz_view *acts = rz_view_list(doc);
        for (size_t k = 0; k < e->nacts; k++) {
            const rz_ctx_act *a = &e->acts[k];
            rz_view *av = rz_view_map(doc);
            set_str(av, "organo", a->organ);
            set_str(av, "numero", a->number);
            set_date(av, "data", a->date);
            set_str(av, "nota", a->note);
            rz_view_push(acts, av);
        }
        rz_view_set(dv, "atti", acts);
        rz_view *links = rz_view_list(doc);
        for (size_t k = 0; k < e->nlinks; k++)
            rz_view_push(links, link_view(doc, e->links[k]));
        rz_view_set(dv, "collegamenti", links);
        rz_view_push(list, dv);
    }
    rz_view_set(m, "documenti", list);
    return m;
}

static rz_view *actions_view(rz_view_doc *doc, const rz_ctx_actions *as)
{
    rz_view *m = rz_view_map(doc);
    set_str(m, "titolo", as->title);
    rz_view *list = rz_view_list(doc);
    for (size_t i = 0; i < as->nactions; i++) {
        rz_view *av = rz_view_map(doc);
        set_str(av, "numero", as->actions[i].number);
        for (size_t k = 0; k < RZ_ACTION_FIELDS; k++)
            set_str(av, rz_action_fields[k], as->actions[i].fields[k]);
        rz_view_push(list, av);
    }
    rz_view_set(m, "azioni", list);
    return m;
}

/* The blocks of a section. level is the heading level of its subsections;
 * chapter, when set, numbers them ("5" gives 5.1, 5.2…). */
static rz_view *blocks_view(rz_view_doc *doc, const rz_ctx_block *blocks, size_t n, int level,
                            const char *chapter)
{
    rz_view *list = rz_view_list(doc);
    int sub = 0;
    for (size_t i = 0; i < n; i++) {
        const rz_ctx_block *c = &blocks[i];
        /* A text kept only for the checks (a template the source document
         * left unfilled) is not printed. */
        if (c->kind == RZ_BLOCK_TEXT && !c->u.text.printed)
            continue;
        /* Every kind is set, false but for one, so that a template asking
         * a block whether it is a subsection never finds the answer in an
         * enclosing block (Mustache looks a missing key up the stack). */
        static const char *const kinds[] = {"testo",        "tabella",        "elenco",
                                            "sottosezione", "organigramma",   "fasi",
                                            "documenti",    "azioni_positive"};
        rz_view *b = rz_view_map(doc);
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            rz_view_set_bool(b, kinds[k], 0);
        switch (c->kind) {
        case RZ_BLOCK_TEXT:
            rz_view_set(b, "testo", rz_view_narrative(doc, c->u.text.text.raw));
            break;
        case RZ_BLOCK_TABLE:
            rz_view_set(b, "tabella", table_view(doc, c->u.table));
            break;
        case RZ_BLOCK_LIST:
            rz_view_set(b, "elenco", list_view(doc, &c->u.list));
            break;
        case RZ_BLOCK_SUBSECTION: {
            rz_view *s = rz_view_map(doc);
            set_str(s, "titolo", c->u.sub.title);
            char marks[8];
            int lv = level < 1 ? 1 : level > 6 ? 6 : level;
            memset(marks, '#', (size_t)lv);
            marks[lv] = '\0';
            rz_view_set_str(s, "marcatore", marks);
            if (chapter)
                rz_view_set_strf(s, "numero", "%s.%d", chapter, ++sub);
            else
                rz_view_set_str(s, "numero", "");
            rz_view_set(s, "blocchi",
                        blocks_view(doc, c->u.sub.blocks, c->u.sub.nblocks, level + 1, NULL));
            rz_view_set(b, "sottosezione", s);
            break;
        }
        case RZ_BLOCK_CHART:
            rz_view_set(b, "organigramma", chart_view(doc, &c->u.chart));
            break;
        case RZ_BLOCK_PHASES:
            rz_view_set(b, "fasi", phases_view(doc, &c->u.phases));
            break;
        case RZ_BLOCK_DOCUMENTS:
            rz_view_set(b, "documenti", documents_view(doc, &c->u.documents));
            break;
        case RZ_BLOCK_ACTIONS:
            rz_view_set(b, "azioni_positive", actions_view(doc, &c->u.actions));
            break;
        }
        rz_view_push(list, b);
    }
    return list;
}

rz_view *rz_contesto_view(rz_view_doc *doc, const rz_contesto *x)
{
    static const struct {
        const char *key;
        int level;
        const char *chapter;
    } sections[RZ_SEC_COUNT] = {
        {"premessa", 3, NULL},           {"contesto_esterno", 3, NULL},
        {"amministrazione", 3, NULL},    {"valutazione_complessiva", 3, NULL},
        {"bilancio_di_genere", 3, NULL}, {"processo", 2, "5"}};
    rz_view *m = rz_view_map(doc);
    set_str(m, "anno", x->year);
    if (x->approval) {
        rz_view *av = rz_view_map(doc);
        set_str(av, "organo", x->approval->organ);
        set_str(av, "numero", x->approval->number);
        set_date(av, "data", x->approval->date);
        rz_view_set(m, "approvazione", av);
    }
    for (size_t i = 0; i < RZ_SEC_COUNT; i++) {
        const rz_ctx_section *s = &x->sections[i];
        if (!s->present) {
            rz_view_set_bool(m, sections[i].key, 0);
            continue;
        }
        rz_view *sv = rz_view_map(doc);
        rz_view_set(
            sv, "blocchi",
            blocks_view(doc, s->blocks, s->nblocks, sections[i].level, sections[i].chapter));
        rz_view *signs = rz_view_list(doc);
        for (size_t k = 0; k < s->nsignatures; k++) {
            rz_view *fv = rz_view_map(doc);
            set_str(fv, "ruolo", s->signatures[k].role);
            set_str(fv, "nome", s->signatures[k].name);
            rz_view_push(signs, fv);
        }
        rz_view_set(sv, "firme", signs);
        rz_view_set(m, sections[i].key, sv);
    }
    return m;
}
