/* data/apply.h: inside the write path of the SQLite store.  apply.c runs
 * the steps every action shares (validation, moderator and role,
 * idempotency, the audit entry, the strike); the act_*.c files hold one
 * handler per kind, which checks the target's state and claim, changes
 * rows and writes the result message. */
#ifndef WARDEN_APPLY_H
#define WARDEN_APPLY_H

#include "sq.h"

struct actx {
	struct sq *s;
	struct action *a;
	const struct action_spec *spec;
	int64_t now;
	int rank;		/* the actor's role: 1 moderator .. 3 admin */
	int64_t account;	/* the account the action is about, if any */
	struct buf msg;		/* result message */
	struct rows *data;	/* extra answer */
	const char *strike;	/* "warn", "suspend", "ban": make a strike */
	int strike_severity;
	bool no_audit;		/* the handler wrote its own entries (sweep) */
};

typedef int (*act_fn)(struct actx *, struct werr *);

/* An account as handlers need it. */
struct acct {
	int64_t id;
	char handle[128];
	char status[16];
	int64_t suspended_until;
	int trust_level;
	bool trust_locked;
	int trust_manual;	/* the locked level; -1 if none */
	char claimed_by[64];	/* "" if free or lapsed */
	int64_t claimed_at;
	int64_t open_flags;
};

int acct_load(struct actx *x, int64_t id, struct acct *out, struct werr *e);
/* Refuses when another moderator holds a live claim, unless forced by an
 * admin. */
int acct_check_claim(struct actx *x, const struct acct *a, struct werr *e);
/* Recomputes trust and priority. */
int acct_touch(struct actx *x, int64_t id, struct werr *e);

/* Truthy parameter values: 1, yes, true, on. */
bool param_true(const char *v);

/* Handlers (act_account.c, act_content.c, act_admin.c, act_escalation.c). */
int act_claim(struct actx *, struct werr *);
int act_release(struct actx *, struct werr *);
int act_warn(struct actx *, struct werr *);
int act_suspend(struct actx *, struct werr *);
int act_ban(struct actx *, struct werr *);
int act_restore(struct actx *, struct werr *);
int act_trust(struct actx *, struct werr *);
int act_note(struct actx *, struct werr *);
int act_tag(struct actx *, struct werr *);
int act_untag(struct actx *, struct werr *);
int act_reveal(struct actx *, struct werr *);
int act_mute(struct actx *, struct werr *);
int act_unmute(struct actx *, struct werr *);
int act_resolve(struct actx *, struct werr *);
int act_hide(struct actx *, struct werr *);
int act_unhide(struct actx *, struct werr *);
int act_decide(struct actx *, struct werr *);
int act_moderator_add(struct actx *, struct werr *);
int act_moderator_role(struct actx *, struct werr *);
int act_moderator_disable(struct actx *, struct werr *);
int act_moderator_enable(struct actx *, struct werr *);
int act_token_create(struct actx *, struct werr *);
int act_token_revoke(struct actx *, struct werr *);
int act_template_add(struct actx *, struct werr *);
int act_template_remove(struct actx *, struct werr *);
int act_escalate(struct actx *, struct werr *);
int act_ack(struct actx *, struct werr *);
int act_assign(struct actx *, struct werr *);
int act_sweep(struct actx *, struct werr *);
int act_scan(struct actx *, struct werr *);

/* The escalation ladder (act_escalation.c): the highest level, and moving
 * an escalation to a level (channel, next due time, the event when it
 * reaches the moderators). */
int ladder_top(struct sq *s, struct werr *e);
int escalation_climb(struct sq *s, int64_t id, int level, int64_t now,
    char *channel, size_t size, struct werr *e);

/* An audited step taken inside another action (sweep lifting a
 * suspension): its own audit entry, no key. */
int act_step_audit(struct actx *x, const char *action, const char *target,
    int64_t account, const char *reason, const char *params,
    const char *result, struct werr *e);

/* events.c: an event for the webhooks (flag.resolved, account.suspended,
 * account.banned, escalation.moderator), kept in the outbox in the same
 * transaction so that none is lost. */
int event_emit(struct sq *s, const char *event, const char *text,
    const char *json_body, struct werr *e);

#endif
