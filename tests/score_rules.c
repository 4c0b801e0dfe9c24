/*
 * score_rules.c — one test per scoring rule and edge case, on indicators
 * built in memory (no XML), so that each rule is checked in isolation.
 */
#include "testing.h"
#include "score.h"

#include <stdlib.h>

/* Rules as seed 003 applies them: cap 100, full score from 90, results
 * rounded to two decimals, relative gap for lower-is-better. */
static rz_rules massa_rules(void)
{
    rz_rules r;
    memset(&r, 0, sizeof r);
    r.cap = 100;
    r.has_achievement_cap = 1; /* Massa Carrara prints achievements at most 100% */
    r.achievement_cap = 100;
    r.has_threshold = 1;
    r.threshold = 90;
    r.result_decimals = 2;
    r.achievement_decimals = -1;
    r.lower_formula = RZ_LOWER_RELATIVE_GAP;
    r.reached = 100;
    r.partial = 50;
    return r;
}

static rz_rules plain_rules(void)
{
    rz_rules r = massa_rules();
    r.has_threshold = 0;
    r.result_decimals = -1;
    return r;
}

static rz_indicator indicator(rz_measure m, rz_aggregation agg)
{
    rz_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.code = "T-1";
    ind.measure = m;
    ind.aggregation = agg;
    return ind;
}

static rz_target target(rz_comparator cmp, rz_target_kind kind, double value)
{
    rz_target t;
    memset(&t, 0, sizeof t);
    t.year = 2019;
    t.cmp = cmp;
    t.kind = kind;
    t.has_value = 1;
    t.value = value;
    return t;
}

static rz_target date_target(rz_comparator cmp, int y, int m, int d)
{
    rz_target t = target(cmp, RZ_TGT_DATE, 0);
    t.date = rz_date_from_ymd(y, m, d);
    return t;
}

/* Period values: up to four periods for one unit (or the body). */
typedef struct {
    rz_period_value v[4];
    rz_unit_data u[3];
    rz_observation o;
} obs_buf;

static const char *const periods[] = {"Q1", "Q2", "Q3", "Q4"};

static rz_observation *values_obs(obs_buf *b, const double *vals, size_t n)
{
    memset(b, 0, sizeof *b);
    for (size_t i = 0; i < n; i++) {
        b->v[i].period = periods[i];
        b->v[i].has_value = 1;
        b->v[i].value = vals[i];
    }
    b->u[0].values = b->v;
    b->u[0].n_values = n;
    b->o.indicator = "T-1";
    b->o.data = b->u;
    b->o.n_data = 1;
    return &b->o;
}

static rz_observation *ratio_obs(obs_buf *b, const double *num, const double *den, size_t n)
{
    memset(b, 0, sizeof *b);
    for (size_t i = 0; i < n; i++) {
        b->v[i].period = periods[i];
        b->v[i].has_num = b->v[i].has_den = 1;
        b->v[i].num = num[i];
        b->v[i].den = den[i];
    }
    b->u[0].values = b->v;
    b->u[0].n_values = n;
    b->o.indicator = "T-1";
    b->o.data = b->u;
    b->o.n_data = 1;
    return &b->o;
}

static rz_observation *date_obs(obs_buf *b, int y, int m, int d)
{
    memset(b, 0, sizeof *b);
    b->v[0].period = "Q2";
    b->v[0].has_date = 1;
    b->v[0].date = rz_date_from_ymd(y, m, d);
    b->u[0].values = b->v;
    b->u[0].n_values = 1;
    b->o.indicator = "T-1";
    b->o.data = b->u;
    b->o.n_data = 1;
    return &b->o;
}

