/* tests/unit/test_detect_scan.c: the detectors over a store: marks and
 * flags from messages, impersonating names, vouch rings and retaliatory
 * ratings, each on hand-made rows; a scan run twice finds nothing new the
 * second time. */
#include "fixture.h"
#include "../../data/detect.h"

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

/* Runs SQL with text parameters bound (user text is never in the SQL). */
static int64_t
fx_bind(struct fixture *f, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(f->raw, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare: %s: %s", sqlite3_errmsg(f->raw), sql);
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("step: %s: %s", sqlite3_errmsg(f->raw), sql);
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(f->raw);
}

static int64_t
thread_new(struct fixture *f, int64_t buyer, int64_t seller)
{
	char sql[300];
	int64_t t;

	snprintf(sql, sizeof sql, "INSERT INTO thread(subject, created, "
	    "last_at) VALUES ('Sofa', %lld, %lld)", (long long)f->now,
	    (long long)f->now);
	fx_sql(f, sql);
	t = sqlite3_last_insert_rowid(f->raw);
	snprintf(sql, sizeof sql, "INSERT INTO participant VALUES "
	    "(%lld, %lld, 'buyer'), (%lld, %lld, 'seller')", (long long)t,
	    (long long)buyer, (long long)t, (long long)seller);
	fx_sql(f, sql);
	return t;
}

static int64_t
message_new(struct fixture *f, int64_t thread, int64_t sender,
    const char *body)
{
	char sql[300];

	snprintf(sql, sizeof sql, "INSERT INTO message(thread_id, sender_id, "
	    "sent_at, body) VALUES (%lld, %lld, %lld, ?)", (long long)thread,
	    (long long)sender, (long long)f->now);
	return fx_bind(f, sql, body, NULL);
}

static void
display_name(struct fixture *f, int64_t id, const char *name)
{
	char sql[200];

	snprintf(sql, sizeof sql, "UPDATE account SET display_name = ? "
	    "WHERE id = %lld", (long long)id);
	fx_bind(f, sql, name, NULL);
}

static void
rating_new(struct fixture *f, int64_t rater, int64_t ratee, const char *tx,
    int stars, int64_t at)
{
	char sql[300];

	snprintf(sql, sizeof sql, "INSERT INTO rating(rater_id, ratee_id, tx, "
	    "stars, created) VALUES (%lld, %lld, ?, %d, %lld)",
	    (long long)rater, (long long)ratee, stars, (long long)at);
	fx_bind(f, sql, tx, NULL);
}

static int64_t
count(struct fixture *f, const char *sql)
{
	return fx_int(f, sql);
}

static void
scan(struct fixture *f, const char *actor)
{
	if (fx_act(f, actor, A_SCAN, 0, NULL, NULL) < 0)
		fail_msg("scan: %s", f->err.msg);
}

static void
assert_contains(const char *s, const char *part)
{
	if (s == NULL || strstr(s, part) == NULL)
		fail_msg("'%s' lacks '%s'", s ? s : "(null)", part);
}

/* ------------------------------------------------------------------ */

static void
test_messages(void **state)
{
	struct fixture *f = *state;
	int64_t buyer = fx_account(f, "buyer1", 40, true, 2, 0);
	int64_t seller = fx_account(f, "seller1", 400, true, 20, 1);
	int64_t t = thread_new(f, buyer, seller), phish, contact, audit;
	const char *body = "Payment failed, confirm your card at "
	    "https://warden-rnarket.example/pay?ref=7 today";
	struct rows *r;
	char *s;

	fx_recompute(f);
	message_new(f, t, buyer, "Is the sofa still available for $450?");
	phish = message_new(f, t, seller, body);
	contact = message_new(f, t, seller, "Text me on +1 415 555 0134, "
	    "easier than the app");
	message_new(f, t, seller, "whatsapp me and we skip the fees");
	message_new(f, t, buyer, "Our own site is https://warden-market."
	    "example/help, price 1 250 000 EUR");
	scan(f, "carol");
	assert_contains(f->res.message, "read 5 messages");
	assert_contains(f->res.message, "1 phishing");
	assert_contains(f->res.message, "3 contact");

	/* the phishing mark points at the link in the body, in bytes */
	s = fx_text(f, "SELECT CAST(substr(CAST(m.body AS BLOB), k.pos + 1, "
	    "k.len) AS TEXT) FROM mark k JOIN message m ON m.id = k.message_id "
	    "WHERE k.detector = 'phishing'");
	assert_string_equal(s, "https://warden-rnarket.example/pay?ref=7");
	free(s);
	s = fx_text(f, "SELECT why FROM mark WHERE detector = 'phishing'");
	assert_contains(s, "imitates warden-market.example");
	free(s);

	/* a flag with the detector as reporter; one per detector */
	assert_int_equal(count(f, "SELECT count(*) FROM flag WHERE "
	    "reporter_id IS NULL AND detector = 'phishing' AND reason = "
	    "'phishing' AND severity = 3 AND status = 'open' AND "
	    "deadline > created"), 1);
	assert_int_equal(count(f, "SELECT message_id FROM flag WHERE "
	    "detector = 'phishing'"), phish);
	assert_int_equal(count(f, "SELECT count(*) FROM flag WHERE "
	    "detector = 'contact' AND reason = 'off_platform'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE "
	    "detector = 'contact' AND flag_id = (SELECT id FROM flag WHERE "
	    "detector = 'contact')"), 3);
	/* the buyer wrote nothing that counts */
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE "
	    "account_id = 1"), 0);
	/* the seller is in the queue now */
	r = fx_query(f, "queue", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "handle"), "seller1");
	rows_free(r);
	/* each flag raised is an audited step */
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = "
	    "'raise' AND actor = 'carol'"), 2);

	/* the marks query, by message and by thread */
	{
		char id[32];

		snprintf(id, sizeof id, "%lld", (long long)contact);
		r = fx_query(f, "marks", "message", id, NULL);
		assert_int_equal(r->nrows, 2);
		rows_free(r);
		snprintf(id, sizeof id, "%lld", (long long)t);
		r = fx_query(f, "marks", "thread", id, "detector", "contact",
		    NULL);
		assert_int_equal(r->nrows, 3);
		assert_string_equal(rows_text(r, 0, "field"), "body");
		rows_free(r);
		r = fx_query(f, "marks", "account", "@seller1", NULL);
		assert_int_equal(r->nrows, 4);
		rows_free(r);
	}

	/* again: nothing new, nothing written */
	audit = count(f, "SELECT count(*) FROM audit");
	scan(f, "carol");
	assert_contains(f->res.message, "nothing new");
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(count(f, "SELECT count(*) FROM mark"), 4);
	assert_int_equal(count(f, "SELECT count(*) FROM flag"), 2);

	/* a dismissed detector flag is not raised again by a new scan, but
	 * new contact details raise a new one */
	assert_int_equal(fx_act(f, "carol", A_RESOLVE, count(f, "SELECT id "
	    "FROM flag WHERE detector = 'contact'"), "fine", "outcome",
	    "dismissed", NULL), 0);
	scan(f, "carol");
	assert_int_equal(count(f, "SELECT count(*) FROM flag"), 2);
	message_new(f, t, seller, "or email me: seller.one at gmail dot com");
	scan(f, "carol");
	assert_int_equal(count(f, "SELECT count(*) FROM flag WHERE "
	    "detector = 'contact'"), 2);
}

