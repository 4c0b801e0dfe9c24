/* doctree.c — see doctree.h. The tree is read whole, in one arena. */
#include "doctree.h"
#include "readers.h"

#include <stdlib.h>
#include <string.h>

static int is_blank(const xmlChar *p)
{
    for (; p && *p; p++)
        if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
            return 0;
    return 1;
}

static void read_node(rz_arena *a, xmlNodePtr e, rz_doc_node *n)
{
    n->name = rz_arena_strdup(a, (const char *)e->name);
    n->line = rz_xml_line(e);
    size_t na = 0, nc = 0;
    for (xmlAttrPtr at = e->properties; at; at = at->next)
        na++;
    for (xmlNodePtr c = e->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            nc++;
        else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                 !is_blank(c->content))
            n->has_text = 1;
    }
    n->attrs = na ? rz_arena_alloc(a, na * sizeof *n->attrs) : NULL;
    for (xmlAttrPtr at = e->properties; at && n->attrs; at = at->next) {
        xmlChar *v = xmlNodeListGetString(e->doc, at->children, 1);
        n->attrs[n->nattrs].name = rz_arena_strdup(a, (const char *)at->name);
        n->attrs[n->nattrs].value = rz_arena_strdup(a, v ? (const char *)v : "");
        n->nattrs++;
        xmlFree(v);
    }
    if (nc == 0) {
        n->text = rz_xml_content(a, e);
        return;
    }
    n->children = rz_arena_alloc(a, nc * sizeof *n->children);
    for (xmlNodePtr c = e->children; c && n->children; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            read_node(a, c, &n->children[n->nchildren++]);
}

rz_status rz_doc_tree_read(const rz_xml *x, rz_doc_tree *t, rz_diags *d)
{
    memset(t, 0, sizeof *t);
    rz_arena_init(&t->arena);
    t->file = rz_arena_strdup(&t->arena, x->path);
    t->root = rz_arena_alloc(&t->arena, sizeof *t->root);
    if (t->root)
        read_node(&t->arena, xmlDocGetRootElement(x->doc), t->root);
    if (t->arena.failed) {
        rz_diag_out_of_memory(d, x->path, "leggendo il file");
        rz_doc_tree_free(t);
        return RZ_IO;
    }
    return RZ_OK;
}

void rz_doc_tree_free(rz_doc_tree *t)
{
    rz_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}

const rz_doc_node *rz_doc_child(const rz_doc_node *n, const char *name)
{
    for (size_t i = 0; n && i < n->nchildren; i++)
        if (strcmp(n->children[i].name, name) == 0)
            return &n->children[i];
    return NULL;
}

size_t rz_doc_count(const rz_doc_node *n, const char *name)
{
    size_t k = 0;
    for (size_t i = 0; n && i < n->nchildren; i++)
        k += strcmp(n->children[i].name, name) == 0;
    return k;
}

const char *rz_doc_attr_value(const rz_doc_node *n, const char *name)
{
    for (size_t i = 0; n && i < n->nattrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0)
            return n->attrs[i].value;
    return NULL;
}
