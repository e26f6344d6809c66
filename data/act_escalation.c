/* data/act_escalation.c: escalations (escalate, ack, assign), sweep,
 * which applies the timed rules to everything due, and scan, which runs
 * the detectors (data/detect*.c).
 *
 * An escalation opens when follow-up does not happen in time: an inquiry
 * (a buyer's or guest's message) the other side has not answered within
 * inquiry_answer_hours, a flag past its deadline (flag.deadline, else
 * flag_deadline_hours after it was made), or a dispute a moderator opens.
 * It starts at level 1 and climbs one level per sweep when due, by the
 * escalation_rule table; acknowledging it stops the climb.  It closes by
 * itself when its cause goes away: the inquiry was answered (a message
 * from the escalated account in the thread after the inquiry), the flag
 * was resolved.  A dispute has no such cause: a
 * moderator closes it (ack --resolve).  Each step of a sweep is its own
 * audit entry; a sweep with nothing due writes nothing. */
#include "apply.h"
#include "detect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* The ladder: level -> (seconds after the level before, channel). */
static int
ladder(struct sq *s, int level, int64_t *after, char *channel, size_t size,
    struct werr *e)
{
	sqlite3_stmt *st = sq_prep(s, "SELECT after, channel FROM "
	    "escalation_rule WHERE level = ?", e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, level);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*after = sqlite3_column_int64(st, 0);
		snprintf(channel, size, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : sq_fail(s, e, rc, "escalation rules");
}

int
ladder_top(struct sq *s, struct werr *e)
{
	int64_t top;

	if (sq_int(s, e, &top, "SELECT coalesce(max(level), 0) FROM "
	    "escalation_rule", "") < 0)
		return -1;
	return (int)top;
}

/* Moves an escalation to `level`: its channel, and when the next level is
 * due (the top level stays due at its own interval, for the overdue
 * count). */
int
escalation_climb(struct sq *s, int64_t id, int level, int64_t now,
    char *channel, size_t size, struct werr *e)
{
	int64_t after = 0, next_after = 0;
	char next_channel[16];
	int rc;

	rc = ladder(s, level, &after, channel, size, e);
	if (rc <= 0)
		return rc < 0 ? -1 : werr_set(e, WE_INVALID, "no escalation "
		    "rule for level %d", level);
	rc = ladder(s, level + 1, &next_after, next_channel,
	    sizeof next_channel, e);
	if (rc < 0)
		return -1;
	if (rc == 0)
		next_after = after;
	if (sq_run(s, e, "UPDATE escalation SET level = ?, channel = ?, "
	    "due = ? WHERE id = ?", "itii", (int64_t)level, channel,
	    now + next_after, id) < 0)
		return -1;
	if (strcmp(channel, "moderator") == 0) {
		json_t *o = json_object();
		struct rows *r = NULL;
		char *body, *text;
		const char *kind, *handle;

		/* what a receiver needs to act without asking back */
		if (sq_rows(s, e, &r, "SELECT x.kind, x.account_id, a.handle, "
		    "x.thread_id, x.flag_id FROM escalation x JOIN account a ON "
		    "a.id = x.account_id WHERE x.id = ?", "i", id) < 0) {
			json_decref(o);
			return -1;
		}
		kind = r->nrows ? rows_text(r, 0, "kind") : NULL;
		handle = r->nrows ? rows_text(r, 0, "handle") : NULL;
		json_object_set_new(o, "escalation_id", json_integer(id));
		json_object_set_new(o, "level", json_integer(level));
		json_object_set_new(o, "kind", kind ? json_string(kind) :
		    json_null());
		json_object_set_new(o, "account_id", json_integer(r->nrows ?
		    rows_int(r, 0, "account_id", 0) : 0));
		json_object_set_new(o, "handle", handle ? json_text(handle,
		    strlen(handle)) : json_null());
		if (r->nrows && rows_int(r, 0, "thread_id", 0) > 0)
			json_object_set_new(o, "thread_id", json_integer(
			    rows_int(r, 0, "thread_id", 0)));
		if (r->nrows && rows_int(r, 0, "flag_id", 0) > 0)
			json_object_set_new(o, "flag_id", json_integer(
			    rows_int(r, 0, "flag_id", 0)));
		body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		text = xasprintf("escalation %lld (%s) on @%s reached the "
		    "moderators", (long long)id, kind ? kind : "?",
		    handle ? handle : "?");
		rows_free(r);
		rc = event_emit(s, "escalation.moderator", text, body, e);
		free(body);
		free(text);
		return rc;
	}
	return 0;
}

struct esc {
	int64_t account;
	int level;
	char status[16], kind[16], handle[128];
};

static int
esc_load(struct actx *x, struct esc *out, struct werr *e)
{
	sqlite3_stmt *st = sq_prep(x->s, "SELECT x.account_id, x.level, "
	    "x.status, x.kind, a.handle FROM escalation x JOIN account a ON "
	    "a.id = x.account_id WHERE x.id = ?", e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->a->target);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->account = sqlite3_column_int64(st, 0);
		out->level = sqlite3_column_int(st, 1);
		snprintf(out->status, sizeof out->status, "%s",
		    sqlite3_column_text(st, 2));
		snprintf(out->kind, sizeof out->kind, "%s",
		    sqlite3_column_text(st, 3));
		snprintf(out->handle, sizeof out->handle, "%s",
		    sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return werr_field(e, WE_NOTFOUND, "target", "no escalation "
		    "%lld", (long long)x->a->target);
	if (rc != SQLITE_ROW)
		return sq_fail(x->s, e, rc, "escalation");
	x->account = out->account;
	return 0;
}

/* A new escalation at level 1 (the ladder's first channel, now). */
static int
escalation_open(struct actx *x, const char *kind, int64_t account,
    int64_t thread, int64_t flag, int64_t message, int64_t *id,
    char *channel, size_t size, struct werr *e)
{
	if (sq_run(x->s, e, "INSERT INTO escalation(kind, account_id, "
	    "thread_id, flag_id, message_id, opened, due, level) "
	    "VALUES (?,?,?,?,?,?,?,0)", "tiIIIii", kind, account, thread, flag,
	    message, x->now, x->now) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(x->s->db);
	return escalation_climb(x->s, *id, 1, x->now, channel, size, e);
}

static int
open_escalation(struct actx *x, struct werr *e)
{
	const char *account_s = action_param(x->a, "account");
	const char *kind = action_param(x->a, "kind");
	const char *thread_s = action_param(x->a, "thread");
	const char *flag_s = action_param(x->a, "flag");
	int64_t account, thread = 0, flag = 0, id, found = 0;
	int rc = 0;
	char channel[16];
	struct acct a;

	if (kind == NULL)
		kind = "dispute";
	if (!word_in(kind, escalation_kinds))
		return werr_field(e, WE_USAGE, "kind", "escalation kind '%s' is "
		    "not inquiry, flag or dispute", kind);
	if (!str_to_i64(account_s, 1, INT64_MAX, &account))
		return werr_field(e, WE_USAGE, "account", "'%s' is not an "
		    "account id", account_s);
	if ((thread_s && !str_to_i64(thread_s, 1, INT64_MAX, &thread)) ||
	    (flag_s && !str_to_i64(flag_s, 1, INT64_MAX, &flag)))
		return werr_field(e, WE_USAGE, thread_s ? "thread" : "flag",
		    "a thread or flag is given by its id");
	if (thread && (rc = sq_int(x->s, e, &found, "SELECT count(*) FROM "
	    "thread WHERE id = ?", "i", thread)) >= 0 && found == 0)
		return werr_field(e, WE_NOTFOUND, "thread", "no thread %lld",
		    (long long)thread);
	if (rc >= 0 && flag && (rc = sq_int(x->s, e, &found, "SELECT count(*) "
	    "FROM flag WHERE id = ?", "i", flag)) >= 0 && found == 0)
		return werr_field(e, WE_NOTFOUND, "flag", "no flag %lld",
		    (long long)flag);
	if (rc < 0)
		return -1;
	if (acct_load(x, account, &a, e) < 0 || acct_check_claim(x, &a, e) < 0)
		return -1;
	if (escalation_open(x, kind, account, thread, flag, 0, &id, channel,
	    sizeof channel, e) < 0)
		return -1;
	buf_printf(&x->msg, "opened escalation %lld (%s) on @%s at level 1 "
	    "(%s)", (long long)id, kind, a.handle, channel);
	return 0;
}

int
act_escalate(struct actx *x, struct werr *e)
{
	struct esc esc;
	struct acct a;
	char channel[16];
	int top;

	if (x->a->target <= 0)
		return open_escalation(x, e);
	if (esc_load(x, &esc, e) < 0 || acct_load(x, esc.account, &a, e) < 0 ||
	    acct_check_claim(x, &a, e) < 0)
		return -1;
	if (strcmp(esc.status, "resolved") == 0)
		return werr_field(e, WE_CONFLICT, "target", "escalation %lld is "
		    "resolved", (long long)x->a->target);
	if ((top = ladder_top(x->s, e)) < 0)
		return -1;
	if (esc.level >= top)
		return werr_field(e, WE_CONFLICT, "target", "escalation %lld is "
		    "already at the top level (%d)", (long long)x->a->target,
		    top);
	if (escalation_climb(x->s, x->a->target, esc.level + 1, x->now, channel,
	    sizeof channel, e) < 0)
		return -1;
	buf_printf(&x->msg, "escalated %lld on @%s to level %d (%s)",
	    (long long)x->a->target, esc.handle, esc.level + 1, channel);
	return 0;
}

int
act_ack(struct actx *x, struct werr *e)
{
	struct esc esc;
	bool resolve = param_true(action_param(x->a, "resolve"));
	struct acct a;

	if (esc_load(x, &esc, e) < 0 || acct_load(x, esc.account, &a, e) < 0 ||
	    acct_check_claim(x, &a, e) < 0)
		return -1;
	if (resolve) {
		/* closing by hand: a dispute, or what a moderator settled */
		if (strcmp(esc.status, "resolved") == 0)
			return werr_field(e, WE_CONFLICT, "target", "escalation "
			    "%lld is already resolved", (long long)x->a->target);
		if (sq_run(x->s, e, "UPDATE escalation SET status = 'resolved', "
		    "assignee = coalesce(assignee, ?), resolved_at = ?, "
		    "resolved_why = ? WHERE id = ?", "titi", x->a->actor, x->now,
		    x->a->reason ? x->a->reason : "closed by a moderator",
		    x->a->target) < 0)
			return -1;
		buf_printf(&x->msg, "resolved escalation %lld on @%s",
		    (long long)x->a->target, esc.handle);
		return 0;
	}
	if (strcmp(esc.status, "open") != 0)
		return werr_field(e, WE_CONFLICT, "target", "escalation %lld is "
		    "%s, not open", (long long)x->a->target, esc.status);
	if (sq_run(x->s, e, "UPDATE escalation SET status = 'acknowledged', "
	    "assignee = coalesce(assignee, ?) WHERE id = ?", "ti", x->a->actor,
	    x->a->target) < 0)
		return -1;
	buf_printf(&x->msg, "acknowledged escalation %lld on @%s",
	    (long long)x->a->target, esc.handle);
	return 0;
}

int
act_assign(struct actx *x, struct werr *e)
{
	const char *who = action_param(x->a, "assignee");
	struct esc esc;
	struct acct a;
	int rank;

	if (esc_load(x, &esc, e) < 0 || acct_load(x, esc.account, &a, e) < 0 ||
	    acct_check_claim(x, &a, e) < 0)
		return -1;
	if ((rank = sq_moderator_rank(x->s, who, e)) < 0)
		return -1;
	if (rank == 0)
		return werr_field(e, WE_NOTFOUND, "assignee", "'%s' is not an "
		    "active moderator", who);
	if (strcmp(esc.status, "resolved") == 0)
		return werr_field(e, WE_CONFLICT, "target", "escalation %lld is "
		    "resolved", (long long)x->a->target);
	if (sq_run(x->s, e, "UPDATE escalation SET assignee = ? WHERE id = ?",
	    "ti", who, x->a->target) < 0)
		return -1;
	buf_printf(&x->msg, "assigned escalation %lld on @%s to %s",
	    (long long)x->a->target, esc.handle, who);
	return 0;
}

/* ------------------------------------------------------------------ */
/* sweep */

struct sweep {
	int64_t lifted, lapsed, expired, opened, closed, climbed;
	struct scan_report scan;
};

/* An audited step of a sweep, on "kind:id". */
static int
step(struct actx *x, const char *action, const char *kind, int64_t id,
    int64_t account, const char *reason, const char *result, struct werr *e)
{
	char target[64];

	snprintf(target, sizeof target, "%s:%lld", kind, (long long)id);
	return act_step_audit(x, action, target, account, reason, "{}", result,
	    e);
}

/* Mutes of reporters that ran out: their flags count again. */
static int
sweep_mutes(struct actx *x, struct sweep *w, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(x->s, e, &r, "SELECT m.account_id AS id, a.handle FROM "
	    "muted_reporter m JOIN account a ON a.id = m.account_id WHERE "
	    "m.until IS NOT NULL AND m.until <= ? ORDER BY m.account_id", "i",
	    x->now);
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);
		char *msg = xasprintf("the mute of @%s as a reporter ran out",
		    rows_text(r, i, "handle"));

		rc = sq_run(x->s, e, "DELETE FROM muted_reporter WHERE "
		    "account_id = ? AND until <= ?", "ii", id, x->now);
		if (rc == 0)
			rc = trust_recompute_reported_by(x->s, id, e);
		if (rc == 0)
			rc = step(x, "expire", "account", id, id,
			    "the mute ran out", msg, e);
		free(msg);
		w->expired++;
	}
	rows_free(r);
	return rc;
}

static int
sweep_suspensions(struct actx *x, struct sweep *w, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(x->s, e, &r, "SELECT id, handle, suspended_until FROM "
	    "account WHERE suspended_until IS NOT NULL AND suspended_until "
	    "<= ? AND status = 'suspended' ORDER BY suspended_until, id", "i",
	    x->now);
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);
		char *msg = xasprintf("lifted the suspension of @%s: it ended",
		    rows_text(r, i, "handle"));