static void
test_sweep_scans_what_arrived(void **state)
{
	struct fixture *f = *state;
	int64_t a = fx_account(f, "anna", 40, true, 2, 0);
	int64_t b = fx_account(f, "ben", 400, true, 20, 1);
	int64_t t = thread_new(f, a, b), audit;

	message_new(f, t, b, "Hi, yes it is available.");
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_contains(f->res.message, "detectors: nothing new");
	assert_int_equal(count(f, "SELECT v FROM meta WHERE "
	    "k = 'detect_hw_message'"), 1);
	/* a message arrives: the next sweep reads it, and only it */
	message_new(f, t, b, "Refund ready: http://warden-markett.example/"
	    "refund?id=5");
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_contains(f->res.message, "1 new mark (1 phishing), 1 flag "
	    "raised");
	assert_int_equal(count(f, "SELECT v FROM meta WHERE "
	    "k = 'detect_hw_message'"), 2);
	audit = count(f, "SELECT count(*) FROM audit");
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audit);
	/* scan --new reads only what is new as well */
	assert_int_equal(fx_act(f, "carol", A_SCAN, 0, NULL, "new", "1",
	    NULL), 0);
	assert_contains(f->res.message, "read 0 messages");
	/* one detector at a time; a wrong name is refused */
	assert_int_equal(fx_act(f, "carol", A_SCAN, 0, NULL, "detector",
	    "phishing", NULL), 0);
	assert_contains(f->res.message, "read 2 messages, 0 accounts");
	assert_int_equal(fx_act(f, "carol", A_SCAN, 0, NULL, "detector",
	    "spam", NULL), -1);
	assert_int_equal(f->err.kind, WE_USAGE);
	assert_contains(f->err.msg, "vouch_ring");
	/* a dry run finds and keeps nothing */
	message_new(f, t, b, "call me on 07700 900123");
	assert_int_equal(fx_act(f, "carol", A_SCAN, 0, NULL, "--dry-run", "",
	    NULL), 0);
	assert_contains(f->res.message, "2 contact");
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE "
	    "detector = 'contact'"), 0);
}

