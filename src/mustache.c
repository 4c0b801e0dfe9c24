/*
 * mustache.c — compile to a token tree, render over a context stack.
 *
 * Compilation resolves everything the specification decides statically:
 * delimiter changes, comments, and "standalone" lines (a section, comment,
 * partial or delimiter tag alone on its line takes the whole line with it).
 * What remains is a tree of text, variables, sections and partials, so
 * rendering is a plain walk.
 *
 * A partial tag carries the indentation in front of it when standalone; the
 * partial's source is compiled with that indentation put at the start of
 * each of its lines (as the specification's "Standalone Indentation" case
 * requires: interpolated data is not re-indented) and cached per name and
 * indentation in the template that uses it.
 */
#define _POSIX_C_SOURCE 200809L
#include "mustache.h"
#include "format.h"
#include "fsutil.h"

#include <stdlib.h>
#include <string.h>

typedef enum { T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_PARTIAL } tok_kind;

typedef struct tok tok;
struct tok {
    tok_kind kind;
    char *text; /* text, or the tag name */
    size_t len;
    char *indent; /* partials */
    long line;
    tok *children; /* sections */
    size_t n_children, cap_children;
};

typedef struct cached {
    char *name;
    char *indent;
    rz_mustache *tmpl;
    struct cached *next;
} cached;

struct rz_mustache {
    char *name;
    tok root;
    cached *partials;
};

/* ------------------------------------------------------------------ */
/* Compiling                                                           */
/* ------------------------------------------------------------------ */

static tok *add(tok *parent, tok_kind k)
{
    if (parent->n_children == parent->cap_children) {
        size_t cap = parent->cap_children ? parent->cap_children * 2 : 8;
        tok *n = realloc(parent->children, cap * sizeof *n);
        if (!n)
            return NULL;
        parent->children = n;
        parent->cap_children = cap;
    }
    tok *t = &parent->children[parent->n_children++];
    memset(t, 0, sizeof *t);
    t->kind = k;
    return t;
}

static void add_text(tok *parent, const char *s, size_t n, long line)
{
    if (n == 0)
        return;
    tok *t = add(parent, T_TEXT);
    if (!t)
        return;
    t->text = malloc(n + 1);
    if (t->text) {
        memcpy(t->text, s, n);
        t->text[n] = '\0';
        t->len = n;
    }
    t->line = line;
}

