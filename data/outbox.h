/* data/outbox.h: the webhook outbox of the SQLite store, for the one who
 * delivers it (api/webhook.c).  Events are written by actions, in their
 * transaction (event_emit, data/apply.h), so none is lost when a
 * receiver is down; delivering them happens later, outside any action,
 * so that no action waits on a network.
 *
 * Each event's delivery to each webhook is tracked apart (the delivery
 * table): attempts, the next try, when it arrived, the last error.  The
 * outbox row sums them up for the `outbox` query.  A webhook gets the
 * events made from an hour before it was first seen by a delivery run
 * (meta webhook_first:NAME) on: a webhook added to the configuration
 * later is not flooded with the past.
 *
 * These work on the SQLite store only (WE_UNAVAILABLE on another):
 * webhooks are delivered where the database is. */
#ifndef WARDEN_OUTBOX_H
#define WARDEN_OUTBOX_H

#include "store.h"

struct outbox_event {
	int64_t id;
	char *event;		/* "flag.resolved", ... */
	char *text;		/* one line for people */
	char *body;		/* the structured event, JSON */
	int64_t created;
	int64_t attempts;	/* to this webhook so far */
};

/* A webhook as the outbox sees it: its name and which events it takes
 * ("flag.resolved,account.banned"; "*" or NULL: all). */
struct outbox_hook {
	const char *name;
	const char *events;
};

/* Is event one of the events a hook takes? */
bool outbox_hook_takes(const struct outbox_hook *h, const char *event);

/* Takes up to max events due for the hook, oldest first, and leases them
 * for lease seconds (another process delivering at the same time leaves
 * them alone; after a crash they are due again when the lease ends). */
int outbox_take(struct store *s, const struct outbox_hook *h, size_t max,
    int64_t lease, struct outbox_event **out, size_t *n, struct werr *e);
void outbox_events_free(struct outbox_event *v, size_t n);

/* The event arrived. */
int outbox_delivered(struct store *s, const char *hook, int64_t id,
    struct werr *e);
/* It did not: retried after webhook_retry_seconds, doubling per attempt
 * up to webhook_retry_max_seconds; after webhook_give_up_attempts (if
 * not 0) it is not tried again.  *next_at says when it will be. */
int outbox_failed(struct store *s, const char *hook, int64_t id,
    const char *error, int64_t *next_at, struct werr *e);

/* Sums up pending events for these hooks (the configured ones): an event
 * is settled (outbox.delivered_at) when every hook that takes it got it,
 * or no hook takes it, or it is older than the hooks that do.  Returns
 * the number still pending. */
int64_t outbox_settle(struct store *s, const struct outbox_hook *hooks,
    size_t n, struct werr *e);

#endif
