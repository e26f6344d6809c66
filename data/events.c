/* data/events.c: events for the webhooks go to the outbox table, in the
 * transaction of the action that made them.  Delivering them is not the
 * store's business: api/ reads the outbox and POSTs (see warden(1),
 * WEBHOOKS). */
#include "apply.h"

int
event_emit(struct sq *s, const char *event, const char *text,
    const char *json_body, struct werr *e)
{
	int64_t now = sq_now(s);

	return sq_run(s, e, "INSERT INTO outbox(event, text, body, created, "
	    "next_at) VALUES (?,?,?,?,?)", "tttii", event, text ? text : "",
	    json_body ? json_body : "{}", now, now);
}
