/*
 * ttf_subset.h — TrueType fonts read once, measured, and cut down to the
 * glyphs a document draws.
 *
 * A font file is read and parsed once per process; the result is read-only
 * afterwards, so threads may share it. Widths come from its hmtx table in
 * thousandths of an em, rounded down as libharu rounds them, so a layout
 * measured here matches what libharu measures on the same text.
 *
 * A subset keeps .notdef, the glyphs of the requested code points and the
 * components of composite glyphs, renumbered from 0; the tables are the
 * thirteen libharu embeds, with a format 4 cmap for the kept code points, a
 * format 3 post (no glyph names) and the name records 0 to 6. Hinting
 * (cvt, fpgm, prep) is kept whole.
 */
#ifndef RZ_TTF_SUBSET_H
#define RZ_TTF_SUBSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct rz_ttf rz_ttf;

/* Reads and parses a TrueType file; NULL when it cannot be read or is not a
 * TrueType font with a Unicode cmap and glyf outlines. */
rz_ttf *rz_ttf_load(const char *path);
void rz_ttf_free(rz_ttf *f);

/* Advance width of a BMP code point in 1/1000 em. A code point the font
 * lacks is measured, cut and drawn as the font's U+FFFD (.notdef when it
 * has none). */
unsigned rz_ttf_width(const rz_ttf *f, uint32_t cp);

/* Height of the capital letters in 1/1000 em, as PDF font descriptors want
 * it: the OS/2 table's sCapHeight (version 2 and later), else the top of
 * the glyph of "H". */
int rz_ttf_cap_height(const rz_ttf *f);

/* One code point of UTF-8 at p (n bytes, a NUL ends it too), decoded as
 * libharu's UTF-8 encoder decodes it: no check of continuation bytes, code
 * points beyond the BMP read as a space. Returns the bytes consumed (0 at
 * the end) and the code point in *cp, or RZ_UTF8_SKIP for a byte that
 * cannot start a character or a sequence cut short. */
#define RZ_UTF8_SKIP UINT32_MAX
size_t rz_utf8_next(const unsigned char *p, size_t n, uint32_t *cp);

/* Width of UTF-8 text in 1/1000 em, decoded as libharu's UTF-8 encoder
 * decodes it: a byte that cannot start a sequence counts nothing, an
 * unfinished sequence counts nothing, code points beyond the BMP count as a
 * space. */
unsigned long rz_ttf_text_width(const rz_ttf *f, const char *s, size_t n);

/* Builds the subset for the n code points cps, in ascending order. Returns
 * 0 and a malloc'ed font in *out, or -1 (nothing allocated) when the font
 * cannot be cut that way. */
int rz_ttf_subset(const rz_ttf *f, const uint32_t *cps, size_t n, unsigned char **out, size_t *len);

#endif
