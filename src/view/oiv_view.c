/*
 * oiv_view.c — the views of the validation document and of the working
 * papers (see oiv_view.h).
 *
 * The validation document derives everything from three sources: the
 * body's input (who, when, which judgement), the findings of the checks
 * (grouped by point A–K) and the scored data (the facts each point rests
 * on). Its wording for each point and attestation lives in the tables
 * below, next to each other, so that a judgement always reads the same in
 * the table and in the attestation.
 *
 * While the body's input is incomplete the document is a draft: the first
 * paragraph lists what is missing, once; points without a judgement carry
 * the judgement the data propose, said as such; nothing else is left blank.
 */
#define _POSIX_C_SOURCE 200809L
#include "oiv_view.h"
#include "check.h"
#include "explain.h"
#include "format.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *title;    /* the element verified */
    const char *refs[3];  /* headings of the Relazione where it shows */
    const char *positive; /* the attestation when the point is met */
    const char *negative; /* the same, turned into a finding */
} point_text;

/* Points A–K of the validation sheet (seed 003, Allegato 1) and the
 * attestations a)–j) they support: J and K share j). */
static const point_text points[11] = {
    {"Coerenza fra i contenuti della Relazione e quelli del Piano della performance",
     {"3.1", "3.2", NULL},
     "i contenuti della Relazione risultano coerenti con i contenuti del Piano della performance",
     "i contenuti della Relazione non risultano coerenti con i contenuti del Piano della "
     "performance"},
    {"Coerenza fra la valutazione complessiva dell'organismo di valutazione e le valutazioni "
     "degli obiettivi riportate nella Relazione",
     {"1.", "3.3", NULL},
     "la valutazione della performance organizzativa complessiva effettuata da {questo} risulta "
     "coerente con le valutazioni degli obiettivi di performance organizzativa riportate nella "
     "Relazione",
     "la valutazione della performance organizzativa complessiva effettuata da {questo} non "
     "risulta coerente con le valutazioni degli obiettivi di performance organizzativa riportate "
     "nella Relazione"},
    {"Presenza nella Relazione dei risultati di tutti gli obiettivi del Piano",
     {"3.0", NULL, NULL},
     "nella Relazione sono presenti i risultati relativi a tutti gli obiettivi inseriti nel Piano",
     "nella Relazione non sono presenti i risultati di tutti gli obiettivi inseriti nel Piano"},
    {"Obiettivi connessi all'anticorruzione e alla trasparenza considerati nella misurazione",
     {NULL, NULL, NULL},
     "nella misurazione e valutazione delle performance si è tenuto conto degli obiettivi "
     "connessi all'anticorruzione e alla trasparenza",
     "nella misurazione e valutazione delle performance non si è tenuto conto in modo adeguato "
     "degli obiettivi connessi all'anticorruzione e alla trasparenza"},
    {"Corretto utilizzo del metodo di calcolo previsto per gli indicatori",
     {"3.0", "Le schede delle unità organizzative", NULL},
     "il metodo di calcolo previsto per gli indicatori associati agli obiettivi è stato "
     "correttamente utilizzato",
     "il metodo di calcolo previsto per gli indicatori non è stato correttamente utilizzato per "
     "tutti gli indicatori"},
    {"Affidabilità dei dati utilizzati (fonti esterne certificate o interne non autodichiarate)",
     {"Le schede delle unità organizzative", NULL, NULL},
     "i dati utilizzati per la compilazione della Relazione risultano affidabili",
     "i dati utilizzati per la compilazione della Relazione non risultano pienamente affidabili"},
    {"Evidenza degli scostamenti fra risultati programmati e conseguiti, con motivazione",
     {"Le criticità", "3.2", NULL},
     "sono evidenziati, per gli obiettivi conseguiti parzialmente, gli scostamenti fra risultati "
     "programmati e risultati effettivamente conseguiti, con indicazione della relativa "
     "motivazione",
     "non sono evidenziati, o non sono motivati, tutti gli scostamenti fra risultati programmati "
     "e risultati effettivamente conseguiti"},
    {"Adeguatezza del processo di misurazione e valutazione, anche per obiettivi fuori Piano",
     {"5.", NULL, NULL},
     "il processo di misurazione e valutazione dei risultati descritto nella Relazione risulta "
     "adeguato, anche con riferimento agli obiettivi non inseriti nel Piano",
     "il processo di misurazione e valutazione dei risultati descritto nella Relazione non "
     "risulta adeguato"},
    {"Conformità della Relazione alle disposizioni normative e alle linee guida",
     {"Premessa", NULL, NULL},
     "la Relazione risulta conforme alle disposizioni normative vigenti e alle linee guida",
     "la Relazione non risulta conforme alle disposizioni normative vigenti e alle linee guida"},
    {"Sinteticità della Relazione (lunghezza, uso di schemi e tabelle)",
     {NULL, NULL, NULL},
     "la Relazione risulta sufficientemente sintetica",
     "la Relazione non risulta sufficientemente sintetica"},
    {"Chiarezza e comprensibilità della Relazione (linguaggio, grafici, indice, pochi rinvii)",
     {"1.", NULL, NULL},
     "la Relazione risulta chiara e comprensibile e fa uso di rappresentazioni grafiche",
     "la Relazione non risulta sufficientemente chiara e comprensibile"},
};

