/*
 * alloc_fail.c — what happens when memory runs out.
 *
 * The library's discipline: an allocation that fails leaves the data as it
 * was and marks its stage failed; the stage's end turns that into RZ_IO and
 * a diagnostic, and nothing downstream takes an incomplete model, score or
 * view for a good one. This test makes the n-th arena block fail, for
 * every n until a build completes untouched, and asks each build to stop
 * with RZ_IO and say so (no crash and no leak: it runs under ASan). It
 * checks that the sweep reached the loader, the engine and the documents'
 * view, and that the list of written files grows past any fixed size.
 *
 * Built only with RELAZIONE_FAULT_INJECTION (scripts/test.sh sets it).
 */
#define _POSIX_C_SOURCE 200809L
#include "testing.h"
#include "arena.h"
#include "build.h"
#include "diag.h"

#include <stdlib.h>
#include <unistd.h>

static int mentions(const rz_diags *d, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].severity == RZ_ERROR && strstr(d->items[i].message, text))
            return 1;
    return 0;
}

static void test_built_grows(void)
{
    rz_built b;
    memset(&b, 0, sizeof b);
    char path[32];
    for (int i = 0; i < 300; i++) {
        snprintf(path, sizeof path, "out/doc%d.md", i);
        CHECK(rz_built_add(&b, path) == RZ_OK);
    }
    CHECK(b.count == 300);
    CHECK_STR(b.paths[0], "out/doc0.md");
    CHECK_STR(b.paths[299], "out/doc299.md");
    rz_built_free(&b);
    CHECK(b.count == 0 && b.paths == NULL);
}

static void test_sweep(const char *sample)
{
    char out[] = "/tmp/rz-allocXXXXXX";
    CHECK(mkdtemp(out) != NULL);
    int seen_load = 0, seen_score = 0, seen_view = 0, completed = 0;
    for (long n = 0; n < 10000 && !completed; n++) {
        rz_diags d, f;
        rz_diags_init(&d);
        rz_diags_init(&f);
        rz_build_options opt = {0};
        rz_built built;
        rz_arena_fail_after(n);
        rz_status st = rz_build(sample, out, &opt, &built, &d, &f);
        long failed = rz_arena_fail_after(-1);
        if (failed == 0) {
            completed = 1;
            CHECK(st == RZ_OK);
            CHECK(built.count > 0);
        } else {
            /* A build that lost memory says so and never reports success. */
            if (st != RZ_IO || !rz_diags_has(&d, "memoria")) {
                fprintf(stderr, "blocco %ld: stato %d\n", n, (int)st);
                rz_diags_print(&d, stderr);
                rz_diags_print(&f, stderr);
                for (size_t i = 0; i < built.count; i++)
                    fprintf(stderr, "  %s\n", built.paths[i]);
            }
            CHECK(st == RZ_IO);
            CHECK(rz_diags_has(&d, "memoria"));
            seen_load |= mentions(&d, "leggendo il file");
            seen_score |= mentions(&d, "calcolo dei punteggi");
            seen_view |= mentions(&d, "dati del documento");
        }
        for (size_t i = 0; i < built.count; i++)
            unlink(built.paths[i]);
        rz_built_free(&built);
        rz_diags_free(&d);
        rz_diags_free(&f);
    }
    CHECK(completed);
    CHECK(seen_load);
    CHECK(seen_score);
    CHECK(seen_view);
    rmdir(out);
}

int main(void)
{
    test_built_grows();
    test_sweep("samples/cciaa-massa-carrara-2019");
    return check_done();
}
