/*
 * score_tree.c — roll-ups on a whole plan: weights, shares of the entity,
 * rettifiche (approved and declared), unit sheets, perspectives, individual
 * objectives and summary counts, on tests/valid/.
 */
#include "testing.h"
#include "internal.h"

#include <stdlib.h>

static rz_plan *plan;

static rz_scored *score_with(const char *monitoring_path, rz_monitoring **mon)
{
    rz_diags d;
    rz_diags_init(&d);
    rz_status st = rz_monitoring_load(monitoring_path, plan, mon, &d);
    CHECK(st == RZ_OK);
    rz_scored *s = NULL;
    CHECK(rz_score(plan, *mon, &s, &d) == RZ_OK);
    rz_diags_print(&d, stderr);
    rz_diags_free(&d);
    return s;
}

static const rz_scored_unit *unit(const rz_scored *s, const char *code)
{
    for (size_t i = 0; i < s->n_units; i++)
        if (strcmp(s->units[i].unit->code, code) == 0)
            return &s->units[i];
    return NULL;
}

static void test_tree(void)
{
    rz_monitoring *mon = NULL;
    rz_scored *s = score_with("tests/valid/monitoraggio.xml", &mon);
    if (!s)
        return;
    const rz_scored_indicator *si = rz_scored_find_indicator(s, "S1.1-a");
    CHECK(si && si->total.has_score);
    CHECK_NEAR(si->total.result, 87.80, 1e-9);
    CHECK_NEAR(si->total.score, 100, 1e-9);
    CHECK(si->n_units == 2);

    const rz_scored_node *oo = rz_scored_find_node(s, RZ_NODE_OPERATIONAL, "2.1.1");
    CHECK(oo && oo->has_score);
    CHECK_NEAR(oo->score, (1 - (17.33 - 15) / 15) * 100, 1e-9);
    CHECK(oo->outcome == RZ_OUTCOME_PARTIAL);

    /* The approved rettifica replaces the computed score; the declared one
     * is kept for display only. */
    const rz_scored_node *os = rz_scored_find_node(s, RZ_NODE_STRATEGIC, "2.2");
    CHECK(os && os->has_computed && os->has_adjusted);
    CHECK_NEAR(os->computed, 100, 1e-9);
    CHECK_NEAR(os->score, 91, 1e-9);
    CHECK(os->rettifica && strcmp(os->rettifica->id, "r1") == 0);
    CHECK(os->n_declared == 1 && os->declared[0]->score == 100);
    CHECK_NEAR(os->weight, 50, 1e-9);
    CHECK_NEAR(os->weight_entity, 30, 1e-9);
    CHECK_NEAR(os->contribution, 27.3, 1e-9);
    CHECK_NEAR(os->weighted_in_parent, 45.5, 1e-9);

    const rz_scored_node *ob2 = rz_scored_find_node(s, RZ_NODE_AREA, "OB2");
    CHECK(ob2);
    CHECK_NEAR(ob2->score, 95.5, 1e-9);
    CHECK_NEAR(s->entity->score, 40 + 0.6 * 95.5, 1e-9);
    /* The entity equals the sum of its areas' contributions. */
    double sum = 0;
    for (size_t i = 0; i < s->entity->n_children; i++)
        sum += s->entity->children[i]->contribution;
    CHECK_NEAR(sum, s->entity->score, 1e-9);

    /* Weights absent: the only operational objective of 1.1 weighs 100. */
    const rz_scored_node *oo1 = rz_scored_find_node(s, RZ_NODE_OPERATIONAL, "1.1.1");
    CHECK(oo1);
    CHECK_NEAR(oo1->weight, 100, 1e-9);

    /* Unit sheets: S1 has its share of S1.1-a and owns O2.1.1-a. */
    const rz_scored_unit *s1 = unit(s, "S1");
    CHECK(s1 && s1->n_indicators == 2);
    CHECK_NEAR(s1->score, (100 + (1 - (17.33 - 15) / 15) * 100) / 2, 1e-9);
    const rz_scored_unit *s2 = unit(s, "S2");
    CHECK(s2 && s2->n_indicators == 2);
    CHECK_NEAR(s2->score, 100, 1e-9);

    /* Individual objectives: one reached, one partly. */
    CHECK(s->n_evaluated == 1);
    CHECK(s->evaluated[0].reached == 1 && s->evaluated[0].partial == 1);
    CHECK_NEAR(s->evaluated[0].score, s1->score, 1e-9);

    CHECK(s->strategic.total == 3 && s->strategic.reached == 2 && s->strategic.partial == 1);
    CHECK(s->operational.total == 2 && s->operational.partial == 1);
    CHECK(s->n_perspectives == 2);
    CHECK(s->perspectives[0].n_objectives == 2 && s->perspectives[0].has_score);

    rz_scored_free(s);
    rz_monitoring_free(mon);
}

/* A rettifica on a node whose children change: the adjusted score stays, the
 * computed one follows the data, and the parent keeps using the adjusted. */
static void test_rettifica_children_change(void)
{
    rz_monitoring *mon = NULL;
    rz_scored *s = score_with("tests/valid/monitoraggio.xml", &mon);
    if (!s)
        return;
    double entity_before = s->entity->score;
    rz_scored_free(s);
    /* Five non-conformities instead of none. */
    rz_observation *o = (rz_observation *)rz_monitoring_observation(mon, "S2.2-a");
    CHECK(o && o->n_data == 1 && o->data[0].n_values == 1);
    o->data[0].values[0].value = 5;
    rz_diags d;
    rz_diags_init(&d);
    CHECK(rz_score(plan, mon, &s, &d) == RZ_OK);
    const rz_scored_node *os = rz_scored_find_node(s, RZ_NODE_STRATEGIC, "2.2");
    CHECK(os && os->has_adjusted);
    CHECK_NEAR(os->computed, 0, 1e-9); /* 1 − (5 − 1)/1 floors at 0 */
    CHECK_NEAR(os->score, 91, 1e-9);
    CHECK_NEAR(s->entity->score, entity_before, 1e-9);
    rz_diags_free(&d);
    rz_scored_free(s);
    rz_monitoring_free(mon);
}

/* Without monitoring data nothing is scored, and nothing is invented. */
static void test_no_data(void)
{
    rz_scored *s = NULL;
    rz_diags d;
    rz_diags_init(&d);
    CHECK(rz_score(plan, NULL, &s, &d) == RZ_OK);
    CHECK(!s->entity->has_score);
    CHECK(s->indicator_counts.missing == s->indicator_counts.total);
    CHECK(rz_diags_has(&d, "score-missing"));
    rz_diags_free(&d);
    rz_scored_free(s);
}

int main(void)
{
    rz_diags d;
    rz_diags_init(&d);
    if (rz_plan_load("tests/valid/piano.xml", &plan, &d) != RZ_OK) {
        rz_diags_print(&d, stderr);
        return 1;
    }
    rz_diags_free(&d);
    test_tree();
    test_rettifica_children_change();
    test_no_data();
    rz_plan_free(plan);
    rz_xml_cleanup();
    return check_done();
}
