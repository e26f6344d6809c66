/* data/sq.h: inside the SQLite store.  Shared by the files that make it
 * up (sqlite.c, query.c, apply.c, act_*.c, audit.c, trust.c, demo.c);
 * nothing outside data/ includes this. */
#ifndef WARDEN_SQ_H
#define WARDEN_SQ_H

#include <sqlite3.h>

#include "store.h"

struct stmt_slot {
	const char *sql;	/* a string literal: its address is the key */
	sqlite3_stmt *st;
};

struct rules;

struct sq {
	struct store base;
	sqlite3 *db;
	char *path;
	char *describe;
	int64_t (*clock)(void *);
	void *clock_ctx;
	int64_t fixed_now;	/* WARDEN_NOW, or 0 */
	struct stmt_slot *slots;
	size_t nslots;		/* power of two */
	size_t used;
	struct rules *rules;
	int tx_depth;		/* > 0 inside sq_begin() */
	const char *last_sql;	/* the last query read through sq_collect(),
				 * for tests that check its plan */
};

static inline struct sq *
sq_of(struct store *s)
{
	return (struct sq *)s;
}

int64_t sq_now(struct sq *s);

/* A cached prepared statement for a literal SQL string, reset and with
 * its bindings cleared. */
sqlite3_stmt *sq_prep(struct sq *s, const char *sql, struct werr *e);

/* Binds by a format: i int64_t, I int64_t or NULL when <= 0 (an optional
 * id), d double, t const char * (NULL binds NULL), b bool as 0/1. */
int sq_bindv(sqlite3_stmt *st, const char *fmt, va_list ap);

/* Runs a statement that returns no rows.  Returns 0, or -1 with e set. */
int sq_run(struct sq *s, struct werr *e, const char *sql, const char *fmt,
    ...);
/* One integer: 1 and *out if a row came back, 0 if none, -1 on error.
 * A NULL value reads as 0. */
int sq_int(struct sq *s, struct werr *e, int64_t *out, const char *sql,
    const char *fmt, ...);
int sq_real(struct sq *s, struct werr *e, double *out, const char *sql,
    const char *fmt, ...);
/* One text: 1 and *out allocated (NULL if the value was NULL), 0 if no row,
 * -1 on error. */
int sq_text(struct sq *s, struct werr *e, char **out, const char *sql,
    const char *fmt, ...);
/* Every row of a query into rows, columns named as the SQL names them. */
int sq_rows(struct sq *s, struct werr *e, struct rows **out, const char *sql,
    const char *fmt, ...);
/* Appends rows of an already bound and stepped-from-start statement. */
int sq_collect(struct sq *s, struct werr *e, sqlite3_stmt *st,
    struct rows **out);

/* Maps the connection's last error to e: BUSY/LOCKED -> WE_TEMP,
 * CORRUPT/NOTADB -> WE_INVALID naming the file, others WE_INTERNAL. */
int sq_fail(struct sq *s, struct werr *e, int rc, const char *what);

/* Write transactions: BEGIN IMMEDIATE, with nesting by savepoints so that
 * an action applied inside an atomic batch joins it. */
int sq_begin(struct sq *s, struct werr *e);
int sq_commit(struct sq *s, struct werr *e);
void sq_rollback(struct sq *s);

/* The meta table's numbers (0 when missing or not a number) and text:
 * high-water marks and the like. */
int sq_meta_int(struct sq *s, const char *k, int64_t *v, struct werr *e);
int sq_meta_set(struct sq *s, const char *k, const char *v, struct werr *e);
int sq_meta_set_int(struct sq *s, const char *k, int64_t v, struct werr *e);

/* The rules table, loaded on open. */
double sq_rule(struct sq *s, const char *name);

/* trust.c: recompute trust level, score and queue priority of one account
 * (inside a transaction). */
int trust_recompute(struct sq *s, int64_t account, struct werr *e);
/* Recompute the accounts an account has open flags against, after its
 * standing as a reporter changed. */
int trust_recompute_reported_by(struct sq *s, int64_t reporter,
    struct werr *e);
/* The breakdown rows for the `breakdown` query. */
int trust_breakdown(struct sq *s, int64_t account, struct rows **out,
    struct werr *e);
int priority_recompute(struct sq *s, int64_t account, struct werr *e);

/* audit.c */
struct audit_entry {
	const char *actor, *action, *target, *reason, *params, *result;
	const char *key, *fingerprint;
	int64_t account;	/* affected account, 0 if none */
};
int audit_append(struct sq *s, const struct audit_entry *a, int64_t *id,
    struct werr *e);
int audit_verify(struct sq *s, struct rows **out, struct werr *e);

/* A field of an earlier entry whose text is to be replaced (erase). */
struct audit_redaction {
	int64_t audit_id;	/* an earlier entry */
	const char *field;	/* "reason", "params" or "result" */
	const char *text;	/* what the field becomes */
};
/* Appends entry a and, in the same transaction, replaces the named fields
 * of earlier entries.  Their digests before and after are kept (table
 * audit_redaction) and a's params gain "redactions": n and
 * "redactions_sha256" (a digest of that list), so verify still passes,
 * and finds a redaction that no entry of the chain authorized. */
int audit_append_redacting(struct sq *s, const struct audit_entry *a,
    const struct audit_redaction *r, size_t n, int64_t *id,
    struct werr *e);

/* query.c */
int sq_query(struct store *st, const struct query *q, struct rows **out,
    struct werr *e);

/* apply.c */
int sq_apply(struct store *st, struct action *acts, size_t n,
    struct action_result *res, struct werr *e);

/* The moderator's role (0 if unknown or disabled). */
int sq_moderator_rank(struct sq *s, const char *name, struct werr *e);

/* mask.c: masked PII, also registered as SQL functions mask_email() and
 * mask_phone() on every connection. */
char *mask_email(const char *email);
char *mask_phone(const char *phone);
int mask_register(sqlite3 *db);
/* events.c: hook_takes(events, event), for the outbox query. */
int outbox_register(sqlite3 *db);

#endif
