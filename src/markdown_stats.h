/*
 * markdown_stats.h — what a generated document contains, counted on its
 * CommonMark + GFM tree: the measures of points J (conciseness) and K
 * (clarity) of the validation, and what tests check.
 */
#ifndef RZ_MARKDOWN_STATS_H
#define RZ_MARKDOWN_STATS_H

#include <stddef.h>

typedef struct {
    size_t words;
    size_t headings;
    size_t tables;
    size_t table_rows; /* header rows included */
    size_t charts;     /* fenced blocks with info string "chart" */
    size_t links;
} rz_md_stats;

void rz_markdown_stats(const char *md, size_t len, rz_md_stats *out);

/* Registers cmark-gfm's core extensions (tables, strikethrough, ...): once
 * per process, safely from any thread. cmark-gfm keeps them in global
 * lists, so every parser of the tool registers them through here. */
void rz_cmark_extensions(void);

#endif
