/*
 * pdf_struct.c — see pdf_struct.h.
 *
 * Marked content: BDC/EMC are written straight into libharu's page stream,
 * between its own operators; libharu keeps no state they could upset. A
 * content slot may become several marked-content sequences (one per page
 * it crosses, or split around a text object); each gets its MCID, and the
 * slot lists them in order, so an element's kids read in reading order.
 *
 * Kids reference MCIDs as integers when on the element's page (/Pg) and
 * as MCR dictionaries otherwise; links as OBJR. The ParentTree's keys are
 * the page numbers (from 0), then one per link annotation.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_struct.h"
#include "diag.h"

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_ELEM, K_SLOT, K_ANNOT };

typedef struct {
    uint8_t kind;
    int32_t ref;
} kid;

typedef struct {
    const char *type;
    int32_t parent;
    const void *key;
    char *alt;
    const char *scope;
    kid *kids;
    uint32_t n, cap;
    HPDF_Dict dict;
} elem;

typedef struct {
    int32_t elem;
    uint32_t n, cap;
    struct mcr {
        uint32_t page, mcid;
    } * mcr;
} slot;

typedef struct {
    HPDF_Page page;
    int32_t *owner; /* MCID -> element */
    uint32_t n, cap;
} spage;

typedef struct {
    HPDF_Annotation annot;
    uint32_t page;
    int32_t elem;
} annot;

typedef struct wref wref;

struct rz_struct {
    elem *e;
    size_t n_e, cap_e;
    slot *sl;
    size_t n_sl, cap_sl;
    spage *pg;
    size_t n_pg, cap_pg;
    annot *an;
    size_t n_an, cap_an;
    int32_t *stack;
    size_t depth, cap_stack;
    int artifacts;
    int failed;
    /* the tree's objects, written by libharu when it saves (write_raw) */
    uint8_t *kept; /* which elements are written */
    wref *wr;      /* each kept element's and the ParentTree's write_fn data */
    HPDF_Dict root;
    /* output: the open marked content */
    HPDF_Stream out;
    int open;
    rz_mark cur;
};

/* Grows *p (of *cap items of size sz) to hold n + 1; 0 or -1. */
static int grow(void *p, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(*(void **)p, c * sz);
    if (!q)
        return -1;
    *(void **)p = q;
    *cap = c;
    return 0;
}

static int grow32(void *p, uint32_t *cap, uint32_t n, size_t sz)
{
    size_t c = *cap;
    if (grow(p, &c, n, sz) != 0)
        return -1;
    *cap = (uint32_t)c;
    return 0;
}

rz_struct *rz_struct_new(void)
{
    rz_struct *s = calloc(1, sizeof *s);
    if (s && rz_struct_open(s, "Document") < 0) {
        rz_struct_free(s);
        return NULL;
    }
    return s;
}

void rz_struct_free(rz_struct *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_e; i++) {
        free(s->e[i].kids);
        free(s->e[i].alt);
    }
    for (size_t i = 0; i < s->n_sl; i++)
        free(s->sl[i].mcr);
    for (size_t i = 0; i < s->n_pg; i++)
        free(s->pg[i].owner);
    free(s->e);
    free(s->kept);
    free(s->wr);
    free(s->sl);
    free(s->pg);
    free(s->an);
    free(s->stack);
    free(s);
}

int rz_struct_current(const rz_struct *s)
{
    return s->depth ? s->stack[s->depth - 1] : 0;
}

static int add_kid(rz_struct *s, int32_t to, uint8_t kind, int32_t ref)
{
    elem *p = &s->e[to];
    if (grow32(&p->kids, &p->cap, p->n, sizeof *p->kids) != 0) {
        s->failed = 1;
        return -1;
    }
    p->kids[p->n].kind = kind;
    p->kids[p->n].ref = ref;
    p->n++;
    return 0;
}

