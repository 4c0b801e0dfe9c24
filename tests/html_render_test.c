/*
 * html_render_test.c — the HTML renderer on small Markdown: one h1 and an
 * outline that never skips a level, contents, table captions and header
 * scopes, numeric alignment, charts as SVG with their data, escaping, raw
 * HTML and unsafe links kept out.
 */
#include "html_render.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>

static char *render(const char *md, const char *body)
{
    rz_html_options opt = {NULL, body};
    rz_buf out;
    rz_buf_init(&out);
    rz_diags d;
    rz_diags_init(&d);
    rz_status st = rz_html_render(md, strlen(md), &opt, &out, &d);
    rz_diags_free(&d);
    char *s = st == RZ_OK ? rz_buf_detach(&out, NULL) : NULL;
    rz_buf_free(&out);
    return s;
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

/* The position of what in s, or a large number. */
static size_t at(const char *s, const char *what)
{
    const char *p = strstr(s, what);
    return p ? (size_t)(p - s) : (size_t)-1;
}

static void outline(void)
{
    char *h = render("# Relazione 2019\n\n**Ente X**\n\n# 1. Capitolo\n\n### Salto\n\n"
                     "## Sezione\n\n# 2. Altro\n\nTesto.\n",
                     "Camera di Commercio X");
    CHECK(h != NULL);
    if (!h)
        return;
    CHECK(strstr(h, "<html lang=\"it\">") != NULL);
    CHECK(strstr(h, "<title>Relazione 2019 – Camera di Commercio X</title>") != NULL);
    CHECK(count(h, "<h1") == 1);
    CHECK(strstr(h, "<header>") && strstr(h, "<nav ") && strstr(h, "<main id=\"contenuto\">"));
    CHECK(at(h, "<header>") < at(h, "<nav ") && at(h, "<nav ") < at(h, "<main"));
    /* Chapters become h2; the ### right under a chapter is lifted to h3. */
    CHECK(strstr(h, "<h2 id=\"s1\">1. Capitolo</h2>") != NULL);
    CHECK(strstr(h, "<h3 id=\"s2\">Salto</h3>") != NULL);
    CHECK(strstr(h, "<h3 id=\"s3\">Sezione</h3>") != NULL);
    CHECK(strstr(h, "<h2 id=\"s4\">2. Altro</h2>") != NULL);
    CHECK(strstr(h, "<h4") == NULL);
    /* The line under the title stays in the header. */
    CHECK(at(h, "<strong>Ente X</strong>") < at(h, "</header>"));
    /* The contents link every section and subsection. */
    CHECK(strstr(h, "<a href=\"#s1\">1. Capitolo</a>") && strstr(h, "<a href=\"#s3\">Sezione</a>"));
    free(h);
}

/* Sections before the first chapter, and siblings, share a level. */
static void siblings(void)
{
    char *h = render("# T\n\n## Premessa\n\n### A\n\n### B\n\n# 1. Capitolo\n\n## C\n", NULL);
    CHECK(h != NULL);
    if (!h)
        return;
    CHECK(strstr(h, "<h2 id=\"s1\">Premessa</h2>") != NULL);
    CHECK(strstr(h, "<h3 id=\"s2\">A</h3>") != NULL);
    CHECK(strstr(h, "<h3 id=\"s3\">B</h3>") != NULL);
    CHECK(strstr(h, "<h2 id=\"s4\">1. Capitolo</h2>") != NULL);
    CHECK(strstr(h, "<h3 id=\"s5\">C</h3>") != NULL);
    free(h);
}

static void table(void)
{
    char *h = render("# T\n\n## Aree\n\n| Area | Peso | Esito |\n|:---|---:|:---:|\n"
                     "| OB1 | 16,0% | sì |\n| OB2 | 34,0% | no |\n",
                     NULL);
    CHECK(h != NULL);
    if (!h)
        return;
    CHECK(strstr(h, "<caption id=\"t1\">Tabella 1 – Aree</caption>") != NULL);
    CHECK(
        strstr(
            h,
            "<thead>\n<tr><th scope=\"col\">Area</th><th scope=\"col\" class=\"num\">Peso</th>") !=
        NULL);
    CHECK(strstr(h, "<tr><th scope=\"row\">OB1</th><td class=\"num\">16,0%</td>"
                    "<td class=\"centro\">sì</td></tr>") != NULL);
    CHECK(count(h, "<tbody>") == 1 && count(h, "</tbody>") == 1);
    /* The table scrolls in its own box, which the keyboard can reach. */
    CHECK(strstr(h, "<div class=\"tabella\" role=\"region\" tabindex=\"0\" "
                    "aria-labelledby=\"t1\">") != NULL);
    free(h);
}

static void chart(void)
{
    char *h = render("# T\n\n```chart\ntitolo: Realizzazione per area\nunita: %\nmassimo: 100\n"
                     "riferimento: 90\nOB1 | 100,0\nOB3 | 95,5\n```\n",
                     NULL);
    CHECK(h != NULL);
    if (!h)
        return;
    CHECK(strstr(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                    "aria-labelledby=\"g1-t g1-d\"") != NULL);
    CHECK(strstr(h, "<title id=\"g1-t\">Realizzazione per area</title>") != NULL);
    CHECK(strstr(h, "linea di riferimento a 90%. OB1: 100,0%; OB3: 95,5%.</desc>") != NULL);
    CHECK(count(h, "<rect ") == 2);
    /* The figures again, in a table beside the drawing. */
    CHECK(strstr(h, "<tr><th scope=\"row\">OB3</th><td class=\"num\">95,5</td></tr>") != NULL);
    CHECK(strstr(h, "```") == NULL && strstr(h, "titolo:") == NULL);
    free(h);
}

static void hostile(void)
{
    char *h = render("# A & B\n\nTesto <script>alert(1)</script> e [x](javascript:alert(1)) "
                     "e [y](https://example.org/?a=1&b=2).\n\n<div onclick=\"x\">blocco</div>\n\n"
                     "Simbolo\xEF\x83\x86 privato.\n",
                     "\"Ente\" <X>");
    CHECK(h != NULL);
    if (!h)
        return;
    CHECK(strstr(h, "<title>A &amp; B – &quot;Ente&quot; &lt;X&gt;</title>") != NULL);
    CHECK(strstr(h, "<script") == NULL && strstr(h, "&lt;script&gt;") != NULL);
    CHECK(strstr(h, "javascript:") == NULL);
    CHECK(strstr(h, "<a href=\"https://example.org/?a=1&amp;b=2\">y</a>") != NULL);
    CHECK(strstr(h, "onclick") == NULL && strstr(h, "blocco") == NULL);
    CHECK(strstr(h, "Simbolo privato.") != NULL);
    free(h);
}

int main(void)
{
    outline();
    siblings();
    table();
    chart();
    hostile();
    return check_done();
}
