/*
 * oiv_view.h — the views of the evaluation body's documents: the signable
 * validation document (templates/validazione.md.mustache) and the working
 * papers (templates/carte-di-lavoro.md.mustache).
 *
 * The validation document is written for a reader of the Relazione: it
 * cites chapters and pages of the generated Relazione, never files,
 * elements or lines; those belong to the working papers, which list every
 * finding where it was found and the recomputation behind each judgement.
 */
#ifndef RZ_OIV_VIEW_H
#define RZ_OIV_VIEW_H

#include "markdown_stats.h"
#include "oiv.h"
#include "outline.h"
#include "score.h"
#include "view.h"

/* What the validation document cites of the generated Relazione. */
typedef struct {
    const rz_outline *outline; /* its headings; with pages once laid out */
    size_t pages;              /* its page count; 0 when unknown */
    int has_stats;
    rz_md_stats stats; /* counted on its Markdown */
} rz_relazione_facts;

/* The view "validazione" of the validation document. o may be NULL (the
 * body has given nothing: a draft). */
rz_view *rz_oiv_document_view(rz_view_doc *doc, const rz_scored *s, const rz_oiv *o,
                              const rz_diags *findings, const rz_relazione_facts *r);

/* The view "carte" of the working papers: every finding with the file and
 * line it concerns, the evidence and proposed judgement of each point, and
 * the recomputation of every figure (the chain `relazione spiega` prints). */
rz_view *rz_oiv_papers_view(rz_view_doc *doc, const rz_scored *s, const rz_oiv *o,
                            const rz_diags *findings, const rz_relazione_facts *r);

/* The running header of the validation document's PDF: it says BOZZA on
 * every page while the body's input is incomplete. */
const char *rz_oiv_document_title(const rz_oiv *o);

#endif
