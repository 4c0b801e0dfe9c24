/*
 * diag.c — the diagnostics list.
 *
 * A growable array; messages are formatted once into owned strings. Sorting is
 * stable (insertion order breaks ties) so that two problems on one line keep
 * the order in which the checks found them.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *rz_status_str(rz_status s)
{
    switch (s) {
    case RZ_OK:
        return "ok";
    case RZ_INVALID:
        return "invalid input";
    case RZ_IO:
        return "I/O or internal error";
    }
    return "unknown status";
}

void rz_diags_init(rz_diags *d)
{
    memset(d, 0, sizeof *d);
}

void rz_diags_free(rz_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].check);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

void rz_diag_add(rz_diags *d, rz_severity sev, const char *file, long line, const char *check,
                 const char *fmt, ...)
{
    if (sev == RZ_ERROR)
        d->errors++;
    else if (sev == RZ_WARNING)
        d->warnings++;
    if (d->limit && d->count >= d->limit) {
        d->dropped++;
        return;
    }
    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 16;
        rz_diag *n = realloc(d->items, ncap * sizeof *n);
        if (!n) {
            d->dropped++;
            return;
        }
        d->items = n;
        d->cap = ncap;
    }
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = NULL;
    if (len >= 0) {
        msg = malloc((size_t)len + 1);
        if (msg)
            vsnprintf(msg, (size_t)len + 1, fmt, ap2);
    }
    va_end(ap2);
    rz_diag *g = &d->items[d->count++];
    g->severity = sev;
    g->file = dup_or_null(file);
    g->line = line;
    g->message = msg;
    g->check = dup_or_null(check);
    g->materiality = 0;
}

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* qsort is not stable, so the original position breaks ties: two problems
 * on one line keep the order in which the checks found them. Diagnostics
 * derived from another file's errors come after all the others. */
typedef struct {
    rz_diag diag;
    size_t order;
} ordered_diag;

static int derived(const rz_diag *d)
{
    return d->check && strcmp(d->check, RZ_CHECK_DEPENDS) == 0;
}

static int cmp_diag(const void *pa, const void *pb)
{
    const ordered_diag *a = pa, *b = pb;
    if (derived(&a->diag) != derived(&b->diag))
        return derived(&a->diag) - derived(&b->diag);
    int c = cmp_str(a->diag.file, b->diag.file);
    if (c)
        return c;
    if (a->diag.line != b->diag.line)
        return a->diag.line < b->diag.line ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

void rz_diags_sort(rz_diags *d)
{
    if (d->count < 2)
        return;
    ordered_diag *tmp = malloc(d->count * sizeof *tmp);
    if (!tmp)
        return; /* unsorted but complete */
    for (size_t i = 0; i < d->count; i++) {
        tmp[i].diag = d->items[i];
        tmp[i].order = i;
    }
    qsort(tmp, d->count, sizeof *tmp, cmp_diag);
    for (size_t i = 0; i < d->count; i++)
        d->items[i] = tmp[i].diag;
    free(tmp);
}

static const char *sev_str(rz_severity s)
{
    switch (s) {
    case RZ_ERROR:
        return "error";
    case RZ_WARNING:
        return "warning";
    case RZ_NOTE:
        return "note";
    }
    return "note";
}

void rz_diags_print(const rz_diags *d, FILE *f)
{
    for (size_t i = 0; i < d->count; i++) {
        const rz_diag *g = &d->items[i];
        if (g->file && g->line > 0)
            fprintf(f, "%s:%ld: ", g->file, g->line);
        else if (g->file)
            fprintf(f, "%s: ", g->file);
        fprintf(f, "%s: %s", sev_str(g->severity), g->message ? g->message : "(out of memory)");
        if (g->check)
            fprintf(f, " [%s]", g->check);
        fputc('\n', f);
    }
    if (d->dropped)
        fprintf(f, "relazione: %zu further diagnostics not shown\n", d->dropped);
}

void rz_diag_out_of_memory(rz_diags *d, const char *file, const char *doing)
{
    rz_diag_add(d, RZ_ERROR, file, 0, "memoria", "memoria esaurita %s", doing);
}

int rz_diags_has(const rz_diags *d, const char *check)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].check && strcmp(d->items[i].check, check) == 0)
            return 1;
    return 0;
}

rz_diags *rz_diags_new(void)
{
    rz_diags *d = malloc(sizeof *d);
    if (d)
        rz_diags_init(d);
    return d;
}

void rz_diags_destroy(rz_diags *d)
{
    if (!d)
        return;
    rz_diags_free(d);
    free(d);
}

size_t rz_diags_count(const rz_diags *d)
{
    return d->count;
}

size_t rz_diags_errors(const rz_diags *d)
{
    return d->errors;
}

size_t rz_diags_warnings(const rz_diags *d)
{
    return d->warnings;
}

rz_severity rz_diags_severity(const rz_diags *d, size_t i)
{
    return d->items[i].severity;
}

const char *rz_diags_file(const rz_diags *d, size_t i)
{
    return d->items[i].file;
}

long rz_diags_line(const rz_diags *d, size_t i)
{
    return d->items[i].line;
}

const char *rz_diags_message(const rz_diags *d, size_t i)
{
    return d->items[i].message ? d->items[i].message : "(memoria esaurita)";
}

const char *rz_diags_check(const rz_diags *d, size_t i)
{
    return d->items[i].check ? d->items[i].check : "";
}
