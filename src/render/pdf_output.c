/*
 * pdf_output.c — see pdf_output.h.
 *
 * libharu keeps every stream in memory as a list of 4 KB chunks and copies
 * bytes into and out of them one at a time (HPDF_MemCpy); it compresses
 * with zlib's default level. For a document whose pages are long tables,
 * these copies and the compression of the page contents were a third of
 * the time. Both are done here on the chunks themselves: each page's
 * content stream is compressed at the level given, and the saved document
 * is gathered chunk by chunk.
 */
#include "pdf_output.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The Filter entry of a stream compressed here: libharu writes a dict's
 * own entries, then this, then ">>". */
static HPDF_STATUS write_flate(HPDF_Dict d, HPDF_Stream out)
{
    (void)d;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Compresses the bytes of a memory stream and puts them back in it. */
static int compress_stream(HPDF_Stream st, int level)
{
    HPDF_UINT chunks = HPDF_MemStream_GetBufCount(st);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit(&z, level) != Z_OK)
        return -1;
    uLong bound = deflateBound(&z, st->size);
    unsigned char *out = malloc(bound ? bound : 1);
    int ok = out != NULL;
    z.next_out = out;
    z.avail_out = (uInt)bound;
    for (HPDF_UINT i = 0; ok && i < chunks; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, i, &len);
        if (!p) {
            ok = 0;
            break;
        }
        z.next_in = p;
        z.avail_in = len;
        ok = deflate(&z, Z_NO_FLUSH) == Z_OK;
    }
    if (ok) {
        z.avail_in = 0;
        ok = deflate(&z, Z_FINISH) == Z_STREAM_END;
    }
    size_t n = bound - z.avail_out;
    deflateEnd(&z);
    if (ok) {
        HPDF_MemStream_FreeData(st);
        ok = HPDF_Stream_Write(st, out, (HPDF_UINT)n) == HPDF_OK;
    }
    free(out);
    return ok ? 0 : -1;
}

int rz_pdf_compress_pages(HPDF_Doc pdf, int level)
{
    HPDF_List pages = pdf->page_list;
    for (HPDF_UINT i = 0; pages && i < pages->count; i++) {
        HPDF_Page page = HPDF_List_ItemAt(pages, i);
        HPDF_Dict contents = page ? ((HPDF_PageAttr)page->attr)->contents : NULL;
        if (!contents || !contents->stream || contents->stream->type != HPDF_STREAM_MEMORY ||
            contents->write_fn)
            return -1;
        if (contents->stream->size > UINT_MAX / 2 || compress_stream(contents->stream, level) != 0)
            return -1;
        contents->filter = HPDF_STREAM_FILTER_NONE;
        contents->write_fn = write_flate;
    }
    return 0;
}

int rz_pdf_take(HPDF_Doc pdf, void **out, size_t *len)
{
    HPDF_Stream st = pdf->stream;
    if (!st || st->type != HPDF_STREAM_MEMORY)
        return -1;
    size_t size = st->size;
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return -1;
    size_t at = 0;
    HPDF_UINT chunks = HPDF_MemStream_GetBufCount(st);
    for (HPDF_UINT i = 0; i < chunks; i++) {
        HPDF_UINT n = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, i, &n);
        if (!p || n > size - at) {
            free(buf);
            return -1;
        }
        memcpy(buf + at, p, n);
        at += n;
    }
    if (at != size) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = size;
    return 0;
}
