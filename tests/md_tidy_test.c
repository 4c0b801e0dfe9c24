/*
 * md_tidy_test.c — what rz_md_tidy takes out of a rendered template and
 * what it adds, one behaviour per case.
 */
#define _POSIX_C_SOURCE 200809L
#include "md_tidy.h"
#include "testing.h"

#include <stdlib.h>

static char *tidy(const char *md)
{
    rz_buf b;
    rz_buf_init(&b);
    CHECK(rz_md_tidy(md, strlen(md), &b) == RZ_OK);
    char *s = strdup(rz_buf_str(&b));
    rz_buf_free(&b);
    return s;
}

#define CHECK_TIDY(in, expected)                                                                   \
    do {                                                                                           \
        char *got_ = tidy(in);                                                                     \
        CHECK_STR(got_, expected);                                                                 \
        free(got_);                                                                                \
    } while (0)

int main(void)
{
    /* A chart without bars goes; one with bars gets its table. */
    CHECK_TIDY("# T\n\n```chart\ntitolo: X\nunita: %\n```\n\nTesto.\n", "# T\n\nTesto.\n");
    CHECK_TIDY("```chart\ntitolo: Aree\nunita: %\nA | 97,8\nB | 100,0\n```\nFine.\n",
               "```chart\ntitolo: Aree\nunita: %\nA | 97,8\nB | 100,0\n```\n\n"
               "| Aree | Valore |\n|:---|---:|\n| A | 97,8% |\n| B | 100,0% |\n\nFine.\n");
    /* A table with a header and no rows goes, one with rows stays. */
    CHECK_TIDY("Prima.\n\n| A | B |\n|:---|---:|\n\nDopo.\n", "Prima.\n\nDopo.\n");
    CHECK_TIDY("| A | B |\n|:---|---:|\n| 1 | 2 |\n", "| A | B |\n|:---|---:|\n| 1 | 2 |\n");
    /* Headings with nothing under them go, from the deepest up; chapters
     * stay. */
    CHECK_TIDY("# 1\n\n## 1.1\n\n### 1.1.1\n\n## 1.2\n\nTesto.\n\n# 2\n",
               "# 1\n\n## 1.2\n\nTesto.\n\n# 2\n");
    /* Code is left alone, blank lines and headings in it included. */
    CHECK_TIDY("```\n## x\n\n\n| a |\n|---|\n```\n", "```\n## x\n\n\n| a |\n|---|\n```\n");
    /* Punctuation where templates and data meet. */
    CHECK_TIDY("Risultato: **n.d.**. Peso n.d.. Fine.\n", "Risultato: **n.d.** Peso n.d. Fine.\n");
    CHECK_TIDY("| 2016: report.; 2017: altro;  |\n|---|\n| x; |\n",
               "| 2016: report; 2017: altro |\n|---|\n| x |\n");
    /* Typographic signs, one apostrophe and one hyphen, codes once. */
    CHECK_TIDY("| x >= 90% | \\<=5 | (>=2) |\n", "| x ≥ 90% | ≤ 5 | (≥ 2) |\n");
    CHECK_TIDY("L'ente dell’anno, scuola‐lavoro ‐ fine\n",
               "L’ente dell’anno, scuola-lavoro – fine\n");
    CHECK_TIDY("| ISR – ISR – Istituto | M011 – 011 ‐ Competitività | A – B – C |\n",
               "| ISR – Istituto | M011 – Competitività | A – B – C |\n");
    /* Runs of blank lines become one. */
    CHECK_TIDY("\n\nA\n\n\n\nB\n\n\n", "A\n\nB\n");
    return check_done();
}
