/* data/act_content.c: actions on flags, messages and appeals. */
#include "apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int
act_resolve(struct actx *x, struct werr *e)
{
	const char *outcome = action_param(x->a, "outcome");
	const char *note = action_param(x->a, "note");
	static const char *const outcomes[] = { "upheld", "dismissed", NULL };
	sqlite3_stmt *st;
	int64_t account, reporter;
	char status[16], reason[32];
	struct acct a;
	json_t *o;
	char *body;
	int rc;

	if (!word_in(outcome, outcomes))
		return werr_field(e, WE_USAGE, "outcome", "a flag is resolved "
		    "upheld or dismissed, not '%s'", outcome);
	st = sq_prep(x->s, "SELECT account_id, coalesce(reporter_id, 0), "
	    "status, reason FROM flag WHERE id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->a->target);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return werr_field(e, WE_NOTFOUND, "target", "no flag "
			    "%lld", (long long)x->a->target);
		return sq_fail(x->s, e, rc, "resolve");
	}
	account = sqlite3_column_int64(st, 0);
	reporter = sqlite3_column_int64(st, 1);
	snprintf(status, sizeof status, "%s", sqlite3_column_text(st, 2));
	snprintf(reason, sizeof reason, "%s", sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	if (acct_load(x, account, &a, e) < 0 || acct_check_claim(x, &a, e) < 0)
		return -1;
	if (strcmp(status, "open") != 0)
		return werr_field(e, WE_CONFLICT, "target", "flag %lld is "
		    "already %s", (long long)x->a->target, status);
	if (sq_run(x->s, e, "UPDATE flag SET status = ?, resolved_by = ?, "
	    "resolved_at = ?, outcome_note = ? WHERE id = ?", "ttiti", outcome,
	    x->a->actor, x->now, note, x->a->target) < 0)
		return -1;
	/* The reporter's standing moves with the outcome. */
	if (reporter && sq_run(x->s, e, strcmp(outcome, "upheld") == 0 ?
	    "UPDATE account SET reports_upheld = reports_upheld + 1 WHERE id = ?" :
	    "UPDATE account SET reports_dismissed = reports_dismissed + 1 "
	    "WHERE id = ?", "i", reporter) < 0)
		return -1;
	if (acct_touch(x, account, e) < 0)
		return -1;
	if (reporter && trust_recompute_reported_by(x->s, reporter, e) < 0)
		return -1;
	buf_printf(&x->msg, "flag %lld on @%s (%s) %s", (long long)x->a->target,
	    a.handle, reason, outcome);

	/* The reporter hears the outcome. */
	o = json_object();
	json_object_set_new(o, "flag_id", json_integer(x->a->target));
	json_object_set_new(o, "account_id", json_integer(account));
	json_object_set_new(o, "handle", json_text(a.handle, strlen(a.handle)));
	json_object_set_new(o, "reason", json_string(reason));
	json_object_set_new(o, "outcome", json_string(outcome));
	json_object_set_new(o, "reporter_id", reporter ? json_integer(reporter)
	    : json_null());
	json_object_set_new(o, "moderator", json_string(x->a->actor));
	body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	rc = event_emit(x->s, "flag.resolved", x->msg.s, body, e);
	free(body);
	return rc;
}

static int
load_message(struct actx *x, int64_t *sender, int64_t *hidden,
    struct werr *e)
{
	sqlite3_stmt *st;
	int rc;

	st = sq_prep(x->s, "SELECT sender_id, hidden FROM message WHERE id = ?",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->a->target);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*sender = sqlite3_column_int64(st, 0);
		*hidden = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return werr_field(e, WE_NOTFOUND, "target", "no message %lld",
		    (long long)x->a->target);
	if (rc != SQLITE_ROW)
		return sq_fail(x->s, e, rc, "message");
	return 0;
}

/* Hides a message or shows it again: the same checks either way. */
static int
set_hidden(struct actx *x, bool hide, struct werr *e)
{
	int64_t sender = 0, hidden = 0;
	struct acct a;

	if (load_message(x, &sender, &hidden, e) < 0 ||
	    acct_load(x, sender, &a, e) < 0 || acct_check_claim(x, &a, e) < 0)
		return -1;
	if ((hidden != 0) == hide)
		return werr_field(e, WE_CONFLICT, "target", "message %lld is "
		    "%s hidden", (long long)x->a->target, hide ? "already" :
		    "not");
	if (sq_run(x->s, e, "UPDATE message SET hidden = ?, hidden_reason = ?, "
	    "hidden_by = ? WHERE id = ?", "btti", hide,
	    hide ? x->a->reason : NULL, hide ? x->a->actor : NULL,
	    x->a->target) < 0)
		return -1;
	buf_printf(&x->msg, "%s message %lld from @%s", hide ? "hid" : "unhid",
	    (long long)x->a->target, a.handle);
	return 0;
}

