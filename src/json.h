/*
 * json.h — views to and from JSON.
 *
 * The writer is what `relazione score` prints: deterministic (map order as
 * inserted), 2-space indented, UTF-8 passed through, control characters
 * escaped. The reader loads the Mustache specification tests and test data;
 * it refuses nesting deeper than 512 and reports errors with their line.
 */
#ifndef RZ_JSON_H
#define RZ_JSON_H

#include "buf.h"
#include "view.h"

void rz_json_write(const rz_view *v, rz_buf *out);

/* Parses text into doc; *out is the root. name is the file name used in
 * diagnostics. */
rz_status rz_json_parse(const char *text, size_t len, rz_view_doc *doc, rz_view **out,
                        const char *name, rz_diags *d);

#endif
