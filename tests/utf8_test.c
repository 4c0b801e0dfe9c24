/*
 * utf8_test.c — the UTF-8 decoder shared by the layout's widths and the
 * PDF's code points: it must read text the way libharu's encoder does.
 */
#include "testing.h"
#include "ttf_subset.h"

#include <string.h>

/* Decodes s whole; writes the code points (RZ_UTF8_SKIP included) to out. */
static size_t decode(const char *s, uint32_t *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), count = 0;
    uint32_t cp;
    for (size_t i = 0, k; count < cap && (k = rz_utf8_next(p + i, n - i, &cp)) != 0; i += k)
        out[count++] = cp;
    return count;
}

int main(void)
{
    uint32_t cp[8];
    CHECK(decode("aè€", cp, 8) == 3);
    CHECK(cp[0] == 'a' && cp[1] == 0xE8 && cp[2] == 0x20AC);
    /* Beyond the BMP: a space, as libharu draws it. */
    CHECK(decode("\xF0\x9F\x98\x80", cp, 8) == 1 && cp[0] == 32);
    /* A continuation byte cannot start a character: skipped alone. */
    CHECK(decode("\x80x", cp, 8) == 2 && cp[0] == RZ_UTF8_SKIP && cp[1] == 'x');
    /* A sequence cut short by the end of the text. */
    CHECK(decode("x\xE2\x82", cp, 8) == 2 && cp[0] == 'x' && cp[1] == RZ_UTF8_SKIP);
    /* The end: nothing consumed. */
    CHECK(rz_utf8_next((const unsigned char *)"", 0, cp) == 0);
    return check_done();
}
