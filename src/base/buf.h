/*
 * buf.h — a growable byte buffer for building text (Markdown, JSON).
 *
 * Appends never fail visibly: on allocation failure the buffer is marked
 * failed, further appends are ignored, and rz_buf_failed() tells the caller
 * once at the end, which keeps building code free of error plumbing.
 *
 * The buffer owns its data. Capacity doubles, so appending is amortised
 * constant time. A zeroed rz_buf is a valid empty buffer.
 */
#ifndef RZ_BUF_H
#define RZ_BUF_H

#include "diag.h"
#include <stddef.h>

typedef struct {
    char *data; /* NUL-terminated after any append; NULL while empty */
    size_t len;
    size_t cap;
    int failed;
} rz_buf;

/* Makes b an empty buffer. */
void rz_buf_init(rz_buf *b);

/* Frees b's data and makes it empty again (and no longer failed). */
void rz_buf_free(rz_buf *b);

/* Empties b but keeps its memory for reuse. */
void rz_buf_clear(rz_buf *b);

/* Appends n bytes (which may include NUL bytes). */
void rz_buf_append(rz_buf *b, const void *data, size_t n);

/* Appends a NUL-terminated string. */
void rz_buf_puts(rz_buf *b, const char *s);

/* Appends one byte. */
void rz_buf_putc(rz_buf *b, char c);

/* Appends what printf would print. */
void rz_buf_printf(rz_buf *b, const char *fmt, ...) RZ_PRINTF(2, 3);

/* Returns 1 if an append was lost for lack of memory, 0 otherwise. */
int rz_buf_failed(const rz_buf *b);

/* The contents as a NUL-terminated string ("" when empty). */
const char *rz_buf_str(rz_buf *b);

/* Hands the contents over to the caller as a malloc'ed NUL-terminated
 * string (to free with free()) and leaves b empty. Returns NULL if the
 * buffer failed or memory runs out. */
char *rz_buf_detach(rz_buf *b, size_t *len);

#endif
