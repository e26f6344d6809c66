/* tests/unit/test_actions.c: every action's happy path and refusals, on a
 * real SQLite file.  A refused action changes nothing, not even the audit
 * log. */
#include "fixture.h"
#include "../../data/sq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
setup(void **state)
{
	struct fixture *f = fx_open();

	fx_account(f, "sam", 100, true, 12, 1);
	fx_account(f, "rita", 5, false, 0, 0);
	fx_flag(f, 1, 2, "fraud", 3, 2);
	fx_recompute(f);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx_close(*state);
	return 0;
}

static int64_t
audit_count(struct fixture *f)
{
	return fx_int(f, "SELECT count(*) FROM audit");
}

static void
assert_refused(struct fixture *f, int rc, enum werr_kind kind,
    const char *words, int64_t audit_before)
{
	assert_int_equal(rc, -1);
	if (f->err.kind != kind)
		fail_msg("kind %s, wanted %s: %s", werr_kind_name(f->err.kind),
		    werr_kind_name(kind), f->err.msg);
	if (words && strstr(f->err.msg, words) == NULL)
		fail_msg("message '%s' lacks '%s'", f->err.msg, words);
	assert_int_equal(audit_count(f), audit_before);
}

static void
test_warn_suspend_restore(void **state)
{
	struct fixture *f = *state;
	char *s;

	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "rude", NULL), 0);
	s = fx_text(f, "SELECT status FROM account WHERE id = 1");
	assert_string_equal(s, "warned");
	free(s);
	assert_int_equal(fx_act(f, "carol", A_SUSPEND, 1, "fraud", "for", "7d",
	    NULL), 0);
	assert_non_null(strstr(f->res.message, "until"));
	assert_int_equal(fx_int(f, "SELECT suspended_until FROM account "
	    "WHERE id = 1"), FX_NOW + 7 * DAY);
	/* a suspension holds trust at 0 */
	assert_int_equal(fx_int(f, "SELECT trust_level FROM account "
	    "WHERE id = 1"), 0);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM strike WHERE "
	    "account_id = 1"), 2);
	assert_int_equal(fx_act(f, "carol", A_RESTORE, 1, "appeal", NULL), 0);
	s = fx_text(f, "SELECT status FROM account WHERE id = 1");
	assert_string_equal(s, "active");
	free(s);
	assert_true(fx_int(f, "SELECT trust_level FROM account WHERE id = 1")
	    > 0);
}

static void
test_state_refusals(void **state)
{
	struct fixture *f = *state;
	int64_t before = audit_count(f);

	assert_refused(f, fx_act(f, "carol", A_RESTORE, 1, "x", NULL),
	    WE_CONFLICT, "already active", before);
	assert_int_equal(fx_act(f, "alice", A_BAN, 1, "scam", NULL), 0);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "alice", A_BAN, 1, "again", NULL),
	    WE_CONFLICT, "already banned", before);
	assert_refused(f, fx_act(f, "carol", A_SUSPEND, 1, "x", "for", "7d",
	    NULL), WE_CONFLICT, "already banned", before);
	assert_refused(f, fx_act(f, "carol", A_WARN, 1, "x", NULL),
	    WE_CONFLICT, "banned", before);
}

static void
test_bad_input(void **state)
{
	struct fixture *f = *state;
	int64_t before = audit_count(f);

	assert_refused(f, fx_act(f, "carol", A_SUSPEND, 1, "x", "for", "7x",
	    NULL), WE_USAGE, "7x", before);
	assert_refused(f, fx_act(f, "carol", A_WARN, 1, NULL, NULL), WE_USAGE,
	    "reason", before);
	assert_refused(f, fx_act(f, "carol", A_WARN, 999, "x", NULL),
	    WE_NOTFOUND, "999", before);
	assert_refused(f, fx_act(f, "carol", A_WARN, 1, "x", "colour", "red",
	    NULL), WE_USAGE, "colour", before);
	assert_refused(f, fx_act(f, "mallory", A_WARN, 1, "x", NULL), WE_AUTH,
	    "mallory", before);
	assert_refused(f, fx_act(f, "carol", A_TRUST, 1, "x", "level", "7",
	    NULL), WE_USAGE, "0 to 4", before);
	assert_refused(f, fx_act(f, "carol", A_RESOLVE, 1, "x", "outcome",
	    "maybe", NULL), WE_USAGE, "maybe", before);
}

