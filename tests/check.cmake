# relazione check: each check on a minimal case, and the command on the clean fixture.
relazione_unit_test(check_findings ${CMAKE_CURRENT_SOURCE_DIR}/check_findings.c)
target_include_directories(check_findings PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME check_clean_fixture
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "0 errori, 0 avvisi \\(0 rilievi gravi, 0 osservazioni, 0 formali\\)\\. Esito proposto: VALIDA; esito dell'OIV: VALIDA" --
    ${RELAZIONE_BIN} check tests/check/clean
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME check_usage COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 2 "Uso: relazione check" -- ${RELAZIONE_BIN} check)

# The Massa Carrara sample: the checker finds the contradictions seed 003
# really contains, each with both values and where each was printed.
function(relazione_massa_finding name regex)
  add_test(NAME check_massa_${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 1 "${regex}" -- ${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endfunction()
relazione_massa_finding(serial_date "O2\\.1\\.4-g: il risultato è stampato come «43697,00», il numero seriale .* per la data 20/08/2019.*\\(3\\.0 Albero della performance, p\\. 43; 3\\.2 Obiettivi operativi, p\\. 56\\) \\[plaus-serial-date\\]")
# One finding per problem, listing every place it is printed.
relazione_massa_finding(aggregate_against_data "S2\\.1\\.1-b: risultato stampato 94,63%, i dati danno 94,50% \\(275 / 291\\) \\(3\\.0 Albero della performance, p\\. 41\\); risultato stampato 94,59%, i dati danno 94,50% \\(275 / 291\\) \\(3\\.1 Obiettivi strategici, p\\. 48\\) \\[E-result\\]")
relazione_massa_finding(one_finding_200_percent "O2\\.1\\.3-g: risultato stampato 200,00%, i dati danno 87,80% \\(144 / 164\\); la percentuale stampata 200,00% supera il 100%[^[]*; realizzazione del target stampata 100,00%, ricalcolata [^[]*\\(3\\.0 Albero della performance, p\\. 43; 3\\.2 Obiettivi operativi, p\\. 55\\) \\[E-result\\]")
add_test(NAME check_massa_200_percent_once
  COMMAND sh -c "${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019 2>&1 | grep -c '200,00%' | grep -qx 1"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Where the reference figure comes from: here the unit sheet S0, not the Piano.
relazione_massa_finding(target_year "O2\\.1\\.2-c: target stampato 30/11/2018, ma il target 2019 è 30/11/2019, ricavato da scheda S0 della Relazione, p\\. 27 \\(il Piano non è disponibile\\) \\(3\\.0 Albero della performance, p\\. 42; 3\\.2 Obiettivi operativi, p\\. 54\\) \\[A-target\\]")
# A finding resting on a rule the document does not state says so.
relazione_massa_finding(unrounded "O3\\.1\\.3-a: risultato stampato 8,3333333 senza l'arrotondamento a 2 decimali previsto dalle regole \\(8,33\\) \\(l'arrotondamento del risultato non è enunciato dal documento: è dedotto dalle cifre stampate\\).*\\[plaus-precision\\]")
relazione_massa_finding(entity_inferred_status "ente \\(1 I principali risultati raggiunti, PERFORMANCE DI ENTE, p\\. 5; 3\\.1 Obiettivi strategici, riga E ENTE, p\\. 47; 3\\.2 Obiettivi operativi, riga E ENTE, p\\. 53\\): è stampato 100,0%.* 97,8% \\(il documento non dice quali rettifiche siano approvate.*\\[B-declared\\]")
# S3.2.2-b: the text's 3 NC is the true figure, the tables' 0 the wrong one.
relazione_massa_finding(established_figure "S3\\.2\\.2-b: il valore accertato è 3 \\(3 Le criticità.*p\\. 20\\); i dati di monitoraggio danno 0, come le cifre stampate in 3\\.0 Albero della performance, p\\. 45; 3\\.1 Obiettivi strategici, p\\. 50; Scheda S4, p\\. 36: sono questi da correggere.*rettifica approvata dell'obiettivo 3\\.2 \\(91,0%\\)")
# The algorithm printed in an individual objective's table (PO 4); the
# other 27 printed in section 4's tables agree with their targets.
relazione_massa_finding(printed_algorithm "S3\\.1\\.3-c: l'algoritmo indica >= 5 ma il target è 3 \\(4 PO 4, p\\. 68\\) \\[plaus-algorithm\\]")
add_test(NAME check_massa_printed_algorithms_once
  COMMAND sh -c "test $(grep -c 'dove=\"4 [^>]*algoritmo=' samples/cciaa-massa-carrara-2019/monitoraggio.xml) -ge 28 && ${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019 2>&1 | grep -c 'plaus-algorithm' | grep -qx 1"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Counts that look like a 100% typed as counts (sheet S5 of S2.1.4-b), with
# what the body's figure would be without them.
relazione_massa_finding(percent_as_counts "S2\\.1\\.4-b: l'unità S5 riporta 100 su 100 in ogni periodo \\(Q1, Q2\\) \\(Scheda S5, p\\. 37\\): sono le cifre di una percentuale.*senza questi dati il risultato dell'ente sarebbe 92,97% invece di 94,70% \\[plaus-counts\\]")
# The body's figure against the offices' figures of the individual tables.
relazione_massa_finding(body_against_units "O2\\.1\\.4-f: il risultato dell'ente 13,33 \\(3\\.0 Albero della performance, p\\. 43;.*\\) non è compreso tra i risultati delle unità .*\\(S2 9,00 in 4 PO 2, p\\. 66; S3 10,00 in 4 PO 3, p\\. 68; S4 11,00 in 4 PO 4, p\\. 68; S5 11,67 in 4 PO 5, p\\. 69\\).* i dati delle unità danno 10,42: correggere.*\\[E-units\\]")
relazione_massa_finding(missing_reason "FRD-2-b: realizzazione del target al 84,47% senza la motivazione dello scostamento \\[G-reason\\]")
# No reason asked where the rules count the achievement as full (threshold).
add_test(NAME check_massa_no_reason_above_threshold
  COMMAND sh -c "! ${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019 2>&1 | grep -E 'G-reason' | grep -E 'O2\\.1\\.3-g|FRD-1-a'"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# No element names in the messages.
add_test(NAME check_massa_no_element_names
  COMMAND sh -c "! ${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019 2>&1 | grep -E '<[a-z-]+>|elemento <|attribut'"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Figures of the context data declared in relation with others: the
# women's share in 3.4 (a ratio of the staff table's rows), the approval
# phase of chapter 5 (the delibera's date, from the validation's data).
relazione_massa_finding(women_share "contesto.xml:[0-9]+: warning: sezione 3\\.4, tabella «Dati e statistiche di genere», riga «% di Donne rispetto al totale del personale», colonna «Anno 2019»: è stampato 66%, ma la cifra è dichiarata come rapporto tra «Donne» e «Totale» della tabella «Sesso» \\(capitolo 2\\.2\\), che danno 20 su 31 = 64,5%.*\\[plaus-relation\\]")
relazione_massa_finding(approval_date "contesto.xml:[0-9]+: warning: capitolo 5, fase 5 \\(«30 maggio 2020»\\): la data stampata è 30/05/2020, ma la fase è dichiarata coincidente con l'atto di approvazione della Relazione \\(delibera n\\. 21, Giunta camerale\\), .* del 28/05/2020.*\\[plaus-relation\\]")
# Without the cover's act in the context data, the validation's data give it.
add_test(NAME check_approval_date_from_validation
  COMMAND sh -c "d=$(mktemp -d) && cp samples/cciaa-massa-carrara-2019/*.xml $d/ && sed -i '/<approvazione organo=/d' $d/contesto.xml && ${RELAZIONE_BIN} check $d 2>&1 | grep -q 'fase 5 .*che l.approvazione nei dati della validazione dà del 28/05/2020'; s=$?; rm -rf $d; exit $s"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Section 3.3 left as an unfilled template: one finding listing each
# placeholder; the Relazione does not print the text kept for the checks.
relazione_massa_finding(unfilled_template "contesto.xml:[0-9]+: warning: sezione 3\\.3: il testo contiene 9 segnaposti di un modello non compilato.*«…complessivo pari al ----%\\) consente di…».*\\[plaus-template\\]")
add_test(NAME check_massa_template_not_printed
  COMMAND sh -c "d=$(mktemp -d) && ${RELAZIONE_BIN} build samples/cciaa-massa-carrara-2019 -o $d --no-pdf >/dev/null 2>&1 && grep -q 'Valutazione' $d/relazione.md && ! grep -q -e '----%' -e 'nel mese di …' $d/relazione.md; s=$?; rm -rf $d; exit $s"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# A relation citing a row that does not exist is an input error naming the
# file, the line and the fix.
add_test(NAME check_relation_bad_reference
  COMMAND sh -c "d=$(mktemp -d) && cp tests/check/massa-clean/*.xml $d/ && sed -i 's/personale-sesso:donne/personale-sesso:femmine/' $d/contesto.xml && ${RELAZIONE_BIN} check $d 2>&1 | grep -q 'contesto.xml:[0-9]*: error: tabella indicatori-genere, riga «% di Donne rispetto al totale del personale»: rapporto=.*la riga citata non esiste.*\\[contesto-ref\\]'; s=$?; rm -rf $d; exit $s"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The context data's totals that the printed rows do not support.
relazione_massa_finding(total_seniority "contesto.xml:[0-9]+: warning: tabella «Anzianità di servizio» \\(personale-anzianita\\), riga «Totale», colonna «Anno 2019»: il totale stampato è 32, ma la somma delle 9 righe che totalizza è 31.*\\[plaus-totals\\]")
relazione_massa_finding(total_gender "tabella «Sesso» \\(personale-sesso\\), riga «Totale», colonna «Anno 2016»: il totale stampato è 39, ma la somma delle 2 righe che totalizza è 42")
relazione_massa_finding(total_revenue "riga «Totale Proventi Correnti \\(A\\)», colonna «Consuntivo anno 2019»: il totale stampato è 3\\.821\\.170,00, ma la somma delle 5 righe che totalizza è 3\\.821\\.170,17 \\(differenza 0,17\\)")
relazione_massa_finding(total_across_tables "tabella «Anzianità di servizio», colonna «Anno 2019»: il totale è 32, ma la tabella «Categorie» \\(riga [0-9]+\\), che ripartisce la stessa popolazione «personale», dà 31 \\[plaus-inconsistent\\]")
relazione_massa_finding(verdict "\\(1 rilievo grave, [0-9]+ osservazioni, [0-9]+ formali\\)\\. Esito proposto: NON VALIDA; esito dell'OIV: VALIDA CON OSSERVAZIONI")

# The same plan with consistent data: nothing to report. The variant is made
# by tests/check/make-massa-clean.py (sources added, contradicting printed
# figures dropped, reasons and the OIV's inputs filled in).
add_test(NAME check_massa_clean
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "^0 errori, 0 avvisi \\(0 rilievi gravi, 0 osservazioni, 0 formali\\)\\. Esito proposto: VALIDA; esito dell'OIV: VALIDA" --
    ${RELAZIONE_BIN} check tests/check/massa-clean
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Allegato 2: the declared counts against those computed from the Piano.
add_test(NAME check_allegato2_differs
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "allegato2.xml:11: warning: Allegato 2, obiettivi strategici, numero di indicatori: dichiarati 4, dal Piano risultano 3 \\[A-allegato2\\]" --
    ${RELAZIONE_BIN} check tests/check/allegato2
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME check_allegato2_operational
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "allegato2.xml:21: warning: .*obiettivi operativi, indicatori privi di formula di calcolo: dichiarati 0, dal Piano risultano 1" --
    ${RELAZIONE_BIN} check tests/check/allegato2
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# The rows that agree produce nothing.
add_test(NAME check_allegato2_agreeing_rows
  COMMAND sh -c "${RELAZIONE_BIN} check tests/check/allegato2 2>&1 | grep -c 'A-allegato2' | grep -qx 3"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# No verdict without valid data: the input errors come first, then the line
# that says the verdict cannot be computed, and nothing else.
add_test(NAME check_invalid_plan_no_verdict
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check/no-verdict.sh ${RELAZIONE_BIN} weights
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME check_invalid_plan_one_line_per_file
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check/no-verdict.sh ${RELAZIONE_BIN} schema
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME check_no_monitoring_no_verdict
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check/no-verdict.sh ${RELAZIONE_BIN} no-monitoring
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The proposed verdict for one defect left in the consistent Massa Carrara
# variant: the year typo in a printed target and a printed result off by
# 0,01 are observations (VALIDA CON OSSERVAZIONI), the entity's score
# printed 100,0% for 97,8% is grave (NON VALIDA); their opposites: the typo
# with the score it implies printed, the printed score wrong, the entity
# printed right; and a defect of form only (VALIDA). A printed weight that
# the Piano's weights do not give is grave (NON VALIDA); a contribution to
# the entity («% su Ente») printed wrong beside right weights is an
# observation.
foreach(case target-typo target-typo-scored result-94-69 score-94-69 entity-100 entity-97-8 serial-date
        weight-os-1-1 contribution-ob3 algorithm-date women-share approval-date
        template-dashes)
  add_test(NAME check_single_defect_${case}
    COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/check/single-defect.py ${RELAZIONE_BIN} ${case}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()

# A total that adds subtotals is checked against the recomputed subtotals:
# «Risultato Gestione Corrente (A-B)» is right from the detail rows, and the
# wrong «Totale Proventi Correnti (A)» is reported once, on its own row.
add_test(NAME check_massa_total_of_subtotals_not_flagged
  COMMAND sh -c "out=$(${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019 2>&1); echo \"$out\" | grep -q 'Totale Proventi Correnti (A)' && ! echo \"$out\" | grep -q 'Risultato Gestione Corrente'"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
