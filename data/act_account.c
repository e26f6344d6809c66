/* data/act_account.c: actions on an account: claims, warn, suspend, ban,
 * restore, trust, notes, tags, reveal and muting a reporter. */
#include "apply.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static bool
is_status(const struct acct *a, const char *status)
{
	return strcmp(a->status, status) == 0;
}

static int
load_claimed(struct actx *x, struct acct *a, struct werr *e)
{
	if (acct_load(x, x->a->target, a, e) < 0)
		return -1;
	return acct_check_claim(x, a, e);
}

int
act_claim(struct actx *x, struct werr *e)
{
	struct acct a;

	if (acct_load(x, x->a->target, &a, e) < 0)
		return -1;
	if (strcmp(a.claimed_by, x->a->actor) == 0)
		return werr_field(e, WE_CONFLICT, "target", "@%s is already "
		    "claimed by you", a.handle);
	if (acct_check_claim(x, &a, e) < 0)
		return -1;
	if (sq_run(x->s, e, "UPDATE account SET claimed_by = ?, claimed_at = ? "
	    "WHERE id = ?", "tii", x->a->actor, x->now, a.id) < 0)
		return -1;
	buf_printf(&x->msg, "claimed @%s (%lld open flag%s)", a.handle,
	    (long long)a.open_flags, a.open_flags == 1 ? "" : "s");
	if (a.claimed_by[0])
		buf_printf(&x->msg, ", taken over from %s", a.claimed_by);
	return 0;
}

int
act_release(struct actx *x, struct werr *e)
{
	struct acct a;

	if (acct_load(x, x->a->target, &a, e) < 0)
		return -1;
	if (a.claimed_by[0] == '\0')
		return werr_field(e, WE_CONFLICT, "target", "@%s is not "
		    "claimed", a.handle);
	if (acct_check_claim(x, &a, e) < 0)
		return -1;
	if (sq_run(x->s, e, "UPDATE account SET claimed_by = NULL, "
	    "claimed_at = NULL WHERE id = ?", "i", a.id) < 0)
		return -1;
	buf_printf(&x->msg, "released @%s", a.handle);
	if (strcmp(a.claimed_by, x->a->actor) != 0)
		buf_printf(&x->msg, " (claimed by %s)", a.claimed_by);
	return 0;
}

int
act_warn(struct actx *x, struct werr *e)
{
	struct acct a;

	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (!is_status(&a, "active") && !is_status(&a, "warned"))
		return werr_field(e, WE_CONFLICT, "target", "@%s is %s; warn "
		    "applies to active or warned accounts", a.handle, a.status);
	if (sq_run(x->s, e, "UPDATE account SET status = 'warned' WHERE id = ?",
	    "i", a.id) < 0)
		return -1;
	x->strike = "warn";
	x->strike_severity = 1;
	buf_printf(&x->msg, "warned @%s", a.handle);
	return 0;
}

static int
account_event(struct actx *x, const char *event, const struct acct *a,
    const char *text, struct werr *e)
{
	json_t *o = json_object();
	char *body;
	int rc;

	json_object_set_new(o, "account_id", json_integer(a->id));
	json_object_set_new(o, "handle", json_text(a->handle,
	    strlen(a->handle)));
	json_object_set_new(o, "moderator", json_string(x->a->actor));
	json_object_set_new(o, "reason", json_text(x->a->reason,
	    strlen(x->a->reason)));
	body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	rc = event_emit(x->s, event, text, body, e);
	free(body);
	return rc;
}

