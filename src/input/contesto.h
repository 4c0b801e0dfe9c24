/*
 * contesto.h — the context data of the Relazione (contesto.xml): the
 * Premessa, chapter 2 (territory, organisation, staff, resources), 3.3,
 * 3.4 (gender balance, positive actions) and chapter 5 (process, documents
 * of the cycle).
 *
 * The document is a sequence of blocks per section (text, typed tables,
 * lists, subsections, organisation chart, process phases, documents,
 * positive actions). Tables carry their figures in canonical form
 * (2616678.00) with a type per column, row or cell; this module prints them
 * in Italian form for the templates and checks what XSD cannot: that each
 * figure reads as its type, that every row has one cell per column, that
 * the rows a total names exist, and (as a finding for the OIV) that each
 * printed total is the sum of its rows.
 */
#ifndef RZ_CONTESTO_H
#define RZ_CONTESTO_H

#include "oiv.h"
#include "view.h"
#include "xmlload.h"

/* Checks what the schema cannot express; errors carry check ids
 * "contesto-cella", "contesto-riga", "contesto-ref" and "contesto-livelli"
 * (subsections nested deeper than three levels, organisation charts deeper
 * than twelve). Returns RZ_OK or RZ_INVALID. */
rz_status rz_contesto_check(const rz_xml *x, rz_diags *d);

/* Appends a [plaus-totals] warning for every total row whose printed
 * figure differs from the sum of the rows it totals by more than the
 * rounding of the printed figures allows, and a [plaus-inconsistent]
 * warning for every grand total that differs from the one, under the same
 * column heading, of an earlier table breaking down the same population
 * (attribute popolazione). */
void rz_contesto_check_totals(const rz_xml *x, rz_diags *findings);

/* Appends the findings on the context's printed text and figures:
 *   [plaus-relation] a figure declared as the ratio of (rapporto) or equal
 *     to (uguale) figures of other tables that they do not give, to the
 *     printed precision; a phase of chapter 5 declared to coincide with the
 *     act of approval or transmission (coincide-con) whose date differs
 *     from the act's: the cover's approvazione, else the validation's data
 *     (oiv, may be NULL);
 *   [plaus-template] a placeholder of an unfilled template left in a text
 *     («pari al ----%», «nel mese di …..», «[...]», «XX%»).
 * Texts kept only for the checks (stampa="no") are examined too. */
void rz_contesto_check_findings(const rz_xml *x, const rz_oiv *oiv, rz_diags *findings);

/* The view the templates read under "contesto": one map per section
 * (premessa, contesto_esterno, amministrazione, valutazione_complessiva,
 * bilancio_di_genere, processo), each with "blocchi", a list of maps with
 * exactly one of the keys testo, tabella, elenco, sottosezione,
 * organigramma, fasi, documenti, azioni_positive. Figures and dates are
 * already formatted. */
rz_view *rz_contesto_view(rz_view_doc *doc, const rz_xml *x);

#endif