static const char *const judgement_names[] = {"non espresso", "conforme",
                                              "conforme con osservazioni", "non conforme"};

/* ---- Italian articles for the body's name ---- */

static int starts_vowel(const char *s)
{
    return s && strchr("AEIOUaeiouÈÉèé", s[0]) != NULL;
}

/* "questo Organismo", "questo Nucleo", "questa Commissione". */
static void this_body(char *buf, size_t n, const rz_oiv *o)
{
    const char *s = o ? o->short_name : "Organismo";
    if (o && !strcmp(s, "OIV"))
        s = "Organismo";
    snprintf(buf, n, "%s %s", o && o->feminine ? "questa" : "questo", s);
}

/* "dell'OIV", "del Nucleo", "della Commissione". */
static void of_body(char *buf, size_t n, const rz_oiv *o)
{
    const char *s = o ? o->short_name : "OIV";
    if (starts_vowel(s))
        snprintf(buf, n, "dell'%s", s);
    else
        snprintf(buf, n, "%s %s", o && o->feminine ? "della" : "del", s);
}

/* di + article before an organ's name: "della Giunta camerale", "del
 * Consiglio", "dell'Assemblea". */
static void of_organ(char *buf, size_t n, const char *organ)
{
    size_t w = strcspn(organ, " ");
    if (starts_vowel(organ))
        snprintf(buf, n, "dell'%s", organ);
    else if (w > 0 && tolower((unsigned char)organ[w - 1]) == 'a')
        snprintf(buf, n, "della %s", organ);
    else
        snprintf(buf, n, "del %s", organ);
}

static void date_text(char *buf, size_t n, rz_date d)
{
    int y, m, dd;
    rz_date_to_ymd(d, &y, &m, &dd);
    rz_fmt_date(buf, n, y, m, dd);
}

/* ---- facts per point ---- */

typedef struct {
    size_t indicators, with_target, with_result, scored;
    size_t flagged, flagged_scored;
    size_t with_source, self_declared;
    size_t below, below_reasoned;
} facts;

static void count_flagged(const rz_scored_node *n, facts *f)
{
    const rz_objective *o = n->objective;
    if (o && (o->transparency || o->anticorruption)) {
        f->flagged++;
        f->flagged_scored += n->has_score != 0;
    }
    for (size_t i = 0; i < n->n_children; i++)
        count_flagged(n->children[i], f);
}

