/* tests/unit/test_api_server.c: `warden serve` against clients no store
 * would be: malformed JSON, wrong types, unknown fields, a 10 MB body, a
 * slow drip, 500 connections at once, bad and revoked tokens, an action
 * the role may not do, SIGTERM in the middle of a request.  Every answer
 * is checked on the wire (raw sockets), and after each test the server
 * must stop cleanly (exit 0; under ASan, no leak). */
#include "api_harness.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../api/api.h"

struct srv {
	struct fixture *f;
	struct served sv;
	char *carol, *alice;
};

static int
start(void **state, const char *a1, const char *a2, const char *a3,
    const char *a4)
{
	struct srv *s = calloc(1, sizeof *s);

	assert_non_null(s);
	s->f = fx_open();
	fx_account(s->f, "sam", 100, true, 12, 1);
	fx_account(s->f, "rita", 5, false, 0, 0);
	fx_flag(s->f, 1, 2, "fraud", 3, 2);
	fx_recompute(s->f);
	s->carol = fx_make_token(s->f, "carol");
	s->alice = fx_make_token(s->f, "alice");
	served_start(&s->sv, s->f->path, a1, a2, a3, a4, NULL);
	*state = s;
	return 0;
}

static int
setup(void **state)
{
	return start(state, NULL, NULL, NULL, NULL);
}

/* A short deadline, for the slow drip. */
static int
setup_short(void **state)
{
	return start(state, "--timeout", "2", NULL, NULL);
}

/* A small bound per address, for the flood. */
static int
setup_narrow(void **state)
{
	return start(state, "--max-per-ip", "40", NULL, NULL);
}

static int
teardown(void **state)
{
	struct srv *s = *state;
	int status = served_stop(&s->sv);

	if (status != 0)
		fail_msg("warden serve exited %d:\n%s", status,
		    served_log(&s->sv));
	free(s->carol);
	free(s->alice);
	fx_close(s->f);
	free(s);
	return 0;
}

static int64_t
audit_count(struct srv *s)
{
	return fx_int(s->f, "SELECT count(*) FROM audit");
}

/* The answer's JSON body (after the blank line). */
static const char *
body_of(const char *answer)
{
	const char *b = answer ? strstr(answer, "\r\n\r\n") : NULL;

	return b ? b + 4 : "";
}

static void
expect_error(int status, const char *answer, int want, const char *kind,
    const char *field)
{
	char k[64], f[64];

	if (status != want)
		fail_msg("status %d, wanted %d:\n%s", status, want,
		    answer ? answer : "(nothing)");
	snprintf(k, sizeof k, "\"kind\":\"%s\"", kind);
	if (strstr(body_of(answer), k) == NULL)
		fail_msg("no %s in:\n%s", k, answer);
	if (field) {
		snprintf(f, sizeof f, "\"field\":\"%s\"", field);
		if (strstr(body_of(answer), f) == NULL)
			fail_msg("no %s in:\n%s", f, answer);
	}
	assert_non_null(strstr(answer, "Content-Type: application/json"));
}

/* The status first, then the answer it filled in. */
#define EXPECT_ERROR(call, want, kind, field) do { \
	int st_ = (call); \
	expect_error(st_, a, want, kind, field); \
} while (0)

static int
post(struct srv *s, const char *token, const char *body, char **answer)
{
	return raw_request(s->sv.port, "POST", "/v1/actions", token, body,
	    answer);
}

static void
alive(struct srv *s)
{
	char *a;

	assert_int_equal(raw_request(s->sv.port, "GET", "/v1/stats", s->carol,
	    NULL, &a), 200);
	free(a);
}

/* Answered again once the server has seen the clients go: connections
 * the test closed count against --max-per-ip until then. */
static void
alive_soon(struct srv *s)
{
	int i, status = 0;

	for (i = 0; i < 300 && status != 200; i++) {
		if (i)
			pause_ms(100);
		status = raw_request(s->sv.port, "GET", "/v1/stats", s->carol,
		    NULL, NULL);
	}
	assert_int_equal(status, 200);
}