static void test_higher_is_better_ratio(void)
{
    /* O2.1.3-g: 144 / 164 = 87,80% against ≥ 90% → 97,56%, full score. */
    rz_rules r = massa_rules();
    rz_indicator ind = indicator(RZ_MEASURE_RATIO, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_PERCENT, 90);
    obs_buf b;
    double num[] = {50, 44, 50}, den[] = {56, 50, 58};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, ratio_obs(&b, num, den, 3), NULL);
    CHECK(m.has_result);
    CHECK_NEAR(m.result, 87.80, 1e-9);
    CHECK_NEAR(m.achievement, 87.80 / 90 * 100, 1e-9);
    CHECK_NEAR(m.score, 100, 1e-9);
    CHECK(m.threshold_applied);
    /* O2.2.1-a: 12438 / 12482 = 99,65%. */
    double n2[] = {4808, 3614, 4016}, d2[] = {4818, 3640, 4024};
    m = rz_measure_indicator(&r, &ind, &t, ratio_obs(&b, n2, d2, 3), NULL);
    CHECK_NEAR(m.result, 99.65, 1e-9);
    CHECK_NEAR(m.achievement, 100, 1e-9); /* capped */
}

static void test_lower_is_better_rounded_first(void)
{
    /* FRD ob2: 15, 17, 20 days → mean 17,33 (rounded first) against ≤ 15 → 84,47%. */
    rz_rules r = massa_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_MEAN);
    rz_target t = target(RZ_CMP_LE, RZ_TGT_DAYS, 15);
    obs_buf b;
    double v[] = {15, 17, 20};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.result, 17.33, 1e-9);
    CHECK_NEAR(m.achievement, (1 - (17.33 - 15) / 15) * 100, 1e-9);
    CHECK_NEAR(m.score, m.achievement, 1e-9); /* below the threshold: unchanged */
    CHECK(!m.threshold_applied);
    /* Without rounding the achievement would be 84,44%. */
    rz_rules np = plain_rules();
    m = rz_measure_indicator(&np, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.achievement, (1 - (52.0 / 3 - 15) / 15) * 100, 1e-9);
    /* Inverse ratio formula: 15 / 17,33. */
    r.lower_formula = RZ_LOWER_INVERSE_RATIO;
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.achievement, 15 / 17.33 * 100, 1e-9);
}

static void test_mean_duration_within_target(void)
{
    /* O2.1.4-e: 15, 23, 13 → 17,00 ≤ 30 → 100%. */
    rz_rules r = massa_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_MEAN);
    rz_target t = target(RZ_CMP_LE, RZ_TGT_DAYS, 30);
    obs_buf b;
    double v[] = {15, 23, 13};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.result, 17.0, 1e-9);
    CHECK_NEAR(m.achievement, 100, 1e-9);
}

static void test_count_sum(void)
{
    /* "n. ordinanze emesse ≥ 500": 365 + 235 + 205 = 805. */
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_NUMBER, 500);
    obs_buf b;
    double v[] = {365, 235, 205};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.result, 805, 1e-9);
    CHECK_NEAR(m.score, 100, 1e-9);
    double low[] = {100, 100, 50};
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, low, 3), NULL);
    CHECK_NEAR(m.score, 50, 1e-9);
    /* last, max, min */
    ind.aggregation = RZ_AGG_LAST;
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.result, 205, 1e-9);
    ind.aggregation = RZ_AGG_MAX;
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.result, 365, 1e-9);
    ind.aggregation = RZ_AGG_MIN;
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 3), NULL);
    CHECK_NEAR(m.result, 205, 1e-9);
}

static void test_zero_denominator(void)
{
    rz_rules r = massa_rules();
    rz_indicator ind = indicator(RZ_MEASURE_RATIO, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_PERCENT, 80);
    obs_buf b;
    double num[] = {0, 0}, den[] = {0, 0};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, ratio_obs(&b, num, den, 2), NULL);
    CHECK(!m.has_result);
    CHECK(!m.has_score);
    CHECK(m.missing && strstr(m.missing, "zero"));
}

