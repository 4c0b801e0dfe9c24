/*
 * open_data.c — see open_data.h.
 *
 * Each table is described once, column by column (name, type, meaning):
 * the rows are built as view maps with typed values (numbers, strings,
 * booleans, null), and the same rows are written as CSV, following the
 * columns, and as JSON, by the view's JSON writer. The data dictionary is
 * written from the same descriptions, so no column can go unexplained,
 * and the JSON Schema in schemas/ names the same columns (a test compares
 * them).
 */
#define _POSIX_C_SOURCE 200809L
#include "open_data.h"
#include "format.h"
#include "json.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *key, *type, *meaning;
} column;

typedef struct {
    const char *name; /* the CSV file; its JSON key is the name without .csv */
    const char *rows; /* what one row is */
    const column *cols;
    size_t n_cols;
} table;

static const column objective_cols[] = {
    {"livello", "testo", "ente, area, strategico oppure operativo"},
    {"codice", "testo",
     "codice dell'obiettivo nel Piano («ente» per l'ente); con il livello identifica la riga"},
    {"livello_padre", "testo",
     "livello dell'obiettivo a cui questo contribuisce (vuoto per l'ente)"},
    {"codice_padre", "testo", "codice dell'obiettivo a cui questo contribuisce (vuoto per l'ente)"},
    {"titolo", "testo", "titolo dell'obiettivo"},
    {"peso", "numero", "peso sull'obiettivo padre, in percentuale (una cifra decimale)"},
    {"peso_ente", "numero", "quota dell'ente, in percentuale (una cifra decimale)"},
    {"punteggio", "numero",
     "grado di realizzazione in percentuale, come stampato nella Relazione (rettificato, se "
     "c'è una rettifica approvata)"},
    {"punteggio_calcolato", "numero",
     "grado di realizzazione calcolato dai dati, senza rettifiche"},
    {"rettificato", "booleano", "true se il punteggio viene da una rettifica approvata"},
    {"esito", "testo", "raggiunto, parzialmente raggiunto, non raggiunto oppure non misurato"},
    {"senza_punteggio", "intero",
     "obiettivi o indicatori sottostanti che non hanno un punteggio (dati mancanti)"},
};

static const column indicator_cols[] = {
    {"codice", "testo", "codice dell'indicatore nel Piano"},
    {"tipo", "testo", "IS indicatore strategico, IO indicatore operativo"},
    {"livello_obiettivo", "testo",
     "livello dell'obiettivo che l'indicatore misura (obiettivi.csv)"},
    {"codice_obiettivo", "testo", "codice dell'obiettivo che l'indicatore misura (obiettivi.csv)"},
    {"unita", "testo",
     "codice dell'unità organizzativa (unita.csv) per le misure di una singola unità; vuoto "
     "per il dato dell'intero ente"},
    {"titolo", "testo", "descrizione dell'indicatore"},
    {"fonte", "testo", "fonte dei dati dichiarata nel Piano"},
    {"peso", "numero", "peso nell'obiettivo, in percentuale"},
    {"risultato", "numero",
     "risultato dell'anno (per i target in percentuale, in punti percentuali); vuoto se il "
     "risultato è una data o un testo"},
    {"risultato_data", "data", "risultato dell'anno quando è una data (AAAA-MM-GG)"},
    {"risultato_testo", "testo", "risultato espresso a parole, quando c'è"},
    {"target_confronto", "testo",
     "come si confronta il risultato con il target (>=, <=, entro, …)"},
    {"target_valore", "numero", "valore del target dell'anno"},
    {"target_data", "data", "target dell'anno quando è una data (AAAA-MM-GG)"},
    {"target_testo", "testo", "target come scritto nel Piano"},
    {"realizzazione", "numero", "percentuale di realizzazione del target"},
    {"parametrata", "numero",
     "realizzazione parametrata secondo il sistema di misurazione, come stampata nei documenti "
     "(rettificata, se c'è una rettifica approvata)"},
    {"parametrata_calcolata", "numero", "realizzazione parametrata calcolata dai dati"},
    {"rettificato", "booleano", "true se la realizzazione parametrata viene da una rettifica"},
    {"esito", "testo", "raggiunto, parzialmente raggiunto, non raggiunto oppure non misurato"},
    {"motivo_mancanza", "testo", "perché il risultato non si può calcolare, quando manca"},
};

