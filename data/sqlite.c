/* data/sqlite.c: the SQLite store: opening, migrating, statements and
 * transactions.  Queries live in query.c, actions in apply.c. */
#include "sq.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "schema.h"

struct rules {
	size_t n;
	char **names;
	double *values;
};

/* Every rule the code reads; a database missing one is refused on open. */
static const char *const rule_names[] = {
	"member_min_age_days", "member_min_transactions", "member_min_social",
	"member_clean_days", "trusted_min_transactions", "trusted_min_rating",
	"trusted_min_vouchers", "trusted_voucher_min_level",
	"high_flag_cap_level", "claim_idle_minutes", "appeal_window_days",
	"retaliatory_window_hours", "retaliatory_max_stars", "weight_low",
	"weight_medium", "weight_high", "lowtrust_step", "age_per_day",
	"flag_deadline_hours", "inquiry_answer_hours",
	/* schema 2: detectors, escalations, webhooks */
	"severity_phishing", "severity_impersonation", "severity_off_platform",
	"severity_vouch_ring", "severity_retaliatory", "lookalike_max_distance",
	"ring_min_size", "ring_young_days", "ring_max_trust",
	"ring_inside_share", "inquiry_horizon_days", "webhook_retry_seconds",
	"webhook_retry_max_seconds", "webhook_give_up_attempts",
};

static const struct store_ops sqlite_ops;

int64_t
sq_now(struct sq *s)
{
	if (s->clock)
		return s->clock(s->clock_ctx);
	if (s->fixed_now)
		return s->fixed_now;
	return (int64_t)time(NULL);
}

int64_t
sqlite_store_now(struct store *st)
{
	return sq_now(sq_of(st));
}

void
sqlite_store_set_clock(struct store *st, int64_t (*now)(void *), void *ctx)
{
	struct sq *s = sq_of(st);

	s->clock = now;
	s->clock_ctx = ctx;
}

int
sqlite_schema_version(void)
{
	return schema_version();
}

int
sq_fail(struct sq *s, struct werr *e, int rc, const char *what)
{
	const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return werr_set(e, WE_TEMP, "%s: the database is busy "
		    "(another process holds it); try again", s->path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return werr_set(e, WE_INVALID, "%s: the database is damaged "
		    "(%s); restore it from a backup", s->path, msg);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return werr_set(e, WE_PERM, "%s: cannot write the database "
		    "(%s); warden needs write access to it and its directory",
		    s->path, msg);
	case SQLITE_FULL:
		return werr_set(e, WE_IO, "%s: the disk is full", s->path);
	case SQLITE_IOERR:
		return werr_set(e, WE_IO, "%s: I/O error (%s)", s->path, msg);
	case SQLITE_CONSTRAINT:
		return werr_set(e, WE_CONFLICT, "%s: %s", what, msg);
	default:
		return werr_set(e, WE_INTERNAL, "%s: %s (sqlite %d)", what, msg,
		    rc);
	}
}

static size_t
slot_hash(const char *p, size_t n)
{
	uintptr_t v = (uintptr_t)p;

	v ^= v >> 17;
	v *= 0x9e3779b97f4a7c15ULL & UINTPTR_MAX;
	return (size_t)(v ^ (v >> 29)) & (n - 1);
}

static void
slots_grow(struct sq *s)
{
	struct stmt_slot *old = s->slots;
	size_t oldn = s->nslots, i;

	s->nslots = oldn ? oldn * 2 : 256;
	s->slots = xcalloc(s->nslots, sizeof *s->slots);
	for (i = 0; i < oldn; i++) {
		size_t h;

		if (old[i].sql == NULL)
			continue;
		h = slot_hash(old[i].sql, s->nslots);
		while (s->slots[h].sql)
			h = (h + 1) & (s->nslots - 1);
		s->slots[h] = old[i];
	}
	free(old);
}

