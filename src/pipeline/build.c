/*
 * build.c — `relazione build`: from an input folder to the documents.
 *
 * Which documents a folder yields is the document plan of the body's
 * profile (profile.c, templates/profili/NOME.xml): each <documento> is
 * written when the folder holds what it requires (piano, monitoraggio,
 * contesto, allegato1, allegato2), in the profile's order, as
 * templates/<name>.md.mustache or, when it lists chapters, as their
 * templates one after the other. Each is rendered over one view: the
 * scored tree (report_view.c), the validation data, the context and
 * Allegati as they are (doc_view.c), and the profile itself (its terms are
 * {{profilo.termini.…}}, with the Piano's overrides). The document named
 * "relazione" is made first, wherever the profile lists it: the findings
 * (findings.c) are collected once it exists, points J and K measured on
 * it, and the validation document (a draft until the evaluation body's
 * input is complete) and its working papers cite them and the pages its
 * headings landed on. The findings go to verifiche.txt with the documents.
 * `relazione check` runs the same code with no output folder: the
 * Relazione is made in memory, nothing else is, nothing is written.
 *
 * Each Markdown document is also written as an HTML page (html_render.c)
 * and queued for its PDF (without cover or contents for a letter or a
 * <documento pagine="1">); with the Piano and the monitoring data the
 * open data go to dati/ (open_data.c). --formati leaves any of these out
 * (rz_build_options.skip).
 *
 * Nothing is written when the inputs have errors. A build is all or
 * nothing: every file is first written in full to a temporary beside its
 * target, and only when all are ready are they renamed into place; on any
 * error the temporaries go and the folder is as it was. A build first
 * removes the temporaries that a killed run left behind (fsutil.h tells
 * them from a running build's).
 */
#define _POSIX_C_SOURCE 200809L
#include "build.h"
#include "chart.h"
#include "check.h"
#include "citizens_view.h"
#include "contesto_view.h"
#include "doc_view.h"
#include "findings.h"
#include "format.h"
#include "fsutil.h"
#include "html_render.h"
#include "inputs.h"
#include "json.h"
#include "markdown_stats.h"
#include "md_tidy.h"
#include "mustache.h"
#include "open_data.h"
#include "oiv_view.h"
#include "profile.h"
#include "report_view.h"
#include "version.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* PDFs are rendered on worker threads while the next documents' Markdown
 * is produced. A job owns its Markdown and its diagnostics and writes its
 * file; the build waits for every job, then reports in document order.
 *
 * Laying out a PDF takes 10 to 50 times its Markdown in memory, so jobs
 * run together only while their Markdown adds up to PDF_BUDGET bytes; a
 * larger document waits for the others and runs alone. Queued jobs are
 * taken in document order, skipping any that would not fit. */
#define PDF_BUDGET (24u * 1024u * 1024u)
#define PDF_TRIM_FROM (1024u * 1024u)

typedef struct pdf_job {
    struct pdf_job *next; /* in the queue */
    char *md;
    size_t len;
    rz_pdf_request req;
    char *path;
    rz_staged staged; /* the PDF, written but not in place */
    int listed;       /* path reserved in the built list */
    rz_diags d;
    rz_status st;
} pdf_job;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t more;
    pdf_job *head, *tail;
    pdf_job **jobs; /* all of them, in document order */
    size_t n_jobs, cap_jobs;
    size_t running, running_bytes; /* jobs being rendered, their Markdown */
    pthread_t threads[4];
    size_t n_threads;
    int started, closing;
    const rz_build_options *opt;
} pdf_pool;

typedef struct {
    const rz_build_options *opt;
    const char *templates;
    const char *outdir;
    char *logo; /* logo.png, logo.jpg or logo.jpeg of the input folder, or NULL */
    rz_diags *d;
    rz_view *root;
    rz_built *built;
    const char *profile_path;
    const char *body; /* the public body's name, for the pages' titles */
    pdf_pool pool;
    rz_staged staged[256]; /* written, put in place at the end */
    size_t n_staged;
    int used_allegato1, used_allegato2; /* a document of the profile printed them */
} ctx;