static void push(rz_struct *s, int32_t id)
{
    if (grow(&s->stack, &s->cap_stack, s->depth, sizeof *s->stack) != 0) {
        s->failed = 1;
        return;
    }
    s->stack[s->depth++] = id;
}

int rz_struct_open(rz_struct *s, const char *type)
{
    if (grow(&s->e, &s->cap_e, s->n_e, sizeof *s->e) != 0) {
        s->failed = 1;
        return -1;
    }
    int32_t id = (int32_t)s->n_e++;
    elem *e = &s->e[id];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->parent = id ? rz_struct_current(s) : -1;
    if (id && add_kid(s, e->parent, K_ELEM, id) != 0)
        return -1;
    push(s, id);
    return id;
}

int rz_struct_open_for(rz_struct *s, const char *type, const void *key)
{
    const elem *p = &s->e[rz_struct_current(s)];
    if (p->n && p->kids[p->n - 1].kind == K_ELEM) {
        int32_t last = p->kids[p->n - 1].ref;
        if (s->e[last].key == key && !strcmp(s->e[last].type, type)) {
            push(s, last);
            return last;
        }
    }
    int id = rz_struct_open(s, type);
    if (id >= 0)
        s->e[id].key = key;
    return id;
}

void rz_struct_enter(rz_struct *s, int id)
{
    push(s, id >= 0 && (size_t)id < s->n_e ? id : rz_struct_current(s));
}

void rz_struct_close(rz_struct *s)
{
    if (s->depth > 1)
        s->depth--;
}

int rz_struct_set_alt(rz_struct *s, int id, const char *alt)
{
    if (id < 0 || (size_t)id >= s->n_e)
        return -1;
    free(s->e[id].alt);
    s->e[id].alt = strdup(alt);
    return s->e[id].alt ? 0 : -1;
}

void rz_struct_set_scope(rz_struct *s, int id, const char *scope)
{
    if (id >= 0 && (size_t)id < s->n_e)
        s->e[id].scope = scope;
}

void rz_struct_artifacts(rz_struct *s, int on)
{
    s->artifacts += on ? 1 : -1;
}

rz_mark rz_struct_here(const rz_struct *s)
{
    return (rz_mark){s->artifacts > 0 ? RZ_ARTIFACT : rz_struct_current(s), -1};
}

rz_mark rz_struct_content(rz_struct *s, int decorative)
{
    int32_t cur = rz_struct_current(s);
    if (s->artifacts > 0 || (decorative && strcmp(s->e[cur].type, "Figure")))
        return (rz_mark){RZ_ARTIFACT, -1};
    elem *e = &s->e[cur];
    if (e->n && e->kids[e->n - 1].kind == K_SLOT)
        return (rz_mark){cur, e->kids[e->n - 1].ref};
    if (grow(&s->sl, &s->cap_sl, s->n_sl, sizeof *s->sl) != 0) {
        s->failed = 1;
        return (rz_mark){cur, -1};
    }
    int32_t id = (int32_t)s->n_sl;
    if (add_kid(s, cur, K_SLOT, id) != 0)
        return (rz_mark){cur, -1};
    s->n_sl++;
    memset(&s->sl[id], 0, sizeof s->sl[id]);
    s->sl[id].elem = cur;
    return (rz_mark){cur, id};
}

/* ------------------------------------------------------------------ */
/* Output: marked content                                              */
/* ------------------------------------------------------------------ */

void rz_struct_begin_page(rz_struct *s, HPDF_Page page)
{
    s->open = 0;
    if (grow(&s->pg, &s->cap_pg, s->n_pg, sizeof *s->pg) != 0) {
        s->failed = 1;
        return;
    }
    spage *p = &s->pg[s->n_pg++];
    memset(p, 0, sizeof *p);
    p->page = page;
    s->out = ((HPDF_PageAttr)page->attr)->stream;
}

void rz_struct_unmark(rz_struct *s)
{
    if (s->open)
        HPDF_Stream_WriteStr(s->out, "EMC\n");
    s->open = 0;
}

