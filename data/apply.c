/* data/apply.c: the one write path.  A batch of actions is one
 * transaction: each action is validated, its moderator and role checked,
 * its idempotency key honoured, its handler run, and its audit entry
 * appended; any refusal rolls the whole batch back, audit log included. */
#include "apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static const act_fn handlers[A__COUNT] = {
	[A_CLAIM] = act_claim,
	[A_RELEASE] = act_release,
	[A_WARN] = act_warn,
	[A_SUSPEND] = act_suspend,
	[A_BAN] = act_ban,
	[A_RESTORE] = act_restore,
	[A_TRUST] = act_trust,
	[A_RESOLVE] = act_resolve,
	[A_HIDE] = act_hide,
	[A_UNHIDE] = act_unhide,
	[A_NOTE] = act_note,
	[A_TAG] = act_tag,
	[A_UNTAG] = act_untag,
	[A_REVEAL] = act_reveal,
	[A_DECIDE] = act_decide,
	[A_MUTE] = act_mute,
	[A_UNMUTE] = act_unmute,
	[A_ESCALATE] = act_escalate,
	[A_ACK] = act_ack,
	[A_ASSIGN] = act_assign,
	[A_SWEEP] = act_sweep,
	[A_SCAN] = act_scan,
	[A_MODERATOR_ADD] = act_moderator_add,
	[A_MODERATOR_ROLE] = act_moderator_role,
	[A_MODERATOR_DISABLE] = act_moderator_disable,
	[A_MODERATOR_ENABLE] = act_moderator_enable,
	[A_TOKEN_CREATE] = act_token_create,
	[A_TOKEN_REVOKE] = act_token_revoke,
	[A_TEMPLATE_ADD] = act_template_add,
	[A_TEMPLATE_REMOVE] = act_template_remove,
};

bool
param_true(const char *v)
{
	return v && (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 ||
	    strcmp(v, "true") == 0 || strcmp(v, "on") == 0);
}

int
acct_load(struct actx *x, int64_t id, struct acct *out, struct werr *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	st = sq_prep(x->s, "SELECT id, handle, status, "
	    "coalesce(suspended_until, 0), trust_level, trust_locked, "
	    "CASE WHEN claimed_at > ?2 THEN claimed_by END, "
	    "coalesce(claimed_at, 0), open_flags, coalesce(trust_manual, -1) "
	    "FROM account WHERE id = ?1",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, x->now -
	    (int64_t)(sq_rule(x->s, "claim_idle_minutes") * 60));
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return werr_field(e, WE_NOTFOUND, "target",
			    "no account %lld", (long long)id);
		return sq_fail(x->s, e, rc, "loading an account");
	}
	out->id = sqlite3_column_int64(st, 0);
	snprintf(out->handle, sizeof out->handle, "%s",
	    (const char *)sqlite3_column_text(st, 1));
	snprintf(out->status, sizeof out->status, "%s",
	    (const char *)sqlite3_column_text(st, 2));
	out->suspended_until = sqlite3_column_int64(st, 3);
	out->trust_level = sqlite3_column_int(st, 4);
	out->trust_locked = sqlite3_column_int(st, 5) != 0;
	if (sqlite3_column_type(st, 6) != SQLITE_NULL)
		snprintf(out->claimed_by, sizeof out->claimed_by, "%s",
		    (const char *)sqlite3_column_text(st, 6));
	out->claimed_at = sqlite3_column_int64(st, 7);
	out->open_flags = sqlite3_column_int64(st, 8);
	out->trust_manual = sqlite3_column_int(st, 9);
	sqlite3_reset(st);
	x->account = id;
	return 0;
}

int
acct_check_claim(struct actx *x, const struct acct *a, struct werr *e)
{
	char since[32];

	if (a->claimed_by[0] == '\0' || strcmp(a->claimed_by, x->a->actor) == 0)
		return 0;
	if (x->a->force) {
		if (x->rank < 3)
			return werr_field(e, WE_PERM, "force", "acting over "
			    "%s's claim on @%s needs the admin role",
			    a->claimed_by, a->handle);
		return 0;
	}
	time_format_short(a->claimed_at, since, sizeof since);
	return werr_field(e, WE_CONFLICT, "target", "@%s is claimed by %s "
	    "(since %s); ask them to release it, or an admin can act with "
	    "--force", a->handle, a->claimed_by, since);
}

int
acct_touch(struct actx *x, int64_t id, struct werr *e)
{
	return trust_recompute(x->s, id, e);
}

int
act_step_audit(struct actx *x, const char *action, const char *target,
    int64_t account, const char *reason, const char *params,
    const char *result, struct werr *e)
{
	struct audit_entry ae = { 0 };

	ae.actor = x->a->actor;
	ae.action = action;
	ae.target = target;
	ae.account = account;
	ae.reason = reason;
	ae.params = params;
	ae.result = result;
	return audit_append(x->s, &ae, NULL, e);
}

/* A repeated key: the same request gets the first answer, another request
 * is refused.  Returns 1 when replayed, 0 when the key is new. */
static int
replay(struct sq *s, const struct action *a, const char *fingerprint,
    struct action_result *res, struct werr *e)
{
	sqlite3_stmt *st;
	int rc;

