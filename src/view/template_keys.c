/* template_keys.c — see template_keys.h. */
#define _POSIX_C_SOURCE 200809L
#include "template_keys.h"
#include "format.h"
#include "strmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *path;
    char *example; /* "" until a value with text is met */
    rz_view_kind kind;
} key_entry;

struct rz_key_list {
    key_entry *keys;
    size_t n, cap;
    rz_strmap index; /* path → entry number + 1 */
    int failed;
};

rz_key_list *rz_key_list_new(void)
{
    rz_key_list *l = calloc(1, sizeof *l);
    if (l)
        rz_strmap_init(&l->index);
    return l;
}

void rz_key_list_free(rz_key_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->keys[i].path);
        free(l->keys[i].example);
    }
    free(l->keys);
    rz_strmap_free(&l->index);
    free(l);
}

/* The example of a value: its text, cut at 60 bytes on a character
 * boundary; "" for containers and null. */
static char *example_of(const rz_view *v)
{
    char buf[64] = "";
    rz_view_kind k = rz_view_kind_of(v);
    if (k == RZ_VIEW_BOOL)
        snprintf(buf, sizeof buf, "%s", rz_view_as_bool(v) ? "vero" : "falso");
    else if (k == RZ_VIEW_NUMBER || k == RZ_VIEW_STRING) {
        char num[RZ_VIEW_NUM_MAX];
        const char *t = rz_view_scalar_text(v, num);
        size_t len = strlen(t), n = len;
        if (n > 60) {
            n = 57;
            while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
                n--;
        }
        snprintf(buf, sizeof buf, "%.*s%s", (int)n, t, n < len ? "…" : "");
    }
    return strdup(buf);
}

static void note(rz_key_list *l, const char *path, const rz_view *v)
{
    rz_view_kind kind = rz_view_kind_of(v);
    size_t at = (size_t)(uintptr_t)rz_strmap_get(&l->index, path);
    if (at) {
        key_entry *e = &l->keys[at - 1];
        if (e->kind == RZ_VIEW_NULL)
            e->kind = kind;
        if (!*e->example) {
            char *x = example_of(v);
            if (x) {
                free(e->example);
                e->example = x;
            }
        }
        return;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        key_entry *k = realloc(l->keys, cap * sizeof *k);
        if (!k) {
            l->failed = 1;
            return;
        }
        l->keys = k;
        l->cap = cap;
    }
    key_entry *e = &l->keys[l->n];
    e->path = strdup(path);
    e->example = example_of(v);
    e->kind = kind;
    if (e->path && e->example)
        rz_strmap_put(&l->index, e->path, (void *)(uintptr_t)(l->n + 1));
    if (!e->path || !e->example || !rz_strmap_get(&l->index, e->path)) {
        free(e->path);
        free(e->example);
        l->failed = 1;
        return;
    }
    l->n++;
}

/* Whether key names a container already open on path: a tree of the same
 * shape nested in itself (the organigramma's nodi, a sottosezione's
 * blocchi), listed once. */
static int repeats(const char *path, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = path; (p = strstr(p, key)) != NULL; p += n)
        if ((p == path || p[-1] == '.') && (p[n] == '.' || p[n] == '['))
            return 1;
    return 0;
}

static int from_xml(const char *key);

/* path back to its first len bytes. */
static void cut(rz_buf *path, size_t len)
{
    if (path->data && len <= path->len) {
        path->len = len;
        path->data[len] = '\0';
    }
}

/* flat: a subtree copied from XML, where an element met once is a map and
 * met twice a list, which Mustache reads alike: one path for both. */