sqlite3_stmt *
sq_prep(struct sq *s, const char *sql, struct werr *e)
{
	size_t h;
	int rc;

	if (s->used * 2 >= s->nslots)
		slots_grow(s);
	h = slot_hash(sql, s->nslots);
	while (s->slots[h].sql && s->slots[h].sql != sql)
		h = (h + 1) & (s->nslots - 1);
	if (s->slots[h].sql) {
		sqlite3_reset(s->slots[h].st);
		sqlite3_clear_bindings(s->slots[h].st);
		return s->slots[h].st;
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->slots[h].st, NULL);
	if (rc != SQLITE_OK) {
		/* A statement that does not prepare is a bug, or a damaged
		 * schema; say which statement. */
		sq_fail(s, e, rc, "preparing a statement");
		if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB
		    && (rc & 0xff) != SQLITE_BUSY && e)
			snprintf(e->msg, sizeof e->msg, "%s: %s in: %.200s",
			    s->path, sqlite3_errmsg(s->db), sql);
		s->slots[h].st = NULL;
		return NULL;
	}
	s->slots[h].sql = sql;
	s->used++;
	return s->slots[h].st;
}

int
sq_bindv(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int i, rc = SQLITE_OK;

	for (i = 1; fmt && *fmt && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);

			rc = v > 0 ? sqlite3_bind_int64(st, i, v) :
			    sqlite3_bind_null(st, i);
			break;
		}
		case 'd':
			rc = sqlite3_bind_double(st, i, va_arg(ap, double));
			break;
		case 't': {
			const char *t = va_arg(ap, const char *);

			rc = t ? sqlite3_bind_text(st, i, t, -1,
			    SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
			break;
		}
		case 'b':
			rc = sqlite3_bind_int(st, i, va_arg(ap, int) ? 1 : 0);
			break;
		default:
			fatal("sq_bindv: bad format '%c'", *fmt);
		}
	}
	return rc;
}

static sqlite3_stmt *
prep_bind(struct sq *s, struct werr *e, const char *sql, const char *fmt,
    va_list ap)
{
	sqlite3_stmt *st = sq_prep(s, sql, e);
	int rc;

	if (st == NULL)
		return NULL;
	/* A format that does not fit the statement is a bug: say so rather
	 * than bind garbage. */
	if ((size_t)sqlite3_bind_parameter_count(st) != strlen(fmt)) {
		werr_set(e, WE_INTERNAL, "bind format '%s' does not fit %d "
		    "parameters of: %.160s", fmt,
		    sqlite3_bind_parameter_count(st), sql);
		return NULL;
	}
	rc = sq_bindv(st, fmt, ap);
	if (rc != SQLITE_OK) {
		sq_fail(s, e, rc, "binding a parameter");
		return NULL;
	}
	return st;
}

