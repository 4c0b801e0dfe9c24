/*
 * mustache.c — compile to a token tree, render over a context stack.
 *
 * Compilation resolves everything the specification decides statically:
 * delimiter changes, comments, and "standalone" lines (a section, inverted,
 * closing, comment, partial or delimiter tag alone on its line takes the
 * whole line with it). What remains is a tree of text, variables, sections
 * and partials, so rendering is a plain walk. Compilation is one forward
 * pass: the line number and the start of the current line are carried
 * along, never searched for again.
 *
 * A partial tag carries the indentation in front of it when standalone; the
 * partial's source is compiled with that indentation put at the start of
 * each of its lines (the specification's "Standalone Indentation" case:
 * interpolated data is not re-indented) and cached by name and indentation
 * in the template being rendered, which keeps it for later renders.
 */
#define _POSIX_C_SOURCE 200809L
#include "mustache.h"
#include "format.h"
#include "fsutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_PARTIAL } tok_kind;

typedef struct tok tok;
struct tok {
    tok_kind kind;
    char *text; /* text, or the tag name */
    size_t len;
    char *indent; /* standalone partials */
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

typedef struct {
    const char *src, *end;
    rz_mustache *t;
    rz_diags *d;
    int ok;
    /* Line tracking: everything before pos has been counted. */
    const char *pos;
    long line;
    const char *line_start;
} compiler;

/* The line of q (1-based), q never before the previous call's q. */
static long line_at(compiler *c, const char *q)
{
    for (; c->pos < q; c->pos++)
        if (*c->pos == '\n') {
            c->line++;
            c->line_start = c->pos + 1;
        }
    return c->line;
}

static void error(compiler *c, long line, const char *fmt, ...) RZ_PRINTF(3, 4);

static void error(compiler *c, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rz_diag_add(c->d, RZ_ERROR, c->t->name, line, "template", "%s", msg);
    c->ok = 0;
}

static char *dup_n(const char *s, size_t n)
{
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

static tok *add(compiler *c, tok *parent, tok_kind k)
{
    if (parent->n_children == parent->cap_children) {
        size_t cap = parent->cap_children ? parent->cap_children * 2 : 8;
        tok *n = realloc(parent->children, cap * sizeof *n);
        if (!n) {
            c->ok = 0;
            return NULL;
        }
        parent->children = n;
        parent->cap_children = cap;
    }
    tok *t = &parent->children[parent->n_children++];
    memset(t, 0, sizeof *t);
    t->kind = k;
    return t;
}

static void add_text(compiler *c, tok *parent, const char *s, size_t n)
{
    if (n == 0)
        return;
    tok *t = add(c, parent, T_TEXT);
    if (!t)
        return;
    t->text = dup_n(s, n);
    t->len = n;
    if (!t->text)
        c->ok = 0;
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

static const char *find(const char *p, const char *end, const char *what, size_t n)
{
    for (; p + n <= end; p++)
        if (*p == *what && memcmp(p, what, n) == 0)
            return p;
    return NULL;
}

/* The tag's content without surrounding blanks, malloc'ed. */
static char *trimmed(const char *s, size_t n)
{
    while (n && is_blank(*s)) {
        s++;
        n--;
    }
    while (n && (is_blank(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return dup_n(s, n);
}

/* Applies "{{=<% %>=}}": tag is the content between the '=' signs. */
static void set_delimiters(compiler *c, long line, const char *tag, char *otag, char *ctag,
                           size_t cap)
{
    const char *space = tag;
    while (*space && !is_blank(*space))
        space++;
    const char *second = space;
    while (*second && is_blank(*second))
        second++;
    size_t l1 = (size_t)(space - tag), l2 = strlen(second);
    if (l1 == 0 || l2 == 0 || l1 >= cap || l2 >= cap || strpbrk(second, " \t") ||
        memchr(tag, '=', l1) || strchr(second, '=')) {
        error(c, line,
              "cambio di delimitatori non valido: '%s' (si scrive {{=<%% %%>=}}: due "
              "delimitatori senza spazi né '=' al loro interno)",
              tag);
        return;
    }
    memcpy(otag, tag, l1);
    otag[l1] = '\0';
    memcpy(ctag, second, l2 + 1);
}

rz_mustache *rz_mustache_compile(const char *src, size_t len, const char *name, rz_diags *d)
{
    rz_mustache *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->name = strdup(name ? name : "template");
    compiler c = {src, src + len, t, d, t->name != NULL, src, 1, src};
    char otag[16] = "{{", ctag[16] = "}}";
    tok *stack[RZ_MUSTACHE_MAX_SECTIONS + 1];
    int depth = 0;
    stack[0] = &t->root;
    const char *p = src, *end = src + len;
    const char *text_start = src;
    const char *prev_tag_end = src; /* no standalone tag after another on one line */

    while (c.ok && p < end) {
        size_t ol = strlen(otag), cl = strlen(ctag);
        const char *open = find(p, end, otag, ol);
        if (!open)
            break;
        long line = line_at(&c, open);
        const char *line_start = c.line_start;
        const char *body = open + ol;
        char sigil = body < end ? *body : '\0';
        const char *close, *after;
        if (sigil == '{') {
            /* {{{name}}}: a '}' comes right before the closing tag. */
            const char *q = body + 1;
            while ((q = find(q, end, ctag, cl)) && q[-1] != '}')
                q++;
            close = q ? q - 1 : NULL;
            after = q ? q + cl : NULL;
        } else {
            close = find(body, end, ctag, cl);
            after = close ? close + cl : NULL;
        }
        if (!close) {
            error(&c, line, "tag aperto con '%s' e mai chiuso con '%s'", otag, ctag);
            break;
        }
        if (sigil && strchr("#^/!>=&{", sigil))
            body++;
        else
            sigil = '\0';
        const char *body_end = close;
        if (sigil == '=' && body_end > body && body_end[-1] == '=')
            body_end--;
        char *tag = trimmed(body, (size_t)(body_end - body));
        if (!tag) {
            c.ok = 0;
            break;
        }

        /* Standalone: only blanks since the start of the line (and no tag
         * earlier on it), only blanks then a newline or the end after. */
        int standalone = 0;
        const char *line_end = after;
        if (sigil && strchr("#^/!>=", sigil) && line_start >= prev_tag_end) {
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
        add_text(&c, cur, text_start, (size_t)((standalone ? line_start : open) - text_start));
        p = standalone ? line_end : after;
        text_start = p;
        prev_tag_end = p;

        if (!*tag && sigil != '!') {
            error(&c, line, "tag '%s%s%s' senza nome", otag, tag, ctag);
            free(tag);
            break;
        }
        tok *s = NULL;
        switch (sigil) {
        case '!':
            break;
        case '=':
            set_delimiters(&c, line, tag, otag, ctag, sizeof otag);
            break;
        case '#':
        case '^':
            if (depth >= RZ_MUSTACHE_MAX_SECTIONS) {
                error(&c, line, "sezione '%s' annidata oltre %d livelli", tag,
                      RZ_MUSTACHE_MAX_SECTIONS);
                break;
            }
            s = add(&c, cur, sigil == '#' ? T_SECTION : T_INVERTED);
            if (s)
                stack[++depth] = s;
            break;
        case '/':
            if (depth == 0) {
                error(&c, line, "'{{/%s}}' chiude una sezione mai aperta", tag);
            } else if (strcmp(stack[depth]->text, tag) != 0) {
                error(&c, line, "'{{/%s}}' chiude la sezione sbagliata: è aperta '%s' (riga %ld)",
                      tag, stack[depth]->text, stack[depth]->line);
            } else {
                depth--;
            }
            break;
        case '>':
            s = add(&c, cur, T_PARTIAL);
            if (s && standalone) {
                s->indent = dup_n(line_start, (size_t)(open - line_start));
                if (!s->indent)
                    c.ok = 0;
            }
            break;
        default:
            s = add(&c, cur, sigil == '&' || sigil == '{' ? T_RAW : T_VAR);
        }
        if (s) {
            s->text = tag;
            s->len = strlen(tag);
            s->line = line;
        } else {
            free(tag);
        }
    }
    if (c.ok) {
        add_text(&c, stack[depth], text_start, (size_t)(end - text_start));
        if (depth > 0)
            error(&c, stack[depth]->line, "la sezione '%s' non è mai chiusa (manca {{/%s}})",
                  stack[depth]->text, stack[depth]->text);
    }
    if (!c.ok) {
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
    const rz_view **stack; /* contexts, innermost last */
    size_t depth, cap;
    rz_mustache *root; /* holds the partial cache */
    const rz_view_doc *doc;
    const rz_mustache_options *opt;
    rz_escape_fn escape;
    rz_buf *out;
    rz_diags *d;
    int partial_depth;
    int failed;
    int oom;
    const tok **warned; /* tags already warned about in this render */
    size_t n_warned, cap_warned;
} renderer;

static int push(renderer *r, const rz_view *v)
{
    if (r->depth == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        const rz_view **n = realloc(r->stack, cap * sizeof *n);
        if (!n) {
            r->failed = r->oom = 1;
            return 0;
        }
        r->stack = n;
        r->cap = cap;
    }
    r->stack[r->depth++] = v;
    return 1;
}

/* Looks name up: "." is the top of the stack; "a.b.c" finds "a" in the
 * nearest context that has it, then descends without further search (the
 * specification's "Dotted Names - Context Precedence"). */
static const rz_view *lookup(const renderer *r, const char *name, int *found)
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
    for (size_t i = r->depth; i-- > 0 && !v;)
        v = rz_view_get(r->stack[i], first);
    if (v && dot)
        v = rz_view_get_path(v, dot + 1);
    *found = v != NULL;
    return v;
}

/* Warns about k once per render. */
static void warn(renderer *r, const rz_mustache *t, const tok *k, const char *check,
                 const char *fmt, ...) RZ_PRINTF(5, 6);

static void warn(renderer *r, const rz_mustache *t, const tok *k, const char *check,
                 const char *fmt, ...)
{
    if (!r->opt || !r->opt->warn_missing)
        return;
    for (size_t i = 0; i < r->n_warned; i++)
        if (r->warned[i] == k)
            return;
    if (r->n_warned == r->cap_warned) {
        size_t cap = r->cap_warned ? r->cap_warned * 2 : 16;
        const tok **n = realloc(r->warned, cap * sizeof *n);
        if (!n)
            return;
        r->warned = n;
        r->cap_warned = cap;
    }
    r->warned[r->n_warned++] = k;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rz_diag_add(r->d, RZ_WARNING, t->name, k->line, check, "%s", msg);
}

/* Whether some part of a dotted name is a key no map of the view has
 * (list indexes aside): then the name is surely mistyped. */
static int unknown_name(const renderer *r, const char *name)
{
    if (!r->doc || strcmp(name, ".") == 0)
        return 0;
    char part[256];
    for (const char *p = name;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n >= sizeof part)
            return 1;
        memcpy(part, p, n);
        part[n] = '\0';
        if (strspn(part, "0123456789") != n && !rz_view_doc_has_key(r->doc, part))
            return 1;
        if (!dot)
            return 0;
        p = dot + 1;
    }
}

static void render_list(renderer *r, rz_mustache *t, const tok *list, size_t n);

/* Returns the partial source and, with the directory loader, its path. */
static char *load_partial(const rz_mustache_options *opt, const char *name, size_t *len,
                          char **path);

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

static rz_mustache *partial(renderer *r, const rz_mustache *t, const tok *k)
{
    const char *indent = k->indent ? k->indent : "";
    for (cached *c = r->root->partials; c; c = c->next)
        if (!strcmp(c->name, k->text) && !strcmp(c->indent, indent))
            return c->tmpl;
    if (!r->opt || !r->opt->load)
        return NULL;
    size_t len = 0;
    char *path = NULL;
    char *src = load_partial(r->opt, k->text, &len, &path);
    if (!src) {
        warn(r, t, k, "template-partial", "il modello parziale '%s' non esiste", k->text);
        free(path);
        return NULL;
    }
    size_t il = 0;
    char *isrc = *indent ? indent_source(src, len, indent, &il) : NULL;
    rz_mustache *p = NULL;
    if (*indent && !isrc)
        r->oom = 1;
    else
        p = rz_mustache_compile(isrc ? isrc : src, isrc ? il : len, path ? path : k->text, r->d);
    free(isrc);
    free(src);
    free(path);
    if (!p) {
        /* Not cached: every render reports the errors again. */
        r->failed = 1;
        return NULL;
    }
    cached *c = calloc(1, sizeof *c);
    if (c) {
        c->name = strdup(k->text);
        c->indent = strdup(indent);
    }
    if (!c || !c->name || !c->indent) {
        if (c) {
            free(c->name);
            free(c->indent);
            free(c);
        }
        rz_mustache_free(p);
        r->failed = r->oom = 1;
        return NULL;
    }
    c->tmpl = p;
    c->next = r->root->partials;
    r->root->partials = c;
    return p;
}

static void render_section(renderer *r, rz_mustache *t, const tok *k)
{
    int found;
    const rz_view *v = lookup(r, k->text, &found);
    if (!found && r->opt && r->opt->warn_missing >= RZ_MUSTACHE_WARN_SECTIONS &&
        unknown_name(r, k->text))
        warn(r, t, k, "template-name",
             "la sezione '%s' usa un nome che non compare in nessun punto dei dati: "
             "controllare come è scritto",
             k->text);
    if (k->kind == T_INVERTED) {
        if (rz_view_falsy(v))
            render_list(r, t, k->children, k->n_children);
        return;
    }
    if (rz_view_falsy(v))
        return;
    size_t n = rz_view_kind_of(v) == RZ_VIEW_LIST ? rz_view_len(v) : 1;
    for (size_t i = 0; i < n && !r->failed; i++) {
        if (!push(r, rz_view_kind_of(v) == RZ_VIEW_LIST ? rz_view_at(v, i) : v))
            return;
        render_list(r, t, k->children, k->n_children);
        r->depth--;
    }
}

static void render_tok(renderer *r, rz_mustache *t, const tok *k)
{
    switch (k->kind) {
    case T_TEXT:
        rz_buf_append(r->out, k->text, k->len);
        break;
    case T_VAR:
    case T_RAW: {
        int found;
        const rz_view *v = lookup(r, k->text, &found);
        if (!found) {
            warn(r, t, k, "template-name",
                 "il nome '%s' non esiste nei dati: controllare come è scritto", k->text);
            break;
        }
        rz_view_kind kind = rz_view_kind_of(v);
        if (kind == RZ_VIEW_LIST || kind == RZ_VIEW_MAP) {
            warn(r, t, k, "template-name",
                 "'%s' è un elenco o un gruppo di dati, non un valore: si usa come sezione",
                 k->text);
            break;
        }
        char num[RZ_VIEW_NUM_MAX];
        const char *s = rz_view_scalar_text(v, num);
        size_t n = kind == RZ_VIEW_STRING ? rz_view_str_len(v) : strlen(s);
        if (k->kind == T_RAW)
            rz_buf_append(r->out, s, n);
        else
            r->escape(r->out, s, n);
        break;
    }
    case T_SECTION:
    case T_INVERTED:
        render_section(r, t, k);
        break;
    case T_PARTIAL: {
        if (r->partial_depth >= RZ_MUSTACHE_MAX_PARTIALS) {
            rz_diag_add(r->d, RZ_ERROR, t->name, k->line, "template",
                        "il modello parziale '%s' è richiamato dentro se stesso oltre %d "
                        "livelli",
                        k->text, RZ_MUSTACHE_MAX_PARTIALS);
            r->failed = 1;
            break;
        }
        rz_mustache *p = partial(r, t, k);
        if (!p)
            break;
        r->partial_depth++;
        render_list(r, p, p->root.children, p->root.n_children);
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
    if (!t)
        return RZ_INVALID;
    renderer r;
    memset(&r, 0, sizeof r);
    r.root = t;
    r.doc = rz_view_doc_of(view);
    r.opt = opt;
    r.escape = opt && opt->escape ? opt->escape : rz_escape_html;
    r.out = out;
    r.d = d;
    if (push(&r, view))
        render_list(&r, t, t->root.children, t->root.n_children);
    int oom = rz_buf_failed(out) || r.oom;
    free(r.stack);
    free(r.warned);
    if (oom)
        return RZ_IO;
    return r.failed ? RZ_INVALID : RZ_OK;
}

/* ------------------------------------------------------------------ */
/* Escaping and loading                                                */
/* ------------------------------------------------------------------ */

void rz_escape_html(rz_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e;
        switch (s[i]) {
        case '&':
            e = "&amp;";
            break;
        case '<':
            e = "&lt;";
            break;
        case '>':
            e = "&gt;";
            break;
        case '"':
            e = "&quot;";
            break;
        default:
            continue;
        }
        rz_buf_append(out, s + run, i - run);
        rz_buf_puts(out, e);
        run = i + 1;
    }
    rz_buf_append(out, s + run, n - run);
}

void rz_escape_markdown(rz_buf *out, const char *s, size_t n)
{
    rz_md_escape_inline(out, s, n);
}

static char *from_dir(const char *dir, const char *name, size_t *len, char **found_path)
{
    if (!dir || !name || !*name || name[0] == '.' || strpbrk(name, "/\\"))
        return NULL;
    static const char *const suffixes[] = {".md.mustache", ".mustache"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(name) + strlen(suffixes[i]) + 1;
        char *file = malloc(n);
        if (!file)
            return NULL;
        snprintf(file, n, "%s%s", name, suffixes[i]);
        char *path = rz_path_join(dir, file);
        free(file);
        if (!path)
            return NULL;
        rz_diags quiet;
        rz_diags_init(&quiet);
        char *data = NULL;
        rz_status st = rz_read_file(path, 4u * 1024u * 1024u, &data, len, &quiet);
        rz_diags_free(&quiet);
        if (st == RZ_OK) {
            if (found_path)
                *found_path = path;
            else
                free(path);
            return data;
        }
        free(path);
    }
    return NULL;
}

char *rz_partials_from_dir(void *dir, const char *name, size_t *len)
{
    return from_dir((const char *)dir, name, len, NULL);
}

static char *load_partial(const rz_mustache_options *opt, const char *name, size_t *len,
                          char **path)
{
    if (opt->load == rz_partials_from_dir)
        return from_dir((const char *)opt->load_ctx, name, len, path);
    return opt->load(opt->load_ctx, name, len);
}
