/*
 * template_keys.h — the keys templates can use, listed for the clerk who
 * edits them (templates/LEGGIMI.md).
 *
 * The list is read from the view itself, as `relazione build` makes it, so
 * it cannot drift from the code: every path of maps and lists is collected
 * once ("aree[].obiettivi_strategici[].codice"), with the first value met as
 * its example. The meanings come from one table in template_keys.c, by the
 * key's name or by its whole path; a key the table does not explain is an
 * error, so adding a key to the view without saying what it means fails the
 * test that compares templates/LEGGIMI.md with a fresh list.
 */
#ifndef RZ_TEMPLATE_KEYS_H
#define RZ_TEMPLATE_KEYS_H

#include "buf.h"
#include "diag.h"
#include "view.h"

typedef struct rz_key_list rz_key_list;

/* An empty list; NULL when memory runs out. */
rz_key_list *rz_key_list_new(void);
void rz_key_list_free(rz_key_list *l);

/* Adds every path of root not yet listed. Returns RZ_IO when memory ran
 * out (the list then lacks some keys). */
rz_status rz_key_list_add(rz_key_list *l, const rz_view *root);

/* The list as templates/LEGGIMI.md, in Italian, appended to out. Returns
 * RZ_INVALID, with one error in d for each, when a key has no meaning in
 * the table (out then lacks those keys). */
rz_status rz_key_list_markdown(const rz_key_list *l, rz_buf *out, rz_diags *d);

#endif
