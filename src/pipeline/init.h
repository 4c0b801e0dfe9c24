/*
 * init.h — `relazione init`: a minimal, valid, commented set of inputs.
 */
#ifndef RZ_INIT_H
#define RZ_INIT_H

#include "build.h"
#include "diag.h"

/* The check of the diagnostic for an unknown profile. */
#define RZ_CHECK_UNKNOWN_PROFILE "profilo"

/* Writes into outdir (created if missing) the starting inputs of the
 * profile (templates/init/PROFILO/), for the body and year given; the
 * paths written go to *written (rz_built_free). Nothing is written when
 * any target exists already. RZ_INVALID for an unknown profile (diagnostic
 * RZ_CHECK_UNKNOWN_PROFILE). */
rz_status rz_init(const char *outdir, const char *profile, const char *body, int year,
                  rz_built *written, rz_diags *d);

#endif
