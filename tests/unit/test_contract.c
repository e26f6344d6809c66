/* tests/unit/test_contract.c: one contract, two stores.  Every test here
 * runs twice: against the SQLite store, and against the HTTP store
 * talking to a real `warden serve` on 127.0.0.1 over the same kind of
 * database.  The tests say what a store does — queries, paging, every
 * action, refusals, idempotent replay, conflicts — and not how; where the
 * two may differ by design (the API knows who holds the token), the test
 * says so.  Over HTTP each query is also asked of the SQLite store
 * underneath, and the two answers must be the same rows. */
#include "api_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../api/api.h"

enum backend { BE_SQLITE, BE_HTTP };
static enum backend backend;

#define NMODS 4
static const char *const mods[NMODS] = { "alice", "bob", "carol", "dave" };

struct ct {
	struct fixture *f;
	struct served sv;
	struct store *as[NMODS];
	char *tokens[NMODS];
	struct action_result res;
	struct werr err;
};

static struct store *
st(struct ct *c, const char *who)
{
	size_t i;

	if (backend == BE_SQLITE)
		return c->f->st;
	for (i = 0; i < NMODS; i++)
		if (strcmp(mods[i], who) == 0)
			return c->as[i];
	fail_msg("no store for %s", who);
	return NULL;
}

/* The marketplace every test starts from, made the same way for both
 * stores (the SQLite one directly, as the marketplace itself would). */
static void
marketplace(struct fixture *f)
{
	static const char *const handles[] = { "sam", "rita", "tom", "uma",
		"vic", "walt", "xena" };
	char sql[300];
	size_t i;

	for (i = 0; i < 7; i++)
		fx_account(f, handles[i], i == 0 ? 100 : 5 + (int)i, i == 0,
		    i == 0 ? 12 : 0, i == 0);
	fx_flag(f, 1, 2, "fraud", 3, 2);
	for (i = 3; i <= 7; i++)
		fx_flag(f, (int64_t)i, 2, i % 2 ? "spam" : "scam", 1 +
		    (int)(i % 3), (int)i);
	fx_sql(f, "INSERT INTO thread(id, subject, listing, created, last_at) "
	    "VALUES (1, 'Bike', 'L-1', 1794990000, 1794999000)");
	fx_sql(f, "INSERT INTO participant VALUES (1, 1, 'seller'), "
	    "(1, 2, 'buyer')");
	for (i = 0; i < 3; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO message(thread_id, "
		    "sender_id, sent_at, body) VALUES (1, %zu, %lld, "
		    "'hello bike %zu')", 1 + i % 2,
		    (long long)(1794990000 + 60 * i), i);
		fx_sql(f, sql);
	}
	fx_vouch(f, 2, 1);
	fx_rating(f, 2, 1, 5);
	fx_recompute(f);
}

/* A strike with an appeal against it (a member files appeals outside
 * warden). */
static void
appeal(struct fixture *f)
{
	if (fx_act(f, "carol", A_WARN, 7, "rude to a buyer", NULL) < 0)
		fail_msg("warn: %s", f->err.msg);
	fx_sql(f, "INSERT INTO appeal(strike_id, text, filed_at) SELECT id, "
	    "'it was not me', 1794999999 FROM strike WHERE account_id = 7");
}

static int
setup(void **state)
{
	struct ct *c = calloc(1, sizeof *c);
	size_t i;

	assert_non_null(c);
	c->f = fx_open();
	marketplace(c->f);
	appeal(c->f);
	/* tokens in both cases, so that the audit logs start alike */
	for (i = 0; i < NMODS; i++)
		c->tokens[i] = fx_make_token(c->f, mods[i]);
	if (backend == BE_HTTP) {
		served_start(&c->sv, c->f->path, NULL);
		for (i = 0; i < NMODS; i++)
			c->as[i] = served_store(&c->sv, c->tokens[i], 0);
	}
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ct *c = *state;
	size_t i;
	int status;

	for (i = 0; i < NMODS; i++) {
		store_close(c->as[i]);
		free(c->tokens[i]);
	}
	action_result_free(&c->res);
	if (backend == BE_HTTP) {
		status = served_stop(&c->sv);
		if (status != 0) {
			char *log = served_log(&c->sv);

			fail_msg("warden serve exited %d:\n%s", status, log);
		}
	}
	fx_close(c->f);
	free(c);
	return 0;
}

/* ------------------------------------------------------------------ */

static int
act_v(struct ct *c, const char *who, enum action_kind kind, int64_t target,
    const char *name, const char *reason, va_list ap)
{
	struct action a;
	int rc;

	action_result_free(&c->res);
	werr_clear(&c->err);
	fx_action_v(&a, who, kind, target, name, reason, ap);
	rc = store_apply(st(c, who), &a, 1, &c->res, &c->err);
	action_free(&a);
	return rc;
}