int
act_suspend(struct actx *x, struct werr *e)
{
	const char *dur = action_param(x->a, "for");
	char until[32], pretty[32];
	int64_t secs;
	struct acct a;

	if (!duration_parse(dur, &secs))
		return werr_field(e, WE_USAGE, "for", "'%s' is not a duration: "
		    "use a number and a unit, like 7d, 12h, 30m or 2w", dur);
	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (is_status(&a, "suspended") || is_status(&a, "banned"))
		return werr_field(e, WE_CONFLICT, "target", "@%s is already %s; "
		    "restore it first to change that", a.handle, a.status);
	if (sq_run(x->s, e, "UPDATE account SET status = 'suspended', "
	    "suspended_until = ? WHERE id = ?", "ii", x->now + secs, a.id) < 0)
		return -1;
	if (acct_touch(x, a.id, e) < 0)
		return -1;
	x->strike = "suspend";
	x->strike_severity = 2;
	time_format(x->now + secs, until, sizeof until);
	duration_format(secs, pretty, sizeof pretty);
	buf_printf(&x->msg, "suspended @%s for %s, until %s", a.handle, pretty,
	    until);
	return account_event(x, "account.suspended", &a, x->msg.s, e);
}

int
act_ban(struct actx *x, struct werr *e)
{
	struct acct a;

	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (is_status(&a, "banned"))
		return werr_field(e, WE_CONFLICT, "target", "@%s is already "
		    "banned", a.handle);
	if (sq_run(x->s, e, "UPDATE account SET status = 'banned', "
	    "suspended_until = NULL WHERE id = ?", "i", a.id) < 0)
		return -1;
	if (acct_touch(x, a.id, e) < 0)
		return -1;
	x->strike = "ban";
	x->strike_severity = 3;
	buf_printf(&x->msg, "banned @%s", a.handle);
	return account_event(x, "account.banned", &a, x->msg.s, e);
}

int
act_restore(struct actx *x, struct werr *e)
{
	struct acct a;

	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (is_status(&a, "active"))
		return werr_field(e, WE_CONFLICT, "target", "@%s is already "
		    "active", a.handle);
	if (sq_run(x->s, e, "UPDATE account SET status = 'active', "
	    "suspended_until = NULL WHERE id = ?", "i", a.id) < 0)
		return -1;
	if (acct_touch(x, a.id, e) < 0)
		return -1;
	buf_printf(&x->msg, "restored @%s (was %s)", a.handle, a.status);
	return 0;
}

int
act_trust(struct actx *x, struct werr *e)
{
	const char *lv = action_param(x->a, "level");
	const char *unlock = action_param(x->a, "unlock");
	int64_t level, now_level;
	struct acct a;

	if ((lv == NULL) == (unlock == NULL || !param_true(unlock)))
		return werr_field(e, WE_USAGE, "level", "trust takes a level "
		    "(0 to 4) or unlock, one of the two");
	if (lv && !str_to_i64(lv, 0, 4, &level))
		return werr_field(e, WE_USAGE, "level", "trust level '%s' is "
		    "not one of 0 to 4", lv);
	if (lv && level == 4 && x->rank < 3)
		return werr_field(e, WE_PERM, "level", "trust level 4 (leader) "
		    "is set by an admin only");
	if (load_claimed(x, &a, e) < 0)
		return -1;
	/* A leader was made by an admin; only an admin unmakes one. */
	if (a.trust_locked && a.trust_manual == 4 && x->rank < 3)
		return werr_field(e, WE_PERM, "level", "@%s is a leader (level "
		    "4, set by an admin); an admin changes that", a.handle);
	if (lv == NULL) {
		if (!a.trust_locked)
			return werr_field(e, WE_CONFLICT, "target", "@%s's "
			    "trust is not locked", a.handle);
		if (sq_run(x->s, e, "UPDATE account SET trust_locked = 0, "
		    "trust_manual = NULL WHERE id = ?", "i", a.id) < 0 ||
		    acct_touch(x, a.id, e) < 0)
			return -1;
		if (sq_int(x->s, e, &now_level, "SELECT trust_level FROM "
		    "account WHERE id = ?", "i", a.id) < 0)
			return -1;
		buf_printf(&x->msg, "unlocked @%s's trust: level %lld by the "
		    "rules", a.handle, (long long)now_level);
		return 0;
	}
	if (a.trust_locked && a.trust_level == level)
		return werr_field(e, WE_CONFLICT, "level", "@%s's trust is "
		    "already locked at %lld", a.handle, (long long)level);
	if (sq_run(x->s, e, "UPDATE account SET trust_locked = 1, "
	    "trust_manual = ? WHERE id = ?", "ii", level, a.id) < 0 ||
	    acct_touch(x, a.id, e) < 0)
		return -1;
	buf_printf(&x->msg, "set @%s's trust to %lld (%s), locked; was %d",
	    a.handle, (long long)level, trust_names[level], a.trust_level);
	return 0;
}

