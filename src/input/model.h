/*
 * model.h — the Piano and the monitoring data as C structures.
 *
 * The loaders (plan_read.c, monitoring_read.c) read a validated DOM into
 * these structures and run the checks XSD cannot express (plan_check.c):
 * unique codes, references that resolve, sibling weights summing to 100,
 * targets readable for their kind, real dates inside the plan period. After
 * loading, nothing downstream touches XML: the scoring engine takes an
 * rz_plan and an rz_monitoring, and this header shows no type of the XML
 * library (the DOM readers are declared in readers.h).
 *
 * Everything a plan or monitoring record owns lives in its arena; strings
 * are NUL-terminated UTF-8, NULL when absent. Every element keeps its source
 * location so that later diagnostics (scoring, checks) can point at the line
 * a clerk must fix.
 */
#ifndef RZ_MODEL_H
#define RZ_MODEL_H

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "strmap.h"

#include <stddef.h>

typedef struct {
    const char *file;
    long line;
} rz_loc;

typedef enum { RZ_CMP_GE, RZ_CMP_GT, RZ_CMP_LE, RZ_CMP_LT, RZ_CMP_EQ, RZ_CMP_RANGE } rz_comparator;

typedef enum {
    RZ_TGT_PERCENT,
    RZ_TGT_NUMBER,
    RZ_TGT_DATE,
    RZ_TGT_DAYS,
    RZ_TGT_TEXT,
    RZ_TGT_PREV_YEAR_RATIO,
    RZ_TGT_BENCHMARK,
    RZ_TGT_SCALE,
    RZ_TGT_YESNO
} rz_target_kind;

typedef enum {
    RZ_MEASURE_RATIO,
    RZ_MEASURE_VALUE,
    RZ_MEASURE_DATE,
    RZ_MEASURE_TEXT,
    RZ_MEASURE_SAL,
    RZ_MEASURE_YESNO
} rz_measure;

typedef enum { RZ_AGG_SUM, RZ_AGG_MEAN, RZ_AGG_LAST, RZ_AGG_MAX, RZ_AGG_MIN } rz_aggregation;

/* How the body's figure of an indicator measured by several units is
 * made: from all their data together (the default), or from each unit's
 * own result combined. */
typedef enum {
    RZ_UNITS_POOLED,
    RZ_UNITS_SUM,
    RZ_UNITS_MEAN,
    RZ_UNITS_MIN,
    RZ_UNITS_MAX
} rz_unit_aggregation;

typedef enum {
    RZ_SOURCE_UNSPECIFIED,
    RZ_SOURCE_INTERNAL,
    RZ_SOURCE_CERTIFIED,
    RZ_SOURCE_SELF_DECLARED
} rz_source_kind;

typedef struct {
    int year;
    rz_comparator cmp;
    rz_target_kind kind;
    int has_value;
    double value; /* number, percent, days, ratio, scale value; 1 or 0 for sì/no */
    rz_date date; /* when kind == RZ_TGT_DATE */
    int has_range;
    double min, max;
    int has_scale;
    double scale_min, scale_max;
    const char *text;         /* original wording, e.g. "≥ 80%" */
    const char *reference;    /* benchmark description */
    const char *raw_value;    /* the attribute as written */
    const char *derived_from; /* where it was rebuilt from when the Piano was not available */
    rz_loc loc;
} rz_target;

typedef enum { RZ_LEVEL_STRATEGIC, RZ_LEVEL_OPERATIONAL, RZ_LEVEL_INDIVIDUAL } rz_indicator_level;

typedef struct rz_objective rz_objective;

typedef struct {
    const char **items;
    size_t count;
    size_t cap;
} rz_codes;

typedef struct rz_rules rz_rules;

typedef struct rz_indicator {
    const char *code;
    const char *title;
    const char *description;
    const char *algorithm;
    const char *numerator_label;
    const char *denominator_label;
    const char *unit_of_measure;
    const char *source;
    rz_source_kind source_kind;
    int has_weight;
    double weight;
    rz_measure measure;
    rz_aggregation aggregation;
    rz_unit_aggregation unit_aggregation;
    int transparency, anticorruption, significant, territorial;
    rz_codes perspectives, programmes, measured_by;
    const char *owner;
    const char *baseline;
    int baseline_year;
    rz_target *targets;
    size_t n_targets;
    const rz_rules *rules; /* the plan's, or its own copy with overrides */
    int has_own_rules;
    rz_indicator_level level;
    rz_objective *objective; /* NULL for an individual objective's own indicator */
    int removed;             /* eliminated by a revision */
    rz_loc loc;
} rz_indicator;

