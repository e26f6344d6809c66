/* tests/unit/test_api_client.c: the HTTP store when things go wrong on
 * the other side.  A small misbehaving HTTP server runs in a thread of
 * the test: it stalls, redirects, answers with HTML, cuts answers short,
 * says 503, or stands as a proxy in front of a real `warden serve` and
 * drops the answer after the server has committed.  Nothing may crash,
 * nothing may be applied twice, and every message must say which request
 * failed and how. */
#define _GNU_SOURCE	/* strcasestr */
#include "api_harness.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../api/api.h"

enum fake_mode {
	F_FORWARD,		/* a proxy to the real server */
	F_FORWARD_DROP,		/* forwarded, the answer thrown away */
	F_STALL,		/* headers, then nothing */
	F_REDIRECT,		/* 302 to another host */
	F_HTML_502,		/* a proxy's error page */
	F_HTML_200,		/* a web page, not the API */
	F_TRUNCATED,		/* half the body, then close */
	F_503,			/* busy, come back in a second */
	F_429_LONG,		/* busy, come back in two minutes */
	F_CLOSE,		/* close without a word */
	F_ROWS,			/* a page of no rows, connection kept */
	F_ERROR_OK,		/* 400, with an "error" that says "ok" */
};

#define MAX_SEEN 16

struct fake {
	int lfd, port;
	pthread_t thread;
	enum fake_mode modes[8];	/* per request; the last one repeats */
	size_t nmodes;
	int upstream;			/* port of warden serve */
	pthread_mutex_t lock;
	int accepts, requests;
	char keys[MAX_SEEN][128];	/* each request's Idempotency-Key */
	bool auth_seen[MAX_SEEN];
	volatile bool stop;
};

static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) /
	    1000000;
}

static void
send_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Reads one request (headers and a Content-Length body). */
static bool
read_request(int fd, struct buf *req)
{
	char chunk[4096], *end;
	size_t want = 0;
	ssize_t n;

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (req->s && (end = strstr(req->s, "\r\n\r\n")) != NULL) {
			const char *cl = strcasestr(req->s, "\r\nContent-Length:");

			want = (size_t)(end + 4 - req->s);
			if (cl && cl < end)
				want += (size_t)atol(cl + 17);
			if (req->len >= want)
				return true;
		}
		/* the client is ours and quick: only a failing test waits */
		if (poll(&p, 1, 30000) <= 0)
			return false;
		n = read(fd, chunk, sizeof chunk);
		if (n <= 0)
			return false;
		buf_add(req, chunk, (size_t)n);
	}
}

static void
header_value(const char *req, const char *name, char *out, size_t size)
{
	const char *h = strcasestr(req, name);
	size_t n;

	out[0] = '\0';
	if (h == NULL)
		return;
	h += strlen(name);
	while (*h == ' ')
		h++;
	n = strcspn(h, "\r\n");
	snprintf(out, size, "%.*s", (int)n, h);
}

/* Sends the request to warden serve (one connection, closed after) and
 * reads the whole answer. */
static bool
forward(struct fake *f, const struct buf *req, struct buf *answer)
{
	const char *eol = strstr(req->s, "\r\n");
	char chunk[4096];
	ssize_t n;
	int fd = raw_connect(f->upstream);

	if (fd < 0 || eol == NULL)
		return false;
	send_all(fd, req->s, (size_t)(eol + 2 - req->s));
	send_all(fd, "Connection: close\r\n", 19);
	send_all(fd, eol + 2, req->len - (size_t)(eol + 2 - req->s));
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(answer, chunk, (size_t)n);
	close(fd);
	return answer->len > 0;
}