/* ------------------------------------------------------------------ */

static void
test_malformed_json(void **state)
{
	static const char *const bodies[] = { "{", "{\"kind\":\"warn\",}",
		"nope", "[1,2", "{\"kind\":\"warn\"}{}", "\xff\xfe{}",
		"{\"kind\":\"warn\",\"kind\":\"ban\"}", NULL };
	struct srv *s = *state;
	int64_t before = audit_count(s);
	char *a;
	size_t i;

	for (i = 0; bodies[i]; i++) {
		EXPECT_ERROR(post(s, s->carol, bodies[i], &a), 400, "usage",
		    "body");
		free(a);
	}
	EXPECT_ERROR(post(s, s->carol, "", &a), 400, "usage", "body");
	free(a);
	assert_int_equal(audit_count(s), before);
	alive(s);
}

static void
test_wrong_types(void **state)
{
	static const struct { const char *body, *field; } cases[] = {
		{ "{\"kind\":\"warn\",\"target\":\"1\",\"reason\":\"x\"}",
		    "target" },
		{ "{\"kind\":5}", "kind" },
		{ "{\"target\":1}", "kind" },
		{ "{\"kind\":\"explode\",\"target\":1}", "kind" },
		{ "{\"kind\":\"warn\",\"target\":1,\"reason\":[\"x\"]}",
		    "reason" },
		{ "{\"kind\":\"suspend\",\"target\":1,\"reason\":\"x\","
		    "\"params\":{\"for\":[7]}}", "params.for" },
		{ "{\"kind\":\"warn\",\"target\":1,\"reason\":\"x\","
		    "\"params\":\"for=7d\"}", "params" },
		{ "{\"kind\":\"warn\",\"target\":1,\"reason\":\"x\","
		    "\"force\":\"yes\"}", "force" },
		{ "{\"kind\":\"warn\",\"target\":1,\"reason\":\"x\","
		    "\"key\":7}", "key" },
		{ "{\"kind\":\"moderator.add\",\"target\":7,"
		    "\"params\":{\"role\":\"admin\"}}", "target" },
		{ "{\"actions\":{}}", "actions" },
		{ "{\"actions\":[]}", "actions" },
		{ "{\"actions\":[{\"kind\":\"note\",\"target\":1,\"params\":"
		    "{\"text\":\"ok\"}},7]}", "action" },
		{ "[]", "action" },
		{ "\"warn\"", "action" },
	};
	struct srv *s = *state;
	int64_t before = audit_count(s);
	char *a;
	size_t i;

	for (i = 0; i < W_NELEM(cases); i++) {
		EXPECT_ERROR(post(s, s->carol, cases[i].body, &a), 422,
		    "invalid", cases[i].field);
		free(a);
	}
	/* the index names the action of a batch at fault */
	post(s, s->carol, cases[12].body, &a);
	assert_non_null(strstr(a, "\"index\":1"));
	free(a);
	assert_int_equal(audit_count(s), before);
}

static void
test_unknown_fields(void **state)
{
	struct srv *s = *state;
	int64_t before = audit_count(s);
	char *a;

	/* above all, no actor from the body: the token says who acts */
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"ban\",\"target\":1,"
	    "\"reason\":\"x\",\"actor\":\"alice\"}", &a), 422, "invalid",
	    "actor");
	free(a);
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"warn\",\"target\":1,"
	    "\"reason\":\"x\",\"colour\":\"red\"}", &a), 422, "invalid",
	    "colour");
	free(a);
	EXPECT_ERROR(post(s, s->carol, "{\"actions\":[],\"atomic\":true}", &a), 422, "invalid", "atomic");
	free(a);
	/* an unknown parameter of a known action is the store's refusal */
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"warn\",\"target\":1,"
	    "\"reason\":\"x\",\"params\":{\"colour\":\"red\"}}", &a), 400,
	    "usage", "colour");
	free(a);
	assert_int_equal(audit_count(s), before);
}

