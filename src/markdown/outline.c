/* outline.c — see outline.h. */
#define _POSIX_C_SOURCE 200809L
#include "outline.h"

#include <stdlib.h>
#include <string.h>

void rz_outline_init(rz_outline *o)
{
    memset(o, 0, sizeof *o);
}

void rz_outline_free(rz_outline *o)
{
    for (size_t i = 0; i < o->count; i++)
        free(o->items[i].title);
    free(o->items);
    rz_outline_init(o);
}

int rz_outline_add(rz_outline *o, int level, const char *title, size_t page)
{
    if (o->count == o->cap) {
        size_t cap = o->cap ? 2 * o->cap : 64;
        rz_outline_entry *n = realloc(o->items, cap * sizeof *n);
        if (!n)
            return 0;
        o->items = n;
        o->cap = cap;
    }
    char *t = strdup(title ? title : "");
    if (!t)
        return 0;
    o->items[o->count++] = (rz_outline_entry){level, t, page};
    return 1;
}

void rz_outline_from_markdown(rz_outline *o, const char *md, size_t len)
{
    int fenced = 0;
    for (size_t at = 0; at < len;) {
        const char *line = md + at;
        const char *nl = memchr(line, '\n', len - at);
        size_t n = nl ? (size_t)(nl - line) : len - at;
        at += n + (nl ? 1 : 0);
        if (n >= 3 && (!strncmp(line, "```", 3) || !strncmp(line, "~~~", 3))) {
            fenced = !fenced;
            continue;
        }
        int level = 0;
        while ((size_t)level < n && line[level] == '#')
            level++;
        if (fenced || level == 0 || level > 6 || (size_t)level >= n || line[level] != ' ')
            continue;
        char *t = malloc(n + 1);
        if (!t)
            return;
        size_t k = 0;
        for (size_t i = (size_t)level + 1; i < n; i++) {
            if (line[i] == '\\' && i + 1 < n &&
                strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", line[i + 1]))
                i++;
            t[k++] = line[i];
        }
        while (k && (t[k - 1] == ' ' || t[k - 1] == '#' || t[k - 1] == '\r'))
            k--;
        t[k] = '\0';
        rz_outline_add(o, level, t, 0);
        free(t);
    }
}

const rz_outline_entry *rz_outline_find(const rz_outline *o, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; o && i < o->count; i++) {
        const char *t = o->items[i].title;
        if (!strncmp(t, prefix, n) && (t[n] == '\0' || t[n] == ' '))
            return &o->items[i];
    }
    return NULL;
}