static void free_tok(tok *t)
{
    for (size_t i = 0; i < t->n_children; i++)
        free_tok(&t->children[i]);
    free(t->children);
    free(t->text);
    free(t->indent);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static char *trimmed(const char *s, size_t n)
{
    while (n && is_blank(*s)) {
        s++;
        n--;
    }
    while (n && (is_blank(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

static long count_lines(const char *s, const char *end)
{
    long n = 0;
    for (; s < end; s++)
        if (*s == '\n')
            n++;
    return n;
}

rz_mustache *rz_mustache_compile(const char *src, size_t len, const char *name, rz_diags *d)
{
    rz_mustache *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->name = strdup(name ? name : "template");
    char otag[16] = "{{", ctag[16] = "}}";
    tok *stack[128];
    int depth = 0;
    stack[0] = &t->root;
    const char *p = src, *end = src + len;
    const char *text_start = src;
    const char *prev_tag_end = src; /* no standalone tag after another on one line */
    int ok = 1;

    while (p < end) {
        size_t ol = strlen(otag), cl = strlen(ctag);
        const char *open = NULL;
        for (const char *q = p; q + ol <= end; q++)
            if (memcmp(q, otag, ol) == 0) {
                open = q;
                break;
            }
        if (!open)
            break;
        long line = 1 + count_lines(src, open);
        const char *body = open + ol;
        char sigil = body < end ? *body : '\0';
        const char *close = NULL;
        const char *after;
        if (sigil == '{') {
            /* {{{name}}}: the closing '}' comes before the closing tag. */
            for (const char *q = body + 1; q + 1 + cl <= end; q++)
                if (*q == '}' && memcmp(q + 1, ctag, cl) == 0) {
                    close = q;
                    break;
                }
            after = close ? close + 1 + cl : NULL;
        } else {
            for (const char *q = body; q + cl <= end; q++)
                if (memcmp(q, ctag, cl) == 0) {
                    close = q;
                    break;
                }
            after = close ? close + cl : NULL;
        }
        if (!close) {
            rz_diag_add(d, RZ_ERROR, t->name, line, "template",
                        "tag aperto con '%s' e mai chiuso con '%s'", otag, ctag);
            ok = 0;
            break;
        }
        if (strchr("#^/!>=&{", sigil) && sigil)
            body++;
        else
            sigil = '\0';
        const char *body_end = close;
        if (sigil == '=' && body_end > body && body_end[-1] == '=')
            body_end--;
        char *tag = trimmed(body, (size_t)(body_end - body));
        if (!tag) {
            ok = 0;
            break;
        }

        /* Standalone: only blanks since the start of the line (and no tag
         * earlier on it), only blanks then a newline or the end after. */
        int standalone = 0;
        const char *line_start = open;
        while (line_start > src && line_start[-1] != '\n')
            line_start--;
        const char *line_end = after;
        if (strchr("#^/!>=", sigil) && sigil && line_start >= prev_tag_end) {
            const char *q = line_start;
            while (q < open && is_blank(*q))
                q++;
            const char *r = after;
            while (r < end && is_blank(*r))
                r++;
            if (q == open) {
                if (r == end) {
                    standalone = 1;
                    line_end = r;
                } else if (*r == '\n') {
                    standalone = 1;
                    line_end = r + 1;
                } else if (*r == '\r' && r + 1 < end && r[1] == '\n') {
                    standalone = 1;
                    line_end = r + 2;
                }
            }
        }
        tok *cur = stack[depth];
        add_text(cur, text_start, (size_t)((standalone ? line_start : open) - text_start),
                 1 + count_lines(src, text_start));
        char *indent = NULL;
        if (standalone && sigil == '>') {
            indent = malloc((size_t)(open - line_start) + 1);
            if (indent) {
                memcpy(indent, line_start, (size_t)(open - line_start));
                indent[open - line_start] = '\0';
            }
        }
        p = standalone ? line_end : after;
        text_start = p;
        prev_tag_end = p;

        switch (sigil) {
        case '!':
            free(tag);
            break;
        case '=': {
            char *space = tag;
            while (*space && !is_blank(*space))
                space++;
            char *second = space;
            while (*second && is_blank(*second))
                second++;
            size_t l1 = (size_t)(space - tag), l2 = strlen(second);
            if (l1 == 0 || l2 == 0 || l1 >= sizeof otag || l2 >= sizeof ctag ||
                strpbrk(second, " \t") || memchr(tag, '=', l1)) {
                rz_diag_add(d, RZ_ERROR, t->name, line, "template",
                            "cambio di delimitatori non valido: '%s'", tag);
                ok = 0;
            } else {
                memcpy(otag, tag, l1);
                otag[l1] = '\0';
                memcpy(ctag, second, l2 + 1);
            }
            free(tag);
            break;
        }
        case '#':
        case '^': {
            tok *s = add(cur, sigil == '#' ? T_SECTION : T_INVERTED);
            if (!s || depth + 1 >= (int)(sizeof stack / sizeof stack[0])) {
                free(tag);
                ok = 0;
                break;
            }
            s->text = tag;
            s->line = line;
            stack[++depth] = s;
            break;
        }
        case '/':
            if (depth == 0 || strcmp(stack[depth]->text, tag) != 0) {
                rz_diag_add(d, RZ_ERROR, t->name, line, "template",
                            depth ? "'{{/%s}}' chiude la sezione sbagliata: è aperta '%s' "
                                    "(riga %ld)"
                                  : "'{{/%s}}' chiude una sezione mai aperta%s",
                            tag, depth ? stack[depth]->text : "", depth ? stack[depth]->line : 0);
                ok = 0;
            } else {
                depth--;
            }
            free(tag);
            break;
        case '>': {
            tok *s = add(cur, T_PARTIAL);
            if (!s) {
                free(tag);
                ok = 0;
                break;
            }
            s->text = tag;
            s->indent = indent;
            indent = NULL;
            s->line = line;
            break;
        }
        default: {
            tok *s = add(cur, sigil == '&' || sigil == '{' ? T_RAW : T_VAR);
            if (!s) {
                free(tag);
                ok = 0;
                break;
            }
            s->text = tag;
            s->line = line;
        }
        }
        free(indent);
        if (!ok)
            break;
    }
    if (ok) {
        add_text(stack[depth], text_start, (size_t)(end - text_start),
                 1 + count_lines(src, text_start));
        if (depth > 0) {
            rz_diag_add(d, RZ_ERROR, t->name, stack[depth]->line, "template",
                        "la sezione '%s' non è mai chiusa (manca {{/%s}})", stack[depth]->text,
                        stack[depth]->text);
            ok = 0;
        }
    }
    if (!ok) {
        rz_mustache_free(t);
        return NULL;
    }
    return t;
}

void rz_mustache_free(rz_mustache *t)
{
    if (!t)
        return;
    free_tok(&t->root);
    for (cached *c = t->partials; c;) {
        cached *n = c->next;
        rz_mustache_free(c->tmpl);
        free(c->name);
        free(c->indent);
        free(c);
        c = n;
    }
    free(t->name);
    free(t);
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */
/* ------------------------------------------------------------------ */

typedef struct {
    const rz_view *stack[256];
    int depth;
    const rz_mustache_options *opt;
    rz_escape_fn escape;
    rz_buf *out;
    rz_diags *d;
    int partial_depth;
    int failed;
} renderer;

/* Looks name up: "." is the top of the stack; "a.b.c" finds "a" in the
 * nearest context that has it, then descends without further search. */
static const rz_view *lookup(renderer *r, const char *name, int *found)
{
    *found = 1;
    if (strcmp(name, ".") == 0)
        return r->stack[r->depth - 1];
    const char *dot = strchr(name, '.');
    size_t first_len = dot ? (size_t)(dot - name) : strlen(name);
    char first[256];
    if (first_len >= sizeof first) {
        *found = 0;
        return NULL;
    }
    memcpy(first, name, first_len);
    first[first_len] = '\0';
    const rz_view *v = NULL;
    int hit = 0;
    for (int i = r->depth - 1; i >= 0 && !hit; i--) {
        const rz_view *ctx = r->stack[i];
        if (rz_view_kind_of(ctx) != RZ_VIEW_MAP)
            continue;
        const rz_view *x = rz_view_get(ctx, first);
        if (x) {
            v = x;
            hit = 1;
        }
    }
    if (!hit) {
        *found = 0;
        return NULL;
    }
    while (dot) {
        const char *next = strchr(dot + 1, '.');
        size_t n = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
        char part[256];
        if (n >= sizeof part) {
            *found = 0;
            return NULL;
        }
        memcpy(part, dot + 1, n);
        part[n] = '\0';
        /* A list is indexed by number: "righe.0" is the first row, and a
         * row past the end is simply empty (a section probe, not a typo). */
        if (rz_view_kind_of(v) == RZ_VIEW_LIST && n && strspn(part, "0123456789") == n) {
            size_t idx = (size_t)strtoul(part, NULL, 10);
            if (idx >= rz_view_len(v))
                return NULL;
            v = rz_view_at(v, idx);
        } else {
            v = rz_view_get(v, part);
        }
        if (!v) {
            *found = 0;
            return NULL;
        }
        dot = next;
    }
    return v;
}

static void render_list(renderer *r, rz_mustache *t, const tok *list, size_t n);

static void missing(renderer *r, rz_mustache *t, const tok *k)
{
    if (r->opt && r->opt->warn_missing)
        rz_diag_add(r->d, RZ_WARNING, t->name, k->line, "template-name",
                    "il nome '%s' non esiste nei dati: controllare come è scritto", k->text);
}

static char *indent_source(const char *src, size_t len, const char *indent, size_t *out_len)
{
    size_t il = strlen(indent), lines = 1;
    for (size_t i = 0; i < len; i++)
        if (src[i] == '\n')
            lines++;
    char *o = malloc(len + lines * il + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    int at_start = 1;
    for (size_t i = 0; i < len; i++) {
        if (at_start) {
            memcpy(o + k, indent, il);
            k += il;
            at_start = 0;
        }
        o[k++] = src[i];
        if (src[i] == '\n')
            at_start = 1;
    }
    o[k] = '\0';
    *out_len = k;
    return o;
}

static rz_mustache *partial(renderer *r, rz_mustache *t, const tok *k)
{
    const char *indent = k->indent ? k->indent : "";
    for (cached *c = t->partials; c; c = c->next)
        if (!strcmp(c->name, k->text) && !strcmp(c->indent, indent))
            return c->tmpl;
    if (!r->opt || !r->opt->load)
        return NULL;
    size_t len = 0;
    char *src = r->opt->load(r->opt->load_ctx, k->text, &len);
    if (!src) {
        if (r->opt->warn_missing)
            rz_diag_add(r->d, RZ_WARNING, t->name, k->line, "template-partial",
                        "il modello parziale '%s' non esiste", k->text);
        return NULL;
    }
    rz_mustache *p = NULL;
    size_t il = 0;
    char *isrc = *indent ? indent_source(src, len, indent, &il) : NULL;
    p = rz_mustache_compile(isrc ? isrc : src, isrc ? il : len, k->text, r->d);
    free(isrc);
    free(src);
    cached *c = calloc(1, sizeof *c);
    if (!c) {
        rz_mustache_free(p);
        return NULL;
    }
    c->name = strdup(k->text);
    c->indent = strdup(indent);
    c->tmpl = p;
    c->next = t->partials;
    t->partials = c;
    if (!p)
        r->failed = 1;
    return p;
}

static void push(renderer *r, const rz_view *v)
{
    if (r->depth < (int)(sizeof r->stack / sizeof r->stack[0]))
        r->stack[r->depth++] = v;
    else
        r->failed = 1;
}

static void render_tok(renderer *r, rz_mustache *t, const tok *k)
{
    int found;
    const rz_view *v;
    char num[32];
    switch (k->kind) {
    case T_TEXT:
        rz_buf_append(r->out, k->text, k->len);
        break;
    case T_VAR:
    case T_RAW: {
        v = lookup(r, k->text, &found);
        if (!found) {
            missing(r, t, k);
            break;
        }
        const char *s = rz_view_scalar_text(v, num);
        if (k->kind == T_RAW)
            rz_buf_puts(r->out, s);
        else
            r->escape(r->out, s, strlen(s));
        break;
    }
    case T_SECTION:
        /* A section on a name the data lack is how a template asks "is it
         * there?": not worth a warning, unlike an interpolation. */
        v = lookup(r, k->text, &found);
        if (rz_view_falsy(v))
            break;
        if (rz_view_kind_of(v) == RZ_VIEW_LIST) {
            for (size_t i = 0; i < rz_view_len(v); i++) {
                push(r, rz_view_at(v, i));
                render_list(r, t, k->children, k->n_children);
                r->depth--;
            }
        } else {
            push(r, v);
            render_list(r, t, k->children, k->n_children);
            r->depth--;
        }
        break;
    case T_INVERTED:
        v = lookup(r, k->text, &found);
        if (rz_view_falsy(v))
            render_list(r, t, k->children, k->n_children);
        break;
    case T_PARTIAL: {
        if (r->partial_depth >= 64) {
            rz_diag_add(r->d, RZ_ERROR, t->name, k->line, "template",
                        "il partial '%s' richiama se stesso oltre 64 livelli", k->text);
            r->failed = 1;
            break;
        }
        rz_mustache *p = partial(r, t, k);
        if (!p)
            break;
        r->partial_depth++;
        /* The partial's own partials are cached in the including template,
         * which lives as long as the render. */
        render_list(r, t, p->root.children, p->root.n_children);
        r->partial_depth--;
        break;
    }
    }
}

static void render_list(renderer *r, rz_mustache *t, const tok *list, size_t n)
{
    for (size_t i = 0; i < n && !r->failed; i++)
        render_tok(r, t, &list[i]);
}

rz_status rz_mustache_render(rz_mustache *t, const rz_view *view, const rz_mustache_options *opt,
                             rz_buf *out, rz_diags *d)
{
    renderer r;
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.escape = opt && opt->escape ? opt->escape : rz_escape_html;
    r.out = out;
    r.d = d;
    push(&r, view);
    render_list(&r, t, t->root.children, t->root.n_children);
    if (rz_buf_failed(out))
        return RZ_IO;
    return r.failed ? RZ_INVALID : RZ_OK;
}

void rz_escape_html(rz_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            rz_buf_puts(out, "&amp;");
            break;
        case '<':
            rz_buf_puts(out, "&lt;");
            break;
        case '>':
            rz_buf_puts(out, "&gt;");
            break;
        case '"':
            rz_buf_puts(out, "&quot;");
            break;
        default:
            rz_buf_putc(out, s[i]);
        }
    }
}

void rz_escape_markdown(rz_buf *out, const char *s, size_t n)
{
    rz_md_escape_inline(out, s, n);
}

char *rz_partials_from_dir(void *dir, const char *name, size_t *len)
{
    if (!name || !*name || name[0] == '.' || strchr(name, '/'))
        return NULL;
    static const char *const suffixes[] = {".md.mustache", ".mustache"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(name) + strlen(suffixes[i]) + 1;
        char *file = malloc(n);
        if (!file)
            return NULL;
        snprintf(file, n, "%s%s", name, suffixes[i]);
        char *path = rz_path_join((const char *)dir, file);
        free(file);
        if (!path)
            return NULL;
        rz_diags quiet;
        rz_diags_init(&quiet);
        char *data = NULL;
        rz_status st = rz_read_file(path, 4u * 1024u * 1024u, &data, len, &quiet);
        rz_diags_free(&quiet);
        free(path);
        if (st == RZ_OK)
            return data;
    }
    return NULL;
}
