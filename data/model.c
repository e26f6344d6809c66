/* data/model.c: errors, rows and the schema's vocabularies. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	enum werr_kind kind;
	const char *name;
	int exit_status, http;
} kinds[] = {
	{ WE_OK, "ok", 0, 200 },
	{ WE_USAGE, "usage", 64, 400 },
	{ WE_INVALID, "invalid", 65, 422 },
	{ WE_NOTFOUND, "not_found", 65, 404 },
	{ WE_NOINPUT, "no_input", 66, 404 },
	{ WE_UNAVAILABLE, "unavailable", 69, 503 },
	{ WE_INTERNAL, "internal", 70, 500 },
	{ WE_CANTCREATE, "cant_create", 73, 500 },
	{ WE_IO, "io", 74, 500 },
	{ WE_TEMP, "temporary", 75, 503 },
	{ WE_AUTH, "unauthorized", 77, 401 },
	{ WE_PERM, "forbidden", 77, 403 },
	{ WE_CONFLICT, "conflict", 1, 409 },
};

static void
werr_vset(struct werr *e, enum werr_kind kind, const char *field,
    const char *fmt, va_list ap)
{
	if (e == NULL)
		return;
	e->kind = kind;
	e->item = -1;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

int
werr_set(struct werr *e, enum werr_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	werr_vset(e, kind, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int
werr_field(struct werr *e, enum werr_kind kind, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	werr_vset(e, kind, field, fmt, ap);
	va_end(ap);
	return -1;
}

void
werr_clear(struct werr *e)
{
	if (e) {
		e->kind = WE_OK;
		e->item = -1;
		e->field[0] = e->msg[0] = '\0';
	}
}

int
werr_exit_status(enum werr_kind kind)
{
	size_t i;

	for (i = 0; i < W_NELEM(kinds); i++)
		if (kinds[i].kind == kind)
			return kinds[i].exit_status;
	return 70;
}

int
werr_http_status(enum werr_kind kind)
{
	size_t i;

	for (i = 0; i < W_NELEM(kinds); i++)
		if (kinds[i].kind == kind)
			return kinds[i].http;
	return 500;
}

const char *
werr_kind_name(enum werr_kind kind)
{
	size_t i;

	for (i = 0; i < W_NELEM(kinds); i++)
		if (kinds[i].kind == kind)
			return kinds[i].name;
	return "internal";
}

bool
werr_kind_from_name(const char *name, enum werr_kind *kind)
{
	size_t i;

	for (i = 0; i < W_NELEM(kinds); i++) {
		if (str_eq(kinds[i].name, name)) {
			*kind = kinds[i].kind;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */

struct rows *
rows_new(size_t ncols, const char *const *cols)
{
	struct rows *r = xcalloc(1, sizeof *r);
	size_t i;

	r->ncols = ncols;
	r->cols = xcalloc(ncols, sizeof *r->cols);
	for (i = 0; i < ncols; i++)
		r->cols[i] = xstrdup(cols[i]);
	return r;
}

struct rows *
rows_new_list(const char *list)
{
	struct rows *r = xcalloc(1, sizeof *r);
	const char *p = list, *comma;

	while (*p) {
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		r->cols = xreallocarray(r->cols, r->ncols + 1, sizeof *r->cols);
		r->cols[r->ncols++] = xstrndup(p, (size_t)(comma - p));
		p = *comma ? comma + 1 : comma;
	}
	return r;
}

void
rows_free(struct rows *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i].s);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->cells);
	free(r->next);
	free(r);
}

size_t
rows_add(struct rows *r)
{
	size_t i;

	if (r->nrows == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->cells = xreallocarray(r->cells, r->cap,
		    (r->ncols ? r->ncols : 1) * sizeof *r->cells);
	}
	for (i = 0; i < r->ncols; i++)
		memset(&r->cells[r->nrows * r->ncols + i], 0,
		    sizeof *r->cells);
	return r->nrows++;
}

static struct value *
cell(struct rows *r, size_t row, size_t col)
{
	struct value *v;

	if (row >= r->nrows || col >= r->ncols)
		fatal("rows: cell %zu,%zu out of range", row, col);
	v = &r->cells[row * r->ncols + col];
	free(v->s);
	memset(v, 0, sizeof *v);
	return v;
}

void
rows_set_null(struct rows *r, size_t row, size_t col)
{
	cell(r, row, col);
}

void
rows_set_int(struct rows *r, size_t row, size_t col, int64_t v)
{
	struct value *c = cell(r, row, col);

	c->type = VT_INT;
	c->i = v;
	c->r = (double)v;
}

void
rows_set_real(struct rows *r, size_t row, size_t col, double v)
{
	struct value *c = cell(r, row, col);

	c->type = VT_REAL;
	c->r = v;
	/* The integer view, clamped: a real read from JSON may be beyond
	 * int64_t (or NaN), and the plain cast would be undefined. */
	if (v != v)
		c->i = 0;
	else if (v >= 9223372036854775807.0)
		c->i = INT64_MAX;
	else if (v <= -9223372036854775807.0 - 1)
		c->i = INT64_MIN;
	else
		c->i = (int64_t)v;
}