int
act_hide(struct actx *x, struct werr *e)
{
	return set_hidden(x, true, e);
}

int
act_unhide(struct actx *x, struct werr *e)
{
	return set_hidden(x, false, e);
}

int
act_decide(struct actx *x, struct werr *e)
{
	const char *outcome = action_param(x->a, "outcome");
	const char *reply = action_param(x->a, "reply");
	static const char *const outcomes[] = { "upheld", "overturned", NULL };
	sqlite3_stmt *st;
	int64_t strike, account, newer;
	char status[16], kind[16], given_by[64];
	struct acct a;
	int rc;

	if (!word_in(outcome, outcomes))
		return werr_field(e, WE_USAGE, "outcome", "an appeal is decided "
		    "upheld (the strike stands) or overturned, not '%s'",
		    outcome);
	if (reply == NULL || *reply == '\0')
		return werr_field(e, WE_USAGE, "reply", "deciding an appeal "
		    "needs a reply to the member (--reply TEXT)");
	st = sq_prep(x->s, "SELECT p.status, k.id, k.account_id, k.kind, "
	    "k.given_by FROM appeal p JOIN strike k ON k.id = p.strike_id "
	    "WHERE p.id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->a->target);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return werr_field(e, WE_NOTFOUND, "target", "no appeal "
			    "%lld", (long long)x->a->target);
		return sq_fail(x->s, e, rc, "decide");
	}
	snprintf(status, sizeof status, "%s", sqlite3_column_text(st, 0));
	strike = sqlite3_column_int64(st, 1);
	account = sqlite3_column_int64(st, 2);
	snprintf(kind, sizeof kind, "%s", sqlite3_column_text(st, 3));
	snprintf(given_by, sizeof given_by, "%s", sqlite3_column_text(st, 4));
	sqlite3_reset(st);
	if (acct_load(x, account, &a, e) < 0 || acct_check_claim(x, &a, e) < 0)
		return -1;
	if (strcmp(status, "pending") != 0)
		return werr_field(e, WE_CONFLICT, "target", "appeal %lld was "
		    "already decided (%s)", (long long)x->a->target, status);
	/* A second pair of eyes: not the moderator who gave the strike. */
	if (strcmp(given_by, x->a->actor) == 0 && x->rank < 3)
		return werr_field(e, WE_PERM, "actor", "appeal %lld is against "
		    "your own strike; another senior moderator decides it",
		    (long long)x->a->target);
	if (sq_run(x->s, e, "UPDATE appeal SET status = ?, decided_by = ?, "
	    "decided_at = ?, reply = ? WHERE id = ?", "ttiti", outcome,
	    x->a->actor, x->now, reply, x->a->target) < 0)
		return -1;
	buf_printf(&x->msg, "appeal %lld on @%s's %s %s",
	    (long long)x->a->target, a.handle, kind, outcome);
	if (strcmp(outcome, "overturned") != 0)
		return 0;
	if (sq_run(x->s, e, "UPDATE strike SET status = 'overturned' "
	    "WHERE id = ?", "i", strike) < 0)
		return -1;
	buf_printf(&x->msg, "; strike %lld lifted", (long long)strike);
	/* Restore the account when the overturned strike is what holds it
	 * in its state and no later active strike does. */
	if (sq_int(x->s, e, &newer, "SELECT count(*) FROM strike WHERE "
	    "account_id = ? AND status = 'active' AND kind = ? AND id > ?",
	    "iti", account, kind, strike) < 0)
		return -1;
	if (newer == 0 && ((strcmp(kind, "suspend") == 0 &&
	    strcmp(a.status, "suspended") == 0) || (strcmp(kind, "ban") == 0 &&
	    strcmp(a.status, "banned") == 0) || (strcmp(kind, "warn") == 0 &&
	    strcmp(a.status, "warned") == 0))) {
		if (sq_run(x->s, e, "UPDATE account SET status = 'active', "
		    "suspended_until = NULL WHERE id = ?", "i", account) < 0 ||
		    acct_touch(x, account, e) < 0)
			return -1;
		buf_printf(&x->msg, "; @%s restored", a.handle);
	}
	return 0;
}
