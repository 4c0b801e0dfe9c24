/*
 * build.c — `relazione build`: from an input folder to the documents.
 *
 * Which documents a folder yields depends on what it holds:
 *   Piano + monitoring            → relazione.md (chapters 2 and 5 and the
 *                                   Premessa need the context data),
 *                                   validazione.md
 *   Piano without context         → sintesi-piano.md
 *   Piano + monitoring            → albero.md, risultati-aree.md,
 *                                   risultati-unita.md, risultati-prospettive.md
 *   Allegato 1                    → allegato1.md (table), allegato1-prosa.md
 *   Allegato 2                    → allegato2.md
 * Each is templates/<name>.md.mustache rendered over one view: the scored
 * tree (report_view.c), the validation data, and the context and Allegati
 * as they are (xmlview.c). The Relazione is rendered before the
 * attestation because points J and K are measured on it.
 *
 * Nothing is written when the inputs have errors. Every file is written
 * atomically, so a failure midway leaves complete files only.
 */
#define _POSIX_C_SOURCE 200809L
#include "build.h"
#include "allegato2_check.h"
#include "check.h"
#include "contesto.h"
#include "format.h"
#include "fsutil.h"
#include "inputs.h"
#include "json.h"
#include "markdown_stats.h"
#include "mustache.h"
#include "report_view.h"
#include "version.h"
#include "xmlview.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const rz_build_options *opt;
    const char *templates;
    const char *outdir;
    rz_diags *d;
    rz_view *root;
    rz_built *built;
} ctx;

static void add_built(rz_built *b, const char *path)
{
    if (b->count == sizeof b->paths / sizeof b->paths[0])
        return;
    b->paths[b->count++] = strdup(path);
}

void rz_built_free(rz_built *b)
{
    for (size_t i = 0; i < b->count; i++)
        free(b->paths[i]);
    b->count = 0;
}

/* Renders templates/<name>.md.mustache into md. */
static rz_status render(ctx *c, const char *name, rz_buf *md)
{
    char file[128];
    snprintf(file, sizeof file, "%s.md.mustache", name);
    char *path = rz_path_join(c->templates, file);
    char *src = NULL;
    size_t len = 0;
    rz_status st = path ? rz_read_file(path, 4u * 1024u * 1024u, &src, &len, c->d) : RZ_IO;
    if (st != RZ_OK) {
        free(path);
        return RZ_IO;
    }
    rz_mustache *t = rz_mustache_compile(src, len, path, c->d);
    free(src);
    if (!t) {
        free(path);
        return RZ_INVALID;
    }
    rz_mustache_options mo = {rz_escape_markdown, rz_partials_from_dir, (void *)c->templates, 1};
    st = rz_mustache_render(t, c->root, &mo, md, c->d);
    rz_mustache_free(t);
    free(path);
    return st;
}

static rz_status write_doc(ctx *c, const char *name, const char *ext, const void *data, size_t len)
{
    char file[160];
    snprintf(file, sizeof file, "%s.%s", name, ext);
    char *path = rz_path_join(c->outdir, file);
    if (!path)
        return RZ_IO;
    rz_status st = rz_write_atomic(path, data, len, c->d);
    if (st == RZ_OK)
        add_built(c->built, path);
    free(path);
    return st;
}

/* Renders and writes one document: Markdown, then PDF if asked. */
static rz_status produce(ctx *c, const char *name, const char *title, rz_buf *keep)
{
    rz_buf md;
    rz_buf_init(&md);
    rz_status st = render(c, name, &md);
    if (st == RZ_OK)
        st = write_doc(c, name, "md", md.data, md.len);
    if (st == RZ_OK && c->opt->pdf) {
        void *pdf = NULL;
        size_t pdf_len = 0;
        st = c->opt->pdf(md.data, md.len, title, c->opt->pdf_ctx, &pdf, &pdf_len, c->d);
        if (st == RZ_OK)
            st = write_doc(c, name, "pdf", pdf, pdf_len);
        free(pdf);
    }
    if (keep && st == RZ_OK) {
        rz_buf_append(keep, md.data, md.len);
    }
    rz_buf_free(&md);
    return st;
}

static void set_document(rz_view_doc *doc, rz_view *root, const rz_inputs *in)
{
    rz_view *m = rz_view_map(doc);
    rz_view_set_strf(m, "generatore", "relazione %s", rz_version());
    rz_view_set(root, "documento", m);
    if (in->contesto.doc)
        rz_view_set(root, "contesto", rz_contesto_view(doc, &in->contesto));
    if (in->allegato1.doc)
        rz_view_set(root, "allegato1",
                    rz_view_from_xml(doc, xmlDocGetRootElement(in->allegato1.doc)));
    if (in->allegato2.doc)
        rz_view_set(root, "allegato2",
                    rz_view_from_xml(doc, xmlDocGetRootElement(in->allegato2.doc)));
}

