/* tests/unit/fixture.h: a real SQLite store in a temporary directory,
 * with moderators alice (admin), bob (senior), carol (moderator), a fixed
 * clock, and helpers that insert marketplace rows directly (as the
 * marketplace itself would) for hand-made cases. */
#ifndef WARDEN_FIXTURE_H
#define WARDEN_FIXTURE_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../data/store.h"

#define FX_NOW 1795000000LL	/* 2026-11-18T09:46:40Z */
#define DAY 86400LL

struct fixture {
	char dir[256];
	char path[300];
	struct store *st;
	sqlite3 *raw;		/* a second connection, for direct rows */
	int64_t now;
	struct werr err;
	struct action_result res;
};

struct fixture *fx_open(void);
/* The fixture's clock (f->now), for a second store on the same file. */
int64_t fx_clock(void *ctx);
void fx_close(struct fixture *f);
/* Runs SQL on the raw connection; fails the test on error. */
void fx_sql(struct fixture *f, const char *sql);
int64_t fx_int(struct fixture *f, const char *sql);	/* first column */
char *fx_text(struct fixture *f, const char *sql);	/* caller frees */

/* An account created `age_days` ago. */
int64_t fx_account(struct fixture *f, const char *handle, int age_days,
    bool phone_verified, int tx, int social);
int64_t fx_flag(struct fixture *f, int64_t account, int64_t reporter,
    const char *reason, int severity, int age_days);
void fx_vouch(struct fixture *f, int64_t voucher, int64_t vouchee);
void fx_rating(struct fixture *f, int64_t rater, int64_t ratee, int stars);
void fx_recompute(struct fixture *f);

/* Applies one action: actor, kind, target id (or name for moderators and
 * templates via target_name), reason, then k, v parameter pairs, NULL.
 * Returns store_apply's result; f->res and f->err hold the answer. */
int fx_act(struct fixture *f, const char *actor, enum action_kind kind,
    int64_t target, const char *reason, ...);
int fx_act_named(struct fixture *f, const char *actor, enum action_kind kind,
    const char *name, const char *reason, ...);
/* The action those take: actor, kind, target, name, reason, then k, v
 * pairs ("--key" K, "--force" "", "--dry-run" "" or parameters), NULL. */
void fx_action_v(struct action *a, const char *actor, enum action_kind kind,
    int64_t target, const char *name, const char *reason, va_list ap);
/* Rows of a query with k, v pairs, NULL-terminated; fails on error. */
struct rows *fx_query(struct fixture *f, const char *what, ...);
/* Takes k, v pairs up to a NULL k into params (at most max of them);
 * returns how many. */
size_t fx_params_v(struct param *params, size_t max, va_list ap);

/* A row of a table-driven test, in a fixture of its own: cmocka's
 * initial state is the row; fx_cell_setup makes the cell, the test's
 * state, and fx_cell_teardown closes it, after a failure too. */
struct fx_cell {
	const void *row;
	struct fixture *f;
};
int fx_cell_setup(void **state);
int fx_cell_teardown(void **state);

/* A store that passes everything on to another and counts the queries:
 * what a view or a command costs over a slow link. */
struct fx_counting {
	struct store base;
	struct store *inner;
	int queries;
};
void fx_counting_init(struct fx_counting *c, struct store *inner);

#endif