static void walk(rz_key_list *l, rz_buf *path, const rz_view *v, int flat)
{
    size_t mark = path->len;
    if (rz_view_kind_of(v) == RZ_VIEW_MAP) {
        for (size_t i = 0; i < rz_view_len(v); i++) {
            const char *key = rz_view_key_at(v, i);
            int nested = repeats(rz_buf_str(path), key);
            rz_buf_printf(path, "%s%s", mark ? "." : "", key);
            note(l, rz_buf_str(path), rz_view_value_at(v, i));
            if (!nested)
                walk(l, path, rz_view_value_at(v, i), flat || (!mark && from_xml(key)));
            cut(path, mark);
        }
    } else if (rz_view_kind_of(v) == RZ_VIEW_LIST) {
        if (!flat)
            rz_buf_puts(path, "[]");
        for (size_t i = 0; i < rz_view_len(v); i++) {
            if (rz_view_kind_of(rz_view_at(v, i)) != RZ_VIEW_MAP &&
                rz_view_kind_of(rz_view_at(v, i)) != RZ_VIEW_LIST)
                note(l, rz_buf_str(path), rz_view_at(v, i));
            walk(l, path, rz_view_at(v, i), flat);
        }
        cut(path, mark);
    }
}

rz_status rz_key_list_add(rz_key_list *l, const rz_view *root)
{
    rz_buf path;
    rz_buf_init(&path);
    walk(l, &path, root, 0);
    if (rz_buf_failed(&path))
        l->failed = 1;
    rz_buf_free(&path);
    return l->failed ? RZ_IO : RZ_OK;
}

/* What each key means: by whole path (with "[]" after a list), otherwise
 * by name (the last part of the path). "X_valore" and "X_numero" are X as
 * a number (for comparisons) and as Italian digits without "%" (for the
 * charts). The subtrees copied from an XML file (allegato1, allegato2,
 * profilo) take their meaning from it. */
typedef struct {
    const char *key, *meaning;
} key_meaning;

static const key_meaning by_path_table[] = {
    {"anno", "l'anno della Relazione"},
    {"triennio", "il triennio del Piano"},
    {"peso_aree", "la somma dei pesi delle aree strategiche"},
    {"documento", "dati sul documento generato"},
    {"documento.generatore", "il programma e la versione che hanno generato il documento"},
    {"ente", "l'ente"},
    {"ente.nome", "il nome dell'ente"},
    {"ente.nome_breve", "il nome breve dell'ente"},
    {"ente_risultato", "la performance organizzativa complessiva dell'ente"},
    {"regole", "le regole di calcolo del Piano, come testo da stampare"},
    {"regole.ha_soglia",
     "vero se il Piano fissa una soglia minima per considerare raggiunto un obiettivo"},
    {"regole.soglia", "la soglia minima fissata dal Piano"},
    {"regole.tetto", "il massimo che un indicatore può valere"},
    {"regole.scala_grafici", "la fine della scala dei grafici"},
    {"regole.raggiunto", "la realizzazione da cui un obiettivo è raggiunto"},
    {"regole.parziale", "la realizzazione da cui un obiettivo è parzialmente raggiunto"},
    {"regole.arrotonda_risultato",
     "vero se il Piano arrotonda i risultati prima di confrontarli con il target"},
    {"regole.decimali_risultato",
     "i decimali a cui il Piano arrotonda i risultati (-1: nessun arrotondamento)"},
    {"regole.metodo", "il metodo di calcolo spiegato in frasi (elenco)"},
    {"regole.formula_minore_migliore",
     "la formula usata quando un valore minore del target è migliore"},
    {"periodi", "i periodi di monitoraggio dell'anno (elenco)"},
    {"aree", "le aree strategiche (elenco)"},
    {"unita", "le unità organizzative (elenco)"},
    {"prospettive", "le prospettive della Balanced Scorecard (elenco)"},
    {"conteggi", "quanti obiettivi e indicatori, per esito"},
    {"conteggi.strategici", "i conteggi degli obiettivi strategici"},
    {"conteggi.operativi", "i conteggi degli obiettivi operativi"},
    {"conteggi.indicatori", "i conteggi degli indicatori"},
    {"conteggi.frd", "i conteggi degli obiettivi legati al fondo risorse decentrate"},
    {"criticita", "le criticità e gli scostamenti (elenco)"},
    {"rettifiche", "le rettifiche approvate (elenco)"},
    {"rettifiche_dichiarate", "le rettifiche dichiarate dall'ente ma non approvate (elenco)"},
    {"indicatori_significativi", "gli indicatori segnati come significativi nel Piano (elenco)"},
    {"gruppi_individuali", "gli obiettivi individuali, per gruppo di valutati (elenco)"},
    {"delibere", "le delibere di approvazione e aggiornamento del Piano (elenco)"},
    {"revisioni", "le revisioni del Piano durante l'anno (elenco)"},
    {"prevenzione_corruzione",
     "gli obiettivi di prevenzione della corruzione e trasparenza (elenco)"},
    {"cittadini", "i dati della sintesi per i cittadini"},
    {"validazione", "i dati del documento di validazione dell'OIV"},
    {"carte", "i dati delle carte di lavoro dell'OIV"},
    {"contesto", "i dati di contesto (contesto.xml)"},
    {"contesto.approvazione", "l'atto che approva la Relazione, come lo riporta contesto.xml"},
    {"validazione.Questo", "«Questo Organismo» (o «Questa …»), a inizio frase"},
    {"validazione.questo", "«questo Organismo» (o «questa …»), nel corso della frase"},
    {"carte.nodi", "il ricalcolo dall'alto: ente, aree, obiettivi e indicatori (elenco)"},
    {"cittadini.migliori", "gli indicatori con i risultati migliori (elenco)"},
    {"cittadini.peggiori", "gli indicatori con i risultati peggiori (elenco)"},
};

