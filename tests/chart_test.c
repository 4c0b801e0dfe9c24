/*
 * chart_test.c — the ```chart block: bars and keys read with Italian
 * numbers, and a chart with more bars than can be drawn reported by
 * rz_chart_check instead of silently cut.
 */
#include "chart.h"
#include "buf.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>

/* A document holding one chart of n bars. */
static char *chart_of(int n)
{
    rz_buf b;
    rz_buf_init(&b);
    rz_buf_puts(&b, "# Risultati\n\n```chart\ntitolo: Unità\nunita: %\nmassimo: 1.000\n");
    for (int i = 0; i < n; i++)
        rz_buf_printf(&b, "U%d | %d,5\n", i + 1, i);
    rz_buf_puts(&b, "```\n\nTesto.\n");
    char *s = rz_buf_detach(&b, NULL);
    rz_buf_free(&b);
    return s;
}

static void parsing(void)
{
    rz_chart *ch = malloc(sizeof *ch);
    rz_chart_parse("titolo:  Aree \nmassimo: 1.000\nriferimento: 90\n OB1 | 97,8 \nOB2|n.d.\n", ch);
    CHECK_STR(ch->title, "Aree");
    CHECK_NEAR(ch->max, 1000, 0);
    CHECK_NEAR(ch->ref, 90, 0);
    CHECK(ch->n == 2 && ch->dropped == 0);
    CHECK_STR(ch->bars[0].label, "OB1");
    CHECK_STR(ch->bars[0].text, "97,8");
    CHECK_NEAR(ch->bars[0].value, 97.8, 1e-12);
    CHECK_NEAR(ch->bars[1].value, 0, 0);
    free(ch);
}

static void too_many_bars(void)
{
    rz_diags d;
    rz_diags_init(&d);
    char *md = chart_of(RZ_CHART_MAX_BARS);
    CHECK(rz_chart_check(md, "relazione", &d) == 0 && d.count == 0);
    free(md);
    md = chart_of(RZ_CHART_MAX_BARS + 16);
    rz_chart *ch = malloc(sizeof *ch);
    const char *body = strstr(md, "titolo");
    rz_chart_parse(body, ch);
    CHECK(ch->n == RZ_CHART_MAX_BARS && ch->dropped == 16);
    free(ch);
    CHECK(rz_chart_check(md, "relazione", &d) == 1 && d.count == 1);
    CHECK(d.count == 1 && d.items[0].severity == RZ_WARNING &&
          strstr(d.items[0].message, "«Unità» ha 80 barre") &&
          strstr(d.items[0].message, "le prime 64") && !strcmp(d.items[0].file, "relazione"));
    free(md);
    rz_diags_free(&d);
}

int main(void)
{
    parsing();
    too_many_bars();
    return check_done();
}
