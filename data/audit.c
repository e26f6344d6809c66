/* data/audit.c: the audit log, a hash chain.  Each entry's hash covers its
 * own fields and the previous entry's hash, and meta keeps the count and
 * the head, so an edited, deleted, inserted or reordered entry, or a cut
 * tail, is found by verify.
 *
 * Two forms of the hash exist.  Form 1 (entries written before schema 6)
 * wrote each text field as "length:text" with the length from strlen, so
 * a NUL byte ended a field early; those entries still verify under form 1,
 * and verify refuses a NUL in any of their fields (form 1 never stored
 * one).  Form 2 enters every text field as the SHA-256 of its whole bytes:
 * nothing inside a field can end it early, and a field's text can later be
 * replaced (erase, GDPR Art. 17) while its original digest is kept in
 * audit_redaction and the chain still verifies.  A redaction is valid only
 * when a later entry of the chain authorizes it: that entry's params carry
 * the number of redactions it made and a digest of their list. */
#include "sq.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char zero_hash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* An entry's time may be this many seconds before its predecessor's
 * (clocks of several writers are never quite equal); more is refused on
 * writing and reported by verify. */
#define AUDIT_CLOCK_SKEW 60

/* A text column as read: bytes and length; s NULL for SQL NULL. */
struct tfield {
	const char *s;
	size_t len;
};

/* The text fields of an entry, in the order the hash takes them. */
enum {
	F_ACTOR, F_ACTION, F_TARGET, F_REASON, F_PARAMS, F_RESULT, F_KEY,
	F_FINGERPRINT, F__COUNT
};
static const char *const field_names[F__COUNT] = {
	"actor", "action", "target", "reason", "params", "result", "idem_key",
	"fingerprint",
};

struct entry {
	int64_t id, at, account;
	int form;
	struct tfield f[F__COUNT];
};

/* ------------------------------------------------------------------ */
/* The two forms. */

static void
field1(struct buf *b, const struct tfield *t)
{
	if (t->s == NULL)
		buf_adds(b, "-\n");
	else
		buf_printf(b, "%zu:%s\n", strlen(t->s), t->s);
}

static void
entry_hash1(const struct entry *x, const char *prev, char out[65])
{
	struct buf b = BUF_INIT;
	struct tfield p = { prev, strlen(prev) };

	buf_printf(&b, "warden-audit-1\n%lld\n%lld\n", (long long)x->id,
	    (long long)x->at);
	field1(&b, &x->f[F_ACTOR]);
	field1(&b, &x->f[F_ACTION]);
	field1(&b, &x->f[F_TARGET]);
	buf_printf(&b, "%lld\n", (long long)x->account);
	field1(&b, &x->f[F_REASON]);
	field1(&b, &x->f[F_PARAMS]);
	field1(&b, &x->f[F_RESULT]);
	field1(&b, &x->f[F_KEY]);
	field1(&b, &p);
	sha256_hex(b.s, b.len, out);
	buf_free(&b);
}

static void
digest(const struct tfield *t, char out[65])
{
	sha256_hex(t->s ? t->s : "", t->s ? t->len : 0, out);
}

/* digests[i]: the field's digest as the chain knows it (a redacted field's
 * original), or NULL to compute it from the text. */
static void
entry_hash2(const struct entry *x, const char *const *digests,
    const char *prev, char out[65])
{
	struct buf b = BUF_INIT;
	char d[65];
	int i;

	buf_printf(&b, "warden-audit-2\nid %lld\nat %lld\naccount %lld\n",
	    (long long)x->id, (long long)x->at, (long long)x->account);
	for (i = 0; i < F__COUNT; i++) {
		if (digests && digests[i])
			buf_printf(&b, "%s %s\n", field_names[i], digests[i]);
		else if (x->f[i].s == NULL)
			buf_printf(&b, "%s -\n", field_names[i]);
		else {
			digest(&x->f[i], d);
			buf_printf(&b, "%s %s\n", field_names[i], d);
		}
	}
	buf_printf(&b, "prev %s\n", prev);
	sha256_hex(b.s, b.len, out);
	buf_free(&b);
}

