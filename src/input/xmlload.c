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

rz_status rz_xml_load(const char *path, int validate, rz_xml *x, rz_diags *d)
{
    memset(x, 0, sizeof *x);
    rz_status st;
    FILE *f = rz_open_input(path, RZ_XML_MAX_BYTES, &st, d);
    if (!f)
        return st;

    xmlParserCtxtPtr p = xmlNewParserCtxt();
    if (!p) {
        rz_close_input(f);
        rz_diag_add(d, RZ_ERROR, path, 0, "io", "memoria insufficiente");
        return RZ_IO;
    }
    err_ctx c = {d, path, "xml", 0, 0};
    input in = {f, 0, RZ_XML_MAX_BYTES, &c, 0, 0, {path, d, 1, 0, 0, 0, {0}, 0}};
    p->_private = &c;
    p->sax->internalSubset = on_internal_subset;
    p->sax->initialized = XML_SAX2_MAGIC;
    xmlSetStructuredErrorFunc(&c, on_structured_error);
    int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
               XML_PARSE_COMPACT;
    size_t before = d->errors;
    xmlDocPtr doc = xmlCtxtReadIO(p, read_input, close_input, &in, path, NULL, opts);
    int wellformed = p->wellFormed && !c.doctype_seen;
    xmlFreeParserCtxt(p);
    rz_close_input(f);
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
        xmlSetStructuredErrorFunc(NULL, NULL);
        return in.too_big ? RZ_INVALID : RZ_IO;
    }
    if (!doc || !wellformed || d->errors > before) {
        if (d->errors == before)
            rz_diag_add(d, RZ_ERROR, path, 0, "xml", "il file non è un documento XML ben formato");
        xmlFreeDoc(doc);
        xmlSetStructuredErrorFunc(NULL, NULL);
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
        xmlSetStructuredErrorFunc(NULL, NULL);
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
        xmlSetStructuredErrorFunc(NULL, NULL);
        return RZ_INVALID;
    }
    if (validate) {
        xmlSchemaPtr s = schema_for(kind, path, d);
        if (!s) {
            xmlFreeDoc(doc);
            xmlSetStructuredErrorFunc(NULL, NULL);
            return RZ_IO;
        }
        xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(s);
        c.check = "xsd";
        xmlSchemaSetValidStructuredErrors(v, on_structured_error, &c);
        int r = xmlSchemaValidateDoc(v, doc);
        xmlSchemaFreeValidCtxt(v);
        if (r != 0) {
            if (d->errors == before)
                rz_diag_add(d, RZ_ERROR, path, 0, "xsd",
                            "il documento non è conforme allo schema %s", rz_doc_schema_file(kind));
            xmlFreeDoc(doc);
            xmlSetStructuredErrorFunc(NULL, NULL);
            return RZ_INVALID;
        }
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    x->doc = doc;
    x->kind = kind;
    x->path = strdup(path);
    return RZ_OK;
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
