/* tests/unit/test_store.c: opening a database: each bad file is refused
 * with a message naming the path and what to do, and left unchanged;
 * migrations take an old database to the current schema. */
#include "fixture.h"

#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../data/schema.h"
#include "../../data/outbox.h"
#include "../../data/sq.h"

static char dir[256];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/warden-store.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
}

static void
write_file(const char *p, const void *data, size_t n)
{
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static char *
file_hash(const char *p)
{
	FILE *f = fopen(p, "rb");
	static char out[65];
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	sha256_hex(buf, (size_t)n, out);
	free(buf);
	return out;
}

static void
refused(const char *p, enum werr_kind kind, const char *words)
{
	struct werr e;
	struct store *st = sqlite_store_open(p, STORE_OPEN_EXISTING, &e);

	assert_null(st);
	if (e.kind != kind)
		fail_msg("kind %s, wanted %s: %s", werr_kind_name(e.kind),
		    werr_kind_name(kind), e.msg);
	assert_non_null(strstr(e.msg, p));
	if (strstr(e.msg, words) == NULL)
		fail_msg("'%s' lacks '%s'", e.msg, words);
}

static void
test_missing_file(void **state)
{
	char p[300];

	(void)state;
	path(p, sizeof p, "nope.db");
	refused(p, WE_NOINPUT, "warden init");
	assert_int_equal(access(p, F_OK), -1);	/* not created */
}

static void
test_not_a_database(void **state)
{
	char p[300], h[65];
	static const char text[] = "this is a shopping list, not a database\n";

	(void)state;
	path(p, sizeof p, "list.txt");
	write_file(p, text, sizeof text - 1);
	memcpy(h, file_hash(p), sizeof h);
	refused(p, WE_INVALID, "not a SQLite database");
	assert_string_equal(file_hash(p), h);
	path(p, sizeof p, "empty.db");
	write_file(p, "", 0);
	refused(p, WE_INVALID, "empty file");
	assert_int_equal(werr_exit_status(WE_INVALID), 65);
}

static void
test_other_sqlite_database(void **state)
{
	char p[300];
	sqlite3 *db;

	(void)state;
	path(p, sizeof p, "other.db");
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	refused(p, WE_INVALID, "not a warden one");
}

static void
make_warden_db(const char *p)
{
	struct werr e;
	struct store *st = sqlite_store_open(p, STORE_OPEN_CREATE, &e);

	if (st == NULL)
		fail_msg("create: %s", e.msg);
	assert_int_equal(sqlite_store_bootstrap_admin(st, "alice", &e), 0);
	store_close(st);
}

static void
test_newer_schema_refused_unchanged(void **state)
{
	char p[300], h[65], sql[64];
	sqlite3 *db;

	(void)state;
	path(p, sizeof p, "future.db");
	make_warden_db(p);
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    schema_version() + 5);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	memcpy(h, file_hash(p), sizeof h);
	refused(p, WE_UNAVAILABLE, "newer");
	assert_string_equal(file_hash(p), h);
	assert_int_equal(werr_exit_status(WE_UNAVAILABLE), 69);
}

static void
test_corrupt_file(void **state)
{
	char p[300];
	int fd;
	char junk[4096];
	struct stat sb;

	(void)state;
	path(p, sizeof p, "broken.db");
	make_warden_db(p);
	/* keep the header, scribble over the rest of the first pages */
	memset(junk, 0xa5, sizeof junk);
	fd = open(p, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &sb), 0);
	assert_int_equal(pwrite(fd, junk, sizeof junk - 200, 200),
	    (ssize_t)(sizeof junk - 200));
	assert_int_equal(pwrite(fd, junk, sizeof junk, 4096),
	    (ssize_t)sizeof junk);
	close(fd);
	refused(p, WE_INVALID, "damaged");
}