static void
test_impersonation(void **state)
{
	struct fixture *f = *state;
	int64_t maria = fx_account(f, "maria_k42", 300, true, 5, 1);
	int64_t copy = fx_account(f, "m\xd0\xb0ria_k42", 2, false, 0, 0);
	int64_t name_copy = fx_account(f, "zed_99", 3, false, 0, 0);
	int64_t plain = fx_account(f, "mariak", 5, false, 0, 0);
	int64_t staff = fx_account(f, "helper_1", 1, false, 0, 0);
	int64_t own = fx_account(f, "tom_b7", 50, true, 1, 0);
	int64_t hidden = fx_account(f, "quiet_one", 4, false, 0, 0);
	char *s;

	display_name(f, maria, "Maria K.");
	display_name(f, copy, "Maria K.");
	display_name(f, name_copy, "maria_k42");
	display_name(f, plain, "Maria K");	/* a name, not a handle copy */
	display_name(f, staff, "Warden Supp\xd0\xbert (official)");
	display_name(f, own, "tom_b7");		/* its own handle */
	display_name(f, hidden, "mar\xe2\x80\x8bia_k42");
	scan(f, "carol");
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE "
	    "detector = 'impersonation'"), 4);
	s = fx_text(f, "SELECT why FROM mark WHERE account_id = 2");
	assert_string_equal(s, "handle imitates @maria_k42: m\xd0\xb0ria_k42");
	free(s);
	s = fx_text(f, "SELECT field || ': ' || why FROM mark WHERE "
	    "account_id = 3");
	assert_string_equal(s, "display_name: display name imitates "
	    "@maria_k42: maria_k42");
	free(s);
	s = fx_text(f, "SELECT field || ': ' || why FROM mark WHERE "
	    "account_id = 5");
	assert_contains(s, "display_name.staff: display name plays staff "
	    "(support)");
	free(s);
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE "
	    "account_id = 7"), 1);
	/* the original, a plain name and one's own handle are left alone */
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE "
	    "account_id IN (1, 4, 6)"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM flag WHERE "
	    "detector = 'impersonation' AND severity = 2"), 4);
	/* a new account copying a handle is caught by the next sweep */
	fx_account(f, "maria_k4\xf0\x9d\x9f\x90", 0, false, 0, 0);	/* math 2 */
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_contains(f->res.message, "1 impersonation");
	assert_int_equal(count(f, "SELECT count(*) FROM skeleton"), 8);
}