static void
serve_one(struct fake *f, int fd)
{
	struct buf req = BUF_INIT, answer = BUF_INIT;
	enum fake_mode mode;
	int n;
	static const char json_headers[] = "HTTP/1.1 200 OK\r\n"
	    "Content-Type: application/json\r\nConnection: close\r\n";

again:
	buf_reset(&req);
	if (!read_request(fd, &req))
		goto out;
	pthread_mutex_lock(&f->lock);
	n = f->requests++;
	mode = f->modes[(size_t)n < f->nmodes ? (size_t)n : f->nmodes - 1];
	if (n < MAX_SEEN) {
		header_value(req.s, "\r\nIdempotency-Key:", f->keys[n],
		    sizeof f->keys[n]);
		f->auth_seen[n] = strcasestr(req.s, "\r\nAuthorization:") !=
		    NULL;
	}
	pthread_mutex_unlock(&f->lock);
	switch (mode) {
	case F_FORWARD:
		if (forward(f, &req, &answer))
			send_all(fd, answer.s, answer.len);
		break;
	case F_FORWARD_DROP:
		forward(f, &req, &answer);	/* committed; the answer is lost */
		break;
	case F_STALL: {
		struct timespec t0;
		char c;

		send_all(fd, json_headers, strlen(json_headers));
		send_all(fd, "Content-Length: 100\r\n\r\n{\"col", 28);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		/* until the client gives up */
		while (!f->stop && ms_since(&t0) < 60000) {
			struct pollfd p = { fd, POLLIN, 0 };

			if (poll(&p, 1, 100) > 0 && read(fd, &c, 1) <= 0)
				break;
		}
		break;
	}
	case F_REDIRECT: {
		static const char r[] = "HTTP/1.1 302 Found\r\n"
		    "Location: http://elsewhere.invalid:8470/v1/queue\r\n"
		    "Content-Length: 0\r\nConnection: close\r\n\r\n";

		send_all(fd, r, strlen(r));
		break;
	}
	case F_HTML_502:
	case F_HTML_200: {
		static const char page[] = "<html><body><h1>Bad Gateway</h1>"
		    "</body></html>";
		char head[200];

		snprintf(head, sizeof head, "HTTP/1.1 %s\r\nContent-Type: "
		    "text/html\r\nContent-Length: %zu\r\nConnection: close"
		    "\r\n\r\n", mode == F_HTML_502 ? "502 Bad Gateway" :
		    "200 OK", strlen(page));
		send_all(fd, head, strlen(head));
		send_all(fd, page, strlen(page));
		break;
	}
	case F_TRUNCATED:
		send_all(fd, json_headers, strlen(json_headers));
		send_all(fd, "Content-Length: 200\r\n\r\n{\"columns\":[\"id\"],",
		    41);
		break;
	case F_503:
	case F_429_LONG: {
		static const char busy[] = "{\"error\":{\"kind\":\"temporary\","
		    "\"message\":\"busy\",\"field\":null,\"index\":null}}";
		char head[240];

		snprintf(head, sizeof head, "HTTP/1.1 %s\r\nRetry-After: %s\r\n"
		    "Content-Type: application/json\r\nContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\n", mode == F_503 ?
		    "503 Service Unavailable" : "429 Too Many Requests",
		    mode == F_503 ? "1" : "120", strlen(busy));
		send_all(fd, head, strlen(head));
		send_all(fd, busy, strlen(busy));
		break;
	}
	case F_CLOSE:
		break;
	case F_ERROR_OK: {
		static const char odd[] = "{\"error\":{\"kind\":\"ok\","
		    "\"message\":\"all is well\"}}";
		char head[200];

		snprintf(head, sizeof head, "HTTP/1.1 400 Bad Request\r\n"
		    "Content-Type: application/json\r\nContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\n", strlen(odd));
		send_all(fd, head, strlen(head));
		send_all(fd, odd, strlen(odd));
		break;
	}
	case F_ROWS: {
		static const char rows[] = "{\"columns\":[],\"rows\":[],"
		    "\"next\":null}";
		char head[160];

		snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: "
		    "application/json\r\nContent-Length: %zu\r\n\r\n",
		    strlen(rows));
		send_all(fd, head, strlen(head));
		send_all(fd, rows, strlen(rows));
		goto again;
	}
	}
out:
	shutdown(fd, SHUT_RDWR);
	close(fd);
	buf_free(&req);
	buf_free(&answer);
}