static void
test_actor_from_token(void **state)
{
	struct srv *s = *state;
	char *a, *actor;

	assert_int_equal(post(s, s->carol, "{\"kind\":\"note\",\"target\":1,"
	    "\"params\":{\"text\":\"seen\"}}", &a), 200);
	assert_non_null(strstr(body_of(a), "\"audit_id\":"));
	free(a);
	actor = fx_text(s->f, "SELECT actor FROM audit ORDER BY id DESC "
	    "LIMIT 1");
	assert_string_equal(actor, "carol");
	free(actor);
}

static void
test_big_body(void **state)
{
	struct srv *s = *state;
	size_t size = 10 * 1024 * 1024;
	struct buf req = BUF_INIT;
	int64_t before = audit_count(s);
	char *a, *big = malloc(size);

	assert_non_null(big);
	memset(big, 'a', size);
	memcpy(big, "{\"kind\":\"note\",\"target\":1,\"params\":{\"text\":\"",
	    45);
	memcpy(big + size - 3, "\"}}", 3);
	buf_printf(&req, "POST /v1/actions HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer %s\r\nContent-Length: %zu\r\n\r\n",
	    s->carol, size);
	buf_add(&req, big, size);
	/* refused from its declared size, before the body is read */
	EXPECT_ERROR(raw_http(s->sv.port, req.s, req.len, 30000, &a), 413,
	    "usage", "body");
	free(a);
	buf_free(&req);
	/* chunked, so the size is not declared: cut off when it passes */
	buf_printf(&req, "POST /v1/actions HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n",
	    s->carol);
	buf_printf(&req, "%zx\r\n", size);
	buf_add(&req, big, size);
	buf_adds(&req, "\r\n0\r\n\r\n");
	assert_true(raw_http(s->sv.port, req.s, req.len, 30000, &a) <= 0);
	free(a);
	buf_free(&req);
	free(big);
	assert_int_equal(audit_count(s), before);
	alive(s);
}

static void
test_big_headers(void **state)
{
	struct srv *s = *state;
	struct buf req = BUF_INIT;
	char *a;
	int status, i;

	buf_adds(&req, "GET /v1/stats HTTP/1.1\r\nHost: x\r\n");
	for (i = 0; i < 2000; i++)
		buf_printf(&req, "X-Pad-%d: %064d\r\n", i, i);
	buf_adds(&req, "\r\n");
	status = raw_http(s->sv.port, req.s, req.len, 30000, &a);
	/* refused by the HTTP layer (431 or 413), or cut */
	assert_true(status == 431 || status == 413 || status <= 0);
	free(a);
	buf_free(&req);
	alive(s);
}

static void
test_slow_drip(void **state)
{
	struct srv *s = *state;
	static const char head[] = "GET /v1/stats HTTP/1.1\r\nHost: x\r\n"
	    "X-Slow: ";
	struct timespec t0, t;
	size_t i;
	long ms = 0;
	int fd = raw_connect(s->sv.port);
	bool cut = false;
	char *log;

	assert_true(fd >= 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* One byte every 150 ms of a header that never ends: never idle
	 * for long (the idle timeout is 2 s), never done.  The deadline of
	 * a request (2 + 1 s) cuts it; a minute is only the bound of a
	 * failing test, however slow the machine. */
	for (i = 0; !cut && ms < 60000; i++) {
		struct pollfd p = { fd, POLLIN, 0 };
		char c = i < sizeof head - 1 ? head[i] : 'a';

		if (send(fd, &c, 1, MSG_NOSIGNAL) != 1)
			cut = true;
		else if (poll(&p, 1, 150) > 0 && read(fd, &c, 1) <= 0)
			cut = true;
		/* others are served meanwhile */
		if (i == 3)
			alive(s);
		clock_gettime(CLOCK_MONOTONIC, &t);
		ms = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) /
		    1000000;
	}
	close(fd);
	assert_true(cut);
	/* by the deadline, not by the idle timeout */
	log = served_log_with(&s->sv, "cut off");
	assert_non_null(strstr(log, "cut off: no complete request and "
	    "answer within 2s"));
	free(log);
	alive(s);
}

#define FLOOD 500
#define HELD 100

