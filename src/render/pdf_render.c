/*
 * pdf_render.c — see pdf_render.h.
 *
 * Three parts:
 *  - fonts and measuring: DejaVu faces loaded on first use, text widths from
 *    libharu's metrics (1/1000 em), UTF-8 aware;
 *  - layout: block by block, inline content broken into words and greedily
 *    wrapped (ragged right, consistently), every drawing recorded as an op
 *    on its page; tables get column widths from their content (the longest
 *    word is a column's minimum, the unwrapped text its preference) and
 *    shrink their type down to 6 pt before anything could overflow;
 *  - output: cover, contents, pages with header and "Pagina N di M",
 *    bookmarks, links, metadata.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_render.h"
#include "buf.h"
#include "chart.h"
#include "format.h"
#include "fsutil.h"
#include "markdown_stats.h"
#include "md_tidy.h"
#include "pdf_pdfa.h"
#include "pdf_output.h"
#include "pdf_struct.h"
#include "ttf_subset.h"
#include "version.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_L 62.0
#define MARGIN_R 56.0
#define MARGIN_T 70.0
#define MARGIN_B 64.0
#define CONTENT_W (PAGE_W - MARGIN_L - MARGIN_R)
#define BODY_SIZE 10.0
#define TABLE_SIZE 8.0
/* zlib's level for the page contents: 3 takes less than half the time of
 * the default 6 on the benchmark's tables, for a file 2 % larger
 * (pdf_output.c). */
#define CONTENT_COMPRESSION 3
/* No type below this: a table too wide for it goes on a landscape page. */
#define MIN_TABLE_SIZE 7.5
#define LANG "it-IT" /* the documents' language, declared for readers */

enum { F_REG, F_BOLD, F_ITAL, F_MONO, F_COND, F_COND_BOLD, N_FONTS };

static const struct {
    const char *file;
    const char *package;
} font_files[N_FONTS] = {
    {"DejaVuSans.ttf", "fonts-dejavu-core"},
    {"DejaVuSans-Bold.ttf", "fonts-dejavu-core"},
    {"DejaVuSans-Oblique.ttf", "fonts-dejavu-extra"},
    {"DejaVuSansMono.ttf", "fonts-dejavu-core"},
    {"DejaVuSansCondensed.ttf", "fonts-dejavu-extra"},
    {"DejaVuSansCondensed-Bold.ttf", "fonts-dejavu-extra"},
};

typedef enum { OP_TEXT, OP_RECT, OP_LINE, OP_LINK } op_kind;

typedef struct {
    op_kind kind;
    int font;
    double size;
    double x, y, w, h; /* y from the top of the page */
    double gray;       /* fill or stroke gray level, 0 black .. 1 white */
    char *text;        /* OP_TEXT; the URI for OP_LINK */
    rz_mark mark;      /* the structure element it belongs to (pdf_struct.h) */
} op;

typedef struct {
    op *ops;
    size_t n, cap;
    int landscape; /* A4 turned: for tables too wide for a portrait page */
} page;

static double page_w(const page *p)
{
    return p->landscape ? PAGE_H : PAGE_W;
}

static double page_h(const page *p)
{
    return p->landscape ? PAGE_W : PAGE_H;
}

/* Tables of one kind: see measure_kinds. */
struct table_kind {
    char *header; /* the header cells' text, each followed by '|' */
    int ncols;
    size_t count;
    double *minw, *pref; /* widths at 1 pt, without padding */
};

typedef struct {
    int level;
    char *title;
    char *slug; /* the anchor a "#..." link names it by */
    size_t page;
    double y;
} heading;

typedef struct {
    HPDF_Doc pdf;
    HPDF_Font fonts[N_FONTS];
    const rz_ttf *faces[N_FONTS];
    const rz_pdf_options *opt;
    uint8_t used[8192];               /* the code points drawn, one bit each */
    uint8_t face_text[N_FONTS][8192]; /* those of laid-out text, per face */
    int used_known;
    uint16_t *code_of; /* code point -> two-byte code in the fonts' encoding */
    uint32_t *cps;     /* the code points drawn, ascending */
    size_t n_cps;
    HPDF_Dict to_unicode; /* the codes back to Unicode, shared by the fonts */
    rz_buf shown;         /* a string being encoded for HPDF_Page_TextOut */
    rz_buf tj;            /* the same as a hexadecimal Tj operator */
    rz_buf run;           /* words joined into one string */
    rz_diags *d;
    jmp_buf fail;
    int error;
    page *pages;
    size_t n_pages, cap_pages;
    double y; /* cursor from the top of the current page */
    double left, width;
    heading *headings;
    size_t n_headings, cap_headings;
    char *doc_title;
    char *doc_subtitle;
    char *doc_note; /* a second paragraph under the title (the approving act) */
    int in_quote;
    int landscape; /* the orientation of the pages to come */
    /* Keep with next: from a heading until two lines, a table's first row
     * or a chart follow it, a page break carries the heading (and the
     * headings right above it) to the new page. */
    struct {
        int on;
        size_t page, op; /* where the first heading's drawing starts */
        double y;
        size_t heading; /* the first of the headings carried */
        int lines;      /* lines laid out under them so far */
    } keep;
    int in_heading;
    struct table_kind *kinds; /* tables of one header share their widths */
    size_t n_kinds;
    HPDF_Page *hpages;
    const char *id_source; /* the Markdown, hashed into the trailer ID */
    size_t id_len;
    cmark_parser *parser; /* the piece of Markdown being laid out */
    cmark_node *tree;
    int line_base;           /* lines of the Markdown before the piece */
    size_t body_first;       /* hpages index of the first laid-out page */
    const heading **by_slug; /* the headings in anchor order, once needed */
    rz_struct *st;           /* the logical structure, built with the layout */
    int cover_elem;          /* the cover's section, -1 without a cover */
    int toc_head, toc;       /* the contents' heading and TOC, -1 without */
    int toc_l1, toc_sub;     /* the contents' last level-1 entry and its TOC */
    int last_level;          /* of the last heading tagged (H1..H6 nest) */
} ctx;

/* ------------------------------------------------------------------ */
/* Fonts and measuring                                                 */
/* ------------------------------------------------------------------ */

static void on_hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    ctx *c = user;
    if (!c->error)
        rz_diag_add(c->d, RZ_ERROR, NULL, 0, "pdf",
                    "errore della libreria PDF (codice 0x%04X, dettaglio %u)", (unsigned)e,
                    (unsigned)detail);
    c->error = 1;
}

/* The font files, read and parsed once per process and shared read-only
 * by every document (and thread) afterwards. */
static rz_ttf *faces[N_FONTS];
static pthread_mutex_t faces_lock = PTHREAD_MUTEX_INITIALIZER;

static void font_path(int f, char *path, size_t size)
{
    snprintf(path, size, "/usr/share/fonts/truetype/dejavu/%s", font_files[f].file);
}

static const rz_ttf *face(ctx *c, int f)
{
    if (c->faces[f])
        return c->faces[f];
    pthread_mutex_lock(&faces_lock);
    if (!faces[f]) {
        char path[256];
        font_path(f, path, sizeof path);
        faces[f] = rz_ttf_load(path);
    }
    c->faces[f] = faces[f];
    pthread_mutex_unlock(&faces_lock);
    if (!c->faces[f]) {
        char path[256];
        font_path(f, path, sizeof path);
        FILE *probe = fopen(path, "rb");
        if (probe) {
            fclose(probe);
            rz_diag_add(c->d, RZ_ERROR, path, 0, "pdf-font",
                        "carattere illeggibile: reinstallare il pacchetto Debian %s",
                        font_files[f].package);
        } else {
            rz_diag_add(c->d, RZ_ERROR, path, 0, "pdf-font",
                        "carattere mancante: installare il pacchetto Debian %s",
                        font_files[f].package);
        }
        c->error = 1;
        longjmp(c->fail, 1);
    }
    return c->faces[f];
}

/* UTF-8 decoded as libharu's encoder decodes it (see ttf_subset.h); calls
 * fn for every code point the text draws. */
static void each_code_point(const char *s, void (*fn)(ctx *, uint32_t), ctx *c)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""); /* NULL + 0 is undefined */
    size_t n = strlen((const char *)p);
    uint32_t cp;
    for (size_t i = 0, k; (k = rz_utf8_next(p + i, n - i, &cp)) != 0; i += k)
        if (cp != RZ_UTF8_SKIP)
            fn(c, cp);
}

static void mark_used(ctx *c, uint32_t cp)
{
    c->used[cp >> 3] = (uint8_t)(c->used[cp >> 3] | 1u << (cp & 7));
}

/* The code points of s, marked used and, when face is given, in that face's
 * set too. */
static void mark_text(ctx *c, const char *s, uint8_t *face)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""); /* NULL + 0 is undefined */
    size_t n = strlen((const char *)p);
    uint32_t cp;
    for (size_t i = 0, k; (k = rz_utf8_next(p + i, n - i, &cp)) != 0; i += k) {
        if (cp == RZ_UTF8_SKIP)
            continue;
        mark_used(c, cp);
        if (face)
            face[cp >> 3] = (uint8_t)(face[cp >> 3] | 1u << (cp & 7));
    }
}

/* Every code point the output can draw, known once the layout is done: the
 * laid-out text, the headings (contents, bookmarks), the title and subtitle
 * (cover, running header) and ASCII (page numbers, "Pagina N di M"). */
static void collect_used(ctx *c)
{
    for (uint32_t cp = 0x20; cp < 0x7F; cp++)
        mark_used(c, cp);
    for (size_t i = 0; i < c->n_pages; i++)
        for (size_t k = 0; k < c->pages[i].n; k++)
            if (c->pages[i].ops[k].kind == OP_TEXT)
                mark_text(c, c->pages[i].ops[k].text, c->face_text[c->pages[i].ops[k].font]);
    for (size_t i = 0; i < c->n_headings; i++)
        mark_text(c, c->headings[i].title, NULL);
    mark_text(c, c->doc_title, NULL);
    mark_text(c, c->doc_subtitle, NULL);
    if (c->opt) {
        mark_text(c, c->opt->title, NULL);
        mark_text(c, c->opt->author, NULL);
    }
    c->used_known = 1;
}

/* The subset of face f for this document, registered with libharu as
 * HPDF_LoadTTFontFromFile registers a file (same tag naming). NULL if the
 * font cannot be cut. */
static const char *load_subset(ctx *c, int f)
{
    unsigned char *data;
    size_t len;
    if (rz_ttf_subset(face(c, f), c->cps, c->n_cps, &data, &len) != 0)
        return NULL;
    HPDF_Stream s = HPDF_MemStream_New(c->pdf->mmgr, (HPDF_UINT)len);
    if (!s || HPDF_Stream_Write(s, data, (HPDF_UINT)len) != HPDF_OK) {
        free(data);
        if (s)
            HPDF_Stream_Free(s);
        return NULL;
    }
    free(data);
    HPDF_FontDef def = HPDF_TTFontDef_Load(c->pdf->mmgr, s, HPDF_TRUE);
    if (!def || HPDF_Doc_RegisterFontDef(c->pdf, def) != HPDF_OK)
        return NULL;
    HPDF_BYTE *tag = c->pdf->ttfont_tag;
    if (tag[0] == 0) {
        memcpy(tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            tag[i] = (HPDF_BYTE)(tag[i] + 1);
            if (tag[i] > 'Z')
                tag[i] = 'A';
            else
                break;
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)tag);
    return def->base_font;
}