/* Each role against each kind: test_roles. */
static void
test_disabled_moderator(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	/* a disabled moderator can do nothing */
	assert_int_equal(fx_act_named(f, "alice", A_MODERATOR_DISABLE, "dave",
	    NULL, NULL), 0);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "dave", A_NOTE, 1, NULL, "text", "hi",
	    NULL), WE_AUTH, "dave", before);
}

/* Another's claim against every kind: test_claims.  Here: one's own
 * claim, kept alive by acting, lapsing when idle. */
static void
test_claims(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	assert_int_equal(fx_act(f, "carol", A_CLAIM, 1, NULL, NULL), 0);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "carol", A_CLAIM, 1, NULL, NULL),
	    WE_CONFLICT, "already claimed by you", before);
	/* the owner may act; acting keeps the claim alive */
	f->now += 20 * 60;
	assert_int_equal(fx_act(f, "carol", A_NOTE, 1, NULL, "text", "looking",
	    NULL), 0);
	assert_int_equal(fx_act(f, "carol", A_WARN, 1, "again", NULL), 0);
	assert_int_equal(fx_int(f, "SELECT claimed_at FROM account WHERE "
	    "id = 1"), f->now);
	/* a claim idle for 30 minutes lapses: others may act */
	f->now += 29 * 60;
	before = audit_count(f);
	assert_refused(f, fx_act(f, "bob", A_CLAIM, 1, NULL, NULL),
	    WE_CONFLICT, "claimed by carol", before);
	f->now += 2 * 60;
	assert_int_equal(fx_act(f, "bob", A_CLAIM, 1, NULL, NULL), 0);
	assert_int_equal(fx_act(f, "bob", A_RELEASE, 1, NULL, NULL), 0);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "bob", A_RELEASE, 1, NULL, NULL),
	    WE_CONFLICT, "not claimed", before);
}

static void
test_resolve_and_standing(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	assert_int_equal(fx_act(f, "carol", A_RESOLVE, 1, "checked", "outcome",
	    "upheld", "note", "confirmed", NULL), 0);
	assert_int_equal(fx_int(f, "SELECT reports_upheld FROM account WHERE "
	    "id = 2"), 1);
	assert_int_equal(fx_int(f, "SELECT open_flags FROM account WHERE "
	    "id = 1"), 0);
	/* the reporter hears the outcome: an event in the outbox */
	assert_int_equal(fx_int(f, "SELECT count(*) FROM outbox WHERE "
	    "event = 'flag.resolved'"), 1);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "carol", A_RESOLVE, 1, "again", "outcome",
	    "dismissed", NULL), WE_CONFLICT, "already upheld", before);
	/* an upheld high-severity flag caps trust at 1 */
	assert_true(fx_int(f, "SELECT trust_level FROM account WHERE id = 1")
	    <= 1);
}

static void
test_dry_run(void **state)
{
	struct fixture *f = *state;
	int64_t before = audit_count(f);
	char *s;

	assert_int_equal(fx_act(f, "carol", A_SUSPEND, 1, "x", "for", "3d",
	    "--dry-run", "", NULL), 0);
	assert_int_equal(f->res.audit_id, 0);
	assert_non_null(strstr(f->res.message, "suspended @sam"));
	assert_int_equal(audit_count(f), before);
	s = fx_text(f, "SELECT status FROM account WHERE id = 1");
	assert_string_equal(s, "active");
	free(s);
	/* a dry run is refused like the real thing */
	assert_refused(f, fx_act(f, "carol", A_RESTORE, 1, "x", "--dry-run", "",
	    NULL), WE_CONFLICT, "already active", before);
}

static void
test_batch_is_atomic(void **state)
{
	struct fixture *f = *state;
	struct action a[3];
	struct action_result res[3];
	struct werr e;
	int64_t before = audit_count(f);
	size_t i;

	for (i = 0; i < 3; i++) {
		action_init(&a[i], A_WARN);
		action_set_text(&a[i].actor, "carol");
		action_set_text(&a[i].reason, "batch");
		a[i].target = i == 2 ? 999 : (int64_t)i + 1;
	}
	assert_int_equal(store_apply(f->st, a, 3, res, &e), -1);
	assert_int_equal(e.item, 2);
	assert_int_equal(audit_count(f), before);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM account WHERE "
	    "status = 'warned'"), 0);
	for (i = 0; i < 3; i++)
		action_free(&a[i]);
}