static struct tfield
tf(const char *s)
{
	struct tfield t = { s, s ? strlen(s) : 0 };

	return t;
}

/* ------------------------------------------------------------------ */
/* Appending. */

int
audit_append(struct sq *s, const struct audit_entry *a, int64_t *idp,
    struct werr *e)
{
	sqlite3_stmt *st;
	struct entry x;
	char *prev = NULL, hash[65], count[32], when[40], last[40];
	int64_t prev_at = 0;
	int rc;

	memset(&x, 0, sizeof x);
	x.at = sq_now(s);
	st = sq_prep(s, "SELECT id, at FROM audit ORDER BY id DESC LIMIT 1", e);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		x.id = sqlite3_column_int64(st, 0);
		prev_at = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(s, e, rc, "reading the audit log");
	if (x.id > 0 && x.at < prev_at - AUDIT_CLOCK_SKEW) {
		time_format(x.at, when, sizeof when);
		time_format(prev_at, last, sizeof last);
		return werr_set(e, WE_INVALID, "the clock says %s, before the "
		    "audit log's last entry (%s); an entry may not go back in "
		    "time: check the system clock (or WARDEN_NOW)", when, last);
	}
	x.id++;
	if (sq_text(s, e, &prev, "SELECT v FROM meta WHERE k = 'audit_head'",
	    "") < 0)
		return -1;
	x.account = a->account;
	x.form = 2;
	x.f[F_ACTOR] = tf(a->actor);
	x.f[F_ACTION] = tf(a->action);
	x.f[F_TARGET] = tf(a->target);
	x.f[F_REASON] = tf(a->reason);
	x.f[F_PARAMS] = tf(a->params ? a->params : "{}");
	x.f[F_RESULT] = tf(a->result);
	x.f[F_KEY] = tf(a->key);
	x.f[F_FINGERPRINT] = tf(a->fingerprint);
	entry_hash2(&x, NULL, prev ? prev : zero_hash, hash);
	rc = sq_run(s, e, "INSERT INTO audit(id, at, actor, action, target, "
	    "account_id, reason, params, result, idem_key, fingerprint, "
	    "prev_hash, hash, form) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,2)",
	    "iitttIttttttt", x.id, x.at, a->actor, a->action, a->target,
	    a->account, a->reason, x.f[F_PARAMS].s, a->result, a->key,
	    a->fingerprint, prev ? prev : zero_hash, hash);
	free(prev);
	if (rc < 0)
		return -1;
	snprintf(count, sizeof count, "%lld", (long long)x.id);
	if (sq_run(s, e, "INSERT INTO meta(k, v) VALUES ('audit_head', ?), "
	    "('audit_count', ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v",
	    "tt", hash, count) < 0)
		return -1;
	if (idp)
		*idp = x.id;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Redaction. */

/* One row of audit_redaction: a field's text was replaced by the entry
 * by_id; old is the digest before, new the digest after. */
struct redaction {
	int64_t audit_id, by_id;
	int field;
	char old[65], new_[65];
};

static int
field_index(const char *name)
{
	if (str_eq(name, "reason"))
		return F_REASON;
	if (str_eq(name, "params"))
		return F_PARAMS;
	if (str_eq(name, "result"))
		return F_RESULT;
	return -1;
}

static int
red_by_entry(const void *a, const void *b)
{
	const struct redaction *x = a, *y = b;

	if (x->audit_id != y->audit_id)
		return x->audit_id < y->audit_id ? -1 : 1;
	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	return (x->by_id > y->by_id) - (x->by_id < y->by_id);
}

static int
red_by_author(const void *a, const void *b)
{
	const struct redaction *x = a, *y = b;

	if (x->by_id != y->by_id)
		return x->by_id < y->by_id ? -1 : 1;
	return red_by_entry(a, b);
}

/* The digest of one authorizing entry's redactions, rows sorted by
 * red_by_entry. */
static void
redactions_digest(const struct redaction *r, size_t n, char out[65])
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_adds(&b, "warden-redactions-1\n");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%lld %s %s %s\n", (long long)r[i].audit_id,
		    field_names[r[i].field], r[i].old, r[i].new_);
	sha256_hex(b.s, b.len, out);
	buf_free(&b);
}