/* The fonts' encoding. libharu's UTF-8 encoder maps all 65 536 code points
 * and so costs, per font, a glyph lookup for each and a 128 KB CIDToGIDMap;
 * this one holds the code points the document draws, each given a two-byte
 * code with no zero byte (libharu writes text as C strings): the k-th code
 * point, in ascending order, is ((k / 255 + 1) << 8) | (k % 255 + 1). The
 * codes are the CIDs (Identity-H). One more code closes the list, because
 * libharu leaves the highest CID out of the widths and the CIDToGIDMap. */
#define ENCODING "RZ-Identity-H"

static HPDF_BOOL any_byte(HPDF_Encoder e, HPDF_BYTE b)
{
    (void)e;
    (void)b;
    return HPDF_TRUE;
}

static HPDF_STATUS encoder_ready(HPDF_Encoder e)
{
    return e->attr ? HPDF_OK : HPDF_INVALID_ENCODER;
}

static unsigned code_at(size_t k)
{
    return (unsigned)((k / 255 + 1) << 8 | (k % 255 + 1));
}

/* The ToUnicode CMap of the codes (libharu would write its encoding CMap
 * there, which readers cannot use to extract text). */
static HPDF_Dict to_unicode(ctx *c, const uint32_t *cps, size_t n)
{
    HPDF_Dict cm = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    if (!cm)
        return NULL;
    rz_buf b;
    rz_buf_init(&b);
    rz_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t i = 0; i < n; i += 100) {
        size_t m = n - i < 100 ? n - i : 100;
        rz_buf_printf(&b, "%zu beginbfchar\n", m);
        for (size_t k = i; k < i + m; k++)
            rz_buf_printf(&b, "<%04X> <%04X>\n", code_at(k), (unsigned)cps[k]);
        rz_buf_puts(&b, "endbfchar\n");
    }
    rz_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)rz_buf_str(&b), (HPDF_UINT)b.len);
    rz_buf_free(&b);
    return cm;
}

static void make_encoder(ctx *c)
{
    uint32_t *cps = malloc(sizeof *cps * 65536);
    c->code_of = calloc(65536, sizeof *c->code_of);
    HPDF_CidRange_Rec *ranges = malloc(sizeof *ranges * 260);
    HPDF_UnicodeMap_Rec *uni = malloc(sizeof *uni * 65537);
    if (!cps || !c->code_of || !ranges || !uni) {
        free(cps);
        free(ranges);
        free(uni);
        longjmp(c->fail, 1);
    }
    size_t n = 0;
    for (uint32_t cp = 0; cp < 0xFFFF; cp++)
        if (c->used[cp >> 3] & (1u << (cp & 7)))
            cps[n++] = cp;
    /* 254 * 255 codes at most: more distinct characters than a document
     * draws (the rest would show as spaces). */
    if (n > 254 * 255 - 1)
        n = 254 * 255 - 1;
    size_t nr = 0;
    for (size_t k = 0; k < n; k++) {
        c->code_of[cps[k]] = (uint16_t)code_at(k);
        uni[k].code = (HPDF_UINT16)code_at(k);
        uni[k].unicode = (HPDF_UNICODE)cps[k];
    }
    uni[n].code = (HPDF_UINT16)code_at(n); /* the closing code */
    uni[n].unicode = 0x20;
    for (size_t k = 0; k <= n; k += 255) {
        size_t last = k + 254 < n ? k + 254 : n;
        ranges[nr].from = (HPDF_UINT16)code_at(k);
        ranges[nr].to = (HPDF_UINT16)code_at(last);
        ranges[nr].cid = (HPDF_UINT16)code_at(k);
        nr++;
    }
    ranges[nr].from = ranges[nr].to = 0xFFFF;
    ranges[nr].cid = 0;
    uni[n + 1].code = uni[n + 1].unicode = 0xFFFF;
    HPDF_Encoder e = HPDF_CMapEncoder_New(c->pdf->mmgr, ENCODING, encoder_ready);
    int ok = e && HPDF_CMapEncoder_InitAttr(e) == HPDF_OK;
    if (ok) {
        e->byte_type_fn = HPDF_CMapEncoder_ByteType;
        e->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
        e->encode_text_fn = NULL;
        HPDF_CMapEncoderAttr a = e->attr;
        a->is_lead_byte_fn = any_byte;
        a->is_trial_byte_fn = any_byte;
        HPDF_CidRange_Rec space = {0x0000, 0xFFFF, 0};
        HPDF_CMapEncoder_SetUnicodeArray(e, uni);
        ok = HPDF_CMapEncoder_AddCMap(e, ranges) == HPDF_OK &&
             HPDF_CMapEncoder_AddCodeSpaceRange(e, space) == HPDF_OK;
        snprintf(a->registry, sizeof a->registry, "Adobe");
        snprintf(a->ordering, sizeof a->ordering, "Identity-H");
        a->suppliment = 0;
        a->writing_mode = HPDF_WMODE_HORIZONTAL;
        e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
    }
    if (e && !ok)
        HPDF_Encoder_Free(e);
    if (ok)
        ok = HPDF_Doc_RegisterEncoder(c->pdf, e) == HPDF_OK;
    if (ok)
        c->to_unicode = to_unicode(c, cps, n);
    c->cps = cps;
    c->n_cps = n;
    free(ranges);
    free(uni);
    if (!ok || !c->to_unicode || c->error)
        longjmp(c->fail, 1);
}

/* Fonts are created when the output first draws with them, after the
 * layout: each embeds only the glyphs the document draws. */
static HPDF_Font font(ctx *c, int f)
{
    if (c->fonts[f])
        return c->fonts[f];
    if (!c->used_known) {
        collect_used(c);
        make_encoder(c);
    }
    const char *name = load_subset(c, f);
    if (!name && !c->error) {
        char path[256];
        font_path(f, path, sizeof path);
        name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
    }
    HPDF_Font h = name ? HPDF_GetFont(c->pdf, name, ENCODING) : NULL;
    if (!h || c->error || HPDF_Dict_Add(h, "ToUnicode", c->to_unicode) != HPDF_OK)
        longjmp(c->fail, 1);
    /* libharu embeds the glyphs it has measured while drawing. Laid-out text
     * is written directly (show_text), not measured again: its glyphs are
     * measured here once, as HPDF_Page_ShowText would have. */
    HPDF_FontDef def = ((HPDF_FontAttr)h->attr)->fontdef;
    for (uint32_t cp = 0; def && cp < 0xFFFF; cp++)
        if (c->face_text[f][cp >> 3] & (1u << (cp & 7)))
            HPDF_TTFontDef_GetCharWidth(def, (HPDF_UNICODE)cp);
    c->fonts[f] = h;
    return h;
}

static void add_code(ctx *c, uint32_t cp)
{
    unsigned code = c->code_of[cp];
    if (!code) {
        if (!c->error)
            rz_diag_add(c->d, RZ_ERROR, NULL, 0, "pdf",
                        "carattere U+%04X non previsto nei caratteri incorporati", (unsigned)cp);
        c->error = 1;
        code = c->code_of[0x20];
    }
    rz_buf_putc(&c->shown, (char)(code >> 8));
    rz_buf_putc(&c->shown, (char)(code & 0xFF));
}

/* A PDF number with at most four decimals, trailing zeros dropped. */
static char *put_number(char *p, double v)
{
    long long m = llround(v * 10000.0);
    if (m < 0) {
        *p++ = '-';
        m = -m;
    }
    char digits[24];
    int n = 0;
    for (long long i = m / 10000; n == 0 || i > 0; i /= 10)
        digits[n++] = (char)('0' + i % 10);
    while (n)
        *p++ = digits[--n];
    int frac = (int)(m % 10000), width = 4;
    if (frac) {
        while (frac % 10 == 0) {
            frac /= 10;
            width--;
        }
        *p++ = '.';
        for (int k = width - 1; k >= 0; k--, frac /= 10)
            p[k] = (char)('0' + frac % 10);
        p += width;
    }
    return p;
}

/* UTF-8 text drawn at (x, y) in the current font, encoded in the fonts'
 * encoding. HPDF_Page_TextOut moves relatively from where the previous text
 * ended, a float sum; with absolute set, the text matrix is written instead
 * (directly: libharu's operator costs more than the text), so that text
 * after text in one text object lands exactly where it would alone. */
static void show_text(ctx *c, HPDF_Page hp, double x, double y, const char *s, int absolute)
{
    c->shown.len = 0;
    each_code_point(s, add_code, c);
    const char *t = c->shown.len ? rz_buf_str(&c->shown) : "";
    if (absolute) {
        char tm[96] = "1 0 0 1 ", *e = tm + 8;
        e = put_number(e, x);
        *e++ = ' ';
        e = put_number(e, y);
        strcpy(e, " Tm\n");
        HPDF_Stream stream = ((HPDF_PageAttr)hp->attr)->stream;
        HPDF_Stream_WriteStr(stream, tm);
        /* The Tj operator written directly as well: HPDF_Page_ShowText
         * measures the string again to track a text position that the Tm
         * above has already made meaningless to libharu. The codes are the
         * two-byte Identity-H codes built by add_code, as hexadecimal. */
        static const char hex[] = "0123456789ABCDEF";
        c->tj.len = 0;
        rz_buf_putc(&c->tj, '<');
        for (size_t i = 0; i < c->shown.len; i++) {
            unsigned char b = (unsigned char)c->shown.data[i];
            rz_buf_putc(&c->tj, hex[b >> 4]);
            rz_buf_putc(&c->tj, hex[b & 15]);
        }
        rz_buf_puts(&c->tj, "> Tj\n");
        HPDF_Stream_Write(stream, (const HPDF_BYTE *)c->tj.data, (HPDF_UINT)c->tj.len);
    } else {
        HPDF_Page_TextOut(hp, (HPDF_REAL)x, (HPDF_REAL)y, t);
    }
}

static void show(ctx *c, HPDF_Page hp, double x, double y, const char *s)
{
    show_text(c, hp, x, y, s, 0);
}

static double text_width(ctx *c, int f, double size, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    return (double)rz_ttf_text_width(face(c, f), s, n) * size / 1000.0;
}

/* ------------------------------------------------------------------ */
/* Pages and ops                                                       */
/* ------------------------------------------------------------------ */

static page *cur(ctx *c)
{
    return &c->pages[c->n_pages - 1];
}

/* Starts a page. Returns 1 when a heading kept with what follows it came
 * along (then whatever was drawn after it came too). */
static int new_page(ctx *c)
{
    if (c->keep.on && c->keep.page + 1 == c->n_pages && c->keep.op == 0 &&
        cur(c)->landscape != c->landscape) {
        /* Only the headings on the page: it turns instead. */
        double old_w = page_w(cur(c));
        cur(c)->landscape = c->landscape;
        c->width += page_w(cur(c)) - old_w;
        return 1;
    }
    if (c->n_pages == c->cap_pages) {
        size_t cap = c->cap_pages ? c->cap_pages * 2 : 16;
        page *p = realloc(c->pages, cap * sizeof *p);
        if (!p)
            longjmp(c->fail, 1);
        c->pages = p;
        c->cap_pages = cap;
    }
    double old_w = c->n_pages ? page_w(cur(c)) : PAGE_W, old_y = c->y;
    memset(&c->pages[c->n_pages++], 0, sizeof(page));
    cur(c)->landscape = c->landscape;
    c->width += page_w(cur(c)) - old_w; /* indentation kept */
    c->y = MARGIN_T;
    if (!c->keep.on || c->keep.page != c->n_pages - 2 || c->keep.y <= MARGIN_T + 0.5)
        return 0;
    page *from = &c->pages[c->n_pages - 2], *to = cur(c);
    size_t n = from->n - c->keep.op;
    if (n) {
        to->ops = malloc(n * sizeof *to->ops);
        if (!to->ops)
            longjmp(c->fail, 1);
        memcpy(to->ops, from->ops + c->keep.op, n * sizeof *to->ops);
        to->n = to->cap = n;
        from->n = c->keep.op;
    }
    double dy = MARGIN_T - c->keep.y;
    for (size_t i = 0; i < n; i++)
        to->ops[i].y += dy;
    for (size_t i = c->keep.heading; i < c->n_headings; i++) {
        c->headings[i].page = c->n_pages - 1;
        c->headings[i].y += dy;
    }
    c->y = old_y + dy;
    c->keep.page = c->n_pages - 1;
    c->keep.op = 0;
    c->keep.y = MARGIN_T;
    return 1;
}

