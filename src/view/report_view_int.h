/*
 * report_view_int.h — what the files of the report view share
 * (report_view.c, rules_view.c): the builder that carries the scored tree,
 * the Piano's rules and the profile's words. Internal to the view stage.
 */
#ifndef RZ_REPORT_VIEW_INT_H
#define RZ_REPORT_VIEW_INT_H

#include "score.h"
#include "view.h"

typedef struct {
    rz_view_doc *doc;
    const rz_scored *s;
    const rz_rules *rules;
    const rz_view *terms; /* the profile's words, or NULL: the defaults below */
} builder;

/* The profile's word for key ({{profilo.termini.key}}), or dflt, the
 * cciaa profile's word, when there is no profile or it lacks the word. */
const char *rv_term(const builder *b, const char *key, const char *dflt);

/* The Piano's rules of calculation, as figures and as sentences to print
 * (rules_view.c): the view's "regole". */
rz_view *rv_rules_view(builder *b);

#endif
