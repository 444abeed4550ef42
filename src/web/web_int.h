/* web_int.h - helpers shared by the API and page handlers. */
#ifndef TT_WEB_INT_H
#define TT_WEB_INT_H

#include <jansson.h>

#include "core/document.h"
#include "core/round.h"
#include "web/http.h"

/* The round id in r->params[0]; TT_ERR_NOT_FOUND when not a positive integer. */
tt_rc web_round_id(http_req *r, int64_t *id);
/* A count as JSON: whole numbers as integers. */
json_t *web_number(double v);
/* The consolidated view as JSON (the API shape, also the JSON export). */
json_t *web_consolidated_json(const round_consolidated *c);

/* TT_OK when the user is an admin; otherwise a forbidden error. */
tt_rc web_require_admin(http_req *r);

/* The document id in r->params[0]; TT_ERR_NOT_FOUND when not a positive integer. */
tt_rc web_document_id(http_req *r, int64_t *id);
/* TT_OK when the user may import documents (not a viewer) and the request
 * carries at least one file. */
tt_rc web_upload_check(http_req *r);
/* Imports the i-th uploaded file. On failure *message says why in
 * Vietnamese (arena string). */
tt_rc web_import_file(http_req *r, size_t i, int64_t *id, document_outcome *outcome, const char **message);
/* A stored document's metadata as JSON. */
json_t *web_document_json(const st_document *d);

#endif
