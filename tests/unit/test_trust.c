/* tests/unit/test_trust.c: progressive trust, the peer-group rule and
 * queue priority on hand-made graphs. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
setup(void **state)
{
	*state = fx_open();
	return 0;
}

static int
teardown(void **state)
{
	fx_close(*state);
	return 0;
}

static int64_t
level(struct fixture *f, int64_t id)
{
	char sql[100];

	snprintf(sql, sizeof sql, "SELECT trust_level FROM account WHERE "
	    "id = %lld", (long long)id);
	return fx_int(f, sql);
}

static int64_t
score(struct fixture *f, int64_t id)
{
	char sql[100];

	snprintf(sql, sizeof sql, "SELECT trust_score FROM account WHERE "
	    "id = %lld", (long long)id);
	return fx_int(f, sql);
}

/* A member (level 2) by every rule. */
static int64_t
member(struct fixture *f, const char *handle)
{
	return fx_account(f, handle, 60, true, 4, 1);
}

/* A candidate for trusted: member + transactions + ratings. */
static int64_t
candidate(struct fixture *f, const char *handle)
{
	int64_t id = fx_account(f, handle, 200, true, 12, 2);
	int64_t rater = fx_account(f, "rater_x", 300, true, 0, 0);
	int i;

	for (i = 0; i < 5; i++)
		fx_rating(f, rater, id, i == 0 ? 4 : 5);
	return id;
}

static void
test_levels_0_1_2(void **state)
{
	struct fixture *f = *state;
	int64_t nobody = fx_account(f, "nobody", 400, false, 50, 3);
	int64_t basic = fx_account(f, "basic", 5, true, 0, 0);
	int64_t young = fx_account(f, "young", 20, true, 5, 1);
	int64_t m = member(f, "member");
	int64_t nosocial = fx_account(f, "nosocial", 60, true, 4, 0);

	fx_recompute(f);
	assert_int_equal(level(f, nobody), 0);	/* no phone: no level */
	assert_int_equal(level(f, basic), 1);
	assert_int_equal(level(f, young), 1);	/* too young for member */
	assert_int_equal(level(f, m), 2);
	assert_int_equal(level(f, nosocial), 1);
	assert_true(score(f, m) > score(f, basic));
	assert_true(score(f, basic) > 0);
}

/* An account's first judgement is where it starts, not a promotion (a
 * marketplace brought under warden does not show every account promoted
 * today); the trust overview counts the moves after it. */
static void
test_first_judgement_is_no_move(void **state)
{
	struct fixture *f = *state;
	int64_t m = member(f, "member"), r = member(f, "reporter");
	int64_t flag = fx_flag(f, m, r, "spam", 1, 10);
	struct rows *lv;

	fx_recompute(f);
	assert_int_equal(level(f, m), 2);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM account WHERE "
	    "trust_prev_level <> trust_level"), 0);
	/* nor in the index of changes, which stays as small as the moves */
	assert_int_equal(fx_int(f, "SELECT count(*) FROM account WHERE "
	    "trust_changed_at IS NOT NULL"), 0);
	lv = fx_query(f, "trust_levels", NULL);
	assert_int_equal(rows_int(lv, 2, "promoted", -1), 0);
	rows_free(lv);
	/* an upheld flag takes it down a level: that is a move */
	assert_int_equal(fx_act(f, "carol", A_RESOLVE, flag, "seen",
	    "outcome", "upheld", NULL), 0);
	assert_int_equal(level(f, m), 1);
	lv = fx_query(f, "trust_levels", NULL);
	assert_int_equal(rows_int(lv, 1, "demoted", -1), 1);
	rows_free(lv);
	lv = fx_query(f, "demoted", NULL);
	assert_int_equal(lv->nrows, 1);
	assert_int_equal(rows_int(lv, 0, "id", 0), m);
	assert_int_equal(rows_int(lv, 0, "was", 0), 2);
	rows_free(lv);
	/* 90 days later it is a member again: a promotion */
	f->now += 91 * DAY;
	fx_recompute(f);
	lv = fx_query(f, "trust_levels", NULL);
	assert_int_equal(rows_int(lv, 2, "promoted", -1), 1);
	rows_free(lv);
}

