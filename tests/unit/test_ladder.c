/* tests/unit/test_ladder.c: escalations on a fake clock (the fixture's,
 * passed into the store): unanswered inquiries and overdue flags open
 * them, sweep climbs them by the escalation_rule table, acknowledging
 * stops the climb, and they close when their cause goes away.  Every step
 * is audited; a sweep with nothing due writes nothing. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOUR 3600LL

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
thread_new(struct fixture *f, int64_t asker, int64_t owner, bool stay)
{
	char sql[300];
	int64_t t;

	snprintf(sql, sizeof sql, "INSERT INTO thread(subject, created, "
	    "last_at) VALUES ('Cabin', %lld, %lld)", (long long)f->now,
	    (long long)f->now);
	fx_sql(f, sql);
	t = sqlite3_last_insert_rowid(f->raw);
	snprintf(sql, sizeof sql, "INSERT INTO participant VALUES "
	    "(%lld, %lld, '%s'), (%lld, %lld, '%s')", (long long)t,
	    (long long)asker, stay ? "guest" : "buyer", (long long)t,
	    (long long)owner, stay ? "host" : "seller");
	fx_sql(f, sql);
	return t;
}

/* A message sent now (the marketplace keeps thread.last_at). */
static int64_t
say(struct fixture *f, int64_t thread, int64_t sender, const char *body)
{
	sqlite3_stmt *st;
	char sql[300];
	int64_t id;

	snprintf(sql, sizeof sql, "INSERT INTO message(thread_id, sender_id, "
	    "sent_at, body) VALUES (%lld, %lld, %lld, ?)", (long long)thread,
	    (long long)sender, (long long)f->now);
	assert_int_equal(sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	id = sqlite3_last_insert_rowid(f->raw);
	snprintf(sql, sizeof sql, "UPDATE thread SET last_at = %lld WHERE "
	    "id = %lld", (long long)f->now, (long long)thread);
	fx_sql(f, sql);
	return id;
}

static int64_t
count(struct fixture *f, const char *sql)
{
	return fx_int(f, sql);
}

static int64_t
audits(struct fixture *f)
{
	return count(f, "SELECT count(*) FROM audit");
}

static void
sweep(struct fixture *f, const char *expect)
{
	if (fx_act(f, "carol", A_SWEEP, 0, NULL, NULL) < 0)
		fail_msg("sweep: %s", f->err.msg);
	if (expect && strstr(f->res.message, expect) == NULL)
		fail_msg("'%s' lacks '%s'", f->res.message, expect);
}

/* A sweep that finds nothing to do writes nothing. */
static void
sweep_nothing(struct fixture *f)
{
	int64_t before = audits(f);

	sweep(f, "0 escalations opened, 0 climbed, 0 closed");
	assert_int_equal(audits(f), before);
}

static void
expect_level(struct fixture *f, int64_t id, int level, const char *channel)
{
	char sql[200], *ch;

	snprintf(sql, sizeof sql, "SELECT level FROM escalation WHERE id = %lld",
	    (long long)id);
	assert_int_equal(count(f, sql), level);
	snprintf(sql, sizeof sql, "SELECT channel FROM escalation WHERE "
	    "id = %lld", (long long)id);
	ch = fx_text(f, sql);
	assert_string_equal(ch, channel);
	free(ch);
}

static void
test_inquiry_climbs_and_closes(void **state)
{
	struct fixture *f = *state;
	int64_t guest = fx_account(f, "gina", 20, true, 1, 0);
	int64_t host = fx_account(f, "hank", 300, true, 30, 1);
	int64_t t = thread_new(f, guest, host, true), q, before;
	struct rows *r;

	q = say(f, t, guest, "Hi! Is the cabin free from the 12th?");
	f->now += 23 * HOUR;
	sweep_nothing(f);
	f->now += HOUR + 1;
	before = audits(f);
	sweep(f, "1 escalation opened");
	assert_int_equal(audits(f), before + 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = "
	    "'open' AND target = 'escalation:1' AND account_id = 2"), 1);
	/* on the host, who owes the answer, with the inquiry */
	assert_int_equal(count(f, "SELECT account_id FROM escalation"), host);
	assert_int_equal(count(f, "SELECT message_id FROM escalation"), q);
	assert_int_equal(count(f, "SELECT thread_id FROM escalation"), t);
	expect_level(f, 1, 1, "in_app");
	/* due when level 2 is: 12 hours later, by the rules table */
	assert_int_equal(count(f, "SELECT due FROM escalation"),
	    f->now + 12 * HOUR);
	sweep_nothing(f);

	f->now += 12 * HOUR;
	sweep(f, "1 climbed");
	expect_level(f, 1, 2, "email");
	f->now += 12 * HOUR;
	sweep(f, "1 climbed");
	expect_level(f, 1, 3, "sms");
	f->now += 12 * HOUR;
	sweep_nothing(f);	/* phone comes a day after sms */
	f->now += 12 * HOUR;
	sweep(f, "1 climbed");
	expect_level(f, 1, 4, "phone");
	assert_int_equal(count(f, "SELECT count(*) FROM outbox"), 0);
	f->now += DAY;
	sweep(f, "1 climbed");
	expect_level(f, 1, 5, "moderator");
	/* reaching the moderators is an event for the webhooks */
	assert_int_equal(count(f, "SELECT count(*) FROM outbox WHERE "
	    "event = 'escalation.moderator'"), 1);
	{
		char *s = fx_text(f, "SELECT text || ' ' || body FROM outbox");

		assert_non_null(strstr(s, "escalation 1 (inquiry) on @hank "
		    "reached the moderators"));
		assert_non_null(strstr(s, "\"handle\":\"hank\""));
		assert_non_null(strstr(s, "\"thread_id\":1"));
		free(s);
	}
	f->now += 3 * DAY;
	sweep_nothing(f);	/* the top: nothing higher */
	expect_level(f, 1, 5, "moderator");
	r = fx_query(f, "escalations", "overdue", "1", NULL);
	assert_int_equal(r->nrows, 1);
	rows_free(r);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = "
	    "'climb'"), 4);

	/* the host answers: the next sweep closes it, once */
	say(f, t, host, "Yes, it is free.");
	before = audits(f);
	sweep(f, "1 closed");
	assert_int_equal(audits(f), before + 1);
	{
		char *s = fx_text(f, "SELECT status || ': ' || resolved_why "
		    "FROM escalation");

		assert_string_equal(s, "resolved: the inquiry was answered");
		free(s);
	}
	sweep_nothing(f);
	r = fx_query(f, "escalation", "id", "1", NULL);
	assert_string_equal(rows_text(r, 0, "subject"), "Cabin");
	assert_int_equal(rows_int(r, 0, "overdue", 1), 0);
	assert_int_equal(rows_int(r, 0, "top_level", 0), 5);
	rows_free(r);
}

