/* chart.c — see chart.h. */
#include "chart.h"
#include "buf.h"
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double rz_chart_number(const char *s)
{
    double v;
    int decimals;
    return rz_parse_number_it(s, &v, &decimals) ? v : 0;
}

/* s without the blanks at its ends, cut in place. */
static char *trim(char *s)
{
    size_t len;
    char *t = (char *)rz_trim(s, &len);
    t[len] = '\0';
    return t;
}

void rz_chart_parse(const char *src, rz_chart *out)
{
    memset(out, 0, sizeof *out);
    out->max = 100;
    out->ref = -1;
    for (const char *line = src; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char buf[512];
        if (len >= sizeof buf)
            len = sizeof buf - 1;
        memcpy(buf, line, len);
        buf[len] = '\0';
        char *bar = strchr(buf, '|');
        char *colon = strchr(buf, ':');
        if (bar) {
            *bar = '\0';
            if (out->n < RZ_CHART_MAX_BARS) {
                rz_chart_bar *b = &out->bars[out->n++];
                snprintf(b->label, sizeof b->label, "%s", trim(buf));
                snprintf(b->text, sizeof b->text, "%s", trim(bar + 1));
                b->value = rz_chart_number(b->text);
            } else
                out->dropped++;
        } else if (colon) {
            *colon = '\0';
            const char *key = trim(buf), *v = trim(colon + 1);
            if (!strcmp(key, "titolo"))
                snprintf(out->title, sizeof out->title, "%s", v);
            else if (!strcmp(key, "unita"))
                snprintf(out->unit, sizeof out->unit, "%s", v);
            else if (!strcmp(key, "massimo"))
                out->max = rz_chart_number(v);
            else if (!strcmp(key, "riferimento")) {
                out->ref = rz_chart_number(v);
                snprintf(out->ref_text, sizeof out->ref_text, "%s", v);
            }
        }
        if (!end)
            break;
        line = end + 1;
    }
}

/* The line after the one at p, or NULL at the end. */
static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl ? nl + 1 : NULL;
}

int rz_chart_check(const char *md, const char *document, rz_diags *d)
{
    int lossy = 0;
    rz_buf body;
    rz_buf_init(&body);
    rz_chart *ch = malloc(sizeof *ch);
    for (const char *line = md; ch && line && *line; line = next_line(line)) {
        if (strncmp(line, "```chart", 8) != 0)
            continue;
        rz_buf_clear(&body);
        for (line = next_line(line); line && strncmp(line, "```", 3) != 0; line = next_line(line)) {
            const char *end = strchr(line, '\n');
            rz_buf_append(&body, line, end ? (size_t)(end - line) + 1 : strlen(line));
        }
        rz_chart_parse(body.len ? body.data : "", ch);
        if (ch->dropped > 0) {
            lossy++;
            rz_diag_add(d, RZ_WARNING, document, 0, "grafico",
                        "il grafico «%s» ha %d barre: ne sono disegnate solo le prime %d; "
                        "dividerlo in più grafici nel modello",
                        ch->title, ch->n + ch->dropped, RZ_CHART_MAX_BARS);
        }
        if (!line)
            break;
    }
    int failed = !ch || rz_buf_failed(&body);
    free(ch);
    rz_buf_free(&body);
    if (failed) {
        rz_diag_out_of_memory(d, document, "controllando i grafici");
        return -1;
    }
    return lossy;
}
