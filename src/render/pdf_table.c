/*
 * pdf_table.c — GFM tables laid out on the pages.
 *
 * Column widths come from the content: the longest word is a column's
 * minimum, the unwrapped text its preference, and the room left is shared
 * in proportion. Before anything could overflow, the type shrinks in half
 * points down to the style's minimum; a table whose words still do not fit
 * goes on landscape pages. Tables of one kind (the same header) share their
 * widths across the document, measured once from the Markdown before the
 * layout (pdf_measure_kinds), so that the unit sheets do not jump from
 * table to table. A row taller than what is left of a page is split by
 * lines; the header row is repeated, as an artifact, on every page the
 * table crosses.
 *
 * The rows and cells are taken from the scratch arena (pdf_layout.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_layout.h"
#include "markdown_stats.h"

#include <cmark-gfm-core-extensions.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    words ws;
    lines ls;
    int elem; /* its TH or TD */
} cell;

typedef struct {
    cell *cells;
    double height;
    int header;
} row;

static void layout_row(ctx *c, row *r, int ncols, const double *colw, double size, double pad)
{
    double lh = size * pdf_style.table_leading, h = 0;
    for (int k = 0; k < ncols; k++) {
        pdf_wrap(c, &r->cells[k].ws, size, colw[k] - 2 * pad, &r->cells[k].ls);
        double ch = (double)r->cells[k].ls.n * lh;
        if (ch > h)
            h = ch;
    }
    r->height = h + 2 * pad;
}

static void draw_row(ctx *c, row *r, int ncols, const double *colw, const char *align, double size,
                     double pad, int band, size_t from_line, size_t max_lines)
{
    double lh = size * pdf_style.table_leading;
    double x = c->left, total = 0;
    for (int k = 0; k < ncols; k++)
        total += colw[k];
    size_t shown = 0;
    for (int k = 0; k < ncols; k++) {
        size_t n = r->cells[k].ls.n > from_line ? r->cells[k].ls.n - from_line : 0;
        if (n > max_lines)
            n = max_lines;
        if (n > shown)
            shown = n;
    }
    double h = (double)shown * lh + 2 * pad;
    if (r->header)
        pdf_draw_rect(c, x, c->y, total, h, pdf_style.table_header_gray);
    else if (band)
        pdf_draw_rect(c, x, c->y, total, h, pdf_style.table_band_gray);
    for (int k = 0; k < ncols; k++) {
        cell *ce = &r->cells[k];
        char al = align[k] == 'r' ? 'r' : align[k] == 'c' ? 'c' : 'l';
        rz_struct_enter(c->st, ce->elem);
        for (size_t i = from_line; i < ce->ls.n && i < from_line + max_lines; i++)
            pdf_draw_words(c, &ce->ws, ce->ls.l[i], size, x + pad,
                           c->y + pad + (double)(i - from_line) * lh + size, colw[k] - 2 * pad, al);
        rz_struct_close(c->st);
        x += colw[k];
    }
    pdf_draw_line(c, c->left, c->y + h, total, 0,
                  r->header ? pdf_style.table_header_rule_gray : pdf_style.table_rule_gray);
    c->y += h;
}

static void table_widths(ctx *c, row *rows, size_t nrows, int ncols, double size, double pad,
                         double avail, const struct table_kind *kind, double *colw)
{
    double *minw = pdf_scratch(c, (size_t)ncols * sizeof *minw);
    double *pref = pdf_scratch(c, (size_t)ncols * sizeof *pref);
    double space = text_width(c, F_COND, size, " ", 1);
    for (size_t r = 0; r < nrows; r++)
        for (int k = 0; k < ncols; k++) {
            words *ws = &rows[r].cells[k].ws;
            double line_w = 0;
            for (size_t i = 0; i < ws->n; i++) {
                double w = text_width(c, ws->w[i].font, size, ws->w[i].text, ws->w[i].len);
                if (w > minw[k])
                    minw[k] = w;
                line_w += w + (ws->w[i].space_after ? space : 0);
            }
            /* A header wraps to its longest word: its unwrapped length
             * would take room from the columns that hold the text. */
            if (line_w > pref[k] && !rows[r].header)
                pref[k] = line_w;
        }
    double smin = 0, spref = 0;
    for (int k = 0; k < ncols; k++) {
        if (kind && kind->ncols == ncols) {
            minw[k] = fmax(minw[k], kind->minw[k] * size);
            pref[k] = fmax(pref[k], kind->pref[k] * size);
        }
        minw[k] += 2 * pad;
        pref[k] += 2 * pad;
        /* No column narrower than about three characters. */
        if (minw[k] < pdf_style.table_min_col * size)
            minw[k] = pdf_style.table_min_col * size;
        if (pref[k] < minw[k])
            pref[k] = minw[k];
        smin += minw[k];
        spref += pref[k];
    }
    for (int k = 0; k < ncols; k++) {
        if (spref <= avail)
            colw[k] = pref[k] + (avail - spref) * pref[k] / spref;
        else if (smin <= avail)
            colw[k] = minw[k] + (avail - smin) * (pref[k] - minw[k]) / (spref - smin);
        else
            colw[k] = avail * minw[k] / smin; /* words will be split */
    }
}