void rz_struct_mark(rz_struct *s, rz_mark m)
{
    if (!s->n_pg)
        return;
    if (s->open && s->cur.elem == m.elem && s->cur.slot == m.slot)
        return;
    rz_struct_unmark(s);
    s->cur = m;
    s->open = 1;
    if (m.elem == RZ_PAGINATION) {
        HPDF_Stream_WriteStr(s->out, "/Artifact <</Type /Pagination>> BDC\n");
        return;
    }
    if (m.elem < 0 || m.slot < 0) {
        HPDF_Stream_WriteStr(s->out, "/Artifact BMC\n");
        return;
    }
    spage *p = &s->pg[s->n_pg - 1];
    slot *sl = &s->sl[m.slot];
    if (grow32(&p->owner, &p->cap, p->n, sizeof *p->owner) != 0 ||
        grow32(&sl->mcr, &sl->cap, sl->n, sizeof *sl->mcr) != 0) {
        s->failed = 1;
        HPDF_Stream_WriteStr(s->out, "/Artifact BMC\n");
        return;
    }
    uint32_t mcid = p->n;
    p->owner[p->n++] = m.elem;
    sl->mcr[sl->n].page = (uint32_t)(s->n_pg - 1);
    sl->mcr[sl->n].mcid = mcid;
    sl->n++;
    char op[96];
    snprintf(op, sizeof op, "/%s <</MCID %u>> BDC\n", s->e[m.elem].type, (unsigned)mcid);
    HPDF_Stream_WriteStr(s->out, op);
}

void rz_struct_annot(rz_struct *s, int id, HPDF_Annotation a)
{
    if (id <= 0 || (size_t)id >= s->n_e || !s->n_pg || !a)
        return;
    if (grow(&s->an, &s->cap_an, s->n_an, sizeof *s->an) != 0) {
        s->failed = 1;
        return;
    }
    s->an[s->n_an].annot = a;
    s->an[s->n_an].page = (uint32_t)(s->n_pg - 1);
    s->an[s->n_an].elem = id;
    if (add_kid(s, id, K_ANNOT, (int32_t)s->n_an) == 0)
        s->n_an++;
}

/* ------------------------------------------------------------------ */
/* Output: the tree                                                    */
/* ------------------------------------------------------------------ */

/* Text as a UTF-16BE string with its byte order mark (never longer than
 * twice the UTF-8, plus the mark). */
static HPDF_Binary text_string(HPDF_MMgr mm, const char *utf8)
{
    size_t n = strlen(utf8);
    unsigned char *b = malloc(2 * n + 2);
    if (!b)
        return NULL;
    size_t k = 0;
    b[k++] = 0xFE;
    b[k++] = 0xFF;
    const unsigned char *p = (const unsigned char *)utf8;
    for (size_t i = 0; i < n;) {
        uint32_t cp = p[i];
        size_t len = cp < 0x80 ? 1 : (cp & 0xE0) == 0xC0 ? 2 : (cp & 0xF0) == 0xE0 ? 3 : 4;
        if (i + len > n)
            break;
        if (len > 1) {
            cp &= 0x3Fu >> (len - 1);
            for (size_t j = 1; j < len; j++)
                cp = cp << 6 | (p[i + j] & 0x3Fu);
        }
        i += len;
        if (cp > 0xFFFF) { /* four UTF-8 bytes, four UTF-16 bytes */
            cp -= 0x10000;
            unsigned hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
            b[k++] = (unsigned char)(hi >> 8);
            b[k++] = (unsigned char)hi;
            b[k++] = (unsigned char)(lo >> 8);
            b[k++] = (unsigned char)lo;
        } else {
            b[k++] = (unsigned char)(cp >> 8);
            b[k++] = (unsigned char)cp;
        }
    }
    HPDF_Binary s = HPDF_Binary_New(mm, b, (HPDF_UINT)k);
    free(b);
    return s;
}

