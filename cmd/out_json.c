/* cmd/out_json.c: json output, one object per line (data/json.c does the
 * encoding).  Non-ASCII is written as \u escapes, so that no byte of a
 * user's text reaches a terminal raw even when json is read on one.
 *
 *   list      one object per row, the query's columns as keys
 *   record    the row's object; with sections (show, thread),
 *             {RECORD: row, SECTION: [rows], ...} so that no section can
 *             clash with a column ("account", "breakdown", ...)
 *   results   per action: action, target, audit_id, replayed, dry_run,
 *             message, data (array of objects, or null)
 *   text      {"title": ..., "text": ...} */
#include "internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../data/json.h"

static void
put(FILE *fp, json_t *o)
{
	json_dumpf(o, fp, JSON_COMPACT | JSON_ENSURE_ASCII |
	    JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(o);
}

static json_t *
row_array(const struct rows *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; r && i < r->nrows; i++)
		json_array_append_new(a, json_from_row(r, i));
	return a;
}

static json_t *
text_or_null(const char *s)
{
	return s ? json_text(s, strlen(s)) : json_null();
}

void
out_json(struct cmd_ctx *ctx, FILE *fp, const struct cmd_output *out)
{
	size_t i;
	json_t *o;

	(void)ctx;
	switch (out->shape) {
	case CMD_LIST:
		for (i = 0; out->rows && i < out->rows->nrows; i++)
			put(fp, json_from_row(out->rows, i));
		break;
	case CMD_RECORD:
		if (out->rows == NULL || out->rows->nrows == 0)
			break;
		if (out->nsections == 0) {
			put(fp, json_from_row(out->rows, 0));
			break;
		}
		o = json_object();
		json_object_set_new(o, out->record ? out->record : "record",
		    json_from_row(out->rows, 0));
		for (i = 0; i < out->nsections; i++)
			json_object_set_new(o, out->sections[i].name,
			    row_array(out->sections[i].rows));
		put(fp, o);
		break;
	case CMD_RESULTS:
		for (i = 0; i < out->nresults; i++) {
			const struct action *a = &out->acts[i];
			const struct action_result *res = &out->results[i];
			char *t = action_target_string(a);

			o = json_object();
			json_object_set_new(o, "action",
			    json_string(action_spec(a->kind)->name));
			json_object_set_new(o, "target", text_or_null(t));
			json_object_set_new(o, "audit_id",
			    json_integer(res->audit_id));
			json_object_set_new(o, "replayed",
			    json_boolean(res->replayed));
			json_object_set_new(o, "dry_run",
			    json_boolean(a->dry_run));
			json_object_set_new(o, "message",
			    text_or_null(res->message));
			json_object_set_new(o, "data", res->data ?
			    row_array(res->data) : json_null());
			put(fp, o);
			free(t);
		}
		break;
	case CMD_TEXT:
		o = json_object();
		json_object_set_new(o, "title", text_or_null(out->title));
		json_object_set_new(o, "text", text_or_null(out->text));
		put(fp, o);
		break;
	}
}
