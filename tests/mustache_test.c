/*
 * mustache_test.c — what the specification does not cover: compile errors
 * with their lines, warnings for mistyped names, escaping callbacks, the
 * directory loader and its refusals, partial caching across renders,
 * recursion limits, and linear compile and render times.
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static rz_diags diags;

/* Renders text over view; returns the output (malloc'ed) or NULL when the
 * template does not compile. */
static char *render(const char *text, const rz_view *view, const rz_mustache_options *opt,
                    rz_status *status)
{
    rz_mustache *t = rz_mustache_compile(text, strlen(text), "prova.md.mustache", &diags);
    if (!t)
        return NULL;
    rz_buf out;
    rz_buf_init(&out);
    rz_status st = rz_mustache_render(t, view, opt, &out, &diags);
    if (status)
        *status = st;
    rz_mustache_free(t);
    char *s = rz_buf_detach(&out, NULL);
    return s;
}

/* Whether compiling text fails with one error on line, its message
 * containing what. */
static int compile_error(const char *text, long line, const char *what)
{
    size_t before = diags.count;
    rz_mustache *t = rz_mustache_compile(text, strlen(text), "x.md.mustache", &diags);
    int ok = !t && diags.count == before + 1 && diags.items[before].line == line &&
             diags.items[before].severity == RZ_ERROR &&
             strcmp(diags.items[before].file, "x.md.mustache") == 0 &&
             strstr(diags.items[before].message, what) != NULL;
    if (!ok)
        fprintf(stderr, "compile error not as expected for: %s\n", text);
    rz_mustache_free(t);
    return ok;
}

/* The number of warnings added since before with this line and check. */
static size_t warnings_since(size_t before, long line, const char *file)
{
    size_t n = 0;
    for (size_t i = before; i < diags.count; i++)
        if (diags.items[i].severity == RZ_WARNING && diags.items[i].line == line &&
            strcmp(diags.items[i].file, file) == 0)
            n++;
    return n;
}

static void test_compile_errors(void)
{
    CHECK(compile_error("a\n{{#sezione}}\nb\n", 2, "'sezione' non è mai chiusa"));
    CHECK(compile_error("{{#a}}\n{{#b}}\n{{/a}}\n", 3, "è aperta 'b' (riga 2)"));
    CHECK(compile_error("x\n\n{{/a}}", 3, "mai aperta"));
    CHECK(compile_error("x\ny {{nome", 2, "mai chiuso"));
    CHECK(compile_error("{{{nome}}", 1, "mai chiuso"));
    CHECK(compile_error("\n{{= a =}}", 2, "delimitatori"));
    CHECK(compile_error("{{=<% =%>=}}", 1, "delimitatori"));
    CHECK(compile_error("{{=<%% %%%%%%%%%%%%%%%%>=}}", 1, "delimitatori"));
    CHECK(compile_error("riga\n{{}}", 2, "senza nome"));
    CHECK(compile_error("{{# }}{{/ }}", 1, "senza nome"));
    CHECK(compile_error("{{=<% %>=}}\n<%#a%>\n{{/a}}", 2, "non è mai chiusa"));
    /* 100 nested sections compile, 101 do not. */
    for (int n = 100; n <= 101; n++) {
        rz_buf b;
        rz_buf_init(&b);
        for (int i = 0; i < n; i++)
            rz_buf_printf(&b, "{{#s%d}}\n", i);
        for (int i = n; i-- > 0;)
            rz_buf_printf(&b, "{{/s%d}}\n", i);
        if (n == 100) {
            rz_mustache *t = rz_mustache_compile(b.data, b.len, "x.md.mustache", &diags);
            CHECK(t != NULL);
            rz_mustache_free(t);
        } else {
            CHECK(compile_error(b.data, 101, "oltre 100 livelli"));
        }
        rz_buf_free(&b);
    }
    /* A comment may span lines and hold an opening delimiter; it ends at the
     * first closing one. */
    rz_view_doc *doc = rz_view_doc_new();
    char *s = render("a{{! un {{#x \n su due righe }}b{{! {{y}} c}}", rz_view_map(doc), NULL, NULL);
    CHECK_STR(s, "ab c}}");
    free(s);
    rz_view_doc_free(doc);
}