		rc = sq_run(x->s, e, "UPDATE account SET status = 'active', "
		    "suspended_until = NULL WHERE id = ?", "i", id);
		if (rc == 0)
			rc = trust_recompute(x->s, id, e);
		if (rc == 0)
			rc = step(x, "lift", "account", id, id,
			    "the suspension ended", msg, e);
		free(msg);
		w->lifted++;
	}
	rows_free(r);
	return rc;
}

static int
sweep_claims(struct actx *x, struct sweep *w, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(x->s, e, &r, "SELECT id, handle, claimed_by FROM account "
	    "WHERE claimed_by IS NOT NULL AND claimed_at <= ? ORDER BY id", "i",
	    x->now - (int64_t)(sq_rule(x->s, "claim_idle_minutes") * 60));
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);
		char *msg = xasprintf("%s's claim on @%s lapsed",
		    rows_text(r, i, "claimed_by"), rows_text(r, i, "handle"));

		rc = sq_run(x->s, e, "UPDATE account SET claimed_by = NULL, "
		    "claimed_at = NULL WHERE id = ?", "i", id);
		if (rc == 0)
			rc = step(x, "lapse", "account", id, id,
			    "the claim was idle", msg, e);
		free(msg);
		w->lapsed++;
	}
	rows_free(r);
	return rc;
}