rz_status rz_built_add(rz_built *b, const char *path)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        char **paths = realloc(b->paths, cap * sizeof *paths);
        if (!paths)
            return RZ_IO;
        b->paths = paths;
        b->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return RZ_IO;
    b->paths[b->count++] = copy;
    return RZ_OK;
}

void rz_built_free(rz_built *b)
{
    free(b->findings_path);
    b->findings_path = NULL;
    for (size_t i = 0; i < b->count; i++)
        free(b->paths[i]);
    free(b->paths);
    b->paths = NULL;
    b->count = b->cap = 0;
}

/* Keeps s to be put in place with the others; a full list is an error. */
static rz_status keep_staged(ctx *c, rz_staged *s)
{
    if (c->n_staged == sizeof c->staged / sizeof c->staged[0]) {
        rz_diag_add(c->d, RZ_ERROR, s->path, 0, "io", "troppi documenti in una generazione");
        rz_stage_discard(s);
        return RZ_IO;
    }
    c->staged[c->n_staged++] = *s;
    return RZ_OK;
}

/* Renders templates/<name>.md.mustache, appended to md. */
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

/* A file written that could not be listed is an error: the caller would
 * report fewer documents than there are. */
static rz_status list_built(ctx *c, const char *path)
{
    rz_status st = rz_built_add(c->built, path);
    if (st != RZ_OK)
        rz_diag_out_of_memory(c->d, path, "elencando i file scritti");
    return st;
}

/* OUTDIR/name.ext, malloc'ed; NULL when memory runs out. */
static char *doc_path(const ctx *c, const char *name, const char *ext)
{
    char file[160];
    snprintf(file, sizeof file, "%s.%s", name, ext);
    return rz_path_join(c->outdir, file);
}

static rz_status write_doc(ctx *c, const char *name, const char *ext, const void *data, size_t len)
{
    char *path = doc_path(c, name, ext);
    if (!path)
        return RZ_IO;
    rz_staged staged;
    rz_status st = rz_stage(path, data, len, &staged, c->d);
    if (st == RZ_OK)
        st = keep_staged(c, &staged);
    if (st == RZ_OK)
        st = list_built(c, path);
    free(path);
    return st;
}

static void run_job(const rz_build_options *opt, pdf_job *j)
{
    void *pdf = NULL;
    size_t pdf_len = 0;
    j->st = opt->pdf(j->md, j->len, &j->req, opt->pdf_ctx, &pdf, &pdf_len, &j->d);
    if (j->st == RZ_OK)
        j->st = rz_stage(j->path, pdf, pdf_len, &j->staged, &j->d);
    free(pdf);
    free(j->md);
    j->md = NULL;
#ifdef __GLIBC__
    /* Each worker allocates from an arena of its own, which keeps what a
     * large layout freed; give it back before the next job grows elsewhere. */
    if (j->len >= PDF_TRIM_FROM)
        malloc_trim(0);
#endif
}

/* Takes the first queued job that fits the budget beside the running
 * ones, or NULL. Called with the lock held. */
static pdf_job *take_job(pdf_pool *p)
{
    pdf_job *prev = NULL;
    for (pdf_job *j = p->head; j; prev = j, j = j->next) {
        if (p->running > 0 && p->running_bytes + j->len > PDF_BUDGET)
            continue;
        if (prev)
            prev->next = j->next;
        else
            p->head = j->next;
        if (p->tail == j)
            p->tail = prev;
        p->running++;
        p->running_bytes += j->len;
        return j;
    }
    return NULL;
}

