/* tests/unit/test_audit.c: the audit hash chain.  Tampering with the
 * file behind warden's back (sqlite3 on the raw file) is found, and verify
 * names the entry.
 *
 * The matrix: every column of the audit table, as the schema has it
 * (PRAGMA table_info, so a column added later is in it), edited in turn
 * in an entry of the middle and in the last: changed, with a NUL and more
 * appended (text), emptied to NULL (where it may be); and entries
 * deleted, inserted and reordered.  One test a row.  A column that the
 * hash leaves out would have to be named in unhashed[] below, with why. */
#include "fixture.h"

#include "../../data/sq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
setup(void **state)
{
	struct fixture *f = fx_open();
	int i;

	fx_account(f, "sam", 100, true, 12, 1);
	fx_account(f, "rita", 5, false, 0, 0);
	for (i = 0; i < 6; i++) {
		char text[32];

		snprintf(text, sizeof text, "note %d", i);
		assert_int_equal(fx_act(f, "carol", A_NOTE, 1 + i % 2, NULL,
		    "text", text, NULL), 0);
		f->now += 60;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx_close(*state);
	return 0;
}

static struct rows *
verify(struct fixture *f)
{
	return fx_query(f, "verify", NULL);
}

static void
test_intact_chain_verifies(void **state)
{
	struct fixture *f = *state;
	struct rows *r = verify(f);

	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	/* bootstrap of alice + 6 notes */
	assert_int_equal(rows_int(r, 0, "entries", 0), 7);
	assert_null(rows_get(r, 0, "bad_id")->s);
	rows_free(r);
}

static void
expect_bad(struct fixture *f, int64_t id, const char *words)
{
	struct rows *r = verify(f);

	assert_int_equal(rows_int(r, 0, "ok", 1), 0);
	assert_int_equal(rows_int(r, 0, "bad_id", 0), id);
	if (strstr(rows_text(r, 0, "problem"), words) == NULL)
		fail_msg("'%s' lacks '%s'", rows_text(r, 0, "problem"), words);
	rows_free(r);
}

static void
test_chain_goes_on_after_refusals(void **state)
{
	struct fixture *f = *state;
	struct rows *r;

	assert_int_equal(fx_act(f, "carol", A_RESTORE, 1, "x", NULL), -1);
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "rude", NULL), 0);
	r = verify(f);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	assert_int_equal(rows_int(r, 0, "entries", 0), 8);
	rows_free(r);
}


/* ------------------------------------------------------------------ */
/* Hash form 2: every field whole, time and types checked. */

static void
test_nul_appended_to_reason(void **state)
{
	struct fixture *f = *state;

	/* form 1 stopped at the NUL and passed this */
	fx_sql(f, "UPDATE audit SET reason = 'fine' || x'00' || "
	    "' -- approved by alice' WHERE id = 4");
	expect_bad(f, 4, "changed");
}

static void
test_nul_appended_to_params(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET params = CAST(params || x'00' || 'x' AS "
	    "TEXT) WHERE id = 5");
	expect_bad(f, 5, "changed");
}

static void
test_time_back_refused_on_write(void **state)
{
	struct fixture *f = *state;
	int64_t before = fx_int(f, "SELECT count(*) FROM audit");

	f->now -= 3 * 365 * DAY;
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "late", NULL), -1);
	assert_int_equal(f->err.kind, WE_INVALID);
	assert_non_null(strstr(f->err.msg, "before the audit log's last"));
	assert_int_equal(fx_int(f, "SELECT count(*) FROM audit"), before);
	/* a little skew between writers' clocks is fine */
	f->now += 3 * 365 * DAY - 30;
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "skewed", NULL), 0);
}

static void
test_time_back_found(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET at = at - 86400 WHERE id = 6");
	expect_bad(f, 6, "dated");
}

