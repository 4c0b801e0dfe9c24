/*
 * xmlload.c — hardened libxml2 parsing and XSD validation.
 *
 * Why a DOCTYPE is refused outright rather than parsed with care: none of our
 * formats uses a DTD, and every XML attack we care about (external entities
 * reading local files, billion-laughs expansion, external DTD fetches) needs
 * one. The SAX internalSubset callback fires as soon as "<!DOCTYPE" is read,
 * before any entity is declared, and stops the parser there. The parse runs
 * with XML_PARSE_NONET and without XML_PARSE_NOENT, DTDLOAD or HUGE, so even
 * if the callback were bypassed no entity would be substituted, nothing would
 * be fetched, and libxml2's own limits (depth 256, text node size) hold.
 *
 * Size is checked before parsing, from the bytes read (at most the limit plus
 * one buffer), so a 100 MB file costs one short read, not a parse.
 *
 * Compiled schemas are cached per process: validating many files compiles
 * each schema once.
 */
#define _POSIX_C_SOURCE 200809L
#include "xmlload.h"
#include "format.h"
#include "fsutil.h"
#include "xmlmsg.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    rz_doc_kind kind;
    const char *ns;
    const char *schema;
    const char *name;
    const char *root; /* the root element's name */
} doc_kinds[] = {
    {RZ_DOC_PIANO, "urn:relazione:piano:1", "piano.xsd", "Piano della performance", "piano"},
    {RZ_DOC_MONITORAGGIO, "urn:relazione:monitoraggio:1", "monitoraggio.xsd",
     "dati di monitoraggio", "monitoraggio"},
    {RZ_DOC_CONTESTO, "urn:relazione:contesto:1", "contesto.xsd", "dati di contesto", "contesto"},
    {RZ_DOC_ALLEGATO1, "urn:relazione:allegato1:1", "allegato1.xsd",
     "Allegato 1 - scheda di monitoraggio", "scheda-monitoraggio"},
    {RZ_DOC_ALLEGATO2, "urn:relazione:allegato2:1", "allegato2.xsd",
     "Allegato 2 - informazioni di sintesi", "informazioni-sintesi"},
    {RZ_DOC_VALIDAZIONE, "urn:relazione:validazione:1", "validazione.xsd",
     "elementi della validazione dell'organismo di valutazione", "validazione"},
    {RZ_DOC_PROFILO, "urn:relazione:profilo:1", "profilo.xsd", "profilo di ente", "profilo"},
};
#define N_KINDS (sizeof doc_kinds / sizeof doc_kinds[0])

static xmlSchemaPtr schema_cache[N_KINDS];

const char *rz_doc_namespace(rz_doc_kind k)
{
    for (size_t i = 0; i < N_KINDS; i++)
        if (doc_kinds[i].kind == k)
            return doc_kinds[i].ns;
    return NULL;
}

const char *rz_doc_schema_file(rz_doc_kind k)
{
    for (size_t i = 0; i < N_KINDS; i++)
        if (doc_kinds[i].kind == k)
            return doc_kinds[i].schema;
    return NULL;
}

const char *rz_doc_name(rz_doc_kind k)
{
    for (size_t i = 0; i < N_KINDS; i++)
        if (doc_kinds[i].kind == k)
            return doc_kinds[i].name;
    return "documento sconosciuto";
}

/* Collects libxml2's structured errors as diagnostics. */
typedef struct {
    rz_diags *d;
    const char *path;
    const char *check;
    int doctype_seen;
    int input_failed; /* the file could not be read to its end, or a text
                       * was too long: say that alone */
} err_ctx;

