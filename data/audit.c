/* data/audit.c: the audit log, a hash chain.  Each entry's hash covers its
 * own fields and the previous entry's hash, and meta keeps the count and
 * the head, so an edited, deleted, inserted or reordered entry, or a cut
 * tail, is found by verify. */
#include "sq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char zero_hash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void
field(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "-\n");
	else
		buf_printf(b, "%zu:%s\n", strlen(s), s);
}

static void
entry_hash(int64_t id, int64_t at, const char *actor, const char *action,
    const char *target, int64_t account, const char *reason,
    const char *params, const char *result, const char *key,
    const char *prev, char out[65])
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "warden-audit-1\n%lld\n%lld\n", (long long)id,
	    (long long)at);
	field(&b, actor);
	field(&b, action);
	field(&b, target);
	buf_printf(&b, "%lld\n", (long long)account);
	field(&b, reason);
	field(&b, params);
	field(&b, result);
	field(&b, key);
	field(&b, prev);
	sha256_hex(b.s, b.len, out);
	buf_free(&b);
}

int
audit_append(struct sq *s, const struct audit_entry *a, int64_t *idp,
    struct werr *e)
{
	char *prev = NULL, hash[65], count[32];
	int64_t id = 0, at = sq_now(s);
	int rc;

	rc = sq_int(s, e, &id, "SELECT coalesce(max(id), 0) FROM audit", "");
	if (rc < 0)
		return -1;
	id++;
	rc = sq_text(s, e, &prev, "SELECT v FROM meta WHERE k = 'audit_head'",
	    "");
	if (rc < 0)
		return -1;
	entry_hash(id, at, a->actor, a->action, a->target, a->account,
	    a->reason, a->params ? a->params : "{}", a->result, a->key,
	    prev ? prev : zero_hash, hash);
	rc = sq_run(s, e, "INSERT INTO audit(id, at, actor, action, target, "
	    "account_id, reason, params, result, idem_key, fingerprint, "
	    "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	    "iitttIttttttt", id, at, a->actor, a->action, a->target,
	    a->account, a->reason, a->params ? a->params : "{}", a->result,
	    a->key, a->fingerprint, prev ? prev : zero_hash, hash);
	free(prev);
	if (rc < 0)
		return -1;
	snprintf(count, sizeof count, "%lld", (long long)id);
	if (sq_run(s, e, "INSERT OR REPLACE INTO meta(k, v) VALUES "
	    "('audit_head', ?), ('audit_count', ?)", "tt", hash, count) < 0)
		return -1;
	if (idp)
		*idp = id;
	return 0;
}

static void
verdict(struct rows **out, bool ok, int64_t entries, int64_t bad,
    const char *problem)
{
	struct rows *r = rows_new_list("ok,entries,bad_id,problem");
	size_t row = rows_add(r);

	rows_set_int(r, row, 0, ok);
	rows_set_int(r, row, 1, entries);
	if (!ok)
		rows_set_int(r, row, 2, bad);
	rows_set_text(r, row, 3, problem);
	*out = r;
}

int
audit_verify(struct sq *s, struct rows **out, struct werr *e)
{
	sqlite3_stmt *st;
	char prev[65], hash[65], problem[200];
	char *head = NULL, *count = NULL;
	int64_t expect_id = 1, n = 0, bad = 0, meta_count = 0;
	bool ok = true;	/* bad is an id, and an inserted one may be 0 */
	int rc;

	/* One read transaction, so that a writer cannot move the head
	 * between the walk and the meta check. */
	if (s->tx_depth == 0 &&
	    sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(s, e, sqlite3_errcode(s->db), "verify");
	st = sq_prep(s, "SELECT id, at, actor, action, target, "
	    "coalesce(account_id, 0), reason, params, result, idem_key, "
	    "prev_hash, hash FROM audit ORDER BY id", e);
	if (st == NULL)
		goto fail;
	memcpy(prev, zero_hash, sizeof prev);
	problem[0] = '\0';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *stored_prev = (const char *)sqlite3_column_text(st, 10);
		const char *stored = (const char *)sqlite3_column_text(st, 11);

		n++;
		if (id != expect_id) {
			/* ids climb by one from 1; below that, an entry was
			 * slipped in ahead of the chain */
			ok = false;
			bad = id;
			if (id > expect_id)
				snprintf(problem, sizeof problem, "entry %lld is "
				    "missing (deleted) before entry %lld",
				    (long long)expect_id, (long long)id);
			else
				snprintf(problem, sizeof problem, "entry %lld is "
				    "out of sequence (inserted before entry %lld)",
				    (long long)id, (long long)expect_id);
			break;
		}
		entry_hash(id, sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    sqlite3_column_int64(st, 5),
		    (const char *)sqlite3_column_text(st, 6),
		    (const char *)sqlite3_column_text(st, 7),
		    (const char *)sqlite3_column_text(st, 8),
		    (const char *)sqlite3_column_text(st, 9), prev, hash);
		if (stored_prev == NULL || strcmp(stored_prev, prev) != 0) {
			ok = false;
			bad = id;
			snprintf(problem, sizeof problem, "entry %lld does not "
			    "follow entry %lld (an entry was removed, "
			    "inserted or reordered)", (long long)id,
			    (long long)id - 1);
			break;
		}
		if (stored == NULL || strcmp(stored, hash) != 0) {
			ok = false;
			bad = id;
			snprintf(problem, sizeof problem, "entry %lld was "
			    "changed after it was written", (long long)id);
			break;
		}
		memcpy(prev, hash, sizeof prev);
		expect_id++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sq_fail(s, e, rc, "verify");
		goto fail;
	}
	if (ok) {
		if (sq_text(s, e, &head, "SELECT v FROM meta WHERE "
		    "k = 'audit_head'", "") < 0 ||
		    sq_text(s, e, &count, "SELECT v FROM meta WHERE "
		    "k = 'audit_count'", "") < 0)
			goto fail;
		if (count)
			str_to_i64(count, 0, INT64_MAX, &meta_count);
		if (meta_count != n || !str_eq(head, prev)) {
			ok = false;
			bad = meta_count > n ? n + 1 : n;
			snprintf(problem, sizeof problem, "the log ends at "
			    "entry %lld but %lld were written (entries were "
			    "cut from the end, or the head was changed)",
			    (long long)n, (long long)meta_count);
		}
	}
	free(head);
	free(count);
	if (s->tx_depth == 0)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	verdict(out, ok, n, bad, ok ? "" : problem);
	return 0;
fail:
	free(head);
	free(count);
	if (s->tx_depth == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
