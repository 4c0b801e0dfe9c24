/*
 * fuzz_mustache.c — libFuzzer harness: a template compiled and rendered
 * with Markdown escaping. The input is the template, then (after the
 * first NUL byte, if any) the JSON of the view it is rendered over.
 */
#include "json.h"
#include "mustache.h"
#include "view.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t tlen = nul ? (size_t)(nul - text) : size;
    rz_diags d;
    rz_diags_init(&d);
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *view = NULL;
    if (nul)
        rz_json_parse(nul + 1, size - tlen - 1, doc, &view, "view.json", &d);
    if (!view)
        view = rz_view_map(doc);
    rz_mustache *t = rz_mustache_compile(text, tlen, "fuzz.md.mustache", &d);
    if (t) {
        rz_mustache_options mo = {rz_escape_markdown, NULL, NULL, RZ_MUSTACHE_WARN_SECTIONS};
        rz_buf out;
        rz_buf_init(&out);
        rz_mustache_render(t, view, &mo, &out, &d);
        rz_mustache_render(t, view, &mo, &out, &d); /* partials and state reused */
        rz_buf_free(&out);
        rz_mustache_free(t);
    }
    rz_view_doc_free(doc);
    rz_diags_free(&d);
    return 0;
}