/* What follows a heading: n lines of text, or (n = 2) a table's first row
 * or a chart. */
static void kept_lines(ctx *c, int n)
{
    if (c->keep.on && !c->in_heading && (c->keep.lines += n) >= 2)
        c->keep.on = 0;
}

static op *add_op(ctx *c, op_kind k)
{
    page *p = cur(c);
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        op *o = realloc(p->ops, cap * sizeof *o);
        if (!o)
            longjmp(c->fail, 1);
        p->ops = o;
        p->cap = cap;
    }
    op *o = &p->ops[p->n++];
    memset(o, 0, sizeof *o);
    o->kind = k;
    o->mark = k == OP_LINK ? rz_struct_here(c->st) : rz_struct_content(c->st, k != OP_TEXT);
    return o;
}

static void draw_text(ctx *c, int f, double size, double x, double y, const char *s, size_t n)
{
    op *o = add_op(c, OP_TEXT);
    o->font = f;
    o->size = size;
    o->x = x;
    o->y = y;
    o->text = malloc(n + 1);
    if (!o->text)
        longjmp(c->fail, 1);
    memcpy(o->text, s, n);
    o->text[n] = '\0';
}

static void draw_rect(ctx *c, double x, double y, double w, double h, double gray)
{
    op *o = add_op(c, OP_RECT);
    o->x = x;
    o->y = y;
    o->w = w;
    o->h = h;
    o->gray = gray;
}

static void draw_line(ctx *c, double x, double y, double w, double h, double gray)
{
    op *o = add_op(c, OP_LINE);
    o->x = x;
    o->y = y;
    o->w = w;
    o->h = h;
    o->gray = gray;
}

static double bottom(ctx *c)
{
    return page_h(cur(c)) - MARGIN_B;
}

/* Makes room for h points, starting a page when needed. */
static void need(ctx *c, double h)
{
    if (c->y + h > bottom(c) && c->y > MARGIN_T + 0.5)
        new_page(c);
}

/* ------------------------------------------------------------------ */
/* Inline content: words with a style                                  */
/* ------------------------------------------------------------------ */

typedef struct {
    char *text;
    size_t len;
    int font;
    int space_after;
    int hard_break; /* break the line after this word */
    const char *url;
} word;

typedef struct {
    word *w;
    size_t n, cap;
} words;

static void words_free(words *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i].text);
    free(ws->w);
    memset(ws, 0, sizeof *ws);
}

/* A new word at the end of ws, zeroed. */
static word *add_word(ctx *c, words *ws)
{
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 4; /* most table cells hold a word or two */
        word *w = realloc(ws->w, cap * sizeof *w);
        if (!w)
            longjmp(c->fail, 1);
        ws->w = w;
        ws->cap = cap;
    }
    word *w = &ws->w[ws->n++];
    memset(w, 0, sizeof *w);
    return w;
}

static void push_word(ctx *c, words *ws, const char *s, size_t n, int f, int space, const char *url)
{
    word *w = add_word(c, ws);
    char *text = w->text = malloc(n + 1);
    if (!text)
        longjmp(c->fail, 1);
    /* A symbol font's glyph (format.h) is left out, as in the HTML. */
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pua = rz_utf8_private_use(s + i, n - i);
        if (pua)
            i += pua - 1;
        else
            text[len++] = s[i];
    }
    text[len] = '\0';
    if (len == 0 && n > 0) { /* nothing but such glyphs: no word */
        free(text);
        ws->n--;
        return;
    }
    w->len = len;
    w->font = f;
    w->space_after = space;
    w->url = url;
}

/* Splits text into words; a word continues the previous one when the
 * previous had no space after it (so "**97,8**%" stays one word). */
static void add_text(ctx *c, words *ws, const char *s, int f, const char *url)
{
    size_t i = 0, n = strlen(s);
    if (n && s[0] == ' ' && ws->n)
        ws->w[ws->n - 1].space_after = 1;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        /* "€ 1.234,56" is never split across lines, nor "13 / 13". */
        if (i - st == 3 && !memcmp(s + st, "€", 3) && i + 1 < n && s[i + 1] != ' ') {
            i++;
            while (i < n && s[i] != ' ')
                i++;
        }
        while (i > st && s[i - 1] >= '0' && s[i - 1] <= '9' && i + 3 < n &&
               !memcmp(s + i, " / ", 3) && s[i + 3] >= '0' && s[i + 3] <= '9') {
            i += 3;
            while (i < n && s[i] != ' ')
                i++;
        }
        if (i > st)
            push_word(c, ws, s + st, i - st, f, i < n, url);
    }
}

static int style_font(int bold, int ital, int mono, int table)
{
    if (mono)
        return F_MONO;
    if (table)
        return bold ? F_COND_BOLD : F_COND;
    if (bold)
        return F_BOLD;
    return ital ? F_ITAL : F_REG;
}

/* The targets a link may have in the PDF: the web, mail and the
 * document's own headings ("#slug"). Anything else (javascript:, data:,
 * file:, a relative path...) would be an action or a file the reader's
 * viewer opens: such a link is printed as its text, with a warning. */
static int link_allowed(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    if (url[0] == '#')
        return 1;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
            return 1;
    return 0;
}

/* The URL of link node n if it may be live, else NULL (and a warning). */
static const char *live_link(ctx *c, cmark_node *n)
{
    const char *url = cmark_node_get_url(n);
    if (!url || !url[0])
        return NULL;
    if (link_allowed(url))
        return url;
    size_t len = strlen(url);
    rz_diag_add(c->d, RZ_WARNING, c->opt ? c->opt->source : NULL,
                c->line_base + cmark_node_get_start_line(n), "pdf-link",
                "collegamento a \"%.*s%s\" stampato come testo: nel PDF sono attivi solo "
                "indirizzi http, https, mailto e rimandi alle sezioni (#)",
                len > 60 ? 60 : (int)len, url, len > 60 ? "..." : "");
    return NULL;
}

static void collect_inline(ctx *c, cmark_node *parent, words *ws, int bold, int table)
{
    cmark_iter *it = cmark_iter_new(parent);
    cmark_event_type ev;
    int b = bold, i = 0;
    const char *url = NULL;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == parent)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_STRONG:
            b += ev == CMARK_EVENT_ENTER ? 1 : -1;
            break;
        case CMARK_NODE_EMPH:
            i += ev == CMARK_EVENT_ENTER ? 1 : -1;
            break;
        case CMARK_NODE_LINK:
            url = ev == CMARK_EVENT_ENTER ? live_link(c, n) : NULL;
            break;
        case CMARK_NODE_TEXT:
            add_text(c, ws, cmark_node_get_literal(n), style_font(b > 0, i > 0, 0, table), url);
            break;
        case CMARK_NODE_CODE:
            add_text(c, ws, cmark_node_get_literal(n), style_font(0, 0, 1, table), url);
            break;
        case CMARK_NODE_SOFTBREAK:
            if (ws->n)
                ws->w[ws->n - 1].space_after = 1;
            break;
        case CMARK_NODE_LINEBREAK:
            if (ws->n)
                ws->w[ws->n - 1].hard_break = 1;
            break;
        case CMARK_NODE_HTML_INLINE:
            add_text(c, ws, cmark_node_get_literal(n), style_font(0, 0, 1, table), url);
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
}

/* A line: the words [from, to) of ws, laid at x offsets. */
typedef struct {
    size_t from, to;
} span;

typedef struct {
    span *l;
    size_t n, cap;
} lines;

/* Moves the pieces of *w that fit max each (at least one character) to
 * out, in one pass over its characters: widths are sums of the characters'
 * advances, so a piece is measured as it grows, never again from its
 * start (a word of a megabyte once cost a copy and a measure per line). */
static void split_word(ctx *c, word *w, double size, double max, words *out)
{
    const rz_ttf *f = face(c, w->font);
    const unsigned char *p = (const unsigned char *)w->text;
    size_t from = 0, at = 0, k;
    unsigned long units = 0;
    uint32_t cp;
    while ((k = rz_utf8_next(p + at, w->len - at, &cp)) != 0) {
        unsigned adv = cp == RZ_UTF8_SKIP ? 0 : rz_ttf_width(f, cp);
        if (at > from && (double)(units + adv) * size / 1000.0 > max) {
            push_word(c, out, w->text + from, at - from, w->font, 0, w->url);
            from = at;
            units = 0;
        }
        units += adv;
        at += k;
    }
    push_word(c, out, w->text + from, w->len - from, w->font, w->space_after, w->url);
    out->w[out->n - 1].hard_break = w->hard_break;
}

/* Splits the words that cannot fit max on their own, then breaks lines. */
static void wrap(ctx *c, words *ws, double size, double max, lines *out)
{
    size_t wide = 0;
    while (wide < ws->n &&
           text_width(c, ws->w[wide].font, size, ws->w[wide].text, ws->w[wide].len) <= max)
        wide++;
    if (wide < ws->n) {
        words split = {0};
        for (size_t k = 0; k < ws->n; k++) {
            word *w = &ws->w[k];
            if (k < wide || text_width(c, w->font, size, w->text, w->len) <= max) {
                *add_word(c, &split) = *w;
                w->text = NULL;
            } else {
                split_word(c, w, size, max, &split);
            }
        }
        words_free(ws);
        *ws = split;
    }
    out->n = 0;
    double space = text_width(c, F_REG, size, " ", 1);
    size_t i = 0;
    while (i < ws->n) {
        size_t from = i;
        double x = 0;
        while (i < ws->n) {
            double ww = text_width(c, ws->w[i].font, size, ws->w[i].text, ws->w[i].len);
            double gap = i > from && ws->w[i - 1].space_after ? space : 0;
            if (i > from && x + gap + ww > max)
                break;
            x += gap + ww;
            i++;
            if (ws->w[i - 1].hard_break)
                break;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 2;
            span *l = realloc(out->l, cap * sizeof *l);
            if (!l)
                longjmp(c->fail, 1);
            out->l = l;
            out->cap = cap;
        }
        out->l[out->n].from = from;
        out->l[out->n].to = i;
        out->n++;
    }
}

static double line_width(ctx *c, const words *ws, span l, double size)
{
    double space = text_width(c, F_REG, size, " ", 1), x = 0;
    for (size_t i = l.from; i < l.to; i++) {
        if (i > l.from && ws->w[i - 1].space_after)
            x += space;
        x += text_width(c, ws->w[i].font, size, ws->w[i].text, ws->w[i].len);
    }
    return x;
}