static void
test_upheld_flag_keeps_member_out(void **state)
{
	struct fixture *f = *state;
	int64_t m = member(f, "member"), r = member(f, "reporter");
	int64_t flag = fx_flag(f, m, r, "spam", 1, 10);

	fx_recompute(f);
	assert_int_equal(level(f, m), 2);	/* an open flag is no verdict */
	assert_int_equal(fx_act(f, "carol", A_RESOLVE, flag, "seen",
	    "outcome", "upheld", NULL), 0);
	assert_int_equal(level(f, m), 1);
	/* 90 days later it no longer counts */
	f->now += 91 * DAY;
	fx_recompute(f);
	assert_int_equal(level(f, m), 2);
}

static void
test_peer_group_makes_trusted(void **state)
{
	struct fixture *f = *state;
	int64_t c = candidate(f, "cand"), v[4];
	int i;

	for (i = 0; i < 4; i++) {
		char h[16];

		snprintf(h, sizeof h, "v%d", i);
		v[i] = member(f, h);
		fx_vouch(f, v[i], c);
	}
	/* a chain of vouches ties each voucher to another */
	fx_vouch(f, v[0], v[1]);
	fx_vouch(f, v[2], v[3]);
	fx_recompute(f);
	assert_int_equal(level(f, c), 3);
}

static void
test_unconnected_vouchers_do_not_count(void **state)
{
	struct fixture *f = *state;
	int64_t c = candidate(f, "cand");
	struct rows *r;
	size_t i;
	int found = 0;

	for (i = 0; i < 5; i++) {
		char h[16];

		snprintf(h, sizeof h, "lone%zu", i);
		fx_vouch(f, member(f, h), c);
	}
	fx_recompute(f);
	assert_int_equal(level(f, c), 2);
	r = fx_query(f, "breakdown", "account", "@cand", NULL);
	for (i = 0; i < r->nrows; i++) {
		if (str_eq(rows_text(r, i, "rule"), "inter-connected vouchers")) {
			found = 1;
			assert_int_equal(rows_int(r, i, "holds", 1), 0);
			assert_string_equal(rows_text(r, i, "have"), "0 of 5");
		}
	}
	assert_true(found);
	rows_free(r);
}

static void
test_ring_of_young_accounts_counts_nothing(void **state)
{
	struct fixture *f = *state;
	int64_t c = candidate(f, "cand"), ring[6];
	int i, j;

	for (i = 0; i < 6; i++) {
		char h[16];

		snprintf(h, sizeof h, "ring%d", i);
		ring[i] = fx_account(f, h, 4, true, 0, 0);
	}
	for (i = 0; i < 6; i++) {
		fx_vouch(f, ring[i], c);
		for (j = 0; j < 6; j++)
			if (i != j)
				fx_vouch(f, ring[i], ring[j]);
	}
	fx_recompute(f);
	assert_int_equal(level(f, c), 2);
	for (i = 0; i < 6; i++)
		assert_int_equal(level(f, ring[i]), 1);
}

static void
test_low_rating_and_retaliatory(void **state)
{
	struct fixture *f = *state;
	int64_t c = candidate(f, "cand"), v[4], bad, i;

	for (i = 0; i < 4; i++) {
		char h[16];

		snprintf(h, sizeof h, "v%lld", (long long)i);
		v[i] = member(f, h);
		fx_vouch(f, v[i], c);
		if (i)
			fx_vouch(f, v[i], v[i - 1]);
	}
	bad = member(f, "grudge");
	fx_rating(f, bad, c, 1);
	fx_rating(f, bad, c, 1);
	fx_recompute(f);
	assert_int_equal(level(f, c), 2);	/* avg 3.57 < 4.5 */
	/* marked retaliatory, they leave the average and trust */
	fx_sql(f, "UPDATE rating SET retaliatory = 1 WHERE stars = 1");
	fx_recompute(f);
	assert_int_equal(level(f, c), 3);
}