static const key_meaning by_name_table[] = {
    {"codice", "il codice (dell'area, dell'obiettivo, dell'indicatore, dell'unità…)"},
    {"titolo", "il titolo"},
    {"nome", "il nome"},
    {"descrizione", "la descrizione"},
    {"testo", "il testo"},
    {"punteggio",
     "il punteggio (grado di realizzazione) come stampato, con le rettifiche approvate"},
    {"punteggio_calcolato", "il punteggio calcolato dai dati, senza rettifiche"},
    {"punteggio_in_vigore", "il punteggio in vigore prima della rettifica"},
    {"punteggio_indicatori", "il punteggio dato dai soli indicatori, senza gli obiettivi figli"},
    {"contributo", "il contributo al punteggio del livello superiore"},
    {"peso", "il peso nel livello superiore"},
    {"peso_ente", "il peso sul punteggio dell'ente"},
    {"ponderato", "il punteggio moltiplicato per il peso"},
    {"esito", "l'esito in parole (raggiunto, parzialmente raggiunto, non raggiunto…)"},
    {"livello", "il livello (ente, area, obiettivo…), come sigla o parola"},
    {"frd", "vero se l'obiettivo è legato al fondo risorse decentrate"},
    {"dichiarate", "le rettifiche dichiarate per questo nodo (elenco)"},
    {"esclusioni", "la frase che dice che cosa è escluso dal calcolo"},
    {"ha_esclusioni", "vero se qualcosa è escluso dal calcolo"},
    {"n_esclusi", "quanti elementi sono esclusi dal calcolo"},
    {"indicatori", "gli indicatori (elenco)"},
    {"missioni", "le missioni e i programmi di bilancio collegati"},
    {"obiettivi_strategici", "gli obiettivi strategici (elenco)"},
    {"obiettivi_operativi", "gli obiettivi operativi (elenco)"},
    {"obiettivi", "gli obiettivi (elenco)"},
    {"data", "la data"},
    {"deciso_da", "chi ha deciso, e dove è scritto"},
    {"motivazione", "la motivazione"},
    {"stato", "lo stato (approvata, dichiarata, non approvata…)"},
    {"algoritmo", "l'algoritmo di calcolo dell'indicatore, come scritto nel Piano"},
    {"eliminato", "vero se l'indicatore è stato eliminato con una revisione del Piano"},
    {"fonte", "la fonte del dato"},
    {"nota", "la nota"},
    {"parametrata", "la realizzazione riportata alla scala del Piano (con soglia e tetto)"},
    {"realizzazione", "la realizzazione: il risultato rispetto al target"},
    {"rettificato", "vero se il punteggio viene da una rettifica approvata"},
    {"rettifica", "la rettifica approvata, se c'è"},
    {"risultato", "il risultato misurato, come stampato"},
    {"significativo", "vero se l'indicatore è segnato come significativo"},
    {"target", "il target (valore atteso), come stampato"},
    {"target_per_anno", "i target del triennio, anno per anno (elenco)"},
    {"tipo", "il tipo"},
    {"valore_storico", "il valore storico di riferimento"},
    {"valore_storico_anno", "l'anno del valore storico"},
    {"prospettive_bsc", "le prospettive della Balanced Scorecard dell'obiettivo"},
    {"risorse", "le risorse economiche dell'obiettivo (elenco)"},
    {"sotto_soglia_minima", "vero se il punteggio è sotto la soglia minima del Piano"},
    {"unita", "le unità organizzative (responsabili, o le loro schede)"},
    {"consuntivo", "l'importo a consuntivo"},
    {"previsione", "l'importo previsto"},
    {"utilizzo", "la quota della previsione utilizzata"},
    {"voce", "la voce"},
    {"voci", "le voci (elenco)"},
    {"altri_rilievi", "i rilievi che non riguardano un punto della validazione (elenco)"},
    {"classe", "la gravità del rilievo (grave, osservazione, formale)"},
    {"controllo", "il nome della verifica che ha trovato il rilievo"},
    {"dove", "dove si trova il dato (file e riga)"},
    {"messaggio", "il testo del rilievo"},
    {"del_organismo", "«dell'OIV» o il nome dell'organismo con la preposizione"},
    {"l_organismo", "il nome dell'organismo con l'articolo"},
    {"organismo", "il nome dell'organismo di valutazione"},
    {"esito_proposto", "l'esito della validazione proposto dalle verifiche"},
    {"esito_proposto_base", "su che cosa si fonda l'esito proposto"},
    {"formali", "quanti rilievi formali"},
    {"formali_in_parole", "quanti rilievi formali, con il nome al singolare o al plurale"},
    {"gravi_in_parole", "quanti rilievi gravi, con il nome al singolare o al plurale"},
    {"gravi", "quanti rilievi gravi"},
    {"osservazioni", "quante osservazioni"},
    {"osservazioni_dati", "quante osservazioni sui dati"},
    {"osservazioni_dati_in_parole",
     "quante osservazioni sui dati, con il nome al singolare o al plurale"},
    {"passi", "i passi del calcolo, in frasi (elenco)"},
    {"punti", "i punti della validazione, dalla A alla K (elenco)"},
    {"fatti", "i fatti accertati dai dati per il punto"},
    {"giudizio", "il giudizio dell'OIV sul punto"},
    {"proposto", "il giudizio proposto dalle verifiche"},
    {"rilievi", "i rilievi (elenco)"},
    {"rilievo", "vero se sul punto c'è un rilievo"},
    {"ha_risultati", "vero se ci sono risultati da mostrare"},
    {"n_aree", "quante aree strategiche"},
    {"n_misurati", "quanti indicatori misurati"},
    {"totale", "il numero totale"},
    {"raggiunti", "quanti raggiunti"},
    {"parziali", "quanti parzialmente raggiunti"},
    {"non_raggiunti", "quanti non raggiunti"},
    {"mancanti", "quanti senza risultato"},
    {"mancanti_presenti", "vero se qualcuno è senza risultato"},
    {"presenti", "vero se ce n'è almeno uno"},
    {"perc_totale", "la percentuale sul totale"},
    {"perc_raggiunti", "la percentuale dei raggiunti"},
    {"perc_parziali", "la percentuale dei parzialmente raggiunti"},
    {"perc_non_raggiunti", "la percentuale dei non raggiunti"},
    {"perc_mancanti", "la percentuale di quelli senza risultato"},
    {"strategici", "i conteggi degli obiettivi strategici"},
    {"operativi", "i conteggi degli obiettivi operativi"},
    {"amministrazione", "la sezione sull'amministrazione"},
    {"blocchi", "i blocchi della sezione, nell'ordine: testo, tabelle, elenchi… (elenco)"},
    {"azioni_positive", "le azioni positive del blocco (falso se il blocco non ne ha)"},
    {"documenti", "i documenti del blocco (falso se il blocco non ne ha)"},
    {"elenco", "l'elenco del blocco (falso se il blocco non ne ha)"},
    {"fasi", "le fasi del blocco (falso se il blocco non ne ha)"},
    {"organigramma", "l'organigramma del blocco (falso se il blocco non ne ha)"},
    {"sottosezione", "la sottosezione del blocco (falso se il blocco non ne ha)"},
    {"tabella", "la tabella del blocco (falso se il blocco non ne ha)"},
    {"dal", "la data da cui vale"},
    {"nodi", "i nodi figli, con la stessa struttura (elenco)"},
    {"responsabile", "il responsabile"},
    {"marcatore", "i segni # del titolo della sottosezione, secondo la sua profondità"},
    {"numero", "il numero"},
    {"firme", "le firme (elenco)"},
    {"bilancio_di_genere", "la sezione sul bilancio di genere"},
    {"azioni", "le azioni (elenco)"},
    {"attori", "chi attua l'azione"},
    {"beneficiari", "a chi è rivolta l'azione"},
    {"misurazione", "come si misura l'azione"},
    {"obiettivo", "l'obiettivo"},
    {"spesa", "la spesa sostenuta"},
    {"numerato", "vero se l'elenco è numerato"},
    {"id", "l'identificativo"},
    {"intestazione", "le colonne dell'intestazione della tabella (elenco)"},
    {"destra", "vero se la colonna contiene cifre (allineata a destra)"},
    {"righe", "le righe della tabella (elenco)"},
    {"celle", "le celle della riga (elenco)"},
    {"forte", "vero se la cella va in grassetto (totali, intestazioni di gruppo)"},
    {"valore", "il valore"},
    {"gruppo", "vero se la riga apre un gruppo"},
    {"contesto_esterno", "la sezione sul contesto esterno"},
    {"premessa", "la premessa"},
    {"ruolo", "il ruolo di chi firma"},
    {"processo", "la sezione sul processo di misurazione e valutazione"},
    {"valutazione_complessiva", "la sezione sulla valutazione complessiva"},
    {"azioni_previste", "le azioni previste per superare la criticità"},
    {"criticita_riscontrate", "le criticità riscontrate"},
    {"ha_criticita", "vero se ci sono criticità"},
    {"scostamento", "lo scostamento dal target"},
    {"oggetto", "l'oggetto"},
    {"organo", "l'organo che ha deliberato"},
    {"url", "l'indirizzo web"},
    {"gruppo_dirigenti", "vero se il gruppo è quello dei dirigenti"},
    {"gruppo_posizioni", "vero se il gruppo è quello delle posizioni organizzative"},
    {"gruppo_segretario", "vero se il gruppo è quello del Segretario Generale"},
    {"valutati", "i valutati del gruppo (elenco)"},
    {"incarico", "l'incarico"},
    {"ambito", "l'ambito"},
    {"n_obiettivi", "quanti obiettivi"},
    {"n_obiettivi_con_punteggio", "quanti obiettivi con punteggio"},
    {"delibera", "la delibera"},
    {"valori", "i valori per periodo di monitoraggio (elenco)"},
    {"media_unita_figlie", "vero se l'unità non ha indicatori propri e il risultato è la media "
                           "delle unità che ne dipendono"},
    {"n_indicatori", "quanti indicatori"},
    {"attestazioni", "le attestazioni della validazione, punto per punto (elenco)"},
    {"lettera", "la lettera del punto"},
    {"bozza", "vero se il documento è ancora una bozza"},
    {"componenti", "i componenti dell'organismo (elenco)"},
    {"estremi", "gli estremi dell'atto che approva la Relazione"},
    {"firmatari", "chi firma (elenco)"},
    {"ha_punti_proposti", "vero se le verifiche propongono un giudizio sui punti"},
    {"illustrativo", "vero se il documento è un esempio illustrativo"},
    {"linee_guida", "le linee guida seguite (elenco)"},
    {"luogo_data", "luogo e data della firma"},
    {"note_punti", "le note sui punti (elenco)"},
    {"evidenze", "le evidenze raccolte per il punto"},
    {"punti_proposti", "le lettere dei punti su cui le verifiche propongono un giudizio"},
    {"riunioni", "le riunioni dell'organismo (elenco)"},
    {"attivita", "l'attività svolta"},
    {"valutazione_motivazione", "la motivazione della valutazione complessiva"},
    {"anno", "l'anno"},
    {"triennio", "il triennio"},
};

