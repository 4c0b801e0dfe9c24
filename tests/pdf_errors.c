/*
 * pdf_errors.c — the PDF renderer's errors that a user can cause.
 *
 * Each ends with a diagnostic that names the file and says what to do, no
 * output, and nothing leaked: the suite runs under AddressSanitizer with
 * detect_leaks=1, so memory left behind by any error path fails this test
 * at exit. The errors: the font folder empty, or missing the faces of
 * fonts-dejavu-extra (the failure then comes in the middle of the layout:
 * a heading's words, a paragraph in italics, a chart's labels, a table
 * being measured), a font file that is not a font, the folder from the
 * option and from the environment; a logo missing, not an image, with an
 * alpha channel, or cut short (libharu fails on it); and, built with
 * RELAZIONE_FAULT_INJECTION, memory running out at every arena block of a
 * rendering.
 *
 * Needs the DejaVu fonts of Debian's folder (scripts/setup.sh installs
 * them): without them it is skipped (exit 77).
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "arena.h"
#include "diag.h"
#include "pdf_render.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define FONTS "/usr/share/fonts/truetype/dejavu"

static char tmp[] = "/tmp/rz-pdferrXXXXXX";

/* A heading first: its bold words are the first measured (the emphasis
 * in a heading stays bold). */
static const char doc_heading[] = "# Relazione con *enfasi*\n\nUn paragrafo.\n";

/* Italics only in the third block, after text already laid out. */
static const char doc_italic[] = "# Titolo\n\nPrimo paragrafo, tondo.\n\n"
                                 "- una voce\n- un'altra voce\n\nPoi *corsivo* nel testo.\n";

/* A chart: its labels are set in the condensed face. */
static const char doc_chart[] = "# Titolo\n\nTesto.\n\n```chart\ntitolo: Realizzazione\nunita: %\n"
                                "massimo: 100\nOB1 | 97,8\nOB2 | 80,0\n```\n";

/* A table, measured before the layout begins; and everything else. */
static const char doc_rich[] =
    "# Relazione 2024\n\nComune di Esempio\n\n## Risultati\n\n"
    "Testo con **grassetto**, *corsivo*, `codice` e un [collegamento](https://example.org).\n\n"
    "| Obiettivo | Peso | Realizzazione |\n|---|--:|--:|\n| OB1 | 40 | 97,8% |\n"
    "| OB2 | 60 | 80,0% |\n\n> Una citazione.\n\n1. uno\n2. due\n\n```\ncodice\n```\n\n"
    "```chart\ntitolo: Realizzazione\nunita: %\nmassimo: 100\nriferimento: 90\n"
    "OB1 | 97,8\nOB2 | 80,0\n```\n\n---\n\n## Seconda sezione\n\nFine.\n";

static int mentions(const rz_diags *d, const char *check, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == RZ_ERROR && d->items[i].check &&
            !strcmp(d->items[i].check, check) && strstr(d->items[i].message, text))
            return 1;
    return 0;
}

static int names_file(const rz_diags *d, const char *file)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].file && !strcmp(d->items[i].file, file))
            return 1;
    return 0;
}

/* Renders md with the given folder and logo; checks that a failure leaves
 * no output. */
static rz_status render(const char *md, const char *font_dir, const char *logo, rz_diags *d)
{
    rz_pdf_options opt = {.cover = 1, .toc = 1, .font_dir = font_dir, .logo = logo};
    void *out = (void *)1;
    size_t len = 1;
    rz_diags_init(d);
    rz_status st = rz_pdf_render(md, strlen(md), &opt, &out, &len, d);
    if (st != RZ_OK)
        CHECK(out == NULL && len == 0);
    else
        CHECK(out != NULL && len > 1000 && !memcmp(out, "%PDF-", 5));
    free(out);
    return st;
}

static char *path_in(const char *dir, const char *name)
{
    static char buf[4][512];
    static int k;
    char *p = buf[k++ % 4];
    int n = snprintf(p, 512, "%s/%s", dir, name);
    CHECK(n > 0 && n < 512);
    return p;
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, n, f) == n);
        fclose(f);
    }
}