static void
test_time_not_an_integer(void **state)
{
	struct fixture *f = *state;

	/* the column's affinity turns '123' back into 123: a date does
	 * stay text */
	fx_sql(f, "UPDATE audit SET at = '2026-11-18 09:48' WHERE id = 3");
	expect_bad(f, 3, "time is not an integer");
	fx_sql(f, "UPDATE audit SET at = (SELECT at FROM audit WHERE id = 2) "
	    "+ 0.5 WHERE id = 3");
	expect_bad(f, 3, "time is not an integer");
}

static void
test_column_of_wrong_type(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET reason = CAST('x' AS BLOB) WHERE id = 2");
	expect_bad(f, 2, "reason is not text");
}

static void
test_account_of_wrong_type(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET account_id = '@sam' WHERE id = 2");
	expect_bad(f, 2, "account is not an integer");
}

static void
test_form_changed(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET form = 1 WHERE id = 7");
	expect_bad(f, 7, "");
	fx_sql(f, "UPDATE audit SET form = 3 WHERE id = 7");
	expect_bad(f, 7, "form");
}

/* Form 1 as it was written before schema 6, for a legacy log. */
static void
form1_field(char *b, size_t size, const char *s)
{
	size_t n = strlen(b);

	if (s == NULL)
		snprintf(b + n, size - n, "-\n");
	else
		snprintf(b + n, size - n, "%zu:%s\n", strlen(s), s);
}

/* Rewrites the log from entry first on as form 1 entries, as an old
 * warden wrote them. */
static void
make_legacy_from(struct fixture *f, int64_t first)
{
	sqlite3_stmt *st;
	char prev[65], hash[65], sql[300];
	int64_t last = fx_int(f, "SELECT max(id) FROM audit"), id;

	memset(prev, '0', 64);
	prev[64] = '\0';
	if (first > 1) {
		char *p;

		snprintf(sql, sizeof sql, "SELECT hash FROM audit WHERE "
		    "id = %lld", (long long)first - 1);
		p = fx_text(f, sql);
		memcpy(prev, p, sizeof prev);
		free(p);
	}
	for (id = first; id <= last; id++) {
		char b[4096] = "";

		snprintf(sql, sizeof sql, "SELECT id, at, actor, action, "
		    "target, coalesce(account_id, 0), reason, params, result, "
		    "idem_key FROM audit WHERE id = %lld", (long long)id);
		assert_int_equal(sqlite3_prepare_v2(f->raw, sql, -1, &st,
		    NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(b, sizeof b, "warden-audit-1\n%lld\n%lld\n",
		    (long long)sqlite3_column_int64(st, 0),
		    (long long)sqlite3_column_int64(st, 1));
		form1_field(b, sizeof b, (const char *)sqlite3_column_text(st, 2));
		form1_field(b, sizeof b, (const char *)sqlite3_column_text(st, 3));
		form1_field(b, sizeof b, (const char *)sqlite3_column_text(st, 4));
		snprintf(b + strlen(b), sizeof b - strlen(b), "%lld\n",
		    (long long)sqlite3_column_int64(st, 5));
		form1_field(b, sizeof b, (const char *)sqlite3_column_text(st, 6));
		form1_field(b, sizeof b, (const char *)sqlite3_column_text(st, 7));
		form1_field(b, sizeof b, (const char *)sqlite3_column_text(st, 8));
		form1_field(b, sizeof b, (const char *)sqlite3_column_text(st, 9));
		form1_field(b, sizeof b, prev);
		sqlite3_finalize(st);
		sha256_hex(b, strlen(b), hash);
		snprintf(sql, sizeof sql, "UPDATE audit SET form = 1, "
		    "prev_hash = '%s', hash = '%s' WHERE id = %lld", prev, hash,
		    (long long)id);
		fx_sql(f, sql);
		memcpy(prev, hash, sizeof prev);
	}
	snprintf(sql, sizeof sql, "UPDATE meta SET v = '%s' WHERE "
	    "k = 'audit_head'", prev);
	fx_sql(f, sql);
}

static void
make_legacy(struct fixture *f)
{
	make_legacy_from(f, 1);
}

static void
test_legacy_log_still_verifies(void **state)
{
	struct fixture *f = *state;
	struct rows *r;

	make_legacy(f);
	r = verify(f);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	rows_free(r);
	/* new entries go on in form 2 after the old ones */
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "rude", NULL), 0);
	assert_int_equal(fx_int(f, "SELECT form FROM audit ORDER BY id DESC "
	    "LIMIT 1"), 2);
	r = verify(f);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	assert_int_equal(rows_int(r, 0, "entries", 0), 8);
	rows_free(r);
}

