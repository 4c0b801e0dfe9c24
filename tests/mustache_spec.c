/*
 * mustache_spec.c — runs every case of every JSON file of the official
 * Mustache specification (comments,
 * interpolation, sections, inverted sections, partials, delimiters), read
 * with our own JSON reader. Optional modules, whose file names start with
 * '~' in the specification (lambdas, dynamic names, inheritance), are
 * skipped and counted: the engine does not implement them.
 *
 * The specification is not part of the repository: its folder is the first
 * argument (CTest passes ../shared/mustache-spec beside the clone). When it
 * is absent the test exits 77, which CTest reports as skipped.
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "internal.h"

#include <dirent.h>
#include <stdlib.h>

#define SKIPPED 77

static const char *spec_dir = "../shared/mustache-spec";

static char *load_partial(void *ctx, const char *name, size_t *len)
{
    const char *s = rz_view_as_str(rz_view_get(ctx, name));
    if (!s)
        return NULL;
    *len = strlen(s);
    return strdup(s);
}

/* Runs the cases of one file; returns how many there were. */
static size_t run_file(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", spec_dir, file);
    rz_diags d;
    rz_diags_init(&d);
    char *text = NULL;
    size_t len = 0;
    size_t cases = 0;
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *root = NULL;
    if (rz_read_file(path, 1u << 22, &text, &len, &d) != RZ_OK ||
        rz_json_parse(text, len, doc, &root, path, &d) != RZ_OK) {
        rz_diags_print(&d, stderr);
        CHECK(0 && "spec file readable and valid JSON");
    }
    const rz_view *tests = rz_view_get(root, "tests");
    CHECK(rz_view_len(tests) > 0);
    int failed_before = check_failed;
    for (size_t i = 0; i < rz_view_len(tests); i++, cases++) {
        const rz_view *tc = rz_view_at(tests, i);
        const char *name = rz_view_as_str(rz_view_get(tc, "name"));
        const rz_view *tmpl = rz_view_get(tc, "template");
        const char *expected = rz_view_as_str(rz_view_get(tc, "expected"));
        rz_mustache_options opt = {NULL, load_partial, rz_view_get(tc, "partials"), 0};
        rz_diags cd;
        rz_diags_init(&cd);
        rz_mustache *t =
            rz_mustache_compile(rz_view_as_str(tmpl), rz_view_str_len(tmpl), name, &cd);
        rz_buf out;
        rz_buf_init(&out);
        rz_status st = t ? rz_mustache_render(t, rz_view_get(tc, "data"), &opt, &out, &cd) : RZ_IO;
        int ok = st == RZ_OK && expected && strcmp(rz_buf_str(&out), expected) == 0;
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "%s / %s\n  template: [%s]\n  expected: [%s]\n  got:      [%s]\n", file,
                    name, rz_view_as_str(tmpl), expected, rz_buf_str(&out));
            rz_diags_print(&cd, stderr);
        }
        rz_buf_free(&out);
        rz_mustache_free(t);
        rz_diags_free(&cd);
    }
    printf("%-20s %3zu cases, %d failed\n", file, cases, check_failed - failed_before);
    rz_diags_free(&d);
    rz_view_doc_free(doc);
    free(text);
    return cases;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        spec_dir = argv[1];
    DIR *dir = opendir(spec_dir);
    if (!dir) {
        printf("%s: specification not found, test skipped\n", spec_dir);
        return SKIPPED;
    }
    char *names[64];
    size_t n = 0, skipped = 0, cases = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        if (e->d_name[0] == '~')
            skipped++;
        else if (n < sizeof names / sizeof names[0])
            names[n++] = strdup(e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof names[0], by_name);
    for (size_t i = 0; i < n; i++) {
        cases += run_file(names[i]);
        free(names[i]);
    }
    printf("%zu files, %zu cases; %zu optional-module files skipped\n", n, cases, skipped);
    CHECK(n >= 6);
    return check_done();
}
