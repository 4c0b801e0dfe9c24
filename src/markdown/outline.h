/*
 * outline.h — where each heading of a document is: its level, its text and,
 * once the document has been laid out, the page it landed on.
 *
 * The PDF renderer fills it while it lays a document out; without a PDF it
 * is read from the Markdown (pages unknown). The validation document cites
 * the Relazione by chapter and page through it.
 */
#ifndef RZ_OUTLINE_H
#define RZ_OUTLINE_H

#include <stddef.h>

typedef struct {
    int level;
    char *title;
    size_t page; /* as printed ("Pagina N di M"); 0 when unknown */
} rz_outline_entry;

typedef struct {
    rz_outline_entry *items;
    size_t count, cap;
    size_t pages; /* the document's page count; 0 when unknown */
} rz_outline;

void rz_outline_init(rz_outline *o);
void rz_outline_free(rz_outline *o);

/* Appends a heading (title copied); returns 0 when memory runs out. */
int rz_outline_add(rz_outline *o, int level, const char *title, size_t page);

/* The ATX headings of md ("# …" at the left margin, outside fenced code),
 * with Markdown backslash escapes removed; pages unknown. */
void rz_outline_from_markdown(rz_outline *o, const char *md, size_t len);

/* The first heading whose title starts with prefix followed by a space, or
 * equals it; NULL if none. */
const rz_outline_entry *rz_outline_find(const rz_outline *o, const char *prefix);

#endif