/* who does kind to target (id), with reason and k, v parameters. */
static int
act(struct ct *c, const char *who, enum action_kind kind, int64_t target,
    const char *reason, ...)
{
	va_list ap;
	int rc;

	va_start(ap, reason);
	rc = act_v(c, who, kind, target, NULL, reason, ap);
	va_end(ap);
	return rc;
}

static int
act_named(struct ct *c, const char *who, enum action_kind kind,
    const char *name, const char *reason, ...)
{
	va_list ap;
	int rc;

	va_start(ap, reason);
	rc = act_v(c, who, kind, 0, name, reason, ap);
	va_end(ap);
	return rc;
}

static void
ok(struct ct *c, int rc, const char *what)
{
	if (rc != 0)
		fail_msg("%s: %s (%s)", what, c->err.msg,
		    werr_kind_name(c->err.kind));
	assert_non_null(c->res.message);
}

static void
refused(struct ct *c, int rc, enum werr_kind kind, const char *field,
    const char *words)
{
	if (rc != -1)
		fail_msg("not refused (wanted %s): %s", werr_kind_name(kind),
		    c->res.message ? c->res.message : "");
	if (c->err.kind != kind)
		fail_msg("kind %s, wanted %s: %s", werr_kind_name(c->err.kind),
		    werr_kind_name(kind), c->err.msg);
	if (field && strcmp(c->err.field, field) != 0)
		fail_msg("field '%s', wanted '%s': %s", c->err.field, field,
		    c->err.msg);
	if (words && strstr(c->err.msg, words) == NULL)
		fail_msg("message '%s' lacks '%s'", c->err.msg, words);
}

static int64_t
audit_count(struct ct *c)
{
	return fx_int(c->f, "SELECT count(*) FROM audit");
}

/* A query through the store under test: k, v pairs, NULL. */
static int
query(struct ct *c, struct store *s, struct rows **out, const char *what,
    const char *cursor, int limit, ...)
{
	struct param params[16];
	struct query q = { 0 };
	va_list ap;

	va_start(ap, limit);
	q.nparams = fx_params_v(params, 16, ap);
	va_end(ap);
	q.what = what;
	q.params = params;
	q.cursor = cursor;
	q.limit = limit;
	werr_clear(&c->err);
	*out = NULL;
	return store_query(s, &q, out, &c->err);
}

static bool
rows_same(const struct rows *a, const struct rows *b, char *why,
    size_t size)
{
	size_t i, j;

	if (a->ncols != b->ncols || a->nrows != b->nrows) {
		snprintf(why, size, "%zux%zu against %zux%zu", a->nrows,
		    a->ncols, b->nrows, b->ncols);
		return false;
	}
	for (j = 0; j < a->ncols; j++)
		if (strcmp(a->cols[j], b->cols[j]) != 0) {
			snprintf(why, size, "column %s against %s", a->cols[j],
			    b->cols[j]);
			return false;
		}
	for (i = 0; i < a->nrows; i++) {
		for (j = 0; j < a->ncols; j++) {
			const struct value *x = rows_cell(a, i, j);
			const struct value *y = rows_cell(b, i, j);
			bool same = x->type == y->type;

			if (same && x->type == VT_INT)
				same = x->i == y->i;
			else if (same && x->type == VT_REAL)
				same = x->r == y->r;
			else if (same && x->type == VT_TEXT)
				same = x->len == y->len &&
				    memcmp(x->s, y->s, x->len) == 0;
			if (!same) {
				snprintf(why, size, "row %zu column %s differs",
				    i, a->cols[j]);
				return false;
			}
		}
	}
	if (!str_eq(a->next, b->next)) {
		snprintf(why, size, "next %s against %s",
		    a->next ? a->next : "null", b->next ? b->next : "null");
		return false;
	}
	return true;
}

/* Rows of a query as carol sees them; over HTTP, also compared with what
 * the SQLite store underneath answers. */
static struct rows *
rows_of(struct ct *c, const char *what, const char *cursor, int limit, ...)
{
	struct param params[16];
	struct query q = { 0 };
	struct rows *r = NULL, *local = NULL;
	const char *k;
	char why[200];
	va_list ap;
	size_t n = 0;

	va_start(ap, limit);
	while ((k = va_arg(ap, const char *)) != NULL && n < 16) {
		params[n].k = (char *)k;
		params[n].v = va_arg(ap, char *);
		n++;
	}
	va_end(ap);
	q.what = what;
	q.params = params;
	q.nparams = n;
	q.cursor = cursor;
	q.limit = limit;
	if (store_query(st(c, "carol"), &q, &r, &c->err) < 0)
		fail_msg("query %s: %s", what, c->err.msg);
	if (backend == BE_HTTP) {
		if (store_query(c->f->st, &q, &local, &c->err) < 0)
			fail_msg("local query %s: %s", what, c->err.msg);
		if (!rows_same(local, r, why, sizeof why))
			fail_msg("%s: the API's answer is not the store's: %s",
			    what, why);
		rows_free(local);
	}
	return r;
}

