/*
 * model_read.c — see model_read.h: reading attributes and texts of a
 * validated DOM into the model's arena. Values are trimmed; an absent
 * attribute or an empty text is NULL.
 */
#define _POSIX_C_SOURCE 200809L
#include "model_read.h"
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *rd_trim_dup(reader *r, const char *s)
{
    if (!s)
        return NULL;
    size_t n;
    s = rz_trim(s, &n);
    return rz_arena_strndup(r->arena, s, n);
}

/* Attribute and text values are read in place when they are a single text
 * node (the usual case), avoiding libxml2's copy for each one. */
const char *rd_attr(reader *r, xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
    if (!a)
        return NULL;
    if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
        return rd_trim_dup(r, (const char *)a->children->content);
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    const char *s = rd_trim_dup(r, v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

const char *rd_text_of(reader *r, xmlNodePtr n)
{
    if (!n)
        return NULL;
    const char *s;
    if (!n->children) {
        return NULL;
    } else if (n->children->type == XML_TEXT_NODE && !n->children->next) {
        s = rd_trim_dup(r, (const char *)n->children->content);
    } else {
        xmlChar *v = xmlNodeGetContent(n);
        if (!v)
            return NULL;
        s = rd_trim_dup(r, (const char *)v);
        xmlFree(v);
    }
    return s && *s ? s : NULL;
}

const char *rd_child_text(reader *r, xmlNodePtr n, const char *name)
{
    return rd_text_of(r, rz_xml_child(n, name));
}

rz_loc rd_loc_of(reader *r, xmlNodePtr n)
{
    rz_loc l = {r->file, rz_xml_line(n)};
    return l;
}

int rd_parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return 0;
    char *end;
    double v = strtod(s, &end);
    if (*end != '\0' || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

int rd_attr_double(reader *r, xmlNodePtr n, const char *name, double *out)
{
    const char *s = rd_attr(r, n, name);
    return s && rd_parse_double(s, out);
}

int rd_attr_bool(reader *r, xmlNodePtr n, const char *name)
{
    const char *s = rd_attr(r, n, name);
    return s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
}

int rd_attr_int(reader *r, xmlNodePtr n, const char *name, int fallback)
{
    double v;
    if (rd_attr_double(r, n, name, &v))
        return (int)v;
    return fallback;
}

int rd_text_int(reader *r, xmlNodePtr n, int fallback)
{
    double v;
    if (rd_parse_double(rd_text_of(r, n), &v))
        return (int)v;
    return fallback;
}

/* A date attribute, checked to be a real date; *has is 0 when absent. */
void rd_attr_date(reader *r, xmlNodePtr n, const char *name, int *has, rz_date *out)
{
    const char *s = rd_attr(r, n, name);
    *has = 0;
    if (!s)
        return;
    if (rz_date_parse_iso(s, out)) {
        *has = 1;
        return;
    }
    rz_diag_add(r->d, RZ_ERROR, r->file, rz_xml_line(n), "date",
                "'%s' nell'attributo %s non è una data reale: scrivere AAAA-MM-GG (es. "
                "2019-06-30)",
                s, name);
}

void rd_read_fields(reader *r, xmlNodePtr n, void *obj, const field *f, size_t count)
{
    char *base = obj;
    for (size_t i = 0; i < count; i++) {
        void *at = base + f[i].at;
        int *has = (int *)(void *)(base + f[i].has);
        switch (f[i].kind) {
        case F_ATTR:
            *(const char **)at = rd_attr(r, n, f[i].name);
            break;
        case F_CHILD:
            *(const char **)at = rd_child_text(r, n, f[i].name);
            break;
        case F_INT:
            *(int *)at = rd_attr_int(r, n, f[i].name, 0);
            break;
        case F_LONG:
            *(long *)at = rd_attr_int(r, n, f[i].name, 0);
            break;
        case F_BOOL:
            *(int *)at = rd_attr_bool(r, n, f[i].name);
            break;
        case F_NUMBER:
            *has = rd_attr_double(r, n, f[i].name, at);
            break;
        case F_DATE:
            rd_attr_date(r, n, f[i].name, has, at);
            break;
        }
    }
}

void rd_push_code(reader *r, rz_codes *c, const char *code)
{
    if (!code)
        return;
    const char **slot = PUSH(r, c->items, c->count, c->cap);
    if (slot)
        *slot = code;
}

int rd_lookup(const char *s, const char *const *names, int n, int fallback)
{
    if (!s)
        return fallback;
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return fallback;
}

int rd_out_of_memory(const rz_arena *a, const char *path, rz_diags *d)
{
    if (!a->failed)
        return 0;
    rz_diag_out_of_memory(d, path, "leggendo il file");
    return 1;
}