static void
test_vouch_ring(void **state)
{
	struct fixture *f = *state;
	int64_t ring[5], chain[3], vet[2], ben, diluted[3], i, j, old[6];
	struct rows *r;

	for (i = 0; i < 5; i++) {
		char h[40];

		snprintf(h, sizeof h, "ring%lld", (long long)i);
		ring[i] = fx_account(f, h, 5, false, 0, 0);
	}
	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++)
			if (i != j)
				fx_vouch(f, ring[i], ring[j]);
	/* two members vouch for a sixth, who gives nothing back */
	ben = fx_account(f, "beneficiary", 3, false, 0, 0);
	fx_vouch(f, ring[0], ben);
	fx_vouch(f, ring[1], ben);
	/* a chain of new friends is not a ring */
	for (i = 0; i < 3; i++) {
		char h[40];

		snprintf(h, sizeof h, "chain%lld", (long long)i);
		chain[i] = fx_account(f, h, 5, false, 0, 0);
	}
	fx_vouch(f, chain[0], chain[1]);
	fx_vouch(f, chain[1], chain[2]);
	/* veterans vouching for each other are not young or low-trust */
	vet[0] = fx_account(f, "vet0", 900, true, 40, 2);
	vet[1] = fx_account(f, "vet1", 900, true, 40, 2);
	fx_vouch(f, vet[0], vet[1]);
	fx_vouch(f, vet[1], vet[0]);
	fx_vouch(f, vet[0], ring[2]);
	/* three new accounts that vouch for each other but mostly for
	 * established ones: not mostly for each other */
	for (i = 0; i < 6; i++) {
		char h[40];

		snprintf(h, sizeof h, "old%lld", (long long)i);
		old[i] = fx_account(f, h, 800, true, 30, 2);
	}
	for (i = 0; i < 3; i++) {
		char h[40];

		snprintf(h, sizeof h, "mixed%lld", (long long)i);
		diluted[i] = fx_account(f, h, 5, false, 0, 0);
	}
	for (i = 0; i < 3; i++) {
		fx_vouch(f, diluted[i], diluted[(i + 1) % 3]);
		for (j = 0; j < 6; j++)
			fx_vouch(f, diluted[i], old[j]);
	}
	fx_recompute(f);
	scan(f, "carol");
	assert_contains(f->res.message, "1 vouch ring (6 accounts)");
	assert_int_equal(count(f, "SELECT count(*) FROM mark WHERE "
	    "detector = 'vouch_ring'"), 6);
	assert_int_equal(count(f, "SELECT count(DISTINCT grp) FROM mark WHERE "
	    "detector = 'vouch_ring'"), 1);
	assert_int_equal(count(f, "SELECT min(grp) FROM mark"), ring[0]);
	assert_int_equal(count(f, "SELECT count(*) FROM flag WHERE "
	    "detector = 'vouch_ring' AND reason = 'fraud'"), 6);
	/* the ring as the account view shows it, from any member */
	r = fx_query(f, "ring", "account", "@ring3", NULL);
	assert_int_equal(r->nrows, 6);
	assert_string_equal(rows_text(r, 5, "handle"), "beneficiary");
	assert_int_equal(rows_int(r, 5, "beneficiary", 0), 1);
	/* ring0 vouches for the four others and the beneficiary */
	assert_int_equal(rows_int(r, 0, "vouches_inside", 0), 5);
	rows_free(r);
	r = fx_query(f, "ring", "account", "@chain1", NULL);
	assert_int_equal(r->nrows, 0);
	rows_free(r);
	r = fx_query(f, "rings", NULL);
	assert_int_equal(r->nrows, 1);
	assert_int_equal(rows_int(r, 0, "members", 0), 6);
	assert_contains(rows_text(r, 0, "handles"), "@beneficiary @ring0");
	rows_free(r);
	/* idempotent, and a sweep sees the vouches unchanged */
	scan(f, "carol");
	assert_contains(f->res.message, "nothing new");
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_contains(f->res.message, "detectors: nothing new");
	(void)chain;
	(void)vet;
}