/* ------------------------------------------------------------------ */

static void
test_whoami(void **state)
{
	struct ct *c = *state;
	struct rows *r;
	size_t i;

	for (i = 0; i < NMODS; i++) {
		assert_int_equal(query(c, st(c, mods[i]), &r, "whoami", NULL, 0,
		    "name", mods[i], NULL), 0);
		assert_string_equal(rows_text(r, 0, "name"), mods[i]);
		rows_free(r);
	}
	r = rows_of(c, "whoami", NULL, 0, "name", "carol", NULL);
	assert_string_equal(rows_text(r, 0, "role"), "moderator");
	rows_free(r);
	/* An unknown name is not a moderator.  Over the API the token says
	 * who asks: whoami answers for it, whatever the name. */
	if (backend == BE_HTTP) {
		assert_int_equal(query(c, st(c, "carol"), &r, "whoami", NULL,
		    0, "name", "mallory", NULL), 0);
		assert_string_equal(rows_text(r, 0, "name"), "carol");
		rows_free(r);
		assert_int_equal(query(c, st(c, "bob"), &r, "whoami", NULL, 0,
		    NULL), 0);
		assert_string_equal(rows_text(r, 0, "role"), "senior");
		rows_free(r);
	} else {
		refused(c, query(c, st(c, "carol"), &r, "whoami", NULL, 0,
		    "name", "mallory", NULL), WE_AUTH, "name", "mallory");
	}
}

static void
test_queries(void **state)
{
	struct ct *c = *state;
	struct rows *r;
	size_t i;

	r = rows_of(c, "queue", NULL, 0, NULL);
	assert_int_equal(r->nrows, 6);
	assert_null(r->next);
	for (i = 1; i < r->nrows; i++)
		assert_true(rows_real(r, i, "priority", 0) <=
		    rows_real(r, i - 1, "priority", 0));
	rows_free(r);
	r = rows_of(c, "queue", NULL, 0, "reason", "spam", "sort", "age",
	    NULL);
	assert_int_equal(r->nrows, 3);
	rows_free(r);
	r = rows_of(c, "accounts", NULL, 0, "q", "s", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "handle"), "sam");
	rows_free(r);
	r = rows_of(c, "account", NULL, 0, "handle", "sam", NULL);
	assert_int_equal(rows_int(r, 0, "id", 0), 1);
	assert_null(strstr(rows_text(r, 0, "email"), "sam@"));	/* masked */
	rows_free(r);
	r = rows_of(c, "account", NULL, 0, "id", "@rita", NULL);
	assert_int_equal(rows_int(r, 0, "id", 0), 2);
	rows_free(r);
	rows_free(rows_of(c, "breakdown", NULL, 0, "account", "1", NULL));
	r = rows_of(c, "flags", NULL, 0, "account", "@sam", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "reason"), "fraud");
	rows_free(r);
	r = rows_of(c, "flags", NULL, 0, "reporter", "2", "status", "open",
	    NULL);
	assert_int_equal(r->nrows, 6);
	rows_free(r);
	r = rows_of(c, "threads", NULL, 0, "account", "1", NULL);
	assert_int_equal(r->nrows, 1);
	rows_free(r);
	r = rows_of(c, "thread", NULL, 0, "id", "1", NULL);
	assert_string_equal(rows_text(r, 0, "subject"), "Bike");
	rows_free(r);
	r = rows_of(c, "messages", NULL, 0, "thread", "1", NULL);
	assert_int_equal(r->nrows, 3);
	assert_string_equal(rows_text(r, 0, "body"), "hello bike 0");
	rows_free(r);
	r = rows_of(c, "search", NULL, 0, "q", "bike", NULL);
	assert_int_equal(r->nrows, 3);
	rows_free(r);
	rows_free(rows_of(c, "escalations", NULL, 0, "status", "all", NULL));
	r = rows_of(c, "audit", NULL, 0, "actor", "carol", NULL);
	assert_true(r->nrows >= 2);
	rows_free(r);
	r = rows_of(c, "history", NULL, 0, "account", "7", NULL);
	assert_int_equal(r->nrows, 1);
	rows_free(r);
	rows_free(rows_of(c, "notes", NULL, 0, "account", "1", NULL));
	rows_free(rows_of(c, "tags", NULL, 0, "account", "1", NULL));
	r = rows_of(c, "strikes", NULL, 0, "account", "7", NULL);
	assert_int_equal(r->nrows, 1);
	rows_free(r);
	r = rows_of(c, "vouches", NULL, 0, "account", "1", NULL);
	assert_int_equal(r->nrows, 1);
	rows_free(r);
	r = rows_of(c, "ratings", NULL, 0, "account", "1", NULL);
	assert_int_equal(r->nrows, 1);
	rows_free(r);
	r = rows_of(c, "appeals", NULL, 0, NULL);
	assert_int_equal(r->nrows, 1);
	rows_free(r);
	rows_free(rows_of(c, "templates", NULL, 0, NULL));
	r = rows_of(c, "moderators", NULL, 0, NULL);
	assert_int_equal(r->nrows, 4);
	rows_free(r);
	r = rows_of(c, "tokens", NULL, 0, NULL);
	assert_int_equal(r->nrows, 4);
	assert_int_equal(rows_col(r, "token"), -1);
	assert_int_equal(rows_col(r, "hash"), -1);
	rows_free(r);
	rows_free(rows_of(c, "muted", NULL, 0, NULL));
	rows_free(rows_of(c, "rules", NULL, 0, NULL));
	r = rows_of(c, "stats", NULL, 0, "moderator", "carol", NULL);
	assert_int_equal(rows_int(r, 0, "accounts", 0), 7);
	rows_free(r);
	r = rows_of(c, "verify", NULL, 0, NULL);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	rows_free(r);
}