static const column unit_cols[] = {
    {"codice", "testo", "codice dell'unità organizzativa"},
    {"nome", "testo", "nome dell'unità"},
    {"responsabile", "testo", "responsabile dell'unità"},
    {"punteggio", "numero", "risultato dell'unità in percentuale, come stampato nella Relazione"},
    {"punteggio_calcolato", "numero", "risultato calcolato dai dati, senza rettifiche"},
    {"n_indicatori", "intero", "indicatori nella scheda dell'unità"},
    {"media_unita_figlie", "booleano",
     "true se l'unità non ha indicatori propri e il risultato è la media delle unità che ne "
     "dipendono"},
    {"rettificato", "booleano", "true se il risultato viene da una rettifica approvata"},
    {"esito", "testo", "raggiunto, parzialmente raggiunto, non raggiunto oppure non misurato"},
};

static const column rettifica_cols[] = {
    {"livello", "testo",
     "livello dell'oggetto rettificato: ente, area, strategico, operativo, "
     "indicatore oppure unita"},
    {"codice", "testo", "codice dell'oggetto rettificato (nel file del suo livello)"},
    {"punteggio", "numero", "punteggio stabilito dalla rettifica, in percentuale"},
    {"punteggio_calcolato", "numero", "punteggio calcolato dai dati, in percentuale"},
    {"approvata", "booleano",
     "true se approvata; false se solo sostenuta nel documento (non entra nel calcolo)"},
    {"deciso_da", "testo", "chi l'ha decisa o sostenuta"},
    {"data", "data", "data della decisione (AAAA-MM-GG)"},
    {"motivazione", "testo", "motivazione"},
};

#define N(a) (sizeof a / sizeof a[0])
static const table tables[] = {
    {"obiettivi.csv", "l'ente, ogni area strategica, ogni obiettivo strategico e operativo",
     objective_cols, N(objective_cols)},
    {"indicatori.csv",
     "un indicatore per l'intero ente, e una per ogni unità organizzativa che lo misura con dati "
     "propri",
     indicator_cols, N(indicator_cols)},
    {"unita.csv", "un'unità organizzativa con una scheda di risultati", unit_cols, N(unit_cols)},
    {"rettifiche.csv", "una rettifica di un punteggio, approvata o soltanto sostenuta",
     rettifica_cols, N(rettifica_cols)},
};

typedef struct {
    rz_view_doc *doc;
    const rz_scored *s;
    int ind_dec, obj_dec;
    rz_view *lists[N(tables)];
} builder;

static const char *const level_names[] = {"ente", "area", "strategico", "operativo"};

static const char *level_name(rz_node_level l)
{
    return (size_t)l < N(level_names) ? level_names[l] : "";
}

/* ---- typed values ---- */

static void set_null(builder *b, rz_view *m, const char *key)
{
    rz_view_set(m, key, rz_view_null(b->doc));
}

static void set_num(builder *b, rz_view *m, const char *key, int has, double v, int decimals)
{
    if (has)
        rz_view_set_num(m, key, decimals >= 0 ? rz_round_dec(v, decimals) : v);
    else
        set_null(b, m, key);
}

static void set_text(builder *b, rz_view *m, const char *key, const char *s)
{
    if (s && *s)
        rz_view_set_str(m, key, s);
    else
        set_null(b, m, key);
}

static void set_date(builder *b, rz_view *m, const char *key, int has, rz_date d)
{
    if (!has) {
        set_null(b, m, key);
        return;
    }
    int y, mo, dd;
    rz_date_to_ymd(d, &y, &mo, &dd);
    rz_view_set_strf(m, key, "%04d-%02d-%02d", y, mo, dd);
}

/* ---- rows ---- */

static void rettifica_row(builder *b, const char *level, const char *code, const rz_rettifica *r,
                          int has_computed, double computed)
{
    rz_view *m = rz_view_map(b->doc);
    rz_view_set_str(m, "livello", level);
    rz_view_set_str(m, "codice", code);
    set_num(b, m, "punteggio", 1, r->score, b->obj_dec);
    set_num(b, m, "punteggio_calcolato", has_computed, computed, b->obj_dec);
    rz_view_set_bool(m, "approvata", r->approved);
    set_text(b, m, "deciso_da", r->decided_by);
    set_date(b, m, "data", r->has_date, r->date);
    set_text(b, m, "motivazione", r->reason);
    rz_view_push(b->lists[3], m);
}