static const char *const redact_sql[F__COUNT] = {
	[F_REASON] = "UPDATE audit SET reason = ? WHERE id = ?",
	[F_PARAMS] = "UPDATE audit SET params = ? WHERE id = ?",
	[F_RESULT] = "UPDATE audit SET result = ? WHERE id = ?",
};
static const char *const read_sql[F__COUNT] = {
	[F_REASON] = "SELECT reason FROM audit WHERE id = ?",
	[F_PARAMS] = "SELECT params FROM audit WHERE id = ?",
	[F_RESULT] = "SELECT result FROM audit WHERE id = ?",
};

/* The field's current bytes, as a digest; -1 if the entry is missing. */
static int
current_digest(struct sq *s, int64_t id, int field, char out[65],
    struct werr *e)
{
	sqlite3_stmt *st = sq_prep(s, read_sql[field], e);
	struct tfield t;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return werr_field(e, WE_NOTFOUND, "audit_id", "no "
			    "audit entry %lld to redact", (long long)id);
		return sq_fail(s, e, rc, "reading an audit entry");
	}
	t.s = (const char *)sqlite3_column_text(st, 0);
	t.len = (size_t)sqlite3_column_bytes(st, 0);
	digest(&t, out);
	sqlite3_reset(st);
	return 0;
}

int
audit_append_redacting(struct sq *s, const struct audit_entry *a,
    const struct audit_redaction *r, size_t n, int64_t *idp,
    struct werr *e)
{
	struct redaction *rs = xcalloc(n ? n : 1, sizeof *rs);
	struct audit_entry copy = *a;
	json_t *params = NULL;
	json_error_t jerr;
	char list[65], *text = NULL;
	int64_t id = 0;
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++) {
		struct tfield t = tf(r[i].text);

		rs[i].audit_id = r[i].audit_id;
		rs[i].field = field_index(r[i].field);
		if (rs[i].field < 0) {
			werr_field(e, WE_INVALID, "field", "an audit entry's "
			    "%s cannot be redacted (reason, params or result "
			    "can)", r[i].field ? r[i].field : "(none)");
			goto out;
		}
		if (current_digest(s, r[i].audit_id, rs[i].field, rs[i].old,
		    e) < 0)
			goto out;
		digest(&t, rs[i].new_);
	}
	qsort(rs, n, sizeof *rs, red_by_entry);
	for (i = 1; i < n; i++)
		if (rs[i].audit_id == rs[i - 1].audit_id &&
		    rs[i].field == rs[i - 1].field) {
			werr_field(e, WE_INVALID, "field", "audit entry %lld's "
			    "%s is redacted twice in one go",
			    (long long)rs[i].audit_id,
			    field_names[rs[i].field]);
			goto out;
		}
	redactions_digest(rs, n, list);
	params = json_loads(a->params ? a->params : "{}", 0, &jerr);
	if (!json_is_object(params)) {
		werr_set(e, WE_INTERNAL, "an audit entry's params are not a "
		    "JSON object");
		goto out;
	}
	json_object_set_new(params, "redactions", json_integer((json_int_t)n));
	json_object_set_new(params, "redactions_sha256", json_string(list));
	text = json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS);
	copy.params = text;
	if (audit_append(s, &copy, &id, e) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		const struct audit_redaction *src = NULL;
		size_t j;

		for (j = 0; j < n; j++)
			if (r[j].audit_id == rs[i].audit_id &&
			    field_index(r[j].field) == rs[i].field)
				src = &r[j];
		if (sq_run(s, e, "INSERT INTO audit_redaction(audit_id, field, "
		    "old_digest, new_digest, by_id) VALUES (?,?,?,?,?)",
		    "itttI", rs[i].audit_id, field_names[rs[i].field],
		    rs[i].old, rs[i].new_, id) < 0 ||
		    sq_run(s, e, redact_sql[rs[i].field], "ti", src->text,
		    rs[i].audit_id) < 0)
			goto out;
	}
	if (idp)
		*idp = id;
	rc = 0;
