/*
 * buf.h — a growable byte buffer for building text (Markdown, JSON).
 *
 * Appends never fail visibly: on allocation failure the buffer is marked
 * failed, further appends are ignored, and rz_buf_failed() tells the caller
 * once at the end, which keeps building code free of error plumbing.
 */
#ifndef RZ_BUF_H
#define RZ_BUF_H

#include "diag.h"
#include <stddef.h>

typedef struct {
    char *data; /* NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
    int failed;
} rz_buf;

void rz_buf_init(rz_buf *b);
void rz_buf_free(rz_buf *b);
void rz_buf_append(rz_buf *b, const void *data, size_t n);
void rz_buf_puts(rz_buf *b, const char *s);
void rz_buf_putc(rz_buf *b, char c);
void rz_buf_printf(rz_buf *b, const char *fmt, ...) RZ_PRINTF(2, 3);
int rz_buf_failed(const rz_buf *b);
/* The contents as a NUL-terminated string ("" when empty). */
const char *rz_buf_str(rz_buf *b);

#endif
