/*
 * contesto_check.c — see contesto_check.h.
 *
 * Totals: a row with ruolo="totale" sums the rows named in its somma
 * attribute or, without it, the data rows since the previous group title
 * or total. The check allows for the rounding of the printed figures: half
 * a unit of the total's last digit, plus half a unit of each addend's for
 * decimals and percentages (shares rounded one by one need not add up to
 * exactly 100).
 *
 * Every check walks the structs read by input/contesto.c, whose cells are
 * typed once, so a figure is read here as the view prints it.
 */
#define _POSIX_C_SOURCE 200809L
#include "contesto_check.h"
#include "buf.h"
#include "format.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_numeric(rz_cell_type ty)
{
    return ty == RZ_CELL_INTERO || ty == RZ_CELL_DECIMALE || ty == RZ_CELL_PERCENTUALE ||
           ty == RZ_CELL_EURO;
}

static double half_unit(int decimals)
{
    return 0.5 * pow(10.0, -decimals);
}

/* The most addends total row i can have: every row, or every name in its
 * somma (a name may be repeated). */
static size_t addends_cap(const rz_ctx_table *t, size_t i)
{
    const char *somma = t->rows[i].somma;
    size_t names = somma ? strlen(somma) / 2 + 1 : 0;
    return names > t->nrows ? names : t->nrows;
}

/* The addends of total row i: the rows its somma names, or the data rows
 * from start. Returns the count written to out (at most cap). */