static void measurement_row(builder *b, const rz_scored_indicator *si, const rz_scored_node *n,
                            const char *unit, const rz_measurement *ms)
{
    const rz_indicator *ind = si->indicator;
    const rz_target *t = si->target;
    rz_view *m = rz_view_map(b->doc);
    rz_view_set_str(m, "codice", ind->code);
    rz_view_set_str(m, "tipo", ind->level == RZ_LEVEL_STRATEGIC ? "IS" : "IO");
    rz_view_set_str(m, "livello_obiettivo", level_name(n->level));
    rz_view_set_str(m, "codice_obiettivo", n->objective ? n->objective->code : "ente");
    set_text(b, m, "unita", unit);
    set_text(b, m, "titolo", ind->title);
    set_text(b, m, "fonte", ind->source);
    set_num(b, m, "peso", 1, si->weight, 1);
    set_num(b, m, "risultato", ms->has_result && !ms->result_is_date, ms->result, b->ind_dec);
    set_date(b, m, "risultato_data", ms->has_result && ms->result_is_date, ms->result_date);
    set_text(b, m, "risultato_testo", ms->result_text);
    set_text(b, m, "target_confronto", t ? rz_comparator_symbol(t->cmp) : NULL);
    /* Targets print with two decimals at most. */
    set_num(b, m, "target_valore", t && t->has_value && t->kind != RZ_TGT_DATE, t ? t->value : 0,
            2);
    set_date(b, m, "target_data", t && t->has_value && t->kind == RZ_TGT_DATE, t ? t->date : 0);
    set_text(b, m, "target_testo", t ? t->text : NULL);
    set_num(b, m, "realizzazione", ms->has_achievement, ms->achievement, b->ind_dec);
    /* The figure the documents print: the rettifica's, for the body's total. */
    int adjusted = !unit && si->has_adjusted;
    set_num(b, m, "parametrata", adjusted || ms->has_score, adjusted ? si->adjusted : ms->score,
            b->ind_dec);
    set_num(b, m, "parametrata_calcolata", ms->has_score, ms->score, b->ind_dec);
    rz_view_set_bool(m, "rettificato", adjusted);
    const rz_rules *rules = &b->s->plan->rules;
    rz_view_set_str(
        m, "esito",
        rz_outcome_name(unit ? rz_score_outcome(rules, ms->has_score, ms->score) : si->outcome));
    set_text(b, m, "motivo_mancanza", ms->has_score ? NULL : ms->missing);
    rz_view_push(b->lists[1], m);
}

static void node_rows(builder *b, const rz_scored_node *n, const rz_scored_node *parent)
{
    rz_view *m = rz_view_map(b->doc);
    const char *code = n->objective ? n->objective->code : "ente";
    rz_view_set_str(m, "livello", level_name(n->level));
    rz_view_set_str(m, "codice", code);
    if (parent) {
        rz_view_set_str(m, "livello_padre", level_name(parent->level));
        rz_view_set_str(m, "codice_padre", parent->objective ? parent->objective->code : "ente");
    } else {
        set_null(b, m, "livello_padre");
        set_null(b, m, "codice_padre");
    }
    set_text(b, m, "titolo", n->objective ? n->objective->title : b->s->plan->body_name);
    set_num(b, m, "peso", 1, n->weight, 1);
    set_num(b, m, "peso_ente", 1, n->weight_entity, 1);
    set_num(b, m, "punteggio", n->has_score, n->score, b->obj_dec);
    set_num(b, m, "punteggio_calcolato", n->has_computed, n->computed, b->obj_dec);
    rz_view_set_bool(m, "rettificato", n->has_adjusted);
    rz_view_set_str(m, "esito", rz_outcome_name(n->outcome));
    rz_view_set_num(m, "senza_punteggio", (double)n->n_missing);
    rz_view_push(b->lists[0], m);
    if (n->rettifica)
        rettifica_row(b, level_name(n->level), code, n->rettifica, n->has_computed, n->computed);
    for (size_t i = 0; i < n->n_declared; i++)
        rettifica_row(b, level_name(n->level), code, n->declared[i], n->has_computed, n->computed);
    for (size_t i = 0; i < n->n_indicators; i++) {
        const rz_scored_indicator *si = n->indicators[i];
        measurement_row(b, si, n, NULL, &si->total);
        for (size_t k = 0; k < si->n_units; k++)
            measurement_row(b, si, n, si->units[k].unit, &si->units[k].m);
        if (si->rettifica)
            rettifica_row(b, "indicatore", si->indicator->code, si->rettifica, si->total.has_score,
                          si->total.score);
    }
    for (size_t i = 0; i < n->n_children; i++)
        node_rows(b, n->children[i], n);
}

