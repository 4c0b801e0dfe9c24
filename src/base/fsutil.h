/*
 * fsutil.h — files: read whole, write atomically, locate data files.
 *
 * Every output goes through rz_write_atomic: the bytes go to a temporary
 * file beside the target, are flushed, and the temporary is renamed over the
 * target. A reader never sees half a document, and a failed run leaves the
 * previous version in place.
 */
#ifndef RZ_FSUTIL_H
#define RZ_FSUTIL_H

#include "diag.h"
#include <stddef.h>
#include <stdio.h>

/* Writes len bytes to path atomically. "-" means standard output. On failure
 * adds a diagnostic naming path and returns RZ_IO. */
rz_status rz_write_atomic(const char *path, const void *data, size_t len, rz_diags *d);

/* A file written in full beside its target under a temporary name
 * (TARGET.tmp-PID-XXXXXX), not yet in place: several can be prepared and
 * then all put in place, or all dropped. */
typedef struct {
    char *path, *tmp;
} rz_staged;

/* Writes len bytes to the temporary of path (flushed to disk). On failure
 * adds a diagnostic naming path, leaves nothing behind and returns RZ_IO. */
rz_status rz_stage(const char *path, const void *data, size_t len, rz_staged *s, rz_diags *d);

/* Renames the temporary over the target; frees s either way. */
rz_status rz_stage_commit(rz_staged *s, rz_diags *d);

/* Removes the temporary; frees s. */
void rz_stage_discard(rz_staged *s);

/* Removes from dir the temporaries of rz_stage whose process is gone (a
 * run killed before it could clean up); returns how many. A temporary of a
 * process still running (or of a process id in use again) is left alone. */
size_t rz_remove_stale_temporaries(const char *dir);

/* Opens path for reading, refusing (with a diagnostic, when d is given)
 * anything but a regular file: a FIFO, a device or a folder would block or
 * never end. NULL on failure. */
FILE *rz_open_regular(const char *path, rz_diags *d);

/* Opens path (standard input for "-") for reading as rz_open_regular
 * does, and refuses at once a regular file larger than max_bytes (status
 * RZ_INVALID, check "size"); *st is RZ_IO when it cannot be opened. NULL on
 * failure, with the diagnostic in d. Close with rz_close_input. */
FILE *rz_open_input(const char *path, size_t max_bytes, rz_status *st, rz_diags *d);
void rz_close_input(FILE *f);

/* The diagnostic for an input past max_bytes (check "size"). */
void rz_diag_too_big(rz_diags *d, const char *path, size_t max_bytes);

/* Reads a whole file (or standard input for "-") into a NUL-terminated
 * buffer, refusing files larger than max_bytes. *out is malloc'ed. */
rz_status rz_read_file(const char *path, size_t max_bytes, char **out, size_t *len, rz_diags *d);

/* Creates a directory and its parents if missing. */
rz_status rz_mkdir_p(const char *path, rz_diags *d);

/* The first folder of path, from the root down, that does not exist (a
 * malloc'ed prefix of path), or NULL when path exists: what rz_mkdir_p
 * would create, for rz_rmdir_made to remove again. */
char *rz_first_missing_dir(const char *path);

/* Removes path and its parents up to made (a prefix of path given by
 * rz_first_missing_dir), each only if empty: a folder some other program
 * filled meanwhile stays. */
void rz_rmdir_made(const char *path, const char *made);

/* rz_data_dir and rz_set_data_dir, the folder of the schemas and
 * templates, are public: relazione.h. */

/* Joins a and b with one '/'; malloc'ed. */
char *rz_path_join(const char *a, const char *b);

#endif
