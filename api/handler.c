/* api/handler.c: one request to the admin API.  The path picks a store
 * query (GET) or the write path (POST /v1/actions); the bearer token
 * picks the moderator; the answer is data/json.c's encoding of rows,
 * results or an error.  Every answer, good or bad, is JSON.
 *
 * libmicrohttpd calls the handler first when the headers are in (the
 * route, the token and the declared size are checked then, so that no
 * body is read for a request that will be refused), then once per piece
 * of body, then once more with nothing: the request is complete. */
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "../data/json.h"
#include "http.h"

enum route_kind { ROUTE_NONE, ROUTE_QUERY, ROUTE_ACTIONS };

struct req {
	int64_t start_ms;
	char ip[48];
	char method[8];
	enum route_kind kind;
	char what[32];		/* the store query */
	char fixed_k[16];	/* a parameter the path gave: account=12 */
	char *fixed_v;
	char log_route[80];	/* what the log line says was asked */
	char *moderator;
	struct buf body;
	bool answered;
	unsigned status;
	size_t bytes;
};

/* ------------------------------------------------------------------ */
/* Answers */

static enum MHD_Result
reply(struct server *s, struct req *r, struct MHD_Connection *c,
    unsigned status, json_t *body, const char *hname, const char *hvalue)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *text = json_dumps(body, JSON_COMPACT);
	char *out;
	size_t len;

	json_decref(body);
	if (text == NULL)
		fatal("out of memory encoding an answer");
	out = xasprintf("%s\n", text);
	free(text);
	len = strlen(out);
	resp = MHD_create_response_from_buffer_with_free_callback(len, out,
	    free);
	if (resp == NULL) {
		free(out);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "application/json");
	/* answers hold moderation data: never kept by a cache */
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (hname)
		MHD_add_response_header(resp, hname, hvalue);
	if (s->draining)
		MHD_add_response_header(resp, "Connection", "close");
	ret = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	r->answered = true;
	r->status = status;
	r->bytes = len;
	return ret;
}

/* An error answer: the status from the kind unless one is given. */
static enum MHD_Result
reply_error(struct server *s, struct req *r, struct MHD_Connection *c,
    unsigned status, const struct werr *e)
{
	const char *hname = NULL;
	char hvalue[64];

	if (status == 0)
		status = (unsigned)werr_http_status(e->kind);
	hvalue[0] = '\0';
	if (status == 503) {
		/* busy (another writer holds the database) or unavailable */
		hname = "Retry-After";
		snprintf(hvalue, sizeof hvalue, "%d",
		    e->kind == WE_TEMP ? 1 : 5);
	} else if (status == 401) {
		hname = "WWW-Authenticate";
		snprintf(hvalue, sizeof hvalue, "Bearer realm=\"warden\"");
	}
	return reply(s, r, c, status, json_from_error(e), hname, hvalue);
}

static enum MHD_Result
refuse(struct server *s, struct req *r, struct MHD_Connection *c,
    unsigned status, enum werr_kind kind, const char *field,
    const char *hname, const char *hvalue, const char *fmt, ...)
    W_PRINTF(9, 10);