/* Whether element i is written: it has content, or is a table cell. */
static void mark_kept(const rz_struct *s, uint8_t *kept)
{
    for (size_t i = s->n_e; i-- > 0;) {
        const elem *e = &s->e[i];
        kept[i] = !strcmp(e->type, "TD") || !strcmp(e->type, "TH");
        for (uint32_t k = 0; k < e->n && !kept[i]; k++) {
            const kid *x = &e->kids[k];
            kept[i] = x->kind == K_ANNOT || (x->kind == K_ELEM && kept[x->ref]) ||
                      (x->kind == K_SLOT && s->sl[x->ref].n);
        }
    }
}

/* The tree holds tens of thousands of elements. Built as libharu objects
 * entry by entry (a key of 128 bytes, a name object, a proxy for each
 * reference), it took as long as the rest of the document and three times
 * its memory. So each element is an empty libharu dictionary, registered in
 * the cross-reference table, whose entries are written as bytes when
 * libharu writes the object (its write_fn hook, hpdf_objects.h): the
 * numbers of the objects it refers to are known by then. */
struct wref {
    rz_struct *s;
    uint32_t i; /* the element; UINT32_MAX for the ParentTree */
};

static HPDF_UINT32 obj_num(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* The bytes of one object, gathered and handed to libharu's stream a few
 * hundred at a time: the tree is most of a long table's objects, and
 * formatting each entry through printf and a stream write cost more than
 * everything else done for it. */
typedef struct {
    HPDF_Stream out;
    HPDF_STATUS st;
    size_t n;
    char b[512];
} obuf;

static void ob_flush(obuf *o)
{
    if (o->n && o->st == HPDF_OK)
        o->st = HPDF_Stream_Write(o->out, (const HPDF_BYTE *)o->b, (HPDF_UINT)o->n);
    o->n = 0;
}

static void ob_str(obuf *o, const char *str)
{
    size_t n = strlen(str);
    if (o->n + n > sizeof o->b)
        ob_flush(o);
    if (n > sizeof o->b) { /* never: names and fixed text only */
        o->st = HPDF_FAILD_TO_ALLOC_MEM;
        return;
    }
    memcpy(o->b + o->n, str, n);
    o->n += n;
}

static void ob_uint(obuf *o, uint64_t v)
{
    char t[24];
    size_t k = sizeof t;
    do
        t[--k] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (o->n + (sizeof t - k) > sizeof o->b)
        ob_flush(o);
    memcpy(o->b + o->n, t + k, sizeof t - k);
    o->n += sizeof t - k;
}

/* An indirect reference, "N 0 R". */
static void ob_ref(obuf *o, const void *obj)
{
    ob_uint(o, obj_num(obj));
    ob_str(o, " 0 R");
}

/* The page of an element's first marked content, or -1. */
static int64_t first_page(const rz_struct *s, const elem *e)
{
    for (uint32_t k = 0; k < e->n; k++)
        if (e->kids[k].kind == K_SLOT && s->sl[e->kids[k].ref].n)
            return s->sl[e->kids[k].ref].mcr[0].page;
    return -1;
}

static HPDF_STATUS raw_elem(const rz_struct *s, const elem *e, HPDF_Stream out)
{
    obuf o = {.out = out, .st = HPDF_OK};
    ob_str(&o, "/S/");
    ob_str(&o, e->type);
    ob_str(&o, "/P ");
    ob_ref(&o, e->parent >= 0 ? (void *)s->e[e->parent].dict : s->root);
    int64_t pg = first_page(s, e);
    if (pg >= 0) {
        ob_str(&o, "/Pg ");
        ob_ref(&o, s->pg[pg].page);
    }
    /* The commonest element, a cell or a paragraph on one page, has one
     * marked-content sequence: /K is then that MCID alone. */
    if (e->n == 1 && e->kids[0].kind == K_SLOT && s->sl[e->kids[0].ref].n == 1 &&
        (int64_t)s->sl[e->kids[0].ref].mcr[0].page == pg) {
        ob_str(&o, "/K ");
        ob_uint(&o, s->sl[e->kids[0].ref].mcr[0].mcid);
        ob_flush(&o);
        return o.st;
    }
    ob_str(&o, "/K[");
    const char *sep = "";
    for (uint32_t k = 0; k < e->n && o.st == HPDF_OK; k++) {
        const kid *x = &e->kids[k];
        if (x->kind == K_ELEM) {
            if (s->kept[x->ref]) {
                ob_str(&o, sep);
                ob_ref(&o, s->e[x->ref].dict);
                sep = " ";
            }
        } else if (x->kind == K_SLOT) {
            const slot *sl = &s->sl[x->ref];
            for (uint32_t m = 0; m < sl->n; m++) {
                if ((int64_t)sl->mcr[m].page == pg) {
                    ob_str(&o, sep);
                    ob_uint(&o, sl->mcr[m].mcid);
                    sep = " ";
                } else {
                    ob_str(&o, "<</Type/MCR/Pg ");
                    ob_ref(&o, s->pg[sl->mcr[m].page].page);
                    ob_str(&o, "/MCID ");
                    ob_uint(&o, sl->mcr[m].mcid);
                    ob_str(&o, ">>");
                    sep = "";
                }
            }
        } else {
            const annot *an = &s->an[x->ref];
            ob_str(&o, "<</Type/OBJR/Pg ");
            ob_ref(&o, s->pg[an->page].page);
            ob_str(&o, "/Obj ");
            ob_ref(&o, an->annot);
            ob_str(&o, ">>");
            sep = "";
        }
    }
    ob_str(&o, "]");
    ob_flush(&o);
    return o.st;
}

/* /Nums of the ParentTree: for each page the element of each MCID, then
 * the element of each link annotation. */
static HPDF_STATUS raw_nums(const rz_struct *s, HPDF_Stream out)
{
    obuf o = {.out = out, .st = HPDF_OK};
    ob_str(&o, "/Nums[");
    for (size_t p = 0; p < s->n_pg && o.st == HPDF_OK; p++) {
        ob_uint(&o, p);
        ob_str(&o, "[");
        for (uint32_t m = 0; m < s->pg[p].n; m++) {
            if (m)
                ob_str(&o, " ");
            ob_ref(&o, s->e[s->pg[p].owner[m]].dict);
        }
        ob_str(&o, "]\n");
    }
    for (size_t a = 0; a < s->n_an && o.st == HPDF_OK; a++) {
        ob_uint(&o, s->n_pg + a);
        ob_str(&o, " ");
        ob_ref(&o, s->e[s->an[a].elem].dict);
        ob_str(&o, "\n");
    }
    ob_str(&o, "]");
    ob_flush(&o);
    return o.st;
}

static HPDF_STATUS write_raw(HPDF_Dict d, HPDF_Stream out)
{
    const wref *w = d->attr;
    HPDF_STATUS st = w->i == UINT32_MAX ? raw_nums(w->s, out) : raw_elem(w->s, &w->s->e[w->i], out);
    return st == HPDF_OK ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
}

/* The entries libharu writes itself: the few that are not references (an
 * alternative text, a header cell's scope) and a link's StructParent. */
static HPDF_STATUS write_elem(rz_struct *s, HPDF_Doc pdf, size_t i)
{
    HPDF_MMgr mm = pdf->mmgr;
    elem *e = &s->e[i];
    HPDF_Dict d = e->dict;
    HPDF_STATUS st = HPDF_OK;
    if (e->alt)
        st += HPDF_Dict_Add(d, "Alt", text_string(mm, e->alt));
    if (e->scope) {
        HPDF_Dict a = HPDF_Dict_New(mm);
        st += HPDF_Dict_Add(d, "A", a);
        st += HPDF_Dict_AddName(a, "O", "Table");
        st += HPDF_Dict_AddName(a, "Scope", e->scope);
    }
    for (uint32_t k = 0; k < e->n && st == HPDF_OK; k++)
        if (e->kids[k].kind == K_ANNOT)
            st = HPDF_Dict_AddNumber(s->an[e->kids[k].ref].annot, "StructParent",
                                     (HPDF_INT32)(s->n_pg + (size_t)e->kids[k].ref));
    s->wr[i] = (wref){s, (uint32_t)i};
    d->attr = &s->wr[i];
    d->write_fn = write_raw;
    return st == HPDF_OK ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
}

static HPDF_STATUS parent_tree(rz_struct *s, HPDF_Doc pdf, HPDF_Dict root)
{
    HPDF_Dict tree = HPDF_Dict_New(pdf->mmgr);
    if (!tree)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS st = HPDF_Dict_Add(root, "ParentTree", tree);
    for (size_t p = 0; p < s->n_pg && st == HPDF_OK; p++)
        st = HPDF_Dict_AddNumber(s->pg[p].page, "StructParents", (HPDF_INT32)p);
    st += HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)(s->n_pg + s->n_an));
    s->wr[s->n_e] = (wref){s, UINT32_MAX};
    tree->attr = &s->wr[s->n_e];
    tree->write_fn = write_raw;
    return st;
}