/* Escalations whose cause went away: the inquiry was answered, the flag
 * was resolved. */
static int
sweep_close(struct actx *x, struct sweep *w, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(x->s, e, &r, "SELECT x.id, x.kind, x.account_id, "
	    "a.handle, x.flag_id, f.status AS flag_status FROM escalation x "
	    "JOIN account a ON a.id = x.account_id "
	    "LEFT JOIN flag f ON f.id = x.flag_id "
	    "LEFT JOIN message q ON q.id = x.message_id "
	    "WHERE x.status IN ('open','acknowledged') AND ("
	    "  (x.kind = 'flag' AND f.id IS NOT NULL AND f.status <> 'open') "
	    "  OR (x.kind = 'inquiry' AND x.thread_id IS NOT NULL AND EXISTS ("
	    /* after the inquiry (or the opening): a range of the thread's
	     * index, not every message of the thread */
	    "    SELECT 1 FROM message m WHERE m.thread_id = x.thread_id AND "
	    "    (m.sent_at, m.id) > (coalesce(q.sent_at, x.opened), "
	    "    coalesce(q.id, 0)) AND m.sender_id = x.account_id))) "
	    "ORDER BY x.id", "");
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);
		bool flag = str_eq(rows_text(r, i, "kind"), "flag");
		char *why, *msg;

		why = flag ? xasprintf("flag %lld was %s",
		    (long long)rows_int(r, i, "flag_id", 0),
		    rows_text(r, i, "flag_status")) :
		    xstrdup("the inquiry was answered");
		msg = xasprintf("escalation %lld on @%s resolved: %s",
		    (long long)id, rows_text(r, i, "handle"), why);
		rc = sq_run(x->s, e, "UPDATE escalation SET status = "
		    "'resolved', resolved_at = ?, resolved_why = ? WHERE id = ?",
		    "iti", x->now, why, id);
		if (rc == 0)
			rc = step(x, "close", "escalation", id,
			    rows_int(r, i, "account_id", 0), why, msg, e);
		free(why);
		free(msg);
		w->closed++;
	}
	rows_free(r);
	return rc;
}

