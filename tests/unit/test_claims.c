/* tests/unit/test_claims.c: another moderator's claim, against every kind
 * of action that touches an account or its flags (its target is an
 * account, a flag, a message, an appeal or an escalation: read from the
 * action table, so a new kind is here as soon as it exists).  Over
 * dave's claim each is refused, to an admin too; with --force an admin
 * may act, and the audit entry says so; --force from anyone else is
 * refused.  A refusal changes nothing.  One test a row. */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum how { PLAIN, FORCED };

struct row {
	const struct recipe *r;
	const char *role;	/* who tries */
	enum how how;
};

static bool
touches_account(const struct recipe *r)
{
	switch (action_spec(r->kind)->ttype) {
	case TT_ACCOUNT:
	case TT_FLAG:
	case TT_MESSAGE:
	case TT_APPEAL:
	case TT_ESCALATION:
		return true;
	default:
		return false;
	}
}

static void
claim_row(void **state)
{
	struct cell *c = *state;
	const struct row *row = c->row;
	struct world *w = &c->w;
	struct fixture *f = w->f;
	const char *actor = actor_of_role(row->role);
	bool allowed = row->how == FORCED && strcmp(row->role, "admin") == 0;
	char before[65];
	struct action a;
	int rc;

	/* what the action needs, done before dave claims the accounts */
	if (row->r->prep != WP_CLAIM)
		world_prepare(w, row->r, "alice");
	if (fx_act(f, "dave", A_CLAIM, w->sam, NULL, NULL) != 0 ||
	    fx_act(f, "dave", A_CLAIM, w->rita, NULL, NULL) != 0)
		fail_msg("dave's claims: %s", f->err.msg);
	world_digest(w, before);
	world_action(w, row->r, actor, 0, &a);
	a.force = row->how == FORCED;
	rc = world_apply(w, &a);
	action_free(&a);
	if (allowed) {
		char *params;

		if (rc != 0)
			fail_msg("%s --force as an admin over dave's claim is "
			    "refused: %s", row->r->name, f->err.msg);
		params = fx_text(f, "SELECT params FROM audit ORDER BY id "
		    "DESC LIMIT 1");
		if (params == NULL || strstr(params, "\"force\":true") == NULL)
			fail_msg("the audit entry does not say it was forced: "
			    "%s", params ? params : "(none)");
		free(params);
		return;
	}
	if (rc == 0)
		fail_msg("%s as %s%s over dave's claim was applied: %s",
		    row->r->name, actor, row->how == FORCED ? " with --force" :
		    "", f->res.message);
	if (row->how == PLAIN) {
		if (f->err.kind != WE_CONFLICT ||
		    strstr(f->err.msg, "claimed by dave") == NULL)
			fail_msg("%s over dave's claim: refused as %s, not as "
			    "a conflict naming dave: %s", row->r->name,
			    werr_kind_name(f->err.kind), f->err.msg);
	} else if (f->err.kind != WE_PERM)
		fail_msg("%s --force as %s: refused as %s, not for want of "
		    "the admin role: %s", row->r->name, row->role,
		    werr_kind_name(f->err.kind), f->err.msg);
	world_unchanged(w, before, row->r->name);
}

int
main(void)
{
	struct matrix m = { 0 };
	struct row *rows;
	size_t n = 0, i, k;
	int kind;

	rows = calloc(nrecipes * 4 + A__COUNT, sizeof *rows);
	assert_non_null(rows);
	for (kind = 0; kind < A__COUNT; kind++) {
		const struct recipe *plain = recipe_of(kind);
		struct recipe probe = { 0 };

		probe.kind = kind;
		if (!touches_account(&probe))
			continue;
		if (plain == NULL) {
			/* a failing row that names what is missing */
			matrix_add(&m, no_recipe_row, NULL, "claims: %s has no recipe "
			    "in tests/unit/kinds.c", action_spec(kind)->name);
			continue;
		}
		for (i = 0; i < nrecipes; i++) {
			const struct recipe *r = &recipes[i];
			const char *least;

			/* the plain case of each kind, and the ones that
			 * reach an account another way */
			if (r->kind != (enum action_kind)kind ||
			    (r != plain && r->target != WT_NONE))
				continue;
			least = doc_kind_role(action_spec(kind)->name);
			assert_non_null(least);
			rows[n] = (struct row){ r, least, PLAIN };
			matrix_add(&m, claim_row, &rows[n++], "%s as %s over "
			    "another's claim: refused", r->name, least);
			if (strcmp(least, "admin") != 0) {
				rows[n] = (struct row){ r, "admin", PLAIN };
				matrix_add(&m, claim_row, &rows[n++], "%s as "
				    "admin over another's claim, without "
				    "--force: refused", r->name);
			}
			for (k = 0; roles[k]; k++) {
				bool admin = strcmp(roles[k], "admin") == 0;

				rows[n] = (struct row){ r, roles[k], FORCED };
				matrix_add(&m, claim_row, &rows[n++], "%s "
				    "--force as %s over another's claim: %s",
				    r->name, roles[k], admin ? "allowed" :
				    "refused");
			}
		}
	}
	kind = matrix_run(&m, "claims: every kind over another's claim");
	free(rows);
	return kind;
}