static int by_path(const void *a, const void *b)
{
    return strcmp(((const key_entry *)a)->path, ((const key_entry *)b)->path);
}

/* The files whose elements become keys as they are (doc_view.h). */
static const struct {
    const char *root, *file;
} xml_sources[] = {{"allegato1", "allegato1.xml"},
                   {"allegato2", "allegato2.xml"},
                   {"profilo", "il profilo dell'ente (templates/profili/)"}};

static int from_xml(const char *key)
{
    for (size_t i = 0; i < sizeof xml_sources / sizeof xml_sources[0]; i++)
        if (!strcmp(key, xml_sources[i].root))
            return 1;
    return 0;
}

static const char *find(const key_meaning *t, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(t[i].key, key))
            return t[i].meaning;
    return NULL;
}

#define FIND(table, key) find(table, sizeof table / sizeof table[0], key)

/* The meaning of path into out; 0 when the table has none. */
static int meaning_of(const char *path, rz_buf *out)
{
    const char *m = FIND(by_path_table, path);
    if (m) {
        rz_buf_puts(out, m);
        return 1;
    }
    const char *dot = strrchr(path, '.');
    char name[128];
    snprintf(name, sizeof name, "%s", dot ? dot + 1 : path);
    size_t n = strlen(name);
    while (n >= 2 && !strcmp(name + n - 2, "[]"))
        name[n -= 2] = '\0';
    size_t root_len = strcspn(path, ".[");
    for (size_t i = 0; i < sizeof xml_sources / sizeof xml_sources[0]; i++)
        if (strlen(xml_sources[i].root) == root_len &&
            !strncmp(path, xml_sources[i].root, root_len)) {
            if (!strncmp(path, "profilo.termini.", 16)) {
                rz_buf_puts(out, "come il profilo (o il Piano, che può cambiarlo) chiama ciò "
                                 "che dice il nome della chiave");
                return 1;
            }
            for (char *c = name; *c; c++)
                *c = *c == '_' ? '-' : *c;
            rz_buf_printf(out, "il dato «%s» di %s", name, xml_sources[i].file);
            return 1;
        }
    m = FIND(by_name_table, name);
    if (m) {
        rz_buf_puts(out, m);
        return 1;
    }
    static const char *const suffixes[] = {"_valore", "_numero"};
    for (size_t i = 0; i < 2; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && !strcmp(name + n - k, suffixes[i])) {
            char base[512];
            snprintf(base, sizeof base, "%.*s", (int)(strlen(path) - k), path);
            name[n - k] = '\0';
            if (!FIND(by_path_table, base) && !FIND(by_name_table, name))
                return 0;
            if (i == 0)
                rz_buf_printf(out, "il numero di «%s», senza formato, per i confronti", name);
            else
                rz_buf_printf(out, "«%s» in cifre senza «%%», per i grafici", name);
            return 1;
        }
    }
    return 0;
}

