/*
 * contesto.h — the context data of the Relazione (contesto.xml): the
 * Premessa, chapter 2 (territory, organisation, staff, resources), 3.3,
 * 3.4 (gender balance, positive actions) and chapter 5 (process, documents
 * of the cycle), read into structs.
 *
 * The document is a sequence of blocks per section (text, typed tables,
 * lists, subsections, organisation chart, process phases, documents,
 * positive actions). Tables carry their figures in canonical form
 * (2616678.00) with a type per column, row or cell; the reader resolves
 * each cell's type and value once, so that a figure is interpreted the same
 * way where it is verified (engine/contesto_check.c) and where it is
 * printed (view/contesto_view.c).
 *
 * Loading checks what XSD cannot express and what makes the data
 * unusable: that each figure reads as its type, that every row has one
 * cell per column, that the rows a total names and the figures a relation
 * cites exist, and that nothing is nested deeper than a heading or a list
 * can print. Whether the figures agree with each other is a finding for the
 * OIV, not an input error: see contesto_check.h.
 *
 * Every element a check can blame keeps its source line; texts keep their
 * content as written (whitespace included), so that a finding can point at
 * the line of a word inside a long text.
 */
#ifndef RZ_CONTESTO_H
#define RZ_CONTESTO_H

#include "arena.h"
#include "diag.h"
#include "format.h"

#include <stddef.h>

typedef enum {
    RZ_CELL_TESTO,
    RZ_CELL_INTERO,
    RZ_CELL_DECIMALE,
    RZ_CELL_PERCENTUALE,
    RZ_CELL_EURO,
    RZ_CELL_DATA
} rz_cell_type;

/* The Italian name of a type, as the schema writes it ("percentuale"). */
const char *rz_cell_type_name(rz_cell_type t);

typedef enum { RZ_ROW_DATA, RZ_ROW_GROUP, RZ_ROW_TOTAL } rz_row_role;

/* The declared relations of a row or a cell: rapporto ("a / b") and
 * uguale ("a"), NULL when not declared. */
enum { RZ_REL_RAPPORTO, RZ_REL_UGUALE, RZ_REL_KINDS };

/* The sections, in the schema's order. */
typedef enum {
    RZ_SEC_PREMESSA,
    RZ_SEC_CONTESTO_ESTERNO,
    RZ_SEC_AMMINISTRAZIONE,
    RZ_SEC_VALUTAZIONE,
    RZ_SEC_BILANCIO_GENERE,
    RZ_SEC_PROCESSO,
    RZ_SEC_COUNT
} rz_section_id;

/* Where a section is printed, in the clerk's words ("capitolo 2.2"). */
const char *rz_section_label(rz_section_id s);

/* A text as written in the file, and the line where its element starts. */
typedef struct {
    char *raw;  /* never NULL once read */
    char *text; /* raw without the whitespace at its ends */
    long line;
} rz_ctx_text;

typedef struct {
    rz_ctx_text t;
    rz_cell_type type;
    int decimals;         /* printed precision */
    int written_decimals; /* digits after the point as transcribed */
    int number;           /* text read as a number of a numeric type */
    int missing;          /* empty or "n.d." */
    int bad;              /* text that is not of its type */
    double value;
    rz_ymd date;
    char *rel[RZ_REL_KINDS];
} rz_ctx_cell;

typedef struct {
    long line;
    char *id, *somma;
    rz_row_role role;
    char *rel[RZ_REL_KINDS];
    rz_ctx_cell *cells;
    size_t ncells;
} rz_ctx_row;

typedef struct {
    char *title;
    rz_cell_type type;
    int typed;    /* tipo given: it wins over the row's */
    int decimals; /* -1: not set */
    int sums;     /* aggrega: the totals add this column */
} rz_ctx_column;

typedef struct {
    long line;
    rz_section_id section;
    char *id, *title, *source, *population, *note; /* source, population, note may be NULL */
    rz_ctx_column *cols;
    size_t ncols;
    rz_ctx_row *rows;
    size_t nrows;
} rz_ctx_table;

typedef struct {
    char *title; /* NULL when absent */
    int numbered;
    rz_ctx_text *items;
    size_t nitems;
} rz_ctx_list;

typedef struct rz_ctx_node {
    long line;
    char *name, *responsible;
    struct rz_ctx_node *children;
    size_t nchildren;
} rz_ctx_node;

typedef struct {
    char *title, *from; /* from: ISO date as written, NULL when absent */
    rz_ctx_node *nodes;
    size_t nnodes;
} rz_ctx_chart;

typedef struct {
    char *text, *scope; /* scope (ambito) NULL when absent */
} rz_ctx_responsible;

typedef struct {
    long line;
    char *number, *from, *to, *coincides; /* as written; NULL when absent */
    rz_ctx_text when, what;               /* quando, descrizione */
    int has_when, has_what;
    rz_ctx_responsible *who;
    size_t nwho;
} rz_ctx_phase;

