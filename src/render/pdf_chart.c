/*
 * pdf_chart.c — a ```chart block (chart.h) drawn as horizontal bars.
 *
 * The labels are set right in a column of their own, the bars scaled to
 * the chart's maximum, each value printed after its bar, a dashed line at
 * the reference value. The Figure's alternative text says in words what
 * the bars show, for a reader who cannot see them. Sizes and grays come
 * from pdf_style.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_layout.h"
#include "chart.h"

#include <stdio.h>
#include <string.h>

/* What the chart shows, in words, from its data: the alternative text of
 * its Figure. Returns -1 when memory ran out. */
static int chart_alt(ctx *c, int fig, const rz_chart *ch)
{
    rz_buf b;
    rz_buf_init(&b);
    rz_buf_printf(&b, "Grafico a barre%s%s: ", *ch->title ? ", " : "", ch->title);
    for (int i = 0; i < ch->n; i++)
        rz_buf_printf(&b, "%s%s %s%s", i ? "; " : "", ch->bars[i].label, ch->bars[i].text,
                      ch->unit);
    if (ch->ref >= 0 && ch->ref <= ch->max)
        rz_buf_printf(&b, ". Valore di riferimento: %s%s", ch->ref_text, ch->unit);
    rz_buf_putc(&b, '.');
    int failed = rz_buf_failed(&b) || rz_struct_set_alt(c->st, fig, rz_buf_str(&b)) != 0;
    rz_buf_free(&b);
    return failed ? -1 : 0;
}

/* A ```chart block (chart.h) as horizontal bars. */
void pdf_render_chart(ctx *c, const char *src)
{
    rz_chart *ch = pdf_scratch(c, sizeof *ch);
    rz_chart_parse(src, ch);
    const char *title = ch->title, *unit = ch->unit;
    double max = ch->max, ref = ch->ref;
    int n = ch->n;
    if (n == 0 || max <= 0)
        return;
    int fig = rz_struct_open(c->st, "Figure");
    if (chart_alt(c, fig, ch) != 0)
        pdf_fail(c);
    double bar_h = 11, gap = 5, size = 8;
    pdf_need(c, 24 + (double)n * (bar_h + gap) + 14);
    c->y += 4;
    if (*title) {
        words ws = {0};
        pdf_add_text(c, &ws, title, F_BOLD, NULL);
        pdf_flow(c, &ws, 9.5, 1.3);
        c->y += 3;
    }
    double label_w = c->width * 0.32, value_w = 44, bar_x = c->left + label_w + 6;
    double bar_max = c->width - label_w - value_w - 12;
    double top = c->y;
    for (int i = 0; i < n; i++) {
        words ws = {0};
        pdf_add_text(c, &ws, ch->bars[i].label, F_COND, NULL);
        lines ls = {0};
        pdf_wrap(c, &ws, size, label_w, &ls);
        if (ls.n)
            pdf_draw_words(c, &ws, ls.l[0], size, c->left, c->y + bar_h - 2.5, label_w, 'r');
        double v = ch->bars[i].value < 0 ? 0 : ch->bars[i].value > max ? max : ch->bars[i].value;
        pdf_draw_rect(c, bar_x, c->y, bar_max * v / max, bar_h, 0.45);
        char vt[80];
        if (snprintf(vt, sizeof vt, "%s%s", ch->bars[i].text, unit) < 0)
            vt[0] = '\0';
        pdf_draw_text(c, F_REG, size, bar_x + bar_max * v / max + 4, c->y + bar_h - 2.5, vt,
                      strlen(vt));
        c->y += bar_h + gap;
    }
    pdf_draw_line(c, bar_x, top - 2, 0, c->y - top, 0.2);
    if (ref >= 0 && ref <= max) {
        double rx = bar_x + bar_max * ref / max;
        for (double yy = top - 2; yy < c->y - 2; yy += 4)
            pdf_draw_line(c, rx, yy, 0, 2, 0.1);
    }
    c->y += 8;
    rz_struct_close(c->st); /* the Figure */
    pdf_kept_lines(c, 2);
}