/* The table's elements, in reading order, before any is drawn: a row
 * split across pages, a header repeated, stay one element each. */
static void table_structure(ctx *c, row *rows, size_t nrows, int ncols)
{
    rz_struct_open(c->st, "Table");
    for (size_t r = 0; r < nrows; r++) {
        if (r == 0 || rows[r].header != rows[r - 1].header) {
            if (r)
                rz_struct_close(c->st);
            rz_struct_open(c->st, rows[r].header ? "THead" : "TBody");
        }
        rz_struct_open(c->st, "TR");
        for (int k = 0; k < ncols; k++) {
            rows[r].cells[k].elem = rz_struct_open(c->st, rows[r].header ? "TH" : "TD");
            if (rows[r].header)
                rz_struct_set_scope(c->st, rows[r].cells[k].elem, "Column");
            rz_struct_close(c->st);
        }
        rz_struct_close(c->st);
    }
    if (nrows)
        rz_struct_close(c->st);
}

/* The header row again on a continuation page: an artifact, the table's
 * structure has it once. */
static void repeat_header(ctx *c, row *header, int ncols, const double *colw, const char *align,
                          double size, double pad)
{
    rz_struct_artifacts(c->st, 1);
    draw_row(c, header, ncols, colw, align, size, pad, 0, 0, (size_t)-1);
    rz_struct_artifacts(c->st, 0);
}

/* Tables of one kind (the same header cells) share their column widths
 * across the document, so that the unit sheets do not jump from table to
 * table: before the layout, the Markdown's tables are measured once (the
 * longest word and the longest cell of each column, per point of type)
 * and each table's columns take at least those of its kind
 * (struct table_kind). */
/* The cells of a Markdown table line, as the layout sees their text:
 * escapes and emphasis marks dropped, split at unescaped pipes. Each cell
 * ends with '|' in out; bold[k] tells whether cell k was all bold. */
static int split_cells(const char *s, size_t n, rz_buf *out, int *bold, int max)
{
    out->len = 0;
    rz_buf_puts(out, "");
    size_t i = n && s[0] == '|' ? 1 : 0;
    int k = 0;
    while (i < n && k < max) {
        size_t st = i;
        while (i < n && !(s[i] == '|' && s[i - 1] != '\\'))
            i++;
        size_t a = st, b = i;
        while (a < b && s[a] == ' ')
            a++;
        while (b > a && s[b - 1] == ' ')
            b--;
        if (i == n && a == b)
            break;
        bold[k] = b - a >= 4 && !strncmp(s + a, "**", 2) && !strncmp(s + b - 2, "**", 2);
        for (size_t j = a; j < b; j++) {
            if (s[j] == '\\' && j + 1 < b)
                j++;
            else if (s[j] == '*')
                continue;
            rz_buf_putc(out, s[j]);
        }
        rz_buf_putc(out, '|');
        k++;
        i++;
    }
    return k;
}

static struct table_kind *find_kind(ctx *c, const char *header)
{
    for (size_t i = 0; i < c->n_kinds; i++)
        if (!strcmp(c->kinds[i].header, header))
            return &c->kinds[i];
    return NULL;
}