static void on_structured_error(void *userdata, xmlErrorPtr e)
{
    err_ctx *c = userdata;
    if (!e || e->level == XML_ERR_NONE || c->input_failed)
        return;
    char msg[1536];
    rz_severity sev = e->level == XML_ERR_WARNING ? RZ_WARNING : RZ_ERROR;
    const char *check = c->check;
    if (e->domain == XML_FROM_SCHEMASV || e->domain == XML_FROM_PARSER ||
        e->domain == XML_FROM_NAMESPACE)
        rz_xml_message_it(e->domain == XML_FROM_SCHEMASV, e->message, e->line, msg, sizeof msg);
    else
        snprintf(msg, sizeof msg, "%s", e->message ? e->message : "errore XML");
    if (e->domain == XML_FROM_PARSER && e->message && strstr(e->message, "depth")) {
        check = "xml-depth";
        snprintf(msg, sizeof msg,
                 "il documento è annidato oltre %d livelli: non è un file di "
                 "questo programma (o è stato alterato)",
                 256);
    }
    if (c->doctype_seen && e->domain == XML_FROM_PARSER)
        return; /* the DOCTYPE refusal already explains why parsing stopped */
    if (e->message && strstr(e->message, "huge text node")) {
        /* libxml2's bound on one text (10 000 000 bytes) stops the parse:
         * what follows would only be its consequences. */
        check = "xml-size";
        snprintf(msg, sizeof msg,
                 "un testo supera i 10 milioni di caratteri: non è un file di questo "
                 "programma (o è stato alterato)");
        c->input_failed = 1;
    }
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    /* Two facets of one value (an empty name breaks minLength and the
     * pattern) give the same Italian sentence: say it once. */
    const char *orig = strstr(msg, " [");
    size_t italian = orig ? (size_t)(orig - msg) : n;
    if (c->d->count > 0) {
        const rz_diag *last = &c->d->items[c->d->count - 1];
        if (last->line == e->line && last->file && !strcmp(last->file, c->path) &&
            !strncmp(last->message, msg, italian) && last->message[italian] == ' ')
            return;
    }
    rz_diag_add(c->d, sev, c->path, e->line, check, "%s", msg);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
                               const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    xmlParserCtxtPtr p = ctx;
    err_ctx *c = p->_private;
    c->doctype_seen = 1;
    rz_diag_add(c->d, RZ_ERROR, c->path, xmlSAX2GetLineNumber(ctx), "xml-doctype",
                "il documento contiene una dichiarazione DOCTYPE: non è ammessa (potrebbe "
                "leggere file esterni o espandere entità); eliminarla dal file");
    xmlStopParser(p);
}

static rz_doc_kind kind_of(xmlNodePtr root)
{
    if (!root || !root->ns || !root->ns->href)
        return RZ_DOC_UNKNOWN;
    for (size_t i = 0; i < N_KINDS; i++)
        if (strcmp((const char *)root->ns->href, doc_kinds[i].ns) == 0)
            return doc_kinds[i].kind;
    return RZ_DOC_UNKNOWN;
}

static xmlSchemaPtr schema_for(rz_doc_kind k, const char *path, rz_diags *d)
{
    size_t idx = 0;
    while (idx < N_KINDS && doc_kinds[idx].kind != k)
        idx++;
    if (idx == N_KINDS)
        return NULL;
    if (schema_cache[idx])
        return schema_cache[idx];
    char *dir = rz_path_join(rz_data_dir(), "schemas");
    char *file = dir ? rz_path_join(dir, doc_kinds[idx].schema) : NULL;
    free(dir);
    if (!file)
        return NULL;
    err_ctx c = {d, file, "schema", 0, 0};
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(file);
    xmlSchemaPtr s = NULL;
    if (pc) {
        /* The schema file is itself parsed as XML: its errors must name it,
         * not the document being loaded, whose handler is the global one. */
        xmlStructuredErrorFunc prev_fn = xmlStructuredError;
        void *prev_ctx = xmlStructuredErrorContext;
        xmlSetStructuredErrorFunc(&c, on_structured_error);
        xmlSchemaSetParserStructuredErrors(pc, on_structured_error, &c);
        s = xmlSchemaParse(pc);
        xmlSchemaFreeParserCtxt(pc);
        xmlSetStructuredErrorFunc(prev_ctx, prev_fn);
    }
    if (!s)
        rz_diag_add(d, RZ_ERROR, path, 0, "schema",
                    "impossibile caricare lo schema %s (installazione incompleta? indicare la "
                    "cartella che contiene schemas/ con --dati DIR o RELAZIONE_DATA)",
                    file);
    free(file);
    schema_cache[idx] = s;
    return s;
}

