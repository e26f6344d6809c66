/* api/webhook.c: see webhook.h. */
#include "webhook.h"

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../data/json.h"
#include "../data/outbox.h"

#define LEASE_S 120
/* A receiver's answer is read for the error message only. */
#define ANSWER_KEEP 200

static const char *const event_names[] = { "escalation.moderator",
	"flag.resolved", "account.suspended", "account.banned", NULL };

static pthread_once_t once = PTHREAD_ONCE_INIT;
static CURLcode global_rc;

static void
global_init(void)
{
	global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* ------------------------------------------------------------------ */
/* Configuration. */

static struct webhook *
find_or_add(struct webhooks *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (str_eq(w->v[i].name, name))
			return &w->v[i];
	w->v = xreallocarray(w->v, w->n + 1, sizeof *w->v);
	memset(&w->v[w->n], 0, sizeof w->v[w->n]);
	w->v[w->n].name = xstrdup(name);
	return &w->v[w->n++];
}

static int
check_events(const char *name, const char *list, struct werr *e)
{
	const char *p = list;

	while (*p) {
		size_t len;
		int i;

		while (*p == ' ' || *p == ',')
			p++;
		if ((len = strcspn(p, ", ")) == 0)
			break;
		for (i = 0; event_names[i]; i++)
			if (strlen(event_names[i]) == len &&
			    strncmp(event_names[i], p, len) == 0)
				break;
		if (event_names[i] == NULL && !(len == 1 && *p == '*')) {
			char *words = word_list(event_names);

			werr_field(e, WE_USAGE, "events", "webhook %s: no event "
			    "'%.*s'; events are %s, or *", name, (int)len, p,
			    words);
			free(words);
			return -1;
		}
		p += len;
	}
	return 0;
}

int
webhook_set(struct webhooks *w, const char *name, const char *key,
    const char *value, struct werr *e)
{
	struct webhook *h;
	char **field;

	if (name == NULL || *name == '\0')
		return werr_set(e, WE_USAGE, "a webhook section needs a name: "
		    "[webhook NAME]");
	if (!str_eq(key, "url") && !str_eq(key, "events") &&
	    !str_eq(key, "secret"))
		return werr_field(e, WE_USAGE, key, "webhook %s: no setting "
		    "'%s' (url, events, secret)", name, key ? key : "");
	if (str_eq(key, "events") && check_events(name, value ? value : "",
	    e) < 0)
		return -1;
	h = find_or_add(w, name);
	field = str_eq(key, "url") ? &h->url : str_eq(key, "events") ?
	    &h->events : &h->secret;
	free(*field);
	*field = value ? xstrdup(value) : NULL;
	return 0;
}

int
webhooks_check(const struct webhooks *w, struct werr *e)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		const char *u = w->v[i].url;

		if (u == NULL || *u == '\0')
			return werr_set(e, WE_USAGE, "webhook %s has no url",
			    w->v[i].name);
		if (!str_prefix(u, "http://") && !str_prefix(u, "https://"))
			return werr_set(e, WE_USAGE, "webhook %s: '%s' is not an "
			    "http:// or https:// URL", w->v[i].name, u);
	}
	return 0;
}

void
webhooks_free(struct webhooks *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		free(w->v[i].name);
		free(w->v[i].url);
		free(w->v[i].events);
		free(w->v[i].secret);
	}
	free(w->v);
	memset(w, 0, sizeof *w);
}

/* ------------------------------------------------------------------ */
/* Delivery. */

static char *
payload(const struct outbox_event *ev)
{
	json_t *o = json_object(), *data;
	json_error_t err;
	char when[32], *s;

	time_format(ev->created, when, sizeof when);
	json_object_set_new(o, "text", json_text(ev->text, strlen(ev->text)));
	json_object_set_new(o, "event", json_string(ev->event));
	json_object_set_new(o, "id", json_integer(ev->id));
	json_object_set_new(o, "created", json_string(when));
	data = json_loads(ev->body, 0, &err);
	json_object_set_new(o, "data", data ? data :
	    json_text(ev->body, strlen(ev->body)));
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static void
sign(const char *secret, const char *body, char out[72])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	if (HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)body, strlen(body), mac, &len) == NULL ||
	    len != 32)
		fatal("HMAC-SHA256 failed in libcrypto");
	memcpy(out, "sha256=", 7);
	for (i = 0; i < len; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", mac[i]);
}

static size_t
on_answer(char *p, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;
	size_t len = size * n;

	if (b->len < ANSWER_KEEP)
		buf_add(b, p, len < ANSWER_KEEP - b->len ? len :
		    ANSWER_KEEP - b->len);
	return len;
}