/* An empty folder: the first face measured is missing. */
static void test_empty_folder(void)
{
    char empty[512];
    snprintf(empty, sizeof empty, "%s/vuota", tmp);
    CHECK(mkdir(empty, 0700) == 0);
    const char *docs[] = {doc_heading, doc_italic, doc_chart, doc_rich};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        rz_diags d;
        CHECK(render(docs[i], empty, NULL, &d) == RZ_IO);
        CHECK(mentions(&d, "pdf-font", "mancante nella cartella"));
        CHECK(mentions(&d, "pdf-font", empty));
        CHECK(mentions(&d, "pdf-font", "--font-dir DIR"));
        CHECK(mentions(&d, "pdf-font", "RELAZIONE_FONT_DIR"));
        CHECK(mentions(&d, "pdf-font", "installare il pacchetto Debian fonts-dejavu-"));
        rz_diags_free(&d);
    }
    /* The heading's bold face is the one named, with its package. */
    rz_diags d;
    render(doc_heading, empty, NULL, &d);
    CHECK(names_file(&d, path_in(empty, "DejaVuSans-Bold.ttf")));
    CHECK(mentions(&d, "pdf-font", "DejaVuSans-Bold.ttf mancante"));
    CHECK(mentions(&d, "pdf-font", "fonts-dejavu-core"));
    rz_diags_free(&d);
}

/* fonts-dejavu-core only: the layout has begun when a face of
 * fonts-dejavu-extra is wanted. */
static void test_core_only(void)
{
    char core[512];
    snprintf(core, sizeof core, "%s/core", tmp);
    CHECK(mkdir(core, 0700) == 0);
    const char *files[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"};
    for (size_t i = 0; i < 3; i++)
        CHECK(symlink(path_in(FONTS, files[i]), path_in(core, files[i])) == 0);
    rz_diags d;
    CHECK(render(doc_heading, core, NULL, &d) == RZ_OK); /* core faces only */
    rz_diags_free(&d);
    CHECK(render(doc_italic, core, NULL, &d) == RZ_IO);
    CHECK(names_file(&d, path_in(core, "DejaVuSans-Oblique.ttf")));
    CHECK(mentions(&d, "pdf-font", "DejaVuSans-Oblique.ttf mancante"));
    CHECK(mentions(&d, "pdf-font", "fonts-dejavu-extra"));
    rz_diags_free(&d);
    CHECK(render(doc_chart, core, NULL, &d) == RZ_IO);
    CHECK(names_file(&d, path_in(core, "DejaVuSansCondensed.ttf")));
    rz_diags_free(&d);
    CHECK(render(doc_rich, core, NULL, &d) == RZ_IO);
    CHECK(names_file(&d, path_in(core, "DejaVuSansCondensed-Bold.ttf")));
    rz_diags_free(&d);
}

/* A file by the font's name that is not a font. */
static void test_unreadable_font(void)
{
    char bad[512];
    snprintf(bad, sizeof bad, "%s/guasta", tmp);
    CHECK(mkdir(bad, 0700) == 0);
    write_file(path_in(bad, "DejaVuSans-Bold.ttf"), "non un carattere\n", 17);
    rz_diags d;
    CHECK(render(doc_heading, bad, NULL, &d) == RZ_IO);
    CHECK(mentions(&d, "pdf-font", "DejaVuSans-Bold.ttf illeggibile"));
    CHECK(mentions(&d, "pdf-font", "reinstallare il pacchetto Debian fonts-dejavu-core"));
    rz_diags_free(&d);
}

/* The folder from the environment, and the option before it; a trailing
 * slash is no different. */
static void test_folder_choice(void)
{
    rz_diags d;
    CHECK(render(doc_rich, NULL, NULL, &d) == RZ_OK);
    CHECK(d.errors == 0);
    rz_diags_free(&d);
    CHECK(render(doc_rich, FONTS "/", NULL, &d) == RZ_OK);
    rz_diags_free(&d);
    char empty[512];
    snprintf(empty, sizeof empty, "%s/vuota", tmp);
    CHECK(setenv("RELAZIONE_FONT_DIR", empty, 1) == 0);
    CHECK(render(doc_rich, NULL, NULL, &d) == RZ_IO);
    CHECK(mentions(&d, "pdf-font", empty));
    rz_diags_free(&d);
    CHECK(render(doc_rich, FONTS, NULL, &d) == RZ_OK);
    rz_diags_free(&d);
    CHECK(unsetenv("RELAZIONE_FONT_DIR") == 0);
}

/* Logos a user can give by mistake: each refused, naming the file. */
static void test_logo(void)
{
    static const unsigned char png_head[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,
                                             0,    13,  'I', 'H', 'D',  'R',  0,    0,    0, 40,
                                             0,    0,   0,   20,  8,    2,    0,    0,    0};
    /* Start, frame header (40 x 20, three components), start of scan, some
     * data, and no end. */
    static const unsigned char jpeg_cut[] = {
        0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 20, 0, 40,   3, 1,    0x11, 0,    2, 0x11, 1,    3,
        0x11, 1,    0xFF, 0xDA, 0, 12, 3, 1, 0,  2, 0x11, 3, 0x11, 0,    0x3F, 0, 0x12, 0x34, 0x56};
    struct {
        const char *name;
        const unsigned char *data; /* NULL: no file */
        size_t len;
        const char *says;
    } cases[] = {
        {"assente.png", NULL, 0, "non si può leggere"},
        {"testo.png", (const unsigned char *)"non un'immagine\n", 16, "PNG o JPEG"},
        {"alfa.png", NULL, 0, "trasparenza"},
        {"tronco.png", png_head, sizeof png_head, "il file è incompleto o danneggiato"},
        {"testa.jpg", (const unsigned char *)"\xFF\xD8\xFF\xE0\0\x10JF", 8,
         "JPEG (manca l'intestazione)"},
        {"tronco.jpg", jpeg_cut, sizeof jpeg_cut, "JPEG (manca la fine del file)"},
    };
    unsigned char alpha[sizeof png_head];
    memcpy(alpha, png_head, sizeof alpha);
    alpha[25] = 6; /* RGBA */
    cases[2].data = alpha;
    cases[2].len = sizeof alpha;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char logo[512];
        snprintf(logo, sizeof logo, "%s/%s", tmp, cases[i].name);
        if (cases[i].data)
            write_file(logo, cases[i].data, cases[i].len);
        rz_diags d;
        CHECK(render(doc_rich, NULL, logo, &d) == RZ_INVALID);
        CHECK(names_file(&d, logo));
        CHECK(mentions(&d, "logo", cases[i].says));
        if (!mentions(&d, "logo", cases[i].says))
            rz_diags_print(&d, stderr);
        rz_diags_free(&d);
    }
}