out:
	json_decref(params);
	free(text);
	free(rs);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Verifying. */

struct walk {
	char problem[240];
	int64_t bad;
	bool ok;
};

static void
refuse(struct walk *w, int64_t id, const char *fmt, ...) W_PRINTF(3, 4);

static void
refuse(struct walk *w, int64_t id, const char *fmt, ...)
{
	va_list ap;

	if (!w->ok)
		return;
	w->ok = false;
	w->bad = id;
	va_start(ap, fmt);
	vsnprintf(w->problem, sizeof w->problem, fmt, ap);
	va_end(ap);
}

static void
verdict(struct rows **out, const struct walk *w, int64_t entries)
{
	struct rows *r = rows_new_list("ok,entries,bad_id,problem");
	size_t row = rows_add(r);

	rows_set_int(r, row, 0, w->ok);
	rows_set_int(r, row, 1, entries);
	if (!w->ok)
		rows_set_int(r, row, 2, w->bad);
	rows_set_text(r, row, 3, w->ok ? "" : w->problem);
	*out = r;
}

/* Every redaction row, sorted by entry; -1 on a read error.  A row that
 * does not even parse is a tamper, named by its entry. */
static int
load_redactions(struct sq *s, struct walk *w, struct redaction **out,
    size_t *np, struct werr *e)
{
	sqlite3_stmt *st = sq_prep(s, "SELECT audit_id, field, old_digest, "
	    "new_digest, by_id FROM audit_redaction ORDER BY audit_id, by_id",
	    e);
	struct redaction *rs = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 1);
		const char *o = (const char *)sqlite3_column_text(st, 2);
		const char *nw = (const char *)sqlite3_column_text(st, 3);
		struct redaction *x;

		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			rs = xreallocarray(rs, cap, sizeof *rs);
		}
		x = &rs[n++];
		memset(x, 0, sizeof *x);
		x->audit_id = sqlite3_column_int64(st, 0);
		x->by_id = sqlite3_column_int64(st, 4);
		x->field = field_index(f);
		if (x->field < 0 || o == NULL || nw == NULL ||
		    strlen(o) != 64 || strlen(nw) != 64 ||
		    sqlite3_column_type(st, 0) != SQLITE_INTEGER ||
		    sqlite3_column_type(st, 4) != SQLITE_INTEGER) {
			refuse(w, x->audit_id, "a redaction of entry %lld is "
			    "malformed", (long long)x->audit_id);
			n--;
			continue;
		}
		memcpy(x->old, o, 65);
		memcpy(x->new_, nw, 65);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rs);
		return sq_fail(s, e, rc, "verify");
	}
	if (n > 1)
		qsort(rs, n, sizeof *rs, red_by_entry);
	*out = rs;
	*np = n;
	return 0;
}

static bool
has_word(const struct tfield *p, const char *word)
{
	size_t n = strlen(word), i;

	for (i = 0; i + n <= p->len; i++)
		if (p->s[i] == word[0] && memcmp(p->s + i, word, n) == 0)
			return true;
	return false;
}

/* The authorizing entry's claim in its params: n and digest; false when
 * it makes none. */
