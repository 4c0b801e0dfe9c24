/*
 * pdf_pdfa.c — see pdf_pdfa.h.
 *
 * Dates: Info gets "D:YYYYMMDDHHmmSS+00'00'" and XMP the same instant as
 * "YYYY-MM-DDTHH:mm:SS+00:00"; libharu's own "Z00'00'" form is read by
 * validators as a different time zone from XMP's "Z".
 *
 * Fonts: libharu builds a CID font's descriptor when the file is written
 * (its before-write hook), and only then knows the glyphs it embeds. The
 * hook is run here once the pages are drawn; it keeps what it made, so the
 * write finds the descriptor done and only this file's additions ride on
 * it. The CIDSet is read from the same glyph flags libharu uses to cut the
 * font program, so it names exactly the glyphs embedded.
 */
#define _POSIX_C_SOURCE 200809L
#include "pdf_pdfa.h"
#include "buf.h"
#include "version.h"

#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pdfa.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"

static void xml_escape(rz_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<')
            rz_buf_puts(b, "&lt;");
        else if (*s == '>')
            rz_buf_puts(b, "&gt;");
        else if (*s == '&')
            rz_buf_puts(b, "&amp;");
        else
            rz_buf_putc(b, *s);
    }
}

static void xmp_text(rz_buf *x, const char *tag, const char *wrap, const char *value)
{
    if (!value)
        return;
    rz_buf_printf(x, "<%s>", tag);
    if (wrap)
        rz_buf_printf(x, "<rdf:%s><rdf:li%s>", wrap,
                      strcmp(wrap, "Alt") ? "" : " xml:lang=\"x-default\"");
    xml_escape(x, value);
    if (wrap)
        rz_buf_printf(x, "</rdf:li></rdf:%s>", wrap);
    rz_buf_printf(x, "</%s>\n", tag);
}

static void xmp(HPDF_Doc pdf, const rz_pdfa_info *in, const char *when)
{
    rz_buf x;
    rz_buf_init(&x);
    rz_buf_printf(&x,
                  "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                  "<rdf:Description rdf:about=\"\" "
                  "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" "
                  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                  "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
                  "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                  "<pdfaid:part>1</pdfaid:part><pdfaid:conformance>%c</pdfaid:conformance>\n",
                  in->conformance == 'A' ? 'A' : 'B');
    xmp_text(&x, "dc:title", "Alt", in->title);
    xmp_text(&x, "dc:creator", "Seq", in->author);
    xmp_text(&x, "dc:description", "Alt", in->subject);
    xmp_text(&x, "dc:language", "Bag", in->lang);
    xmp_text(&x, "pdf:Keywords", NULL, in->keywords);
    rz_buf_printf(&x,
                  "<xmp:CreateDate>%s</xmp:CreateDate><xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                  "<xmp:CreatorTool>relazione %s</xmp:CreatorTool>\n"
                  "<pdf:Producer>Haru Free PDF Library %s</pdf:Producer>\n"
                  "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
                  when, when, rz_version(), HPDF_GetVersion());
    HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (meta) {
        /* Uncompressed, as PDF/A wants metadata readable by any tool. */
        meta->filter = HPDF_STREAM_FILTER_NONE;
        HPDF_Dict_AddName(meta, "Type", "Metadata");
        HPDF_Dict_AddName(meta, "Subtype", "XML");
        HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)rz_buf_str(&x), (HPDF_UINT)x.len);
        HPDF_Dict_Add(pdf->catalog, "Metadata", meta);
    }
    rz_buf_free(&x);
}

/* The trailer ID from the content, not from the clock (libharu's own
 * HPDF_PDFA_GenerateID hashes the time). */
static void trailer_id(HPDF_Doc pdf, const char *source, size_t len)
{
    HPDF_BYTE id[16];
    for (int k = 0; k < 2; k++) {
        uint64_t h = k ? 0x84222325cbf29ce4ULL : 0xcbf29ce484222325ULL;
        for (size_t i = 0; source && i < len; i++) {
            h ^= (unsigned char)source[i];
            h *= 0x100000001b3ULL;
        }
        for (int b = 0; b < 8; b++)
            id[k * 8 + b] = (HPDF_BYTE)(h >> (8 * b));
    }
    HPDF_Array ids = HPDF_Array_New(pdf->mmgr);
    if (ids) {
        HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));
        HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, id, 16));
        HPDF_Dict_Add(pdf->trailer, "ID", ids);
    }
}

