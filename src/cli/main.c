/*
 * main.c — the `relazione` command-line tool.
 *
 * Only argument parsing, calls into the library and printing live here. Each
 * subcommand is one function in the table below, with its synopsis and its
 * help (`relazione COMANDO --help`, `relazione help COMANDO`, the man page
 * relazione(1) says the same); the library does the work and hands back
 * diagnostics, which are printed here, sorted, on stderr.
 *
 * Exit codes (also in --help and README.md):
 *   0  success        1  invalid input (see the diagnostics)
 *   2  usage error    3  I/O or internal error
 */
#define _POSIX_C_SOURCE 200809L
#include "relazione.h"
/* Past the public API: a build's PDF options and list of files written,
 * the findings and verdict of a folder already loaded (to add the tool's
 * own «no Piano» error), Italian plurals, the scores as JSON, an explanation, init, and the
 * PDF renderer with the Markdown file's name in its messages. */
#include "build.h"
#include "check.h"
#include "explain.h"
#include "findings.h"
#include "format.h"
#include "fsutil.h"
#include "init.h"
#include "inputs.h"
#include "json.h"
#include "pdf_render.h"
#include "report_view.h"
#include "doc_kinds.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*command_fn)(int argc, char **argv);

typedef struct {
    const char *name;
    command_fn run;
    const char *synopsis;
    const char *summary;
    const char *help; /* options, defaults, what is written where */
} command;

static const command commands[];

static const command *find_command(const char *name)
{
    for (const command *c = commands; c->name; c++)
        if (strcmp(name, c->name) == 0)
            return c;
    return NULL;
}

static void command_help(const command *c, FILE *f)
{
    /* The summary, a phrase in the list of commands, opens a sentence here. */
    fprintf(f, "Uso: relazione %s\n\n%c%s.\n\n%s", c->synopsis,
            toupper((unsigned char)c->summary[0]), c->summary + 1, c->help);
}

/* True when the arguments of a command ask for its help. */
static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return 1;
    }
    return 0;
}

/* Exit codes, the tool's own (README, «Exit codes»; usage() below): the
 * library's statuses say what went wrong, the tool adds the command line. */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static int exit_code(rz_status st)
{
    switch (st) {
    case RZ_OK:
        return EXIT_OK;
    case RZ_INVALID:
        return EXIT_INVALID;
    case RZ_IO:
        break;
    }
    return EXIT_IO;
}

/* The usage error of a command: its synopsis and where to read more. */
static int usage_error(const char *name)
{
    const command *c = find_command(name);
    fprintf(stderr, "Uso: relazione %s\n(relazione help %s per le opzioni)\n", c->synopsis, name);
    return EXIT_USAGE;
}

static void usage(FILE *f)
{
    fprintf(f,
            "Uso: relazione [--dati DIR] COMANDO [OPZIONI] ...\n\n"
            "Produce la Relazione sulla performance e la sua validazione da dati strutturati.\n\n"
            "Comandi:\n");
    for (const command *c = commands; c->name; c++)
        fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fprintf(f,
            "\n'relazione help COMANDO' (o 'relazione COMANDO --help') spiega un comando.\n"
            "\nOpzioni generali:\n"
            "  --dati DIR  cartella di schemi e modelli (predefinita: variabile RELAZIONE_DATA,\n"
            "              altrimenti share/relazione accanto al programma)\n"
            "              in uso: %s\n"
            "  --help      mostra questo aiuto\n"
            "  --version   mostra la versione\n\n",
            rz_data_dir());
    fprintf(f, ""
               "Codici di uscita:\n"
               "  0  tutto corretto\n"
               "  1  dati in ingresso non validi (i messaggi dicono dove e cosa correggere)\n"
               "  2  comando o opzioni errati\n"
               "  3  errore di lettura/scrittura dei file o errore interno\n");
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "relazione help: comando sconosciuto '%s'; i comandi sono:", argv[1]);
        for (c = commands; c->name; c++)
            fprintf(stderr, " %s", c->name);
        fprintf(stderr, "\n");
        return EXIT_USAGE;
    }
    command_help(c, stdout);
    return EXIT_OK;
}

/* Prints the diagnostics, sorted, on stderr and a one-line summary. */
static void report(rz_diags *d)
{
    rz_diags_sort(d);
    rz_diags_print(d, stderr);
}

