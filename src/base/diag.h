/*
 * diag.h — diagnostics: what the library tells a user about the input.
 *
 * Every failure a user can cause becomes an rz_diag with the file and line
 * it concerns, a sentence the user can act on, and a short check identifier
 * (e.g. "xsd", "weights-sum") that tests and filters match on. Stages append
 * to one rz_diags list and keep going, so a run reports every problem, not
 * only the first. Nothing in the library prints or exits: the caller decides
 * what to do with the list.
 */
#ifndef RZ_DIAG_H
#define RZ_DIAG_H

/* rz_status, rz_severity and the calls a program linking the library may
 * use on a list (count, parts, sort, print) are public: relazione.h. */
#include "relazione.h"

#include <stddef.h>
#include <stdio.h>

typedef struct {
    rz_severity severity;
    char *file;    /* path as given by the user; may be NULL */
    long line;     /* 1-based; 0 when the problem concerns the whole file */
    char *message; /* one sentence, Italian or English as the caller chose */
    char *check;   /* short identifier, e.g. "xml", "xsd", "ref" */
    /* For the findings of `relazione check`: how much the problem matters
     * (an rz_materiality of check.h); 0 lets rz_finding_materiality derive
     * it from the check identifier. Other diagnostics leave it 0. */
    int materiality;
} rz_diag;

struct rz_diags {
    rz_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
    /* When limit > 0, diagnostics past it are counted but not stored. */
    size_t limit;
    size_t dropped;
};

/* The check of a diagnostic about a file that could not be checked because
 * another one has errors (monitoring data whose Piano is invalid): sorted
 * after every other, so that the cause is read first. */
#define RZ_CHECK_DEPENDS "dipendenza"

void rz_diags_init(rz_diags *d);
void rz_diags_free(rz_diags *d);

#if defined(__GNUC__)
#define RZ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RZ_PRINTF(a, b)
#endif

/* Appends a diagnostic; the message is printf-formatted. Never fails: on
 * allocation failure the diagnostic is counted but its text is lost. */
void rz_diag_add(rz_diags *d, rz_severity sev, const char *file, long line, const char *check,
                 const char *fmt, ...) RZ_PRINTF(6, 7);

/* The error for memory running out, one wording everywhere: "memoria
 * esaurita " followed by what was being done (check "memoria"). */
void rz_diag_out_of_memory(rz_diags *d, const char *file, const char *doing);

/* Does any diagnostic carry this check identifier? (used by tests) */
int rz_diags_has(const rz_diags *d, const char *check);

#endif