static void
test_legacy_nul_tamper_found(void **state)
{
	struct fixture *f = *state;

	make_legacy(f);
	fx_sql(f, "UPDATE audit SET reason = coalesce(reason, '') || x'00' || "
	    "' -- approved by alice' WHERE id = 3");
	expect_bad(f, 3, "NUL");
}

static void
test_legacy_before_new_only(void **state)
{
	struct fixture *f = *state;

	/* entry 8 in form 2, then 9 rewritten in the old form: a forger
	 * would do that to use form 1's blind spot */
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "rude", NULL), 0);
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "rude", NULL), 0);
	make_legacy_from(f, 9);
	expect_bad(f, 9, "form 1 after");
}

/* ------------------------------------------------------------------ */
/* Redaction: a field's text replaced, the chain intact. */

static int
redact(struct fixture *f, const struct audit_redaction *r, size_t n)
{
	struct sq *s = sq_of(f->st);
	struct audit_entry a = { 0 };
	int64_t id = 0;

	a.actor = "alice";
	a.action = "erase";
	a.target = "account:1";
	a.account = 1;
	a.reason = "asked to be forgotten";
	a.params = "{\"account\":1}";
	a.result = "erased";
	f->now += 60;
	if (sq_begin(s, &f->err) < 0)
		return -1;
	if (audit_append_redacting(s, &a, r, n, &id, &f->err) < 0) {
		sq_rollback(s);
		return -1;
	}
	if (sq_commit(s, &f->err) < 0)
		return -1;
	return (int)id;
}

static void
expect_ok(struct fixture *f)
{
	struct rows *r = verify(f);

	if (rows_int(r, 0, "ok", 0) != 1)
		fail_msg("verify: %s", rows_text(r, 0, "problem"));
	rows_free(r);
}

static void
test_redaction_keeps_chain(void **state)
{
	struct fixture *f = *state;
	const struct audit_redaction r[] = {
		{ 3, "params", "{\"text\":\"[erased]\"}" },
		{ 3, "result", "noted on @erased-1" },
		{ 5, "params", "{}" },
	};
	char *t;

	assert_int_equal(redact(f, r, 3), 8);
	t = fx_text(f, "SELECT params FROM audit WHERE id = 3");
	assert_string_equal(t, "{\"text\":\"[erased]\"}");
	free(t);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM audit WHERE "
	    "params LIKE '%note 1%'"), 0);
	t = fx_text(f, "SELECT params FROM audit WHERE id = 8");
	assert_non_null(strstr(t, "\"redactions\":3"));
	free(t);
	expect_ok(f);
	/* the entries go on, and a second erase of the same field too */
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "rude", NULL), 0);
	assert_true(redact(f, (const struct audit_redaction[]){
	    { 3, "params", "{}" } }, 1) > 0);
	expect_ok(f);
}

static void
test_redacted_text_changed_again(void **state)
{
	struct fixture *f = *state;
	const struct audit_redaction r[] = { { 4, "reason", "[erased]" } };

	fx_sql(f, "UPDATE audit SET reason = 'x' WHERE id = 4");
	fx_sql(f, "UPDATE audit SET reason = NULL WHERE id = 4");
	assert_true(redact(f, r, 1) > 0);
	fx_sql(f, "UPDATE audit SET reason = 'approved by alice' WHERE id = 4");
	expect_bad(f, 4, "changed after it was redacted");
}

