/* data/trust.c: progressive trust and queue priority.  The numbers come
 * from the rule table; this file holds only the shape of the rules. */
#include "sq.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct facts {
	int64_t id, created, phone_verified_at, tx, social, rating_count;
	int64_t upheld_recent, upheld_high, peers, vouchers;
	double rating_avg;
	int level_before, manual;
	bool locked, suspended, has_manual;
	char status[16];
};

static int
load_facts(struct sq *s, int64_t id, struct facts *f, struct werr *e)
{
	sqlite3_stmt *st;
	int64_t now = sq_now(s);
	int rc;

	memset(f, 0, sizeof *f);
	f->id = id;
	st = sq_prep(s, "SELECT created, coalesce(phone_verified_at, 0), "
	    "completed_tx, status, trust_level, trust_locked, trust_manual, "
	    "(SELECT count(*) FROM social WHERE account_id = account.id) "
	    "FROM account WHERE id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return werr_set(e, WE_NOTFOUND, "no account %lld",
			    (long long)id);
		return sq_fail(s, e, rc, "trust");
	}
	f->created = sqlite3_column_int64(st, 0);
	f->phone_verified_at = sqlite3_column_int64(st, 1);
	f->tx = sqlite3_column_int64(st, 2);
	snprintf(f->status, sizeof f->status, "%s",
	    (const char *)sqlite3_column_text(st, 3));
	f->level_before = sqlite3_column_int(st, 4);
	f->locked = sqlite3_column_int(st, 5) != 0;
	f->has_manual = sqlite3_column_type(st, 6) != SQLITE_NULL;
	f->manual = sqlite3_column_int(st, 6);
	f->social = sqlite3_column_int64(st, 7);
	sqlite3_reset(st);
	f->suspended = strcmp(f->status, "suspended") == 0 ||
	    strcmp(f->status, "banned") == 0;

	/* Retaliatory ratings are left out of the average and of trust. */
	st = sq_prep(s, "SELECT avg(stars), count(*) FROM rating "
	    "WHERE ratee_id = ? AND retaliatory = 0", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f->rating_avg = sqlite3_column_double(st, 0);
		f->rating_count = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sq_fail(s, e, rc, "trust");

	if (sq_int(s, e, &f->upheld_recent, "SELECT count(*) FROM flag "
	    "WHERE account_id = ? AND status = 'upheld' AND created >= ?",
	    "ii", id, now - (int64_t)(sq_rule(s, "member_clean_days") * 86400))
	    < 0)
		return -1;
	if (sq_int(s, e, &f->upheld_high, "SELECT count(*) FROM flag "
	    "WHERE account_id = ? AND status = 'upheld' AND severity = 3",
	    "i", id) < 0)
		return -1;

	/* The peer group: vouchers of the minimum level, in good standing,
	 * each tied by a vouch (either way) to another of them.  A ring of
	 * young accounts vouching for each other has no member of level 2
	 * and so counts nothing. */
	if (sq_int(s, e, &f->vouchers, "SELECT count(*) FROM vouch v "
	    "JOIN account a ON a.id = v.voucher_id WHERE v.vouchee_id = ? "
	    "AND a.trust_level >= ? AND a.status IN ('active','warned')",
	    "ii", id, (int64_t)sq_rule(s, "trusted_voucher_min_level")) < 0)
		return -1;
	if (sq_int(s, e, &f->peers,
	    "WITH g AS (SELECT v.voucher_id AS id FROM vouch v "
	    "  JOIN account a ON a.id = v.voucher_id WHERE v.vouchee_id = ?1 "
	    "  AND a.trust_level >= ?2 AND a.status IN ('active','warned')) "
	    "SELECT count(*) FROM g WHERE EXISTS (SELECT 1 FROM vouch x "
	    "  WHERE (x.voucher_id = g.id AND x.vouchee_id IN (SELECT id FROM g)) "
	    "  OR (x.vouchee_id = g.id AND x.voucher_id IN (SELECT id FROM g)))",
	    "ii", id, (int64_t)sq_rule(s, "trusted_voucher_min_level")) < 0)
		return -1;
	return 0;
}

struct verdict {
	bool basic, member, trusted;
	bool m_age, m_tx, m_social, m_clean, t_tx, t_rating, t_peers;
	int computed, level, score;
	bool capped;
};

static double
ratio(double have, double need)
{
	if (need <= 0)
		return 1;
	return have >= need ? 1 : have / need;
}