HPDF_STATUS rz_struct_write(rz_struct *s, HPDF_Doc pdf, const char *lang)
{
    if (s->failed)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_MMgr mm = pdf->mmgr;
    s->kept = calloc(s->n_e ? s->n_e : 1, 1);
    s->wr = calloc(s->n_e + 1, sizeof *s->wr);
    if (!s->kept || !s->wr)
        return HPDF_FAILD_TO_ALLOC_MEM;
    mark_kept(s, s->kept);
    s->kept[0] = 1;
    HPDF_STATUS st = HPDF_OK;
    /* libharu's cross-reference table grows by a fixed 1 024 entries,
     * copying itself each time: one growth for the whole tree instead. */
    HPDF_List entries = pdf->xref->entries;
    HPDF_UINT per_block = entries->items_per_block;
    size_t need = 1;
    for (size_t i = 0; i < s->n_e; i++)
        need += s->kept[i];
    if (need < UINT32_MAX / 2 && need > per_block)
        entries->items_per_block = (HPDF_UINT)need;
    HPDF_Dict root = HPDF_Dict_New(mm);
    s->root = root;
    if (!root || HPDF_Xref_Add(pdf->xref, root) != HPDF_OK)
        st = HPDF_FAILD_TO_ALLOC_MEM;
    for (size_t i = 0; i < s->n_e && st == HPDF_OK; i++) {
        if (!s->kept[i])
            continue;
        s->e[i].dict = HPDF_Dict_New(mm);
        if (!s->e[i].dict || HPDF_Xref_Add(pdf->xref, s->e[i].dict) != HPDF_OK)
            st = HPDF_FAILD_TO_ALLOC_MEM;
    }
    entries->items_per_block = per_block;
    for (size_t i = 0; i < s->n_e && st == HPDF_OK; i++)
        if (s->kept[i])
            st = write_elem(s, pdf, i);
    if (st != HPDF_OK)
        return st;
    st += HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    st += HPDF_Dict_Add(root, "K", s->e[0].dict);
    st += parent_tree(s, pdf, root);
    st += HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
    HPDF_Dict mark = HPDF_Dict_New(mm);
    st += HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
    st += HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    if (lang)
        st += HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(mm, lang, NULL));
    HPDF_Dict prefs = HPDF_Dict_New(mm);
    st += HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
    st += HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    /* Tagged PDF's catalog entries (MarkInfo, Lang) are PDF 1.4. */
    if (pdf->pdf_version < HPDF_VER_14)
        pdf->pdf_version = HPDF_VER_14;
    return st == HPDF_OK ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
}