int
sq_run(struct sq *s, struct werr *e, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	st = prep_bind(s, e, sql, fmt, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(s, e, rc, "writing");
	return 0;
}

/* Steps a one-row query.  Returns 1 with the row ready to read (the
 * caller resets st), 0 when there was none, -1 on error. */
static int
one_row(struct sq *s, struct werr *e, sqlite3_stmt **stp, const char *sql,
    const char *fmt, va_list ap)
{
	sqlite3_stmt *st = prep_bind(s, e, sql, fmt, ap);
	int rc;

	*stp = st;
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_fail(s, e, rc, "reading");
}

int
sq_int(struct sq *s, struct werr *e, int64_t *out, const char *sql,
    const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = one_row(s, e, &st, sql, fmt, ap);
	va_end(ap);
	if (rc == 1) {
		*out = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return rc;
}

int
sq_real(struct sq *s, struct werr *e, double *out, const char *sql,
    const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = one_row(s, e, &st, sql, fmt, ap);
	va_end(ap);
	if (rc == 1) {
		*out = sqlite3_column_double(st, 0);
		sqlite3_reset(st);
	}
	return rc;
}

int
sq_text(struct sq *s, struct werr *e, char **out, const char *sql,
    const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	*out = NULL;
	va_start(ap, fmt);
	rc = one_row(s, e, &st, sql, fmt, ap);
	va_end(ap);
	if (rc == 1) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		if (t)
			*out = xstrndup((const char *)t,
			    (size_t)sqlite3_column_bytes(st, 0));
		sqlite3_reset(st);
	}
	return rc;
}

int
sq_collect(struct sq *s, struct werr *e, sqlite3_stmt *st, struct rows **out)
{
	int ncols = sqlite3_column_count(st), rc, i;
	struct rows *r = *out;

	s->last_sql = sqlite3_sql(st);
	if (r == NULL) {
		const char **names = xcalloc((size_t)ncols, sizeof *names);

		for (i = 0; i < ncols; i++)
			names[i] = sqlite3_column_name(st, i);
		r = rows_new((size_t)ncols, names);
		free(names);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = rows_add(r);

		for (i = 0; i < ncols && (size_t)i < r->ncols; i++) {
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER:
				rows_set_int(r, row, (size_t)i,
				    sqlite3_column_int64(st, i));
				break;
			case SQLITE_FLOAT:
				rows_set_real(r, row, (size_t)i,
				    sqlite3_column_double(st, i));
				break;
			case SQLITE_TEXT:
			case SQLITE_BLOB:
				rows_set_textn(r, row, (size_t)i,
				    (const char *)sqlite3_column_text(st, i),
				    (size_t)sqlite3_column_bytes(st, i));
				break;
			default:
				break;
			}
		}
	}
	sqlite3_reset(st);
	*out = r;
	if (rc != SQLITE_DONE)
		return sq_fail(s, e, rc, "reading");
	return 0;
}

int
sq_rows(struct sq *s, struct werr *e, struct rows **out, const char *sql,
    const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, fmt);
	st = prep_bind(s, e, sql, fmt, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	return sq_collect(s, e, st, out);
}

static int
exec_plain(struct sq *s, struct werr *e, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &err);

	sqlite3_free(err);
	if (rc != SQLITE_OK)
		return sq_fail(s, e, rc, sql);
	return 0;
}

int
sq_begin(struct sq *s, struct werr *e)
{
	int rc;

	if (s->tx_depth > 0) {
		if (exec_plain(s, e, "SAVEPOINT warden") < 0)
			return -1;
		s->tx_depth++;
		return 0;
	}
	/* busy_timeout waits for the lock; BEGIN IMMEDIATE takes it before
	 * anything is read, so two writers never deadlock on an upgrade. */
	rc = exec_plain(s, e, "BEGIN IMMEDIATE");
	if (rc < 0)
		return -1;
	s->tx_depth = 1;
	return 0;
}

int
sq_commit(struct sq *s, struct werr *e)
{
	if (s->tx_depth > 1) {
		s->tx_depth--;
		return exec_plain(s, e, "RELEASE warden");
	}
	if (exec_plain(s, e, "COMMIT") < 0) {
		sq_rollback(s);
		return -1;
	}
	s->tx_depth = 0;
	return 0;
}

void
sq_rollback(struct sq *s)
{
	if (s->tx_depth > 1) {
		sqlite3_exec(s->db, "ROLLBACK TO warden; RELEASE warden", NULL,
		    NULL, NULL);
		s->tx_depth--;
		return;
	}
	if (s->tx_depth == 1)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->tx_depth = 0;
}

int
sq_meta_int(struct sq *s, const char *k, int64_t *v, struct werr *e)
{
	char *t = NULL;
	int rc = sq_text(s, e, &t, "SELECT v FROM meta WHERE k = ?", "t", k);

	*v = 0;
	if (rc > 0 && t)
		(void)str_to_i64(t, 0, INT64_MAX, v);
	free(t);
	return rc < 0 ? -1 : 0;
}

int
sq_meta_set(struct sq *s, const char *k, const char *v, struct werr *e)
{
	return sq_run(s, e, "INSERT INTO meta(k, v) VALUES (?, ?) "
	    "ON CONFLICT(k) DO UPDATE SET v = excluded.v", "tt", k, v);
}