static int cmd_validate(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("validate");
    rz_diags d;
    rz_diags_init(&d);
    rz_status worst = rz_validate_files((const char *const *)(argv + 1), (size_t)(argc - 1), &d);
    report(&d);
    if (worst == RZ_OK)
        fprintf(stderr, "%d %s (%zu %s)\n", argc - 1,
                rz_plural((size_t)(argc - 1), "file valido", "file validi"), d.warnings,
                rz_plural(d.warnings, "avviso", "avvisi"));
    rz_diags_free(&d);
    rz_xml_cleanup();
    return exit_code(worst);
}

/* Input errors come first and stop there: a verdict computed from a plan
 * that failed validation would be worthless. The findings are those a
 * build of the folder writes into verifiche.txt (findings.h). */
static int cmd_check(int argc, char **argv)
{
    const char *dir = NULL, *templates = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--templates") && i + 1 < argc)
            templates = argv[++i];
        else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else
            return usage_error("check");
    }
    if (!dir)
        return usage_error("check");
    rz_diags d;
    rz_diags_init(&d);
    rz_inputs in;
    rz_status st = rz_inputs_load(dir, &in, &d);
    if (st != RZ_IO && !in.plan && !in.invalid_plan)
        rz_diag_add(&d, RZ_ERROR, dir, 0, "inputs",
                    "la cartella non contiene un Piano della performance");
    report(&d);
    if (st != RZ_IO && d.errors) {
        fprintf(stderr, "%s\n", rz_verdict_not_computable_reason(d.errors, 1));
        st = RZ_INVALID;
    } else if (st != RZ_IO) {
        rz_diags findings, run;
        rz_diags_init(&findings);
        rz_diags_init(&run);
        st = rz_inputs_findings(&in, templates, &findings, &run);
        report(&run);
        if (st == RZ_OK) {
            if (!rz_findings_summary(stderr, &findings, in.monitoring != NULL, 1,
                                     in.oiv ? in.oiv->verdict : NULL) ||
                findings.errors)
                st = RZ_INVALID;
        }
        rz_diags_free(&findings);
        rz_diags_free(&run);
    }
    rz_diags_free(&d);
    rz_inputs_free(&in);
    rz_xml_cleanup();
    return exit_code(st);
}

/* Loads a folder and scores it; on success *s and *in are set. */
static rz_status load_and_score(const char *dir, rz_inputs *in, rz_scored **s, rz_diags *d)
{
    *s = NULL;
    rz_status st = rz_inputs_load(dir, in, d);
    if (st == RZ_IO)
        return st;
    if (!in->plan) {
        if (in->invalid_plan)
            rz_diag_add(d, RZ_ERROR, dir, 0, RZ_CHECK_DEPENDS,
                        "punteggi non calcolati: il Piano della cartella ha errori (elencati "
                        "sopra)");
        else
            rz_diag_add(d, RZ_ERROR, dir, 0, "inputs",
                        "la cartella non contiene un Piano della performance");
        return RZ_INVALID;
    }
    if (rz_score(in->plan, in->monitoring, s, d) != RZ_OK)
        return RZ_IO;
    return st;
}

/* Loads and scores dir, hands the scored data to use, then reports the
 * diagnostics and frees everything: the frame of score and spiega. */
static int with_scored(const char *dir, rz_status (*use)(rz_scored *s, void *arg, rz_diags *d),
                       void *arg)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_inputs in;
    rz_scored *s = NULL;
    rz_status st = load_and_score(dir, &in, &s, &d);
    if (s) {
        rz_status u = use(s, arg, &d);
        if (u != RZ_OK)
            st = u;
    }
    report(&d);
    rz_scored_free(s);
    rz_diags_free(&d);
    rz_inputs_free(&in);
    rz_xml_cleanup();
    return exit_code(st);
}

/* "md,pdf,html,dati": the outputs of a build, as RZ_OUT_* bits left out
 * and *pdf; 0 on an unknown name. */
