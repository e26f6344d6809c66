/* data/events.c: events for the webhooks go to the outbox table, in the
 * transaction of the action that made them.  Delivering them is not the
 * store's business: api/webhook.c reads the outbox through the functions
 * below (data/outbox.h) and POSTs. */
#include "apply.h"
#include "outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A webhook gets events made this long before it was first seen. */
#define FIRST_SEEN_GRACE 3600

int
event_emit(struct sq *s, const char *event, const char *text,
    const char *json_body, struct werr *e)
{
	int64_t now = sq_now(s);

	return sq_run(s, e, "INSERT INTO outbox(event, text, body, created, "
	    "next_at) VALUES (?,?,?,?,?)", "tttii", event, text ? text : "",
	    json_body ? json_body : "{}", now, now);
}

/* ------------------------------------------------------------------ */

static struct sq *
sqlite_only(struct store *st, struct werr *e)
{
	if (st == NULL || st->ops == NULL || !str_eq(st->ops->name, "sqlite")) {
		werr_set(e, WE_UNAVAILABLE, "webhooks are delivered where the "
		    "database is (warden -d, warden serve), not through the "
		    "API");
		return NULL;
	}
	return sq_of(st);
}

bool
outbox_hook_takes(const struct outbox_hook *h, const char *event)
{
	const char *p = h->events;
	size_t n = strlen(event);

	if (p == NULL || *p == '\0')
		return true;
	while (*p) {
		size_t len;

		while (*p == ' ' || *p == ',')
			p++;
		len = strcspn(p, ", ");
		if ((len == 1 && *p == '*') || (len == n &&
		    strncmp(p, event, n) == 0))
			return true;
		p += len;
	}
	return false;
}

/* hook_takes(events, event) in SQL: the outbox query filters by the same
 * reading of a hook's list as outbox_settle() does. */
static void
sql_hook_takes(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct outbox_hook h = { NULL, NULL };
	const unsigned char *ev = sqlite3_value_text(argv[1]);

	(void)argc;
	h.events = (const char *)sqlite3_value_text(argv[0]);
	sqlite3_result_int(ctx, outbox_hook_takes(&h, ev ? (const char *)ev :
	    ""));
}

int
outbox_register(sqlite3 *db)
{
	return sqlite3_create_function(db, "hook_takes", 2, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_hook_takes, NULL, NULL);
}

/* When the hook was first seen by a delivery run (set now if never). */
static int
first_seen(struct sq *s, const char *hook, bool set, int64_t *at,
    struct werr *e)
{
	char *k = xasprintf("webhook_first:%s", hook), *v = NULL, t[32];
	int rc;

	*at = 0;
	rc = sq_text(s, e, &v, "SELECT v FROM meta WHERE k = ?", "t", k);
	if (rc > 0 && v)
		(void)str_to_i64(v, 0, INT64_MAX, at);
	if (rc == 0 && set) {
		*at = sq_now(s);
		snprintf(t, sizeof t, "%lld", (long long)*at);
		rc = sq_run(s, e, "INSERT INTO meta(k, v) VALUES (?, ?)", "tt",
		    k, t);
	} else if (rc == 0)
		*at = INT64_MAX;	/* never seen: it takes nothing yet */
	free(k);
	free(v);
	return rc < 0 ? -1 : 0;
}

void
outbox_events_free(struct outbox_event *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].event);
		free(v[i].text);
		free(v[i].body);
	}
	free(v);
}

int
outbox_take(struct store *st, const struct outbox_hook *h, size_t max,
    int64_t lease, struct outbox_event **out, size_t *n, struct werr *e)
{
	struct sq *s = sqlite_only(st, e);
	struct rows *r = NULL;
	int64_t since, now;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL || sq_begin(s, e) < 0)
		return -1;
	now = sq_now(s);
	rc = first_seen(s, h->name, true, &since, e);
	if (rc == 0)
		rc = sq_rows(s, e, &r, "SELECT o.id, o.event, o.text, o.body, "
		    "o.created, coalesce(d.attempts, 0) AS attempts FROM outbox o "
		    "LEFT JOIN delivery d ON d.outbox_id = o.id AND "
		    "d.webhook = ?1 WHERE o.delivered_at IS NULL AND "
		    "o.created >= ?2 AND d.delivered_at IS NULL AND "
		    "coalesce(d.next_at, o.next_at) <= ?3 AND "
		    "hook_takes(?4, o.event) ORDER BY o.id LIMIT ?5", "tiiti",
		    h->name, since - FIRST_SEEN_GRACE, now, h->events,
		    (int64_t)max);
	if (rc == 0 && r->nrows > 0)
		*out = xcalloc(r->nrows, sizeof **out);
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		struct outbox_event *ev = &(*out)[i];

		ev->id = rows_int(r, i, "id", 0);
		ev->event = xstrdup(rows_text(r, i, "event"));
		ev->text = xstrdup(rows_text(r, i, "text"));
		ev->body = xstrdup(rows_text(r, i, "body"));
		ev->created = rows_int(r, i, "created", 0);
		ev->attempts = rows_int(r, i, "attempts", 0);
		*n = i + 1;
		rc = sq_run(s, e, "INSERT INTO delivery(outbox_id, webhook, "
		    "next_at) VALUES (?, ?, ?) ON CONFLICT(outbox_id, webhook) "
		    "DO UPDATE SET next_at = excluded.next_at", "iti", ev->id,
		    h->name, now + lease);
	}
	rows_free(r);
	if (rc == 0 && sq_commit(s, e) == 0)
		return 0;
	sq_rollback(s);
	outbox_events_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

