/*
 * oiv.c — the evaluation body's input (see oiv.h): reading validazione.xml,
 * converting the deprecated element of the monitoring data, and what the
 * signed document still needs. The checks against the scores are the
 * engine's (engine/oiv_check.c).
 *
 * Everything is copied into the rz_oiv's own arena, so the DOM (or the
 * monitoring data, for the legacy element) can go right after reading.
 * The schema has checked the shape; what is read here is the meaning.
 */
#define _POSIX_C_SOURCE 200809L
#include "oiv.h"
#include "readers.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define FOR_CHILD(var, parent, name)                                                               \
    for (xmlNodePtr var = rz_xml_child((parent), (name)); var; var = rz_xml_next(var, (name)))

/* A copy in the arena with surrounding white space dropped and inner runs
 * of white space made single (the XML is indented by hand). */
static const char *clean(rz_oiv *o, const xmlChar *s)
{
    if (!s)
        return NULL;
    size_t n = strlen((const char *)s);
    char *out = rz_arena_alloc(&o->arena, n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    int space = 0;
    for (const char *p = (const char *)s; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = k > 0;
            continue;
        }
        if (space)
            out[k++] = ' ';
        space = 0;
        out[k++] = *p;
    }
    out[k] = '\0';
    return k ? out : NULL;
}

static const char *attr(rz_oiv *o, xmlNodePtr n, const char *name)
{
    if (!n)
        return NULL;
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    const char *s = clean(o, v);
    xmlFree(v);
    return s;
}

static const char *text(rz_oiv *o, xmlNodePtr n)
{
    if (!n)
        return NULL;
    xmlChar *v = xmlNodeGetContent(n);
    const char *s = clean(o, v);
    xmlFree(v);
    return s;
}

/* The schema has checked the lexical form: only a date that does not
 * exist (2019-02-30) can fail here. */
static int attr_date(rz_oiv *o, xmlNodePtr n, const char *name, rz_date *out, rz_diags *d)
{
    const char *s = attr(o, n, name);
    if (!s)
        return 0;
    if (rz_date_parse_iso(s, out))
        return 1;
    rz_diag_add(d, RZ_ERROR, o->file, rz_xml_line(n), "date",
                "la data %s=\"%s\" non esiste: correggerla (formato AAAA-MM-GG)", name, s);
    return 0;
}

/* The <voce> items of an Elenco element. */
static const char **items(rz_oiv *o, xmlNodePtr list, size_t *count)
{
    size_t cap = 0;
    const char **v = NULL;
    FOR_CHILD(x, list, "voce")
    {
        const char *t = text(o, x);
        if (!t)
            continue;
        const char **slot = RZ_ARENA_PUSH(&o->arena, v, *count, cap);
        if (slot)
            *slot = t;
    }
    return v;
}

static rz_oiv_person *people(rz_oiv *o, xmlNodePtr parent, const char *name, size_t *count)
{
    size_t cap = 0;
    rz_oiv_person *v = NULL;
    FOR_CHILD(x, parent, name)
    {
        rz_oiv_person *p = RZ_ARENA_PUSH(&o->arena, v, *count, cap);
        if (!p)
            break;
        p->name = text(o, x);
        p->role = attr(o, x, "ruolo");
    }
    return v;
}

static const char *const judgement_words[] = {"non-valutato", "conforme",
                                              "conforme-con-osservazioni", "non-conforme"};

static rz_judgement judgement_of(const char *s)
{
    for (int i = 0; s && i < 4; i++)
        if (!strcmp(s, judgement_words[i]))
            return (rz_judgement)i;
    return RZ_JUDGEMENT_NONE;
}

/* The name used throughout the document when the input gives none. */
static void default_names(rz_oiv *o)
{
    static const char *const full[] = {"Organismo Indipendente di Valutazione",
                                       "Organismo Indipendente di Valutazione",
                                       "Nucleo di valutazione", NULL};
    static const char *const brief[] = {"OIV", "OIV", "Nucleo", NULL};
    if (!o->name)
        o->name = full[o->kind];
    if (!o->short_name)
        o->short_name = brief[o->kind] ? brief[o->kind] : o->name;
}

static rz_oiv *oiv_new(const char *file)
{
    rz_oiv *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    rz_arena_init(&o->arena);
    o->file = rz_arena_strdup(&o->arena, file ? file : "");
    return o;
}

