/*
 * json.h — views to and from JSON (RFC 8259).
 *
 * The writer is what `relazione score` prints: deterministic (maps in
 * insertion order), indented by two spaces, one entry per line, valid UTF-8.
 * The reader loads the Mustache specification tests and the data of other
 * tests; it is strict (no comments, no trailing commas, no leading zeros),
 * refuses nesting deeper than RZ_JSON_MAX_DEPTH and invalid UTF-8, and
 * reports the first error with its line.
 */
#ifndef RZ_JSON_H
#define RZ_JSON_H

#include "buf.h"
#include "view.h"

#define RZ_JSON_MAX_DEPTH 512

/* Appends v as pretty-printed JSON to out, with a final newline. Strings
 * are written with '"', '\\' and control characters escaped and other UTF-8
 * as it is; a byte that is not valid UTF-8 becomes U+FFFD, so the output is
 * always valid. Numbers take their shortest round-tripping form; NaN and
 * infinities, which JSON cannot express, are written as null. A NULL v is
 * written as null. */
void rz_json_write(const rz_view *v, rz_buf *out);

/* Parses the len bytes at text (a leading UTF-8 byte order mark is
 * skipped) into nodes of doc and sets *out to the root. On a syntax error
 * appends one error diagnostic (check "json", file name, line), sets *out to
 * NULL and returns RZ_INVALID; the nodes already made stay in doc until it
 * is freed. Duplicate keys keep the last value. Returns RZ_IO when memory
 * runs out. */
rz_status rz_json_parse(const char *text, size_t len, rz_view_doc *doc, rz_view **out,
                        const char *name, rz_diags *d);

#endif
