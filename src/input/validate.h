/*
 * validate.h — `relazione validate`: every check that applies to one file.
 *
 * A file is parsed safely, validated against the schema its root namespace
 * names, then given the checks of its kind: a Piano its own semantic checks;
 * monitoring data those plus the cross-checks against the Piano it names
 * (whose own problems are summarised in one line, since validating the Piano
 * is that file's job).
 */
#ifndef RZ_VALIDATE_H
#define RZ_VALIDATE_H

#include "diag.h"

rz_status rz_validate_file(const char *path, rz_diags *d);

/* rz_validate_files, several files at once, is public: relazione.h. */

#endif
