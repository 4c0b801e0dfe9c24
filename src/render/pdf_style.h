/*
 * pdf_style.h — the look of the PDF documents, in one table.
 *
 * Every size, leading, margin, gap and shade of gray the renderer draws
 * with is a field here: the layout (pdf_layout.c, pdf_table.c,
 * pdf_chart.c), the cover and contents (pdf_front.c) and the page
 * furniture (pdf_writer.c) read them from this table and hold no figures of
 * their own. Lengths are PDF points (1/72 inch), type sizes points,
 * leadings multiples of the type size, grays from 0 (black) to 1 (white).
 *
 * The table is a static constant in this header, so the compiler folds its
 * values where they are used: a change here is a change of every output
 * (the golden files and the sample PDFs say so).
 */
#ifndef RZ_PDF_STYLE_H
#define RZ_PDF_STYLE_H

typedef struct {
    /* A4 portrait, and its margins (a landscape page swaps width and
     * height and keeps the margins). */
    double page_w, page_h;
    double margin_l, margin_r, margin_t, margin_b;

    /* Body text: paragraphs, list items. */
    double body_size, body_leading;
    double paragraph_after, item_paragraph_after; /* in a list item */
    double link_height;                           /* a link's active area, of the size */

    /* Headings, by level (1..6): size, leading, the space above (level 1:
     * chapter_before; others: heading_before times the size) and below
     * (times the size). A heading wants heading_room_lines times its size
     * plus heading_room below it on its page; a chapter opens a page unless
     * less than chapter_break is used on the current one. Levels 1 and 2
     * are underlined. */
    double heading_size[7], heading_leading;
    double chapter_before, heading_before, heading_after;
    double heading_room_lines, heading_room, chapter_break;
    double rule_below, chapter_rule_gray, section_rule_gray;

    /* Lists and block quotes: indentation, markers, the quote's bar. */
    double list_indent, list_marker_gap, list_item_room, list_after;
    double quote_indent, quote_bar_x, quote_bar_w, quote_bar_gray;

    /* Code blocks (monospaced, on a gray band) and thematic breaks. */
    double code_size, code_leading, code_pad, code_gray, code_after;
    double break_room, break_y, break_gray;
    double line_width; /* every rule of the body */

    /* Tables: type from table_size down to table_min_size in steps
     * (table_min_size at once beyond table_wide_cols columns), cell
     * padding, no column narrower than table_min_col times the type size,
     * the header's and alternate rows' shading, the rules under rows. */
    double table_size, table_min_size, table_size_step;
    int table_wide_cols;
    double table_leading, table_pad, table_min_col;
    double table_header_gray, table_band_gray, table_header_rule_gray, table_rule_gray;
    double table_before, table_after;

    /* Bar charts: bars and their gaps, labels (a share of the width, set
     * right), values after the bars, the axis and the dashed reference. */
    double chart_bar_h, chart_gap, chart_size, chart_baseline;
    double chart_room_above, chart_room_below, chart_before, chart_after;
    double chart_title_size, chart_title_leading, chart_title_after;
    double chart_label_share, chart_label_gap, chart_value_w, chart_value_gap, chart_margins;
    double chart_bar_gray, chart_axis_gray, chart_axis_over;
    double chart_ref_gray, chart_ref_dash, chart_ref_step;

    /* The cover: the logo's box, the title at a share of the page height,
     * the body's name and the approving act under it, a bar above. */
    double logo_h, logo_w;
    double cover_title_at, cover_title_size, cover_title_line;
    double cover_sub_size[2], cover_sub_leading, cover_sub_before;
    double cover_bar_above, cover_bar_w, cover_bar_h, cover_bar_gray;

    /* The table of contents: its heading, entries (level 1 bold, level 2
     * indented), entries per page, the page numbers' gap. */
    double toc_title_size, toc_title_after, toc_size, toc_indent, toc_number_gap;
    double toc_chapter_line, toc_section_line;
    int toc_per_page;

    /* Running header (the title, above a rule) and footer ("Pagina N di M"). */
    double furniture_size, furniture_gray, furniture_rule_gray, furniture_rule_w;
    double furniture_rule_gap;
} pdf_style_table;