	st = sq_prep(s, "SELECT id, fingerprint, result FROM audit "
	    "WHERE idem_key = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, a->key, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return sq_fail(s, e, rc, "idempotency key");
	}
	if (!str_eq((const char *)sqlite3_column_text(st, 1), fingerprint)) {
		long long id = sqlite3_column_int64(st, 0);

		sqlite3_reset(st);
		return werr_field(e, WE_CONFLICT, "key", "key '%s' was used for "
		    "a different action (audit entry %lld); use a new key",
		    a->key, id);
	}
	res->audit_id = sqlite3_column_int64(st, 0);
	res->replayed = true;
	res->message = xasprintf("%s (already applied: audit entry %lld)",
	    sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2)
	    : "", (long long)res->audit_id);
	sqlite3_reset(st);
	return 1;
}

static int
apply_one(struct sq *s, struct action *a, struct action_result *res,
    struct werr *e)
{
	struct actx x;
	struct audit_entry ae = { 0 };
	char fingerprint[65], *params = NULL, *target = NULL;
	int64_t strike = 0;
	int rc;

	memset(res, 0, sizeof *res);
	if (action_validate(a, e) < 0)
		return -1;
	memset(&x, 0, sizeof x);
	x.s = s;
	x.a = a;
	x.spec = action_spec(a->kind);
	x.now = sq_now(s);
	x.rank = sq_moderator_rank(s, a->actor, e);
	if (x.rank < 0)
		return -1;
	if (x.rank == 0)
		return werr_field(e, WE_AUTH, "actor", "'%s' is not an active "
		    "moderator; an admin can register it with 'moderator add "
		    "%s --role moderator'", a->actor, a->actor);
	if (a->key) {
		action_fingerprint(a, fingerprint);
		rc = replay(s, a, fingerprint, res, e);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	if (x.rank < role_rank(x.spec->role))
		return werr_field(e, WE_PERM, "actor", "%s needs the %s role; "
		    "%s is a %s", x.spec->name, x.spec->role, a->actor,
		    roles[x.rank - 1]);
	rc = handlers[a->kind](&x, e);
	if (rc < 0)
		goto out;
	if (x.no_audit) {
		res->message = buf_steal(&x.msg);
		res->data = x.data;
		x.data = NULL;
		goto out;
	}
	/* The strike first, so that the audit entry's result names it: a
	 * replay answers with that result. */
	if (x.strike) {
		rc = sq_run(s, e, "INSERT INTO strike(account_id, kind, "
		    "severity, at, given_by) VALUES (?,?,?,?,?)", "itiit",
		    x.account, x.strike, (int64_t)x.strike_severity, x.now,
		    a->actor);
		if (rc < 0)
			goto out;
		strike = sqlite3_last_insert_rowid(s->db);
		/* a dry run's strike is rolled back with the rest */
		if (a->dry_run)
			buf_adds(&x.msg, " (a strike)");
		else
			buf_printf(&x.msg, " (strike %lld)", (long long)strike);
	}
	params = action_params_json(a);
	target = action_target_string(a);
	ae.actor = a->actor;
	ae.action = x.spec->name;
	ae.target = target;
	ae.account = x.account;
	ae.reason = a->reason;
	ae.params = params;
	ae.result = buf_str(&x.msg);
	ae.key = a->key;
	ae.fingerprint = a->key ? fingerprint : NULL;
	rc = audit_append(s, &ae, &res->audit_id, e);
	if (rc < 0)
		goto out;
	if (x.strike && (rc = sq_run(s, e, "UPDATE strike SET audit_id = ? "
	    "WHERE id = ?", "ii", res->audit_id, strike)) < 0)
		goto out;
	/* Acting keeps one's claim alive: it lapses after idle time. */
	if (x.account && a->kind != A_RELEASE && a->kind != A_CLAIM)
		rc = sq_run(s, e, "UPDATE account SET claimed_at = ? "
		    "WHERE id = ? AND claimed_by = ? AND claimed_at > ?",
		    "iiti", x.now, x.account, a->actor, x.now -
		    (int64_t)(sq_rule(s, "claim_idle_minutes") * 60));
	res->message = buf_steal(&x.msg);
	res->data = x.data;
	x.data = NULL;
out:
	free(params);
	free(target);
	buf_free(&x.msg);
	rows_free(x.data);
	if (rc < 0)
		action_result_free(res);
	return rc;
}

int
sq_apply(struct store *st, struct action *acts, size_t n,
    struct action_result *res, struct werr *e)
{
	struct sq *s = sq_of(st);
	bool dry = n > 0 && acts[0].dry_run;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (acts[i].dry_run != dry)
			return werr_field(e, WE_USAGE, "dry_run", "a batch is "
			    "either a dry run or not, all of it");
	}
	if (sq_begin(s, e) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (apply_one(s, &acts[i], &res[i], e) < 0) {
			if (e)
				e->item = (long)i;
			for (j = 0; j < i; j++)
				action_result_free(&res[j]);
			sq_rollback(s);
			return -1;
		}
	}
	if (dry) {
		/* Everything ran, nothing stays: the answer says what would
		 * have changed. */
		sq_rollback(s);
		for (i = 0; i < n; i++) {
			if (!res[i].replayed)
				res[i].audit_id = 0;
			/* A dry run hands nothing back: a revealed field or a
			 * new token is only for the action that is audited. */
			rows_free(res[i].data);
			res[i].data = NULL;
		}
		return 0;
	}
	if (sq_commit(s, e) < 0) {
		for (i = 0; i < n; i++)
			action_result_free(&res[i]);
		return -1;
	}
	return 0;
}
