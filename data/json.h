/* data/json.h: the one JSON encoding of the model (jansson), used by the
 * json output of commands and by both sides of the admin API.
 *
 *   rows     {"columns":[...], "rows":[{col: value, ...}], "next": cursor|null}
 *   action   {"kind", "target", "reason", "params":{}, "force", "dry_run",
 *             "key"}   (target: a number, or a name for moderator/template)
 *   result   {"audit_id", "replayed", "message", "data": rows|null}
 *   error    {"error": {"kind", "message", "field", "index"}}
 *
 * Text that is not valid UTF-8 cannot be a JSON string: each invalid byte
 * becomes the four characters \xNN, as the safe renderer draws it. */
#ifndef WARDEN_JSON_H
#define WARDEN_JSON_H

#include <jansson.h>

#include "model.h"

/* A JSON string from bytes that may not be UTF-8. */
json_t *json_text(const char *s, size_t len);

json_t *json_from_value(const struct value *v);
json_t *json_from_row(const struct rows *r, size_t row);
json_t *json_from_rows(const struct rows *r);
int rows_from_json(const json_t *j, struct rows **out, struct werr *e);

json_t *json_from_action(const struct action *a);
/* Strict: an unknown field or a wrong type is WE_INVALID naming it.  The
 * actor is not read from JSON; the caller sets it. */
int action_from_json(const json_t *j, struct action *a, struct werr *e);

json_t *json_from_result(const struct action_result *r);
int result_from_json(const json_t *j, struct action_result *r,
    struct werr *e);

json_t *json_from_error(const struct werr *e);
/* Reads an error body; false if j is not one (nor is one whose kind is
 * "ok").  A kind nobody knows reads as WE_INTERNAL. */
bool error_from_json(const json_t *j, struct werr *e);

/* The action's parameters (and force) as compact JSON with sorted keys,
 * for the audit log. */
char *action_params_json(const struct action *a);
/* SHA-256 of what the action asks for, actor included: two requests with
 * the same idempotency key must have the same fingerprint. */
void action_fingerprint(const struct action *a, char out[65]);

#endif