/* The document is parsed as it is read, in libxml2's chunks: read whole
 * into memory it would be copied once more by libxml2, and those two
 * copies are a sixth of what a large Piano's validation touches. */
/* Characters of Unicode's Private Use Area (format.h) are looked for as
 * the chunks are read: a warning for each line that has one (the first
 * ten lines, then how many more), as the documents leave them out. */
typedef struct {
    const char *path;
    rz_diags *d;
    long line, last, said, more;
    unsigned char seq[3]; /* the character being read, across chunks */
    int n;
} pua_scan;

/* The first byte in [p, end) that may begin a private-use character
 * (0xEE or 0xEF), or end. Such bytes are rare, so memchr, which reads many
 * bytes at a time, does nearly all the work. */
static const unsigned char *next_lead(const unsigned char *p, const unsigned char *end)
{
    const unsigned char *e = memchr(p, 0xEE, (size_t)(end - p));
    const unsigned char *f = memchr(p, 0xEF, (size_t)((e ? e : end) - p));
    return f ? f : e ? e : end;
}

static long count_newlines(const unsigned char *p, const unsigned char *end)
{
    long n = 0;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* Lines are counted when a character is found and at the end of each
 * chunk, not byte by byte. */
static void scan_private_use(pua_scan *ps, const unsigned char *b, size_t len)
{
    const unsigned char *p = b, *end = b + len, *counted = b;
    while (p < end) {
        if (ps->n == 0) {
            p = next_lead(p, end);
            if (p < end)
                ps->seq[ps->n++] = *p++;
            continue;
        }
        if ((*p & 0xC0) != 0x80) { /* the sequence ends: this byte is read anew */
            ps->n = 0;
            continue;
        }
        ps->seq[ps->n++] = *p++;
        if (ps->n < 3)
            continue;
        ps->n = 0;
        if (!rz_utf8_private_use((const char *)ps->seq, 3))
            continue;
        ps->line += count_newlines(counted, p);
        counted = p;
        if (ps->line != ps->last && ps->said < 10) {
            unsigned cp =
                (ps->seq[0] & 0x0Fu) << 12 | (ps->seq[1] & 0x3Fu) << 6 | (ps->seq[2] & 0x3Fu);
            rz_diag_add(ps->d, RZ_WARNING, ps->path, ps->line, "carattere-privato",
                        "carattere U+%04X dell'area ad uso privato di Unicode (di solito un "
                        "simbolo dei font Symbol o Wingdings copiato da un elaboratore di "
                        "testi): non ha un significato standard e i documenti lo omettono; "
                        "sostituirlo con il carattere voluto (per esempio → o –) o "
                        "toglierlo",
                        cp);
            ps->said++;
        } else if (ps->line != ps->last) {
            ps->more++;
        }
        ps->last = ps->line;
    }
    ps->line += count_newlines(counted, end);
}

typedef struct {
    FILE *f;
    size_t read, max;
    err_ctx *errors;
    int too_big, read_error;
    pua_scan pua;
} input;

static int read_input(void *ctx, char *buf, int len)
{
    input *in = ctx;
    size_t r = fread(buf, 1, (size_t)len, in->f);
    scan_private_use(&in->pua, (const unsigned char *)buf, r);
    in->read += r;
    in->too_big = in->read > in->max;
    in->read_error = r == 0 && ferror(in->f);
    if (in->too_big || in->read_error) {
        in->errors->input_failed = 1;
        return -1;
    }
    return (int)r;
}

static int close_input(void *ctx)
{
    (void)ctx; /* the FILE is closed by its opener */
    return 0;
}

/* Reading in pieces (rz_xml_load_pieces). libxml2's tree builder gets our
 * handlers in front of it, and the schema validator is plugged into the
 * same stream of events, after them: an element's end reaches the builder,
 * then the validator. A complete piece is therefore held back ("pending")
 * until the next event, by which time its end has been validated, then given
 * to the caller and freed. The white space between pieces is not kept. */
typedef struct {
    err_ctx c; /* first: the parser's _private is read as an err_ctx too */
    xmlParserCtxtPtr p;
    const rz_xml_pieces *pieces;
    rz_diags parse_diags;  /* kept apart until the root is known to be of the kind */
    rz_diags schema_diags; /* kept apart: reported only for a well-formed file */
    long locus;            /* the line the validator's findings name, when not the parser's */
    xmlNodePtr pending;
    int wrong_kind;
    /* Text is gathered into one piece before it reaches the tree and the
     * validator: libxml2 gives it in chunks of a few hundred bytes, and the
     * validator appends each to what it has with strlen and realloc. */
    xmlSAXHandler plugged; /* the validation layer's handlers */
    void *plug;
    char *text;
    size_t text_len, text_cap;
    long text_line; /* the line of its first character that is not white space */
    int text_failed;
} piece_reader;

/* The reader whose document is being parsed on this thread: the handlers in
 * front of the validation layer receive that layer's data, not ours. */
static _Thread_local piece_reader *current;

static piece_reader *reader_of(void *ctx)
{
    return ((xmlParserCtxtPtr)ctx)->_private;
}

/* The root, and the containers named, whose children are pieces. */
static int is_container(const piece_reader *pr, xmlNodePtr n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return 0;
    if (!n->parent || n->parent->type != XML_ELEMENT_NODE)
        return 1;
    for (const char *const *c = pr->pieces->containers; c && *c; c++)
        if (strcmp((const char *)n->name, *c) == 0)
            return is_container(pr, n->parent);
    return 0;
}

static void give_pending(piece_reader *pr)
{
    xmlNodePtr n = pr->pending;
    if (!n)
        return;
    pr->pending = NULL;
    if (pr->p->wellFormed && !pr->c.doctype_seen && !pr->wrong_kind && pr->schema_diags.errors == 0)
        pr->pieces->piece(pr->pieces->user, n);
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

static void piece_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                        int n_ns, const xmlChar **ns, int n_attrs, int n_defaulted,
                        const xmlChar **attrs)
{
    piece_reader *pr = reader_of(ctx);
    give_pending(pr);
    if (!pr->p->node) { /* the root */
        const char *want = rz_doc_namespace(pr->pieces->kind);
        if (!uri || !want || strcmp((const char *)uri, want) != 0) {
            pr->wrong_kind = 1;
            pr->c.input_failed = 1; /* what the stop leads the parser to say is not kept */
            xmlStopParser(pr->p);
            return;
        }
    }
    xmlSAX2StartElementNs(ctx, name, prefix, uri, n_ns, ns, n_attrs, n_defaulted, attrs);
}

static void piece_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
    piece_reader *pr = reader_of(ctx);
    give_pending(pr);
    xmlNodePtr n = pr->p->node;
    /* As when a whole tree is validated, a problem found at an element's
     * end (a missing child, a wrong value) names the line of its start. */
    pr->locus = n ? rz_xml_line(n) : 0;
    xmlSAX2EndElementNs(ctx, name, prefix, uri);
    if (n && n->parent && !is_container(pr, n) && is_container(pr, n->parent))
        pr->pending = n;
}

