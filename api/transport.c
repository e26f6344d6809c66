/* api/transport.c: the HTTP store's requests over libcurl.
 *
 * One easy handle for the life of the store, so that its connection is
 * kept alive between requests.  Only http and https; TLS peers always
 * verified (a private CA is added with ca_file, never switched off);
 * redirects never followed, so that the token is only ever sent to the
 * address the moderator gave.  A request is sent again only when that is
 * safe — a GET, or a POST with an idempotency key, which the server
 * applies once however often it arrives — and only when it may help:
 * the connection failed or broke, or the server said 429 or 503.
 * Every failure names the request and says what happened. */
#include "client.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../data/json.h"
#include "http.h"

#define CONNECT_TIMEOUT_MS 5000
#define TIMEOUT_MS 30000
#define MAX_ATTEMPTS 4
#define BACKOFF_FIRST_MS 200
#define BACKOFF_MAX_MS 2000
/* Bodies larger than this ask the server first (Expect: 100-continue). */
#define EXPECT_ABOVE (64 * 1024)
/* A Retry-After longer than this is reported, not waited for. */
#define RETRY_AFTER_MAX_S 10
/* No answer of the API comes near this; a server that sends more is
 * not the API. */
#define MAX_ANSWER (64 * 1024 * 1024)

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc;

static void
global_init(void)
{
	global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t
on_data(char *p, size_t size, size_t n, void *ctx)
{
	struct http_store *h = ctx;
	size_t len = size * n;

	if (h->answer.len + len > MAX_ANSWER)
		return 0;	/* curl stops with CURLE_WRITE_ERROR */
	buf_add(&h->answer, p, len);
	return len;
}

/* The base URL as given, checked: http or https, a host, no user or
 * password (the token has its own way in), no query or fragment. */
static int
parse_base(struct http_store *h, const char *url, struct werr *e)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
	char *user = NULL, *query = NULL, *frag = NULL, *full = NULL;
	size_t n;
	int rc = -1;

	if (u == NULL)
		fatal("out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		werr_field(e, WE_USAGE, "api", "'%s' is not a URL of the API: "
		    "give http://HOST:PORT or https://HOST[:PORT][/PATH]", url);
		goto out;
	}
	curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
	curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
	curl_url_get(u, CURLUPART_PATH, &path, 0);
	curl_url_get(u, CURLUPART_USER, &user, 0);
	curl_url_get(u, CURLUPART_QUERY, &query, 0);
	curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
	if (scheme == NULL || (strcmp(scheme, "http") != 0 &&
	    strcmp(scheme, "https") != 0)) {
		werr_field(e, WE_USAGE, "api", "'%s': the API is reached over "
		    "http or https only", url);
		goto out;
	}
	if (host == NULL || *host == '\0') {
		werr_field(e, WE_USAGE, "api", "'%s' names no host", url);
		goto out;
	}
	if (user) {
		werr_field(e, WE_USAGE, "api", "'%s': no user or password in "
		    "the URL; the token comes from --token-file or "
		    "WARDEN_TOKEN", url);
		goto out;
	}
	if (query || frag) {
		werr_field(e, WE_USAGE, "api", "'%s': the API's URL takes no "
		    "query or fragment", url);
		goto out;
	}
	/* ".../v1" and ".../" mean the same base */
	n = path ? strlen(path) : 0;
	while (n > 0 && path[n - 1] == '/')
		path[--n] = '\0';
	if (n >= 3 && strcmp(path + n - 3, API_PREFIX) == 0)
		path[n - 3] = '\0';
	curl_url_set(u, CURLUPART_PATH, path && *path ? path : "/", 0);
	if (curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK) {
		werr_field(e, WE_USAGE, "api", "'%s' is not a URL", url);
		goto out;
	}
	n = strlen(full);
	while (n > 0 && full[n - 1] == '/')
		full[--n] = '\0';
	h->base = xstrdup(full);
	h->describe = xasprintf("%s %s:%s", scheme, host, port ? port : "?");
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(user);
	curl_free(query);
	curl_free(frag);
	curl_free(full);
	curl_url_cleanup(u);
	return rc;
}