/* Rings whose members' ids interleave are told apart; each is named by
 * its smallest member, beneficiary included; two friends are no ring. */
static void
test_interleaved_rings(void **state)
{
	struct fixture *f = *state;
	int64_t id[8], ben;
	char sql[200];
	int i, j;

	for (i = 0; i < 8; i++) {
		char h[16];

		snprintf(h, sizeof h, "new%d", i);
		id[i] = fx_account(f, h, 5, false, 0, 0);
	}
	ben = fx_account(f, "helped", 5, false, 0, 0);
	/* even ids one ring, odd ids another, 6 and 7 a pair */
	for (i = 0; i < 6; i++)
		for (j = 0; j < 6; j++)
			if (i != j && i % 2 == j % 2)
				fx_vouch(f, id[i], id[j]);
	fx_vouch(f, id[6], id[7]);
	fx_vouch(f, id[7], id[6]);
	fx_vouch(f, id[1], ben);
	fx_vouch(f, id[3], ben);
	fx_recompute(f);
	scan(f, "carol");
	assert_contains(f->res.message, "2 vouch rings (7 accounts)");
	snprintf(sql, sizeof sql, "SELECT group_concat(account_id || ':' || "
	    "grp, ' ') FROM (SELECT account_id, grp FROM mark WHERE "
	    "detector = 'vouch_ring' ORDER BY account_id)");
	{
		char *got = fx_text(f, sql), want[200];

		snprintf(want, sizeof want, "%lld:%lld %lld:%lld %lld:%lld "
		    "%lld:%lld %lld:%lld %lld:%lld %lld:%lld",
		    (long long)id[0], (long long)id[0],
		    (long long)id[1], (long long)id[1],
		    (long long)id[2], (long long)id[0],
		    (long long)id[3], (long long)id[1],
		    (long long)id[4], (long long)id[0],
		    (long long)id[5], (long long)id[1],
		    (long long)ben, (long long)id[1]);
		assert_string_equal(got, want);
		free(got);
	}
}

static void
test_retaliatory(void **state)
{
	struct fixture *f = *state;
	int64_t a = fx_account(f, "alice_b", 300, true, 12, 1);
	int64_t b = fx_account(f, "bruno", 300, true, 12, 1);
	int64_t c = fx_account(f, "carla", 300, true, 12, 1);
	int64_t t0 = f->now - 10 * DAY, audit;
	char *s;

	rating_new(f, a, b, "T-1", 1, t0);		/* honest low rating */
	rating_new(f, b, a, "T-1", 2, t0 + 5 * 3600);	/* revenge: marked */
	rating_new(f, a, c, "T-2", 2, t0);
	rating_new(f, c, a, "T-2", 1, t0 + 80 * 3600);	/* too late */
	rating_new(f, b, c, "T-3", 1, t0);
	rating_new(f, c, b, "T-4", 1, t0 + 3600);	/* another transaction */
	rating_new(f, c, a, "T-5", 2, t0);
	rating_new(f, a, c, "T-5", 4, t0 + 3600);	/* not low */
	rating_new(f, b, a, "T-6", 5, t0);
	fx_recompute(f);
	assert_true(count(f, "SELECT rating_avg < 3 FROM account WHERE "
	    "id = 1"));
	scan(f, "carol");
	assert_contains(f->res.message, "1 rating left out as retaliatory");
	assert_int_equal(count(f, "SELECT count(*) FROM rating WHERE "
	    "retaliatory = 1"), 1);
	assert_int_equal(count(f, "SELECT id FROM rating WHERE "
	    "retaliatory = 1"), 2);
	/* out of alice_b's average: 1 (too late), 2 (T-5)... and 5 */
	assert_int_equal(count(f, "SELECT rating_count FROM account WHERE "
	    "id = 1"), 3);
	s = fx_text(f, "SELECT why FROM mark WHERE detector = 'retaliatory'");
	assert_string_equal(s, "2 stars for @alice_b 5h after getting 1 from "
	    "them (transaction T-1)");
	free(s);
	assert_int_equal(count(f, "SELECT account_id FROM mark WHERE "
	    "detector = 'retaliatory'"), b);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = "
	    "'exclude' AND target = 'rating:2'"), 1);
	audit = count(f, "SELECT count(*) FROM audit");
	scan(f, "carol");
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audit);
	/* a later revenge arriving is found by the sweep */
	rating_new(f, c, b, "T-3", 1, t0 + 2 * 3600);
	assert_int_equal(fx_act(f, "carol", A_SWEEP, 0, NULL, NULL), 0);
	assert_contains(f->res.message, "1 rating left out");
}

