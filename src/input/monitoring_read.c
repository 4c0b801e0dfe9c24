/*
 * monitoring_read.c — from a validated DOM to rz_monitoring, with the
 * checks XSD cannot express: those that need only the data (periods named,
 * values readable) when it is read, those that need its Piano (references,
 * values matching each indicator's measure) in rz_monitoring_check.
 */
#define _POSIX_C_SOURCE 200809L
#include "model_read.h"
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static rz_node_level node_level(reader *r, xmlNodePtr n)
{
    return (rz_node_level)rd_lookup(rd_attr(r, n, "livello"), rd_level_names, 7, RZ_NODE_ENTE);
}

static void read_unit_data(reader *r, xmlNodePtr n, rz_unit_data *u)
{
    u->loc = rd_loc_of(r, n);
    u->unit = rd_attr(r, n, "unita");
    size_t cap = 0;
    FOR_CHILD(pn, n, "periodo")
    {
        rz_period_value *v = PUSH(r, u->values, u->n_values, cap);
        if (!v)
            continue;
        static const field fields[] = {
            ATTR(rz_period_value, period, "periodo"),
            BOOL(rz_period_value, missing, "mancante"),
            NUMBER(rz_period_value, num, has_num, "numeratore"),
            NUMBER(rz_period_value, den, has_den, "denominatore"),
            NUMBER(rz_period_value, value, has_value, "valore"),
        };
        v->loc = rd_loc_of(r, pn);
        READ_FIELDS(r, pn, v, fields);
        const char *yn = rd_attr(r, pn, "si-no");
        if (yn) {
            v->has_yesno = 1;
            v->yesno = strcmp(yn, "si") == 0;
        }
        rd_attr_date(r, pn, "data", &v->has_date, &v->date);
        v->bad_date = !v->has_date && rd_attr(r, pn, "data") != NULL;
        v->printed = rd_text_of(r, pn);
    }
    xmlNodePtr x;
    if ((x = rz_xml_child(n, "anno-precedente"))) {
        u->has_prev = 1;
        u->prev_has_value = rd_attr_double(r, x, "valore", &u->prev_value);
        u->prev_has_ratio = rd_attr_double(r, x, "numeratore", &u->prev_num) &&
                            rd_attr_double(r, x, "denominatore", &u->prev_den);
    }
    if ((x = rz_xml_child(n, "benchmark"))) {
        u->has_benchmark = rd_attr_double(r, x, "valore", &u->benchmark);
        u->benchmark_text = rd_text_of(r, x);
    }
    if ((x = rz_xml_child(n, "esito"))) {
        u->has_outcome = 1;
        u->outcome_text = rd_text_of(r, x);
        u->has_completion = rd_attr_double(r, x, "completamento", &u->completion);
        rd_attr_date(r, x, "data", &u->has_outcome_date, &u->outcome_date);
    }
}

static void read_declared(reader *r, xmlNodePtr n, rz_declared *dc)
{
    static const field fields[] = {
        ATTR(rz_declared, where, "dove"),
        LONG(rz_declared, page, "pagina"),
        ATTR(rz_declared, unit, "unita"),
        ATTR(rz_declared, result, "risultato"),
        ATTR(rz_declared, target, "target"),
        ATTR(rz_declared, achievement, "realizzazione"),
        ATTR(rz_declared, normalised, "parametrata"),
        ATTR(rz_declared, weight, "peso"),
        ATTR(rz_declared, weight_entity, "peso-ente"),
        ATTR(rz_declared, algorithm, "algoritmo"),
    };
    dc->loc = rd_loc_of(r, n);
    READ_FIELDS(r, n, dc, fields);
    const char *est = rd_attr(r, n, "accertato");
    dc->established = est && (!strcmp(est, "true") || !strcmp(est, "1"));
}