static void
test_caps_and_locks(void **state)
{
	struct fixture *f = *state;
	int64_t c = candidate(f, "cand"), v[4], flag, i;

	for (i = 0; i < 4; i++) {
		char h[16];

		snprintf(h, sizeof h, "v%lld", (long long)i);
		v[i] = member(f, h);
		fx_vouch(f, v[i], c);
		if (i)
			fx_vouch(f, v[i - 1], v[i]);
	}
	fx_recompute(f);
	assert_int_equal(level(f, c), 3);
	/* an upheld high-severity flag: at most 1, even after 90 days */
	flag = fx_flag(f, c, v[0], "fraud", 3, 1);
	fx_recompute(f);
	assert_int_equal(fx_act(f, "carol", A_RESOLVE, flag, "proven",
	    "outcome", "upheld", NULL), 0);
	assert_int_equal(level(f, c), 1);
	f->now += 200 * DAY;
	fx_recompute(f);
	assert_int_equal(level(f, c), 1);
	/* a manual level holds, a suspension holds at 0, restore returns */
	assert_int_equal(fx_act(f, "carol", A_TRUST, c, "reviewed", "level",
	    "3", NULL), 0);
	assert_int_equal(level(f, c), 3);
	assert_int_equal(fx_act(f, "carol", A_SUSPEND, c, "cooling off", "for",
	    "2d", NULL), 0);
	assert_int_equal(level(f, c), 0);
	assert_int_equal(fx_act(f, "carol", A_RESTORE, c, "done", NULL), 0);
	assert_int_equal(level(f, c), 3);
}

/* ------------------------------------------------------------------ */
/* Queue priority. */

static double
prio(struct fixture *f, int64_t id)
{
	char sql[100], *s;
	double v;

	snprintf(sql, sizeof sql, "SELECT queue_priority FROM account WHERE "
	    "id = %lld", (long long)id);
	s = fx_text(f, sql);
	v = atof(s);
	free(s);
	return v;
}

static void
test_priority_orders(void **state)
{
	struct fixture *f = *state;
	int64_t rep = member(f, "reporter"), good = member(f, "goodrep");
	int64_t bad = member(f, "badrep");
	int64_t high = fx_account(f, "high", 10, false, 0, 0);
	int64_t low = fx_account(f, "low", 10, false, 0, 0);
	int64_t by_good = fx_account(f, "by_good", 10, false, 0, 0);
	int64_t by_bad = fx_account(f, "by_bad", 10, false, 0, 0);
	int64_t trusted = candidate(f, "trusted");
	int64_t newbie = fx_account(f, "newbie", 10, false, 0, 0);
	int64_t old = fx_account(f, "old", 10, false, 0, 0);
	int64_t fresh = fx_account(f, "fresh", 10, false, 0, 0);
	struct rows *r;

	fx_sql(f, "UPDATE account SET reports_upheld = 9 WHERE handle = "
	    "'goodrep'");
	fx_sql(f, "UPDATE account SET reports_dismissed = 9 WHERE handle = "
	    "'badrep'");
	fx_flag(f, high, rep, "fraud", 3, 1);
	fx_flag(f, low, rep, "spam", 1, 1);
	fx_flag(f, by_good, good, "scam", 2, 1);
	fx_flag(f, by_bad, bad, "scam", 2, 1);
	fx_flag(f, trusted, rep, "scam", 2, 1);
	fx_flag(f, newbie, rep, "scam", 2, 1);
	fx_flag(f, old, rep, "spam", 1, 20);
	fx_flag(f, fresh, rep, "spam", 1, 0);
	fx_recompute(f);
	assert_true(prio(f, high) > prio(f, low));
	assert_true(prio(f, by_good) > prio(f, by_bad));
	assert_true(prio(f, newbie) > prio(f, trusted));
	assert_true(prio(f, old) > prio(f, fresh));
	/* the queue shows them in that order */
	r = fx_query(f, "queue", NULL);
	assert_string_equal(rows_text(r, 0, "handle"), "high");
	assert_int_equal(rows_int(r, 0, "flags", 0), 1);
	assert_string_equal(rows_text(r, 0, "reason"), "fraud");
	rows_free(r);
	/* muting a reporter takes their weight away, not their flags */
	assert_int_equal(fx_act(f, "carol", A_MUTE, rep, "mass reporter",
	    NULL), 0);
	assert_true(prio(f, high) < prio(f, by_bad));
	assert_int_equal(fx_int(f, "SELECT open_flags FROM account WHERE "
	    "handle = 'high'"), 1);
	{
		/* its flags weigh nothing now: the first still names them */
		char *reason = fx_text(f, "SELECT top_reason FROM account "
		    "WHERE handle = 'high'");

		assert_string_equal(reason, "fraud");
		free(reason);
	}
	/* the same flags: ordering independent of when it is read */
	f->now += 30 * DAY;
	r = fx_query(f, "queue", "sort", "priority", NULL);
	assert_true(rows_real(r, 0, "priority", 0) >=
	    rows_real(r, 1, "priority", 0));
	rows_free(r);
}

