/* markdown_stats.c — see markdown_stats.h. */
#include "markdown_stats.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
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

void rz_markdown_stats(const char *md, size_t len, rz_md_stats *out)
{
    memset(out, 0, sizeof *out);
    rz_cmark_extensions();
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
