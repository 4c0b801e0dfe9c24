/*
 * pdf_fonts.c — see pdf_fonts.h.
 *
 * Two things libharu does not do well enough are done here. Its TrueType
 * loader embeds most of a font for one line of text: the fonts are cut to
 * the glyphs the document draws (ttf_subset.h) and registered with libharu
 * as its own loader would register them. Its UTF-8 encoder maps all 65 536
 * code points, a glyph lookup each and a 128 KB CIDToGIDMap per font: the
 * encoding here holds only the code points drawn (see ENCODING below).
 *
 * The parsed faces are kept per process by path, so that documents asking
 * for different folders each get their own, and never freed: they are
 * read-only, and the next document needs them again.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_fonts.h"
#include "buf.h"
#include "pdf_pdfa.h"

#include <hpdf_doc.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The faces parsed so far in this process, by path. */
typedef struct loaded {
    struct loaded *next;
    rz_ttf *face;
    char path[];
} loaded;

static loaded *cache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

void pdf_fonts_init(pdf_fonts *f, const char *dir, rz_diags *d, int *error)
{
    memset(f, 0, sizeof *f);
    f->d = d;
    f->error = error;
    if (!dir || !*dir)
        dir = getenv(RZ_FONT_DIR_ENV);
    f->dir_given = dir && *dir;
    f->dir = f->dir_given ? dir : RZ_FONT_DIR_DEFAULT;
}

void pdf_fonts_free(pdf_fonts *f)
{
    free(f->code_of);
    free(f->cps);
    f->code_of = NULL;
    f->cps = NULL;
}

static void font_path(const pdf_fonts *c, int f, char *path, size_t size)
{
    size_t n = strlen(c->dir);
    snprintf(path, size, "%s%s%s", c->dir, n && c->dir[n - 1] == '/' ? "" : "/",
             font_files[f].file);
}

/* The face at path, parsed once per process; NULL if it cannot be. */
static const rz_ttf *cached_face(const char *path)
{
    pthread_mutex_lock(&cache_lock);
    loaded *l = cache;
    while (l && strcmp(l->path, path) != 0)
        l = l->next;
    if (!l) {
        rz_ttf *face = rz_ttf_load(path);
        size_t n = strlen(path) + 1;
        l = face ? malloc(sizeof *l + n) : NULL;
        if (l) {
            l->face = face;
            memcpy(l->path, path, n);
            l->next = cache;
            cache = l;
        } else if (face) {
            rz_ttf_free(face);
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return l ? l->face : NULL;
}

const rz_ttf *pdf_fonts_face(pdf_fonts *c, int f)
{
    if (c->faces[f])
        return c->faces[f];
    char path[PATH_MAX];
    font_path(c, f, path, sizeof path);
    c->faces[f] = cached_face(path);
    if (c->faces[f])
        return c->faces[f];
    c->missing = 1;
    *c->error = 1;
    /* The file, the folder, who provides the file, and how to look
     * elsewhere: enough for a clerk or an administrator to act on. */
    FILE *probe = fopen(path, "rb");
    if (probe)
        fclose(probe);
    rz_diag_add(c->d, RZ_ERROR, path, 0, "pdf-font",
                "carattere %s %s nella cartella %s: %s il pacchetto Debian %s (che lo mette in "
                "%s), oppure indicare la cartella dei caratteri DejaVu con --font-dir DIR o con la "
                "variabile d'ambiente %s",
                font_files[f].file, probe ? "illeggibile" : "mancante", c->dir,
                probe ? "reinstallare" : "installare", font_files[f].package, RZ_FONT_DIR_DEFAULT,
                RZ_FONT_DIR_ENV);
    return NULL;
}

static void mark_used(pdf_fonts *c, uint32_t cp)
{
    c->used[cp >> 3] = (uint8_t)(c->used[cp >> 3] | 1u << (cp & 7));
}

void pdf_fonts_mark(pdf_fonts *c, const char *s, int f)
{
    uint8_t *face = f >= 0 ? c->face_text[f] : NULL;
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

/* The subset of face f for this document, registered with libharu as
 * HPDF_LoadTTFontFromFile registers a file (same tag naming). NULL if the
 * font cannot be cut. */
static const char *load_subset(pdf_fonts *c, int f)
{
    unsigned char *data;
    size_t len;
    if (rz_ttf_subset(pdf_fonts_face(c, f), c->cps, c->n_cps, &data, &len) != 0)
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
static HPDF_Dict to_unicode(pdf_fonts *c, const uint32_t *cps, size_t n)
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

int pdf_fonts_encoding(pdf_fonts *c)
{
    uint32_t *cps = malloc(sizeof *cps * 65536);
    c->code_of = calloc(65536, sizeof *c->code_of);
    HPDF_CidRange_Rec *ranges = malloc(sizeof *ranges * 260);
    HPDF_UnicodeMap_Rec *uni = malloc(sizeof *uni * 65537);
    if (!cps || !c->code_of || !ranges || !uni) {
        free(cps);
        free(ranges);
        free(uni);
        *c->error = 1;
        return -1;
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
    c->used_known = 1;
    if (!ok || !c->to_unicode || *c->error) {
        *c->error = 1;
        return -1;
    }
    return 0;
}

/* Fonts are created when the output first draws with them, after the
 * layout: each embeds only the glyphs the document draws. */
HPDF_Font pdf_fonts_get(pdf_fonts *c, int f)
{
    if (c->fonts[f])
        return c->fonts[f];
    const char *name = load_subset(c, f);
    if (!name && !*c->error) {
        char path[PATH_MAX];
        font_path(c, f, path, sizeof path);
        name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
    }
    HPDF_Font h = name ? HPDF_GetFont(c->pdf, name, ENCODING) : NULL;
    if (!h || *c->error || HPDF_Dict_Add(h, "ToUnicode", c->to_unicode) != HPDF_OK) {
        *c->error = 1;
        return NULL;
    }
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

int pdf_fonts_finish(pdf_fonts *c)
{
    for (int f = 0; f < N_FONTS; f++)
        if (c->fonts[f] && rz_pdfa_font(c->fonts[f], rz_ttf_cap_height(c->faces[f])) != HPDF_OK)
            return -1;
    return 0;
}
