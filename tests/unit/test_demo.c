/* tests/unit/test_demo.c: the demo marketplace has what a new moderator
 * should meet (every trust level, every flag reason, escalations at every
 * level, pending appeals, the planted cases), is the same for the same
 * seed, and its audit chain verifies.  Also: the queue's first page is an
 * index walk. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../data/sq.h"

struct demo_fx {
	char dir[256], a[300], b[300], c[300];
	sqlite3 *db;
};

static struct demo_fx *fx;

static void
make(const char *path, int64_t n, uint64_t seed)
{
	struct demo_options o = { 0 };
	struct werr e;

	o.accounts = n;
	o.seed = seed;
	o.login = "tester";
	o.quiet = true;
	if (demo_create(path, &o, &e) < 0)
		fail_msg("demo: %s", e.msg);
}

static int
group_setup(void **state)
{
	(void)state;
	fx = calloc(1, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "%s/warden-demo.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	snprintf(fx->a, sizeof fx->a, "%s/a.db", fx->dir);
	snprintf(fx->b, sizeof fx->b, "%s/b.db", fx->dir);
	snprintf(fx->c, sizeof fx->c, "%s/c.db", fx->dir);
	setenv("WARDEN_NOW", "2026-11-20T12:00:00Z", 1);
	make(fx->a, 400, 7);
	make(fx->b, 400, 7);
	make(fx->c, 400, 8);
	return sqlite3_open(fx->a, &fx->db) == SQLITE_OK ? 0 : -1;
}

static int
group_teardown(void **state)
{
	char cmd[400];

	(void)state;
	sqlite3_close(fx->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		return -1;
	free(fx);
	return 0;
}

static int64_t
one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sqlite3_errmsg(db), sql);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *
text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sqlite3_errmsg(db), sql);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static void
test_shape(void **state)
{
	(void)state;
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account"), 400);
	assert_int_equal(one(fx->db, "SELECT count(*) FROM thread"), 1600);
	assert_true(one(fx->db, "SELECT count(*) FROM message") > 5000);
	assert_true(one(fx->db, "SELECT count(*) FROM flag") >= 300);
	/* every trust level */
	assert_int_equal(one(fx->db, "SELECT count(DISTINCT trust_level) "
	    "FROM account"), 5);
	/* every flag reason, open ones among them */
	assert_int_equal(one(fx->db, "SELECT count(DISTINCT reason) FROM flag"),
	    10);
	assert_true(one(fx->db, "SELECT count(*) FROM flag WHERE "
	    "status = 'open'") > 50);
	assert_true(one(fx->db, "SELECT count(*) FROM flag WHERE "
	    "status = 'upheld'") > 10);
	/* escalations at every level, some overdue */
	assert_int_equal(one(fx->db, "SELECT count(DISTINCT level) FROM "
	    "escalation"), 6);
	assert_true(one(fx->db, "SELECT count(*) FROM escalation WHERE "
	    "due < strftime('%s', '2026-11-20T12:00:00') AND status <> "
	    "'resolved'") > 0);
	/* strikes, appeals (some pending), templates, moderators */
	assert_true(one(fx->db, "SELECT count(*) FROM strike") >= 10);
	assert_true(one(fx->db, "SELECT count(*) FROM appeal WHERE "
	    "status = 'pending'") >= 1);
	assert_true(one(fx->db, "SELECT count(*) FROM template") >= 5);
	assert_int_equal(one(fx->db, "SELECT count(*) FROM moderator WHERE "
	    "name IN ('alice','bob','carol','tester') AND active = 1"), 4);
	assert_int_equal(one(fx->db, "SELECT role = 'admin' FROM moderator "
	    "WHERE name = 'tester'"), 1);
	/* the ring: new accounts vouching for each other */
	assert_int_equal(one(fx->db, "SELECT count(*) FROM vouch v JOIN "
	    "account a ON a.id = v.voucher_id JOIN account b ON "
	    "b.id = v.vouchee_id WHERE a.id > 392 AND b.id > 392"), 30);
	/* retaliatory pairs: same transaction, both low, hours apart */
	assert_true(one(fx->db, "SELECT count(*) FROM rating x JOIN rating y "
	    "ON x.tx = y.tx AND x.rater_id = y.ratee_id AND "
	    "x.ratee_id = y.rater_id AND y.created > x.created WHERE "
	    "x.stars <= 2 AND y.stars <= 2") >= 1);
	/* unanswered inquiries */
	assert_true(one(fx->db, "SELECT count(*) FROM (SELECT thread_id FROM "
	    "message GROUP BY thread_id HAVING count(*) = 1)") > 50);
	/* live claims */
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account WHERE "
	    "claimed_by IS NOT NULL"), 2);
}