static size_t addends(const rz_ctx_table *t, size_t i, size_t start, const rz_ctx_row **out,
                      size_t cap)
{
    size_t n = 0;
    const rz_ctx_row *r = &t->rows[i];
    if (r->somma) {
        char *list = strdup(r->somma);
        for (char *save = NULL, *id = list ? strtok_r(list, " \t\n", &save) : NULL; id && n < cap;
             id = strtok_r(NULL, " \t\n", &save)) {
            const rz_ctx_row *a = rz_ctx_table_row(t, id);
            if (a && a != r)
                out[n++] = a;
        }
        free(list);
        return n;
    }
    for (size_t k = start; k < i && n < cap; k++)
        if (t->rows[k].role == RZ_ROW_DATA)
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

static double addend_value(const rz_ctx_table *t, const recomputed_sums *rs, const rz_ctx_row *a,
                           size_t j)
{
    size_t i = (size_t)(a - t->rows);
    if (rs->has && rs->has[i * t->ncols + j])
        return rs->value[i * t->ncols + j];
    return a->cells[j].value;
}

static void check_total_cell(const rz_ctx_table *t, const rz_ctx_row *r, size_t j,
                             const rz_ctx_row **add, size_t n, recomputed_sums *rs,
                             const char *file, rz_diags *d)
{
    const rz_ctx_cell *tc = &r->cells[j];
    if (!is_numeric(tc->type) || !tc->number)
        return;
    double sum = 0, printed_sum = 0, tol = half_unit(tc->written_decimals) + 1e-9;
    int dec = tc->written_decimals;
    for (size_t k = 0; k < n; k++) {
        if (j >= add[k]->ncells)
            return;
        const rz_ctx_cell *c = &add[k]->cells[j];
        if (!c->number || !is_numeric(c->type))
            return; /* a missing or unreadable addend: nothing to verify */
        sum += addend_value(t, rs, add[k], j);
        printed_sum += c->value;
        if (c->type == RZ_CELL_DECIMALE || c->type == RZ_CELL_PERCENTUALE)
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
    rz_diag_add(d, RZ_WARNING, file, tc->t.line, "plaus-totals",
                "tabella «%s» (%s), riga «%s», colonna «%s»: il totale stampato è %s, ma la "
                "somma delle %zu righe che totalizza è %s (differenza %s): correggere il totale "
                "o la riga sbagliata nel documento di origine",
                t->title, t->id, rz_ctx_row_label(r), t->cols[j].title, printed, n, computed,
                delta);
}

static void check_table_totals(const rz_ctx_table *t, const char *file, rz_diags *d)
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
        const rz_ctx_row *r = &t->rows[i];
        if (r->role == RZ_ROW_GROUP) {
            start = i + 1;
            continue;
        }
        if (r->role != RZ_ROW_TOTAL)
            continue;
        size_t cap = addends_cap(t, i);
        const rz_ctx_row **add = malloc(sizeof *add * cap);
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

static void check_population(const rz_ctx_table *t, const char *file, rz_diags *d,
                             population_totals *pt)
{
    const char *pop = t->population;
    const rz_ctx_row *total = NULL;
    for (size_t i = 0; pop && i < t->nrows; i++)
        if (t->rows[i].role == RZ_ROW_TOTAL)
            total = &t->rows[i]; /* the last total is the grand total */
    for (size_t j = 1; total && j < total->ncells && j < t->ncols; j++) {
        const rz_ctx_cell *c = &total->cells[j];
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
                rz_diag_add(d, RZ_WARNING, file, c->t.line, "plaus-inconsistent",
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
        e->line = c->t.line;
    }
}

/* Both checks on each table, in document order. */
void rz_contesto_check_totals(const rz_contesto *x, rz_diags *findings)
{
    population_totals pt = {NULL, 0, 0};
    for (size_t i = 0; i < x->ntables; i++) {
        check_table_totals(x->tables[i], x->file, findings);
        check_population(x->tables[i], x->file, findings, &pt);
    }
    for (size_t i = 0; i < pt.count; i++) {
        free(pt.items[i].population);
        free(pt.items[i].table);
        free(pt.items[i].column);
    }
    free(pt.items);
}

/* ---- Declared relations, phase dates and placeholders ---- */

typedef struct {
    const char *file;
    rz_diags *d;
} relation_ctx;

/* A relation whose ends resolved: the printed cell against the figures it
 * is declared to be the ratio of, or equal to. */
static void check_relation(const rz_ctx_table *t, const rz_ctx_row *r, size_t j, int ratio,
                           const rz_ctx_ref *a, const rz_ctx_ref *b, void *ctx)
{
    const relation_ctx *rc = ctx;
    const char *file = rc->file;
    rz_diags *d = rc->d;
    const rz_ctx_cell *c = &r->cells[j];
    const char *heading = j < t->ncols ? t->cols[j].title : NULL;
    if (c->number && a->c->number && (!ratio || b->c->number) && (!ratio || b->c->value != 0)) {
        double v = ratio ? a->c->value / b->c->value * (c->type == RZ_CELL_PERCENTUALE ? 100 : 1)
                         : a->c->value;
        if (fabs(v - c->value) > half_unit(c->decimals) + 1e-9 * (1 + fabs(v))) {
            char printed[RZ_FMT_MAX], comp[RZ_FMT_MAX], na[RZ_FMT_MAX], nb[RZ_FMT_MAX];
            rz_ctx_cell_format(c, printed, sizeof printed);
            rz_ctx_cell shown = *c;
            shown.value = v;
            shown.decimals = c->decimals + 1;
            rz_ctx_cell_format(&shown, comp, sizeof comp);
            rz_ctx_cell_format(a->c, na, sizeof na);
            if (ratio) {
                rz_ctx_cell_format(b->c, nb, sizeof nb);
                rz_diag_add(d, RZ_WARNING, file, c->t.line, "plaus-relation",
                            "%s, tabella «%s», riga «%s», colonna «%s»: è stampato %s, ma la "
                            "cifra è dichiarata come rapporto tra «%s» e «%s» della tabella «%s» "
                            "(%s), che danno %s su %s = %s: correggere la cifra stampata o "
                            "quelle da cui è calcolata",
                            rz_section_label(t->section), t->title, rz_ctx_row_label(r), heading,
                            printed, rz_ctx_row_label(a->r), rz_ctx_row_label(b->r), a->t->title,
                            rz_section_label(a->t->section), na, nb, comp);
            } else {
                rz_diag_add(d, RZ_WARNING, file, c->t.line, "plaus-relation",
                            "%s, tabella «%s», riga «%s», colonna «%s»: è stampato %s, ma la "
                            "cifra è dichiarata uguale a «%s», colonna «%s», della tabella «%s» "
                            "(%s), che è %s: correggere l'una o l'altra",
                            rz_section_label(t->section), t->title, rz_ctx_row_label(r), heading,
                            printed, rz_ctx_row_label(a->r), a->column, a->t->title,
                            rz_section_label(a->t->section), na);
            }
        }
    }
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
static void check_phase(const rz_ctx_phase *c, rz_section_id section, const char *file,
                        const phase_act acts[2], rz_diags *d)
{
    if (!c->coincides)
        return;
    const phase_act *act = &acts[strcmp(c->coincides, "approvazione") == 0 ? 0 : 1];
    rz_ymd yf, yt;
    int has_from = c->from && rz_ymd_parse_iso(c->from, &yf);
    int has_to = c->to && rz_ymd_parse_iso(c->to, &yt);
    const rz_ymd *a = &act->date;
    int differs = (has_from && (yf.year != a->year || yf.month != a->month || yf.day != a->day)) ||
                  (has_to && (yt.year != a->year || yt.month != a->month || yt.day != a->day));
    if (!act->has || !differs)
        return;
    char printed[RZ_FMT_MAX], actual[RZ_FMT_MAX];
    const rz_ymd *p = has_from ? &yf : &yt;
    rz_fmt_date(printed, sizeof printed, p->year, p->month, p->day);
    rz_fmt_date(actual, sizeof actual, a->year, a->month, a->day);
    const char *when = c->has_when ? c->when.text : NULL;
    rz_diag_add(d, RZ_WARNING, file, c->line, "plaus-relation",
                "%s, fase %s%s%s%s: la data stampata è %s, ma la fase è dichiarata "
                "coincidente con %s, che %s dà del %s: correggere la data della fase o "
                "quella dell'atto",
                rz_section_label(section), c->number ? c->number : "?", when ? " («" : "",
                when ? when : "", when ? "»)" : "", printed, act->what, act->source, actual);
}

/* "delibera n. 21, Giunta camerale" */
static void act_words(char *buf, size_t n, const char *kind, const char *number, const char *organ)
{
    snprintf(buf, n, "l'atto di approvazione della Relazione (%s%s%s%s%s)",
             kind ? kind : "delibera", number ? " n. " : "", number ? number : "",
             organ ? ", " : "", organ ? organ : "");
}

static void phase_acts(const rz_contesto *x, const rz_oiv *oiv, phase_act acts[2])
{
    memset(acts, 0, 2 * sizeof *acts);
    const rz_ctx_act *cover = x->approval;
    if (cover && cover->date && rz_ymd_parse_iso(cover->date, &acts[0].date)) {
        acts[0].has = 1;
        act_words(acts[0].what, sizeof acts[0].what, NULL, cover->number, cover->organ);
        acts[0].source = "la copertina della Relazione";
    } else if (oiv && oiv->has_approval) {
        acts[0].has = 1;
        rz_date_to_ymd(oiv->approval_date, &acts[0].date.year, &acts[0].date.month,
                       &acts[0].date.day);
        act_words(acts[0].what, sizeof acts[0].what, oiv->approval_act, oiv->approval_number,
                  oiv->approval_organ);
        acts[0].source = "l'approvazione nei dati della validazione";
    }
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

/* One finding per text, listing each placeholder with the words around
 * it, on the line of the first. */
static void check_placeholders(const rz_ctx_text *text, rz_section_id section, const char *file,
                               rz_diags *d)
{
    const char *s = text->raw ? text->raw : "";
    rz_buf list;
    rz_buf_init(&list);
    size_t found = 0, len = 0;
    long line = 0;
    for (const char *p = find_placeholder(s, &len); p; p = find_placeholder(p + len, &len)) {
        if (found++ == 0) {
            line = text->line;
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
                    rz_section_label(section), found, found == 1 ? "segnaposto" : "segnaposti",
                    rz_buf_str(&list));
    rz_buf_free(&list);
}

/* Phase dates (acts given) or placeholders (acts NULL), block by block in
 * document order. */
static void check_blocks(const rz_ctx_block *blocks, size_t n, rz_section_id section,
                         const char *file, const phase_act *acts, rz_diags *d)
{
    for (size_t i = 0; i < n; i++) {
        const rz_ctx_block *b = &blocks[i];
        if (b->kind == RZ_BLOCK_SUBSECTION) {
            check_blocks(b->u.sub.blocks, b->u.sub.nblocks, section, file, acts, d);
        } else if (b->kind == RZ_BLOCK_PHASES) {
            for (size_t k = 0; k < b->u.phases.nphases; k++) {
                const rz_ctx_phase *p = &b->u.phases.phases[k];
                if (acts)
                    check_phase(p, section, file, acts, d);
                if (!acts && p->has_when)
                    check_placeholders(&p->when, section, file, d);
                if (!acts && p->has_what)
                    check_placeholders(&p->what, section, file, d);
            }
        } else if (acts) {
            continue;
        } else if (b->kind == RZ_BLOCK_TEXT) {
            check_placeholders(&b->u.text.text, section, file, d);
        } else if (b->kind == RZ_BLOCK_TABLE) {
            for (size_t r = 0; r < b->u.table->nrows; r++)
                for (size_t c = 0; c < b->u.table->rows[r].ncells; c++)
                    check_placeholders(&b->u.table->rows[r].cells[c].t, section, file, d);
        } else if (b->kind == RZ_BLOCK_LIST) {
            for (size_t k = 0; k < b->u.list.nitems; k++)
                check_placeholders(&b->u.list.items[k], section, file, d);
        }
    }
}

void rz_contesto_check_findings(const rz_contesto *x, const rz_oiv *oiv, rz_diags *findings)
{
    relation_ctx rc = {x->file, findings};
    rz_contesto_relations(x, NULL, check_relation, &rc);
    phase_act acts[2];
    phase_acts(x, oiv, acts);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < RZ_SEC_COUNT; i++)
            check_blocks(x->sections[i].blocks, x->sections[i].nblocks, (rz_section_id)i, x->file,
                         pass == 0 ? acts : NULL, findings);
}