/* Has the server closed fd (EOF within wait_ms)? */
static bool
closed_by_server(int fd, int wait_ms)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char c;

	return poll(&p, 1, wait_ms) > 0 && read(fd, &c, 1) <= 0;
}

static void
test_many_connections(void **state)
{
	struct srv *s = *state;
	static int fds[FLOOD];
	int i, j, open_ok = 0, answered = 0, refused = 0, kept = 0;
	char req[300];

	snprintf(req, sizeof req, "GET /v1/stats HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer %s\r\nConnection: close\r\n\r\n", s->carol);
	/* 500 connections at once, each with a request: every one is
	 * answered or turned away, none waits for ever, nothing breaks */
	for (i = 0; i < FLOOD; i++) {
		fds[i] = raw_connect(s->sv.port);
		if (fds[i] >= 0) {
			open_ok++;
			send(fds[i], req, strlen(req), MSG_NOSIGNAL);
		}
	}
	for (i = 0; i < FLOOD; i++) {
		char buf[64];
		struct pollfd p = { fds[i], POLLIN, 0 };
		ssize_t n = 0;

		if (fds[i] < 0)
			continue;
		if (poll(&p, 1, 5000) > 0)
			n = read(fds[i], buf, sizeof buf - 1);
		if (n > 12 && strncmp(buf, "HTTP/1.1 200", 12) == 0)
			answered++;
		else
			refused++;
		close(fds[i]);
	}
	assert_true(answered >= 1);
	assert_int_equal(answered + refused, open_ok);
	alive_soon(s);
	/* connections held open: no more than 40 from one address are kept,
	 * the others are closed at once, and so is one more */
	for (i = 0; i < HELD; i++)
		fds[i] = raw_connect(s->sv.port);
	/* until the server has taken them all from its backlog (well
	 * within its idle timeout of 30 s, which would close them all) */
	for (j = 0; j < 200; j++) {
		pause_ms(100);
		for (i = 0; i < HELD; i++)
			if (fds[i] >= 0 && closed_by_server(fds[i], 0)) {
				close(fds[i]);
				fds[i] = -1;
			}
		for (kept = 0, i = 0; i < HELD; i++)
			kept += fds[i] >= 0;
		if (kept <= 40)
			break;
	}
	assert_true(kept <= 40);
	assert_true(kept >= 1);
	assert_true(raw_request(s->sv.port, "GET", "/v1/stats", s->carol, NULL,
	    NULL) <= 0);
	for (i = 0; i < HELD; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	alive_soon(s);
}

static void
test_tokens(void **state)
{
	struct srv *s = *state;
	struct buf req = BUF_INIT;
	char *a;

	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/queue", NULL, NULL,
	    &a), 401, "unauthorized", "Authorization");
	assert_non_null(strstr(a, "WWW-Authenticate: Bearer"));
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/queue", "wdn_nope",
	    NULL, &a), 401, "unauthorized", NULL);
	assert_non_null(strstr(a, "invalid_token"));
	free(a);
	buf_printf(&req, "GET /v1/queue HTTP/1.1\r\nHost: x\r\nAuthorization: "
	    "Basic YWxpY2U6cHc=\r\nConnection: close\r\n\r\n");
	EXPECT_ERROR(raw_http(s->sv.port, req.s, req.len, 30000, &a), 401,
	    "unauthorized", NULL);
	free(a);
	buf_free(&req);
	/* revoked: the token stops working at once */
	assert_int_equal(raw_request(s->sv.port, "GET", "/v1/queue", s->carol,
	    NULL, &a), 200);
	free(a);
	assert_int_equal(post(s, s->carol, "{\"kind\":\"token.revoke\","
	    "\"target\":1}", &a), 200);
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/queue", s->carol,
	    NULL, &a), 401, "unauthorized", NULL);
	free(a);
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"note\",\"target\":1,"
	    "\"params\":{\"text\":\"x\"}}", &a), 401, "unauthorized", NULL);
	free(a);
}