static bool
params_claim(const struct tfield *p, int64_t *n, char digest_out[65])
{
	json_error_t jerr;
	json_t *j, *cnt, *dg;
	bool found = false;

	if (p->s == NULL || !has_word(p, "\"redactions_sha256\""))
		return false;
	j = json_loadb(p->s, p->len, 0, &jerr);
	cnt = json_object_get(j, "redactions");
	dg = json_object_get(j, "redactions_sha256");
	if (json_is_integer(cnt) && json_is_string(dg) &&
	    strlen(json_string_value(dg)) == 64) {
		*n = json_integer_value(cnt);
		memcpy(digest_out, json_string_value(dg), 65);
		found = true;
	}
	json_decref(j);
	return found;
}

/* Checks the authorizations: for every entry that claims redactions, and
 * for every entry that redaction rows name as their author, the rows and
 * the claim agree.  claims[] holds (id, n, digest) read during the walk. */
struct claim {
	int64_t id, n;
	char digest[65];
};

static void
check_authors(struct walk *w, const struct redaction *rs, size_t n,
    const struct claim *claims, size_t nclaims)
{
	struct redaction *by = xcalloc(n ? n : 1, sizeof *by);
	size_t i = 0, c = 0;

	if (n)
		memcpy(by, rs, n * sizeof *by);
	qsort(by, n, sizeof *by, red_by_author);
	/* Both lists are in id order: walk them side by side. */
	while (i < n || c < nclaims) {
		int64_t author = i < n ? by[i].by_id : INT64_MAX;
		size_t j = i;
		char d[65];

		if (c < nclaims && claims[c].id < author) {
			if (claims[c].n != 0) {
				refuse(w, claims[c].id, "entry %lld "
				    "authorized %lld redactions that are not "
				    "there (they were removed)",
				    (long long)claims[c].id,
				    (long long)claims[c].n);
				break;
			}
			c++;
			continue;
		}
		while (j < n && by[j].by_id == author)
			j++;
		redactions_digest(&by[i], j - i, d);
		if (c >= nclaims || claims[c].id != author) {
			refuse(w, by[i].audit_id, "entry %lld's %s was "
			    "redacted by entry %lld, which authorized no "
			    "redaction", (long long)by[i].audit_id,
			    field_names[by[i].field], (long long)author);
			break;
		}
		if (claims[c].n != (int64_t)(j - i) ||
		    strcmp(claims[c].digest, d) != 0) {
			refuse(w, author, "the redactions made by entry %lld "
			    "are not the ones it authorized",
			    (long long)author);
			break;
		}
		c++;
		i = j;
	}
	free(by);
}

/* Reads one row of the walk into x, checking the types SQLite lets any
 * column hold. */
static bool
read_entry(sqlite3_stmt *st, struct entry *x, struct walk *w)
{
	static const int text_col[F__COUNT] = { 2, 3, 4, 6, 7, 8, 9, 10 };
	static const bool nullable[F__COUNT] = {
		false, false, false, true, false, true, true, true,
	};
	int i;

	memset(x, 0, sizeof *x);
	x->id = sqlite3_column_int64(st, 0);
	x->at = sqlite3_column_int64(st, 1);
	x->account = sqlite3_column_int64(st, 5);
	x->form = (int)sqlite3_column_int64(st, 13);
	if (sqlite3_column_type(st, 0) != SQLITE_INTEGER) {
		refuse(w, x->id, "an entry's id is not an integer");
		return false;
	}
	if (sqlite3_column_type(st, 1) != SQLITE_INTEGER) {
		refuse(w, x->id, "entry %lld's time is not an integer",
		    (long long)x->id);
		return false;
	}
	if (sqlite3_column_type(st, 5) != SQLITE_INTEGER &&
	    sqlite3_column_type(st, 5) != SQLITE_NULL) {
		refuse(w, x->id, "entry %lld's account is not an integer",
		    (long long)x->id);
		return false;
	}
	if (sqlite3_column_type(st, 13) != SQLITE_INTEGER ||
	    (x->form != 1 && x->form != 2)) {
		refuse(w, x->id, "entry %lld's form is not 1 or 2",
		    (long long)x->id);
		return false;
	}
	for (i = 0; i < F__COUNT; i++) {
		int c = text_col[i], t = sqlite3_column_type(st, c);

		if (t == SQLITE_NULL && nullable[i])
			continue;
		if (t != SQLITE_TEXT) {
			refuse(w, x->id, "entry %lld's %s is not text",
			    (long long)x->id, field_names[i]);
			return false;
		}
		x->f[i].s = (const char *)sqlite3_column_text(st, c);
		x->f[i].len = (size_t)sqlite3_column_bytes(st, c);
	}
	return true;
}