typedef struct {
    char *title;
    rz_ctx_phase *phases;
    size_t nphases;
} rz_ctx_phases;

/* An act (atto) of a body: organ, number, ISO date as written, the
 * element's text as a note. Absent attributes are NULL. */
typedef struct {
    long line;
    char *organ, *number, *date, *note;
} rz_ctx_act;

typedef struct {
    char *title;
    char *date;
    rz_ctx_act *acts;
    size_t nacts;
    char **links; /* trimmed addresses, empty ones left out */
    size_t nlinks;
} rz_ctx_document;

typedef struct {
    char *title;
    rz_ctx_document *docs;
    size_t ndocs;
} rz_ctx_documents;

/* The six fields of a positive action, in the schema's order. */
enum { RZ_ACTION_FIELDS = 6 };
extern const char *const rz_action_fields[RZ_ACTION_FIELDS];

typedef struct {
    char *number;
    char *fields[RZ_ACTION_FIELDS]; /* trimmed; NULL when absent */
} rz_ctx_action;

typedef struct {
    char *title;
    rz_ctx_action *actions;
    size_t nactions;
} rz_ctx_actions;

typedef enum {
    RZ_BLOCK_TEXT,
    RZ_BLOCK_TABLE,
    RZ_BLOCK_LIST,
    RZ_BLOCK_SUBSECTION,
    RZ_BLOCK_CHART,
    RZ_BLOCK_PHASES,
    RZ_BLOCK_DOCUMENTS,
    RZ_BLOCK_ACTIONS
} rz_block_kind;

typedef struct rz_ctx_block rz_ctx_block;

typedef struct {
    long line;
    char *title;
    rz_ctx_block *blocks;
    size_t nblocks;
} rz_ctx_subsection;

struct rz_ctx_block {
    rz_block_kind kind;
    union {
        struct {
            rz_ctx_text text;
            int printed; /* 0: stampa="no", kept only for the checks */
        } text;
        rz_ctx_table *table; /* owned by the document's table index */
        rz_ctx_list list;
        rz_ctx_subsection sub;
        rz_ctx_chart chart;
        rz_ctx_phases phases;
        rz_ctx_documents documents;
        rz_ctx_actions actions;
    } u;
};

typedef struct {
    char *role, *name;
} rz_ctx_signature;

typedef struct {
    int present;
    rz_ctx_block *blocks;
    size_t nblocks;
    rz_ctx_signature *signatures; /* firma, in the Premessa */
    size_t nsignatures;
} rz_ctx_section;

typedef struct {
    rz_arena arena; /* owns everything below */
    char *file;
    long line;            /* of the root element */
    char *year;           /* anno, as written */
    rz_ctx_act *approval; /* the act approving the Relazione; NULL when absent */
    rz_ctx_section sections[RZ_SEC_COUNT];
    rz_ctx_table **tables; /* every table, in document order */
    size_t ntables;
} rz_contesto;

/* Reading from the loaded document: input/readers.h. */
void rz_contesto_free(rz_contesto *c);

/* The table with the given id (the schema makes ids unique), or NULL. */
const rz_ctx_table *rz_contesto_table(const rz_contesto *c, const char *id);
const rz_ctx_row *rz_ctx_table_row(const rz_ctx_table *t, const char *id);

/* The cell as printed, in Italian form (1.234,56; 97,8%; 28/05/2020);
 * text, a missing figure and one that is not of its type as written. */
void rz_ctx_cell_format(const rz_ctx_cell *c, char *buf, size_t n);

/* The first cell's text, or "(senza voce)". */
const char *rz_ctx_row_label(const rz_ctx_row *r);

/* One end of a relation, "tabella:riga" or "tabella:riga:colonna" (the
 * column by its heading; without it, heading), resolved to a cell. spec is
 * trimmed and split in place; column may point into it. Returns NULL, or
 * why the reference cannot be resolved. */
typedef struct {
    const rz_ctx_table *t;
    const rz_ctx_row *r;
    const rz_ctx_cell *c;
    const char *column;
} rz_ctx_ref;

const char *rz_contesto_resolve(const rz_contesto *c, char *spec, const char *heading,
                                rz_ctx_ref *e);

/* The relations declared on the tables (rapporto, uguale; on a row, they
 * hold in every column whose heading the cited tables share), in document
 * order. fn, when not NULL, is called for each cell whose relation
 * resolves: a and, for a ratio, b are its ends (b is NULL for an
 * equality). errors, when not NULL, gets a "contesto-ref" error for each
 * relation that cannot be resolved. */
typedef void (*rz_ctx_relation_fn)(const rz_ctx_table *t, const rz_ctx_row *r, size_t column,
                                   int ratio, const rz_ctx_ref *a, const rz_ctx_ref *b, void *ctx);
void rz_contesto_relations(const rz_contesto *c, rz_diags *errors, rz_ctx_relation_fn fn,
                           void *ctx);

#endif
