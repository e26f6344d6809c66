/* data/json.c: the model as JSON (see json.h). */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/safe.h"

json_t *
json_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b = BUF_INIT;
	json_t *j;
	size_t i = 0;
	unsigned cp;

	if (s == NULL)
		return json_null();
	/* the common case: already valid */
	while (i < len) {
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (n == 0 || cp == 0)
			break;
		i += n;
	}
	if (i == len)
		return json_stringn_nocheck(s, len);
	buf_add(&b, s, i);
	while (i < len) {
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (n == 0) {
			buf_printf(&b, "\\x%02x", p[i]);
			i++;
		} else {
			buf_add(&b, s + i, n);
			i += n;
		}
	}
	/* NUL bytes are valid UTF-8 and jansson writes them as \u0000 */
	j = json_stringn_nocheck(b.s, b.len);
	buf_free(&b);
	return j;
}

json_t *
json_from_value(const struct value *v)
{
	switch (v->type) {
	case VT_INT:
		return json_integer(v->i);
	case VT_REAL:
		return json_real(v->r);
	case VT_TEXT:
		return json_text(v->s, v->len);
	default:
		return json_null();
	}
}

json_t *
json_from_row(const struct rows *r, size_t row)
{
	json_t *o = json_object();
	size_t c;

	for (c = 0; c < r->ncols; c++)
		json_object_set_new(o, r->cols[c],
		    json_from_value(rows_cell(r, row, c)));
	return o;
}

json_t *
json_from_rows(const struct rows *r)
{
	json_t *o = json_object(), *cols = json_array(), *rows = json_array();
	size_t i;

	for (i = 0; i < r->ncols; i++)
		json_array_append_new(cols, json_string(r->cols[i]));
	for (i = 0; i < r->nrows; i++)
		json_array_append_new(rows, json_from_row(r, i));
	json_object_set_new(o, "columns", cols);
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "next", r->next ? json_string(r->next) :
	    json_null());
	return o;
}

int
rows_from_json(const json_t *j, struct rows **out, struct werr *e)
{
	const json_t *cols = json_object_get(j, "columns");
	const json_t *rows = json_object_get(j, "rows");
	const json_t *next = json_object_get(j, "next");
	struct rows *r;
	const char **names;
	size_t i, c;

	*out = NULL;
	if (!json_is_array(cols) || !json_is_array(rows))
		return werr_field(e, WE_INVALID, "rows", "the answer has no "
		    "columns and rows");
	names = xcalloc(json_array_size(cols), sizeof *names);
	for (i = 0; i < json_array_size(cols); i++) {
		names[i] = json_string_value(json_array_get(cols, i));
		if (names[i] == NULL) {
			free(names);
			return werr_field(e, WE_INVALID, "columns", "a column "
			    "name is not a string");
		}
	}
	r = rows_new(json_array_size(cols), names);
	free(names);
	for (i = 0; i < json_array_size(rows); i++) {
		const json_t *o = json_array_get(rows, i);
		size_t row;

		if (!json_is_object(o)) {
			rows_free(r);
			return werr_field(e, WE_INVALID, "rows", "row %zu is "
			    "not an object", i);
		}
		row = rows_add(r);
		for (c = 0; c < r->ncols; c++) {
			const json_t *v = json_object_get(o, r->cols[c]);

			if (json_is_integer(v))
				rows_set_int(r, row, c, json_integer_value(v));
			else if (json_is_real(v))
				rows_set_real(r, row, c, json_real_value(v));
			else if (json_is_string(v))
				rows_set_textn(r, row, c, json_string_value(v),
				    json_string_length(v));
			else if (json_is_boolean(v))
				rows_set_int(r, row, c, json_is_true(v));
		}
	}
	if (json_is_string(next))
		rows_set_next(r, json_string_value(next));
	*out = r;
	return 0;
}

