/* tests/unit/test_webhook.c: webhook delivery against a real HTTP
 * receiver on 127.0.0.1 that the test starts and stops: while it is down
 * the outbox keeps the event and records the failure; once it is up the
 * event arrives, once.  Retries back off on the fixture's clock. */
#include "fixture.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "../../api/webhook.h"
#include "../../data/outbox.h"

/* ------------------------------------------------------------------ */
/* The receiver: one thread, one connection at a time. */

struct receiver {
	int fd, port, status;
	pthread_t thread;
	pthread_mutex_t lock;
	bool stop;
	size_t n;
	char *bodies[16];
	char *signatures[16];
};

static char *
header(const char *req, const char *name)
{
	const char *p = req;
	size_t n = strlen(name);

	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1, *end = strstr(v, "\r\n");

			while (*v == ' ')
				v++;
			return strndup(v, end ? (size_t)(end - v) : strlen(v));
		}
	}
	return NULL;
}

static void
serve_one(struct receiver *r, int c)
{
	char buf[65536], reply[128];
	size_t len = 0;
	char *end = NULL, *cl;
	long want = 0;

	while (len < sizeof buf - 1) {
		ssize_t k = read(c, buf + len, sizeof buf - 1 - len);

		if (k <= 0)
			break;
		len += (size_t)k;
		buf[len] = '\0';
		if (end == NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			cl = header(buf, "Content-Length");
			want = cl ? atol(cl) : 0;
			free(cl);
		}
		if (end && (long)(len - (size_t)(end + 4 - buf)) >= want)
			break;
	}
	buf[len] = '\0';
	if (end) {
		pthread_mutex_lock(&r->lock);
		if (r->n < 16) {
			r->bodies[r->n] = strndup(end + 4, (size_t)want);
			r->signatures[r->n] = header(buf, "X-Warden-Signature");
			r->n++;
		}
		pthread_mutex_unlock(&r->lock);
	}
	snprintf(reply, sizeof reply, "HTTP/1.1 %d X\r\nContent-Length: 4\r\n"
	    "Connection: close\r\n\r\nnope", r->status);
	if (write(c, reply, strlen(reply)) < 0)
		perror("receiver write");
	close(c);
}

static void *
receiver_main(void *ctx)
{
	struct receiver *r = ctx;

	for (;;) {
		struct pollfd p = { r->fd, POLLIN, 0 };
		bool stop;
		int c;

		pthread_mutex_lock(&r->lock);
		stop = r->stop;
		pthread_mutex_unlock(&r->lock);
		if (stop)
			break;
		if (poll(&p, 1, 50) <= 0)
			continue;
		if ((c = accept(r->fd, NULL, NULL)) >= 0)
			serve_one(r, c);
	}
	return NULL;
}

/* A free port: bound, then let go (the receiver is "down"). */
static int
free_port(void)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static void
receiver_start(struct receiver *r, int port, int status)
{
	struct sockaddr_in a = { 0 };
	int one = 1;

	memset(r, 0, sizeof *r);
	r->port = port;
	r->status = status;
	pthread_mutex_init(&r->lock, NULL);
	r->fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(r->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(r->fd, (struct sockaddr *)&a, sizeof a) < 0)
		fail_msg("bind %d: %s", port, strerror(errno));
	assert_int_equal(listen(r->fd, 8), 0);
	assert_int_equal(pthread_create(&r->thread, NULL, receiver_main, r), 0);
}

static void
receiver_stop(struct receiver *r)
{
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	close(r->fd);
	pthread_mutex_destroy(&r->lock);
}

static void
receiver_free(struct receiver *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->bodies[i]);
		free(r->signatures[i]);
	}
}

/* ------------------------------------------------------------------ */