/* Draws one line at (x, baseline y); align 'l', 'c' or 'r' within width. */
static void draw_words(ctx *c, const words *ws, span l, double size, double x, double y,
                       double width, char align)
{
    double space = text_width(c, F_REG, size, " ", 1);
    double lw = align == 'l' ? 0 : line_width(c, ws, l, size);
    if (align == 'r')
        x += width - lw;
    else if (align == 'c')
        x += (width - lw) / 2;
    for (size_t i = l.from; i < l.to; i++) {
        if (i > l.from && ws->w[i - 1].space_after)
            x += space;
        const word *w = &ws->w[i];
        double ww = text_width(c, w->font, size, w->text, w->len);
        if (w->url)
            rz_struct_open_for(c->st, "Link", w->url);
        draw_text(c, w->font, size, x, y, w->text, w->len);
        if (w->url) {
            op *o = add_op(c, OP_LINK);
            o->x = x;
            o->y = y - size;
            o->w = ww;
            o->h = size * 1.25;
            o->text = strdup(w->url);
            rz_struct_close(c->st);
        }
        x += ww;
    }
}

/* A paragraph of words at the current indentation. */
static void flow(ctx *c, words *ws, double size, double leading)
{
    lines ls = {0};
    wrap(c, ws, size, c->width, &ls);
    double lh = size * leading;
    for (size_t i = 0; i < ls.n; i++) {
        need(c, lh);
        if (c->in_quote)
            draw_rect(c, c->left - 9, c->y, 2.2, lh, 0.75);
        draw_words(c, ws, ls.l[i], size, c->left, c->y + size, c->width, 'l');
        c->y += lh;
        kept_lines(c, 1);
    }
    free(ls.l);
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    words ws;
    lines ls;
    int elem; /* its TH or TD */
} cell;

typedef struct {
    cell *cells;
    double height;
    int header;
} row;

static void layout_row(ctx *c, row *r, int ncols, const double *colw, double size, double pad)
{
    double lh = size * 1.3, h = 0;
    for (int k = 0; k < ncols; k++) {
        wrap(c, &r->cells[k].ws, size, colw[k] - 2 * pad, &r->cells[k].ls);
        double ch = (double)r->cells[k].ls.n * lh;
        if (ch > h)
            h = ch;
    }
    r->height = h + 2 * pad;
}

static void draw_row(ctx *c, row *r, int ncols, const double *colw, const char *align, double size,
                     double pad, int band, size_t from_line, size_t max_lines)
{
    double lh = size * 1.3;
    double x = c->left, total = 0;
    for (int k = 0; k < ncols; k++)
        total += colw[k];
    size_t shown = 0;
    for (int k = 0; k < ncols; k++) {
        size_t n = r->cells[k].ls.n > from_line ? r->cells[k].ls.n - from_line : 0;
        if (n > max_lines)
            n = max_lines;
        if (n > shown)
            shown = n;
    }
    double h = (double)shown * lh + 2 * pad;
    if (r->header)
        draw_rect(c, x, c->y, total, h, 0.86);
    else if (band)
        draw_rect(c, x, c->y, total, h, 0.955);
    for (int k = 0; k < ncols; k++) {
        cell *ce = &r->cells[k];
        char al = align[k] == 'r' ? 'r' : align[k] == 'c' ? 'c' : 'l';
        rz_struct_enter(c->st, ce->elem);
        for (size_t i = from_line; i < ce->ls.n && i < from_line + max_lines; i++)
            draw_words(c, &ce->ws, ce->ls.l[i], size, x + pad,
                       c->y + pad + (double)(i - from_line) * lh + size, colw[k] - 2 * pad, al);
        rz_struct_close(c->st);
        x += colw[k];
    }
    draw_line(c, c->left, c->y + h, total, 0, r->header ? 0.35 : 0.8);
    c->y += h;
}

static void table_widths(ctx *c, row *rows, size_t nrows, int ncols, double size, double pad,
                         double avail, const struct table_kind *kind, double *colw)
{
    double *minw = calloc((size_t)ncols, sizeof *minw), *pref = calloc((size_t)ncols, sizeof *pref);
    if (!minw || !pref) {
        free(minw);
        free(pref);
        longjmp(c->fail, 1);
    }
    double space = text_width(c, F_COND, size, " ", 1);
    for (size_t r = 0; r < nrows; r++)
        for (int k = 0; k < ncols; k++) {
            words *ws = &rows[r].cells[k].ws;
            double line_w = 0;
            for (size_t i = 0; i < ws->n; i++) {
                double w = text_width(c, ws->w[i].font, size, ws->w[i].text, ws->w[i].len);
                if (w > minw[k])
                    minw[k] = w;
                line_w += w + (ws->w[i].space_after ? space : 0);
            }
            /* A header wraps to its longest word: its unwrapped length
             * would take room from the columns that hold the text. */
            if (line_w > pref[k] && !rows[r].header)
                pref[k] = line_w;
        }
    double smin = 0, spref = 0;
    for (int k = 0; k < ncols; k++) {
        if (kind && kind->ncols == ncols) {
            minw[k] = fmax(minw[k], kind->minw[k] * size);
            pref[k] = fmax(pref[k], kind->pref[k] * size);
        }
        minw[k] += 2 * pad;
        pref[k] += 2 * pad;
        /* No column narrower than about three characters. */
        if (minw[k] < 3 * size)
            minw[k] = 3 * size;
        if (pref[k] < minw[k])
            pref[k] = minw[k];
        smin += minw[k];
        spref += pref[k];
    }
    for (int k = 0; k < ncols; k++) {
        if (spref <= avail)
            colw[k] = pref[k] + (avail - spref) * pref[k] / spref;
        else if (smin <= avail)
            colw[k] = minw[k] + (avail - smin) * (pref[k] - minw[k]) / (spref - smin);
        else
            colw[k] = avail * minw[k] / smin; /* words will be split */
    }
    free(minw);
    free(pref);
}

/* The table's elements, in reading order, before any is drawn: a row
 * split across pages, a header repeated, stay one element each. */
static void table_structure(ctx *c, row *rows, size_t nrows, int ncols)
{
    rz_struct_open(c->st, "Table");
    for (size_t r = 0; r < nrows; r++) {
        if (r == 0 || rows[r].header != rows[r - 1].header) {
            if (r)
                rz_struct_close(c->st);
            rz_struct_open(c->st, rows[r].header ? "THead" : "TBody");
        }
        rz_struct_open(c->st, "TR");
        for (int k = 0; k < ncols; k++) {
            rows[r].cells[k].elem = rz_struct_open(c->st, rows[r].header ? "TH" : "TD");
            if (rows[r].header)
                rz_struct_set_scope(c->st, rows[r].cells[k].elem, "Column");
            rz_struct_close(c->st);
        }
        rz_struct_close(c->st);
    }
    if (nrows)
        rz_struct_close(c->st);
}

/* The header row again on a continuation page: an artifact, the table's
 * structure has it once. */
static void repeat_header(ctx *c, row *header, int ncols, const double *colw, const char *align,
                          double size, double pad)
{
    rz_struct_artifacts(c->st, 1);
    draw_row(c, header, ncols, colw, align, size, pad, 0, 0, (size_t)-1);
    rz_struct_artifacts(c->st, 0);
}

/* Tables of one kind (the same header cells) share their column widths
 * across the document, so that the unit sheets do not jump from table to
 * table: before the layout, the Markdown's tables are measured once (the
 * longest word and the longest cell of each column, per point of type)
 * and each table's columns take at least those of its kind
 * (struct table_kind). */
/* The cells of a Markdown table line, as the layout sees their text:
 * escapes and emphasis marks dropped, split at unescaped pipes. Each cell
 * ends with '|' in out; bold[k] tells whether cell k was all bold. */
static int split_cells(const char *s, size_t n, rz_buf *out, int *bold, int max)
{
    out->len = 0;
    rz_buf_puts(out, "");
    size_t i = n && s[0] == '|' ? 1 : 0;
    int k = 0;
    while (i < n && k < max) {
        size_t st = i;
        while (i < n && !(s[i] == '|' && s[i - 1] != '\\'))
            i++;
        size_t a = st, b = i;
        while (a < b && s[a] == ' ')
            a++;
        while (b > a && s[b - 1] == ' ')
            b--;
        if (i == n && a == b)
            break;
        bold[k] = b - a >= 4 && !strncmp(s + a, "**", 2) && !strncmp(s + b - 2, "**", 2);
        for (size_t j = a; j < b; j++) {
            if (s[j] == '\\' && j + 1 < b)
                j++;
            else if (s[j] == '*')
                continue;
            rz_buf_putc(out, s[j]);
        }
        rz_buf_putc(out, '|');
        k++;
        i++;
    }
    return k;
}

static struct table_kind *find_kind(ctx *c, const char *header)
{
    for (size_t i = 0; i < c->n_kinds; i++)
        if (!strcmp(c->kinds[i].header, header))
            return &c->kinds[i];
    return NULL;
}

/* Measures one row's cells (text as split_cells leaves it) into kind k. */
static void measure_cells(ctx *c, struct table_kind *k, const char *cells, const int *bold,
                          int header)
{
    const char *p = cells;
    for (int col = 0; col < k->ncols && *p; col++) {
        const char *end = strchr(p, '|');
        if (!end) /* an escaped pipe in a cell took a column's place */
            break;
        int f = bold[col] ? F_COND_BOLD : F_COND;
        double space = text_width(c, f, 1, " ", 1), line = 0;
        for (const char *w = p; w < end;) {
            while (w < end && *w == ' ')
                w++;
            const char *we = w;
            while (we < end && *we != ' ')
                we++;
            if (we - w == 3 && !memcmp(w, "€", 3) && we < end) /* "€ 1.234,56" */
                for (we++; we < end && *we != ' ';)
                    we++;
            double ww = text_width(c, f, 1, w, (size_t)(we - w));
            if (ww > k->minw[col])
                k->minw[col] = ww;
            line += ww + (we < end ? space : 0);
            w = we;
        }
        if (line > k->pref[col] && !header) /* as in table_widths */
            k->pref[col] = line;
        p = end + 1;
    }
}

static void measure_kinds(ctx *c, const char *md, size_t len)
{
    rz_buf cells;
    rz_buf_init(&cells);
    int bold[64];
    int fence = 0;
    const char *p = md, *end = md + len;
    struct table_kind *k = NULL; /* the table being read */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *next = nl ? nl + 1 : end;
        if (n >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3)))
            fence = !fence;
        if (fence || n == 0 || p[0] != '|') {
            k = NULL;
            p = next;
            continue;
        }
        if (k) {
            if (split_cells(p, n, &cells, bold, 64) == k->ncols)
                measure_cells(c, k, rz_buf_str(&cells), bold, 0);
            p = next;
            continue;
        }
        /* A header: the next line is the delimiter row. */
        const char *nl2 = next < end ? memchr(next, '\n', (size_t)(end - next)) : NULL;
        size_t n2 = next < end ? (nl2 ? (size_t)(nl2 - next) : (size_t)(end - next)) : 0;
        if (n2 == 0 || strspn(next, "|:- ") < n2 || !memchr(next, '-', n2)) {
            p = next;
            continue;
        }
        int nc = split_cells(p, n, &cells, bold, 64);
        k = find_kind(c, rz_buf_str(&cells));
        if (!k && nc > 0) {
            struct table_kind *ks = realloc(c->kinds, (c->n_kinds + 1) * sizeof *ks);
            if (!ks)
                longjmp(c->fail, 1);
            c->kinds = ks;
            k = &c->kinds[c->n_kinds++];
            memset(k, 0, sizeof *k);
            k->ncols = nc;
            k->header = strdup(rz_buf_str(&cells));
            k->minw = calloc((size_t)nc, sizeof *k->minw);
            k->pref = calloc((size_t)nc, sizeof *k->pref);
            if (!k->header || !k->minw || !k->pref)
                longjmp(c->fail, 1);
        }
        if (k) {
            k->count++;
            for (int i = 0; i < nc; i++)
                bold[i] = 1;
            measure_cells(c, k, rz_buf_str(&cells), bold, 1);
        }
        p = nl2 ? nl2 + 1 : end;
    }
    rz_buf_free(&cells);
}

