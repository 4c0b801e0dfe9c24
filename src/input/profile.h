/*
 * profile.h — profiles of body: the document plan and the terminology of a
 * kind of public body, read from templates/profili/NOME.xml.
 */
#ifndef RZ_PROFILE_H
#define RZ_PROFILE_H

#include "diag.h"

#include <stddef.h>

#include <libxml/tree.h>

/* The profile a Piano names when it names none. */
#define RZ_PROFILE_DEFAULT "cciaa"

typedef struct {
    xmlDocPtr doc;
    char *path;
    xmlNodePtr documents; /* the first <documento>, in the order they are written */
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

/* The <documento> after doc, or NULL. */
xmlNodePtr rz_profile_next_document(xmlNodePtr doc);

#endif