static void test_threshold_edges(void)
{
    rz_rules r = massa_rules();
    int applied = 0;
    CHECK_NEAR(rz_score_normalise(&r, 90.0, &applied), 100, 1e-12);
    CHECK(applied);
    CHECK_NEAR(rz_score_normalise(&r, 89.99, &applied), 89.99, 1e-12);
    CHECK(!applied);
    /* 0,1 + 0,2 style binary noise just under the threshold still counts. */
    CHECK_NEAR(rz_score_normalise(&r, 90.0 - 1e-12, NULL), 100, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 93.95, NULL), 100, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 150, NULL), 100, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, -5, NULL), 0, 1e-12);
    /* Another plan: no threshold, cap 120. */
    rz_rules o = plain_rules();
    o.cap = 120;
    CHECK_NEAR(rz_score_normalise(&o, 93.95, NULL), 93.95, 1e-12);
    CHECK_NEAR(rz_score_normalise(&o, 130, NULL), 120, 1e-12);
}

static void test_bands(void)
{
    rz_rules r = plain_rules();
    rz_band bands[] = {{.from = 0, .has_to = 1, .to = 60, .score = 0},
                       {.from = 60, .has_to = 1, .to = 90, .score = 50},
                       {.from = 90, .score = 100}};
    r.bands = bands;
    r.n_bands = 3;
    CHECK_NEAR(rz_score_normalise(&r, 59.9, NULL), 0, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 60, NULL), 50, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 89.99, NULL), 50, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 90, NULL), 100, 1e-12);
}

static void test_lower_with_zero_target(void)
{
    /* "n. non conformità ≤ 0" */
    rz_rules r = massa_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_LE, RZ_TGT_NUMBER, 0);
    obs_buf b;
    double zero[] = {0}, one[] = {1};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, zero, 1), NULL);
    CHECK_NEAR(m.score, 100, 1e-12);
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, one, 1), NULL);
    CHECK(m.has_score);
    CHECK_NEAR(m.score, 0, 1e-12);
    /* ≤ 1 with 0 non-conformities: within target. */
    t = target(RZ_CMP_LE, RZ_TGT_NUMBER, 1);
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, zero, 1), NULL);
    CHECK_NEAR(m.score, 100, 1e-12);
}

static void test_deadlines(void)
{
    rz_rules r = massa_rules();
    rz_indicator ind = indicator(RZ_MEASURE_DATE, RZ_AGG_LAST);
    rz_target t = date_target(RZ_CMP_LE, 2019, 6, 30);
    obs_buf b;
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 6, 30), NULL);
    CHECK(m.result_is_date);
    CHECK_NEAR(m.score, 100, 1e-12); /* on the day */
    m = rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 7, 1), NULL);
    CHECK(m.has_score);
    CHECK_NEAR(m.score, 0, 1e-12); /* one day late, all or nothing */
    r.deadline_rule = RZ_DEADLINE_DAILY_PENALTY;
    r.points_per_day = 2;
    r.has_threshold = 0;
    m = rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 7, 1), NULL);
    CHECK_NEAR(m.score, 98, 1e-12);
    m = rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 10, 1), NULL);
    CHECK_NEAR(m.score, 0, 1e-12); /* penalty floors at zero */
    /* A date result against a numeric target is reported, not guessed. */
    rz_target num = target(RZ_CMP_GE, RZ_TGT_NUMBER, 2);
    m = rz_measure_indicator(&r, &ind, &num, date_obs(&b, 2019, 6, 1), NULL);
    CHECK(!m.has_score && m.missing);
}

static void test_missing_periods(void)
{
    rz_rules r = massa_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_MEAN);
    rz_target t = target(RZ_CMP_LE, RZ_TGT_DAYS, 30);
    obs_buf b;
    double v[] = {10, 999, 20};
    rz_observation *o = values_obs(&b, v, 3);
    b.v[1].missing = 1; /* the second period was not collected */
    b.v[1].has_value = 0;
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, o, NULL);
    CHECK_NEAR(m.result, 15, 1e-12);
    CHECK(m.n_values == 2);
    for (int i = 0; i < 3; i++) {
        b.v[i].missing = 1;
        b.v[i].has_value = 0;
    }
    m = rz_measure_indicator(&r, &ind, &t, o, NULL);
    CHECK(!m.has_result && !m.has_score && m.missing);
    /* No observation at all: missing, not zero. */
    m = rz_measure_indicator(&r, &ind, &t, NULL, NULL);
    CHECK(!m.has_score && m.missing);
    /* No target for the year: result kept, no score. */
    m = rz_measure_indicator(&r, &ind, NULL, values_obs(&b, v, 3), NULL);
    CHECK(m.has_result && !m.has_score && m.missing);
}