void
rows_set_textn(struct rows *r, size_t row, size_t col, const char *s,
    size_t n)
{
	struct value *c = cell(r, row, col);

	if (s == NULL)
		return;
	c->type = VT_TEXT;
	c->s = xstrndup(s, n);
	c->len = n;
}

void
rows_set_text(struct rows *r, size_t row, size_t col, const char *s)
{
	rows_set_textn(r, row, col, s, s ? strlen(s) : 0);
}

void
rows_set_next(struct rows *r, const char *cursor)
{
	free(r->next);
	r->next = cursor ? xstrdup(cursor) : NULL;
}

int
rows_col(const struct rows *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

const struct value *
rows_cell(const struct rows *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return NULL;
	return &r->cells[row * r->ncols + col];
}

const struct value *
rows_get(const struct rows *r, size_t row, const char *name)
{
	int c = rows_col(r, name);

	return c < 0 ? NULL : rows_cell(r, row, (size_t)c);
}

int64_t
rows_int(const struct rows *r, size_t row, const char *name, int64_t dflt)
{
	const struct value *v = rows_get(r, row, name);
	int64_t i;

	if (v == NULL || v->type == VT_NULL)
		return dflt;
	if (v->type == VT_TEXT)
		return str_to_i64(v->s, INT64_MIN, INT64_MAX, &i) ? i : dflt;
	return v->i;
}

double
rows_real(const struct rows *r, size_t row, const char *name, double dflt)
{
	const struct value *v = rows_get(r, row, name);
	double d;

	if (v == NULL || v->type == VT_NULL)
		return dflt;
	if (v->type == VT_TEXT)
		return str_to_double(v->s, &d) ? d : dflt;
	return v->r;
}

const char *
rows_text(const struct rows *r, size_t row, const char *name)
{
	const struct value *v = rows_get(r, row, name);

	return v && v->type == VT_TEXT ? v->s : NULL;
}

void
rows_append(struct rows *dst, const struct rows *src)
{
	size_t i, j;

	for (i = 0; i < src->nrows; i++) {
		size_t row = rows_add(dst);

		for (j = 0; j < src->ncols && j < dst->ncols; j++) {
			const struct value *v = rows_cell(src, i, j);

			switch (v->type) {
			case VT_NULL: break;
			case VT_INT: rows_set_int(dst, row, j, v->i); break;
			case VT_REAL: rows_set_real(dst, row, j, v->r); break;
			case VT_TEXT:
				rows_set_textn(dst, row, j, v->s, v->len);
				break;
			}
		}
	}
	rows_set_next(dst, src->next);
}

void
value_format(const struct value *v, struct buf *out)
{
	switch (v->type) {
	case VT_NULL:
		break;
	case VT_INT:
		buf_printf(out, "%lld", (long long)v->i);
		break;
	case VT_REAL:
		buf_printf(out, "%.2f", v->r);
		break;
	case VT_TEXT:
		buf_add(out, v->s, v->len);
		break;
	}
}

/* ------------------------------------------------------------------ */

const char *const account_statuses[] = { "active", "warned", "suspended",
	"banned", NULL };
const char *const flag_reasons[] = { "fraud", "phishing", "scam", "spam",
	"harassment", "impersonation", "off_platform", "prohibited_item",
	"retaliatory_rating", "other", NULL };
const char *const flag_statuses[] = { "open", "upheld", "dismissed", NULL };
const char *const participant_roles[] = { "buyer", "seller", "guest", "host",
	NULL };
const char *const channels[] = { "in_app", "email", "sms", NULL };
const char *const escalation_kinds[] = { "inquiry", "flag", "dispute", NULL };
const char *const escalation_statuses[] = { "open", "acknowledged",
	"resolved", NULL };
const char *const ladder_channels[] = { "in_app", "email", "sms", "phone",
	"moderator", NULL };
const char *const appeal_statuses[] = { "pending", "upheld", "overturned",
	NULL };
const char *const roles[] = { "moderator", "senior", "admin", NULL };
const char *const severities[] = { "low", "medium", "high", NULL };
const char *const trust_names[] = { "new", "basic", "member", "trusted",
	"leader", NULL };

bool
word_in(const char *word, const char *const *list)
{
	for (; word && *list; list++)
		if (strcmp(word, *list) == 0)
			return true;
	return false;
}

char *
word_list(const char *const *list)
{
	struct buf b = BUF_INIT;
	size_t n = 0, i;

	while (list[n])
		n++;
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, i == n - 1 ? " or " : ", ");
		buf_adds(&b, list[i]);
	}
	return buf_steal(&b);
}

int
role_rank(const char *role)
{
	if (str_eq(role, "moderator"))
		return 1;
	if (str_eq(role, "senior"))
		return 2;
	if (str_eq(role, "admin"))
		return 3;
	return 0;
}