static void
test_read_only_file(void **state)
{
	char p[300];
	pid_t pid;
	int status;

	(void)state;
	path(p, sizeof p, "ro.db");
	make_warden_db(p);
	assert_int_equal(chmod(p, 0444), 0);
	if (geteuid() != 0) {
		refused(p, WE_PERM, "read-only");
		return;
	}
	/* root writes anything: check as an ordinary user */
	assert_int_equal(chmod(dir, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct passwd *pw = getpwnam("nobody");
		struct werr e;
		struct store *st;

		if (pw == NULL || setgid(pw->pw_gid) < 0 ||
		    setuid(pw->pw_uid) < 0)
			_exit(3);
		st = sqlite_store_open(p, STORE_OPEN_EXISTING, &e);
		_exit(st == NULL && e.kind == WE_PERM &&
		    strstr(e.msg, "read-only") ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_create_refuses_existing(void **state)
{
	char p[300];
	struct werr e;

	(void)state;
	path(p, sizeof p, "exists.db");
	make_warden_db(p);
	assert_null(sqlite_store_open(p, STORE_OPEN_CREATE, &e));
	assert_int_equal(e.kind, WE_CANTCREATE);
	assert_non_null(strstr(e.msg, "already exists"));
}

/* A database made at each older version (by running the migrations up to
 * it) opens at the current one, with its rows. */
static void
test_migrations_step_by_step(void **state)
{
	int from;

	(void)state;
	for (from = 1; from <= schema_version(); from++) {
		char p[300], name[32], sql[64];
		struct werr e;
		struct store *st;
		struct rows *r = NULL;
		sqlite3 *db;
		int v;

		snprintf(name, sizeof name, "v%d.db", from);
		path(p, sizeof p, name);
		assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
		for (v = 0; v < from; v++)
			assert_int_equal(sqlite3_exec(db, schema_migration(v),
			    NULL, NULL, NULL), SQLITE_OK);
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", from);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "INSERT INTO account(handle, "
		    "display_name, created) VALUES ('old', 'Old One', 1); "
		    "INSERT INTO moderator(name, role, created) VALUES "
		    "('alice', 'admin', 1)", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		st = sqlite_store_open(p, STORE_OPEN_EXISTING, &e);
		if (st == NULL)
			fail_msg("v%d: %s", from, e.msg);
		assert_int_equal(store_queryv(st, &r, &e, "account", "handle",
		    "old", NULL), 0);
		assert_string_equal(rows_text(r, 0, "display_name"), "Old One");
		rows_free(r);
		store_close(st);
		assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
		{
			sqlite3_stmt *s;

			sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s,
			    NULL);
			assert_int_equal(sqlite3_step(s), SQLITE_ROW);
			assert_int_equal(sqlite3_column_int(s, 0),
			    schema_version());
			sqlite3_finalize(s);
		}
		sqlite3_close(db);
	}
}

static void
test_connection_settings(void **state)
{
	struct fixture *f = fx_open();
	char *mode = fx_text(f, "PRAGMA journal_mode");

	(void)state;
	assert_string_equal(mode, "wal");
	free(mode);
	/* foreign keys are on in the store's connection: a flag on a
	 * missing account is refused by the schema, via an action that
	 * would need one */
	assert_int_equal(fx_act(f, "carol", A_NOTE, 4242, NULL, "text", "x",
	    NULL), -1);
	assert_int_equal(f->err.kind, WE_NOTFOUND);
	fx_close(f);
}

/* The query plan of the last list the store read, one line. */
static char *
last_plan(struct fixture *f)
{
	struct buf b = BUF_INIT;
	sqlite3_stmt *plan;
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s",
	    sq_of(f->st)->last_sql);

	assert_int_equal(sqlite3_prepare_v2(f->raw, sql, -1, &plan, NULL),
	    SQLITE_OK);
	while (sqlite3_step(plan) == SQLITE_ROW)
		buf_printf(&b, "%s; ", sqlite3_column_text(plan, 3));
	sqlite3_finalize(plan);
	sqlite3_free(sql);
	return buf_steal(&b);
}

static void
expect_plan(struct fixture *f, const char *index, const char *not)
{
	char *plan = last_plan(f);

	if (strstr(plan, index) == NULL || strstr(plan, not) != NULL)
		fail_msg("plan wants %s, not %s: %s", index, not, plan);
	free(plan);
}

/* An account's flags, marks and audit entries, and a thread's marks, come
 * from their index, not from a walk of the whole table. */
static void
test_filtered_lists_use_their_index(void **state)
{
	struct fixture *f = fx_open();

	(void)state;
	fx_account(f, "sam", 100, true, 12, 1);
	rows_free(fx_query(f, "flags", "account", "1", NULL));
	expect_plan(f, "flag_account", "SCAN f");
	rows_free(fx_query(f, "flags", "reporter", "1", NULL));
	expect_plan(f, "flag_reporter", "SCAN f");
	rows_free(fx_query(f, "marks", "account", "1", NULL));
	expect_plan(f, "mark_account", "SCAN k");
	rows_free(fx_query(f, "marks", "thread", "1", NULL));
	expect_plan(f, "mark_message", "SCAN k");
	rows_free(fx_query(f, "marks", "message", "1", NULL));
	expect_plan(f, "mark_message", "SCAN k");
	rows_free(fx_query(f, "audit", "account", "1", NULL));
	expect_plan(f, "audit_account", "SCAN l");
	rows_free(fx_query(f, "audit", "actor", "carol", NULL));
	expect_plan(f, "audit_actor", "SCAN l");
	rows_free(fx_query(f, "audit", "action", "ban", NULL));
	expect_plan(f, "audit_action", "SCAN l");
	rows_free(fx_query(f, "audit", "action", "moderator", NULL));
	expect_plan(f, "audit_action", "SCAN l");
	/* the trust overview's counts: one walk of a covering index */
	rows_free(fx_query(f, "trust_levels", NULL));
	expect_plan(f, "COVERING INDEX account_trust", "SCAN account; ");
	/* the muted reporters, then their handles; not every account */
	rows_free(fx_query(f, "muted", NULL));
	expect_plan(f, "SCAN m", "SCAN a");
	/* a thread's messages and an account's threads count their flags
	 * through the flag's message */
	fx_sql(f, "INSERT INTO thread(id, subject, created, last_at) VALUES "
	    "(1, 'Sofa', 0, 0); INSERT INTO participant VALUES (1, 1, 'buyer')");
	rows_free(fx_query(f, "messages", "thread", "1", NULL));
	expect_plan(f, "flag_message", "SCAN f");
	rows_free(fx_query(f, "threads", "account", "1", NULL));
	expect_plan(f, "flag_message", "AUTOMATIC");
	/* what is live of the lists that only grow */
	rows_free(fx_query(f, "escalations", NULL));
	expect_plan(f, "escalation_active", "TEMP B-TREE");
	rows_free(fx_query(f, "escalations", "account", "1", NULL));
	expect_plan(f, "escalation_account", "SCAN x");
	{
		struct outbox_hook h = { "ops", NULL };
		struct outbox_event *ev;
		size_t n;

		assert_int_equal(outbox_take(f->st, &h, 10, 60, &ev, &n,
		    &f->err), 0);
		outbox_events_free(ev, n);
		/* its query calls hook_takes() */
		assert_int_equal(outbox_register(f->raw), SQLITE_OK);
		expect_plan(f, "outbox_undelivered", "SCAN o; ");
	}
	fx_close(f);
}

/* A queue cursor cut short or of another sort is refused as one, not read
 * past its end. */
static void
test_queue_cursors_checked(void **state)
{
	static const struct {
		const char *sort, *cursor;
	} bad[] = {
		{ "age", "a" }, { "flags", "f" }, { "priority", "p" },
		{ "age", "a:" }, { "age", "p:1:2" }, { "priority", "p:1:2x" },
		{ "priority", "p:nan:1" }, { "flags", "f:1" },
	};
	struct fixture *f = fx_open();
	size_t i;

	(void)state;
	for (i = 0; i < W_NELEM(bad); i++) {
		struct param p = { (char *)"sort", (char *)bad[i].sort };
		struct query q = { "queue", 1, &p, NULL, 0 };
		struct rows *r = NULL;
		char *cursor = xstrdup(bad[i].cursor);

		q.cursor = cursor;
		werr_clear(&f->err);
		if (store_query(f->st, &q, &r, &f->err) != -1)
			fail_msg("cursor '%s' taken", cursor);
		assert_int_equal(f->err.kind, WE_USAGE);
		assert_string_equal(f->err.field, "cursor");
		assert_null(r);
		free(cursor);
	}
	fx_close(f);
}

/* The queue of a status other than active (few accounts) comes from the
 * status index, not a walk past every active one; its pages, in each
 * sort, hold every such account once, in order, and no other. */
static void
test_queue_of_a_rare_status(void **state)
{
	/* each sort, its key and its direction */
	static const struct {
		const char *sort, *key;
		int dir;
	} sorts[] = { { "priority", "pkey", -1 }, { "age", "oldest", 1 },
		{ "flags", "flags", -1 } };
	struct fixture *f = fx_open();
	int64_t ids[40];
	size_t i, k;

	(void)state;
	for (i = 0; i < W_NELEM(ids); i++) {
		char h[16];

		snprintf(h, sizeof h, "acct%zu", i);
		ids[i] = fx_account(f, h, 100, true, 3, 0);
		for (k = 0; k <= i % 3; k++)
			fx_flag(f, ids[i], 0, "fraud", 1 + (int)(i % 3),
			    (int)(i % 7));
	}
	fx_recompute(f);
	for (i = 0; i < W_NELEM(ids); i += 3) {
		char sql[80];

		snprintf(sql, sizeof sql, "UPDATE account SET status = "
		    "'suspended' WHERE id = %lld", (long long)ids[i]);
		fx_sql(f, sql);
	}
	for (k = 0; k < W_NELEM(sorts); k++) {
		struct param p[2] = { { (char *)"status", (char *)"suspended" },
			{ (char *)"sort", (char *)sorts[k].sort } };
		struct query q = { "queue", 2, p, NULL, 4 };
		char *cursor = NULL;
		size_t seen = 0;
		double prev = 0;
		int64_t prev_id = 0;

		do {
			struct rows *r = NULL;

			q.cursor = cursor;
			assert_int_equal(store_query(f->st, &q, &r, &f->err),
			    0);
			if (cursor == NULL)
				expect_plan(f, "account_status", "SCAN a");
			for (i = 0; i < r->nrows; i++) {
				const char *st = rows_text(r, i, "status");
				double key = rows_real(r, i, sorts[k].key, 0);
				int64_t id = rows_int(r, i, "id", 0);

				assert_string_equal(st, "suspended");
				assert_int_equal((id - ids[0]) % 3, 0);
				/* in the sort's order; ties by id, as the
				 * sort's index has it */
				if (seen > 0 && (key - prev) * sorts[k].dir < 0)
					fail_msg("%s: out of order", sorts[k].sort);
				if (seen > 0 && key == prev && (id > prev_id) !=
				    (sorts[k].dir > 0))
					fail_msg("%s: ties out of order",
					    sorts[k].sort);
				prev = key;
				prev_id = id;
				seen++;
			}
			free(cursor);
			cursor = r->next ? xstrdup(r->next) : NULL;
			rows_free(r);
		} while (cursor);
		assert_int_equal(seen, (W_NELEM(ids) + 2) / 3);
	}
	fx_close(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_not_a_database),
		cmocka_unit_test(test_other_sqlite_database),
		cmocka_unit_test(test_newer_schema_refused_unchanged),
		cmocka_unit_test(test_corrupt_file),
		cmocka_unit_test(test_read_only_file),
		cmocka_unit_test(test_create_refuses_existing),
		cmocka_unit_test(test_migrations_step_by_step),
		cmocka_unit_test(test_connection_settings),
		cmocka_unit_test(test_filtered_lists_use_their_index),
		cmocka_unit_test(test_queue_cursors_checked),
		cmocka_unit_test(test_queue_of_a_rare_status),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
