/* tests/unit/test_priority.c: queue priority, a term of warden(1)'s
 * formula (queue) at a time.  From one flagged account (one open flag of
 * medium severity, a day old, from a member reporter with no record, on
 * a member account), each row varies one thing: the flag's severity, the
 * reporter's trust level, their record of upheld and dismissed flags,
 * muting, the account's trust level, the flag's age, several flags, a
 * rule's number.  The priority the queue shows must be the formula's,
 * with the numbers read from the rules table:
 *
 *   sum over open flags of weight(severity) x standing(reporter)
 *     x max(0.25, 1 + lowtrust_step x (2 - account's trust level))
 *   + age_per_day x days the oldest open flag has waited
 *
 *   standing = (0.5 + 0.25 x reporter's level) x 2 x (upheld + 1)
 *              / (upheld + dismissed + 2); a detector's flag 1; muted 0
 */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum muted { NOT_MUTED, MUTED_FOR_GOOD, MUTED_UNTIL_LATER, MUTE_ENDED };

struct row {
	const char *name;
	int severity;
	int reporter_level;	/* -1: a detector's flag */
	int upheld, dismissed;
	enum muted muted;
	int account_level;
	int age_days;
	int second_severity;	/* a second open flag, from the same: 0 none */
	const char *rule;	/* "name=value": a rule changed, or NULL */
};

/* the starting point, and one thing varied a row */
#define BASE 2, 2, 0, 0, NOT_MUTED, 2, 1, 0, NULL
static const struct row table[] = {
	{ "the starting point", BASE },
	{ "severity low", 1, 2, 0, 0, NOT_MUTED, 2, 1, 0, NULL },
	{ "severity high", 3, 2, 0, 0, NOT_MUTED, 2, 1, 0, NULL },
	{ "a reporter of level 0", 2, 0, 0, 0, NOT_MUTED, 2, 1, 0, NULL },
	{ "a reporter of level 1", 2, 1, 0, 0, NOT_MUTED, 2, 1, 0, NULL },
	{ "a reporter of level 3", 2, 3, 0, 0, NOT_MUTED, 2, 1, 0, NULL },
	{ "a reporter of level 4", 2, 4, 0, 0, NOT_MUTED, 2, 1, 0, NULL },
	{ "a detector's flag", 2, -1, 0, 0, NOT_MUTED, 2, 1, 0, NULL },
	{ "a reporter with 3 flags upheld", 2, 2, 3, 0, NOT_MUTED, 2, 1, 0,
	    NULL },
	{ "a reporter with 3 flags dismissed", 2, 2, 0, 3, NOT_MUTED, 2, 1, 0,
	    NULL },
	{ "a reporter with 5 upheld and 5 dismissed", 2, 2, 5, 5, NOT_MUTED, 2,
	    1, 0, NULL },
	{ "a reporter muted for good", 2, 2, 0, 0, MUTED_FOR_GOOD, 2, 1, 0,
	    NULL },
	{ "a reporter muted until later", 2, 2, 0, 0, MUTED_UNTIL_LATER, 2, 1,
	    0, NULL },
	{ "a reporter whose mute has ended", 2, 2, 0, 0, MUTE_ENDED, 2, 1, 0,
	    NULL },
	{ "an account of level 0", 2, 2, 0, 0, NOT_MUTED, 0, 1, 0, NULL },
	{ "an account of level 1", 2, 2, 0, 0, NOT_MUTED, 1, 1, 0, NULL },
	{ "an account of level 3", 2, 2, 0, 0, NOT_MUTED, 3, 1, 0, NULL },
	{ "an account of level 4", 2, 2, 0, 0, NOT_MUTED, 4, 1, 0, NULL },
	{ "a flag raised now", 2, 2, 0, 0, NOT_MUTED, 2, 0, 0, NULL },
	{ "a flag 10 days old", 2, 2, 0, 0, NOT_MUTED, 2, 10, 0, NULL },
	{ "a second flag, of low severity", 2, 2, 0, 0, NOT_MUTED, 2, 1, 1,
	    NULL },
	{ "weight_medium changed to 50", 2, 2, 0, 0, NOT_MUTED, 2, 1, 0,
	    "weight_medium=50" },
	{ "lowtrust_step changed to 0.6, on a level 0 account", 2, 2, 0, 0,
	    NOT_MUTED, 0, 1, 0, "lowtrust_step=0.6" },
	{ "lowtrust_step 0.5 on a leader: no lower than a quarter", 2, 2, 0, 0,
	    NOT_MUTED, 4, 1, 0, "lowtrust_step=0.5" },
	{ "age_per_day changed to 3, a flag 10 days old", 2, 2, 0, 0,
	    NOT_MUTED, 2, 10, 0, "age_per_day=3" },
};

static double
rule(struct rows *rules, const char *name)
{
	size_t i;

	for (i = 0; i < rules->nrows; i++)
		if (strcmp(rows_text(rules, i, "name"), name) == 0)
			return rows_real(rules, i, "value", NAN);
	fail_msg("no rule %s", name);
	return NAN;
}