/* The kind of a table being laid out, when the document has others of it. */
static const struct table_kind *kind_of(ctx *c, cmark_node *table)
{
    cmark_node *head = cmark_node_first_child(table);
    if (!head || !cmark_gfm_extensions_get_table_row_is_header(head))
        return NULL;
    rz_buf key;
    rz_buf_init(&key);
    for (cmark_node *ce = cmark_node_first_child(head); ce; ce = cmark_node_next(ce)) {
        char *t = rz_markdown_plain_text(ce);
        rz_buf_puts(&key, t ? t : "");
        rz_buf_putc(&key, '|');
        free(t);
    }
    const struct table_kind *k = find_kind(c, rz_buf_str(&key));
    rz_buf_free(&key);
    return k && k->count > 1 ? k : NULL;
}

/* Column widths for avail points and the type size, from TABLE_SIZE
 * (MIN_TABLE_SIZE beyond eight columns) shrunk in half points down to
 * MIN_TABLE_SIZE until the longest words fit their columns. Returns
 * whether they do. */
static int fit_table(ctx *c, row *rows, size_t nrows, int ncols, double pad, double avail,
                     const struct table_kind *kind, double *colw, double *size_out)
{
    double size = ncols > 8 ? MIN_TABLE_SIZE : TABLE_SIZE;
    for (;;) {
        table_widths(c, rows, nrows, ncols, size, pad, avail, kind, colw);
        int words_fit = 1;
        for (size_t r = 0; r < nrows && words_fit; r++)
            for (int k = 0; k < ncols && words_fit; k++)
                for (size_t i = 0; i < rows[r].cells[k].ws.n; i++) {
                    word *w = &rows[r].cells[k].ws.w[i];
                    if (text_width(c, w->font, size, w->text, w->len) > colw[k] - 2 * pad) {
                        words_fit = 0;
                        break;
                    }
                }
        if (words_fit || size <= MIN_TABLE_SIZE) {
            *size_out = size;
            return words_fit;
        }
        size -= 0.5;
    }
}

static void render_table(ctx *c, cmark_node *table)
{
    int ncols = (int)cmark_gfm_extensions_get_table_columns(table);
    uint8_t *al = cmark_gfm_extensions_get_table_alignments(table);
    if (ncols <= 0)
        return;
    char *align = calloc((size_t)ncols + 1, 1);
    size_t nrows = 0;
    for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r))
        nrows++;
    row *rows = calloc(nrows ? nrows : 1, sizeof *rows);
    if (!align || !rows) {
        free(align);
        free(rows);
        longjmp(c->fail, 1);
    }
    for (int k = 0; k < ncols; k++)
        align[k] = al ? (char)al[k] : 'l';
    size_t ri = 0;
    for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r), ri++) {
        rows[ri].cells = calloc((size_t)ncols, sizeof(cell));
        if (!rows[ri].cells)
            longjmp(c->fail, 1);
        rows[ri].header = cmark_gfm_extensions_get_table_row_is_header(r);
        int k = 0;
        for (cmark_node *ce = cmark_node_first_child(r); ce && k < ncols;
             ce = cmark_node_next(ce), k++)
            collect_inline(c, ce, &rows[ri].cells[k].ws, rows[ri].header, 1);
    }
    double *colw = calloc((size_t)ncols, sizeof *colw);
    if (!colw)
        longjmp(c->fail, 1);
    double size, pad = 2.5;
    /* A table whose words do not fit a portrait page at the smallest type
     * goes on a landscape page, and the pages it crosses are landscape. */
    int turned = c->landscape;
    const struct table_kind *kind = kind_of(c, table);
    if (!fit_table(c, rows, nrows, ncols, pad, c->width, kind, colw, &size) && !cur(c)->landscape) {
        c->landscape = 1;
        new_page(c);
        fit_table(c, rows, nrows, ncols, pad, c->width, kind, colw, &size);
    }
    if (cur(c)->landscape)
        c->landscape = 1;
    for (size_t r = 0; r < nrows; r++)
        layout_row(c, &rows[r], ncols, colw, size, pad);

    double lh = size * 1.3;
    row *header = nrows && rows[0].header ? &rows[0] : NULL;
    table_structure(c, rows, nrows, ncols);
    need(c, (header ? header->height : 0) + (nrows > 1 ? rows[1].height : 0));
    c->y += 2;
    for (size_t r = 0; r < nrows; r++) {
        row *rw = &rows[r];
        double head_h = header && rw != header ? header->height : 0;
        if (c->y + rw->height > bottom(c)) {
            if (rw->height + head_h <= bottom(c) - MARGIN_T) {
                if (!new_page(c) && header && rw != header)
                    repeat_header(c, header, ncols, colw, align, size, pad);
            }
        }
        /* A row taller than what is left of a page is split by lines, the
         * header repeated above each continuation. */
        size_t total = 0;
        for (int k = 0; k < ncols; k++)
            if (rw->cells[k].ls.n > total)
                total = rw->cells[k].ls.n;
        size_t from = 0;
        do {
            double room = bottom(c) - c->y - 2 * pad;
            size_t fit = room > lh ? (size_t)(room / lh) : 0;
            if (fit == 0) {
                if (!new_page(c) && header && rw != header)
                    repeat_header(c, header, ncols, colw, align, size, pad);
                continue;
            }
            draw_row(c, rw, ncols, colw, align, size, pad, !rw->header && r % 2 == 0, from, fit);
            if (!rw->header)
                kept_lines(c, 2);
            from += fit;
        } while (from < total);
    }
    c->y += 8;
    rz_struct_close(c->st); /* the Table */
    c->landscape = turned;
    for (size_t r = 0; r < nrows; r++) {
        for (int k = 0; k < ncols; k++) {
            words_free(&rows[r].cells[k].ws);
            free(rows[r].cells[k].ls.l);
        }
        free(rows[r].cells);
    }
    free(rows);
    free(colw);
    free(align);
}

/* ------------------------------------------------------------------ */
/* Charts                                                              */
/* ------------------------------------------------------------------ */

/* What the chart shows, in words, from its data: the alternative text of
 * its Figure. Returns -1 when memory ran out. */
static int chart_alt(ctx *c, int fig, const rz_chart *ch)
{
    rz_buf b;
    rz_buf_init(&b);
    rz_buf_printf(&b, "Grafico a barre%s%s: ", *ch->title ? ", " : "", ch->title);
    for (int i = 0; i < ch->n; i++)
        rz_buf_printf(&b, "%s%s %s%s", i ? "; " : "", ch->bars[i].label, ch->bars[i].text,
                      ch->unit);
    if (ch->ref >= 0 && ch->ref <= ch->max)
        rz_buf_printf(&b, ". Valore di riferimento: %s%s", ch->ref_text, ch->unit);
    rz_buf_putc(&b, '.');
    int failed = rz_buf_failed(&b) || rz_struct_set_alt(c->st, fig, rz_buf_str(&b)) != 0;
    rz_buf_free(&b);
    return failed ? -1 : 0;
}

/* A ```chart block (chart.h) as horizontal bars. */
static void render_chart(ctx *c, const char *src)
{
    rz_chart *ch = malloc(sizeof *ch);
    if (!ch)
        longjmp(c->fail, 1);
    rz_chart_parse(src, ch);
    const char *title = ch->title, *unit = ch->unit;
    double max = ch->max, ref = ch->ref;
    int n = ch->n;
    if (n == 0 || max <= 0) {
        free(ch);
        return;
    }
    int fig = rz_struct_open(c->st, "Figure");
    if (chart_alt(c, fig, ch) != 0) {
        free(ch);
        longjmp(c->fail, 1);
    }
    double bar_h = 11, gap = 5, size = 8;
    need(c, 24 + (double)n * (bar_h + gap) + 14);
    c->y += 4;
    if (*title) {
        words ws = {0};
        add_text(c, &ws, title, F_BOLD, NULL);
        flow(c, &ws, 9.5, 1.3);
        words_free(&ws);
        c->y += 3;
    }
    double label_w = c->width * 0.32, value_w = 44, bar_x = c->left + label_w + 6;
    double bar_max = c->width - label_w - value_w - 12;
    double top = c->y;
    for (int i = 0; i < n; i++) {
        words ws = {0};
        add_text(c, &ws, ch->bars[i].label, F_COND, NULL);
        lines ls = {0};
        wrap(c, &ws, size, label_w, &ls);
        if (ls.n)
            draw_words(c, &ws, ls.l[0], size, c->left, c->y + bar_h - 2.5, label_w, 'r');
        free(ls.l);
        words_free(&ws);
        double v = ch->bars[i].value < 0 ? 0 : ch->bars[i].value > max ? max : ch->bars[i].value;
        draw_rect(c, bar_x, c->y, bar_max * v / max, bar_h, 0.45);
        char vt[80];
        if (snprintf(vt, sizeof vt, "%s%s", ch->bars[i].text, unit) < 0)
            vt[0] = '\0';
        draw_text(c, F_REG, size, bar_x + bar_max * v / max + 4, c->y + bar_h - 2.5, vt,
                  strlen(vt));
        c->y += bar_h + gap;
    }
    draw_line(c, bar_x, top - 2, 0, c->y - top, 0.2);
    if (ref >= 0 && ref <= max) {
        double rx = bar_x + bar_max * ref / max;
        for (double yy = top - 2; yy < c->y - 2; yy += 4)
            draw_line(c, rx, yy, 0, 2, 0.1);
    }
    c->y += 8;
    rz_struct_close(c->st); /* the Figure */
    free(ch);
    kept_lines(c, 2);
}

/* ------------------------------------------------------------------ */
/* Blocks                                                              */
/* ------------------------------------------------------------------ */

static void render_blocks(ctx *c, cmark_node *parent, int list_depth);

/* A heading's anchor as GitHub makes it: lower case, spaces as hyphens,
 * punctuation dropped (letters beyond ASCII kept as they are). */
static char *slug_of(const char *title)
{
    char *s = malloc(strlen(title) + 1), *e = s;
    if (!s)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
        if (*p >= 0x80 || *p == '-' || *p == '_' || (*p >= '0' && *p <= '9') ||
            (*p >= 'a' && *p <= 'z'))
            *e++ = (char)*p;
        else if (*p >= 'A' && *p <= 'Z')
            *e++ = (char)(*p - 'A' + 'a');
        else if (*p == ' ')
            *e++ = '-';
    }
    *e = '\0';
    return s;
}

