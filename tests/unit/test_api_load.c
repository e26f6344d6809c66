/* tests/unit/test_api_load.c: many requests from several clients at once,
 * bounded in count: 20,000 mixed reads and writes from 8 HTTP stores in
 * 8 threads against one `warden serve` on 127.0.0.1.  No request may
 * fail, every replayed key must replay, the audit log must hold exactly
 * the writes and its chain must verify, and the server must stop cleanly
 * (under ASan: without a leak).  Nothing here is timed: bench/api-load.sh
 * runs the same program for numbers (WARDEN_LOAD_REPORT=1 prints them).
 *
 * WARDEN_LOAD_REQUESTS and WARDEN_LOAD_CLIENTS change the size. */
#include "api_harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../api/api.h"

#define MAX_CLIENTS 32
#define ACCOUNTS_PER_CLIENT 25

struct client {
	int index;
	char name[16];
	char *token;
	const struct served *sv;
	long requests;
	long writes;		/* audit entries it made */
	long failures;
	char first_failure[600];
};

static void
failed(struct client *c, const char *what, const struct werr *e)
{
	if (c->failures++ == 0)
		snprintf(c->first_failure, sizeof c->first_failure, "%s: %s",
		    what, e->msg);
}

static int
query(struct store *s, const char *what, const char *cursor, int limit,
    const char *k, const char *v, char **next, struct werr *e)
{
	struct param p = { (char *)k, (char *)v };
	struct query q = { 0 };
	struct rows *r = NULL;
	int rc;

	q.what = what;
	q.params = &p;
	q.nparams = k ? 1 : 0;
	q.cursor = cursor;
	q.limit = limit;
	rc = store_query(s, &q, &r, e);
	if (next) {
		free(*next);
		*next = rc == 0 && r->next ? xstrdup(r->next) : NULL;
	}
	rows_free(r);
	return rc;
}

static int
note(struct store *s, const char *who, int64_t account, const char *key,
    bool *replayed, struct werr *e)
{
	struct action a;
	struct action_result res;
	int rc;

	action_init(&a, A_NOTE);
	action_set_text(&a.actor, who);
	action_set_text(&a.key, key);
	a.target = account;
	action_set_param(&a, "text", "looked at it under load");
	rc = store_apply(s, &a, 1, &res, e);
	if (rc == 0) {
		*replayed = res.replayed;
		action_result_free(&res);
	}
	action_free(&a);
	return rc;
}

/* tag and untag in one batch, no key given: the store makes one */
static int
tag_untag(struct store *s, const char *who, int64_t account, struct werr *e)
{
	struct action a[2];
	struct action_result res[2];
	int rc, i;

	for (i = 0; i < 2; i++) {
		action_init(&a[i], i ? A_UNTAG : A_TAG);
		action_set_text(&a[i].actor, who);
		a[i].target = account;
		action_set_param(&a[i], "tag", "load");
	}
	rc = store_apply(s, a, 2, res, e);
	for (i = 0; i < 2; i++) {
		if (rc == 0)
			action_result_free(&res[i]);
		action_free(&a[i]);
	}
	return rc;
}

static void *
client_main(void *arg)
{
	struct client *c = arg;
	struct store *s = served_store(c->sv, c->token, 0);
	char key[48], id[24], handle[24], *next = NULL;
	struct werr e;
	bool replayed = false;
	int64_t noted = 0;
	long k;

	for (k = 0; k < c->requests; k++) {
		int64_t account = 1 + c->index * ACCOUNTS_PER_CLIENT +
		    k % ACCOUNTS_PER_CLIENT;

		snprintf(id, sizeof id, "%lld", (long long)account);
		snprintf(handle, sizeof handle, "user%lld", (long long)account);
		switch (k % 10) {
		case 0:	/* the queue, page after page */
			if (query(s, "queue", next, 20, NULL, NULL, &next,
			    &e) < 0)
				failed(c, "queue", &e);
			break;
		case 1:
			if (query(s, "account", NULL, 0, "id", id, NULL, &e) < 0)
				failed(c, "account", &e);
			break;
		case 2:
			if (query(s, "flags", NULL, 0, "account", id, NULL,
			    &e) < 0)
				failed(c, "flags", &e);
			break;
		case 3:
			if (query(s, "stats", NULL, 0, "moderator", c->name,
			    NULL, &e) < 0)
				failed(c, "stats", &e);
			break;
		case 4:
			snprintf(key, sizeof key, "%s-%ld", c->name, k);
			noted = account;
			if (note(s, c->name, account, key, &replayed, &e) < 0)
				failed(c, "note", &e);
			else if (replayed)
				failed(c, "note replayed the first time", &e);
			else
				c->writes++;
			break;
		case 5:	/* the same key again: nothing new */
			if (note(s, c->name, noted, key, &replayed, &e) < 0)
				failed(c, "note again", &e);
			else if (!replayed)
				failed(c, "note not replayed", &e);
			break;
		case 6:
			if (query(s, "audit", NULL, 10, "actor", c->name, NULL,
			    &e) < 0)
				failed(c, "audit", &e);
			break;
		case 7:
			if (tag_untag(s, c->name, account, &e) < 0)
				failed(c, "tag and untag", &e);
			else
				c->writes += 2;
			break;
		case 8:
			if (query(s, "search", NULL, 5, "q", handle, NULL,
			    &e) < 0)
				failed(c, "search", &e);
			break;
		default:
			if (query(s, "history", NULL, 5, "account", id, NULL,
			    &e) < 0)
				failed(c, "history", &e);
			break;
		}
	}
	free(next);
	store_close(s);
	return NULL;
}