static void *
fake_main(void *arg)
{
	struct fake *f = arg;

	while (!f->stop) {
		struct pollfd p = { f->lfd, POLLIN, 0 };
		int fd;

		if (poll(&p, 1, 50) <= 0)
			continue;
		fd = accept(f->lfd, NULL, NULL);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&f->lock);
		f->accepts++;
		pthread_mutex_unlock(&f->lock);
		serve_one(f, fd);	/* one at a time is enough */
	}
	return NULL;
}

/* A listening socket on 127.0.0.1 and an ephemeral port. */
static int
listen_any(int *port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(fd, 16), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

static struct fake *
fake_start(int upstream, ...)
{
	struct fake *f = calloc(1, sizeof *f);
	va_list ap;
	int m;

	assert_non_null(f);
	f->lfd = listen_any(&f->port);
	f->upstream = upstream;
	pthread_mutex_init(&f->lock, NULL);
	va_start(ap, upstream);
	while ((m = va_arg(ap, int)) >= 0 && f->nmodes < 8)
		f->modes[f->nmodes++] = (enum fake_mode)m;
	va_end(ap);
	assert_int_equal(pthread_create(&f->thread, NULL, fake_main, f), 0);
	return f;
}

static void
fake_stop(struct fake *f)
{
	f->stop = true;
	pthread_join(f->thread, NULL);
	close(f->lfd);
	pthread_mutex_destroy(&f->lock);
	free(f);
}

static void
temp_dir(char *dir, size_t size, const char *what)
{
	snprintf(dir, size, "%s/warden-%s.XXXXXX", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp", what);
	assert_non_null(mkdtemp(dir));
}

static struct store *
open_at(int port, const char *token, long timeout_ms)
{
	struct http_options o = { 0 };
	struct store *s;
	struct werr e;
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	o.url = url;
	o.token = token ? token : "wdn_test";
	o.timeout_ms = timeout_ms;
	s = http_store_open(&o, &e);
	if (s == NULL)
		fail_msg("open: %s", e.msg);
	return s;
}

static int
get_queue(struct store *s, struct werr *e)
{
	struct rows *r = NULL;
	int rc = store_queryv(s, &r, e, "queue", "status", "active", NULL);

	rows_free(r);
	return rc;
}

static void
expect(int rc, const struct werr *e, enum werr_kind kind, const char *w1,
    const char *w2)
{
	if (rc != -1)
		fail_msg("no failure (wanted %s)", werr_kind_name(kind));
	if (e->kind != kind)
		fail_msg("kind %s, wanted %s: %s", werr_kind_name(e->kind),
		    werr_kind_name(kind), e->msg);
	if (w1 && strstr(e->msg, w1) == NULL)
		fail_msg("'%s' lacks '%s'", e->msg, w1);
	if (w2 && strstr(e->msg, w2) == NULL)
		fail_msg("'%s' lacks '%s'", e->msg, w2);
}

/* ------------------------------------------------------------------ */
/* Without a real server */

static void
test_server_down(void **state)
{
	struct store *s;
	struct werr e;
	struct action a;
	struct action_result res;
	char url[80];
	int port, fd = listen_any(&port);

	(void)state;
	close(fd);	/* nobody listens there now */
	s = open_at(port, NULL, 0);
	snprintf(url, sizeof url, "GET http://127.0.0.1:%d/v1/queue", port);
	expect(get_queue(s, &e), &e, WE_UNAVAILABLE, url, "cannot connect");
	assert_int_equal(werr_exit_status(e.kind), 69);
	assert_non_null(strstr(e.msg, "warden serve running"));
	/* the query string (it may name a user) is not in the message */
	assert_null(strstr(e.msg, "status=active"));
	action_init(&a, A_NOTE);
	a.target = 1;
	action_set_param(&a, "text", "x");
	expect(store_apply(s, &a, 1, &res, &e), &e, WE_UNAVAILABLE,
	    "POST http", "/v1/actions");
	action_free(&a);
	store_close(s);
}

static void
test_stall_after_headers(void **state)
{
	struct fake *f = fake_start(0, F_STALL, -1);
	struct store *s = open_at(f->port, NULL, 1500);
	struct werr e;

	(void)state;
	/* the client's own time-out ends it (the fake would close after
	 * a minute, and that would be "cut short", not this) */
	expect(get_queue(s, &e), &e, WE_TEMP, "/v1/queue", "1500 ms");
	assert_int_equal(werr_exit_status(e.kind), 75);
	/* a stall is not retried: the wait would only double */
	assert_int_equal(f->requests, 1);
	store_close(s);
	fake_stop(f);
}

static void
test_redirect_elsewhere(void **state)
{
	struct fake *f = fake_start(0, F_REDIRECT, F_FORWARD, -1);
	struct store *s = open_at(f->port, NULL, 0);
	struct werr e;

	(void)state;
	expect(get_queue(s, &e), &e, WE_UNAVAILABLE, "redirected",
	    "elsewhere.invalid");
	/* not followed: the token went nowhere else */
	assert_int_equal(f->requests, 1);
	store_close(s);
	fake_stop(f);
}

static void
test_html_instead_of_json(void **state)
{
	struct fake *f = fake_start(0, F_HTML_502, -1);
	struct store *s = open_at(f->port, NULL, 0);
	struct werr e;

	(void)state;
	expect(get_queue(s, &e), &e, WE_TEMP, "HTML page", "502");
	store_close(s);
	fake_stop(f);
	f = fake_start(0, F_HTML_200, -1);
	s = open_at(f->port, NULL, 0);
	expect(get_queue(s, &e), &e, WE_UNAVAILABLE, "HTML page", "not JSON");
	store_close(s);
	fake_stop(f);
}

static void
test_truncated_answer(void **state)
{
	struct fake *f = fake_start(0, F_TRUNCATED, -1);
	struct store *s = open_at(f->port, NULL, 0);
	struct werr e;

	(void)state;
	expect(get_queue(s, &e), &e, WE_TEMP, "cut short", "/v1/queue");
	/* a GET may be asked again: four attempts in all */
	assert_int_equal(f->requests, 4);
	store_close(s);
	fake_stop(f);
}

static void
test_busy_for_too_long(void **state)
{
	struct fake *f = fake_start(0, F_429_LONG, -1);
	struct store *s = open_at(f->port, NULL, 0);
	struct werr e;

	(void)state;
	/* two minutes is reported, not waited for */
	expect(get_queue(s, &e), &e, WE_TEMP, "busy", NULL);
	assert_int_equal(f->requests, 1);
	store_close(s);
	fake_stop(f);
}

/* A failure the server calls "ok" is still a failure: warden must not
 * exit 0 on it. */
static void
test_error_that_says_ok(void **state)
{
	struct fake *f = fake_start(0, F_ERROR_OK, -1);
	struct store *s = open_at(f->port, NULL, 0);
	struct werr e;

	(void)state;
	expect(get_queue(s, &e), &e, WE_UNAVAILABLE, "/v1/queue", "HTTP 400");
	assert_int_equal(werr_exit_status(e.kind), 69);
	assert_null(strstr(e.msg, "all is well"));
	store_close(s);
	fake_stop(f);
}

static void
test_bad_urls_and_tokens(void **state)
{
	static const char *const bad[] = { "ftp://127.0.0.1/", "127.0.0.1:8470",
		"http://user:pw@127.0.0.1:8470", "http://127.0.0.1:8470/?x=1",
		"file:///etc/passwd", "", NULL };
	struct http_options o = { 0 };
	struct store *s;
	struct werr e;
	size_t i;

	(void)state;
	o.token = "wdn_x";
	for (i = 0; bad[i]; i++) {
		o.url = bad[i];
		s = http_store_open(&o, &e);
		if (s != NULL)
			fail_msg("'%s' was taken", bad[i]);
		assert_int_equal(e.kind, WE_USAGE);
	}
	o.url = "http://127.0.0.1:8470/v1/";
	s = http_store_open(&o, &e);
	assert_non_null(s);
	assert_string_equal(s->ops->describe(s), "http 127.0.0.1:8470");
	assert_string_equal(s->ops->name, "http");
	store_close(s);
	o.url = "https://admin.example.com/warden";
	s = http_store_open(&o, &e);
	assert_non_null(s);
	assert_string_equal(s->ops->describe(s), "https admin.example.com:443");
	store_close(s);
	/* a token must fit in a header, and must be there */
	o.token = "two words";
	assert_null(http_store_open(&o, &e));
	o.token = "a\r\nX-Evil: 1";
	assert_null(http_store_open(&o, &e));
	o.token = NULL;
	assert_null(http_store_open(&o, &e));
	assert_int_equal(e.kind, WE_AUTH);
}

static void
test_token_file(void **state)
{
	char dir[300], path[340], cmd[400];
	char *token = NULL;
	struct werr e;
	FILE *f;

	(void)state;
	temp_dir(dir, sizeof dir, "token");
	snprintf(path, sizeof path, "%s/token", dir);
	assert_int_equal(api_read_token_file(path, &token, &e), -1);
	assert_int_equal(e.kind, WE_NOINPUT);
	f = fopen(path, "w");
	fputs("wdn_0123abcd\n", f);
	fclose(f);
	chmod(path, 0644);
	assert_int_equal(api_read_token_file(path, &token, &e), -1);
	assert_int_equal(e.kind, WE_PERM);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "chmod 600"));
	assert_int_equal(werr_exit_status(e.kind), 77);
	chmod(path, 0640);
	assert_int_equal(api_read_token_file(path, &token, &e), -1);
	chmod(path, 0600);
	assert_int_equal(api_read_token_file(path, &token, &e), 0);
	assert_string_equal(token, "wdn_0123abcd");
	free(token);
	chmod(path, 0400);
	assert_int_equal(api_read_token_file(path, &token, &e), 0);
	free(token);
	chmod(path, 0600);
	f = fopen(path, "w");
	fclose(f);
	assert_int_equal(api_read_token_file(path, &token, &e), -1);
	assert_int_equal(e.kind, WE_INVALID);
	f = fopen(path, "w");
	fputs("two words\n", f);
	fclose(f);
	assert_int_equal(api_read_token_file(path, &token, &e), -1);
	assert_int_equal(e.kind, WE_INVALID);
	assert_int_equal(api_read_token_file(dir, &token, &e), -1);
	/* a FIFO with no writer is refused, not waited on */
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(60);	/* a wait would end the test here, not hang it */
	assert_int_equal(api_read_token_file(path, &token, &e), -1);
	alarm(0);
	assert_int_equal(e.kind, WE_USAGE);
	assert_non_null(strstr(e.msg, "not a regular file"));
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ------------------------------------------------------------------ */
/* In front of a real server */

struct real {
	struct fixture *f;
	struct served sv;
	char *token;
};

static int
real_setup(void **state)
{
	struct real *r = calloc(1, sizeof *r);

	assert_non_null(r);
	r->f = fx_open();
	fx_account(r->f, "sam", 100, true, 12, 1);
	fx_account(r->f, "rita", 5, false, 0, 0);
	fx_flag(r->f, 1, 2, "fraud", 3, 2);
	fx_recompute(r->f);
	r->token = fx_make_token(r->f, "carol");
	served_start(&r->sv, r->f->path, NULL);
	*state = r;
	return 0;
}

static int
real_teardown(void **state)
{
	struct real *r = *state;
	int status = served_stop(&r->sv);

	if (status != 0)
		fail_msg("warden serve exited %d:\n%s", status,
		    served_log(&r->sv));
	free(r->token);
	fx_close(r->f);
	free(r);
	return 0;
}

static int
warn_sam(struct store *s, const char *key, struct action_result *res,
    struct werr *e)
{
	struct action a;
	int rc;

	action_init(&a, A_WARN);
	action_set_text(&a.actor, "carol");
	action_set_text(&a.reason, "spam");
	action_set_text(&a.key, key);
	a.target = 1;
	rc = store_apply(s, &a, 1, res, e);
	action_free(&a);
	return rc;
}

static void
test_503_then_success(void **state)
{
	struct real *r = *state;
	struct fake *f = fake_start(r->sv.port, F_503, F_FORWARD, -1);
	struct store *s = open_at(f->port, r->token, 0);
	struct action_result res;
	struct werr e;
	int64_t before = fx_int(r->f, "SELECT count(*) FROM audit");

	/* no key from the caller: the store makes one, so the retry is
	 * safe */
	if (warn_sam(s, NULL, &res, &e) < 0)
		fail_msg("warn: %s", e.msg);
	assert_false(res.replayed);
	action_result_free(&res);
	assert_int_equal(f->requests, 2);
	assert_true(f->keys[0][0] != '\0');
	assert_string_equal(f->keys[0], f->keys[1]);
	assert_int_equal(fx_int(r->f, "SELECT count(*) FROM audit"),
	    before + 1);
	assert_int_equal(fx_int(r->f, "SELECT count(*) FROM strike"), 1);
	store_close(s);
	fake_stop(f);
}

static void
test_answer_lost_after_commit(void **state)
{
	struct real *r = *state;
	struct fake *f = fake_start(r->sv.port, F_FORWARD_DROP, F_FORWARD, -1);
	struct store *s = open_at(f->port, r->token, 0);
	struct action_result res;
	struct werr e;
	int64_t before = fx_int(r->f, "SELECT count(*) FROM audit");

	if (warn_sam(s, "warn-sam-1", &res, &e) < 0)
		fail_msg("warn: %s", e.msg);
	/* the server had applied it: the second time is a replay */
	assert_true(res.replayed);
	assert_non_null(strstr(res.message, "already applied"));
	action_result_free(&res);
	assert_int_equal(f->requests, 2);
	assert_string_equal(f->keys[0], "warn-sam-1");
	assert_string_equal(f->keys[1], "warn-sam-1");
	assert_int_equal(fx_int(r->f, "SELECT count(*) FROM audit"),
	    before + 1);
	assert_int_equal(fx_int(r->f, "SELECT count(*) FROM strike"), 1);
	store_close(s);
	fake_stop(f);
}

static void
test_connection_dropped_every_time(void **state)
{
	struct real *r = *state;
	struct fake *f = fake_start(r->sv.port, F_CLOSE, -1);
	struct store *s = open_at(f->port, r->token, 0);
	struct action_result res;
	struct werr e;

	expect(warn_sam(s, NULL, &res, &e), &e, WE_TEMP, "connection broke",
	    "4 attempts");
	assert_int_equal(f->requests, 4);
	assert_int_equal(fx_int(r->f, "SELECT count(*) FROM strike"), 0);
	store_close(s);
	fake_stop(f);
}

static void
test_keep_alive(void **state)
{
	struct fake *f = fake_start(0, F_ROWS, -1);
	struct store *s = open_at(f->port, NULL, 0);
	struct werr e;
	int i;

	(void)state;
	for (i = 0; i < 20; i++)
		assert_int_equal(get_queue(s, &e), 0);
	/* twenty requests, one connection */
	assert_int_equal(f->requests, 20);
	assert_int_equal(f->accepts, 1);
	store_close(s);
	fake_stop(f);
}

static void
test_no_token_in_the_log(void **state)
{
	struct real *r = *state;
	struct store *s = served_store(&r->sv, r->token, 0);
	struct rows *rows = NULL;
	struct werr e;
	char *log;

	assert_int_equal(store_queryv(s, &rows, &e, "account", "handle", "sam",
	    NULL), 0);
	rows_free(rows);
	store_close(s);
	log = served_log_with(&r->sv, "carol GET account");
	assert_non_null(strstr(log, "carol GET account"));
	assert_null(strstr(log, r->token));
	assert_null(strstr(log, "sam"));	/* no marketplace user */
	free(log);
}

/* An atomic batch too large for the server's --max-body: refused by its
 * size, at once and once, and nothing applied. */
static void
test_batch_too_large(void **state)
{
	struct fixture *fx = fx_open();
	struct served sv;
	struct action a[700];
	struct action_result res[700];
	struct store *s;
	struct werr e;
	char *token;
	size_t i;

	(void)state;
	fx_account(fx, "sam", 100, true, 12, 1);
	token = fx_make_token(fx, "carol");
	served_start(&sv, fx->path, "--max-body", "16k", NULL);
	s = served_store(&sv, token, 0);
	for (i = 0; i < 700; i++) {
		action_init(&a[i], A_NOTE);
		action_set_text(&a[i].actor, "carol");
		a[i].target = 1;
		action_set_param(&a[i], "text", "a note long enough to make "
		    "the batch larger than the bound of this server, surely");
	}
	expect(store_apply(s, a, 700, res, &e), &e, WE_USAGE, "at most 16384",
	    "--max-body");
	assert_int_equal(fx_int(fx, "SELECT count(*) FROM note"), 0);
	/* a part of it goes */
	assert_int_equal(store_apply(s, a, 20, res, &e), 0);
	for (i = 0; i < 20; i++)
		action_result_free(&res[i]);
	for (i = 0; i < 700; i++)
		action_free(&a[i]);
	store_close(s);
	assert_int_equal(served_stop(&sv), 0);
	free(token);
	fx_close(fx);
}

static void
test_tls(void **state)
{
	char dir[300], cmd[1400], cert[340], key[340];
	char url[64];
	struct fixture *fx;
	struct served sv;
	struct http_options o = { 0 };
	struct store *s;
	struct werr e;
	char *token;

	(void)state;
	if (system("command -v openssl >/dev/null 2>&1") != 0) {
		print_message("# needs openssl\n");
		skip();
	}
	temp_dir(dir, sizeof dir, "tls");
	snprintf(cert, sizeof cert, "%s/cert.pem", dir);
	snprintf(key, sizeof key, "%s/key.pem", dir);
	snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey ec -pkeyopt "
	    "ec_paramgen_curve:prime256v1 -nodes -keyout %s -out %s -days 2 "
	    "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
	    ">/dev/null 2>&1", key, cert);
	assert_int_equal(system(cmd), 0);
	fx = fx_open();
	token = fx_make_token(fx, "alice");
	served_start(&sv, fx->path, "--tls-cert", cert, "--tls-key", key, NULL);
	snprintf(url, sizeof url, "https://127.0.0.1:%d", sv.port);
	o.url = url;
	o.token = token;
	/* a certificate nobody vouches for is refused */
	s = http_store_open(&o, &e);
	assert_non_null(s);
	expect(get_queue(s, &e), &e, WE_UNAVAILABLE, "TLS", "--ca-file");
	store_close(s);
	/* with its CA, it is trusted */
	o.ca_file = cert;
	s = http_store_open(&o, &e);
	assert_non_null(s);
	if (get_queue(s, &e) < 0)
		fail_msg("over TLS: %s", e.msg);
	store_close(s);
	/* plain HTTP to a TLS port is not the API */
	snprintf(url, sizeof url, "http://127.0.0.1:%d", sv.port);
	o.ca_file = NULL;
	s = http_store_open(&o, &e);
	assert_int_equal(get_queue(s, &e), -1);
	store_close(s);
	assert_int_equal(served_stop(&sv), 0);
	free(token);
	fx_close(fx);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest alone[] = {
		cmocka_unit_test(test_server_down),
		cmocka_unit_test(test_stall_after_headers),
		cmocka_unit_test(test_redirect_elsewhere),
		cmocka_unit_test(test_html_instead_of_json),
		cmocka_unit_test(test_truncated_answer),
		cmocka_unit_test(test_busy_for_too_long),
		cmocka_unit_test(test_error_that_says_ok),
		cmocka_unit_test(test_bad_urls_and_tokens),
		cmocka_unit_test(test_token_file),
		cmocka_unit_test(test_tls),
		cmocka_unit_test(test_keep_alive),
		cmocka_unit_test(test_batch_too_large),
	};
	const struct CMUnitTest real[] = {
		cmocka_unit_test_setup_teardown(test_503_then_success,
		    real_setup, real_teardown),
		cmocka_unit_test_setup_teardown(test_answer_lost_after_commit,
		    real_setup, real_teardown),
		cmocka_unit_test_setup_teardown(
		    test_connection_dropped_every_time, real_setup,
		    real_teardown),
		cmocka_unit_test_setup_teardown(test_no_token_in_the_log,
		    real_setup, real_teardown),
	};
	int failed;

	api_test_env();
	failed = cmocka_run_group_tests_name("http store: faults", alone,
	    NULL, NULL);
	failed += cmocka_run_group_tests_name("http store: faults in front of "
	    "warden serve", real, NULL, NULL);
	return failed ? 1 : 0;
}