/* Walks every page of a query, limit at a time: the ids, in order. */
static size_t
walk(struct ct *c, const char *what, int limit, const char *k,
    const char *v, int64_t *ids, size_t max)
{
	char *cursor = NULL;
	size_t n = 0, pages = 0;

	do {
		struct rows *r = rows_of(c, what, cursor, limit, k, v, NULL);
		size_t i;

		free(cursor);
		cursor = r->next ? xstrdup(r->next) : NULL;
		assert_true(r->nrows <= (size_t)limit);
		if (cursor)
			assert_int_equal(r->nrows, limit);
		for (i = 0; i < r->nrows && n < max; i++)
			ids[n++] = rows_int(r, i, "id", 0);
		rows_free(r);
		assert_true(++pages < 100);
	} while (cursor);
	return n;
}

static void
test_paging(void **state)
{
	struct ct *c = *state;
	int64_t ids[64];
	struct rows *r;
	size_t n, i, j;

	n = walk(c, "queue", 2, NULL, NULL, ids, 64);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			assert_true(ids[i] != ids[j]);
	assert_int_equal(walk(c, "accounts", 3, NULL, NULL, ids, 64), 7);
	n = walk(c, "flags", 4, NULL, NULL, ids, 64);
	assert_int_equal(n, 6);
	for (i = 1; i < n; i++)
		assert_true(ids[i] < ids[i - 1]);	/* newest first */
	assert_int_equal(walk(c, "audit", 2, NULL, NULL, ids, 64),
	    audit_count(c));
	assert_int_equal(walk(c, "messages", 1, "thread", "1", ids, 64), 3);
	assert_int_equal(walk(c, "search", 2, "q", "bike", ids, 64), 3);
	/* a cursor the store did not give out */
	refused(c, query(c, st(c, "carol"), &r, "queue", "x:1", 2, NULL),
	    WE_USAGE, "cursor", NULL);
	refused(c, query(c, st(c, "carol"), &r, "flags", "abc", 2, NULL),
	    WE_USAGE, "cursor", NULL);
	refused(c, query(c, st(c, "carol"), &r, "queue", NULL, 501, NULL),
	    WE_USAGE, "limit", NULL);
}

static void
test_query_refusals(void **state)
{
	struct ct *c = *state;
	struct rows *r;

	refused(c, query(c, st(c, "carol"), &r, "nope", NULL, 0, NULL),
	    WE_NOTFOUND, NULL, "nope");
	refused(c, query(c, st(c, "carol"), &r, "queue", NULL, 0, "colour",
	    "red", NULL), WE_USAGE, "colour", "colour");
	refused(c, query(c, st(c, "carol"), &r, "account", NULL, 0, "id",
	    "999", NULL), WE_NOTFOUND, "id", "999");
	refused(c, query(c, st(c, "carol"), &r, "account", NULL, 0, "handle",
	    "nobody", NULL), WE_NOTFOUND, "handle", "nobody");
	refused(c, query(c, st(c, "carol"), &r, "flags", NULL, 0, "status",
	    "bogus", NULL), WE_USAGE, "status", "bogus");
	refused(c, query(c, st(c, "carol"), &r, "thread", NULL, 0, "id", "77",
	    NULL), WE_NOTFOUND, "id", NULL);
	refused(c, query(c, st(c, "carol"), &r, "audit", NULL, 0, "since",
	    "yesterday-ish", NULL), WE_USAGE, "since", NULL);
	/* text the URL must carry as it is */
	refused(c, query(c, st(c, "carol"), &r, "account", NULL, 0, "handle",
	    "a b&c=d/é?#%", NULL), WE_NOTFOUND, "handle", "a b&c=d/é?#%");
	r = NULL;
	assert_int_equal(query(c, st(c, "carol"), &r, "search", NULL, 0, "q",
	    "\"bike\" AND +x%20", NULL), 0);
	rows_free(r);
}