typedef enum { RZ_OBJ_AREA, RZ_OBJ_STRATEGIC, RZ_OBJ_OPERATIONAL } rz_objective_kind;

typedef enum { RZ_RES_PROVENTI, RZ_RES_ONERI, RZ_RES_INVESTIMENTI } rz_resource_kind;

typedef struct {
    rz_resource_kind kind;
    int year;
    int has_forecast, has_actual;
    double forecast, actual;
} rz_resource;

struct rz_objective {
    rz_objective_kind kind;
    const char *code;
    const char *title;
    const char *description;
    int has_weight;
    double weight;
    int frd, transparency, anticorruption, territorial;
    int period_from, period_to;
    rz_codes perspectives, programmes, units;
    rz_resource *resources;
    size_t n_resources;
    const char *staff;
    rz_objective **children; /* OS of an area, OO of an OS */
    size_t n_children;
    rz_indicator **indicators;
    size_t n_indicators;
    rz_objective *parent;
    int removed;
    rz_loc loc;
};

typedef enum {
    RZ_UNIT_ENTE,
    RZ_UNIT_SG,
    RZ_UNIT_AREA,
    RZ_UNIT_SERVIZIO,
    RZ_UNIT_UFFICIO,
    RZ_UNIT_AZIENDA_SPECIALE,
    RZ_UNIT_FONDO,
    RZ_UNIT_ALTRO
} rz_unit_kind;

typedef struct {
    const char *code;
    const char *name;
    const char *head;
    rz_unit_kind kind;
    const char *parent;
    int territorial;
    rz_loc loc;
} rz_unit;

/* A band of achievements [from, to): a fixed score, or (linear) a score
 * that runs from score_from at `from` to score_to at `to`. */
typedef struct {
    double from;
    int has_to;
    double to;
    double score;
    int linear;
    double score_from, score_to;
} rz_band;

typedef enum { RZ_LOWER_RELATIVE_GAP, RZ_LOWER_INVERSE_RATIO } rz_lower_formula;
typedef enum {
    RZ_DEADLINE_ALL_OR_NOTHING,
    RZ_DEADLINE_DAILY_PENALTY,
    RZ_DEADLINE_MONTHLY_PENALTY
} rz_deadline_rule;
typedef enum { RZ_OS_FROM_INDICATORS, RZ_OS_FROM_OPERATIONAL, RZ_OS_FROM_BOTH } rz_os_rule;

/* Levels at which a minimum-score gate can apply ("sotto X conta 0"). */
typedef enum {
    RZ_GATE_AREA,
    RZ_GATE_STRATEGIC,
    RZ_GATE_OPERATIONAL,
    RZ_GATE_INDIVIDUAL,
    RZ_GATE_LEVELS
} rz_gate_level;

/* The SMVP: how this body scores. Nothing in the engine is specific to one
 * body; every number it uses to score comes from here. An indicator may
 * carry its own copy with some rules overridden (rz_indicator.rules). */
struct rz_rules {
    double cap;
    int has_achievement_cap;
    double achievement_cap; /* the most an achievement is printed at (some SMVPs: 100) */
    int has_threshold;
    double threshold;
    rz_band *bands;
    size_t n_bands;
    int all_or_nothing;       /* achievement below 100 scores 0 */
    int result_decimals;      /* -1: no rounding of results */
    int achievement_decimals; /* -1: no rounding of achievements */
    rz_lower_formula lower_formula;
    rz_deadline_rule deadline_rule;
    double points_per_day;
    double points_per_month;
    int tolerance_days;  /* days of delay forgiven before a deadline counts as missed */
    int missing_as_zero; /* a missing result counts 0 instead of being left out */
    int has_gate[RZ_GATE_LEVELS];
    double gate[RZ_GATE_LEVELS]; /* an objective scoring below this counts 0 */
    rz_os_rule os_rule;
    int has_os_indicator_weight;
    double os_indicator_weight;
    double reached;
    double partial;
    int indicator_decimals;
    int objective_decimals;
    /* Rules the document does not state, inferred by whoever encoded it
     * from the printed figures: a bit per rz_inferred_rule. */
    unsigned inferred;
};

/* The rules whose inference a finding names when it depends on one. */
typedef enum {
    RZ_INFERRED_THRESHOLD = 1u << 0,        /* soglia-pieno-punteggio */
    RZ_INFERRED_ROUNDING = 1u << 1,         /* arrotondamento-risultato */
    RZ_INFERRED_RETTIFICA_STATUS = 1u << 2, /* approved / declared status of the rettifiche */
} rz_inferred_rule;