static void read_validation(reader *r, xmlNodePtr n, rz_validation *v)
{
    static const char *const outcomes[] = {"non-valutato", "positivo", "con-osservazioni",
                                           "negativo"};
    if (!n)
        return;
    v->present = 1;
    v->loc = rd_loc_of(r, n);
    v->body = rd_child_text(r, n, "organismo");
    xmlNodePtr x;
    if ((x = rz_xml_child(n, "delibera-relazione"))) {
        v->approval_organ = rd_attr(r, x, "organo");
        if (!v->approval_organ)
            v->approval_organ = "Giunta";
        v->approval_number = rd_attr(r, x, "numero");
        rd_attr_date(r, x, "data", &v->has_approval_date, &v->approval_date);
    }
    if ((x = rz_xml_child(n, "trasmissione"))) {
        v->transmission_office = rd_attr(r, x, "ufficio");
        rd_attr_date(r, x, "data", &v->has_transmission_date, &v->transmission_date);
    }
    v->guidelines = rd_child_text(r, n, "linee-guida");
    FOR_CHILD(pn, n, "punto")
    {
        const char *c = rd_attr(r, pn, "codice");
        if (!c || c[0] < 'A' || c[0] > 'K')
            continue;
        rz_validation_point *pt = &v->points[c[0] - 'A'];
        if (pt->code)
            rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(pn), "dup-code",
                        "il punto %c della validazione è indicato due volte", c[0]);
        pt->code = c[0];
        pt->outcome =
            (rz_point_outcome)rd_lookup(rd_attr(r, pn, "esito"), outcomes, 4, RZ_POINT_UNSET);
        pt->text = rd_text_of(r, pn);
        pt->loc = rd_loc_of(r, pn);
    }
    if ((x = rz_xml_child(n, "valutazione-complessiva"))) {
        v->has_overall = rd_attr_double(r, x, "punteggio", &v->overall_score);
        v->overall_text = rd_text_of(r, x);
    }
    v->verdict = rd_child_text(r, n, "esito");
    v->remarks = rd_child_text(r, n, "osservazioni");
    if ((x = rz_xml_child(n, "luogo-data"))) {
        v->place = rd_attr(r, x, "luogo");
        rd_attr_date(r, x, "data", &v->has_sign_date, &v->sign_date);
    }
    FOR_CHILD(fn, n, "firmatario")
    {
        if (v->n_signatories == sizeof v->signatories / sizeof v->signatories[0])
            break;
        v->signatories[v->n_signatories].role = rd_attr(r, fn, "ruolo");
        v->signatories[v->n_signatories].name = rd_text_of(r, fn);
        v->n_signatories++;
    }
}

typedef struct {
    reader r;
    rz_monitoring *m;
    size_t cap_observations;
} monitoring_reader;

/* One child of <monitoraggio>, or one <rilevazione>: the monitoring data
 * are read piece by piece as they are parsed (rz_xml_load_pieces), in the
 * schema's order. */
