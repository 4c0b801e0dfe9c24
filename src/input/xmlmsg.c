/*
 * xmlmsg.c — libxml2's parser and schema messages, in Italian, with the fix.
 *
 * A clerk who writes or exports the inputs meets these messages first: the
 * & left bare in a title, the decimal comma, a file saved as Latin-1, an
 * element out of order. libxml2 words them for XML experts, in English and
 * with namespaces in braces. Each known message is recognised from its
 * fixed English wording (the error codes alone do not tell, e.g., a bare &
 * from a bare <), its variable parts are taken out, and an Italian sentence
 * says what is wrong and what to write instead. The original follows in
 * brackets, for whoever searches it; a message not recognised keeps the
 * original behind a generic Italian opening. Everything stays on one line,
 * so that the `file:riga:` form holds.
 */
#define _POSIX_C_SOURCE 200809L
#include "xmlmsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies src to dst (size bytes) on one line: newlines become "; ". */
static void one_line(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    for (const char *p = src; *p && n + 3 < size; p++) {
        if (*p == '\n') {
            while (p[1] == '\n' || p[1] == ' ')
                p++;
            if (!p[1])
                break;
            dst[n++] = ';';
            dst[n++] = ' ';
        } else {
            dst[n++] = *p;
        }
    }
    while (n > 0 && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
}

/* Copies the text between the first occurrence of open (after from) and
 * the next close into out; returns a pointer after close, or NULL. */
static const char *between(const char *from, const char *open, char close, char *out, size_t size)
{
    const char *a = from ? strstr(from, open) : NULL;
    if (!a)
        return NULL;
    a += strlen(open);
    const char *b = strchr(a, close);
    if (!b)
        return NULL;
    size_t n = (size_t)(b - a);
    if (n >= size)
        n = size - 1;
    memcpy(out, a, n);
    out[n] = '\0';
    return b + 1;
}

/* Removes every "{namespace}" from s, in place. */
static void strip_namespaces(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if (*r == '{') {
            const char *e = strchr(r, '}');
            if (e) {
                r = e + 1;
                continue;
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
}

typedef struct {
    char *out;
    size_t size;
} sink;

static void say(sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(sink *s, const char *fmt, ...)
{
    size_t n = strlen(s->out);
    if (n + 1 >= s->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->out + n, s->size - n, fmt, ap);
    va_end(ap);
}

/* "( {ns}a, {ns}b )" → "<a>, <b>"; *same_name_ns receives the namespace of
 * an expected element whose local name is elem (an element written in the
 * wrong namespace), or stays empty. */
static void expected_list(const char *list, const char *elem, char *out, size_t size,
                          char *same_name_ns, size_t ns_size)
{
    sink s = {out, size};
    out[0] = '\0';
    same_name_ns[0] = '\0';
    const char *p = list;
    int count = 0;
    if (*p == '(')
        p++;
    while (*p && *p != ')') {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p || *p == ')')
            break;
        const char *e = p;
        while (*e && *e != ',' && *e != ')')
            e++;
        char item[256];
        size_t n = (size_t)(e - p);
        if (n >= sizeof item)
            n = sizeof item - 1;
        memcpy(item, p, n);
        while (n > 0 && item[n - 1] == ' ')
            n--;
        item[n] = '\0';
        char ns[200] = "";
        if (item[0] == '{')
            between(item, "{", '}', ns, sizeof ns);
        strip_namespaces(item);
        if (elem && !strcmp(item, elem) && ns[0])
            snprintf(same_name_ns, ns_size, "%s", ns);
        if (!strncmp(item, "##other", 7))
            say(&s, "%selementi di un altro namespace", count ? " oppure " : "");
        else
            say(&s, "%s<%s>", count ? (strchr(e, ',') ? ", " : " oppure ") : "", item);
        count++;
        p = e;
    }
}

/* "3,9" or "1.234,5" → "3.9", "1234.5" in out; 0 when value is not a number
 * written with the decimal comma. */
static int comma_number(const char *value, char *out, size_t size)
{
    const char *comma = strchr(value, ',');
    if (!comma || strchr(comma + 1, ',') || !comma[1])
        return 0;
    size_t n = 0;
    for (const char *p = value; *p && n + 1 < size; p++) {
        if (*p == ',')
            out[n++] = '.';
        else if (*p == '.' && p < comma)
            continue;
        else if ((*p >= '0' && *p <= '9') || ((*p == '-' || *p == '+') && p == value))
            out[n++] = *p;
        else
            return 0;
    }
    out[n] = '\0';
    return n > 0;
}

/* What a value of the given XSD type looks like, for "is not a valid value
 * of the atomic type T". */
static void type_advice(sink *s, const char *value, const char *type)
{
    char fixed[64];
    if (comma_number(value, fixed, sizeof fixed)) {
        say(s, "scrivere %s: il separatore decimale è il punto, senza separatore delle migliaia",
            fixed);
        return;
    }
    if (strstr(type, "date") || strstr(type, "Data"))
        say(s, "«%s» non è una data: scriverla nella forma AAAA-MM-GG (per esempio 2025-06-30)",
            value);
    else if (strstr(type, "gYear") || strstr(type, "Anno"))
        say(s, "«%s» non è un anno: scriverlo con quattro cifre (per esempio 2025)", value);
    else if (strstr(type, "Integer") || strstr(type, "integer") || strstr(type, "int'") ||
             strstr(type, "Conteggio") || strstr(type, "Decimali") || strstr(type, "Numero"))
        say(s, "«%s» non è un numero intero: scrivere solo cifre, senza punti né virgole", value);
    else if (strstr(type, "decimal") || strstr(type, "Percentuale") || strstr(type, "Peso"))
        say(s,
            "«%s» non è un numero: scrivere solo cifre, con il punto come separatore decimale "
            "(per esempio 97.5), senza %% né separatore delle migliaia",
            value);
    else if (strstr(type, "boolean"))
        say(s, "«%s» non è ammesso: scrivere true oppure false", value);
    else
        say(s, "«%s» non è un valore ammesso dal tipo %s", value, type);
}

/* Schema validation messages: "Element '{ns}x'[, attribute 'a']: rest". */
static int schema_message(sink *s, const char *msg)
{
    char elem[128] = "", attr[128] = "";
    const char *rest = msg;
    int elem_has_ns = 0;
    if (!strncmp(msg, "Element '", 9)) {
        const char *after = between(msg, "Element '", '\'', elem, sizeof elem);
        elem_has_ns = elem[0] == '{';
        strip_namespaces(elem);
        rest = after ? after : msg;
        if (!strncmp(rest, ", attribute '", 13))
            rest = between(rest, ", attribute '", '\'', attr, sizeof attr);
        if (rest && !strncmp(rest, ": ", 2))
            rest += 2;
        if (!rest)
            return 0;
    }
    char a[512], b[512];
    const char *p;
    if (strstr(rest, "This element is not expected.")) {
        p = strstr(rest, "Expected is");
        if (!p) {
            say(s,
                "elemento <%s> non previsto in questa posizione: qui non è ammesso altro "
                "(elemento ripetuto, fuori posto o con il nome sbagliato?)",
                elem);
            return 1;
        }
        char ns[200];
        const char *list = strchr(p, '(');
        expected_list(list ? list : p, elem, a, sizeof a, ns, sizeof ns);
        if (ns[0] && !elem_has_ns)
            say(s,
                "l'elemento <%s> è fuori dal namespace dei dati: va nel namespace %s (basta "
                "togliere xmlns=\"\" o il prefisso dall'elemento; xmlns=\"%s\" sta sull'elemento "
                "radice)",
                elem, ns, ns);
        else
            say(s,
                "elemento <%s> non previsto in questa posizione: qui lo schema si aspetta %s "
                "(controllare il nome e l'ordine degli elementi)",
                elem, a);
        return 1;
    }
    if (strstr(rest, "Missing child element(s).")) {
        char ns[200];
        p = strstr(rest, "Expected is"); /* past "element(s)", whose '(' is not the list's */
        p = p ? strchr(p, '(') : NULL;
        expected_list(p ? p : "", NULL, a, sizeof a, ns, sizeof ns);
        say(s, "in <%s> manca un elemento obbligatorio: lo schema si aspetta %s", elem, a);
        return 1;
    }
    if ((p = strstr(rest, "' is not a valid value of the ")) && rest[0] == '\'') {
        size_t n = (size_t)(p - rest - 1);
        if (n >= sizeof a)
            n = sizeof a - 1;
        memcpy(a, rest + 1, n);
        a[n] = '\0';
        if (!between(p, "type '", '\'', b, sizeof b))
            snprintf(b, sizeof b, "?");
        strip_namespaces(b);
        if (attr[0])
            say(s, "attributo %s di <%s>: ", attr, elem);
        else
            say(s, "<%s>: ", elem);
        type_advice(s, a, b);
        return 1;
    }
    char what[300];
    if (attr[0])
        snprintf(what, sizeof what, "attributo %s di <%s>", attr, elem);
    else
        snprintf(what, sizeof what, "<%s>", elem);
    if (strstr(rest, "[facet 'enumeration']")) {
        between(rest, "The value '", '\'', a, sizeof a);
        p = strchr(rest, '{');
        char set[512] = "";
        if (p)
            between(p, "{", '}', set, sizeof set);
        char *w = set;
        for (char *r = set; *r; r++)
            if (*r != '\'')
                *w++ = *r;
        *w = '\0';
        say(s, "%s: il valore «%s» non è ammesso; i valori ammessi sono: %s", what, a, set);
        return 1;
    }
    if (strstr(rest, "[facet 'pattern']")) {
        between(rest, "The value '", '\'', a, sizeof a);
        const char *pat = strstr(rest, "by the pattern '");
        b[0] = '\0';
        if (pat) {
            pat += strlen("by the pattern '");
            size_t n = strlen(pat);
            while (n > 0 && (pat[n - 1] == '.' || pat[n - 1] == '\''))
                n--;
            if (n >= sizeof b)
                n = sizeof b - 1;
            memcpy(b, pat, n);
            b[n] = '\0';
        }
        if (!strcmp(b, "\\s*\\S[\\s\\S]*")) /* the schemas' "not blank" */
            say(s, "%s è vuoto: scrivere il testo richiesto", what);
        else if (!strcmp(b, "\\S+"))
            say(s, "%s: «%s» non può contenere spazi", what, a);
        else
            say(s, "%s: «%s» non ha la forma richiesta dallo schema (espressione %s)", what, a, b);
        return 1;
    }
    if (strstr(rest, "[facet 'minLength']")) {
        between(rest, "has a length of '", '\'', a, sizeof a);
        between(rest, "minimum length of '", '\'', b, sizeof b);
        if (!strcmp(a, "0"))
            say(s, "%s è vuoto: scrivere il testo richiesto", what);
        else
            say(s, "%s è troppo corto: almeno %s caratteri", what, b);
        return 1;
    }
    if (strstr(rest, "[facet 'maxLength']")) {
        between(rest, "maximum length of '", '\'', b, sizeof b);
        say(s, "%s è troppo lungo: al massimo %s caratteri", what, b);
        return 1;
    }
    if (strstr(rest, "[facet 'maxInclusive']") || strstr(rest, "[facet 'maxExclusive']")) {
        between(rest, "The value '", '\'', a, sizeof a);
        between(rest, "allowed ('", '\'', b, sizeof b);
        say(s, "%s: %s supera il massimo ammesso (%s)", what, a, b);
        return 1;
    }
    if (strstr(rest, "[facet 'minInclusive']") || strstr(rest, "[facet 'minExclusive']")) {
        between(rest, "The value '", '\'', a, sizeof a);
        between(rest, "allowed ('", '\'', b, sizeof b);
        say(s, "%s: %s è sotto il minimo ammesso (%s)", what, a, b);
        return 1;
    }
    if (strstr(rest, "[facet 'fractionDigits']")) {
        between(rest, "The value '", '\'', a, sizeof a);
        between(rest, "allowed ('", '\'', b, sizeof b);
        say(s, "%s: %s ha troppe cifre decimali (al massimo %s)", what, a, b);
        return 1;
    }
    if (between(rest, "The attribute '", '\'', a, sizeof a) &&
        strstr(rest, "required but missing")) {
        say(s, "in <%s> manca l'attributo obbligatorio %s=\"…\"", elem, a);
        return 1;
    }
    if (strstr(rest, "is not allowed.") && strstr(rest, "The attribute '")) {
        say(s,
            "l'attributo %s non è previsto in <%s>: controllarne il nome (minuscole, trattini) "
            "o toglierlo",
            attr[0] ? attr : a, elem);
        return 1;
    }
    if (strstr(rest, "Character content other than whitespace is not allowed")) {
        say(s,
            "testo fuori posto in <%s>: qui vanno solo elementi; spostare il testo nell'elemento "
            "giusto o toglierlo",
            elem);
        return 1;
    }
    if (strstr(rest, "Element content is not allowed")) {
        say(s, "<%s> contiene solo un valore, non altri elementi: togliere gli elementi interni",
            elem);
        return 1;
    }
    if (between(rest, "Duplicate key-sequence [", ']', a, sizeof a)) {
        between(rest, "identity-constraint '", '\'', b, sizeof b);
        strip_namespaces(b);
        say(s, "%s: il valore %s è già usato, e qui deve essere unico (vincolo %s)", what, a, b);
        return 1;
    }
    if (between(rest, "No match found for key-sequence [", ']', a, sizeof a)) {
        between(rest, "of keyref '", '\'', b, sizeof b);
        strip_namespaces(b);
        say(s, "%s: %s non corrisponde a nessun elemento definito nel file (riferimento %s)", what,
            a, b);
        return 1;
    }
    return 0;
}

/* Parser messages whose English wording is fixed: a substring of it and
 * the Italian sentence that replaces it. */
static const struct {
    const char *english;
    const char *italian;
} fixed_messages[] = {
    {"xmlParseEntityRef: no name",
     "una & nel testo va scritta &amp; (per esempio «Ricerca &amp; sviluppo»)"},
    {"EntityRef: expecting ';'",
     "una & nel testo va scritta &amp; (con il punto e virgola finale)"},
    {"StartTag: invalid element name",
     "un < nel testo va scritto &lt; (oppure il nome dell'elemento dopo < non è valido)"},
    {"Unescaped '<' not allowed in attributes values",
     "un < nel valore di un attributo va scritto &lt;"},
    {"Couldn't find end of Start Tag",
     "manca il > che chiude un tag, o un attributo è scritto male (nome=\"valore\")"},
    {"AttValue: \" or ' expected",
     "un attributo va scritto nome=\"valore\", con il valore tra virgolette"},
    {"attributes construct error",
     "un attributo va scritto nome=\"valore\", con il valore tra virgolette"},
    {"Double hyphen within comment",
     "un commento <!-- … --> non può contenere due trattini di seguito (--)"},
    {"Comment not terminated", "un commento non è chiuso: manca -->"},
    {"XML declaration allowed only at the start",
     "la riga <?xml … ?> deve essere la prima del file, senza righe vuote o spazi prima"},
    {"Document is empty", "il file è vuoto: deve contenere un documento XML"},
    {"Extra content at the end of the document",
     "c'è del contenuto dopo la chiusura dell'elemento radice: tutto deve stare dentro "
     "l'elemento radice"},
    {"Start tag expected, '<' not found",
     "il file non comincia con un elemento XML: non è un file XML"},
    {"PCDATA invalid Char value",
     "il testo contiene un carattere di controllo non ammesso in XML: toglierlo"},
    {"out of allowed range",
     "il testo contiene un carattere di controllo non ammesso in XML: toglierlo"},
};

/* Parser (well-formedness) messages. */
static int parser_message(sink *s, const char *msg, long line)
{
    char a[256], b[256];
    for (size_t i = 0; i < sizeof fixed_messages / sizeof fixed_messages[0]; i++)
        if (strstr(msg, fixed_messages[i].english)) {
            say(s, "%s", fixed_messages[i].italian);
            return 1;
        }
    if (between(msg, "Entity '", '\'', a, sizeof a) && strstr(msg, "not defined")) {
        say(s,
            "&%s; non esiste in XML: scrivere il carattere stesso (il file è in UTF-8); le sole "
            "entità ammesse sono &amp; &lt; &gt; &quot; &apos;",
            a);
        return 1;
    }
    if (strstr(msg, "Input is not proper UTF-8")) {
        if (!between(msg, "Bytes: ", ' ', a, sizeof a))
            snprintf(a, sizeof a, "?");
        say(s,
            "il file non è in UTF-8: salvarlo come UTF-8 (byte %s alla riga %ld, probabilmente una "
            "lettera accentata scritta in un'altra codifica)",
            a, line);
        return 1;
    }
    long open_line = 0;
    if (sscanf(msg, "Opening and ending tag mismatch: %255s line %ld and %255s", a, &open_line,
               b) == 3) {
        say(s,
            "il tag di chiusura </%s> non corrisponde a <%s> aperto alla riga %ld: correggere il "
            "nome o aggiungere </%s>",
            b, a, open_line, a);
        return 1;
    }
    if (sscanf(msg, "Premature end of data in tag %255s line %ld", a, &open_line) == 2) {
        say(s,
            "il file finisce prima della chiusura di <%s> aperto alla riga %ld: il file è troncato "
            "o manca </%s>",
            a, open_line, a);
        return 1;
    }
    if (sscanf(msg, "Attribute %255s redefined", a) == 1) {
        say(s, "l'attributo %s è ripetuto nello stesso elemento: tenerne uno solo", a);
        return 1;
    }
    if (sscanf(msg, "Namespace prefix %255s on %255s is not defined", a, b) == 2) {
        say(s, "il prefisso %s: non è dichiarato: usare l'elemento senza prefisso", a);
        return 1;
    }
    return 0;
}

void rz_xml_message_it(int from_schema, const char *message, long line, char *out, size_t size)
{
    char orig[1024];
    one_line(orig, sizeof orig, message ? message : "errore XML");
    out[0] = '\0';
    sink s = {out, size};
    int known = from_schema ? schema_message(&s, orig) : parser_message(&s, orig, line);
    if (!known) {
        out[0] = '\0';
        strip_namespaces(orig);
        say(&s, "%s%s", from_schema ? "non conforme allo schema: " : "XML non ben formato: ", orig);
        return;
    }
    say(&s, " [%s]", orig);
}