static void test_interpolation(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = rz_view_map(doc);
    rz_view_set_str(v, "titolo", "*Promozione* | <b>imprese</b> & [link](x)");
    rz_view_set_num(v, "peso", 1.5);
    rz_view_set_num(v, "n", 100);
    rz_view_set_bool(v, "vero", 1);
    rz_view *rows = rz_view_list(doc);
    for (int i = 0; i < 3; i++) {
        rz_view *r = rz_view_map(doc);
        rz_view_set_num(r, "x", i + 0.25);
        rz_view_push(rows, r);
    }
    rz_view_set(v, "righe", rows);
    char *s = render("{{titolo}}", v, NULL, NULL);
    CHECK_STR(s, "*Promozione* | &lt;b&gt;imprese&lt;/b&gt; &amp; [link](x)");
    free(s);
    rz_mustache_options md = {rz_escape_markdown, NULL, NULL, 0};
    s = render("| {{titolo}} | {{{titolo}}} | {{&titolo}} |", v, &md, NULL);
    CHECK_STR(s, "| \\*Promozione\\* \\| \\<b>imprese\\</b> \\& \\[link\\](x) | "
                 "*Promozione* | <b>imprese</b> & [link](x) | "
                 "*Promozione* | <b>imprese</b> & [link](x) |");
    free(s);
    s = render("{{peso}} {{n}} {{vero}} {{righe.1.x}} {{righe.7.x}}|{{#righe}}{{x}};{{/righe}}", v,
               NULL, NULL);
    CHECK_STR(s, "1.5 100 true 1.25 |0.25;1.25;2.25;");
    free(s);
    rz_view_doc_free(doc);
}

static void test_warnings(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = rz_view_map(doc);
    rz_view *list = rz_view_list(doc);
    for (int i = 0; i < 100; i++) {
        rz_view *r = rz_view_map(doc);
        rz_view_set_strf(r, "codice", "OB%d", i);
        if (i == 0)
            rz_view_set_str(r, "nota", "solo il primo");
        rz_view_push(list, r);
    }
    rz_view_set(v, "obiettivi", list);
    rz_view_set_str(v, "ente", "CCIAA");
    const char *tmpl = "{{ente}}\n"
                       "{{#obiettivi}}\n"
                       "{{codice}} {{cdoice}} {{#nota}}n{{/nota}}\n"
                       "{{/obiettivi}}\n"
                       "{{#obbiettivi}}x{{/obbiettivi}}{{^ennte}}y{{/ennte}}\n"
                       "{{obiettivi}}\n";
    rz_mustache_options quiet = {NULL, NULL, NULL, 0};
    rz_mustache_options names = {NULL, NULL, NULL, RZ_MUSTACHE_WARN_NAMES};
    rz_mustache_options all = {NULL, NULL, NULL, RZ_MUSTACHE_WARN_SECTIONS};
    size_t before = diags.count;
    char *s = render(tmpl, v, &quiet, NULL);
    CHECK(diags.count == before);
    CHECK(s && strncmp(s, "CCIAA\nOB0  n\nOB1  \n", 19) == 0);
    free(s);
    /* The mistyped name inside the loop: one warning, with its line, though
     * the loop runs 100 times; "nota" is absent in 99 rows but a section
     * probe, so no warning; the list interpolated as a value: one. */
    before = diags.count;
    s = render(tmpl, v, &names, NULL);
    free(s);
    CHECK(diags.count == before + 2);
    CHECK(warnings_since(before, 3, "prova.md.mustache") == 1);
    CHECK(warnings_since(before, 6, "prova.md.mustache") == 1);
    CHECK(strstr(diags.items[before].message, "'cdoice'") != NULL);
    /* The strict level adds the sections whose names the data never have. */
    before = diags.count;
    s = render(tmpl, v, &all, NULL);
    free(s);
    CHECK(diags.count == before + 4);
    CHECK(warnings_since(before, 5, "prova.md.mustache") == 2);
    rz_view_doc_free(doc);
}