static facts gather(const rz_scored *s)
{
    facts f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; i < s->n_indicators; i++) {
        const rz_scored_indicator *si = s->indicators[i];
        const rz_indicator *ind = si->indicator;
        f.indicators++;
        f.with_target += si->target != NULL;
        f.with_result += si->total.has_result || si->total.result_text;
        f.scored += si->total.has_score || si->has_adjusted;
        f.with_source += ind->source != NULL;
        f.self_declared += ind->source && ind->source_kind == RZ_SOURCE_SELF_DECLARED;
        if (ind->transparency || ind->anticorruption) {
            f.flagged++;
            f.flagged_scored += si->total.has_score || si->has_adjusted;
        }
        if (si->total.has_achievement && si->total.achievement < 100 - 1e-9) {
            f.below++;
            f.below_reasoned += si->observation && si->observation->deviation_reason;
        }
    }
    if (s->entity)
        count_flagged(s->entity, &f);
    return f;
}

/* "cap. 3.1, p. 47" or "«Le criticità», p. 20"; nothing when the heading
 * is not in the Relazione. */
static int cite(char *buf, size_t n, const rz_outline *ol, const char *prefix)
{
    const rz_outline_entry *e = rz_outline_find(ol, prefix);
    if (!e)
        return 0;
    char what[256];
    if (isdigit((unsigned char)prefix[0])) {
        size_t k = strlen(prefix);
        snprintf(what, sizeof what, "cap. %.*s", (int)(prefix[k - 1] == '.' ? k - 1 : k), prefix);
    } else if (!strncmp(prefix, "Obiettivo ", 10)) {
        snprintf(what, sizeof what, "o%s", prefix + 1); /* "obiettivo operativo 2.1.4" */
    } else {
        snprintf(what, sizeof what, "«%s»", e->title);
    }
    if (e->page)
        snprintf(buf, n, "%s, p. %zu", what, e->page);
    else
        snprintf(buf, n, "%s", what);
    return 1;
}

static void append(char *buf, size_t n, const char *s)
{
    size_t k = strlen(buf);
    if (k + 1 < n)
        snprintf(buf + k, n - k, "%s", s);
}

/* The heading of an objective's section in the Relazione: "Obiettivo
 * operativo FRD-1 – …". */
static const char *objective_prefix(char *buf, size_t n, const rz_objective *o)
{
    snprintf(buf, n, "Obiettivo %s %s", o->kind == RZ_OBJ_STRATEGIC ? "strategico" : "operativo",
             o->code);
    return buf;
}

static const rz_objective *first_flagged(const rz_scored *s)
{
    for (size_t i = 0; i < s->n_indicators; i++) {
        const rz_indicator *ind = s->indicators[i]->indicator;
        if ((ind->transparency || ind->anticorruption) && ind->objective)
            return ind->objective;
    }
    return NULL;
}

