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
    double bar_h = pdf_style.chart_bar_h, gap = pdf_style.chart_gap, size = pdf_style.chart_size;
    double base = pdf_style.chart_baseline;
    pdf_need(c,
             pdf_style.chart_room_above + (double)n * (bar_h + gap) + pdf_style.chart_room_below);
    c->y += pdf_style.chart_before;
    if (*title) {
        words ws = {0};
        pdf_add_text(c, &ws, title, F_BOLD, NULL);
        pdf_flow(c, &ws, pdf_style.chart_title_size, pdf_style.chart_title_leading);
        c->y += pdf_style.chart_title_after;
    }
    double label_w = c->width * pdf_style.chart_label_share, value_w = pdf_style.chart_value_w;
    double bar_x = c->left + label_w + pdf_style.chart_label_gap;
    double bar_max = c->width - label_w - value_w - pdf_style.chart_margins;
    double top = c->y;
    for (int i = 0; i < n; i++) {
        words ws = {0};
        pdf_add_text(c, &ws, ch->bars[i].label, F_COND, NULL);
        lines ls = {0};
        pdf_wrap(c, &ws, size, label_w, &ls);
        if (ls.n)
            pdf_draw_words(c, &ws, ls.l[0], size, c->left, c->y + bar_h - base, label_w, 'r');
        double v = ch->bars[i].value < 0 ? 0 : ch->bars[i].value > max ? max : ch->bars[i].value;
        pdf_draw_rect(c, bar_x, c->y, bar_max * v / max, bar_h, pdf_style.chart_bar_gray);
        char vt[80];
        if (snprintf(vt, sizeof vt, "%s%s", ch->bars[i].text, unit) < 0)
            vt[0] = '\0';
        pdf_draw_text(c, F_REG, size, bar_x + bar_max * v / max + pdf_style.chart_value_gap,
                      c->y + bar_h - base, vt, strlen(vt));
        c->y += bar_h + gap;
    }
    double over = pdf_style.chart_axis_over;
    pdf_draw_line(c, bar_x, top - over, 0, c->y - top, pdf_style.chart_axis_gray);
    if (ref >= 0 && ref <= max) {
        double rx = bar_x + bar_max * ref / max;
        for (double yy = top - over; yy < c->y - over; yy += pdf_style.chart_ref_step)
            pdf_draw_line(c, rx, yy, 0, pdf_style.chart_ref_dash, pdf_style.chart_ref_gray);
    }
    c->y += pdf_style.chart_after;
    rz_struct_close(c->st); /* the Figure */
    pdf_kept_lines(c, 2);
}
