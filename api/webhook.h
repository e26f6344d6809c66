/* api/webhook.h: delivering the outbox (data/outbox.h) to webhooks: a
 * libcurl POST per event and webhook, of a Slack-compatible JSON body
 *
 *   {"text": "flag 12 on @sam (phishing) upheld",
 *    "event": "flag.resolved", "id": 41, "created": "2026-11-18T09:46:40Z",
 *    "data": { ...the structured event... }}
 *
 * with, when the webhook has a secret, the header
 * X-Warden-Signature: sha256=HEX (HMAC-SHA256 of the body).  A 2xx answer
 * is delivered; anything else is retried later with backoff, recorded in
 * the outbox.  Events: escalation.moderator, flag.resolved,
 * account.suspended, account.banned.
 *
 * Who delivers: nothing here runs inside an action.  main.c delivers
 * after the commands of `warden -c` and `--batch` ran, so cron's
 * `warden -q -c sweep` delivers every five minutes whatever else made
 * the events (the console, `warden serve`: tui/ may not call api/, and
 * the server leaves it to the host's cron).  Always where the database
 * is.  A run has a time budget, so a receiver that is down or slow delays
 * nothing but itself. */
#ifndef WARDEN_WEBHOOK_H
#define WARDEN_WEBHOOK_H

#include "../data/store.h"

/* One [webhook NAME] section of the configuration. */
struct webhook {
	char *name;
	char *url;	/* http:// or https:// */
	char *events;	/* "flag.resolved, account.banned"; NULL or "*": all */
	char *secret;	/* signs the body, or NULL */
};

struct webhooks {
	struct webhook *v;
	size_t n;
};

/* Takes one key of a [webhook NAME] section: url, events, secret.  An
 * unknown key or event name is WE_USAGE naming it. */
int webhook_set(struct webhooks *w, const char *name, const char *key,
    const char *value, struct werr *e);
/* Each has a usable url: WE_USAGE naming the webhook otherwise. */
int webhooks_check(const struct webhooks *w, struct werr *e);
void webhooks_free(struct webhooks *w);

struct webhook_options {
	long connect_timeout_ms;	/* 0: 3000 */
	long timeout_ms;		/* per POST; 0: 5000 */
	long budget_ms;			/* no new POST after this; 0: 10000 */
	size_t max_events;		/* per webhook and run; 0: 100 */
	const char *ca_file;		/* extra CA bundle, or NULL */
};

struct webhook_report {
	int64_t delivered, failed, pending;
	char last_error[200];		/* "slack: HTTP 500", or "" */
};

/* Delivers what is due to each webhook.  Errors of a receiver are not
 * errors of the run (they are recorded and retried); -1 only when the
 * store cannot be read or written. */
int webhook_deliver(struct store *s, const struct webhooks *w,
    const struct webhook_options *o, struct webhook_report *rep,
    struct werr *e);

#endif