static void
test_throttle(void **state)
{
	struct srv *s = *state;
	char *a;
	int i, status = 0;

	for (i = 0; i < 25 && status != 429; i++) {
		status = raw_request(s->sv.port, "GET", "/v1/queue", "wdn_guess",
		    NULL, &a);
		if (status == 429) {
			expect_error(status, a, 429, "temporary",
			    "Authorization");
			assert_non_null(strstr(a, "Retry-After: "));
		}
		free(a);
	}
	assert_int_equal(status, 429);
	assert_true(i > 15);
	/* a good token from that address waits too: no oracle */
	assert_int_equal(raw_request(s->sv.port, "GET", "/v1/queue", s->carol,
	    NULL, &a), 429);
	free(a);
}

static void
test_role_refused(void **state)
{
	struct srv *s = *state;
	int64_t before = audit_count(s);
	char *a;

	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"ban\",\"target\":1,"
	    "\"reason\":\"scam\"}", &a), 403, "forbidden", "actor");
	assert_non_null(strstr(a, "admin"));
	free(a);
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"reveal\",\"target\":1,"
	    "\"reason\":\"x\",\"params\":{\"field\":\"email\"}}", &a), 403,
	    "forbidden", "actor");
	free(a);
	assert_int_equal(audit_count(s), before);
	/* and the conflicts: claimed elsewhere, state changed, key reused */
	assert_int_equal(post(s, s->carol, "{\"kind\":\"claim\",\"target\":1}",
	    &a), 200);
	free(a);
	EXPECT_ERROR(post(s, s->alice, "{\"kind\":\"warn\",\"target\":1,"
	    "\"reason\":\"x\"}", &a), 409, "conflict", "target");
	free(a);
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"restore\",\"target\":1,"
	    "\"reason\":\"x\"}", &a), 409, "conflict", "target");
	free(a);
	assert_int_equal(post(s, s->carol, "{\"kind\":\"note\",\"target\":1,"
	    "\"key\":\"n-1\",\"params\":{\"text\":\"a\"}}", &a), 200);
	free(a);
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"note\",\"target\":1,"
	    "\"key\":\"n-1\",\"params\":{\"text\":\"b\"}}", &a), 409,
	    "conflict", "key");
	free(a);
	EXPECT_ERROR(post(s, s->carol, "{\"kind\":\"warn\",\"target\":99,"
	    "\"reason\":\"x\"}", &a), 404, "not_found", "target");
	free(a);
}

static void
test_idempotency_header(void **state)
{
	struct srv *s = *state;
	struct buf req = BUF_INIT;
	static const char body[] = "{\"actions\":[{\"kind\":\"note\","
	    "\"target\":1,\"params\":{\"text\":\"one\"}},{\"kind\":\"tag\","
	    "\"target\":1,\"params\":{\"tag\":\"seen\"}}]}";
	static const char other[] = "{\"kind\":\"note\",\"target\":1,"
	    "\"key\":\"k-2\",\"params\":{\"text\":\"x\"}}";
	int64_t before = audit_count(s);
	char *a;
	int i;

	buf_printf(&req, "POST /v1/actions HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer %s\r\nIdempotency-Key: batch-7\r\n"
	    "Connection: close\r\nContent-Length: %zu\r\n\r\n%s", s->carol,
	    strlen(body), body);
	for (i = 0; i < 3; i++) {
		assert_int_equal(raw_http(s->sv.port, req.s, req.len, 30000, &a),
		    200);
		assert_non_null(strstr(body_of(a), "\"results\":["));
		assert_non_null(strstr(body_of(a), i ? "\"replayed\":true" :
		    "\"replayed\":false"));
		free(a);
	}
	assert_int_equal(audit_count(s), before + 2);
	buf_free(&req);
	/* a key a header cannot carry, or one that says otherwise */
	buf_printf(&req, "POST /v1/actions HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer %s\r\nIdempotency-Key: a\x01b\r\n"
	    "Connection: close\r\nContent-Length: 2\r\n\r\n{}", s->carol);
	i = raw_http(s->sv.port, req.s, req.len, 30000, &a);
	assert_true(i == 400);
	free(a);
	buf_free(&req);
	buf_printf(&req, "POST /v1/actions HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer %s\r\nIdempotency-Key: k-1\r\n"
	    "Connection: close\r\nContent-Length: %zu\r\n\r\n%s", s->carol,
	    strlen(other), other);
	EXPECT_ERROR(raw_http(s->sv.port, req.s, req.len, 30000, &a), 422,
	    "invalid", "key");
	free(a);
	buf_free(&req);
}