static void
test_trust_lock_and_unlock(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	assert_int_equal(fx_act(f, "alice", A_TRUST, 2, "known seller",
	    "level", "4", NULL), 0);
	assert_int_equal(fx_int(f, "SELECT trust_level FROM account WHERE "
	    "id = 2"), 4);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "alice", A_TRUST, 2, "x", "level", "4",
	    NULL), WE_CONFLICT, "already locked", before);
	/* a leader is an admin's to unmake (test_leaders_are_...) */
	assert_int_equal(fx_act(f, "alice", A_TRUST, 2, "by the rules",
	    "unlock", "1", NULL), 0);
	assert_int_equal(fx_int(f, "SELECT trust_level FROM account WHERE "
	    "id = 2"), 0);
	/* counted first: an argument's order of evaluation is unspecified */
	before = audit_count(f);
	assert_refused(f, fx_act(f, "carol", A_TRUST, 2, "x", "unlock", "1",
	    NULL), WE_CONFLICT, "not locked", before);
}

static void
test_reveal_and_masking(void **state)
{
	struct fixture *f = *state;
	struct rows *r = fx_query(f, "account", "id", "1", NULL);
	const char *email = rows_text(r, 0, "email");
	const char *phone = rows_text(r, 0, "phone");
	char *audit;

	assert_string_equal(email, "s\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"
	    "@example.com");
	assert_non_null(strstr(phone, "+44 "));
	assert_null(strstr(phone, "7700"));
	rows_free(r);
	assert_int_equal(fx_act(f, "bob", A_REVEAL, 1, "fraud check", "field",
	    "email", NULL), 0);
	assert_string_equal(rows_text(f->res.data, 0, "value"),
	    "sam@example.com");
	/* the audit entry says it was shown, never what */
	audit = fx_text(f, "SELECT params || result FROM audit ORDER BY id "
	    "DESC LIMIT 1");
	assert_null(strstr(audit, "sam@example.com"));
	free(audit);
}

static void
test_hide_unhide(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	fx_sql(f, "INSERT INTO thread(id, subject, created, last_at) VALUES "
	    "(1, 'Sofa', 0, 0); INSERT INTO message(id, thread_id, sender_id, "
	    "sent_at, body) VALUES (7, 1, 1, 0, 'text me')");
	before = audit_count(f);
	assert_refused(f, fx_act(f, "carol", A_UNHIDE, 7, "fine", NULL),
	    WE_CONFLICT, "is not hidden", before);
	assert_int_equal(fx_act(f, "carol", A_HIDE, 7, "contact details",
	    NULL), 0);
	assert_string_equal(f->res.message, "hid message 7 from @sam");
	assert_int_equal(fx_int(f, "SELECT count(*) FROM message WHERE "
	    "hidden = 1 AND hidden_reason = 'contact details' AND "
	    "hidden_by = 'carol'"), 1);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "carol", A_HIDE, 7, "again", NULL),
	    WE_CONFLICT, "is already hidden", before);
	assert_int_equal(fx_act(f, "carol", A_UNHIDE, 7, "fine", NULL), 0);
	assert_string_equal(f->res.message, "unhid message 7 from @sam");
	assert_int_equal(fx_int(f, "SELECT count(*) FROM message WHERE "
	    "hidden = 0 AND hidden_reason IS NULL AND hidden_by IS NULL"), 1);
}

/* An event that cannot be kept fails the action with a message, and the
 * action changes nothing. */
static void
test_event_failure_is_reported(void **state)
{
	struct fixture *f = *state;
	int64_t before = audit_count(f);

	fx_sql(f, "DROP TABLE delivery; DROP TABLE outbox");
	assert_int_equal(fx_act(f, "carol", A_SUSPEND, 1, "cool off", "for",
	    "2d", NULL), -1);
	assert_int_not_equal(f->err.kind, WE_OK);
	assert_non_null(strstr(f->err.msg, "outbox"));
	assert_int_equal(audit_count(f), before);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM account WHERE "
	    "status = 'suspended'"), 0);
}