void rz_pdfa_metadata(HPDF_Doc pdf, const rz_pdfa_info *in, rz_diags *d)
{
    if (in->title)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, in->title);
    if (in->author)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, in->author);
    if (in->subject)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, in->subject);
    if (in->keywords)
        HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, in->keywords);
    char creator[64];
    snprintf(creator, sizeof creator, "relazione %s", rz_version());
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, creator);

    struct tm tm;
    gmtime_r(&in->when, &tm);
    char info_date[64], xmp_date[64];
    snprintf(info_date, sizeof info_date, "D:%04d%02d%02d%02d%02d%02d+00'00'", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    snprintf(xmp_date, sizeof xmp_date, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (pdf->info) {
        HPDF_Dict_Add(pdf->info, "CreationDate", HPDF_String_New(pdf->mmgr, info_date, NULL));
        HPDF_Dict_Add(pdf->info, "ModDate", HPDF_String_New(pdf->mmgr, info_date, NULL));
    }
    xmp(pdf, in, xmp_date);

    FILE *probe = fopen(SRGB_PROFILE, "rb");
    if (probe) {
        fclose(probe);
        HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(pdf, SRGB_PROFILE, 3);
        if (icc)
            HPDF_PDFA_AppendOutputIntents(pdf, "sRGB IEC61966-2.1", icc);
    } else {
        rz_diag_add(d, RZ_WARNING, SRGB_PROFILE, 0, "pdf",
                    "profilo colore sRGB mancante (pacchetto icc-profiles-free): il PDF non "
                    "dichiara l'output intent richiesto da PDF/A");
    }
    trailer_id(pdf, in->id_source, in->id_len);
}

HPDF_STATUS rz_pdfa_dest(HPDF_Doc pdf, HPDF_Dict dict, const char *key, HPDF_Page page, double top)
{
    HPDF_Array a = HPDF_Array_New(pdf->mmgr);
    if (!a)
        return HPDF_FAILD_TO_ALLOC_MEM;
    HPDF_STATUS st = HPDF_Dict_Add(dict, key, a);
    if (st == HPDF_OK)
        st = HPDF_Array_Add(a, page);
    if (st == HPDF_OK)
        st = HPDF_Array_AddName(a, "XYZ");
    if (st == HPDF_OK)
        st = HPDF_Array_AddReal(a, 0);
    if (st == HPDF_OK)
        st = HPDF_Array_AddReal(a, (HPDF_REAL)top);
    if (st == HPDF_OK)
        st = HPDF_Array_AddReal(a, 1);
    return st;
}

HPDF_Annotation rz_pdfa_goto(HPDF_Doc pdf, HPDF_Page page, HPDF_Rect r, HPDF_Page target,
                             double top)
{
    HPDF_MMgr mm = pdf->mmgr;
    HPDF_Annotation a = HPDF_Dict_New(mm);
    if (!a || HPDF_Xref_Add(pdf->xref, a) != HPDF_OK)
        return NULL;
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        annots = HPDF_Array_New(mm);
        if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
            return NULL;
    }
    HPDF_Array rect = HPDF_Array_New(mm), border = HPDF_Array_New(mm);
    HPDF_STATUS st = HPDF_Array_Add(annots, a);
    st += HPDF_Dict_AddName(a, "Type", "Annot");
    st += HPDF_Dict_AddName(a, "Subtype", "Link");
    st += HPDF_Dict_Add(a, "Rect", rect);
    st += HPDF_Array_AddReal(rect, r.left);
    st += HPDF_Array_AddReal(rect, r.bottom);
    st += HPDF_Array_AddReal(rect, r.right);
    st += HPDF_Array_AddReal(rect, r.top);
    st += HPDF_Dict_Add(a, "Border", border);
    for (int i = 0; i < 3; i++)
        st += HPDF_Array_AddNumber(border, 0);
    st += rz_pdfa_link(a);
    st += rz_pdfa_dest(pdf, a, "Dest", target, top);
    return st == HPDF_OK ? a : NULL;
}

HPDF_STATUS rz_pdfa_link(HPDF_Annotation a)
{
    return HPDF_Dict_AddNumber(a, "F", 4);
}

HPDF_STATUS rz_pdfa_font(HPDF_Font font, int cap_height)
{
    HPDF_FontAttr attr = font->attr;
    HPDF_FontDef def = attr->fontdef;
    if (def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !font->before_write_fn)
        return HPDF_OK;
    HPDF_STATUS st = font->before_write_fn(font);
    if (st != HPDF_OK || !def->descriptor)
        return st != HPDF_OK ? st : HPDF_INVALID_FONTDEF_DATA;
    st = HPDF_Dict_AddNumber(def->descriptor, "CapHeight", cap_height);
    if (st != HPDF_OK || attr->encoder->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE)
        return st;

    /* Bit c (most significant first) of the CIDSet: CID c has a glyph in
     * the font program. CID 0, .notdef, always has. */
    HPDF_CMapEncoderAttr ea = attr->encoder->attr;
    HPDF_TTFontDefAttr ta = def->attr;
    uint8_t set[8192] = {0x80};
    unsigned max = 0;
    for (unsigned i = 0; i < 256; i++)
        for (unsigned j = 0; j < 256; j++) {
            unsigned cid = ea->cid_map[i][j];
            if (!cid)
                continue;
            HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, ea->unicode_map[i][j]);
            if (!gid || gid >= ta->num_glyphs || !ta->glyph_tbl.flgs[gid])
                continue;
            set[cid >> 3] = (uint8_t)(set[cid >> 3] | 0x80u >> (cid & 7));
            if (cid > max)
                max = cid;
        }
    HPDF_Dict s = HPDF_DictStream_New(def->mmgr, attr->xref);
    if (!s)
        return HPDF_FAILD_TO_ALLOC_MEM;
    st = HPDF_Stream_Write(s->stream, set, max / 8 + 1);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(def->descriptor, "CIDSet", s);
    return st;
}