static int
open_step(struct actx *x, const char *kind, int64_t account,
    const char *handle, int64_t thread, int64_t flag, int64_t message,
    const char *why, struct sweep *w, struct werr *e)
{
	char channel[16], *msg;
	int64_t id;
	int rc;

	if (escalation_open(x, kind, account, thread, flag, message, &id,
	    channel, sizeof channel, e) < 0)
		return -1;
	msg = xasprintf("opened escalation %lld (%s) on @%s at level 1 (%s): "
	    "%s", (long long)id, kind, handle, channel, why);
	rc = step(x, "open", "escalation", id, account, why, msg, e);
	free(msg);
	w->opened++;
	return rc;
}

/* Inquiries left without an answer: in each recent thread, the first
 * message of the buyer or guest after the seller's or host's last one
 * that opens the thread or asks something (a question mark: "Thanks!
 * Booking now." closing a conversation needs no answer), older than
 * inquiry_answer_hours and younger than inquiry_horizon_days (an old dead
 * thread is not followed up).  The escalation is on the side that owes
 * the answer.
 *
 * Only the threads active since the last sweep's cut-off are read (meta
 * sweep_inquiry_cut): a thread quiet since then had its inquiry come due
 * at that sweep or earlier, and was escalated then.  So a sweep reads a
 * day of threads rather than the whole horizon.  (What this gives up: a
 * message the marketplace writes with a time already past the cut-off,
 * and an answerer who was banned then and is restored now.) */