static void unit_rows(builder *b)
{
    const rz_scored *s = b->s;
    for (size_t u = 0; u < s->n_units; u++) {
        const rz_scored_unit *su = &s->units[u];
        if (!su->n_indicators && !su->from_children)
            continue;
        rz_view *m = rz_view_map(b->doc);
        rz_view_set_str(m, "codice", su->unit->code);
        set_text(b, m, "nome", su->unit->name);
        set_text(b, m, "responsabile", su->unit->head);
        set_num(b, m, "punteggio", su->has_score, su->score, b->ind_dec);
        set_num(b, m, "punteggio_calcolato", su->has_score, su->computed, b->ind_dec);
        rz_view_set_num(m, "n_indicatori", (double)su->n_indicators);
        rz_view_set_bool(m, "media_unita_figlie", su->from_children);
        rz_view_set_bool(m, "rettificato", su->has_adjusted);
        rz_view_set_str(m, "esito", rz_outcome_name(su->outcome));
        rz_view_push(b->lists[2], m);
        if (su->rettifica)
            rettifica_row(b, "unita", su->unit->code, su->rettifica, su->has_score, su->computed);
    }
}

/* ---- writers ---- */

static void csv_field(rz_buf *o, const rz_view *v)
{
    char num[RZ_VIEW_NUM_MAX];
    switch (rz_view_kind_of(v)) {
    case RZ_VIEW_NUMBER:
        rz_buf_puts(o, rz_view_num_text(rz_view_as_num(v), num));
        break;
    case RZ_VIEW_BOOL:
        rz_buf_puts(o, rz_view_as_bool(v) ? "true" : "false");
        break;
    case RZ_VIEW_STRING: {
        const char *s = rz_view_as_str(v);
        if (!strpbrk(s, ",\"\r\n")) {
            rz_buf_puts(o, s);
            break;
        }
        rz_buf_putc(o, '"');
        for (; *s; s++) {
            if (*s == '"')
                rz_buf_putc(o, '"');
            rz_buf_putc(o, *s);
        }
        rz_buf_putc(o, '"');
        break;
    }
    default:
        break;
    }
}

static void write_csv(rz_buf *o, const table *t, const rz_view *rows)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        rz_buf_puts(o, t->cols[c].key);
        rz_buf_puts(o, c + 1 < t->n_cols ? "," : "\r\n");
    }
    for (size_t r = 0; r < rz_view_len(rows); r++) {
        const rz_view *row = rz_view_at(rows, r);
        for (size_t c = 0; c < t->n_cols; c++) {
            csv_field(o, rz_view_get(row, t->cols[c].key));
            rz_buf_puts(o, c + 1 < t->n_cols ? "," : "\r\n");
        }
    }
}