static void
test_every_action(void **state)
{
	struct ct *c = *state;
	bool seen[A__COUNT] = { false };
	struct rows *r;
	int64_t before = audit_count(c), token_id;
	int i;

#define DO(kind, call) do { ok(c, (call), #kind); seen[kind] = true; } \
	while (0)
	DO(A_CLAIM, act(c, "carol", A_CLAIM, 1, NULL, NULL));
	DO(A_NOTE, act(c, "carol", A_NOTE, 1, NULL, "text", "looking",
	    "sticky", "1", NULL));
	DO(A_TAG, act(c, "carol", A_TAG, 1, NULL, "tag", "repeat", NULL));
	DO(A_UNTAG, act(c, "carol", A_UNTAG, 1, NULL, "tag", "repeat", NULL));
	DO(A_WARN, act(c, "carol", A_WARN, 1, "rude", NULL));
	assert_non_null(strstr(c->res.message, "strike"));
	assert_true(c->res.audit_id > 0);
	assert_false(c->res.replayed);
	DO(A_SUSPEND, act(c, "carol", A_SUSPEND, 1, "fraud", "for", "7d",
	    NULL));
	assert_non_null(strstr(c->res.message, "until"));
	DO(A_RESTORE, act(c, "carol", A_RESTORE, 1, "appeal upheld", NULL));
	DO(A_TRUST, act(c, "carol", A_TRUST, 2, "known", "level", "2", NULL));
	ok(c, act(c, "carol", A_TRUST, 2, "by the rules", "unlock", "1", NULL),
	    "unlock");
	DO(A_RESOLVE, act(c, "carol", A_RESOLVE, 1, "checked", "outcome",
	    "upheld", "note", "confirmed", NULL));
	DO(A_RELEASE, act(c, "carol", A_RELEASE, 1, NULL, NULL));
	DO(A_HIDE, act(c, "carol", A_HIDE, 2, "phone number", NULL));
	DO(A_UNHIDE, act(c, "carol", A_UNHIDE, 2, "was fine", NULL));
	DO(A_REVEAL, act(c, "bob", A_REVEAL, 1, "fraud check", "field",
	    "email", NULL));
	assert_non_null(c->res.data);
	assert_string_equal(rows_text(c->res.data, 0, "value"),
	    "sam@example.com");
	r = rows_of(c, "appeals", NULL, 0, NULL);
	DO(A_DECIDE, act(c, "bob", A_DECIDE, rows_int(r, 0, "id", 0), "fair",
	    "outcome", "overturned", "reply", "we agree", NULL));
	rows_free(r);
	DO(A_MUTE, act(c, "carol", A_MUTE, 2, "mass reporter", "for", "30d",
	    NULL));
	DO(A_UNMUTE, act(c, "carol", A_UNMUTE, 2, "better now", NULL));
	DO(A_ESCALATE, act(c, "carol", A_ESCALATE, 0, "buyer waiting",
	    "account", "3", "kind", "inquiry", NULL));
	r = rows_of(c, "escalations", NULL, 0, "account", "3", NULL);
	assert_int_equal(r->nrows, 1);
	ok(c, act(c, "carol", A_ESCALATE, rows_int(r, 0, "id", 0), "still "
	    "waiting", NULL), "climb");
	DO(A_ACK, act(c, "carol", A_ACK, rows_int(r, 0, "id", 0), NULL, NULL));
	DO(A_ASSIGN, act(c, "carol", A_ASSIGN, rows_int(r, 0, "id", 0), NULL,
	    "assignee", "dave", NULL));
	rows_free(r);
	DO(A_SWEEP, act(c, "carol", A_SWEEP, 0, NULL, NULL));
	DO(A_SCAN, act(c, "carol", A_SCAN, 0, NULL, NULL));
	DO(A_MODERATOR_ADD, act_named(c, "alice", A_MODERATOR_ADD, "erin",
	    NULL, "role", "moderator", NULL));
	DO(A_MODERATOR_ROLE, act_named(c, "alice", A_MODERATOR_ROLE, "erin",
	    NULL, "role", "senior", NULL));
	DO(A_MODERATOR_DISABLE, act_named(c, "alice", A_MODERATOR_DISABLE,
	    "erin", NULL, NULL));
	DO(A_MODERATOR_ENABLE, act_named(c, "alice", A_MODERATOR_ENABLE,
	    "erin", NULL, NULL));
	DO(A_TOKEN_CREATE, act_named(c, "carol", A_TOKEN_CREATE, "carol", NULL,
	    "label", "spare", NULL));
	assert_non_null(c->res.data);
	assert_true(str_prefix(rows_text(c->res.data, 0, "token"), "wdn_"));
	token_id = rows_int(c->res.data, 0, "id", 0);
	DO(A_TOKEN_REVOKE, act(c, "carol", A_TOKEN_REVOKE, token_id, NULL,
	    NULL));
	DO(A_TEMPLATE_ADD, act_named(c, "carol", A_TEMPLATE_ADD, "phishing",
	    NULL, "text", "Phishing link sent to {handle}", NULL));
	DO(A_TEMPLATE_REMOVE, act_named(c, "bob", A_TEMPLATE_REMOVE,
	    "phishing", NULL, NULL));
	DO(A_BAN, act(c, "alice", A_BAN, 4, "scam ring", NULL));
#undef DO
	for (i = 0; i < A__COUNT; i++)
		if (!seen[i])
			fail_msg("%s is not tried", action_spec(i)->name);
	assert_true(audit_count(c) >= before + 25);
	r = rows_of(c, "account", NULL, 0, "id", "4", NULL);
	assert_string_equal(rows_text(r, 0, "status"), "banned");
	rows_free(r);
	r = rows_of(c, "verify", NULL, 0, NULL);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	rows_free(r);
}