static void example_cell(rz_buf *out, const key_entry *e)
{
    if (e->kind == RZ_VIEW_LIST)
        rz_buf_puts(out, "(elenco)");
    else if (e->kind == RZ_VIEW_MAP)
        rz_buf_puts(out, "(gruppo)");
    else
        rz_md_escape_inline(out, e->example, strlen(e->example));
}

static const char intro[] =
    "# Le chiavi dei modelli\n"
    "\n"
    "<!-- Generato da relazione-chiavi dai dati degli esempi (samples/): non\n"
    "     modificare a mano; vedi «Come si aggiorna» in fondo. -->\n"
    "\n"
    "I modelli (`templates/*.md.mustache`) scrivono i documenti con i dati\n"
    "che il programma prepara: ogni dato ha una chiave. Qui ci sono tutte le\n"
    "chiavi, con il significato e un esempio preso dai dati degli esempi.\n"
    "\n"
    "Come si usano:\n"
    "\n"
    "- `{{ente.nome}}` scrive il valore della chiave `ente.nome`.\n"
    "- `[]` indica un elenco: `{{#aree}}…{{/aree}}` ripete il blocco per ogni\n"
    "  area e, dentro, `{{codice}}` è la chiave `aree[].codice`.\n"
    "- `{{#chiave}}…{{/chiave}}` scrive il blocco solo se la chiave è vera o\n"
    "  non vuota, `{{^chiave}}…{{/chiave}}` solo se è falsa o vuota.\n"
    "- I numeri sono già nella forma da stampare (`97,8%`, `1.234,56`,\n"
    "  `28/05/2020`): i modelli non contengono cifre né calcoli. Le chiavi\n"
    "  che finiscono in `_valore` sono il numero puro, quelle in `_numero`\n"
    "  le cifre senza «%» per i grafici.\n"
    "- Alcune chiavi esistono solo quando la cartella ha i dati da cui\n"
    "  vengono (monitoraggio, contesto, Allegati, validazione dell'OIV).\n";

