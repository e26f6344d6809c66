/* data/act_admin.c: moderators, API tokens and reason templates. */
#include "apply.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* Moderator and template names: what a login name or a short word is. */
static int
check_name(const char *what, const char *name, struct werr *e)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > 32)
		return werr_field(e, WE_USAGE, "target", "a %s name is 1 to 32 "
		    "characters", what);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!(isalnum(c) || c == '-' || c == '_' || c == '.') ||
		    (i == 0 && !isalnum(c)))
			return werr_field(e, WE_USAGE, "target", "%s name '%s': "
			    "use letters, digits and - _ . (starting with a "
			    "letter or digit)", what, name);
	}
	return 0;
}

static int
check_role(const char *role, struct werr *e)
{
	char *list;

	if (word_in(role, roles))
		return 0;
	list = word_list(roles);
	werr_field(e, WE_USAGE, "role", "role '%s' is not one of %s",
	    role ? role : "", list);
	free(list);
	return -1;
}

struct mod {
	char role[16];
	bool active;
};

static int
mod_load(struct actx *x, const char *name, struct mod *m, struct werr *e)
{
	sqlite3_stmt *st = sq_prep(x->s, "SELECT role, active FROM moderator "
	    "WHERE name = ?", e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(m->role, sizeof m->role, "%s",
		    sqlite3_column_text(st, 0));
		m->active = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return werr_field(e, WE_NOTFOUND, "target", "no moderator '%s'",
		    name);
	return rc == SQLITE_ROW ? 0 : sq_fail(x->s, e, rc, "moderator");
}

/* The marketplace must keep one active admin, or nobody can ever add one
 * again. */
static int
keep_an_admin(struct actx *x, const char *name, struct werr *e)
{
	int64_t others;

	if (sq_int(x->s, e, &others, "SELECT count(*) FROM moderator WHERE "
	    "role = 'admin' AND active = 1 AND name <> ?", "t", name) < 0)
		return -1;
	if (others == 0)
		return werr_field(e, WE_CONFLICT, "target", "%s is the last "
		    "active admin; make another admin first", name);
	return 0;
}

int
act_moderator_add(struct actx *x, struct werr *e)
{
	const char *name = x->a->target_name;
	const char *role = action_param(x->a, "role");
	int64_t have;

	if (check_name("moderator", name, e) < 0 || check_role(role, e) < 0)
		return -1;
	if (sq_int(x->s, e, &have, "SELECT count(*) FROM moderator WHERE "
	    "name = ?", "t", name) < 0)
		return -1;
	if (have)
		return werr_field(e, WE_CONFLICT, "target", "moderator '%s' "
		    "already exists", name);
	if (sq_run(x->s, e, "INSERT INTO moderator(name, role, created) "
	    "VALUES (?,?,?)", "tti", name, role, x->now) < 0)
		return -1;
	buf_printf(&x->msg, "added moderator %s (%s)", name, role);
	return 0;
}

int
act_moderator_role(struct actx *x, struct werr *e)
{
	const char *name = x->a->target_name;
	const char *role = action_param(x->a, "role");
	struct mod m;

	if (check_role(role, e) < 0 || mod_load(x, name, &m, e) < 0)
		return -1;
	if (strcmp(m.role, role) == 0)
		return werr_field(e, WE_CONFLICT, "role", "%s is already a %s",
		    name, role);
	if (strcmp(m.role, "admin") == 0 && m.active &&
	    keep_an_admin(x, name, e) < 0)
		return -1;
	if (sq_run(x->s, e, "UPDATE moderator SET role = ? WHERE name = ?",
	    "tt", role, name) < 0)
		return -1;
	buf_printf(&x->msg, "%s is now a %s (was %s)", name, role, m.role);
	return 0;
}

int
act_moderator_disable(struct actx *x, struct werr *e)
{
	const char *name = x->a->target_name;
	struct mod m;

	if (mod_load(x, name, &m, e) < 0)
		return -1;
	if (!m.active)
		return werr_field(e, WE_CONFLICT, "target", "%s is already "
		    "disabled", name);
	if (strcmp(m.role, "admin") == 0 && keep_an_admin(x, name, e) < 0)
		return -1;
	/* A disabled moderator's claims and tokens stop with them. */
	if (sq_run(x->s, e, "UPDATE moderator SET active = 0 WHERE name = ?",
	    "t", name) < 0 ||
	    sq_run(x->s, e, "UPDATE account SET claimed_by = NULL, "
	    "claimed_at = NULL WHERE claimed_by = ?", "t", name) < 0 ||
	    sq_run(x->s, e, "UPDATE api_token SET revoked_at = ? WHERE "
	    "moderator = ? AND revoked_at IS NULL", "it", x->now, name) < 0)
		return -1;
	buf_printf(&x->msg, "disabled moderator %s (claims released, tokens "
	    "revoked)", name);
	return 0;
}

int
act_moderator_enable(struct actx *x, struct werr *e)
{
	const char *name = x->a->target_name;
	struct mod m;

	if (mod_load(x, name, &m, e) < 0)
		return -1;
	if (m.active)
		return werr_field(e, WE_CONFLICT, "target", "%s is already "
		    "active", name);
	if (sq_run(x->s, e, "UPDATE moderator SET active = 1 WHERE name = ?",
	    "t", name) < 0)
		return -1;
	buf_printf(&x->msg, "enabled moderator %s", name);
	return 0;
}

int
act_token_create(struct actx *x, struct werr *e)
{
	const char *who = x->a->target_name;
	const char *label = action_param(x->a, "label");
	unsigned char raw[24];
	char token[4 + 2 * sizeof raw + 1], hash[65];
	struct mod m;
	size_t i, row;
	int64_t id;

	if (strcmp(who, x->a->actor) != 0 && x->rank < 3)
		return werr_field(e, WE_PERM, "target", "a token for another "
		    "moderator (%s) is made by an admin", who);
	if (mod_load(x, who, &m, e) < 0)
		return -1;
	if (!m.active)
		return werr_field(e, WE_CONFLICT, "target", "%s is disabled",
		    who);
	if (label && strlen(label) > 64)
		return werr_field(e, WE_USAGE, "label", "a token label is at "
		    "most 64 characters");
	if (!random_bytes(raw, sizeof raw))
		return werr_set(e, WE_INTERNAL, "no random bytes for a token");
	memcpy(token, "wdn_", 4);
	for (i = 0; i < sizeof raw; i++)
		snprintf(token + 4 + 2 * i, 3, "%02x", raw[i]);
	sha256_hex(token, strlen(token), hash);
	/* Only the hash is kept: a stolen database holds no usable token. */
	if (sq_run(x->s, e, "INSERT INTO api_token(hash, moderator, label, "
	    "created) VALUES (?,?,?,?)", "ttti", hash, who, label ? label : "",
	    x->now) < 0)
		return -1;
	id = sqlite3_last_insert_rowid(x->s->db);
	x->data = rows_new_list("id,moderator,token");
	row = rows_add(x->data);
	rows_set_int(x->data, row, 0, id);
	rows_set_text(x->data, row, 1, who);
	rows_set_text(x->data, row, 2, token);
	explicit_bzero(token, sizeof token);
	if (x->a->dry_run)
		buf_printf(&x->msg, "would create a token for %s", who);
	else
		buf_printf(&x->msg, "created token %lld for %s (shown once)",
		    (long long)id, who);
	return 0;
}

int
act_token_revoke(struct actx *x, struct werr *e)
{
	sqlite3_stmt *st;
	char who[64];
	bool revoked;
	int rc;

	st = sq_prep(x->s, "SELECT moderator, revoked_at IS NOT NULL FROM "
	    "api_token WHERE id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->a->target);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(who, sizeof who, "%s", sqlite3_column_text(st, 0));
		revoked = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return werr_field(e, WE_NOTFOUND, "target", "no token %lld",
		    (long long)x->a->target);
	if (rc != SQLITE_ROW)
		return sq_fail(x->s, e, rc, "token");
	if (strcmp(who, x->a->actor) != 0 && x->rank < 3)
		return werr_field(e, WE_PERM, "target", "token %lld is %s's; "
		    "an admin revokes another's token", (long long)x->a->target,
		    who);
	if (revoked)
		return werr_field(e, WE_CONFLICT, "target", "token %lld is "
		    "already revoked", (long long)x->a->target);
	if (sq_run(x->s, e, "UPDATE api_token SET revoked_at = ? WHERE id = ?",
	    "ii", x->now, x->a->target) < 0)
		return -1;
	buf_printf(&x->msg, "revoked token %lld of %s", (long long)x->a->target,
	    who);
	return 0;
}

int
act_template_add(struct actx *x, struct werr *e)
{
	const char *name = x->a->target_name;
	const char *text = action_param(x->a, "text");
	int64_t have;

	if (check_name("template", name, e) < 0)
		return -1;
	if (text == NULL || *text == '\0' || strlen(text) > 2000)
		return werr_field(e, WE_USAGE, "text", "a template's text is 1 "
		    "to 2000 bytes");
	if (sq_int(x->s, e, &have, "SELECT count(*) FROM template WHERE "
	    "name = ?", "t", name) < 0)
		return -1;
	if (have)
		return werr_field(e, WE_CONFLICT, "target", "template '%s' "
		    "already exists; remove it first to replace it", name);
	if (sq_run(x->s, e, "INSERT INTO template(name, text, created_by, "
	    "created) VALUES (?,?,?,?)", "ttti", name, text, x->a->actor,
	    x->now) < 0)
		return -1;
	buf_printf(&x->msg, "added template @%s", name);
	return 0;
}

int
act_template_remove(struct actx *x, struct werr *e)
{
	const char *name = x->a->target_name;

	if (sq_run(x->s, e, "DELETE FROM template WHERE name = ?", "t",
	    name) < 0)
		return -1;
	if (sqlite3_changes(x->s->db) == 0)
		return werr_field(e, WE_NOTFOUND, "target", "no template '%s'",
		    name);
	buf_printf(&x->msg, "removed template @%s", name);
	return 0;
}

/* ------------------------------------------------------------------ */

int
sqlite_store_bootstrap_admin(struct store *st, const char *name,
    struct werr *e)
{
	struct sq *s = sq_of(st);
	struct audit_entry ae = { 0 };
	char *target;
	int64_t have;
	int rc;

	if (check_name("moderator", name, e) < 0)
		return -1;
	if (sq_begin(s, e) < 0)
		return -1;
	if (sq_int(s, e, &have, "SELECT count(*) FROM moderator WHERE "
	    "name = ? AND role = 'admin' AND active = 1", "t", name) < 0)
		goto fail;
	if (have)
		return sq_commit(s, e);
	if (sq_run(s, e, "INSERT INTO moderator(name, role, created) "
	    "VALUES (?1, 'admin', ?2) ON CONFLICT(name) DO UPDATE SET "
	    "role = 'admin', active = 1", "ti", name, sq_now(s)) < 0)
		goto fail;
	target = xasprintf("moderator:%s", name);
	ae.actor = "warden";
	ae.action = "moderator.add";
	ae.target = target;
	ae.params = "{\"role\":\"admin\"}";
	ae.reason = "the database was created by this login";
	ae.result = "registered the first admin";
	rc = audit_append(s, &ae, NULL, e);
	free(target);
	if (rc < 0)
		goto fail;
	return sq_commit(s, e);
fail:
	sq_rollback(s);
	return -1;
}

int
sqlite_store_token_moderator(struct store *st, const char *token,
    char **name, struct werr *e)
{
	struct sq *s = sq_of(st);
	char hash[65];
	int rc;

	*name = NULL;
	if (token == NULL || *token == '\0')
		return werr_set(e, WE_AUTH, "no token was given");
	sha256_hex(token, strlen(token), hash);
	rc = sq_text(s, e, name, "SELECT t.moderator FROM api_token t "
	    "JOIN moderator m ON m.name = t.moderator WHERE t.hash = ? AND "
	    "t.revoked_at IS NULL AND m.active = 1", "t", hash);
	if (rc < 0)
		return -1;
	if (rc == 0 || *name == NULL)
		return werr_set(e, WE_AUTH, "the token is not valid (unknown, "
		    "revoked, or its moderator is disabled)");
	return 0;
}