rz_status rz_oiv_from_xml(const rz_xml *x, rz_oiv **out, rz_diags *d)
{
    *out = NULL;
    rz_oiv *o = oiv_new(x->path);
    if (!o)
        return RZ_IO;
    size_t before = d->errors;
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    o->loc.file = o->file;
    o->loc.line = rz_xml_line(root);
    const char *ill = attr(o, root, "illustrativo");
    o->illustrative = ill && (!strcmp(ill, "true") || !strcmp(ill, "1"));
    o->body_name = text(o, rz_xml_child(root, "ente"));
    const char *year = text(o, rz_xml_child(root, "anno"));
    o->year = year ? atoi(year) : 0;

    xmlNodePtr body = rz_xml_child(root, "organismo");
    static const char *const kinds[] = {"oiv-collegiale", "oiv-monocratico", "nucleo", "altro"};
    const char *kind = attr(o, body, "tipo");
    for (int i = 0; kind && i < 4; i++)
        if (!strcmp(kind, kinds[i]))
            o->kind = (rz_oiv_kind)i;
    const char *genere = attr(o, body, "genere");
    o->feminine = genere && !strcmp(genere, "f");
    o->name = text(o, rz_xml_child(body, "denominazione"));
    o->short_name = text(o, rz_xml_child(body, "sigla"));
    if (o->kind == RZ_OIV_ALTRO && !o->name)
        rz_diag_add(d, RZ_ERROR, o->file, rz_xml_line(body), "oiv-name",
                    "organismo di tipo «altro» senza <denominazione>: scrivere il nome con cui "
                    "l'organismo firma (es. «Organismo con funzioni analoghe all'OIV»)");
    default_names(o);
    o->members = people(o, body, "componente", &o->n_members);
    o->guidelines = items(o, rz_xml_child(root, "linee-guida"), &o->n_guidelines);

    xmlNodePtr n;
    if ((n = rz_xml_child(root, "approvazione"))) {
        o->approval_organ = attr(o, n, "organo");
        o->approval_act = attr(o, n, "atto");
        if (!o->approval_act)
            o->approval_act = "delibera";
        o->approval_number = attr(o, n, "numero");
        o->has_approval = attr_date(o, n, "data", &o->approval_date, d);
    }
    if ((n = rz_xml_child(root, "trasmissione"))) {
        o->transmission_office = attr(o, n, "ufficio");
        o->has_transmission = attr_date(o, n, "data", &o->transmission_date, d);
    }
    o->documents = items(o, rz_xml_child(root, "documenti-esaminati"), &o->n_documents);
    size_t cap = 0;
    FOR_CHILD(r, rz_xml_child(root, "riunioni"), "riunione")
    {
        rz_date when;
        if (!attr_date(o, r, "data", &when, d))
            continue;
        rz_oiv_meeting *mt = RZ_ARENA_PUSH(&o->arena, o->meetings, o->n_meetings, cap);
        if (!mt)
            break;
        mt->date = when;
        mt->activity = text(o, r);
    }
    FOR_CHILD(p, rz_xml_child(root, "punti"), "punto")
    {
        const char *c = attr(o, p, "codice");
        if (!c || c[0] < 'A' || c[0] > 'K')
            continue;
        rz_oiv_point *pt = &o->points[c[0] - 'A'];
        pt->judgement = judgement_of(attr(o, p, "giudizio"));
        pt->note = text(o, p);
        pt->loc.file = o->file;
        pt->loc.line = rz_xml_line(p);
        if ((pt->judgement == RZ_JUDGEMENT_REMARKS || pt->judgement == RZ_JUDGEMENT_KO) &&
            !pt->note)
            rz_diag_add(d, RZ_ERROR, o->file, pt->loc.line, "oiv-note",
                        "punto %c giudicato «%s» senza nota: scrivere nel testo dell'elemento "
                        "l'osservazione o il rilievo, che il documento riporta",
                        c[0], judgement_words[pt->judgement]);
    }
    if ((n = rz_xml_child(root, "valutazione-complessiva"))) {
        const char *v = attr(o, n, "punteggio");
        o->has_overall = v != NULL;
        o->overall_score = v ? strtod(v, NULL) : 0;
        o->overall_text = text(o, n);
    }
    o->verdict = text(o, rz_xml_child(root, "esito"));
    o->remarks = items(o, rz_xml_child(root, "osservazioni"), &o->n_remarks);
    if ((n = rz_xml_child(root, "luogo-data"))) {
        o->place = attr(o, n, "luogo");
        o->has_signing = attr_date(o, n, "data", &o->sign_date, d);
    }
    o->signatories = people(o, rz_xml_child(root, "firmatari"), "firmatario", &o->n_signatories);
    if (o->arena.failed) {
        rz_diag_out_of_memory(d, x->path, "leggendo il file");
        rz_oiv_free(o);
        return RZ_IO;
    }
    *out = o;
    return d->errors > before ? RZ_INVALID : RZ_OK;
}