static void
test_refusals(void **state)
{
	struct ct *c = *state;
	int64_t before = audit_count(c);

	/* roles */
	refused(c, act(c, "carol", A_BAN, 1, "x", NULL), WE_PERM, "actor",
	    "admin");
	refused(c, act(c, "carol", A_REVEAL, 1, "x", "field", "phone", NULL),
	    WE_PERM, "actor", "senior");
	refused(c, act(c, "bob", A_TRUST, 1, "x", "level", "4", NULL),
	    WE_PERM, NULL, "admin");
	refused(c, act_named(c, "bob", A_MODERATOR_ADD, "eve", NULL, "role",
	    "moderator", NULL), WE_PERM, "actor", "admin");
	refused(c, act_named(c, "carol", A_TOKEN_CREATE, "bob", NULL, NULL),
	    WE_PERM, "target", NULL);
	/* state */
	refused(c, act(c, "carol", A_RESTORE, 1, "x", NULL), WE_CONFLICT,
	    "target", "already active");
	refused(c, act(c, "carol", A_UNMUTE, 2, "x", NULL), WE_CONFLICT, NULL,
	    NULL);
	/* input */
	refused(c, act(c, "carol", A_SUSPEND, 1, "x", "for", "7x", NULL),
	    WE_USAGE, "for", "7x");
	refused(c, act(c, "carol", A_WARN, 1, NULL, NULL), WE_USAGE, "reason",
	    "reason");
	refused(c, act(c, "carol", A_WARN, 999, "x", NULL), WE_NOTFOUND,
	    "target", "999");
	refused(c, act(c, "carol", A_WARN, 1, "x", "colour", "red", NULL),
	    WE_USAGE, "colour", "colour");
	refused(c, act(c, "carol", A_RESOLVE, 1, "x", "outcome", "maybe", NULL),
	    WE_USAGE, "outcome", "maybe");
	refused(c, act(c, "carol", A_WARN, 0, "x", NULL), WE_USAGE, "target",
	    NULL);
	assert_int_equal(audit_count(c), before);
	/* a disabled moderator can do nothing: over the API its token no
	 * longer opens the door; either way, unauthorized */
	ok(c, act_named(c, "alice", A_MODERATOR_DISABLE, "dave", NULL, NULL),
	    "disable");
	before = audit_count(c);
	refused(c, act(c, "dave", A_NOTE, 1, NULL, "text", "hi", NULL),
	    WE_AUTH, NULL, NULL);
	assert_int_equal(audit_count(c), before);
}

static void
test_claims(void **state)
{
	struct ct *c = *state;
	int64_t before;

	ok(c, act(c, "carol", A_CLAIM, 1, NULL, NULL), "claim");
	before = audit_count(c);
	refused(c, act(c, "bob", A_WARN, 1, "x", NULL), WE_CONFLICT, "target",
	    "claimed by carol");
	refused(c, act(c, "bob", A_CLAIM, 1, NULL, NULL), WE_CONFLICT, NULL,
	    "claimed by carol");
	refused(c, act(c, "carol", A_CLAIM, 1, NULL, NULL), WE_CONFLICT, NULL,
	    "already claimed by you");
	refused(c, act(c, "bob", A_WARN, 1, "x", "--force", "", NULL), WE_PERM,
	    "force", "admin");
	assert_int_equal(audit_count(c), before);
	ok(c, act(c, "alice", A_WARN, 1, "over the claim", "--force", "",
	    NULL), "forced warn");
	ok(c, act(c, "carol", A_RELEASE, 1, NULL, NULL), "release");
	refused(c, act(c, "carol", A_RELEASE, 1, NULL, NULL), WE_CONFLICT,
	    NULL, "not claimed");
}

