/*
 * json_test.c — the JSON writer's exact output and escaping, the reader's
 * strictness, error lines, \u escapes and limits, and write/read round trips.
 */
#include "testing.h"
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>

static rz_diags diags;

/* Parses text; returns the root or NULL. */
static rz_view *parse(rz_view_doc *doc, const char *text, size_t len)
{
    rz_view *v = NULL;
    rz_json_parse(text, len, doc, &v, "t.json", &diags);
    return v;
}

static rz_view *parse_str(rz_view_doc *doc, const char *text)
{
    return parse(doc, text, strlen(text));
}

/* Whether text is refused with one error on the given line. */
static int refused_on_line(rz_view_doc *doc, const char *text, long line)
{
    size_t before = diags.count;
    rz_view *v = NULL;
    rz_status st = rz_json_parse(text, strlen(text), doc, &v, "bad.json", &diags);
    int ok = st == RZ_INVALID && v == NULL && diags.count == before + 1 &&
             diags.items[before].line == line && strcmp(diags.items[before].check, "json") == 0;
    if (!ok)
        fprintf(stderr, "not refused as expected: %s\n", text);
    return ok;
}

static char *written(const rz_view *v)
{
    rz_buf b;
    rz_buf_init(&b);
    rz_json_write(v, &b);
    char *s = malloc(b.len + 1);
    memcpy(s, rz_buf_str(&b), b.len + 1);
    rz_buf_free(&b);
    return s;
}

static void test_writer(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *m = rz_view_map(doc);
    rz_view_set_str(m, "nome", "Città \"bella\"\n");
    rz_view_set_num(m, "x", 1.5);
    rz_view_set_num(m, "n", 3);
    rz_view_set_num(m, "nan", NAN);
    rz_view_set_bool(m, "ok", 0);
    rz_view_set(m, "vuota", rz_view_list(doc));
    rz_view_set(m, "vuoto", rz_view_map(doc));
    rz_view *l = rz_view_list(doc);
    rz_view_push(l, rz_view_num(doc, 0.1));
    rz_view_push(l, NULL);
    rz_view *inner = rz_view_map(doc);
    rz_view_set_str(inner, "a\tb", "\x01\x1f\x7f\b\f\r\\/");
    rz_view_push(l, inner);
    rz_view_set(m, "lista", l);
    char *s = written(m);
    CHECK_STR(s, "{\n"
                 "  \"nome\": \"Città \\\"bella\\\"\\n\",\n"
                 "  \"x\": 1.5,\n"
                 "  \"n\": 3,\n"
                 "  \"nan\": null,\n"
                 "  \"ok\": false,\n"
                 "  \"vuota\": [],\n"
                 "  \"vuoto\": {},\n"
                 "  \"lista\": [\n"
                 "    0.1,\n"
                 "    null,\n"
                 "    {\n"
                 "      \"a\\tb\": \"\\u0001\\u001f\x7f\\b\\f\\r\\\\/\"\n"
                 "    }\n"
                 "  ]\n"
                 "}\n");
    free(s);
    /* UTF-8 passes through; a NUL byte is escaped; invalid bytes become
     * U+FFFD so the output stays valid. */
    s = written(rz_view_strn(doc, "\xE2\x82\xAC \xF0\x9F\x98\x80 a\0b \xFF \xC3", 16));
    CHECK_STR(s, "\"€ 😀 a\\u0000b \xEF\xBF\xBD \xEF\xBF\xBD\"\n");
    free(s);
    s = written(NULL);
    CHECK_STR(s, "null\n");
    free(s);
    rz_view_doc_free(doc);
}

