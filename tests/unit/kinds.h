/* tests/unit/kinds.h: every kind of action, ready to apply, for the
 * matrices (test_roles, test_claims, test_idempotency).
 *
 * A world is a small marketplace in which each kind can be applied once
 * and succeed: an account (sam) with open flags, messages, strikes under
 * appeal and escalations; a reporter (rita); the moderators of the
 * fixture and a disabled one (eve).  A recipe says how to write one kind
 * there: its target, its parameters, and what must be done first (a ban
 * before a restore, a claim before a release).  The matrices iterate over
 * the action table, not over this file: a kind without a recipe fails
 * there by name, so that a new kind is covered as soon as it exists. */
#ifndef WARDEN_KINDS_H
#define WARDEN_KINDS_H

#include "fixture.h"

enum world_target {
	WT_NONE,
	WT_SAM,		/* the account acted on */
	WT_RITA,	/* another account: the reporter */
	WT_FLAG,	/* sam's open flags */
	WT_MESSAGE,	/* sam's messages */
	WT_APPEAL,	/* pending appeals of sam's strikes (given by dave) */
	WT_ESCALATION,	/* open escalations on sam */
	WT_ACTOR,	/* the acting moderator, by name */
	WT_DAVE,	/* another moderator */
	WT_ERIN,	/* a name no moderator has */
	WT_EVE,		/* a disabled moderator */
	WT_TEMPLATE,	/* a reason template made first */
	WT_TOKEN,	/* a token made first (see prep) */
};

enum world_prep {
	WP_NONE,
	WP_CLAIM,	/* the actor claims sam */
	WP_WARN,	/* alice warns sam */
	WP_SUSPEND,	/* alice suspends sam */
	WP_BAN,		/* alice bans sam */
	WP_HIDE,	/* alice hides the message */
	WP_TAG,		/* sam is tagged "watch" */
	WP_MUTE,	/* alice mutes rita */
	WP_LOCK,	/* alice locks sam's trust at 2 */
	WP_LEADER,	/* alice makes sam a leader (4) */
	WP_TOKEN_OWN,	/* a token of the actor's */
	WP_TOKEN_DAVE,	/* a token of dave's */
	WP_TEMPLATE,	/* a template "polite" */
	WP_BAN_APPEAL,	/* alice bans sam, who appeals: the first appeal */
};

struct recipe {
	const char *name;	/* the row's name */
	enum action_kind kind;
	enum world_target target;
	const char *params;	/* "k=v;k=v"; $sam, $flag stand for ids */
	enum world_prep prep;
	/* The least role, where a documented rule asks more than the
	 * kind's row of warden-api.7 (trust level 4: admin); NULL when it
	 * is the kind's. */
	const char *role;
	const char *rule;	/* where that rule is written */
	/* A documented rule that does not hold yet: the rows that find it
	 * broken are skipped as TODO with this reason, and pass once it
	 * holds (take the mark off then). */
	const char *todo;
};

extern const struct recipe recipes[];
extern const size_t nrecipes;

/* The first recipe of a kind: its plain case.  NULL if it has none. */
const struct recipe *recipe_of(enum action_kind kind);

struct world {
	struct fixture *f;
	int64_t sam, rita;
	int64_t flag[2], message[2], appeal[2], escalation[2], strike[2];
	int64_t token;		/* made by the recipe's prep */
	char actor[32];
};

/* A new world in a fresh database.  world_close frees it. */
void world_open(struct world *w);
void world_close(struct world *w);

/* Does what the recipe needs done first, as actor would find it. */
void world_prepare(struct world *w, const struct recipe *r,
    const char *actor);
/* The recipe's action by actor: target (which = 0 the first of its
 * kind, 1 the second), parameters, and a reason when the kind needs
 * one.  action_free() it. */
void world_action(struct world *w, const struct recipe *r, const char *actor,
    int which, struct action *a);
/* Applies one action; f->res and f->err hold the answer. */
int world_apply(struct world *w, struct action *a);

/* A digest of every row of every table: equal before and after means
 * nothing was changed. */
void world_digest(struct world *w, char out[65]);
int64_t world_audit_count(struct world *w);
/* Fails, naming what was refused, when the digest is not before's. */
void world_unchanged(struct world *w, const char before[65],
    const char *what);

/* The least role warden-api.7's table of kinds gives a kind ("admin"),
 * read from the page; NULL if the page has no row for it. */
const char *doc_kind_role(const char *kind);

/* The moderator of a role in the fixture: alice, bob, carol. */
const char *actor_of_role(const char *role);

/* Rows of a matrix as cmocka tests, one test a row, each in a world of
 * its own: the test's state is a cell. */
struct cell {
	const void *row;
	struct world w;
};
struct matrix {
	struct CMUnitTest *tests;
	size_t n, cap;
};
void matrix_add(struct matrix *m, CMUnitTestFunction fn, const void *row,
    const char *fmt, ...) W_PRINTF(4, 5);
int matrix_run(struct matrix *m, const char *group);
/* A row that fails, saying that its kind has no recipe. */
void no_recipe_row(void **state);

#endif