static void read_monitoring_piece(monitoring_reader *mr, xmlNodePtr n)
{
    reader *r = &mr->r;
    rz_monitoring *m = mr->m;
    const char *name = (const char *)n->name;
    size_t cap = 0;
    if (!strcmp(name, "ente")) {
        m->body_name = rd_text_of(r, n);
    } else if (!strcmp(name, "anno")) {
        m->year = rd_text_int(r, n, 0);
        m->year_line = rz_xml_line(n);
    } else if (!strcmp(name, "piano")) {
        m->plan_file = rd_attr(r, n, "file");
    } else if (!strcmp(name, "periodi")) {
        FOR_CHILD(pn, n, "periodo")
        {
            rz_period *p = PUSH(r, m->periods, m->n_periods, cap);
            if (!p)
                continue;
            p->code = rd_attr(r, pn, "codice");
            p->name = rd_text_of(r, pn);
            int has_from, has_to;
            rd_attr_date(r, pn, "dal", &has_from, &p->from);
            rd_attr_date(r, pn, "al", &has_to, &p->to);
            if (has_from && has_to && p->from > p->to)
                rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(pn), "period",
                            "il periodo %s finisce prima di cominciare", p->code);
        }
    } else if (!strcmp(name, "rilevazioni")) { /* read whole, not in pieces */
        FOR_CHILD(rn, n, "rilevazione")
        read_monitoring_piece(mr, rn);
    } else if (!strcmp(name, "rilevazione")) {
        xmlNodePtr rn = n;
        rz_observation *o = PUSH(r, m->observations, m->n_observations, mr->cap_observations);
        if (!o)
            return;
        o->loc = rd_loc_of(r, rn);
        o->indicator = rd_attr(r, rn, "indicatore");
        size_t dcap = 0, ccap = 0;
        FOR_CHILD(dn, rn, "dati")
        {
            rz_unit_data *u = PUSH(r, o->data, o->n_data, dcap);
            if (u)
                read_unit_data(r, dn, u);
        }
        FOR_CHILD(dn, rn, "dichiarato")
        {
            rz_declared *dc = PUSH(r, o->declared, o->n_declared, ccap);
            if (dc)
                read_declared(r, dn, dc);
        }
        o->deviation_reason = rd_child_text(r, rn, "motivazione-scostamento");
        o->note = rd_child_text(r, rn, "nota");
    } else if (!strcmp(name, "punteggi-dichiarati")) {
        FOR_CHILD(sn, n, "punteggio")
        {
            rz_declared_score *s = PUSH(r, m->declared_scores, m->n_declared_scores, cap);
            if (!s)
                continue;
            static const field fields[] = {
                ATTR(rz_declared_score, code, "codice"),
                ATTR(rz_declared_score, where, "dove"),
                LONG(rz_declared_score, page, "pagina"),
                ATTR(rz_declared_score, value, "valore"),
                ATTR(rz_declared_score, weight, "peso"),
                ATTR(rz_declared_score, weight_entity, "peso-ente"),
                ATTR(rz_declared_score, contribution, "contributo"),
            };
            s->loc = rd_loc_of(r, sn);
            s->level = node_level(r, sn);
            READ_FIELDS(r, sn, s, fields);
        }
    } else if (!strcmp(name, "rettifiche")) {
        FOR_CHILD(xn, n, "rettifica")
        {
            rz_rettifica *rt = PUSH(r, m->rettifiche, m->n_rettifiche, cap);
            if (!rt)
                continue;
            rt->loc = rd_loc_of(r, xn);
            rt->id = rd_attr(r, xn, "id");
            rt->level = node_level(r, xn);
            rt->code = rd_attr(r, xn, "codice");
            rd_attr_double(r, xn, "punteggio", &rt->score);
            rd_attr_date(r, xn, "data", &rt->has_date, &rt->date);
            const char *st = rd_attr(r, xn, "stato");
            rt->approved = !st || strcmp(st, "dichiarata") != 0;
            rt->reason = rd_child_text(r, xn, "motivazione");
            rt->decided_by = rd_child_text(r, xn, "deciso-da");
        }
    } else if (!strcmp(name, "criticita-rilevate")) {
        FOR_CHILD(cn, n, "criticita")
        {
            rz_criticita *c = PUSH(r, m->criticita, m->n_criticita, cap);
            if (!c)
                continue;
            c->loc = rd_loc_of(r, cn);
            c->level = node_level(r, cn);
            c->code = rd_attr(r, cn, "codice");
            c->description = rd_child_text(r, cn, "descrizione");
            size_t acap = 0;
            FOR_CHILD(an, cn, "azione")
            {
                const char **a = PUSH(r, c->actions, c->n_actions, acap);
                if (a)
                    *a = rd_text_of(r, an);
            }
        }
    } else if (!strcmp(name, "validazione")) {
        read_validation(r, n, &m->validation);
    }
}

static int node_exists(const rz_plan *p, rz_node_level level, const char *code)
{
    switch (level) {
    case RZ_NODE_ENTE:
        return 1;
    case RZ_NODE_AREA:
        return rz_plan_objective(p, RZ_OBJ_AREA, code) != NULL;
    case RZ_NODE_STRATEGIC:
        return rz_plan_objective(p, RZ_OBJ_STRATEGIC, code) != NULL;
    case RZ_NODE_OPERATIONAL:
        return rz_plan_objective(p, RZ_OBJ_OPERATIONAL, code) != NULL;
    case RZ_NODE_INDICATOR:
        return rz_plan_indicator(p, code) != NULL;
    case RZ_NODE_UNIT:
        return rz_plan_unit(p, code) != NULL;
    case RZ_NODE_INDIVIDUAL:
        for (size_t i = 0; i < p->n_evaluated; i++)
            if (p->evaluated[i].code && code && strcmp(p->evaluated[i].code, code) == 0)
                return 1;
        return 0;
    }
    return 0;
}