static void piece_text(void *ctx, const xmlChar *ch, int len)
{
    piece_reader *pr = reader_of(ctx);
    if (!is_container(pr, pr->p->node))
        xmlSAX2Characters(ctx, ch, len);
}

static int piece_locator(void *ctx, const char **file, unsigned long *line)
{
    piece_reader *pr = ctx;
    if (file)
        *file = pr->c.path;
    if (line)
        *line = pr->locus      ? (unsigned long)pr->locus
                : pr->p->input ? (unsigned long)pr->p->input->line
                               : 0;
    return 0;
}

/* The handlers in front of the validation layer: text is gathered, and
 * given on at the next event. */
static void flush_text(piece_reader *pr)
{
    pr->locus = 0;
    if (pr->text_len == 0)
        return;
    pr->locus = pr->text_line; /* text where none may be: the line it starts on */
    pr->plugged.characters(pr->plug, (const xmlChar *)pr->text, (int)pr->text_len);
    pr->text_len = 0;
    pr->text_line = 0;
    pr->locus = 0;
}

static void outer_text(void *ctx, const xmlChar *ch, int len)
{
    piece_reader *pr = current;
    size_t n = (size_t)len;
    if (pr->text_line == 0 && pr->p->input) {
        /* The parser is at the chunk's end: back by the lines after its
         * first character that is not white space. */
        size_t k = 0;
        while (k < n && (ch[k] == ' ' || ch[k] == '\t' || ch[k] == '\n' || ch[k] == '\r'))
            k++;
        if (k < n)
            pr->text_line = pr->p->input->line - count_newlines(ch + k, ch + n);
    }
    /* Past libxml2's bound for one text, the chunk goes on by itself, for
     * the tree builder to refuse it as it would have. */
    if (pr->text_failed || pr->text_len + n > XML_MAX_TEXT_LENGTH) {
        flush_text(pr);
        pr->plugged.characters(ctx, ch, len);
        return;
    }
    if (pr->text_len + n > pr->text_cap) {
        size_t cap = pr->text_cap ? pr->text_cap : 4096;
        while (cap < pr->text_len + n)
            cap *= 2;
        char *t = realloc(pr->text, cap);
        if (!t) {
            pr->text_failed = 1; /* given on in chunks, as libxml2 gives it */
            flush_text(pr);
            pr->plugged.characters(ctx, ch, len);
            return;
        }
        pr->text = t;
        pr->text_cap = cap;
    }
    memcpy(pr->text + pr->text_len, ch, n);
    pr->text_len += n;
}