/* The trust overview's queries. */
static void
test_trust_overview(void **state)
{
	struct fixture *f = *state;
	struct rows *r;

	fx_account(f, "almost", 40, true, 3, 0);	/* no social account */
	fx_account(f, "far", 5, true, 0, 0);		/* young, no deals */
	fx_account(f, "member", 100, true, 5, 1);
	fx_account(f, "fresh", 1, false, 0, 0);
	fx_recompute(f);
	r = fx_query(f, "near_level", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "handle"), "almost");
	assert_int_equal(rows_int(r, 0, "next", 0), 2);
	assert_string_equal(rows_text(r, 0, "missing"),
	    "linked social accounts");
	assert_null(r->next);
	rows_free(r);
	r = fx_query(f, "near_level", "level", "0", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "missing"), "phone verified");
	rows_free(r);

	/* a suspension holds the member at 0: a demotion */
	f->now += 3600;
	assert_int_equal(fx_act(f, "carol", A_SUSPEND, 3, "scam", "for", "7d",
	    NULL), 0);
	r = fx_query(f, "demoted", NULL);
	assert_int_equal(r->nrows, 1);
	assert_string_equal(rows_text(r, 0, "handle"), "member");
	assert_int_equal(rows_int(r, 0, "was", -1), 2);
	assert_int_equal(rows_int(r, 0, "trust", -1), 0);
	assert_int_equal(rows_int(r, 0, "changed", 0), f->now);
	rows_free(r);
	r = fx_query(f, "trust_levels", NULL);
	assert_int_equal(r->nrows, 5);
	assert_int_equal(rows_int(r, 0, "accounts", 0), 2);	/* new */
	assert_int_equal(rows_int(r, 0, "demoted", 0), 1);
	assert_int_equal(rows_int(r, 1, "accounts", 0), 2);	/* basic */
	assert_int_equal(rows_int(r, 2, "accounts", 0), 0);	/* member */
	rows_free(r);
}

/* A mark finds its detector's open flag on the account through
 * flag_account, never by walking flag_reporter, where every detector
 * flag has the same NULL reporter (no ANALYZE statistics here, as in a
 * new database). */
static void
test_flag_lookup_plan(void **state)
{
	struct fixture *f = *state;
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", detect_flag_sql);
	sqlite3_stmt *plan;
	bool by_account = false;

	assert_int_equal(sqlite3_prepare_v2(f->raw, sql, -1, &plan, NULL),
	    SQLITE_OK);
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(plan, 3);

		if (strstr(d, "flag_reporter") || strstr(d, "SCAN flag"))
			fail_msg("detector flag look-up plan: %s", d);
		if (strstr(d, "INDEX flag_account"))
			by_account = true;
	}
	sqlite3_finalize(plan);
	sqlite3_free(sql);
	assert_true(by_account);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sweep_scans_what_arrived,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_impersonation, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_vouch_ring, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_interleaved_rings, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retaliatory, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_flag_lookup_plan, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_trust_overview, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