/* Points J and K, measured on the generated Relazione. */
static void measure_relazione(const char *md, size_t len, const char *path, rz_diags *findings)
{
    rz_md_stats st;
    rz_markdown_stats(md, len, &st);
    char words[RZ_FMT_MAX];
    rz_fmt_number(words, sizeof words, (double)st.words, 0);
    rz_diag_add(findings, RZ_NOTE, path, 0, "J-length",
                "la Relazione conta %s parole, %zu tabelle e %zu grafici in %zu sezioni", words,
                st.tables, st.charts, st.headings);
    if (st.words > 60000)
        rz_diag_add(findings, RZ_WARNING, path, 0, "J-length",
                    "la Relazione supera le 60.000 parole: valutare una sintesi");
    if (st.headings < 3)
        rz_diag_add(findings, RZ_WARNING, path, 0, "K-index",
                    "la Relazione ha meno di tre sezioni: l'indice non aiuta la lettura");
    else
        rz_diag_add(findings, RZ_NOTE, path, 0, "K-index",
                    "indice generato dalle %zu intestazioni; %zu grafici", st.headings, st.charts);
    if (st.charts == 0)
        rz_diag_add(findings, RZ_WARNING, path, 0, "K-charts",
                    "la Relazione non contiene rappresentazioni grafiche");
}

rz_status rz_build(const char *dir, const char *outdir, const rz_build_options *opt,
                   rz_built *built, rz_diags *d, rz_diags *findings)
{
    memset(built, 0, sizeof *built);
    rz_inputs in;
    rz_status st = rz_inputs_load(dir, &in, d);
    if (st != RZ_OK) {
        rz_inputs_free(&in);
        return st;
    }
    if (rz_mkdir_p(outdir, d) != RZ_OK) {
        rz_inputs_free(&in);
        return RZ_IO;
    }
    char *default_templates = rz_path_join(rz_data_dir(), "templates");
    rz_view_doc *doc = rz_view_doc_new();
    rz_scored *s = NULL;
    if (in.plan && rz_score(in.plan, in.monitoring, &s, findings) != RZ_OK)
        st = RZ_IO;
    rz_view *root = s ? rz_report_view(doc, s) : rz_view_map(doc);
    ctx c = {opt, opt->templates ? opt->templates : default_templates, outdir, d, root, built};
    set_document(doc, root, &in);

    if (st == RZ_OK && s)
        rz_check_allegato2(in.plan, &in.allegato2, findings);
    if (st == RZ_OK && in.contesto.doc)
        rz_contesto_check_totals(&in.contesto, findings);
    if (st == RZ_OK && s && in.monitoring) {
        rz_check(s, findings);
        /* The Relazione, then the attestation that concerns it (J and K are
         * measured on the Relazione just written). */
        {
            rz_buf md;
            rz_buf_init(&md);
            char *rel = strdup("relazione.md"); /* a name independent of where it is written */
            st = produce(&c, "relazione", "Relazione sulla performance", &md);
            if (st == RZ_OK)
                measure_relazione(md.data, md.len, rel, findings);
            rz_buf_free(&md);
            free(rel);
        }
        if (st == RZ_OK) {
            rz_diags_sort(findings);
            rz_view_set(root, "validazione", rz_validation_view(doc, s, findings));
            st = produce(&c, "validazione", "Validazione della Relazione sulla performance", NULL);
        }
        static const struct {
            const char *name, *title;
        } tables[] = {{"albero", "Albero della performance"},
                      {"risultati-aree", "Risultati per area strategica"},
                      {"risultati-unita", "Risultati per unità organizzativa"},
                      {"risultati-prospettive", "Risultati per prospettiva"}};
        for (size_t i = 0; i < 4 && st == RZ_OK; i++)
            st = produce(&c, tables[i].name, tables[i].title, NULL);
    }
    if (st == RZ_OK && s)
        st = produce(&c, "sintesi-piano", "Sintesi del Piano della performance", NULL);
    if (st == RZ_OK && in.allegato1.doc) {
        st = produce(&c, "allegato1", "Allegato 1 - Scheda standard di monitoraggio", NULL);
        if (st == RZ_OK)
            st = produce(&c, "allegato1-prosa", "Allegato 1 - Scheda standard di monitoraggio",
                         NULL);
    }
    if (st == RZ_OK && in.allegato2.doc)
        st = produce(&c, "allegato2", "Allegato 2 - Informazioni di sintesi", NULL);
    if (st == RZ_OK && built->count == 0)
        rz_diag_add(d, RZ_WARNING, dir, 0, "inputs", "nessun documento da generare");

    rz_scored_free(s);
    rz_view_doc_free(doc);
    free(default_templates);
    rz_inputs_free(&in);
    return st;
}
