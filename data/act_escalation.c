/* data/act_escalation.c: escalations (escalate, ack, assign) and sweep,
 * which applies the timed rules to everything due. */
#include "apply.h"

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
		char *body, *text;

		json_object_set_new(o, "escalation_id", json_integer(id));
		json_object_set_new(o, "level", json_integer(level));
		body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		text = xasprintf("escalation %lld reached the moderators",
		    (long long)id);
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

static int
open_escalation(struct actx *x, struct werr *e)
{
	const char *account_s = action_param(x->a, "account");
	const char *kind = action_param(x->a, "kind");
	const char *thread_s = action_param(x->a, "thread");
	const char *flag_s = action_param(x->a, "flag");
	int64_t account, thread = 0, flag = 0, id;
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
	if (acct_load(x, account, &a, e) < 0 || acct_check_claim(x, &a, e) < 0)
		return -1;
	if (sq_run(x->s, e, "INSERT INTO escalation(kind, account_id, "
	    "thread_id, flag_id, opened, due, level) VALUES (?,?,?,?,?,?,0)",
	    "tiIIii", kind, account, thread, flag, x->now, x->now) < 0)
		return -1;
	id = sqlite3_last_insert_rowid(x->s->db);
	if (escalation_climb(x->s, id, 1, x->now, channel, sizeof channel, e)
	    < 0)
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

	if (esc_load(x, &esc, e) < 0)
		return -1;
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

	if (esc_load(x, &esc, e) < 0)
		return -1;
	if (sq_moderator_rank(x->s, who, e) <= 0)
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

static int
sweep_suspensions(struct actx *x, int64_t *count, struct werr *e)
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
		char *target = xasprintf("account:%lld", (long long)id);
		char *msg = xasprintf("lifted the suspension of @%s: it ended",
		    rows_text(r, i, "handle"));

		rc = sq_run(x->s, e, "UPDATE account SET status = 'active', "
		    "suspended_until = NULL WHERE id = ?", "i", id);
		if (rc == 0)
			rc = trust_recompute(x->s, id, e);
		if (rc == 0)
			rc = act_step_audit(x, "lift", target, id,
			    "the suspension ended", "{}", msg, e);
		free(target);
		free(msg);
		(*count)++;
	}
	rows_free(r);
	return rc;
}

static int
sweep_claims(struct actx *x, int64_t *count, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(x->s, e, &r, "SELECT id, handle, claimed_by FROM account "
	    "WHERE claimed_by IS NOT NULL AND claimed_at <= ? ORDER BY id", "i",
	    x->now - (int64_t)(sq_rule(x->s, "claim_idle_minutes") * 60));
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);
		char *target = xasprintf("account:%lld", (long long)id);
		char *msg = xasprintf("%s's claim on @%s lapsed",
		    rows_text(r, i, "claimed_by"), rows_text(r, i, "handle"));

		rc = sq_run(x->s, e, "UPDATE account SET claimed_by = NULL, "
		    "claimed_at = NULL WHERE id = ?", "i", id);
		if (rc == 0)
			rc = act_step_audit(x, "lapse", target, id,
			    "the claim was idle", "{}", msg, e);
		free(target);
		free(msg);
		(*count)++;
	}
	rows_free(r);
	return rc;
}

static int
sweep_escalations(struct actx *x, int64_t *count, struct werr *e)
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
		char channel[16], *target, *msg;

		rc = escalation_climb(x->s, id, level, x->now, channel,
		    sizeof channel, e);
		if (rc < 0)
			break;
		target = xasprintf("escalation:%lld", (long long)id);
		msg = xasprintf("escalation %lld on @%s climbed to level %d "
		    "(%s)", (long long)id, rows_text(r, i, "handle"), level,
		    channel);
		rc = act_step_audit(x, "climb", target,
		    rows_int(r, i, "account_id", 0), "no follow-up in time",
		    "{}", msg, e);
		free(target);
		free(msg);
		(*count)++;
	}
	rows_free(r);
	return rc;
}

int
act_sweep(struct actx *x, struct werr *e)
{
	int64_t lifted = 0, lapsed = 0, climbed = 0;

	/* Each step is its own audit entry; a sweep with nothing due writes
	 * nothing, so cron every five minutes does not fill the log. */
	x->no_audit = true;
	if (sweep_suspensions(x, &lifted, e) < 0 ||
	    sweep_claims(x, &lapsed, e) < 0 ||
	    sweep_escalations(x, &climbed, e) < 0)
		return -1;
	buf_printf(&x->msg, "sweep: %lld suspension%s lifted, %lld claim%s "
	    "lapsed, %lld escalation%s climbed", (long long)lifted,
	    lifted == 1 ? "" : "s", (long long)lapsed, lapsed == 1 ? "" : "s",
	    (long long)climbed, climbed == 1 ? "" : "s");
	return 0;
}

int
act_scan(struct actx *x, struct werr *e)
{
	(void)e;
	x->no_audit = true;
	buf_printf(&x->msg, "scan: no detectors are built in yet");
	return 0;
}
