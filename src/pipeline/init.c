/*
 * init.c — `relazione init`: a first set of inputs for a new body.
 *
 * The inputs are templates too, the .xml.mustache files of templates/init/PROFILO,
 * minimal but valid and commented in Italian where a clerk must change
 * something; they are rendered over a small view (the body's name, the
 * year, the years around it) with XML escaping, so that «Comune di
 * Sant'Anna & Uniti» stays well formed. A new profile gets its own folder
 * of starting inputs without code.
 *
 * Nothing is overwritten: when any of the files exists already, none is
 * written. Each file is written atomically.
 */
#define _POSIX_C_SOURCE 200809L
#include "init.h"
#include "fsutil.h"
#include "mustache.h"
#include "profile.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FILES 16

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml.mustache files of dir, sorted; returns how many. */
static size_t list_inputs(const char *dir, char **names)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(dp)) != NULL && n < MAX_FILES;) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] != '.' && l > 13 && !strcmp(e->d_name + l - 13, ".xml.mustache"))
            names[n++] = strdup(e->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof names[0], by_name);
    return n;
}

static rz_view *init_view(rz_view_doc *doc, const char *body, int year)
{
    rz_view *v = rz_view_map(doc);
    rz_view_set_str(v, "ente", body);
    rz_view_set_num(v, "anno", year);
    rz_view_set_num(v, "anno_precedente", year - 1);
    rz_view_set_num(v, "anno_successivo", year + 1);
    rz_view_set_num(v, "anno_fine", year + 2);
    return v;
}

rz_status rz_init(const char *outdir, const char *profile, const char *body, int year,
                  rz_built *written, rz_diags *d)
{
    memset(written, 0, sizeof *written);
    char *templates = rz_path_join(rz_data_dir(), "templates");
    if (!templates)
        return RZ_IO;
    if (!rz_profile_exists(templates, profile)) {
        char known[512];
        rz_profile_names(templates, known, sizeof known);
        rz_diag_add(d, RZ_ERROR, NULL, 0, RZ_CHECK_UNKNOWN_PROFILE,
                    "profilo '%s' sconosciuto: scrivere uno dei profili disponibili (%s)", profile,
                    known[0] ? known : "nessuno: installazione incompleta");
        free(templates);
        return RZ_INVALID;
    }
    char sub[96];
    snprintf(sub, sizeof sub, "init/%s", profile);
    char *src = rz_path_join(templates, sub);
    free(templates);
    char *names[MAX_FILES];
    size_t n = src ? list_inputs(src, names) : 0;
    rz_status st = RZ_OK;
    if (n == 0) {
        rz_diag_add(d, RZ_ERROR, src, 0, "io",
                    "nessun file iniziale per il profilo %s: installazione incompleta", profile);
        st = RZ_IO;
    }
    /* Every target is checked before anything is written. */
    char *targets[MAX_FILES] = {0};
    for (size_t i = 0; i < n && st != RZ_IO; i++) {
        char file[256];
        snprintf(file, sizeof file, "%.*s", (int)(strlen(names[i]) - 9), names[i]);
        targets[i] = rz_path_join(outdir, file);
        if (targets[i] && access(targets[i], F_OK) == 0) {
            rz_diag_add(d, RZ_ERROR, targets[i], 0, "init",
                        "il file esiste già e non viene sovrascritto: scegliere una cartella "
                        "nuova o vuota");
            st = RZ_INVALID;
        }
    }
    if (st == RZ_OK)
        st = rz_mkdir_p(outdir, d);
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *view = doc ? init_view(doc, body, year) : NULL;
    if (st == RZ_OK && rz_view_doc_failed(doc)) {
        rz_diag_out_of_memory(d, outdir, "preparando i file iniziali");
        st = RZ_IO;
    }
    for (size_t i = 0; i < n && st == RZ_OK; i++) {
        char *path = rz_path_join(src, names[i]);
        char *text = NULL;
        size_t len = 0;
        st = path ? rz_read_file(path, 1u << 20, &text, &len, d) : RZ_IO;
        rz_mustache *t = st == RZ_OK ? rz_mustache_compile(text, len, path, d) : NULL;
        rz_buf out;
        rz_buf_init(&out);
        if (st == RZ_OK && !t)
            st = RZ_IO;
        if (t) {
            rz_mustache_options mo = {rz_escape_html, NULL, NULL, RZ_MUSTACHE_WARN_NAMES};
            st = rz_mustache_render(t, view, &mo, &out, d);
        }
        if (st == RZ_OK)
            st = rz_write_atomic(targets[i], out.data, out.len, d);
        if (st == RZ_OK)
            st = rz_built_add(written, targets[i]);
        rz_buf_free(&out);
        rz_mustache_free(t);
        free(text);
        free(path);
    }
    rz_view_doc_free(doc);
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
        free(targets[i]);
    }
    free(src);
    return st;
}
