/*
 * view_test.c — the view tree: constructors, maps in insertion order,
 * lookups small and large, dotted paths, number text, and that building a
 * large view takes linear time.
 */
#include "testing.h"
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static const char *num_text(double x)
{
    static char b[RZ_VIEW_NUM_MAX];
    return rz_view_num_text(x, b);
}

static void test_scalars(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    char b[RZ_VIEW_NUM_MAX];
    CHECK(rz_view_kind_of(rz_view_null(doc)) == RZ_VIEW_NULL);
    CHECK(rz_view_kind_of(NULL) == RZ_VIEW_NULL);
    CHECK(rz_view_as_bool(rz_view_bool(doc, 7)) == 1);
    CHECK(rz_view_as_bool(rz_view_bool(doc, 0)) == 0);
    CHECK_STR(rz_view_scalar_text(rz_view_bool(doc, 1), b), "true");
    CHECK_STR(rz_view_scalar_text(rz_view_null(doc), b), "");
    CHECK_STR(rz_view_scalar_text(rz_view_map(doc), b), "");
    CHECK_STR(rz_view_as_str(rz_view_str(doc, NULL)), "");
    CHECK(rz_view_as_str(rz_view_num(doc, 1)) == NULL);
    /* Strings keep their length, NUL bytes included. */
    rz_view *s = rz_view_strn(doc, "a\0b", 3);
    CHECK(rz_view_str_len(s) == 3 && memcmp(rz_view_as_str(s), "a\0b", 4) == 0);
    CHECK_STR(rz_view_scalar_text(rz_view_str(doc, "città"), b), "città");
    CHECK_STR(rz_view_scalar_text(rz_view_num(doc, 97.75), b), "97.75");

    /* Numbers: the shortest form that reads back as the same double. */
    CHECK_STR(num_text(1), "1");
    CHECK_STR(num_text(1.5), "1.5");
    CHECK_STR(num_text(0.1), "0.1");
    CHECK_STR(num_text(-0.0), "0");
    CHECK_STR(num_text(-2.5), "-2.5");
    CHECK_STR(num_text(0.1 + 0.2), "0.30000000000000004");
    CHECK_STR(num_text(1.0 / 3), "0.3333333333333333");
    CHECK_STR(num_text(100), "100");
    CHECK_STR(num_text(123456789012345.0), "123456789012345");
    CHECK_STR(num_text(1e21), "1e+21");
    CHECK_STR(num_text(1e-7), "1e-07");
    CHECK_STR(num_text(5e-324), "5e-324");
    CHECK_STR(num_text(2.2250738585072014e-308), "2.2250738585072014e-308");
    CHECK_STR(num_text(NAN), "");
    CHECK_STR(num_text(-INFINITY), "");
    /* Against a search over every precision, on pseudo-random doubles of
     * every magnitude and on short decimals. */
    uint64_t seed = 0x9E3779B97F4A7C15u;
    int wrong = 0;
    for (int i = 0; i < 20000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        double x;
        if (i % 2) {
            memcpy(&x, &seed, sizeof x);
            if (!isfinite(x))
                continue;
        } else {
            x = (double)(int64_t)(seed % 2000001u - 1000000) / 1000.0;
        }
        const char *t = num_text(x);
        char best[40];
        for (int p = 1; p <= 17; p++) {
            snprintf(best, sizeof best, "%.*g", p, x);
            if (strtod(best, NULL) == x)
                break;
        }
        if (strtod(t, NULL) != x || (strlen(t) > strlen(best) && x != floor(x)))
            wrong++;
    }
    CHECK(wrong == 0);
    /* Subnormals hold fewer digits than 15. */
    for (int i = 0; i < 2000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        double x = (double)(seed % (1ull << 52)) * 5e-324;
        const char *t = num_text(x);
        char best[40];
        for (int p = 1; p <= 17; p++) {
            snprintf(best, sizeof best, "%.*g", p, x);
            if (strtod(best, NULL) == x)
                break;
        }
        if (strtod(t, NULL) != x || strlen(t) > strlen(best))
            wrong++;
    }
    CHECK(wrong == 0);
    CHECK(!rz_view_doc_failed(doc));
    rz_view_doc_free(doc);
}