/* What the data establish about point p, in words for a reader. */
static void evidence(char *buf, size_t n, int p, const rz_scored *s, const rz_oiv *o,
                     const facts *f, const rz_relazione_facts *r)
{
    char a[64], b[64];
    buf[0] = '\0';
    switch (p) {
    case 0:
        snprintf(buf, n, "%zu indicatori su %zu con il target %d del Piano", f->with_target,
                 f->indicators, s->year);
        break;
    case 1:
        if (s->entity && s->entity->has_score) {
            rz_fmt_percent(a, sizeof a, s->entity->score, 1);
            snprintf(buf, n, "punteggio dell'ente calcolato dai dati %s", a);
            if (o && o->has_overall) {
                rz_fmt_percent(b, sizeof b, o->overall_score, 1);
                append(buf, n, "; valutazione complessiva dell'organismo di valutazione ");
                append(buf, n, b);
            }
        }
        break;
    case 2:
        snprintf(buf, n, "%zu indicatori su %zu con risultati", f->with_result, f->indicators);
        break;
    case 3:
        snprintf(buf, n, "%zu %s su trasparenza e anticorruzione, %zu %s", f->flagged,
                 f->flagged == 1 ? "obiettivo o indicatore" : "obiettivi o indicatori",
                 f->flagged_scored, f->flagged_scored == 1 ? "valutato" : "valutati");
        break;
    case 4:
        snprintf(buf, n, "%zu risultati ricalcolati dai dati rilevati con le regole del Piano",
                 f->scored);
        break;
    case 5:
        snprintf(buf, n,
                 "%zu indicatori su %zu indicano la fonte dei dati, %zu con fonte autodichiarata",
                 f->with_source, f->indicators, f->self_declared);
        break;
    case 6:
        snprintf(buf, n, "%zu %s sotto il target, %zu con motivazione dello scostamento", f->below,
                 f->below == 1 ? "indicatore" : "indicatori", f->below_reasoned);
        break;
    case 7:
        snprintf(buf, n, "fasi, soggetti e tempi del processo descritti nella Relazione");
        break;
    case 8:
        snprintf(buf, n, "struttura della Relazione secondo le linee guida");
        break;
    case 9:
        if (r && r->has_stats) {
            rz_fmt_number(a, sizeof a, (double)r->stats.words, 0);
            if (r->pages)
                snprintf(buf, n, "%zu pagine, %s parole, %zu tabelle", r->pages, a,
                         r->stats.tables);
            else
                snprintf(buf, n, "%s parole, %zu tabelle", a, r->stats.tables);
        }
        break;
    case 10:
        if (r && r->has_stats)
            snprintf(buf, n, "indice di %zu sezioni, %zu grafici", r->stats.headings,
                     r->stats.charts);
        break;
    }
    /* Where a reader finds it in the Relazione. */
    const rz_outline *ol = r ? r->outline : NULL;
    char where[512] = "";
    const char *refs[3] = {points[p].refs[0], points[p].refs[1], points[p].refs[2]};
    char objective[96];
    const rz_objective *fo = p == 3 ? first_flagged(s) : NULL;
    if (fo)
        refs[0] = objective_prefix(objective, sizeof objective, fo);
    for (int i = 0; i < 3 && refs[i]; i++) {
        char c[300];
        if (!cite(c, sizeof c, ol, refs[i]))
            continue;
        append(where, sizeof where, *where ? "; " : "");
        append(where, sizeof where, c);
    }
    if (*where) {
        append(buf, n, *buf ? " (" : "(");
        append(buf, n, where);
        append(buf, n, ")");
    }
}

/* The point's findings, and the verdict they alone would give. */
static rz_verdict_basis point_findings(const rz_diags *findings, char code)
{
    rz_diags only;
    rz_diags_init(&only);
    for (size_t i = 0; i < findings->count; i++) {
        const rz_diag *g = &findings->items[i];
        if (rz_check_point(g) == code)
            rz_diag_add(&only, g->severity, g->file, g->line, g->check, "%s", g->message);
    }
    rz_verdict_basis vb = rz_proposed_verdict(&only, 0, 1);
    rz_diags_free(&only);
    return vb;
}

static rz_judgement judgement_of_verdict(rz_verdict v)
{
    if (v == RZ_VERDICT_NON_VALIDA)
        return RZ_JUDGEMENT_KO;
    if (v == RZ_VERDICT_VALIDA_CON_OSSERVAZIONI)
        return RZ_JUDGEMENT_REMARKS;
    return RZ_JUDGEMENT_OK;
}

static void findings_text(char *buf, size_t n, const rz_verdict_basis *vb)
{
    if (vb->grave + vb->observations + vb->cosmetic == 0)
        snprintf(buf, n, "nessun rilievo dalle verifiche sui dati");
    else
        snprintf(buf, n, "verifiche sui dati: %zu %s, %zu %s, %zu %s", vb->grave,
                 vb->grave == 1 ? "rilievo grave" : "rilievi gravi", vb->observations,
                 vb->observations == 1 ? "osservazione" : "osservazioni", vb->cosmetic,
                 vb->cosmetic == 1 ? "rilievo formale" : "rilievi formali");
}

/* Why the proposed verdict is what it is, in a sentence: the gravest class
 * found and the point it concerns. */