/* A voucher's fall moves its vouchee's level; the vouchee's queue
 * priority and its demotion follow, as for any other move. */
static void
test_vouchee_follows_its_voucher(void **state)
{
	struct fixture *f = *state;
	int64_t c = candidate(f, "cand"), rep = member(f, "reporter"), v[4];
	double before;
	int i;

	for (i = 0; i < 4; i++) {
		char h[16];

		snprintf(h, sizeof h, "v%d", i);
		v[i] = member(f, h);
		fx_vouch(f, v[i], c);
	}
	fx_vouch(f, v[0], v[1]);
	fx_vouch(f, v[2], v[3]);
	fx_flag(f, c, rep, "scam", 2, 1);
	fx_recompute(f);
	assert_int_equal(level(f, c), 3);
	before = prio(f, c);
	f->now += DAY;
	assert_int_equal(fx_act(f, "carol", A_SUSPEND, v[0], "scam", "for",
	    "7d", NULL), 0);
	assert_int_equal(level(f, c), 2);
	assert_int_equal(fx_int(f, "SELECT trust_prev_level FROM account "
	    "WHERE handle = 'cand'"), 3);
	assert_int_equal(fx_int(f, "SELECT trust_changed_at FROM account "
	    "WHERE handle = 'cand'"), f->now);
	/* lower trust, higher in the queue */
	assert_true(prio(f, c) > before);
}

static void
test_queue_filters(void **state)
{
	struct fixture *f = *state;
	int64_t rep = member(f, "reporter");
	int64_t a = fx_account(f, "phisher", 10, false, 0, 0);
	int64_t b = fx_account(f, "spammer", 10, false, 0, 0);
	struct rows *r;

	fx_flag(f, a, rep, "phishing", 3, 1);
	fx_flag(f, b, rep, "spam", 1, 1);
	fx_recompute(f);
	r = fx_query(f, "queue", "reason", "phishing", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "handle"), "phisher");
	rows_free(r);
	assert_int_equal(fx_act(f, "carol", A_CLAIM, b, NULL, NULL), 0);
	r = fx_query(f, "queue", "claimed", "carol", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "claimed_by"), "carol");
	rows_free(r);
	r = fx_query(f, "queue", "claimed", "none", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "handle"), "phisher");
	rows_free(r);
	/* a claim idle for 31 minutes shows as free */
	f->now += 31 * 60;
	r = fx_query(f, "queue", "claimed", "none", NULL);
	assert_int_equal(r->nrows, 2);
	rows_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_levels_0_1_2, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_first_judgement_is_no_move,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_upheld_flag_keeps_member_out,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_peer_group_makes_trusted,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_unconnected_vouchers_do_not_count, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_ring_of_young_accounts_counts_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_low_rating_and_retaliatory,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_caps_and_locks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_priority_orders, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_vouchee_follows_its_voucher,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_filters, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
