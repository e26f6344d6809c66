/* data/detect_scan.c: runs the detectors over the store (see detect.h):
 * messages (contact details, phishing links), accounts (impersonation)
 * and ratings (retaliatory); rings are in detect_ring.c.  Everything
 * happens inside the transaction of the action that asked (scan or
 * sweep); a raised flag and a rating left out are audited steps. */
#include "detect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "json.h"

#define CHUNK 500

static const char *const severity_rule[DET__COUNT] = {
	[DET_CONTACT] = "severity_off_platform",
	[DET_PHISHING] = "severity_phishing",
	[DET_IMPERSONATION] = "severity_impersonation",
	[DET_VOUCH_RING] = "severity_vouch_ring",
	[DET_RETALIATORY] = "severity_retaliatory",
};
static const char *const flag_reason[DET__COUNT] = {
	[DET_CONTACT] = "off_platform",
	[DET_PHISHING] = "phishing",
	[DET_IMPERSONATION] = "impersonation",
	[DET_VOUCH_RING] = "fraud",
	[DET_RETALIATORY] = "retaliatory_rating",
};

static int
own_domains(struct sq *s, struct domains *d, struct werr *e)
{
	char *t = NULL;

	if (sq_text(s, e, &t, "SELECT v FROM meta WHERE k = "
	    "'marketplace_domains'", "") < 0)
		return -1;
	domains_parse(t, d);
	free(t);
	return 0;
}

/* ------------------------------------------------------------------ */

/* The unary + keeps the planner on flag_account: without ANALYZE it
 * would walk flag_reporter, where every detector flag shares the NULL
 * reporter (minutes instead of seconds for a scan of a million accounts'
 * messages). */
const char detect_flag_sql[] = "SELECT id FROM flag WHERE account_id = ? "
    "AND detector = ? AND +reporter_id IS NULL AND status = 'open' "
    "ORDER BY id LIMIT 1";

static int
raise_flag(struct actx *x, const struct mark *m, int64_t mark_id,
    struct scan_report *rep, struct werr *e)
{
	struct sq *s = x->s;
	int64_t flag = 0, sev;
	char *handle = NULL, *target, *params, *result;
	json_t *o;
	int rc;

	sev = (int64_t)sq_rule(s, severity_rule[m->det]);
	if (sev <= 0)
		return 0;
	if (sev > 3)
		sev = 3;
	/* One open flag per account and detector: more marks add to it. */
	rc = sq_int(s, e, &flag, detect_flag_sql, "it", m->account,
	    detector_names[m->det]);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (sq_run(s, e, "INSERT INTO flag(account_id, message_id, "
		    "detector, reason, severity, detail, created, deadline) "
		    "VALUES (?,?,?,?,?,?,?,?)", "iIttitii", m->account,
		    m->message, detector_names[m->det], flag_reason[m->det],
		    sev, m->why, x->now, x->now +
		    (int64_t)(sq_rule(s, "flag_deadline_hours") * 3600)) < 0)
			return -1;
		flag = sqlite3_last_insert_rowid(s->db);
	}
	if (sq_run(s, e, "UPDATE mark SET flag_id = ? WHERE id = ?", "ii",
	    flag, mark_id) < 0)
		return -1;
	if (rc > 0)
		return 0;
	if (priority_recompute(s, m->account, e) < 0 ||
	    sq_text(s, e, &handle, "SELECT handle FROM account WHERE id = ?",
	    "i", m->account) < 0)
		return -1;
	o = json_object();
	json_object_set_new(o, "detector", json_string(detector_names[m->det]));
	json_object_set_new(o, "mark", json_integer(mark_id));
	if (m->message > 0)
		json_object_set_new(o, "message", json_integer(m->message));
	params = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	target = xasprintf("flag:%lld", (long long)flag);
	result = xasprintf("detector %s flagged @%s (%s)",
	    detector_names[m->det], handle ? handle : "?", flag_reason[m->det]);
	rc = act_step_audit(x, "raise", target, m->account, m->why, params,
	    result, e);
	free(params);
	free(target);
	free(result);
	free(handle);
	if (rc == 0)
		rep->flags++;
	return rc;
}