static int parse_formats(const char *list, unsigned *skip, int *pdf)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"md", RZ_OUT_MD}, {"html", RZ_OUT_HTML}, {"dati", RZ_OUT_DATA}, {"pdf", 0}};
    *skip = RZ_OUT_MD | RZ_OUT_HTML | RZ_OUT_DATA;
    *pdf = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        size_t k = 0;
        while (k < 4 && (strlen(names[k].name) != n || strncmp(p, names[k].name, n)))
            k++;
        if (k == 4) {
            fprintf(stderr, "relazione build: formato sconosciuto '%.*s' (md, pdf, html, dati)\n",
                    (int)n, p);
            return 0;
        }
        if (names[k].bit)
            *skip &= ~names[k].bit;
        else
            *pdf = 1;
        p += n + (p[n] == ',');
    }
    return 1;
}

static rz_status print_json(rz_scored *s, void *arg, rz_diags *d)
{
    (void)arg;
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = doc ? rz_report_view(doc, s) : NULL;
    rz_buf out;
    rz_buf_init(&out);
    rz_status st = RZ_IO;
    if (rz_view_doc_failed(doc)) /* blank figures: nothing is printed */
        rz_diag_out_of_memory(d, NULL, "preparando i punteggi: nulla è stato scritto");
    else {
        rz_json_write(v, &out);
        if (rz_write_atomic("-", out.data, out.len, d) == RZ_OK)
            st = RZ_OK;
    }
    rz_buf_free(&out);
    rz_view_doc_free(doc);
    return st;
}

static int cmd_score(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return usage_error("score");
    return with_scored(argv[1], print_json, NULL);
}

/* Prints how one figure was obtained: title, then one step per line. */
static rz_status print_explanation(rz_scored *s, void *arg, rz_diags *d)
{
    const char *const *args = arg;
    rz_explanation e;
    if (!rz_explain(s, args[1], &e)) {
        rz_diag_add(d, RZ_ERROR, args[0], 0, "spiega",
                    "«%s» non è il codice di un indicatore, di un obiettivo, di un'area o di "
                    "un'unità organizzativa del Piano, né «ente»: controllare il codice",
                    args[1]);
        rz_explanation_free(&e);
        return RZ_INVALID;
    }
    printf("%s\n", e.title ? e.title : args[1]);
    for (size_t i = 0; i < e.n_steps; i++)
        printf("  %zu. %s\n", i + 1, e.steps[i]);
    rz_explanation_free(&e);
    return RZ_OK;
}

static int cmd_explain(int argc, char **argv)
{
    if (argc != 3 || argv[1][0] == '-')
        return usage_error("spiega");
    const char *args[2] = {argv[1], argv[2]};
    return with_scored(argv[1], print_explanation, args);
}

static int cmd_build(int argc, char **argv)
{
    const char *dir = NULL, *out = "out", *font_dir = NULL;
    rz_build_options opt = {0};
    int want_pdf = 1; /* PDF beside each Markdown document when a renderer is linked */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--templates") && i + 1 < argc)
            opt.templates = argv[++i];
        else if (!strcmp(argv[i], "--no-pdf"))
            want_pdf = 0;
        else if (!strcmp(argv[i], "--font-dir") && i + 1 < argc)
            font_dir = argv[++i];
        else if (!strcmp(argv[i], "--formati") && i + 1 < argc) {
            if (!parse_formats(argv[++i], &opt.skip, &want_pdf))
                return EXIT_USAGE;
        } else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else {
            fprintf(stderr, "relazione build: opzione non riconosciuta '%s'\n", argv[i]);
            dir = NULL;
            break;
        }
    }
    if (!dir)
        return usage_error("build");
    rz_pdf_options pdf_opt = {.cover = 1, .toc = 1, .font_dir = font_dir};
    if (want_pdf) {
        opt.pdf = rz_pdf_for_build;
        opt.pdf_ctx = &pdf_opt;
    }
    rz_diags d, findings;
    rz_diags_init(&d);
    rz_diags_init(&findings);
    rz_built built;
    rz_status st = rz_build(dir, out, &opt, &built, &d, &findings);
    /* The findings went to verifiche.txt beside the documents; the
     * terminal gets their count (`relazione check` prints them). */
    if (built.findings_path)
        printf("%s\n", built.findings_path);
    report(&d);
    for (size_t i = 0; i < built.count; i++)
        printf("%s\n", built.paths[i]);
    if (st == RZ_OK)
        fprintf(stderr, "%zu %s in %s; verifiche in verifiche.txt: %zu %s, %zu %s, %s%s\n",
                built.count, rz_plural(built.count, "documento scritto", "documenti scritti"), out,
                findings.errors, rz_plural(findings.errors, "errore", "errori"), findings.warnings,
                rz_plural(findings.warnings, "avviso", "avvisi"),
                built.has_monitoring ? "esito proposto " : "",
                built.has_monitoring ? rz_verdict_name(rz_proposed_verdict(&findings, 0, 1).verdict)
                                     : rz_verdict_not_computable_reason(0, 0));
    rz_built_free(&built);
    rz_diags_free(&d);
    rz_diags_free(&findings);
    rz_xml_cleanup();
    return exit_code(st);
}

