/* tests/unit/test_idempotency.c: idempotency keys, for every kind of the
 * action table.  An action applied with a key, sent again with the same
 * key: everything the same is answered "replayed" with the first audit
 * entry and its result, and applies nothing; anything changed (the kind,
 * the target, each parameter, a parameter added, the reason, --force,
 * the moderator) is refused as a conflict on the key, and applies
 * nothing (warden-api(7), IDEMPOTENCY).  sweep and scan keep no key: the
 * same key runs them again.  One test a row. */
#include "kinds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum change {
	SAME, KIND, TARGET, PARAM, ADDED, REASON, FORCE, ACTOR, NO_KEY_KEPT,
};

struct row {
	const struct recipe *r;
	enum change change;
	const char *param;	/* PARAM, ADDED: which */
	const struct recipe *other;	/* KIND: the kind sent instead */
};

/* The second request of a row: the first, with the row's change. */
static void
second(struct world *w, const struct row *row, struct action *a)
{
	switch (row->change) {
	case KIND:
		world_action(w, row->other, "alice", 0, a);
		break;
	case TARGET:
		world_action(w, row->r, "alice", 1, a);
		break;
	case ACTOR:
		world_action(w, row->r, "bob", 0, a);
		break;
	default:
		world_action(w, row->r, "alice", 0, a);
	}
	action_set_text(&a->key, "key-1");
	switch (row->change) {
	case PARAM: {
		char *v = xasprintf("%s-changed", action_param(a, row->param));

		action_set_param(a, row->param, v);
		free(v);
		break;
	}
	case ADDED:
		action_set_param(a, row->param, "1");
		break;
	case REASON:
		action_set_text(&a->reason, a->reason ? "another reason" :
		    "a reason");
		break;
	case FORCE:
		a->force = true;
		break;
	default:
		break;
	}
}

static void
key_row(void **state)
{
	struct cell *c = *state;
	const struct row *row = c->row;
	struct world *w = &c->w;
	struct fixture *f = w->f;
	char before[65], after[65], *message;
	int64_t first;
	struct action a;
	int rc;

	world_prepare(w, row->r, "alice");
	world_action(w, row->r, "alice", 0, &a);
	action_set_text(&a.key, "key-1");
	rc = world_apply(w, &a);
	action_free(&a);
	if (rc != 0)
		fail_msg("the first %s: %s", row->r->name, f->err.msg);
	first = f->res.audit_id;
	message = xstrdup(f->res.message ? f->res.message : "");
	world_digest(w, before);
	second(w, row, &a);
	rc = world_apply(w, &a);
	action_free(&a);
	world_digest(w, after);
	if (row->change == NO_KEY_KEPT) {
		/* sweep and scan act on what is due, again and again */
		free(message);
		if (rc != 0 || f->res.replayed)
			fail_msg("%s again with the same key: %s", row->r->name,
			    rc ? f->err.msg : "answered as replayed");
		return;
	}
	if (row->change == SAME) {
		bool same = rc == 0 && strstr(f->res.message, message);

		free(message);
		if (rc != 0 || !f->res.replayed)
			fail_msg("%s sent again is not replayed: %s",
			    row->r->name, rc ? f->err.msg : f->res.message);
		if (f->res.audit_id != first)
			fail_msg("replayed with audit entry %lld, not the "
			    "first's %lld", (long long)f->res.audit_id,
			    (long long)first);
		if (!same)
			fail_msg("replayed with '%s', not the first result",
			    f->res.message);
	} else if (rc == 0 || f->err.kind != WE_CONFLICT ||
	    strcmp(f->err.field, "key") != 0) {
		free(message);
		fail_msg("%s with its key, changed, was %s", row->r->name,
		    rc == 0 ? (f->res.replayed ? "answered as replayed" :
		    "applied") : f->err.msg);
	} else
		free(message);
	if (strcmp(before, after) != 0)
		fail_msg("the second request changed the database");
}

int
main(void)
{
	static const char *const change_names[] = {
		[SAME] = "the same again: replayed, nothing applied",
		[KIND] = "another kind",
		[TARGET] = "another target",
		[PARAM] = "parameter",
		[ADDED] = "parameter added",
		[REASON] = "another reason",
		[FORCE] = "--force",
		[ACTOR] = "another moderator",
		[NO_KEY_KEPT] = "keeps no key: the same key runs it again",
	};
	struct matrix m = { 0 };
	struct row *rows;
	size_t n = 0, i;
	int kind, failed;

	rows = calloc((size_t)A__COUNT * 16, sizeof *rows);
	assert_non_null(rows);
	for (kind = 0; kind < A__COUNT; kind++) {
		const struct action_spec *sp = action_spec(kind);
		const struct recipe *r = recipe_of(kind);
		const char *p;
		enum change ch;

		if (r == NULL) {
			matrix_add(&m, no_recipe_row, NULL, "keys: %s has no "
			    "recipe in tests/unit/kinds.c", sp->name);
			continue;
		}
		if (kind == A_SWEEP || kind == A_SCAN) {
			rows[n] = (struct row){ r, NO_KEY_KEPT, NULL, NULL };
			matrix_add(&m, key_row, &rows[n++], "%s %s", r->name,
			    change_names[NO_KEY_KEPT]);
			continue;
		}
		for (ch = SAME; ch <= ACTOR; ch++) {
			if (ch == PARAM || ch == ADDED ||
			    (ch == TARGET && r->target == WT_NONE))
				continue;
			rows[n] = (struct row){ r, ch, NULL, NULL };
			if (ch == KIND) {
				/* another kind that keeps keys */
				rows[n].other = recipe_of(kind == A_CLAIM ?
				    A_WARN : A_CLAIM);
				assert_non_null(rows[n].other);
			}
			matrix_add(&m, key_row, &rows[n++], "%s with its key: "
			    "%s%s", r->name, change_names[ch], ch == SAME ? "" :
			    ": refused");
		}
		/* each parameter of the recipe changed, each optional one
		 * it leaves out added */
		for (i = 0; i < 2; i++) {
			const char *list = i ? sp->optional : sp->required;

			for (p = list; *p;) {
				size_t len = strcspn(p, ",");
				char *name = xstrndup(p, len);
				char *set = xasprintf("%s=", name);
				bool has = strstr(r->params, set) != NULL;

				free(set);
				if (i == 0 || !has) {
					rows[n] = (struct row){ r, i ? ADDED :
					    PARAM, name, NULL };
					matrix_add(&m, key_row, &rows[n++],
					    "%s with its key: %s %s: refused",
					    r->name, change_names[i ? ADDED :
					    PARAM], name);
				} else
					free(name);
				p += len;
				if (*p == ',')
					p++;
			}
		}
	}
	failed = matrix_run(&m, "idempotency keys: every kind, every part");
	for (i = 0; i < n; i++)
		free((char *)rows[i].param);
	free(rows);
	return failed;
}
