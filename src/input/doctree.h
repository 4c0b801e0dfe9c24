/*
 * doctree.h — a validated document as a plain tree of elements, for the
 * inputs whose content goes to the templates as it is written (the
 * Allegati, the profile of body): names, attributes, text and the source
 * line of each element, with nothing of the XML library, so that the view
 * (view/doc_view.c) can turn it into keys without reaching into the
 * loader. Only elements and their text are kept: comments and processing
 * instructions are not content.
 */
#ifndef RZ_DOCTREE_H
#define RZ_DOCTREE_H

#include "arena.h"

#include <stddef.h>

typedef struct {
    char *name, *value;
} rz_doc_attr;

typedef struct rz_doc_node {
    char *name; /* local name */
    long line;
    rz_doc_attr *attrs; /* in document order */
    size_t nattrs;
    struct rz_doc_node *children; /* the child elements, in document order */
    size_t nchildren;
    /* The text content as written, for an element without child
     * elements; NULL otherwise. */
    char *text;
    /* Some text of the element's own (not its children's) is more than
     * whitespace. */
    int has_text;
} rz_doc_node;

typedef struct {
    rz_arena arena; /* owns everything below */
    char *file;
    rz_doc_node *root;
} rz_doc_tree;

/* Reading from a loaded document: input/readers.h. */
void rz_doc_tree_free(rz_doc_tree *t);

/* The first child element named name, or NULL. */
const rz_doc_node *rz_doc_child(const rz_doc_node *n, const char *name);

/* How many child elements are named name. */
size_t rz_doc_count(const rz_doc_node *n, const char *name);

/* The value of attribute name, or NULL when n has none. */
const char *rz_doc_attr_value(const rz_doc_node *n, const char *name);

#endif