static int cmd_init(int argc, char **argv)
{
    const char *dir = NULL, *profile = "piao", *body = NULL;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    long year = tm.tm_year + 1900 - 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--profilo") && i + 1 < argc)
            profile = argv[++i];
        else if (!strcmp(argv[i], "--ente") && i + 1 < argc)
            body = argv[++i];
        else if (!strcmp(argv[i], "--anno") && i + 1 < argc) {
            char *end;
            year = strtol(argv[++i], &end, 10);
            if (*end || year < 2000 || year > 2100) {
                fprintf(stderr,
                        "relazione init: anno '%s' non valido: scrivere quattro cifre, "
                        "per esempio 2025\n",
                        argv[i]);
                return EXIT_USAGE;
            }
        } else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else {
            fprintf(stderr, "relazione init: opzione non riconosciuta '%s'\n", argv[i]);
            return usage_error("init");
        }
    }
    if (!dir)
        return usage_error("init");
    if (!body)
        body =
            strcmp(profile, "cciaa") == 0 ? "Camera di commercio di Esempio" : "Comune di Esempio";
    rz_diags d;
    rz_diags_init(&d);
    rz_built written;
    rz_status st = rz_init(dir, profile, body, (int)year, &written, &d);
    /* An unknown --profilo is the command line's mistake. */
    int unknown_profile = st == RZ_INVALID && rz_diags_has(&d, RZ_CHECK_UNKNOWN_PROFILE);
    report(&d);
    for (size_t i = 0; i < written.count; i++)
        printf("%s\n", written.paths[i]);
    if (st == RZ_OK)
        fprintf(stderr,
                "%zu %s in %s (profilo %s, %s, anno %ld): cambiare i valori indicati nei "
                "commenti, poi 'relazione build %s'\n",
                written.count, rz_plural(written.count, "file scritto", "file scritti"), dir,
                profile, body, year, dir);
    rz_built_free(&written);
    rz_diags_free(&d);
    return unknown_profile ? EXIT_USAGE : exit_code(st);
}

static int cmd_render(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    rz_pdf_options opt = {.cover = 1, .toc = 1};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--title") && i + 1 < argc)
            opt.title = argv[++i];
        else if (!strcmp(argv[i], "--author") && i + 1 < argc)
            opt.author = argv[++i];
        else if (!strcmp(argv[i], "--no-cover"))
            opt.cover = 0;
        else if (!strcmp(argv[i], "--no-toc"))
            opt.toc = 0;
        else if (!strcmp(argv[i], "--font-dir") && i + 1 < argc)
            opt.font_dir = argv[++i];
        else if (!in && (argv[i][0] != '-' || !strcmp(argv[i], "-")))
            in = argv[i];
        else {
            in = NULL;
            break;
        }
    }
    if (!in)
        return usage_error("render");
    char *derived = NULL;
    if (!out) {
        if (!strcmp(in, "-")) {
            out = "-";
        } else {
            size_t n = strlen(in);
            derived = malloc(n + 5);
            if (!derived)
                return EXIT_IO;
            memcpy(derived, in, n + 1);
            if (n > 3 && !strcmp(derived + n - 3, ".md"))
                derived[n - 3] = '\0';
            strcat(derived, ".pdf");
            out = derived;
        }
    }
    rz_diags d;
    rz_diags_init(&d);
    char *md = NULL;
    size_t len = 0;
    rz_status st = rz_read_file(in, 64u * 1024u * 1024u, &md, &len, &d);
    void *pdf = NULL;
    size_t pdf_len = 0;
    opt.source = strcmp(in, "-") ? in : "<stdin>";
    if (st == RZ_OK)
        st = rz_pdf_render(md, len, &opt, &pdf, &pdf_len, &d);
    if (st == RZ_OK)
        st = rz_write_atomic(out, pdf, pdf_len, &d);
    report(&d);
    free(pdf);
    free(md);
    free(derived);
    rz_diags_free(&d);
    return exit_code(st);
}

