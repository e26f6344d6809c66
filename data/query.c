/* data/query.c: the read side of the SQLite store.  Every list is a keyset
 * page: the cursor carries the sort key of the last row shown, and the
 * next page starts strictly after it, so no query walks an OFFSET. */
#include "sq.h"
#include "detect.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qctx {
	const struct query *q;
	int limit;
	int64_t now;
};

typedef int (*query_fn)(struct sq *, struct qctx *, struct rows **,
    struct werr *);

static const char *
qp(const struct qctx *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->q->nparams; i++)
		if (strcmp(c->q->params[i].k, name) == 0)
			return c->q->params[i].v && *c->q->params[i].v ?
			    c->q->params[i].v : NULL;
	return NULL;
}

static int
bad_cursor(struct werr *e)
{
	return werr_field(e, WE_USAGE, "cursor", "the page cursor is not one "
	    "this query gave out; start from the first page");
}

/* Drops the row past the page and sets the next cursor from the last row
 * kept, formatted by fn. */
static void
page_finish(struct rows *r, int limit,
    void (*fn)(const struct rows *, size_t, struct buf *))
{
	struct buf b = BUF_INIT;
	size_t j;

	if (r->nrows <= (size_t)limit) {
		rows_set_next(r, NULL);
		return;
	}
	for (j = 0; j < r->ncols; j++)
		free(r->cells[(size_t)limit * r->ncols + j].s);
	r->nrows = (size_t)limit;
	fn(r, (size_t)limit - 1, &b);
	rows_set_next(r, buf_str(&b));
	buf_free(&b);
}

static void
cursor_id(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "%lld", (long long)rows_int(r, row, "id", 0));
}

static int
parse_id_cursor(const char *cursor, int64_t *id, struct werr *e)
{
	*id = INT64_MAX;
	if (cursor == NULL)
		return 0;
	if (!str_to_i64(cursor, 1, INT64_MAX, id))
		return bad_cursor(e);
	return 0;
}

/* "A:B": the cursor of a list ordered by a time (or a count) and an id.
 * Left as they are when there is no cursor. */
static int
parse_pair_cursor(const char *cursor, int64_t *a, int64_t *b, struct werr *e)
{
	long long x, y;
	int n = 0;

	if (cursor == NULL)
		return 0;
	if (sscanf(cursor, "%lld:%lld%n", &x, &y, &n) != 2 || cursor[n])
		return bad_cursor(e);
	*a = x;
	*b = y;
	return 0;
}

/* "12" or "@handle": an account that exists. */
static int
resolve_account(struct sq *s, const char *text, const char *field,
    int64_t *id, struct werr *e)
{
	int rc;

	if (text == NULL)
		return werr_field(e, WE_USAGE, field, "'%s' is needed: an "
		    "account id or @handle", field);
	if (text[0] == '@') {
		rc = sq_int(s, e, id, "SELECT id FROM account WHERE handle = ?",
		    "t", text + 1);
		if (rc == 0)
			return werr_field(e, WE_NOTFOUND, field,
			    "no account with handle %s", text);
		return rc < 0 ? -1 : 0;
	}
	if (!str_to_i64(text, 1, INT64_MAX, id))
		return werr_field(e, WE_USAGE, field, "'%s' is not an account: "
		    "give an id or @handle", text);
	rc = sq_int(s, e, id, "SELECT id FROM account WHERE id = ?", "i", *id);
	if (rc == 0)
		return werr_field(e, WE_NOTFOUND, field, "no account %s", text);
	return rc < 0 ? -1 : 0;
}

static int
opt_account(struct sq *s, struct qctx *c, const char *field, int64_t *id,
    struct werr *e)
{
	*id = 0;
	if (qp(c, field) == NULL)
		return 0;
	return resolve_account(s, qp(c, field), field, id, e);
}

static int
opt_word(struct qctx *c, const char *field, const char *const *list,
    const char **out, struct werr *e)
{
	char *words;

	*out = qp(c, field);
	if (*out == NULL || word_in(*out, list))
		return 0;
	words = word_list(list);
	werr_field(e, WE_USAGE, field, "%s '%s' is not one of %s", field,
	    *out, words);
	free(words);
	return -1;
}

static int
opt_int(struct qctx *c, const char *field, int64_t min, int64_t max,
    int64_t *out, int64_t dflt, struct werr *e)
{
	const char *v = qp(c, field);

	*out = dflt;
	if (v == NULL)
		return 0;
	if (!str_to_i64(v, min, max, out))
		return werr_field(e, WE_USAGE, field, "%s '%s' is not a "
		    "number from %lld to %lld", field, v, (long long)min,
		    (long long)max);
	return 0;
}

static int
opt_time(struct qctx *c, const char *field, int64_t *out, struct werr *e)
{
	const char *v = qp(c, field);

	*out = 0;
	if (v == NULL)
		return 0;
	if (!time_parse(v, c->now, out))
		return werr_field(e, WE_USAGE, field, "%s '%s' is not a time: "
		    "use 2026-11-22, 2026-11-22T10:00 or -7d", field, v);
	return 0;
}

static int64_t
claim_cutoff(struct sq *s, int64_t now)
{
	return now - (int64_t)(sq_rule(s, "claim_idle_minutes") * 60);
}

/* ------------------------------------------------------------------ */

static void
cursor_queue_priority(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "p:%.17g:%lld", rows_real(r, row, "pkey", 0),
	    (long long)rows_int(r, row, "id", 0));
}

static void
cursor_queue_age(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "a:%lld:%lld", (long long)rows_int(r, row, "oldest", 0),
	    (long long)rows_int(r, row, "id", 0));
}

static void
cursor_queue_flags(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "f:%lld:%lld", (long long)rows_int(r, row, "flags", 0),
	    (long long)rows_int(r, row, "id", 0));
}

/* The columns every queue variant shows, and its filters.  ?1 now, ?2
 * claim cutoff, ?3 age weight, ?4 status, ?5 trust, ?6 claimed (a name,
 * "none" or "any"), ?7 reason, ?8 limit, ?9 and ?10 the cursor. */
#define QUEUE_COLS \
	"SELECT a.id, a.handle, a.display_name, a.trust_level AS trust, " \
	"a.status, a.open_flags AS flags, a.top_reason AS reason, " \
	"a.oldest_flag_at AS oldest, " \
	"CASE WHEN a.claimed_at > ?2 THEN a.claimed_by END AS claimed_by, " \
	"round(a.queue_priority + ?3 * ?1 / 86400.0, 1) AS priority, " \
	"a.queue_priority AS pkey "
/* Every flagged account, walked in the order of the sort's index; or,
 * for a status other than active (few accounts), those of the status
 * from its index, then sorted: a walk would pass every active one. */
#define QUEUE_ALL QUEUE_COLS "FROM account a WHERE a.open_flags > 0 "
#define QUEUE_RARE QUEUE_COLS "FROM account a INDEXED BY account_status " \
	"WHERE a.status = ?4 AND a.open_flags > 0 "
#define QUEUE_AGE(from, after) from after QUEUE_FILTERS \
	"ORDER BY a.oldest_flag_at, a.id LIMIT ?8"