static long
env_long(const char *name, long dflt, long min, long max)
{
	const char *v = getenv(name);
	long n = v ? atol(v) : dflt;

	return n < min ? min : n > max ? max : n;
}

static void
test_load(void **state)
{
	long total = env_long("WARDEN_LOAD_REQUESTS", 20000, 10, 10000000);
	int nclients = (int)env_long("WARDEN_LOAD_CLIENTS", 8, 1, MAX_CLIENTS);
	struct client clients[MAX_CLIENTS];
	pthread_t threads[MAX_CLIENTS];
	struct fixture *f = fx_open();
	struct served sv;
	struct timespec t0, t1;
	struct rows *r;
	int64_t before;
	long writes = 0, requests = 0;
	double secs;
	char sql[200];
	int i, j;

	(void)state;
	for (i = 0; i < nclients * ACCOUNTS_PER_CLIENT; i++) {
		char h[24];

		snprintf(h, sizeof h, "user%d", i + 1);
		fx_account(f, h, 10 + i % 50, i % 3 == 0, i % 7, i % 2);
	}
	for (i = 0; i < nclients * ACCOUNTS_PER_CLIENT; i += 2)
		fx_flag(f, i + 1, 1 + (i + 7) % (nclients *
		    ACCOUNTS_PER_CLIENT), i % 3 ? "spam" : "fraud", 1 + i % 3,
		    i % 9);
	fx_recompute(f);
	memset(clients, 0, sizeof clients);
	for (i = 0; i < nclients; i++) {
		struct client *c = &clients[i];

		c->index = i;
		snprintf(c->name, sizeof c->name, "mod%d", i);
		snprintf(sql, sizeof sql, "INSERT INTO moderator(name, role, "
		    "created) VALUES ('%s', 'moderator', 0)", c->name);
		fx_sql(f, sql);
		c->token = fx_make_token(f, c->name);
		c->sv = &sv;
		c->requests = total / nclients + (i < total % nclients);
	}
	before = fx_int(f, "SELECT count(*) FROM audit");
	served_start(&sv, f->path, "-q", NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nclients; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, client_main,
		    &clients[i]), 0);
	for (i = 0; i < nclients; i++)
		pthread_join(threads[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec -
	    t0.tv_nsec) / 1e9;
	for (i = 0; i < nclients; i++) {
		if (clients[i].failures)
			fail_msg("%s: %ld failures; the first: %s",
			    clients[i].name, clients[i].failures,
			    clients[i].first_failure);
		writes += clients[i].writes;
		requests += clients[i].requests;
	}
	assert_int_equal(requests, total);
	if (getenv("WARDEN_LOAD_REPORT"))
		fprintf(stderr, "load: %ld requests (%ld audited writes) from "
		    "%d clients in %.2f s: %.0f requests/s\n", requests, writes,
		    nclients, secs, (double)requests / secs);
	j = served_stop(&sv);
	if (j != 0)
		fail_msg("warden serve exited %d:\n%s", j, served_log(&sv));
	assert_int_equal(fx_int(f, "SELECT count(*) FROM audit"),
	    before + writes);
	r = fx_query(f, "verify", NULL);
	assert_int_equal(rows_int(r, 0, "ok", 0), 1);
	rows_free(r);
	for (i = 0; i < nclients; i++)
		free(clients[i].token);
	fx_close(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
	};

	api_test_env();
	return cmocka_run_group_tests_name("http store under load", tests,
	    NULL, NULL);
}