static int
setup(void **state)
{
	struct fixture *f = fx_open();

	fx_account(f, "sam", 100, true, 12, 1);
	fx_account(f, "rita", 5, false, 0, 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx_close(*state);
	return 0;
}

static void
hook(struct webhooks *w, const char *name, int port, const char *events,
    const char *secret)
{
	struct werr e;
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d/hook", port);
	assert_int_equal(webhook_set(w, name, "url", url, &e), 0);
	if (events)
		assert_int_equal(webhook_set(w, name, "events", events, &e), 0);
	if (secret)
		assert_int_equal(webhook_set(w, name, "secret", secret, &e), 0);
}

static void
deliver(struct fixture *f, const struct webhooks *w,
    struct webhook_report *rep)
{
	struct webhook_options o = { 0 };

	/* Generous: a receiver that is down refuses at once, one that is
	 * up answers at once, and only a busy machine makes either slow. */
	o.connect_timeout_ms = 10000;
	o.timeout_ms = 20000;
	o.budget_ms = 60000;
	if (webhook_deliver(f->st, w, &o, rep, &f->err) < 0)
		fail_msg("deliver: %s", f->err.msg);
}

static void
suspend(struct fixture *f, int64_t id)
{
	if (fx_act(f, "carol", A_SUSPEND, id, "scam", "for", "1d", NULL) < 0)
		fail_msg("suspend: %s", f->err.msg);
}

static void
test_down_then_up_delivers_once(void **state)
{
	struct fixture *f = *state;
	struct webhooks w = { 0 };
	struct webhook_report rep;
	struct receiver r;
	int port = free_port();
	struct rows *rows;
	char *s;

	hook(&w, "ops", port, NULL, "s3cret");
	suspend(f, 1);
	/* the receiver is down: the event stays, the failure is recorded */
	deliver(f, &w, &rep);
	assert_int_equal(rep.delivered, 0);
	assert_int_equal(rep.failed, 1);
	assert_int_equal(rep.pending, 1);
	assert_non_null(strstr(rep.last_error, "ops: "));
	assert_int_equal(fx_int(f, "SELECT attempts FROM outbox"), 1);
	assert_int_equal(fx_int(f, "SELECT next_at FROM outbox"), f->now + 30);
	assert_int_equal(fx_int(f, "SELECT delivered_at IS NULL FROM outbox"),
	    1);
	s = fx_text(f, "SELECT last_error FROM outbox");
	assert_non_null(s);
	free(s);
	/* not due again yet: nothing is tried */
	deliver(f, &w, &rep);
	assert_int_equal(rep.failed + rep.delivered, 0);
	/* still down after the wait: the wait doubles */
	f->now += 30;
	deliver(f, &w, &rep);
	assert_int_equal(rep.failed, 1);
	assert_int_equal(fx_int(f, "SELECT next_at FROM delivery"),
	    f->now + 60);

	/* up: delivered, once */
	receiver_start(&r, port, 200);
	f->now += 60;
	deliver(f, &w, &rep);
	assert_int_equal(rep.delivered, 1);
	assert_int_equal(rep.pending, 0);
	deliver(f, &w, &rep);
	f->now += 3600;
	deliver(f, &w, &rep);
	assert_int_equal(rep.delivered, 0);
	receiver_stop(&r);
	assert_int_equal(r.n, 1);
	assert_int_equal(fx_int(f, "SELECT delivered_at FROM outbox"),
	    FX_NOW + 90);
	assert_int_equal(fx_int(f, "SELECT attempts FROM outbox"), 3);
	rows = fx_query(f, "outbox", "status", "pending", NULL);
	assert_int_equal(rows->nrows, 0);
	rows_free(rows);

	/* Slack-compatible: a text, and the structured event */
	{
		json_error_t err;
		json_t *j = json_loads(r.bodies[0], 0, &err), *data;
		unsigned char mac[64];
		unsigned int len = 0, i;
		char want[80] = "sha256=";

		if (j == NULL)
			fail_msg("not JSON: %s", r.bodies[0]);
		assert_non_null(strstr(json_string_value(json_object_get(j,
		    "text")), "suspended @sam"));
		assert_string_equal(json_string_value(json_object_get(j,
		    "event")), "account.suspended");
		data = json_object_get(j, "data");
		assert_string_equal(json_string_value(json_object_get(data,
		    "handle")), "sam");
		assert_string_equal(json_string_value(json_object_get(data,
		    "moderator")), "carol");
		json_decref(j);
		/* signed with the webhook's secret */
		HMAC(EVP_sha256(), "s3cret", 6, (unsigned char *)r.bodies[0],
		    strlen(r.bodies[0]), mac, &len);
		for (i = 0; i < len; i++)
			snprintf(want + 7 + 2 * i, 3, "%02x", mac[i]);
		assert_string_equal(r.signatures[0], want);
	}
	receiver_free(&r);
	webhooks_free(&w);
}

static void
test_errors_recorded_and_filters(void **state)
{
	struct fixture *f = *state;
	struct webhooks w = { 0 };
	struct webhook_report rep;
	struct receiver bad, good;
	int p1 = free_port(), p2;
	char *s;

	receiver_start(&bad, p1, 500);
	p2 = free_port();
	receiver_start(&good, p2, 204);
	hook(&w, "broken", p1, "*", NULL);
	hook(&w, "bans", p2, "account.banned", NULL);
	suspend(f, 1);
	deliver(f, &w, &rep);
	/* the suspension is not for "bans"; "broken" answers 500 */
	assert_int_equal(rep.failed, 1);
	assert_int_equal(rep.delivered, 0);
	assert_int_equal(rep.pending, 1);
	s = fx_text(f, "SELECT last_error FROM outbox");
	assert_string_equal(s, "HTTP 500: nope");
	free(s);
	assert_int_equal(fx_act(f, "alice", A_BAN, 2, "fraud ring", NULL), 0);
	f->now += 30;
	deliver(f, &w, &rep);
	/* the ban to both (one fails), the suspension again to broken */
	assert_int_equal(rep.delivered, 1);
	assert_int_equal(rep.failed, 2);
	assert_int_equal(rep.pending, 2);
	receiver_stop(&bad);
	receiver_stop(&good);
	assert_int_equal(good.n, 1);
	assert_non_null(strstr(good.bodies[0], "\"account.banned\""));
	assert_int_equal(bad.n, 2);
	receiver_free(&bad);
	receiver_free(&good);
	/* without "broken", nothing stays pending: what "bans" does not take
	 * is settled */
	webhooks_free(&w);
	hook(&w, "bans", p2, "account.banned", NULL);
	deliver(f, &w, &rep);
	assert_int_equal(rep.pending, 0);
	s = fx_text(f, "SELECT last_error FROM outbox WHERE event = "
	    "'account.suspended'");
	assert_string_equal(s, "no configured webhook takes it");
	free(s);
	webhooks_free(&w);
}

static void
test_new_webhook_skips_the_past(void **state)
{
	struct fixture *f = *state;
	struct webhooks w = { 0 };
	struct webhook_report rep;
	struct receiver r;
	int port = free_port();

	suspend(f, 1);
	f->now += 2 * 3600;	/* made before the webhook existed */
	receiver_start(&r, port, 200);
	hook(&w, "late", port, NULL, NULL);
	deliver(f, &w, &rep);
	assert_int_equal(rep.delivered, 0);
	assert_int_equal(rep.pending, 0);
	assert_int_equal(fx_act(f, "alice", A_BAN, 2, "fraud", NULL), 0);
	deliver(f, &w, &rep);
	assert_int_equal(rep.delivered, 1);
	receiver_stop(&r);
	assert_int_equal(r.n, 1);
	receiver_free(&r);
	webhooks_free(&w);
}

static void
test_give_up(void **state)
{
	struct fixture *f = *state;
	struct webhooks w = { 0 };
	struct webhook_report rep;
	struct werr e;
	char *s;

	/* rules are read on open */
	fx_sql(f, "UPDATE rule SET value = 2 WHERE name = "
	    "'webhook_give_up_attempts'");
	store_close(f->st);
	f->st = sqlite_store_open(f->path, STORE_OPEN_EXISTING, &e);
	assert_non_null(f->st);
	sqlite_store_set_clock(f->st, fx_clock, f);
	hook(&w, "gone", free_port(), NULL, NULL);
	suspend(f, 1);
	deliver(f, &w, &rep);
	f->now += 30;
	deliver(f, &w, &rep);
	assert_int_equal(rep.failed, 1);
	f->now += 10 * 86400;
	deliver(f, &w, &rep);
	assert_int_equal(rep.failed, 0);
	s = fx_text(f, "SELECT last_error FROM delivery");
	assert_non_null(strstr(s, "gave up after 2 attempts"));
	free(s);
	webhooks_free(&w);
}

/* The outbox reads a hook's list of events one way when it takes them
 * and when it settles them: "a, *" takes everything, spaces separate. */
static void
test_outbox_event_lists(void **state)
{
	struct fixture *f = *state;
	static const struct outbox_hook hooks[] = {
		{ "star", "flag.resolved, *" },
		{ "spaced", "flag.resolved account.suspended" },
		{ "other", "flag.resolved" },
	};
	static const size_t want[] = { 1, 1, 0 };
	struct outbox_event *ev;
	struct werr e;
	size_t i, n;

	suspend(f, 1);
	for (i = 0; i < W_NELEM(hooks); i++) {
		if (outbox_take(f->st, &hooks[i], 10, 60, &ev, &n, &e) < 0)
			fail_msg("take: %s", e.msg);
		assert_int_equal(n, want[i]);
		outbox_events_free(ev, n);
	}
	/* a damaged outbox is an error, not a crash */
	fx_sql(f, "DROP TABLE delivery; DROP TABLE outbox");
	werr_clear(&e);
	assert_int_equal(outbox_settle(f->st, hooks, W_NELEM(hooks), &e), -1);
	assert_non_null(strstr(e.msg, "outbox"));
}

static void
test_configuration(void **state)
{
	struct webhooks w = { 0 };
	struct werr e;
	static const struct store_ops http_ops = { .name = "http" };
	struct store http = { &http_ops };
	struct outbox_hook h = { "x", NULL };
	struct outbox_event *ev;
	size_t n;

	(void)state;
	assert_int_equal(webhook_set(&w, "ops", "colour", "red", &e), -1);
	assert_non_null(strstr(e.msg, "no setting 'colour'"));
	assert_int_equal(webhook_set(&w, "ops", "events", "flag.resolved, "
	    "account.deleted", &e), -1);
	assert_non_null(strstr(e.msg, "no event 'account.deleted'"));
	assert_int_equal(webhook_set(&w, "ops", "events", "flag.resolved, "
	    "escalation.moderator", &e), 0);
	assert_int_equal(webhooks_check(&w, &e), -1);
	assert_non_null(strstr(e.msg, "webhook ops has no url"));
	assert_int_equal(webhook_set(&w, "ops", "url", "ftp://x/", &e), 0);
	assert_int_equal(webhooks_check(&w, &e), -1);
	assert_int_equal(webhook_set(&w, "ops", "url", "https://x/", &e), 0);
	assert_int_equal(webhooks_check(&w, &e), 0);
	assert_int_equal(w.n, 1);
	webhooks_free(&w);
	/* delivery happens where the database is */
	assert_int_equal(outbox_take(&http, &h, 10, 60, &ev, &n, &e), -1);
	assert_int_equal(e.kind, WE_UNAVAILABLE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_down_then_up_delivers_once,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_recorded_and_filters,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_webhook_skips_the_past,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_give_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_event_lists, setup,
		    teardown),
		cmocka_unit_test(test_configuration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