typedef struct {
    const char *id;
    const char *organ;
    const char *number;
    int has_date;
    rz_date date;
    const char *subject;
    const char *url;
    rz_loc loc;
} rz_deliberation;

typedef enum { RZ_ROLE_SG, RZ_ROLE_DIRIGENTE, RZ_ROLE_PO } rz_role;

typedef struct {
    const char *code;
    const char *title;
    int has_weight;
    double weight;
    const char *indicator_code; /* a plan indicator, or NULL */
    const char *objective_code; /* an organisational objective, or NULL */
    const char *unit;           /* whose data counts, or NULL for the body's */
    rz_indicator *indicator;    /* resolved: the plan's or its own */
    rz_objective *objective;    /* resolved organisational objective */
    rz_loc loc;
} rz_individual_objective;

typedef struct {
    const char *code;
    rz_role role;
    const char *name;
    const char *office;
    const char *unit;
    double objectives_share; /* what the objectives' weights sum to (peso-obiettivi) */
    rz_individual_objective *objectives;
    size_t n_objectives;
    rz_loc loc;
} rz_evaluated;

typedef enum { RZ_REV_INSERT, RZ_REV_UPDATE, RZ_REV_REMOVE } rz_revision_kind;

typedef struct {
    rz_revision_kind kind;
    const char *subject; /* code of the objective or indicator */
    const char *deliberation;
    int has_date;
    rz_date date;
    const char *note;
    rz_loc loc;
} rz_revision;

typedef struct {
    const char *code;
    const char *name;
} rz_named;

typedef struct {
    const char *code;
    const char *mission;
    const char *name;
} rz_programme;

typedef struct rz_plan {
    rz_arena arena;
    const char *file;
    const char *body_name;
    const char *body_short;
    const char *body_site;
    const char *data_licence; /* of the open data; NULL: the default */
    int year;
    int period_from, period_to;
    const char *title;
    rz_deliberation *deliberations;
    size_t n_deliberations;
    rz_rules rules;
    rz_named *perspectives;
    size_t n_perspectives;
    rz_programme *programmes;
    size_t n_programmes;
    rz_unit *units;
    size_t n_units;
    rz_objective **areas;
    size_t n_areas;
    rz_evaluated *evaluated;
    size_t n_evaluated;
    rz_revision *revisions;
    size_t n_revisions;
    /* Every indicator of the tree and of individual objectives, in document
     * order, for lookups and counts. */
    rz_indicator **indicators;
    size_t n_indicators;
    /* Code → element indices (rz_plan_indicator and friends). */
    rz_strmap index_indicators, index_units, index_objectives[3];
} rz_plan;

/* ---- monitoring ---- */

typedef struct {
    const char *period;
    int missing;
    int has_num, has_den, has_value, has_date;
    double num, den, value;
    rz_date date;
    const char *printed;
    rz_loc loc;
    int bad_date; /* a data attribute that is not a real date */
    int has_yesno;
    int yesno; /* 1 sì, 0 no */
} rz_period_value;

typedef struct {
    const char *unit; /* NULL: the body as a whole */
    rz_period_value *values;
    size_t n_values;
    int has_prev;
    int prev_has_value, prev_has_ratio;
    double prev_value, prev_num, prev_den;
    int has_benchmark;
    double benchmark;
    const char *benchmark_text;
    int has_outcome;
    const char *outcome_text;
    int has_completion;
    double completion;
    int has_outcome_date;
    rz_date outcome_date;
    rz_loc loc;
} rz_unit_data;

typedef struct {
    const char *where;
    long page;
    const char *unit;
    const char *result;
    const char *target;
    const char *achievement;
    const char *normalised;
    const char *weight;
    const char *weight_entity;
    const char *algorithm; /* the calculation method as printed beside the figures */
    int established;       /* the true figure, established elsewhere (an inspection…):
                              the data and the other printed figures are to be corrected */
    rz_loc loc;
} rz_declared;

typedef struct {
    const char *indicator;
    rz_unit_data *data;
    size_t n_data;
    rz_declared *declared;
    size_t n_declared;
    const char *deviation_reason;
    const char *note;
    rz_loc loc;
} rz_observation;

typedef enum {
    RZ_NODE_ENTE,
    RZ_NODE_AREA,
    RZ_NODE_STRATEGIC,
    RZ_NODE_OPERATIONAL,
    RZ_NODE_INDICATOR,
    RZ_NODE_UNIT,
    RZ_NODE_INDIVIDUAL
} rz_node_level;