int
act_note(struct actx *x, struct werr *e)
{
	const char *text = action_param(x->a, "text");
	bool sticky = param_true(action_param(x->a, "sticky"));
	struct acct a;

	if (text == NULL || *text == '\0')
		return werr_field(e, WE_USAGE, "text", "a note needs some text");
	if (strlen(text) > 4000)
		return werr_field(e, WE_INVALID, "text", "a note holds at most "
		    "4000 bytes");
	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (sq_run(x->s, e, "INSERT INTO note(account_id, author, at, body, "
	    "sticky) VALUES (?,?,?,?,?)", "ititi", a.id, x->a->actor, x->now,
	    text, (int64_t)sticky) < 0)
		return -1;
	buf_printf(&x->msg, "noted on @%s%s", a.handle, sticky ? ", sticky" :
	    "");
	/* a dry run's note is rolled back: it has no id to give */
	if (!x->a->dry_run)
		buf_printf(&x->msg, " (note %lld)",
		    (long long)sqlite3_last_insert_rowid(x->s->db));
	return 0;
}

static int
check_tag(const char *tag, struct werr *e)
{
	size_t i, n = tag ? strlen(tag) : 0;

	if (n == 0 || n > 32)
		return werr_field(e, WE_USAGE, "tag", "a tag is 1 to 32 "
		    "characters");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tag[i];

		if (!(islower(c) || isdigit(c) || c == '-' || c == '_' ||
		    c == ':' || c == '.'))
			return werr_field(e, WE_USAGE, "tag", "tag '%s': use "
			    "lowercase letters, digits and - _ : .", tag);
	}
	return 0;
}

int
act_tag(struct actx *x, struct werr *e)
{
	const char *tag = action_param(x->a, "tag");
	struct acct a;
	int64_t have;

	if (check_tag(tag, e) < 0 || load_claimed(x, &a, e) < 0)
		return -1;
	if (sq_int(x->s, e, &have, "SELECT count(*) FROM tag WHERE "
	    "account_id = ? AND tag = ?", "it", a.id, tag) < 0)
		return -1;
	if (have)
		return werr_field(e, WE_CONFLICT, "tag", "@%s is already tagged "
		    "%s", a.handle, tag);
	if (sq_run(x->s, e, "INSERT INTO tag(account_id, tag) VALUES (?,?)",
	    "it", a.id, tag) < 0)
		return -1;
	buf_printf(&x->msg, "tagged @%s %s", a.handle, tag);
	return 0;
}

int
act_untag(struct actx *x, struct werr *e)
{
	const char *tag = action_param(x->a, "tag");
	struct acct a;

	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (sq_run(x->s, e, "DELETE FROM tag WHERE account_id = ? AND tag = ?",
	    "it", a.id, tag) < 0)
		return -1;
	if (sqlite3_changes(x->s->db) == 0)
		return werr_field(e, WE_CONFLICT, "tag", "@%s is not tagged %s",
		    a.handle, tag);
	buf_printf(&x->msg, "untagged @%s %s", a.handle, tag);
	return 0;
}