int
mark_record(struct actx *x, const struct mark *m, struct scan_report *rep,
    struct werr *e)
{
	int64_t id;

	if (sq_run(x->s, e, "INSERT OR IGNORE INTO mark(detector, target_type, "
	    "target_id, account_id, message_id, field, pos, len, why, grp, at) "
	    "VALUES (?,?,?,?,?,?,?,?,?,?,?)", "ttiiItiitIi",
	    detector_names[m->det], m->target_type, m->target_id, m->account,
	    m->message, m->field ? m->field : "", (int64_t)m->pos,
	    (int64_t)m->len, m->why, m->grp, x->now) < 0)
		return -1;
	if (sqlite3_changes(x->s->db) == 0)
		return 0;
	id = sqlite3_last_insert_rowid(x->s->db);
	rep->marks[m->det]++;
	return raise_flag(x, m, id, rep, e) < 0 ? -1 : 1;
}

/* ------------------------------------------------------------------ */
/* Messages: contact details and phishing links. */

static int
scan_messages(struct actx *x, unsigned which, bool full,
    const struct domains *own, struct scan_report *rep, struct werr *e)
{
	struct sq *s = x->s;
	int64_t last = 0, hw = 0;
	int maxd = (int)sq_rule(s, "lookalike_max_distance");
	bool both = (which & (1u << DET_CONTACT)) &&
	    (which & (1u << DET_PHISHING));

	if (sq_meta_int(s, "detect_hw_message", &hw, e) < 0)
		return -1;
	if (!full)
		last = hw;
	for (;;) {
		struct rows *r = NULL;
		size_t i, j;
		int rc = 0;

		if (sq_rows(s, e, &r, "SELECT id, sender_id, body FROM message "
		    "WHERE id > ? ORDER BY id LIMIT ?", "ii", last,
		    (int64_t)CHUNK) < 0)
			return -1;
		for (i = 0; rc == 0 && i < r->nrows; i++) {
			const struct value *body = rows_get(r, i, "body");
			struct findings f = { 0 };
			int64_t id = rows_int(r, i, "id", 0);

			last = id;
			rep->messages++;
			if (body == NULL || body->type != VT_TEXT)
				continue;
			if (which & (1u << DET_CONTACT))
				detect_contact(body->s, body->len, own, &f);
			if (which & (1u << DET_PHISHING))
				detect_links(body->s, body->len, own, maxd, &f);
			for (j = 0; rc >= 0 && j < f.n; j++) {
				struct mark m = { 0 };

				m.det = f.v[j].det;
				m.target_type = "message";
				m.target_id = id;
				m.account = rows_int(r, i, "sender_id", 0);
				m.message = id;
				m.field = "body";
				m.pos = f.v[j].pos;
				m.len = f.v[j].len;
				m.why = f.v[j].why;
				rc = mark_record(x, &m, rep, e);
			}
			if (rc > 0)
				rc = 0;
			findings_free(&f);
		}
		i = r->nrows;
		rows_free(r);
		if (rc < 0)
			return -1;
		if (i < CHUNK)
			break;
	}
	if (both && last > hw && sq_meta_set_int(s, "detect_hw_message", last, e)
	    < 0)
		return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Accounts: impersonation. */

/* Written like a handle: a digit, an underscore or a dot inside a word
 * ("maria_k42", "j.smith"), not an initial's full stop ("Maria K."). */
static bool
handle_like(const char *s)
{
	const char *p;

	if (strpbrk(s, "0123456789_") != NULL)
		return true;
	for (p = s; (p = strchr(p, '.')) != NULL; p++)
		if (p > s && p[1] && p[1] != ' ' && p[-1] != ' ')
			return true;
	return false;
}

/* The older account whose handle has this key, other than id. */
static int
handle_owner(struct sq *s, const char *key, int64_t id, int64_t created,
    int64_t *other, char **handle, struct werr *e)
{
	struct rows *r = NULL;
	int rc;

	*other = 0;
	*handle = NULL;
	if (strlen(key) < 4)
		return 0;
	rc = sq_rows(s, e, &r, "SELECT a.id, a.handle FROM skeleton k JOIN "
	    "account a ON a.id = k.account_id WHERE k.handle = ?1 AND "
	    "a.id <> ?2 AND (a.created < ?3 OR (a.created = ?3 AND a.id < ?2)) "
	    "ORDER BY a.created, a.id LIMIT 1", "tii", key, id, created);
	if (rc == 0 && r->nrows > 0) {
		*other = rows_int(r, 0, "id", 0);
		*handle = xstrdup(rows_text(r, 0, "handle"));
	}
	rows_free(r);
	return rc;
}

static int
mark_account(struct actx *x, int64_t id, const char *field,
    const char *text, char *why, struct scan_report *rep, struct werr *e)
{
	struct mark m = { 0 };
	int rc;

	m.det = DET_IMPERSONATION;
	m.target_type = "account";
	m.target_id = id;
	m.account = id;
	m.field = field;
	m.len = strlen(text);
	m.why = why;
	rc = mark_record(x, &m, rep, e);
	free(why);
	return rc < 0 ? -1 : 0;
}

static int
check_account(struct actx *x, const struct domains *own, int64_t id,
    const char *handle, const char *name, int64_t created,
    struct scan_report *rep, struct werr *e)
{
	char *hkey = name_key(handle), *nkey = name_key(name), *other_h = NULL;
	char *word;
	int64_t other;
	struct fold f;
	int rc = 0;

	/* The handle copies an older one through look-alike characters. */
	if (handle_owner(x->s, hkey, id, created, &other, &other_h, e) < 0)
		rc = -1;
	else if (other)
		rc = mark_account(x, id, "handle", handle, xasprintf("handle "
		    "imitates @%s: %s", other_h, handle), rep, e);
	free(other_h);
	other_h = NULL;

	/* The display name copies another's handle: through look-alike or
	 * hidden characters, or letter for letter when it is written like
	 * a handle ("maria_k", not "Maria K"). */
	fold_text(name, strlen(name), false, &f);
	if (rc == 0 && strcmp(nkey, hkey) != 0 && (f.lookalike || f.hidden ||
	    ((f.scripts & SCRIPT_LATIN) && (f.scripts & (SCRIPT_CYRILLIC |
	    SCRIPT_GREEK))) || handle_like(name))) {
		if (handle_owner(x->s, nkey, id, created, &other, &other_h, e)
		    < 0)
			rc = -1;
		else if (other)
			rc = mark_account(x, id, "display_name", name,
			    xasprintf("display name imitates @%s: %s", other_h,
			    name), rep, e);
		free(other_h);
	}
	fold_free(&f);

	/* Staff. */
	if (rc == 0 && (word = staff_word(name, own)) != NULL) {
		rc = mark_account(x, id, "display_name.staff", name,
		    xasprintf("display name plays staff (%s): %s", word, name),
		    rep, e);
		free(word);
	}
	if (rc == 0 && (word = staff_word(handle, own)) != NULL) {
		rc = mark_account(x, id, "handle.staff", handle,
		    xasprintf("handle plays staff (%s): %s", word, handle), rep,
		    e);
		free(word);
	}
	free(hkey);
	free(nkey);
	return rc;
}

static int
scan_accounts(struct actx *x, bool full, const struct domains *own,
    struct scan_report *rep, struct werr *e)
{
	struct sq *s = x->s;
	int64_t from = 0, last, hw = 0;
	int pass;

	if (sq_meta_int(s, "detect_hw_account", &hw, e) < 0)
		return -1;
	if (!full)
		from = hw;
	/* First every skeleton, so that accounts read together see each
	 * other; then the checks. */
	for (pass = 0; pass < 2; pass++) {
		last = from;
		for (;;) {
			struct rows *r = NULL;
			size_t i, n;
			int rc = 0;

			if (sq_rows(s, e, &r, "SELECT id, handle, display_name, "
			    "created FROM account WHERE id > ? ORDER BY id "
			    "LIMIT ?", "ii", last, (int64_t)CHUNK) < 0)
				return -1;
			for (i = 0; rc == 0 && i < r->nrows; i++) {
				const char *h = rows_text(r, i, "handle");
				const char *d = rows_text(r, i, "display_name");
				int64_t id = rows_int(r, i, "id", 0);

				last = id;
				h = h ? h : "";
				d = d ? d : "";
				if (pass == 0) {
					char *hk = name_key(h), *dk = name_key(d);

					rc = sq_run(s, e, "INSERT INTO skeleton("
					    "account_id, handle, name) VALUES "
					    "(?,?,?) ON CONFLICT(account_id) DO "
					    "UPDATE SET handle = excluded.handle, "
					    "name = excluded.name WHERE handle <> "
					    "excluded.handle OR name <> "
					    "excluded.name", "itt", id, hk, dk);
					free(hk);
					free(dk);
				} else {
					rep->accounts++;
					rc = check_account(x, own, id, h, d,
					    rows_int(r, i, "created", 0), rep, e);
				}
			}
			n = r->nrows;
			rows_free(r);
			if (rc < 0)
				return -1;
			if (n < CHUNK)
				break;
		}
	}
	if (last > hw && sq_meta_set_int(s, "detect_hw_account", last, e) < 0)
		return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Ratings: a low rating given within the window after receiving a low
 * one from the same counterpart on the same transaction. */

#define RETALIATORY_SELECT \
	"SELECT r.id, r.rater_id, r.ratee_id, r.stars, r.tx, r.retaliatory, " \
	"r0.stars AS got, r.created - r0.created AS after, " \
	"a.handle AS rater, b.handle AS ratee FROM rating r " \
	"JOIN rating r0 ON r0.rater_id = r.ratee_id AND " \
	"  r0.ratee_id = r.rater_id AND r0.tx = r.tx " \
	"JOIN account a ON a.id = r.rater_id " \
	"JOIN account b ON b.id = r.ratee_id " \
	"WHERE r.stars <= ?2 AND r0.stars <= ?2 AND r.created >= r0.created " \
	"AND r.created <= r0.created + ?3 " \
	"AND (r.created > r0.created OR r.id > r0.id) "

static int
scan_ratings(struct actx *x, bool full, struct scan_report *rep,
    struct werr *e)
{
	struct sq *s = x->s;
	struct rows *r = NULL;
	int64_t hw = 0, max = 0;
	size_t i;
	int rc;

	if (sq_meta_int(s, "detect_hw_rating", &hw, e) < 0 ||
	    sq_int(s, e, &max, "SELECT coalesce(max(id), 0) FROM rating", "")
	    < 0)
		return -1;
	if (full)
		hw = 0;
	if (sq_int(s, e, &rep->ratings, "SELECT count(*) FROM rating "
	    "WHERE id > ?", "i", hw) < 0)
		return -1;
	/* New ratings on either side of a pair. */
	rc = sq_rows(s, e, &r, RETALIATORY_SELECT "AND r.id > ?1 "
	    "UNION " RETALIATORY_SELECT "AND r0.id > ?1 ORDER BY 1", "iii", hw,
	    (int64_t)sq_rule(s, "retaliatory_max_stars"),
	    (int64_t)(sq_rule(s, "retaliatory_window_hours") * 3600));
	for (i = 0; rc == 0 && i < r->nrows; i++) {
		int64_t id = rows_int(r, i, "id", 0);
		int64_t rater = rows_int(r, i, "rater_id", 0);
		int64_t ratee = rows_int(r, i, "ratee_id", 0);
		int64_t stars = rows_int(r, i, "stars", 0);
		int64_t got = rows_int(r, i, "got", 0);
		char after[32], *why, *target, *msg;
		struct mark m = { 0 };

		age_format(rows_int(r, i, "after", 0), after, sizeof after);
		why = xasprintf("%lld star%s for @%s %s after getting %lld "
		    "from them (transaction %s)", (long long)stars,
		    stars == 1 ? "" : "s", rows_text(r, i, "ratee"), after,
		    (long long)got, rows_text(r, i, "tx"));
		rc = sq_run(s, e, "UPDATE rating SET retaliatory = 1 WHERE "
		    "id = ? AND retaliatory = 0", "i", id);
		if (rc == 0 && sqlite3_changes(s->db) > 0) {
			/* out of the ratee's average and trust */
			rc = trust_recompute(s, ratee, e);
			target = xasprintf("rating:%lld", (long long)id);
			msg = xasprintf("rating %lld by @%s left out of @%s's "
			    "average as retaliatory", (long long)id,
			    rows_text(r, i, "rater"), rows_text(r, i, "ratee"));
			if (rc == 0)
				rc = act_step_audit(x, "exclude", target, ratee,
				    why, "{}", msg, e);
			free(target);
			free(msg);
			rep->excluded++;
		}
		if (rc == 0) {
			m.det = DET_RETALIATORY;
			m.target_type = "rating";
			m.target_id = id;
			m.account = rater;
			m.why = why;
			rc = mark_record(x, &m, rep, e) < 0 ? -1 : 0;
		}
		free(why);
	}
	rows_free(r);
	if (rc < 0)
		return -1;
	if (max > hw && sq_meta_set_int(s, "detect_hw_rating", max, e) < 0)
		return -1;
	return 0;
}

/* ------------------------------------------------------------------ */

/* The vouches as they are now: their count and latest time.  The ring
 * detector runs again only when it changed (or on a full scan). */
static int
vouch_signature(struct sq *s, char **out, struct werr *e)
{
	return sq_text(s, e, out, "SELECT count(*) || ':' || "
	    "coalesce(max(created), 0) FROM vouch", "") < 0 ? -1 : 0;
}

int
detect_scan(struct actx *x, unsigned which, bool full,
    struct scan_report *rep, struct werr *e)
{
	struct domains own;
	int rc = 0;

	memset(rep, 0, sizeof *rep);
	if (own_domains(x->s, &own, e) < 0)
		return -1;
	if (which & ((1u << DET_CONTACT) | (1u << DET_PHISHING)))
		rc = scan_messages(x, which, full, &own, rep, e);
	if (rc == 0 && (which & (1u << DET_IMPERSONATION)))
		rc = scan_accounts(x, full, &own, rep, e);
	if (rc == 0 && (which & (1u << DET_RETALIATORY)))
		rc = scan_ratings(x, full, rep, e);
	if (rc == 0 && (which & (1u << DET_VOUCH_RING))) {
		char *sig = NULL, *seen = NULL;

		rc = vouch_signature(x->s, &sig, e);
		if (rc == 0)
			rc = sq_text(x->s, e, &seen, "SELECT v FROM meta WHERE "
			    "k = 'detect_hw_vouch'", "") < 0 ? -1 : 0;
		if (rc == 0 && (full || !str_eq(sig, seen)))
			rc = detect_rings(x, rep, e);
		if (rc == 0 && !str_eq(sig, seen))
			rc = sq_meta_set(x->s, "detect_hw_vouch", sig ? sig : "", e);
		free(sig);
		free(seen);
	}
	domains_free(&own);
	return rc;
}

void
scan_report_format(const struct scan_report *rep, struct buf *b)
{
	int64_t total = 0;
	int d;
	bool first = true;

	for (d = 0; d < DET__COUNT; d++)
		total += rep->marks[d];
	if (total == 0 && rep->excluded == 0) {
		buf_adds(b, "nothing new");
		return;
	}
	buf_printf(b, "%lld new mark%s", (long long)total, total == 1 ? "" :
	    "s");
	if (total) {
		buf_adds(b, " (");
		for (d = 0; d < DET__COUNT; d++) {
			if (rep->marks[d] == 0)
				continue;
			buf_printf(b, "%s%lld %s", first ? "" : ", ",
			    (long long)rep->marks[d], detector_names[d]);
			first = false;
		}
		buf_adds(b, ")");
	}
	buf_printf(b, ", %lld flag%s raised", (long long)rep->flags,
	    rep->flags == 1 ? "" : "s");
	if (rep->excluded)
		buf_printf(b, ", %lld rating%s left out as retaliatory",
		    (long long)rep->excluded, rep->excluded == 1 ? "" : "s");
	if (rep->rings)
		buf_printf(b, ", %lld vouch ring%s (%lld accounts)",
		    (long long)rep->rings, rep->rings == 1 ? "" : "s",
		    (long long)rep->ring_members);
}
