/*
 * oiv.h — the evaluation body's own input: who validates, how, and what it
 * concluded (schemas/validazione.xsd).
 *
 * The monitoring data are the administration's; the judgement is the
 * OIV's (or the Nucleo's, or whatever the body is called), so it lives in a
 * file of its own. Monitoring data of schema 1.x could carry a smaller
 * <validazione> element: it is still read, with a deprecation warning, when
 * the folder has no validazione file (rz_oiv_from_legacy).
 *
 * What the signed document needs and the input does not give is listed by
 * rz_oiv_missing: while anything is listed the document is a draft.
 */
#ifndef RZ_OIV_H
#define RZ_OIV_H

#include "arena.h"
#include "model.h"

typedef enum { RZ_OIV_COLLEGIALE, RZ_OIV_MONOCRATICO, RZ_OIV_NUCLEO, RZ_OIV_ALTRO } rz_oiv_kind;

typedef enum {
    RZ_JUDGEMENT_NONE, /* not expressed yet */
    RZ_JUDGEMENT_OK,
    RZ_JUDGEMENT_REMARKS,
    RZ_JUDGEMENT_KO
} rz_judgement;

typedef struct {
    const char *name;
    const char *role;
} rz_oiv_person;

typedef struct {
    rz_date date;
    const char *activity;
} rz_oiv_meeting;

typedef struct {
    rz_judgement judgement;
    const char *note;
    rz_loc loc;
} rz_oiv_point;

typedef struct {
    rz_arena arena;
    const char *file;
    int legacy;       /* read from the monitoring data's old element */
    int illustrative; /* sample data, not a real body's */
    const char *body_name;
    int year;
    rz_oiv_kind kind;
    const char *name;       /* in full, used throughout the document */
    const char *short_name; /* in tables: "OIV", "Nucleo" */
    int feminine;
    rz_oiv_person *members;
    size_t n_members;
    const char **guidelines;
    size_t n_guidelines;
    int has_approval;
    const char *approval_organ, *approval_act, *approval_number;
    rz_date approval_date;
    int has_transmission;
    const char *transmission_office;
    rz_date transmission_date;
    const char **documents;
    size_t n_documents;
    rz_oiv_meeting *meetings;
    size_t n_meetings;
    rz_oiv_point points[11]; /* A..K */
    int has_overall;
    double overall_score;
    const char *overall_text;
    const char *verdict; /* "VALIDA", "VALIDA CON OSSERVAZIONI", "NON VALIDA" or NULL */
    const char **remarks;
    size_t n_remarks;
    int has_signing;
    const char *place;
    rz_date sign_date;
    rz_oiv_person *signatories;
    size_t n_signatories;
    rz_loc loc;
} rz_oiv;

/* Reading a document validated against validazione.xsd: readers.h. */

/* The same facts from monitoring data's deprecated <validazione> element;
 * NULL when they have none. Warns that the element is deprecated. */
rz_oiv *rz_oiv_from_legacy(const rz_monitoring *m, rz_diags *d);

void rz_oiv_free(rz_oiv *o);

/* What the signed document still needs, one short Italian phrase each
 * («gli estremi dell'atto che approva la Relazione»), into items (up to
 * max); returns how many. 0 means the document can be signed. o may be
 * NULL (nothing given). */
size_t rz_oiv_missing(const rz_oiv *o, const char **items, size_t max);

#endif
