/* version.c — the library's version, fixed at build time by CMake. */
#include "version.h"

const char *rz_version(void)
{
    return RELAZIONE_VERSION;
}