static void test_negative_target(void)
{
    /* An index that must stay below −10 (e.g. ITP < −10). */
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_LAST);
    rz_target t = target(RZ_CMP_LT, RZ_TGT_NUMBER, -10);
    obs_buf b;
    double better[] = {-12}, worse[] = {-8};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, better, 1), NULL);
    CHECK_NEAR(m.score, 100, 1e-9);
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, worse, 1), NULL);
    CHECK_NEAR(m.score, 80, 1e-9);
    /* Higher is better with a negative target: −5 ≥ −10 is met. */
    t = target(RZ_CMP_GE, RZ_TGT_NUMBER, -10);
    double m5[] = {-5}, m15[] = {-15};
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, m5, 1), NULL);
    CHECK_NEAR(m.score, 100, 1e-9);
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, m15, 1), NULL);
    CHECK_NEAR(m.score, 50, 1e-9);
}

static void test_exact_and_range(void)
{
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_EQ, RZ_TGT_NUMBER, 2); /* "n. ruoli emessi = 2" */
    obs_buf b;
    double two[] = {1, 1}, one[] = {1}, three[] = {3};
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, values_obs(&b, two, 2), NULL).score, 100, 1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, values_obs(&b, one, 1), NULL).score, 50, 1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, values_obs(&b, three, 1), NULL).score, 50, 1e-9);
    rz_target rg = target(RZ_CMP_RANGE, RZ_TGT_NUMBER, 0);
    rg.has_value = 0;
    rg.has_range = 1;
    rg.min = 10;
    rg.max = 20;
    double in[] = {15}, lo[] = {5}, hi[] = {25};
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &rg, values_obs(&b, in, 1), NULL).score, 100, 1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &rg, values_obs(&b, lo, 1), NULL).score, 50, 1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &rg, values_obs(&b, hi, 1), NULL).score, 75, 1e-9);
}

static void test_previous_year_and_benchmark(void)
{
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_PREV_YEAR_RATIO, 1);
    obs_buf b;
    double v[] = {12};
    rz_observation *o = values_obs(&b, v, 1);
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, o, NULL);
    CHECK(!m.has_score && m.missing); /* no previous year given */
    b.u[0].has_prev = 1;
    b.u[0].prev_has_value = 1;
    b.u[0].prev_value = 10;
    m = rz_measure_indicator(&r, &ind, &t, o, NULL);
    CHECK_NEAR(m.result, 1.2, 1e-9);
    CHECK_NEAR(m.score, 100, 1e-9);
    b.u[0].prev_value = 15;
    m = rz_measure_indicator(&r, &ind, &t, o, NULL);
    CHECK_NEAR(m.result, 0.8, 1e-9);
    CHECK_NEAR(m.score, 80, 1e-9);

    /* "> media cluster": the benchmark comes from the monitoring data. */
    rz_target bt = target(RZ_CMP_GT, RZ_TGT_BENCHMARK, 0);
    bt.has_value = 0;
    double four[] = {4};
    o = values_obs(&b, four, 1);
    m = rz_measure_indicator(&r, &ind, &bt, o, NULL);
    CHECK(!m.has_score && m.missing);
    b.u[0].has_benchmark = 1;
    b.u[0].benchmark = 5;
    m = rz_measure_indicator(&r, &ind, &bt, o, NULL);
    CHECK_NEAR(m.score, 80, 1e-9);
}

