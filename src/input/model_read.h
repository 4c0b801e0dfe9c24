/*
 * model_read.h — what the readers of the Piano and of the monitoring data
 * share (plan_read.c, plan_check.c, monitoring_read.c): the reading
 * context, the helpers that read attributes and texts from a validated DOM
 * into the model's arena, the tables that read an element's fields, and the
 * names of the model's enumerations. Internal to the input stage.
 */
#ifndef RZ_MODEL_READ_H
#define RZ_MODEL_READ_H

#include "model.h"
#include "readers.h"

#include <stddef.h>

typedef struct {
    rz_arena *arena;
    const char *file;
    rz_diags *d;
} reader;

#define FOR_CHILD(var, parent, name)                                                               \
    for (xmlNodePtr var = rz_xml_child((parent), (name)); var; var = rz_xml_next(var, (name)))

const char *rd_trim_dup(reader *r, const char *s);

/* Attribute and text values are read in place when they are a single text
 * node (the usual case), avoiding libxml2's copy for each one. */
const char *rd_attr(reader *r, xmlNodePtr n, const char *name);

const char *rd_text_of(reader *r, xmlNodePtr n);

const char *rd_child_text(reader *r, xmlNodePtr n, const char *name);

rz_loc rd_loc_of(reader *r, xmlNodePtr n);

int rd_parse_double(const char *s, double *out);

int rd_attr_double(reader *r, xmlNodePtr n, const char *name, double *out);

int rd_attr_bool(reader *r, xmlNodePtr n, const char *name);

int rd_attr_int(reader *r, xmlNodePtr n, const char *name, int fallback);

int rd_text_int(reader *r, xmlNodePtr n, int fallback);

/* A date attribute, checked to be a real date; *has is 0 when absent. */
void rd_attr_date(reader *r, xmlNodePtr n, const char *name, int *has, rz_date *out);

/* The readers' tables. Most elements are a list of "this attribute, or
 * the text of this child, into that field": a table says it once per
 * element, and the code left around it is what is particular to the
 * element. The macros check each field's type at compile time (comparing
 * pointers of distinct types does not compile). */
typedef enum {
    F_ATTR,   /* const char *: the attribute's text, NULL when absent */
    F_CHILD,  /* const char *: the text of the child element */
    F_INT,    /* int: the attribute as a number, 0 when absent */
    F_LONG,   /* long: likewise */
    F_BOOL,   /* int: 1 for "true" or "1" */
    F_NUMBER, /* double, and an int saying whether it was there */
    F_DATE    /* rz_date, and an int saying whether it was there; a date
               * that is not real is an error */
} field_kind;

typedef struct {
    field_kind kind;
    const char *name;
    size_t at, has; /* where the field and its "was there" flag are */
} field;

#define FIELD_AT(type, m, ctype) (offsetof(type, m) + 0 * sizeof(&((type *)0)->m == (ctype *)0))
#define ATTR(type, m, name)                                                                        \
    {                                                                                              \
        F_ATTR, name, FIELD_AT(type, m, const char *), 0                                           \
    }
#define CHILD(type, m, name)                                                                       \
    {                                                                                              \
        F_CHILD, name, FIELD_AT(type, m, const char *), 0                                          \
    }
#define INT(type, m, name)                                                                         \
    {                                                                                              \
        F_INT, name, FIELD_AT(type, m, int), 0                                                     \
    }
#define LONG(type, m, name)                                                                        \
    {                                                                                              \
        F_LONG, name, FIELD_AT(type, m, long), 0                                                   \
    }
#define BOOL(type, m, name)                                                                        \
    {                                                                                              \
        F_BOOL, name, FIELD_AT(type, m, int), 0                                                    \
    }
#define NUMBER(type, m, has, name)                                                                 \
    {                                                                                              \
        F_NUMBER, name, FIELD_AT(type, m, double), FIELD_AT(type, has, int)                        \
    }
#define DATE(type, m, has, name)                                                                   \
    {                                                                                              \
        F_DATE, name, FIELD_AT(type, m, rz_date), FIELD_AT(type, has, int)                         \
    }

void rd_read_fields(reader *r, xmlNodePtr n, void *obj, const field *f, size_t count);

#define READ_FIELDS(r, n, obj, table)                                                              \
    rd_read_fields(r, n, obj, table, sizeof table / sizeof table[0])

#define PUSH(r, arr, count, cap) RZ_ARENA_PUSH((r)->arena, arr, count, cap)

void rd_push_code(reader *r, rz_codes *c, const char *code);

/* The index of s in names (n of them), or fallback. */
int rd_lookup(const char *s, const char *const *names, int n, int fallback);

/* The stage's allocation check: whatever failed while reading left the
 * model incomplete, so the caller gets RZ_IO and no model. */
int rd_out_of_memory(const rz_arena *a, const char *path, rz_diags *d);

/* The names of the model's enumerations, as the schemas write them, and
 * the level in words, for messages, with its article ("l'" + "area
 * strategica"). */
extern const char *const rd_target_kind_names[];
extern const char *const rd_measure_names[];
extern const char *const rd_level_names[];
typedef struct {
    const char *article, *noun;
} rd_level_word;
extern const rd_level_word rd_level_words[];

/* Codes already seen, with the line of their first use (stored +1 so that
 * line 0 is not a NULL value). */
typedef rz_strmap code_set;

/* Adds code to s; reports a duplicate (what names the kind of element). */
void rd_unique(reader *r, code_set *s, const char *code, long line, const char *what);

/* The checks of a Piano just read (plan_check.c). */
void rd_check_plan(reader *r, rz_plan *p);

#endif
