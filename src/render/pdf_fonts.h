/*
 * pdf_fonts.h — the PDF renderer's fonts: found, measured, embedded.
 *
 * Internal to the renderer (pdf_render.h is its face). The faces are the
 * DejaVu TrueType files, looked for in one folder: the option given
 * (`--font-dir`), else the environment's RELAZIONE_FONT_DIR, else Debian's
 * /usr/share/fonts/truetype/dejavu. A file is read and parsed once per
 * process and shared read-only by every document and thread afterwards.
 *
 * A document's fonts come in two moments. While the layout measures text,
 * only the parsed faces are needed (pdf_fonts_face). Once the layout is
 * done and every code point the output draws has been marked
 * (pdf_fonts_mark), pdf_fonts_encoding builds the document's encoding and
 * pdf_fonts_get embeds each font, cut to the glyphs drawn, as it is first
 * used. Every failure is returned (NULL or -1) after a diagnostic and with
 * *error set; nothing here unwinds.
 */
#ifndef RZ_PDF_FONTS_H
#define RZ_PDF_FONTS_H

#include "diag.h"
#include "ttf_subset.h"

#include <hpdf.h>
#include <stddef.h>
#include <stdint.h>

/* The faces: regular, bold, italic, monospaced, and the condensed pair of
 * the tables. */
enum { F_REG, F_BOLD, F_ITAL, F_MONO, F_COND, F_COND_BOLD, N_FONTS };

/* Debian's folder of the DejaVu fonts, the default. */
#define RZ_FONT_DIR_DEFAULT "/usr/share/fonts/truetype/dejavu"
/* The environment variable naming another folder. */
#define RZ_FONT_DIR_ENV "RELAZIONE_FONT_DIR"

typedef struct {
    HPDF_Doc pdf; /* the document the fonts are embedded in */
    rz_diags *d;
    int *error;      /* the document's error flag, set on any failure here */
    const char *dir; /* the folder of the font files */
    int dir_given;   /* named by an option or the environment */
    int missing;     /* a font file could not be read */
    const rz_ttf *faces[N_FONTS];
    HPDF_Font fonts[N_FONTS];
    uint8_t used[8192];               /* the code points drawn, one bit each */
    uint8_t face_text[N_FONTS][8192]; /* those of laid-out text, per face */
    int used_known;                   /* all marked, the encoding built */
    uint16_t *code_of;                /* code point -> two-byte code in the fonts' encoding */
    uint32_t *cps;                    /* the code points drawn, ascending */
    size_t n_cps;
    HPDF_Dict to_unicode; /* the codes back to Unicode, shared by the fonts */
} pdf_fonts;

/* Sets up f for a document: the folder from dir (NULL: the environment,
 * then the default). */
void pdf_fonts_init(pdf_fonts *f, const char *dir, rz_diags *d, int *error);
void pdf_fonts_free(pdf_fonts *f);

/* The parsed face, loaded on first use. NULL when its file is missing or
 * unreadable, with a diagnostic naming the file, the folder, the Debian
 * package that has it and how to point elsewhere. */
const rz_ttf *pdf_fonts_face(pdf_fonts *f, int face);

/* Marks the code points of UTF-8 text s as drawn (face < 0: in no face in
 * particular: headings, title, bookmarks). */
void pdf_fonts_mark(pdf_fonts *f, const char *s, int face);

/* Builds the fonts' encoding from the marked code points; -1 on failure. */
int pdf_fonts_encoding(pdf_fonts *f);

/* The embedded font of face, created on first use; NULL on failure. */
HPDF_Font pdf_fonts_get(pdf_fonts *f, int face);

/* The two-byte code of code point cp in the fonts' encoding; 0 if it was
 * not marked. */
static inline unsigned pdf_fonts_code(const pdf_fonts *f, uint32_t cp)
{
    return f->code_of[cp];
}

/* Completes the embedded fonts' descriptors (PDF/A); -1 on failure. */
int pdf_fonts_finish(pdf_fonts *f);

#endif
