/*
 * testing.h — the few assertions the C tests need.
 *
 * Each CHECK counts a pass or prints the failing expression with its line;
 * check_done() prints the closing "N passed, N failed" line and gives the
 * exit status, so CTest and a reader see the same verdict.
 */
#ifndef RZ_TEST_CHECK_H
#define RZ_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                      \
    do {                                                                                           \
        double check_a_ = (a), check_b_ = (b);                                                     \
        if (fabs(check_a_ - check_b_) <= (tol)) {                                                  \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: %s = %.10g, expected %.10g\n", __FILE__, __LINE__, #a,         \
                    check_a_, check_b_);                                                           \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *check_a_ = (a), *check_b_ = (b);                                               \
        if (check_a_ && check_b_ && strcmp(check_a_, check_b_) == 0) {                             \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,       \
                    check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)");               \
        }                                                                                          \
    } while (0)

static int check_done(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
