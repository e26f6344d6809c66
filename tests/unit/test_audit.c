/* tests/unit/test_audit.c: the audit hash chain.  Tampering with the
 * file behind warden's back (sqlite3 on the raw file) is found, and verify
 * names the entry. */
#include "fixture.h"

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
test_edited_entry(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET reason = 'nothing to see' WHERE id = 4");
	expect_bad(f, 4, "changed");
}

static void
test_edited_actor(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET actor = 'bob' WHERE id = 3");
	expect_bad(f, 3, "changed");
}

static void
test_deleted_entry(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "DELETE FROM audit WHERE id = 5");
	expect_bad(f, 6, "missing");
}

static void
test_deleted_and_renumbered(void **state)
{
	struct fixture *f = *state;

	/* a careful forger closes the gap */
	fx_sql(f, "DELETE FROM audit WHERE id = 5; "
	    "UPDATE audit SET id = id - 1 WHERE id > 5");
	expect_bad(f, 5, "");
}

static void
test_cut_tail(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "DELETE FROM audit WHERE id = 7");
	expect_bad(f, 7, "cut from the end");
}

static void
test_reordered(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "UPDATE audit SET id = 100 WHERE id = 3; "
	    "UPDATE audit SET id = 3 WHERE id = 4; "
	    "UPDATE audit SET id = 4 WHERE id = 100");
	expect_bad(f, 3, "");
}

static void
test_inserted_before_the_first(void **state)
{
	struct fixture *f = *state;

	fx_sql(f, "INSERT INTO audit SELECT 0, at, actor, action, target, "
	    "account_id, reason, params, result, NULL, NULL, prev_hash, hash "
	    "FROM audit WHERE id = 1");
	expect_bad(f, 0, "entry 0 is out of sequence");
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intact_chain_verifies,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_entry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_edited_actor, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_deleted_entry, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_deleted_and_renumbered,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reordered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inserted_before_the_first,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_chain_goes_on_after_refusals,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
