/* cmd/helpers.c: what entries share: naming accounts, planning one action
 * per account, running paged queries. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
werr_append(struct werr *e, const char *fmt, ...)
{
	size_t len = strlen(e->msg);
	va_list ap;

	if (len + 1 >= sizeof e->msg)
		return;
	va_start(ap, fmt);
	vsnprintf(e->msg + len, sizeof e->msg - len, fmt, ap);
	va_end(ap);
}

int
cmd_id(const char *s, const char *what, int64_t *id, struct werr *e)
{
	if (!str_to_i64(s, 1, INT64_MAX, id))
		return werr_set(e, WE_USAGE, "'%s' is not %s: give its number",
		    s, what);
	return 0;
}

int
cmd_account_row(struct cmd_ctx *ctx, const char *ref, struct rows **out,
    struct werr *e)
{
	struct param prm;
	int64_t n;

	*out = NULL;
	if (ref[0] == '@') {
		if (ref[1] == '\0')
			return werr_set(e, WE_USAGE, "'@' needs a handle after "
			    "it");
		prm.k = "handle";
	} else if (str_to_i64(ref, 1, INT64_MAX, &n))
		prm.k = "id";
	else
		return werr_set(e, WE_USAGE, "'%s' is not an account: give an "
		    "id (12) or a @handle", ref);
	prm.v = (char *)ref;
	if (cmd_query(ctx, "account", &prm, 1, 0, out, e) < 0)
		return -1;
	if ((*out)->nrows == 0) {
		rows_free(*out);
		*out = NULL;
		return werr_set(e, WE_NOTFOUND, "no account %s", ref);
	}
	return 0;
}

int
cmd_account(struct cmd_ctx *ctx, const char *ref, int64_t *id, char **handle,
    struct werr *e)
{
	struct rows *r;

	if (cmd_account_row(ctx, ref, &r, e) < 0)
		return -1;
	*id = rows_int(r, 0, "id", 0);
	if (handle)
		*handle = xstrdup(rows_text(r, 0, "handle") ?
		    rows_text(r, 0, "handle") : "");
	rows_free(r);
	return 0;
}

/* Naming a target twice means it once: the second action would only be
 * refused ("already hidden"), and take the whole line down with it. */
static bool
planned(const struct cmd_plan *p, enum action_kind kind, int64_t id)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->acts[i].kind == kind && p->acts[i].target == id)
			return true;
	return false;
}

int
plan_accounts(struct cmd_ctx *ctx, const struct cmd_args *a, size_t from,
    size_t to, enum action_kind kind, struct cmd_plan *p, struct werr *e)
{
	size_t i;

	if (to > a->argc)
		to = a->argc;
	for (i = from; i < to; i++) {
		char *handle = NULL;
		int64_t id;

		if (cmd_account(ctx, a->argv[i].s, &id, &handle, e) < 0) {
			/* --reason spam bot: the likeliest slip of all */
			if (e && e->kind == WE_USAGE && arg_flag(a, "reason"))
				werr_append(e, " (column %d); a reason of "
				    "several words needs quotes",
				    a->argv[i].col);
			return -1;
		}
		if (!planned(p, kind, id))
			plan_add(p, kind, handle)->target = id;
		free(handle);
	}
	return 0;
}

int
plan_ids(const struct cmd_args *a, size_t from, size_t to,
    enum action_kind kind, const char *what, struct cmd_plan *p,
    struct werr *e)
{
	size_t i;

	if (to > a->argc)
		to = a->argc;
	for (i = from; i < to; i++) {
		int64_t id;

		if (cmd_id(a->argv[i].s, what, &id, e) < 0)
			return -1;
		if (!planned(p, kind, id))
			plan_add(p, kind, NULL)->target = id;
	}
	return 0;
}

int
plan_account_words(struct cmd_ctx *ctx, const struct cmd_args *a,
    enum action_kind kind, const char *param, struct cmd_plan *p,
    struct werr *e)
{
	char *handle = NULL;
	int64_t id;
	size_t i, j;