static void
test_paths_and_methods(void **state)
{
	struct srv *s = *state;
	char *a;

	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/nope", s->carol, NULL,
	    &a), 404, "not_found", "path");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v2/queue", s->carol,
	    NULL, &a), 404, "not_found", "path");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/", NULL, NULL, &a), 404, "not_found", "path");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "DELETE", "/v1/queue", s->carol,
	    NULL, &a), 405, "usage", "method");
	assert_non_null(strstr(a, "Allow: GET, HEAD"));
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/actions", s->carol,
	    NULL, &a), 405, "usage", "method");
	assert_non_null(strstr(a, "Allow: POST"));
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "POST", "/v1/queue", s->carol,
	    "{}", &a), 405, "usage", "method");
	free(a);
	/* resource paths */
	assert_int_equal(raw_request(s->sv.port, "GET", "/v1/accounts/1",
	    s->carol, NULL, &a), 200);
	assert_non_null(strstr(body_of(a), "\"handle\":\"sam\""));
	free(a);
	assert_int_equal(raw_request(s->sv.port, "GET", "/v1/accounts/%40rita",
	    s->carol, NULL, &a), 200);
	assert_non_null(strstr(body_of(a), "\"id\":2"));
	free(a);
	assert_int_equal(raw_request(s->sv.port, "GET",
	    "/v1/accounts/@sam/flags?status=open&limit=1", s->carol, NULL, &a),
	    200);
	assert_non_null(strstr(body_of(a), "\"reason\":\"fraud\""));
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET",
	    "/v1/accounts/1/flags?account=2", s->carol, NULL, &a), 400,
	    "usage", "account");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/accounts/1/bogus",
	    s->carol, NULL, &a), 404, "not_found", "path");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/threads/5/messages",
	    s->carol, NULL, &a), 404, "not_found", "thread");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/escalations/99",
	    s->carol, NULL, &a), 404, "not_found", "id");
	free(a);
	assert_int_equal(raw_request(s->sv.port, "GET", "/v1/accounts/1/marks",
	    s->carol, NULL, &a), 200);
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/templates/none",
	    s->carol, NULL, &a), 404, "not_found", "name");
	free(a);
	/* the query string */
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/queue?limit=abc",
	    s->carol, NULL, &a), 400, "usage", "limit");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET",
	    "/v1/queue?status=active&status=banned", s->carol, NULL, &a), 400, "usage", "status");
	free(a);
	/* a NUL byte: refused, naming the parameter */
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/account?id=1%002",
	    s->carol, NULL, &a), 400, "usage", "id");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/account?=1",
	    s->carol, NULL, &a), 400, "usage", "query");
	free(a);
	EXPECT_ERROR(raw_request(s->sv.port, "GET", "/v1/queue?colour=red",
	    s->carol, NULL, &a), 400, "usage", "colour");
	free(a);
	assert_int_equal(raw_request(s->sv.port, "GET",
	    "/v1/accounts?q=s&limit=1", s->carol, NULL, &a), 200);
	assert_non_null(strstr(body_of(a), "\"next\":null"));
	free(a);
	/* HEAD: the headers of the GET */
	assert_int_equal(raw_request(s->sv.port, "HEAD", "/v1/stats", s->carol,
	    NULL, &a), 200);
	assert_string_equal(body_of(a), "");
	free(a);
}