static void test_text_completion(void)
{
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_TEXT, RZ_AGG_LAST);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_TEXT, 0);
    t.has_value = 0;
    t.text = "Realizzazione del progetto";
    obs_buf b;
    memset(&b, 0, sizeof b);
    b.u[0].has_outcome = 1;
    b.u[0].outcome_text = "rinviato per ritardi del fornitore";
    b.o.data = b.u;
    b.o.n_data = 1;
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, &b.o, NULL);
    CHECK(!m.has_score && m.missing); /* words alone cannot be scored */
    CHECK_STR(m.result_text, "rinviato per ritardi del fornitore");
    b.u[0].has_completion = 1;
    b.u[0].completion = 80;
    m = rz_measure_indicator(&r, &ind, &t, &b.o, NULL);
    CHECK_NEAR(m.score, 80, 1e-9);
}

static void test_units_aggregate(void)
{
    /* S2.1.1-b measured by two units: the body's figure sums both. */
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_RATIO, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_PERCENT, 90);
    rz_period_value a[] = {{"Q1", 0, 1, 1, 0, 0, 13, 13, 0, 0, NULL, {0, 0}, 0, 0, 0},
                           {"Q2", 0, 1, 1, 0, 0, 4, 4, 0, 0, NULL, {0, 0}, 0, 0, 0}};
    rz_period_value c[] = {{"Q1", 0, 1, 1, 0, 0, 30, 32, 0, 0, NULL, {0, 0}, 0, 0, 0}};
    rz_unit_data u[2];
    memset(u, 0, sizeof u);
    u[0].unit = "S1";
    u[0].values = a;
    u[0].n_values = 2;
    u[1].unit = "S2";
    u[1].values = c;
    u[1].n_values = 1;
    rz_observation o;
    memset(&o, 0, sizeof o);
    o.data = u;
    o.n_data = 2;
    rz_measurement all = rz_measure_indicator(&r, &ind, &t, &o, NULL);
    CHECK_NEAR(all.num, 47, 1e-9);
    CHECK_NEAR(all.den, 49, 1e-9);
    CHECK_NEAR(all.result, 47.0 / 49 * 100, 1e-9);
    rz_measurement s2 = rz_measure_indicator(&r, &ind, &t, &o, "S2");
    CHECK_NEAR(s2.result, 30.0 / 32 * 100, 1e-9);
    rz_measurement s9 = rz_measure_indicator(&r, &ind, &t, &o, "S9");
    CHECK(!s9.has_result && s9.missing);
}

static void test_outcomes(void)
{
    rz_rules r = massa_rules();
    CHECK(rz_score_outcome(&r, 1, 100) == RZ_OUTCOME_REACHED);
    CHECK(rz_score_outcome(&r, 1, 91) == RZ_OUTCOME_PARTIAL);
    CHECK(rz_score_outcome(&r, 1, 10) == RZ_OUTCOME_NOT_REACHED);
    CHECK(rz_score_outcome(&r, 0, 100) == RZ_OUTCOME_MISSING);
}

/* A cap above 100 with a full-score threshold: the threshold lifts to 100
 * what falls short of the target, never to the cap; above 100 an
 * achievement keeps its value up to the cap. */