int
sq_meta_set_int(struct sq *s, const char *k, int64_t v, struct werr *e)
{
	char t[32];

	snprintf(t, sizeof t, "%lld", (long long)v);
	return sq_meta_set(s, k, t, e);
}

double
sq_rule(struct sq *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->rules->n; i++)
		if (strcmp(s->rules->names[i], name) == 0)
			return s->rules->values[i];
	fatal("rule '%s' is not loaded", name);
}

static void
rules_free(struct rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		free(r->names[i]);
	free(r->names);
	free(r->values);
	free(r);
}

static int
rules_load(struct sq *s, struct werr *e)
{
	struct rows *rows = NULL;
	struct rules *r;
	size_t i;

	if (sq_rows(s, e, &rows, "SELECT name, value FROM rule", "") < 0)
		return -1;
	r = xcalloc(1, sizeof *r);
	r->n = rows->nrows;
	r->names = xcalloc(r->n, sizeof *r->names);
	r->values = xcalloc(r->n, sizeof *r->values);
	for (i = 0; i < r->n; i++) {
		const char *n = rows_text(rows, i, "name");

		r->names[i] = xstrdup(n ? n : "");
		r->values[i] = rows_real(rows, i, "value", 0);
	}
	rows_free(rows);
	rules_free(s->rules);
	s->rules = r;
	for (i = 0; i < W_NELEM(rule_names); i++) {
		size_t j;

		for (j = 0; j < r->n; j++)
			if (strcmp(r->names[j], rule_names[i]) == 0)
				break;
		if (j == r->n)
			return werr_set(e, WE_INVALID, "%s: the rule table has "
			    "no '%s'; restore it (see warden(1), RULES)",
			    s->path, rule_names[i]);
	}
	return 0;
}

static int
migrate(struct sq *s, int from, struct werr *e)
{
	int v;
	char pragma[64];

	if (sq_begin(s, e) < 0)
		return -1;
	for (v = from; v < schema_version(); v++) {
		if (exec_plain(s, e, schema_migration(v)) < 0) {
			sq_rollback(s);
			if (e)
				snprintf(e->msg + strlen(e->msg),
				    sizeof e->msg - strlen(e->msg),
				    " (migrating to schema %d)", v + 1);
			return -1;
		}
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
	    schema_version());
	if (exec_plain(s, e, pragma) < 0) {
		sq_rollback(s);
		return -1;
	}
	return sq_commit(s, e);
}

/* What is at path, before SQLite touches it: SQLite would happily make a
 * new empty database where the moderator mistyped a name. */
static int
check_file(const char *path, enum sqlite_open_mode mode, struct werr *e)
{
	static const char magic[16] = "SQLite format 3";
	struct stat sb;
	char head[16];
	FILE *f;

	if (stat(path, &sb) < 0) {
		if (errno == ENOENT && mode == STORE_OPEN_CREATE)
			return 0;
		if (errno == ENOENT)
			return werr_set(e, WE_NOINPUT, "%s: no such database; "
			    "make one with 'warden init %s' or "
			    "'warden demo %s'", path, path, path);
		return werr_set(e, WE_NOINPUT, "%s: %s", path, strerror(errno));
	}
	if (mode == STORE_OPEN_CREATE)
		return werr_set(e, WE_CANTCREATE, "%s: already exists; "
		    "choose another path or remove it first", path);
	if (!S_ISREG(sb.st_mode))
		return werr_set(e, WE_INVALID, "%s: not a regular file", path);
	if (access(path, R_OK) < 0)
		return werr_set(e, WE_PERM, "%s: cannot read the database "
		    "(%s)", path, strerror(errno));
	if (access(path, W_OK) < 0)
		return werr_set(e, WE_PERM, "%s: the database is read-only; "
		    "warden writes its audit log there, so it needs write "
		    "access to the file and its directory", path);
	if (sb.st_size == 0)
		return werr_set(e, WE_INVALID, "%s: empty file, not a warden "
		    "database; make one with 'warden init %s'", path, path);
	f = fopen(path, "rb");
	if (f == NULL)
		return werr_set(e, WE_PERM, "%s: %s", path, strerror(errno));
	if (fread(head, 1, sizeof head, f) != sizeof head ||
	    memcmp(head, magic, sizeof magic) != 0) {
		fclose(f);
		return werr_set(e, WE_INVALID, "%s: not a SQLite database "
		    "(wrong path?)", path);
	}
	fclose(f);
	return 0;
}