static void *pdf_worker(void *arg)
{
    pdf_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        pdf_job *j = take_job(p);
        if (!j) {
            if (p->closing && !p->head)
                break;
            pthread_cond_wait(&p->more, &p->lock);
            continue;
        }
        size_t len = j->len;
        pthread_mutex_unlock(&p->lock);
        run_job(p->opt, j);
        pthread_mutex_lock(&p->lock);
        p->running--;
        p->running_bytes -= len;
        pthread_cond_broadcast(&p->more);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Queues the PDF of md (taken over); rendered at once when no worker
 * thread can be had. */
static rz_status submit_pdf(ctx *c, const char *name, const rz_pdf_request *req, rz_buf *md)
{
    pdf_pool *p = &c->pool;
    if (!p->started) {
        p->started = 1;
        p->opt = c->opt;
        pthread_mutex_init(&p->lock, NULL);
        pthread_cond_init(&p->more, NULL);
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        size_t want = cpus > 1 ? (size_t)cpus : 0;
        if (want > sizeof p->threads / sizeof p->threads[0])
            want = sizeof p->threads / sizeof p->threads[0];
        while (p->n_threads < want &&
               pthread_create(&p->threads[p->n_threads], NULL, pdf_worker, p) == 0)
            p->n_threads++;
    }
    pdf_job *j = calloc(1, sizeof *j);
    if (j && p->n_jobs == p->cap_jobs) {
        size_t cap = p->cap_jobs ? 2 * p->cap_jobs : 16;
        pdf_job **jobs = realloc(p->jobs, cap * sizeof *jobs);
        if (jobs) {
            p->jobs = jobs;
            p->cap_jobs = cap;
        }
    }
    if (!j || p->n_jobs == p->cap_jobs || !(j->path = doc_path(c, name, "pdf"))) {
        free(j);
        return RZ_IO;
    }
    if (list_built(c, j->path) != RZ_OK) {
        free(j->path);
        free(j);
        return RZ_IO;
    }
    j->listed = 1;
    rz_diags_init(&j->d);
    j->req = *req;
    j->req.logo = c->logo;
    j->md = rz_buf_detach(md, &j->len);
    if (!j->md) {
        j->md = strdup("");
        j->len = 0;
    }
    p->jobs[p->n_jobs++] = j;
    if (p->n_threads == 0 || req->outline) {
        run_job(c->opt, j);
        return RZ_OK;
    }
    pthread_mutex_lock(&p->lock);
    if (p->tail)
        p->tail->next = j;
    else
        p->head = j;
    p->tail = j;
    pthread_cond_broadcast(&p->more);
    pthread_mutex_unlock(&p->lock);
    return RZ_OK;
}

/* Whether d holds, from index from on, the same sentence about the same
 * place. */
static int said_since(const rz_diags *d, size_t from, const rz_diag *x, const char *file)
{
    for (size_t i = from; i < d->count; i++) {
        const rz_diag *y = &d->items[i];
        if (y->severity == x->severity && y->line == x->line && !strcmp(y->message, x->message) &&
            (y->file == file || (y->file && file && !strcmp(y->file, file))))
            return 1;
    }
    return 0;
}

/* Waits for the PDFs; their diagnostics go to c->d in document order, each
 * said once (a missing font stops every PDF of the build with the same
 * sentence), and a PDF that failed leaves the built list. */
static rz_status finish_pdfs(ctx *c)
{
    pdf_pool *p = &c->pool;
    if (!p->started)
        return RZ_OK;
    pthread_mutex_lock(&p->lock);
    p->closing = 1;
    pthread_cond_broadcast(&p->more);
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < p->n_threads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->more);
    pthread_mutex_destroy(&p->lock);
    rz_status st = RZ_OK;
    size_t first = c->d->count;
    for (size_t i = 0; i < p->n_jobs; i++) {
        pdf_job *j = p->jobs[i];
        /* The renderer counts lines of the Markdown it was given: the
         * document written beside the PDF (OUT/name.md for OUT/name.pdf). */
        size_t n = strlen(j->path);
        char *md_path = n > 3 ? strdup(j->path) : NULL;
        if (md_path)
            strcpy(md_path + n - 3, "md");
        for (size_t k = 0; k < j->d.count; k++) {
            const rz_diag *x = &j->d.items[k];
            const char *file = !x->file && x->line > 0 ? md_path : x->file;
            if (!said_since(c->d, first, x, file))
                rz_diag_add(c->d, x->severity, file, x->line, x->check, "%s", x->message);
        }
        free(md_path);
        if (j->st != RZ_OK && st == RZ_OK)
            st = j->st;
        if (j->st == RZ_OK && keep_staged(c, &j->staged) != RZ_OK && st == RZ_OK)
            st = RZ_IO;
        if (j->st != RZ_OK && j->listed) {
            rz_built *b = c->built;
            for (size_t k = 0; k < b->count; k++)
                if (!strcmp(b->paths[k], j->path)) {
                    free(b->paths[k]);
                    memmove(&b->paths[k], &b->paths[k + 1],
                            (b->count - k - 1) * sizeof b->paths[0]);
                    b->count--;
                    break;
                }
        }
        rz_diags_free(&j->d);
        free(j->md);
        free(j->path);
        free(j);
    }
    free(p->jobs);
    return st;
}