/* One POST.  0 when the receiver took it; else -1 and err says why. */
static int
post(CURL *c, const struct webhook *h, const char *body,
    const struct webhook_options *o, long remaining_ms, char *err,
    size_t size)
{
	struct curl_slist *hdr = NULL;
	struct buf answer = BUF_INIT;
	char sig[80], errbuf[CURL_ERROR_SIZE] = "";
	long status = 0, timeout;
	CURLcode rc;
	size_t i;

	timeout = o->timeout_ms > 0 ? o->timeout_ms : 5000;
	if (remaining_ms < timeout)
		timeout = remaining_ms > 500 ? remaining_ms : 500;
	curl_easy_reset(c);
	hdr = curl_slist_append(hdr, "Content-Type: application/json");
	hdr = curl_slist_append(hdr, "User-Agent: warden/" WARDEN_VERSION);
	if (h->secret && *h->secret) {
		char line[100];

		sign(h->secret, body, sig);
		snprintf(line, sizeof line, "X-Warden-Signature: %s", sig);
		hdr = curl_slist_append(hdr, line);
	}
	curl_easy_setopt(c, CURLOPT_URL, h->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    o->connect_timeout_ms > 0 ? o->connect_timeout_ms : 3000L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_answer);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (o->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	/* The handle outlives this call (curl_easy_cleanup comes later):
	 * it must not keep pointers to what goes now. */
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, NULL);
	curl_slist_free_all(hdr);
	if (rc != CURLE_OK) {
		snprintf(err, size, "%.150s", errbuf[0] ? errbuf :
		    curl_easy_strerror(rc));
		buf_free(&answer);
		return -1;
	}
	if (status >= 200 && status < 300) {
		buf_free(&answer);
		return 0;
	}
	/* the receiver's words, printable bytes only: they go to a log */
	for (i = 0; i < answer.len; i++)
		if ((unsigned char)answer.s[i] < 0x20 ||
		    (unsigned char)answer.s[i] >= 0x7f)
			answer.s[i] = ' ';
	snprintf(err, size, "HTTP %ld%s%.120s", status, answer.len ? ": " : "",
	    buf_str(&answer));
	buf_free(&answer);
	return -1;
}

static long
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)((now.tv_sec - start->tv_sec) * 1000 +
	    (now.tv_nsec - start->tv_nsec) / 1000000);
}

int
webhook_deliver(struct store *s, const struct webhooks *w,
    const struct webhook_options *opt, struct webhook_report *rep,
    struct werr *e)
{
	struct webhook_options o = { 0 };
	struct outbox_hook *hooks;
	struct timespec start;
	long budget;
	CURL *c;
	size_t i, j;
	int64_t pending;
	int rc = 0;

	memset(rep, 0, sizeof *rep);
	if (opt)
		o = *opt;
	if (w == NULL || w->n == 0)
		return 0;
	if (webhooks_check(w, e) < 0)
		return -1;
	pthread_once(&once, global_init);
	if (global_rc != CURLE_OK)
		return werr_set(e, WE_UNAVAILABLE, "libcurl: %s",
		    curl_easy_strerror(global_rc));
	if ((c = curl_easy_init()) == NULL)
		return werr_set(e, WE_UNAVAILABLE, "libcurl: cannot start");
	budget = o.budget_ms > 0 ? o.budget_ms : 10000;
	clock_gettime(CLOCK_MONOTONIC, &start);
	hooks = xcalloc(w->n, sizeof *hooks);
	for (i = 0; i < w->n; i++) {
		hooks[i].name = w->v[i].name;
		hooks[i].events = w->v[i].events;
	}
	for (i = 0; i < w->n && rc == 0; i++) {
		struct outbox_event *ev = NULL;
		size_t n = 0;

		if (elapsed_ms(&start) >= budget)
			break;
		if (outbox_take(s, &hooks[i], o.max_events ? o.max_events : 100,
		    LEASE_S, &ev, &n, e) < 0) {
			rc = -1;
			break;
		}
		for (j = 0; j < n && rc == 0; j++) {
			char err[160], *body;
			long left = budget - elapsed_ms(&start);
			int64_t next;

			if (left <= 0) {
				/* out of time: the lease ends, it is due
				 * again then */
				break;
			}
			body = payload(&ev[j]);
			if (post(c, &w->v[i], body, &o, left, err, sizeof err)
			    == 0) {
				rc = outbox_delivered(s, w->v[i].name, ev[j].id,
				    e);
				rep->delivered++;
			} else {
				rc = outbox_failed(s, w->v[i].name, ev[j].id,
				    err, &next, e);
				rep->failed++;
				snprintf(rep->last_error, sizeof rep->last_error,
				    "%s: %s", w->v[i].name, err);
				/* a receiver that is down stays down for the
				 * rest of its batch: do not wait on it again */
				for (j++; rc == 0 && j < n; j++) {
					rc = outbox_failed(s, w->v[i].name,
					    ev[j].id, err, &next, e);
					rep->failed++;
				}
			}
			free(body);
		}
		outbox_events_free(ev, n);
	}
	curl_easy_cleanup(c);
	if (rc == 0) {
		pending = outbox_settle(s, hooks, w->n, e);
		if (pending < 0)
			rc = -1;
		else
			rep->pending = pending;
	}
	free(hooks);
	return rc;
}