static void
test_idempotency(void **state)
{
	struct ct *c = *state;
	int64_t first, before;

	ok(c, act(c, "carol", A_WARN, 1, "spam", "--key", "k-1", NULL),
	    "warn");
	first = c->res.audit_id;
	assert_false(c->res.replayed);
	before = audit_count(c);
	ok(c, act(c, "carol", A_WARN, 1, "spam", "--key", "k-1", NULL),
	    "again");
	assert_true(c->res.replayed);
	assert_int_equal(c->res.audit_id, first);
	assert_non_null(strstr(c->res.message, "already applied"));
	assert_int_equal(audit_count(c), before);
	assert_int_equal(fx_int(c->f, "SELECT count(*) FROM strike WHERE "
	    "account_id = 1"), 1);
	/* the same key for something else, or by someone else */
	refused(c, act(c, "carol", A_WARN, 1, "other reason", "--key", "k-1",
	    NULL), WE_CONFLICT, "key", "different action");
	refused(c, act(c, "bob", A_WARN, 1, "spam", "--key", "k-1", NULL),
	    WE_CONFLICT, "key", "different action");
	assert_int_equal(audit_count(c), before);
}

static void
test_dry_run(void **state)
{
	struct ct *c = *state;
	int64_t before = audit_count(c);
	struct rows *r;

	ok(c, act(c, "carol", A_SUSPEND, 1, "x", "for", "3d", "--dry-run", "",
	    NULL), "dry suspend");
	assert_int_equal(c->res.audit_id, 0);
	assert_non_null(strstr(c->res.message, "suspended @sam"));
	assert_int_equal(audit_count(c), before);
	r = rows_of(c, "account", NULL, 0, "id", "1", NULL);
	assert_string_equal(rows_text(r, 0, "status"), "active");
	rows_free(r);
	refused(c, act(c, "carol", A_RESTORE, 1, "x", "--dry-run", "", NULL),
	    WE_CONFLICT, NULL, "already active");
}

static void
batch_init(struct action *a, size_t n, enum action_kind kind,
    const char *who)
{
	size_t i;

	for (i = 0; i < n; i++) {
		action_init(&a[i], kind);
		action_set_text(&a[i].actor, who);
	}
}

static void
batch_free(struct action *a, struct action_result *res, size_t n,
    bool results)
{
	size_t i;

	for (i = 0; i < n; i++) {
		action_free(&a[i]);
		if (results)
			action_result_free(&res[i]);
	}
}

static void
test_batch(void **state)
{
	struct ct *c = *state;
	struct action a[3];
	struct action_result res[3];
	struct werr e;
	int64_t before = audit_count(c);
	size_t i;

	/* all or nothing: the third fails, the first two are not kept */
	batch_init(a, 3, A_WARN, "carol");
	for (i = 0; i < 3; i++) {
		action_set_text(&a[i].reason, "batch");
		a[i].target = i == 2 ? 999 : (int64_t)i + 1;
	}
	assert_int_equal(store_apply(st(c, "carol"), a, 3, res, &e), -1);
	assert_int_equal(e.kind, WE_NOTFOUND);
	assert_int_equal(e.item, 2);
	assert_int_equal(audit_count(c), before);
	assert_int_equal(fx_int(c->f, "SELECT count(*) FROM account WHERE "
	    "status = 'warned'"), 1);	/* xena, from the set-up */
	batch_free(a, res, 3, false);

	/* a batch with keys, twice: applied once */
	batch_init(a, 3, A_NOTE, "carol");
	for (i = 0; i < 3; i++) {
		char key[16], text[16];

		a[i].target = (int64_t)i + 1;
		snprintf(key, sizeof key, "note-%zu", i);
		snprintf(text, sizeof text, "note %zu", i);
		action_set_text(&a[i].key, key);
		action_set_param(&a[i], "text", text);
	}
	assert_int_equal(store_apply(st(c, "carol"), a, 3, res, &e), 0);
	for (i = 0; i < 3; i++) {
		assert_false(res[i].replayed);
		assert_true(res[i].audit_id > 0);
		action_result_free(&res[i]);
	}
	assert_int_equal(audit_count(c), before + 3);
	assert_int_equal(store_apply(st(c, "carol"), a, 3, res, &e), 0);
	for (i = 0; i < 3; i++)
		assert_true(res[i].replayed);
	assert_int_equal(audit_count(c), before + 3);
	batch_free(a, res, 3, true);

	/* a batch is a dry run or not, all of it */
	batch_init(a, 2, A_NOTE, "carol");
	for (i = 0; i < 2; i++) {
		a[i].target = 1;
		action_set_param(&a[i], "text", "x");
	}
	a[1].dry_run = true;
	assert_int_equal(store_apply(st(c, "carol"), a, 2, res, &e), -1);
	assert_int_equal(e.kind, WE_USAGE);
	assert_string_equal(e.field, "dry_run");
	batch_free(a, res, 2, false);
	assert_int_equal(audit_count(c), before + 3);
	/* an empty batch does nothing, successfully */
	assert_int_equal(store_apply(st(c, "carol"), a, 0, res, &e), 0);
}