int
http_transport_init(struct http_store *h, const struct http_options *o,
    struct werr *e)
{
	char *auth;
	long connect_ms, low_speed_s;
	CURL *c;

	pthread_once(&global_once, global_init);
	if (global_rc != CURLE_OK)
		return werr_set(e, WE_INTERNAL, "libcurl cannot start: %s",
		    curl_easy_strerror(global_rc));
	if (parse_base(h, o->url, e) < 0)
		return -1;
	h->curl = c = curl_easy_init();
	if (c == NULL)
		return werr_set(e, WE_INTERNAL, "libcurl cannot start");
	connect_ms = o->connect_timeout_ms > 0 ? o->connect_timeout_ms :
	    CONNECT_TIMEOUT_MS;
	h->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : TIMEOUT_MS;
	/* a server that stops sending for this long has stalled */
	low_speed_s = h->timeout_ms / 3000;
	if (low_speed_s < 1)
		low_speed_s = 1;
	if (low_speed_s > 10)
		low_speed_s = 10;
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file && curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file) !=
	    CURLE_OK)
		return werr_field(e, WE_USAGE, "ca-file", "%s: libcurl takes no "
		    "CA file", o->ca_file);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, low_speed_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(c, CURLOPT_MAXCONNECTS, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "warden/" WARDEN_VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, h);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	auth = xasprintf("Authorization: Bearer %s", o->token);
	h->auth = curl_slist_append(NULL, auth);
	explicit_bzero(auth, strlen(auth));
	free(auth);
	if (h->auth == NULL)
		fatal("out of memory");
	return 0;
}

/* Header lists hold a copy of the token: wiped before they go. */
static void
slist_wipe_free(struct curl_slist *l)
{
	struct curl_slist *p;

	for (p = l; p; p = p->next)
		explicit_bzero(p->data, strlen(p->data));
	curl_slist_free_all(l);
}

void
http_transport_free(struct http_store *h)
{
	if (h->curl)
		curl_easy_cleanup(h->curl);
	h->curl = NULL;
	slist_wipe_free(h->auth);
	h->auth = NULL;
	buf_free(&h->answer);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* "GET http://127.0.0.1:8470/v1/queue": the query string is left out,
 * it may name a marketplace user. */
static void
where(struct http_store *h, const struct http_call *call, char *out,
    size_t size)
{
	size_t n = strcspn(call->path, "?");

	snprintf(out, size, "%s %s%.*s", call->method, h->base, (int)n,
	    call->path);
}

static const char *
content_kind(const char *type)
{
	if (type == NULL || *type == '\0')
		return "no content type";
	if (strncasecmp(type, "text/html", 9) == 0)
		return "an HTML page";
	if (strncasecmp(type, "text/plain", 10) == 0)
		return "plain text";
	return type;
}

static bool
is_json(const char *type)
{
	return type && strncasecmp(type, "application/json", 16) == 0;
}

/* One attempt. */
static CURLcode
perform(struct http_store *h, const struct http_call *call,
    struct curl_slist *headers, long *status)
{
	char *url = xasprintf("%s%s", h->base, call->path);
	CURLcode rc;

	buf_reset(&h->answer);
	h->errbuf[0] = '\0';
	curl_easy_setopt(h->curl, CURLOPT_URL, url);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
	if (call->body) {
		curl_easy_setopt(h->curl, CURLOPT_POST, 1L);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, call->body);
		curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(call->body));
	} else {
		curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
	}
	rc = curl_easy_perform(h->curl);
	*status = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, status);
	free(url);
	return rc;
}

/* Could another attempt succeed where this one failed? */
static bool
transient(CURLcode rc, long status)
{
	switch (rc) {
	case CURLE_OK:
		return status == 429 || status == 503;
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return true;
	default:
		return false;
	}
}