static void test_threshold_with_cap_above_100(void)
{
    rz_rules r = plain_rules();
    r.has_achievement_cap = 0;
    r.cap = 120;
    r.has_threshold = 1;
    r.threshold = 95;
    int lifted = 0;
    CHECK_NEAR(rz_score_normalise(&r, 100, &lifted), 100, 1e-12);
    CHECK(!lifted);
    CHECK_NEAR(rz_score_normalise(&r, 95.8, &lifted), 100, 1e-12);
    CHECK(lifted);
    CHECK_NEAR(rz_score_normalise(&r, 94.99, NULL), 94.99, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 102.5, NULL), 102.5, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 112, NULL), 112, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 137.5, NULL), 120, 1e-12);
    /* The achievement is printed as computed: 275 against 200 is 137,5%. */
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_NUMBER, 200);
    obs_buf b;
    double v[] = {275};
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 1), NULL);
    CHECK_NEAR(m.achievement, 137.5, 1e-9);
    CHECK_NEAR(m.score, 120, 1e-9);
    /* A body that caps the printed achievement too. */
    r.has_achievement_cap = 1;
    r.achievement_cap = 100;
    m = rz_measure_indicator(&r, &ind, &t, values_obs(&b, v, 1), NULL);
    CHECK_NEAR(m.achievement, 100, 1e-9);
    CHECK_NEAR(m.score, 100, 1e-9);
    /* Met exactly, lower is better with target 0, a date on time: 100. */
    r.has_achievement_cap = 0;
    rz_target zero = target(RZ_CMP_LE, RZ_TGT_NUMBER, 0);
    double z[] = {0};
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &zero, values_obs(&b, z, 1), NULL).score, 100, 1e-9);
    rz_indicator di = indicator(RZ_MEASURE_DATE, RZ_AGG_SUM);
    rz_target due = date_target(RZ_CMP_LE, 2019, 6, 30);
    CHECK_NEAR(rz_measure_indicator(&r, &di, &due, date_obs(&b, 2019, 6, 30), NULL).score, 100,
               1e-9);
}

static void test_linear_bands(void)
{
    rz_rules r = plain_rules();
    rz_band bands[] = {
        {.from = 0, .has_to = 1, .to = 60, .score = 0},
        {.from = 60, .has_to = 1, .to = 80, .linear = 1, .score_from = 0, .score_to = 100},
        {.from = 80, .score = 100}};
    r.bands = bands;
    r.n_bands = 3;
    CHECK_NEAR(rz_score_normalise(&r, 59.99, NULL), 0, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 60, NULL), 0, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 70, NULL), 50, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 75, NULL), 75, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 80, NULL), 100, 1e-12);
    /* Monotone across the band edges. */
    double prev = -1;
    for (double a = 0; a <= 130; a += 0.25) {
        double sc = rz_score_normalise(&r, a, NULL);
        CHECK(sc + 1e-12 >= prev);
        prev = sc;
    }
}

static void test_all_or_nothing(void)
{
    rz_rules r = plain_rules();
    r.all_or_nothing = 1;
    r.has_threshold = 1; /* does not apply */
    r.threshold = 90;
    CHECK_NEAR(rz_score_normalise(&r, 99.9, NULL), 0, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 100, NULL), 100, 1e-12);
    CHECK_NEAR(rz_score_normalise(&r, 150, NULL), 100, 1e-12);
}

static void test_deadline_tolerance_and_months(void)
{
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_DATE, RZ_AGG_SUM);
    rz_target t = date_target(RZ_CMP_LE, 2019, 3, 31);
    obs_buf b;
    r.deadline_rule = RZ_DEADLINE_DAILY_PENALTY;
    r.points_per_day = 2;
    r.tolerance_days = 3;
    /* 3 days late: forgiven. 10 days: 7 count, 14 points. */
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 4, 3), NULL).achievement, 100,
               1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 4, 10), NULL).achievement, 86,
               1e-9);
    /* Monthly: each started 30 days of delay costs the points. */
    r.deadline_rule = RZ_DEADLINE_MONTHLY_PENALTY;
    r.points_per_month = 10;
    r.tolerance_days = 0;
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 4, 1), NULL).achievement, 90,
               1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 4, 30), NULL).achievement, 90,
               1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2019, 5, 1), NULL).achievement, 80,
               1e-9);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, date_obs(&b, 2020, 12, 1), NULL).achievement, 0,
               1e-9);
}

