/*
 * init.h — `relazione init`: a minimal, valid, commented set of inputs.
 */
#ifndef RZ_INIT_H
#define RZ_INIT_H

#include "build.h"
#include "diag.h"

/* Writes into outdir (created if missing) the starting inputs of the
 * profile (templates/init/PROFILO/), for the body and year given; the
 * paths written go to *written (rz_built_free). Nothing is written when
 * any target exists already. RZ_USAGE for an unknown profile. */
rz_status rz_init(const char *outdir, const char *profile, const char *body, int year,
                  rz_built *written, rz_diags *d);

#endif