static void
test_what_counts_as_an_inquiry(void **state)
{
	struct fixture *f = *state;
	int64_t b = fx_account(f, "bea", 20, true, 1, 0);
	int64_t s = fx_account(f, "sol", 300, true, 30, 1);
	int64_t closed = thread_new(f, b, s, false);
	int64_t asked = thread_new(f, b, s, false);
	int64_t old = thread_new(f, b, s, false);
	int64_t banned = fx_account(f, "gone", 300, true, 30, 1);
	int64_t to_banned = thread_new(f, b, banned, false);

	say(f, old, b, "Is it still for sale?");
	f->now += 20 * DAY;	/* past the 14-day horizon by now */
	say(f, closed, b, "Is it still for sale?");
	say(f, closed, s, "Yes.");
	say(f, closed, b, "Thanks! Booking now.");	/* needs no answer */
	say(f, asked, b, "Is it still for sale?");
	say(f, asked, s, "Yes.");
	say(f, asked, b, "Great. Can I pick it up on Friday?");
	say(f, asked, b, "Or Saturday?");
	say(f, to_banned, b, "Hello there");
	fx_sql(f, "UPDATE account SET status = 'banned' WHERE handle = 'gone'");
	f->now += 25 * HOUR;
	sweep(f, "1 escalation opened");
	assert_int_equal(count(f, "SELECT thread_id FROM escalation"), asked);
	/* the first unanswered question */
	{
		char *body = fx_text(f, "SELECT m.body FROM escalation x JOIN "
		    "message m ON m.id = x.message_id");

		assert_string_equal(body, "Great. Can I pick it up on Friday?");
		free(body);
	}
	/* the seller's own later messages answer it */
	say(f, asked, s, "Friday is fine.");
	sweep(f, "1 closed");
	/* a new question later opens a new one */
	say(f, asked, b, "What time?");
	f->now += 25 * HOUR;
	sweep(f, "1 escalation opened");
	assert_int_equal(count(f, "SELECT count(*) FROM escalation"), 2);
	(void)closed;
	(void)old;
}