typedef struct {
    const rz_view *partials;
    int calls;
} partial_source;

static char *from_view(void *ctx, const char *name, size_t *len)
{
    partial_source *ps = ctx;
    ps->calls++;
    const char *s = rz_view_as_str(rz_view_get(ps->partials, name));
    if (!s)
        return NULL;
    *len = strlen(s);
    return strdup(s);
}

static void test_partials(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *parts = rz_view_map(doc);
    rz_view_set_str(parts, "riga", "- {{codice}}\n");
    rz_view_set_str(parts, "nodo", "{{nome}}\n{{#figli}}\n  {{>nodo}}\n{{/figli}}\n");
    rz_view_set_str(parts, "se-stesso", "x{{>se-stesso}}");
    rz_view_set_str(parts, "rotto", "a\n{{#aperta}}");
    partial_source ps = {parts, 0};
    rz_mustache_options opt = {NULL, from_view, &ps, RZ_MUSTACHE_WARN_NAMES};

    /* Compile once, render many: the partial is loaded once. */
    rz_mustache *t = rz_mustache_compile("{{#righe}}\n{{>riga}}\n{{/righe}}\n", 32, "t", &diags);
    CHECK(t != NULL);
    for (int round = 0; round < 3; round++) {
        rz_view *v = rz_view_map(doc);
        rz_view *rows = rz_view_list(doc);
        for (int i = 0; i <= round; i++) {
            rz_view *r = rz_view_map(doc);
            rz_view_set_strf(r, "codice", "R%d", i);
            rz_view_push(rows, r);
        }
        rz_view_set(v, "righe", rows);
        rz_buf out;
        rz_buf_init(&out);
        CHECK(rz_mustache_render(t, v, &opt, &out, &diags) == RZ_OK);
        CHECK_STR(rz_buf_str(&out), round == 0   ? "- R0\n"
                                    : round == 1 ? "- R0\n- R1\n"
                                                 : "- R0\n- R1\n- R2\n");
        rz_buf_free(&out);
    }
    CHECK(ps.calls == 1);
    rz_mustache_free(t);

    /* A recursive partial over a tree ten levels deep, indented per level. */
    rz_view *root = rz_view_map(doc), *node = root;
    for (int i = 0; i < 10; i++) {
        rz_view_set_strf(node, "nome", "n%d", i);
        rz_view *kids = rz_view_list(doc);
        rz_view_set(node, "figli", kids);
        if (i < 9) {
            rz_view *child = rz_view_map(doc);
            rz_view_push(kids, child);
            node = child;
        }
    }
    char *s = render("{{>nodo}}", root, &opt, NULL);
    CHECK(s && strncmp(s, "n0\n  n1\n    n2\n", 15) == 0);
    CHECK(s && strstr(s, "\n                  n9\n") != NULL);
    free(s);

    /* Endless recursion stops at the limit with an error. */
    size_t before = diags.count;
    rz_status st = RZ_OK;
    s = render("{{>se-stesso}}", root, &opt, &st);
    CHECK(st == RZ_INVALID && rz_diags_has(&diags, "template"));
    CHECK(s && strlen(s) == RZ_MUSTACHE_MAX_PARTIALS);
    free(s);
    /* A partial that does not compile fails the render, on every render. */
    t = rz_mustache_compile("{{>rotto}}", 10, "t", &diags);
    for (int round = 0; round < 2; round++) {
        before = diags.count;
        rz_buf out;
        rz_buf_init(&out);
        CHECK(rz_mustache_render(t, root, &opt, &out, &diags) == RZ_INVALID);
        CHECK(diags.count == before + 1 && strcmp(diags.items[before].file, "rotto") == 0 &&
              diags.items[before].line == 2);
        rz_buf_free(&out);
    }
    rz_mustache_free(t);
    /* A missing partial renders as nothing, with a warning. */
    before = diags.count;
    s = render("a{{>manca}}b", root, &opt, &st);
    CHECK_STR(s, "ab");
    CHECK(st == RZ_OK && diags.count == before + 1 &&
          strcmp(diags.items[before].check, "template-partial") == 0);
    free(s);
    rz_view_doc_free(doc);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *path = rz_path_join(dir, name);
    rz_write_atomic(path, text, strlen(text), &diags);
    free(path);
}

