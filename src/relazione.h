/*
 * relazione.h — the public API of librelazione, the whole of it.
 *
 * The library turns the structured inputs of a performance cycle (a
 * folder holding the Piano, the monitoring data, the context data, the
 * evaluation body's input, the Allegati) into the documents a public body
 * publishes, and the evaluation body's findings. Data flows one way:
 *
 *   folder → load + validate → score → findings
 *                                    → documents (Markdown → PDF, HTML)
 *                                    → open data (CSV, JSON)
 *
 * This is the only header installed. It names no type of libxml2,
 * cmark-gfm or libharu: handles are opaque, and everything else under src/
 * is the library's own business. (The command-line tool, src/cli/main.c,
 * uses the internal headers where it needs more: the options of the PDFs a
 * build writes and the list of files written, the scores as JSON, the
 * explanation of a figure, a Markdown file's name in the PDF renderer's
 * messages, and `relazione init`.)
 *
 * Conventions:
 *   - every call that can fail returns an rz_status and appends what went
 *     wrong to an rz_diags list the caller gives: file, line, severity and
 *     a sentence a clerk can act on. The library never prints (except into
 *     a FILE * the caller passes) and never exits;
 *   - a handle comes from an *_open or *_new call and goes back with the
 *     matching *_free (rz_diags_destroy for a list), which accepts NULL;
 *   - strings are UTF-8; returned memory the caller frees with free().
 *
 * A minimal program:
 *
 *   rz_diags *d = rz_diags_new();
 *   rz_folder *f = NULL;
 *   rz_result *r = NULL;
 *   if (rz_folder_open("cartella", &f, d) == RZ_OK && rz_folder_score(f, &r, d) == RZ_OK) {
 *       double score;
 *       if (rz_result_entity_score(r, &score))
 *           printf("%.1f\n", score);
 *   }
 *   rz_diags_print(d, stderr);
 *   rz_result_free(r);
 *   rz_folder_free(f);
 *   rz_diags_destroy(d);
 */
#ifndef RELAZIONE_H
#define RELAZIONE_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Status, version, data                                               */
/* ------------------------------------------------------------------ */

/* What a call returns. A command-line tool maps these to its own exit
 * codes (relazione(1) adds a usage error of its own). */
typedef enum {
    RZ_OK = 0,      /* success: input valid, outputs written */
    RZ_INVALID = 1, /* the input has errors (the diagnostics say which) */
    RZ_IO = 2       /* a file could not be read or written, memory ran out, or an internal error */
} rz_status;

/* "ok", "invalid input", "I/O or internal error". */
const char *rz_status_str(rz_status s);

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *rz_version(void);

/* The folder of the schemas/ and templates/ the library reads: the one
 * given to rz_set_data_dir, else $RELAZIONE_DATA, else share/relazione
 * beside the running program's bin/, else the installation's. Not
 * thread-safe: resolve it before starting threads. */
const char *rz_data_dir(void);

/* Chooses the data folder (NULL or "" goes back to the search above). The
 * string must outlive its use. */
void rz_set_data_dir(const char *dir);

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */
/* ------------------------------------------------------------------ */

typedef enum { RZ_NOTE = 0, RZ_WARNING = 1, RZ_ERROR = 2 } rz_severity;

/* A list of diagnostics: problems of the input, and the findings. */
typedef struct rz_diags rz_diags;

/* An empty list; NULL when memory runs out. */
rz_diags *rz_diags_new(void);
void rz_diags_destroy(rz_diags *d);

size_t rz_diags_count(const rz_diags *d);
size_t rz_diags_errors(const rz_diags *d);
size_t rz_diags_warnings(const rz_diags *d);

/* The parts of diagnostic i (0 ≤ i < rz_diags_count): its severity, the
 * file it concerns as the caller named it (NULL when none), the line (0
 * when it concerns the whole file), the sentence, and a short identifier
 * of the check that found it ("xsd", "weights-sum", "E-result"…). */
rz_severity rz_diags_severity(const rz_diags *d, size_t i);
const char *rz_diags_file(const rz_diags *d, size_t i);
long rz_diags_line(const rz_diags *d, size_t i);
const char *rz_diags_message(const rz_diags *d, size_t i);
const char *rz_diags_check(const rz_diags *d, size_t i);

/* Sorts by file, then line; ties keep their order. */
void rz_diags_sort(rz_diags *d);

/* Prints "file:line: error|warning|note: message [check]" lines to f. */
void rz_diags_print(const rz_diags *d, FILE *f);

/* ------------------------------------------------------------------ */
/* Validation of single files                                          */
/* ------------------------------------------------------------------ */

/* Validates files (each against the schema its root namespace names, then
 * the rules of its kind; monitoring data against the Piano they name); a
 * Piano among them is read once. Returns the worst status. */