/* A sweep reads the threads active since the last sweep's cut-off: a
 * message written later with a time before it is not read until its
 * thread moves again. */
static void
test_sweep_reads_threads_since_the_last(void **state)
{
	struct fixture *f = *state;
	int64_t b = fx_account(f, "bea", 20, true, 1, 0);
	int64_t s = fx_account(f, "sol", 300, true, 30, 1);
	int64_t t = thread_new(f, b, s, false), late;
	char sql[200];

	say(f, t, b, "Is it still for sale?");
	f->now += 25 * HOUR;
	sweep(f, "1 escalation opened");
	assert_int_equal(count(f, "SELECT v FROM meta WHERE "
	    "k = 'sweep_inquiry_cut'"), f->now - 24 * HOUR);
	/* written now, dated two days back: before the cut-off */
	late = thread_new(f, b, s, false);
	f->now -= 48 * HOUR;
	say(f, late, b, "Can you ship it?");
	f->now += 48 * HOUR;
	sweep_nothing(f);
	/* the thread moves: it is read again, its first question counts */
	say(f, late, b, "Hello?");
	f->now += 25 * HOUR;
	sweep(f, "1 escalation opened");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM escalation x JOIN "
	    "message m ON m.id = x.message_id WHERE x.thread_id = %lld AND "
	    "m.body = 'Can you ship it?'", (long long)late);
	assert_int_equal(count(f, sql), 1);
}

static void
test_ack_assign_and_disputes(void **state)
{
	struct fixture *f = *state;
	int64_t b = fx_account(f, "bea", 20, true, 1, 0);
	int64_t s = fx_account(f, "sol", 300, true, 30, 1);
	int64_t t = thread_new(f, b, s, false), before;

	say(f, t, b, "Hello, is it available?");
	f->now += 25 * HOUR;
	sweep(f, "1 escalation opened");
	assert_int_equal(fx_act(f, "carol", A_ASSIGN, 1, NULL, "assignee",
	    "bob", NULL), 0);
	assert_int_equal(fx_act(f, "carol", A_ACK, 1, NULL, NULL), 0);
	{
		char *s2 = fx_text(f, "SELECT status || ' ' || assignee FROM "
		    "escalation");

		assert_string_equal(s2, "acknowledged bob");
		free(s2);
	}
	/* acknowledged: it does not climb */
	f->now += 5 * DAY;
	sweep_nothing(f);
	expect_level(f, 1, 1, "in_app");
	/* but a moderator can still push it up */
	assert_int_equal(fx_act(f, "carol", A_ESCALATE, 1, "no answer by "
	    "phone either", NULL), 0);
	expect_level(f, 1, 2, "email");

	/* a dispute opened by hand closes only by hand */
	assert_int_equal(fx_act(f, "carol", A_ESCALATE, 0, "buyer says the "
	    "sofa never came", "account", "2", "kind", "dispute", "thread",
	    "1", NULL), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM escalation WHERE "
	    "kind = 'dispute' AND status = 'open' AND level = 1"), 1);
	say(f, t, s, "It was delivered, here is the tracking.");
	sweep(f, "1 closed");	/* the inquiry, not the dispute */
	assert_int_equal(count(f, "SELECT count(*) FROM escalation WHERE "
	    "status <> 'resolved'"), 1);
	assert_int_equal(fx_act(f, "carol", A_ACK, 2, "refunded", "resolve",
	    "1", NULL), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM escalation WHERE "
	    "id = 2 AND status = 'resolved' AND resolved_why = 'refunded'"),
	    1);
	before = audits(f);
	assert_int_equal(fx_act(f, "carol", A_ACK, 2, NULL, "resolve", "1",
	    NULL), -1);
	assert_int_equal(f->err.kind, WE_CONFLICT);
	assert_int_equal(fx_act(f, "carol", A_ACK, 2, NULL, NULL), -1);
	assert_int_equal(f->err.kind, WE_CONFLICT);
	assert_int_equal(audits(f), before);
}