static void outer_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                        int n_ns, const xmlChar **ns, int n_attrs, int n_defaulted,
                        const xmlChar **attrs)
{
    flush_text(current);
    current->plugged.startElementNs(ctx, name, prefix, uri, n_ns, ns, n_attrs, n_defaulted, attrs);
}

static void outer_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
    flush_text(current);
    current->plugged.endElementNs(ctx, name, prefix, uri);
}

static void outer_comment(void *ctx, const xmlChar *value)
{
    flush_text(current);
    if (current->plugged.comment)
        current->plugged.comment(ctx, value);
}

static void outer_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    flush_text(current);
    if (current->plugged.processingInstruction)
        current->plugged.processingInstruction(ctx, target, data);
}

static void outer_end_document(void *ctx)
{
    flush_text(current);
    if (current->plugged.endDocument)
        current->plugged.endDocument(ctx);
}

static void append_diags(rz_diags *to, const rz_diags *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const rz_diag *g = &from->items[i];
        rz_diag_add(to, g->severity, g->file, g->line, g->check, "%s", g->message);
    }
}

static void end_load(void)
{
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/* Parses and, when asked, validates path: the whole tree (pr NULL), or in
 * pieces. */
static rz_status load(const char *path, int validate, piece_reader *pr, rz_xml *x, rz_diags *d)
{
    memset(x, 0, sizeof *x);
    rz_status st;
    xmlSchemaPtr s = NULL;
    if (pr && !(s = schema_for(pr->pieces->kind, path, d)))
        return RZ_IO;
    FILE *f = rz_open_input(path, RZ_XML_MAX_BYTES, &st, d);
    if (!f)
        return st;

    xmlParserCtxtPtr p = xmlNewParserCtxt();
    xmlSchemaValidCtxtPtr v = pr && p ? xmlSchemaNewValidCtxt(s) : NULL;
    rz_diags *pd = pr ? &pr->parse_diags : d;
    err_ctx whole = {d, path, "xml", 0, 0};
    err_ctx *c = pr ? &pr->c : &whole;
    err_ctx schema_errors = {pr ? &pr->schema_diags : d, path, "xsd", 0, 0};
    input in = {f, 0, RZ_XML_MAX_BYTES, c, 0, 0, {path, pd, 1, 0, 0, 0, {0}, 0}};
    if (p) {
        p->_private = c;
        p->sax->internalSubset = on_internal_subset;
        p->sax->initialized = XML_SAX2_MAGIC;
    }
    xmlSchemaSAXPlugPtr plug = NULL;
    if (v) {
        pr->p = p;
        p->sax->startElementNs = piece_start;
        p->sax->endElementNs = piece_end;
        p->sax->characters = piece_text;
        p->sax->ignorableWhitespace = piece_text;
        xmlSchemaSetValidStructuredErrors(v, on_structured_error, &schema_errors);
        xmlSchemaValidateSetLocator(v, piece_locator, pr);
        plug = xmlSchemaSAXPlug(v, &p->sax, &p->userData);
        if (plug) {
            pr->plugged = *p->sax;
            pr->plug = p->userData;
            p->sax->characters = outer_text;
            p->sax->ignorableWhitespace = outer_text;
            p->sax->startElementNs = outer_start;
            p->sax->endElementNs = outer_end;
            p->sax->comment = outer_comment;
            p->sax->processingInstruction = outer_pi;
            p->sax->endDocument = outer_end_document;
            current = pr;
        }
    }
    if (!p || (pr && !plug)) { /* out of memory */
        xmlFreeParserCtxt(p);
        xmlSchemaFreeValidCtxt(v);
        rz_close_input(f);
        rz_diag_add(d, RZ_ERROR, path, 0, "io", "memoria insufficiente");
        return RZ_IO;
    }
    xmlSetStructuredErrorFunc(c, on_structured_error);
    int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
               XML_PARSE_COMPACT;
    size_t before = d->errors;
    xmlDocPtr doc = xmlCtxtReadIO(p, read_input, close_input, &in, path, NULL, opts);
    if (pr) {
        if (doc)
            give_pending(pr);
        else
            pr->pending = NULL; /* freed with the parser's unfinished tree */
        xmlSchemaSAXUnplug(plug);
        current = NULL;
        free(pr->text);
    }
    int wellformed = p->wellFormed && !c->doctype_seen;
    xmlFreeParserCtxt(p);
    xmlSchemaFreeValidCtxt(v);
    rz_close_input(f);
    if (pr && pr->wrong_kind) {
        /* Not the kind expected: loaded whole, for the caller to say so. */
        xmlFreeDoc(doc);
        end_load();
        return load(path, validate, NULL, x, d);
    }
    if (pr)
        append_diags(d, &pr->parse_diags);
    if (in.pua.more)
        rz_diag_add(d, RZ_WARNING, path, 0, "carattere-privato",
                    "altre %ld righe con caratteri dell'area ad uso privato di Unicode",
                    in.pua.more);
    if (in.too_big || in.read_error) {
        if (in.too_big)
            rz_diag_too_big(d, path, RZ_XML_MAX_BYTES);
        else
            rz_diag_add(d, RZ_ERROR, path, 0, "io", "impossibile leggere il file: %s",
                        strerror(errno));
        xmlFreeDoc(doc);
        end_load();
        return in.too_big ? RZ_INVALID : RZ_IO;
    }
    if (!doc || !wellformed || d->errors > before) {
        if (d->errors == before)
            rz_diag_add(d, RZ_ERROR, path, 0, "xml", "il file non è un documento XML ben formato");
        xmlFreeDoc(doc);
        end_load();
        return RZ_INVALID;
    }

    xmlNodePtr root = xmlDocGetRootElement(doc);
    rz_doc_kind kind = kind_of(root);
    const char *expected_ns = NULL;
    for (size_t i = 0; root && i < N_KINDS; i++)
        if (!strcmp((const char *)root->name, doc_kinds[i].root))
            expected_ns = doc_kinds[i].ns;
    if (kind == RZ_DOC_UNKNOWN && expected_ns) {
        rz_diag_add(d, RZ_ERROR, path, root->line, "xml-namespace",
                    "l'elemento radice <%s> va nel namespace %s: scrivere <%s xmlns=\"%s\"> "
                    "(qui il namespace è '%s')",
                    (const char *)root->name, expected_ns, (const char *)root->name, expected_ns,
                    root->ns ? (const char *)root->ns->href : "");
        xmlFreeDoc(doc);
        end_load();
        return RZ_INVALID;
    }
    if (kind == RZ_DOC_UNKNOWN) {
        rz_diag_add(d, RZ_ERROR, path, root ? root->line : 0, "xml-namespace",
                    "elemento radice <%s> con namespace '%s' sconosciuto: i documenti "
                    "ammessi usano urn:relazione:piano:1, urn:relazione:monitoraggio:1, "
                    "urn:relazione:contesto:1, urn:relazione:allegato1:1, "
                    "urn:relazione:allegato2:1 o urn:relazione:validazione:1",
                    root ? (const char *)root->name : "?",
                    root && root->ns ? (const char *)root->ns->href : "");
        xmlFreeDoc(doc);
        end_load();
        return RZ_INVALID;
    }
    if (pr && pr->schema_diags.count > 0) {
        /* The schema's findings, as a whole tree's validation gives them. */
        append_diags(d, &pr->schema_diags);
        if (pr->schema_diags.errors > 0) {
            xmlFreeDoc(doc);
            end_load();
            return RZ_INVALID;
        }
    } else if (validate && !pr) {
        s = schema_for(kind, path, d);
        if (!s) {
            xmlFreeDoc(doc);
            end_load();
            return RZ_IO;
        }
        v = xmlSchemaNewValidCtxt(s);
        xmlSchemaSetValidStructuredErrors(v, on_structured_error, &schema_errors);
        int r = xmlSchemaValidateDoc(v, doc);
        xmlSchemaFreeValidCtxt(v);
        if (r != 0) {
            if (d->errors == before)
                rz_diag_add(d, RZ_ERROR, path, 0, "xsd",
                            "il documento non è conforme allo schema %s", rz_doc_schema_file(kind));
            xmlFreeDoc(doc);
            end_load();
            return RZ_INVALID;
        }
    }
    end_load();
    x->doc = doc;
    x->kind = kind;
    x->path = strdup(path);
    return RZ_OK;
}

rz_status rz_xml_load(const char *path, int validate, rz_xml *x, rz_diags *d)
{
    return load(path, validate, NULL, x, d);
}

rz_status rz_xml_load_pieces(const char *path, const rz_xml_pieces *pieces, rz_xml *x, rz_diags *d)
{
    piece_reader pr = {.pieces = pieces};
    rz_diags_init(&pr.parse_diags);
    rz_diags_init(&pr.schema_diags);
    pr.c = (err_ctx){&pr.parse_diags, path, "xml", 0, 0};
    rz_status st = load(path, 1, &pr, x, d);
    rz_diags_free(&pr.parse_diags);
    rz_diags_free(&pr.schema_diags);
    return st;
}

rz_doc_kind rz_xml_sniff_kind(const char *path)
{
    FILE *f = rz_open_regular(path, NULL);
    if (!f)
        return RZ_DOC_UNKNOWN;
    char buf[4097];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    for (size_t i = 0; i < N_KINDS; i++)
        if (strstr(buf, doc_kinds[i].ns))
            return doc_kinds[i].kind;
    return RZ_DOC_UNKNOWN;
}

void rz_xml_free(rz_xml *x)
{
    xmlFreeDoc(x->doc);
    free(x->path);
    memset(x, 0, sizeof *x);
}

void rz_xml_cleanup(void)
{
    for (size_t i = 0; i < N_KINDS; i++) {
        if (schema_cache[i])
            xmlSchemaFree(schema_cache[i]);
        schema_cache[i] = NULL;
    }
    xmlCleanupParser();
}

xmlNodePtr rz_xml_child(xmlNodePtr parent, const char *name)
{
    if (!parent)
        return NULL;
    for (xmlNodePtr n = parent->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            (!name || (n->name[0] == (xmlChar)name[0] && strcmp((const char *)n->name, name) == 0)))
            return n;
    return NULL;
}

xmlNodePtr rz_xml_next(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr n = node ? node->next : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            (!name || (n->name[0] == (xmlChar)name[0] && strcmp((const char *)n->name, name) == 0)))
            return n;
    return NULL;
}

long rz_xml_line(xmlNodePtr node)
{
    return node ? (long)xmlGetLineNo(node) : 0;
}

char *rz_xml_attr(rz_arena *a, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = rz_arena_strdup(a, (const char *)v);
    xmlFree(v);
    return s;
}

char *rz_xml_content(rz_arena *a, xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *s = rz_arena_strdup(a, t ? (const char *)t : "");
    xmlFree(t);
    return s;
}