int
audit_verify(struct sq *s, struct rows **out, struct werr *e)
{
	sqlite3_stmt *st;
	struct walk w = { "", 0, true };
	struct redaction *rs = NULL;
	struct claim *claims = NULL;
	size_t nred = 0, ri = 0, nclaims = 0, capclaims = 0;
	char prev[65], hash[65];
	char *head = NULL, *count = NULL;
	int64_t expect_id = 1, n = 0, meta_count = 0, prev_at = 0;
	int last_form = 1, rc;

	/* One read transaction, so that a writer cannot move the head
	 * between the walk and the meta check. */
	if (s->tx_depth == 0 &&
	    sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(s, e, sqlite3_errcode(s->db), "verify");
	if (load_redactions(s, &w, &rs, &nred, e) < 0)
		goto fail;
	st = sq_prep(s, "SELECT id, at, actor, action, target, account_id, "
	    "reason, params, result, idem_key, fingerprint, prev_hash, hash, "
	    "form FROM audit ORDER BY id", e);
	if (st == NULL)
		goto fail;
	memcpy(prev, zero_hash, sizeof prev);
	while (w.ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct entry x;
		const char *digests[F__COUNT] = { 0 };
		const char *stored_prev = (const char *)sqlite3_column_text(st, 11);
		const char *stored = (const char *)sqlite3_column_text(st, 12);
		/* by length too: strcmp would stop at a NUL */
		bool prev_whole = sqlite3_column_bytes(st, 11) == 64;
		bool stored_whole = sqlite3_column_bytes(st, 12) == 64;
		bool redacted = false;
		struct claim cl;
		int i;

		n++;
		if (!read_entry(st, &x, &w))
			break;
		if (x.id != expect_id) {
			/* ids climb by one from 1; below that, an entry was
			 * slipped in ahead of the chain */
			if (x.id > expect_id)
				refuse(&w, x.id, "entry %lld is missing "
				    "(deleted) before entry %lld",
				    (long long)expect_id, (long long)x.id);
			else
				refuse(&w, x.id, "entry %lld is out of sequence "
				    "(inserted before entry %lld)",
				    (long long)x.id, (long long)expect_id);
			break;
		}
		if (x.id > 1 && x.at < prev_at - AUDIT_CLOCK_SKEW) {
			refuse(&w, x.id, "entry %lld is dated %lld s before "
			    "entry %lld (time went back, or the entry was "
			    "moved)", (long long)x.id,
			    (long long)(prev_at - x.at), (long long)x.id - 1);
			break;
		}
		if (x.form < last_form) {
			refuse(&w, x.id, "entry %lld is of hash form %d after "
			    "an entry of form %d", (long long)x.id, x.form,
			    last_form);
			break;
		}
		/* the field's redactions, oldest first: the first one's old
		 * digest is what the chain hashed; each one's new digest is
		 * the next one's old; the last one's is the text now */
		while (ri < nred && rs[ri].audit_id < x.id) {
			refuse(&w, rs[ri].audit_id, "a redaction names entry "
			    "%lld, which is not in the log",
			    (long long)rs[ri].audit_id);
			break;
		}
		while (w.ok && ri < nred && rs[ri].audit_id == x.id) {
			size_t j = ri;
			char now[65];

			for (;;) {
				if (rs[j].by_id <= x.id)
					refuse(&w, x.id, "entry %lld was "
					    "redacted by an entry before it",
					    (long long)x.id);
				if (j + 1 >= nred ||
				    rs[j + 1].audit_id != x.id ||
				    rs[j + 1].field != rs[ri].field)
					break;
				if (strcmp(rs[j].new_, rs[j + 1].old) != 0)
					refuse(&w, x.id, "entry %lld's "
					    "redactions do not follow one "
					    "another", (long long)x.id);
				j++;
			}
			digest(&x.f[rs[ri].field], now);
			if (strcmp(now, rs[j].new_) != 0)
				refuse(&w, x.id, "entry %lld's %s was changed "
				    "after it was redacted", (long long)x.id,
				    field_names[rs[ri].field]);
			digests[rs[ri].field] = rs[ri].old;
			redacted = true;
			ri = j + 1;
		}
		if (!w.ok)
			break;
		if (x.form == 1) {
			for (i = 0; i < F__COUNT; i++)
				if (x.f[i].s && strlen(x.f[i].s) != x.f[i].len)
					break;
			if (i < F__COUNT) {
				refuse(&w, x.id, "entry %lld's %s holds a NUL "
				    "byte (text was hidden after it)",
				    (long long)x.id, field_names[i]);
				break;
			}
			/* Form 1 hashed the text itself: a redacted entry of
			 * that form is checked by its place in the chain
			 * only. */
			if (redacted && stored && strlen(stored) == 64)
				memcpy(hash, stored, sizeof hash);
			else
				entry_hash1(&x, prev, hash);
		} else
			entry_hash2(&x, digests, prev, hash);
		if (stored_prev == NULL || !prev_whole ||
		    strcmp(stored_prev, prev) != 0) {
			refuse(&w, x.id, "entry %lld does not follow entry %lld "
			    "(an entry was removed, inserted or reordered)",
			    (long long)x.id, (long long)x.id - 1);
			break;
		}
		if (stored == NULL || !stored_whole || strcmp(stored, hash) != 0) {
			refuse(&w, x.id, "entry %lld was changed after it was "
			    "written", (long long)x.id);
			break;
		}
		if (params_claim(&x.f[F_PARAMS], &cl.n, cl.digest)) {
			cl.id = x.id;
			if (nclaims == capclaims) {
				capclaims = capclaims ? capclaims * 2 : 16;
				claims = xreallocarray(claims, capclaims,
				    sizeof *claims);
			}
			claims[nclaims++] = cl;
		}
		memcpy(prev, hash, sizeof prev);
		prev_at = x.at;
		last_form = x.form;
		expect_id++;
	}
	sqlite3_reset(st);
	if (w.ok && rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sq_fail(s, e, rc, "verify");
		goto fail;
	}
	if (w.ok && ri < nred)
		refuse(&w, rs[ri].audit_id, "a redaction names entry %lld, "
		    "which is not in the log", (long long)rs[ri].audit_id);
	if (w.ok)
		check_authors(&w, rs, nred, claims, nclaims);
	if (w.ok) {
		if (sq_text(s, e, &head, "SELECT v FROM meta WHERE "
		    "k = 'audit_head'", "") < 0 ||
		    sq_text(s, e, &count, "SELECT v FROM meta WHERE "
		    "k = 'audit_count'", "") < 0)
			goto fail;
		if (count)
			str_to_i64(count, 0, INT64_MAX, &meta_count);
		if (meta_count != n || !str_eq(head, prev))
			refuse(&w, meta_count > n ? n + 1 : n, "the log ends at "
			    "entry %lld but %lld were written (entries were "
			    "cut from the end, or the head was changed)",
			    (long long)n, (long long)meta_count);
	}
	free(head);
	free(count);
	free(rs);
	free(claims);
	if (s->tx_depth == 0)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	verdict(out, &w, n);
	return 0;
fail:
	free(head);
	free(count);
	free(rs);
	free(claims);
	if (s->tx_depth == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