static void
test_flag_deadline(void **state)
{
	struct fixture *f = *state;
	int64_t a = fx_account(f, "sam", 100, true, 12, 1);
	int64_t rep = fx_account(f, "rita", 50, true, 1, 0);
	int64_t young = fx_flag(f, a, rep, "scam", 3, 0);
	int64_t dated;
	char sql[200];

	/* a flag with its own deadline, in 6 hours */
	dated = fx_flag(f, a, rep, "spam", 1, 0);
	snprintf(sql, sizeof sql, "UPDATE flag SET deadline = %lld WHERE "
	    "id = %lld", (long long)(f->now + 6 * HOUR), (long long)dated);
	fx_sql(f, sql);
	fx_recompute(f);
	sweep_nothing(f);
	f->now += 6 * HOUR;
	sweep(f, "1 escalation opened");
	assert_int_equal(count(f, "SELECT flag_id FROM escalation"), dated);
	assert_int_equal(count(f, "SELECT account_id FROM escalation"), a);
	/* the other one, 48 hours after it was made (the rule) */
	f->now += 42 * HOUR - 1;
	sweep(f, "0 escalations opened");
	f->now += 1;
	sweep(f, "1 escalation opened");
	/* resolving the flag closes its escalation */
	assert_int_equal(fx_act(f, "carol", A_RESOLVE, young, "checked",
	    "outcome", "upheld", NULL), 0);
	sweep(f, "1 closed");
	{
		char *s = fx_text(f, "SELECT resolved_why FROM escalation "
		    "WHERE status = 'resolved'");
		char want[64];

		snprintf(want, sizeof want, "flag %lld was upheld",
		    (long long)young);
		assert_string_equal(s, want);
		free(s);
	}
	sweep_nothing(f);
	/* an escalated flag is not escalated twice */
	f->now += 10 * DAY;
	sweep(f, "0 escalations opened");
}

static void
test_mutes_suspensions_claims(void **state)
{
	struct fixture *f = *state;
	int64_t a = fx_account(f, "sam", 100, true, 12, 1);
	int64_t rep = fx_account(f, "rita", 50, true, 1, 0);
	double muted_priority;

	fx_flag(f, a, rep, "scam", 3, 0);
	fx_recompute(f);
	assert_int_equal(fx_act(f, "carol", A_MUTE, rep, "mass reporter",
	    "for", "1d", NULL), 0);
	muted_priority = (double)count(f, "SELECT queue_priority * 1000 FROM "
	    "account WHERE id = 1");
	assert_int_equal(fx_act(f, "carol", A_SUSPEND, rep, "cool off", "for",
	    "2d", NULL), 0);
	f->now += DAY + 1;
	sweep(f, "1 mute expired");
	assert_int_equal(count(f, "SELECT count(*) FROM muted_reporter"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = "
	    "'expire' AND target = 'account:2'"), 1);
	/* the reporter's flag weighs again */
	assert_true((double)count(f, "SELECT queue_priority * 1000 FROM "
	    "account WHERE id = 1") > muted_priority);
	f->now += DAY;
	sweep(f, "1 suspension lifted");
	/* the flag is past its deadline by now too */
	assert_non_null(strstr(f->res.message, "1 escalation opened"));
	sweep_nothing(f);
}

static void
test_dry_run_sweep(void **state)
{
	struct fixture *f = *state;
	int64_t b = fx_account(f, "bea", 20, true, 1, 0);
	int64_t s = fx_account(f, "sol", 300, true, 30, 1);
	int64_t t = thread_new(f, b, s, false), before;

	say(f, t, b, "Is it available? text me on +44 7700 900123");
	f->now += 25 * HOUR;
	before = audits(f);
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, "--dry-run", "",
	    NULL), 0);
	assert_non_null(strstr(f->res.message, "1 escalation opened"));
	assert_non_null(strstr(f->res.message, "2 new marks"));
	assert_int_equal(audits(f), before);
	assert_int_equal(count(f, "SELECT count(*) FROM escalation"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 0);
	assert_int_equal(count(f, "SELECT v FROM meta WHERE "
	    "k = 'detect_hw_message'"), 0);
	sweep(f, "1 escalation opened");
	sweep_nothing(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_inquiry_climbs_and_closes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_what_counts_as_an_inquiry,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_sweep_reads_threads_since_the_last, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ack_assign_and_disputes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_flag_deadline, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mutes_suspensions_claims,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_sweep, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
