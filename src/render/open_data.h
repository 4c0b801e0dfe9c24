/*
 * open_data.h — the scored cycle as open data (d.lgs. 33/2013, art. 7).
 *
 * From the engine's numbers (score.h), never from the documents' text:
 *
 *   obiettivi.csv    the entity, areas, strategic and operational objectives
 *   indicatori.csv   one row per indicator for the whole body, and one per
 *                    unit that measures it with data of its own
 *   unita.csv        the organisational units and their results
 *   rettifiche.csv   approved and declared rettifiche of the scores
 *   relazione.json   all of the above, typed (schemas/relazione-dati.schema.json)
 *   LEGGIMI.md       the data dictionary, in Italian, with the licence
 *
 * Figures are rounded to the decimals the documents print them with (the
 * plan's rules), so a reader finds in the files the very numbers of the
 * Relazione; they are written with a decimal point, no thousands
 * separator and no % sign; dates as ISO 8601 (2019-12-31); a figure that
 * cannot be computed is an empty cell (null in JSON). CSV is UTF-8,
 * comma-separated, RFC 4180 quoting, a header row. Codes join the files:
 * an indicator names its objective by level and code and its unit by code.
 */
#ifndef RZ_OPEN_DATA_H
#define RZ_OPEN_DATA_H

#include "buf.h"
#include "score.h"

#define RZ_OPEN_DATA_FILES 6
#define RZ_OPEN_DATA_LICENCE "CC BY 4.0"

typedef struct {
    const char *name; /* "indicatori.csv", … */
    rz_buf data;
} rz_open_data_file;

typedef struct {
    rz_open_data_file files[RZ_OPEN_DATA_FILES];
    size_t n;
} rz_open_data;

/* Builds the files of s. licence NULL: RZ_OPEN_DATA_LICENCE. Returns
 * RZ_IO when memory runs out (out is then freed). */
rz_status rz_open_data_make(const rz_scored *s, const char *licence, rz_open_data *out);
void rz_open_data_free(rz_open_data *o);

#endif