/* A diagnostic when what ("la rettifica") concerns a node the plan lacks. */
static void check_in_plan(reader *r, const rz_plan *p, const rz_loc *loc, const char *what,
                          rz_node_level level, const char *code)
{
    if (level != RZ_NODE_ENTE && !node_exists(p, level, code))
        rz_diag_add(r->d, RZ_ERROR, r->file, loc->line, "ref",
                    "%s riguarda %s%s '%s', che non è nel Piano", what,
                    rd_level_words[level].article, rd_level_words[level].noun, code ? code : "");
}

static const rz_period *find_period(const rz_monitoring *m, const char *code)
{
    for (size_t i = 0; i < m->n_periods; i++)
        if (m->periods[i].code && code && strcmp(m->periods[i].code, code) == 0)
            return &m->periods[i];
    return NULL;
}

/* Checks of a period value that need no plan. */
static void check_value_basic(reader *r, const rz_monitoring *m, const char *code,
                              const rz_period_value *v)
{
    if (!find_period(m, v->period))
        rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "ref",
                    "indicatore %s: il periodo '%s' non è tra i <periodi> dichiarati", code,
                    v->period);
    if (v->missing) {
        if (v->has_num || v->has_den || v->has_value || v->has_date || v->has_yesno)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: dato segnato come mancante ma con valori; "
                        "togliere mancante=\"true\" o i valori",
                        code, v->period);
        return;
    }
    if (v->has_date) {
        int y, mo, dd;
        rz_date_to_ymd(v->date, &y, &mo, &dd);
        if (m->year && y != m->year)
            rz_diag_add(r->d, RZ_WARNING, r->file, v->loc.line, "date-range",
                        "indicatore %s: la data %02d/%02d/%04d è fuori dall'anno %d", code, dd, mo,
                        y, m->year);
    }
}

/* Does the value carry what the indicator's measure needs? */
static void check_value_measure(reader *r, const rz_indicator *ind, const rz_period_value *v)
{
    const char *code = ind->code;
    if (v->missing)
        return;
    switch (ind->measure) {
    case RZ_MEASURE_RATIO:
        if (!v->has_num || !v->has_den)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: per un rapporto servono numeratore e "
                        "denominatore (oppure mancante=\"true\")",
                        code, v->period);
        else if (v->num < 0 || v->den < 0)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: numeratore e denominatore non possono "
                        "essere negativi",
                        code, v->period);
        break;
    case RZ_MEASURE_VALUE:
    case RZ_MEASURE_SAL:
        if (!v->has_value)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: manca l'attributo valore (oppure "
                        "mancante=\"true\")",
                        code, v->period);
        break;
    case RZ_MEASURE_DATE:
        if (!v->has_date && !v->bad_date) /* a bad date is reported where it is read */
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: manca la data di realizzazione "
                        "(attributo data=\"AAAA-MM-GG\", oppure mancante=\"true\")",
                        code, v->period);
        break;
    case RZ_MEASURE_YESNO:
        if (!v->has_yesno)
            rz_diag_add(r->d, RZ_ERROR, r->file, v->loc.line, "data",
                        "indicatore %s, periodo %s: per un indicatore sì/no scrivere "
                        "si-no=\"si\" oppure si-no=\"no\" (oppure mancante=\"true\")",
                        code, v->period);
        break;
    case RZ_MEASURE_TEXT:
        break;
    }
}