static const pdf_style_table pdf_style = {
    .page_w = 595.276,
    .page_h = 841.89,
    .margin_l = 62.0,
    .margin_r = 56.0,
    .margin_t = 70.0,
    .margin_b = 64.0,

    .body_size = 10.0,
    .body_leading = 1.42,
    .paragraph_after = 6,
    .item_paragraph_after = 2,
    .link_height = 1.25,

    .heading_size = {0, 17, 13.5, 11.5, 10.5, 10, 10},
    .heading_leading = 1.25,
    .chapter_before = 4,
    .heading_before = 0.9,
    .heading_after = 0.5,
    .heading_room_lines = 2.2,
    .heading_room = 110,
    .chapter_break = 150,
    .rule_below = 1,
    .chapter_rule_gray = 0.3,
    .section_rule_gray = 0.7,

    .list_indent = 14,
    .list_marker_gap = 4,
    .list_item_room = 1.4,
    .list_after = 4,
    .quote_indent = 14,
    .quote_bar_x = 9,
    .quote_bar_w = 2.2,
    .quote_bar_gray = 0.75,

    .code_size = 8,
    .code_leading = 1.35,
    .code_pad = 4,
    .code_gray = 0.94,
    .code_after = 6,
    .break_room = 14,
    .break_y = 6,
    .break_gray = 0.6,
    .line_width = 0.5,

    .table_size = 8.0,
    .table_min_size = 7.5, /* below it, a table too wide goes on a landscape page */
    .table_size_step = 0.5,
    .table_wide_cols = 8,
    .table_leading = 1.3,
    .table_pad = 2.5,
    .table_min_col = 3,
    .table_header_gray = 0.86,
    .table_band_gray = 0.955,
    .table_header_rule_gray = 0.35,
    .table_rule_gray = 0.8,
    .table_before = 2,
    .table_after = 8,

    .chart_bar_h = 11,
    .chart_gap = 5,
    .chart_size = 8,
    .chart_baseline = 2.5,
    .chart_room_above = 24,
    .chart_room_below = 14,
    .chart_before = 4,
    .chart_after = 8,
    .chart_title_size = 9.5,
    .chart_title_leading = 1.3,
    .chart_title_after = 3,
    .chart_label_share = 0.32,
    .chart_label_gap = 6,
    .chart_value_w = 44,
    .chart_value_gap = 4,
    .chart_margins = 12,
    .chart_bar_gray = 0.45,
    .chart_axis_gray = 0.2,
    .chart_axis_over = 2,
    .chart_ref_gray = 0.1,
    .chart_ref_dash = 2,
    .chart_ref_step = 4,

    .logo_h = 72,
    .logo_w = 200,
    .cover_title_at = 0.38,
    .cover_title_size = 24,
    .cover_title_line = 31,
    .cover_sub_size = {13, 10.5},
    .cover_sub_leading = 1.4,
    .cover_sub_before = 10,
    .cover_bar_above = 40,
    .cover_bar_w = 60,
    .cover_bar_h = 5,
    .cover_bar_gray = 0.25,

    .toc_title_size = 15,
    .toc_title_after = 34,
    .toc_size = 9.5,
    .toc_indent = 14,
    .toc_number_gap = 16,
    .toc_chapter_line = 17,
    .toc_section_line = 14,
    .toc_per_page = 40,

    .furniture_size = 8,
    .furniture_gray = 0.3,
    .furniture_rule_gray = 0.7,
    .furniture_rule_w = 0.4,
    .furniture_rule_gap = 4,
};

/* The width a page leaves to the text, portrait. */
#define PDF_CONTENT_W (pdf_style.page_w - pdf_style.margin_l - pdf_style.margin_r)

#endif