static void
judge(struct sq *s, const struct facts *f, struct verdict *v)
{
	int64_t now = sq_now(s);
	double age_days = (double)(now - f->created) / 86400, score;

	memset(v, 0, sizeof *v);
	v->basic = f->phone_verified_at > 0;
	v->m_age = age_days >= sq_rule(s, "member_min_age_days");
	v->m_tx = f->tx >= sq_rule(s, "member_min_transactions");
	v->m_social = f->social >= sq_rule(s, "member_min_social");
	v->m_clean = f->upheld_recent == 0;
	v->member = v->basic && v->m_age && v->m_tx && v->m_social &&
	    v->m_clean;
	v->t_tx = f->tx >= sq_rule(s, "trusted_min_transactions");
	v->t_rating = f->rating_count > 0 &&
	    f->rating_avg + 1e-9 >= sq_rule(s, "trusted_min_rating");
	v->t_peers = f->peers >= sq_rule(s, "trusted_min_vouchers");
	v->trusted = v->member && v->t_tx && v->t_rating && v->t_peers;
	v->computed = v->trusted ? 3 : v->member ? 2 : v->basic ? 1 : 0;
	v->level = v->computed;
	if (f->upheld_high > 0 &&
	    v->level > (int)sq_rule(s, "high_flag_cap_level")) {
		v->level = (int)sq_rule(s, "high_flag_cap_level");
		v->capped = true;
	}
	if (f->locked && f->has_manual)
		v->level = f->manual;
	if (f->suspended)
		v->level = 0;

	score = (v->basic ? 15 : 0) +
	    10 * ratio(age_days, sq_rule(s, "member_min_age_days")) +
	    20 * ratio((double)f->tx, sq_rule(s, "trusted_min_transactions")) +
	    10 * ratio((double)f->social, sq_rule(s, "member_min_social")) +
	    (f->rating_count > 0 ? 15 * fmax(0, fmin(1,
	    (f->rating_avg - 3) / 2)) : 0) +
	    20 * ratio((double)f->peers, sq_rule(s, "trusted_min_vouchers")) +
	    (v->m_clean ? 10 : 0);
	if (f->upheld_high > 0)
		score /= 2;
	if (f->suspended)
		score = 0;
	v->score = (int)lround(fmin(100, fmax(0, score)));
}

/* Judges one account and writes the verdict.  A level that moved is
 * remembered (the trust overview's promotions and demotions) and moves
 * the weight of the account's reports in the queue.  *moved says whether
 * it did.  An account's first judgement (never judged: no level before)
 * is where it starts, not a move: a marketplace brought under warden does
 * not show every account as promoted today, and the index of changes
 * (account_trust_changed) holds only the accounts that moved. */
static int
settle(struct sq *s, int64_t id, bool *moved, struct werr *e)
{
	struct facts f;
	struct verdict v;

	if (load_facts(s, id, &f, e) < 0)
		return -1;
	judge(s, &f, &v);
	if (sq_run(s, e, "UPDATE account SET trust_level = ?1, "
	    "trust_score = ?2, rating_avg = CASE WHEN ?4 > 0 THEN ?3 END, "
	    "rating_count = ?4, "
	    "trust_prev_level = CASE WHEN trust_prev_level IS NULL THEN ?1 "
	    "  WHEN trust_level <> ?1 THEN trust_level "
	    "  ELSE trust_prev_level END, "
	    "trust_changed_at = CASE WHEN trust_prev_level IS NOT NULL AND "
	    "  trust_level <> ?1 THEN ?5 ELSE trust_changed_at END "
	    "WHERE id = ?6",
	    "iidiii", (int64_t)v.level, (int64_t)v.score, f.rating_avg,
	    f.rating_count, sq_now(s), id) < 0)
		return -1;
	*moved = v.level != f.level_before;
	return *moved ? trust_recompute_reported_by(s, id, e) : 0;
}

int
trust_recompute(struct sq *s, int64_t id, struct werr *e)
{
	struct rows *r = NULL;
	bool moved;
	size_t i;
	int rc;

	if (settle(s, id, &moved, e) < 0 || priority_recompute(s, id, e) < 0)
		return -1;
	if (!moved)
		return 0;
	/* Its vouchees' peer groups moved too: one step only, no cascade
	 * through the graph.  A vouchee's own level is part of its queue
	 * priority. */
	rc = sq_rows(s, e, &r, "SELECT vouchee_id FROM vouch "
	    "WHERE voucher_id = ?", "i", id);
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t other = rows_int(r, i, "vouchee_id", 0);

		rc = settle(s, other, &moved, e);
		if (rc == 0 && moved)
			rc = priority_recompute(s, other, e);
	}
	rows_free(r);
	return rc;
}