static rz_status write_html(ctx *c, const char *name, const rz_buf *md)
{
    rz_html_options ho = {NULL, c->body};
    rz_buf html;
    rz_buf_init(&html);
    rz_status st = rz_html_render(md->data ? md->data : "", md->len, &ho, &html, c->d);
    if (st == RZ_OK)
        st = write_doc(c, name, "html", html.data, html.len);
    rz_buf_free(&html);
    return st;
}

/* The body's name as the documents print it: the Piano's, or that of an
 * Allegato when there is no Piano. */
static const char *body_name(const rz_view *root)
{
    static const char *const paths[] = {"ente.nome", "allegato1.ente.nome", "allegato2.ente.nome"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        const char *s = rz_view_as_str(rz_view_get_path(root, paths[i]));
        if (s && *s)
            return s;
    }
    return NULL;
}

/* Renders the chapters of a document (the <capitolo> children of its
 * <documento>), one after the other, a newline between them; a document
 * without chapters is its own template. */
static rz_status render_document(ctx *c, const char *name, const rz_profile_document *plan,
                                 rz_buf *md)
{
    if (!plan->n_chapters)
        return render(c, name, md);
    rz_status st = RZ_OK;
    for (size_t i = 0; i < plan->n_chapters && st == RZ_OK; i++) {
        const char *model = plan->chapters[i].model;
        if (!model || strchr(model, '/')) {
            rz_diag_add(c->d, RZ_ERROR, c->profile_path, plan->chapters[i].line, "profilo",
                        "ogni <capitolo> ha un modello=\"NOME\" (un file NOME.md.mustache "
                        "della cartella dei modelli)");
            st = RZ_INVALID;
        } else {
            if (md->len > 0)
                rz_buf_putc(md, '\n');
            st = render(c, model, md);
        }
    }
    return st;
}

/* What the build learns of a document it has written: its Markdown's
 * counts and its headings (with pages when its PDF was laid out at once,
 * which a request with an outline asks). */
typedef struct {
    rz_md_stats stats;
    rz_outline outline;
} doc_facts;

/* Renders and writes one document: Markdown, HTML, then PDF, as asked. facts,
 * when given, receives what the document holds. */
static rz_status produce(ctx *c, const char *name, rz_pdf_request req,
                         const rz_profile_document *plan, doc_facts *facts)
{
    rz_buf raw, md;
    rz_buf_init(&raw);
    rz_buf_init(&md);
    rz_status st = render_document(c, name, plan, &raw);
    /* A view that lost memory has blank figures: no document from it. */
    if (st == RZ_OK && rz_view_doc_failed(rz_view_doc_of(c->root))) {
        rz_diag_out_of_memory(c->d, name, "preparando i dati del documento, che non è scritto");
        st = RZ_IO;
    }
    /* The evaluation body's documents (a letter, its working papers) keep
     * their text as their templates and the checker write it. */
    int own = !strcmp(name, "validazione") || !strcmp(name, "carte-di-lavoro");
    if (st == RZ_OK && own)
        rz_buf_append(&md, raw.data ? raw.data : "", raw.len);
    else if (st == RZ_OK)
        st = rz_md_tidy(raw.data ? raw.data : "", raw.len, &md);
    rz_buf_free(&raw);
    if (st == RZ_OK && rz_chart_check(md.data ? md.data : "", name, c->d) < 0)
        st = RZ_IO;
    if (st == RZ_OK && !(c->opt->skip & RZ_OUT_MD))
        st = write_doc(c, name, "md", md.data, md.len);
    if (st == RZ_OK && !(c->opt->skip & RZ_OUT_HTML))
        st = write_html(c, name, &md);
    if (facts && st == RZ_OK) {
        rz_markdown_stats(md.data, md.len, &facts->stats);
        if (!c->opt->pdf)
            rz_outline_from_markdown(&facts->outline, md.data, md.len);
        req.outline = c->opt->pdf ? &facts->outline : NULL;
    }
    if (st == RZ_OK && c->opt->pdf)
        st = submit_pdf(c, name, &req, &md);
    rz_buf_free(&md);
    return st;
}