static void test_yes_no(void)
{
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_YESNO, RZ_AGG_SUM);
    rz_target yes = target(RZ_CMP_EQ, RZ_TGT_YESNO, 1);
    obs_buf b;
    memset(&b, 0, sizeof b);
    /* No in Q1, yes in Q3: the state at year end counts. */
    b.v[0].period = "Q1";
    b.v[0].has_yesno = 1;
    b.v[1].period = "Q3";
    b.v[1].has_yesno = 1;
    b.v[1].yesno = 1;
    b.u[0].values = b.v;
    b.u[0].n_values = 2;
    b.o.data = b.u;
    b.o.n_data = 1;
    rz_measurement m = rz_measure_indicator(&r, &ind, &yes, &b.o, NULL);
    CHECK(m.has_result);
    CHECK_NEAR(m.result, 1, 1e-12);
    CHECK_NEAR(m.score, 100, 1e-12);
    b.v[1].yesno = 0;
    m = rz_measure_indicator(&r, &ind, &yes, &b.o, NULL);
    CHECK_NEAR(m.score, 0, 1e-12);
    /* Target "no" met by "no". */
    rz_target no = target(RZ_CMP_EQ, RZ_TGT_YESNO, 0);
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &no, &b.o, NULL).score, 100, 1e-12);
    /* Without any yes/no value there is no result. */
    b.v[0].has_yesno = b.v[1].has_yesno = 0;
    CHECK(!rz_measure_indicator(&r, &ind, &yes, &b.o, NULL).has_result);
}

/* The body's figure from each unit's own result: sum, mean, lowest,
 * highest (O2.1.4-d: every office must reach 2; the document prints the
 * lowest office). Pooled, the default, sums every value. */
static void test_unit_aggregation(void)
{
    rz_rules r = plain_rules();
    rz_indicator ind = indicator(RZ_MEASURE_VALUE, RZ_AGG_SUM);
    rz_target t = target(RZ_CMP_GE, RZ_TGT_NUMBER, 2);
    rz_period_value a[] = {{.period = "Q1", .has_value = 1, .value = 2},
                           {.period = "Q2", .has_value = 1, .value = 1}};
    rz_period_value c[] = {{.period = "Q1", .has_value = 1, .value = 2}};
    rz_unit_data u[2];
    memset(u, 0, sizeof u);
    u[0].unit = "S1";
    u[0].values = a;
    u[0].n_values = 2;
    u[1].unit = "S2";
    u[1].values = c;
    u[1].n_values = 1;
    rz_observation o;
    memset(&o, 0, sizeof o);
    o.data = u;
    o.n_data = 2;
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, &o, NULL).result, 5, 1e-12);
    ind.unit_aggregation = RZ_UNITS_MIN;
    rz_measurement m = rz_measure_indicator(&r, &ind, &t, &o, NULL);
    CHECK_NEAR(m.result, 2, 1e-12);
    CHECK(m.units_combined);
    CHECK_NEAR(m.score, 100, 1e-12);
    ind.unit_aggregation = RZ_UNITS_MAX;
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, &o, NULL).result, 3, 1e-12);
    ind.unit_aggregation = RZ_UNITS_MEAN;
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, &o, NULL).result, 2.5, 1e-12);
    ind.unit_aggregation = RZ_UNITS_SUM;
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, &o, NULL).result, 5, 1e-12);
    /* A unit's own figure is unchanged by the rule. */
    ind.unit_aggregation = RZ_UNITS_MIN;
    CHECK_NEAR(rz_measure_indicator(&r, &ind, &t, &o, "S1").result, 3, 1e-12);
}

int main(void)
{
    test_higher_is_better_ratio();
    test_lower_is_better_rounded_first();
    test_mean_duration_within_target();
    test_count_sum();
    test_zero_denominator();
    test_threshold_edges();
    test_bands();
    test_lower_with_zero_target();
    test_deadlines();
    test_missing_periods();
    test_negative_target();
    test_exact_and_range();
    test_previous_year_and_benchmark();
    test_text_completion();
    test_units_aggregate();
    test_outcomes();
    test_threshold_with_cap_above_100();
    test_linear_bands();
    test_all_or_nothing();
    test_deadline_tolerance_and_months();
    test_yes_no();
    test_unit_aggregation();
    return check_done();
}