static void set_verdict(rz_view *m, const rz_diags *findings)
{
    rz_verdict_basis vb = rz_proposed_verdict(findings, 0, 1);
    rz_view_set_str(m, "esito_proposto", rz_verdict_name(vb.verdict));
    char point = vb.decisive ? rz_check_point(vb.decisive) : 0;
    if (vb.verdict == RZ_VERDICT_NON_VALIDA)
        rz_view_set_strf(m, "esito_proposto_base", "rilievo grave sul punto %c", point);
    else if (vb.verdict == RZ_VERDICT_VALIDA_CON_OSSERVAZIONI && vb.grave)
        rz_view_set_str(m, "esito_proposto_base",
                        "rilievi gravi su punti che non riguardano i risultati");
    else if (vb.verdict == RZ_VERDICT_VALIDA_CON_OSSERVAZIONI)
        rz_view_set_str(m, "esito_proposto_base", "il rilievo più grave è un'osservazione");
    else
        rz_view_set_str(m, "esito_proposto_base",
                        vb.cosmetic ? "solo rilievi formali, che non incidono sull'esito"
                                    : "nessun rilievo");
    rz_view_set_strf(m, "gravi", "%zu", vb.grave);
    rz_view_set_strf(m, "osservazioni_dati", "%zu", vb.observations);
    rz_view_set_strf(m, "formali", "%zu", vb.cosmetic);
    /* The counts with their nouns, singular or plural. */
    rz_view_set_strf(m, "gravi_in_parole", "%zu %s", vb.grave,
                     vb.grave == 1 ? "rilievo grave" : "rilievi gravi");
    rz_view_set_strf(m, "osservazioni_dati_in_parole", "%zu %s", vb.observations,
                     vb.observations == 1 ? "osservazione" : "osservazioni");
    rz_view_set_strf(m, "formali_in_parole", "%zu %s", vb.cosmetic,
                     vb.cosmetic == 1 ? "rilievo formale" : "rilievi formali");
}

const char *rz_oiv_document_title(const rz_oiv *o)
{
    const char *missing[8];
    return rz_oiv_missing(o, missing, 8) ? "BOZZA – Validazione della Relazione sulla performance"
                                         : "Validazione della Relazione sulla performance";
}

static rz_view *people_view(rz_view_doc *doc, const rz_oiv_person *p, size_t n)
{
    rz_view *l = rz_view_list(doc);
    for (size_t i = 0; i < n; i++) {
        rz_view *m = rz_view_map(doc);
        rz_view_set_str(m, "nome", p[i].name ? p[i].name : "");
        rz_view_set_str(m, "ruolo", p[i].role ? p[i].role : "");
        rz_view_push(l, m);
    }
    return l;
}

static rz_view *texts_view(rz_view_doc *doc, const char *const *t, size_t n)
{
    rz_view *l = rz_view_list(doc);
    for (size_t i = 0; i < n; i++)
        rz_view_push(l, rz_view_str(doc, t[i]));
    return l;
}

/* t with "{questo}" replaced by who (the body's reference). */
static void with_body(char *buf, size_t n, const char *t, const char *who)
{
    const char *at = strstr(t, "{questo}");
    if (at)
        snprintf(buf, n, "%.*s%s%s", (int)(at - t), t, who, at + strlen("{questo}"));
    else
        snprintf(buf, n, "%s", t);
}

/* The attestation of point p for judgement j: remarks and findings point
 * to the body's note on the point, printed once above. */
static void attestation(char *buf, size_t n, int p, rz_judgement j, int has_note, const char *who)
{
    const point_text *t = &points[p];
    char text[600];
    with_body(text, sizeof text, j == RZ_JUDGEMENT_KO ? t->negative : t->positive, who);
    if (j == RZ_JUDGEMENT_KO && has_note)
        snprintf(buf, n, "%s (nota al punto %c)", text, 'A' + p);
    else if (j == RZ_JUDGEMENT_REMARKS)
        snprintf(buf, n, "%s, con %s%s%c", text,
                 has_note ? "l'osservazione riportata nella nota al punto "
                          : "osservazioni sul punto ",
                 "", 'A' + p);
    else
        snprintf(buf, n, "%s", text);
}

