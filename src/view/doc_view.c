/* doc_view.c — see doc_view.h. */
#include "doc_view.h"
#include "format.h"

#include <string.h>

static void key_of(const char *name, char *out, size_t n)
{
    size_t i = 0;
    for (; name[i] && i + 1 < n; i++)
        out[i] = name[i] == '-' ? '_' : name[i];
    out[i] = '\0';
}

/* Text of an element with whitespace runs at its ends removed. */
static rz_view *text_view(rz_view_doc *doc, const rz_doc_node *e)
{
    size_t n;
    const char *s = rz_trim(e->text ? e->text : "", &n);
    return rz_view_strn(doc, s, n);
}

rz_view *rz_view_from_tree(rz_view_doc *doc, const rz_doc_node *e)
{
    if (!e->nattrs && !e->nchildren)
        return !strcmp(e->name, "testo") ? rz_view_narrative(doc, e->text) : text_view(doc, e);
    rz_view *m = rz_view_map(doc);
    char key[128];
    for (size_t i = 0; i < e->nattrs; i++) {
        key_of(e->attrs[i].name, key, sizeof key);
        rz_view_set_str(m, key, e->attrs[i].value);
    }
    for (size_t i = 0; i < e->nchildren; i++) {
        const rz_doc_node *c = &e->children[i];
        key_of(c->name, key, sizeof key);
        rz_view *child = rz_view_from_tree(doc, c);
        rz_view *prev = rz_view_get(m, key);
        if (!prev) {
            rz_view_set(m, key, child);
        } else if (rz_view_kind_of(prev) == RZ_VIEW_LIST) {
            /* Element values are never lists, so a list here is ours. */
            rz_view_push(prev, child);
        } else {
            rz_view *list = rz_view_list(doc);
            rz_view_push(list, prev);
            rz_view_push(list, child);
            rz_view_set(m, key, list);
        }
    }
    if (e->has_text && !e->nchildren)
        rz_view_set(m, "testo", text_view(doc, e));
    return m;
}