static void check_monitoring(reader *r, const rz_monitoring *m)
{
    code_set periods, obs;
    rz_strmap_init(&periods);
    rz_strmap_init(&obs);
    for (size_t i = 0; i < m->n_periods; i++)
        rd_unique(r, &periods, m->periods[i].code, 0, "di periodo");
    for (size_t i = 1; i < m->n_periods; i++)
        if (m->periods[i].from <= m->periods[i - 1].to)
            rz_diag_add(r->d, RZ_WARNING, r->file, 0, "period",
                        "i periodi %s e %s si sovrappongono o non sono in ordine",
                        m->periods[i - 1].code, m->periods[i].code);
    for (size_t i = 0; i < m->n_observations; i++)
        rd_unique(r, &obs, m->observations[i].indicator, m->observations[i].loc.line,
                  "di rilevazione (un indicatore compare una sola volta)");

    rz_strmap_free(&periods);
    rz_strmap_free(&obs);
    for (size_t i = 0; i < m->n_observations; i++) {
        const rz_observation *o = &m->observations[i];
        for (size_t j = 0; j < o->n_data; j++) {
            const rz_unit_data *u = &o->data[j];
            for (size_t k = 0; k < u->n_values; k++) {
                check_value_basic(r, m, o->indicator, &u->values[k]);
                for (size_t q = 0; q < k; q++)
                    if (u->values[q].period && u->values[k].period &&
                        strcmp(u->values[q].period, u->values[k].period) == 0)
                        rz_diag_add(r->d, RZ_ERROR, r->file, u->values[k].loc.line, "dup-code",
                                    "indicatore %s: il periodo %s è ripetuto", o->indicator,
                                    u->values[k].period);
            }
            for (size_t k = 0; k < j; k++) {
                const char *a = o->data[k].unit, *b = u->unit;
                if ((!a && !b) || (a && b && strcmp(a, b) == 0))
                    rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "dup-code",
                                "indicatore %s: i dati dell'unità %s sono già alla riga %ld",
                                o->indicator, b ? b : "(ente)", o->data[k].loc.line);
            }
            if (u->has_completion && (u->completion < 0 || u->completion > 100))
                rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "data",
                            "indicatore %s: il completamento %g%% deve essere tra 0 e 100",
                            o->indicator, u->completion);
        }
    }
}

/* The checks that need the plan: references and values against measures. */
static void check_monitoring_plan(reader *r, const rz_monitoring *m, const rz_plan *p)
{
    if (m->year && p->year && m->year != p->year)
        rz_diag_add(r->d, RZ_ERROR, r->file, m->year_line, "year",
                    "i dati sono dell'anno %d ma il Piano %s è dell'anno %d", m->year, p->file,
                    p->year);

    for (size_t i = 0; i < m->n_observations; i++) {
        const rz_observation *o = &m->observations[i];
        const rz_indicator *ind = p ? rz_plan_indicator(p, o->indicator) : NULL;
        if (p && !ind)
            rz_diag_add(r->d, RZ_ERROR, r->file, o->loc.line, "ref",
                        "la rilevazione riguarda l'indicatore '%s', che non è nel Piano %s",
                        o->indicator, p->file);
        for (size_t j = 0; j < o->n_data; j++) {
            const rz_unit_data *u = &o->data[j];
            if (p && u->unit && !rz_plan_unit(p, u->unit))
                rz_diag_add(r->d, RZ_ERROR, r->file, u->loc.line, "ref",
                            "indicatore %s: l'unità '%s' non è definita nel Piano", o->indicator,
                            u->unit);
            if (ind)
                for (size_t k = 0; k < u->n_values; k++)
                    check_value_measure(r, ind, &u->values[k]);
        }
        for (size_t j = 0; j < o->n_declared; j++)
            if (p && o->declared[j].unit && !rz_plan_unit(p, o->declared[j].unit))
                rz_diag_add(r->d, RZ_ERROR, r->file, o->declared[j].loc.line, "ref",
                            "indicatore %s: l'unità '%s' non è definita nel Piano", o->indicator,
                            o->declared[j].unit);
    }
    if (p) {
        for (size_t i = 0; i < m->n_rettifiche; i++)
            check_in_plan(r, p, &m->rettifiche[i].loc, "la rettifica", m->rettifiche[i].level,
                          m->rettifiche[i].code);
        for (size_t i = 0; i < m->n_criticita; i++)
            check_in_plan(r, p, &m->criticita[i].loc, "la criticità", m->criticita[i].level,
                          m->criticita[i].code);
        for (size_t i = 0; i < m->n_declared_scores; i++)
            check_in_plan(r, p, &m->declared_scores[i].loc, "il punteggio dichiarato",
                          m->declared_scores[i].level, m->declared_scores[i].code);
    }
}