rz_view *rz_oiv_document_view(rz_view_doc *doc, const rz_scored *s, const rz_oiv *o,
                              const rz_diags *findings, const rz_relazione_facts *r)
{
    rz_view *m = rz_view_map(doc);
    char buf[2048], a[128], b[128];

    const char *missing[8];
    size_t n_missing = rz_oiv_missing(o, missing, 8);
    rz_view_set_bool(m, "bozza", n_missing > 0);
    buf[0] = '\0';
    for (size_t i = 0; i < n_missing; i++) {
        append(buf, sizeof buf, i ? "; " : "");
        append(buf, sizeof buf, missing[i]);
    }
    rz_view_set_str(m, "mancanti", buf);
    rz_view_set_bool(m, "illustrativo", o && o->illustrative);

    const char *name = o ? o->name : "Organismo Indipendente di Valutazione";
    rz_view_set_str(m, "organismo", name);
    rz_view_set_strf(m, "l_organismo", "%s%s",
                     starts_vowel(name) ? "l'"
                     : o && o->feminine ? "la "
                                        : "il ",
                     name);
    this_body(a, sizeof a, o);
    rz_view_set_str(m, "questo", a);
    a[0] = (char)toupper((unsigned char)a[0]);
    rz_view_set_str(m, "Questo", a);
    of_body(a, sizeof a, o);
    rz_view_set_str(m, "del_organismo", a);
    rz_view_set_strf(m, "triennio", "%d-%d", s->plan->period_from, s->plan->period_to);
    if (o && o->n_members)
        rz_view_set(m, "componenti", people_view(doc, o->members, o->n_members));

    /* The act approving the Relazione and its transmission, as one clause. */
    buf[0] = '\0';
    if (o && o->has_approval) {
        of_organ(a, sizeof a, o->approval_organ ? o->approval_organ : "Giunta");
        date_text(b, sizeof b, o->approval_date);
        snprintf(buf, sizeof buf, ", approvata con %s %s n. %s del %s", o->approval_act, a,
                 o->approval_number ? o->approval_number : "", b);
    }
    if (o && o->has_transmission) {
        date_text(b, sizeof b, o->transmission_date);
        size_t k = strlen(buf);
        if (o->transmission_office)
            snprintf(buf + k, sizeof buf - k, "%s trasmessa dall'ufficio %s il %s", k ? " e" : ",",
                     o->transmission_office, b);
        else
            snprintf(buf + k, sizeof buf - k, "%s trasmessa il %s", k ? " e" : ",", b);
    }
    rz_view_set_str(m, "estremi", buf);

    if (o && o->n_guidelines)
        rz_view_set(m, "linee_guida", texts_view(doc, o->guidelines, o->n_guidelines));
    if (o && o->n_documents)
        rz_view_set(m, "documenti", texts_view(doc, o->documents, o->n_documents));
    if (o && o->n_meetings) {
        rz_view *l = rz_view_list(doc);
        for (size_t i = 0; i < o->n_meetings; i++) {
            rz_view *x = rz_view_map(doc);
            date_text(b, sizeof b, o->meetings[i].date);
            rz_view_set_str(x, "data", b);
            rz_view_set_str(x, "attivita", o->meetings[i].activity ? o->meetings[i].activity : "");
            rz_view_push(l, x);
        }
        rz_view_set(m, "riunioni", l);
    }

    /* Points A–K and the attestations they turn into. */
    facts f = gather(s);
    rz_view *pts = rz_view_list(doc);
    rz_view *notes = rz_view_list(doc);
    rz_view *att = rz_view_list(doc);
    char proposed_only[64] = "";
    rz_judgement jk[11];
    const char *notes_of[11];
    for (int p = 0; p < 11; p++) {
        char code = (char)('A' + p);
        rz_verdict_basis vb = point_findings(findings, code);
        const rz_oiv_point *op = o ? &o->points[p] : NULL;
        rz_judgement j = op ? op->judgement : RZ_JUDGEMENT_NONE;
        int proposed = j == RZ_JUDGEMENT_NONE;
        if (proposed) {
            j = judgement_of_verdict(vb.verdict);
            size_t k = strlen(proposed_only);
            snprintf(proposed_only + k, sizeof proposed_only - k, "%s%c", k ? ", " : "", code);
        }
        jk[p] = j;
        notes_of[p] = op ? op->note : NULL;
        rz_view *x = rz_view_map(doc);
        rz_view_set_strf(x, "codice", "%c", code);
        rz_view_set_str(x, "titolo", points[p].title);
        rz_view_set_strf(x, "giudizio", "%s%s", proposed ? "proposto: " : "", judgement_names[j]);
        evidence(buf, sizeof buf, p, s, o, &f, r);
        findings_text(a, sizeof a, &vb);
        if (*buf) {
            append(buf, sizeof buf, "; ");
            append(buf, sizeof buf, a);
        } else
            snprintf(buf, sizeof buf, "%s", a);
        rz_view_set_str(x, "evidenze", buf);
        rz_view_push(pts, x);
        if (op && op->note) {
            rz_view *nt = rz_view_map(doc);
            rz_view_set_strf(nt, "codice", "%c", code);
            rz_view_set_str(nt, "nota", op->note);
            rz_view_push(notes, nt);
        }
    }
    static const char letters[] = "abcdefghij";
    char who[128];
    this_body(who, sizeof who, o);
    for (int i = 0; i < 10; i++) {
        rz_view *x = rz_view_map(doc);
        rz_view_set_strf(x, "lettera", "%c", letters[i]);
        if (i < 9) {
            attestation(buf, sizeof buf, i, jk[i], notes_of[i] != NULL, who);
            rz_view_set_bool(x, "rilievo", jk[i] == RZ_JUDGEMENT_KO);
        } else {
            /* j) is J and K together: each turns its half into a finding. */
            char jt[1000], kt[1000];
            attestation(jt, sizeof jt, 9, jk[9], notes_of[9] != NULL, who);
            attestation(kt, sizeof kt, 10, jk[10], notes_of[10] != NULL, who);
            snprintf(buf, sizeof buf, "%s; %s", jt, kt);
            rz_view_set_bool(x, "rilievo", jk[9] == RZ_JUDGEMENT_KO || jk[10] == RZ_JUDGEMENT_KO);
        }
        rz_view_set_str(x, "testo", buf);
        rz_view_push(att, x);
    }
    rz_view_set(m, "punti", pts);
    rz_view_set(m, "note_punti", notes);
    rz_view_set(m, "attestazioni", att);
    rz_view_set_str(m, "punti_proposti", proposed_only);
    rz_view_set_bool(m, "ha_punti_proposti", *proposed_only != '\0');

    set_verdict(m, findings);
    if (o && o->verdict)
        rz_view_set_str(m, "esito", o->verdict);
    if (o && o->has_overall) {
        rz_fmt_percent(a, sizeof a, o->overall_score, 1);
        rz_view_set_str(m, "valutazione_complessiva", a);
        if (o->overall_text)
            rz_view_set_str(m, "valutazione_motivazione", o->overall_text);
    }
    if (o && o->n_remarks)
        rz_view_set(m, "osservazioni", texts_view(doc, o->remarks, o->n_remarks));
    if (o && o->has_signing) {
        date_text(b, sizeof b, o->sign_date);
        rz_view_set_strf(m, "luogo_data", "%s, %s", o->place, b);
    }
    if (o && o->n_signatories)
        rz_view_set(m, "firmatari", people_view(doc, o->signatories, o->n_signatories));
    return m;
}