static enum MHD_Result
refuse(struct server *s, struct req *r, struct MHD_Connection *c,
    unsigned status, enum werr_kind kind, const char *field,
    const char *hname, const char *hvalue, const char *fmt, ...)
{
	struct werr e;
	va_list ap;

	werr_clear(&e);
	e.kind = kind;
	snprintf(e.field, sizeof e.field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	if (hname)
		return reply(s, r, c, status, json_from_error(&e), hname,
		    hvalue);
	return reply_error(s, r, c, status, &e);
}

/* ------------------------------------------------------------------ */
/* Routes: /v1/QUERY, /v1/actions, and resource paths for the queries
 * about one account, thread, escalation or template. */

/* Queries about one account: /v1/accounts/REF/SUB means SUB?account=REF.
 * Any other query is still there as /v1/QUERY?account=REF. */
static const char *const account_subs[] = { "breakdown", "flags",
	"threads", "history", "notes", "tags", "strikes", "vouches",
	"ratings", "appeals", "escalations", "marks", "ring", NULL };

/* A word from the request as the log may show it: nothing but
 * [a-z0-9._-], so that a crafted path cannot forge log lines. */
static void
log_word(char *out, size_t size, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		out[i] = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '.' || s[i] == '_' || s[i] == '-' ? s[i] : '?';
	if (size)
		out[i] = '\0';
}

static void
set_route(struct req *r, enum route_kind kind, const char *what,
    size_t what_len, const char *fixed_k, const char *fixed_v,
    size_t fixed_len)
{
	r->kind = kind;
	snprintf(r->what, sizeof r->what, "%.*s", (int)what_len, what);
	log_word(r->log_route, sizeof r->log_route, r->what);
	if (fixed_k) {
		snprintf(r->fixed_k, sizeof r->fixed_k, "%s", fixed_k);
		r->fixed_v = xstrndup(fixed_v, fixed_len);
	}
}

/* Sets the route, or returns false: no such path. */
static bool
route(struct req *r, const char *url)
{
	const char *p, *slash, *rest;
	size_t n;

	if (!str_prefix(url, API_PREFIX "/"))
		return false;
	p = url + strlen(API_PREFIX "/");
	slash = strchr(p, '/');
	n = slash ? (size_t)(slash - p) : strlen(p);
	if (n == 0 || n >= sizeof r->what)
		return false;
	if (slash == NULL) {
		set_route(r, strncmp(p, "actions", n) == 0 && n == 7 ?
		    ROUTE_ACTIONS : ROUTE_QUERY, p, n, NULL, NULL, 0);
		return true;
	}
	/* accounts/REF[/SUB] and threads/ID[/messages], templates/NAME */
	rest = slash + 1;
	slash = strchr(rest, '/');
	if (*rest == '\0' || (slash && slash == rest))
		return false;
	if (n == 8 && strncmp(p, "accounts", 8) == 0) {
		size_t rl = slash ? (size_t)(slash - rest) : strlen(rest);
		const char *sub = slash ? slash + 1 : NULL;
		size_t i;

		if (sub == NULL) {
			if (rest[0] == '@')
				set_route(r, ROUTE_QUERY, "account", 7,
				    "handle", rest + 1, rl - 1);
			else
				set_route(r, ROUTE_QUERY, "account", 7, "id",
				    rest, rl);
			return true;
		}
		for (i = 0; account_subs[i]; i++) {
			if (strcmp(sub, account_subs[i]) == 0) {
				set_route(r, ROUTE_QUERY, sub, strlen(sub),
				    "account", rest, rl);
				return true;
			}
		}
		return false;
	}
	if (n == 7 && strncmp(p, "threads", 7) == 0) {
		if (slash == NULL) {
			set_route(r, ROUTE_QUERY, "thread", 6, "id", rest,
			    strlen(rest));
			return true;
		}
		if (strcmp(slash + 1, "messages") == 0) {
			set_route(r, ROUTE_QUERY, "messages", 8, "thread",
			    rest, (size_t)(slash - rest));
			return true;
		}
		return false;
	}
	if (n == 11 && strncmp(p, "escalations", 11) == 0 && slash == NULL) {
		set_route(r, ROUTE_QUERY, "escalation", 10, "id", rest,
		    strlen(rest));
		return true;
	}
	if (n == 9 && strncmp(p, "templates", 9) == 0 && slash == NULL) {
		set_route(r, ROUTE_QUERY, "templates", 9, "name", rest,
		    strlen(rest));
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* The token */

static enum MHD_Result
authenticate(struct server *s, struct req *r, struct MHD_Connection *c,
    bool *ok)
{
	const char *h;
	char wait[16];
	unsigned secs;
	struct werr e;

	*ok = false;
	secs = guard_auth_wait(s, r->ip);
	if (secs > 0) {
		snprintf(wait, sizeof wait, "%u", secs);
		return refuse(s, r, c, 429, WE_TEMP, "Authorization",
		    "Retry-After", wait, "too many requests with a bad token "
		    "from this address; try again in %u seconds", secs);
	}
	h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (h == NULL)
		return refuse(s, r, c, 401, WE_AUTH, "Authorization",
		    "WWW-Authenticate", "Bearer realm=\"warden\"", "this API "
		    "needs a bearer token: 'Authorization: Bearer TOKEN' (a "
		    "moderator makes one with 'token create')");
	if (strncasecmp(h, "Bearer ", 7) != 0) {
		guard_auth_failed(s, r->ip);
		return refuse(s, r, c, 401, WE_AUTH, "Authorization",
		    "WWW-Authenticate", "Bearer realm=\"warden\"", "the "
		    "Authorization header must be 'Bearer TOKEN'");
	}
	h += 7;
	while (*h == ' ')
		h++;
	if (sqlite_store_token_moderator(s->store, h, &r->moderator, &e) < 0) {
		if (e.kind != WE_AUTH)
			return reply_error(s, r, c, 0, &e);
		guard_auth_failed(s, r->ip);
		werr_field(&e, WE_AUTH, "Authorization", "the token is not "
		    "valid (unknown, revoked, or its moderator is disabled)");
		return refuse(s, r, c, 401, WE_AUTH, "Authorization",
		    "WWW-Authenticate", "Bearer realm=\"warden\", "
		    "error=\"invalid_token\"", "%s", e.msg);
	}
	*ok = true;
	return MHD_YES;
}

/* ------------------------------------------------------------------ */
/* GET: a store query */

#define MAX_QUERY_PARAMS 16

struct qargs {
	struct param params[MAX_QUERY_PARAMS + 2];	/* + path, + whoami */
	size_t n;
	const char *cursor, *limit;
	struct werr e;
	bool failed;
};

static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    size_t key_size, const char *value, size_t value_size)
{
	struct qargs *a = cls;
	size_t i;

	(void)kind;
	if (value == NULL)
		value = "";
	if (key_size == 0 || key_size != strlen(key)) {
		werr_field(&a->e, WE_USAGE, "query", "a query parameter has "
		    "no name, or a NUL byte in its name");
		a->failed = true;
		return MHD_NO;
	}
	if (value_size != strlen(value)) {
		werr_field(&a->e, WE_USAGE, key, "the query parameter '%s' "
		    "holds a NUL byte", key);
		a->failed = true;
		return MHD_NO;
	}
	if ((a->cursor && strcmp(key, "cursor") == 0) ||
	    (a->limit && strcmp(key, "limit") == 0))
		goto twice;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->params[i].k, key) == 0)
			goto twice;
	if (strcmp(key, "cursor") == 0) {
		a->cursor = value;
	} else if (strcmp(key, "limit") == 0) {
		a->limit = value;
	} else if (a->n == MAX_QUERY_PARAMS) {
		werr_field(&a->e, WE_USAGE, key, "too many query parameters");
		a->failed = true;
		return MHD_NO;
	} else {
		a->params[a->n].k = (char *)key;
		a->params[a->n].v = (char *)value;
		a->n++;
	}
	return MHD_YES;
twice:
	werr_field(&a->e, WE_USAGE, key, "the query parameter '%s' is given "
	    "twice", key);
	a->failed = true;
	return MHD_NO;
}