#define QUEUE_AGE_AFTER "AND (a.oldest_flag_at, a.id) > (?9, ?10) "
#define QUEUE_FLAGS(from, after) from after QUEUE_FILTERS \
	"ORDER BY a.open_flags DESC, a.id DESC LIMIT ?8"
#define QUEUE_FLAGS_AFTER \
	"AND (a.open_flags < ?9 OR (a.open_flags = ?9 AND a.id < ?10)) "
#define QUEUE_PRIO(from, after) from after QUEUE_FILTERS \
	"ORDER BY a.queue_priority DESC, a.id DESC LIMIT ?8"
#define QUEUE_PRIO_AFTER "AND (a.queue_priority, a.id) < (?9, ?10) "
#define QUEUE_FILTERS \
	"AND (?4 IS NULL OR a.status = ?4) " \
	"AND (?5 IS NULL OR a.trust_level = ?5) " \
	"AND (?6 IS NULL OR (?6 = 'none' AND (a.claimed_by IS NULL OR " \
	"  a.claimed_at <= ?2)) OR (?6 = 'any' AND a.claimed_at > ?2 AND " \
	"  a.claimed_by IS NOT NULL) OR (a.claimed_by = ?6 AND " \
	"  a.claimed_at > ?2)) " \
	"AND (?7 IS NULL OR EXISTS (SELECT 1 FROM flag f WHERE " \
	"  f.account_id = a.id AND f.status = 'open' AND f.reason = ?7)) "

