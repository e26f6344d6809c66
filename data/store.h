/* data/store.h: the store interface.  Views and commands read through
 * store_query() one keyset page at a time, and write through
 * store_apply() only.  Two stores implement it: the SQLite store (here)
 * and the HTTP store (api/), which sends the same queries and actions to
 * `warden serve`, itself the SQLite store behind HTTP. */
#ifndef WARDEN_STORE_H
#define WARDEN_STORE_H

#include "model.h"

/* A query: what to read, its filters as name=value text parameters, and
 * the page (cursor from the previous page's rows->next, and a limit).
 *
 * What may be asked (parameters in brackets are optional; paged ones take
 * cursor and limit):
 *
 *   whoami      [name]            the acting moderator: name, role, active
 *   queue       [status reason trust claimed sort]      paged
 *   accounts    [q status trust]  handle prefix / filters       paged
 *   account     id | handle       one row, PII masked
 *   breakdown   account           trust rules: level, rule, holds, have, need
 *   flags       [account status reason reporter]        paged
 *   threads     account                                  paged
 *   thread      id                one row with its participants
 *   messages    thread                                   paged
 *   search      q                 FTS over handles and messages  paged
 *   escalations [status assignee overdue account]        paged
 *   audit       [actor account action since until target] paged
 *   history     account           audit entries on it    paged
 *   notes       account           sticky first
 *   tags        account
 *   strikes     account
 *   vouches     account           both directions
 *   ratings     account           both directions        paged
 *   appeals     [status account]                          paged
 *   templates   [name]
 *   moderators
 *   tokens      [moderator]       no secrets, ever
 *   muted
 *   rules                         trust and escalation numbers
 *   stats                         counts for the status line
 *   verify                        audit chain: ok, entries, first bad id
 *   marks       [account message thread detector]       paged
 *                                 detector marks: why, byte span, flag
 *   ring        account           the vouch ring(s) it was found in
 *   rings                         every ring found        paged
 *   escalation  id                one, with its cause and how it ended
 *   trust_levels [days]           accounts per level, moves in days
 *   demoted     [days]            accounts whose level went down  paged
 *   near_level  [level]           one rule short of the next level paged
 *   outbox      [status]          webhook events          paged
 *
 * Unknown names or parameters are refused (WE_USAGE naming them). */
struct query {
	const char *what;
	size_t nparams;
	const struct param *params;
	const char *cursor;	/* NULL: first page */
	int limit;		/* 0: the default (50); at most 500 */
};

#define QUERY_LIMIT_DEFAULT 50
#define QUERY_LIMIT_MAX 500

struct store;

struct store_ops {
	const char *name;	/* "sqlite", "http" */
	int (*query)(struct store *, const struct query *, struct rows **,
	    struct werr *);
	/* Applies acts[0..n) in one transaction: all or nothing.  res has n
	 * entries, filled on success.  A dry run (every act's dry_run) is
	 * applied and rolled back. */
	int (*apply)(struct store *, struct action *acts, size_t n,
	    struct action_result *res, struct werr *);
	/* One line for the status line: "sqlite demo.db", "http host:port" */
	const char *(*describe)(struct store *);
	void (*close)(struct store *);
};

struct store {
	const struct store_ops *ops;
};

static inline int
store_query(struct store *s, const struct query *q, struct rows **out,
    struct werr *e)
{
	return s->ops->query(s, q, out, e);
}

static inline int
store_apply(struct store *s, struct action *acts, size_t n,
    struct action_result *res, struct werr *e)
{
	return s->ops->apply(s, acts, n, res, e);
}

static inline void
store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
}

/* Runs a query given as what plus "k=v" pairs, NULL-terminated:
 * store_queryv(s, &rows, e, "flags", "account", "12", NULL).  No cursor,
 * the default limit. */
int store_queryv(struct store *s, struct rows **out, struct werr *e,
    const char *what, ...);

/* ------------------------------------------------------------------ */
/* The SQLite store. */

enum sqlite_open_mode {
	STORE_OPEN_EXISTING,	/* the file must exist and be a warden db */
	STORE_OPEN_CREATE,	/* create (warden init / demo) */
};

/* Opens (and migrates) the database at path.  Errors name the path and
 * what to do.  The clock is the system's unless WARDEN_NOW is set (a time
 * as time_parse() reads it) or sqlite_store_set_clock() is called. */
struct store *sqlite_store_open(const char *path, enum sqlite_open_mode mode,
    struct werr *e);
void sqlite_store_set_clock(struct store *s, int64_t (*now)(void *),
    void *ctx);
int64_t sqlite_store_now(struct store *s);
/* The schema version this binary writes (PRAGMA user_version). */
int sqlite_schema_version(void);
/* Registers a moderator directly (warden init / demo, before any
 * moderator exists to act).  Audited like moderator.add by "warden". */
int sqlite_store_bootstrap_admin(struct store *s, const char *name,
    struct werr *e);
/* Recomputes trust levels, scores and queue priorities: of one account,
 * or of all (account 0) in passes, after data came in from outside the
 * store (the demo, an import).  Levels that depend on vouchers' levels
 * settle in the second pass. */
int sqlite_store_recompute(struct store *s, int64_t account, struct werr *e);
/* Token check for the server: the moderator a bearer token names, or
 * WE_AUTH.  *name is allocated. */
int sqlite_store_token_moderator(struct store *s, const char *token,
    char **name, struct werr *e);

/* The demo marketplace (data/demo.c). */
struct demo_options {
	int64_t accounts;	/* 2000 by default */
	uint64_t seed;		/* 1 by default */
	const char *login;	/* registered as admin beside the demo ones */
	bool quiet;		/* no progress on stderr */
};
int demo_create(const char *path, const struct demo_options *o,
    struct werr *e);

#endif
