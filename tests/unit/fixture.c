/* tests/unit/fixture.c: see fixture.h. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int64_t
fx_clock(void *ctx)
{
	return ((struct fixture *)ctx)->now;
}

struct fixture *
fx_open(void)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct werr e;

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "%s/warden-unit.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	f->now = FX_NOW;
	f->st = sqlite_store_open(f->path, STORE_OPEN_CREATE, &e);
	if (f->st == NULL)
		fail_msg("open: %s", e.msg);
	sqlite_store_set_clock(f->st, fx_clock, f);
	assert_int_equal(sqlite_store_bootstrap_admin(f->st, "alice", &e), 0);
	assert_int_equal(sqlite3_open(f->path, &f->raw), SQLITE_OK);
	sqlite3_busy_timeout(f->raw, 5000);
	fx_sql(f, "INSERT INTO moderator(name, role, created) VALUES "
	    "('bob', 'senior', 0), ('carol', 'moderator', 0), "
	    "('dave', 'moderator', 0)");
	return f;
}

void
fx_close(struct fixture *f)
{
	char cmd[600];

	action_result_free(&f->res);
	store_close(f->st);
	sqlite3_close(f->raw);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(f);
}

void
fx_sql(struct fixture *f, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(f->raw, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("sql: %s: %s", err, sql);
}

int64_t
fx_int(struct fixture *f, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = 0;

	if (sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare: %s: %s", sqlite3_errmsg(f->raw), sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

char *
fx_text(struct fixture *f, const char *sql)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare: %s: %s", sqlite3_errmsg(f->raw), sql);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

int64_t
fx_account(struct fixture *f, const char *handle, int age_days,
    bool phone_verified, int tx, int social)
{
	char sql[600];
	int64_t id;
	int i;

	snprintf(sql, sizeof sql, "INSERT INTO account(handle, display_name, "
	    "email, phone, created, phone_verified_at, completed_tx) VALUES "
	    "('%s', 'Name of %s', '%s@example.com', '+44 7700 900%03d', "
	    "%lld, %s, %d)", handle, handle, handle,
	    (int)(strlen(handle) * 37 % 1000),
	    (long long)(f->now - age_days * DAY),
	    phone_verified ? "1700000000" : "NULL", tx);
	fx_sql(f, sql);
	id = sqlite3_last_insert_rowid(f->raw);
	for (i = 0; i < social; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO social VALUES "
		    "(%lld, 'net%d', 0)", (long long)id, i);
		fx_sql(f, sql);
	}
	return id;
}

int64_t
fx_flag(struct fixture *f, int64_t account, int64_t reporter,
    const char *reason, int severity, int age_days)
{
	char sql[400];

	snprintf(sql, sizeof sql, "INSERT INTO flag(account_id, reporter_id, "
	    "detector, reason, severity, created) VALUES (%lld, %s, %s, '%s', "
	    "%d, %lld)", (long long)account,
	    reporter ? "?" : "NULL", reporter ? "NULL" : "'test'", reason,
	    severity, (long long)(f->now - age_days * DAY));
	if (reporter) {
		char *q = strchr(sql, '?');
		char rep[32], tail[400];

		snprintf(rep, sizeof rep, "%lld", (long long)reporter);
		snprintf(tail, sizeof tail, "%s", q + 1);
		snprintf(q, sizeof sql - (size_t)(q - sql), "%s%s", rep, tail);
	}
	fx_sql(f, sql);
	return sqlite3_last_insert_rowid(f->raw);
}

void
fx_vouch(struct fixture *f, int64_t voucher, int64_t vouchee)
{
	char sql[200];

	snprintf(sql, sizeof sql, "INSERT INTO vouch VALUES (%lld, %lld, 0)",
	    (long long)voucher, (long long)vouchee);
	fx_sql(f, sql);
}

void
fx_rating(struct fixture *f, int64_t rater, int64_t ratee, int stars)
{
	char sql[300];

	snprintf(sql, sizeof sql, "INSERT INTO rating(rater_id, ratee_id, tx, "
	    "stars, created) VALUES (%lld, %lld, 'tx-%lld-%lld', %d, %lld)",
	    (long long)rater, (long long)ratee, (long long)rater,
	    (long long)ratee, stars, (long long)f->now);
	fx_sql(f, sql);
}

void
fx_recompute(struct fixture *f)
{
	struct werr e;

	if (sqlite_store_recompute(f->st, 0, &e) < 0)
		fail_msg("recompute: %s", e.msg);
}

void
fx_action_v(struct action *a, const char *actor, enum action_kind kind,
    int64_t target, const char *name, const char *reason, va_list ap)
{
	const char *k;

	action_init(a, kind);
	a->target = target;
	action_set_text(&a->target_name, name);
	action_set_text(&a->actor, actor);
	action_set_text(&a->reason, reason);
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);

		if (strcmp(k, "--key") == 0)
			action_set_text(&a->key, v);
		else if (strcmp(k, "--force") == 0)
			a->force = true;
		else if (strcmp(k, "--dry-run") == 0)
			a->dry_run = true;
		else
			action_set_param(a, k, v);
	}
}

static int
act_v(struct fixture *f, const char *actor, enum action_kind kind,
    int64_t target, const char *name, const char *reason, va_list ap)
{
	struct action a;
	int rc;

	action_result_free(&f->res);
	werr_clear(&f->err);
	fx_action_v(&a, actor, kind, target, name, reason, ap);
	rc = store_apply(f->st, &a, 1, &f->res, &f->err);
	action_free(&a);
	return rc;
}

int
fx_act(struct fixture *f, const char *actor, enum action_kind kind,
    int64_t target, const char *reason, ...)
{
	va_list ap;
	int rc;

	va_start(ap, reason);
	rc = act_v(f, actor, kind, target, NULL, reason, ap);
	va_end(ap);
	return rc;
}

int
fx_act_named(struct fixture *f, const char *actor, enum action_kind kind,
    const char *name, const char *reason, ...)
{
	va_list ap;
	int rc;

	va_start(ap, reason);
	rc = act_v(f, actor, kind, 0, name, reason, ap);
	va_end(ap);
	return rc;
}

size_t
fx_params_v(struct param *params, size_t max, va_list ap)
{
	const char *k;
	size_t n = 0;

	while (n < max && (k = va_arg(ap, const char *)) != NULL) {
		params[n].k = (char *)k;
		params[n].v = va_arg(ap, char *);
		n++;
	}
	return n;
}

struct rows *
fx_query(struct fixture *f, const char *what, ...)
{
	struct param params[16];
	struct query q = { 0 };
	struct rows *r = NULL;
	va_list ap;

	va_start(ap, what);
	q.nparams = fx_params_v(params, 16, ap);
	va_end(ap);
	q.what = what;
	q.params = params;
	if (store_query(f->st, &q, &r, &f->err) < 0)
		fail_msg("query %s: %s", what, f->err.msg);
	return r;
}

int
fx_cell_setup(void **state)
{
	struct fx_cell *c = calloc(1, sizeof *c);

	assert_non_null(c);
	c->row = *state;
	c->f = fx_open();
	*state = c;
	return 0;
}

int
fx_cell_teardown(void **state)
{
	struct fx_cell *c = *state;

	fx_close(c->f);
	free(c);
	return 0;
}

static int
counting_query(struct store *s, const struct query *q, struct rows **out,
    struct werr *e)
{
	struct fx_counting *c = (struct fx_counting *)s;

	c->queries++;
	return store_query(c->inner, q, out, e);
}

static int
counting_apply(struct store *s, struct action *acts, size_t n,
    struct action_result *res, struct werr *e)
{
	return store_apply(((struct fx_counting *)s)->inner, acts, n, res, e);
}

static const char *
counting_describe(struct store *s)
{
	(void)s;
	return "counting";
}

static void
counting_close(struct store *s)
{
	(void)s;		/* the inner store is the fixture's */
}

static const struct store_ops counting_ops = {
	.name = "counting",
	.query = counting_query,
	.apply = counting_apply,
	.describe = counting_describe,
	.close = counting_close,
};

void
fx_counting_init(struct fx_counting *c, struct store *inner)
{
	c->base.ops = &counting_ops;
	c->inner = inner;
	c->queries = 0;
}
