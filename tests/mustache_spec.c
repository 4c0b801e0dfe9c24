/*
 * mustache_spec.c — runs every case of the official Mustache specification
 * (the JSON files in ../shared/mustache-spec): comments, interpolation, sections,
 * inverted sections, partials and delimiters. Lambdas are not part of that
 * folder and not implemented.
 */
#include "testing.h"
#include "relazione.h"

#include <stdlib.h>

typedef struct {
    const rz_view *partials;
} spec_partials;

static char *load_partial(void *ctx, const char *name, size_t *len)
{
    const spec_partials *sp = ctx;
    const char *s = rz_view_as_str(rz_view_get(sp->partials, name));
    if (!s)
        return NULL;
    *len = strlen(s);
    char *r = malloc(*len + 1);
    if (r)
        memcpy(r, s, *len + 1);
    return r;
}

static void run_file(const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "../shared/mustache-spec/%s", file);
    rz_diags d;
    rz_diags_init(&d);
    char *text = NULL;
    size_t len = 0;
    if (rz_read_file(path, 1u << 22, &text, &len, &d) != RZ_OK) {
        rz_diags_print(&d, stderr);
        CHECK(!"spec file readable");
        rz_diags_free(&d);
        return;
    }
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *root = NULL;
    CHECK(rz_json_parse(text, len, doc, &root, path, &d) == RZ_OK);
    const rz_view *tests = rz_view_get(root, "tests");
    for (size_t i = 0; i < rz_view_len(tests); i++) {
        const rz_view *tc = rz_view_at(tests, i);
        const char *name = rz_view_as_str(rz_view_get(tc, "name"));
        const char *tmpl = rz_view_as_str(rz_view_get(tc, "template"));
        const char *expected = rz_view_as_str(rz_view_get(tc, "expected"));
        spec_partials sp = {rz_view_get(tc, "partials")};
        rz_mustache_options opt = {NULL, load_partial, &sp, 0};
        rz_mustache *t = rz_mustache_compile(tmpl, strlen(tmpl), name, &d);
        rz_buf out;
        rz_buf_init(&out);
        if (t)
            rz_mustache_render(t, rz_view_get(tc, "data"), &opt, &out, &d);
        int ok = t && strcmp(rz_buf_str(&out), expected) == 0;
        CHECK(ok);
        if (!ok)
            fprintf(stderr, "%s / %s\n  template: [%s]\n  expected: [%s]\n  got:      [%s]\n", file,
                    name, tmpl, expected, rz_buf_str(&out));
        rz_buf_free(&out);
        rz_mustache_free(t);
    }
    rz_diags_free(&d);
    rz_view_doc_free(doc);
    free(text);
}

int main(void)
{
    const char *files[] = {"comments.json", "interpolation.json", "sections.json",
                           "inverted.json", "partials.json",      "delimiters.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        run_file(files[i]);
    return check_done();
}
