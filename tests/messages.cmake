# libxml2's messages in Italian, with the fix, keeping `file:riga:` and the
# English original in brackets after it (src/input/xmlmsg.c): one fixture in
# tests/bad/messaggi/ per message a clerk can trigger. Each is the test Piano
# with one mistake.
set(RZ_MSG ${CMAKE_CURRENT_SOURCE_DIR}/bad/messaggi)
# relazione_message(NAME FILE REGEX): `validate FILE` exits 1 and prints REGEX.
function(relazione_message name file regex)
  add_test(NAME msg_${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 1 "${regex}" -- ${RELAZIONE_BIN} validate ${file}
    WORKING_DIRECTORY ${RZ_MSG})
endfunction()

relazione_message(ampersand e-commerciale.xml "^e-commerciale.xml:46: error: una & nel testo va scritta &amp; .*\\[xmlParseEntityRef: no name\\] \\[xml\\]$")
relazione_message(entity entita.xml "^entita.xml:46: error: &nbsp; non esiste in XML: scrivere il carattere stesso")
relazione_message(less_than minore.xml "^minore.xml:46: error: un < nel testo va scritto &lt;")
relazione_message(decimal_comma virgola-decimale.xml "^virgola-decimale.xml:11: error: <punteggio-massimo>: scrivere 3\\.9: il separatore decimale è il punto.* \\[Element .*'3,9' is not a valid value")
# One line: libxml2's own message spans two.
add_test(NAME msg_not_utf8
  COMMAND sh -c "out=$(${RELAZIONE_BIN} validate latin1.xml 2>&1); echo \"$out\"; test \"$(echo \"$out\" | wc -l)\" -eq 1 && echo \"$out\" | grep -Eq '^latin1.xml:34: error: il file non è in UTF-8: salvarlo come UTF-8 \\(byte 0xE0 alla riga 34'"
  WORKING_DIRECTORY ${RZ_MSG})
relazione_message(enumeration valore-elenco.xml "^valore-elenco.xml:15: error: attributo regola di <scadenze>: il valore «boh» non è ammesso; i valori ammessi sono: tutto-o-niente, penalita-giornaliera")
relazione_message(element_namespace namespace-elemento.xml "^namespace-elemento.xml:5: error: l'elemento <anno> è fuori dal namespace dei dati: va nel namespace urn:relazione:piano:1")
relazione_message(unexpected_element elemento-inatteso.xml "^elemento-inatteso.xml:5: error: elemento <annata> non previsto in questa posizione: qui lo schema si aspetta <triennio> \\(")
relazione_message(missing_element elemento-mancante.xml "^elemento-mancante.xml:6: error: elemento <triennio> non previsto in questa posizione: qui lo schema si aspetta <anno> \\(")
relazione_message(tag_mismatch tag-chiusura.xml "^tag-chiusura.xml:34: error: il tag di chiusura </titol> non corrisponde a <titolo> aperto alla riga 34")
relazione_message(missing_attribute attributo-mancante.xml "^attributo-mancante.xml:6: error: in <triennio> manca l'attributo obbligatorio a=")
relazione_message(unknown_attribute attributo-inatteso.xml "^attributo-inatteso.xml:6: error: l'attributo x non è previsto in <triennio>")
relazione_message(year anno.xml "^anno.xml:5: error: <anno>: «duemila» non è un anno: scriverlo con quattro cifre")
relazione_message(date data.xml "^data.xml:8: error: attributo data di <delibera>: «31/01/2019» non è una data: scriverla nella forma AAAA-MM-GG")
relazione_message(truncated troncato.xml "^troncato.xml:40: error: il file finisce prima della chiusura di <algoritmo> aperto alla riga 40")
relazione_message(empty_text vuoto.xml "^vuoto.xml:4: error: <nome> è vuoto: scrivere il testo richiesto")
# A required child missing: the elements the schema expects, named (not
# the "(s)" of libxml2's "element(s)"), at the line where the parent
# starts, though it is found at its end.
relazione_message(missing_child manca-figlio.xml "^manca-figlio.xml:33: error: in <area-strategica> manca un elemento obbligatorio: lo schema si aspetta <descrizione>, <prospettiva>, <programma>, <unita> oppure <obiettivo-strategico> ")
# A Piano is validated as it is read: stray text is named at its own line,
# not at the line of the element it stands in.
relazione_message(stray_text testo-fuori-posto.xml "^testo-fuori-posto.xml:5: error: testo fuori posto in <piano>")
relazione_message(declaration dichiarazione.xml "^dichiarazione.xml:2: error: la riga <\\?xml … \\?> deve essere la prima del file")
relazione_message(maximum massimo.xml "^massimo.xml:11: error: <punteggio-massimo>: 100000 supera il massimo ammesso \\(1000\\)")
relazione_message(spaces spazi.xml "^spazi.xml:38: error: attributo codice di <indicatore>: «S1 1-a» non può contenere spazi")
# The same mistake seen by two facets is said once.
add_test(NAME msg_said_once
  COMMAND sh -c "test $(${RELAZIONE_BIN} validate vuoto.xml 2>&1 | grep -c 'vuoto.xml:4:') -eq 1"
  WORKING_DIRECTORY ${RZ_MSG})

# An invalid Piano: its errors come first, then one line per file that
# depends on it, without repeating them (validate, check, build).
foreach(cmd validate check build)
  if(cmd STREQUAL "validate")
    set(args validate tests/bad/piano-errato/piano.xml tests/bad/piano-errato/monitoraggio.xml)
  elseif(cmd STREQUAL "build")
    set(args build tests/bad/piano-errato -o ${CMAKE_CURRENT_BINARY_DIR}/piano-errato-out --no-pdf)
  else()
    set(args check tests/bad/piano-errato)
  endif()
  add_test(NAME msg_cause_first_${cmd}
    COMMAND sh -c "out=$(\"$0\" \"$@\" 2>&1); rc=$?; echo \"$out\"; test $rc -eq 1 && echo \"$out\" | head -1 | grep -q 'piano.xml:5: error: <anno>' && test $(echo \"$out\" | grep -c '2019x') -eq 1 && test $(echo \"$out\" | grep -c 'monitoraggio.xml: error: file non verificato: dipende dal Piano (piano.xml)') -eq 1" ${RELAZIONE_BIN} ${args}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()
# A symbol font's glyph pasted from a word processor: a warning with its line
# (validation passes), and the documents leave it out.
add_test(NAME msg_private_use
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "^simbolo-privato.xml:46: warning: carattere U\\+F0E0 dell'area ad uso privato di Unicode .*sostituirlo con il carattere voluto" -- ${RELAZIONE_BIN} validate simbolo-privato.xml
  WORKING_DIRECTORY ${RZ_MSG})
# The same warnings wherever the characters fall in the file, across the
# chunks it is read in, with the lines counted right.
add_test(NAME msg_private_use_chunks
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/private_use.py ${RELAZIONE_BIN} ${RZ_MSG}/simbolo-privato.xml ${CMAKE_CURRENT_BINARY_DIR})
# A large Piano is validated and read in pieces, never held whole; a late
# error is named where its element starts.
add_test(NAME validate_pieces
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/validate_pieces.sh ${RELAZIONE_BIN})
