/*
 * score.h — the scoring engine: the body's own rules applied to its data.
 *
 * Input: a Piano (with its SMVP rules) and the monitoring data of one year.
 * Output: an rz_scored tree that mirrors the plan — entity → areas →
 * strategic objectives → operational objectives → indicators — plus the
 * organisational units, the BSC perspectives, the individual objectives and
 * the summary counts. Every figure a document prints comes from here.
 *
 * The engine knows no body: thresholds, caps, bands, rounding and the
 * lower-is-better formula are read from rz_rules. A result that cannot be
 * computed (no data, zero denominator, no target) is "missing", with the
 * reason, and is never scored as 0 or 100; roll-ups use the children that
 * have a score and say how many were missing.
 *
 * Percentages are in points (97.8 means 97,8%) and never rounded here
 * except where the rules say so; documents round for display.
 */
#ifndef RZ_SCORE_H
#define RZ_SCORE_H

#include "model.h"

/* One measured figure: the yearly result of an indicator (for the whole
 * body or for one unit), its achievement against the target and its
 * normalised score. */
typedef struct {
    int has_result;
    double result; /* numeric result (a ratio in % when the target is a percentage) */
    int result_is_date;
    rz_date result_date;
    const char *result_text; /* textual outcome, when there is one */
    double num, den;         /* for ratios: the sums used */
    int n_values;            /* period values used */
    int units_combined;      /* the units' own results combined (aggregazione-unita) */
    int has_achievement;
    double achievement; /* % realizzazione target */
    int has_score;
    double score;          /* % realizzazione parametrata */
    int threshold_applied; /* the full-score threshold lifted it */
    const char *missing;   /* why there is no score, or NULL */
    /* Set where an approved rettifica of the indicator replaced the score:
     * score is then the adjusted one and computed_score the engine's. */
    int has_adjusted;
    double computed_score;
} rz_measurement;

/* Something a score leaves out (or counts as 0), and why: printed beside
 * the score so that a reader knows what the figure rests on. */
typedef struct {
    const char *code;   /* of the indicator, objective, unit */
    const char *what;   /* "l'indicatore", "l'obiettivo operativo", ... */
    const char *reason; /* why it has no score, or why it counts 0 */
    int as_zero;        /* counted as 0 (missing-data rule or gate) rather than left out */
} rz_exclusion;

typedef struct {
    rz_exclusion *items;
    size_t count, cap;
} rz_exclusions;

typedef enum {
    RZ_OUTCOME_MISSING = 0,
    RZ_OUTCOME_REACHED,
    RZ_OUTCOME_PARTIAL,
    RZ_OUTCOME_NOT_REACHED
} rz_outcome;

typedef struct {
    const char *unit;
    rz_measurement m;
} rz_unit_measurement;

typedef struct {
    const rz_indicator *indicator;
    const rz_target *target; /* for the plan year; NULL if none */
    const rz_observation *observation;
    rz_measurement total;
    rz_unit_measurement *units; /* one per unit with data of its own */
    size_t n_units;
    double weight; /* within its objective, normalised to 100 */
    int has_adjusted;
    double adjusted;  /* score after an approved rettifica */
    double effective; /* the score roll-ups use */
    const rz_rettifica *rettifica;
    const rz_rettifica **declared; /* stated but not approved */
    size_t n_declared;
    rz_outcome outcome;
} rz_scored_indicator;

typedef struct rz_scored_node rz_scored_node;

/* A node of the tree: the entity, an area, a strategic or operational
 * objective. */
struct rz_scored_node {
    rz_node_level level;
    const rz_objective *objective; /* NULL for the entity */
    int has_computed;
    double computed;
    int has_adjusted;
    double adjusted;
    const rz_rettifica *rettifica; /* the approved one in force */
    const rz_rettifica **declared; /* stated but not approved */
    size_t n_declared;
    int has_score;
    double score;              /* effective: adjusted when there is one */
    double weight;             /* within its parent, normalised to 100 */
    double weight_entity;      /* share of the entity, % */
    double contribution;       /* score × weight_entity / 100 ("% su Ente") */
    double weighted_in_parent; /* score × weight / 100 ("% su Ob pond") */
    size_t n_missing;          /* children or indicators without a score */
    rz_exclusions excluded;    /* what the computed score leaves out or counts 0 */
    int gated;                 /* below its level's minimum: counts 0 in its parent */
    rz_outcome outcome;
    rz_scored_node **children;
    size_t n_children;
    rz_scored_indicator **indicators;
    size_t n_indicators;
    /* For a strategic objective: the mean of its own indicators, shown as
     * "IS TOT" whatever the rule (has_indicator_score says if there is one). */
    int has_indicator_score;
    double indicator_score;
};