static int
sweep_inquiries(struct actx *x, struct sweep *w, struct werr *e)
{
	struct sq *s = x->s;
	struct rows *r = NULL;
	int64_t horizon, cut, last_cut, from;
	size_t i;
	int rc;

	horizon = x->now - (int64_t)(sq_rule(s, "inquiry_horizon_days") *
	    86400);
	cut = x->now - (int64_t)(sq_rule(s, "inquiry_answer_hours") * 3600);
	if (sq_meta_int(s, "sweep_inquiry_cut", &last_cut, e) < 0)
		return -1;
	from = last_cut >= horizon ? last_cut + 1 : horizon;
	/* Materialized, each thread's last answer and then its inquiry are
	 * looked up once, not once per place the query names them. */
	rc = sq_rows(s, e, &r, "WITH c AS MATERIALIZED (SELECT t.id AS "
	    "  thread_id, (SELECT r.id FROM message r JOIN participant rs ON "
	    "  rs.thread_id = r.thread_id AND rs.account_id = r.sender_id AND "
	    "  rs.role IN ('seller','host') WHERE r.thread_id = t.id "
	    "  ORDER BY r.sent_at DESC, r.id DESC LIMIT 1) AS answer "
	    "  FROM thread t WHERE t.last_at >= ?3 AND NOT EXISTS (SELECT 1 "
	    "  FROM escalation x WHERE x.kind = 'inquiry' AND "
	    "  x.thread_id = t.id AND x.status <> 'resolved')), "
	    "q AS MATERIALIZED (SELECT c.thread_id, "
	    "  (SELECT min(s.account_id) FROM participant s WHERE "
	    "   s.thread_id = c.thread_id AND s.role IN ('seller','host')) "
	    "  AS answerer, "
	    "  (SELECT m.id FROM message m JOIN participant b ON "
	    "   b.thread_id = m.thread_id AND b.account_id = m.sender_id AND "
	    "   b.role IN ('buyer','guest') WHERE m.thread_id = c.thread_id "
	    "   AND (l.id IS NULL OR (m.sent_at, m.id) > (l.sent_at, l.id)) "
	    "   AND (instr(m.body, '?') > 0 OR instr(m.body, '\xef\xbc\x9f') > 0 "
	    "   OR NOT EXISTS (SELECT 1 FROM message p WHERE "
	    "   p.thread_id = m.thread_id AND (p.sent_at, p.id) < "
	    "   (m.sent_at, m.id))) "
	    "   ORDER BY m.sent_at, m.id LIMIT 1) AS inquiry "
	    "  FROM c LEFT JOIN message l ON l.id = c.answer) "
	    "SELECT q.thread_id, q.answerer, q.inquiry, a.handle FROM q "
	    "JOIN message m ON m.id = q.inquiry "
	    "JOIN account a ON a.id = q.answerer "
	    "WHERE m.sent_at >= ?1 AND m.sent_at <= ?2 AND a.status <> 'banned' "
	    "AND NOT EXISTS (SELECT 1 FROM escalation x WHERE x.kind = 'inquiry' "
	    "  AND x.thread_id = q.thread_id AND x.message_id = q.inquiry) "
	    "ORDER BY m.sent_at, q.thread_id", "iii", horizon, cut, from);
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		char *why = xasprintf("message %lld in thread %lld unanswered "
		    "for %g hours", (long long)rows_int(r, i, "inquiry", 0),
		    (long long)rows_int(r, i, "thread_id", 0),
		    sq_rule(s, "inquiry_answer_hours"));

		rc = open_step(x, "inquiry", rows_int(r, i, "answerer", 0),
		    rows_text(r, i, "handle"), rows_int(r, i, "thread_id", 0),
		    0, rows_int(r, i, "inquiry", 0), why, w, e);
		free(why);
	}
	rows_free(r);
	if (rc == 0 && cut > last_cut)
		rc = sq_meta_set_int(s, "sweep_inquiry_cut", cut, e);
	return rc;
}