static void
test_planted(void **state)
{
	(void)state;
	/* phishing look-alikes and contact details in messages */
	assert_true(one(fx->db, "SELECT count(*) FROM message WHERE body LIKE "
	    "'%warden-rnarket.example%'") > 0);
	assert_true(one(fx->db, "SELECT count(*) FROM message WHERE body LIKE "
	    "'%+1 415 555%'") > 0);
	/* terminal escapes, C1, bidi, zero-width, invalid UTF-8 */
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account WHERE "
	    "instr(display_name, char(27)) > 0"), 3);
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account WHERE "
	    "instr(display_name, char(8238)) > 0"), 1);
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account WHERE "
	    "instr(display_name, char(8203)) > 0"), 1);
	assert_true(one(fx->db, "SELECT count(*) FROM message WHERE "
	    "instr(body, char(27)) > 0") >= 3);
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account WHERE "
	    "handle = 'bad_utf8' AND hex(display_name) LIKE '%FFFE%'"), 1);
	/* a young account named like a veteran's handle, in Cyrillic */
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account a, account b "
	    "WHERE b.id = 12 AND a.id = 391 AND a.display_name = "
	    "replace(b.handle, 'a', char(1072)) AND a.display_name <> b.handle"),
	    1);
	/* the detectors have looked: marks and the flags they raised */
	assert_true(one(fx->db, "SELECT count(DISTINCT detector) FROM mark")
	    >= 4);
	assert_true(one(fx->db, "SELECT count(*) FROM flag WHERE detector IS "
	    "NOT NULL AND status = 'open'") > 0);
	/* mixed-script impersonation of support */
	assert_int_equal(one(fx->db, "SELECT count(*) FROM account WHERE "
	    "handle = 'warden_support' AND instr(display_name, char(1086)) > 0"),
	    1);
	/* the hostile accounts sit on the first page of the queue */
	assert_int_equal(one(fx->db, "SELECT count(*) FROM (SELECT handle FROM "
	    "account WHERE open_flags > 0 ORDER BY queue_priority DESC, id DESC "
	    "LIMIT 30) WHERE handle IN ('osc52_clip', 'title_setter', "
	    "'csi_query', 'c1_control', 'rlo_override')"), 5);
}

static void
test_same_seed_same_marketplace(void **state)
{
	sqlite3 *b, *c;
	char *qa, *qb, *qc;
	const char *sql = "SELECT group_concat(id) FROM (SELECT id FROM account "
	    "WHERE open_flags > 0 ORDER BY queue_priority DESC, id DESC "
	    "LIMIT 40)";
	const char *names = "SELECT group_concat(handle || display_name || "
	    "trust_level || status, '|') FROM account";

	(void)state;
	assert_int_equal(sqlite3_open(fx->b, &b), SQLITE_OK);
	assert_int_equal(sqlite3_open(fx->c, &c), SQLITE_OK);
	qa = text(fx->db, sql);
	qb = text(b, sql);
	qc = text(c, sql);
	assert_string_equal(qa, qb);
	assert_string_not_equal(qa, qc);
	free(qa);
	free(qb);
	free(qc);
	qa = text(fx->db, names);
	qb = text(b, names);
	assert_string_equal(qa, qb);
	free(qa);
	free(qb);
	qa = text(fx->db, "SELECT group_concat(body, '|') FROM message");
	qb = text(b, "SELECT group_concat(body, '|') FROM message");
	assert_string_equal(qa, qb);
	free(qa);
	free(qb);
	sqlite3_close(b);
	sqlite3_close(c);
}

static void
test_audit_chain_verifies(void **state)
{
	struct werr e;
	struct store *st = sqlite_store_open(fx->a, STORE_OPEN_EXISTING, &e);
	struct rows *r = NULL;

	(void)state;
	assert_non_null(st);
	assert_int_equal(store_queryv(st, &r, &e, "verify", NULL), 0);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	assert_true(rows_int(r, 0, "entries", 0) > 20);
	rows_free(r);
	store_close(st);
}

/* Keyset paging: the pages join up with no gap and no repeat, and the
 * first page is a walk of the partial index, not a sort of the table. */
static void
test_queue_pages_and_plan(void **state)
{
	struct werr e;
	struct store *st = sqlite_store_open(fx->a, STORE_OPEN_EXISTING, &e);
	struct param p[1];
	struct query q = { 0 };
	struct rows *r = NULL;
	sqlite3_stmt *plan;
	char *sql, *cursor = NULL;
	int64_t seen = 0, total, prev_id = 0;
	double prev = 1e300;
	bool index_walk = false, sorted = false;

	(void)state;
	assert_non_null(st);
	total = one(fx->db, "SELECT count(*) FROM account WHERE open_flags > 0");
	q.what = "queue";
	q.limit = 17;
	do {
		size_t i;

		q.cursor = cursor;
		assert_int_equal(store_query(st, &q, &r, &e), 0);
		for (i = 0; i < r->nrows; i++) {
			double pk = rows_real(r, i, "pkey", 0);
			int64_t id = rows_int(r, i, "id", 0);

			assert_true(pk < prev || (pk == prev && id < prev_id));
			prev = pk;
			prev_id = id;
			seen++;
		}
		free(cursor);
		cursor = r->next ? strdup(r->next) : NULL;
		rows_free(r);
		r = NULL;
	} while (cursor);
	assert_int_equal(seen, total);

	/* the plan of the first page */
	q.cursor = NULL;
	assert_int_equal(store_query(st, &q, &r, &e), 0);
	rows_free(r);
	sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sq_of(st)->last_sql);
	assert_int_equal(sqlite3_prepare_v2(fx->db, sql, -1, &plan, NULL),
	    SQLITE_OK);
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(plan, 3);

		print_message("# plan: %s\n", d);
		if (strstr(d, "SCAN a USING INDEX account_queue"))
			index_walk = true;
		if (strstr(d, "TEMP B-TREE"))
			sorted = true;
	}
	sqlite3_finalize(plan);
	sqlite3_free(sql);
	assert_true(index_walk);
	assert_false(sorted);
	(void)p;
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_planted),
		cmocka_unit_test(test_same_seed_same_marketplace),
		cmocka_unit_test(test_audit_chain_verifies),
		cmocka_unit_test(test_queue_pages_and_plan),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