static void render_heading(ctx *c, cmark_node *n)
{
    static const double sizes[] = {0, 17, 13.5, 11.5, 10.5, 10, 10};
    int level = cmark_node_get_heading_level(n);
    double size = sizes[level < 1 ? 1 : level > 6 ? 6 : level];
    /* A level-1 heading opens a page (except the first); others keep with
     * at least three lines of what follows. */
    /* A chapter opens a page, unless the page holds little more than the
     * document's title. */
    if (c->keep.lines > 0)
        c->keep.on = 0; /* the heading above has its lines */
    if (level == 1 && c->y > MARGIN_T + 150 && c->n_headings > 0) {
        c->keep.on = 0;
        new_page(c);
    } else
        need(c, size * 2.2 + 110); /* a heading rarely starts near the end */
    if (!c->keep.on) {
        c->keep.on = 1;
        c->keep.page = c->n_pages - 1;
        c->keep.op = cur(c)->n;
        c->keep.y = c->y;
        c->keep.heading = c->n_headings;
        c->keep.lines = 0;
    }
    c->y += level == 1 ? 4 : size * 0.9;
    if (c->n_headings == c->cap_headings) {
        size_t cap = c->cap_headings ? c->cap_headings * 2 : 32;
        heading *h = realloc(c->headings, cap * sizeof *h);
        if (!h)
            longjmp(c->fail, 1);
        c->headings = h;
        c->cap_headings = cap;
    }
    heading *h = &c->headings[c->n_headings++];
    h->level = level;
    h->title = rz_markdown_plain_text(n);
    h->slug = slug_of(h->title);
    if (!h->slug)
        longjmp(c->fail, 1);
    h->page = c->n_pages - 1;
    h->y = c->y;
    if (!c->doc_title && level == 1)
        c->doc_title = strdup(h->title);
    /* Tagged levels nest: none deeper than one below the last. */
    static const char *const tags[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    int tagged = level < 1 ? 1 : level > 6 ? 6 : level;
    if (tagged > c->last_level + 1)
        tagged = c->last_level + 1;
    c->last_level = tagged;
    rz_struct_open(c->st, tags[tagged - 1]);
    words ws = {0};
    collect_inline(c, n, &ws, 1, 0);
    c->in_heading = 1;
    flow(c, &ws, size, 1.25);
    c->in_heading = 0;
    words_free(&ws);
    rz_struct_close(c->st);
    if (level <= 2)
        draw_line(c, c->left, c->y + 1, c->width, 0, level == 1 ? 0.3 : 0.7);
    c->y += size * 0.5;
}

static void render_list(ctx *c, cmark_node *list, int depth)
{
    int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    int num = cmark_node_get_list_start(list);
    double indent = 14;
    double old_left = c->left, old_width = c->width;
    c->left += indent;
    c->width -= indent;
    rz_struct_open(c->st, "L");
    for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        char marker[16];
        if (ordered)
            snprintf(marker, sizeof marker, "%d.", num++);
        else
            snprintf(marker, sizeof marker, "%s", depth % 2 ? "–" : "•");
        need(c, BODY_SIZE * 1.4);
        double mw = text_width(c, F_REG, BODY_SIZE, marker, strlen(marker));
        rz_struct_open(c->st, "LI");
        rz_struct_open(c->st, "Lbl");
        draw_text(c, F_REG, BODY_SIZE, c->left - mw - 4, c->y + BODY_SIZE, marker, strlen(marker));
        rz_struct_close(c->st);
        rz_struct_open(c->st, "LBody");
        render_blocks(c, item, depth + 1);
        rz_struct_close(c->st);
        rz_struct_close(c->st);
    }
    rz_struct_close(c->st); /* the L */
    c->left = old_left;
    c->width = old_width;
}

static void render_code(ctx *c, cmark_node *n)
{
    const char *info = cmark_node_get_fence_info(n);
    const char *lit = cmark_node_get_literal(n);
    if (info && !strncmp(info, "chart", 5)) {
        render_chart(c, lit ? lit : "");
        return;
    }
    double size = 8, lh = size * 1.35;
    rz_struct_open(c->st, "Code");
    for (const char *line = lit ? lit : ""; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        words ws = {0};
        push_word(c, &ws, line, len, F_MONO, 0, NULL);
        lines ls = {0};
        wrap(c, &ws, size, c->width - 8, &ls);
        for (size_t i = 0; i < ls.n; i++) {
            need(c, lh);
            draw_rect(c, c->left, c->y, c->width, lh, 0.94);
            draw_words(c, &ws, ls.l[i], size, c->left + 4, c->y + size, c->width - 8, 'l');
            c->y += lh;
            kept_lines(c, 1);
        }
        if (len == 0) {
            need(c, lh);
            draw_rect(c, c->left, c->y, c->width, lh, 0.94);
            c->y += lh;
        }
        free(ls.l);
        words_free(&ws);
        if (!end)
            break;
        line = end + 1;
    }
    rz_struct_close(c->st);
    c->y += 6;
}