static void
test_redaction_row_removed(void **state)
{
	struct fixture *f = *state;
	const struct audit_redaction r[] = { { 2, "params", "{}" } };

	assert_true(redact(f, r, 1) > 0);
	fx_sql(f, "DELETE FROM audit_redaction");
	expect_bad(f, 2, "changed");
}

static void
test_redaction_not_authorized(void **state)
{
	struct fixture *f = *state;
	char sql[400], d[65];

	/* a forger hides an edit as a "redaction" by entry 6 */
	fx_sql(f, "UPDATE audit SET params = '{}' WHERE id = 3");
	sha256_hex("{}", 2, d);
	snprintf(sql, sizeof sql, "INSERT INTO audit_redaction(audit_id, "
	    "field, old_digest, new_digest, by_id) SELECT 3, 'params', "
	    "'%s', '%s', 6", d, d);
	fx_sql(f, sql);
	expect_bad(f, 3, "");
}

static void
test_redaction_of_legacy_entry(void **state)
{
	struct fixture *f = *state;
	const struct audit_redaction r[] = { { 3, "params", "{}" } };

	make_legacy(f);
	assert_true(redact(f, r, 1) > 0);
	expect_ok(f);
}

static void
test_redaction_bad_field(void **state)
{
	struct fixture *f = *state;
	const struct audit_redaction r[] = { { 3, "actor", "nobody" } };

	assert_int_equal(redact(f, r, 1), -1);
	assert_int_equal(f->err.kind, WE_INVALID);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM audit"), 7);
}

/* ------------------------------------------------------------------ */
/* The matrix. */

/* Columns of the audit table the hash does not cover, and why: none. */
static const char *const unhashed[] = { NULL };

enum edit { CHANGED, NUL_APPENDED, EMPTIED, STRUCTURE };

struct row {
	char column[32];
	char type[16];		/* INTEGER, TEXT */
	enum edit edit;
	int64_t entry;		/* the entry edited */
	const char *sql;	/* STRUCTURE: the statements */
	int64_t named;		/* STRUCTURE: the entry verify names */
};

/* entries: 1 alice's bootstrap, 2 a note, 3 and 4 warnings with a reason
 * and a key, 5 a note, 6 a tag, 7 a restore with a reason and a key:
 * every column of 4 and 7 holds a value */
static int
matrix_setup(void **state)
{
	struct fx_cell *c;
	struct fixture *f;

	fx_cell_setup(state);
	c = *state;
	f = c->f;

	fx_account(f, "sam", 100, true, 12, 1);
	fx_account(f, "rita", 5, false, 0, 0);
#define STEP(call) do { assert_int_equal(call, 0); f->now += 60; } while (0)
	STEP(fx_act(f, "carol", A_NOTE, 1, NULL, "text", "first", NULL));
	STEP(fx_act(f, "carol", A_WARN, 1, "rude", "--key", "k3", NULL));
	STEP(fx_act(f, "carol", A_WARN, 2, "spam", "--key", "k4", NULL));
	STEP(fx_act(f, "carol", A_NOTE, 2, NULL, "text", "second", NULL));
	STEP(fx_act(f, "carol", A_TAG, 2, NULL, "tag", "watch", NULL));
	STEP(fx_act(f, "carol", A_RESTORE, 2, "appeal", "--key", "k7",
	    NULL));
#undef STEP
	assert_int_equal(fx_int(f, "SELECT count(*) FROM audit"), 7);
	return 0;
}