int
outbox_delivered(struct store *st, const char *hook, int64_t id,
    struct werr *e)
{
	struct sq *s = sqlite_only(st, e);

	if (s == NULL)
		return -1;
	return sq_run(s, e, "UPDATE delivery SET attempts = attempts + 1, "
	    "delivered_at = ?, last_error = NULL WHERE outbox_id = ? AND "
	    "webhook = ?", "iit", sq_now(s), id, hook);
}

int
outbox_failed(struct store *st, const char *hook, int64_t id,
    const char *error, int64_t *next_at, struct werr *e)
{
	struct sq *s = sqlite_only(st, e);
	int64_t attempts = 0, wait, give_up;
	char *msg;
	int rc;

	if (s == NULL)
		return -1;
	if (sq_int(s, e, &attempts, "SELECT attempts FROM delivery WHERE "
	    "outbox_id = ? AND webhook = ?", "it", id, hook) < 0)
		return -1;
	attempts++;
	wait = (int64_t)sq_rule(s, "webhook_retry_seconds");
	if (wait < 1)
		wait = 1;
	for (int64_t k = 1; k < attempts && wait <
	    (int64_t)sq_rule(s, "webhook_retry_max_seconds"); k++)
		wait *= 2;
	if (wait > (int64_t)sq_rule(s, "webhook_retry_max_seconds"))
		wait = (int64_t)sq_rule(s, "webhook_retry_max_seconds");
	give_up = (int64_t)sq_rule(s, "webhook_give_up_attempts");
	*next_at = sq_now(s) + wait;
	if (give_up > 0 && attempts >= give_up) {
		*next_at = INT64_MAX;
		msg = xasprintf("gave up after %lld attempts: %s",
		    (long long)attempts, error);
	} else
		msg = xstrdup(error);
	rc = sq_run(s, e, "UPDATE delivery SET attempts = ?, next_at = ?, "
	    "last_error = ? WHERE outbox_id = ? AND webhook = ?", "iitit",
	    attempts, *next_at, msg, id, hook);
	free(msg);
	return rc;
}

int64_t
outbox_settle(struct store *st, const struct outbox_hook *hooks, size_t n,
    struct werr *e)
{
	struct sq *s = sqlite_only(st, e);
	int64_t *since, last = 0, pending = 0, now;
	size_t i, j;
	int rc = 0;

	if (s == NULL || sq_begin(s, e) < 0)
		return -1;
	now = sq_now(s);
	since = xcalloc(n + 1, sizeof *since);
	for (i = 0; i < n && rc == 0; i++) {
		rc = first_seen(s, hooks[i].name, false, &since[i], e);
		if (since[i] != INT64_MAX)
			since[i] -= FIRST_SEEN_GRACE;
	}
	while (rc == 0) {
		struct rows *r = NULL;
		size_t nrows;

		rc = sq_rows(s, e, &r, "SELECT id, event, created FROM outbox "
		    "WHERE delivered_at IS NULL AND id > ? ORDER BY id LIMIT 500",
		    "i", last);
		if (rc < 0)
			break;
		for (j = 0; rc == 0 && j < r->nrows; j++) {
			int64_t id = rows_int(r, j, "id", 0);
			const char *ev = rows_text(r, j, "event");
			int64_t created = rows_int(r, j, "created", 0);
			int64_t wanted = 0, got = 0, d;
			bool waiting = false;

			last = id;
			for (i = 0; rc == 0 && i < n; i++) {
				if (!outbox_hook_takes(&hooks[i], ev ? ev : ""))
					continue;
				if (since[i] == INT64_MAX) {
					waiting = true;	/* not run yet */
					continue;
				}
				if (created < since[i])
					continue;
				wanted++;
				rc = sq_int(s, e, &d, "SELECT count(*) FROM "
				    "delivery WHERE outbox_id = ? AND webhook = ? "
				    "AND delivered_at IS NOT NULL", "it", id,
				    hooks[i].name) < 0 ? -1 : 0;
				got += d;
			}
			if (rc < 0)
				break;
			/* the sums for the outbox query */
			rc = sq_run(s, e, "UPDATE outbox SET attempts = (SELECT "
			    "coalesce(max(attempts), 0) FROM delivery WHERE "
			    "outbox_id = ?1), last_error = (SELECT last_error "
			    "FROM delivery WHERE outbox_id = ?1 AND delivered_at "
			    "IS NULL AND last_error IS NOT NULL ORDER BY next_at "
			    "LIMIT 1), next_at = coalesce((SELECT min(next_at) "
			    "FROM delivery WHERE outbox_id = ?1 AND delivered_at "
			    "IS NULL), next_at) WHERE id = ?1", "i", id);
			if (rc == 0 && !waiting && got == wanted)
				rc = sq_run(s, e, "UPDATE outbox SET "
				    "delivered_at = ?, last_error = ? WHERE id = ?",
				    "iti", now, wanted ? NULL :
				    "no configured webhook takes it", id);
			else if (rc == 0)
				pending++;
		}
		nrows = r->nrows;
		rows_free(r);
		if (nrows < 500)
			break;
	}
	free(since);
	if (rc == 0 && sq_commit(s, e) == 0)
		return pending;
	sq_rollback(s);
	return -1;
}