static void test_maps_and_lists(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *m = rz_view_map(doc);
    rz_view_set_str(m, "codice", "OB1");
    rz_view_set_num(m, "peso", 30);
    rz_view_set_bool(m, "raggiunto", 1);
    rz_view_set(m, "nulla", NULL);
    rz_view_set_str(m, "assente", NULL);
    rz_view_set_strf(m, "etichetta", "%s (%d%%)", "OB1", 30);
    rz_view_set_num(m, "codice", 2); /* replaced in place */
    CHECK(rz_view_len(m) == 6);
    CHECK_STR(rz_view_key_at(m, 0), "codice");
    CHECK_NEAR(rz_view_as_num(rz_view_value_at(m, 0)), 2, 0);
    CHECK_STR(rz_view_key_at(m, 5), "etichetta");
    CHECK_STR(rz_view_as_str(rz_view_get(m, "etichetta")), "OB1 (30%)");
    CHECK(rz_view_kind_of(rz_view_get(m, "nulla")) == RZ_VIEW_NULL);
    CHECK(rz_view_get(m, "nulla") != NULL);
    CHECK(rz_view_kind_of(rz_view_get(m, "assente")) == RZ_VIEW_NULL);
    CHECK(rz_view_get(m, "mai-visto") == NULL);
    CHECK(rz_view_get(m, NULL) == NULL);
    CHECK(rz_view_key_at(m, 6) == NULL && rz_view_value_at(m, 99) == NULL);

    /* A key known to the doc but absent from this map. */
    rz_view *other = rz_view_map(doc);
    CHECK(rz_view_get(other, "codice") == NULL);
    rz_view_set_str(other, "codice", "OB2");
    CHECK(rz_view_key_at(other, 0) == rz_view_key_at(m, 0)); /* one copy per doc */

    /* A long formatted string. */
    char long_text[1001];
    memset(long_text, 'x', 1000);
    long_text[1000] = '\0';
    rz_view_set_strf(m, "lungo", "<%s>", long_text);
    CHECK(rz_view_str_len(rz_view_get(m, "lungo")) == 1002);

    /* Lists. */
    rz_view *l = rz_view_list(doc);
    for (int i = 0; i < 100; i++)
        rz_view_push(l, rz_view_num(doc, i));
    rz_view_push(l, NULL);
    CHECK(rz_view_len(l) == 101);
    CHECK_NEAR(rz_view_as_num(rz_view_at(l, 42)), 42, 0);
    CHECK(rz_view_kind_of(rz_view_at(l, 100)) == RZ_VIEW_NULL);
    CHECK(rz_view_at(l, 101) == NULL);
    /* Wrong kinds are ignored, not crashes. */
    rz_view_push(m, rz_view_null(doc));
    rz_view_set(l, "x", NULL);
    rz_view_set(NULL, "x", NULL);
    CHECK(rz_view_len(m) == 7 && rz_view_len(l) == 101);
    CHECK(rz_view_len(rz_view_str(doc, "abc")) == 0);

    /* Falsy values as sections see them. */
    CHECK(rz_view_falsy(NULL) && rz_view_falsy(rz_view_null(doc)));
    CHECK(rz_view_falsy(rz_view_bool(doc, 0)) && !rz_view_falsy(rz_view_bool(doc, 1)));
    CHECK(rz_view_falsy(rz_view_list(doc)) && !rz_view_falsy(l));
    CHECK(rz_view_falsy(rz_view_str(doc, "")) && !rz_view_falsy(rz_view_str(doc, "0")));
    CHECK(!rz_view_falsy(rz_view_num(doc, 0)) && !rz_view_falsy(rz_view_map(doc)));

    /* Dotted paths. */
    rz_view *root = rz_view_map(doc);
    rz_view *a = rz_view_map(doc);
    rz_view *rows = rz_view_list(doc);
    rz_view_set(root, "a", a);
    rz_view_set(a, "righe", rows);
    for (int i = 0; i < 3; i++) {
        rz_view *r = rz_view_map(doc);
        rz_view_set_num(r, "n", i * 10);
        rz_view_push(rows, r);
    }
    rz_view_set_str(a, "b", "bi");
    CHECK_STR(rz_view_as_str(rz_view_get_path(root, "a.b")), "bi");
    CHECK_NEAR(rz_view_as_num(rz_view_get_path(root, "a.righe.2.n")), 20, 0);
    CHECK(rz_view_get_path(root, "a.righe.3.n") == NULL);
    CHECK(rz_view_get_path(root, "a.righe.x") == NULL);
    CHECK(rz_view_get_path(root, "a..b") == NULL);
    CHECK(rz_view_get_path(root, "a.b.c") == NULL);
    CHECK(rz_view_get_path(root, "a.") == NULL);
    CHECK(rz_view_get_path(root, ".") == root);
    CHECK(rz_view_get_path(root, "a") == a);
    CHECK(!rz_view_doc_failed(doc));
    rz_view_doc_free(doc);
    rz_view_doc_free(NULL);
}