static void render_blocks(ctx *c, cmark_node *parent, int list_depth)
{
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        if (c->error)
            longjmp(c->fail, 1);
        const char *type = cmark_node_get_type_string(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
            render_heading(c, n);
            break;
        case CMARK_NODE_PARAGRAPH: {
            words ws = {0};
            collect_inline(c, n, &ws, 0, 0);
            rz_struct_open(c->st, "P");
            flow(c, &ws, BODY_SIZE, 1.42);
            rz_struct_close(c->st);
            words_free(&ws);
            c->y += list_depth ? 2 : 6;
            break;
        }
        case CMARK_NODE_LIST:
            render_list(c, n, list_depth);
            c->y += 4;
            break;
        case CMARK_NODE_BLOCK_QUOTE: {
            double ol = c->left, ow = c->width;
            c->left += 14;
            c->width -= 14;
            c->in_quote++;
            rz_struct_open(c->st, "BlockQuote");
            render_blocks(c, n, list_depth);
            rz_struct_close(c->st);
            c->in_quote--;
            c->left = ol;
            c->width = ow;
            break;
        }
        case CMARK_NODE_CODE_BLOCK:
            render_code(c, n);
            if (rz_markdown_is_chart_table(n, cmark_node_next(n)))
                n = cmark_node_next(n); /* drawn as the chart */
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            need(c, 14);
            draw_line(c, c->left, c->y + 6, c->width, 0, 0.6);
            c->y += 14;
            break;
        case CMARK_NODE_HTML_BLOCK:
            break;
        default:
            if (!strcmp(type, "table"))
                render_table(c, n);
            else
                render_blocks(c, n, list_depth);
            break;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

/* Consecutive text shares one text object, and the font is set only when
 * it changes: libharu's cost is per operator, and so is the content's size. */
static int cmp_slug(const void *a, const void *b)
{
    const heading *x = *(const heading *const *)a, *y = *(const heading *const *)b;
    int d = strcmp(x->slug, y->slug);
    return d ? d : (x > y) - (x < y); /* the first of equal anchors first */
}

/* The first heading whose anchor is slug, NULL if none: a sorted index of
 * the headings, built on the first internal link. */
static const heading *find_heading(ctx *c, const char *slug)
{
    if (!c->by_slug && c->n_headings) {
        c->by_slug = malloc(c->n_headings * sizeof *c->by_slug);
        if (!c->by_slug)
            longjmp(c->fail, 1);
        for (size_t i = 0; i < c->n_headings; i++)
            c->by_slug[i] = &c->headings[i];
        qsort(c->by_slug, c->n_headings, sizeof *c->by_slug, cmp_slug);
    }
    size_t lo = 0, hi = c->n_headings;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(c->by_slug[mid]->slug, slug) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_headings && !strcmp(c->by_slug[lo]->slug, slug) ? c->by_slug[lo] : NULL;
}

/* Whether the text after a run of words, at ops[k], goes on with the same
 * element's text past a word boundary: further along the line than a
 * letter's gap, or on another line. The run then ends with a space
 * character, so that text read through the structure (a screen reader's,
 * pdfinfo -struct-text) keeps its words apart, as pdftotext does by
 * position; the space draws nothing. Link rectangles between are passed. */
static int word_follows(const page *p, size_t k, const op *last, double end)
{
    while (k < p->n && p->ops[k].kind == OP_LINK)
        k++;
    if (k >= p->n)
        return 0;
    const op *q = &p->ops[k];
    if (q->kind != OP_TEXT || q->mark.elem != last->mark.elem || q->mark.elem < 0)
        return 0;
    return q->y != last->y || q->x > end + 0.1 * last->size;
}

/* A link on page hp, over r, to heading h: a direct destination, as
 * PDF/A wants (pdf_pdfa.h). */
static HPDF_Annotation heading_link(ctx *c, HPDF_Page hp, HPDF_Rect r, const heading *h)
{
    return rz_pdfa_goto(c->pdf, hp, r, c->hpages[c->body_first + h->page],
                        page_h(&c->pages[h->page]) - h->y + 12);
}

static void emit_page(ctx *c, HPDF_Page hp, const page *p)
{
    int in_text = 0, cur_font = -1;
    double cur_size = 0, ph = page_h(p);
    for (size_t i = 0; i < p->n; i++) {
        const op *o = &p->ops[i];
        /* Marked content never crosses a text object's bounds. */
        if (in_text && (o->kind == OP_RECT || o->kind == OP_LINE)) {
            rz_struct_unmark(c->st);
            HPDF_Page_EndText(hp);
            in_text = 0;
        }
        if (o->kind == OP_RECT || o->kind == OP_LINE)
            rz_struct_mark(c->st, o->mark);
        switch (o->kind) {
        case OP_RECT:
            HPDF_Page_SetGrayFill(hp, (HPDF_REAL)o->gray);
            HPDF_Page_Rectangle(hp, (HPDF_REAL)o->x, (HPDF_REAL)(ph - o->y - o->h), (HPDF_REAL)o->w,
                                (HPDF_REAL)o->h);
            HPDF_Page_Fill(hp);
            break;
        case OP_LINE:
            HPDF_Page_SetGrayStroke(hp, (HPDF_REAL)o->gray);
            HPDF_Page_SetLineWidth(hp, 0.5f);
            HPDF_Page_MoveTo(hp, (HPDF_REAL)o->x, (HPDF_REAL)(ph - o->y));
            HPDF_Page_LineTo(hp, (HPDF_REAL)(o->x + o->w), (HPDF_REAL)(ph - o->y - o->h));
            HPDF_Page_Stroke(hp);
            break;
        case OP_TEXT: {
            if (!in_text) {
                rz_struct_unmark(c->st);
                HPDF_Page_SetGrayFill(hp, 0);
                HPDF_Page_BeginText(hp);
                in_text = 1;
                cur_font = -1;
            }
            rz_struct_mark(c->st, o->mark);
            if (o->font != cur_font || o->size != cur_size) {
                HPDF_Page_SetFontAndSize(hp, font(c, o->font), (HPDF_REAL)o->size);
                cur_font = o->font;
                cur_size = o->size;
            }
            /* The words that follow on the line one space apart, in the same
             * font, go out as one string: the font's own advances put them
             * where the layout did. */
            c->run.len = 0;
            rz_buf_puts(&c->run, o->text);
            double space = text_width(c, o->font, o->size, " ", 1);
            double end = o->x + text_width(c, o->font, o->size, o->text, strlen(o->text));
            size_t k = i + 1;
            for (; k < p->n; k++) {
                const op *q = &p->ops[k];
                if (q->kind != OP_TEXT || q->font != o->font || q->size != o->size ||
                    q->y != o->y || fabs(q->x - (end + space)) > 1e-6 ||
                    q->mark.elem != o->mark.elem || q->mark.slot != o->mark.slot)
                    break;
                rz_buf_putc(&c->run, ' ');
                rz_buf_puts(&c->run, q->text);
                end = q->x + text_width(c, q->font, q->size, q->text, strlen(q->text));
            }
            if (word_follows(p, k, &p->ops[k - 1], end))
                rz_buf_putc(&c->run, ' ');
            show_text(c, hp, o->x, (ph - o->y), rz_buf_str(&c->run), 1);
            i = k - 1;
            break;
        }
        case OP_LINK: {
            HPDF_Rect r = {(HPDF_REAL)o->x, (HPDF_REAL)(ph - o->y - o->h), (HPDF_REAL)(o->x + o->w),
                           (HPDF_REAL)(ph - o->y)};
            HPDF_Annotation a = NULL;
            if (o->text[0] != '#') {
                a = HPDF_Page_CreateURILinkAnnot(hp, r, o->text);
            } else {
                const heading *h = find_heading(c, o->text + 1);
                if (h)
                    a = heading_link(c, hp, r, h);
            }
            if (a) {
                HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
                rz_pdfa_link(a);
                rz_struct_annot(c->st, o->mark.elem, a);
            }
            break;
        }
        }
    }
    rz_struct_unmark(c->st);
    if (in_text)
        HPDF_Page_EndText(hp);
}

/* Word k of a cover line, followed by a space character when another word
 * comes after it (see word_follows). */
static void show_word(ctx *c, HPDF_Page hp, double x, double y, const words *ws, size_t k)
{
    c->run.len = 0;
    rz_buf_puts(&c->run, ws->w[k].text);
    if (ws->w[k].space_after && k + 1 < ws->n)
        rz_buf_putc(&c->run, ' ');
    show(c, hp, x, y, rz_buf_str(&c->run));
}

static void furniture(ctx *c, HPDF_Page hp, const page *p, size_t number, size_t total,
                      const char *title)
{
    double pw = p ? page_w(p) : PAGE_W, ph = p ? page_h(p) : PAGE_H;
    char foot[64];
    snprintf(foot, sizeof foot, "Pagina %zu di %zu", number, total);
    double w = text_width(c, F_REG, 8, foot, strlen(foot));
    rz_struct_mark(c->st, (rz_mark){RZ_PAGINATION, -1});
    HPDF_Page_SetGrayFill(hp, 0.3f);
    HPDF_Page_BeginText(hp);
    HPDF_Page_SetFontAndSize(hp, font(c, F_REG), 8);
    show(c, hp, ((pw - w) / 2), (MARGIN_B / 2), foot);
    if (title) {
        /* The running header is cut to the line it has. */
        size_t n = strlen(title);
        while (n && text_width(c, F_REG, 8, title, n) > pw - MARGIN_L - MARGIN_R)
            n--;
        while (n && ((unsigned char)title[n] & 0xC0) == 0x80)
            n--;
        char *t = strndup(title, n);
        if (t) {
            show(c, hp, MARGIN_L, (ph - MARGIN_T / 2), t);
            free(t);
        }
    }
    HPDF_Page_EndText(hp);
    HPDF_Page_SetGrayStroke(hp, 0.7f);
    HPDF_Page_SetLineWidth(hp, 0.4f);
    HPDF_Page_MoveTo(hp, (HPDF_REAL)MARGIN_L, (HPDF_REAL)(ph - MARGIN_T / 2 - 4));
    HPDF_Page_LineTo(hp, (HPDF_REAL)(pw - MARGIN_R), (HPDF_REAL)(ph - MARGIN_T / 2 - 4));
    HPDF_Page_Stroke(hp);
    rz_struct_unmark(c->st);
}

/* The cover and the contents are laid out after the body (their page
 * numbers depend on it), on pages of their own placed in front. */
static size_t toc_pages_needed(const ctx *c)
{
    size_t entries = 0;
    for (size_t i = 0; i < c->n_headings; i++)
        if (c->headings[i].level <= 2)
            entries++;
    return entries ? (entries + 39) / 40 : 0;
}

/* A paragraph under the title as a line of the cover and a part of the PDF
 * Title: only a short one (a body's name, an act), not a page of text. */
#define COVER_LINE_MAX 300

static char *cover_line(cmark_node *para)
{
    char *t = rz_markdown_plain_text(para);
    if (t && strlen(t) > COVER_LINE_MAX) {
        free(t);
        t = NULL;
    }
    return t;
}

/* The metadata, the PDF/A pieces libharu does not write by itself (see
 * pdf_pdfa.h) and the fonts' descriptors completed, once every page is
 * drawn. */
static void finish_document(ctx *c, const rz_pdf_options *opt)
{
    for (int f = 0; f < N_FONTS; f++)
        if (c->fonts[f] && rz_pdfa_font(c->fonts[f], rz_ttf_cap_height(face(c, f))) != HPDF_OK)
            longjmp(c->fail, 1);
    /* Without a title given, the document's own (with its year) and the
     * paragraph under it (the body). */
    rz_buf full;
    rz_buf_init(&full);
    const char *title = opt->title ? opt->title : c->doc_title;
    if (!opt->title && c->doc_title && c->doc_subtitle && *c->doc_subtitle) {
        rz_buf_printf(&full, "%s – %s", c->doc_title, c->doc_subtitle);
        if (!rz_buf_failed(&full))
            title = rz_buf_str(&full);
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    rz_pdfa_info info = {title,
                         opt->author,
                         opt->subject,
                         opt->keywords,
                         LANG,
                         'B',
                         epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL),
                         c->id_source,
                         c->id_len};
    rz_pdfa_metadata(c->pdf, &info, c->d);
    rz_buf_free(&full);
}

static void free_page(page *p)
{
    for (size_t k = 0; k < p->n; k++)
        free(p->ops[k].text);
    free(p->ops);
    int landscape = p->landscape; /* the bookmarks still need it */
    memset(p, 0, sizeof *p);
    p->landscape = landscape;
}

static void free_ctx(ctx *c)
{
    for (size_t i = 0; i < c->n_pages; i++)
        free_page(&c->pages[i]);
    free(c->pages);
    for (size_t i = 0; i < c->n_headings; i++) {
        free(c->headings[i].title);
        free(c->headings[i].slug);
    }
    free(c->headings);
    free(c->by_slug);
    free(c->doc_title);
    free(c->doc_subtitle);
    free(c->doc_note);
    free(c->hpages);
    rz_struct_free(c->st);
    for (size_t i = 0; i < c->n_kinds; i++) {
        free(c->kinds[i].header);
        free(c->kinds[i].minw);
        free(c->kinds[i].pref);
    }
    free(c->kinds);
    free(c->code_of);
    free(c->cps);
    rz_buf_free(&c->shown);
    rz_buf_free(&c->tj);
    rz_buf_free(&c->run);
    if (c->pdf)
        HPDF_Free(c->pdf);
}

/* Marks what follows as the content of a new element of type under
 * parent, or of parent itself when type is NULL (the cover and the contents are drawn after the
 * body is laid out; their elements were placed first in reading order). */
static int tag_block(ctx *c, int parent, const char *type)
{
    rz_struct_enter(c->st, parent);
    int id = type ? rz_struct_open(c->st, type) : parent;
    rz_mark m = rz_struct_content(c->st, 0);
    if (type)
        rz_struct_close(c->st);
    rz_struct_close(c->st);
    rz_struct_mark(c->st, m);
    return id;
}

/* The logo, checked before libharu reads it: a PNG (without an alpha
 * channel, which PDF/A-1 forbids) or a JPEG. NULL, with a diagnostic,
 * when it cannot be used. */
static HPDF_Image load_logo(ctx *c, const char *path)
{
    unsigned char head[32] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    int png = n >= 26 && !memcmp(head, "\x89PNG\r\n\x1a\n", 8);
    int jpeg = n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
    const char *why = NULL;
    if (!f)
        why = "non si può leggere";
    else if (!png && !jpeg)
        why = "non è un'immagine PNG o JPEG";
    else if (png && (head[25] == 4 || head[25] == 6))
        why = "ha la trasparenza (canale alfa), che PDF/A non ammette: salvarlo senza";
    if (why) {
        rz_diag_add(c->d, RZ_ERROR, path, 0, "logo", "il logo %s", why);
        c->error = 1;
        return NULL;
    }
    return png ? HPDF_LoadPngImageFromFile(c->pdf, path) : HPDF_LoadJpegImageFromFile(c->pdf, path);
}

static void cover_page(ctx *c, HPDF_Page hp, const rz_pdf_options *opt, const char *title)
{
    if (opt->logo) {
        /* At the top of the cover, at most 72 pt high and 200 pt wide. */
        HPDF_Image img = load_logo(c, opt->logo);
        if (!img)
            longjmp(c->fail, 1);
        double w = HPDF_Image_GetWidth(img), h = HPDF_Image_GetHeight(img);
        double k = w > 0 && h > 0 ? fmin(72 / h, 200 / w) : 0;
        /* The body's name is printed under the title: the logo is decoration. */
        rz_struct_mark(c->st, (rz_mark){RZ_ARTIFACT, -1});
        HPDF_Page_DrawImage(hp, img, (HPDF_REAL)MARGIN_L, (HPDF_REAL)(PAGE_H - MARGIN_T - h * k),
                            (HPDF_REAL)(w * k), (HPDF_REAL)(h * k));
        rz_struct_unmark(c->st);
    }
    /* Title in large type, wrapped, then the body's name and the subtitle. */
    ctx *cc = c;
    words ws = {0};
    add_text(cc, &ws, title ? title : "", F_BOLD, NULL);
    lines ls = {0};
    wrap(cc, &ws, 24, CONTENT_W, &ls);
    double y = PAGE_H * 0.38;
    tag_block(c, c->cover_elem, "P");
    HPDF_Page_SetGrayFill(hp, 0);
    for (size_t i = 0; i < ls.n; i++) {
        double x = MARGIN_L;
        double space = text_width(cc, F_REG, 24, " ", 1);
        HPDF_Page_BeginText(hp);
        HPDF_Page_SetFontAndSize(hp, font(cc, F_BOLD), 24);
        for (size_t k = ls.l[i].from; k < ls.l[i].to; k++) {
            if (k > ls.l[i].from && ws.w[k - 1].space_after)
                x += space;
            show_word(c, hp, x, (PAGE_H - y), &ws, k);
            x += text_width(cc, F_BOLD, 24, ws.w[k].text, ws.w[k].len);
        }
        HPDF_Page_EndText(hp);
        y += 31;
    }
    rz_struct_unmark(c->st);
    free(ls.l);
    words_free(&ws);
    /* The body (or the author given), then the approving act. */
    const char *sub[2] = {opt->author ? opt->author : c->doc_subtitle, c->doc_note};
    const double sub_size[2] = {13, 10.5};
    for (int s = 0; s < 2; s++) {
        if (!sub[s])
            continue;
        double sz = sub_size[s];
        words sw = {0};
        add_text(cc, &sw, sub[s], F_REG, NULL);
        lines sl = {0};
        wrap(cc, &sw, sz, CONTENT_W, &sl);
        y += 10;
        tag_block(c, c->cover_elem, "P");
        double space = text_width(cc, F_REG, sz, " ", 1);
        for (size_t i = 0; i < sl.n; i++) {
            double x = MARGIN_L;
            HPDF_Page_BeginText(hp);
            HPDF_Page_SetFontAndSize(hp, font(cc, F_REG), (HPDF_REAL)sz);
            for (size_t k = sl.l[i].from; k < sl.l[i].to; k++) {
                if (k > sl.l[i].from && sw.w[k - 1].space_after)
                    x += space;
                show_word(c, hp, x, (PAGE_H - y - sz), &sw, k);
                x += text_width(cc, F_REG, sz, sw.w[k].text, sw.w[k].len);
            }
            HPDF_Page_EndText(hp);
            y += sz * 1.4;
        }
        rz_struct_unmark(c->st);
        free(sl.l);
        words_free(&sw);
    }
    /* A rule above the title. */
    rz_struct_mark(c->st, (rz_mark){RZ_ARTIFACT, -1});
    HPDF_Page_SetGrayFill(hp, 0.25f);
    HPDF_Page_Rectangle(hp, (HPDF_REAL)MARGIN_L, (HPDF_REAL)(PAGE_H - PAGE_H * 0.38 + 40), 60, 5);
    HPDF_Page_Fill(hp);
    rz_struct_unmark(c->st);
}

/* A TOCI for a contents entry of level 1 or 2 (those of level 2 in a
 * TOC of their level-1 entry), its text marked as a Link; returns the
 * Link. */
static int toc_entry(ctx *c, int level)
{
    int parent = c->toc;
    if (level > 1 && c->toc_l1 >= 0) {
        if (c->toc_sub < 0) {
            rz_struct_enter(c->st, c->toc_l1);
            c->toc_sub = rz_struct_open(c->st, "TOC");
            rz_struct_close(c->st);
            rz_struct_close(c->st);
        }
        parent = c->toc_sub;
    }
    rz_struct_enter(c->st, parent);
    int item = rz_struct_open(c->st, "TOCI");
    if (level == 1) {
        c->toc_l1 = item;
        c->toc_sub = -1;
    }
    rz_struct_close(c->st);
    return tag_block(c, item, "Link");
}

static void toc_page(ctx *c, HPDF_Page hp, size_t first, size_t offset, size_t *entry)
{
    double y = MARGIN_T;
    HPDF_Page_SetGrayFill(hp, 0);
    if (first) {
        tag_block(c, c->toc_head, NULL);
        HPDF_Page_BeginText(hp);
        HPDF_Page_SetFontAndSize(hp, font(c, F_BOLD), 15);
        show(c, hp, MARGIN_L, (PAGE_H - y - 15), "Indice");
        HPDF_Page_EndText(hp);
        rz_struct_unmark(c->st);
        y += 34;
    }
    size_t shown = 0;
    for (; *entry < c->n_headings && shown < 40; (*entry)++) {
        const heading *h = &c->headings[*entry];
        if (h->level > 2)
            continue;
        int f = h->level == 1 ? F_BOLD : F_REG;
        double x = MARGIN_L + (h->level - 1) * 14;
        char num[16];
        snprintf(num, sizeof num, "%zu", h->page + offset + 1);
        double nw = text_width(c, F_REG, 9.5, num, strlen(num));
        size_t n = strlen(h->title);
        while (n && text_width(c, f, 9.5, h->title, n) > CONTENT_W - (x - MARGIN_L) - nw - 16)
            n--;
        while (n && ((unsigned char)h->title[n] & 0xC0) == 0x80)
            n--;
        char *t = strndup(h->title, n);
        int link = toc_entry(c, h->level);
        HPDF_Page_BeginText(hp);
        HPDF_Page_SetFontAndSize(hp, font(c, f), 9.5);
        if (t)
            show(c, hp, x, (PAGE_H - y - 9.5), t);
        HPDF_Page_SetFontAndSize(hp, font(c, F_REG), 9.5);
        show(c, hp, (PAGE_W - MARGIN_R - nw), (PAGE_H - y - 9.5), num);
        HPDF_Page_EndText(hp);
        rz_struct_unmark(c->st);
        /* The whole line leads to the heading. */
        HPDF_Rect r = {(HPDF_REAL)x, (HPDF_REAL)(PAGE_H - y - 12.5), (HPDF_REAL)(PAGE_W - MARGIN_R),
                       (HPDF_REAL)(PAGE_H - y + 1)};
        HPDF_Annotation a = rz_pdfa_goto(c->pdf, hp, r, c->hpages[offset + h->page],
                                         page_h(&c->pages[h->page]) - h->y + 12);
        if (!a)
            longjmp(c->fail, 1);
        rz_struct_annot(c->st, link, a);
        free(t);
        y += h->level == 1 ? 17 : 14;
        shown++;
    }
}

/* Pieces of at least this many bytes (see rz_markdown_piece). */
#define PIECE_MIN (256u * 1024u)

static void free_piece(ctx *c)
{
    if (c->tree)
        cmark_node_free(c->tree);
    if (c->parser)
        cmark_parser_free(c->parser);
    c->tree = NULL;
    c->parser = NULL;
}

static void parse_piece(ctx *c, const char *md, size_t len)
{
    c->parser = rz_markdown_parser();
    if (!c->parser)
        longjmp(c->fail, 1);
    cmark_parser_feed(c->parser, md, len);
    c->tree = cmark_parser_finish(c->parser);
    if (!c->tree)
        longjmp(c->fail, 1);
}

rz_status rz_pdf_render(const char *md, size_t len, const rz_pdf_options *opt, void **out,
                        size_t *out_len, rz_diags *d)
{
    *out = NULL;
    *out_len = 0;
    ctx *c = calloc(1, sizeof *c);
    if (!c)
        return RZ_IO;
    c->d = d;
    c->opt = opt;
    c->id_source = md;
    c->id_len = len; /* md need not end with a NUL */
    rz_cmark_extensions();
    /* A long document is parsed and laid out a piece at a time: a block's
     * layout depends on the cursor, never on its neighbours in the tree. */
    int cuttable = rz_markdown_cuttable(md, len);
    size_t at = 0;
    rz_status st = RZ_OK;
    if (setjmp(c->fail)) {
        st = c->error ? RZ_INVALID : RZ_IO;
        if (!c->error)
            rz_diag_add(d, RZ_ERROR, NULL, 0, "pdf", "memoria insufficiente per il PDF");
        goto done;
    }
    /* libharu's own memory pool (HPDF_NewEx) is not used: it does not align
     * what it hands out, which is undefined behaviour for its own structs. */
    c->pdf = HPDF_New(on_hpdf_error, c);
    if (!c->pdf)
        longjmp(c->fail, 1);
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c->pdf);
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    c->left = MARGIN_L;
    c->width = CONTENT_W;
    /* The cover and the contents come first in reading order, though
     * drawn last: their elements are placed now, filled then. */
    c->st = rz_struct_new();
    if (!c->st)
        longjmp(c->fail, 1);
    c->cover_elem = c->toc_head = c->toc = c->toc_l1 = c->toc_sub = -1;
    if (opt->cover) {
        c->cover_elem = rz_struct_open(c->st, "Sect");
        rz_struct_close(c->st);
    }
    if (opt->toc) {
        c->toc_head = rz_struct_open(c->st, "H1");
        rz_struct_close(c->st);
        c->toc = rz_struct_open(c->st, "TOC");
        rz_struct_close(c->st);
        c->last_level = 1;
    }
    measure_kinds(c, md, len);
    new_page(c);
    do {
        size_t to = cuttable ? rz_markdown_piece(md, len, at, PIECE_MIN) : len;
        parse_piece(c, md + at, to - at);
        if (at == 0) {
            /* The first paragraph right after the title is the cover's
             * subtitle (a piece never ends after a heading). */
            cmark_node *first = cmark_node_first_child(c->tree);
            if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING) {
                cmark_node *next = cmark_node_next(first);
                if (next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH) {
                    c->doc_subtitle = cover_line(next);
                    cmark_node *note = cmark_node_next(next);
                    if (c->doc_subtitle && note &&
                        cmark_node_get_type(note) == CMARK_NODE_PARAGRAPH)
                        c->doc_note = cover_line(note);
                }
            }
        }
        render_blocks(c, c->tree, 0);
        free_piece(c);
        for (const char *nl = md + at; (nl = memchr(nl, '\n', (size_t)(md + to - nl))) != NULL;
             nl++)
            c->line_base++;
        at = to;
    } while (at < len);

    const char *title = opt->title ? opt->title : c->doc_title;
    /* Three pages or fewer need neither a cover nor a contents page. */
    int is_long = !opt->only_long || c->n_pages > 3;
    size_t cover = opt->cover && is_long ? 1 : 0;
    size_t toc = opt->toc && is_long ? toc_pages_needed(c) : 0;
    size_t total = cover + toc + c->n_pages;
    HPDF_Page *hpages = calloc(total, sizeof *hpages);
    c->hpages = hpages;
    if (!hpages)
        longjmp(c->fail, 1);
    for (size_t i = 0; i < total; i++) {
        hpages[i] = HPDF_AddPage(c->pdf);
        int turned = i >= cover + toc && c->pages[i - cover - toc].landscape;
        HPDF_Page_SetSize(hpages[i], HPDF_PAGE_SIZE_A4,
                          turned ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
    }
    if (cover) {
        rz_struct_begin_page(c->st, hpages[0]);
        cover_page(c, hpages[0], opt, title);
    }
    size_t entry = 0;
    for (size_t i = 0; i < toc; i++) {
        rz_struct_begin_page(c->st, hpages[cover + i]);
        toc_page(c, hpages[cover + i], i == 0, cover + toc, &entry);
        furniture(c, hpages[cover + i], NULL, cover + i + 1, total, title);
    }
    c->body_first = cover + toc;
    for (size_t i = 0; i < c->n_pages; i++) {
        rz_struct_begin_page(c->st, hpages[cover + toc + i]);
        emit_page(c, hpages[cover + toc + i], &c->pages[i]);
        furniture(c, hpages[cover + toc + i], &c->pages[i], cover + toc + i + 1, total, title);
        if (c->used_known) /* its code points counted: in libharu's stream now */
            free_page(&c->pages[i]);
    }
    /* Bookmarks: level-1 headings at the root, deeper ones beneath. */
    HPDF_Outline parents[7] = {0};
    for (size_t i = 0; i < c->n_headings; i++) {
        const heading *h = &c->headings[i];
        int lv = h->level > 6 ? 6 : h->level;
        HPDF_Outline parent = NULL;
        for (int k = lv - 1; k >= 1 && !parent; k--)
            parent = parents[k];
        HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, h->title, NULL);
        if (!o)
            continue;
        rz_pdfa_dest(c->pdf, o, "Dest", c->hpages[c->body_first + h->page],
                     page_h(&c->pages[h->page]) - h->y + 12);
        HPDF_Outline_SetOpened(o, lv == 1);
        parents[lv] = o;
        for (int k = lv + 1; k < 7; k++)
            parents[k] = NULL;
    }
    for (size_t i = 0; opt->outline && i < c->n_headings; i++)
        if (!rz_outline_add(opt->outline, c->headings[i].level, c->headings[i].title,
                            cover + toc + c->headings[i].page + 1))
            longjmp(c->fail, 1);
    if (opt->outline)
        opt->outline->pages = total;
    /* Page labels match the "Pagina N" of the footers. */
    HPDF_AddPageLabel(c->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    if (rz_struct_write(c->st, c->pdf, LANG) != HPDF_OK)
        longjmp(c->fail, 1);
    finish_document(c, opt);
    if (rz_pdf_compress_pages(c->pdf, CONTENT_COMPRESSION) != 0 ||
        HPDF_SaveToStream(c->pdf) != HPDF_OK || c->error || rz_pdf_take(c->pdf, out, out_len) != 0)
        longjmp(c->fail, 1);
done:
    free_piece(c);
    free_ctx(c);
    free(c);
    return st;
}

rz_status rz_pdf_for_build(const char *md, size_t len, const rz_pdf_request *req, void *ctx_,
                           void **out, size_t *out_len, rz_diags *d)
{
    const rz_pdf_options *base = ctx_;
    /* The document's own heading (with its year) names it, not the kind
     * of document the request gives; a letter keeps the request's. */
    rz_pdf_options opt = {.title = req->letter ? req->title : NULL,
                          .author = base ? base->author : NULL,
                          .cover = !req->letter,
                          .toc = !req->letter,
                          .outline = req->outline,
                          .only_long = 1,
                          .logo = req->logo};
    return rz_pdf_render(md, len, &opt, out, out_len, d);
}
