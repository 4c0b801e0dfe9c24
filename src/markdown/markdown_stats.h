/*
 * markdown_stats.h — what a generated document contains, counted on its
 * CommonMark + GFM tree: the measures of points J (conciseness) and K
 * (clarity) of the validation, and what tests check.
 */
#ifndef RZ_MARKDOWN_STATS_H
#define RZ_MARKDOWN_STATS_H

#include <cmark-gfm.h>
#include <stddef.h>

typedef struct {
    size_t words;
    size_t headings;
    size_t tables;
    size_t table_rows; /* header rows included */
    size_t charts;     /* fenced blocks with info string "chart" */
    size_t links;
} rz_md_stats;

/* Counts on the tree of md. Large texts are parsed a piece at a time (see
 * rz_markdown_piece), so the tree never holds the whole document. */
void rz_markdown_stats(const char *md, size_t len, rz_md_stats *out);

/* Whether md may be cut into pieces at all: not when it holds anything that
 * could tie distant blocks together — a link reference definition ("]:"),
 * an HTML block (a line opening with "<"), a carriage return. */
int rz_markdown_cuttable(const char *md, size_t len);

/* The end of the piece of a cuttable md that starts at from (0, or the end
 * of the previous piece): a cut made where parsing the pieces one after
 * another gives the same blocks as parsing the whole. Cuts fall before a
 * heading line ("#" to "######" then a space, a tab or the end of the line)
 * at the left margin that follows a blank line outside any fenced code
 * block, once the piece holds at least min bytes. Returns len when no cut
 * is left. */
size_t rz_markdown_piece(const char *md, size_t len, size_t from, size_t min);

/* Registers cmark-gfm's core extensions (tables, strikethrough, ...): once
 * per process, safely from any thread. cmark-gfm keeps them in global
 * lists, so every parser of the tool registers them through here. */
void rz_cmark_extensions(void);

/* A parser for the documents: CommonMark with GFM tables, strikethrough
 * and autolinks (extensions registered). NULL when memory runs out. */
cmark_parser *rz_markdown_parser(void);

/* The text of n's subtree without its markup, breaks as spaces (headings
 * in contents and bookmarks); malloc'ed, NULL when memory runs out. */
char *rz_markdown_plain_text(cmark_node *n);

/* Whether table is the table of chart's figures that md_tidy writes after
 * a chart block: two columns, the first headed by the chart's title (or
 * RZ_CHART_TABLE_NO_TITLE). The renderers that draw the chart with its
 * figures leave that table out. */
int rz_markdown_is_chart_table(cmark_node *chart, cmark_node *table);

#endif