/* Measures one row's cells (text as split_cells leaves it) into kind k. */
static void measure_cells(ctx *c, struct table_kind *k, const char *cells, const int *bold,
                          int header)
{
    const char *p = cells;
    for (int col = 0; col < k->ncols && *p; col++) {
        const char *end = strchr(p, '|');
        if (!end) /* an escaped pipe in a cell took a column's place */
            break;
        int f = bold[col] ? F_COND_BOLD : F_COND;
        double space = text_width(c, f, 1, " ", 1), line = 0;
        for (const char *w = p; w < end;) {
            while (w < end && *w == ' ')
                w++;
            const char *we = w;
            while (we < end && *we != ' ')
                we++;
            if (we - w == 3 && !memcmp(w, "€", 3) && we < end) /* "€ 1.234,56" */
                for (we++; we < end && *we != ' ';)
                    we++;
            double ww = text_width(c, f, 1, w, (size_t)(we - w));
            if (ww > k->minw[col])
                k->minw[col] = ww;
            line += ww + (we < end ? space : 0);
            w = we;
        }
        if (line > k->pref[col] && !header) /* as in table_widths */
            k->pref[col] = line;
        p = end + 1;
    }
}

void pdf_measure_kinds(ctx *c, const char *md, size_t len)
{
    rz_buf *cells = &c->cells;
    int bold[64];
    int fence = 0;
    const char *p = md, *end = md + len;
    struct table_kind *k = NULL; /* the table being read */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *next = nl ? nl + 1 : end;
        if (n >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3)))
            fence = !fence;
        if (fence || n == 0 || p[0] != '|') {
            k = NULL;
            p = next;
            continue;
        }
        if (k) {
            if (split_cells(p, n, cells, bold, 64) == k->ncols)
                measure_cells(c, k, rz_buf_str(cells), bold, 0);
            p = next;
            continue;
        }
        /* A header: the next line is the delimiter row. */
        const char *nl2 = next < end ? memchr(next, '\n', (size_t)(end - next)) : NULL;
        size_t n2 = next < end ? (nl2 ? (size_t)(nl2 - next) : (size_t)(end - next)) : 0;
        if (n2 == 0 || strspn(next, "|:- ") < n2 || !memchr(next, '-', n2)) {
            p = next;
            continue;
        }
        int nc = split_cells(p, n, cells, bold, 64);
        k = find_kind(c, rz_buf_str(cells));
        if (!k && nc > 0) {
            struct table_kind *ks = realloc(c->kinds, (c->n_kinds + 1) * sizeof *ks);
            if (!ks)
                pdf_fail(c);
            c->kinds = ks;
            k = &c->kinds[c->n_kinds++];
            memset(k, 0, sizeof *k);
            k->ncols = nc;
            k->header = strdup(rz_buf_str(cells));
            k->minw = calloc((size_t)nc, sizeof *k->minw);
            k->pref = calloc((size_t)nc, sizeof *k->pref);
            if (!k->header || !k->minw || !k->pref)
                pdf_fail(c);
        }
        if (k) {
            k->count++;
            for (int i = 0; i < nc; i++)
                bold[i] = 1;
            measure_cells(c, k, rz_buf_str(cells), bold, 1);
        }
        p = nl2 ? nl2 + 1 : end;
    }
}

/* The kind of a table being laid out, when the document has others of it. */
static const struct table_kind *kind_of(ctx *c, cmark_node *table)
{
    cmark_node *head = cmark_node_first_child(table);
    if (!head || !cmark_gfm_extensions_get_table_row_is_header(head))
        return NULL;
    rz_buf key;
    rz_buf_init(&key);
    for (cmark_node *ce = cmark_node_first_child(head); ce; ce = cmark_node_next(ce)) {
        char *t = rz_markdown_plain_text(ce);
        rz_buf_puts(&key, t ? t : "");
        rz_buf_putc(&key, '|');
        free(t);
    }
    const struct table_kind *k = find_kind(c, rz_buf_str(&key));
    rz_buf_free(&key);
    return k && k->count > 1 ? k : NULL;
}

/* Column widths for avail points and the type size, from TABLE_SIZE
 * (MIN_TABLE_SIZE beyond eight columns) shrunk in half points down to
 * MIN_TABLE_SIZE until the longest words fit their columns. Returns
 * whether they do. */