static rz_monitoring *new_monitoring(const char *path, monitoring_reader *mr, rz_diags *d)
{
    rz_monitoring *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    rz_arena_init(&m->arena);
    m->file = rz_arena_strdup(&m->arena, path);
    *mr = (monitoring_reader){{&m->arena, m->file, d}, m, 0};
    return m;
}

/* What follows the reading: the index of the observations, the checks. */
static rz_status finish_monitoring(monitoring_reader *mr, size_t errors_before, rz_monitoring **out)
{
    rz_monitoring *m = mr->m;
    rz_diags *d = mr->r.d;
    if (rd_out_of_memory(&m->arena, m->file, d)) {
        rz_monitoring_free(m);
        return RZ_IO;
    }
    for (size_t i = 0; i < m->n_observations; i++)
        if (m->observations[i].indicator)
            rz_strmap_put(&m->index_observations, m->observations[i].indicator,
                          &m->observations[i]);
    check_monitoring(&mr->r, m);
    if (rd_out_of_memory(&m->arena, m->file, d)) {
        rz_monitoring_free(m);
        return RZ_IO;
    }
    *out = m;
    return d->errors > errors_before ? RZ_INVALID : RZ_OK;
}

rz_status rz_monitoring_from_xml(const rz_xml *x, rz_monitoring **out, rz_diags *d)
{
    *out = NULL;
    if (x->kind != RZ_DOC_MONITORAGGIO) {
        rz_diag_add(d, RZ_ERROR, x->path, 0, "kind", "attesi dati di monitoraggio, trovato: %s",
                    rz_doc_name(x->kind));
        return RZ_INVALID;
    }
    monitoring_reader mr;
    rz_monitoring *m = new_monitoring(x->path, &mr, d);
    if (!m)
        return RZ_IO;
    size_t before = d->errors;
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            read_monitoring_piece(&mr, c);
    return finish_monitoring(&mr, before, out);
}

static int on_piece(void *user, xmlNodePtr n)
{
    read_monitoring_piece(user, n);
    return 0;
}

rz_status rz_monitoring_read(const char *path, rz_monitoring **out, rz_xml *x, rz_diags *d)
{
    *out = NULL;
    monitoring_reader mr;
    rz_monitoring *m = new_monitoring(path, &mr, d);
    if (!m) {
        memset(x, 0, sizeof *x);
        rz_diag_out_of_memory(d, path, "leggendo il file");
        return RZ_IO;
    }
    static const char *const containers[] = {"rilevazioni", NULL};
    const rz_xml_pieces pieces = {RZ_DOC_MONITORAGGIO, containers, on_piece, &mr};
    size_t before = d->errors;
    rz_status st = rz_xml_load_pieces(path, &pieces, x, d);
    if (st != RZ_OK || x->kind != RZ_DOC_MONITORAGGIO) {
        rz_monitoring_free(m);
        return st;
    }
    return finish_monitoring(&mr, before, out);
}

rz_status rz_monitoring_check(rz_monitoring *m, const rz_plan *plan, rz_diags *d)
{
    reader r = {&m->arena, m->file, d};
    size_t before = d->errors;
    check_monitoring_plan(&r, m, plan);
    return d->errors > before ? RZ_INVALID : RZ_OK;
}

rz_status rz_monitoring_load(const char *path, const rz_plan *plan, rz_monitoring **out,
                             rz_diags *d)
{
    *out = NULL;
    rz_xml x;
    rz_status st = rz_monitoring_read(path, out, &x, d);
    if (st == RZ_OK && x.kind != RZ_DOC_MONITORAGGIO)
        st = rz_monitoring_from_xml(&x, out, d); /* says what the file is instead */
    rz_xml_free(&x);
    if (*out && plan && rz_monitoring_check(*out, plan, d) != RZ_OK)
        st = RZ_INVALID;
    return st;
}
