/*
 * chart.h — the ```chart fenced block, read once for every renderer.
 *
 * A chart is written in the Markdown so that it reads as it is:
 *
 *   titolo: Grado di realizzazione per area strategica
 *   unita: %
 *   massimo: 100
 *   riferimento: 90
 *   OB1 | 100,0
 *
 * "key: value" lines set the title, the unit, the end of the scale and a
 * reference line; each "label | value" line is a bar, its value with the
 * decimal comma. The PDF draws the bars; the HTML draws them in SVG and
 * prints the same figures in a table beside them. Both keep the value as
 * written for display and its number for the drawing.
 */
#ifndef RZ_CHART_H
#define RZ_CHART_H

#include "diag.h"

#define RZ_CHART_MAX_BARS 64

typedef struct {
    char label[128];
    char text[32]; /* the value as written, "95,5" */
    double value;
} rz_chart_bar;

typedef struct {
    char title[256];
    char unit[32];
    double max;        /* the end of the scale; 100 unless given */
    double ref;        /* the reference line, or < 0 for none */
    char ref_text[32]; /* the reference as written, "90" */
    rz_chart_bar bars[RZ_CHART_MAX_BARS];
    int n;
    int dropped; /* bars past RZ_CHART_MAX_BARS, counted but not kept */
} rz_chart;

/* Reads the body of a chart block; bars past RZ_CHART_MAX_BARS are
 * dropped and counted in dropped (rz_chart_check says so). A chart without
 * bars has n == 0. */
void rz_chart_parse(const char *src, rz_chart *out);

/* Warns in d, naming the document and the chart, for each chart block of
 * the Markdown md (NUL-terminated) with more bars than a chart can draw:
 * the renderers show the first RZ_CHART_MAX_BARS. Returns how many charts
 * lose bars; -1 when memory ran out (with the diagnostic). */
int rz_chart_check(const char *md, const char *document, rz_diags *d);

/* An Italian-formatted number ("1.234,5", read by rz_parse_number_it) as a
 * double; 0 when s does not start with one. */
double rz_chart_number(const char *s);

#endif