static enum MHD_Result
do_query(struct server *s, struct req *r, struct MHD_Connection *c)
{
	struct qargs a;
	struct query q;
	struct rows *rows = NULL;
	struct werr e;
	int64_t limit = 0;
	size_t i;

	memset(&a, 0, sizeof a);
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
	if (a.failed)
		return reply_error(s, r, c, 0, &a.e);
	if (r->fixed_k[0]) {
		for (i = 0; i < a.n; i++)
			if (strcmp(a.params[i].k, r->fixed_k) == 0)
				return refuse(s, r, c, 0, WE_USAGE, r->fixed_k,
				    NULL, NULL, "'%s' is given by the path; "
				    "drop it from the query string",
				    r->fixed_k);
		a.params[a.n].k = r->fixed_k;
		a.params[a.n].v = r->fixed_v;
		a.n++;
	}
	if (a.limit && !str_to_i64(a.limit, 0, QUERY_LIMIT_MAX, &limit))
		return refuse(s, r, c, 0, WE_USAGE, "limit", NULL, NULL,
		    "limit must be a number from 1 to %d (0 or none: %d)",
		    QUERY_LIMIT_MAX, QUERY_LIMIT_DEFAULT);
	/* Over the API the moderator is the token's: whoami answers for it,
	 * whatever name the client guessed (its login name, say). */
	if (strcmp(r->what, "whoami") == 0) {
		for (i = 0; i < a.n; i++)
			if (strcmp(a.params[i].k, "name") == 0)
				break;
		if (i == a.n) {
			a.params[a.n].k = (char *)"name";
			a.n++;
		}
		a.params[i].v = r->moderator;
	}
	memset(&q, 0, sizeof q);
	q.what = r->what;
	q.params = a.params;
	q.nparams = a.n;
	q.cursor = a.cursor && *a.cursor ? a.cursor : NULL;
	q.limit = (int)limit;
	werr_clear(&e);
	if (store_query(s->store, &q, &rows, &e) < 0) {
		/* an unknown query is an unknown path */
		if (e.kind == WE_NOTFOUND && strcmp(e.field, "what") == 0)
			snprintf(e.field, sizeof e.field, "path");
		return reply_error(s, r, c, 0, &e);
	}
	snprintf(r->log_route, sizeof r->log_route, "%s %zu", r->what,
	    rows->nrows);
	{
		json_t *j = json_from_rows(rows);

		rows_free(rows);
		return reply(s, r, c, 200, j, NULL, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* POST /v1/actions */

static void
free_actions(struct action *acts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		action_free(&acts[i]);
	free(acts);
}

/* The body as actions: one action object, or {"actions": [...]}.  Each
 * gets the token's moderator as actor, and a key from the header unless
 * it has its own. */
static int
decode_actions(struct req *r, const json_t *doc, const char *hkey,
    struct action **out, size_t *n, bool *batch, struct werr *e)
{
	const json_t *list = NULL;
	struct action *acts;
	size_t i, count = 1;

	*out = NULL;
	*n = 0;
	*batch = json_is_object(doc) && json_object_get(doc, "actions");
	if (*batch) {
		const char *k;
		json_t *v;

		json_object_foreach((json_t *)doc, k, v) {
			if (strcmp(k, "actions") != 0)
				return werr_field(e, WE_INVALID, k, "unknown "
				    "field '%s' beside 'actions'", k);
		}
		list = json_object_get(doc, "actions");
		if (!json_is_array(list))
			return werr_field(e, WE_INVALID, "actions", "'actions' "
			    "must be an array of actions");
		count = json_array_size(list);
		if (count == 0 || count > API_MAX_BATCH)
			return werr_field(e, WE_INVALID, "actions", "a batch "
			    "holds from 1 to %d actions, not %zu",
			    API_MAX_BATCH, count);
	}
	acts = xcalloc(count, sizeof *acts);
	for (i = 0; i < count; i++) {
		struct action *a = &acts[i];

		if (action_from_json(*batch ? json_array_get(list, i) : doc, a,
		    e) < 0) {
			if (e)
				e->item = (long)i;
			free_actions(acts, i);
			return -1;
		}
		action_set_text(&a->actor, r->moderator);
		if (hkey && a->key == NULL) {
			char *k = *batch ? xasprintf("%s#%zu", hkey, i) :
			    xstrdup(hkey);

			free(a->key);
			a->key = k;
		} else if (hkey && !*batch && strcmp(hkey, a->key) != 0) {
			werr_field(e, WE_INVALID, "key", "the action's 'key' "
			    "and the Idempotency-Key header differ; send one "
			    "or make them the same");
			if (e)
				e->item = 0;
			free_actions(acts, i + 1);
			return -1;
		}
	}
	*out = acts;
	*n = count;
	return 0;
}

static void
log_kinds(struct req *r, const struct action *acts, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_adds(&b, "actions ");
	for (i = 0; i < n && i < 3; i++)
		buf_printf(&b, "%s%s", i ? "," : "",
		    action_spec(acts[i].kind)->name);
	if (n > 3)
		buf_printf(&b, "+%zu", n - 3);
	snprintf(r->log_route, sizeof r->log_route, "%s", b.s);
	buf_free(&b);
}

static enum MHD_Result
do_actions(struct server *s, struct req *r, struct MHD_Connection *c)
{
	const char *hkey;
	struct action *acts = NULL;
	struct action_result *res;
	json_error_t jerr;
	json_t *doc, *answer;
	struct werr e;
	size_t n, i;
	bool batch;
	enum MHD_Result ret;

	hkey = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Idempotency-Key");
	if (hkey && !api_header_word_ok(hkey, API_KEY_MAX))
		return refuse(s, r, c, 0, WE_USAGE, "Idempotency-Key", NULL,
		    NULL, "the Idempotency-Key header must be 1 to %d printable "
		    "characters without spaces", API_KEY_MAX);
	if (r->body.len == 0)
		return refuse(s, r, c, 0, WE_USAGE, "body", NULL, NULL,
		    "POST /v1/actions needs an action as JSON in the body");
	/* any JSON value parses, so that a string or an array is told it is
	 * not an action rather than that it is not JSON */
	doc = json_loadb(r->body.s, r->body.len, JSON_REJECT_DUPLICATES |
	    JSON_DECODE_ANY, &jerr);
	if (doc == NULL)
		return refuse(s, r, c, 0, WE_USAGE, "body", NULL, NULL, "the "
		    "body is not JSON: %s (line %d, column %d)", jerr.text,
		    jerr.line, jerr.column);
	werr_clear(&e);
	if (decode_actions(r, doc, hkey, &acts, &n, &batch, &e) < 0) {
		json_decref(doc);
		return reply_error(s, r, c, 0, &e);
	}
	json_decref(doc);
	log_kinds(r, acts, n);
	res = xcalloc(n, sizeof *res);
	if (store_apply(s->store, acts, n, res, &e) < 0) {
		free(res);
		free_actions(acts, n);
		return reply_error(s, r, c, 0, &e);
	}
	if (batch) {
		json_t *list = json_array();

		for (i = 0; i < n; i++)
			json_array_append_new(list, json_from_result(&res[i]));
		answer = json_object();
		json_object_set_new(answer, "results", list);
	} else {
		answer = json_from_result(&res[0]);
	}
	for (i = 0; i < n; i++)
		action_result_free(&res[i]);
	free(res);
	free_actions(acts, n);
	ret = reply(s, r, c, 200, answer, NULL, NULL);
	return ret;
}

/* ------------------------------------------------------------------ */

/* The first call: headers are in, no body read yet. */
static enum MHD_Result
begin(struct server *s, struct req *r, struct MHD_Connection *c,
    const char *url, const char *method)
{
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	bool post = strcmp(method, "POST") == 0;
	const char *len;
	enum MHD_Result ret;
	int64_t declared;
	bool ok;

	if (!route(r, url))
		return refuse(s, r, c, 404, WE_NOTFOUND, "path", NULL, NULL,
		    "no such path; the API is under " API_PREFIX "/ (see "
		    "warden-api(7))");
	if (r->kind == ROUTE_ACTIONS && !post)
		return refuse(s, r, c, 405, WE_USAGE, "method", "Allow",
		    "POST", "%s: every write is a POST to " API_PREFIX
		    "/actions", method);
	if (r->kind == ROUTE_QUERY && !get)
		return refuse(s, r, c, 405, WE_USAGE, "method", "Allow",
		    "GET, HEAD", "%s: queries are read with GET; writes are "
		    "POST " API_PREFIX "/actions", method);
	ret = authenticate(s, r, c, &ok);
	if (!ok || get)
		return ret;	/* a GET is answered on the next call: an answer
				 * queued this early would close the
				 * connection instead of keeping it alive */
	len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (len && str_to_i64(len, 0, INT64_MAX, &declared) &&
	    (uint64_t)declared > s->cfg.max_body)
		return refuse(s, r, c, 413, WE_USAGE, "body", NULL, NULL,
		    "the request is %lld bytes; this server takes at most %zu "
		    "(warden serve --max-body): send fewer actions at a time",
		    (long long)declared, s->cfg.max_body);
	return MHD_YES;
}

enum MHD_Result
handle_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req_cls)
{
	struct server *s = cls;
	struct req *r = *req_cls;
	struct conn *k;

	(void)version;
	if (r == NULL) {
		r = xcalloc(1, sizeof *r);
		*req_cls = r;
		r->start_ms = server_now_ms();
		k = guard_conn_of(c);
		snprintf(r->ip, sizeof r->ip, "%s", k ? k->ip : "-");
		log_word(r->method, sizeof r->method, method);
		snprintf(r->log_route, sizeof r->log_route, "-");
		s->in_flight++;
		return begin(s, r, c, url, method);
	}
	if (r->answered) {
		/* refused early: the rest of the body is not wanted */
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (r->body.len + *upload_size > s->cfg.max_body) {
			/* No answer can be queued in the middle of a body:
			 * the connection is closed. */
			snprintf(r->log_route, sizeof r->log_route,
			    "actions (body over %zu bytes)", s->cfg.max_body);
			return MHD_NO;
		}
		buf_add(&r->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->kind == ROUTE_QUERY)
		return do_query(s, r, c);	/* a body, if any, is ignored */
	return do_actions(s, r, c);
}

void
request_completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	static const char *const why[] = {
		[MHD_REQUEST_TERMINATED_COMPLETED_OK] = "",
		[MHD_REQUEST_TERMINATED_WITH_ERROR] = " (ended by an error)",
		[MHD_REQUEST_TERMINATED_TIMEOUT_REACHED] = " (timed out)",
		[MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN] = " (server stopped)",
		[MHD_REQUEST_TERMINATED_READ_ERROR] = " (connection broken)",
		[MHD_REQUEST_TERMINATED_CLIENT_ABORT] = " (client went away)",
	};
	struct server *s = cls;
	struct req *r = *req_cls;
	struct conn *k = guard_conn_of(c);

	/* The deadline of the connection starts again with its next
	 * request. */
	if (k)
		k->since_ms = server_now_ms();
	if (r == NULL)
		return;
	if (!s->cfg.quiet) {
		char status[8];

		if (r->answered)
			snprintf(status, sizeof status, "%u", r->status);
		else
			snprintf(status, sizeof status, "-");
		/* No token and no query string: the log holds no secret and
		 * no marketplace user's data. */
		fprintf(stderr, "warden serve: %s %s %s %s %s %zub %lldms%s\n",
		    r->ip, r->moderator ? r->moderator : "-", r->method,
		    r->log_route, status, r->answered ? r->bytes : 0,
		    (long long)(server_now_ms() - r->start_ms),
		    (size_t)toe < W_NELEM(why) && why[toe] ? why[toe] : "");
	}
	s->in_flight--;
	free(r->fixed_v);
	free(r->moderator);
	buf_free(&r->body);
	free(r);
	*req_cls = NULL;
}
