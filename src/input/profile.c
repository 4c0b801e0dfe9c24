/*
 * profile.c — the profile of a body: which documents a build writes, which
 * chapters the Relazione has and in which order, and the words the
 * documents use (OIV or Nucleo di valutazione, PO or EQ, settore or
 * servizio…).
 *
 * A profile is data, templates/profili/NOME.xml, commented in Italian, so
 * that a new kind of body needs a new file and templates, not new code.
 * The Piano names its profile (<piano profilo="piao">; without it, cciaa,
 * the kind of body the format was first written for) and may override any
 * term (<ente><termine chiave="oiv">OIV monocratico</termine></ente>).
 *
 * The file is installed data, but it is still loaded as an untrusted
 * input (rz_xml_load: no network, no DTD, a size limit) and validated
 * against schemas/profilo.xsd, which says what a profile holds: the
 * schema, not this file, is where a profile's rules are written.
 */
#define _POSIX_C_SOURCE 200809L
#include "profile.h"
#include "fsutil.h"
#include "readers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A profile's name becomes a file name: letters, digits and '-' only. */
static int valid_name(const char *name)
{
    if (!name || !*name || strlen(name) > 64)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return 0;
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *profile_path(const char *templates, const char *name)
{
    char file[96];
    snprintf(file, sizeof file, "profili/%s.xml", name);
    return rz_path_join(templates, file);
}

void rz_profile_names(const char *templates, char *out, size_t size)
{
    out[0] = '\0';
    char *dir = rz_path_join(templates, "profili");
    DIR *dp = dir ? opendir(dir) : NULL;
    free(dir);
    if (!dp)
        return;
    char *names[32];
    size_t n = 0;
    for (struct dirent *e; (e = readdir(dp)) != NULL && n < 32;) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".xml") && e->d_name[0] != '.')
            names[n++] = strndup(e->d_name, l - 4);
    }
    closedir(dp);
    qsort(names, n, sizeof names[0], by_name);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (names[i] && len + strlen(names[i]) + 3 < size)
            len += (size_t)snprintf(out + len, size - len, "%s%s", len ? ", " : "", names[i]);
        free(names[i]);
    }
}

int rz_profile_exists(const char *templates, const char *name)
{
    if (!valid_name(name))
        return 0;
    char *path = profile_path(templates, name);
    int ok = path && access(path, R_OK) == 0;
    free(path);
    return ok;
}

static const char *attr_text(const rz_doc_node *n, const char *name)
{
    const char *v = rz_doc_attr_value(n, name);
    return v ? v : "";
}

/* The <documento> elements and their <capitolo>, in the profile's arena. */
static rz_status read_documents(rz_profile *p, const rz_doc_node *list, rz_diags *d)
{
    rz_arena *a = &p->tree.arena;
    size_t n = rz_doc_count(list, "documento");
    p->documents = n ? rz_arena_alloc(a, n * sizeof *p->documents) : NULL;
    for (size_t i = 0; p->documents && i < list->nchildren; i++) {
        const rz_doc_node *e = &list->children[i];
        if (strcmp(e->name, "documento") != 0)
            continue;
        rz_profile_document *doc = &p->documents[p->n_documents++];
        doc->name = attr_text(e, "nome");
        doc->title = attr_text(e, "titolo");
        doc->requires = attr_text(e, "richiede");
        doc->pages = attr_text(e, "pagine");
        doc->max_words = strtol(attr_text(e, "parole-massime"), NULL, 10);
        doc->line = e->line;
        size_t k = rz_doc_count(e, "capitolo");
        doc->chapters = k ? rz_arena_alloc(a, k * sizeof *doc->chapters) : NULL;
        for (size_t j = 0; doc->chapters && j < e->nchildren; j++) {
            const rz_doc_node *c = &e->children[j];
            if (strcmp(c->name, "capitolo") != 0)
                continue;
            rz_profile_chapter *ch = &doc->chapters[doc->n_chapters++];
            ch->model = rz_doc_attr_value(c, "modello");
            ch->line = c->line;
        }
    }
    if (a->failed) {
        rz_diag_out_of_memory(d, p->path, "leggendo il file");
        return RZ_IO;
    }
    return RZ_OK;
}

rz_status rz_profile_load(const char *templates, const char *name, const char *from_file,
                          long from_line, rz_profile *p, rz_diags *d)
{
    memset(p, 0, sizeof *p);
    if (!valid_name(name)) {
        rz_diag_add(d, RZ_ERROR, from_file, from_line, "profilo",
                    "profilo '%s' non valido: scrivere il nome di un profilo (cciaa, piao, …), "
                    "solo lettere minuscole, cifre e trattini",
                    name ? name : "");
        return RZ_INVALID;
    }
    p->path = profile_path(templates, name);
    if (!p->path)
        return RZ_IO;
    if (access(p->path, R_OK) != 0) {
        char known[512];
        rz_profile_names(templates, known, sizeof known);
        rz_diag_add(d, RZ_ERROR, from_file, from_line, "profilo",
                    "profilo '%s' sconosciuto: scrivere uno dei profili disponibili (%s)", name,
                    known[0] ? known : "nessuno: installazione incompleta");
        return RZ_INVALID;
    }
    /* Parsed like every input (no network, no DTD, a size limit) and
     * validated against schemas/profilo.xsd: a broken profile is reported
     * with its file and line, in the messages of the other inputs. */
    rz_xml x;
    rz_status st = rz_xml_load(p->path, 1, &x, d);
    if (st != RZ_OK)
        return st;
    if (x.kind != RZ_DOC_PROFILO) {
        rz_diag_add(d, RZ_ERROR, p->path, rz_xml_line(xmlDocGetRootElement(x.doc)), "profilo",
                    "il file non è un profilo (atteso <profilo xmlns=\"%s\">, trovato: %s): "
                    "ripristinarlo dall'installazione",
                    rz_doc_namespace(RZ_DOC_PROFILO), rz_doc_name(x.kind));
        rz_xml_free(&x);
        return RZ_INVALID;
    }
    st = rz_doc_tree_read(&x, &p->tree, d);
    rz_xml_free(&x);
    if (st != RZ_OK)
        return st;
    const rz_doc_node *root = p->tree.root;
    const char *own = rz_doc_attr_value(root, "nome");
    if (!own || strcmp(own, name) != 0) {
        rz_diag_add(d, RZ_ERROR, p->path, root->line, "profilo",
                    "il profilo si chiama '%s', ma il file è %s.xml: scrivere <profilo "
                    "nome=\"%s\">",
                    own ? own : "", name, name);
        return RZ_INVALID;
    }
    return read_documents(p, rz_doc_child(root, "documenti"), d);
}

void rz_profile_free(rz_profile *p)
{
    rz_doc_tree_free(&p->tree);
    free(p->path);
    memset(p, 0, sizeof *p);
}