static int
pragma_int(struct sq *s, struct werr *e, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return sq_fail(s, e, rc, sql);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(s, e, rc, sql);
	return 0;
}

struct store *
sqlite_store_open(const char *path, enum sqlite_open_mode mode,
    struct werr *e)
{
	struct sq *s;
	int64_t version, tables;
	const char *now_env;
	int rc, flags = SQLITE_OPEN_READWRITE;

	if (check_file(path, mode, e) < 0)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->base.ops = &sqlite_ops;
	s->path = xstrdup(path);
	s->describe = xasprintf("sqlite %s", path);
	now_env = getenv("WARDEN_NOW");
	if (now_env && *now_env &&
	    !time_parse(now_env, (int64_t)time(NULL), &s->fixed_now)) {
		werr_set(e, WE_USAGE, "WARDEN_NOW: '%s' is not a time "
		    "(2026-11-22T10:00:00Z or seconds since 1970)", now_env);
		goto fail;
	}
	if (mode == STORE_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &s->db, flags, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(s, e, rc, path);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	if (pragma_int(s, e, "PRAGMA user_version", &version) < 0)
		goto fail;
	if (version > schema_version()) {
		werr_set(e, WE_UNAVAILABLE, "%s: schema version %lld is newer "
		    "than this warden knows (%d); use a newer warden, the "
		    "database was not changed", path, (long long)version,
		    schema_version());
		goto fail;
	}
	if (version == 0 && mode == STORE_OPEN_EXISTING) {
		if (pragma_int(s, e, "SELECT count(*) FROM sqlite_master",
		    &tables) < 0)
			goto fail;
		werr_set(e, WE_INVALID, tables ? "%s: a SQLite database, but "
		    "not a warden one" : "%s: an empty database; make it a "
		    "warden one with 'warden init'", path);
		goto fail;
	}
	if (exec_plain(s, e, "PRAGMA foreign_keys = ON") < 0 ||
	    exec_plain(s, e, "PRAGMA journal_mode = WAL") < 0 ||
	    exec_plain(s, e, "PRAGMA synchronous = FULL") < 0)
		goto fail;
	if (mask_register(s->db) != SQLITE_OK ||
	    outbox_register(s->db) != SQLITE_OK) {
		sq_fail(s, e, sqlite3_errcode(s->db), "registering functions");
		goto fail;
	}
	if (version < schema_version() && migrate(s, (int)version, e) < 0)
		goto fail;
	if (rules_load(s, e) < 0)
		goto fail;
	return &s->base;
fail:
	s->base.ops->close(&s->base);
	return NULL;
}

int
sq_moderator_rank(struct sq *s, const char *name, struct werr *e)
{
	char *role = NULL;
	int rc, rank;

	rc = sq_text(s, e, &role, "SELECT role FROM moderator WHERE name = ? "
	    "AND active = 1", "t", name);
	if (rc < 0)
		return -1;
	rank = rc ? role_rank(role) : 0;
	free(role);
	return rank;
}

static const char *
sq_describe(struct store *st)
{
	return sq_of(st)->describe;
}

static void
sq_close(struct store *st)
{
	struct sq *s = sq_of(st);
	size_t i;

	if (s == NULL)
		return;
	if (s->tx_depth)
		sq_rollback(s);
	for (i = 0; i < s->nslots; i++)
		if (s->slots[i].st)
			sqlite3_finalize(s->slots[i].st);
	free(s->slots);
	if (s->db)
		sqlite3_close(s->db);
	rules_free(s->rules);
	free(s->path);
	free(s->describe);
	free(s);
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.query = sq_query,
	.apply = sq_apply,
	.describe = sq_describe,
	.close = sq_close,
};
