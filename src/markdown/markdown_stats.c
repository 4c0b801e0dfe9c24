/* markdown_stats.c — see markdown_stats.h. */
#define _POSIX_C_SOURCE 200809L
#include "markdown_stats.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include "buf.h"
#include "md_tidy.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

void rz_cmark_extensions(void)
{
    pthread_once(&extensions_once, register_extensions);
}

cmark_parser *rz_markdown_parser(void)
{
    rz_cmark_extensions();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    const char *exts[] = {"table", "strikethrough", "autolink"};
    for (size_t i = 0; p && i < sizeof exts / sizeof exts[0]; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    return p;
}

char *rz_markdown_plain_text(cmark_node *n)
{
    rz_buf b;
    rz_buf_init(&b);
    cmark_iter *it = cmark_iter_new(n);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *x = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(x);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE)
            rz_buf_puts(&b, cmark_node_get_literal(x));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            rz_buf_putc(&b, ' ');
    }
    cmark_iter_free(it);
    char *s = rz_buf_failed(&b) ? NULL : strdup(rz_buf_str(&b));
    rz_buf_free(&b);
    return s;
}

/* Whether table is the table of chart's figures that follows it in the
 * documents (md_tidy.h): two columns, headed by the chart's title. */
int rz_markdown_is_chart_table(cmark_node *chart, cmark_node *table)
{
    const char *info = cmark_node_get_fence_info(chart);
    if (!table || !info || strncmp(info, "chart", 5) ||
        strcmp(cmark_node_get_type_string(table), "table") ||
        cmark_gfm_extensions_get_table_columns(table) != 2)
        return 0;
    cmark_node *head = cmark_node_first_child(table);
    cmark_node *first = head ? cmark_node_first_child(head) : NULL;
    if (!first)
        return 0;
    char *label = rz_markdown_plain_text(first);
    const char *title = RZ_CHART_TABLE_NO_TITLE;
    size_t title_n = strlen(title);
    const char *lit = cmark_node_get_literal(chart);
    for (const char *line = lit ? lit : ""; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 7 && !strncmp(line, "titolo:", 7)) {
            title = line + 7;
            title_n = len - 7;
            while (title_n && *title == ' ')
                title++, title_n--;
            while (title_n && title[title_n - 1] == ' ')
                title_n--;
            break;
        }
        if (!end)
            break;
        line = end + 1;
    }
    int same = label && strlen(label) == title_n && !strncmp(label, title, title_n);
    free(label);
    return same;
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    int in = 0;
    for (; s && *s; s++) {
        int space = *s == ' ' || *s == '\n' || *s == '\t';
        if (!space && !in)
            n++;
        in = !space;
    }
    return n;
}

/* The indentation of the line at p in columns (tabs to the next multiple
 * of 4), and *after the first other character. */
static size_t indent_of(const char *p, const char *end, const char **after)
{
    size_t col = 0;
    for (; p < end && (*p == ' ' || *p == '\t'); p++)
        col = *p == ' ' ? col + 1 : (col / 4 + 1) * 4;
    *after = p;
    return col;
}

/* A fence line: 3 or more backticks or tildes after at most 3 columns of
 * indentation. Returns the run's length and sets *ch, or 0. For an opening
 * fence, backticks may not appear in the info string. */
static size_t fence_of(const char *p, const char *end, char *ch, int opening)
{
    const char *q;
    if (indent_of(p, end, &q) > 3 || q == end || (*q != '`' && *q != '~'))
        return 0;
    char c = *q;
    size_t n = 0;
    while (q < end && *q == c) {
        q++;
        n++;
    }
    if (n < 3)
        return 0;
    if (opening) {
        if (c == '`' && memchr(q, '`', (size_t)(end - q)))
            return 0;
    } else {
        for (; q < end; q++)
            if (*q != ' ' && *q != '\t')
                return 0;
    }
    *ch = c;
    return n;
}

static int blank_line(const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t')
            return 0;
    return 1;
}

static int heading_line(const char *p, const char *end)
{
    size_t n = 0;
    while (p + n < end && p[n] == '#')
        n++;
    return n >= 1 && n <= 6 && (p + n == end || p[n] == ' ' || p[n] == '\t');
}

int rz_markdown_cuttable(const char *md, size_t len)
{
    if (memchr(md, '\r', len))
        return 0;
    const char *end = md + len;
    for (const char *p = md; p + 1 < end; p++)
        if (p[0] == ']' && p[1] == ':')
            return 0;
    for (const char *p = md; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *q;
        indent_of(p, e, &q);
        if (q < e && *q == '<')
            return 0;
        p = nl ? nl + 1 : end;
    }
    return 1;
}

size_t rz_markdown_piece(const char *md, size_t len, size_t from, size_t min)
{
    if (from >= len || len - from <= min)
        return len;
    const char *end = md + len;
    char fence_ch = 0;
    size_t fence_n = 0;
    int prev_blank = 0;
    for (const char *p = md + from; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        char ch;
        size_t n;
        if (fence_n) {
            if ((n = fence_of(p, e, &ch, 0)) >= fence_n && ch == fence_ch)
                fence_n = 0;
            prev_blank = 0;
        } else if (prev_blank && (size_t)(p - md) - from >= min && heading_line(p, e)) {
            return (size_t)(p - md);
        } else if ((n = fence_of(p, e, &ch, 1)) > 0) {
            fence_ch = ch;
            fence_n = n;
            prev_blank = 0;
        } else {
            prev_blank = blank_line(p, e);
        }
        p = nl ? nl + 1 : end;
    }
    return len;
}

static void stats_of(const char *md, size_t len, rz_md_stats *out)
{
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (table)
        cmark_parser_attach_syntax_extension(p, table);
    cmark_parser_feed(p, md, len);
    cmark_node *doc = cmark_parser_finish(p);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(it);
        const char *type = cmark_node_get_type_string(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
            out->headings++;
            break;
        case CMARK_NODE_TEXT:
            out->words += count_words(cmark_node_get_literal(n));
            break;
        case CMARK_NODE_LINK:
            out->links++;
            break;
        case CMARK_NODE_CODE_BLOCK: {
            const char *info = cmark_node_get_fence_info(n);
            if (info && strncmp(info, "chart", 5) == 0)
                out->charts++;
            break;
        }
        default:
            if (strcmp(type, "table") == 0)
                out->tables++;
            else if (strcmp(type, "table_row") == 0 || strcmp(type, "table_header") == 0)
                out->table_rows++;
            break;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    cmark_parser_free(p);
}

void rz_markdown_stats(const char *md, size_t len, rz_md_stats *out)
{
    memset(out, 0, sizeof *out);
    rz_cmark_extensions();
    if (!rz_markdown_cuttable(md, len)) {
        stats_of(md, len, out);
        return;
    }
    size_t at = 0;
    do {
        size_t to = rz_markdown_piece(md, len, at, 256 * 1024);
        stats_of(md + at, to - at, out);
        at = to;
    } while (at < len);
}
