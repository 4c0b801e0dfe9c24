/*
 * fuzz_pdf.c — libFuzzer harness: Markdown laid out and written as PDF,
 * with and without cover and contents. Inputs are capped at 64 KB: the
 * layout is linear (tests/reliability.sh holds the 1 MB word), and small
 * inputs keep the executions many.
 */
#include "pdf_render.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    rz_diags d;
    rz_diags_init(&d);
    int plain = size && (data[0] & 1);
    rz_pdf_options opt = {.cover = !plain, .toc = !plain, .source = "fuzz.md"};
    void *pdf = NULL;
    size_t len = 0;
    rz_pdf_render((const char *)data, size, &opt, &pdf, &len, &d);
    free(pdf);
    rz_diags_free(&d);
    return 0;
}
