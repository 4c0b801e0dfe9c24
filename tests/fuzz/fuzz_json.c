/*
 * fuzz_json.c — libFuzzer harness: the JSON reader, and the writer on
 * what it read (which must read back).
 */
#include "buf.h"
#include "json.h"
#include "view.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = NULL;
    if (rz_json_parse((const char *)data, size, doc, &v, "fuzz.json", &d) == RZ_OK && v) {
        rz_buf out;
        rz_buf_init(&out);
        rz_json_write(v, &out);
        rz_view *again = NULL;
        if (rz_json_parse(out.data ? out.data : "", out.len, doc, &again, "again.json", &d) !=
            RZ_OK)
            abort(); /* what the writer writes, the reader reads */
        rz_buf_free(&out);
    }
    rz_view_doc_free(doc);
    rz_diags_free(&d);
    return 0;
}