static const command commands[] = {
    {"init", cmd_init, "init CARTELLA [--profilo piao|cciaa] [--ente NOME] [--anno AAAA]",
     "scrive un primo insieme di dati, valido e commentato, da cui partire",
     "Opzioni:\n"
     "  --profilo P   piao (predefinito): Comuni, ministeri, ASL e gli altri enti che\n"
     "                adottano il PIAO (Relazione secondo le Linee guida DFP n. 3/2018);\n"
     "                cciaa: Camere di commercio (linee guida Unioncamere, Allegati 1 e 2)\n"
     "  --ente NOME   nome dell'ente (predefinito: Comune di Esempio, o Camera di\n"
     "                commercio di Esempio)\n"
     "  --anno AAAA   anno della Relazione (predefinito: l'anno scorso)\n\n"
     "Scrive nella CARTELLA (creata se manca) piano.xml, monitoraggio.xml e contesto.xml:\n"
     "dati minimi ma validi, con un commento in italiano su ogni valore da cambiare.\n"
     "'relazione build CARTELLA' ne produce subito i documenti. Non sovrascrive nulla:\n"
     "se uno dei file esiste già, non scrive niente.\n\n"
     "Uscita: 0 file scritti, 1 file già presenti, 2 opzioni errate o profilo\n"
     "sconosciuto, 3 errore di scrittura.\n"},
    {"validate", cmd_validate, "validate FILE.xml...",
     "controlla i file (schema XSD e regole del Piano)",
     "Ogni file è riconosciuto dal namespace del suo elemento radice (Piano, monitoraggio,\n"
     "contesto, Allegati), non dal nome. Tutti i problemi sono stampati insieme, come\n"
     "FILE:RIGA: error|warning: messaggio [controllo], ordinati per file e riga.\n\n"
     "Uscita: 0 file validi (anche con avvisi), 1 dati non validi, 3 file illeggibile.\n"},
    {"check", cmd_check, "check CARTELLA [--templates DIR]",
     "verifica i dati per la validazione OIV (punti A-K) e le incoerenze",
     "Opzioni:\n"
     "  --templates DIR   modelli Mustache della Relazione misurata per i punti J e K\n"
     "                    (predefinita: i modelli installati, DATI/templates)\n\n"
     "Legge i file della CARTELLA, calcola i punteggi e stampa i rilievi con la lettera\n"
     "del punto di validazione (A-K) a cui si riferiscono, poi l'esito proposto\n"
     "(VALIDA, VALIDA CON OSSERVAZIONI, NON VALIDA) accanto a quello dell'OIV.\n"
     "Sono i rilievi che 'relazione build' scrive in verifiche.txt: per i punti J e K\n"
     "(lunghezza, indice, grafici) la Relazione è generata in memoria, con gli stessi\n"
     "modelli della build; nulla è scritto.\n\n"
     "Uscita: 0 nessun errore, 1 errori nei dati o nei rilievi, 3 file illeggibile.\n"},
    {"build", cmd_build,
     "build CARTELLA [-o USCITA] [--templates DIR] [--formati md,pdf,html,dati] [--no-pdf]\n"
     "                [--font-dir DIR]",
     "genera i documenti (Markdown, PDF, HTML, dati aperti) dai dati della cartella",
     "Opzioni:\n"
     "  -o USCITA         cartella in cui scrivere i documenti (predefinita: ./out,\n"
     "                    creata se manca; i file esistenti con lo stesso nome sono\n"
     "                    sostituiti)\n"
     "  --templates DIR   modelli Mustache da usare (predefinita: i modelli installati,\n"
     "                    DATI/templates)\n"
     "  --formati LISTA   che cosa scrivere, separato da virgole: md, pdf, html, dati\n"
     "                    (predefinito: tutto)\n"
     "  --no-pdf          senza i PDF\n"
     "  --font-dir DIR    cartella dei caratteri DejaVu per i PDF (predefinita: variabile\n"
     "                    RELAZIONE_FONT_DIR, altrimenti /usr/share/fonts/truetype/dejavu,\n"
     "                    dei pacchetti Debian fonts-dejavu-core e fonts-dejavu-extra)\n\n"
     "Scrive i documenti che i dati permettono (Relazione, validazione, tabelle, Allegati),\n"
     "ciascuno come .md, .pdf e .html (pagina accessibile, autosufficiente), e verifiche.txt con i "
     "rilievi di 'relazione check'; stampa\n"
     "i percorsi scritti. Con dati non validi non scrive nulla.\n\n"
     "Uscita: 0 documenti scritti, 1 dati non validi, 3 errore di scrittura o carattere\n"
     "mancante.\n"},
    {"score", cmd_score, "score CARTELLA",
     "calcola i punteggi e li stampa in JSON (la vista letta dai modelli)",
     "Stampa sullo standard output la vista in JSON: i dati che i modelli Mustache\n"
     "leggono (utile a chi adatta un modello).\n\n"
     "Uscita: 0 fatto, 1 dati non validi, 3 errore di lettura.\n"},
    {"spiega", cmd_explain, "spiega CARTELLA CODICE",
     "mostra come è stata ottenuta una cifra (indicatore, obiettivo, area, unità, ente)",
     "CODICE è il codice di un indicatore (O2.1.3-g), di un obiettivo operativo o\n"
     "strategico (2.1.3), di un'area, di un'unità organizzativa (S0) oppure «ente».\n"
     "Stampa la catena del calcolo: i dati rilevati (file:riga), il risultato, il target,\n"
     "la realizzazione e la realizzazione parametrata con la regola applicata, le\n"
     "rettifiche, i pesi e il punteggio usato nel livello superiore.\n\n"
     "Uscita: 0 fatto, 1 dati non validi o codice sconosciuto, 3 errore di lettura.\n"},
    {"render", cmd_render,
     "render IN.md [-o OUT.pdf] [--title T] [--author A] [--no-cover] [--no-toc]\n"
     "                [--font-dir DIR]",
     "impagina in PDF un qualsiasi documento Markdown",
     "Opzioni:\n"
     "  -o OUT.pdf     file PDF da scrivere (predefinito: IN con estensione .pdf;\n"
     "                 '-' per lo standard output, predefinito se IN è '-')\n"
     "  --title T      titolo in copertina e nei metadati (predefinito: il primo titolo)\n"
     "  --author A     autore nei metadati\n"
     "  --no-cover     senza copertina\n"
     "  --no-toc       senza indice\n"
     "  --font-dir DIR cartella dei caratteri DejaVu (predefinita: variabile\n"
     "                 RELAZIONE_FONT_DIR, altrimenti /usr/share/fonts/truetype/dejavu,\n"
     "                 dei pacchetti Debian fonts-dejavu-core e fonts-dejavu-extra)\n\n"
     "IN è CommonMark con le tabelle GFM; '-' legge lo standard input.\n\n"
     "Uscita: 0 fatto, 3 errore di lettura o scrittura, o carattere mancante.\n"},
    {"help", cmd_help, "help [COMANDO]", "mostra l'aiuto generale o quello di un comando",
     "Senza argomenti elenca i comandi; con un COMANDO ne spiega opzioni e valori\n"
     "predefiniti (come 'relazione COMANDO --help').\n"},
    {NULL, NULL, NULL, NULL, NULL},
};

int main(int argc, char **argv)
{
    /* Global options come before the command. */
    while (argc >= 3 && strcmp(argv[1], "--dati") == 0) {
        rz_set_data_dir(argv[2]);
        argc -= 2;
        argv += 2;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("relazione %s\nschemi e modelli in %s\n", rz_version(), rz_data_dir());
        return EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "relazione: comando sconosciuto '%s'; vedere 'relazione --help'\n",
                argv[1]);
        return EXIT_USAGE;
    }
    if (wants_help(argc - 1, argv + 1)) {
        command_help(c, stdout);
        return EXIT_OK;
    }
    return c->run(argc - 1, argv + 1);
}
