/* tests/unit/test_roles.c: the role table, whole.  Every kind of action
 * (data/action.c's table, so a new kind is here as soon as it exists)
 * is tried by a moderator, a senior and an admin; each is allowed or
 * refused as the table of kinds in warden-api(7) says, read from the
 * page, and as the rules that ask more than a kind's row say (trust
 * level 4, a leader, a token of another's, undoing what needed more).  A
 * refusal is a permission error naming the role needed, and changes
 * nothing.  One test a row: kind x role. */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct row {
	const struct recipe *r;
	const char *role;	/* who tries it */
	const char *need;	/* the least role, as documented */
	const char *kind_role;	/* the kind's, in warden-api(7)'s table */
};

/* A kind no recipe knows: its target by its type, its required
 * parameters with a placeholder.  Only the role gate can be checked. */
static struct recipe *
generic_recipe(enum action_kind kind)
{
	static const enum world_target by_type[] = {
		[TT_NONE] = WT_NONE, [TT_ACCOUNT] = WT_SAM,
		[TT_FLAG] = WT_FLAG, [TT_MESSAGE] = WT_MESSAGE,
		[TT_APPEAL] = WT_APPEAL, [TT_ESCALATION] = WT_ESCALATION,
		[TT_MODERATOR] = WT_ACTOR, [TT_TOKEN] = WT_TOKEN,
		[TT_TEMPLATE] = WT_TEMPLATE,
	};
	const struct action_spec *sp = action_spec(kind);
	struct recipe *r = calloc(1, sizeof *r);
	struct buf params = BUF_INIT;
	const char *p;

	assert_non_null(r);
	r->name = sp->name;
	r->kind = kind;
	r->target = by_type[sp->ttype];
	for (p = sp->required; *p; p++) {
		if (*p == ',')
			buf_adds(&params, "=x;");
		else
			buf_addc(&params, *p);
	}
	if (*sp->required)
		buf_adds(&params, "=x");
	r->params = buf_steal(&params);
	return r;
}

static bool
is_generic(const struct recipe *r)
{
	return r < recipes || r >= recipes + nrecipes;
}

static void
role_row(void **state)
{
	struct cell *c = *state;
	const struct row *row = c->row;
	struct world *w = &c->w;
	const char *actor = actor_of_role(row->role);
	bool allowed = role_rank(row->role) >= role_rank(row->need);
	const char *need = row->need;
	char before[65], needs[64];
	int64_t entries;
	struct action a;
	int rc;

	world_prepare(w, row->r, actor);
	world_digest(w, before);
	entries = world_audit_count(w);
	world_action(w, row->r, actor, 0, &a);
	rc = world_apply(w, &a);
	action_free(&a);
	snprintf(needs, sizeof needs, "%s role", row->need);
	if (is_generic(row->r)) {
		/* no recipe: the action may fail for other reasons, but
		 * not for the actor's role unless it is too low */
		bool gated = rc < 0 && w->f->err.kind == WE_PERM &&
		    strstr(w->f->err.msg, needs) != NULL;

		print_message("# %s has no recipe in tests/unit/kinds.c: only "
		    "its role gate is checked\n", row->r->name);
		if (gated == allowed)
			fail_msg("%s as %s: %s", row->r->name, row->role,
			    gated ? w->f->err.msg : "not refused");
		return;
	}
	if (allowed) {
		if (rc != 0)
			fail_msg("%s as %s (%s) is refused: %s", row->r->name,
			    row->role, actor, w->f->err.msg);
		if (row->r->kind != A_SWEEP && row->r->kind != A_SCAN &&
		    world_audit_count(w) != entries + 1)
			fail_msg("%s as %s: %lld audit entries written, not 1",
			    row->r->name, row->role,
			    (long long)(world_audit_count(w) - entries));
		return;
	}
	if (rc == 0 || w->f->err.kind != WE_PERM) {
		if (row->r->todo && role_rank(row->role) >=
		    role_rank(row->kind_role))
			skip();
		fail_msg("%s as %s (%s) should be refused (it needs the %s "
		    "role): %s", row->r->name, row->role, actor, row->need,
		    rc == 0 ? "it was applied" : w->f->err.msg);
	}
	/* the role it lacks: the kind's own first, then the rule's */
	if (role_rank(row->role) < role_rank(row->kind_role))
		need = row->kind_role;
	if (strstr(w->f->err.msg, need) == NULL)
		fail_msg("the refusal does not name the %s role: %s", need,
		    w->f->err.msg);
	world_unchanged(w, before, row->r->name);
}

int
main(void)
{
	struct matrix m = { 0 };
	struct row *rows;
	struct recipe *generic[A__COUNT] = { 0 };
	size_t n = 0, i, k;
	int kind, failed;

	rows = calloc((nrecipes + A__COUNT) * 4, sizeof *rows);
	assert_non_null(rows);
	for (kind = 0; kind < A__COUNT; kind++) {
		const struct action_spec *sp = action_spec(kind);
		const char *doc = doc_kind_role(sp->name);

		if (doc == NULL) {
			fprintf(stderr, "warden-api.7 has no row for the kind "
			    "%s\n", sp->name);
			return 1;
		}
		if (recipe_of(kind) == NULL)
			generic[kind] = generic_recipe(kind);
		for (i = 0; i < (generic[kind] ? 1 : nrecipes); i++) {
			const struct recipe *r = generic[kind] ? generic[kind] :
			    &recipes[i];

			if (r->kind != (enum action_kind)kind)
				continue;
			for (k = 0; roles[k]; k++) {
				struct row *row = &rows[n++];
				bool allowed, todo;

				row->r = r;
				row->role = roles[k];
				row->need = r->role ? r->role : doc;
				row->kind_role = doc;
				allowed = role_rank(row->role) >=
				    role_rank(row->need);
				/* a rule not holding yet shows where the
				 * kind's own role would let the actor by */
				todo = r->todo && !allowed &&
				    role_rank(row->role) >= role_rank(doc);
				matrix_add(&m, role_row, row, "%s as %s: %s "
				    "(%s)%s%s", r->name, row->role, allowed ?
				    "allowed" : "refused", r->role ? r->rule :
				    "warden-api(7)", todo ? " # TODO " : "",
				    todo ? r->todo : "");
			}
		}
	}
	failed = matrix_run(&m, "roles: every kind against every role");
	for (kind = 0; kind < A__COUNT; kind++) {
		if (generic[kind]) {
			free((char *)generic[kind]->params);
			free(generic[kind]);
		}
	}
	free(rows);
	return failed;
}