/* [priority, age, flags][all, a rare status][first page, a later one] */
#define QUEUE_BY(sort) { \
	{ sort(QUEUE_ALL, ""), sort(QUEUE_ALL, sort##_AFTER) }, \
	{ sort(QUEUE_RARE, ""), sort(QUEUE_RARE, sort##_AFTER) } }
static const char *const queue_sql[3][2][2] = {
	QUEUE_BY(QUEUE_PRIO), QUEUE_BY(QUEUE_AGE), QUEUE_BY(QUEUE_FLAGS),
};

static int
q_queue(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *status, *reason, *sort = qp(c, "sort"), *claimed;
	const char *cursor = c->q->cursor, *sql;
	static const char *const sorts[] = { "priority", "age", "flags", NULL };
	void (*cursor_fn)(const struct rows *, size_t, struct buf *);
	sqlite3_stmt *st;
	int64_t trust, ck1 = 0, cid = 0;
	double ckp = 0;
	char kind = 'p';
	bool rare;
	int n = 0, sort_i;

	if (opt_word(c, "status", account_statuses, &status, e) < 0 ||
	    opt_word(c, "reason", flag_reasons, &reason, e) < 0 ||
	    opt_word(c, "sort", sorts, &sort, e) < 0 ||
	    opt_int(c, "trust", 0, 4, &trust, -1, e) < 0)
		return -1;
	claimed = qp(c, "claimed");
	if (sort)
		kind = sort[0];
	if (cursor) {
		long long id;

		/* "p:PRIORITY:ID", "a:OLDEST:ID" or "f:FLAGS:ID", of this
		 * sort */
		if (cursor[0] != kind || cursor[1] != ':')
			return bad_cursor(e);
		if (kind == 'p') {
			if (sscanf(cursor + 2, "%lf:%lld%n", &ckp, &id, &n) != 2
			    || cursor[n + 2] || !isfinite(ckp))
				return bad_cursor(e);
			cid = id;
		} else if (parse_pair_cursor(cursor + 2, &ck1, &cid, e) < 0)
			return -1;
	}
	/* One statement per sort, status kind and cursor, so that each is
	 * a walk of its index (see tests: query plan). */
	rare = status && strcmp(status, "active") != 0;
	sort_i = kind == 'a' ? 1 : kind == 'f' ? 2 : 0;
	cursor_fn = sort_i == 1 ? cursor_queue_age : sort_i == 2 ?
	    cursor_queue_flags : cursor_queue_priority;
	sql = queue_sql[sort_i][rare][cursor != NULL];
	st = sq_prep(s, sql, e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->now);
	sqlite3_bind_int64(st, 2, claim_cutoff(s, c->now));
	sqlite3_bind_double(st, 3, sq_rule(s, "age_per_day"));
	if (status)
		sqlite3_bind_text(st, 4, status, -1, SQLITE_TRANSIENT);
	if (trust >= 0)
		sqlite3_bind_int64(st, 5, trust);
	if (claimed)
		sqlite3_bind_text(st, 6, claimed, -1, SQLITE_TRANSIENT);
	if (reason)
		sqlite3_bind_text(st, 7, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 8, c->limit + 1);
	if (cursor) {
		if (kind == 'p')
			sqlite3_bind_double(st, 9, ckp);
		else
			sqlite3_bind_int64(st, 9, ck1);
		sqlite3_bind_int64(st, 10, cid);
	}
	if (sq_collect(s, e, st, out) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_fn);
	return 0;
}

static void
cursor_handle(const struct rows *r, size_t row, struct buf *b)
{
	const char *h = rows_text(r, row, "handle");

	buf_adds(b, h ? h : "");
}

static int
q_accounts(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *status, *prefix = qp(c, "q");
	struct buf hi = BUF_INIT;
	int64_t trust;
	int rc;

	if (opt_word(c, "status", account_statuses, &status, e) < 0 ||
	    opt_int(c, "trust", 0, 4, &trust, -1, e) < 0)
		return -1;
	if (prefix && prefix[0] == '@')
		prefix++;
	/* A handle prefix as a range, so that the UNIQUE index serves it:
	 * [prefix, prefix + U+10FFFF). */
	buf_adds(&hi, prefix ? prefix : "");
	buf_adds(&hi, "\xf4\x8f\xbf\xbf");
	rc = sq_rows(s, e, out, "SELECT id, handle, display_name, "
	    "trust_level AS trust, status, open_flags AS flags, created "
	    "FROM account WHERE handle >= ?1 AND handle < ?2 AND handle > ?3 "
	    "AND (?4 IS NULL OR status = ?4) AND (?5 < 0 OR trust_level = ?5) "
	    "ORDER BY handle LIMIT ?6", "ttttii", prefix ? prefix : "",
	    hi.s, c->q->cursor ? c->q->cursor : "", status, trust,
	    (int64_t)c->limit + 1);
	buf_free(&hi);
	if (rc < 0)
		return -1;
	page_finish(*out, c->limit, cursor_handle);
	return 0;
}

static int
q_account(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *ref = qp(c, "id") ? qp(c, "id") : qp(c, "handle");
	struct buf b = BUF_INIT;
	int64_t id;
	int rc;

	if (qp(c, "handle") && qp(c, "handle")[0] != '@') {
		buf_printf(&b, "@%s", qp(c, "handle"));
		ref = b.s;
	}
	rc = resolve_account(s, ref, qp(c, "id") ? "id" : "handle", &id, e);
	buf_free(&b);
	if (rc < 0)
		return -1;
	return sq_rows(s, e, out, "SELECT a.id, a.handle, a.display_name, "
	    "mask_email(a.email) AS email, mask_phone(a.phone) AS phone, "
	    "a.created, a.last_seen, a.status, a.suspended_until, "
	    "a.trust_level AS trust, a.trust_score AS score, "
	    "a.trust_locked AS locked, a.phone_verified_at, "
	    "(SELECT group_concat(network, ',') FROM (SELECT network FROM "
	    "  social WHERE account_id = a.id ORDER BY network)) AS social, "
	    "a.completed_tx AS transactions, round(a.rating_avg, 2) AS rating, "
	    "a.rating_count AS ratings, a.open_flags AS open_flags, "
	    "(SELECT count(*) FROM flag WHERE account_id = a.id) AS flags_total, "
	    "(SELECT count(*) FROM flag WHERE account_id = a.id AND "
	    "  status = 'upheld') AS flags_upheld, "
	    "(SELECT count(*) FROM strike WHERE account_id = a.id AND "
	    "  status = 'active') AS strikes, "
	    "(SELECT group_concat(tag, ',') FROM (SELECT tag FROM tag WHERE "
	    "  account_id = a.id ORDER BY tag)) AS tags, "
	    "a.top_reason AS top_reason, "
	    "CASE WHEN a.open_flags > 0 THEN round(a.queue_priority + "
	    "  ?3 * ?1 / 86400.0, 1) END AS priority, "
	    "CASE WHEN a.claimed_at > ?2 THEN a.claimed_by END AS claimed_by, "
	    "CASE WHEN a.claimed_at > ?2 THEN a.claimed_at END AS claimed_at, "
	    "a.reports_upheld, a.reports_dismissed, "
	    "(SELECT CASE WHEN m.until IS NULL THEN 'always' ELSE m.until END "
	    "  FROM muted_reporter m WHERE m.account_id = a.id AND "
	    "  (m.until IS NULL OR m.until > ?1)) AS muted_until "
	    "FROM account a WHERE a.id = ?4", "iidi", c->now,
	    claim_cutoff(s, c->now), sq_rule(s, "age_per_day"), id);
}

static int
q_breakdown(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t id;

	if (resolve_account(s, qp(c, "account"), "account", &id, e) < 0)
		return -1;
	return trust_breakdown(s, id, out, e);
}

/* ?1 now, ?2 the cursor, ?3 account, ?4 reporter, ?5 status, ?6 reason,
 * ?7 limit. */
#define FLAGS_SELECT \
	"SELECT f.id, f.account_id, a.handle, " \
	"f.reason, f.severity, f.status, f.created, f.deadline, " \
	"coalesce('@' || r.handle, 'detector:' || f.detector) AS reporter, " \
	"r.trust_level AS reporter_trust, " \
	"r.reports_upheld AS reporter_upheld, " \
	"r.reports_dismissed AS reporter_dismissed, " \
	"(m.account_id IS NOT NULL AND (m.until IS NULL OR m.until > ?1)) " \
	"  AS reporter_muted, " \
	"f.message_id, f.detail, f.resolved_by, f.resolved_at, " \
	"f.outcome_note FROM flag f " \
	"JOIN account a ON a.id = f.account_id " \
	"LEFT JOIN account r ON r.id = f.reporter_id " \
	"LEFT JOIN muted_reporter m ON m.account_id = f.reporter_id "
#define FLAGS_FILTERS \
	"AND f.id < ?2 AND (?3 IS NULL OR f.account_id = ?3) " \
	"AND (?4 IS NULL OR f.reporter_id = ?4) " \
	"AND (?5 IS NULL OR f.status = ?5) AND (?6 IS NULL OR f.reason = ?6) " \
	"ORDER BY f.id DESC LIMIT ?7"

static int
q_flags(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *status, *reason, *sql;
	int64_t account, reporter, after;

	if (opt_account(s, c, "account", &account, e) < 0 ||
	    opt_account(s, c, "reporter", &reporter, e) < 0 ||
	    opt_word(c, "status", flag_statuses, &status, e) < 0 ||
	    opt_word(c, "reason", flag_reasons, &reason, e) < 0 ||
	    parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	/* The planner cannot see which of "?3 IS NULL OR ..." holds: the
	 * account's or the reporter's flags are said outright, so that they
	 * come from their index rather than a walk of every flag. */
	if (account)
		sql = FLAGS_SELECT "WHERE f.account_id = ?3 " FLAGS_FILTERS;
	else if (reporter)
		sql = FLAGS_SELECT "WHERE f.reporter_id = ?4 " FLAGS_FILTERS;
	else
		sql = FLAGS_SELECT "WHERE 1 " FLAGS_FILTERS;
	if (sq_rows(s, e, out, sql, "iiIItti", c->now, after, account,
	    reporter, status, reason, (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

static void
cursor_threads(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "%lld:%lld", (long long)rows_int(r, row, "last_at", 0),
	    (long long)rows_int(r, row, "id", 0));
}

static int
q_threads(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account, at = INT64_MAX, id = INT64_MAX;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0)
		return -1;
	if (parse_pair_cursor(c->q->cursor, &at, &id, e) < 0)
		return -1;
	if (sq_rows(s, e, out, "SELECT t.id, t.subject, t.listing, p.role, "
	    "(SELECT group_concat('@' || a.handle, ' ') FROM participant o "
	    "  JOIN account a ON a.id = o.account_id WHERE o.thread_id = t.id "
	    "  AND o.account_id <> ?1) AS counterpart, "
	    "(SELECT count(*) FROM message m WHERE m.thread_id = t.id) "
	    "  AS messages, "
	    "(SELECT count(*) FROM flag f JOIN message m ON m.id = f.message_id "
	    "  WHERE m.thread_id = t.id) AS flagged, "
	    "t.created, t.last_at FROM participant p "
	    "JOIN thread t ON t.id = p.thread_id WHERE p.account_id = ?1 "
	    "AND (t.last_at < ?2 OR (t.last_at = ?2 AND t.id < ?3)) "
	    "ORDER BY t.last_at DESC, t.id DESC LIMIT ?4", "iiii", account, at,
	    id, (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_threads);
	return 0;
}

static int
q_thread(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t id;

	if (opt_int(c, "id", 1, INT64_MAX, &id, 0, e) < 0)
		return -1;
	if (id == 0)
		return werr_field(e, WE_USAGE, "id", "thread needs an id");
	if (sq_rows(s, e, out, "SELECT t.id, t.subject, t.listing, t.created, "
	    "t.last_at, (SELECT group_concat('@' || a.handle || ' (' || "
	    "  p.role || ')', ', ') FROM participant p JOIN account a ON "
	    "  a.id = p.account_id WHERE p.thread_id = t.id) AS participants, "
	    "(SELECT count(*) FROM message m WHERE m.thread_id = t.id) "
	    "  AS messages FROM thread t WHERE t.id = ?", "i", id) < 0)
		return -1;
	if ((*out)->nrows == 0) {
		rows_free(*out);
		*out = NULL;
		return werr_field(e, WE_NOTFOUND, "id", "no thread %lld",
		    (long long)id);
	}
	return 0;
}

static void
cursor_messages(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "%lld:%lld", (long long)rows_int(r, row, "sent_at", 0),
	    (long long)rows_int(r, row, "id", 0));
}

static int
q_messages(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t thread, at = INT64_MIN, id = INT64_MIN, found;

	if (opt_int(c, "thread", 1, INT64_MAX, &thread, 0, e) < 0)
		return -1;
	if (thread == 0)
		return werr_field(e, WE_USAGE, "thread", "messages needs a "
		    "thread id");
	if (sq_int(s, e, &found, "SELECT id FROM thread WHERE id = ?", "i",
	    thread) == 0)
		return werr_field(e, WE_NOTFOUND, "thread", "no thread %lld",
		    (long long)thread);
	if (parse_pair_cursor(c->q->cursor, &at, &id, e) < 0)
		return -1;
	if (sq_rows(s, e, out, "SELECT m.id, m.thread_id, m.sender_id, "
	    "a.handle AS sender, p.role, m.sent_at, m.channel, m.body, "
	    "m.hidden, m.hidden_reason, m.hidden_by, "
	    "(SELECT count(*) FROM flag f WHERE f.message_id = m.id) AS flags "
	    "FROM message m JOIN account a ON a.id = m.sender_id "
	    "LEFT JOIN participant p ON p.thread_id = m.thread_id AND "
	    "  p.account_id = m.sender_id WHERE m.thread_id = ?1 "
	    "AND (m.sent_at > ?2 OR (m.sent_at = ?2 AND m.id > ?3)) "
	    "ORDER BY m.sent_at, m.id LIMIT ?4", "iiii", thread, at, id,
	    (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_messages);
	return 0;
}

/* The moderator's words as an FTS5 query: each word a quoted string (so
 * that FTS5's own syntax — AND, NEAR, quotes, colons — is never read from
 * what was typed), all of them required; with prefix, each a prefix. */
static char *
fts_query(const char *text, bool prefix)
{
	struct buf b = BUF_INIT;
	const char *p = text;

	while (*p) {
		const char *start;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '@')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p == start)
			continue;
		if (b.len)
			buf_addc(&b, ' ');
		buf_addc(&b, '"');
		for (; start < p; start++) {
			if (*start == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *start);
		}
		buf_addc(&b, '"');
		if (prefix)
			buf_addc(&b, '*');
	}
	return buf_steal(&b);
}

static void
cursor_search(const struct rows *r, size_t row, struct buf *b)
{
	const char *kind = rows_text(r, row, "kind");

	buf_printf(b, "%c:%lld", kind && kind[0] == 'a' ? 'a' : 'm',
	    (long long)rows_int(r, row, "id", 0));
}

static int
q_search(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *text = qp(c, "q"), *cursor = c->q->cursor;
	char *accq, *msgq, phase = 'a';
	int64_t after = INT64_MAX;
	int n = 0, rc = 0;

	if (text == NULL)
		return werr_field(e, WE_USAGE, "q", "search needs some words");
	if (cursor && (sscanf(cursor, "%c:%lld%n", &phase, (long long *)&after,
	    &n) != 2 || cursor[n] || (phase != 'a' && phase != 'm')))
		return bad_cursor(e);
	accq = fts_query(text, true);
	msgq = fts_query(text, false);
	if (*msgq == '\0') {
		free(accq);
		free(msgq);
		return werr_field(e, WE_USAGE, "q", "search needs some words");
	}
	/* Accounts first (handles and display names, by prefix), newest
	 * first; then messages, newest first. */
	if (phase == 'a')
		rc = sq_rows(s, e, out, "SELECT 'account' AS kind, a.id, "
		    "a.id AS account_id, a.handle, NULL AS thread_id, "
		    "a.created AS at, a.display_name AS text "
		    "FROM account_fts JOIN account a ON a.id = account_fts.rowid "
		    "WHERE account_fts MATCH ?1 AND account_fts.rowid < ?2 "
		    "ORDER BY account_fts.rowid DESC LIMIT ?3", "tii", accq,
		    after, (int64_t)c->limit + 1);
	if (rc == 0 && (*out == NULL || (*out)->nrows <= (size_t)c->limit)) {
		int64_t room = c->limit + 1 - (int64_t)(*out ? (*out)->nrows : 0);

		rc = sq_rows(s, e, out, "SELECT 'message' AS kind, m.id, "
		    "m.sender_id AS account_id, a.handle, m.thread_id, "
		    "m.sent_at AS at, snippet(message_fts, 0, '', '', '...', 16) "
		    "AS text FROM message_fts JOIN message m ON "
		    "m.id = message_fts.rowid JOIN account a ON "
		    "a.id = m.sender_id WHERE message_fts MATCH ?1 AND "
		    "message_fts.rowid < ?2 ORDER BY message_fts.rowid DESC "
		    "LIMIT ?3", "tii", msgq, phase == 'm' ? after : INT64_MAX,
		    room);
	}
	free(accq);
	free(msgq);
	if (rc < 0) {
		if (e && e->kind == WE_INTERNAL)
			werr_field(e, WE_USAGE, "q", "search cannot read "
			    "'%s'", text);
		rows_free(*out);
		*out = NULL;
		return -1;
	}
	page_finish(*out, c->limit, cursor_search);
	return 0;
}

static void
cursor_due(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "%lld:%lld", (long long)rows_int(r, row, "due", 0),
	    (long long)rows_int(r, row, "id", 0));
}

/* ?1 now, ?2 and ?3 the cursor, ?4 status, ?5 assignee, ?6 account,
 * ?7 overdue only, ?8 limit. */
#define ESCALATIONS_SELECT \
	"SELECT x.id, x.kind, x.account_id, a.handle, " \
	"x.thread_id, x.flag_id, x.opened, x.due, " \
	"(x.status <> 'resolved' AND x.due < ?1) AS overdue, x.level, " \
	"x.channel, x.status, x.assignee FROM escalation x " \
	"JOIN account a ON a.id = x.account_id "
#define ESCALATIONS_FILTERS \
	"AND (x.due, x.id) > (?2, ?3) " \
	"AND (?4 = 'all' OR (?4 = 'active' AND x.status <> 'resolved') " \
	"  OR x.status = ?4) " \
	"AND (?5 IS NULL OR x.assignee = ?5) " \
	"AND (?6 IS NULL OR x.account_id = ?6) " \
	"AND (?7 = 0 OR x.due < ?1) " \
	"ORDER BY x.due, x.id LIMIT ?8"

static int
q_escalations(struct sq *s, struct qctx *c, struct rows **out,
    struct werr *e)
{
	static const char *const statuses[] = { "open", "acknowledged",
		"resolved", "active", "all", NULL };
	const char *status, *assignee = qp(c, "assignee"), *sql;
	int64_t account, overdue, due = INT64_MIN, id = INT64_MIN;

	if (opt_word(c, "status", statuses, &status, e) < 0 ||
	    opt_account(s, c, "account", &account, e) < 0 ||
	    opt_int(c, "overdue", 0, 1, &overdue, 0, e) < 0)
		return -1;
	if (status == NULL)
		status = "active";
	if (parse_pair_cursor(c->q->cursor, &due, &id, e) < 0)
		return -1;
	/* The view's default, what is not resolved, said outright: a walk
	 * of its partial index by due time, not a sort of them all. */
	if (account)
		sql = ESCALATIONS_SELECT "WHERE x.account_id = ?6 "
		    ESCALATIONS_FILTERS;
	else if (strcmp(status, "active") == 0)
		sql = ESCALATIONS_SELECT "WHERE x.status <> 'resolved' "
		    ESCALATIONS_FILTERS;
	else
		sql = ESCALATIONS_SELECT "WHERE 1 " ESCALATIONS_FILTERS;
	if (sq_rows(s, e, out, sql, "iiittIii", c->now, due, id, status,
	    assignee, account, overdue, (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_due);
	return 0;
}

/* ?1 the cursor, ?2 actor, ?3 account, ?4 action, ?5 since, ?6 until,
 * ?7 target, ?8 limit. */
#define AUDIT_SELECT \
	"SELECT l.id, l.at, l.actor, l.action, " \
	"l.target, l.account_id, a.handle, l.reason, l.params, l.result " \
	"FROM audit l LEFT JOIN account a ON a.id = l.account_id "
#define AUDIT_FILTERS \
	"AND l.id < ?1 AND (?2 IS NULL OR l.actor = ?2) " \
	"AND (?3 IS NULL OR l.account_id = ?3) " \
	"AND (?4 IS NULL OR l.action = ?4 OR l.action LIKE ?4 || '.%') " \
	"AND (?5 IS NULL OR l.at >= ?5) AND (?6 IS NULL OR l.at < ?6) " \
	"AND (?7 IS NULL OR l.target = ?7) " \
	"ORDER BY l.id DESC LIMIT ?8"

/* What the log's action column holds: every action kind, the steps that
 * sweep and scan take on their own, and the "warden" bootstrap.  A name
 * outside it finds nothing ever, so it is refused; "moderator" stands
 * for moderator.add, .role and the rest. */
static const char *const action_groups[] = { "moderator", "token",
	"template", NULL };

static bool
action_is_group(const char *action)
{
	return word_in(action, action_groups);
}

static int
check_audit_action(const char *action, struct werr *e)
{
	static const char *const steps[] = { "lift", "lapse", "expire",
		"open", "close", "climb", "raise", "exclude", NULL };
	enum action_kind k;

	if (action == NULL || action_kind_from_name(action, &k) ||
	    word_in(action, steps) || action_is_group(action))
		return 0;
	return werr_field(e, WE_USAGE, "action", "no action '%s' in the "
	    "log: use an action name (warn, suspend, moderator.add, ...) or "
	    "a sweep step (lift, lapse, expire, open, close, climb, raise, "
	    "exclude)", action);
}

static int
q_audit(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *actor = qp(c, "actor"), *action = qp(c, "action");
	const char *target = qp(c, "target"), *sql;
	int64_t account, since, until, after;

	if (check_audit_action(action, e) < 0 ||
	    opt_account(s, c, "account", &account, e) < 0 ||
	    opt_time(c, "since", &since, e) < 0 ||
	    opt_time(c, "until", &until, e) < 0 ||
	    parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	/* As for flags: an account's or a moderator's entries from their
	 * index, not a walk back through the whole log. */
	if (account)
		sql = AUDIT_SELECT "WHERE l.account_id = ?3 " AUDIT_FILTERS;
	else if (actor)
		sql = AUDIT_SELECT "WHERE l.actor = ?2 " AUDIT_FILTERS;
	else if (action && strchr(action, '.') == NULL &&
	    !action_is_group(action))
		sql = AUDIT_SELECT "WHERE l.action = ?4 " AUDIT_FILTERS;
	else if (action)	/* moderator.add, moderator.role, ... */
		sql = AUDIT_SELECT "WHERE l.action >= ?4 AND l.action < "
		    "?4 || '/' " AUDIT_FILTERS;
	else
		sql = AUDIT_SELECT "WHERE 1 " AUDIT_FILTERS;
	if (sq_rows(s, e, out, sql, "itItIIti", after, actor, account, action,
	    since, until, target, (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

static int
q_history(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account, after;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0 ||
	    parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	if (sq_rows(s, e, out, "SELECT id, at, actor, action, target, reason, "
	    "params, result FROM audit WHERE account_id = ?1 AND id < ?2 "
	    "ORDER BY id DESC LIMIT ?3", "iii", account, after,
	    (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

static int
q_notes(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0)
		return -1;
	return sq_rows(s, e, out, "SELECT id, author, at, sticky, body FROM "
	    "note WHERE account_id = ? ORDER BY sticky DESC, at DESC, id DESC "
	    "LIMIT ?", "ii", account, (int64_t)c->limit);
}

static int
q_tags(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0)
		return -1;
	return sq_rows(s, e, out, "SELECT tag FROM tag WHERE account_id = ? "
	    "ORDER BY tag", "i", account);
}

static int
q_strikes(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0)
		return -1;
	return sq_rows(s, e, out, "SELECT k.id, k.kind, k.severity, k.at, "
	    "k.given_by, k.status, k.audit_id, "
	    "(SELECT max(p.id) FROM appeal p WHERE p.strike_id = k.id) "
	    "  AS appeal_id, "
	    "(SELECT p.status FROM appeal p WHERE p.strike_id = k.id "
	    "  ORDER BY p.id DESC LIMIT 1) AS appeal_status "
	    "FROM strike k WHERE k.account_id = ? ORDER BY k.at DESC, k.id DESC",
	    "i", account);
}

static int
q_vouches(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0)
		return -1;
	/* peer: the voucher counts toward this account's peer group */
	return sq_rows(s, e, out, "WITH g AS (SELECT v.voucher_id AS id "
	    "  FROM vouch v JOIN account a ON a.id = v.voucher_id "
	    "  WHERE v.vouchee_id = ?1 AND a.trust_level >= ?2 "
	    "  AND a.status IN ('active','warned')) "
	    "SELECT 'in' AS direction, v.voucher_id AS account_id, a.handle, "
	    "a.trust_level AS trust, a.created AS account_created, v.created, "
	    "(v.voucher_id IN (SELECT id FROM g WHERE EXISTS (SELECT 1 FROM "
	    "  vouch x WHERE (x.voucher_id = g.id AND x.vouchee_id IN "
	    "  (SELECT id FROM g)) OR (x.vouchee_id = g.id AND x.voucher_id "
	    "  IN (SELECT id FROM g))))) AS peer "
	    "FROM vouch v JOIN account a ON a.id = v.voucher_id "
	    "WHERE v.vouchee_id = ?1 "
	    "UNION ALL SELECT 'out', v.vouchee_id, a.handle, a.trust_level, "
	    "a.created, v.created, NULL FROM vouch v JOIN account a "
	    "ON a.id = v.vouchee_id WHERE v.voucher_id = ?1 "
	    "ORDER BY 1, 6 DESC", "ii", account,
	    (int64_t)sq_rule(s, "trusted_voucher_min_level"));
}

static int
q_ratings(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account, after;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0 ||
	    parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	if (sq_rows(s, e, out, "SELECT r.id, CASE WHEN r.ratee_id = ?1 THEN "
	    "'received' ELSE 'given' END AS direction, "
	    "CASE WHEN r.ratee_id = ?1 THEN r.rater_id ELSE r.ratee_id END "
	    "  AS other_id, o.handle AS other, r.tx, r.stars, r.comment, "
	    "r.created, r.retaliatory FROM rating r JOIN account o ON "
	    "o.id = CASE WHEN r.ratee_id = ?1 THEN r.rater_id ELSE r.ratee_id END "
	    "WHERE (r.ratee_id = ?1 OR r.rater_id = ?1) AND r.id < ?2 "
	    "ORDER BY r.id DESC LIMIT ?3", "iii", account, after,
	    (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

static int
q_appeals(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	static const char *const statuses[] = { "pending", "upheld",
		"overturned", "all", NULL };
	const char *status;
	int64_t account, after;

	if (opt_word(c, "status", statuses, &status, e) < 0 ||
	    opt_account(s, c, "account", &account, e) < 0 ||
	    parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	if (status == NULL)
		status = "pending";
	if (sq_rows(s, e, out, "SELECT p.id, p.strike_id, k.account_id, "
	    "a.handle, k.kind AS strike, k.at AS strike_at, k.given_by, "
	    "p.filed_at, p.status, p.text, p.decided_by, p.decided_at, p.reply "
	    "FROM appeal p JOIN strike k ON k.id = p.strike_id "
	    "JOIN account a ON a.id = k.account_id WHERE p.id < ?1 "
	    "AND (?2 = 'all' OR p.status = ?2) "
	    "AND (?3 IS NULL OR k.account_id = ?3) "
	    "ORDER BY p.id DESC LIMIT ?4", "itIi", after, status, account,
	    (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

static int
q_templates(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *name = qp(c, "name");

	if (sq_rows(s, e, out, "SELECT name, text, created_by, created FROM "
	    "template WHERE ?1 IS NULL OR name = ?1 ORDER BY name", "t",
	    name) < 0)
		return -1;
	if (name && (*out)->nrows == 0) {
		rows_free(*out);
		*out = NULL;
		return werr_field(e, WE_NOTFOUND, "name", "no template '%s'",
		    name);
	}
	return 0;
}

static int
q_moderators(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	return sq_rows(s, e, out, "SELECT m.name, m.role, m.active, m.created, "
	    "(SELECT count(*) FROM account a WHERE a.claimed_by = m.name AND "
	    "  a.claimed_at > ?) AS claims FROM moderator m ORDER BY m.name",
	    "i", claim_cutoff(s, c->now));
}

static int
q_tokens(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	return sq_rows(s, e, out, "SELECT id, moderator, label, created, "
	    "revoked_at FROM api_token WHERE ?1 IS NULL OR moderator = ?1 "
	    "ORDER BY id", "t", qp(c, "moderator"));
}

static int
q_muted(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	/* CROSS JOIN: the few muted first, not every account by handle */
	return sq_rows(s, e, out, "SELECT m.account_id, a.handle, m.until, "
	    "m.muted_by, m.at FROM muted_reporter m CROSS JOIN account a ON "
	    "a.id = m.account_id WHERE m.until IS NULL OR m.until > ? "
	    "ORDER BY a.handle", "i", c->now);
}

static int
q_rules(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	(void)c;
	return sq_rows(s, e, out, "SELECT name, value, help FROM rule "
	    "UNION ALL SELECT 'ladder_' || level, after, 'level ' || level || "
	    "': ' || channel || ', seconds after the level before' FROM "
	    "escalation_rule ORDER BY 1", "");
}

static int
q_stats(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	return sq_rows(s, e, out, "SELECT "
	    "(SELECT count(*) FROM account) AS accounts, "
	    "(SELECT count(*) FROM account WHERE open_flags > 0) AS flagged, "
	    "(SELECT count(*) FROM flag WHERE status = 'open') AS open_flags, "
	    "(SELECT count(*) FROM account WHERE claimed_by IS NOT NULL AND "
	    "  claimed_at > ?2) AS claimed, "
	    "(SELECT count(*) FROM account WHERE claimed_by = ?3 AND "
	    "  claimed_at > ?2) AS mine, "
	    "(SELECT count(*) FROM escalation WHERE status IN ('open', "
	    "  'acknowledged')) AS escalations, "
	    "(SELECT count(*) FROM escalation WHERE status IN ('open', "
	    "  'acknowledged') AND due < ?1) AS overdue, "
	    "(SELECT count(*) FROM appeal WHERE status = 'pending') AS appeals, "
	    "(SELECT count(*) FROM account WHERE status = 'suspended') "
	    "  AS suspended, "
	    "(SELECT count(*) FROM account WHERE status = 'banned') AS banned, "
	    "(SELECT coalesce(max(id), 0) FROM audit) AS audit_entries",
	    "iit", c->now, claim_cutoff(s, c->now), qp(c, "moderator"));
}

static int
q_verify(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	(void)c;
	return audit_verify(s, out, e);
}

static int
q_whoami(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	const char *name = qp(c, "name");

	if (name == NULL)
		return werr_field(e, WE_USAGE, "name", "whoami needs a name");
	if (sq_rows(s, e, out, "SELECT name, role, active FROM moderator "
	    "WHERE name = ?", "t", name) < 0)
		return -1;
	if ((*out)->nrows == 0 || rows_int(*out, 0, "active", 0) == 0) {
		bool disabled = (*out)->nrows > 0;

		rows_free(*out);
		*out = NULL;
		if (disabled)
			return werr_field(e, WE_AUTH, "name", "moderator '%s' "
			    "is disabled; an admin can enable it with "
			    "'warden -c \"moderator enable %s\"'", name, name);
		return werr_field(e, WE_AUTH, "name", "'%s' is not a "
		    "moderator here; an admin can register it with "
		    "'warden -c \"moderator add %s --role moderator\"'", name,
		    name);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The detectors' marks, escalation detail, the trust overview and the
 * webhook outbox (issue: marketplace rules). */

/* ?1 the cursor, ?2 account, ?3 message, ?4 thread, ?5 detector,
 * ?6 limit. */
#define MARKS_SELECT \
	"SELECT k.id, k.detector, k.target_type, " \
	"k.target_id, k.account_id, a.handle, k.message_id, " \
	"m.thread_id, k.field, k.pos, k.len, k.why, k.grp AS ring, " \
	"k.flag_id, f.status AS flag_status, k.at FROM mark k " \
	"JOIN account a ON a.id = k.account_id " \
	"LEFT JOIN message m ON m.id = k.message_id " \
	"LEFT JOIN flag f ON f.id = k.flag_id "
#define MARKS_FILTERS \
	"AND k.id < ?1 AND (?2 IS NULL OR k.account_id = ?2) " \
	"AND (?3 IS NULL OR k.message_id = ?3) " \
	"AND (?4 IS NULL OR k.message_id IN (SELECT id FROM message " \
	"  WHERE thread_id = ?4)) " \
	"AND (?5 IS NULL OR k.detector = ?5) " \
	"ORDER BY k.id DESC LIMIT ?6"

static int
q_marks(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account, message, thread, after;
	const char *detector, *sql;

	if (opt_account(s, c, "account", &account, e) < 0 ||
	    opt_int(c, "message", 1, INT64_MAX, &message, 0, e) < 0 ||
	    opt_int(c, "thread", 1, INT64_MAX, &thread, 0, e) < 0 ||
	    opt_word(c, "detector", detector_names, &detector, e) < 0 ||
	    parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	/* As for flags: the leading filter said outright, for its index.
	 * pos and len are bytes of the field marked (the message body, the
	 * display name, the handle), for highlighting. */
	if (message)
		sql = MARKS_SELECT "WHERE k.message_id = ?3 " MARKS_FILTERS;
	else if (thread)
		sql = MARKS_SELECT "WHERE k.message_id IN (SELECT id FROM "
		    "message WHERE thread_id = ?4) " MARKS_FILTERS;
	else if (account)
		sql = MARKS_SELECT "WHERE k.account_id = ?2 " MARKS_FILTERS;
	else
		sql = MARKS_SELECT "WHERE 1 " MARKS_FILTERS;
	if (sq_rows(s, e, out, sql, "iIIIti", after, account, message, thread,
	    detector, (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

/* The vouch ring(s) an account was found in, every member. */
static int
q_ring(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t account;

	if (resolve_account(s, qp(c, "account"), "account", &account, e) < 0)
		return -1;
	return sq_rows(s, e, out, "SELECT k.grp AS ring, k.account_id, "
	    "a.handle, a.trust_level AS trust, a.created, a.status, "
	    "(k.field = 'ring.beneficiary') AS beneficiary, "
	    "(SELECT count(*) FROM vouch v WHERE v.voucher_id = k.account_id "
	    "  AND v.vouchee_id IN (SELECT o.account_id FROM mark o WHERE "
	    "  o.detector = 'vouch_ring' AND o.grp = k.grp)) AS vouches_inside, "
	    "(SELECT count(*) FROM vouch v WHERE v.voucher_id = k.account_id) "
	    "  AS vouches_given, k.at AS found FROM mark k "
	    "JOIN account a ON a.id = k.account_id "
	    "WHERE k.detector = 'vouch_ring' AND k.grp IN (SELECT grp FROM mark "
	    "  WHERE detector = 'vouch_ring' AND account_id = ?1) "
	    "ORDER BY k.grp, beneficiary, a.handle", "i", account);
}

/* Every ring found, newest first (by the ring's id: its smallest
 * member). */
static int
q_rings(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t after;

	if (parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	if (sq_rows(s, e, out, "SELECT k.grp AS id, count(*) AS members, "
	    "(SELECT group_concat(h, ' ') FROM (SELECT '@' || a2.handle AS h "
	    "  FROM mark k2 JOIN account a2 ON a2.id = k2.account_id WHERE "
	    "  k2.detector = 'vouch_ring' AND k2.grp = k.grp "
	    "  ORDER BY a2.handle)) AS handles, "
	    "min(k.at) AS found, "
	    "sum(a.status IN ('suspended','banned')) AS actioned, "
	    "sum(a.created >= ?2) AS young, max(a.trust_level) AS max_trust "
	    "FROM mark k JOIN account a ON a.id = k.account_id "
	    "WHERE k.detector = 'vouch_ring' AND k.grp < ?1 "
	    "GROUP BY k.grp ORDER BY k.grp DESC LIMIT ?3", "iii", after,
	    c->now - (int64_t)(sq_rule(s, "ring_young_days") * 86400),
	    (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

/* One escalation with what caused it and how it ended. */
static int
q_escalation(struct sq *s, struct qctx *c, struct rows **out,
    struct werr *e)
{
	int64_t id;

	if (opt_int(c, "id", 1, INT64_MAX, &id, 0, e) < 0)
		return -1;
	if (id == 0)
		return werr_field(e, WE_USAGE, "id", "escalation needs an id");
	if (sq_rows(s, e, out, "SELECT x.id, x.kind, x.account_id, a.handle, "
	    "x.thread_id, t.subject, x.message_id, m.sent_at AS inquiry_at, "
	    "x.flag_id, f.reason AS flag_reason, f.status AS flag_status, "
	    "x.opened, x.due, (x.status <> 'resolved' AND x.due < ?1) "
	    "AS overdue, x.level, x.channel, "
	    "(SELECT max(level) FROM escalation_rule) AS top_level, "
	    "x.status, x.assignee, x.resolved_at, x.resolved_why "
	    "FROM escalation x JOIN account a ON a.id = x.account_id "
	    "LEFT JOIN thread t ON t.id = x.thread_id "
	    "LEFT JOIN message m ON m.id = x.message_id "
	    "LEFT JOIN flag f ON f.id = x.flag_id WHERE x.id = ?2", "ii",
	    c->now, id) < 0)
		return -1;
	if ((*out)->nrows == 0)
		return werr_field(e, WE_NOTFOUND, "id", "no escalation %lld",
		    (long long)id);
	return 0;
}

/* Accounts per trust level, with the recent moves (days, default 7). */
static int
q_trust_levels(struct sq *s, struct qctx *c, struct rows **out,
    struct werr *e)
{
	int64_t days;

	if (opt_int(c, "days", 1, 3650, &days, 7, e) < 0)
		return -1;
	/* One walk of the covering index account_trust, grouped, then the
	 * levels no account holds as zeros (a join of the levels to the
	 * accounts would read the table once per level). */
	return sq_rows(s, e, out, "WITH l(level, name) AS (VALUES (0, 'new'), "
	    "(1, 'basic'), (2, 'member'), (3, 'trusted'), (4, 'leader')), "
	    "c AS (SELECT trust_level AS level, count(*) AS accounts, "
	    "  sum(trust_locked) AS locked, "
	    "  sum(trust_changed_at >= ?1 AND trust_prev_level < trust_level) "
	    "  AS promoted, "
	    "  sum(trust_changed_at >= ?1 AND trust_prev_level > trust_level) "
	    "  AS demoted FROM account GROUP BY trust_level) "
	    "SELECT l.level, l.name, coalesce(c.accounts, 0) AS accounts, "
	    "coalesce(c.locked, 0) AS locked, "
	    "coalesce(c.promoted, 0) AS promoted, "
	    "coalesce(c.demoted, 0) AS demoted "
	    "FROM l LEFT JOIN c ON c.level = l.level ORDER BY l.level", "i",
	    c->now - days * 86400);
}

static void
cursor_changed(const struct rows *r, size_t row, struct buf *b)
{
	buf_printf(b, "%lld:%lld", (long long)rows_int(r, row, "changed", 0),
	    (long long)rows_int(r, row, "id", 0));
}

/* Accounts whose level went down within days (default 30), latest
 * first. */
static int
q_demoted(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	int64_t days, at = INT64_MAX, id = INT64_MAX;

	if (opt_int(c, "days", 1, 3650, &days, 30, e) < 0)
		return -1;
	if (parse_pair_cursor(c->q->cursor, &at, &id, e) < 0)
		return -1;
	if (sq_rows(s, e, out, "SELECT a.id, a.handle, a.trust_prev_level "
	    "AS was, a.trust_level AS trust, a.trust_changed_at AS changed, "
	    "a.trust_locked AS locked, a.status, a.open_flags AS flags, "
	    "a.top_reason AS reason FROM account a "
	    "WHERE a.trust_changed_at >= ?1 AND a.trust_prev_level > "
	    "a.trust_level AND (a.trust_changed_at < ?2 OR "
	    "(a.trust_changed_at = ?2 AND a.id < ?3)) "
	    "ORDER BY a.trust_changed_at DESC, a.id DESC LIMIT ?4", "iiii",
	    c->now - days * 86400, at, id, (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_changed);
	return 0;
}

/* Accounts one rule short of the next level: the trust rules themselves
 * (trust_breakdown) judge each candidate, so this never disagrees with
 * the account view.  level: the level they are at (default 1 and 2;
 * 0 -> 1 is only the phone, for every new account).  A page reads at
 * most a few thousand candidates; the cursor is the last id read. */
static int
q_near_level(struct sq *s, struct qctx *c, struct rows **out,
    struct werr *e)
{
	int64_t level, after = 0, scanned = 0;
	struct rows *r;
	char cur[32];

	if (opt_int(c, "level", 0, 2, &level, -1, e) < 0)
		return -1;
	if (c->q->cursor && !str_to_i64(c->q->cursor, 0, INT64_MAX, &after))
		return bad_cursor(e);
	r = rows_new_list("id,handle,trust,next,missing,have,need,score");
	*out = r;
	for (;;) {
		struct rows *cand = NULL;
		size_t i;

		if (sq_rows(s, e, &cand, "SELECT id, handle, trust_level, "
		    "trust_score FROM account WHERE id > ?1 AND trust_locked = 0 "
		    "AND status IN ('active','warned') AND ((?2 < 0 AND "
		    "trust_level IN (1, 2)) OR trust_level = ?2) ORDER BY id "
		    "LIMIT 500", "ii", after, level) < 0)
			return -1;
		for (i = 0; i < cand->nrows; i++) {
			int64_t id = rows_int(cand, i, "id", 0);
			int64_t lvl = rows_int(cand, i, "trust_level", 0);
			struct rows *b = NULL;
			size_t j, missing = 0, miss_row = 0;

			after = id;
			scanned++;
			if (trust_breakdown(s, id, &b, e) < 0) {
				rows_free(cand);
				return -1;
			}
			for (j = 0; j < b->nrows; j++) {
				if (rows_int(b, j, "level", 0) == lvl + 1 &&
				    rows_int(b, j, "holds", 1) == 0) {
					missing++;
					miss_row = j;
				}
			}
			if (missing == 1) {
				size_t row = rows_add(r);

				rows_set_int(r, row, 0, id);
				rows_set_text(r, row, 1, rows_text(cand, i,
				    "handle"));
				rows_set_int(r, row, 2, lvl);
				rows_set_int(r, row, 3, lvl + 1);
				rows_set_text(r, row, 4, rows_text(b, miss_row,
				    "rule"));
				rows_set_text(r, row, 5, rows_text(b, miss_row,
				    "have"));
				rows_set_text(r, row, 6, rows_text(b, miss_row,
				    "need"));
				rows_set_int(r, row, 7, rows_int(cand, i,
				    "trust_score", 0));
			}
			rows_free(b);
			if (r->nrows >= (size_t)c->limit || scanned >= 5000)
				break;
		}
		if (cand->nrows < 500 && i == cand->nrows) {
			rows_free(cand);
			rows_set_next(r, NULL);
			return 0;
		}
		rows_free(cand);
		if (r->nrows >= (size_t)c->limit || scanned >= 5000)
			break;
	}
	snprintf(cur, sizeof cur, "%lld", (long long)after);
	rows_set_next(r, cur);
	return 0;
}

/* Webhook events: pending (not yet delivered everywhere), delivered,
 * or all (default). */
static int
q_outbox(struct sq *s, struct qctx *c, struct rows **out, struct werr *e)
{
	static const char *const statuses[] = { "pending", "delivered", "all",
		NULL };
	const char *status;
	int64_t after;

	if (opt_word(c, "status", statuses, &status, e) < 0 ||
	    parse_id_cursor(c->q->cursor, &after, e) < 0)
		return -1;
	if (sq_rows(s, e, out, "SELECT o.id, o.event, o.text, o.created, "
	    "o.attempts, o.next_at, o.delivered_at, o.last_error FROM outbox o "
	    "WHERE o.id < ?1 AND (?2 IS NULL OR ?2 = 'all' OR "
	    "(?2 = 'pending' AND o.delivered_at IS NULL) OR "
	    "(?2 = 'delivered' AND o.delivered_at IS NOT NULL)) "
	    "ORDER BY o.id DESC LIMIT ?3", "iti", after, status,
	    (int64_t)c->limit + 1) < 0)
		return -1;
	page_finish(*out, c->limit, cursor_id);
	return 0;
}

/* ------------------------------------------------------------------ */

static const struct qdef {
	const char *what;
	const char *params;	/* accepted names, comma-separated */
	query_fn fn;
} qdefs[] = {
	{ "whoami", "name", q_whoami },
	{ "queue", "status,reason,trust,claimed,sort", q_queue },
	{ "accounts", "q,status,trust", q_accounts },
	{ "account", "id,handle", q_account },
	{ "breakdown", "account", q_breakdown },
	{ "flags", "account,status,reason,reporter", q_flags },
	{ "threads", "account", q_threads },
	{ "thread", "id", q_thread },
	{ "messages", "thread", q_messages },
	{ "search", "q", q_search },
	{ "escalations", "status,assignee,overdue,account", q_escalations },
	{ "audit", "actor,account,action,since,until,target", q_audit },
	{ "history", "account", q_history },
	{ "notes", "account", q_notes },
	{ "tags", "account", q_tags },
	{ "strikes", "account", q_strikes },
	{ "vouches", "account", q_vouches },
	{ "ratings", "account", q_ratings },
	{ "appeals", "status,account", q_appeals },
	{ "templates", "name", q_templates },
	{ "moderators", "", q_moderators },
	{ "tokens", "moderator", q_tokens },
	{ "muted", "", q_muted },
	{ "rules", "", q_rules },
	{ "stats", "moderator", q_stats },
	{ "verify", "", q_verify },
	{ "marks", "account,message,thread,detector", q_marks },
	{ "ring", "account", q_ring },
	{ "rings", "", q_rings },
	{ "escalation", "id", q_escalation },
	{ "trust_levels", "days", q_trust_levels },
	{ "demoted", "days", q_demoted },
	{ "near_level", "level", q_near_level },
	{ "outbox", "status", q_outbox },
};

static bool
listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	while (*list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len == n && strncmp(list, name, n) == 0)
			return true;
		if (end == NULL)
			break;
		list = end + 1;
	}
	return false;
}

int
sq_query(struct store *st, const struct query *q, struct rows **out,
    struct werr *e)
{
	struct sq *s = sq_of(st);
	struct qctx c;
	const struct qdef *d = NULL;
	size_t i;
	int rc;

	*out = NULL;
	for (i = 0; i < W_NELEM(qdefs); i++)
		if (str_eq(qdefs[i].what, q->what))
			d = &qdefs[i];
	if (d == NULL)
		return werr_field(e, WE_NOTFOUND, "what", "no query '%s'",
		    q->what ? q->what : "");
	for (i = 0; i < q->nparams; i++)
		if (!listed(d->params, q->params[i].k))
			return werr_field(e, WE_USAGE, q->params[i].k,
			    "%s takes no parameter '%s'", d->what,
			    q->params[i].k);
	if (q->limit < 0 || q->limit > QUERY_LIMIT_MAX)
		return werr_field(e, WE_USAGE, "limit", "limit must be from 1 "
		    "to %d (0 or none: %d)", QUERY_LIMIT_MAX,
		    QUERY_LIMIT_DEFAULT);
	c.q = q;
	c.limit = q->limit ? q->limit : QUERY_LIMIT_DEFAULT;
	c.now = sq_now(s);
	rc = d->fn(s, &c, out, e);
	if (rc < 0) {
		rows_free(*out);
		*out = NULL;
	}
	return rc;
}