/* ---- working papers ---- */

static rz_view *finding_view(rz_view_doc *doc, const rz_diag *g)
{
    rz_view *e = rz_view_map(doc);
    rz_view_set_str(e, "classe", rz_materiality_name(rz_finding_materiality(g)));
    rz_view_set_str(e, "messaggio", g->message ? g->message : "");
    rz_view_set_str(e, "controllo", g->check ? g->check : "");
    char where[512] = "";
    if (g->file) {
        const char *base = strrchr(g->file, '/');
        base = base ? base + 1 : g->file;
        if (g->line > 0)
            snprintf(where, sizeof where, "%s:%ld", base, g->line);
        else
            snprintf(where, sizeof where, "%s", base);
    }
    rz_view_set_str(e, "dove", where);
    return e;
}

static rz_view *explanation_view(rz_view_doc *doc, rz_explanation *e)
{
    rz_view *m = rz_view_map(doc);
    rz_view_set_str(m, "titolo", e->title ? e->title : "");
    rz_view_set(m, "passi", texts_view(doc, (const char *const *)e->steps, e->n_steps));
    rz_explanation_free(e);
    return m;
}

static void explain_tree(rz_view_doc *doc, const rz_scored *s, const rz_scored_node *n,
                         rz_view *nodes)
{
    rz_explanation e;
    memset(&e, 0, sizeof e);
    rz_explain_node(s, n, &e);
    rz_view_push(nodes, explanation_view(doc, &e));
    for (size_t i = 0; i < n->n_children; i++)
        explain_tree(doc, s, n->children[i], nodes);
}