static void
matrix_row(void **state)
{
	struct fx_cell *c = *state;
	const struct row *row = c->row;
	struct fixture *f = c->f;
	char sql[600];
	struct rows *r;
	int64_t named;

	if (row->edit == STRUCTURE) {
		fx_sql(f, row->sql);
		named = row->named;
	} else {
		const char *set;
		bool text = strcmp(row->type, "TEXT") == 0;

		switch (row->edit) {
		case CHANGED:
			set = text ? "%s = %s || 'x'" : "%s = %s + 1";
			break;
		case NUL_APPENDED:
			set = "%s = CAST(%s || x'00' || ' -- approved' AS TEXT)";
			break;
		default:
			set = "%s = NULL";
			break;
		}
		snprintf(sql, sizeof sql, "UPDATE audit SET ");
		snprintf(sql + strlen(sql), sizeof sql - strlen(sql), set,
		    row->column, row->column);
		snprintf(sql + strlen(sql), sizeof sql - strlen(sql),
		    " WHERE id = %lld", (long long)row->entry);
		fx_sql(f, sql);
		assert_int_equal(sqlite3_changes(f->raw), 1);
		named = row->entry;
	}
	r = verify(f);
	if (rows_int(r, 0, "ok", 1) != 0) {
		rows_free(r);
		fail_msg("verify finds nothing wrong");
	}
	if (rows_int(r, 0, "bad_id", -1) != named) {
		print_message("# verify: %s\n", rows_text(r, 0, "problem"));
		named = rows_int(r, 0, "bad_id", -1);
		rows_free(r);
		fail_msg("verify names entry %lld, not %lld", (long long)named,
		    (long long)row->entry);
	}
	rows_free(r);
}

static const struct row structure[] = {
	{ "", "", STRUCTURE, 0, "DELETE FROM audit WHERE id = 1", 2 },
	{ "", "", STRUCTURE, 0, "DELETE FROM audit WHERE id = 4", 5 },
	{ "", "", STRUCTURE, 0, "DELETE FROM audit WHERE id = 7", 7 },
	/* a careful forger closes the gap */
	{ "", "", STRUCTURE, 0, "DELETE FROM audit WHERE id = 4; "
	    "UPDATE audit SET id = id - 1 WHERE id > 4", 4 },
	{ "", "", STRUCTURE, 0, "INSERT INTO audit(id, at, actor, action, "
	    "target, account_id, reason, params, result, prev_hash, hash, "
	    "form) SELECT 0, at, actor, action, target, account_id, reason, "
	    "params, result, prev_hash, hash, form FROM audit WHERE id = 1", 0 },
	{ "", "", STRUCTURE, 0, "UPDATE audit SET id = id + 100 WHERE id > 4; "
	    "UPDATE audit SET id = id - 99 WHERE id > 100; "
	    "INSERT INTO audit(id, at, actor, action, target, account_id, "
	    "reason, params, result, prev_hash, hash, form) SELECT 5, at, "
	    "actor, action, target, account_id, reason, params, result, "
	    "prev_hash, hash, form FROM audit WHERE id = 4", 5 },
	{ "", "", STRUCTURE, 0, "INSERT INTO audit(id, at, actor, action, "
	    "target, account_id, reason, params, result, prev_hash, hash, "
	    "form) SELECT 8, at, actor, action, target, account_id, reason, "
	    "params, result, prev_hash, hash, form FROM audit WHERE id = 7", 8 },
	{ "", "", STRUCTURE, 0, "UPDATE audit SET id = 100 WHERE id = 3; "
	    "UPDATE audit SET id = 3 WHERE id = 4; "
	    "UPDATE audit SET id = 4 WHERE id = 100", 3 },
	{ "", "", STRUCTURE, 0, "UPDATE audit SET id = 100 WHERE id = 1; "
	    "UPDATE audit SET id = 1 WHERE id = 7; "
	    "UPDATE audit SET id = 7 WHERE id = 100", 1 },
};
static const char *const structure_names[W_NELEM(structure)] = {
	"the first entry deleted",
	"an entry of the middle deleted",
	"the last entry deleted",
	"an entry deleted and the rest renumbered",
	"an entry inserted before the first",
	"an entry inserted in the middle",
	"an entry inserted after the last",
	"two entries swapped",
	"the first and the last swapped",
};

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intact_chain_verifies,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_chain_goes_on_after_refusals,
		    setup, teardown),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_nul_appended_to_reason),
		T(test_nul_appended_to_params),
		T(test_time_back_refused_on_write),
		T(test_time_back_found),
		T(test_time_not_an_integer),
		T(test_column_of_wrong_type),
		T(test_account_of_wrong_type),
		T(test_form_changed),
		T(test_legacy_log_still_verifies),
		T(test_legacy_nul_tamper_found),
		T(test_legacy_before_new_only),
		T(test_redaction_keeps_chain),
		T(test_redacted_text_changed_again),
		T(test_redaction_row_removed),
		T(test_redaction_not_authorized),
		T(test_redaction_of_legacy_entry),
		T(test_redaction_bad_field),
