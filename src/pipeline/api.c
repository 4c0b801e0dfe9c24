/*
 * api.c — the public face of the library (relazione.h) over its stages.
 *
 * Each public handle is a thin owner of an internal type: an rz_folder
 * holds the loaded inputs (inputs.h), an rz_result the scored tree
 * (score.h). The calls here only translate: what the library does lives in
 * the stages, so that the command-line tool and a program linking the
 * library run the same code. Nothing here may name a type of libxml2,
 * cmark-gfm or libharu in relazione.h; this file may use them through the
 * internal headers.
 */
#include "relazione.h"
#include "build.h"
#include "check.h"
#include "findings.h"
#include "html_render.h"
#include "inputs.h"
#include "pdf_render.h"
#include "score.h"
#include "xmlload.h"

#include <stdlib.h>

struct rz_folder {
    rz_inputs in;
};

struct rz_result {
    rz_scored *s;
};

rz_status rz_folder_open(const char *dir, rz_folder **out, rz_diags *d)
{
    *out = NULL;
    rz_folder *f = calloc(1, sizeof *f);
    if (!f) {
        rz_diag_out_of_memory(d, dir, "leggendo la cartella");
        return RZ_IO;
    }
    rz_status st = rz_inputs_load(dir, &f->in, d);
    if (st == RZ_IO) {
        rz_folder_free(f);
        return st;
    }
    *out = f;
    return st;
}

void rz_folder_free(rz_folder *f)
{
    if (!f)
        return;
    rz_inputs_free(&f->in);
    free(f);
}

int rz_folder_has_plan(const rz_folder *f)
{
    return f && f->in.plan != NULL;
}

int rz_folder_has_monitoring(const rz_folder *f)
{
    return f && f->in.monitoring != NULL;
}

rz_status rz_folder_score(const rz_folder *f, rz_result **out, rz_diags *d)
{
    *out = NULL;
    if (!f->in.plan) {
        if (f->in.invalid_plan)
            rz_diag_add(d, RZ_ERROR, f->in.dir, 0, RZ_CHECK_DEPENDS,
                        "punteggi non calcolati: il Piano della cartella ha errori");
        else
            rz_diag_add(d, RZ_ERROR, f->in.dir, 0, "inputs",
                        "la cartella non contiene un Piano della performance");
        return RZ_INVALID;
    }
    rz_result *r = calloc(1, sizeof *r);
    if (!r || rz_score(f->in.plan, f->in.monitoring, &r->s, d) != RZ_OK) {
        rz_diag_out_of_memory(d, f->in.dir, "nel calcolo dei punteggi");
        rz_result_free(r);
        return RZ_IO;
    }
    *out = r;
    return RZ_OK;
}

void rz_result_free(rz_result *r)
{
    if (!r)
        return;
    rz_scored_free(r->s);
    free(r);
}

int rz_result_entity_score(const rz_result *r, double *score)
{
    if (!r->s->entity || !r->s->entity->has_score)
        return 0;
    *score = r->s->entity->score;
    return 1;
}

size_t rz_result_indicators(const rz_result *r)
{
    return r->s->n_indicators;
}

size_t rz_result_indicators_scored(const rz_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->s->n_indicators; i++)
        n += r->s->indicators[i]->total.has_score || r->s->indicators[i]->has_adjusted;
    return n;
}

rz_status rz_folder_findings(const rz_folder *f, const char *templates, rz_diags *findings,
                             rz_diags *d)
{
    return rz_inputs_findings(&f->in, templates, findings, d);
}

const char *rz_findings_verdict(const rz_folder *f, const rz_diags *findings)
{
    return rz_verdict_name(rz_proposed_verdict(findings, 0, rz_folder_has_monitoring(f)).verdict);
}

int rz_findings_report(const rz_folder *f, const rz_diags *findings, FILE *out)
{
    return rz_findings_summary(out, findings, rz_folder_has_monitoring(f), 1,
                               f->in.oiv ? f->in.oiv->verdict : NULL);
}

rz_status rz_build_documents(const char *dir, const char *outdir, unsigned formats,
                             const char *templates, rz_diags *findings, size_t *written,
                             rz_diags *d)
{
    if (!formats)
        formats = RZ_FORMAT_MD | RZ_FORMAT_PDF | RZ_FORMAT_HTML | RZ_FORMAT_DATA;
    rz_pdf_options pdf = {.cover = 1, .toc = 1};
    rz_build_options opt = {0};
    opt.templates = templates;
    opt.skip = (formats & RZ_FORMAT_MD ? 0u : RZ_OUT_MD) |
               (formats & RZ_FORMAT_HTML ? 0u : RZ_OUT_HTML) |
               (formats & RZ_FORMAT_DATA ? 0u : RZ_OUT_DATA);
    if (formats & RZ_FORMAT_PDF) {
        opt.pdf = rz_pdf_for_build;
        opt.pdf_ctx = &pdf;
    }
    rz_diags own;
    rz_diags_init(&own);
    rz_built built;
    rz_status st = rz_build(dir, outdir, &opt, &built, d, findings ? findings : &own);
    if (written)
        *written = built.count;
    rz_built_free(&built);
    rz_diags_free(&own);
    return st;
}

rz_status rz_markdown_to_pdf(const char *md, size_t len, const char *title, int plain, void **out,
                             size_t *out_len, rz_diags *d)
{
    rz_pdf_options opt = {.title = title, .cover = !plain, .toc = !plain};
    return rz_pdf_render(md, len, &opt, out, out_len, d);
}

rz_status rz_markdown_to_html(const char *md, size_t len, const char *title, char **out,
                              size_t *out_len, rz_diags *d)
{
    rz_html_options opt = {title, NULL};
    rz_buf html;
    rz_buf_init(&html);
    *out = NULL;
    *out_len = 0;
    rz_status st = rz_html_render(md, len, &opt, &html, d);
    if (st == RZ_OK && !(*out = rz_buf_detach(&html, out_len))) {
        rz_diag_out_of_memory(d, NULL, "preparando la pagina HTML");
        st = RZ_IO;
    }
    rz_buf_free(&html);
    return st;
}

void rz_cleanup(void)
{
    rz_xml_cleanup();
}
