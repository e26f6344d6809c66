/* api/client.c: the HTTP store.  The same queries and actions as the
 * SQLite store, sent to the admin API (warden-api(7)): a query is
 * GET /v1/WHAT?PARAMS&cursor=&limit=, a batch of actions one
 * POST /v1/actions.  transport.c carries them. */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../data/json.h"
#include "client.h"
#include "http.h"

static struct http_store *
hs_of(struct store *s)
{
	return (struct http_store *)s;
}

static int
hs_query(struct store *st, const struct query *q, struct rows **out,
    struct werr *e)
{
	struct http_store *h = hs_of(st);
	struct http_call call;
	struct buf path = BUF_INIT;
	char sep = '?';
	size_t i, j;
	int rc;

	*out = NULL;
	if (q->what == NULL || *q->what == '\0')
		return werr_field(e, WE_NOTFOUND, "what", "no query ''");
	buf_adds(&path, API_PREFIX "/");
	url_escape(&path, q->what);
	for (i = 0; i < q->nparams; i++) {
		if (q->params[i].v == NULL)
			continue;
		/* the SQLite store reads the first of a repeated name */
		for (j = 0; j < i; j++)
			if (str_eq(q->params[j].k, q->params[i].k))
				break;
		if (j < i)
			continue;
		buf_addc(&path, sep);
		sep = '&';
		url_escape(&path, q->params[i].k);
		buf_addc(&path, '=');
		url_escape(&path, q->params[i].v);
	}
	if (q->cursor) {
		buf_printf(&path, "%ccursor=", sep);
		sep = '&';
		url_escape(&path, q->cursor);
	}
	if (q->limit != 0)
		buf_printf(&path, "%climit=%d", sep, q->limit);
	memset(&call, 0, sizeof call);
	call.method = "GET";
	call.path = path.s;
	rc = http_call(h, &call, e);
	if (rc == 0) {
		rc = rows_from_json(call.answer, out, e);
		if (rc < 0)
			http_bad_answer(h, &call, e);
	}
	json_decref(call.answer);
	buf_free(&path);
	return rc;
}

/* A key for a request the caller gave none: the request can then be
 * sent again after a lost answer, and the server applies it once. */
static char *
new_key(void)
{
	unsigned char raw[16];
	char hex[2 * sizeof raw + 1];
	size_t i;

	if (!random_bytes(raw, sizeof raw))
		fatal("no random bytes for an idempotency key");
	for (i = 0; i < sizeof raw; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	return xasprintf("wdn-%s", hex);
}

static int
read_results(struct http_store *h, struct http_call *call, size_t n,
    struct action_result *res, struct werr *e)
{
	const json_t *list = NULL;
	size_t i;

	if (n > 1) {
		list = json_object_get(call->answer, "results");
		if (!json_is_array(list) || json_array_size(list) != n) {
			werr_field(e, WE_INVALID, "results", "the answer holds "
			    "no list of %zu results", n);
			return http_bad_answer(h, call, e);
		}
	}
	for (i = 0; i < n; i++) {
		if (result_from_json(list ? json_array_get(list, i) :
		    call->answer, &res[i], e) < 0) {
			while (i > 0)
				action_result_free(&res[--i]);
			return http_bad_answer(h, call, e);
		}
	}
	return 0;
}

static int
hs_apply(struct store *st, struct action *acts, size_t n,
    struct action_result *res, struct werr *e)
{
	struct http_store *h = hs_of(st);
	struct http_call call;
	json_t *body;
	char *text, *key;
	size_t i;
	int rc;

	if (n == 0)
		return 0;
	if (n > API_MAX_BATCH)
		return werr_field(e, WE_USAGE, "actions", "a batch sent to the "
		    "API holds at most %d actions, not %zu; split it",
		    API_MAX_BATCH, n);
	if (n == 1 && acts[0].key &&
	    !api_header_word_ok(acts[0].key, API_KEY_MAX))
		return werr_field(e, WE_USAGE, "key", "an idempotency key sent "
		    "to the API is 1 to %d printable characters without "
		    "spaces", API_KEY_MAX);
	/* One action is sent as itself, more as {"actions": [...]}.  The
	 * actor is not sent: the server takes it from the token. */
	if (n == 1) {
		body = json_from_action(&acts[0]);
	} else {
		json_t *list = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(list, json_from_action(&acts[i]));
		body = json_object();
		json_object_set_new(body, "actions", list);
	}
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (text == NULL)
		fatal("out of memory encoding actions");
	/* The header carries the caller's key for one action; for a batch,
	 * each action's own key travels in the body and the header key
	 * stands for the rest. */
	key = n == 1 && acts[0].key ? xstrdup(acts[0].key) : new_key();
	memset(&call, 0, sizeof call);
	call.method = "POST";
	call.path = API_PREFIX "/actions";
	call.body = text;
	call.key = key;
	rc = http_call(h, &call, e);
	if (rc == 0)
		rc = read_results(h, &call, n, res, e);
	json_decref(call.answer);
	free(text);
	free(key);
	return rc;
}

static const char *
hs_describe(struct store *st)
{
	return hs_of(st)->describe;
}

static void
hs_close(struct store *st)
{
	struct http_store *h = hs_of(st);

	if (h == NULL)
		return;
	http_transport_free(h);
	free(h->base);
	free(h->describe);
	free(h);
}

static const struct store_ops http_ops = {
	.name = "http",
	.query = hs_query,
	.apply = hs_apply,
	.describe = hs_describe,
	.close = hs_close,
};

struct store *
http_store_open(const struct http_options *o, struct werr *e)
{
	struct http_store *h;

	if (o == NULL || o->url == NULL || *o->url == '\0') {
		werr_field(e, WE_USAGE, "api", "which API? give --api URL (or "
		    "set WARDEN_API)");
		return NULL;
	}
	if (o->token == NULL || *o->token == '\0') {
		werr_field(e, WE_AUTH, "token", "%s needs a token: give "
		    "--token-file FILE (mode 0600) or set WARDEN_TOKEN; a "
		    "moderator makes one with 'token create'", o->url);
		return NULL;
	}
	if (!api_header_word_ok(o->token, API_TOKEN_MAX)) {
		werr_field(e, WE_USAGE, "token", "the token is not one: at most "
		    "%d printable characters, no spaces", API_TOKEN_MAX);
		return NULL;
	}
	h = xcalloc(1, sizeof *h);
	h->store.ops = &http_ops;
	if (http_transport_init(h, o, e) < 0) {
		hs_close(&h->store);
		return NULL;
	}
	return &h->store;
}