#undef T
	};

	struct CMUnitTest *mt;
	struct row *rows;
	struct buf names = BUF_INIT;
	size_t *at, n = 0, cap, i;
	sqlite3_stmt *st;
	struct fixture *f;
	int failed;

	failed = cmocka_run_group_tests(tests, NULL, NULL);

	/* the columns, from the schema */
	f = fx_open();
	assert_int_equal(sqlite3_prepare_v2(f->raw, "SELECT name, type, "
	    "\"notnull\" FROM pragma_table_info('audit') ORDER BY cid", -1, &st,
	    NULL), SQLITE_OK);
	cap = 64 + W_NELEM(structure);
	rows = calloc(cap, sizeof *rows);
	mt = calloc(cap, sizeof *mt);
	at = calloc(cap, sizeof *at);
	assert_true(rows && mt && at);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);
		bool notnull = sqlite3_column_int(st, 2) != 0;
		bool skip = strcmp(col, "id") == 0;	/* the structure rows */
		enum edit e;
		int64_t entry;

		for (i = 0; unhashed[i]; i++)
			skip = skip || strcmp(col, unhashed[i]) == 0;
		if (skip)
			continue;
		for (e = CHANGED; e < STRUCTURE; e++) {
			for (entry = 4; entry <= 7; entry += 3) {
				if ((e == NUL_APPENDED && strcmp(type, "TEXT")) ||
				    (e == EMPTIED && notnull) ||
				    (e != CHANGED && entry == 7))
					continue;
				assert_true(n < cap - W_NELEM(structure));
				snprintf(rows[n].column, sizeof rows[n].column,
				    "%s", col);
				snprintf(rows[n].type, sizeof rows[n].type,
				    "%s", type);
				rows[n].edit = e;
				rows[n].entry = entry;
				at[n] = names.len;
				buf_printf(&names, "audit: %s of %s entry %s",
				    col, entry == 7 ? "the last" : "a middle",
				    e == CHANGED ? "changed" : e == EMPTIED ?
				    "emptied (NULL)" : "with a NUL and more "
				    "appended");
				buf_addc(&names, '\0');
				n++;
			}
		}
	}
	sqlite3_finalize(st);
	fx_close(f);
	for (i = 0; i < W_NELEM(structure); i++) {
		rows[n] = structure[i];
		at[n] = names.len;
		buf_printf(&names, "audit: %s", structure_names[i]);
		buf_addc(&names, '\0');
		n++;
	}
	for (i = 0; i < n; i++) {
		mt[i].name = names.s + at[i];
		mt[i].test_func = matrix_row;
		mt[i].setup_func = matrix_setup;
		mt[i].teardown_func = fx_cell_teardown;
		mt[i].initial_state = &rows[i];
	}
	failed += _cmocka_run_group_tests("audit: every column edited, entries "
	    "deleted, inserted, reordered", mt, n, NULL, NULL);
	buf_free(&names);
	free(at);
	free(mt);
	free(rows);
	return failed;
}