#ifdef RELAZIONE_FAULT_INJECTION
/* Memory running out at the n-th arena block, for every n until a
 * rendering completes: RZ_IO with a word about memory, no output. */
static void test_out_of_memory(void)
{
    int completed = 0;
    long n = 0;
    for (; n < 5000 && !completed; n++) {
        rz_arena_fail_after(n);
        rz_diags d;
        rz_status st = render(doc_rich, NULL, NULL, &d);
        long failed = rz_arena_fail_after(-1);
        if (failed == 0) {
            CHECK(st == RZ_OK);
            completed = 1;
        } else {
            CHECK(st == RZ_IO);
            CHECK(mentions(&d, "pdf", "memoria insufficiente"));
        }
        rz_diags_free(&d);
    }
    CHECK(completed && n > 3);
}
#endif

int main(void)
{
    if (access(FONTS "/DejaVuSans.ttf", R_OK) != 0 ||
        access(FONTS "/DejaVuSansCondensed.ttf", R_OK) != 0) {
        printf("SKIP: DejaVu fonts not in " FONTS " (scripts/setup.sh installs them)\n");
        return 77;
    }
    CHECK(mkdtemp(tmp) != NULL);
    unsetenv("RELAZIONE_FONT_DIR");
    test_empty_folder();
    test_core_only();
    test_unreadable_font();
    test_folder_choice();
    test_logo();
#ifdef RELAZIONE_FAULT_INJECTION
    test_out_of_memory();
#endif
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    CHECK(system(cmd) == 0);
    return check_done();
}