json_t *
json_from_action(const struct action *a)
{
	const struct action_spec *sp = action_spec(a->kind);
	json_t *o = json_object(), *p = json_object();
	size_t i;

	json_object_set_new(o, "kind", json_string(sp->name));
	if (a->ttype == TT_MODERATOR || a->ttype == TT_TEMPLATE)
		json_object_set_new(o, "target", a->target_name ?
		    json_text(a->target_name, strlen(a->target_name)) :
		    json_null());
	else if (a->target > 0)
		json_object_set_new(o, "target", json_integer(a->target));
	if (a->reason)
		json_object_set_new(o, "reason", json_text(a->reason,
		    strlen(a->reason)));
	for (i = 0; i < a->nparams; i++)
		json_object_set_new(p, a->params[i].k, json_text(a->params[i].v,
		    strlen(a->params[i].v)));
	json_object_set_new(o, "params", p);
	if (a->force)
		json_object_set_new(o, "force", json_true());
	if (a->dry_run)
		json_object_set_new(o, "dry_run", json_true());
	if (a->key)
		json_object_set_new(o, "key", json_text(a->key, strlen(a->key)));
	return o;
}

static int
want_string(const json_t *v, const char *field, const char **out,
    struct werr *e)
{
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return werr_field(e, WE_INVALID, field, "'%s' must be a string",
		    field);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return werr_field(e, WE_INVALID, field, "'%s' holds a NUL "
		    "character", field);
	*out = json_string_value(v);
	return 0;
}

int
action_from_json(const json_t *j, struct action *a, struct werr *e)
{
	const char *key, *s;
	const json_t *v;
	enum action_kind kind;

	memset(a, 0, sizeof *a);
	if (!json_is_object(j))
		return werr_field(e, WE_INVALID, "action", "an action must be "
		    "a JSON object");
	if (want_string(json_object_get(j, "kind"), "kind", &s, e) < 0)
		return -1;
	if (s == NULL)
		return werr_field(e, WE_INVALID, "kind", "the action has no "
		    "'kind'");
	if (!action_kind_from_name(s, &kind))
		return werr_field(e, WE_INVALID, "kind", "no action kind '%s'",
		    s);
	action_init(a, kind);
	json_object_foreach((json_t *)j, key, v) {
		if (strcmp(key, "kind") == 0) {
			continue;
		} else if (strcmp(key, "target") == 0) {
			if (a->ttype == TT_MODERATOR || a->ttype == TT_TEMPLATE) {
				if (want_string(v, key, &s, e) < 0)
					goto fail;
				action_set_text(&a->target_name, s);
			} else if (json_is_integer(v)) {
				a->target = json_integer_value(v);
			} else if (!json_is_null(v)) {
				werr_field(e, WE_INVALID, key, "'target' of %s "
				    "must be a number (the %s id)",
				    action_spec(kind)->name,
				    target_type_name(a->ttype));
				goto fail;
			}
		} else if (strcmp(key, "reason") == 0 ||
		    strcmp(key, "key") == 0) {
			if (want_string(v, key, &s, e) < 0)
				goto fail;
			action_set_text(key[0] == 'r' ? &a->reason : &a->key, s);
		} else if (strcmp(key, "force") == 0 ||
		    strcmp(key, "dry_run") == 0) {
			if (!json_is_boolean(v)) {
				werr_field(e, WE_INVALID, key, "'%s' must be "
				    "true or false", key);
				goto fail;
			}
			if (key[0] == 'f')
				a->force = json_is_true(v);
			else
				a->dry_run = json_is_true(v);
		} else if (strcmp(key, "params") == 0) {
			const char *pk;
			const json_t *pv;

			if (!json_is_object(v)) {
				werr_field(e, WE_INVALID, key, "'params' must "
				    "be an object of strings");
				goto fail;
			}
			json_object_foreach((json_t *)v, pk, pv) {
				char field[64];

				snprintf(field, sizeof field, "params.%s", pk);
				if (json_is_integer(pv)) {
					char num[32];

					snprintf(num, sizeof num, "%lld",
					    (long long)json_integer_value(pv));
					action_set_param(a, pk, num);
					continue;
				}
				if (want_string(pv, field, &s, e) < 0)
					goto fail;
				if (s == NULL) {
					werr_field(e, WE_INVALID, field, "'%s' "
					    "must be a string", field);
					goto fail;
				}
				action_set_param(a, pk, s);
			}
		} else {
			werr_field(e, WE_INVALID, key, "unknown field '%s' in "
			    "the action", key);
			goto fail;
		}
	}
	return 0;
fail:
	action_free(a);
	return -1;
}