typedef struct {
    const rz_unit *unit;
    rz_scored_indicator **indicators;    /* indicators in this unit's sheet */
    const rz_measurement **measurements; /* the unit's own figure for each */
    size_t n_indicators;
    int has_score;
    double computed;
    double score;
    int has_adjusted;
    const rz_rettifica *rettifica;
    size_t n_missing;
    rz_exclusions excluded;
    int from_children; /* no indicators of its own: mean of its child units */
    rz_outcome outcome;
} rz_scored_unit;

typedef struct {
    const rz_named *perspective;
    rz_scored_node **objectives; /* strategic and operational objectives */
    size_t n_objectives;
    size_t n_scored; /* objectives with a score: the mean is over these */
    rz_exclusions excluded;
    int has_score;
    double score;
} rz_scored_perspective;

typedef struct {
    const rz_individual_objective *objective;
    const rz_scored_indicator *indicator;
    const rz_scored_node *node; /* the organisational objective it takes its score from */
    const rz_measurement *m;    /* the unit's figure when the objective names a unit */
    double weight;
    int has_score;
    double score;
    int gated; /* below the individual objectives' minimum: counts 0 */
    rz_outcome outcome;
} rz_scored_individual_objective;

typedef struct {
    const rz_evaluated *evaluated;
    rz_scored_individual_objective *objectives;
    size_t n_objectives;
    int has_score;
    double score; /* effective: adjusted when there is an approved rettifica */
    int has_computed;
    double computed;
    int has_adjusted;
    const rz_rettifica *rettifica;
    rz_exclusions excluded;
    size_t reached, partial, not_reached, missing;
} rz_scored_evaluated;

typedef struct {
    size_t total, reached, partial, not_reached, missing;
} rz_counts;

typedef struct {
    rz_arena arena;
    const rz_plan *plan;
    const rz_monitoring *monitoring;
    int year;
    rz_scored_node *entity;
    rz_scored_indicator **indicators; /* every scored indicator, plan order */
    size_t n_indicators;
    rz_scored_unit *units;
    size_t n_units;
    rz_scored_perspective *perspectives;
    size_t n_perspectives;
    rz_scored_evaluated *evaluated;
    size_t n_evaluated;
    rz_counts strategic, operational, indicator_counts, unit_counts;
    rz_counts frd;                   /* operational objectives of the Fondo Risorse Decentrate */
    rz_counts individual_by_role[3]; /* indexed by rz_role */
    rz_strmap index;                 /* indicator code → rz_scored_indicator */
} rz_scored;

typedef struct {
    /* Treat rettifiche that are only declared as if they were approved:
     * used to tell a printed figure that rests on such a claim. */
    int apply_declared;
} rz_score_options;

/* Scores plan with monitoring (which may be NULL: every result is then
 * missing). Problems met while scoring (a target of the wrong kind for its
 * data, a missing period, weights to be normalised) become diagnostics.
 * The result refers to plan and monitoring: they must outlive it. */
rz_status rz_score(const rz_plan *plan, const rz_monitoring *monitoring, rz_scored **out,
                   rz_diags *d);
rz_status rz_score_with(const rz_plan *plan, const rz_monitoring *monitoring,
                        const rz_score_options *opt, rz_scored **out, rz_diags *d);
void rz_scored_free(rz_scored *s);

/* The rules applied to one achievement, exposed for tests and for the
 * checker that recomputes declared figures. The order is that of the
 * schema's documentation: all-or-nothing, else the full-score threshold
 * (an achievement in [threshold, 100) counts 100), else the bands; then
 * the cap and the floor of 0. */
double rz_score_normalise(const rz_rules *rules, double achievement, int *threshold_applied);
rz_outcome rz_score_outcome(const rz_rules *rules, int has_score, double score);
const char *rz_outcome_name(rz_outcome o);

/* Measures one indicator for the whole body (unit == NULL) or one unit,
 * with rules (the engine passes the indicator's own, ind->rules). */
rz_measurement rz_measure_indicator(const rz_rules *rules, const rz_indicator *ind,
                                    const rz_target *target, const rz_observation *obs,
                                    const char *unit);

/* The reason of a measurement that ran out of memory: rz_measurement.missing
 * points to this very string, which tells it from a reason of the data. */
extern const char rz_measure_out_of_memory[];

/* The rules an indicator is scored with: its own, or the plan's. */
const rz_rules *rz_indicator_rules(const rz_plan *p, const rz_indicator *ind);

/* Lookups in the scored tree. */
const rz_scored_indicator *rz_scored_find_indicator(const rz_scored *s, const char *code);
const rz_scored_node *rz_scored_find_node(const rz_scored *s, rz_node_level level,
                                          const char *code);

#endif