rz_oiv *rz_oiv_from_legacy(const rz_monitoring *m, rz_diags *d)
{
    const rz_validation *v = m ? &m->validation : NULL;
    if (!v || !v->present)
        return NULL;
    rz_diag_add(d, RZ_WARNING, m->file, v->loc.line, "deprecated",
                "l'elemento <validazione> dei dati di monitoraggio è deprecato e sarà ignorato "
                "dalla versione 2.0 dello schema: spostarne il contenuto in un file "
                "validazione.xml (schema validazione.xsd) nella stessa cartella");
    rz_oiv *o = oiv_new(m->file);
    if (!o)
        return NULL;
    rz_arena *a = &o->arena;
#define COPY(s) ((s) ? rz_arena_strdup(a, (s)) : NULL)
    o->legacy = 1;
    o->loc.file = o->file;
    o->loc.line = v->loc.line;
    o->body_name = COPY(m->body_name);
    o->year = m->year;
    o->kind = v->body ? RZ_OIV_ALTRO : RZ_OIV_COLLEGIALE;
    o->name = COPY(v->body);
    /* The old element had only a name: its first word is the short form
     * the document uses in running text («questo Nucleo»). */
    if (o->name && !strncmp(o->name, "Nucleo", 6)) {
        o->kind = RZ_OIV_NUCLEO;
        o->short_name = "Nucleo";
    } else if (o->name && !strncmp(o->name, "Organismo", 9)) {
        o->short_name = "Organismo";
    }
    default_names(o);
    if (v->guidelines) {
        o->guidelines = rz_arena_alloc(a, sizeof *o->guidelines);
        if (o->guidelines) {
            o->guidelines[0] = COPY(v->guidelines);
            o->n_guidelines = 1;
        }
    }
    o->has_approval = v->approval_number && v->has_approval_date;
    o->approval_organ = COPY(v->approval_organ);
    o->approval_act = "delibera";
    o->approval_number = COPY(v->approval_number);
    o->approval_date = v->approval_date;
    o->has_transmission = v->has_transmission_date;
    o->transmission_office = COPY(v->transmission_office);
    o->transmission_date = v->transmission_date;
    static const rz_judgement map[] = {RZ_JUDGEMENT_NONE, RZ_JUDGEMENT_OK, RZ_JUDGEMENT_REMARKS,
                                       RZ_JUDGEMENT_KO};
    for (int i = 0; i < 11; i++) {
        const rz_validation_point *p = &v->points[i];
        if (!p->code)
            continue;
        o->points[i].judgement = map[p->outcome];
        o->points[i].note = COPY(p->text);
        o->points[i].loc = p->loc;
        o->points[i].loc.file = o->file;
    }
    o->has_overall = v->has_overall;
    o->overall_score = v->overall_score;
    o->overall_text = COPY(v->overall_text);
    o->verdict = COPY(v->verdict);
    if (v->remarks) {
        o->remarks = rz_arena_alloc(a, sizeof *o->remarks);
        if (o->remarks) {
            o->remarks[0] = COPY(v->remarks);
            o->n_remarks = 1;
        }
    }
    o->has_signing = v->place && v->has_sign_date;
    o->place = COPY(v->place);
    o->sign_date = v->sign_date;
    if (v->n_signatories) {
        o->signatories = rz_arena_alloc(a, v->n_signatories * sizeof *o->signatories);
        for (size_t i = 0; o->signatories && i < v->n_signatories; i++) {
            o->signatories[i].name = COPY(v->signatories[i].name);
            o->signatories[i].role = COPY(v->signatories[i].role);
            o->n_signatories++;
        }
    }
#undef COPY
    if (o->arena.failed) {
        rz_diag_out_of_memory(d, m->file, "leggendo la validazione");
        rz_oiv_free(o);
        return NULL;
    }
    return o;
}

void rz_oiv_free(rz_oiv *o)
{
    if (!o)
        return;
    rz_arena_free(&o->arena);
    free(o);
}

size_t rz_oiv_missing(const rz_oiv *o, const char **out, size_t max)
{
    size_t n = 0;
#define NEED(cond, what)                                                                           \
    do {                                                                                           \
        if (!(cond) && n < max)                                                                    \
            out[n++] = (what);                                                                     \
    } while (0)
    NEED(o && o->has_approval, "gli estremi dell'atto che approva la Relazione (organo, numero e "
                               "data)");
    NEED(o && o->has_transmission, "la data in cui la Relazione è stata trasmessa");
    int judged = 1;
    for (int i = 0; i < 11; i++)
        judged &= o && o->points[i].judgement != RZ_JUDGEMENT_NONE;
    NEED(judged, "il giudizio su ciascuno dei punti A–K, con una nota per quelli non pienamente "
                 "conformi");
    NEED(o && o->verdict, "l'esito della validazione");
    NEED(o && o->has_signing, "il luogo e la data della firma");
    NEED(o && o->n_signatories, "i nomi e i ruoli di chi firma");
#undef NEED
    return n;
}
