/*
 * pdf_render.c — see pdf_render.h: the renderer's entry point.
 *
 * The work is divided along the way a page comes to be (pdf_layout.h lists
 * the files): the Markdown is parsed and laid out a piece at a time into
 * pages of drawing operations (pdf_layout.c, with pdf_table.c and
 * pdf_chart.c); then, with the number of pages known, libharu's pages are
 * created, the cover and the contents drawn in front (pdf_front.c), the
 * body's pages written (pdf_writer.c), the bookmarks, the structure tree
 * and the metadata added, and the document saved to memory.
 *
 * This file owns the render context: everything allocated while rendering
 * hangs from it, so the one error path (setjmp here, pdf_fail anywhere)
 * frees the context and leaks nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_render.h"
#include "markdown_stats.h"
#include "md_tidy.h"
#include "pdf_output.h"
#include "pdf_pdfa.h"
#include "pdf_writer.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

/* zlib's level for the page contents: 3 takes less than half the time of
 * the default 6 on the benchmark's tables, for a file 2 % larger
 * (pdf_output.c). */
#define CONTENT_COMPRESSION 3

_Noreturn void pdf_fail(ctx *c)
{
    longjmp(c->fail, 1);
}

static void on_hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    ctx *c = user;
    if (!c->error)
        rz_diag_add(c->d, RZ_ERROR, NULL, 0, "pdf",
                    "errore della libreria PDF (codice 0x%04X, dettaglio %u)", (unsigned)e,
                    (unsigned)detail);
    c->error = 1;
}

static void free_page(page *p)
{
    for (size_t k = 0; k < p->n; k++)
        free(p->ops[k].text);
    free(p->ops);
    int landscape = p->landscape; /* the bookmarks still need it */
    memset(p, 0, sizeof *p);
    p->landscape = landscape;
}

static void free_ctx(ctx *c)
{
    for (size_t i = 0; i < c->n_pages; i++)
        free_page(&c->pages[i]);
    free(c->pages);
    for (size_t i = 0; i < c->n_headings; i++) {
        free(c->headings[i].title);
        free(c->headings[i].slug);
    }
    free(c->headings);
    free(c->by_slug);
    free(c->doc_title);
    free(c->doc_subtitle);
    free(c->doc_note);
    free(c->hpages);
    rz_struct_free(c->st);
    for (size_t i = 0; i < c->n_kinds; i++) {
        free(c->kinds[i].header);
        free(c->kinds[i].minw);
        free(c->kinds[i].pref);
    }
    free(c->kinds);
    pdf_fonts_free(&c->fonts);
    rz_arena_free(&c->scratch);
    if (c->iter)
        cmark_iter_free(c->iter);
    rz_buf_free(&c->cells);
    rz_buf_free(&c->shown);
    rz_buf_free(&c->tj);
    rz_buf_free(&c->run);
    if (c->pdf)
        HPDF_Free(c->pdf);
}

/* Pieces of at least this many bytes (see rz_markdown_piece). */
#define PIECE_MIN (256u * 1024u)

static void free_piece(ctx *c)
{
    if (c->tree)
        cmark_node_free(c->tree);
    if (c->parser)
        cmark_parser_free(c->parser);
    c->tree = NULL;
    c->parser = NULL;
}

static void parse_piece(ctx *c, const char *md, size_t len)
{
    c->parser = rz_markdown_parser();
    if (!c->parser)
        pdf_fail(c);
    cmark_parser_feed(c->parser, md, len);
    c->tree = cmark_parser_finish(c->parser);
    if (!c->tree)
        pdf_fail(c);
}