static void
test_notes_tags_mute(void **state)
{
	struct fixture *f = *state;
	struct rows *r;

	assert_int_equal(fx_act(f, "carol", A_NOTE, 1, NULL, "text", "first",
	    NULL), 0);
	assert_int_equal(fx_act(f, "carol", A_NOTE, 1, NULL, "text", "pinned",
	    "sticky", "1", NULL), 0);
	r = fx_query(f, "notes", "account", "@sam", NULL);
	assert_int_equal(r->nrows, 2);
	assert_string_equal(rows_text(r, 0, "body"), "pinned");
	rows_free(r);
	assert_int_equal(fx_act(f, "carol", A_TAG, 1, NULL, "tag", "repeat",
	    NULL), 0);
	assert_int_equal(fx_act(f, "carol", A_TAG, 1, NULL, "tag", "repeat",
	    NULL), -1);
	assert_int_equal(fx_act(f, "carol", A_TAG, 1, NULL, "tag", "Bad Tag",
	    NULL), -1);
	assert_int_equal(fx_act(f, "carol", A_UNTAG, 1, NULL, "tag", "repeat",
	    NULL), 0);
	/* a muted reporter's flags keep counting as flags, not as priority */
	assert_true(fx_int(f, "SELECT queue_priority > -1e12 FROM account "
	    "WHERE id = 1"));
	assert_int_equal(fx_act(f, "carol", A_MUTE, 2, "mass reporter", NULL),
	    0);
	assert_int_equal(fx_int(f, "SELECT open_flags FROM account WHERE "
	    "id = 1"), 1);
	assert_int_equal(fx_act(f, "carol", A_MUTE, 2, "again", NULL), -1);
	assert_int_equal(fx_act(f, "carol", A_UNMUTE, 2, "ok", NULL), 0);
}

static void
test_moderators_tokens_templates(void **state)
{
	struct fixture *f = *state;
	struct werr e;
	char *name = NULL;
	const char *token;

	assert_int_equal(fx_act_named(f, "alice", A_MODERATOR_ADD, "erin",
	    NULL, "role", "moderator", NULL), 0);
	assert_int_equal(fx_act_named(f, "alice", A_MODERATOR_ADD, "erin",
	    NULL, "role", "moderator", NULL), -1);
	assert_int_equal(f->err.kind, WE_CONFLICT);
	assert_int_equal(fx_act_named(f, "alice", A_MODERATOR_ROLE, "erin",
	    NULL, "role", "senior", NULL), 0);
	/* the last admin stays */
	assert_int_equal(fx_act_named(f, "alice", A_MODERATOR_DISABLE, "alice",
	    NULL, NULL), -1);
	assert_non_null(strstr(f->err.msg, "last active admin"));

	assert_int_equal(fx_act_named(f, "carol", A_TOKEN_CREATE, "carol", NULL,
	    "label", "laptop", NULL), 0);
	token = rows_text(f->res.data, 0, "token");
	assert_non_null(token);
	assert_int_equal(sqlite_store_token_moderator(f->st, token, &name, &e),
	    0);
	assert_string_equal(name, "carol");
	free(name);
	/* only the hash is stored */
	{
		char sql[200];

		snprintf(sql, sizeof sql, "SELECT count(*) FROM api_token WHERE "
		    "hash = '%s'", token);
		assert_int_equal(fx_int(f, sql), 0);
	}
	assert_int_equal(fx_act_named(f, "carol", A_TOKEN_CREATE, "bob", NULL,
	    NULL), -1);
	assert_int_equal(f->err.kind, WE_PERM);
	assert_int_equal(sqlite_store_token_moderator(f->st, "wdn_nope", &name,
	    &e), -1);
	assert_int_equal(e.kind, WE_AUTH);

	assert_int_equal(fx_act_named(f, "carol", A_TEMPLATE_ADD, "phishing",
	    NULL, "text", "Phishing link sent to {handle}", NULL), 0);
	assert_int_equal(fx_act_named(f, "carol", A_TEMPLATE_REMOVE,
	    "phishing", NULL, NULL), -1);
	assert_int_equal(f->err.kind, WE_PERM);
}

