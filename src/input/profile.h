/*
 * profile.h — profiles of body: the document plan and the terminology of a
 * kind of public body, read from templates/profili/NOME.xml.
 */
#ifndef RZ_PROFILE_H
#define RZ_PROFILE_H

#include "diag.h"
#include "doctree.h"

#include <stddef.h>

/* The profile a Piano names when it names none. */
#define RZ_PROFILE_DEFAULT "cciaa"

/* A chapter of a document: the template it is written with (modello;
 * NULL when the profile gives none). */
typedef struct {
    const char *model;
    long line;
} rz_profile_chapter;

/* A document the build writes, when the folder has what it requires.
 * Absent attributes are "". */
typedef struct {
    const char *name, *title, *requires, *pages;
    long max_words; /* parole-massime (point J, the Relazione only); 0 when absent */
    long line;
    rz_profile_chapter *chapters; /* none: the document is its own template */
    size_t n_chapters;
} rz_profile_document;

typedef struct {
    rz_doc_tree tree; /* the whole profile, for the templates (profilo.*) */
    char *path;
    rz_profile_document *documents; /* in the order they are written */
    size_t n_documents;
} rz_profile;

/* Loads templates/profili/name.xml. A missing or unknown profile is an
 * error of the input that named it (from_file, from_line). */
rz_status rz_profile_load(const char *templates, const char *name, const char *from_file,
                          long from_line, rz_profile *p, rz_diags *d);
void rz_profile_free(rz_profile *p);

/* True when templates/profili/name.xml exists. */
int rz_profile_exists(const char *templates, const char *name);

/* The names of the profiles in templates/profili, sorted, comma-separated. */
void rz_profile_names(const char *templates, char *out, size_t size);

#endif