static void write_readme(rz_buf *o, const rz_scored *s, const char *licence, const rz_view *root)
{
    const char *body = s->plan->body_name ? s->plan->body_name : "";
    rz_buf_printf(o,
                  "# Dati aperti della Relazione sulla performance %d\n\n"
                  "**%s**\n\n"
                  "I file di questa cartella contengono, in formato aperto, i dati della "
                  "Relazione sulla performance %d: gli stessi numeri che la Relazione stampa, "
                  "calcolati dal Piano della performance e dai dati di monitoraggio.\n\n"
                  "## Licenza\n\n"
                  "I dati sono pubblicati con licenza **%s**. Chi li riutilizza cita la fonte: "
                  "«%s, Relazione sulla performance %d».\n\n"
                  "## Formato\n\n"
                  "- File CSV in UTF-8, separati da virgola, con i nomi delle colonne nella prima "
                  "riga; un campo che contiene virgole, virgolette o a capo è tra virgolette "
                  "doppie.\n"
                  "- Numeri con il punto decimale, senza separatore delle migliaia e senza il "
                  "simbolo %%: le percentuali sono in punti (97.8 vale 97,8%%). Sono arrotondati "
                  "come nei documenti.\n"
                  "- Date nel formato AAAA-MM-GG.\n"
                  "- Valori logici: `true` o `false`.\n"
                  "- Una cella vuota indica un dato che non si può calcolare (in JSON: `null`).\n"
                  "- `relazione.json` contiene gli stessi dati, con i tipi, secondo lo schema "
                  "JSON `relazione-dati.schema.json` pubblicato con il programma.\n"
                  "- I codici collegano i file: `indicatori.csv` indica l'obiettivo con "
                  "`livello_obiettivo` e `codice_obiettivo` (colonne `livello` e `codice` di "
                  "`obiettivi.csv`) e l'unità con `unita` (colonna `codice` di `unita.csv`).\n",
                  s->year, body, s->year, licence, body, s->year);
    for (size_t i = 0; i < N(tables); i++) {
        const table *t = &tables[i];
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)(strlen(t->name) - 4), t->name);
        rz_buf_printf(o, "\n## %s\n\nUna riga per %s (%zu righe).\n\n", t->name, t->rows,
                      rz_view_len(rz_view_get(root, key)));
        rz_buf_puts(o, "| Colonna | Tipo | Significato |\n|:---|:---|:---|\n");
        for (size_t c = 0; c < t->n_cols; c++)
            rz_buf_printf(o, "| `%s` | %s | %s |\n", t->cols[c].key, t->cols[c].type,
                          t->cols[c].meaning);
    }
}

void rz_open_data_free(rz_open_data *o)
{
    for (size_t i = 0; i < o->n; i++)
        rz_buf_free(&o->files[i].data);
    o->n = 0;
}

static rz_buf *add_file(rz_open_data *o, const char *name)
{
    rz_open_data_file *f = &o->files[o->n++];
    f->name = name;
    rz_buf_init(&f->data);
    return &f->data;
}

rz_status rz_open_data_make(const rz_scored *s, const char *licence, rz_open_data *out)
{
    memset(out, 0, sizeof *out);
    if (!licence || !*licence)
        licence = RZ_OPEN_DATA_LICENCE;
    builder b = {rz_view_doc_new(),
                 s,
                 s->plan->rules.indicator_decimals,
                 s->plan->rules.objective_decimals,
                 {NULL}};
    if (!b.doc)
        return RZ_IO;
    rz_view *root = rz_view_map(b.doc);
    rz_view *ente = rz_view_map(b.doc);
    set_text(&b, ente, "nome", s->plan->body_name);
    set_text(&b, ente, "nome_breve", s->plan->body_short);
    rz_view_set(root, "ente", ente);
    rz_view_set_num(root, "anno", s->year);
    rz_view_set_str(root, "licenza", licence);
    set_num(&b, root, "punteggio_ente", s->entity->has_score, s->entity->score, b.obj_dec);
    for (size_t i = 0; i < N(tables); i++)
        b.lists[i] = rz_view_list(b.doc);
    node_rows(&b, s->entity, NULL);
    unit_rows(&b);
    for (size_t i = 0; i < N(tables); i++) {
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)(strlen(tables[i].name) - 4), tables[i].name);
        rz_view_set(root, key, b.lists[i]);
        write_csv(add_file(out, tables[i].name), &tables[i], b.lists[i]);
    }
    rz_json_write(root, add_file(out, "relazione.json"));
    write_readme(add_file(out, "LEGGIMI.md"), s, licence, root);
    int failed = rz_view_doc_failed(b.doc);
    for (size_t i = 0; i < out->n; i++)
        failed |= rz_buf_failed(&out->files[i].data);
    rz_view_doc_free(b.doc);
    if (failed) {
        rz_open_data_free(out);
        return RZ_IO;
    }
    return RZ_OK;
}
