/* buf.c — see buf.h. Capacity doubles, so appends are amortised O(1). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rz_buf_init(rz_buf *b)
{
    memset(b, 0, sizeof *b);
}

void rz_buf_free(rz_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void rz_buf_clear(rz_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static int reserve(rz_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (extra >= (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return 0;
    }
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *n = realloc(b->data, cap);
    if (!n) {
        b->failed = 1;
        return 0;
    }
    b->data = n;
    b->cap = cap;
    return 1;
}

void rz_buf_append(rz_buf *b, const void *data, size_t n)
{
    if (!reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void rz_buf_puts(rz_buf *b, const char *s)
{
    rz_buf_append(b, s, strlen(s));
}

void rz_buf_putc(rz_buf *b, char c)
{
    rz_buf_append(b, &c, 1);
}

void rz_buf_printf(rz_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0 && reserve(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

int rz_buf_failed(const rz_buf *b)
{
    return b->failed;
}

const char *rz_buf_str(rz_buf *b)
{
    return b->data ? b->data : "";
}

char *rz_buf_detach(rz_buf *b, size_t *len)
{
    char *s = NULL;
    if (!b->failed) {
        s = b->data ? b->data : calloc(1, 1);
        if (s && len)
            *len = b->len;
        b->data = NULL;
    }
    rz_buf_free(b);
    return s;
}
