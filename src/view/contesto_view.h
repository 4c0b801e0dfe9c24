/*
 * contesto_view.h — the context data (contesto.h) as the templates read
 * it, under "contesto".
 */
#ifndef RZ_CONTESTO_VIEW_H
#define RZ_CONTESTO_VIEW_H

#include "contesto.h"
#include "view.h"

/* One map per section (premessa, contesto_esterno, amministrazione,
 * valutazione_complessiva, bilancio_di_genere, processo; false when the
 * file has no such section), each with "blocchi", a list of maps with
 * exactly one of the keys testo, tabella, elenco, sottosezione,
 * organigramma, fasi, documenti, azioni_positive true, and "firme". Figures
 * and dates are already in Italian form; texts kept only for the checks
 * (stampa="no") are left out. */
rz_view *rz_contesto_view(rz_view_doc *doc, const rz_contesto *x);

#endif
