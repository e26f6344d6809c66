/* api/client.h: inside the HTTP store.  client.c turns queries and
 * actions into requests; transport.c sends them with libcurl and turns
 * every failure into a werr that names the URL.  Private to api/. */
#ifndef WARDEN_API_CLIENT_H
#define WARDEN_API_CLIENT_H

#include <curl/curl.h>
#include <jansson.h>

#include "api.h"

struct http_store {
	struct store store;	/* first: what the rest of warden holds */
	CURL *curl;		/* one handle: its connection is kept alive */
	char *base;		/* "http://127.0.0.1:8470", no trailing '/' */
	char *describe;		/* "http 127.0.0.1:8470" */
	struct curl_slist *auth;	/* the Authorization header alone */
	long timeout_ms;
	struct buf answer;	/* the body of the last answer */
	char errbuf[CURL_ERROR_SIZE];
};

struct http_call {
	const char *method;	/* "GET" or "POST" */
	const char *path;	/* "/v1/queue?status=open" */
	const char *body;	/* POST: JSON */
	const char *key;	/* POST: the Idempotency-Key */
	long status;		/* out: the final HTTP status */
	json_t *answer;		/* out: the JSON of a 2xx answer */
};

int http_transport_init(struct http_store *h, const struct http_options *o,
    struct werr *e);
void http_transport_free(struct http_store *h);
/* Sends the request, again when that is safe and may help; 0 and
 * call->answer on a 2xx JSON answer, else -1 and e. */
int http_call(struct http_store *h, struct http_call *call, struct werr *e);
/* A 2xx answer whose JSON is not what was asked for: e (set by the
 * decoder) is prefixed with the URL and made WE_UNAVAILABLE.  -1. */
int http_bad_answer(struct http_store *h, const struct http_call *call,
    struct werr *e);

#endif