static void set_document(rz_view_doc *doc, rz_view *root, const rz_inputs *in)
{
    rz_view *m = rz_view_map(doc);
    rz_view_set_strf(m, "generatore", "relazione %s", rz_version());
    rz_view_set(root, "documento", m);
    if (in->contesto)
        rz_view_set(root, "contesto", rz_contesto_view(doc, in->contesto));
    if (in->allegato1)
        rz_view_set(root, "allegato1", rz_view_from_tree(doc, in->allegato1->root));
    if (in->allegato2)
        rz_view_set(root, "allegato2", rz_view_from_tree(doc, in->allegato2->tree.root));
}

/* The open data, into OUTDIR/dati/. */
static rz_status write_open_data(ctx *c, const rz_scored *s)
{
    rz_open_data od;
    if (rz_open_data_make(s, s->plan->data_licence, &od) != RZ_OK) {
        rz_diag_out_of_memory(c->d, NULL, "preparando i dati aperti");
        return RZ_IO;
    }
    char *dir = rz_path_join(c->outdir, "dati");
    rz_status st = dir ? rz_mkdir_p(dir, c->d) : RZ_IO;
    for (size_t i = 0; i < od.n && st == RZ_OK; i++) {
        char *path = rz_path_join(dir, od.files[i].name);
        rz_staged staged;
        st = path ? rz_stage(path, od.files[i].data.data, od.files[i].data.len, &staged, c->d)
                  : RZ_IO;
        if (st == RZ_OK)
            st = keep_staged(c, &staged);
        if (st == RZ_OK)
            st = list_built(c, path);
        free(path);
    }
    free(dir);
    rz_open_data_free(&od);
    return st;
}

/* The body's logo for the covers: logo.png, logo.jpg or logo.jpeg in the
 * input folder. */
static char *find_logo(const char *dir)
{
    static const char *const names[] = {"logo.png", "logo.jpg", "logo.jpeg"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *path = rz_path_join(dir, names[i]);
        if (path && access(path, R_OK) == 0)
            return path;
        free(path);
    }
    return NULL;
}

static int has_units(const rz_scored *s)
{
    for (size_t u = 0; u < s->n_units; u++)
        if (s->units[u].n_indicators || s->units[u].from_children)
            return 1;
    return 0;
}

/* Whether the folder holds what a <documento richiede="…"> needs. An
 * unknown requirement is an error of the profile. */
static int requirements_met(ctx *c, const rz_profile_document *pd, const rz_inputs *in,
                            const rz_scored *s, rz_status *st)
{
    char req[256];
    snprintf(req, sizeof req, "%s", pd->requires);
    int met = 1;
    for (char *save = NULL, *t = strtok_r(req, " \t\n", &save); t;
         t = strtok_r(NULL, " \t\n", &save)) {
        if (!strcmp(t, "piano"))
            met &= s != NULL;
        else if (!strcmp(t, "monitoraggio"))
            met &= s != NULL && in->monitoring != NULL;
        else if (!strcmp(t, "contesto"))
            met &= in->contesto != NULL;
        else if (!strcmp(t, "allegato1"))
            met &= in->allegato1 != NULL;
        else if (!strcmp(t, "allegato2"))
            met &= in->allegato2 != NULL;
        /* Nothing empty dressed as complete: results need a score at
         * least, the units' and perspectives' tables what they tabulate. */
        else if (!strcmp(t, "risultati"))
            met &= s != NULL && in->monitoring != NULL && s->entity->has_score;
        else if (!strcmp(t, "unita"))
            met &= s != NULL && has_units(s);
        else if (!strcmp(t, "prospettive"))
            met &= s != NULL && s->plan->n_perspectives > 0;
        else {
            rz_diag_add(c->d, RZ_ERROR, c->profile_path, pd->line, "profilo",
                        "richiede=\"%s\": i dati che un documento può richiedere sono piano, "
                        "monitoraggio, risultati, unita, prospettive, contesto, allegato1, "
                        "allegato2",
                        t);
            *st = RZ_INVALID;
            return 0;
        }
    }
    return met;
}