static double
standing(const struct row *row)
{
	if (row->muted == MUTED_FOR_GOOD || row->muted == MUTED_UNTIL_LATER)
		return 0;
	if (row->reporter_level < 0)
		return 1;
	return (0.5 + 0.25 * row->reporter_level) * 2.0 *
	    (row->upheld + 1) / (row->upheld + row->dismissed + 2);
}

/* warden(1)'s formula, with the rules the store holds */
static double
formula(const struct row *row, struct rows *rules)
{
	static const char *const weight[] = { NULL, "weight_low",
		"weight_medium", "weight_high" };
	double sum, mult;

	sum = rule(rules, weight[row->severity]) * standing(row);
	if (row->second_severity)
		sum += rule(rules, weight[row->second_severity]) *
		    standing(row);
	mult = 1 + rule(rules, "lowtrust_step") * (2 - row->account_level);
	if (mult < 0.25)
		mult = 0.25;
	return sum * mult + rule(rules, "age_per_day") * row->age_days;
}

static void
lock_level(struct fixture *f, int64_t id, int level)
{
	char lv[8];

	snprintf(lv, sizeof lv, "%d", level);
	if (fx_act(f, "alice", A_TRUST, id, "priority test", "level", lv,
	    NULL) != 0 && f->err.kind != WE_CONFLICT)
		fail_msg("trust %d: %s", level, f->err.msg);
}

static void
priority_row(void **state)
{
	struct fx_cell *c = *state;
	const struct row *row = c->row;
	struct fixture *f = c->f;
	struct rows *rules, *q;
	int64_t sam, rita;
	double want, got;
	char sql[300], name[64];
	const char *rule_set = row->rule;
	size_t i;

	if (rule_set) {
		double v;

		assert_int_equal(sscanf(rule_set, "%63[a-z_]=%lf", name, &v),
		    2);
		snprintf(sql, sizeof sql, "UPDATE rule SET value = %g WHERE "
		    "name = '%s'", v, name);
		fx_sql(f, sql);
		assert_int_equal(sqlite3_changes(f->raw), 1);
		/* rules are read when a store opens */
		store_close(f->st);
		f->st = sqlite_store_open(f->path, STORE_OPEN_EXISTING,
		    &f->err);
		assert_non_null(f->st);
		sqlite_store_set_clock(f->st, fx_clock, f);
	}
	sam = fx_account(f, "sam", 100, true, 12, 1);
	rita = fx_account(f, "rita", 100, true, 12, 1);
	snprintf(sql, sizeof sql, "UPDATE account SET reports_upheld = %d, "
	    "reports_dismissed = %d WHERE id = %lld", row->upheld,
	    row->dismissed, (long long)rita);
	fx_sql(f, sql);
	fx_flag(f, sam, row->reporter_level < 0 ? 0 : rita, "fraud",
	    row->severity, row->age_days);
	if (row->second_severity)
		fx_flag(f, sam, row->reporter_level < 0 ? 0 : rita, "spam",
		    row->second_severity, row->age_days);
	/* not open: counts for nothing */
	snprintf(sql, sizeof sql, "INSERT INTO flag(account_id, reporter_id, "
	    "reason, severity, created, status) VALUES (%lld, %lld, 'scam', "
	    "3, %lld, 'dismissed')", (long long)sam, (long long)rita,
	    (long long)(f->now - 30 * DAY));
	fx_sql(f, sql);
	if (row->muted != NOT_MUTED) {
		snprintf(sql, sizeof sql, "INSERT INTO muted_reporter(account_id, "
		    "until, muted_by, at) VALUES (%lld, %s, 'alice', 0)",
		    (long long)rita, row->muted == MUTED_FOR_GOOD ? "NULL" :
		    row->muted == MUTED_UNTIL_LATER ? "1795086400" :
		    "1794913600");
		fx_sql(f, sql);
	}
	fx_recompute(f);
	if (row->reporter_level >= 0)
		lock_level(f, rita, row->reporter_level);
	lock_level(f, sam, row->account_level);
	fx_recompute(f);
	assert_int_equal(fx_int(f, "SELECT trust_level FROM account WHERE "
	    "handle = 'sam'"), row->account_level);

	rules = fx_query(f, "rules", NULL);
	want = formula(row, rules);
	rows_free(rules);
	q = fx_query(f, "queue", NULL);
	got = NAN;
	for (i = 0; i < q->nrows; i++)
		if (rows_int(q, i, "id", 0) == sam)
			got = rows_real(q, i, "priority", NAN);
	rows_free(q);
	if (isnan(got))
		fail_msg("@sam is not in the queue");
	/* the queue shows one decimal */
	if (fabs(got - want) > 0.051)
		fail_msg("priority %.2f, the formula gives %.2f", got, want);
}

int
main(void)
{
	struct CMUnitTest tests[W_NELEM(table)];
	size_t i;

	for (i = 0; i < W_NELEM(table); i++) {
		memset(&tests[i], 0, sizeof tests[i]);
		tests[i].name = table[i].name;
		tests[i].test_func = priority_row;
		tests[i].setup_func = fx_cell_setup;
		tests[i].teardown_func = fx_cell_teardown;
		tests[i].initial_state = (void *)&table[i];
	}
	return _cmocka_run_group_tests("queue priority, a term at a time",
	    tests, W_NELEM(tests), NULL, NULL);
}