int
trust_recompute_reported_by(struct sq *s, int64_t reporter, struct werr *e)
{
	struct rows *r = NULL;
	size_t i;
	int rc;

	rc = sq_rows(s, e, &r, "SELECT DISTINCT account_id FROM flag "
	    "WHERE reporter_id = ? AND status = 'open'", "i", reporter);
	for (i = 0; rc == 0 && i < r->nrows; i++)
		rc = priority_recompute(s, rows_int(r, i, "account_id", 0), e);
	rows_free(r);
	return rc;
}

/* How much a reporter's flag weighs: nothing when muted, more for trusted
 * reporters and those whose past flags were upheld (Laplace-smoothed, so
 * a first report counts as an even record). */
static double
reporter_weight(bool detector, bool muted, int level, int64_t upheld,
    int64_t dismissed)
{
	if (muted)
		return 0;
	if (detector)
		return 1;
	return (0.5 + 0.25 * level) * 2.0 * (double)(upheld + 1) /
	    (double)(upheld + dismissed + 2);
}

int
priority_recompute(struct sq *s, int64_t id, struct werr *e)
{
	static const char *const weight_rule[] = { "weight_low",
		"weight_low", "weight_medium", "weight_high" };
	sqlite3_stmt *st;
	double base = 0, reason_w[16] = { 0 }, key, mult, best = -1;
	int64_t n = 0, oldest = 0, level = 0, now = sq_now(s);
	const char *top = NULL;
	int rc, i;

	if (sq_int(s, e, &level, "SELECT trust_level FROM account "
	    "WHERE id = ?", "i", id) < 0)
		return -1;
	st = sq_prep(s, "SELECT f.severity, f.reason, f.created, "
	    "f.reporter_id IS NULL, coalesce(r.trust_level, 0), "
	    "coalesce(r.reports_upheld, 0), coalesce(r.reports_dismissed, 0), "
	    "m.account_id IS NOT NULL AND (m.until IS NULL OR m.until > ?) "
	    "FROM flag f LEFT JOIN account r ON r.id = f.reporter_id "
	    "LEFT JOIN muted_reporter m ON m.account_id = f.reporter_id "
	    "WHERE f.account_id = ? AND f.status = 'open'", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int sev = sqlite3_column_int(st, 0);
		const char *reason = (const char *)sqlite3_column_text(st, 1);
		int64_t created = sqlite3_column_int64(st, 2);
		double w;

		if (sev < 1 || sev > 3)
			sev = 1;
		w = sq_rule(s, weight_rule[sev]) * reporter_weight(
		    sqlite3_column_int(st, 3), sqlite3_column_int(st, 7),
		    sqlite3_column_int(st, 4), sqlite3_column_int64(st, 5),
		    sqlite3_column_int64(st, 6));
		base += w;
		for (i = 0; flag_reasons[i] && i < (int)W_NELEM(reason_w);
		    i++) {
			if (str_eq(reason, flag_reasons[i])) {
				/* ties go to the more severe-sounding, by a
				 * hair per severity */
				reason_w[i] += w + sev * 1e-6;
				break;
			}
		}
		if (n == 0 || created < oldest)
			oldest = created;
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, e, rc, "priority");
	for (i = 0; flag_reasons[i] && i < (int)W_NELEM(reason_w); i++) {
		if (reason_w[i] > best && reason_w[i] > 0) {
			best = reason_w[i];
			top = flag_reasons[i];
		}
	}
	if (n == 0)
		return sq_run(s, e, "UPDATE account SET open_flags = 0, "
		    "top_reason = NULL, oldest_flag_at = NULL, "
		    "queue_priority = 0 WHERE id = ?", "i", id);
	mult = 1 + sq_rule(s, "lowtrust_step") * (double)(2 - level);
	if (mult < 0.25)
		mult = 0.25;
	/* See the schema: the age term is added at read time.  With every
	 * reporter muted no reason weighs anything: the flags stay, named
	 * by the first. */
	key = base * mult - sq_rule(s, "age_per_day") *
	    (double)oldest / 86400;
	return sq_run(s, e, "UPDATE account SET open_flags = ?1, "
	    "top_reason = coalesce(?2, (SELECT reason FROM flag WHERE "
	    "  account_id = ?5 AND status = 'open' ORDER BY created LIMIT 1)), "
	    "oldest_flag_at = ?3, queue_priority = ?4 WHERE id = ?5", "itidi",
	    n, top, oldest, key, id);
}