typedef struct {
    rz_node_level level;
    const char *code;
    const char *where;
    long page;
    const char *value;
    const char *weight;
    const char *weight_entity;
    const char *contribution; /* «% su Ente»: the score times the share of the entity */
    rz_loc loc;
} rz_declared_score;

typedef struct {
    const char *id;
    rz_node_level level;
    const char *code;
    double score;
    int has_date;
    rz_date date;
    int approved; /* 0: only declared in the document */
    const char *reason;
    const char *decided_by;
    rz_loc loc;
} rz_rettifica;

/* A critical issue the Relazione states for an objective, with the actions
 * planned for the next cycle. */
typedef struct {
    rz_node_level level;
    const char *code;
    const char *description;
    const char **actions;
    size_t n_actions;
    rz_loc loc;
} rz_criticita;

typedef enum { RZ_POINT_UNSET, RZ_POINT_OK, RZ_POINT_REMARKS, RZ_POINT_KO } rz_point_outcome;

typedef struct {
    char code; /* 'A'..'K' */
    rz_point_outcome outcome;
    const char *text;
    rz_loc loc;
} rz_validation_point;

typedef struct {
    int present;
    const char *body;
    const char *approval_organ;
    const char *approval_number;
    int has_approval_date;
    rz_date approval_date;
    const char *transmission_office;
    int has_transmission_date;
    rz_date transmission_date;
    const char *guidelines;
    rz_validation_point points[11];
    int has_overall;
    double overall_score;
    const char *overall_text;
    const char *verdict; /* "VALIDA", "VALIDA CON OSSERVAZIONI", "NON VALIDA" or NULL */
    const char *remarks;
    const char *place;
    int has_sign_date;
    rz_date sign_date;
    struct {
        const char *role;
        const char *name;
    } signatories[8];
    size_t n_signatories;
    rz_loc loc;
} rz_validation;

typedef struct {
    const char *code;
    const char *name;
    rz_date from, to;
} rz_period;

typedef struct rz_monitoring {
    rz_arena arena;
    const char *file;
    const char *body_name;
    int year;
    long year_line;
    const char *plan_file; /* as written, relative to the monitoring file */
    rz_period *periods;
    size_t n_periods;
    rz_observation *observations;
    size_t n_observations;
    rz_declared_score *declared_scores;
    size_t n_declared_scores;
    rz_rettifica *rettifiche;
    size_t n_rettifiche;
    rz_criticita *criticita;
    size_t n_criticita;
    rz_validation validation;
    rz_strmap index_observations;
} rz_monitoring;

/* Loads and checks a Piano. Returns RZ_OK with *out set (free with
 * rz_plan_free) when the file has no errors; warnings may be present. On
 * RZ_INVALID the plan may still be returned when it could be built, so that
 * a caller can report further checks; *out is NULL when it could not. */
rz_status rz_plan_load(const char *path, rz_plan **out, rz_diags *d);
void rz_plan_free(rz_plan *p);

/* Loads monitoring data and checks it against plan (which may be NULL: then
 * only the checks that need no plan run). */
rz_status rz_monitoring_load(const char *path, const rz_plan *plan, rz_monitoring **out,
                             rz_diags *d);
void rz_monitoring_free(rz_monitoring *m);

/* The same from a document already parsed and validated: readers.h. */
/* The checks of monitoring data that need its plan (references, values
 * matching each indicator's measure). rz_monitoring_load runs them when
 * given a plan. */
rz_status rz_monitoring_check(rz_monitoring *m, const rz_plan *plan, rz_diags *d);

/* The plan file the monitoring data name, resolved relative to them;
 * malloc'ed, NULL when none is named. */
char *rz_monitoring_plan_path(const rz_monitoring *m);

/* Lookups. */
rz_indicator *rz_plan_indicator(const rz_plan *p, const char *code);
rz_objective *rz_plan_objective(const rz_plan *p, rz_objective_kind kind, const char *code);
const rz_unit *rz_plan_unit(const rz_plan *p, const char *code);
const rz_target *rz_indicator_target(const rz_indicator *ind, int year);
const rz_observation *rz_monitoring_observation(const rz_monitoring *m, const char *code);

/* Names for display and JSON. */
const char *rz_comparator_symbol(rz_comparator c);
const char *rz_target_kind_name(rz_target_kind k);
const char *rz_measure_name(rz_measure m);
const char *rz_node_level_name(rz_node_level l);
/* The level in words for messages: "area strategica", "unità organizzativa". */
const char *rz_node_level_noun(rz_node_level l);

#endif
