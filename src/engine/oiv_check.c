/*
 * oiv_check.c — the evaluation body's input against the computed scores
 * (see oiv_check.h).
 */
#include "oiv_check.h"
#include "format.h"

#include <math.h>
#include <string.h>
#include <strings.h>

static int same_text(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

void rz_oiv_check(const rz_oiv *o, const rz_scored *s, rz_diags *d)
{
    if (!o || !s)
        return;
    const rz_plan *p = s->plan;
    if (!o->legacy && o->year && p->year && o->year != p->year)
        rz_diag_add(d, RZ_ERROR, o->file, o->loc.line, "year",
                    "la validazione è dell'anno %d ma il Piano %s è dell'anno %d: indicare "
                    "l'anno della Relazione validata",
                    o->year, p->file, p->year);
    if (!o->legacy && o->body_name && p->body_name && !same_text(o->body_name, p->body_name))
        rz_diag_add(d, RZ_WARNING, o->file, o->loc.line, "oiv-body",
                    "la validazione è intestata a «%s», il Piano a «%s»: usare lo stesso nome",
                    o->body_name, p->body_name);
    if (o->has_overall && s->entity && s->entity->has_score &&
        fabs(o->overall_score - s->entity->score) >= 0.05) {
        char a[32], b[32];
        rz_fmt_number(a, sizeof a, o->overall_score, 1);
        rz_fmt_number(b, sizeof b, s->entity->score, 1);
        rz_diag_add(d, RZ_ERROR, o->file, o->loc.line, "B-overall",
                    "la valutazione complessiva dell'organismo (%s%%) differisce dal punteggio "
                    "dell'ente calcolato dai dati (%s%%) senza una rettifica approvata sull'ente",
                    a, b);
    }
    /* A verdict the judgements do not support is the body's right, but it
     * must be a deliberate one. */
    int ko = 0, remarks = 0;
    for (int i = 0; i < 11; i++) {
        ko |= o->points[i].judgement == RZ_JUDGEMENT_KO;
        remarks |= o->points[i].judgement == RZ_JUDGEMENT_REMARKS;
    }
    if (o->verdict && !strcmp(o->verdict, "VALIDA") && (ko || remarks))
        rz_diag_add(d, RZ_WARNING, o->file, o->loc.line, "oiv-verdict",
                    "esito VALIDA con punti giudicati %s: il documento riporta comunque i "
                    "rilievi; verificare l'esito",
                    ko ? "non conformi" : "con osservazioni");
}