static int fit_table(ctx *c, row *rows, size_t nrows, int ncols, double pad, double avail,
                     const struct table_kind *kind, double *colw, double *size_out)
{
    double size =
        ncols > pdf_style.table_wide_cols ? pdf_style.table_min_size : pdf_style.table_size;
    for (;;) {
        table_widths(c, rows, nrows, ncols, size, pad, avail, kind, colw);
        int words_fit = 1;
        for (size_t r = 0; r < nrows && words_fit; r++)
            for (int k = 0; k < ncols && words_fit; k++)
                for (size_t i = 0; i < rows[r].cells[k].ws.n; i++) {
                    word *w = &rows[r].cells[k].ws.w[i];
                    if (text_width(c, w->font, size, w->text, w->len) > colw[k] - 2 * pad) {
                        words_fit = 0;
                        break;
                    }
                }
        if (words_fit || size <= pdf_style.table_min_size) {
            *size_out = size;
            return words_fit;
        }
        size -= pdf_style.table_size_step;
    }
}

void pdf_render_table(ctx *c, cmark_node *table)
{
    int ncols = (int)cmark_gfm_extensions_get_table_columns(table);
    uint8_t *al = cmark_gfm_extensions_get_table_alignments(table);
    if (ncols <= 0)
        return;
    char *align = pdf_scratch(c, (size_t)ncols + 1);
    size_t nrows = 0;
    for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r))
        nrows++;
    row *rows = pdf_scratch(c, (nrows ? nrows : 1) * sizeof *rows);
    for (int k = 0; k < ncols; k++)
        align[k] = al ? (char)al[k] : 'l';
    size_t ri = 0;
    for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r), ri++) {
        rows[ri].cells = pdf_scratch(c, (size_t)ncols * sizeof(cell));
        rows[ri].header = cmark_gfm_extensions_get_table_row_is_header(r);
        int k = 0;
        for (cmark_node *ce = cmark_node_first_child(r); ce && k < ncols;
             ce = cmark_node_next(ce), k++)
            pdf_collect_inline(c, ce, &rows[ri].cells[k].ws, rows[ri].header, 1);
    }
    double *colw = pdf_scratch(c, (size_t)ncols * sizeof *colw);
    double size, pad = pdf_style.table_pad;
    /* A table whose words do not fit a portrait page at the smallest type
     * goes on a landscape page, and the pages it crosses are landscape. */
    int turned = c->landscape;
    const struct table_kind *kind = kind_of(c, table);
    if (!fit_table(c, rows, nrows, ncols, pad, c->width, kind, colw, &size) &&
        !pdf_cur(c)->landscape) {
        c->landscape = 1;
        pdf_new_page(c);
        fit_table(c, rows, nrows, ncols, pad, c->width, kind, colw, &size);
    }
    if (pdf_cur(c)->landscape)
        c->landscape = 1;
    for (size_t r = 0; r < nrows; r++)
        layout_row(c, &rows[r], ncols, colw, size, pad);

    double lh = size * pdf_style.table_leading;
    row *header = nrows && rows[0].header ? &rows[0] : NULL;
    table_structure(c, rows, nrows, ncols);
    pdf_need(c, (header ? header->height : 0) + (nrows > 1 ? rows[1].height : 0));
    c->y += pdf_style.table_before;
    for (size_t r = 0; r < nrows; r++) {
        row *rw = &rows[r];
        double head_h = header && rw != header ? header->height : 0;
        if (c->y + rw->height > pdf_bottom(c)) {
            if (rw->height + head_h <= pdf_bottom(c) - MARGIN_T) {
                if (!pdf_new_page(c) && header && rw != header)
                    repeat_header(c, header, ncols, colw, align, size, pad);
            }
        }
        /* A row taller than what is left of a page is split by lines, the
         * header repeated above each continuation. */
        size_t total = 0;
        for (int k = 0; k < ncols; k++)
            if (rw->cells[k].ls.n > total)
                total = rw->cells[k].ls.n;
        size_t from = 0;
        do {
            double room = pdf_bottom(c) - c->y - 2 * pad;
            size_t fit = room > lh ? (size_t)(room / lh) : 0;
            if (fit == 0) {
                if (!pdf_new_page(c) && header && rw != header)
                    repeat_header(c, header, ncols, colw, align, size, pad);
                continue;
            }
            draw_row(c, rw, ncols, colw, align, size, pad, !rw->header && r % 2 == 0, from, fit);
            if (!rw->header)
                pdf_kept_lines(c, 2);
            from += fit;
        } while (from < total);
    }
    c->y += pdf_style.table_after;
    rz_struct_close(c->st); /* the Table */
    c->landscape = turned;
}