static void test_directory_loader(void)
{
    char dir[] = "/tmp/rz-mustache-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0 && "temporary directory");
        return;
    }
    write_file(dir, "_testata.md.mustache", "# {{titolo}}\n\n{{refuso}}\n");
    write_file(dir, "_piede.mustache", "-- fine");
    write_file(dir, "_entrambi.md.mustache", "md");
    write_file(dir, "_entrambi.mustache", "semplice");
    write_file(dir, ".nascosto.mustache", "segreto");
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = rz_view_map(doc);
    rz_view_set_str(v, "titolo", "Relazione 2020");
    rz_mustache_options opt = {rz_escape_markdown, rz_partials_from_dir, dir,
                               RZ_MUSTACHE_WARN_NAMES};
    size_t before = diags.count;
    char *s = render("{{>_testata}}\n{{>_piede}} {{>_entrambi}}", v, &opt, NULL);
    CHECK_STR(s, "# Relazione 2020\n\n\n-- fine md");
    free(s);
    /* The warning from inside the partial names the partial's file. */
    char *file = rz_path_join(dir, "_testata.md.mustache");
    CHECK(diags.count == before + 1 && warnings_since(before, 3, file) == 1);
    free(file);
    /* Names that would leave the directory, or hidden files, are refused. */
    size_t len = 0;
    CHECK(rz_partials_from_dir(dir, ".nascosto", &len) == NULL);
    CHECK(rz_partials_from_dir(dir, "../tmp/x", &len) == NULL);
    CHECK(rz_partials_from_dir(dir, "a/b", &len) == NULL);
    CHECK(rz_partials_from_dir(dir, "a\\b", &len) == NULL);
    CHECK(rz_partials_from_dir(dir, "", &len) == NULL);
    CHECK(rz_partials_from_dir(NULL, "_piede", &len) == NULL);
    s = rz_partials_from_dir(dir, "_piede", &len);
    CHECK(s && len == 7);
    free(s);
    static const char *const files[] = {"_testata.md.mustache", "_piede.mustache",
                                        "_entrambi.md.mustache", "_entrambi.mustache",
                                        ".nascosto.mustache"};
    for (size_t i = 0; i < 5; i++) {
        char *p = rz_path_join(dir, files[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
    rz_view_doc_free(doc);
}

/* Random templates built from tag fragments: each either compiles and
 * renders (whatever it outputs) or fails with at least one error. */
static void test_random_templates(void)
{
    static const char *const pieces[] = {
        "{{",      "}}",     "{{#a}}",      "{{/a}}", "{{^b}}",  "{{/b}}",      "{{#l}}", "{{/l}}",
        "{{>p}}",  "{{>q}}", "{{=<% %>=}}", "<%",     "%>",      "<%={{ }}=%>", "{{{",    "}}}",
        "{{{a}}}", "{{&a}}", "{{!",         "{{.}}",  "{{a.b}}", "{{l.0.x}}",   "\n",     "  ",
        "\r\n",    "x",      "{",           "}",      "=",       "#",           "/",      ">"};
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = rz_view_map(doc);
    rz_view_set_str(v, "a", "<&>");
    rz_view *l = rz_view_list(doc);
    rz_view *item = rz_view_map(doc);
    rz_view_set_num(item, "x", 1.5);
    rz_view_push(l, item);
    rz_view_push(l, rz_view_str(doc, "s"));
    rz_view_set(v, "l", l);
    rz_view *parts = rz_view_map(doc);
    rz_view_set_str(parts, "p", "[{{a}}{{#l}}{{>p}}{{/l}}]");
    rz_view_set_str(parts, "q", "{{#a}}");
    partial_source ps = {parts, 0};
    rz_mustache_options opt = {NULL, from_view, &ps, RZ_MUSTACHE_WARN_SECTIONS};
    uint64_t seed = 0x9E3779B97F4A7C15u;
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        rz_buf src;
        rz_buf_init(&src);
        for (int k = 0; k < 1 + i % 12; k++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            rz_buf_puts(&src, pieces[seed % (sizeof pieces / sizeof pieces[0])]);
        }
        /* An exact-size copy, so ASan sees any read past the end. */
        char *exact = malloc(src.len ? src.len : 1);
        memcpy(exact, rz_buf_str(&src), src.len);
        rz_diags local;
        rz_diags_init(&local);
        rz_mustache *t = rz_mustache_compile(exact, src.len, "r", &local);
        if (t) {
            rz_buf out;
            rz_buf_init(&out);
            rz_status st = rz_mustache_render(t, v, &opt, &out, &local);
            if (st != RZ_OK && local.errors == 0)
                bad++;
            rz_buf_free(&out);
        } else if (local.errors == 0) {
            bad++;
        }
        rz_mustache_free(t);
        rz_diags_free(&local);
        free(exact);
        rz_buf_free(&src);
    }
    CHECK(bad == 0);
    rz_view_doc_free(doc);
}

static double seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A 20 000-tag template on one line and on many compiles in linear time;
 * a 20 000-row table renders likewise. */
static void test_scale(void)
{
    double t0 = seconds();
    for (int one_line = 0; one_line <= 1; one_line++) {
        rz_buf b;
        rz_buf_init(&b);
        for (int i = 0; i < 20000; i++)
            rz_buf_printf(&b, one_line ? "{{#s}}{{x%d}}{{/s}} " : "{{#s}}\n{{x%d}}\n{{/s}}\n", i);
        rz_mustache *t = rz_mustache_compile(b.data, b.len, "grande", &diags);
        CHECK(t != NULL);
        rz_mustache_free(t);
        rz_buf_free(&b);
    }
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = rz_view_map(doc);
    rz_view *rows = rz_view_list(doc);
    for (int i = 0; i < 20000; i++) {
        rz_view *r = rz_view_map(doc);
        rz_view_set_strf(r, "codice", "IND-%d", i);
        rz_view_set_str(r, "titolo", "Tempi medi di pagamento | fatture");
        rz_view_set_num(r, "punteggio", 97.75);
        rz_view_push(rows, r);
    }
    rz_view_set(v, "righe", rows);
    rz_mustache_options md = {rz_escape_markdown, NULL, NULL, RZ_MUSTACHE_WARN_NAMES};
    char *s = render("| Codice | Titolo | Punteggio |\n|---|---|---:|\n"
                     "{{#righe}}\n| {{codice}} | {{titolo}} | {{punteggio}} |\n{{/righe}}\n",
                     v, &md, NULL);
    CHECK(s && strstr(s, "| IND-19999 | Tempi medi di pagamento \\| fatture | 97.75 |\n"));
    free(s);
    rz_view_doc_free(doc);
    double t = seconds() - t0;
    printf("compiled 40 000 tags and rendered 20 000 rows in %.3f s\n", t);
    CHECK(t < 10);
}

int main(void)
{
    rz_diags_init(&diags);
    test_compile_errors();
    test_interpolation();
    test_warnings();
    test_partials();
    test_directory_loader();
    test_random_templates();
    test_scale();
    rz_diags_free(&diags);
    return check_done();
}
