/*
 * relazione.h — the public API of librelazione.
 *
 * The library turns the structured inputs of a performance cycle (Piano,
 * monitoraggio, Allegati) into the documents a public body publishes. Data
 * flows one way:
 *
 *   XML → load + validate → model → score → view → template → Markdown
 *       → cmark-gfm AST → {Markdown, PDF, HTML}
 *   score → open data (CSV, JSON)
 *
 * Each stage has its own header, included here; a stage only consumes the
 * previous stage's output type. All functions report problems as rz_diag
 * values (diag.h) and never print or exit.
 */
#ifndef RELAZIONE_H
#define RELAZIONE_H

#include "diag.h"
#include "fsutil.h"
#include "version.h"
#include "xmlload.h"
#include "model.h"
#include "validate.h"
#include "score.h"
#include "printed.h"
#include "check.h"
#include "oiv.h"
#include "explain.h"
#include "outline.h"
#include "oiv_view.h"
#include "allegato2_check.h"
#include "contesto.h"
#include "inputs.h"
#include "buf.h"
#include "view.h"
#include "json.h"
#include "format.h"
#include "mustache.h"
#include "report_view.h"
#include "xmlview.h"
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