static void
test_log_lines(void **state)
{
	struct srv *s = *state;
	char *a, *log;

	free(a = NULL);
	raw_request(s->sv.port, "GET", "/v1/accounts/@sam", s->carol, NULL, &a);
	free(a);
	raw_request(s->sv.port, "GET", "/v1/%1b%5b2J", s->carol, NULL, &a);
	free(a);
	post(s, s->carol, "{\"kind\":\"note\",\"target\":1,\"params\":{\"text\":"
	    "\"private words\"}}", &a);
	free(a);
	log = served_log_with(&s->sv, "carol POST actions note 200");
	assert_non_null(strstr(log, "127.0.0.1 carol GET account 1 200"));
	assert_non_null(strstr(log, "carol POST actions note 200"));
	assert_null(strstr(log, "sam"));
	assert_null(strstr(log, "private"));
	assert_null(strstr(log, s->carol));
	assert_null(strchr(log, '\x1b'));
	free(log);
}

/* Reads from fd until `end` has come (true), EOF or 30 s (false). */
static bool
read_until(int fd, struct buf *b, const char *end)
{
	int i;

	for (i = 0; i < 300; i++) {
		struct pollfd p = { fd, POLLIN, 0 };
		char chunk[1024];
		ssize_t n;

		if (end && b->len && strstr(b->s, end))
			return true;
		if (poll(&p, 1, 100) <= 0)
			continue;
		if ((n = read(fd, chunk, sizeof chunk)) <= 0)
			return end == NULL;
		buf_add(b, chunk, (size_t)n);
	}
	return false;
}

static void
test_sigterm_in_flight(void **state)
{
	struct srv *s = *state;
	static const char body[] = "{\"kind\":\"note\",\"target\":1,"
	    "\"params\":{\"text\":\"last words\"}}";
	struct buf answer = BUF_INIT;
	char head[300];
	int fd, late = 0, i, status;

	fd = raw_connect(s->sv.port);
	assert_true(fd >= 0);
	/* "100 Continue" says the server has begun the request: it is in
	 * flight when the signal comes */
	snprintf(head, sizeof head, "POST /v1/actions HTTP/1.1\r\nHost: x\r\n"
	    "Authorization: Bearer %s\r\nExpect: 100-continue\r\n"
	    "Content-Length: %zu\r\n\r\n", s->carol, strlen(body));
	send(fd, head, strlen(head), MSG_NOSIGNAL);
	assert_true(read_until(fd, &answer, "\r\n\r\n"));
	assert_true(str_prefix(answer.s, "HTTP/1.1 100"));
	buf_reset(&answer);
	send(fd, body, 10, MSG_NOSIGNAL);
	kill(s->sv.pid, SIGTERM);
	/* no new connection is taken: the listener closes */
	for (i = 0; i < 300; i++) {
		if ((late = raw_connect(s->sv.port)) < 0)
			break;
		close(late);
		pause_ms(100);
	}
	assert_true(late < 0);
	/* the one in flight is finished */
	send(fd, body + 10, strlen(body) - 10, MSG_NOSIGNAL);
	assert_true(read_until(fd, &answer, NULL));
	close(fd);
	if (!str_prefix(buf_str(&answer), "HTTP/1.1 200"))
		fail_msg("the request in flight was answered:\n%s",
		    buf_str(&answer));
	assert_non_null(strstr(answer.s, "Connection: close"));
	buf_free(&answer);
	status = served_stop(&s->sv);
	assert_int_equal(status, 0);
	assert_int_equal(fx_int(s->f, "SELECT count(*) FROM note WHERE "
	    "body = 'last words'"), 1);
	s->sv.pid = 0;
	/* teardown finds it stopped */
	served_start(&s->sv, s->f->path, NULL);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_malformed_json),
		T(test_wrong_types),
		T(test_unknown_fields),
		T(test_actor_from_token),
		T(test_big_body),
		T(test_big_headers),
		cmocka_unit_test_setup_teardown(test_slow_drip, setup_short,
		    teardown),
		cmocka_unit_test_setup_teardown(test_many_connections,
		    setup_narrow, teardown),
		T(test_tokens),
		T(test_throttle),
		T(test_role_refused),
		T(test_idempotency_header),
		T(test_paths_and_methods),
		T(test_log_lines),
		T(test_sigterm_in_flight),
	};

	api_test_env();
	return cmocka_run_group_tests_name("warden serve: bad input and "
	    "faults", tests, NULL, NULL);
}