/* The profile as a view ({{profilo.termini.organismo}}…), with the terms
 * the Piano overrides. */
static rz_view *profile_view_of(rz_view_doc *doc, const rz_profile *p, const rz_inputs *in)
{
    rz_view *v = rz_view_from_tree(doc, p->tree.root);
    rz_view *terms = rz_view_get(v, "termini");
    if (!terms || rz_view_kind_of(terms) != RZ_VIEW_MAP) {
        terms = rz_view_map(doc);
        rz_view_set(v, "termini", terms);
    }
    char key[128];
    for (size_t i = 0; i < in->n_terms; i++) {
        size_t k = 0;
        for (const char *q = in->term_keys[i]; *q && k + 1 < sizeof key; q++)
            key[k++] = *q == '-' ? '_' : *q;
        key[k] = '\0';
        rz_view_set_str(terms, key, in->term_values[i]);
    }
    return v;
}

/* All the documents renamed into place when the build succeeded, all
 * dropped otherwise (the built list emptied: nothing was written). */
static rz_status put_in_place(ctx *c, rz_status st)
{
    for (size_t i = 0; i < c->n_staged; i++) {
        if (st == RZ_OK)
            st = rz_stage_commit(&c->staged[i], c->d);
        else
            rz_stage_discard(&c->staged[i]);
    }
    c->n_staged = 0;
    if (st != RZ_OK)
        rz_built_free(c->built);
    return st;
}

/* verifiche.txt: the findings as `relazione check` prints them, beside
 * the documents and put in place with them. */
static rz_status write_findings(ctx *c, const rz_diags *findings, int has_monitoring)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        rz_diag_out_of_memory(c->d, NULL, "preparando verifiche.txt");
        return RZ_IO;
    }
    rz_findings_summary(mem, findings, has_monitoring, 0, NULL);
    int bad = ferror(mem);
    bad |= fclose(mem) != 0;
    char *path = bad ? NULL : rz_path_join(c->outdir, "verifiche.txt");
    rz_staged staged;
    rz_status st = path ? rz_stage(path, text, len, &staged, c->d) : RZ_IO;
    if (st == RZ_OK)
        st = keep_staged(c, &staged);
    if (st == RZ_OK && !(c->built->findings_path = strdup(path))) {
        rz_diag_out_of_memory(c->d, path, "elencando i file scritti");
        st = RZ_IO;
    }
    if (!path && st == RZ_IO)
        rz_diag_out_of_memory(c->d, NULL, "preparando verifiche.txt");
    free(path);
    free(text);
    return st;
}

/* Renders and writes the document pd describes, when the folder holds
 * what it requires. facts as for produce(). */
static rz_status produce_listed(ctx *c, const rz_profile_document *pd, const rz_inputs *in,
                                const rz_scored *s, doc_facts *facts, int *produced)
{
    rz_status st = RZ_OK;
    *produced = 0;
    if (!requirements_met(c, pd, in, s, &st))
        return st;
    const char *name = pd->name;
    const char *title = pd->title;
    c->used_allegato1 |= strstr(pd->requires, "allegato1") != NULL;
    c->used_allegato2 |= strstr(pd->requires, "allegato2") != NULL;
    /* The validation document is a letter to sign, a draft until the
     * body's input is complete; a <documento pagine="1"> (the summary
     * for citizens) has no cover and no contents either. */
    int is_validation = !strcmp(name, "validazione");
    int one_page = !strcmp(pd->pages, "1");
    /* A one-page document is named by its own heading, a letter by
     * its title, the others by the plan's title. */
    rz_pdf_request req = {is_validation ? rz_oiv_document_title(in->oiv)
                          : one_page    ? NULL
                          : *title      ? title
                                        : name,
                          is_validation || one_page, NULL, NULL};
    *produced = 1;
    return produce(c, name, req, pd, facts);
}