/* A failure of the exchange itself: no answer came, or not all of it. */
static int
transport_error(struct http_store *h, const struct http_call *call,
    CURLcode rc, int attempts, struct werr *e)
{
	const char *detail = h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc);
	char w[600], tries[40];

	where(h, call, w, sizeof w);
	tries[0] = '\0';
	if (attempts > 1)
		snprintf(tries, sizeof tries, " (%d attempts)", attempts);
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return werr_set(e, WE_UNAVAILABLE, "%s: cannot find the host "
		    "(%s); check --api", w, detail);
	case CURLE_COULDNT_CONNECT:
		return werr_set(e, WE_UNAVAILABLE, "%s: cannot connect (%s)%s; "
		    "is warden serve running there?", w, detail, tries);
	case CURLE_OPERATION_TIMEDOUT:
		return werr_set(e, WE_TEMP, "%s: no complete answer within "
		    "%ld ms (%s); the server or the network stalled", w,
		    h->timeout_ms, detail);
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		return werr_set(e, WE_TEMP, "%s: the connection broke before "
		    "the answer came (%s)%s", w, detail, tries);
	case CURLE_PARTIAL_FILE:
		return werr_set(e, WE_TEMP, "%s: the answer was cut short "
		    "(%s)%s", w, detail, tries);
	case CURLE_WRITE_ERROR:
		return werr_set(e, WE_UNAVAILABLE, "%s: the answer is larger "
		    "than %d MB; that is not the API", w,
		    MAX_ANSWER / (1024 * 1024));
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_ISSUER_ERROR:
		return werr_set(e, WE_UNAVAILABLE, "%s: TLS failed (%s); a "
		    "server certificate from a private CA needs that CA's "
		    "certificate in --ca-file", w, detail);
	case CURLE_UNSUPPORTED_PROTOCOL:
		return werr_set(e, WE_USAGE, "%s: %s", w, detail);
	default:
		return werr_set(e, WE_UNAVAILABLE, "%s: %s", w, detail);
	}
}

/* An answer that is not 2xx. */
static int
status_error(struct http_store *h, const struct http_call *call,
    long status, struct werr *e)
{
	const char *type = NULL;
	char w[600];
	json_t *j;

	where(h, call, w, sizeof w);
	curl_easy_getinfo(h->curl, CURLINFO_CONTENT_TYPE, &type);
	if (status >= 300 && status < 400) {
		const char *to = NULL;

		curl_easy_getinfo(h->curl, CURLINFO_REDIRECT_URL, &to);
		return werr_set(e, WE_UNAVAILABLE, "%s: redirected (%ld) to %s; "
		    "warden follows no redirect, so that the token goes "
		    "nowhere else: if that is the API, give it as --api", w,
		    status, to ? to : "(no Location)");
	}
	if (is_json(type) && h->answer.len > 0) {
		struct werr said;

		j = json_loadb(h->answer.s, h->answer.len, JSON_ALLOW_NUL, NULL);
		/* The server's own words: they are about the request.  Not
		 * when it calls the failure "ok", which would make warden
		 * exit 0 on it. */
		if (j && error_from_json(j, &said) && said.kind != WE_OK) {
			if (e)
				*e = said;
			json_decref(j);
			return -1;
		}
		json_decref(j);
	}
	switch (status) {
	case 401:
		return werr_set(e, WE_AUTH, "%s: 401 Unauthorized, with %s "
		    "rather than the API's answer; check --api and the token",
		    w, content_kind(type));
	case 403:
		return werr_set(e, WE_PERM, "%s: 403 Forbidden, with %s rather "
		    "than the API's answer; check --api", w,
		    content_kind(type));
	case 429:
	case 502:
	case 503:
	case 504:
		return werr_set(e, WE_TEMP, "%s: the server or a proxy in front "
		    "of it is busy or down (HTTP %ld, with %s); try again "
		    "later", w, status, content_kind(type));
	default:
		return werr_set(e, WE_UNAVAILABLE, "%s: answered HTTP %ld with "
		    "%s, not the API's JSON; is --api the address of warden "
		    "serve?", w, status, content_kind(type));
	}
}