static void test_reader(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *v = parse_str(doc, "\xEF\xBB\xBF { \"a\" : [ true , false , null , -0 , 1e2 , "
                                "1.25E-1 , 0 , \"\" ] , \"a\" : 2 , \"b\" : {} }  \n");
    CHECK(v != NULL);
    CHECK(rz_view_len(v) == 2); /* the duplicate "a" keeps its place, last value */
    CHECK_NEAR(rz_view_as_num(rz_view_get(v, "a")), 2, 0);
    v = parse_str(doc, "[true,false,null,-0,1e2,1.25E-1,0,\"\",123456789012345678901234567890]");
    CHECK(rz_view_len(v) == 9);
    CHECK(rz_view_as_bool(rz_view_at(v, 0)) && !rz_view_as_bool(rz_view_at(v, 1)));
    CHECK(rz_view_kind_of(rz_view_at(v, 2)) == RZ_VIEW_NULL && rz_view_at(v, 2) != NULL);
    CHECK_NEAR(rz_view_as_num(rz_view_at(v, 4)), 100, 0);
    CHECK_NEAR(rz_view_as_num(rz_view_at(v, 5)), 0.125, 0);
    CHECK_NEAR(rz_view_as_num(rz_view_at(v, 8)), 1.2345678901234568e29, 1e14);
    CHECK(rz_view_kind_of(rz_view_at(v, 7)) == RZ_VIEW_STRING);

    /* Escapes, \u with surrogate pairs, UTF-8 as it is. */
    v = parse_str(doc,
                  "\"\\\"\\\\\\/\\b\\f\\n\\r\\t \\u00e8\\u20AC \\ud83d\\ude00 città \\u0000!\"");
    const char *want = "\"\\/\b\f\n\r\t è€ 😀 città ";
    CHECK(v && rz_view_str_len(v) == strlen(want) + 2);
    CHECK(v && memcmp(rz_view_as_str(v), want, strlen(want)) == 0);
    CHECK(v && memcmp(rz_view_as_str(v) + strlen(want), "\0!", 3) == 0);
    CHECK(parse_str(doc, "  42  ") && rz_view_as_num(parse_str(doc, "42")) == 42);

    /* Refusals, each with the line of the mistake. */
    CHECK(refused_on_line(doc, "", 1));
    CHECK(refused_on_line(doc, "   \n  ", 2));
    CHECK(refused_on_line(doc, "{\n\"a\": [1,\n2,,]}", 3));
    CHECK(refused_on_line(doc, "[1,]", 1));
    CHECK(refused_on_line(doc, "{\"a\":1,}", 1));
    CHECK(refused_on_line(doc, "{\"a\" 1}", 1));
    CHECK(refused_on_line(doc, "{a:1}", 1));
    CHECK(refused_on_line(doc, "[1 2]", 1));
    CHECK(refused_on_line(doc, "1 2", 1));
    CHECK(refused_on_line(doc, "[\n\n01]", 3));
    CHECK(refused_on_line(doc, "1.", 1));
    CHECK(refused_on_line(doc, ".5", 1));
    CHECK(refused_on_line(doc, "+1", 1));
    CHECK(refused_on_line(doc, "1e", 1));
    CHECK(refused_on_line(doc, "1e+", 1));
    CHECK(refused_on_line(doc, "-", 1));
    CHECK(refused_on_line(doc, "0x10", 1));
    CHECK(refused_on_line(doc, "1e999", 1));
    CHECK(refused_on_line(doc, "NaN", 1));
    CHECK(refused_on_line(doc, "tru", 1));
    CHECK(refused_on_line(doc, "nul", 1));
    CHECK(refused_on_line(doc, "[true false]", 1));
    CHECK(refused_on_line(doc, "\"abc", 1));
    CHECK(refused_on_line(doc, "\"a\\", 1));
    CHECK(refused_on_line(doc, "\"a\nb\"", 1));
    CHECK(refused_on_line(doc, "\"\\x\"", 1));
    CHECK(refused_on_line(doc, "\"\\u12\"", 1));
    CHECK(refused_on_line(doc, "\"\\u12g4\"", 1));
    CHECK(refused_on_line(doc, "\"\\ud83d\"", 1));
    CHECK(refused_on_line(doc, "\"\\ud83d\\u0041\"", 1));
    CHECK(refused_on_line(doc, "\"\\ude00\"", 1));
    CHECK(refused_on_line(doc, "\"\xFF\"", 1));
    CHECK(refused_on_line(doc, "\"\xC0\xAF\"", 1));         /* overlong '/' */
    CHECK(refused_on_line(doc, "\"\xED\xA0\x80\"", 1));     /* a surrogate in UTF-8 */
    CHECK(refused_on_line(doc, "\"\xF4\x90\x80\x80\"", 1)); /* past U+10FFFF */
    CHECK(refused_on_line(doc, "\"\xE2\x82\"", 1));         /* truncated */
    CHECK(refused_on_line(doc, "{\"a\\u0000b\": 1}", 1));
    CHECK(refused_on_line(doc, "[1] // commento", 1));
    CHECK(refused_on_line(doc, "{\"a\":\n{\"b\":\n[1,\n{\"c\": x}]}}", 4));
    /* Text past len is not read: "[1]" cut to "[1". */
    CHECK(parse(doc, "[1]", 2) == NULL);

    /* Depth: 512 nested containers are accepted, 513 are not. */
    rz_buf deep;
    for (int n = 512; n <= 513; n++) {
        rz_buf_init(&deep);
        for (int i = 0; i < n; i++)
            rz_buf_putc(&deep, '[');
        for (int i = 0; i < n; i++)
            rz_buf_putc(&deep, ']');
        size_t before = diags.count;
        v = parse(doc, deep.data, deep.len);
        CHECK(n == 512 ? v != NULL : v == NULL && diags.count == before + 1);
        rz_buf_free(&deep);
    }
    /* Far deeper input fails the same way, without using the C stack. */
    rz_buf_init(&deep);
    for (int i = 0; i < 100000; i++)
        rz_buf_puts(&deep, "{\"a\":[");
    CHECK(parse(doc, deep.data, deep.len) == NULL);
    rz_buf_free(&deep);
    CHECK(!rz_view_doc_failed(doc));
    rz_view_doc_free(doc);
}