/* What a build creates of its output folder (the folder, its parents, its
 * dati/), removed again if the build fails, each folder only if still
 * empty: on failure the output folder is left as it was. */
typedef struct {
    const char *dir;
    char *data_dir, *made, *made_data;
} made_dirs;

static void note_made(made_dirs *m, const char *outdir)
{
    m->dir = outdir;
    m->data_dir = rz_path_join(outdir, "dati"); /* the open data's own folder */
    m->made = rz_first_missing_dir(outdir);
    m->made_data = m->data_dir ? rz_first_missing_dir(m->data_dir) : NULL;
}

static rz_status undo_made(made_dirs *m, rz_status st)
{
    if (st != RZ_OK && m->made_data)
        rz_rmdir_made(m->data_dir, m->made_data);
    if (st != RZ_OK && m->made)
        rz_rmdir_made(m->dir, m->made);
    free(m->data_dir);
    free(m->made);
    free(m->made_data);
    return st;
}

/* The documents of the folder in (and their findings) into outdir, or,
 * with outdir NULL, only the findings: the Relazione is then generated in
 * memory to measure points J and K, and nothing is written. release, when
 * not NULL, is in, freed as soon as the documents no longer need it. */
static rz_status generate(const rz_inputs *in, rz_inputs *release, const char *outdir,
                          const rz_build_options *opt, rz_built *built, rz_diags *d,
                          rz_diags *findings)
{
    rz_status st = RZ_OK;
    made_dirs made = {0};
    if (outdir) {
        note_made(&made, outdir);
        if (rz_mkdir_p(outdir, d) != RZ_OK) {
            if (release)
                rz_inputs_free(release);
            return undo_made(&made, RZ_IO);
        }
        rz_remove_stale_temporaries(outdir);
        if (made.data_dir)
            rz_remove_stale_temporaries(made.data_dir);
    }
    char *default_templates = rz_path_join(rz_data_dir(), "templates");
    rz_view_doc *doc = rz_view_doc_new();
    if (!doc) {
        free(default_templates);
        if (release)
            rz_inputs_free(release);
        return undo_made(&made, RZ_IO);
    }
    rz_scored *s = NULL;
    st = rz_inputs_score(in, &s, findings, d);
    /* The profile first: the report view writes some words of its own
     * (the levels' labels, the scoring method) in the profile's terms. */
    rz_profile prof;
    memset(&prof, 0, sizeof prof);
    rz_view *profile_view = NULL;
    if (st == RZ_OK)
        st = rz_profile_load(opt->templates ? opt->templates : default_templates,
                             in->profile ? in->profile : RZ_PROFILE_DEFAULT,
                             in->profile_file ? in->profile_file : in->dir, in->profile_line, &prof,
                             d);
    if (st == RZ_OK)
        profile_view = profile_view_of(doc, &prof, in);
    rz_view *root =
        s ? rz_report_view_terms(doc, s, rz_view_get(profile_view, "termini")) : rz_view_map(doc);
    ctx c;
    memset(&c, 0, sizeof c);
    c.opt = opt;
    c.templates = opt->templates ? opt->templates : default_templates;
    c.outdir = outdir;
    c.logo = outdir ? find_logo(in->dir) : NULL;
    c.d = d;
    c.root = root;
    c.built = built;
    set_document(doc, root, in);
    c.body = body_name(root);

    if (profile_view)
        rz_view_set(root, "profilo", profile_view);
    if (s && in->monitoring)
        rz_view_set(root, "cittadini", rz_citizens_view(doc, s));
    c.profile_path = prof.path;
    built->has_monitoring = in->monitoring != NULL;

    /* The Relazione first, wherever the profile lists it: points J and K
     * are measured on it, and the validation documents cite the pages its
     * headings landed on. */
    doc_facts rel;
    memset(&rel, 0, sizeof rel);
    rz_outline_init(&rel.outline);
    int has_rel = 0;
    long max_words = 0;
    for (size_t i = 0; i < prof.n_documents && st == RZ_OK; i++)
        if (!strcmp(prof.documents[i].name, "relazione")) {
            st = produce_listed(&c, &prof.documents[i], in, s, &rel, &has_rel);
            max_words = prof.documents[i].max_words;
            break;
        }
    if (st == RZ_OK)
        st = rz_findings_collect(in, s, has_rel ? &rel.stats : NULL, max_words, findings, d);
    if (st == RZ_OK && s && in->monitoring && outdir) {
        /* The attestation concerns the Relazione, whose J and K findings
         * it reports. */
        rz_relazione_facts facts = {&rel.outline, rel.outline.pages, has_rel, rel.stats};
        rz_view_set(root, "validazione", rz_oiv_document_view(doc, s, in->oiv, findings, &facts));
        rz_view_set(root, "carte", rz_oiv_papers_view(doc, s, in->oiv, findings, &facts));
    }
    size_t n_produced = (size_t)has_rel; /* documents the data allow, in any format */
    for (size_t i = 0; i < prof.n_documents && st == RZ_OK && outdir; i++) {
        int produced = 0;
        if (strcmp(prof.documents[i].name, "relazione"))
            st = produce_listed(&c, &prof.documents[i], in, s, NULL, &produced);
        n_produced += (size_t)produced;
    }
    rz_outline_free(&rel.outline);
    if (st == RZ_OK && outdir && n_produced == 0) {
        /* Asked for documents, a folder that yields none is an error, as
         * for `check`: its findings alone are no folder to publish. */
        rz_diag_add(d, RZ_ERROR, in->dir, 0, "inputs",
                    "nessun documento da generare: la cartella non contiene né un Piano della "
                    "performance né gli Allegati 1 e 2 delle Camere di commercio; aggiungere i "
                    "file dei dati");
        st = RZ_INVALID;
    }
    if (st == RZ_OK && outdir)
        st = write_findings(&c, findings, in->monitoring != NULL);
    if (st == RZ_OK && s && in->monitoring && outdir && !(opt->skip & RZ_OUT_DATA))
        st = write_open_data(&c, s);
    if (st == RZ_OK && outdir &&
        ((in->allegato1 && !c.used_allegato1) || (in->allegato2 && !c.used_allegato2)))
        rz_diag_add(d, RZ_WARNING,
                    in->allegato1 && !c.used_allegato1 ? in->allegato1->file
                                                       : in->allegato2->tree.file,
                    0, "profilo",
                    "gli Allegati 1 e 2 sono moduli delle Camere di commercio: il profilo di "
                    "questo ente (%s) non li pubblica; togliere il file dalla cartella o usare il "
                    "profilo cciaa",
                    prof.path);
    if (st == RZ_OK && outdir && opt->on_view)
        opt->on_view(root, opt->on_view_arg);
    /* The PDF jobs own what they read: the inputs and the view can go
     * while the last ones are laid out. */
    rz_scored_free(s);
    rz_view_doc_free(doc);
    free(default_templates);
    if (release)
        rz_inputs_free(release);
#ifdef __GLIBC__
    if (c.pool.started)
        malloc_trim(0); /* the workers' allocations come from other arenas */
#endif
    rz_status pdf_st = finish_pdfs(&c);
    rz_profile_free(&prof); /* the PDF jobs' titles point into it */
    free(c.logo);
    if (st == RZ_OK)
        st = pdf_st;
    return undo_made(&made, put_in_place(&c, st));
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
    return generate(&in, &in, outdir, opt, built, d, findings);
}

rz_status rz_inputs_findings(const rz_inputs *in, const char *templates, rz_diags *findings,
                             rz_diags *d)
{
    rz_build_options opt = {0};
    opt.templates = templates;
    opt.skip = RZ_OUT_MD | RZ_OUT_HTML | RZ_OUT_DATA;
    rz_built built;
    memset(&built, 0, sizeof built);
    rz_status st = generate(in, NULL, NULL, &opt, &built, d, findings);
    rz_built_free(&built);
    return st;
}