int
act_reveal(struct actx *x, struct werr *e)
{
	const char *field = action_param(x->a, "field");
	static const char *const fields[] = { "phone", "email", NULL };
	struct acct a;
	char *value = NULL;
	size_t row;
	int rc;

	if (!word_in(field, fields))
		return werr_field(e, WE_USAGE, "field", "reveal shows phone or "
		    "email, not '%s'", field);
	if (load_claimed(x, &a, e) < 0)
		return -1;
	rc = strcmp(field, "phone") == 0 ?
	    sq_text(x->s, e, &value, "SELECT phone FROM account WHERE id = ?",
	    "i", a.id) :
	    sq_text(x->s, e, &value, "SELECT email FROM account WHERE id = ?",
	    "i", a.id);
	if (rc < 0)
		return -1;
	if (value == NULL)
		return werr_field(e, WE_NOTFOUND, "field", "@%s has no %s on "
		    "file", a.handle, field);
	if (x->a->dry_run) {
		/* not audited, so not shown */
		free(value);
		buf_printf(&x->msg, "would reveal @%s's %s (a dry run shows "
		    "nothing)", a.handle, field);
		return 0;
	}
	x->data = rows_new_list("account_id,handle,field,value");
	row = rows_add(x->data);
	rows_set_int(x->data, row, 0, a.id);
	rows_set_text(x->data, row, 1, a.handle);
	rows_set_text(x->data, row, 2, field);
	rows_set_text(x->data, row, 3, value);
	free(value);
	/* The audit entry records that it was shown, never the value. */
	buf_printf(&x->msg, "revealed @%s's %s", a.handle, field);
	return 0;
}

int
act_mute(struct actx *x, struct werr *e)
{
	const char *dur = action_param(x->a, "for");
	const char *until_s = action_param(x->a, "until");
	int64_t until = 0, secs, muted;
	char when[32];
	struct acct a;

	if (dur && until_s)
		return werr_field(e, WE_USAGE, "for", "mute takes --for or "
		    "--until, not both");
	if (dur && !duration_parse(dur, &secs))
		return werr_field(e, WE_USAGE, "for", "'%s' is not a duration "
		    "(7d, 12h, 2w)", dur);
	if (dur)
		until = x->now + secs;
	if (until_s && (!time_parse(until_s, x->now, &until) ||
	    until <= x->now))
		return werr_field(e, WE_USAGE, "until", "'%s' is not a time "
		    "in the future: use 2026-12-31, 2026-12-31T18:00 or a "
		    "duration with --for", until_s);
	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (sq_int(x->s, e, &muted, "SELECT count(*) FROM muted_reporter "
	    "WHERE account_id = ? AND (until IS NULL OR until > ?)", "ii",
	    a.id, x->now) < 0)
		return -1;
	if (muted)
		return werr_field(e, WE_CONFLICT, "target", "@%s is already "
		    "muted as a reporter", a.handle);
	if (sq_run(x->s, e, "INSERT OR REPLACE INTO muted_reporter(account_id, "
	    "until, muted_by, at) VALUES (?,?,?,?)", "iIti", a.id, until,
	    x->a->actor, x->now) < 0 ||
	    trust_recompute_reported_by(x->s, a.id, e) < 0)
		return -1;
	if (until) {
		time_format(until, when, sizeof when);
		buf_printf(&x->msg, "muted @%s as a reporter until %s",
		    a.handle, when);
	} else
		buf_printf(&x->msg, "muted @%s as a reporter for good",
		    a.handle);
	return 0;
}

int
act_unmute(struct actx *x, struct werr *e)
{
	struct acct a;

	if (load_claimed(x, &a, e) < 0)
		return -1;
	if (sq_run(x->s, e, "DELETE FROM muted_reporter WHERE account_id = ? "
	    "AND (until IS NULL OR until > ?)", "ii", a.id, x->now) < 0)
		return -1;
	if (sqlite3_changes(x->s->db) == 0)
		return werr_field(e, WE_CONFLICT, "target", "@%s is not muted",
		    a.handle);
	if (trust_recompute_reported_by(x->s, a.id, e) < 0)
		return -1;
	buf_printf(&x->msg, "unmuted @%s as a reporter", a.handle);
	return 0;
}