rz_status rz_validate_files(const char *const *paths, size_t n, rz_diags *d);

/* ------------------------------------------------------------------ */
/* A folder: the inputs of one body and year                           */
/* ------------------------------------------------------------------ */

typedef struct rz_folder rz_folder;

/* Loads and validates every *.xml of dir (the kind of each file is read
 * from its root namespace). RZ_INVALID when a file has errors: *out is
 * then still set, with what loaded, so that the caller can say more;
 * RZ_IO (and *out NULL) when the folder cannot be read. */
rz_status rz_folder_open(const char *dir, rz_folder **out, rz_diags *d);
void rz_folder_free(rz_folder *f);

/* Whether the folder holds a valid Piano; monitoring data. */
int rz_folder_has_plan(const rz_folder *f);
int rz_folder_has_monitoring(const rz_folder *f);

/* ------------------------------------------------------------------ */
/* Scores                                                              */
/* ------------------------------------------------------------------ */

/* The folder scored with the body's own rules: the figures of every
 * document. It refers to its folder, which must outlive it. */
typedef struct rz_result rz_result;

/* Scores the folder's Piano with its monitoring data (without them every
 * result is missing). RZ_INVALID without a valid Piano; RZ_IO when memory
 * runs out. */
rz_status rz_folder_score(const rz_folder *f, rz_result **out, rz_diags *d);
void rz_result_free(rz_result *r);

/* The body's overall score in percentage points (97.8 for 97,8%): 1 and
 * *score set when there is one, 0 when no indicator could be scored. */
int rz_result_entity_score(const rz_result *r, double *score);

/* How many indicators the Piano has; how many of them have a score. */
size_t rz_result_indicators(const rz_result *r);
size_t rz_result_indicators_scored(const rz_result *r);

/* ------------------------------------------------------------------ */
/* Findings: the evaluation body's checks                              */
/* ------------------------------------------------------------------ */

/* Appends to findings (sorted) every finding of the folder: points A–K of
 * the validation, the inconsistencies between printed and computed
 * figures, the totals of the context tables, the Allegato 2 counts. The
 * Relazione is generated in memory, with the templates of the folder
 * templates (NULL: the installed ones), to measure points J and K; nothing
 * is written. Problems that stop the checks (a broken template) go to d. */
rz_status rz_folder_findings(const rz_folder *f, const char *templates, rz_diags *findings,
                             rz_diags *d);

/* The verdict the findings propose: "VALIDA", "VALIDA CON OSSERVAZIONI",
 * "NON VALIDA", or "esito non calcolabile" (a folder without monitoring
 * data). */
const char *rz_findings_verdict(const rz_folder *f, const rz_diags *findings);

/* Prints the findings grouped by how much they matter, their count and the
 * proposed verdict beside the evaluation body's own: what `relazione
 * check` prints. Returns 0 when no verdict could be proposed. */
int rz_findings_report(const rz_folder *f, const rz_diags *findings, FILE *out);

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

/* The outputs of a build. */
enum {
    RZ_FORMAT_MD = 1,   /* NAME.md */
    RZ_FORMAT_PDF = 2,  /* NAME.pdf, tagged, PDF/A-1b */
    RZ_FORMAT_HTML = 4, /* NAME.html, one accessible self-contained page */
    RZ_FORMAT_DATA = 8  /* dati/: the open data (CSV, JSON) */
};

/* Writes into outdir (created if missing) the documents the body's
 * profile lists and the folder's data allow, in the formats asked
 * (RZ_FORMAT_* bits; 0: all), from the templates of the folder templates
 * (NULL: the installed ones), and verifiche.txt with the findings (also
 * appended to findings, which may be NULL). All or nothing: on any error
 * the output folder is left as it was. *written, when not NULL, receives
 * how many files were written. */
rz_status rz_build_documents(const char *dir, const char *outdir, unsigned formats,
                             const char *templates, rz_diags *findings, size_t *written,
                             rz_diags *d);

/* Lays out Markdown (CommonMark with GFM tables and ```chart blocks) as a
 * PDF into *out (malloc'ed, *out_len bytes): A4 pages, a cover and a table
 * of contents unless plain, title (NULL: the first heading) on the cover
 * and in the metadata. */
rz_status rz_markdown_to_pdf(const char *md, size_t len, const char *title, int plain, void **out,
                             size_t *out_len, rz_diags *d);

/* Renders Markdown as one accessible, self-contained HTML page into *out
 * (malloc'ed, NUL-terminated, *out_len bytes without the NUL). */
rz_status rz_markdown_to_html(const char *md, size_t len, const char *title, char **out,
                              size_t *out_len, rz_diags *d);

/* Releases what the XML parser keeps for the whole process: once, at the
 * end, when nothing of the library is in use any more. */
void rz_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