rz_status rz_pdf_render(const char *md, size_t len, const rz_pdf_options *opt, void **out,
                        size_t *out_len, rz_diags *d)
{
    *out = NULL;
    *out_len = 0;
    ctx *c = calloc(1, sizeof *c);
    if (!c)
        return RZ_IO;
    c->d = d;
    c->opt = opt;
    rz_arena_init(&c->scratch);
    pdf_fonts_init(&c->fonts, opt->font_dir, d, &c->error);
    c->id_source = md;
    c->id_len = len; /* md need not end with a NUL */
    rz_cmark_extensions();
    /* A long document is parsed and laid out a piece at a time: a block's
     * layout depends on the cursor, never on its neighbours in the tree. */
    int cuttable = rz_markdown_cuttable(md, len);
    size_t at = 0;
    rz_status st = RZ_OK;
    if (setjmp(c->fail)) {
        /* A font that cannot be read is the installation's problem, not
         * the document's. */
        st = c->error && !c->fonts.missing ? RZ_INVALID : RZ_IO;
        if (!c->error)
            rz_diag_add(d, RZ_ERROR, NULL, 0, "pdf", "memoria insufficiente per il PDF");
        goto done;
    }
    /* libharu's own memory pool (HPDF_NewEx) is not used: it does not align
     * what it hands out, which is undefined behaviour for its own structs. */
    c->pdf = HPDF_New(on_hpdf_error, c);
    if (!c->pdf)
        pdf_fail(c);
    c->fonts.pdf = c->pdf;
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c->pdf);
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    c->left = MARGIN_L;
    c->width = CONTENT_W;
    /* The cover and the contents come first in reading order, though
     * drawn last: their elements are placed now, filled then. */
    c->st = rz_struct_new();
    if (!c->st)
        pdf_fail(c);
    c->cover_elem = c->toc_head = c->toc = c->toc_l1 = c->toc_sub = -1;
    if (opt->cover) {
        c->cover_elem = rz_struct_open(c->st, "Sect");
        rz_struct_close(c->st);
    }
    if (opt->toc) {
        c->toc_head = rz_struct_open(c->st, "H1");
        rz_struct_close(c->st);
        c->toc = rz_struct_open(c->st, "TOC");
        rz_struct_close(c->st);
        c->last_level = 1;
    }
    pdf_measure_kinds(c, md, len);
    pdf_new_page(c);
    do {
        size_t to = cuttable ? rz_markdown_piece(md, len, at, PIECE_MIN) : len;
        parse_piece(c, md + at, to - at);
        if (at == 0) {
            /* The first paragraph right after the title is the cover's
             * subtitle (a piece never ends after a heading). */
            cmark_node *first = cmark_node_first_child(c->tree);
            if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING) {
                cmark_node *next = cmark_node_next(first);
                if (next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH) {
                    c->doc_subtitle = pdf_cover_line(next);
                    cmark_node *note = cmark_node_next(next);
                    if (c->doc_subtitle && note &&
                        cmark_node_get_type(note) == CMARK_NODE_PARAGRAPH)
                        c->doc_note = pdf_cover_line(note);
                }
            }
        }
        pdf_render_blocks(c, c->tree, 0);
        free_piece(c);
        for (const char *nl = md + at; (nl = memchr(nl, '\n', (size_t)(md + to - nl))) != NULL;
             nl++)
            c->line_base++;
        at = to;
    } while (at < len);

    const char *title = opt->title ? opt->title : c->doc_title;
    /* Three pages or fewer need neither a cover nor a contents page. */
    int is_long = !opt->only_long || c->n_pages > 3;
    size_t cover = opt->cover && is_long ? 1 : 0;
    size_t toc = opt->toc && is_long ? pdf_toc_pages_needed(c) : 0;
    size_t total = cover + toc + c->n_pages;
    HPDF_Page *hpages = calloc(total, sizeof *hpages);
    c->hpages = hpages;
    if (!hpages)
        pdf_fail(c);
    for (size_t i = 0; i < total; i++) {
        hpages[i] = HPDF_AddPage(c->pdf);
        int turned = i >= cover + toc && c->pages[i - cover - toc].landscape;
        HPDF_Page_SetSize(hpages[i], HPDF_PAGE_SIZE_A4,
                          turned ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
    }
    if (cover) {
        rz_struct_begin_page(c->st, hpages[0]);
        pdf_cover_page(c, hpages[0], opt, title);
        pdf_scratch_reset(c);
    }
    size_t entry = 0;
    for (size_t i = 0; i < toc; i++) {
        rz_struct_begin_page(c->st, hpages[cover + i]);
        pdf_toc_page(c, hpages[cover + i], i == 0, cover + toc, &entry);
        pdf_furniture(c, hpages[cover + i], NULL, cover + i + 1, total, title);
        pdf_scratch_reset(c);
    }
    c->body_first = cover + toc;
    for (size_t i = 0; i < c->n_pages; i++) {
        rz_struct_begin_page(c->st, hpages[cover + toc + i]);
        pdf_emit_page(c, hpages[cover + toc + i], &c->pages[i]);
        pdf_furniture(c, hpages[cover + toc + i], &c->pages[i], cover + toc + i + 1, total, title);
        if (c->fonts.used_known) /* its code points counted: in libharu's stream now */
            free_page(&c->pages[i]);
        pdf_scratch_reset(c);
    }
    /* Bookmarks: level-1 headings at the root, deeper ones beneath. */
    HPDF_Outline parents[7] = {0};
    for (size_t i = 0; i < c->n_headings; i++) {
        const heading *h = &c->headings[i];
        int lv = h->level > 6 ? 6 : h->level;
        HPDF_Outline parent = NULL;
        for (int k = lv - 1; k >= 1 && !parent; k--)
            parent = parents[k];
        HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, h->title, NULL);
        if (!o)
            continue;
        rz_pdfa_dest(c->pdf, o, "Dest", c->hpages[c->body_first + h->page],
                     page_h(&c->pages[h->page]) - h->y + 12);
        HPDF_Outline_SetOpened(o, lv == 1);
        parents[lv] = o;
        for (int k = lv + 1; k < 7; k++)
            parents[k] = NULL;
    }
    for (size_t i = 0; opt->outline && i < c->n_headings; i++)
        if (!rz_outline_add(opt->outline, c->headings[i].level, c->headings[i].title,
                            cover + toc + c->headings[i].page + 1))
            pdf_fail(c);
    if (opt->outline)
        opt->outline->pages = total;
    /* Page labels match the "Pagina N" of the footers. */
    HPDF_AddPageLabel(c->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    if (rz_struct_write(c->st, c->pdf, LANG) != HPDF_OK)
        pdf_fail(c);
    pdf_finish_document(c, opt);
    if (rz_pdf_compress_pages(c->pdf, CONTENT_COMPRESSION) != 0 ||
        HPDF_SaveToStream(c->pdf) != HPDF_OK || c->error || rz_pdf_take(c->pdf, out, out_len) != 0)
        pdf_fail(c);
done:
    free_piece(c);
    free_ctx(c);
    free(c);
    return st;
}

rz_status rz_pdf_for_build(const char *md, size_t len, const rz_pdf_request *req, void *ctx_,
                           void **out, size_t *out_len, rz_diags *d)
{
    const rz_pdf_options *base = ctx_;
    /* The document's own heading (with its year) names it, not the kind
     * of document the request gives; a letter keeps the request's. */
    rz_pdf_options opt = {.title = req->letter ? req->title : NULL,
                          .author = base ? base->author : NULL,
                          .cover = !req->letter,
                          .toc = !req->letter,
                          .outline = req->outline,
                          .only_long = 1,
                          .logo = req->logo,
                          .font_dir = base ? base->font_dir : NULL};
    return rz_pdf_render(md, len, &opt, out, out_len, d);
}
