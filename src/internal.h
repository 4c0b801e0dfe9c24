/*
 * internal.h — every stage's header at once, for the command-line tool's
 * neighbours that reach past the public API: the tests, the fuzzing
 * harnesses and tools/chiavi.c. Not installed; a program linking the
 * installed library sees relazione.h only.
 */
#ifndef RZ_INTERNAL_H
#define RZ_INTERNAL_H

#include "relazione.h"

#include "diag.h"
#include "fsutil.h"
#include "version.h"
#include "doc_kinds.h"
#include "model.h"
#include "validate.h"
#include "score.h"
#include "printed.h"
#include "check.h"
#include "oiv.h"
#include "oiv_check.h"
#include "explain.h"
#include "outline.h"
#include "oiv_view.h"
#include "allegato2_check.h"
#include "contesto.h"
#include "contesto_check.h"
#include "contesto_view.h"
#include "inputs.h"
#include "buf.h"
#include "view.h"
#include "json.h"
#include "format.h"
#include "mustache.h"
#include "report_view.h"
#include "doc_view.h"
#include "markdown_stats.h"
#include "build.h"
#include "findings.h"
#include "profile.h"
#include "init.h"
#include "pdf_render.h"
#include "html_render.h"
#include "chart.h"
#include "template_keys.h"
#include "open_data.h"
#include "citizens_view.h"

#endif
