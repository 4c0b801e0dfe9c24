/*
 * markdown_pieces.c — large Markdown measured a piece at a time counts
 * what the whole document counts, and the cuts never fall where a piece
 * would change the blocks around them.
 */
#include "buf.h"
#include "markdown_stats.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>

/* A block with the constructs a cut must respect: headings inside fenced
 * code after blank lines (backticks and tildes, a longer closing fence, a
 * shorter one that does not close), a table, a loose list, a quote. */
static const char block[] = "# Capitolo\n"
                            "\n"
                            "Testo del capitolo con *enfasi* e `codice`.\n"
                            "\n"
                            "```chart\n"
                            "\n"
                            "# dentro il recinto\n"
                            "``\n"
                            "\n"
                            "# ancora dentro\n"
                            "`````\n"
                            "\n"
                            "~~~~ testo\n"
                            "\n"
                            "## dentro anche questo\n"
                            "~~~\n"
                            "\n"
                            "### ancora\n"
                            "~~~~~\n"
                            "\n"
                            "| a | b |\n"
                            "|---|---:|\n"
                            "| uno | 1 |\n"
                            "| due | 2 |\n"
                            "\n"
                            "- voce uno\n"
                            "\n"
                            "- voce due\n"
                            "\n"
                            "  ```\n"
                            "\n"
                            "  # nella voce\n"
                            "  ```\n"
                            "\n"
                            "> citazione\n"
                            "> su due righe\n"
                            "\n"
                            "## Sezione\n"
                            "\n"
                            "#senza spazio non è un titolo\n"
                            "\n";

int main(void)
{
    rz_md_stats one, all;
    rz_markdown_stats(block, strlen(block), &one);
    CHECK(one.headings == 2);
    CHECK(one.tables == 1);
    CHECK(one.charts == 1);

    /* 4 MB of blocks: many pieces, the same counts as each block's. */
    size_t k = 4 * 1024 * 1024 / strlen(block) + 1;
    rz_buf big;
    rz_buf_init(&big);
    for (size_t i = 0; i < k; i++)
        rz_buf_append(&big, block, strlen(block));
    CHECK(rz_markdown_cuttable(big.data, big.len));
    size_t pieces = 0;
    int cuts_ok = 1;
    for (size_t at = 0; at < big.len; pieces++) {
        size_t to = rz_markdown_piece(big.data, big.len, at, 64 * 1024);
        if (to < big.len && (strncmp(big.data + to, "# Capitolo\n", 11) != 0 &&
                             strncmp(big.data + to, "## Sezione\n", 11) != 0))
            cuts_ok = 0;
        if (to <= at)
            break;
        at = to;
    }
    CHECK(pieces > 10);
    CHECK(cuts_ok);
    rz_markdown_stats(big.data, big.len, &all);
    CHECK(all.words == k * one.words);
    CHECK(all.headings == k * one.headings);
    CHECK(all.tables == k * one.tables);
    CHECK(all.table_rows == k * one.table_rows);
    CHECK(all.charts == k * one.charts);

    /* A fence left open swallows the rest: no cut after it. */
    rz_buf_append(&big, "```\n", 4);
    for (size_t i = 0; i < k; i++)
        rz_buf_append(&big, "\n# titolo nel codice\n", 21);
    rz_md_stats open;
    rz_markdown_stats(big.data, big.len, &open);
    CHECK(open.headings == all.headings);
    CHECK(open.charts == all.charts);

    /* What may tie blocks together keeps the text whole. */
    CHECK(!rz_markdown_cuttable("[a]: /x\n\n# t\n", 14));
    CHECK(!rz_markdown_cuttable("# t\n\n<div>\n\n# u\n", 17));
    CHECK(!rz_markdown_cuttable("# t\r\n\r\n# u\r\n", 12));
    CHECK(rz_markdown_cuttable("# t\n\n# u\n", 9));
    CHECK(rz_markdown_piece("# t\n\n# u\n", 9, 0, 1) == 5);
    CHECK(rz_markdown_piece("# t\n\n# u\n", 9, 0, 6) == 9);
    CHECK(rz_markdown_piece("# t\n# u\n", 8, 0, 1) == 8); /* no blank line before */

    rz_md_stats empty;
    rz_markdown_stats("", 0, &empty);
    CHECK(empty.words == 0 && empty.headings == 0);
    rz_buf_free(&big);
    return check_done();
}