static void
test_escalations_and_sweep(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	assert_int_equal(fx_act(f, "carol", A_SUSPEND, 2, "cooling off", "for",
	    "1d", NULL), 0);
	assert_int_equal(fx_act(f, "carol", A_CLAIM, 1, NULL, NULL), 0);
	/* the fixture's flag is two days old, past its deadline: the first
	 * sweep escalates it */
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_non_null(strstr(f->res.message, "1 escalation opened"));
	/* nothing due: sweep writes nothing */
	before = audit_count(f);
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_int_equal(audit_count(f), before);
	f->now += DAY + 1;
	assert_int_equal(fx_act(f, "bob", A_SWEEP, 0, NULL, NULL), 0);
	assert_non_null(strstr(f->res.message, "1 suspension lifted"));
	assert_non_null(strstr(f->res.message, "1 claim lapsed"));
	assert_int_equal(fx_int(f, "SELECT count(*) FROM audit WHERE action "
	    "IN ('lift', 'lapse')"), 2);
	{
		char *s = fx_text(f, "SELECT status FROM account WHERE id = 2");

		assert_string_equal(s, "active");
		free(s);
	}
	/* sweep again: nothing left to do */
	before = audit_count(f);
	assert_int_equal(fx_act(f, "bob", A_SWEEP, 0, NULL, NULL), 0);
	assert_int_equal(audit_count(f), before);
}

/* A dry run is not audited, so it hands back nothing secret. */
static void
test_dry_runs_reveal_nothing(void **state)
{
	struct fixture *f = *state;
	int64_t before = audit_count(f);

	assert_int_equal(fx_act(f, "bob", A_REVEAL, 1, "check", "field",
	    "phone", "--dry-run", "", NULL), 0);
	assert_null(f->res.data);
	assert_non_null(strstr(f->res.message, "would reveal"));
	assert_null(strstr(f->res.message, "7700"));
	assert_int_equal(fx_act_named(f, "carol", A_TOKEN_CREATE, "carol", NULL,
	    "--dry-run", "", NULL), 0);
	assert_null(f->res.data);
	assert_non_null(strstr(f->res.message, "would create"));
	assert_int_equal(fx_act(f, "carol", A_NOTE, 1, NULL, "text", "x",
	    "--dry-run", "", NULL), 0);
	assert_null(strstr(f->res.message, "(note"));
	assert_int_equal(audit_count(f), before);
	assert_int_equal(fx_int(f, "SELECT count(*) FROM api_token"), 0);
}

static void
test_leaders_are_an_admins_to_change(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	assert_int_equal(fx_act(f, "alice", A_TRUST, 1, "leader", "level", "4",
	    NULL), 0);
	before = audit_count(f);
	assert_refused(f, fx_act(f, "bob", A_TRUST, 1, "x", "unlock", "1",
	    NULL), WE_PERM, "leader", before);
	assert_refused(f, fx_act(f, "carol", A_TRUST, 1, "x", "level", "2",
	    NULL), WE_PERM, "leader", before);
	assert_int_equal(fx_act(f, "alice", A_TRUST, 1, "x", "unlock", "1",
	    NULL), 0);
}

static void
test_escalate_names_what_is_missing(void **state)
{
	struct fixture *f = *state;
	int64_t before = audit_count(f);

	assert_refused(f, fx_act(f, "carol", A_ESCALATE, 0, "late", "account",
	    "1", "thread", "99999", NULL), WE_NOTFOUND, "no thread 99999",
	    before);
	assert_refused(f, fx_act(f, "carol", A_ESCALATE, 0, "late", "account",
	    "1", "flag", "99999", NULL), WE_NOTFOUND, "no flag 99999", before);
	assert_refused(f, fx_act(f, "carol", A_MUTE, 2, "x", "until", "soon",
	    NULL), WE_USAGE, "2026-12-31", before);
}

static void
test_log_action_names(void **state)
{
	struct fixture *f = *state;
	struct query q = { 0 };
	struct param p[1] = { { "action", "bogus" } };
	struct rows *r = NULL;

	q.what = "audit";
	q.params = p;
	q.nparams = 1;
	assert_int_equal(store_query(f->st, &q, &r, &f->err), -1);
	assert_int_equal(f->err.kind, WE_USAGE);
	assert_non_null(strstr(f->err.msg, "bogus"));
	p[0].v = "lift";
	assert_int_equal(store_query(f->st, &q, &r, &f->err), 0);
	rows_free(r);
	r = fx_query(f, "audit", "action", "moderator", NULL);
	assert_true(r->nrows >= 1);	/* alice's bootstrap */
	rows_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_warn_suspend_restore, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_state_refusals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled_moderator, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_claims, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_and_standing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_is_atomic, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_trust_lock_and_unlock,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_reveal_and_masking, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_hide_unhide, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_event_failure_is_reported,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes_tags_mute, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_moderators_tokens_templates,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalations_and_sweep, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_dry_runs_reveal_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_leaders_are_an_admins_to_change, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_escalate_names_what_is_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_action_names, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