static const char outro[] =
    "\n"
    "## Come si aggiorna\n"
    "\n"
    "Questo file è generato dal programma: dopo aver aggiunto o cambiato una\n"
    "chiave (e il suo significato in `src/view/template_keys.c`), eseguire\n"
    "\n"
    "    cmake --build build --target relazione-chiavi\n"
    "    build/relazione-chiavi -o templates/LEGGIMI.md samples/*/\n"
    "\n"
    "Il test `leggimi_aggiornato` fallisce finché il file non è aggiornato.\n";

rz_status rz_key_list_markdown(const rz_key_list *l, rz_buf *out, rz_diags *d)
{
    key_entry *sorted = malloc((l->n ? l->n : 1) * sizeof *sorted);
    if (!sorted)
        return RZ_IO;
    if (l->n)
        memcpy(sorted, l->keys, l->n * sizeof *sorted);
    qsort(sorted, l->n, sizeof *sorted, by_path);
    rz_status st = RZ_OK;
    rz_buf_puts(out, intro);
    rz_buf meaning;
    rz_buf_init(&meaning);
    for (size_t i = 0; i < l->n; i++) {
        const key_entry *e = &sorted[i];
        rz_buf_clear(&meaning);
        if (!meaning_of(e->path, &meaning)) {
            rz_diag_add(d, RZ_ERROR, "src/view/template_keys.c", 0, "chiavi",
                        "la chiave %s non ha un significato nella tabella: aggiungerlo", e->path);
            st = RZ_INVALID;
            continue;
        }
        size_t top = strcspn(e->path, ".[");
        if (i == 0 || strncmp(sorted[i - 1].path, e->path, top) ||
            strcspn(sorted[i - 1].path, ".[") != top) {
            rz_buf_printf(out, "\n## `%.*s`\n\n", (int)top, e->path);
            rz_buf_puts(out, "| Chiave | Significato | Esempio |\n|:---|:---|:---|\n");
        }
        rz_buf_printf(out, "| `%s` | ", e->path);
        rz_md_escape_inline(out, meaning.data, meaning.len);
        rz_buf_puts(out, " | ");
        example_cell(out, e);
        rz_buf_puts(out, " |\n");
    }
    rz_buf_puts(out, outro);
    rz_buf_free(&meaning);
    free(sorted);
    if (rz_buf_failed(out))
        return RZ_IO;
    return st;
}
