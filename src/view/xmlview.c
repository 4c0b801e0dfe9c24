/* xmlview.c — see xmlview.h. */
#include "xmlview.h"
#include "buf.h"
#include "format.h"

#include <string.h>

static void key_of(const xmlChar *name, char *out, size_t n)
{
    size_t i = 0;
    for (; name[i] && i + 1 < n; i++)
        out[i] = name[i] == '-' ? '_' : (char)name[i];
    out[i] = '\0';
}

/* Text of an element with whitespace runs at its ends removed. */
static rz_view *text_view(rz_view_doc *doc, xmlNodePtr e)
{
    xmlChar *t = xmlNodeGetContent(e);
    size_t n;
    const char *s = rz_trim(t ? (const char *)t : "", &n);
    rz_view *v = rz_view_strn(doc, s, n);
    xmlFree(t);
    return v;
}

static int has_element_children(xmlNodePtr e)
{
    for (xmlNodePtr c = e->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 1;
    return 0;
}

rz_view *rz_view_from_xml(rz_view_doc *doc, xmlNodePtr e)
{
    if (!e->properties && !has_element_children(e)) {
        if (strcmp((const char *)e->name, "testo") != 0)
            return text_view(doc, e);
        xmlChar *t = xmlNodeGetContent(e);
        rz_view *v = rz_view_narrative(doc, (const char *)t);
        xmlFree(t);
        return v;
    }
    rz_view *m = rz_view_map(doc);
    char key[128];
    for (xmlAttrPtr a = e->properties; a; a = a->next) {
        xmlChar *v = xmlNodeListGetString(e->doc, a->children, 1);
        key_of(a->name, key, sizeof key);
        rz_view_set_str(m, key, v ? (const char *)v : "");
        xmlFree(v);
    }
    int has_text = 0;
    for (xmlNodePtr c = e->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const xmlChar *p = c->content; p && *p; p++)
                if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
                    has_text = 1;
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        key_of(c->name, key, sizeof key);
        rz_view *child = rz_view_from_xml(doc, c);
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
    if (has_text && !has_element_children(e))
        rz_view_set(m, "testo", text_view(doc, e));
    return m;
}