int
trust_breakdown(struct sq *s, int64_t id, struct rows **out, struct werr *e)
{
	struct facts f;
	struct verdict v;
	struct rows *r;
	char have[64], need[64];
	int64_t now = sq_now(s);
	size_t row;

	if (load_facts(s, id, &f, e) < 0)
		return -1;
	judge(s, &f, &v);
	r = rows_new_list("level,rule,holds,have,need");
#define ROW(lvl, rule, holds, h, n_) do { \
	row = rows_add(r); \
	rows_set_int(r, row, 0, lvl); \
	rows_set_text(r, row, 1, rule); \
	rows_set_int(r, row, 2, (holds) ? 1 : 0); \
	rows_set_text(r, row, 3, h); \
	rows_set_text(r, row, 4, n_); \
} while (0)
	if (f.phone_verified_at)
		time_format_short(f.phone_verified_at, have, sizeof have);
	else
		snprintf(have, sizeof have, "no");
	ROW(1, "phone verified", v.basic, have, "yes");
	snprintf(have, sizeof have, "%lldd", (long long)((now - f.created) /
	    86400));
	snprintf(need, sizeof need, "%gd", sq_rule(s, "member_min_age_days"));
	ROW(2, "account age", v.m_age, have, need);
	snprintf(have, sizeof have, "%lld", (long long)f.tx);
	snprintf(need, sizeof need, "%g", sq_rule(s, "member_min_transactions"));
	ROW(2, "completed transactions", v.m_tx, have, need);
	snprintf(have, sizeof have, "%lld", (long long)f.social);
	snprintf(need, sizeof need, "%g", sq_rule(s, "member_min_social"));
	ROW(2, "linked social accounts", v.m_social, have, need);
	snprintf(have, sizeof have, "%lld", (long long)f.upheld_recent);
	snprintf(need, sizeof need, "0 in %gd", sq_rule(s, "member_clean_days"));
	ROW(2, "upheld flags", v.m_clean, have, need);
	snprintf(have, sizeof have, "%lld", (long long)f.tx);
	snprintf(need, sizeof need, "%g", sq_rule(s, "trusted_min_transactions"));
	ROW(3, "completed transactions", v.t_tx, have, need);
	if (f.rating_count)
		snprintf(have, sizeof have, "%.2f of %lld", f.rating_avg,
		    (long long)f.rating_count);
	else
		snprintf(have, sizeof have, "none");
	snprintf(need, sizeof need, "%g", sq_rule(s, "trusted_min_rating"));
	ROW(3, "rating average", v.t_rating, have, need);
	snprintf(have, sizeof have, "%lld of %lld", (long long)f.peers,
	    (long long)f.vouchers);
	snprintf(need, sizeof need, "%g, level %g+", sq_rule(s,
	    "trusted_min_vouchers"), sq_rule(s, "trusted_voucher_min_level"));
	ROW(3, "inter-connected vouchers", v.t_peers, have, need);
	ROW(4, "set by an admin", f.locked && f.manual == 4,
	    f.locked && f.manual == 4 ? "yes" : "no", "admin");
	if (f.upheld_high) {
		snprintf(have, sizeof have, "%lld upheld", (long long)f.upheld_high);
		snprintf(need, sizeof need, "caps at %g",
		    sq_rule(s, "high_flag_cap_level"));
		ROW(0, "high-severity flag", !v.capped, have, need);
	}
	if (f.locked && f.has_manual) {
		snprintf(have, sizeof have, "locked at %d", f.manual);
		ROW(0, "manual override", 1, have, "-");
	}
	if (f.suspended)
		ROW(0, "suspended or banned", 0, f.status, "holds at 0");
#undef ROW
	*out = r;
	return 0;
}

int
sqlite_store_recompute(struct store *st, int64_t account, struct werr *e)
{
	struct sq *s = sq_of(st);
	int64_t last, max = 0;
	int pass;

	if (account > 0) {
		if (sq_begin(s, e) < 0)
			return -1;
		if (trust_recompute(s, account, e) < 0) {
			sq_rollback(s);
			return -1;
		}
		return sq_commit(s, e);
	}
	if (sq_int(s, e, &max, "SELECT coalesce(max(id), 0) FROM account",
	    "") < 0)
		return -1;
	/* Two passes: the second sees the voucher levels the first set.
	 * Chunks of a few thousand keep transactions (and memory) small. */
	for (pass = 0; pass < 2; pass++) {
		for (last = 0; last < max;) {
			struct rows *r = NULL;
			size_t i;

			if (sq_begin(s, e) < 0)
				return -1;
			if (sq_rows(s, e, &r, "SELECT id FROM account WHERE "
			    "id > ? ORDER BY id LIMIT 2000", "i", last) < 0)
				goto fail;
			for (i = 0; i < r->nrows; i++) {
				last = rows_int(r, i, "id", 0);
				if (trust_recompute(s, last, e) < 0) {
					rows_free(r);
					goto fail;
				}
			}
			if (r->nrows == 0)
				last = max;
			rows_free(r);
			if (sq_commit(s, e) < 0)
				return -1;
		}
	}
	return 0;
fail:
	sq_rollback(s);
	return -1;
}