int
http_bad_answer(struct http_store *h, const struct http_call *call,
    struct werr *e)
{
	char w[600], why[480];

	where(h, call, w, sizeof w);
	snprintf(why, sizeof why, "%s", e ? e->msg : "");
	return werr_set(e, WE_UNAVAILABLE, "%s: the answer is not the API's "
	    "(%s)", w, why);
}

/* 2xx: the answer must be JSON. */
static int
read_answer(struct http_store *h, struct http_call *call, struct werr *e)
{
	const char *type = NULL;
	json_error_t jerr;
	char w[600];

	where(h, call, w, sizeof w);
	curl_easy_getinfo(h->curl, CURLINFO_CONTENT_TYPE, &type);
	if (!is_json(type))
		return werr_set(e, WE_UNAVAILABLE, "%s: answered HTTP %ld with "
		    "%s, not JSON; is --api the address of warden serve?", w,
		    call->status, content_kind(type));
	call->answer = json_loadb(h->answer.s ? h->answer.s : "",
	    h->answer.len, JSON_ALLOW_NUL, &jerr);
	if (call->answer == NULL)
		return werr_set(e, WE_UNAVAILABLE, "%s: the answer is not valid "
		    "JSON (%s at byte %d of %zu); it may have been cut short",
		    w, jerr.text, jerr.position, h->answer.len);
	return 0;
}

static long
backoff_ms(int attempt)
{
	long ms = BACKOFF_FIRST_MS << (attempt - 1);
	unsigned char r = 0;

	if (ms > BACKOFF_MAX_MS)
		ms = BACKOFF_MAX_MS;
	/* a little jitter, so that clients turned away together do not
	 * come back together */
	random_bytes(&r, 1);
	return ms + ms * r / 1024;
}

int
http_call(struct http_store *h, struct http_call *call, struct werr *e)
{
	struct curl_slist *headers = NULL, *p;
	bool safe = call->body == NULL || call->key != NULL;
	int attempt, rc = -1;
	CURLcode cr = CURLE_OK;

	call->answer = NULL;
	for (p = h->auth; p; p = p->next)
		headers = curl_slist_append(headers, p->data);
	headers = curl_slist_append(headers, "Accept: application/json");
	/* A small body goes at once; a large one waits for the server's
	 * "100 Continue", so that a server that refuses its size says so
	 * before the body is sent (and is not cut off mid-send). */
	headers = curl_slist_append(headers, call->body &&
	    strlen(call->body) > EXPECT_ABOVE ? "Expect: 100-continue" :
	    "Expect:");
	if (call->body)
		headers = curl_slist_append(headers,
		    "Content-Type: application/json");
	if (call->key) {
		char *k = xasprintf("Idempotency-Key: %s", call->key);

		headers = curl_slist_append(headers, k);
		free(k);
	}
	if (headers == NULL)
		fatal("out of memory");
	for (attempt = 1;; attempt++) {
		curl_off_t retry_after = 0;
		long wait;

		cr = perform(h, call, headers, &call->status);
		if (cr == CURLE_OK && call->status >= 200 &&
		    call->status < 300) {
			rc = read_answer(h, call, e);
			break;
		}
		if (!safe || attempt == MAX_ATTEMPTS ||
		    !transient(cr, call->status))
			break;
		wait = backoff_ms(attempt);
		if (cr == CURLE_OK) {
			curl_easy_getinfo(h->curl, CURLINFO_RETRY_AFTER,
			    &retry_after);
			if (retry_after > RETRY_AFTER_MAX_S)
				break;	/* reported, not waited for */
			if (retry_after > 0)
				wait = (long)retry_after * 1000;
		}
		sleep_ms(wait);
	}
	if (rc < 0 && call->answer == NULL) {
		if (cr != CURLE_OK)
			transport_error(h, call, cr, attempt, e);
		else if (call->status < 200 || call->status >= 300)
			status_error(h, call, call->status, e);
	}
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
	slist_wipe_free(headers);
	return rc;
}