/* Open flags past their deadline, each escalated once. */
static int
sweep_flags(struct actx *x, struct sweep *w, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(x->s, e, &r, "SELECT f.id, f.account_id, a.handle, "
	    "f.reason FROM flag f JOIN account a ON a.id = f.account_id "
	    "WHERE f.status = 'open' AND coalesce(f.deadline, f.created + ?2) "
	    "<= ?1 AND NOT EXISTS (SELECT 1 FROM escalation x WHERE "
	    "x.flag_id = f.id) ORDER BY f.id", "ii", x->now,
	    (int64_t)(sq_rule(x->s, "flag_deadline_hours") * 3600));
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t flag = rows_int(r, i, "id", 0);
		char *why = xasprintf("flag %lld (%s) is past its deadline",
		    (long long)flag, rows_text(r, i, "reason"));

		rc = open_step(x, "flag", rows_int(r, i, "account_id", 0),
		    rows_text(r, i, "handle"), 0, flag, 0, why, w, e);
		free(why);
	}
	rows_free(r);
	return rc;
}

static int
sweep_climb(struct actx *x, struct sweep *w, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int top, rc;

	if ((top = ladder_top(x->s, e)) < 0)
		return -1;
	rc = sq_rows(x->s, e, &r, "SELECT x.id, x.level, a.handle, "
	    "x.account_id FROM escalation x JOIN account a ON "
	    "a.id = x.account_id WHERE x.status = 'open' AND x.due <= ? AND "
	    "x.level < ? ORDER BY x.due, x.id", "ii", x->now, (int64_t)top);
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);
		int level = (int)rows_int(r, i, "level", 0) + 1;
		char channel[16], *msg;

		rc = escalation_climb(x->s, id, level, x->now, channel,
		    sizeof channel, e);
		if (rc < 0)
			break;
		msg = xasprintf("escalation %lld on @%s climbed to level %d "
		    "(%s)", (long long)id, rows_text(r, i, "handle"), level,
		    channel);
		rc = step(x, "climb", "escalation", id,
		    rows_int(r, i, "account_id", 0), "no follow-up in time",
		    msg, e);
		free(msg);
		w->climbed++;
	}
	rows_free(r);
	return rc;
}