static double seconds(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A view the size of a 20 000-indicator plan (about 500 000 nodes), and one
 * map of 100 000 keys: quadratic work in either would take minutes. */
static void test_scale(void)
{
    double t0 = seconds();
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *root = rz_view_map(doc);
    rz_view *list = rz_view_list(doc);
    rz_view_set(root, "indicatori", list);
    for (int i = 0; i < 20000; i++) {
        rz_view *ind = rz_view_map(doc);
        rz_view_set_strf(ind, "codice", "IND-%05d", i);
        rz_view_set_str(ind, "titolo", "Grado di realizzazione delle attività previste");
        rz_view_set_num(ind, "peso", i % 7);
        rz_view_set_num(ind, "punteggio", 97.75);
        rz_view_set_str(ind, "punteggio_it", "97,8%");
        rz_view_set_bool(ind, "raggiunto", i % 2);
        rz_view *ms = rz_view_list(doc);
        for (int k = 0; k < 4; k++)
            rz_view_push(ms, rz_view_num(doc, k));
        rz_view_set(ind, "misure", ms);
        for (int k = 0; k < 12; k++) {
            char key[16];
            snprintf(key, sizeof key, "campo%d", k);
            rz_view_set_num(ind, key, k);
        }
        rz_view_push(list, ind);
    }
    rz_view *big = rz_view_map(doc);
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        rz_view_set_num(big, key, i);
    }
    int found = 0;
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "k%d", (i * 7919) % 100000);
        found += rz_view_as_num(rz_view_get(big, key)) == (double)((i * 7919) % 100000);
    }
    CHECK(found == 100000);
    CHECK(rz_view_len(big) == 100000 && rz_view_len(list) == 20000);
    CHECK_STR(rz_view_as_str(rz_view_get_path(root, "indicatori.19999.codice")), "IND-19999");
    CHECK_NEAR(rz_view_as_num(rz_view_get(rz_view_at(list, 500), "campo11")), 11, 0);
    CHECK(!rz_view_doc_failed(doc));
    rz_view_doc_free(doc);
    double t = seconds() - t0;
    printf("view of 620 000 nodes built, read and freed in %.3f s\n", t);
    CHECK(t < 10);
}

static void test_buf(void)
{
    rz_buf b;
    rz_buf_init(&b);
    CHECK_STR(rz_buf_str(&b), "");
    rz_buf_puts(&b, "uno");
    rz_buf_putc(&b, ' ');
    rz_buf_append(&b, "due\0tre", 7);
    CHECK(b.len == 11 && memcmp(b.data, "uno due\0tre", 12) == 0);
    for (int i = 0; i < 1000; i++)
        rz_buf_printf(&b, "%d,", i);
    CHECK(b.len == 11 + 3890 && b.data[b.len] == '\0');
    rz_buf_clear(&b);
    CHECK(b.len == 0 && strcmp(rz_buf_str(&b), "") == 0);
    rz_buf_printf(&b, "%s", "");
    rz_buf_printf(&b, "%5.1f%%", 97.75);
    CHECK_STR(rz_buf_str(&b), " 97.8%");
    size_t n = 0;
    char *s = rz_buf_detach(&b, &n);
    CHECK(s && n == 6 && strcmp(s, " 97.8%") == 0);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
    s = rz_buf_detach(&b, &n);
    CHECK(s && n == 0 && *s == '\0');
    free(s);
    CHECK(!rz_buf_failed(&b));
    rz_buf_free(&b);
}

int main(void)
{
    test_buf();
    test_scalars();
    test_maps_and_lists();
    test_scale();
    return check_done();
}