json_t *
json_from_result(const struct action_result *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "audit_id", r->audit_id ?
	    json_integer(r->audit_id) : json_null());
	json_object_set_new(o, "replayed", json_boolean(r->replayed));
	json_object_set_new(o, "message", r->message ?
	    json_text(r->message, strlen(r->message)) : json_string(""));
	json_object_set_new(o, "data", r->data ? json_from_rows(r->data) :
	    json_null());
	return o;
}

int
result_from_json(const json_t *j, struct action_result *r, struct werr *e)
{
	const json_t *data = json_object_get(j, "data");
	const char *msg = json_string_value(json_object_get(j, "message"));

	memset(r, 0, sizeof *r);
	if (!json_is_object(j))
		return werr_field(e, WE_INVALID, "result", "the result is not "
		    "an object");
	r->audit_id = json_integer_value(json_object_get(j, "audit_id"));
	r->replayed = json_is_true(json_object_get(j, "replayed"));
	r->message = xstrdup(msg ? msg : "");
	if (data && !json_is_null(data) &&
	    rows_from_json(data, &r->data, e) < 0) {
		action_result_free(r);
		return -1;
	}
	return 0;
}

json_t *
json_from_error(const struct werr *e)
{
	json_t *o = json_object(), *err = json_object();

	json_object_set_new(err, "kind", json_string(werr_kind_name(e->kind)));
	json_object_set_new(err, "message", json_text(e->msg, strlen(e->msg)));
	json_object_set_new(err, "field", e->field[0] ?
	    json_text(e->field, strlen(e->field)) : json_null());
	json_object_set_new(err, "index", e->item >= 0 ?
	    json_integer(e->item) : json_null());
	json_object_set_new(o, "error", err);
	return o;
}

bool
error_from_json(const json_t *j, struct werr *e)
{
	const json_t *err = json_object_get(j, "error");
	const char *kind, *msg, *field;
	enum werr_kind k;

	if (!json_is_object(err))
		return false;
	kind = json_string_value(json_object_get(err, "kind"));
	msg = json_string_value(json_object_get(err, "message"));
	field = json_string_value(json_object_get(err, "field"));
	/* an error that says "ok" is not an error body at all */
	if (str_eq(kind, "ok"))
		return false;
	if (kind == NULL || !werr_kind_from_name(kind, &k))
		k = WE_INTERNAL;
	werr_field(e, k, field, "%s", msg ? msg : "(no message)");
	if (e && json_is_integer(json_object_get(err, "index")))
		e->item = (long)json_integer_value(json_object_get(err,
		    "index"));
	return true;
}

char *
action_params_json(const struct action *a)
{
	json_t *o = json_object();
	char *s;
	size_t i;

	for (i = 0; i < a->nparams; i++)
		json_object_set_new(o, a->params[i].k, json_text(a->params[i].v,
		    strlen(a->params[i].v)));
	if (a->force)
		json_object_set_new(o, "force", json_true());
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s ? s : xstrdup("{}");
}

void
action_fingerprint(const struct action *a, char out[65])
{
	json_t *o = json_from_action(a);
	char *s;

	json_object_del(o, "key");
	json_object_del(o, "dry_run");
	json_object_set_new(o, "actor", a->actor ? json_text(a->actor,
	    strlen(a->actor)) : json_null());
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	sha256_hex(s ? s : "", s ? strlen(s) : 0, out);
	free(s);
}