static const char *
plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
act_sweep(struct actx *x, struct werr *e)
{
	struct sweep w;

	memset(&w, 0, sizeof w);
	/* Each step is its own audit entry; a sweep with nothing due writes
	 * nothing, so cron every five minutes does not fill the log.  The
	 * detectors run first (what arrived since the last sweep), so that
	 * the flags they raise are in the counts below; escalations close
	 * before new ones open, and the new ones are not due to climb. */
	x->no_audit = true;
	if (detect_scan(x, ~0u, false, &w.scan, e) < 0 ||
	    sweep_mutes(x, &w, e) < 0 || sweep_suspensions(x, &w, e) < 0 ||
	    sweep_claims(x, &w, e) < 0 || sweep_close(x, &w, e) < 0 ||
	    sweep_inquiries(x, &w, e) < 0 || sweep_flags(x, &w, e) < 0 ||
	    sweep_climb(x, &w, e) < 0)
		return -1;
	buf_printf(&x->msg, "sweep: %lld %s lifted, %lld %s lapsed, %lld %s "
	    "expired, %lld %s opened, %lld climbed, %lld closed; detectors: ",
	    (long long)w.lifted, plural(w.lifted, "suspension", "suspensions"),
	    (long long)w.lapsed, plural(w.lapsed, "claim", "claims"),
	    (long long)w.expired, plural(w.expired, "mute", "mutes"),
	    (long long)w.opened, plural(w.opened, "escalation", "escalations"),
	    (long long)w.climbed, (long long)w.closed);
	scan_report_format(&w.scan, &x->msg);
	return 0;
}

/* ------------------------------------------------------------------ */
/* scan */

int
act_scan(struct actx *x, struct werr *e)
{
	const char *det = action_param(x->a, "detector");
	bool fresh = param_true(action_param(x->a, "new"));
	struct scan_report rep;
	unsigned which = ~0u;

	if (det && strcmp(det, "all") != 0) {
		int d;

		for (d = 0; detector_names[d]; d++)
			if (strcmp(detector_names[d], det) == 0)
				break;
		if (detector_names[d] == NULL) {
			char *words = word_list(detector_names);

			werr_field(e, WE_USAGE, "detector", "detector '%s' is "
			    "not one of %s (or all)", det, words);
			free(words);
			return -1;
		}
		which = 1u << d;
	}
	/* The raised flags and left-out ratings are audited, each; a scan
	 * that finds nothing new writes nothing. */
	x->no_audit = true;
	if (detect_scan(x, which, !fresh, &rep, e) < 0)
		return -1;
	buf_printf(&x->msg, "scan%s: read %lld message%s, %lld account%s, "
	    "%lld rating%s; ", fresh ? " (new data)" : "",
	    (long long)rep.messages, plural(rep.messages, "", "s"),
	    (long long)rep.accounts, plural(rep.accounts, "", "s"),
	    (long long)rep.ratings, plural(rep.ratings, "", "s"));
	scan_report_format(&rep, &x->msg);
	return 0;
}