/* Text that is not plain ASCII goes through as it is. */
static void
test_text(void **state)
{
	struct ct *c = *state;
	static const char text[] = "d\xc3\xa9j\xc3\xa0 vu \xe2\x80\xae "
	    "\"quoted\" \\ {json} \xf0\x9f\x9a\xb2 & ?x=1#y";
	struct rows *r;

	ok(c, act(c, "carol", A_NOTE, 1, NULL, "text", text, NULL), "note");
	r = rows_of(c, "notes", NULL, 0, "account", "1", NULL);
	assert_string_equal(rows_text(r, 0, "body"), text);
	rows_free(r);
	ok(c, act_named(c, "carol", A_TEMPLATE_ADD, "cafe.1", NULL, "text",
	    text, NULL), "template");
	r = rows_of(c, "templates", NULL, 0, "name", "cafe.1", NULL);
	assert_string_equal(rows_text(r, 0, "text"), text);
	rows_free(r);
}

/* ------------------------------------------------------------------ */
/* Over HTTP only: the same actions through the API and straight into a
 * second database leave the same audit entries. */

static void
script(struct store *s, struct werr *e)
{
	static const struct { const char *who; enum action_kind kind;
		int64_t target; const char *reason, *k, *v; } steps[] = {
		{ "carol", A_CLAIM, 1, NULL, NULL, NULL },
		{ "carol", A_WARN, 1, "rude", NULL, NULL },
		{ "carol", A_NOTE, 1, NULL, "text", "checked the thread" },
		{ "carol", A_SUSPEND, 3, "spam wave", "for", "7d" },
		{ "carol", A_RESOLVE, 1, "confirmed", "outcome", "upheld" },
		{ "carol", A_RELEASE, 1, NULL, NULL, NULL },
		/* not over carol's claim */
		{ "bob", A_REVEAL, 1, "fraud check", "field", "phone" },
		{ "alice", A_BAN, 4, "scam ring", NULL, NULL },
	};
	struct action_result res;
	size_t i;
	int rc;

	for (i = 0; i < W_NELEM(steps); i++) {
		struct action a;

		action_init(&a, steps[i].kind);
		action_set_text(&a.actor, steps[i].who);
		a.target = steps[i].target;
		action_set_text(&a.reason, steps[i].reason);
		if (steps[i].k)
			action_set_param(&a, steps[i].k, steps[i].v);
		rc = store_apply(s, &a, 1, &res, e);
		action_free(&a);
		if (rc < 0)
			fail_msg("step %zu: %s", i, e->msg);
		action_result_free(&res);
	}
}

/* The store of whoever acts: script() hands actions by actor. */
struct by_actor {
	struct store base;
	struct ct *c;
};

static int
by_actor_apply(struct store *s, struct action *a, size_t n,
    struct action_result *res, struct werr *e)
{
	struct by_actor *b = (struct by_actor *)s;

	return store_apply(st(b->c, a[0].actor), a, n, res, e);
}

static void
test_same_audit(void **state)
{
	static const struct store_ops ops = { .name = "by-actor",
		.apply = by_actor_apply };
	struct ct *c = *state;
	struct fixture *local = fx_open();
	struct by_actor via = { { &ops }, c };
	struct rows *a, *b;
	char why[200];
	size_t i;

	marketplace(local);
	appeal(local);
	for (i = 0; i < NMODS; i++)
		free(fx_make_token(local, mods[i]));
	script(local->st, &local->err);
	script(&via.base, &c->err);
	assert_int_equal(query(c, local->st, &a, "audit", NULL, 500, NULL), 0);
	assert_int_equal(query(c, c->f->st, &b, "audit", NULL, 500, NULL), 0);
	assert_true(a->nrows > 10);
	if (!rows_same(a, b, why, sizeof why))
		fail_msg("the audit logs differ: %s", why);
	rows_free(a);
	rows_free(b);
	a = fx_query(c->f, "verify", NULL);
	assert_int_equal(rows_int(a, 0, "ok", 0), 1);
	rows_free(a);
	fx_close(local);
}

/* ------------------------------------------------------------------ */

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_whoami),
		T(test_queries),
		T(test_paging),
		T(test_query_refusals),
		T(test_every_action),
		T(test_refusals),
		T(test_claims),
		T(test_idempotency),
		T(test_dry_run),
		T(test_batch),
		T(test_text),
	};
	const struct CMUnitTest http_only[] = {
		T(test_same_audit),
	};
	int failed;

	api_test_env();
	backend = BE_SQLITE;
	failed = cmocka_run_group_tests_name("contract: sqlite store", tests,
	    NULL, NULL);
	backend = BE_HTTP;
	failed += cmocka_run_group_tests_name("contract: http store", tests,
	    NULL, NULL);
	failed += cmocka_run_group_tests_name("contract: http and sqlite "
	    "leave one audit log", http_only, NULL, NULL);
	return failed ? 1 : 0;
}