/* Writing, reading back and writing again gives the same text, including
 * long keys (past the reader's on-stack copy) and nested maps whose keys
 * are decoded while the outer key is pending. */
static void test_round_trip(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *m = rz_view_map(doc);
    char long_key[200];
    memset(long_key, 'k', sizeof long_key - 1);
    long_key[sizeof long_key - 1] = '\0';
    for (int i = 0; i < 50; i++) {
        rz_view *inner = rz_view_map(doc);
        rz_view_set_num(inner, "valore", i * 0.1);
        rz_view_set_strf(inner, "testo", "riga %d: \"%c\" \t città", i, 'a' + i % 26);
        rz_view *l = rz_view_list(doc);
        rz_view_push(l, rz_view_num(doc, 1e-300 * i));
        rz_view_push(l, rz_view_num(doc, -1e300 * i));
        rz_view_set(inner, long_key, l);
        char key[32];
        snprintf(key, sizeof key, "k%d \u00e8", i);
        rz_view_set(m, key, inner);
    }
    char *first = written(m);
    rz_view *back = parse_str(doc, first);
    CHECK(back != NULL);
    char *second = written(back);
    CHECK(strcmp(first, second) == 0);
    CHECK(rz_view_len(back) == 50);
    CHECK_NEAR(rz_view_as_num(rz_view_get_path(back, "k7 è.valore")), 0.7000000000000001, 0);
    CHECK(rz_view_len(rz_view_get(rz_view_get(back, "k49 è"), long_key)) == 2);
    free(first);
    free(second);
    rz_view_doc_free(doc);
}

/* Random damage to a valid document: every result is either a view or one
 * error diagnostic, never a crash or a read past the text (ASan watches). */
static void test_mutations(void)
{
    rz_view_doc *doc = rz_view_doc_new();
    rz_view *text_root =
        parse_str(doc, "{\"a\": [1, -2.5e3, true, null, \"x\\u00e8\\ud83d\\ude00\"],"
                       " \"b\": {\"c\": \"città\", \"d\": [[], {}]}}");
    char *base = written(text_root);
    size_t len = strlen(base);
    uint64_t seed = 0x2545F4914F6CDD1Du;
    int bad = 0;
    static const char alphabet[] = "{}[]\",:\\u0123456789.eE+-tfnlrsaxd \n\xC3\xA8\xFF";
    for (int i = 0; i < 5000; i++) {
        char *m = malloc(len + 8);
        memcpy(m, base, len);
        size_t n = len;
        for (int k = 0; k < 1 + i % 3 && n > 0; k++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            size_t at = (size_t)(seed % n);
            char c = alphabet[(seed >> 32) % (sizeof alphabet - 1)];
            switch ((seed >> 48) % 4) {
            case 0:
                m[at] = c;
                break;
            case 1:
                memmove(m + at + 1, m + at, n - at);
                m[at] = c;
                n++;
                break;
            case 2:
                memmove(m + at, m + at + 1, n - at - 1);
                n--;
                break;
            default:
                n = at + 1;
            }
        }
        /* An exact-size copy, so ASan sees any read past the end. */
        char *exact = malloc(n);
        memcpy(exact, m, n);
        free(m);
        size_t before = diags.count;
        rz_view *v = NULL;
        rz_status st = rz_json_parse(exact, n, doc, &v, "m.json", &diags);
        if (!((st == RZ_OK && v && diags.count == before) ||
              (st == RZ_INVALID && !v && diags.count == before + 1)))
            bad++;
        free(exact);
    }
    CHECK(bad == 0);
    free(base);
    rz_view_doc_free(doc);
}

int main(void)
{
    rz_diags_init(&diags);
    test_writer();
    test_reader();
    test_round_trip();
    test_mutations();
    rz_diags_free(&diags);
    return check_done();
}
