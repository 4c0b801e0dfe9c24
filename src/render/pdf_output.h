/*
 * pdf_output.h — the last steps of writing a PDF with libharu, done on its
 * memory streams directly: page contents compressed, the saved file taken.
 */
#ifndef RZ_PDF_OUTPUT_H
#define RZ_PDF_OUTPUT_H

#include <hpdf.h>
#include <stddef.h>

/* Compresses each page's content stream (FlateDecode, zlib level 1..9)
 * once its drawing is over; libharu then writes the bytes as they are.
 * 0, or -1 when out of memory or the stream is not libharu's usual one. */
int rz_pdf_compress_pages(HPDF_Doc pdf, int level);

/* After HPDF_SaveToStream: the whole file in one malloc'ed buffer, which
 * the caller frees. 0, or -1 when out of memory. */
int rz_pdf_take(HPDF_Doc pdf, void **out, size_t *len);

#endif