rz_view *rz_oiv_papers_view(rz_view_doc *doc, const rz_scored *s, const rz_oiv *o,
                            const rz_diags *findings, const rz_relazione_facts *r)
{
    rz_view *m = rz_view_map(doc);
    char buf[2048], a[128];
    rz_view_set_str(m, "organismo", o ? o->name : "Organismo Indipendente di Valutazione");
    set_verdict(m, findings);
    rz_view_set_str(m, "esito", o && o->verdict ? o->verdict : "non ancora espresso");
    of_body(a, sizeof a, o);
    rz_view_set_str(m, "del_organismo", a);

    facts f = gather(s);
    rz_view *pts = rz_view_list(doc);
    for (int p = 0; p < 11; p++) {
        char code = (char)('A' + p);
        rz_verdict_basis vb = point_findings(findings, code);
        rz_view *x = rz_view_map(doc);
        rz_view_set_strf(x, "codice", "%c", code);
        rz_view_set_str(x, "titolo", points[p].title);
        rz_view_set_str(x, "proposto", judgement_names[judgement_of_verdict(vb.verdict)]);
        rz_view_set_strf(x, "gravi", "%zu", vb.grave);
        rz_view_set_strf(x, "osservazioni", "%zu", vb.observations);
        rz_view_set_strf(x, "formali", "%zu", vb.cosmetic);
        rz_judgement j = o ? o->points[p].judgement : RZ_JUDGEMENT_NONE;
        rz_view_set_str(x, "giudizio", judgement_names[j]);
        if (o && o->points[p].note)
            rz_view_set_str(x, "nota", o->points[p].note);
        evidence(buf, sizeof buf, p, s, o, &f, r);
        rz_view_set_str(x, "fatti", buf);
        rz_view *list = rz_view_list(doc);
        for (size_t i = 0; i < findings->count; i++)
            if (rz_check_point(&findings->items[i]) == code)
                rz_view_push(list, finding_view(doc, &findings->items[i]));
        rz_view_set(x, "rilievi", list);
        rz_view_push(pts, x);
    }
    rz_view_set(m, "punti", pts);
    rz_view *other = rz_view_list(doc);
    for (size_t i = 0; i < findings->count; i++)
        if (!rz_check_point(&findings->items[i]))
            rz_view_push(other, finding_view(doc, &findings->items[i]));
    rz_view_set(m, "altri_rilievi", other);

    /* The recomputation, top-down: entity, areas, objectives, then every
     * indicator and every unit. */
    rz_view *nodes = rz_view_list(doc);
    if (s->entity)
        explain_tree(doc, s, s->entity, nodes);
    rz_view_set(m, "nodi", nodes);
    rz_view *inds = rz_view_list(doc);
    for (size_t i = 0; i < s->n_indicators; i++) {
        rz_explanation e;
        memset(&e, 0, sizeof e);
        rz_explain_indicator(s, s->indicators[i], &e);
        rz_view_push(inds, explanation_view(doc, &e));
    }
    rz_view_set(m, "indicatori", inds);
    rz_view *units = rz_view_list(doc);
    for (size_t i = 0; i < s->n_units; i++) {
        rz_explanation e;
        memset(&e, 0, sizeof e);
        rz_explain_unit(s, &s->units[i], &e);
        rz_view_push(units, explanation_view(doc, &e));
    }
    rz_view_set(m, "unita", units);
    return m;
}