	if (cmd_account(ctx, a->argv[0].s, &id, &handle, e) < 0)
		return -1;
	for (i = 1; i < a->argc; i++) {
		struct action *act;

		for (j = 1; j < i && !str_eq(a->argv[j].s, a->argv[i].s); j++)
			;
		if (j < i)
			continue;	/* a word given twice counts once */
		act = plan_add(p, kind, handle);
		act->target = id;
		action_set_param(act, param, a->argv[i].s);
	}
	free(handle);
	return 0;
}

int
cmd_query(struct cmd_ctx *ctx, const char *what, const struct param *params,
    size_t nparams, int limit, struct rows **out, struct werr *e)
{
	struct query q;

	memset(&q, 0, sizeof q);
	q.what = what;
	q.params = params;
	q.nparams = nparams;
	q.limit = limit;
	*out = NULL;
	return store_query(ctx->store, &q, out, e);
}

int
cmd_page(struct cmd_ctx *ctx, const struct cmd_args *a, const char *what,
    const struct param *params, size_t nparams, struct rows **out,
    struct werr *e)
{
	struct param *ps = xcalloc(nparams + 1, sizeof *ps);
	const char *lim = arg_opt(a, "limit"), *cursor = arg_opt(a, "cursor");
	bool all = arg_flag(a, "all");
	struct rows *rows = NULL, *page = NULL;
	struct query q;
	size_t i, n = 0;
	int64_t limit = 0;
	int rc = -1;

	*out = NULL;
	for (i = 0; i < nparams; i++)
		if (params[i].v)
			ps[n++] = params[i];
	if (lim && !str_to_i64(lim, 1, QUERY_LIMIT_MAX, &limit)) {
		werr_field(e, WE_USAGE, "limit", "--limit '%s' is not a number "
		    "from 1 to %d", lim, QUERY_LIMIT_MAX);
		goto out;
	}
	if (all && limit == 0)
		limit = QUERY_LIMIT_MAX;
	memset(&q, 0, sizeof q);
	q.what = what;
	q.params = ps;
	q.nparams = n;
	q.limit = (int)limit;
	q.cursor = cursor && *cursor ? cursor : NULL;
	/* --all walks the keyset pages, each starting after the last */
	for (;;) {
		if (store_query(ctx->store, &q, &page, e) < 0)
			goto out;
		if (rows == NULL) {
			rows = page;
		} else {
			rows_append(rows, page);
			rows_free(page);
		}
		page = NULL;
		if (!all || rows->next == NULL)
			break;
		q.cursor = rows->next;
	}
	*out = rows;
	rows = NULL;
	rc = 0;
out:
	rows_free(rows);
	free(ps);
	return rc;
}

void
cmd_more(struct cmd_ctx *ctx, const struct rows *r)
{
	if (r && r->next)
		cmd_message(ctx, CMD_INFO, "more rows: add --cursor '%s' for "
		    "the next page, or --all", r->next);
}

int
cmd_list(struct cmd_ctx *ctx, const struct cmd_args *a, const char *what,
    const char *title, const struct param *params, size_t nparams,
    struct werr *e)
{
	struct cmd_output out;
	struct rows *rows;

	if (cmd_page(ctx, a, what, params, nparams, &rows, e) < 0)
		return -1;
	memset(&out, 0, sizeof out);
	out.shape = CMD_LIST;
	out.command = a->name;
	out.title = title ? title : a->name;
	out.rows = rows;
	cmd_emit(ctx, &out);
	cmd_more(ctx, rows);
	rows_free(rows);
	return 0;
}

int
cmd_record(struct cmd_ctx *ctx, const struct cmd_args *a, const char *record,
    const char *title, const struct rows *rows,
    const struct cmd_section *sections, size_t nsections)
{
	struct cmd_output out;

	memset(&out, 0, sizeof out);
	out.shape = CMD_RECORD;
	out.record = record;
	out.command = a->name;
	out.title = title ? title : a->name;
	out.rows = rows;
	out.sections = sections;
	out.nsections = nsections;
	cmd_emit(ctx, &out);
	return 0;
}

int
cmd_text(struct cmd_ctx *ctx, const struct cmd_args *a, const char *title,
    const char *text)
{
	struct cmd_output out;

	memset(&out, 0, sizeof out);
	out.shape = CMD_TEXT;
	out.command = a->name;
	out.title = title;
	out.text = text;
	cmd_emit(ctx, &out);
	return 0;
}
